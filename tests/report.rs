//! The report formats end to end: CSV files, Markdown, and `mashup report`
//! rendering a saved JSON report without re-reading the documents.

use crate::util::{json, mashup, root};
use predicates::prelude::*;
use std::path::Path;

/// Scans the sample corpus into `dir/r.json` and returns its path.
fn saved_report(dir: &Path) -> std::path::PathBuf {
    let out = dir.join("r.json");
    mashup()
        .args(["scan", "--format", "json", "-o"])
        .arg(&out)
        .arg(root().join("corpus"))
        .assert()
        .success();
    json(&std::fs::read(&out).unwrap());
    out
}

/// Reads a CSV file written by mashup: BOM, then a header and rows.
fn read_csv(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let bytes = std::fs::read(path).unwrap();
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "{} has no BOM",
        path.display()
    );
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let header = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

#[test]
fn csv_files_agree_with_the_json() {
    let dir = tempfile::tempdir().unwrap();
    let report = json(&std::fs::read(saved_report(dir.path())).unwrap());
    let csv_dir = dir.path().join("csv");
    mashup()
        .args(["scan", "--format", "csv", "-o"])
        .arg(&csv_dir)
        .arg(root().join("corpus"))
        .assert()
        .success()
        .stdout(predicate::str::is_empty());

    let (header, rows) = read_csv(&csv_dir.join("parties.csv"));
    assert_eq!(
        &header[..9],
        [
            "party",
            "election",
            "family",
            "documents",
            "unread",
            "ocr_pages",
            "words",
            "mentions",
            "pledges"
        ]
    );
    assert_eq!(rows.len(), 4);
    for (row, party) in rows.iter().zip(report["parties"].as_array().unwrap()) {
        assert_eq!(row[0], party["party"].as_str().unwrap());
        assert_eq!(row[1], party["election"].as_str().unwrap_or(""));
        assert_eq!(row[2], party["family"].as_str().unwrap());
        assert_eq!(row[5], party["ocr_pages"].to_string());
        assert_eq!(row[7], party["mentions"].to_string());
        assert_eq!(row[8], party["pledges"].to_string());
        let co_ops = header.iter().position(|h| h == "co-operatives").unwrap();
        assert_eq!(
            row[co_ops],
            party["by_category"]["co-operatives"]
                .as_u64()
                .unwrap_or(0)
                .to_string()
        );
    }

    // The ask × party matrix: one row per ask, two columns per party.
    let (header, rows) = read_csv(&csv_dir.join("asks.csv"));
    let asks = report["lexicon"]["asks"].as_array().unwrap();
    assert_eq!(rows.len(), asks.len());
    assert_eq!(header.len(), 2 + 2 * 4);
    for (row, ask) in rows.iter().zip(asks) {
        assert_eq!(row[0], ask["id"].as_str().unwrap());
        for party in report["parties"].as_array().unwrap() {
            let name = party["party"].as_str().unwrap();
            let col = header.iter().position(|h| h == name).unwrap();
            let id = ask["id"].as_str().unwrap();
            assert_eq!(
                row[col],
                party["asks"][id].as_u64().unwrap_or(0).to_string()
            );
            assert_eq!(
                row[col + 1],
                party["ask_pledges"][id].as_u64().unwrap_or(0).to_string()
            );
        }
    }
    let picked_up: u64 = rows
        .iter()
        .flat_map(|r| r[2..].iter().step_by(2))
        .map(|c| c.parse::<u64>().unwrap())
        .sum();
    assert!(picked_up > 0, "no ask found in the sample corpus");

    // One row per excerpt, with the sentence quoted.
    let (header, rows) = read_csv(&csv_dir.join("excerpts.csv"));
    assert_eq!(
        header,
        [
            "party",
            "document",
            "page",
            "categories",
            "term",
            "matched",
            "pledge",
            "stance",
            "proposal",
            "text"
        ]
    );
    assert_eq!(
        rows.len() as u64,
        report["totals"]["mentions"].as_u64().unwrap()
    );
    let pledges = rows.iter().filter(|r| r[6] == "yes").count() as u64;
    assert_eq!(pledges, report["totals"]["pledges"].as_u64().unwrap());
    let proposals = rows.iter().filter(|r| r[8] == "yes").count() as u64;
    assert_eq!(proposals, report["totals"]["proposals"].as_u64().unwrap());
    // A sentence is a pledge or a proposal, never both.
    assert!(rows.iter().all(|r| !(r[6] == "yes" && r[8] == "yes")));
    assert!(rows.iter().all(|r| !r[9].is_empty()));

    let (header, rows) = read_csv(&csv_dir.join("documents.csv"));
    assert_eq!(rows.len(), 4);
    let source = header.iter().position(|h| h == "text_source").unwrap();
    assert_eq!(header[source + 1], "ocr_pages");
    assert!(rows
        .iter()
        .all(|r| r[source] == "layer" && r[source + 1] == "0"));
    assert!(csv_dir.join("ask-excerpts.csv").is_file());
    let leftovers: Vec<_> = std::fs::read_dir(&csv_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| !n.ends_with(".csv"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn csv_without_a_folder_is_a_usage_error() {
    mashup()
        .args(["scan", "--format", "csv"])
        .arg(root().join("corpus"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("-o DIR"));
}

#[test]
fn report_renders_a_saved_report_like_scan_does() {
    let dir = tempfile::tempdir().unwrap();
    let saved = saved_report(dir.path());
    for format in ["table", "json", "markdown"] {
        let from_scan = mashup()
            .args(["scan", "--format", format])
            .arg(root().join("corpus"))
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let from_saved = mashup()
            .args(["report", "--format", format])
            .arg(&saved)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        assert_eq!(
            String::from_utf8_lossy(&from_scan),
            String::from_utf8_lossy(&from_saved),
            "{format}"
        );
    }
    // CSV from the saved report matches CSV from the scan, file by file.
    let from_scan = dir.path().join("scan-csv");
    let from_saved = dir.path().join("saved-csv");
    mashup()
        .args(["scan", "--format", "csv", "-o"])
        .arg(&from_scan)
        .arg(root().join("corpus"))
        .assert()
        .success();
    mashup()
        .args(["report", "--format", "csv", "-o"])
        .arg(&from_saved)
        .arg(&saved)
        .assert()
        .success();
    for name in [
        "parties.csv",
        "asks.csv",
        "excerpts.csv",
        "ask-excerpts.csv",
        "documents.csv",
    ] {
        assert_eq!(
            std::fs::read(from_scan.join(name)).unwrap(),
            std::fs::read(from_saved.join(name)).unwrap(),
            "{name}"
        );
    }
}

#[test]
fn report_reads_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let saved = saved_report(dir.path());
    mashup()
        .args(["report", "-"])
        .pipe_stdin(&saved)
        .unwrap()
        .assert()
        .success()
        .stdout(predicate::str::contains("Civic Renewal"));
}

#[test]
fn report_refuses_other_versions_and_non_reports() {
    let dir = tempfile::tempdir().unwrap();
    let saved = saved_report(dir.path());
    let mut value: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&saved).unwrap()).unwrap();
    value["schema_version"] = 1.into();
    let old = dir.path().join("old.json");
    std::fs::write(&old, value.to_string()).unwrap();
    mashup()
        .arg("report")
        .arg(&old)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("schema_version 1"));

    let junk = dir.path().join("junk.json");
    std::fs::write(
        &junk,
        format!(
            "{{\"schema_version\": {}, \"parties\": 3}}",
            manifesto_mashup::report::SCHEMA_VERSION
        ),
    )
    .unwrap();
    mashup()
        .arg("report")
        .arg(&junk)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a mashup JSON report"));

    mashup()
        .arg("report")
        .arg(dir.path().join("missing.json"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot read"));
}

#[test]
fn markdown_has_the_ranking_themes_and_tracker_of_the_sample_corpus() {
    let assert = mashup()
        .args(["scan", "--format", "markdown"])
        .arg(root().join("corpus"))
        .assert()
        .success();
    let text = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    let ranking = text.find("## Who says most").expect("ranking");
    let themes = text.find("## Theme by theme").expect("themes");
    let tracker = text.find("## The asks tracker").expect("tracker");
    assert!(ranking < themes && themes < tracker);
    // One ranking row per party, most policies first (ties: most mentions).
    assert!(
        text.contains("| 1 | Civic Renewal | 15 | 12 | 0 | 29 |"),
        "{text}"
    );
    // Every quote names its document and page.
    let quotes = text.lines().filter(|l| l.starts_with("- **")).count();
    assert!(quotes >= 8, "{text}");
    assert!(text
        .lines()
        .filter(|l| l.starts_with("- **"))
        .all(|l| l.contains(", p. ")));
    assert!(!text.contains("could not be read"));
}

#[test]
fn guide_asks_matrix_for_2015_is_what_the_command_prints() {
    let Some(shared) = crate::util::shared_dir() else {
        return;
    };
    // The command shown in docs/guide.md, run from the repository root.
    let assert = mashup()
        .current_dir(root())
        .args([
            "scan",
            "--format",
            "markdown",
            "--index",
            "docs/uk-2015-index.csv",
        ])
        .arg(shared.join("corpus/uk-2015"))
        .assert()
        .success();
    let text = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    let printed: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.starts_with("| Ask |"))
        .take_while(|l| !l.is_empty())
        .collect();
    assert!(printed.len() > 2, "no asks tracker in:\n{text}");
    let readme = std::fs::read_to_string(root().join("docs/guide.md")).unwrap();
    let shown: Vec<&str> = readme
        .lines()
        .skip_while(|l| *l != "<!-- asks-2015 -->")
        .skip(1)
        .take_while(|l| *l != "<!-- /asks-2015 -->")
        .collect();
    assert_eq!(
        shown.join("\n"),
        printed.join("\n"),
        "docs/guide.md's 2015 asks tracker is out of date: paste the new one between the asks-2015 markers"
    );
}
