//! The binary on the real inputs in ../shared: the 2015 manifestos scan
//! cleanly and every awkward PDF is handled without a panic.

use crate::util::{document, json, mashup, shared_dir};

#[test]
fn uk_2015_manifestos_scan_with_mentions() {
    let Some(shared) = shared_dir() else { return };
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.json");
    mashup()
        .args(["scan", "--format", "json", "-o"])
        .arg(&out)
        .arg(shared.join("corpus/uk-2015"))
        .assert()
        .success();
    let report = json(&std::fs::read(&out).unwrap());
    let docs = report["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 6);
    for doc in docs {
        assert_eq!(doc["status"], "ok", "{}", doc["path"]);
        assert!(doc["pages"].as_u64().unwrap() > 40, "{}", doc["path"]);
        assert!(
            doc["words"].as_u64().unwrap() > 10_000,
            "{}: {}",
            doc["path"],
            doc["words"]
        );
    }
    for party in [
        "2015-labour-manifesto.pdf",
        "2015-libdem-manifesto.pdf",
        "2015-green-manifesto.pdf",
    ] {
        let doc = document(&report, party);
        assert!(doc["mentions"].as_u64().unwrap() > 0, "{party}");
        let excerpt = &doc["excerpts"][0];
        assert!(excerpt["page"].as_u64().unwrap() >= 1);
        assert!(!excerpt["text"].as_str().unwrap().is_empty());
    }
    assert_eq!(report["totals"]["failed"], 0);
}

#[test]
fn every_awkward_pdf_is_handled_without_panic() {
    let Some(shared) = shared_dir() else { return };
    let assert = mashup()
        .args(["scan", "--format", "json", "-j", "2"])
        .arg(shared.join("pdfs"))
        .assert();
    let output = assert.get_output();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "{:?}",
        output.status
    );
    let report = json(&output.stdout);
    let docs = report["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 86);
    for doc in docs {
        if doc["status"] == "error" {
            let message = doc["error"].as_str().unwrap_or("");
            assert!(
                !message.is_empty() && !message.contains("internal error"),
                "{}: {message}",
                doc["path"]
            );
        }
    }
}

#[test]
fn scanned_manifestos_are_flagged_as_needing_ocr() {
    let Some(shared) = shared_dir() else { return };
    let scan = shared.join("corpus/uk-historic/1987-06-labour_party.pdf");
    let assert = mashup()
        .args(["scan", "--format", "json"])
        .arg(&scan)
        .assert()
        .success();
    let report = json(&assert.get_output().stdout);
    let doc = &report["documents"][0];
    assert_eq!(doc["status"], "no_text_layer");
    assert_eq!(doc["pages_without_text"].as_array().unwrap().len(), 7);
    assert_eq!(report["totals"]["no_text_layer"], 1);
}

#[test]
fn extract_separates_pages_with_form_feeds() {
    let Some(shared) = shared_dir() else { return };
    let pdf = shared.join("corpus/uk-historic/1945-07-labour_party.pdf");
    let assert = mashup().arg("extract").arg(&pdf).assert().success();
    let text = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    assert_eq!(text.matches('\u{c}').count(), 11, "12 pages, 11 form feeds");
    assert!(text.to_lowercase().contains("labour"));
}

/// pdf.js's 905 reduced bug-report PDFs: text from at least as many files as
/// mutool gets text from (607, `../shared/pdfjs/BASELINE.tsv`), and no panic.
/// `benches/pdfjs.sh` gives the per-file figures against pdftotext.
#[test]
fn pdfjs_cases_give_text_where_mutool_does() {
    let Some(shared) = shared_dir() else { return };
    let files: Vec<_> = std::fs::read_dir(shared.join("pdfjs/files"))
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .collect();
    assert_eq!(files.len(), 905);
    let out = tempfile::tempdir().unwrap();
    let assert = mashup()
        .args(["extract", "--all", "-j", "2", "--output-dir"])
        .arg(out.path())
        .args(&files)
        .assert();
    let output = assert.get_output();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    let with_text = files
        .iter()
        .filter(|f| {
            let target: std::path::PathBuf = f
                .components()
                .filter(|c| matches!(c, std::path::Component::Normal(_)))
                .collect();
            std::fs::read_to_string(out.path().join(target).with_extension("txt"))
                .is_ok_and(|t| t.split_whitespace().next().is_some())
        })
        .count();
    assert!(with_text >= 607, "text from only {with_text} of 905 files");

    // Never silent: where pdftotext or mutool gets words and we get none,
    // stderr names the file (a warning or an error).
    let baseline = std::fs::read_to_string(shared.join("pdfjs/BASELINE.tsv")).unwrap();
    let header = baseline.lines().next().unwrap().split('\t');
    let column = |name: &str| header.clone().position(|c| c == name).unwrap();
    let (file_col, pdftotext_col, mutool_col) = (
        column("file"),
        column("pdftotext_words"),
        column("mutool_words"),
    );
    let mut silent = Vec::new();
    let mut checked = 0;
    for row in baseline.lines().skip(1) {
        let cells: Vec<&str> = row.split('\t').collect();
        let words = |i: usize| {
            cells
                .get(i)
                .and_then(|c| c.parse::<u64>().ok())
                .unwrap_or(0)
        };
        if words(pdftotext_col) == 0 && words(mutool_col) == 0 {
            continue;
        }
        let file = shared.join("pdfjs/files").join(cells[file_col]);
        let target: std::path::PathBuf = file
            .components()
            .filter(|c| matches!(c, std::path::Component::Normal(_)))
            .collect();
        let ours = std::fs::read_to_string(out.path().join(target).with_extension("txt"))
            .unwrap_or_default();
        if ours.split_whitespace().next().is_none() {
            checked += 1;
            if !stderr.contains(&format!("{}:", file.display())) {
                silent.push(cells[file_col].to_string());
            }
        }
    }
    assert!(
        silent.is_empty(),
        "peers get text, we get none and say nothing: {silent:?}"
    );
    assert!(
        checked > 0,
        "no file where a peer gets text and we get none was checked"
    );
}

/// Encryption as readers open it: attachments-only encryption and a missing
/// /ID need no password; a real password is still asked for, and a wrong one
/// refused.
#[test]
fn encrypted_files_open_as_readers_open_them() {
    let Some(shared) = shared_dir() else { return };
    for file in [
        "pdfjs/files/auth-event-ef-open.pdf",
        "pdfjs/files/encrypted-attachment.pdf",
    ] {
        mashup()
            .args(["extract", "--all"])
            .arg(shared.join(file))
            .assert()
            .success()
            .stdout(predicates::str::contains("Example"));
    }
    mashup()
        .arg("extract")
        .arg(shared.join("pdfs/pdfminer.six/samples/encryption/encrypted_doc_no_id.pdf"))
        .assert()
        .success();
    // AES-256 (R6) whose crypt filters are indirect objects (/CF 7 0 R).
    mashup()
        .arg("extract")
        .arg(shared.join("pdfjs/files/issue7665.pdf"))
        .assert()
        .success()
        .stdout(predicates::str::contains("Issue 7665"));
    let r6 = shared.join("pdfs/pdfminer.six/samples/encryption/aes-256-r6.pdf");
    for password in ["usersecret", "ownersecret"] {
        mashup()
            .args(["extract", "--password", password])
            .arg(&r6)
            .assert()
            .success()
            .stdout(predicates::str::contains("Hello World"));
    }
    let locked = shared
        .join("pdfs/sample-files/005-libreoffice-writer-password/libreoffice-writer-password.pdf");
    mashup()
        .arg("extract")
        .arg(&locked)
        .assert()
        .code(1)
        .stderr(predicates::str::contains("needs a password"));
    mashup()
        .args(["extract", "--password", "wrong"])
        .arg(&locked)
        .assert()
        .code(1)
        .stderr(predicates::str::contains("does not open it"));
}
