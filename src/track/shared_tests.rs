//! `track` on the real documents of `../shared/track`: every one read as its
//! PROVENANCE.tsv says, no evidence from the negatives, the evidence a
//! campaigner would want from the positives, and decisions that survive a
//! second run with more documents.

use super::decisions::{Decision, Decisions, Verdict};
use super::render::write_evidence_csv;
use super::sources::Sources;
use super::stage::Stage;
use super::*;
use crate::corpus::{collect_files, FolderFiles};
use crate::test_support::shared_dir;
use std::path::Path;

/// One row of PROVENANCE.tsv.
struct Row {
    file: String,
    title: String,
    date: String,
    topics: String,
}

fn provenance(dir: &Path) -> Vec<Row> {
    let text = std::fs::read_to_string(dir.join("PROVENANCE.tsv")).expect("PROVENANCE.tsv");
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().expect("a header").split('\t').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).expect(name);
    let (file, title, date, topics) = (col("local_name"), col("title"), col("date"), col("topics"));
    lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let cells: Vec<&str> = l.split('\t').collect();
            Row {
                file: cells[file].to_string(),
                title: cells[title].to_string(),
                date: cells[date].to_string(),
                topics: cells[topics].to_string(),
            }
        })
        .collect()
}

fn run(paths: &[PathBuf], decisions: Option<&Decisions>) -> Tracking {
    let lexicon = Lexicon::builtin();
    let matcher = Matcher::new(&lexicon).expect("the built-in lexicon compiles");
    let read = ReadOptions::default();
    let sources = Sources::default();
    let options = TrackOptions {
        lexicon: &lexicon,
        matcher: &matcher,
        read: &read,
        cache: None,
        jobs: Some(2),
        sources: &sources,
        decisions,
        manifestos: None,
        stalled_after_months: DEFAULT_STALLED_AFTER_MONTHS,
    };
    let corpus = collect_files(paths, None, FolderFiles::GovernmentDocuments).expect("no index");
    track(&corpus, &options, &|_| {})
}

/// Letters and digits only, lower case: titles compared as words.
fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// PROVENANCE's title up to its annotations (" - html_publication", " (c. 16)",
/// " [as amended ...]", ", as enacted", ", 28 Oct 2009: ...").
fn title_head(title: &str) -> &str {
    [" - ", " (", " [", ", "]
        .iter()
        .filter_map(|cut| title.find(cut))
        .min()
        .map_or(title, |at| &title[..at])
}

/// The kind each file's source says it is (PROVENANCE's `kind` column names
/// the format; this names the document).
fn expected_kind(file: &str) -> Option<DocKind> {
    let by_prefix: &[(&str, Option<DocKind>)] = &[
        ("clml_uksi", Some(DocKind::StatutoryInstrument)),
        ("clml", Some(DocKind::Act)),
        ("akn_", Some(DocKind::Bill)),
        (
            "govuk_html-publication_spring-budget",
            Some(DocKind::Budget),
        ),
        ("govuk_speech", Some(DocKind::Speech)),
        ("govuk_detailed-guide", Some(DocKind::Guidance)),
        ("govuk_guidance", Some(DocKind::Guidance)),
        ("govuk_policy-paper", Some(DocKind::PolicyPaper)),
        (
            "govuk_consultation-outcome",
            Some(DocKind::ConsultationOutcome),
        ),
        ("govuk_consultation", Some(DocKind::Consultation)),
        (
            "govuk_government-response",
            Some(DocKind::GovernmentResponse),
        ),
        ("govuk_written-statement", Some(DocKind::Statement)),
        ("govuk", Some(DocKind::Other)),
        ("hansard_commons-debates", Some(DocKind::Debate)),
        ("hansard_westminster-hall", Some(DocKind::Debate)),
        ("hansard_lords-written-answers", Some(DocKind::Answer)),
        ("hansard", Some(DocKind::Statement)),
    ];
    by_prefix
        .iter()
        .find(|(prefix, _)| file.starts_with(prefix))
        .and_then(|(_, kind)| *kind)
}

/// Where PROVENANCE.tsv's date is not what the file states, checked by hand.
const PROVENANCE_SLIPS: &[(&str, &str)] = &[(
    "odt_dfe_gems-information-you-need-about-your-estate.odt",
    // PROVENANCE gives the file's meta:print-date; meta:creation-date and
    // dc:date are both 2020-12-04.
    "2020-12-04",
)];

