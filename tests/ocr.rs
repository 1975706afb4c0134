//! OCR of scanned manifestos (issue 12), on the corpus's own scans in
//! ../shared: they are read, say that they were, are cached, and without
//! Tesseract are still reported as needing OCR.
//!
//! The tests that recognise pages need Tesseract (`tesseract-ocr`): they
//! are skipped without it, except under `MASHUP_REQUIRE_TESSERACT=1` (set by
//! `.ci/run`), where its absence fails. They share one cache folder, so the
//! corpus's scanned pages are recognised once per run.

use crate::util::score::words_f1;
use crate::util::{json, mashup, shared_dir};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// True when Tesseract can be run; fails instead of skipping where it is
/// required.
pub(crate) fn have_tesseract() -> bool {
    crate::util::tool_runs(
        "tesseract",
        "--version",
        "MASHUP_REQUIRE_TESSERACT",
        "tesseract-ocr tesseract-ocr-eng",
    )
}

/// The cache folder the recognising tests share.
pub(crate) fn shared_ocr_cache() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("ocr-cache")
}

/// The corpus's scans: (path under corpus/, ground truth under ../shared),
/// from INDEX.tsv's `text_layer` column.
fn scans(shared: &Path) -> Vec<(String, Option<String>)> {
    let index = std::fs::read_to_string(shared.join("corpus/INDEX.tsv")).unwrap();
    let scans: Vec<(String, Option<String>)> = index
        .lines()
        .skip(1)
        .filter_map(|row| {
            let cols: Vec<&str> = row.split('\t').collect();
            cols.get(6)
                .is_some_and(|layer| layer.starts_with("no"))
                .then(|| {
                    let truth = cols.get(7).filter(|t| !t.is_empty());
                    (cols[0].to_string(), truth.map(|t| t.to_string()))
                })
        })
        .collect();
    assert_eq!(scans.len(), 7, "the corpus's scans: {scans:?}");
    scans
}

/// The documents of a JSON report by path relative to the corpus folder.
fn document<'a>(report: &'a Value, relative: &str) -> &'a Value {
    report["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["path"].as_str().unwrap().ends_with(relative))
        .unwrap_or_else(|| panic!("{relative} is in the report"))
}

