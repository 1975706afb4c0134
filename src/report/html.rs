//! The HTML renderer: one self-contained page (styles inline, charts as
//! inline SVG, no script, nothing fetched), readable from a phone's width to
//! a laptop's. In order: documents that could not be read, the ranking as a
//! bar chart and a table, mentions by party and category as a stacked bar
//! chart, the asks tracker (each cell opens to its best quote with
//! `<details>`, and shows it on hover), and the mash-up quotes theme by theme.
//!
//! Every piece of text from documents, the index or the lexicon goes
//! through [`esc`](super::markup::esc); nothing is inserted raw.
//! Hand-written rather than a template engine: one page, one escaping
//! function (tested beside it).

use super::compare::{signed, Comparison, FamilyChange};
use super::markup::{esc, STYLE};
use super::svg::{self, RankBar, StackBar, PALETTE};
use super::trends::{FamilyTrend, Trends, MIN_ELECTIONS};
use super::{AskCell, NOT_APPLICABLE, OCR_MARK};
use super::{Quote, Report};
use crate::pledge::{Judgement, Pledge, Stance};
use crate::report::table::thousands;
use crate::results::DocResult;
use std::io::{self, Write};

/// Writes the report as one HTML page.
pub fn write_html(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let t = &report.totals;
    write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Manifesto mash-up</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n<h1>Manifesto mash-up</h1>\n<p class=\"summary\">{} documents, {} read; {} policies ({} of them pledged, {} proposed) with {} mentions of the {} lexicon ({}), {} of them in pledges, in {} words. A policy is a sentence with at least one mention; a pledge commits the party to act, a proposal demands action of others; parties are ranked by policies.</p>\n",
        t.documents,
        t.ok,
        t.policies,
        t.pledged_policies,
        t.proposed_policies,
        t.mentions,
        esc(&report.lexicon.name),
        esc(&report.lexicon.version),
        t.pledges,
        thousands(t.words)
    )?;
    write_unread(report, out)?;
    write_ocr_read(report, out)?;
    write_ranking(report, out)?;
    write_trends(report, out)?;
    write_changes(report, out)?;
    write_by_category(report, out)?;
    write_asks(report, out)?;
    write_themes(report, out)?;
    writeln!(
        out,
        "<footer>Made by {} {} from the lexicon {} {}. Counts cover documents that were read; pledges are sentences that commit the party to act.</footer>\n</main>\n</body>\n</html>",
        esc(&report.generator.name),
        esc(&report.generator.version),
        esc(&report.lexicon.name),
        esc(&report.lexicon.version)
    )
}

fn write_unread(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    if !report.warnings.is_empty() {
        writeln!(
            out,
            "<section class=\"alert\" id=\"warnings\"><h2>Warnings</h2><ul>"
        )?;
        for w in &report.warnings {
            writeln!(
                out,
                "<li><code>{}</code>: {}</li>",
                esc(&w.path),
                esc(&w.message)
            )?;
        }
        writeln!(out, "</ul></section>")?;
    }
    let unread: Vec<_> = report.unreadable().collect();
    if !unread.is_empty() {
        writeln!(
            out,
            "<section class=\"alert\" id=\"unread\"><h2>{} document{} could not be read</h2><p>Their parties' counts leave them out: silence here is not a finding.</p><ul>",
            unread.len(),
            if unread.len() == 1 { "" } else { "s" }
        )?;
        list_documents(out, &unread, |doc| doc.unread_reason().unwrap_or_default())?;
        writeln!(out, "</ul></section>")?;
    }
    let other_language: Vec<_> = report.not_matched().collect();
    if !other_language.is_empty() {
        writeln!(
            out,
            "<section id=\"not-matched\"><h2>{} document{} read but not matched</h2><p>Written in a language the lexicon does not cover, so their parties' counts leave them out: their zero is not a finding.</p><ul>",
            other_language.len(),
            if other_language.len() == 1 { "" } else { "s" }
        )?;
        list_documents(out, &other_language, |doc| {
            doc.unread_reason().unwrap_or_default()
        })?;
        writeln!(out, "</ul></section>")?;
    }
    Ok(())
}

