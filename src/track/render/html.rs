//! The tracking as one self-contained HTML page (styles inline, no script,
//! nothing fetched), readable from a phone's width (390 px, no sideways
//! scroll) to a laptop's.
//!
//! In order: a header (documents, evidence, the reference date and the
//! stalled rule), warnings and documents that could not be read, a summary
//! table of every ask (ask, stage, date, evidence, verdict) that becomes a
//! stack of cards on narrow screens, then a section per ask with evidence:
//! its stage badge (and "stalled"), the campaigner's verdict and note, the
//! parties that pledged it with their quotes, and its timeline in date
//! order (undated last): date, stage, the document linked to its web
//! address, the place in it, the quote, a "new" badge for evidence found
//! since the campaigner last looked.
//!
//! Evidence the campaigner rejected stays in the timeline, struck through
//! and marked "rejected" with their note, so the page shows what was ruled
//! out as well as what counts; it never sets the stage.
//!
//! Every piece of text from documents, the lexicon, the manifestos or the
//! decisions goes through the report's one escaping function ([`esc`]);
//! only `http://` and `https://` addresses become links.

use crate::report::esc;
use crate::track::decisions::{Decision, Verdict};
use crate::track::{AskStatus, DocStatus, Evidence, Tracking};
use std::io::{self, Write};

