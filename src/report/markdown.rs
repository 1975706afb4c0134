//! The Markdown renderer: the mash-up as a document to publish. Documents
//! that could not be read first (their silence is not a finding), then the
//! ranking table, then theme by theme each party's best quote with its page,
//! then the asks tracker (the ask × party matrix, then the quotes).
//!
//! Text from documents and the index is escaped (CommonMark backslash
//! escapes), so a quote cannot open a link, a table cell or HTML.

use super::compare::{signed, Comparison, FamilyChange};
use super::markup::md;
use super::trends::{FamilyTrend, Trends, MIN_ELECTIONS};
use super::{AskCell, PartyQuote, Report, Theme, NOT_APPLICABLE};
use crate::pledge::{Judgement, Pledge, Stance};
use crate::report::table::thousands;
use crate::results::DocResult;
use std::io::{self, Write};

/// Writes the report as CommonMark with GitHub tables.
pub fn write_markdown(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let t = &report.totals;
    writeln!(
        out,
        "# Manifesto mash-up\n\n{} documents, {} read; {} policies ({} of them pledged, {} proposed) with {} mentions of the {} lexicon ({}), {} of them in pledges, in {} words. A policy is a sentence with at least one mention; a pledge commits the party to act, a proposal demands action of others; parties are ranked by policies.\n",
        t.documents,
        t.ok,
        t.policies,
        t.pledged_policies,
        t.proposed_policies,
        t.mentions,
        md(&report.lexicon.name),
        md(&report.lexicon.version),
        t.pledges,
        thousands(t.words)
    )?;
    write_unread(report, out)?;
    write_ocr_read(report, out)?;
    write_ranking(report, out)?;
    write_trends(report, out)?;
    write_changes(report, out)?;
    write_themes(report, out)?;
    write_asks(report, out)
}

fn write_unread(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    for w in &report.warnings {
        writeln!(
            out,
            "> **Warning:** `{}`: {}\n",
            code(&w.path),
            md(&w.message)
        )?;
    }
    let unread: Vec<_> = report.unreadable().collect();
    if !unread.is_empty() {
        writeln!(
            out,
            "> **{} document{} could not be read**, so their parties' counts leave them out:\n>",
            unread.len(),
            if unread.len() == 1 { "" } else { "s" }
        )?;
        list_documents(out, &unread, |doc| doc.unread_reason().unwrap_or_default())?;
        writeln!(out)?;
    }
    let other_language: Vec<_> = report.not_matched().collect();
    if !other_language.is_empty() {
        writeln!(
            out,
            "> **{} document{} read but not matched**, being in a language the lexicon does not cover, so their parties' counts leave them out:\n>",
            other_language.len(),
            if other_language.len() == 1 { "" } else { "s" }
        )?;
        list_documents(out, &other_language, |doc| {
            doc.unread_reason().unwrap_or_default()
        })?;
        writeln!(out)?;
    }
    Ok(())
}

/// One quoted list item per document: its path, its party when it has one,
/// and what `about` says of it.
fn list_documents(
    out: &mut dyn Write,
    docs: &[&DocResult],
    about: impl Fn(&DocResult) -> String,
) -> io::Result<()> {
    for doc in docs {
        let party = if doc.party.is_empty() {
            String::new()
        } else {
            format!(" ({})", md(&doc.party))
        };
        writeln!(out, "> - `{}`{party}: {}", code(&doc.path), md(&about(doc)))?;
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
        "> **{} document{} read by OCR**, from scanned pages:\n>",
        read.len(),
        if read.len() == 1 { " was" } else { "s were" }
    )?;
    list_documents(out, &read, |doc| doc.ocr_description().unwrap_or_default())?;
    writeln!(out)
}

fn write_ranking(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "## Who says most\n")?;
    // Parties are ranked against those of their own election (and country):
    // one table each, ranks from 1.
    for group in report.ranking_groups() {
        if let Some(title) = &group.title {
            writeln!(out, "### {}\n", md(title))?;
        }
        writeln!(
            out,
            "| # | Party | Policies | Pledged | Proposed | Mentions | Pledges | Policies per 10,000 words | Words | Documents |"
        )?;
        writeln!(out, "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|")?;
        for (i, p) in group.parties.iter().enumerate() {
            let docs = if p.rates.unread > 0 {
                format!("{} ({} unread)", p.rates.documents, p.rates.unread)
            } else {
                p.rates.documents.to_string()
            };
            writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} | {} | {:.1} | {} | {} |",
                i + 1,
                cell(&report.ranking_label(p)),
                p.rates.counts.policies,
                p.rates.counts.pledged_policies,
                p.rates.counts.proposed_policies,
                p.rates.counts.mentions,
                p.rates.counts.pledges,
                p.rates.policies_per_10k_words,
                thousands(p.rates.counts.words),
                docs
            )?;
        }
        writeln!(out)?;
    }
    if let Some(note) = report.ocr_footnote() {
        writeln!(out, "{}\n", md(&note))?;
    }
    Ok(())
}