/// One list item per document: its path, its party when it has one, and
/// what `about` says of it.
fn list_documents(
    out: &mut dyn Write,
    docs: &[&DocResult],
    about: impl Fn(&DocResult) -> String,
) -> io::Result<()> {
    for doc in docs {
        let party = if doc.party.is_empty() {
            String::new()
        } else {
            format!(" ({})", esc(&doc.party))
        };
        writeln!(
            out,
            "<li><code>{}</code>{party}: {}</li>",
            esc(&doc.path),
            esc(&about(doc))
        )?;
    }
    Ok(())
}

fn write_ocr_read(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let read: Vec<_> = report.ocr_read().collect();
    if read.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "<section class=\"note\" id=\"ocr\"><h2>{} document{} read by OCR</h2><p>Their text was recognised from scanned pages; counts marked {OCR_MARK} include it.</p><ul>",
        read.len(),
        if read.len() == 1 { " was" } else { "s were" }
    )?;
    list_documents(out, &read, |doc| doc.ocr_description().unwrap_or_default())?;
    writeln!(out, "</ul></section>")
}

/// Each entry of `parties` as the report names it (with its election when
/// the scan holds several).
fn party_labels(report: &Report) -> Vec<String> {
    report
        .parties
        .iter()
        .map(|p| report.party_label(&p.party, p.election.as_deref()))
        .collect()
}

/// For a scan of several elections: policies per 10,000 words by election,
/// one line per party family with enough elections, overall and then one
/// small chart per category.
fn write_trends(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let trends = Trends::of(report);
    if trends.families.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "<section id=\"trends\"><h2>Trends across elections</h2><p class=\"src\">Policies per 10,000 words by election, for each party family with {} or more elections read.</p>",
        MIN_ELECTIONS
    )?;
    let colour = |i: usize| PALETTE[i % PALETTE.len()];
    let lines = |pick: &dyn Fn(&FamilyTrend) -> &[Option<f64>]| -> Vec<svg::Line<'_>> {
        trends
            .families
            .iter()
            .enumerate()
            .map(|(i, f)| svg::Line {
                label: &f.family,
                colour: colour(i),
                points: pick(f),
            })
            .collect()
    };
    writeln!(
        out,
        "{}",
        svg::line_chart(
            "trend-chart",
            "Policies per 10,000 words by election",
            &trends.elections,
            &lines(&|f| &f.overall)
        )
    )?;
    write!(out, "<ul class=\"legend\">")?;
    for (i, f) in trends.families.iter().enumerate() {
        write!(
            out,
            "<li><span class=\"key\" style=\"background:{}\"></span>{}</li>",
            colour(i),
            esc(&f.family)
        )?;
    }
    writeln!(out, "</ul><div class=\"multiples\">")?;
    for (k, category) in report.lexicon.categories.iter().enumerate() {
        writeln!(
            out,
            "<figure><figcaption>{}</figcaption>{}</figure>",
            esc(&category.label),
            svg::line_chart(
                &format!("trend-{}", category.id),
                &format!("{}: policies per 10,000 words by election", category.label),
                &trends.elections,
                &lines(&|f| &f.by_category[k])
            )
        )?;
    }
    writeln!(out, "</div></section>")
}

/// For a scan of several elections: what changed for each party family
/// since its previous election read.
fn write_changes(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let changes = super::latest_changes(report);
    if changes.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "<section id=\"changes\"><h2>What changed since the last election</h2><p class=\"src\">For each party family read at two or more elections: its latest against the one before. Rates are policies per 10,000 words.</p>"
    )?;
    for f in &changes {
        writeln!(
            out,
            "<h3>{}: {} → {}</h3><p>Policies per 10k {:.1} → {:.1} ({:+.1}).</p>",
            esc(&f.family),
            esc(f.old.latest_election()),
            esc(f.new.latest_election()),
            f.old.policies_per_10k_words,
            f.new.policies_per_10k_words,
            f.policies_per_10k_change
        )?;
        super::write_family_html(f, out)?;
    }
    writeln!(out, "</section>")
}

