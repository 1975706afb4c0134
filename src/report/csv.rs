//! The CSV renderer: the report as spreadsheets, one file each (see
//! [`CSV_FILES`]), for the tracking sheets the analysts keep.
//!
//! Every file is UTF-8 with a byte-order mark, comma-separated, CRLF line
//! ends (RFC 4180), fields quoted when needed. The BOM is what makes Excel
//! read UTF-8 ("Plaid Cymru", "Sinn Féin", curly quotes) instead of guessing
//! a legacy code page; LibreOffice, Google Sheets, Python's `utf-8-sig` and
//! the `csv` crate all skip it. Every cell that starts with `=`, `+`, `-`,
//! `@`, a tab or a carriage return gets a leading apostrophe, so a spreadsheet
//! shows it instead of running it as a formula (OWASP's advice on CSV
//! injection). That covers quoted text, party names, file paths, ask and
//! category ids and labels, error messages and header cells alike: a PDF, a
//! file name, an index and a lexicon are all untrusted input, so the guard
//! sits in the one function that writes a row, not beside each column.
//! Counts are plain integers, never negative, so none is changed; `pledge` is `yes`/`no`;
//! `stance` is `for`, `against` or empty. Columns use lexicon ids, as the
//! JSON does; the labels are in `asks.csv`'s `label` column and in the JSON.

use super::{AskCell, Report};
use crate::pledge::Stance;
use std::borrow::Cow;
use std::io::{self, Write};

/// Renders one CSV file.
pub type CsvRenderer = crate::output::FileRenderer<Report>;

/// The files `--format csv -o DIR` writes, with their renderers:
/// - `parties.csv`: one row per party and election, in the report's order
///   (newest election first, then most policies first): `party, election,
///   family, documents, unread, ocr_pages, words, mentions, pledges,
///   per_10k_words, policies, pledged_policies, proposed_policies,
///   policies_per_10k_words`, then for each category `<id>`, `<id> pledges`,
///   `<id> policies`, `<id> pledged policies` and `<id> proposed policies`;
/// - `asks.csv`: the ask × party matrix: `ask, label`, then for each party
///   `<party>` (sentences satisfying the ask) and `<party> pledges` (the
///   party with its election, "Labour 2017", when the scan holds several);
/// - `excerpts.csv`: one row per mention: `party, document, page,
///   categories, term, matched, pledge, stance, proposal, text` (`categories` lists
///   the category ids the mention counts for, separated by `; `);
/// - `ask-excerpts.csv`: one row per sentence satisfying an ask: `party,
///   document, page, ask, pledge, stance, proposal, text`;
/// - `documents.csv`: one row per document: `document, party, year,
///   election, family, country, language, status, error, pages, text_source, ocr_pages,
///   ocr_confidence, words, mentions, pledges, policies, pledged_policies,
///   proposed_policies`.
pub const CSV_FILES: &[(&str, CsvRenderer)] = &[
    ("parties.csv", write_parties),
    ("asks.csv", write_asks),
    ("excerpts.csv", write_excerpts),
    ("ask-excerpts.csv", write_ask_excerpts),
    ("documents.csv", write_documents),
];

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A CSV writer of this module's dialect (BOM, CRLF), for any table.
pub(crate) fn writer(out: &mut dyn Write) -> io::Result<csv::Writer<&mut dyn Write>> {
    out.write_all(BOM)?;
    Ok(csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out))
}

/// Flushes a writer made by [`writer`].
pub(crate) fn finish(mut w: csv::Writer<&mut dyn Write>) -> io::Result<()> {
    w.flush()
}

/// Writes one record, every cell made safe from formula evaluation.
pub(crate) fn row<I, S>(w: &mut csv::Writer<&mut dyn Write>, fields: I) -> io::Result<()>
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    for field in fields {
        w.write_field(safe_cell(field.as_ref()).as_bytes())
            .map_err(io::Error::other)?;
    }
    w.write_record(None::<&[u8]>).map_err(io::Error::other)
}

/// A cell a spreadsheet will show rather than evaluate.
pub(crate) fn safe_cell(s: &str) -> Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

fn yes_no(b: bool) -> &'static str {
    if b {
        "yes"
    } else {
        "no"
    }
}

fn stance(s: Option<Stance>) -> &'static str {
    match s {
        Some(Stance::For) => "for",
        Some(Stance::Against) => "against",
        None => "",
    }
}

