//! The Spark driver (`contrib/spark/mashup_spark.py`) for real, on Spark's
//! `local-cluster[2,1,1024]` master: two worker JVMs, so the `mashup` binary
//! is shipped to executors with `SparkContext.addFile`. The merged report
//! must equal the single-machine scan byte for byte.
//!
//! Needs `spark-submit` (`pip install pyspark`, and Java): from
//! `$MASHUP_SPARK_SUBMIT`, else the PATH. Skipped when there is none, unless
//! `MASHUP_REQUIRE_SPARK=1` (as `.ci/run` sets, after installing it).

use crate::util::{mashup, root, shared_file};
use std::path::{Path, PathBuf};

fn spark_submit() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("MASHUP_SPARK_SUBMIT") {
        return Some(PathBuf::from(path));
    }
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join("spark-submit"))
            .find(|p| p.is_file())
    })
}

#[test]
fn spark_local_cluster_gives_the_single_machine_report() {
    let Some(submit) = spark_submit() else {
        assert!(
            std::env::var_os("MASHUP_REQUIRE_SPARK").is_none_or(|v| v != "1"),
            "MASHUP_REQUIRE_SPARK=1 but no spark-submit (set MASHUP_SPARK_SUBMIT or PATH)"
        );
        eprintln!("skipped: no spark-submit (pip install pyspark)");
        return;
    };
    let corpus = shared_file("corpus/uk-2015")
        .and_then(|p| p.parent().map(Path::to_path_buf))
        .unwrap_or_else(|| root().join("corpus"));
    let corpus = corpus.canonicalize().unwrap();
    let single = mashup()
        .arg("scan")
        .arg(&corpus)
        .args(["--format", "json"])
        .output()
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("spark.json");
    let out = std::process::Command::new(submit)
        .args(["--master", "local-cluster[2,1,1024]"])
        .arg(root().join("contrib/spark/mashup_spark.py"))
        .arg("--mashup")
        .arg(env!("CARGO_BIN_EXE_mashup"))
        .args(["--shards", "4", "--parts"])
        .arg(dir.path().join("parts"))
        .args(["--format", "json", "--output"])
        .arg(&report)
        .arg("--")
        .args(["--ocr", "never"])
        .arg(&corpus)
        .current_dir(dir.path())
        .output()
        .unwrap();
    // A job that fails inside Spark (an executor that cannot copy the
    // binary to a full disk) exits 1 like a run with an unreadable document,
    // but writes no report: say what Spark said.
    assert!(
        out.status.code().is_some_and(|c| c <= 1) && report.exists(),
        "spark-submit failed ({:?}): {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    let merged = std::fs::read(&report).unwrap();
    crate::util::json(&merged);
    assert!(
        merged == single.stdout,
        "the Spark report differs from the single-machine scan"
    );
    let parts = std::fs::read_dir(dir.path().join("parts")).unwrap().count();
    assert_eq!(parts, 4);
}
