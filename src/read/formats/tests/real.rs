//! Reads every GOV.UK, DOCX and ODT file of the shared track folder and checks
//! it against PROVENANCE.tsv. The files are read at run time; none of their
//! text is copied here.

use std::path::{Path, PathBuf};

use crate::read::formats::{self, DateRole, DocKind, Structured};

/// `../shared/track`, or `None` when `../shared` is absent (the project's
/// rule: see [`crate::test_support`]).
fn shared_dir() -> Option<PathBuf> {
    crate::test_support::shared_file("track")
}

/// One row of PROVENANCE.tsv.
struct Row {
    local_name: String,
    title: String,
    date: String,
}

fn provenance(dir: &Path) -> Vec<Row> {
    let text =
        std::fs::read_to_string(dir.join("PROVENANCE.tsv")).expect("PROVENANCE.tsv is readable");
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().expect("a header line").split('\t').collect();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| *h == name)
            .expect("PROVENANCE.tsv column")
    };
    let (name, title, date) = (col("local_name"), col("title"), col("date"));
    lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let cells: Vec<&str> = l.split('\t').collect();
            let cell = |i: usize| cells.get(i).copied().unwrap_or_default().to_string();
            Row {
                local_name: cell(name),
                title: cell(title),
                date: cell(date),
            }
        })
        .collect()
}

/// PROVENANCE titles carry annotations after the document's own title:
/// "Spring Budget 2017 (HM Treasury, HC 1025) - html_publication". The stem
/// is the text before the first " - " or " (", and the title the reader gives
/// must start with it. (A title may itself contain " - ", as "Estates
/// projects - process checklist" does; its stem "Estates projects" still
/// starts it.) Curly and straight apostrophes compare equal.
fn title_matches(provenance_title: &str, read: &str) -> bool {
    let fold = |s: &str| s.replace(['\u{2019}', '\u{2018}'], "'").to_lowercase();
    let cut = [" - ", " ("]
        .iter()
        .filter_map(|sep| provenance_title.find(sep))
        .min()
        .unwrap_or(provenance_title.len());
    let stem = fold(provenance_title[..cut].trim());
    stem.len() >= 5 && fold(read).starts_with(&stem)
}

/// The dates a PROVENANCE date cell states: its leading date with the role
/// named first in the parentheses, and any "modified YYYY-MM-DD" after.
fn provenance_dates(cell: &str) -> Vec<(String, DateRole)> {
    let mut out = Vec::new();
    let Some(date) = cell.get(..10).filter(|d| formats_b_date(d)) else {
        return out;
    };
    let note = cell
        .split_once('(')
        .map(|(_, n)| n.trim_end_matches(')'))
        .unwrap_or_default();
    let first = note.split(';').next().unwrap_or_default().trim();
    let role = match first {
        "first_published_at" => DateRole::Published,
        "public_updated_at" => DateRole::Updated,
        "docProps created" | "meta creation-date" => DateRole::Created,
        other => panic!("PROVENANCE date role {other:?} has no mapping in this test"),
    };
    out.push((date.to_string(), role));
    if let Some(at) = note.find("modified ") {
        if let Some(m) = note.get(at + 9..at + 19).filter(|d| formats_b_date(d)) {
            out.push((m.to_string(), DateRole::Updated));
        }
    }
    out
}

fn formats_b_date(d: &str) -> bool {
    d.len() == 10
        && d.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        })
}

/// Where PROVENANCE.tsv is known to be wrong, and why. The ODT's
/// meta:creation-date and dc:date are both 2020-12-04; the 2020-02-10 in
/// PROVENANCE is its meta:print-date, which has no role here.
const ERRATA: &[(&str, &str)] = &[(
    "odt_dfe_gems-information-you-need-about-your-estate.odt",
    "PROVENANCE's creation date is the file's meta:print-date",
)];

/// The kind each GOV.UK file should read as (DOCX and ODT state none).
fn expected_kind(name: &str) -> Option<DocKind> {
    let kinds: &[(&str, DocKind)] = &[
        ("business-finance-support", DocKind::Other),
        ("consultation-outcome", DocKind::ConsultationOutcome),
        ("consultation_", DocKind::Consultation),
        ("detailed-guide", DocKind::Guidance),
        ("government-response", DocKind::GovernmentResponse),
        ("guidance", DocKind::Guidance),
        ("dwp-single-departmental-plan", DocKind::Other),
        ("spring-budget-2017", DocKind::Budget),
        ("news-story", DocKind::Other),
        ("policy-paper", DocKind::PolicyPaper),
        ("speech", DocKind::Speech),
        ("statistics", DocKind::Other),
        ("travel-advice", DocKind::Other),
        ("written-statement", DocKind::Statement),
    ];
    let stem = name.strip_prefix("govuk_")?;
    kinds
        .iter()
        .find(|(key, _)| stem.contains(key))
        .map(|(_, k)| *k)
}

