//! Tests of the report model, and the sample report other modules' tests
//! render.

use super::*;
use crate::pledge::Stance;
use crate::results::{AskExcerpt, Excerpt, Status};
use std::path::Path;

#[test]
fn rate_is_per_ten_thousand_words() {
    assert_eq!(per_10k(3, 20_000), 1.5);
    assert_eq!(per_10k(5, 0), 0.0);
}

/// A small report with awkward text: a party name with markup, a scan,
/// a failed file, a pledge, an ask.
pub(crate) fn sample_report() -> Report {
    let (lexicon, documents) = sample_parts();
    Report::build(&lexicon, documents)
}

/// The lexicon and documents of [`sample_report`].
pub(crate) fn sample_parts() -> (Lexicon, Vec<DocResult>) {
    let lexicon = Lexicon::parse(
        r#"
        [lexicon]
        name = "Sample"
        version = "1"
        [[category]]
        id = "coops"
        label = "Co-operatives & mutuals"
        terms = ["co-operative*"]
        [[category]]
        id = "cu"
        label = "Credit unions"
        terms = ["credit union*"]
        [[ask]]
        id = "fund-cu"
        label = "Fund <credit> unions"
        all = ["credit union*"]
        "#,
        "sample.toml",
    )
    .unwrap();
    let ok = |path: &str, party: &str| {
        let mut d = DocResult::failed(Path::new(path), party, String::new());
        d.status = Status::Ok;
        d.error = None;
        d.pages = 3;
        d.counts.words = 1000;
        d
    };
    let mut a = ok("a.pdf", "Party <A> & \"Co\"");
    let text = "We will fund co-operatives, and credit unions.";
    for (category, term, matched) in [
        ("coops", "co-operative*", "co-operatives"),
        ("cu", "credit union*", "credit unions"),
    ] {
        a.excerpts.push(Excerpt {
            page: 2,
            sentence: 0,
            categories: vec![category.into()],
            term: term.into(),
            matched: matched.into(),
            text: text.into(),
            pledge: true,
            stance: Some(Stance::For),
            proposal: false,
        });
        a.counts.mentions += 1;
        a.counts.pledges += 1;
        a.counts.by_category.insert(category.into(), 1);
        a.counts.pledges_by_category.insert(category.into(), 1);
        a.counts.by_term.insert(term.into(), 1);
        a.counts.policies_by_category.insert(category.into(), 1);
        a.counts
            .pledged_policies_by_category
            .insert(category.into(), 1);
    }
    // Both mentions are in one sentence: one pledged policy.
    a.counts.policies = 1;
    a.counts.pledged_policies = 1;
    a.ask_excerpts.push(AskExcerpt {
        page: 2,
        sentence: 0,
        ask: "fund-cu".into(),
        text: text.into(),
        pledge: true,
        stance: Some(Stance::For),
        proposal: false,
    });
    a.counts.asks.insert("fund-cu".into(), 1);
    a.counts.ask_pledges.insert("fund-cu".into(), 1);
    let mut b = ok("b.pdf", "Party B");
    b.excerpts.push(Excerpt {
        page: 1,
        sentence: 3,
        categories: vec!["coops".into()],
        term: "co-operative*".into(),
        matched: "co-operative".into(),
        text: "=A co-operative </details> idea.".into(),
        pledge: false,
        stance: None,
        proposal: false,
    });
    b.counts.mentions = 1;
    b.counts.policies = 1;
    b.counts.policies_by_category.insert("coops".into(), 1);
    b.counts.by_category.insert("coops".into(), 1);
    b.counts.by_term.insert("co-operative*".into(), 1);
    let mut scan = ok("c.pdf", "Party C");
    scan.status = Status::NoTextLayer;
    scan.counts.words = 0;
    scan.pages_without_text = vec![1, 2, 3];
    let broken = DocResult::failed(Path::new("d.pdf"), "Party B", "not a PDF".into());
    (lexicon, vec![a, b, scan, broken])
}

