//! The tracking as text: a table for the terminal and Markdown for a
//! campaign's website or an issue tracker.

use super::{parties_text, stage_text};
use crate::track::{Evidence, Tracking};
use std::io::{self, Write};

/// The terminal table: each ask with evidence, its stage and deciding
/// quote; then the asks with none; then documents that could not be read.
pub fn write_table(tracking: &Tracking, out: &mut dyn Write) -> io::Result<()> {
    let (read, failed) = tracking.read_and_failed();
    writeln!(
        out,
        "{} documents read ({} could not be), {} pieces of evidence; newest document {}",
        read,
        failed,
        tracking.evidence.len(),
        tracking.reference_date.as_deref().unwrap_or("undated")
    )?;
    let width = tracking
        .asks
        .iter()
        .map(|a| a.id.chars().count())
        .max()
        .unwrap_or(0);
    writeln!(out)?;
    writeln!(
        out,
        "{:width$}  {:22}  {:10}  {:5}  verdict",
        "ask", "stage", "date", "pieces"
    )?;
    for ask in tracking.asks.iter().filter(|a| a.stage.is_some()) {
        writeln!(
            out,
            "{:width$}  {:22}  {:10}  {:5}  {}",
            ask.id,
            stage_text(ask),
            ask.date.as_deref().unwrap_or("undated"),
            ask.timeline.len(),
            ask.verdict.label()
        )?;
        if let Some(e) = deciding(tracking, ask.evidence.as_deref()) {
            writeln!(
                out,
                "{:width$}  {} ({}): \u{201c}{}\u{201d}",
                "",
                e.title.as_deref().unwrap_or(&e.path),
                e.place,
                e.quote
            )?;
        }
    }
    let none: Vec<&str> = tracking
        .asks
        .iter()
        .filter(|a| a.stage.is_none())
        .map(|a| a.id.as_str())
        .collect();
    if !none.is_empty() {
        writeln!(
            out,
            "\nNo evidence yet for {}: {}",
            none.len(),
            none.join(", ")
        )?;
    }
    for d in &tracking.documents {
        if let Some(message) = &d.message {
            writeln!(out, "{}: {message}", d.path)?;
        }
    }
    Ok(())
}

fn deciding<'a>(tracking: &'a Tracking, id: Option<&str>) -> Option<&'a Evidence> {
    let id = id?;
    tracking.evidence_by_id(id)
}

/// Markdown text of a table cell: no line breaks, pipes escaped.
fn cell(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace(['\n', '\r'], " ")
}

/// The tracking as Markdown: the asks table, then each ask's timeline.
pub fn write_markdown(tracking: &Tracking, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "# Asks after the election\n")?;
    writeln!(
        out,
        "{} documents, {} pieces of evidence; the newest document is dated {}. An ask is stalled after {} months without new evidence.\n",
        tracking.documents.len(),
        tracking.evidence.len(),
        tracking.reference_date.as_deref().unwrap_or("(none dated)"),
        tracking.stalled_after_months
    )?;
    writeln!(
        out,
        "| Ask | Stage | Date | Evidence | Pledged by | Verdict |"
    )?;
    writeln!(out, "|---|---|---|---:|---|---|")?;
    for ask in &tracking.asks {
        writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            cell(&ask.label),
            stage_text(ask),
            ask.date.as_deref().unwrap_or(""),
            ask.timeline.len(),
            cell(&parties_text(ask)),
            ask.verdict.label()
        )?;
    }
    for ask in tracking.asks.iter().filter(|a| !a.timeline.is_empty()) {
        writeln!(out, "\n## {}\n", cell(&ask.label))?;
        if !ask.note.is_empty() {
            writeln!(out, "{}\n", cell(&ask.note))?;
        }
        for id in &ask.timeline {
            let Some(e) = deciding(tracking, Some(id)) else {
                continue;
            };
            let title = cell(e.title.as_deref().unwrap_or(&e.path));
            let source = match &e.url {
                Some(url) => format!("[{title}]({url})"),
                None => title,
            };
            writeln!(
                out,
                "- **{}**, {}: {} ({}): \u{201c}{}\u{201d}{}",
                e.date.as_deref().unwrap_or("undated"),
                e.stage.label(),
                source,
                cell(&e.place),
                cell(&e.quote),
                if e.new { " *(new)*" } else { "" }
            )?;
        }
    }
    Ok(())
}
