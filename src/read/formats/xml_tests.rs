//! The XML readers against the real files in `../shared/track` (described by
//! its PROVENANCE.tsv), and against broken input.

use super::{akn, clml, hansard, xml, DateRole, DocKind, FormatError, Locator, Structured};
use std::collections::HashSet;
use std::path::PathBuf;

/// `../shared/track`, or `None` when `../shared` is absent (the project's
/// rule: see [`crate::test_support`]).
fn shared_dir() -> Option<PathBuf> {
    crate::test_support::shared_file("track")
}

/// One XML row of PROVENANCE.tsv: file name, title, date column.
struct Row {
    name: String,
    title: String,
    date: String,
}

fn xml_rows(dir: &std::path::Path) -> Vec<Row> {
    let tsv = std::fs::read_to_string(dir.join("PROVENANCE.tsv")).expect("PROVENANCE.tsv readable");
    let mut lines = tsv.lines();
    let header: Vec<&str> = lines.next().unwrap_or_default().split('\t').collect();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| *h == name)
            .expect("column present")
    };
    let (n, t, d) = (col("local_name"), col("title"), col("date"));
    lines
        .map(|l| l.split('\t').collect::<Vec<_>>())
        .filter(|f| f.get(n).is_some_and(|name| name.ends_with(".xml")))
        .map(|f| Row {
            name: f[n].to_string(),
            title: f[t].to_string(),
            date: f[d].to_string(),
        })
        .collect()
}

fn read_any(bytes: &[u8]) -> Result<Structured, FormatError> {
    match xml::sniff(bytes) {
        Some(xml::XmlFormat::Clml) => clml::read(bytes),
        Some(xml::XmlFormat::AkomaNtoso) => akn::read(bytes),
        Some(xml::XmlFormat::Hansard) => hansard::read(bytes),
        None => Err(FormatError::NotThisFormat("unknown".into())),
    }
}

/// The kind each file should read as, from the naming scheme of the folder.
fn expected_kind(name: &str) -> DocKind {
    if name.starts_with("akn_") {
        DocKind::Bill
    } else if name.contains("uksi-") || name.contains("ssi-") || name.contains("wsi-") {
        DocKind::StatutoryInstrument
    } else if name.starts_with("clml") {
        DocKind::Act
    } else if name.contains("written-ministerial-statements") {
        DocKind::Statement
    } else if name.contains("written-answers") {
        DocKind::Answer
    } else {
        DocKind::Debate
    }
}

