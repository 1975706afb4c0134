//! The default output: a per-party table for a terminal, then one line per
//! document that could not be counted. Parties come in the report's order
//! (most policies first); "Pledged" and "Proposed" are the policies that
//! commit the party and those that demand action of others
//! ([`crate::pledge`]); "Per 10k" is policies per 10,000 words and the top
//! categories are those with the most policies.

use super::compare::{signed, Comparison};
use super::{Report, OCR_MARK};
use crate::results::Status;
use std::io::{self, Write};

/// How many categories the table names per party.
const TOP_CATEGORIES: usize = 3;

/// Writes the per-party table.
pub fn write_table(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let party_width = report
        .parties
        .iter()
        .map(|p| p.party.chars().count() + usize::from(p.rates.ocr_pages > 0))
        .chain(std::iter::once(5))
        .max()
        .unwrap_or(5)
        .min(41);
    let header = |out: &mut dyn Write| {
        writeln!(
            out,
            "{:<party_width$}  {:>4}  {:>8}  {:>8}  {:>7}  {:>8}  {:>8}  {:>7}  {:>8}  Top categories",
            "Party", "Docs", "Words", "Policies", "Pledged", "Proposed", "Mentions", "Pledges", "Per 10k"
        )
    };
    // One election: one table. Several (or several countries): one table
    // per election and country, newest first, each under a line with its
    // own totals.
    for (k, group) in report.ranking_groups().into_iter().enumerate() {
        if let Some(title) = &group.title {
            let gap = if k > 0 { "\n" } else { "" };
            let (documents, policies, words) =
                group.parties.iter().fold((0, 0, 0), |(d, p, w), party| {
                    (
                        d + party.rates.documents,
                        p + party.rates.counts.policies,
                        w + party.rates.counts.words,
                    )
                });
            writeln!(
                out,
                "{gap}{title}: {} parties, {documents} documents, {policies} policies in {} words ({:.1} per 10k)",
                group.parties.len(),
                thousands(words),
                super::per_10k(policies, words)
            )?;
        }
        header(out)?;
        for p in &group.parties {
            write_party_row(out, p, party_width)?;
        }
    }
    let t = &report.totals;
    let other_language = if t.not_matched > 0 {
        format!(
            ", {} in a language the lexicon does not cover",
            t.not_matched
        )
    } else {
        String::new()
    };
    writeln!(
        out,
        "\n{} documents: {} read, {} without a text layer (need OCR){other_language}, {} failed. {} policies ({} pledged, {} proposed) with {} mentions ({} in pledges) in {} words.",
        t.documents,
        t.ok,
        t.no_text_layer,
        t.failed,
        t.policies,
        t.pledged_policies,
        t.proposed_policies,
        t.mentions,
        t.pledges,
        thousands(t.words)
    )?;
    for doc in report.unread() {
        match doc.status {
            Status::Ok => {}
            Status::NoTextLayer => writeln!(
                out,
                "needs OCR: {} (no text on any of its {} pages)",
                doc.path, doc.pages
            )?,
            Status::Error => writeln!(
                out,
                "failed: {}: {}",
                doc.path,
                doc.error.as_deref().unwrap_or("unknown error")
            )?,
            Status::NotMatched => writeln!(
                out,
                "not matched: {} ({})",
                doc.path,
                doc.unread_reason().unwrap_or_default()
            )?,
        }
    }
    if let Some(note) = report.ocr_footnote() {
        writeln!(out, "{note}")?;
    }
    for doc in report.ocr_read() {
        writeln!(
            out,
            "read by OCR: {}: {}",
            doc.path,
            doc.ocr_description().unwrap_or_default()
        )?;
    }
    for w in &report.warnings {
        writeln!(out, "warning: {}: {}", w.path, w.message)?;
    }
    Ok(())
}

/// One party's row.
fn write_party_row(
    out: &mut dyn Write,
    p: &super::PartyTotals,
    party_width: usize,
) -> io::Result<()> {
    let mut top: Vec<(&String, &u64)> = p
        .rates
        .counts
        .policies_by_category
        .iter()
        .filter(|(_, n)| **n > 0)
        .collect();
    top.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let top: Vec<String> = top
        .iter()
        .take(TOP_CATEGORIES)
        .map(|(id, n)| format!("{id} ({n})"))
        .collect();
    let mut name: String = p.party.chars().take(party_width).collect();
    if p.rates.ocr_pages > 0 {
        name.push_str(OCR_MARK);
    }
    writeln!(
        out,
        "{:<party_width$}  {:>4}  {:>8}  {:>8}  {:>7}  {:>8}  {:>8}  {:>7}  {:>8.1}  {}",
        name,
        p.rates.documents,
        thousands(p.rates.counts.words),
        p.rates.counts.policies,
        p.rates.counts.pledged_policies,
        p.rates.counts.proposed_policies,
        p.rates.counts.mentions,
        p.rates.counts.pledges,
        p.rates.policies_per_10k_words,
        if top.is_empty() {
            "-".to_string()
        } else {
            top.join(", ")
        }
    )?;
    Ok(())
}

/// 1234567 -> "1,234,567".
pub(super) fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The comparison as text for a terminal.
pub fn write_comparison_table(c: &Comparison, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "Compared: {} (old) with {} (new); policies and mentions per 10,000 words.",
        c.old.elections_label(),
        c.new.elections_label()
    )?;
    for w in &c.warnings {
        writeln!(out, "warning: {w}")?;
    }
    for f in &c.families {
        writeln!(
            out,
            "\n{}: policies per 10k {:.1} -> {:.1} ({}), mentions per 10k {:.1} -> {:.1} ({}); words {} -> {}",
            f.family,
            f.old.policies_per_10k_words,
            f.new.policies_per_10k_words,
            signed(f.policies_per_10k_change),
            f.old.per_10k_words,
            f.new.per_10k_words,
            signed(f.per_10k_change),
            thousands(f.old.words),
            thousands(f.new.words)
        )?;
        let grew: Vec<String> = f
            .categories
            .iter()
            .filter(|k| k.change > 0.0)
            .map(|k| format!("{} {}", k.id, signed(k.change)))
            .collect();
        let shrank: Vec<String> = f
            .categories
            .iter()
            .rev()
            .filter(|k| k.change < 0.0)
            .map(|k| format!("{} {}", k.id, signed(k.change)))
            .collect();
        if !grew.is_empty() {
            writeln!(out, "  grew: {}", grew.join(", "))?;
        }
        if !shrank.is_empty() {
            writeln!(out, "  shrank: {}", shrank.join(", "))?;
        }
        for (sign, asks) in [("+", &f.asks_gained), ("-", &f.asks_dropped)] {
            for a in asks {
                match &a.quote {
                    Some(q) => {
                        writeln!(out, "  {sign} {}: \"{}\" ({})", a.label, q.text, q.place())?
                    }
                    None => writeln!(out, "  {sign} {}", a.label)?,
                }
            }
        }
        if f.asks_gained.is_empty() && f.asks_dropped.is_empty() {
            writeln!(out, "  asks: none gained or dropped")?;
        }
    }
    if !c.only_old.is_empty() {
        writeln!(out, "\nonly in the old report: {}", c.only_old.join(", "))?;
    }
    if !c.only_new.is_empty() {
        writeln!(out, "only in the new report: {}", c.only_new.join(", "))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1234567), "1,234,567");
    }
}