fn scan_corpus(corpus: &Path, cache: &Path) -> (Value, String) {
    let out = mashup()
        .env("MASHUP_CACHE_DIR", cache)
        .arg("scan")
        .arg(corpus)
        .arg("--index")
        .arg(crate::util::root().join("docs/uk-corpus-index.csv"))
        .args(["--ocr", "auto", "--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "scan failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        json(&out.stdout),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The bar: with OCR available, no document of the corpus needs OCR, and
/// the seven scans have words and mentions, marked as read by OCR in every
/// format. A second scan, from the cache, gives the same report; `extract`
/// prints the recognised text, close to the hand-corrected one.
#[test]
fn scans_are_read_by_ocr_and_say_so() {
    let Some(shared) = shared_dir() else { return };
    if !have_tesseract() {
        return;
    }
    let corpus = shared.join("corpus");
    let cache = shared_ocr_cache();
    let (report, _) = scan_corpus(&corpus, &cache);
    assert_eq!(report["totals"]["no_text_layer"], 0);
    assert!(report["totals"]["ocr_documents"].as_u64().unwrap() >= 7);
    for (path, _) in scans(&shared) {
        let doc = document(&report, &path);
        assert_eq!(doc["status"], "ok", "{path}");
        assert_eq!(doc["text_source"], "ocr", "{path}");
        let ocr = &doc["ocr"];
        assert!(ocr["engine"].as_str().unwrap().starts_with("Tesseract "));
        assert_eq!(
            ocr["pages"].as_array().unwrap().len() as u64,
            doc["pages"].as_u64().unwrap(),
            "{path}: every page is a scan"
        );
        let confidence = ocr["confidence"].as_f64().unwrap();
        assert!(confidence > 60.0, "{path}: confidence {confidence}");
        let words = doc["words"].as_u64().unwrap();
        assert!(words > 2_000, "{path}: {words} words");
        let mentions = doc["mentions"].as_u64().unwrap();
        assert!(mentions > 0, "{path}: no mentions");
    }
    // Parties whose counts include OCR'd text are marked, and the scans are
    // listed, in every format made from the report.
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("report.json");
    std::fs::write(&saved, serde_json::to_vec(&report).unwrap()).unwrap();
    for format in ["table", "markdown", "html"] {
        let out = mashup()
            .args(["report", "--format", format])
            .arg(&saved)
            .assert()
            .success();
        let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
        assert!(text.contains("read by OCR"), "{format}");
        let marked = if format == "table" {
            "Labour\u{2020}"
        } else {
            "Labour 1987\u{2020}"
        };
        assert!(text.contains(marked), "{format}: Labour 1987 is marked");
        assert!(
            text.contains("1987-06-labour_party.pdf") && text.contains("mean confidence"),
            "{format}: the scans are listed"
        );
    }

    // Warm: the same report from the cache.
    let (again, _) = scan_corpus(&corpus, &cache);
    assert_eq!(again, report, "a scan from the OCR cache changes nothing");

    // extract --ocr always prints the recognised text, and says so.
    let (path, truth) = scans(&shared)
        .into_iter()
        .find(|(p, _)| p.contains("1987-06-labour"))
        .unwrap();
    let out = mashup()
        .env("MASHUP_CACHE_DIR", &cache)
        .args(["extract", "--ocr", "always"])
        .arg(corpus.join(&path))
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        stderr.contains("7 pages read by OCR (Tesseract"),
        "{stderr}"
    );
    let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    let reference = std::fs::read_to_string(shared.join(truth.unwrap())).unwrap();
    let f1 = words_f1(&text, &reference);
    assert!(f1 > 0.95, "words_f1 {f1} against the ground truth");
}

/// A folder with nothing but a stand-in `tesseract`, for PATH.
fn path_with_fake_tesseract(script: Option<&str>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    if let Some(script) = script {
        use std::os::unix::fs::PermissionsExt;
        let program = dir.path().join("tesseract");
        std::fs::write(&program, script).unwrap();
        std::fs::set_permissions(&program, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    dir
}

/// The bar: without Tesseract on the PATH the same scan succeeds and
/// reports the seven scans as needing OCR, with the line that installs it.
#[test]
fn without_tesseract_scans_still_need_ocr() {
    let Some(shared) = shared_dir() else { return };
    let empty = path_with_fake_tesseract(None);
    let cache = tempfile::tempdir().unwrap();
    let out = mashup()
        .env("PATH", empty.path())
        .env("MASHUP_CACHE_DIR", cache.path())
        .arg("scan")
        .arg(shared.join("corpus"))
        .args(["--ocr", "auto", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.code().is_some_and(|c| c <= 1));
    let report = json(&out.stdout);
    assert_eq!(report["totals"]["no_text_layer"], 7);
    assert_eq!(report["totals"]["ocr_pages"], 0);
    for (path, _) in scans(&shared) {
        let doc = document(&report, &path);
        assert_eq!(doc["status"], "no_text_layer", "{path}");
        assert_eq!(doc["ocr"], Value::Null);
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("7 documents are scans with no text layer; to read them, install Tesseract: sudo apt-get install tesseract-ocr"),
        "{stderr}"
    );
    // Nothing was cached for OCR that never ran.
    assert!(!cache.path().join("v1/ocr").exists());
}

/// `--ocr always` needs Tesseract: a usage error naming the install line.
#[test]
fn ocr_always_without_tesseract_is_a_usage_error() {
    let empty = path_with_fake_tesseract(None);
    let file = crate::util::root().join("corpus");
    let pdf = std::fs::read_dir(&file)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "pdf"))
        .unwrap();
    let out = mashup()
        .env("PATH", empty.path())
        .args(["extract", "--ocr", "always"])
        .arg(&pdf)
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains("Tesseract is not installed"), "{stderr}");
    assert!(
        stderr.contains("sudo apt-get install tesseract-ocr"),
        "{stderr}"
    );
}

/// A language with no trained data is a usage error naming its package.
#[test]
fn a_missing_language_pack_is_named() {
    if !have_tesseract() {
        return;
    }
    let pdf = crate::util::root().join("corpus");
    let out = mashup()
        .args(["scan", "--ocr", "auto", "--ocr-lang", "eng+zzz"])
        .arg(&pdf)
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        stderr.contains("no trained data for language `zzz`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("sudo apt-get install tesseract-ocr-zzz"),
        "{stderr}"
    );
}

/// A page the recogniser fails on is named in a warning; the document is
/// still reported (here as a scan, since no page could be read), and the
/// failure is not cached.
#[test]
fn a_page_ocr_fails_on_is_named() {
    let Some(shared) = shared_dir() else { return };
    let fake = path_with_fake_tesseract(Some(
        "#!/bin/sh\ncase \"$1\" in\n--version) echo 'tesseract 0.0-test' ;;\n--list-langs) echo 'List of available languages in \"/nowhere/\" (1):'; echo eng ;;\n*) /bin/cat > /dev/null; echo 'Error: simulated failure' >&2; exit 1 ;;\nesac\n",
    ));
    let (path, _) = scans(&shared)
        .into_iter()
        .find(|(p, _)| p.contains("1987-06-labour"))
        .unwrap();
    let pdf = shared.join("corpus").join(&path);
    let cache = tempfile::tempdir().unwrap();
    let out = mashup()
        .env("PATH", fake.path())
        .env("MASHUP_CACHE_DIR", cache.path())
        .args(["scan", "--ocr", "auto", "--format", "json"])
        .arg(&pdf)
        .output()
        .unwrap();
    let report = json(&out.stdout);
    let doc = &report["documents"][0];
    assert_eq!(doc["status"], "no_text_layer");
    let warnings = doc["warnings"].as_array().unwrap();
    assert_eq!(warnings.len(), 7, "one per page: {warnings:?}");
    assert_eq!(warnings[0]["page"], 1);
    let message = warnings[0]["message"].as_str().unwrap();
    assert!(
        message.starts_with("OCR failed: Tesseract failed")
            && message.contains("simulated failure"),
        "{message}"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    let cached = walk(&cache.path().join("v1/ocr"));
    assert_eq!(cached, 0, "failed pages are not cached");
}

fn walk(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .map(|e| e.unwrap().path())
        .map(|p| if p.is_dir() { walk(&p) } else { 1 })
        .sum()
}