fn norm(s: &str) -> String {
    s.to_lowercase()
        .replace(['’', '‘'], "'")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether a title read from a file is the one PROVENANCE.tsv describes.
///
/// PROVENANCE titles add a description to the document's own title: a version
/// ("..., as enacted", ", section 6 (...)"), a citation ("(SI 2014/333)"), or a
/// note after " - " or ": ". So the provenance title is cut at the first
/// " - ", ": " or ", "; the file's title must then either start that core
/// (the file says "Land Reform (Scotland) Act 2003", the core adds "(asp 2)")
/// or contain it (Hansard titles we build say "House of Commons written
/// ministerial statements, 2009-10-28" for a core of "Commons written
/// ministerial statements"). Very short titles never match, so an empty or
/// one-word title cannot pass by accident.
fn title_matches(ours: &str, provenance: &str) -> bool {
    let cut = [" - ", ": ", ", "]
        .iter()
        .filter_map(|sep| provenance.find(sep))
        .min();
    let core = norm(cut.and_then(|c| provenance.get(..c)).unwrap_or(provenance));
    let ours = norm(ours);
    ours.len() >= 8 && (core.starts_with(&ours) || ours.contains(&core))
}

/// The dates PROVENANCE states: the leading one, its role from the words in
/// parentheses, and any "valid YYYY-MM-DD" after it.
fn expected_dates(row: &Row) -> Vec<(String, DateRole)> {
    let d = &row.date;
    let mut out = Vec::new();
    let lower = d.to_lowercase();
    let role = if row.name.starts_with("hansard") {
        DateRole::Sitting
    } else if lower.contains("made") {
        DateRole::Made
    } else if lower.contains("enacted") || lower.contains("royal assent") {
        DateRole::Enacted
    } else if lower.contains("published") {
        DateRole::Published
    } else {
        return out;
    };
    if let Some(date) = d
        .get(..10)
        .filter(|s| super::iso_date(s).as_deref() == Some(*s))
    {
        out.push((date.to_string(), role));
    }
    if let Some(p) = lower.find("valid ") {
        if let Some(v) = d.get(p + 6..p + 16) {
            out.push((v.to_string(), DateRole::Valid));
        }
    }
    out
}

#[test]
fn every_shared_xml_file_reads_as_provenance_says() {
    let Some(dir) = shared_dir() else { return };
    let rows = xml_rows(&dir);
    assert!(rows.len() >= 15, "expected the XML rows of PROVENANCE.tsv");
    for row in &rows {
        let bytes = std::fs::read(dir.join(&row.name)).expect("file readable");
        let doc = read_any(&bytes).unwrap_or_else(|e| panic!("{}: {e}", row.name));
        let meta = &doc.meta;
        assert_eq!(meta.kind, Some(expected_kind(&row.name)), "{}", row.name);
        let title = meta.title.as_deref().unwrap_or_default();
        assert!(
            title_matches(title, &row.title),
            "{}: title {title:?} vs {:?}",
            row.name,
            row.title
        );
        for (date, role) in expected_dates(row) {
            assert!(
                meta.dates.iter().any(|d| d.date == date && d.role == role),
                "{}: {date} {role:?} not in {:?}",
                row.name,
                meta.dates
            );
        }
        if row.name.contains("_metadata") {
            assert!(doc.sections.is_empty(), "{}", row.name);
            assert!(
                doc.warnings.iter().any(|w| w.contains("metadata only")),
                "{}",
                row.name
            );
        } else {
            assert!(!doc.sections.is_empty(), "{}: no sections", row.name);
        }
        let mut ids = HashSet::new();
        for s in &doc.sections {
            for p in &s.paragraphs {
                assert!(
                    !p.is_empty() && !p.contains('\n') && p.trim() == p,
                    "{}: {p:?}",
                    row.name
                );
                assert!(
                    !p.contains('\u{FFFD}'),
                    "{}: replacement char in {p:?}",
                    row.name
                );
            }
            match &s.locator {
                Locator::Provision { id, .. } | Locator::Speech { id, .. } => {
                    assert!(ids.insert(id.clone()), "{}: id {id} repeated", row.name);
                }
                _ => {}
            }
        }
    }
}

#[test]
fn hansard_speakers_and_latin1_names() {
    let Some(dir) = shared_dir() else { return };
    let mut accented = false;
    for row in xml_rows(&dir)
        .iter()
        .filter(|r| r.name.starts_with("hansard"))
    {
        let doc =
            hansard::read(&std::fs::read(dir.join(&row.name)).expect("readable")).expect("reads");
        let speakers: Vec<&str> = doc
            .sections
            .iter()
            .filter_map(|s| match &s.locator {
                Locator::Speech {
                    speaker, column, ..
                } => {
                    assert!(column.is_some(), "{}: speech without column", row.name);
                    speaker.as_deref()
                }
                _ => panic!("{}: not a speech locator", row.name),
            })
            .collect();
        assert!(!speakers.is_empty(), "{}: no speakers", row.name);
        assert!(
            doc.sections.iter().all(|s| s.heading.is_some()),
            "{}: speech without heading",
            row.name
        );
        accented |= speakers
            .iter()
            .any(|s| s.chars().any(|c| ('\u{C0}'..='\u{FF}').contains(&c)));
    }
    // The Commons debates file names a member with a raw ISO-8859-1 letter.
    assert!(accented, "no Latin-1 letter decoded in any speaker's name");
}

#[test]
fn fragment_takes_identity_from_its_uris() {
    let Some(dir) = shared_dir() else { return };
    let path = dir.join("clml-fragment_ukpga-2025-16_great-british-energy-act-2025_s1.xml");
    let doc = clml::read(&std::fs::read(path).expect("readable")).expect("reads");
    assert_eq!(doc.meta.kind, Some(DocKind::Act));
    assert_eq!(doc.meta.number.as_deref(), Some("2025 c. 16"));
    assert!(doc
        .meta
        .url
        .as_deref()
        .is_some_and(|u| u.contains("/id/ukpga/2025/16")));
    assert!(doc.meta.dates.is_empty(), "the fragment states no dates");
}

#[test]
fn truncated_real_files_are_errors_not_panics() {
    let Some(dir) = shared_dir() else { return };
    for row in xml_rows(&dir) {
        let bytes = std::fs::read(dir.join(&row.name)).expect("readable");
        let step = (bytes.len() / 41).max(1);
        for cut in (0..bytes.len() * 9 / 10).step_by(step) {
            let part = bytes.get(..cut).unwrap_or_default();
            for reader in [clml::read, akn::read, hansard::read] {
                assert!(
                    reader(part).is_err(),
                    "{} cut at {cut} read as Ok",
                    row.name
                );
            }
            let _ = xml::sniff(part);
        }
    }
}

#[test]
fn non_xml_input_is_an_error() {
    let empty: &[u8] = b"";
    for input in [
        empty,
        b"   \n",
        b"%PDF-1.4\n%\xe2\xe3",
        b"{\"a\": 1}",
        b"\xff\xfe\x00\xd8",
        b"<a><b></a>",
    ] {
        for reader in [clml::read, akn::read, hansard::read] {
            assert!(reader(input).is_err(), "{input:?}");
        }
    }
    assert!(matches!(clml::read(b""), Err(FormatError::Xml { .. })));
    if let Some(dir) = shared_dir() {
        for name in [
            "pdf_sustainable-aviation-fuel-bill_commons-as-amended-in-committee.pdf",
            "govuk_speech_queens-speech-2016.json",
        ] {
            let bytes = std::fs::read(dir.join(name)).expect("readable");
            assert!(
                clml::read(&bytes).is_err()
                    && hansard::read(&bytes).is_err()
                    && akn::read(&bytes).is_err()
            );
            assert_eq!(xml::sniff(&bytes), None);
        }
    }
}

#[test]
fn deep_nesting_does_not_overflow() {
    let depth = 100_000;
    let mut src = String::from("<P1group>");
    src.push_str(&"<P1><P1para><Text>x".repeat(depth));
    src.push_str(&"</Text></P1para></P1>".repeat(depth));
    src.push_str("</P1group>");
    let _ = clml::read(src.as_bytes());
    let akn_src = format!(
        "<akomaNtoso><bill>{}{}</bill></akomaNtoso>",
        "<hcontainer eId=\"h\"><num>1</num>".repeat(depth),
        "</hcontainer>".repeat(depth)
    );
    let _ = akn::read(akn_src.as_bytes());
    let whip = format!(
        "<publicwhip><speech id=\"s\" colnum=\"1\">{}{}</speech></publicwhip>",
        "<p>".repeat(depth),
        "</p>".repeat(depth)
    );
    let _ = hansard::read(whip.as_bytes());
}

#[test]
fn undeclared_html_entities_parse() {
    let src = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<publicwhip><speech id=\"uk.org.publicwhip/wrans/2009-10-27a.1.0\" colnum=\"1\" speakername=\"Lord X\"><p>A&hellip;&nbsp;\xa3&unknownthing;</p></speech></publicwhip>";
    let doc = hansard::read(src).expect("reads");
    assert_eq!(
        doc.sections[0].paragraphs,
        vec!["A\u{2026} \u{a3}&unknownthing;".to_string()]
    );
    assert!(doc.warnings.iter().any(|w| w.contains("unknownthing")));
    assert_eq!(doc.meta.kind, Some(DocKind::Answer));
}

mod fuzz {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            let _ = xml::sniff(&bytes);
            for reader in [clml::read, akn::read, hansard::read] {
                let _ = reader(&bytes);
            }
        }

        #[test]
        fn xmlish_noise_never_panics(s in "(<[A-Za-z]{1,3}( id=\"[a-z]\")?>|</[A-Za-z]{1,3}>|&[a-z#0-9]{0,6};?|[a-z ]{0,5}|<!DOCTYPE x \\[<!ENTITY e \"[a-z&;]{0,4}\">\\]>){0,30}") {
            for reader in [clml::read, akn::read, hansard::read] {
                let _ = reader(s.as_bytes());
            }
            let wrapped = format!("<publicwhip>{s}</publicwhip>");
            let _ = hansard::read(wrapped.as_bytes());
            let wrapped = format!("<P1group>{s}</P1group>");
            let _ = clml::read(wrapped.as_bytes());
            let wrapped = format!("<akomaNtoso><bill><body>{s}</body></bill></akomaNtoso>");
            let _ = akn::read(wrapped.as_bytes());
        }
    }
}

/// The AKN bill's text against the PDF print of the same bill, both read as
/// `mashup` reads them (every line of the print, as `extract --all` prints
/// it: the print's margin line numbers and running heads are words too).
#[test]
fn akn_text_has_the_words_of_the_pdf_print() {
    let Some(dir) = shared_dir() else { return };
    let stem = "sustainable-aviation-fuel-bill_commons-as-amended-in-committee";
    let read = |name: String| {
        let path = dir.join(name);
        let doc = crate::read::read_document(
            &path,
            crate::corpus::InputKind::of_file(&path),
            &crate::read::ReadOptions::default(),
        )
        .expect("reads");
        doc.pages
            .iter()
            .map(|p| p.render(true))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let (akn, pdf) = (
        read(format!("akn_{stem}.xml")),
        read(format!("pdf_{stem}.pdf")),
    );
    let f1 = crate::test_support::words_f1(&akn, &pdf);
    eprintln!("AKN vs PDF words_f1 = {f1:.4}");
    assert!(f1 >= 0.97, "words_f1 {f1:.4} below 0.97");
}