fn write_ranking(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "<section id=\"ranking\"><h2>Who says most</h2>")?;
    // Parties are ranked against those of their own election (and country):
    // a chart and a table each.
    for (k, group) in report.ranking_groups().into_iter().enumerate() {
        if let Some(title) = &group.title {
            writeln!(out, "<h3>{}</h3>", esc(title))?;
        }
        let labels: Vec<String> = group
            .parties
            .iter()
            .map(|p| report.party_label(&p.party, p.election.as_deref()))
            .collect();
        let rows: Vec<RankBar<'_>> = group
            .parties
            .iter()
            .zip(&labels)
            .map(|(p, label)| RankBar {
                label,
                total: p.rates.counts.policies,
                pledges: p.rates.counts.pledged_policies,
            })
            .collect();
        let id = if k == 0 {
            "ranking-chart".to_string()
        } else {
            format!("ranking-chart-{}", k + 1)
        };
        writeln!(
            out,
            "{}",
            svg::ranking_chart(&id, "Policies per party (dark: pledged)", &rows)
        )?;
        if k == 0 {
            writeln!(
                out,
                "<p class=\"src\">Bar: policies (sentences with at least one mention); dark part: pledged policies, also in brackets.</p>"
            )?;
        }
        writeln!(
            out,
            "<div class=\"scroll\"><table><thead><tr><th class=\"n\">#</th><th>Party</th><th class=\"n\">Policies</th><th class=\"n\">Pledged</th><th class=\"n\">Proposed</th><th class=\"n\">Mentions</th><th class=\"n\">Pledges</th><th class=\"n\">Policies per 10,000 words</th><th class=\"n\">Words</th><th class=\"n\">Documents</th></tr></thead><tbody>"
        )?;
        for (i, p) in group.parties.iter().enumerate() {
            let unread = if p.rates.unread > 0 {
                format!(" ({} unread)", p.rates.unread)
            } else {
                String::new()
            };
            writeln!(
                out,
                "<tr><td class=\"n\">{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{:.1}</td><td class=\"n\">{}</td><td class=\"n\">{}{unread}</td></tr>",
                i + 1,
                esc(&report.ranking_label(p)),
                p.rates.counts.policies,
                p.rates.counts.pledged_policies,
                p.rates.counts.proposed_policies,
                p.rates.counts.mentions,
                p.rates.counts.pledges,
                p.rates.policies_per_10k_words,
                thousands(p.rates.counts.words),
                p.rates.documents
            )?;
        }
        writeln!(out, "</tbody></table></div>")?;
    }
    if let Some(note) = report.ocr_footnote() {
        writeln!(out, "<p class=\"src\">{}</p>", esc(&note))?;
    }
    writeln!(out, "</section>")
}

fn write_by_category(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "<section id=\"categories\"><h2>Policies by party and theme</h2>"
    )?;
    let series: Vec<&str> = report
        .lexicon
        .categories
        .iter()
        .map(|c| c.label.as_str())
        .collect();
    let labels = party_labels(report);
    let rows: Vec<StackBar<'_>> = report
        .parties
        .iter()
        .zip(&labels)
        .map(|(p, label)| StackBar {
            label,
            values: report
                .lexicon
                .categories
                .iter()
                .map(|c| {
                    p.rates
                        .counts
                        .policies_by_category
                        .get(&c.id)
                        .copied()
                        .unwrap_or(0)
                })
                .collect(),
        })
        .collect();
    writeln!(
        out,
        "{}",
        svg::stacked_chart(
            "category-chart",
            "Policies per party, by theme",
            &series,
            &rows
        )
    )?;
    write!(out, "<ul class=\"legend\">")?;
    for (k, label) in series.iter().enumerate() {
        write!(
            out,
            "<li><span style=\"background:{}\"></span>{}</li>",
            PALETTE[k % PALETTE.len()],
            esc(label)
        )?;
    }
    writeln!(
        out,
        "</ul><p class=\"src\">A sentence that names two themes counts in each, so a bar can be longer than the party's policies.</p></section>"
    )
}