/// Every problem the schema finds in `value`.
pub(crate) fn schema_errors(value: &serde_json::Value) -> Vec<String> {
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../../docs/report.schema.json")).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    validator
        .iter_errors(value)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

/// Parties of different countries that voted in the same year are not
/// ranked together; one country throughout is not named.
#[test]
fn parties_are_ranked_within_their_election_and_country() {
    let (lexicon, mut documents) = sample_parts();
    for d in &mut documents {
        d.election = Some("2024".into());
        d.country = Some(if d.path == "a.pdf" { "ZA" } else { "SG" }.into());
    }
    let report = Report::build(&lexicon, documents.clone());
    let groups = report.ranking_groups();
    let titles: Vec<_> = groups.iter().map(|g| g.title.clone()).collect();
    assert_eq!(
        titles,
        [
            Some("Election 2024, SG".to_string()),
            Some("Election 2024, ZA".to_string())
        ]
    );
    assert_eq!(groups[1].parties[0].party, "Party <A> & \"Co\"");
    let mut markdown = Vec::new();
    write_markdown(&report, &mut markdown).unwrap();
    let markdown = String::from_utf8(markdown).unwrap();
    assert!(markdown.contains("### Election 2024, ZA\n"), "{markdown}");
    let first_ranks = markdown.lines().filter(|l| l.starts_with("| 1 | Party"));
    assert_eq!(first_ranks.count(), 2, "{markdown}");
    // One country throughout: one group, untitled.
    for d in &mut documents {
        d.country = Some("UK".into());
    }
    let report = Report::build(&lexicon, documents);
    let groups = report.ranking_groups();
    assert_eq!(groups.len(), 1);
    assert_eq!(groups[0].title, None);
}

#[test]
fn sample_report_validates_against_the_schema() {
    let value = serde_json::to_value(sample_report()).unwrap();
    assert_eq!(schema_errors(&value), Vec::<String>::new());
}

#[test]
fn schema_rejects_drift() {
    let mut value = serde_json::to_value(sample_report()).unwrap();
    value["totals"]["surprise"] = 1.into();
    value["documents"][0]["excerpts"][0]["stance"] = "maybe".into();
    value["schema_version"] = 1.into();
    assert_eq!(
        schema_errors(&value).len(),
        3,
        "{:?}",
        schema_errors(&value)
    );
}

#[test]
fn json_round_trips() {
    let report = sample_report();
    let mut out = Vec::new();
    write_json(&report, &mut out).unwrap();
    let back: Report = serde_json::from_slice(&out).unwrap();
    assert_eq!(back, report);
}

#[test]
fn parties_are_counted_per_election_newest_first() {
    let (lexicon, mut documents) = sample_parts();
    // Party B's read document is from 2019, its broken one from 2024;
    // party A's from 2024 and in the Co family.
    documents[0].election = Some("2024".into());
    documents[0].family = Some("Co".into());
    documents[1].election = Some("2019".into());
    documents[3].election = Some("2024".into());
    let mut welsh = documents[1].clone();
    welsh.path = "e.pdf".into();
    welsh.status = Status::NotMatched;
    welsh.election = Some("2024".into());
    welsh.language = Some(crate::language::DocumentLanguage {
        code: crate::language::Language::from_code("cy").unwrap(),
        source: crate::language::LanguageSource::Detected,
    });
    documents.push(welsh);
    let report = Report::build(&lexicon, documents);
    assert!(report.spans_elections());
    let rows: Vec<(&str, Option<&str>, &str, u32, u32)> = report
        .parties
        .iter()
        .map(|p| {
            (
                p.party.as_str(),
                p.election.as_deref(),
                p.family.as_str(),
                p.rates.documents,
                p.rates.unread,
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("Party <A> & \"Co\"", Some("2024"), "Co", 1, 0),
            ("Party B", Some("2024"), "Party B", 0, 2),
            ("Party B", Some("2019"), "Party B", 1, 0),
            ("Party C", None, "Party C", 0, 1),
        ]
    );
    let elections: Vec<(Option<&str>, u32, u32, u64)> = report
        .elections
        .iter()
        .map(|e| {
            (
                e.election.as_deref(),
                e.parties,
                e.rates.documents,
                e.rates.counts.mentions,
            )
        })
        .collect();
    assert_eq!(
        elections,
        [
            (Some("2024"), 2, 1, 2),
            (Some("2019"), 1, 1, 1),
            (None, 1, 0, 0)
        ]
    );
    assert_eq!(report.totals.not_matched, 1);
    assert_eq!(report.party_label("Party B", Some("2019")), "Party B 2019");
    let quote = report
        .mashup
        .category_quote("coops", "Party B", Some("2019"));
    assert!(quote.is_some_and(|q| q.document == "b.pdf"));
    assert!(report
        .mashup
        .category_quote("coops", "Party B", Some("2024"))
        .is_none());
    let value = serde_json::to_value(&report).unwrap();
    assert_eq!(schema_errors(&value), Vec::<String>::new());
    let mut table = Vec::new();
    write_table(&report, &mut table).unwrap();
    let table = String::from_utf8(table).unwrap();
    let at = |s: &str| {
        table
            .find(s)
            .unwrap_or_else(|| panic!("{s:?} not in {table}"))
    };
    assert!(at("Election 2024:") < at("Election 2019:"));
    assert!(at("Election 2019:") < at("Election unknown:"));
    assert!(table.contains("1 in a language the lexicon does not cover"));
    assert!(table.contains("not matched: e.pdf (written in Welsh (cy, detected)"));
}

#[test]
fn totals_and_unread() {
    let report = sample_report();
    assert_eq!(report.schema_version, SCHEMA_VERSION);
    assert_eq!(
        (report.totals.policies, report.totals.pledged_policies),
        (2, 1)
    );
    assert_eq!(
        (
            report.totals.ok,
            report.totals.no_text_layer,
            report.totals.failed
        ),
        (2, 1, 1)
    );
    assert_eq!((report.totals.mentions, report.totals.pledges), (3, 2));
    let b = report
        .parties
        .iter()
        .find(|p| p.party == "Party B")
        .unwrap();
    assert_eq!((b.rates.documents, b.rates.unread), (1, 1));
    let c = report
        .parties
        .iter()
        .find(|p| p.party == "Party C")
        .unwrap();
    assert_eq!((c.rates.documents, c.rates.unread), (0, 1));
    assert_eq!(report.unread().count(), 2);
    assert_eq!(report.category_label("coops"), "Co-operatives & mutuals");
    assert_eq!(report.ask_label("nope"), "nope");
}