fn check_shape(name: &str, doc: &Structured) {
    for section in &doc.sections {
        if let Some(h) = &section.heading {
            assert!(
                !h.is_empty() && !h.contains('\n') && h.trim() == h,
                "{name}: heading {h:?}"
            );
        }
        assert!(
            section.heading.is_some() || !section.paragraphs.is_empty(),
            "{name}: an empty section"
        );
        for p in &section.paragraphs {
            assert!(!p.is_empty(), "{name}: empty paragraph");
            assert!(
                !p.contains('\n') && !p.contains('\r'),
                "{name}: newline in {p:?}"
            );
            assert_eq!(p.trim(), p, "{name}: untrimmed paragraph");
            assert!(!p.contains("  "), "{name}: double space in {p:?}");
        }
    }
}

#[test]
fn every_shared_document_reads_as_provenance_says() {
    let Some(dir) = shared_dir() else {
        return;
    };
    let rows = provenance(&dir);
    let mut read = 0;
    let mut table = String::new();
    for row in &rows {
        let name = row.local_name.as_str();
        let reader: fn(&[u8]) -> Result<Structured, formats::FormatError> =
            if name.starts_with("govuk_") {
                formats::govuk::read
            } else if name.starts_with("docx_") {
                formats::docx::read
            } else if name.starts_with("odt_") {
                formats::odt::read
            } else {
                continue;
            };
        let bytes = std::fs::read(dir.join(name)).expect("a listed file is readable");
        let doc = match reader(&bytes) {
            Ok(doc) => doc,
            Err(e) => panic!("{name}: {e}"),
        };
        read += 1;
        check_shape(name, &doc);
        let title = doc.meta.title.clone().unwrap_or_default();
        assert!(
            title_matches(&row.title, &title),
            "{name}: title {title:?} vs PROVENANCE {:?}",
            row.title
        );
        let wanted = provenance_dates(&row.date);
        assert!(!wanted.is_empty(), "{name}: PROVENANCE gives no date");
        for (date, role) in wanted {
            let found = doc
                .meta
                .dates
                .iter()
                .any(|d| d.date == date && d.role == role);
            if !found {
                let erratum = ERRATA.iter().find(|(n, _)| *n == name);
                assert!(
                    erratum.is_some(),
                    "{name}: {date} ({role:?}) not in {:?}",
                    doc.meta.dates
                );
                eprintln!(
                    "note: {name}: {date} ({role:?}) not read: {}",
                    erratum.map_or("", |e| e.1)
                );
                assert!(
                    doc.meta.dates.iter().any(|d| d.role == role),
                    "{name}: no {role:?} date at all"
                );
            }
        }
        if name.starts_with("govuk_") {
            assert_eq!(doc.meta.kind, expected_kind(name), "{name}: kind");
            let url = doc.meta.url.clone().unwrap_or_default();
            assert!(
                url.starts_with("https://www.gov.uk/"),
                "{name}: url {url:?}"
            );
            assert!(!doc.meta.departments.is_empty(), "{name}: no departments");
        } else {
            assert!(
                doc.meta.kind.is_none(),
                "{name}: a word-processor file states no kind"
            );
        }
        // Every file here has body text (travel advice in its parts), so
        // none is "metadata only"; that warning is tested on made-up items.
        assert!(
            !doc.warnings.iter().any(|w| w.contains("no body text")),
            "{name}: {:?}",
            doc.warnings
        );
        let paragraphs: usize = doc.sections.iter().map(|s| s.paragraphs.len()).sum();
        assert!(paragraphs > 0, "{name}: no paragraphs");
        let dates: Vec<String> = doc
            .meta
            .dates
            .iter()
            .map(|d| format!("{} {:?}", d.date, d.role))
            .collect();
        table.push_str(&format!(
            "{name} | {:?} | {title} | {} | {} | {paragraphs} | {}\n",
            doc.meta.kind,
            dates.join(", "),
            doc.sections.len(),
            doc.warnings.join("; ")
        ));
    }
    eprintln!("{table}");
    assert!(
        read >= 17,
        "expected the 15 GOV.UK files, a DOCX and an ODT; read {read}"
    );
}

#[test]
fn word_processor_paragraph_numbers_run_on() {
    let Some(dir) = shared_dir() else {
        return;
    };
    for entry in std::fs::read_dir(&dir).expect("shared dir lists") {
        let path = entry.expect("an entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        let reader = if name.starts_with("docx_") {
            formats::docx::read
        } else if name.starts_with("odt_") {
            formats::odt::read
        } else {
            continue;
        };
        let doc = reader(&std::fs::read(&path).expect("readable")).expect("reads");
        let mut next = 1;
        for section in &doc.sections {
            let formats::Locator::Paragraph { number } = section.locator else {
                panic!("{name}: locator {:?}", section.locator);
            };
            assert_eq!(number, next, "{name}: sections number on from the last");
            next = number + u32::from(section.heading.is_some()) + section.paragraphs.len() as u32;
            for i in 0..section.paragraphs.len() {
                let n = formats::paragraph_number(section, i).expect("a number");
                assert_eq!(n, number + u32::from(section.heading.is_some()) + i as u32);
            }
        }
    }
}