fn write_asks(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    if report.lexicon.asks.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "<section id=\"asks\"><h2>The asks tracker</h2><p class=\"src\">Sentences meeting each of the coalition's asks, per party (in brackets, how many are pledges). Open a cell for the best quote.</p>"
    )?;
    write!(
        out,
        "<div class=\"scroll\"><table class=\"asks\"><thead><tr><th>Ask</th>"
    )?;
    let labels = party_labels(report);
    for label in &labels {
        write!(out, "<th>{}</th>", esc(label))?;
    }
    writeln!(out, "</tr></thead><tbody>")?;
    for ask in &report.lexicon.asks {
        write!(out, "<tr><th scope=\"row\">{}</th>", esc(&ask.label))?;
        let mut met = false;
        for (p, label) in report.parties.iter().zip(&labels) {
            let AskCell::Met {
                sentences: n,
                pledges,
            } = p.ask(&ask.id)
            else {
                write!(
                    out,
                    "<td class=\"none\" data-party=\"{}\" title=\"{}\">n/a</td>",
                    esc(label),
                    esc(NOT_APPLICABLE)
                )?;
                continue;
            };
            match report
                .mashup
                .ask_quote(&ask.id, &p.party, p.election.as_deref())
            {
                Some(q) if n > 0 => {
                    met = true;
                    write!(
                    out,
                    "<td data-party=\"{}\"><details><summary title=\"{}\">{n}{}</summary>{}</details></td>",
                    esc(label),
                    esc(&q.text),
                    if pledges > 0 {
                        format!(" ({pledges})")
                    } else {
                        String::new()
                    },
                    quote_html(q)
                )?
                }
                _ => write!(
                    out,
                    "<td class=\"none\" data-party=\"{}\">–</td>",
                    esc(label)
                )?,
            }
        }
        // On a phone each ask is a card listing the parties that meet it
        // (see the stylesheet); this says so when none does.
        if !met {
            write!(out, "<td class=\"nobody\">no party</td>")?;
        }
        writeln!(out, "</tr>")?;
    }
    writeln!(out, "</tbody></table></div>")?;
    if report
        .parties
        .iter()
        .any(|p| !p.asks_not_applicable.is_empty())
    {
        writeln!(out, "<p class=\"src\">{}</p>", esc(NOT_APPLICABLE))?;
    }
    writeln!(out, "</section>")
}

fn write_themes(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "<section id=\"mashup\"><h2>The mash-up, theme by theme</h2>"
    )?;
    for theme in &report.mashup.categories {
        writeln!(out, "<h3>{}</h3>", esc(report.category_label(&theme.id)))?;
        let mut silent = Vec::new();
        for pq in &theme.parties {
            let label = report.party_label(&pq.party, pq.election.as_deref());
            match &pq.quote {
                Some(q) => writeln!(
                    out,
                    "<div class=\"quote\"><span class=\"who\">{}</span>{}</div>",
                    esc(&label),
                    quote_html(q)
                )?,
                None => silent.push(esc(&label)),
            }
        }
        if !silent.is_empty() {
            writeln!(
                out,
                "<p class=\"silent\">Nothing from: {}.</p>",
                silent.join(", ")
            )?;
        }
    }
    writeln!(out, "</section>")
}

fn quote_html(q: &Quote) -> String {
    let badge = match q.judgement() {
        Judgement::Mention => "",
        Judgement::Proposal => "<span class=\"badge proposal\">proposal</span>",
        Judgement::Pledge(Pledge {
            stance: Some(Stance::Against),
        }) => "<span class=\"badge against\">pledge: against</span>",
        Judgement::Pledge(_) => "<span class=\"badge\">pledge</span>",
    };
    let file = q.document.rsplit(['/', '\\']).next().unwrap_or(&q.document);
    format!(
        "{badge}<blockquote>{}</blockquote><div class=\"src\">{}, page {}</div>",
        esc(&q.text),
        esc(file),
        q.page
    )
}

/// The comparison as one HTML page, in the style of the report.
pub fn write_comparison_html(c: &Comparison, out: &mut dyn Write) -> io::Result<()> {
    write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>What changed</title>\n<style>{}</style>\n</head>\n<body>\n<main>\n<h1>What changed</h1>\n<p class=\"summary\">{} (old) compared with {} (new). Rates are per 10,000 words of the documents read.</p>\n",
        STYLE,
        esc(&c.old.elections_label()),
        esc(&c.new.elections_label())
    )?;
    for w in &c.warnings {
        writeln!(out, "<p class=\"alert\">{}</p>", esc(w))?;
    }
    writeln!(
        out,
        "<div class=\"scroll\"><table><thead><tr><th>Family</th><th class=\"n\">Policies per 10k, old</th><th class=\"n\">new</th><th class=\"n\">change</th><th class=\"n\">Mentions per 10k, old</th><th class=\"n\">new</th><th class=\"n\">change</th></tr></thead><tbody>"
    )?;
    for f in &c.families {
        writeln!(
            out,
            "<tr><td>{}</td><td class=\"n\">{:.1}</td><td class=\"n\">{:.1}</td><td class=\"n\">{}</td><td class=\"n\">{:.1}</td><td class=\"n\">{:.1}</td><td class=\"n\">{}</td></tr>",
            esc(&f.family),
            f.old.policies_per_10k_words,
            f.new.policies_per_10k_words,
            signed(f.policies_per_10k_change),
            f.old.per_10k_words,
            f.new.per_10k_words,
            signed(f.per_10k_change)
        )?;
    }
    writeln!(out, "</tbody></table></div>")?;
    for f in &c.families {
        writeln!(out, "<section><h2>{}</h2>", esc(&f.family))?;
        write_family_html(f, out)?;
        writeln!(out, "</section>")?;
    }
    if !c.only_old.is_empty() || !c.only_new.is_empty() {
        writeln!(
            out,
            "<p class=\"silent\">Not compared (in one report only, or nothing read in the other): {}.</p>",
            esc(&c.only_old.iter().chain(&c.only_new).cloned().collect::<Vec<_>>().join(", "))
        )?;
    }
    writeln!(out, "</main>\n</body>\n</html>")
}