fn write_parties(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let mut w = writer(out)?;
    let mut header: Vec<String> = [
        "party",
        "election",
        "family",
        "documents",
        "unread",
        "ocr_pages",
        "words",
        "mentions",
        "pledges",
        "per_10k_words",
        "policies",
        "pledged_policies",
        "proposed_policies",
        "policies_per_10k_words",
    ]
    .map(String::from)
    .to_vec();
    for c in &report.lexicon.categories {
        header.push(c.id.clone());
        header.push(format!("{} pledges", c.id));
        header.push(format!("{} policies", c.id));
        header.push(format!("{} pledged policies", c.id));
        header.push(format!("{} proposed policies", c.id));
    }
    row(&mut w, &header)?;
    for p in &report.parties {
        let mut fields = vec![
            p.party.clone(),
            p.election.clone().unwrap_or_default(),
            p.family.clone(),
            p.rates.documents.to_string(),
            p.rates.unread.to_string(),
            p.rates.ocr_pages.to_string(),
            p.rates.counts.words.to_string(),
            p.rates.counts.mentions.to_string(),
            p.rates.counts.pledges.to_string(),
            format!("{:.1}", p.rates.per_10k_words),
            p.rates.counts.policies.to_string(),
            p.rates.counts.pledged_policies.to_string(),
            p.rates.counts.proposed_policies.to_string(),
            format!("{:.1}", p.rates.policies_per_10k_words),
        ];
        for c in &report.lexicon.categories {
            let get = |m: &std::collections::BTreeMap<String, u64>| {
                m.get(&c.id).copied().unwrap_or(0).to_string()
            };
            fields.push(get(&p.rates.counts.by_category));
            fields.push(get(&p.rates.counts.pledges_by_category));
            fields.push(get(&p.rates.counts.policies_by_category));
            fields.push(get(&p.rates.counts.pledged_policies_by_category));
            fields.push(get(&p.rates.counts.proposed_policies_by_category));
        }
        row(&mut w, &fields)?;
    }
    finish(w)
}

fn write_asks(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let mut w = writer(out)?;
    let mut header = vec!["ask".to_string(), "label".to_string()];
    for p in &report.parties {
        let label = report.party_label(&p.party, p.election.as_deref());
        let pledges = format!("{label} pledges");
        header.push(label);
        header.push(pledges);
    }
    row(&mut w, &header)?;
    for ask in &report.lexicon.asks {
        let mut fields = vec![ask.id.clone(), ask.label.clone()];
        for p in &report.parties {
            match p.ask(&ask.id) {
                AskCell::NotApplicable => fields.extend(["n/a".into(), "n/a".into()]),
                AskCell::Met { sentences, pledges } => {
                    fields.extend([sentences.to_string(), pledges.to_string()])
                }
            }
        }
        row(&mut w, &fields)?;
    }
    finish(w)
}

fn write_excerpts(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let mut w = writer(out)?;
    row(
        &mut w,
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
            "text",
        ],
    )?;
    report.documents.try_for_each(
        |e| e,
        |doc| {
            for e in &doc.excerpts {
                row(
                    &mut w,
                    [
                        doc.party.as_str(),
                        &doc.path,
                        &e.page.to_string(),
                        &e.categories.join("; "),
                        &e.term,
                        &e.matched,
                        yes_no(e.pledge),
                        stance(e.stance),
                        yes_no(e.proposal),
                        &e.text,
                    ],
                )?;
            }
            Ok(())
        },
    )?;
    finish(w)
}

fn write_ask_excerpts(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let mut w = writer(out)?;
    row(
        &mut w,
        [
            "party", "document", "page", "ask", "pledge", "stance", "proposal", "text",
        ],
    )?;
    report.documents.try_for_each(
        |e| e,
        |doc| {
            for a in &doc.ask_excerpts {
                row(
                    &mut w,
                    [
                        doc.party.as_str(),
                        &doc.path,
                        &a.page.to_string(),
                        &a.ask,
                        yes_no(a.pledge),
                        stance(a.stance),
                        yes_no(a.proposal),
                        &a.text,
                    ],
                )?;
            }
            Ok(())
        },
    )?;
    finish(w)
}

