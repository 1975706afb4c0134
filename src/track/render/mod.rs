//! A [`Tracking`] written out: a table for the terminal, the spreadsheet
//! campaigners keep (`xlsx`, or `csv` files), JSON for programs, Markdown
//! and HTML for people.
//!
//! Every format shows the same two tables: **Asks** (one row per ask: how
//! far it got, when, on what evidence, who pledged it, the campaigner's
//! verdict) and **Evidence** (one row per sentence that meets an ask).

mod csv;
mod html;
mod text;
mod xlsx;

use super::Tracking;
use std::io::{self, Write};

pub use self::csv::{write_asks_csv, write_evidence_csv, CSV_FILES};
pub use html::write_html;
pub use text::{write_markdown, write_table};
pub use xlsx::{write_xlsx, xlsx_bytes, XLSX_SHEETS};

/// Writes the tracking as JSON (see `docs/track.schema.json`).
pub fn write_json(tracking: &Tracking, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, tracking).map_err(io::Error::other)?;
    out.write_all(b"\n")
}

/// The parties that pledged an ask, in words: `Labour 2015 (pledge), SNP 2015`.
pub(crate) fn parties_text(ask: &super::AskStatus) -> String {
    ask.parties
        .iter()
        .map(|p| {
            let mut s = p.party.clone();
            if let Some(e) = &p.election {
                s.push(' ');
                s.push_str(e);
            }
            if p.pledge {
                s.push_str(" (pledge)");
            }
            s
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// An ask's stage in words, `no evidence` when it has none.
pub(crate) fn stage_label(ask: &super::AskStatus) -> &'static str {
    ask.stage.map_or("no evidence", super::stage::Stage::label)
}

/// [`stage_label`], with `, stalled` when the ask has stalled.
pub(crate) fn stage_text(ask: &super::AskStatus) -> String {
    let mut s = stage_label(ask).to_string();
    if ask.stalled {
        s.push_str(", stalled");
    }
    s
}

/// `url` when it is a web address (`http://` or `https://`, any case): the
/// only addresses a page or a workbook makes into a link.
pub(crate) fn web_address(url: Option<&str>) -> Option<&str> {
    url.filter(|u| {
        let lower = u.get(..8).unwrap_or(u).to_ascii_lowercase();
        lower.starts_with("http://") || lower.starts_with("https://")
    })
}

/// A small tracking for the renderers' tests: one ask with two pieces of
/// evidence (one rejected), a party's pledge, and text that looks like
/// markup, a formula and a hostile link.
#[cfg(test)]
pub(crate) fn sample_tracking() -> Tracking {
    use super::decisions::Verdict;
    use super::stage::Stage;
    use super::{AskStatus, Evidence, PartyPledge, TrackLexicon};
    let evidence = |id: &str, title: &str, url: &str, quote: &str| Evidence {
        id: id.into(),
        ask: "an-ask".into(),
        path: "a.json".into(),
        title: Some(title.into()),
        locator: crate::read::Locator::Page { number: 1 },
        place: "page 1".into(),
        url: Some(url.into()),
        date: Some("2016-05-18".into()),
        kind: None,
        quote: quote.into(),
        stage: Stage::Proposed,
        reason: "a policy paper".into(),
        new: true,
        decision: None,
        note: String::new(),
    };
    let mut rejected = evidence(
        "ev-ba9876543210",
        "Another",
        "https://www.gov.uk/a",
        "Not about it.",
    );
    rejected.decision = Some(super::decisions::Decision::Rejected);
    rejected.note = "a different fund".into();
    Tracking {
        schema_version: super::SCHEMA_VERSION,
        generator: crate::report::Generator::this_program(),
        lexicon: TrackLexicon {
            name: "l".into(),
            version: "1".into(),
            hash: "h".into(),
        },
        reference_date: Some("2017-06-01".into()),
        stalled_after_months: 12,
        documents: Vec::new(),
        evidence: vec![
            evidence(
                "ev-0123456789ab",
                "=HYPERLINK(\"http://evil\")",
                "https://www.gov.uk/a b",
                "+cmd|' /C calc'!A0 <script>alert(1)</script>",
            ),
            rejected,
        ],
        asks: vec![AskStatus {
            id: "an-ask".into(),
            label: "An ask <script>".into(),
            stage: Some(Stage::Proposed),
            date: Some("2016-05-18".into()),
            evidence: Some("ev-0123456789ab".into()),
            url: Some("javascript:alert(1)".into()),
            timeline: vec!["ev-0123456789ab".into()],
            latest: Some("2016-05-18".into()),
            rejected: 1,
            parties: vec![PartyPledge {
                party: "Labour".into(),
                election: Some("2015".into()),
                pledge: true,
                quote: "We will.".into(),
                document: "labour.pdf".into(),
            }],
            verdict: Verdict::NotYetRated,
            note: String::new(),
            stalled: true,
        }],
        warnings: Vec::new(),
    }
}