const STYLE: &str = r#"
:root { --ink: #1d2430; --muted: #5b6474; --line: #d9dee6; --accent: #0b4f8a; --warn: #8a3b00; --soft: #f4f6f9; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: #fff; }
main { max-width: 60rem; margin: 0 auto; padding: 1rem; overflow-wrap: anywhere; }
h1 { font-size: 1.8rem; margin: 0.5rem 0; }
h2 { font-size: 1.35rem; margin: 2.2rem 0 0.5rem; border-bottom: 2px solid var(--line); padding-bottom: 0.2rem; }
h3 { font-size: 1rem; margin: 1.2rem 0 0.4rem; color: var(--muted); text-transform: uppercase; letter-spacing: 0.04em; }
a { color: var(--accent); }
.summary { color: var(--muted); }
.alert { border-left: 6px solid var(--warn); background: #fff4e5; padding: 0.6rem 1rem; margin: 1rem 0; }
.alert h2 { border: 0; margin: 0 0 0.3rem; font-size: 1.1rem; color: var(--warn); }
.alert ul { margin: 0; padding-left: 1.2rem; }
table { border-collapse: collapse; width: 100%; font-size: 0.95rem; }
th, td { border-bottom: 1px solid var(--line); padding: 0.4rem 0.5rem; text-align: left; vertical-align: top; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
td.none { color: var(--muted); }
.badge { display: inline-block; font-size: 0.78rem; font-weight: 600; line-height: 1.5; padding: 0 0.5rem; border-radius: 0.7rem; background: var(--muted); color: #fff; white-space: nowrap; }
.badge.s-mentioned { background: #5b6474; }
.badge.s-consulted { background: #0f6b73; }
.badge.s-proposed { background: #0b4f8a; }
.badge.s-in_bill { background: #5a3d8a; }
.badge.s-enacted { background: #2e6b2e; }
.badge.s-in_force { background: #1b4d1b; }
.badge.none { background: #fff; color: var(--muted); border: 1px solid var(--line); }
.badge.stalled { background: var(--warn); }
.badge.new { background: #b8860b; }
.badge.pledge { background: var(--accent); }
.badge.rejected { background: #fff; color: var(--warn); border: 1px solid var(--warn); }
.status { margin: 0.3rem 0; display: flex; flex-wrap: wrap; gap: 0.3rem 0.6rem; align-items: center; }
.status .verdict { color: var(--muted); }
.note { border-left: 4px solid var(--accent); background: #eef4fa; padding: 0.4rem 0.8rem; margin: 0.6rem 0; }
blockquote { margin: 0.3rem 0; padding: 0.2rem 0.8rem; border-left: 4px solid var(--line); }
.src { color: var(--muted); font-size: 0.85rem; }
ul.pledges { list-style: none; padding: 0; margin: 0; }
ul.pledges li { margin: 0 0 0.8rem; }
.who { font-weight: 600; }
ol.timeline { list-style: none; margin: 0; padding: 0 0 0 1.1rem; border-left: 3px solid var(--line); }
ol.timeline li { position: relative; margin: 0 0 1.1rem; }
ol.timeline li::before { content: ""; position: absolute; left: -1.62rem; top: 0.35rem; width: 0.8rem; height: 0.8rem; border-radius: 50%; background: var(--accent); border: 2px solid #fff; }
ol.timeline li.rejected::before { background: var(--line); }
ol.timeline li.rejected blockquote { text-decoration: line-through; color: var(--muted); }
.when { display: flex; flex-wrap: wrap; gap: 0.2rem 0.5rem; align-items: center; }
.when time { font-weight: 600; font-variant-numeric: tabular-nums; }
.doc { margin: 0.1rem 0; }
.why { color: var(--muted); font-size: 0.85rem; margin: 0; }
footer { color: var(--muted); font-size: 0.85rem; margin: 3rem 0 1rem; }
table.asks th, table.asks td:not(:first-child) { white-space: nowrap; }
@media (max-width: 40rem) {
  table.asks td:not(:first-child) { white-space: normal; }
  table.asks td:empty { display: none; }
  body { font-size: 15px; }
  main { padding: 0.6rem; }
  h1 { font-size: 1.45rem; }
  table.asks thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  table.asks, table.asks tbody, table.asks tr, table.asks td { display: block; width: 100%; }
  table.asks tr { border: 1px solid var(--line); border-radius: 0.5rem; margin: 0 0 0.6rem; padding: 0.4rem 0.6rem; }
  table.asks td { border: 0; padding: 0.1rem 0; display: flex; gap: 0.5rem; text-align: left; }
  table.asks td.n { text-align: left; }
  table.asks td::before { content: attr(data-label); flex: 0 0 5.5rem; font-weight: 600; color: var(--muted); }
  table.asks td:first-child { font-weight: 600; }
  table.asks td:first-child::before { display: none; }
}
"#;

/// Writes the tracking as one HTML page.
pub fn write_html(tracking: &Tracking, out: &mut dyn Write) -> io::Result<()> {
    let (read, failed) = tracking.read_and_failed();
    let with_evidence = tracking
        .asks
        .iter()
        .filter(|a| !a.timeline.is_empty())
        .count();
    write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Asks after the election</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n<h1>Asks after the election</h1>\n<p class=\"summary\" id=\"summary\">{} documents read ({} could not be), {} pieces of evidence; {} of the {} asks have evidence. The newest document is dated <time>{}</time>: that is the run's \u{201c}now\u{201d}. An ask is <span class=\"badge stalled\">stalled</span> when it has had no new evidence for {} months or more before then.</p>\n",
        read,
        failed,
        tracking.evidence.len(),
        with_evidence,
        tracking.asks.len(),
        esc(tracking.reference_date.as_deref().unwrap_or("(none dated)")),
        tracking.stalled_after_months
    )?;
    write_warnings(tracking, out)?;
    write_summary(tracking, out)?;
    for ask in &tracking.asks {
        let evidence: Vec<&Evidence> = tracking
            .evidence
            .iter()
            .filter(|e| e.ask == ask.id)
            .collect();
        if !evidence.is_empty() {
            write_ask(ask, &evidence, out)?;
        }
    }
    writeln!(
        out,
        "<footer>Made by {} {} from the lexicon {} {}. Stages are suggested from each document's kind and wording; the campaigner's decisions and verdicts are their own.</footer>\n</main>\n</body>\n</html>",
        esc(&tracking.generator.name),
        esc(&tracking.generator.version),
        esc(&tracking.lexicon.name),
        esc(&tracking.lexicon.version)
    )
}

/// The run's warnings and the documents that could not be read.
fn write_warnings(tracking: &Tracking, out: &mut dyn Write) -> io::Result<()> {
    let unread: Vec<_> = tracking
        .documents
        .iter()
        .filter(|d| d.status == DocStatus::Error)
        .collect();
    if !unread.is_empty() {
        writeln!(
            out,
            "<section class=\"alert\" id=\"unread\"><h2>{} document{} could not be read</h2><p>Their evidence is missing: silence here is not a finding.</p><ul>",
            unread.len(),
            if unread.len() == 1 { "" } else { "s" }
        )?;
        for d in unread {
            writeln!(
                out,
                "<li><code>{}</code>: {}</li>",
                esc(&d.path),
                esc(d.message.as_deref().unwrap_or("could not be read"))
            )?;
        }
        writeln!(out, "</ul></section>")?;
    }
    if !tracking.warnings.is_empty() {
        writeln!(
            out,
            "<section class=\"alert\" id=\"warnings\"><h2>Warnings</h2><ul>"
        )?;
        for w in &tracking.warnings {
            writeln!(out, "<li>{}</li>", esc(w))?;
        }
        writeln!(out, "</ul></section>")?;
    }
    Ok(())
}

/// An ask's stage as a badge, and "stalled" beside it when it is.
fn stage_badges(ask: &AskStatus) -> String {
    let mut s = match ask.stage {
        Some(stage) => format!(
            "<span class=\"badge s-{}\">{}</span>",
            stage.name(),
            esc(stage.label())
        ),
        None => "<span class=\"badge none\">no evidence</span>".to_string(),
    };
    if ask.stalled {
        s.push_str(" <span class=\"badge stalled\">stalled</span>");
    }
    s
}

/// The anchor of an ask's section.
fn anchor(ask: &AskStatus) -> String {
    let id: String = ask
        .id
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("ask-{id}")
}

/// Every ask in one table (cards on a phone).
fn write_summary(tracking: &Tracking, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "<h2 id=\"asks\">Asks</h2>\n<table class=\"asks\">\n<thead><tr><th>Ask</th><th>Stage</th><th>Date</th><th class=\"n\">Evidence</th><th>Verdict</th></tr></thead>\n<tbody>"
    )?;
    for ask in &tracking.asks {
        let label = if ask.timeline.is_empty() && ask.rejected == 0 {
            esc(&ask.label)
        } else {
            format!("<a href=\"#{}\">{}</a>", anchor(ask), esc(&ask.label))
        };
        let evidence = if ask.rejected > 0 {
            format!("{} ({} rejected)", ask.timeline.len(), ask.rejected)
        } else {
            ask.timeline.len().to_string()
        };
        writeln!(
            out,
            "<tr><td data-label=\"Ask\">{label}</td><td data-label=\"Stage\">{}</td><td data-label=\"Date\">{}</td><td data-label=\"Evidence\" class=\"n\">{evidence}</td><td data-label=\"Verdict\"{}>{}</td></tr>",
            stage_badges(ask),
            ask.date.as_deref().map_or(String::new(), |d| format!("<time>{}</time>", esc(d))),
            if ask.verdict == Verdict::NotYetRated { " class=\"none\"" } else { "" },
            esc(ask.verdict.label())
        )?;
    }
    writeln!(out, "</tbody>\n</table>")
}

/// A link to `url` when it is a web address, else the text alone.
fn linked(url: Option<&str>, text: &str) -> String {
    match super::web_address(url) {
        Some(url) => format!("<a href=\"{}\">{}</a>", esc(url), esc(text)),
        None => esc(text),
    }
}

/// One ask's section: status, pledges, timeline.
fn write_ask(ask: &AskStatus, evidence: &[&Evidence], out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "<section class=\"ask\" id=\"{}\">\n<h2>{}</h2>",
        anchor(ask),
        esc(&ask.label)
    )?;
    let since = match (&ask.stage, &ask.date) {
        (Some(_), Some(date)) => format!(" since <time>{}</time>", esc(date)),
        _ => String::new(),
    };
    let latest = match (&ask.latest, ask.stalled) {
        (Some(latest), true) if ask.date.as_ref() != Some(latest) => format!(
            " <span class=\"src\">latest evidence <time>{}</time></span>",
            esc(latest)
        ),
        _ => String::new(),
    };
    writeln!(
        out,
        "<p class=\"status\">{}<span>{since}</span>{latest}<span class=\"verdict\">verdict: {}</span></p>",
        stage_badges(ask),
        esc(ask.verdict.label())
    )?;
    if !ask.note.is_empty() {
        writeln!(out, "<p class=\"note\">{}</p>", esc(&ask.note))?;
    }
    if !ask.parties.is_empty() {
        writeln!(out, "<h3>Pledged by</h3>\n<ul class=\"pledges\">")?;
        for p in &ask.parties {
            let who = match &p.election {
                Some(e) => format!("{} {}", p.party, e),
                None => p.party.clone(),
            };
            writeln!(
                out,
                "<li><span class=\"who\">{}</span>{}<blockquote>\u{201c}{}\u{201d}</blockquote><span class=\"src\">{}</span></li>",
                esc(&who),
                if p.pledge { " <span class=\"badge pledge\">pledge</span>" } else { "" },
                esc(&p.quote),
                esc(&p.document)
            )?;
        }
        writeln!(out, "</ul>")?;
    }
    writeln!(out, "<h3>Timeline</h3>\n<ol class=\"timeline\">")?;
    for e in evidence {
        write_evidence(e, out)?;
    }
    writeln!(out, "</ol>\n</section>")
}

/// One piece of evidence in a timeline.
fn write_evidence(e: &Evidence, out: &mut dyn Write) -> io::Result<()> {
    let rejected = e.decision == Some(Decision::Rejected);
    let mut badges = format!(
        "<span class=\"badge s-{}\">{}</span>",
        e.stage.name(),
        esc(e.stage.label())
    );
    if rejected {
        badges.push_str(" <span class=\"badge rejected\">rejected</span>");
    }
    if e.new {
        badges.push_str(" <span class=\"badge new\">new</span>");
    }
    let title = e.title.as_deref().unwrap_or(&e.path);
    writeln!(
        out,
        "<li id=\"{}\"{}><div class=\"when\"><time>{}</time>{badges}</div><div class=\"doc\">{} <span class=\"src\">{}</span></div><blockquote>\u{201c}{}\u{201d}</blockquote><p class=\"why\">stage suggested by: {}</p>{}</li>",
        esc(&e.id),
        if rejected { " class=\"rejected\"" } else { "" },
        esc(e.date.as_deref().unwrap_or("undated")),
        linked(e.url.as_deref(), title),
        esc(&e.place),
        esc(&e.quote),
        esc(&e.reason),
        if e.note.is_empty() {
            String::new()
        } else {
            format!("<p class=\"note\">{}</p>", esc(&e.note))
        }
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::track::render::sample_tracking;

    fn page() -> String {
        let mut out = Vec::new();
        write_html(&sample_tracking(), &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn text_is_escaped_and_only_web_addresses_are_links() {
        let html = page();
        assert!(!html.contains("<script"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(!html.contains("href=\"javascript:"), "{html}");
        assert!(html.contains("href=\"https://www.gov.uk/a\""), "{html}");
        assert!(!html.contains("src=\"http"), "nothing is fetched");
    }

    #[test]
    fn rejected_evidence_is_struck_through_and_pledges_shown() {
        let html = page();
        assert!(html.contains("class=\"rejected\""), "{html}");
        assert!(html.contains("<h3>Pledged by</h3>"), "{html}");
        assert!(html.contains("Labour 2015"), "{html}");
        assert!(html.contains("badge stalled"), "{html}");
        assert!(html.contains("<a href=\"#ask-an-ask\">"), "{html}");
    }
}