/// [`write_family_markdown`].
pub fn write_family_html(f: &FamilyChange, out: &mut dyn Write) -> io::Result<()> {
    if !f.categories.is_empty() {
        let list: Vec<String> = f
            .categories
            .iter()
            .map(|k| format!("{} {}", esc(&k.label), signed(k.change)))
            .collect();
        writeln!(
            out,
            "<p>Policies per 10k by theme: {}.</p>",
            list.join("; ")
        )?;
    }
    for (title, asks) in [
        ("Asks picked up", &f.asks_gained),
        ("Asks dropped", &f.asks_dropped),
    ] {
        if asks.is_empty() {
            continue;
        }
        writeln!(out, "<h3>{title}</h3>")?;
        for a in asks {
            let quote = a.quote.as_ref().map_or(String::new(), |q| {
                format!(
                    "<blockquote>{}</blockquote><div class=\"src\">{}</div>",
                    esc(&q.text),
                    esc(&q.place())
                )
            });
            writeln!(
                out,
                "<div class=\"quote\"><span class=\"who\">{}</span>{quote}</div>",
                esc(&a.label)
            )?;
        }
    }
    if f.asks_gained.is_empty() && f.asks_dropped.is_empty() {
        writeln!(out, "<p class=\"silent\">No ask picked up or dropped.</p>")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::tests::sample_report;

    fn render() -> String {
        let mut out = Vec::new();
        write_html(&sample_report(), &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn escapes_everything() {
        let html = render();
        assert!(
            html.contains("Party &lt;A&gt; &amp; &quot;Co&quot;"),
            "{html}"
        );
        assert!(!html.contains("Party <A>"));
        // The quote that tries to close the <details> stays text.
        assert!(html.contains("=A co-operative &lt;/details&gt; idea."));
        assert_eq!(
            html.matches("</details>").count(),
            html.matches("<details>").count()
        );
        assert!(html.contains("Fund &lt;credit&gt; unions"));
    }

    #[test]
    fn self_contained() {
        let html = render();
        for banned in [
            "<script", "<link", "src=", "http:", "https:", "@import", "url(",
        ] {
            assert!(!html.contains(banned), "{banned}");
        }
        assert!(html.contains("<meta name=\"viewport\""));
    }

    #[test]
    fn unread_documents_come_first() {
        let html = render();
        let unread = html.find("id=\"unread\"").unwrap();
        assert!(unread < html.find("id=\"ranking\"").unwrap());
        assert!(html.contains("2 documents could not be read"));
        assert!(html.contains("<code>c.pdf</code> (Party C): no text layer on any of its 3 pages"));
        assert!(html.contains("<code>d.pdf</code> (Party B): not a PDF"));
    }

    #[test]
    fn charts_have_one_bar_per_party() {
        let html = render();
        assert_eq!(html.matches("<rect class=\"bar\"").count(), 3);
        assert_eq!(html.matches("<rect class=\"stack\"").count(), 3);
        assert!(html.contains("id=\"ranking-chart\""));
        assert!(html.contains("id=\"category-chart\""));
    }

    #[test]
    fn asks_cells_open_to_their_quote() {
        let html = render();
        let row = html
            .lines()
            .find(|l| l.starts_with("<tr><th scope=\"row\">Fund &lt;credit&gt; unions"))
            .unwrap();
        assert_eq!(row.matches("<details>").count(), 1);
        assert_eq!(row.matches("class=\"none\"").count(), 2);
        assert!(
            row.contains(
                "<summary title=\"We will fund co-operatives, and credit unions.\">1 (1)</summary>"
            ),
            "{row}"
        );
        assert!(row.contains("a.pdf, page 2"));
    }
}