/// The numbers of the HTML report's trend charts: policies per 10,000 words
/// by election for each family with enough elections, overall and per
/// category (a dash where nothing of the family was read).
fn write_trends(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let trends = Trends::of(report);
    if trends.families.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "## Trends across elections\n\nPolicies per 10,000 words by election, for each party family with {MIN_ELECTIONS} or more elections read.\n"
    )?;
    let table = |out: &mut dyn Write, pick: &dyn Fn(&FamilyTrend) -> &[Option<f64>]| {
        write!(out, "| Family |")?;
        for e in &trends.elections {
            write!(out, " {} |", cell(e))?;
        }
        write!(out, "\n|---|")?;
        for _ in &trends.elections {
            write!(out, "---:|")?;
        }
        writeln!(out)?;
        for f in &trends.families {
            write!(out, "| {} |", cell(&f.family))?;
            for v in pick(f) {
                match v {
                    Some(v) => write!(out, " {v:.1} |")?,
                    None => write!(out, " – |")?,
                }
            }
            writeln!(out)?;
        }
        writeln!(out)
    };
    writeln!(out, "### All themes\n")?;
    table(out, &|f| &f.overall)?;
    for (k, category) in report.lexicon.categories.iter().enumerate() {
        writeln!(out, "### {}\n", md(&category.label))?;
        table(out, &|f| &f.by_category[k])?;
    }
    Ok(())
}

/// For a scan of several elections: what changed for each party family
/// since its previous election read (see [`super::latest_changes`]).
fn write_changes(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let changes = super::latest_changes(report);
    if changes.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "## What changed since the last election\n\nFor each party family read at two or more elections: its latest against the one before. Rates are policies per 10,000 words.\n"
    )?;
    for f in &changes {
        writeln!(
            out,
            "### {}: {} → {}\n\nPolicies per 10k {:.1} → {:.1} ({:+.1}).\n",
            md(&f.family),
            md(f.old.latest_election()),
            md(f.new.latest_election()),
            f.old.policies_per_10k_words,
            f.new.policies_per_10k_words,
            f.policies_per_10k_change
        )?;
        super::write_family_markdown(f, out)?;
    }
    Ok(())
}

fn write_themes(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "## Theme by theme\n")?;
    for theme in &report.mashup.categories {
        writeln!(out, "### {}\n", md(report.category_label(&theme.id)))?;
        let count = |pq: &PartyQuote| {
            report
                .party_totals(&pq.party, pq.election.as_deref())
                .map_or((0, 0, 0, 0), |p| {
                    let get = |m: &std::collections::BTreeMap<String, u64>| {
                        m.get(&theme.id).copied().unwrap_or(0)
                    };
                    (
                        get(&p.rates.counts.policies_by_category),
                        get(&p.rates.counts.pledged_policies_by_category),
                        get(&p.rates.counts.proposed_policies_by_category),
                        get(&p.rates.counts.by_category),
                    )
                })
        };
        write_quotes(report, theme, out, |pq| {
            let (policies, pledged, proposed, mentions) = count(pq);
            format!(
                "{policies} polic{}, {pledged} pledged{}; {mentions} mention{}",
                if policies == 1 { "y" } else { "ies" },
                if proposed > 0 {
                    format!(", {proposed} proposed")
                } else {
                    String::new()
                },
                if mentions == 1 { "" } else { "s" }
            )
        })?;
    }
    Ok(())
}

/// One bullet per party with a quote, then the parties without one.
fn write_quotes(
    report: &Report,
    theme: &Theme,
    out: &mut dyn Write,
    summary: impl Fn(&PartyQuote) -> String,
) -> io::Result<()> {
    let mut silent = Vec::new();
    for pq in &theme.parties {
        let label = report.party_label(&pq.party, pq.election.as_deref());
        let Some(q) = &pq.quote else {
            silent.push(md(&label));
            continue;
        };
        writeln!(
            out,
            "- **{}** ({}): “{}” ({}, p. {}){}",
            md(&label),
            summary(pq),
            md(&q.text),
            md(file_name(&q.document)),
            q.page,
            judgement_note(q.judgement())
        )?;
    }
    if !silent.is_empty() {
        writeln!(out, "- Nothing from: {}.", silent.join(", "))?;
    }
    writeln!(out)
}

fn judgement_note(judgement: Judgement) -> &'static str {
    match judgement {
        Judgement::Mention => "",
        Judgement::Proposal => " *proposal*",
        Judgement::Pledge(Pledge {
            stance: Some(Stance::Against),
        }) => " *pledge (against)*",
        Judgement::Pledge(_) => " *pledge*",
    }
}