#[test]
fn every_document_is_read_with_its_kind_title_and_date() {
    let Some(shared) = shared_dir() else { return };
    let dir = shared.join("track");
    let rows = provenance(&dir);
    assert_eq!(rows.len(), 35);
    let tracking = run(std::slice::from_ref(&dir), None);
    assert_eq!(tracking.documents.len(), rows.len());
    for row in &rows {
        let doc = tracking
            .documents
            .iter()
            .find(|d| d.path.ends_with(&row.file))
            .unwrap_or_else(|| panic!("{} not read", row.file));
        let metadata_only = row.title.contains("metadata-only");
        assert_eq!(
            doc.status,
            if metadata_only {
                DocStatus::Warning
            } else {
                DocStatus::Ok
            },
            "{}: {:?}",
            row.file,
            doc.message
        );
        assert_eq!(doc.kind, expected_kind(&row.file), "{}", row.file);
        let (ours, theirs) = (
            norm(doc.title.as_deref().unwrap_or("")),
            norm(title_head(&row.title)),
        );
        assert!(
            theirs.len() >= 10
                && (ours.contains(&theirs) || theirs.contains(&ours))
                && ours.len() >= 10,
            "{}: title {:?} against {:?}",
            row.file,
            doc.title,
            row.title
        );
        let stated = row.date.split_whitespace().next().unwrap_or("");
        let expected = PROVENANCE_SLIPS
            .iter()
            .find(|(file, _)| *file == row.file)
            .map_or(stated, |(_, date)| *date);
        if expected == "n/a" {
            assert!(doc.dates.is_empty() && doc.date.is_none(), "{}", row.file);
            continue;
        }
        assert!(
            doc.dates.iter().any(|d| d.date.starts_with(expected)),
            "{}: {expected} not among {:?}",
            row.file,
            doc.dates
        );
        assert!(doc.date.is_some(), "{} undated", row.file);
    }
}

#[test]
fn no_evidence_from_the_negatives() {
    let Some(shared) = shared_dir() else { return };
    let dir = shared.join("track");
    let tracking = run(std::slice::from_ref(&dir), None);
    let negatives: Vec<Row> = provenance(&dir)
        .into_iter()
        .filter(|r| r.topics.starts_with("none"))
        .collect();
    assert!(negatives.len() >= 8, "{}", negatives.len());
    for row in negatives {
        let found: Vec<&Evidence> = tracking
            .evidence
            .iter()
            .filter(|e| e.path.ends_with(&row.file))
            .collect();
        assert!(found.is_empty(), "{}: {found:#?}", row.file);
    }
}

#[test]
fn the_positives_give_the_evidence_a_campaigner_wants() {
    let Some(shared) = shared_dir() else { return };
    let tracking = run(&[shared.join("track")], None);
    let find = |ask: &str, file: &str| {
        tracking
            .evidence
            .iter()
            .find(|e| e.ask == ask && e.path.contains(file))
            .unwrap_or_else(|| panic!("no {ask} evidence in {file}"))
    };
    // The budget's promise to lighten small co-operatives' audits: a
    // commitment, placed under its heading, dated and linked.
    let coops = find("support-co-operatives", "spring-budget-2017");
    assert_eq!(coops.stage, Stage::Proposed, "{}", coops.reason);
    assert_eq!(coops.date.as_deref(), Some("2017-03-08"));
    assert!(matches!(coops.locator, Locator::Heading { .. }));
    assert!(coops
        .url
        .as_deref()
        .is_some_and(|u| u.starts_with("https://www.gov.uk/")));
    // Social enterprise raised at Cabinet Office questions, cited by speech
    // and column.
    let debate = find("support-social-enterprise", "hansard_commons-debates");
    let Locator::Speech {
        column, speaker, ..
    } = &debate.locator
    else {
        panic!("{:?}", debate.locator)
    };
    assert!(column.is_some() && speaker.is_some());
    assert_eq!(debate.date.as_deref(), Some("2009-10-28"));
    find("social-investment-market", "spring-budget-2017");
    // The Part of an Act titled for the ask is law, linked to the Part.
    let part = find("community-right-to-bid", "land-reform-scotland-act-2003");
    assert_eq!(part.stage, Stage::Enacted, "{}", part.reason);
    assert_eq!(part.date.as_deref(), Some("2003-02-25"));
    assert!(
        part.url
            .as_deref()
            .is_some_and(|u| u.ends_with("/asp/2003/2/part/2")),
        "{:?}",
        part.url
    );
    find("support-community-energy", "onshore-wind");
    // Each ask's stage is the furthest its evidence reaches.
    for ask in &tracking.asks {
        let top = tracking
            .evidence
            .iter()
            .filter(|e| e.ask == ask.id)
            .map(|e| e.stage)
            .max();
        assert_eq!(ask.stage, top, "{}", ask.id);
    }
}