fn write_documents(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let mut w = writer(out)?;
    row(
        &mut w,
        [
            "document",
            "party",
            "year",
            "election",
            "family",
            "country",
            "language",
            "status",
            "error",
            "pages",
            "text_source",
            "ocr_pages",
            "ocr_confidence",
            "words",
            "mentions",
            "pledges",
            "policies",
            "pledged_policies",
            "proposed_policies",
        ],
    )?;
    report.documents.try_for_each(
        |e| e,
        |doc| {
            let status = doc.status.name();
            let ocr = doc.ocr.as_ref();
            let ocr_pages = ocr.map_or(0, |o| o.pages.len());
            let confidence = ocr
                .and_then(|o| o.confidence)
                .map(|c| format!("{:.1}", c.percent()))
                .unwrap_or_default();
            row(
                &mut w,
                [
                    doc.path.as_str(),
                    &doc.party,
                    &doc.year.map(|y| y.to_string()).unwrap_or_default(),
                    doc.election.as_deref().unwrap_or(""),
                    doc.family.as_deref().unwrap_or(""),
                    doc.country.as_deref().unwrap_or(""),
                    doc.language.map_or("", |l| l.code.code()),
                    status,
                    doc.error.as_deref().unwrap_or(""),
                    &doc.pages.to_string(),
                    doc.text_source.name(),
                    &ocr_pages.to_string(),
                    &confidence,
                    &doc.counts.words.to_string(),
                    &doc.counts.mentions.to_string(),
                    &doc.counts.pledges.to_string(),
                    &doc.counts.policies.to_string(),
                    &doc.counts.pledged_policies.to_string(),
                    &doc.counts.proposed_policies.to_string(),
                ],
            )?;
            Ok(())
        },
    )?;
    finish(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_plain_text_kept() {
        assert_eq!(safe_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(safe_cell("-support co-ops"), "'-support co-ops");
        assert_eq!(safe_cell("\t=1+1"), "'\t=1+1");
        assert_eq!(safe_cell("We will, \"now\"."), "We will, \"now\".");
        assert_eq!(safe_cell("12"), "12");
    }

    /// Every cell of every file, headers included, whatever field it comes
    /// from: party, document path, category and ask ids and labels, terms.
    #[test]
    fn no_cell_of_any_file_starts_a_formula() {
        let (lexicon, mut documents) = crate::report::tests::sample_parts();
        let hostile = |s: &mut String| *s = format!("=cmd|'/c calc'!{s}");
        for doc in &mut documents {
            hostile(&mut doc.path);
            hostile(&mut doc.party);
            for e in &mut doc.excerpts {
                e.categories.iter_mut().for_each(hostile);
                hostile(&mut e.term);
                hostile(&mut e.matched);
            }
            for a in &mut doc.ask_excerpts {
                hostile(&mut a.ask);
            }
        }
        let mut report = crate::report::Report::build(&lexicon, documents);
        for p in &mut report.parties {
            hostile(&mut p.party);
        }
        for c in &mut report.lexicon.categories {
            hostile(&mut c.id);
        }
        for a in &mut report.lexicon.asks {
            hostile(&mut a.id);
            hostile(&mut a.label);
        }
        for (name, render) in CSV_FILES {
            let mut out = Vec::new();
            render(&report, &mut out).unwrap();
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_reader(&out[BOM.len()..]);
            let mut cells = 0;
            let mut hostile_cells = 0;
            for record in reader.records() {
                for cell in record.unwrap().iter() {
                    cells += 1;
                    hostile_cells += usize::from(cell.contains("=cmd"));
                    assert!(
                        !cell.starts_with(['=', '+', '-', '@']),
                        "{name}: cell {cell:?} starts a formula"
                    );
                }
            }
            assert!(
                cells > 0 && hostile_cells > 0,
                "{name}: nothing hostile written"
            );
        }
    }

    #[test]
    fn files_start_with_a_bom_and_quote_commas() {
        let report = crate::report::tests::sample_report();
        let mut out = Vec::new();
        write_excerpts(&report, &mut out).unwrap();
        assert!(out.starts_with(BOM));
        let text = String::from_utf8(out[BOM.len()..].to_vec()).unwrap();
        assert!(text.starts_with("party,document,page,"), "{text}");
        assert!(text.contains("\r\n"));
        assert!(
            text.contains("\"We will fund co-operatives, and credit unions.\""),
            "{text}"
        );
    }
}
