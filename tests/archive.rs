//! Whole archives (issue 10): JSON Lines, shards merged back byte for byte,
//! the cache, and a scan killed half way then resumed. On the 68 real
//! manifestos of `../shared/corpus` when it is there, on the sample corpus
//! otherwise.

use crate::util::{mashup, root, shared_file};
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

/// The real corpus when `../shared` is there, else the sample corpus.
fn corpus() -> PathBuf {
    shared_file("corpus/uk-2015")
        .and_then(|p| p.parent().map(Path::to_path_buf))
        .unwrap_or_else(|| root().join("corpus"))
}

fn scan_json(args: &[&str]) -> Vec<u8> {
    let out = mashup()
        .arg("scan")
        .arg(corpus())
        .args(["--format", "json"])
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.code().is_some_and(|c| c <= 1), "{out:?}");
    crate::util::json(&out.stdout);
    out.stdout
}

/// Lines of a JSON Lines file that are documents.
fn document_lines(path: &Path) -> usize {
    std::fs::File::open(path).map_or(0, |f| {
        std::io::BufReader::new(f)
            .lines()
            .map_while(Result::ok)
            .filter(|l| l.starts_with("{\"type\":\"document\""))
            .count()
    })
}

#[test]
fn four_shards_merge_into_the_single_scan_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let single = scan_json(&[]);
    let mut parts = Vec::new();
    for i in 0..4 {
        let part = dir.path().join(format!("part-{i}.jsonl"));
        let status = mashup()
            .arg("scan")
            .arg(corpus())
            .args(["--format", "jsonl", "--shard", &format!("{i}/4"), "-o"])
            .arg(&part)
            .output()
            .unwrap()
            .status;
        assert!(status.code().is_some_and(|c| c <= 1));
        parts.push(part);
    }
    // Shares are disjoint and cover every file.
    let total: usize = parts.iter().map(|p| document_lines(p)).sum();
    let single_value: serde_json::Value = serde_json::from_slice(&single).unwrap();
    assert_eq!(total, single_value["documents"].as_array().unwrap().len());
    assert!(parts.iter().all(|p| document_lines(p) > 0));

    parts.reverse();
    let merged = mashup()
        .arg("merge")
        .args(&parts)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(merged.status.code().is_some_and(|c| c <= 1), "{merged:?}");
    assert!(
        merged.stdout == single,
        "the merged report differs from the single scan"
    );
    // Every other format renders the same from the parts as from the scan.
    for format in ["table", "markdown", "html"] {
        let from_parts = mashup()
            .arg("merge")
            .args(&parts)
            .args(["--format", format])
            .output()
            .unwrap();
        let from_scan = mashup()
            .arg("scan")
            .arg(corpus())
            .args(["--format", format])
            .output()
            .unwrap();
        assert!(from_parts.stdout == from_scan.stdout, "{format} differs");
    }

    // Three of four shards: refused, naming the missing one.
    mashup()
        .arg("merge")
        .args(&parts[1..])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("missing"));
}

#[test]
fn a_part_renders_like_the_scan_and_a_cut_part_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let part = dir.path().join("all.jsonl");
    mashup()
        .arg("scan")
        .arg(root().join("corpus"))
        .args(["--format", "jsonl", "-o"])
        .arg(&part)
        .assert()
        .success();
    let text = std::fs::read_to_string(&part).unwrap();
    assert!(text.starts_with("{\"type\":\"header\""));
    assert!(text
        .trim_end()
        .ends_with("\"type\":\"end\",\"data\":{\"documents\":4,\"warnings\":0}}"));
    let from_part = mashup()
        .arg("report")
        .arg(&part)
        .args(["--format", "json"])
        .output()
        .unwrap();
    let from_scan = mashup()
        .arg("scan")
        .arg(root().join("corpus"))
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(from_part.status.success());
    assert!(from_part.stdout == from_scan.stdout);

    let cut = dir.path().join("cut.jsonl");
    std::fs::write(&cut, &text[..text.len() / 2]).unwrap();
    mashup()
        .arg("report")
        .arg(&cut)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("cut.jsonl is cut off"));
}

#[test]
fn files_from_and_bad_shards() {
    let sample = root().join("corpus");
    let list = format!(
        "{}\n\n{}\n",
        sample.join("hedgerow-2026.pdf").display(),
        sample.join("tidewater-alliance-2026.txt").display()
    );
    let out = mashup()
        .args(["scan", "--files-from", "-", "--format", "json"])
        .write_stdin(list)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let report = crate::util::json(&out.stdout);
    assert_eq!(report["totals"]["documents"], 2);
    for bad in ["4/4", "1/0", "x/2", "3"] {
        mashup()
            .args(["scan", "corpus", "--shard", bad])
            .assert()
            .code(2);
    }
    mashup().args(["scan"]).assert().code(2);
}

#[test]
fn the_cache_gives_the_same_report_and_a_killed_scan_resumes() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let cache_arg = ["--cache", cache.to_str().unwrap()];
    let plain = scan_json(&[]);
    assert!(scan_json(&cache_arg) == plain, "a cold cached scan differs");
    assert!(scan_json(&cache_arg) == plain, "a warm cached scan differs");

    // Killed half way, by Ctrl-C and by SIGKILL, then resumed: only on the
    // real corpus, which takes long enough to be killed half way.
    if shared_file("corpus/uk-2015").is_none() {
        return;
    }
    for signal in ["INT", "KILL"] {
        let cache = dir.path().join(format!("cache-{signal}"));
        let part = dir.path().join(format!("killed-{signal}.jsonl"));
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_mashup"))
            .env("MASHUP_OCR", "never")
            .arg("scan")
            .arg(corpus())
            .args(["-j", "1", "--format", "jsonl", "--cache"])
            .arg(&cache)
            .arg("-o")
            .arg(&part)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let started = Instant::now();
        while document_lines(&part) < 2 && started.elapsed() < Duration::from_secs(120) {
            std::thread::sleep(Duration::from_millis(20));
        }
        let killed = std::process::Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(child.id().to_string())
            .status()
            .unwrap();
        assert!(killed.success());
        let status = child.wait().unwrap();
        assert!(!status.success(), "the scan finished before it was killed");
        // The part is cut off and says so.
        mashup().arg("report").arg(&part).assert().code(2);
        let resumed = scan_json(&["--resume", "--cache", cache.to_str().unwrap()]);
        assert!(
            resumed == plain,
            "the resumed scan after SIG{signal} differs"
        );
    }
}