#[test]
fn decisions_survive_a_second_run_with_more_documents() {
    let Some(shared) = shared_dir() else { return };
    let dir = shared.join("track");
    let first_docs = vec![
        dir.join("hansard_commons-debates_2009-10-28c.xml"),
        dir.join("govuk_business-finance-support_big-issue-invest.json"),
    ];
    let first = run(&first_docs, None);
    assert!(first.evidence.len() >= 3, "{:#?}", first.evidence);
    assert!(first.evidence.iter().all(|e| e.new));
    // The campaigner edits the evidence sheet: rejects the first piece,
    // accepts the second; and rates an ask in the asks sheet.
    let mut csv = Vec::new();
    write_evidence_csv(&first, &mut csv).unwrap();
    let text = String::from_utf8(csv).unwrap();
    let (rejected, accepted) = (&first.evidence[0], &first.evidence[1]);
    let edited: String = text
        .lines()
        .map(|line| {
            let line = if line.starts_with(&rejected.id) {
                line.replacen(
                    &format!("{},{},,", rejected.id, rejected.ask),
                    &format!("{},{},reject,not about it", rejected.id, rejected.ask),
                    1,
                )
            } else if line.starts_with(&accepted.id) {
                line.replacen(
                    &format!("{},{},,", accepted.id, accepted.ask),
                    &format!("{},{},accept,", accepted.id, accepted.ask),
                    1,
                )
            } else {
                line.to_string()
            };
            line + "\n"
        })
        .collect();
    let mut decisions = Decisions::default();
    decisions
        .read(Path::new("evidence.csv"), edited.as_bytes())
        .unwrap();
    decisions
        .read(
            Path::new("asks.csv"),
            format!(
                "id,verdict,note\n{},in the works,seen at questions\nno-such-ask,kept,\n",
                accepted.ask
            )
            .as_bytes(),
        )
        .unwrap();
    assert_eq!(
        decisions.evidence[&rejected.id].0.decision,
        Some(Decision::Rejected)
    );

    let mut more = first_docs.clone();
    more.push(dir.join("govuk_html-publication_spring-budget-2017.json"));
    more.push(dir.join("govuk_detailed-guide_onshore-wind.json"));
    let second = run(&more, Some(&decisions));
    // Same ids for the same documents.
    for e in &first.evidence {
        let again = second
            .evidence
            .iter()
            .find(|s| s.id == e.id)
            .unwrap_or_else(|| panic!("{} lost", e.id));
        assert_eq!((&again.quote, &again.ask), (&e.quote, &e.ask));
        assert!(!again.new, "{} was seen before", e.id);
    }
    // The decisions kept; the rejected piece no longer counts.
    let get = |id: &str| second.evidence.iter().find(|e| e.id == id).unwrap();
    assert_eq!(get(&rejected.id).decision, Some(Decision::Rejected));
    assert_eq!(get(&rejected.id).note, "not about it");
    assert_eq!(get(&accepted.id).decision, Some(Decision::Accepted));
    let ask = second.asks.iter().find(|a| a.id == rejected.ask).unwrap();
    assert!(!ask.timeline.contains(&rejected.id));
    assert_eq!(ask.rejected, 1);
    let rated = second.asks.iter().find(|a| a.id == accepted.ask).unwrap();
    assert_eq!(rated.verdict, Verdict::InTheWorks);
    assert_eq!(rated.note, "seen at questions");
    // Evidence from the documents added is new.
    let added: Vec<&Evidence> = second
        .evidence
        .iter()
        .filter(|e| e.path.contains("spring-budget") || e.path.contains("onshore"))
        .collect();
    assert!(!added.is_empty());
    assert!(added.iter().all(|e| e.new && e.decision.is_none()));
    // A row naming nothing this run knows is a warning naming its line.
    assert!(
        second
            .warnings
            .iter()
            .any(|w| w.starts_with("asks.csv, line 3:") && w.contains("no-such-ask")),
        "{:#?}",
        second.warnings
    );
}

/// The JSON `track` writes is what `docs/track.schema.json` says, at the
/// version the program writes, with every kind of locator the shared
/// documents have.
#[test]
fn the_json_matches_its_schema() {
    let Some(shared) = shared_dir() else { return };
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/track.schema.json"),
        )
        .expect("docs/track.schema.json is readable"),
    )
    .expect("the schema is JSON");
    assert_eq!(
        schema["properties"]["schema_version"]["const"],
        serde_json::json!(SCHEMA_VERSION)
    );
    let validator = jsonschema::validator_for(&schema).expect("a valid JSON Schema");
    let tracking = run(&[shared.join("track")], None);
    let mut json = Vec::new();
    render::write_json(&tracking, &mut json).unwrap();
    let value: serde_json::Value = serde_json::from_slice(&json).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&value)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let back: Tracking = serde_json::from_value(value).expect("reads back");
    assert_eq!(back, tracking);
}
