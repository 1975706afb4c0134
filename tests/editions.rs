//! Country editions of the lexicon end to end: the index's `country` chooses
//! each document's edition, `--country` overrides it for a whole run, and the
//! JSON names the edition used, on a real South African manifesto.

use crate::util::{json, mashup, schema_errors, shared_file};

/// Scans `pdf` in a folder of its own with an index giving `country`, with
/// `extra` arguments; the report.
fn scan(pdf: &std::path::Path, country: &str, extra: &[&str]) -> serde_json::Value {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(pdf, dir.path().join("m.pdf")).unwrap();
    std::fs::write(
        dir.path().join("index.csv"),
        format!("file,party,year,country\nm.pdf,Democratic Alliance,2024,{country}\n"),
    )
    .unwrap();
    let out = mashup()
        .args(["scan", "--format", "json"])
        .args(extra)
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let report = json(&out.stdout);
    assert!(
        schema_errors(&report).is_empty(),
        "{:?}",
        schema_errors(&report)
    );
    report
}

fn terms(report: &serde_json::Value) -> Vec<String> {
    report["documents"][0]["by_term"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect()
}

#[test]
fn the_index_country_chooses_the_edition_and_country_overrides_it() {
    let Some(pdf) = shared_file("manifestos-intl/za-2024-democratic-alliance.pdf") else {
        return;
    };
    // As the index says: South Africa's edition.
    let za = scan(&pdf, "South Africa", &[]);
    let doc = &za["documents"][0];
    assert_eq!(doc["country"], "South Africa");
    assert_eq!(doc["edition"], "ZA");
    // Land reform there is redistribution, not community ownership: dropped.
    assert!(
        !terms(&za).iter().any(|t| t == "land reform"),
        "{:?}",
        terms(&za)
    );
    // A UK reading of the same file: no edition, and the UK sense of land reform counts.
    let gb = scan(&pdf, "UK", &[]);
    assert_eq!(gb["documents"][0]["edition"], serde_json::Value::Null);
    assert!(
        terms(&gb).iter().any(|t| t == "land reform"),
        "{:?}",
        terms(&gb)
    );
    // A rule scoped to South Africa (its law's preferential procurement) applies there only.
    let rule = "rule:procurement-for-empowerment-and-development-goals";
    assert!(terms(&za).iter().any(|t| t == rule), "{:?}", terms(&za));
    assert!(!terms(&gb).iter().any(|t| t == rule), "{:?}", terms(&gb));
    // Per-document editions leave the report's lexicon as the file's.
    assert_eq!(za["lexicon"]["hash"], gb["lexicon"]["hash"]);
    assert_eq!(za["lexicon"]["edition"], serde_json::Value::Null);
    let editions = za["lexicon"]["editions"].as_array().unwrap();
    let za_edition = editions.iter().find(|e| e["countries"][0] == "ZA").unwrap();
    assert_eq!(
        za_edition["dropped_asks"],
        serde_json::json!(["curb-land-banking"])
    );
    // The ask South Africa's edition drops was not looked for: the party says so.
    assert_eq!(
        za["parties"][0]["asks_not_applicable"],
        serde_json::json!(["curb-land-banking"])
    );
    assert_eq!(
        gb["parties"][0]["asks_not_applicable"],
        serde_json::json!([])
    );
    // --country wins over the index, and the report's lexicon says so.
    let forced = scan(&pdf, "UK", &["--country", "za"]);
    assert_eq!(forced["documents"][0]["edition"], "ZA");
    assert_eq!(forced["lexicon"]["edition"], "ZA");
    assert_ne!(forced["lexicon"]["hash"], gb["lexicon"]["hash"]);
    assert_eq!(terms(&forced), terms(&za));
}

#[test]
fn an_unknown_country_is_a_warning_and_gets_the_common_terms() {
    let Some(pdf) = shared_file("manifestos-intl/sg-2020-peoples-action-party.pdf") else {
        return;
    };
    let report = scan(&pdf, "Atlantis", &[]);
    assert_eq!(report["documents"][0]["edition"], serde_json::Value::Null);
    let warnings = report["warnings"].to_string();
    assert!(
        warnings.contains("country \\\"Atlantis\\\" is not an ISO 3166 code"),
        "{warnings}"
    );
    let bad = mashup()
        .args(["scan", "--country", "Atlantis"])
        .arg(&pdf)
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("not an ISO 3166 country code"));
}