fn write_asks(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    if report.lexicon.asks.is_empty() {
        return Ok(());
    }
    writeln!(out, "## The asks tracker\n")?;
    writeln!(
        out,
        "Sentences meeting each ask, per party; in brackets, how many of them are pledges.{}\n",
        if report
            .parties
            .iter()
            .any(|p| !p.asks_not_applicable.is_empty())
        {
            format!(" {NOT_APPLICABLE}")
        } else {
            String::new()
        }
    )?;
    write!(out, "| Ask |")?;
    for p in &report.parties {
        write!(
            out,
            " {} |",
            cell(&report.party_label(&p.party, p.election.as_deref()))
        )?;
    }
    write!(out, "\n|---|")?;
    for _ in &report.parties {
        write!(out, ":---:|")?;
    }
    writeln!(out)?;
    for ask in &report.lexicon.asks {
        write!(out, "| {} |", cell(&ask.label))?;
        for p in &report.parties {
            match p.ask(&ask.id) {
                AskCell::NotApplicable => write!(out, " n/a |")?,
                AskCell::Met { sentences: 0, .. } => write!(out, " – |")?,
                AskCell::Met {
                    sentences: n,
                    pledges: 0,
                } => write!(out, " {n} |")?,
                AskCell::Met {
                    sentences: n,
                    pledges: k,
                } => write!(out, " **{n}** ({k}) |")?,
            }
        }
        writeln!(out)?;
    }
    writeln!(out)?;
    for theme in &report.mashup.asks {
        if theme.parties.iter().all(|p| p.quote.is_none()) {
            continue;
        }
        writeln!(out, "### {}\n", md(report.ask_label(&theme.id)))?;
        write_quotes(report, theme, out, |pq| {
            let n = report
                .party_totals(&pq.party, pq.election.as_deref())
                .and_then(|p| p.rates.counts.asks.get(&theme.id).copied())
                .unwrap_or(0);
            format!("{n} sentence{}", if n == 1 { "" } else { "s" })
        })?;
    }
    Ok(())
}

fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}
/// A table cell: escaped prose (pipes included).
fn cell(text: &str) -> String {
    md(text)
}

/// Text inside a code span: backticks cannot be escaped there, so they are
/// replaced by a look-alike.
fn code(text: &str) -> String {
    text.replace('`', "ʼ").replace(['\n', '\r'], " ")
}

/// The comparison as a Markdown section.
pub fn write_comparison_markdown(c: &Comparison, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "# What changed\n\n{} (old) compared with {} (new). Rates are per 10,000 words of the documents read.\n",
        md(&c.old.elections_label()),
        md(&c.new.elections_label())
    )?;
    for w in &c.warnings {
        writeln!(out, "> **Warning:** {}\n", md(w))?;
    }
    writeln!(
        out,
        "| Family | Policies per 10k, old | new | change | Mentions per 10k, old | new | change |\n|---|---:|---:|---:|---:|---:|---:|"
    )?;
    for f in &c.families {
        writeln!(
            out,
            "| {} | {:.1} | {:.1} | {} | {:.1} | {:.1} | {} |",
            md(&f.family),
            f.old.policies_per_10k_words,
            f.new.policies_per_10k_words,
            signed(f.policies_per_10k_change),
            f.old.per_10k_words,
            f.new.per_10k_words,
            signed(f.per_10k_change)
        )?;
    }
    writeln!(out)?;
    for f in &c.families {
        writeln!(out, "## {}\n", md(&f.family))?;
        write_family_markdown(f, out)?;
    }
    if !c.only_old.is_empty() || !c.only_new.is_empty() {
        writeln!(
            out,
            "Not compared (in one report only, or nothing read in the other): {}.",
            md(&c
                .only_old
                .iter()
                .chain(&c.only_new)
                .cloned()
                .collect::<Vec<_>>()
                .join(", "))
        )?;
    }
    Ok(())
}

