//! The two tables as CSV files, in the report's CSV dialect (BOM, CRLF,
//! every cell safe from formula evaluation: see [`crate::report::csv`]).
//! Both files can be edited in a spreadsheet and given back to `track
//! --decisions`: `evidence.csv`'s `decision` and `note`, `asks.csv`'s
//! `verdict` and `note`.

use crate::report::csv::{finish, row, writer};
use crate::track::decisions::Decision;
use crate::track::Tracking;
use std::io::{self, Write};

/// Renders one CSV file.
pub type TrackCsvRenderer = crate::output::FileRenderer<Tracking>;

/// The files `track --format csv -o DIR` writes:
/// - `asks.csv`: `id, label, stage, stalled, date, evidence, url,
///   evidence_count, latest, parties, verdict, note`;
/// - `evidence.csv`: `id, ask, decision, note, stage, reason, date, kind,
///   title, place, url, quote, new, path`.
pub const CSV_FILES: &[(&str, TrackCsvRenderer)] = &[
    ("asks.csv", write_asks_csv),
    ("evidence.csv", write_evidence_csv),
];

/// `asks.csv`: one row per ask.
pub fn write_asks_csv(tracking: &Tracking, out: &mut dyn Write) -> io::Result<()> {
    let mut w = writer(out)?;
    row(
        &mut w,
        [
            "id",
            "label",
            "stage",
            "stalled",
            "date",
            "evidence",
            "url",
            "evidence_count",
            "latest",
            "parties",
            "verdict",
            "note",
        ],
    )?;
    for ask in &tracking.asks {
        row(
            &mut w,
            [
                ask.id.clone(),
                ask.label.clone(),
                ask.stage.map_or("", |s| s.name()).to_string(),
                if ask.stalled { "yes" } else { "no" }.to_string(),
                ask.date.clone().unwrap_or_default(),
                ask.evidence.clone().unwrap_or_default(),
                ask.url.clone().unwrap_or_default(),
                ask.timeline.len().to_string(),
                ask.latest.clone().unwrap_or_default(),
                super::parties_text(ask),
                ask.verdict.label().to_string(),
                ask.note.clone(),
            ],
        )?;
    }
    finish(w)
}

/// `evidence.csv`: one row per piece of evidence.
pub fn write_evidence_csv(tracking: &Tracking, out: &mut dyn Write) -> io::Result<()> {
    let mut w = writer(out)?;
    row(
        &mut w,
        [
            "id", "ask", "decision", "note", "stage", "reason", "date", "kind", "title", "place",
            "url", "quote", "new", "path",
        ],
    )?;
    for e in &tracking.evidence {
        row(
            &mut w,
            [
                e.id.clone(),
                e.ask.clone(),
                e.decision.map_or("", Decision::name).to_string(),
                e.note.clone(),
                e.stage.name().to_string(),
                e.reason.clone(),
                e.date.clone().unwrap_or_default(),
                e.kind.map_or("", |k| k.label()).to_string(),
                e.title.clone().unwrap_or_default(),
                e.place.clone(),
                e.url.clone().unwrap_or_default(),
                e.quote.clone(),
                if e.new { "yes" } else { "no" }.to_string(),
                e.path.clone(),
            ],
        )?;
    }
    finish(w)
}
