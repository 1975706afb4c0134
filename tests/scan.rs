//! `mashup scan` on the project's own sample corpus (`corpus/`).

use crate::util::{document, json, mashup, root};
use predicates::prelude::*;

const PARTIES: [&str; 4] = [
    "Civic Renewal",
    "Hedgerow Party",
    "Northern Commonwealth",
    "Tidewater Alliance",
];

#[test]
fn table_lists_every_party_of_the_sample_corpus() {
    let mut assert = mashup()
        .arg("scan")
        .arg(root().join("corpus"))
        .assert()
        .success();
    for party in PARTIES {
        assert = assert.stdout(predicate::str::contains(party));
    }
    assert.stdout(predicate::str::contains("4 documents: 4 read"));
}

#[test]
fn json_report_counts_and_quotes_each_party() {
    let assert = mashup()
        .args(["scan", "--format", "json"])
        .arg(root().join("corpus"))
        .assert()
        .success();
    let report = json(&assert.get_output().stdout);
    assert_eq!(
        report["schema_version"],
        manifesto_mashup::report::SCHEMA_VERSION
    );
    assert_eq!(report["totals"]["documents"], 4);
    assert_eq!(report["totals"]["failed"], 0);
    let parties: Vec<&str> = report["parties"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["party"].as_str().unwrap())
        .collect();
    for party in PARTIES {
        assert!(parties.contains(&party), "{party} missing from {parties:?}");
    }
    for p in report["parties"].as_array().unwrap() {
        assert!(p["mentions"].as_u64().unwrap() >= 3, "{}", p["party"]);
        assert!(p["words"].as_u64().unwrap() >= 300, "{}", p["party"]);
        // A policy is a sentence with a mention: no more policies than
        // mentions, and one at least for each party here.
        let policies = p["policies"].as_u64().unwrap();
        assert!(policies >= 1 && policies <= p["mentions"].as_u64().unwrap());
        assert!(p["pledged_policies"].as_u64().unwrap() <= policies);
    }
    // Parties are ranked by policies.
    let ranked: Vec<u64> = report["parties"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["policies"].as_u64().unwrap())
        .collect();
    assert!(ranked.windows(2).all(|w| w[0] >= w[1]), "{ranked:?}");
    // Policies are the distinct (page, sentence) pairs of each document's mentions.
    for doc in report["documents"].as_array().unwrap() {
        let sentences: std::collections::BTreeSet<(u64, u64)> = doc["excerpts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| (e["page"].as_u64().unwrap(), e["sentence"].as_u64().unwrap()))
            .collect();
        assert_eq!(
            doc["policies"].as_u64().unwrap(),
            sentences.len() as u64,
            "{}",
            doc["path"]
        );
    }
    let hedgerow = document(&report, "hedgerow-2026.pdf");
    assert_eq!(hedgerow["party"], "Hedgerow Party");
    assert_eq!(hedgerow["year"], 2026);
    assert_eq!(hedgerow["pages"], 3);
    // "social enter-" / "prise" across a line end is read as one word.
    let texts: Vec<&str> = hedgerow["excerpts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["text"].as_str().unwrap())
        .collect();
    assert!(
        texts.iter().any(|t| t.contains("social enterprise")),
        "{texts:#?}"
    );
    assert!(texts
        .iter()
        .all(|t| !t.contains("enter- prise") && !t.contains("enterprise-")));
}

#[test]
fn output_is_identical_at_any_job_count() {
    let run = |jobs: &str| {
        mashup()
            .args(["scan", "--format", "json", "-j", jobs])
            .arg(root().join("corpus"))
            .assert()
            .success()
            .get_output()
            .stdout
            .clone()
    };
    assert_eq!(run("1"), run("3"));
}

#[test]
fn json_written_to_a_file_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.json");
    mashup()
        .args(["scan", "--format", "json", "-o"])
        .arg(&out)
        .arg(root().join("corpus"))
        .assert()
        .success()
        .stdout(predicate::str::is_empty());
    let text = std::fs::read_to_string(&out).unwrap();
    let parsed: manifesto_mashup::report::Report = serde_json::from_str(&text).unwrap();
    assert_eq!(parsed.documents.len(), 4);
}

#[test]
fn two_column_page_is_read_column_by_column() {
    let assert = mashup()
        .arg("extract")
        .arg(root().join("corpus/civic-renewal-2026.pdf"))
        .assert()
        .success();
    let text = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    // The hyphenated word split across the column's line end is joined.
    assert!(text.contains("social enterprise"), "{text}");
    // No line mixes the end of a left-column line with a right-column line.
    assert!(!text.contains("start-up. grounds"), "{text}");
}

/// Pledge rule 10 in a scan: an elaboration with a mention is at least what the sentence
/// before it is, though that sentence has no mention of its own (the scan judges it for
/// the elaboration's sake); after a sentence that asks nothing it stays a mention.
#[test]
fn an_elaboration_takes_the_class_of_the_sentence_before_it() {
    let dir = tempfile::tempdir().unwrap();
    let example = "For example, retired people can teach money skills to the members of \
                   the credit unions that serve their towns.";
    std::fs::write(
        dir.path().join("a.txt"),
        format!(
            "New ways to keep older people busy and well should be created in every town. \
             {example}\n\nThe country has many towns, and older people live in all of them. \
             {example}\n"
        ),
    )
    .unwrap();
    let out = mashup()
        .args(["scan", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    let report = json(&out.stdout);
    let excerpts = report["documents"][0]["excerpts"].as_array().unwrap();
    let proposals: Vec<bool> = excerpts
        .iter()
        .map(|e| e["proposal"].as_bool().unwrap())
        .collect();
    assert_eq!(proposals, [true, false], "{excerpts:#?}");
    assert!(excerpts.iter().all(|e| e["pledge"] == false));
}