/// asks picked up and dropped with their quotes.
pub fn write_family_markdown(f: &FamilyChange, out: &mut dyn Write) -> io::Result<()> {
    if !f.categories.is_empty() {
        let list: Vec<String> = f
            .categories
            .iter()
            .map(|k| format!("{} {}", md(&k.label), signed(k.change)))
            .collect();
        writeln!(out, "Policies per 10k by theme: {}.\n", list.join("; "))?;
    }
    for (title, asks) in [
        ("Asks picked up", &f.asks_gained),
        ("Asks dropped", &f.asks_dropped),
    ] {
        if asks.is_empty() {
            continue;
        }
        writeln!(out, "{title}:\n")?;
        for a in asks {
            match &a.quote {
                Some(q) => writeln!(
                    out,
                    "- **{}**: “{}” ({})",
                    md(&a.label),
                    md(&q.text),
                    md(&q.place())
                )?,
                None => writeln!(out, "- **{}**", md(&a.label))?,
            }
        }
        writeln!(out)?;
    }
    if f.asks_gained.is_empty() && f.asks_dropped.is_empty() {
        writeln!(out, "No ask picked up or dropped.\n")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::tests::{sample_parts, sample_report};

    fn render() -> String {
        let mut out = Vec::new();
        write_markdown(&sample_report(), &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn escapes_markup_in_names_and_quotes() {
        let text = render();
        assert!(text.contains(r"Party \<A\> \& "), "{text}");
        assert!(!text.contains("<A>"), "{text}");
        assert!(text.contains(r"\</details\>"), "{text}");
    }

    #[test]
    fn sections_come_in_order() {
        let text = render();
        let at = |s: &str| {
            text.find(s)
                .unwrap_or_else(|| panic!("{s} missing:\n{text}"))
        };
        assert!(at("could not be read") < at("## Who says most"));
        assert!(at("## Who says most") < at("## Theme by theme"));
        assert!(at("## Theme by theme") < at("## The asks tracker"));
        assert!(text.contains("`c.pdf` (Party C): no text layer"), "{text}");
        assert!(text.contains("`d.pdf` (Party B): not a PDF"), "{text}");
    }

    #[test]
    fn ranking_and_quotes() {
        let text = render();
        assert!(
            text.contains(r#"| 1 | Party \<A\> \& "Co" | 1 | 1 | 0 | 2 | 2 | 10.0 | 1,000 | 1 |"#),
            "{text}"
        );
        assert!(
            text.contains("| 2 | Party B | 1 | 0 | 0 | 1 | 0 | 10.0 | 1,000 | 1 (1 unread) |"),
            "{text}"
        );
        assert!(
            text.contains(
                "“We will fund co-operatives, and credit unions.” (a.pdf, p. 2) *pledge*"
            ),
            "{text}"
        );
        // Credit unions: only party A; B and C said nothing.
        assert!(text.contains("- Nothing from: Party B, Party C."), "{text}");
    }

    /// A quote that demands action of others says so, as a pledge does;
    /// one that does neither carries no note.
    #[test]
    fn quotes_say_whether_they_pledge_or_propose() {
        let mut report = sample_report();
        let quote = report.mashup.categories[0]
            .parties
            .iter_mut()
            .find_map(|pq| pq.quote.as_mut())
            .unwrap();
        let text = quote.text.clone();
        (quote.pledge, quote.stance, quote.proposal) = (false, None, true);
        let mut out = Vec::new();
        write_markdown(&report, &mut out).unwrap();
        let rendered = String::from_utf8(out).unwrap();
        let line = rendered.lines().find(|l| l.contains(&md(&text))).unwrap();
        assert!(line.ends_with(" *proposal*"), "{line}");
        assert_eq!(
            judgement_note(Judgement::Pledge(Pledge {
                stance: Some(Stance::Against)
            })),
            " *pledge (against)*"
        );
        assert_eq!(judgement_note(Judgement::Mention), "");
    }

    #[test]
    fn asks_matrix_has_a_row_per_ask_and_a_column_per_party() {
        let text = render();
        assert!(
            text.contains(r#"| Ask | Party \<A\> \& "Co" | Party B | Party C |"#),
            "{text}"
        );
        assert!(
            text.contains(r"| Fund \<credit\> unions | **1** (1) | – | – |"),
            "{text}"
        );
    }

    /// A document in a language the lexicon does not cover was read: it is
    /// listed apart, not among the documents that could not be read.
    #[test]
    fn documents_in_another_language_are_not_unreadable() {
        let (lexicon, mut documents) = sample_parts();
        let mut welsh = DocResult::failed(std::path::Path::new("cy.pdf"), "Plaid", String::new());
        welsh.status = crate::results::Status::NotMatched;
        welsh.error = None;
        welsh.language = Some(crate::language::DocumentLanguage {
            code: crate::language::Language::from_code("cy").unwrap(),
            source: crate::language::LanguageSource::Index,
        });
        documents.push(welsh);
        let report = Report::build(&lexicon, documents);
        let mut out = Vec::new();
        write_markdown(&report, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("**2 documents could not be read**"), "{text}");
        assert!(
            text.contains("**1 document read but not matched**"),
            "{text}"
        );
        let unread = text.find("could not be read").unwrap();
        let other = text.find("read but not matched").unwrap();
        assert!(!text[unread..other].contains("cy.pdf"), "{text}");
        assert!(
            text[other..].contains("`cy.pdf` (Plaid): written in Welsh"),
            "{text}"
        );
        let mut html = Vec::new();
        crate::report::write_html(&report, &mut html).unwrap();
        let html = String::from_utf8(html).unwrap();
        assert!(html.contains("2 documents could not be read"));
        assert!(html.contains("1 document read but not matched"));
    }
}
