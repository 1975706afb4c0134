//! A [`Tracking`] written out: a table for the terminal, the spreadsheet
//! campaigners keep (`xlsx`, or `csv` files), JSON for programs, Markdown
//! and HTML for people.
//!
//! Every format shows the same two tables: **Asks** (one row per ask: how
//! far it got, when, on what evidence, who pledged it, the campaigner's
//! verdict) and **Evidence** (one row per sentence that meets an ask).

mod csv;
mod text;

use super::Tracking;
use std::io::{self, Write};

pub use self::csv::{write_asks_csv, write_evidence_csv, CSV_FILES};
pub use text::{write_markdown, write_table};

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

/// An ask's stage in words, `no evidence` when it has none, with
/// `, stalled` when it has stalled.
pub(crate) fn stage_text(ask: &super::AskStatus) -> String {
    let mut s = ask
        .stage
        .map_or("no evidence".to_string(), |s| s.label().to_string());
    if ask.stalled {
        s.push_str(", stalled");
    }
    s
}
