//! Bad input gets one clear message naming the path, the rest of the run
//! goes on, and the exit status says what happened (1: a document failed,
//! 2: usage error).

use crate::util::text_pdf::text_pdf;
use crate::util::{document, json, mashup};
use predicates::prelude::*;
use std::fs;

/// A small valid PDF made here, so these tests need nothing from ../shared.
fn tiny_pdf() -> Vec<u8> {
    text_pdf(&[vec![(72, 700, 12, "We will back credit unions.")]])
}

#[test]
fn missing_path_is_reported_and_the_rest_still_scanned() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("good.pdf"), tiny_pdf()).unwrap();
    let missing = dir.path().join("missing.pdf");
    let out = mashup()
        .args(["scan", "--format", "json"])
        .arg(dir.path().join("good.pdf"))
        .arg(&missing)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "missing.pdf: no such file or folder",
        ))
        .get_output()
        .stdout
        .clone();
    let report = json(&out);
    assert_eq!(document(&report, "good.pdf")["status"], "ok");
    assert_eq!(
        document(&report, "good.pdf")["mentions"]
            .as_u64()
            .map(|n| n > 0),
        Some(true)
    );
    // Not a document: an error of the run, kept with the report's warnings.
    assert_eq!(report["totals"]["documents"], 1);
    assert_eq!(report["totals"]["failed"], 0);
    let documents = report["documents"].as_array().unwrap();
    assert!(documents
        .iter()
        .all(|d| !d["path"].as_str().unwrap().ends_with("missing.pdf")));
    let warnings = report["warnings"].to_string();
    assert!(
        warnings.contains("missing.pdf") && warnings.contains("no such file or folder"),
        "{warnings}"
    );
}

#[test]
fn folder_without_pdfs_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("notes.md"), "nothing to scan").unwrap();
    mashup()
        .arg("scan")
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "no documents in this folder (PDF, text, HTML, XML, DOCX or ODT files)",
        ))
        .stderr(predicate::str::contains(
            dir.path().to_string_lossy().as_ref(),
        ));
}

#[test]
fn non_pdf_and_truncated_pdf_fail_alone() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a-good.pdf"), tiny_pdf()).unwrap();
    fs::write(dir.path().join("b-fake.pdf"), "this is not a PDF at all").unwrap();
    let pdf = tiny_pdf();
    fs::write(dir.path().join("c-truncated.pdf"), &pdf[..pdf.len() / 3]).unwrap();
    let assert = mashup()
        .args(["scan", "--format", "json"])
        .arg(dir.path())
        .assert()
        .code(1);
    let output = assert.get_output();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("b-fake.pdf: not a readable PDF"),
        "{stderr}"
    );
    let report = json(&output.stdout);
    assert_eq!(document(&report, "a-good.pdf")["status"], "ok");
    assert_eq!(document(&report, "b-fake.pdf")["status"], "error");
    // A truncated file may still yield its page through xref recovery, or fail
    // clearly: either way it is reported and nothing panics.
    let truncated = document(&report, "c-truncated.pdf");
    assert!(
        truncated["status"] == "ok" || truncated["error"].as_str().is_some_and(|e| !e.is_empty())
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn index_naming_a_missing_file_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("good.pdf"), tiny_pdf()).unwrap();
    fs::write(
        dir.path().join("index.csv"),
        "file,party,year\ngood.pdf,Good Party,2026\ngone.pdf,Gone Party,2026\n",
    )
    .unwrap();
    let assert = mashup()
        .args(["scan", "--format", "json"])
        .arg(dir.path())
        .assert()
        .code(1);
    let output = assert.get_output();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("gone.pdf: listed in index"), "{stderr}");
    let report = json(&output.stdout);
    assert_eq!(document(&report, "good.pdf")["party"], "Good Party");
    assert_eq!(document(&report, "good.pdf")["year"], 2026);
}

#[test]
fn an_index_naming_none_of_the_scanned_files_is_warned_about_by_name() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("pdfs")).unwrap();
    fs::write(dir.path().join("pdfs/good.pdf"), tiny_pdf()).unwrap();
    let index = dir.path().join("my-parties.csv");
    fs::write(&index, "file,party,year\nother/good.pdf,Good Party,2026\n").unwrap();
    let assert = mashup()
        .args(["scan", "--format", "json", "--index"])
        .arg(&index)
        .arg(dir.path().join("pdfs"))
        .assert();
    let output = assert.get_output();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("warning:")
            && stderr.contains("my-parties.csv: this index names none of the 1 scanned files"),
        "{stderr}"
    );
    assert!(
        stderr.contains("good.pdf: listed in index")
            && stderr.contains("my-parties.csv but not found"),
        "{stderr}"
    );
    assert!(!stderr.contains("index.csv"), "{stderr}");
    let report = json(&output.stdout);
    assert_eq!(document(&report, "pdfs/good.pdf")["party"], "good");
    // The warning is in the report too, for whoever reads only the JSON, and
    // so is the row whose file was not found (an error of the run, not a
    // document).
    let warnings = report["warnings"].as_array().unwrap();
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(warnings[1]["message"]
        .as_str()
        .unwrap()
        .contains("but not found"));
    assert!(warnings[0]["path"]
        .as_str()
        .unwrap()
        .ends_with("my-parties.csv"));
    assert!(warnings[0]["message"]
        .as_str()
        .unwrap()
        .contains("names none of the 1 scanned files"));
}

#[test]
fn usage_errors_exit_2() {
    mashup().arg("scan").assert().code(2);
    mashup()
        .args(["scan", "x", "--format", "xml"])
        .assert()
        .code(2);
    mashup().args(["frobnicate"]).assert().code(2);
}

#[test]
fn invalid_lexicon_exits_2_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let lexicon = dir.path().join("bad.toml");
    fs::write(&lexicon, "[lexicon\nname = 1\n").unwrap();
    mashup()
        .args(["scan", "--lexicon"])
        .arg(&lexicon)
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.toml:"));
}

#[test]
fn output_into_a_missing_folder_fails_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("good.pdf"), tiny_pdf()).unwrap();
    let target = dir.path().join("no/such/folder/r.json");
    mashup()
        .args(["scan", "--format", "json", "-o"])
        .arg(&target)
        .arg(dir.path().join("good.pdf"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot write"));
    assert!(!target.exists());
}

#[test]
fn extract_of_a_non_pdf_fails_with_status_1() {
    let dir = tempfile::tempdir().unwrap();
    let fake = dir.path().join("fake.pdf");
    fs::write(&fake, "plain words").unwrap();
    mashup()
        .arg("extract")
        .arg(&fake)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("fake.pdf: not a readable PDF"));
}

#[test]
fn extract_prints_text_of_a_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("good.pdf");
    fs::write(&pdf, tiny_pdf()).unwrap();
    mashup()
        .arg("extract")
        .arg(&pdf)
        .assert()
        .success()
        .stdout(predicate::str::contains("We will back credit unions."));
}