/// What `mashup lexicon show` prints, for `country` when given.
fn show(country: Option<&str>) -> String {
    let mut cmd = mashup();
    cmd.args(["lexicon", "show"]);
    if let Some(country) = country {
        cmd.args(["--country", country]);
    }
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{out:?}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn lexicon_show_lists_what_applies_in_a_country() {
    let text = show(Some("IE"));
    assert!(text.contains("as it applies in IE"), "{text}");
    assert!(text.contains("IE only: "), "{text}");
    assert!(
        text.to_lowercase().contains("approved housing bod"),
        "{text}"
    );
    let all = show(None);
    assert!(all.contains("Country editions"), "{all}");
    assert!(!all.to_lowercase().contains("approved housing bod"));
    // A rule of one country's law is listed for that country only.
    let rule = "[labor-standards-in-federal-contracts]";
    assert!(!all.contains(rule), "{all}");
    let us = show(Some("US"));
    let line = us.lines().find(|l| l.contains(rule)).unwrap_or_default();
    assert!(line.contains("-> social-value"), "{us}");
    assert!(us.contains("; only in US"), "{us}");
    // An ask whose words mean something else in a country is not its ask.
    let za = show(Some("ZA"));
    assert!(
        za.contains("Asks that do not apply in ZA: curb-land-banking"),
        "{za}"
    );
    assert!(!za.contains("[curb-land-banking]"), "{za}");
    assert!(all.contains("[curb-land-banking]"), "{all}");
}

/// A party whose edition drops an ask shows "n/a" for it in the asks tracker (Markdown,
/// HTML, CSV), not the "–" of an ask looked for and not found; the same file read as a
/// UK party keeps its "–"; `mashup report` renders the same from the saved JSON.
#[test]
fn an_ask_an_edition_drops_is_not_applicable_not_zero() {
    let Some(pdf) = shared_file("manifestos-intl/za-2024-democratic-alliance.pdf") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(&pdf, dir.path().join("za.pdf")).unwrap();
    std::fs::copy(&pdf, dir.path().join("uk.pdf")).unwrap();
    std::fs::write(
        dir.path().join("index.csv"),
        "file,party,year,country\nza.pdf,Alliance ZA,2024,ZA\nuk.pdf,Alliance UK,2024,UK\n",
    )
    .unwrap();
    let run = |format: &str| {
        let out = mashup()
            .args(["scan", "--format", format])
            .arg(dir.path())
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let markdown = run("markdown");
    let row = markdown
        .lines()
        .find(|l| l.starts_with("| Curb land banking |"))
        .unwrap_or_else(|| panic!("no land-banking row:\n{markdown}"));
    let header = markdown.lines().find(|l| l.starts_with("| Ask |")).unwrap();
    let cells =
        |line: &str| -> Vec<String> { line.split('|').map(|c| c.trim().to_string()).collect() };
    let (header, row) = (cells(header), cells(row));
    let cell = |party: &str| {
        let i = header.iter().position(|h| h.starts_with(party)).unwrap();
        row[i].clone()
    };
    assert_eq!(cell("Alliance ZA"), "n/a", "{row:?}");
    assert_ne!(cell("Alliance UK"), "n/a", "{row:?}");
    assert!(markdown.contains("n/a: not looked for"), "{markdown}");
    let html = run("html");
    assert!(html.contains(">n/a</td>"), "no n/a cell in the HTML");
    // Rendered again from the saved JSON, the same table.
    let saved = dir.path().join("report.json");
    std::fs::write(&saved, run("json")).unwrap();
    let again = mashup()
        .args(["report", "--format", "markdown"])
        .arg(&saved)
        .output()
        .unwrap();
    assert!(again.status.success(), "{again:?}");
    assert_eq!(String::from_utf8(again.stdout).unwrap(), markdown);
}
