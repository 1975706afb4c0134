//! What changed between two reports: for each party family present in both,
//! the change in policies and mentions per 10,000 words, the categories that
//! grew or shrank, the asks newly picked up (with the new quote) and those
//! dropped (with the old one). Built from two finished reports, so it
//! compares any two saved scans (`mashup compare OLD NEW`), usually two
//! elections.
//!
//! A family is the index's `family` column, else the party: a renamed party
//! or its regional editions are compared as one. A family's counts are the
//! sums over its entries in a report (every election the report holds), and
//! documents that were not read (scans, errors, other languages) count in
//! neither; a family with no words read on one side has no rates to compare
//! and is listed apart.
//!
//! This is the model only: each format's module renders it beside the
//! report (`table`, `json`, `markdown`, `html`: `write_comparison_*`).

use super::mashup::Quote;
use super::{per_10k, AskCell, Labelled, PartyTotals, Report};
use crate::results::Counts;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The comparison of two reports.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// What the older report holds.
    pub old: Side,
    /// What the newer report holds.
    pub new: Side,
    /// Families with words read in both, by name.
    pub families: Vec<FamilyChange>,
    /// Families only the older report has (or with no words read in the newer).
    pub only_old: Vec<String>,
    /// Families only the newer report has (or with no words read in the older).
    pub only_new: Vec<String>,
    /// What the reader should know: the two reports used different lexicons,
    /// so a change may be the lexicon's rather than the parties'.
    pub warnings: Vec<String>,
}

/// One report of a comparison.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Side {
    /// Its elections, newest first (null for documents without one).
    pub elections: Vec<Option<String>>,
    /// Its lexicon: name, version and content hash.
    pub lexicon: String,
}

/// A family in both reports.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FamilyChange {
    /// The family.
    pub family: String,
    /// Its totals in the older report.
    pub old: FamilyTotals,
    /// Its totals in the newer report.
    pub new: FamilyTotals,
    /// Change in policies per 10,000 words (new minus old, one decimal).
    pub policies_per_10k_change: f64,
    /// Change in mentions per 10,000 words.
    pub per_10k_change: f64,
    /// Every category whose policies per 10,000 words changed, most grown
    /// first, most shrunk last.
    pub categories: Vec<CategoryChange>,
    /// Asks met in the newer report and not in the older, with the newer
    /// report's best quote, in lexicon order.
    pub asks_gained: Vec<AskChange>,
    /// Asks met in the older report and not in the newer, with the older
    /// report's best quote, in lexicon order.
    pub asks_dropped: Vec<AskChange>,
}

/// A family's totals in one report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FamilyTotals {
    /// Its parties there, by name.
    pub parties: Vec<String>,
    /// The elections of its entries there, newest first.
    pub elections: Vec<Option<String>>,
    /// Documents read.
    pub documents: u32,
    /// Words read.
    pub words: u64,
    /// Policies (sentences with a mention).
    pub policies: u64,
    /// Mentions.
    pub mentions: u64,
    /// Policies per 10,000 words.
    pub policies_per_10k_words: f64,
    /// Mentions per 10,000 words.
    pub per_10k_words: f64,
}

impl FamilyTotals {
    /// Its newest election ("" when the report gives none).
    pub fn latest_election(&self) -> &str {
        self.elections
            .first()
            .and_then(Option::as_deref)
            .unwrap_or("")
    }
}

/// A category's change for a family.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CategoryChange {
    /// The category id.
    pub id: String,
    /// Its label.
    pub label: String,
    /// Policies per 10,000 words in the older report.
    pub old: f64,
    /// Policies per 10,000 words in the newer report.
    pub new: f64,
    /// New minus old.
    pub change: f64,
}

/// An ask gained or dropped.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AskChange {
    /// The ask id.
    pub id: String,
    /// Its label.
    pub label: String,
    /// The family's best quote for it (in the newer report for a gain, the
    /// older for a drop).
    pub quote: Option<Quote>,
}

/// One family's entries of a report, summed.
struct Family<'a> {
    entries: Vec<&'a PartyTotals>,
    counts: Counts,
    documents: u32,
}

fn families(report: &Report) -> BTreeMap<&str, Family<'_>> {
    let mut out: BTreeMap<&str, Family<'_>> = BTreeMap::new();
    for p in &report.parties {
        let family = out.entry(p.family.as_str()).or_insert_with(|| Family {
            entries: Vec::new(),
            counts: Counts::default(),
            documents: 0,
        });
        family.entries.push(p);
        family.counts += &p.rates.counts;
        family.documents += p.rates.documents;
    }
    out
}

impl Family<'_> {
    fn totals(&self) -> FamilyTotals {
        let parties: BTreeSet<&str> = self.entries.iter().map(|p| p.party.as_str()).collect();
        let elections: BTreeSet<&Option<String>> =
            self.entries.iter().map(|p| &p.election).collect();
        FamilyTotals {
            parties: parties.into_iter().map(String::from).collect(),
            elections: elections.into_iter().rev().cloned().collect(),
            documents: self.documents,
            words: self.counts.words,
            policies: self.counts.policies,
            mentions: self.counts.mentions,
            policies_per_10k_words: per_10k(self.counts.policies, self.counts.words),
            per_10k_words: per_10k(self.counts.mentions, self.counts.words),
        }
    }

    /// The family's best quote for ask `id` in `report`.
    fn best_ask_quote(&self, report: &Report, id: &str) -> Option<Quote> {
        self.entries
            .iter()
            .filter_map(|p| report.mashup.ask_quote(id, &p.party, p.election.as_deref()))
            .min_by(|a, b| a.rank().cmp(&b.rank()))
            .cloned()
    }

    fn meets(&self, ask: &str) -> bool {
        self.counts.asks.get(ask).is_some_and(|&n| n > 0)
    }

    /// Whether `ask` was looked for in some entry of the family: an ask
    /// its editions drop is neither gained nor dropped there.
    fn looks_for(&self, ask: &str) -> bool {
        self.entries
            .iter()
            .any(|p| p.ask(ask) != AskCell::NotApplicable)
    }
}

/// One decimal, as every rate in a report.
fn round(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

impl Comparison {
    /// Compares `old` with `new`.
    pub fn of(old: &Report, new: &Report) -> Comparison {
        let (old_families, new_families) = (families(old), families(new));
        let read = |f: &Family<'_>| f.counts.words > 0;
        let mut changes = Vec::new();
        let (mut only_old, mut only_new) = (Vec::new(), Vec::new());
        for (name, before) in &old_families {
            match new_families.get(name) {
                Some(after) if read(before) && read(after) => {
                    changes.push(family_change(name, before, after, old, new));
                }
                _ => only_old.push(name.to_string()),
            }
        }
        for (name, after) in &new_families {
            let compared = old_families
                .get(name)
                .is_some_and(|b| read(b) && read(after));
            if !compared {
                only_new.push(name.to_string());
            }
        }
        let mut warnings = Vec::new();
        if old.lexicon.hash != new.lexicon.hash {
            warnings.push(format!(
                "the reports were made with different lexicons ({} {} and {} {}): a change may be the lexicon's, not the party's",
                old.lexicon.name, old.lexicon.version, new.lexicon.name, new.lexicon.version
            ));
        }
        let editions = |r: &Report| -> std::collections::BTreeSet<String> {
            let mut set = std::collections::BTreeSet::new();
            // A spool that cannot be read back leaves the set partial; the
            // comparison itself reads the totals, not the documents.
            let _ = r.documents.try_for_each(
                |_| (),
                |d| {
                    set.insert(d.edition.clone().unwrap_or_else(|| "common terms".into()));
                    Ok(())
                },
            );
            set
        };
        let (old_editions, new_editions) = (editions(old), editions(new));
        if old_editions != new_editions {
            let list = |set: &std::collections::BTreeSet<String>| {
                set.iter().cloned().collect::<Vec<_>>().join(", ")
            };
            warnings.push(format!(
                "the reports matched their documents with different country editions of the lexicon ({} and {}): a change may be the edition's, not the party's",
                list(&old_editions),
                list(&new_editions)
            ));
        }
        Comparison {
            old: side(old),
            new: side(new),
            families: changes,
            only_old,
            only_new,
            warnings,
        }
    }
}

/// For a report of several elections, what changed for each party family
/// between its two latest elections read: the "what changed" section of the
/// Markdown and HTML reports. Families read at fewer than two elections are
/// left out, so a report of one election has none.
pub fn latest_changes(report: &Report) -> Vec<FamilyChange> {
    let mut read_at: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for p in report.parties.iter().filter(|p| p.rates.counts.words > 0) {
        if let Some(election) = p.election.as_deref() {
            read_at.entry(&p.family).or_default().insert(election);
        }
    }
    read_at
        .into_iter()
        .filter_map(|(family, elections)| {
            let mut latest = elections.into_iter().rev();
            let (new, old) = (latest.next()?, latest.next()?);
            let (old, new) = (report.of_election(old), report.of_election(new));
            let (before, after) = (families(&old), families(&new));
            Some(family_change(
                family,
                before.get(family)?,
                after.get(family)?,
                &old,
                &new,
            ))
        })
        .collect()
}

fn side(report: &Report) -> Side {
    Side {
        elections: report
            .elections
            .iter()
            .map(|e| e.election.clone())
            .collect(),
        lexicon: format!(
            "{} {} ({})",
            report.lexicon.name, report.lexicon.version, report.lexicon.hash
        ),
    }
}

fn family_change(
    name: &str,
    before: &Family<'_>,
    after: &Family<'_>,
    old: &Report,
    new: &Report,
) -> FamilyChange {
    let (old_totals, new_totals) = (before.totals(), after.totals());
    // Categories of either lexicon, the newer's order first.
    let mut labels: Vec<&Labelled> = new.lexicon.categories.iter().collect();
    for c in &old.lexicon.categories {
        if !labels.iter().any(|l| l.id == c.id) {
            labels.push(c);
        }
    }
    let rate = |family: &Family<'_>, id: &str| {
        per_10k(
            family
                .counts
                .policies_by_category
                .get(id)
                .copied()
                .unwrap_or(0),
            family.counts.words,
        )
    };
    let mut categories: Vec<CategoryChange> = labels
        .iter()
        .map(|c| {
            let (o, n) = (rate(before, &c.id), rate(after, &c.id));
            CategoryChange {
                id: c.id.clone(),
                label: c.label.clone(),
                old: o,
                new: n,
                change: round(n - o),
            }
        })
        .filter(|c| c.change != 0.0)
        .collect();
    categories.sort_by(|a, b| b.change.total_cmp(&a.change).then(a.id.cmp(&b.id)));
    let ask_change = |ask: &Labelled, report: &Report, family: &Family<'_>| AskChange {
        id: ask.id.clone(),
        label: ask.label.clone(),
        quote: family.best_ask_quote(report, &ask.id),
    };
    let asks_gained = new
        .lexicon
        .asks
        .iter()
        .filter(|a| after.meets(&a.id) && !before.meets(&a.id) && before.looks_for(&a.id))
        .map(|a| ask_change(a, new, after))
        .collect();
    let asks_dropped = old
        .lexicon
        .asks
        .iter()
        .filter(|a| before.meets(&a.id) && !after.meets(&a.id) && after.looks_for(&a.id))
        .map(|a| ask_change(a, old, before))
        .collect();
    FamilyChange {
        family: name.to_string(),
        policies_per_10k_change: round(
            new_totals.policies_per_10k_words - old_totals.policies_per_10k_words,
        ),
        per_10k_change: round(new_totals.per_10k_words - old_totals.per_10k_words),
        old: old_totals,
        new: new_totals,
        categories,
        asks_gained,
        asks_dropped,
    }
}

impl Side {
    /// Its elections, for a sentence ("2015, 2017"; "nothing" for none).
    pub fn elections_label(&self) -> String {
        let names: Vec<&str> = self
            .elections
            .iter()
            .map(|e| e.as_deref().unwrap_or("no election"))
            .collect();
        if names.is_empty() {
            "nothing".into()
        } else {
            names.join(", ")
        }
    }
}

/// A change in a rate as every format writes it: `+1.5`, `-0.3`.
pub(super) fn signed(x: f64) -> String {
    format!("{x:+.1}")
}

impl Quote {
    /// Where it is: the file name and page (`labour.pdf, p. 12`).
    pub fn place(&self) -> String {
        let file = self
            .document
            .rsplit(['/', '\\'])
            .next()
            .unwrap_or(&self.document);
        format!("{file}, p. {}", self.page)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::tests::sample_parts;
    use crate::report::write_comparison_table;

    /// Two elections of the sample: party A reads the same in both; party B
    /// is read only in the newer; the newer report's lexicon differs.
    #[test]
    fn families_in_both_are_compared_and_the_rest_listed_apart() {
        let (lexicon, documents) = sample_parts();
        let old = Report::build(&lexicon, vec![documents[0].clone(), documents[2].clone()]);
        let mut new = Report::build(&lexicon, documents[..2].to_vec());
        new.lexicon.hash = "blake3:other".into();
        let c = Comparison::of(&old, &new);
        let names: Vec<&str> = c.families.iter().map(|f| f.family.as_str()).collect();
        assert_eq!(names, ["Party <A> & \"Co\""]);
        let a = &c.families[0];
        assert_eq!(a.policies_per_10k_change, 0.0);
        assert!(a.categories.is_empty() && a.asks_gained.is_empty() && a.asks_dropped.is_empty());
        // Party C's only document is a scan: nothing read, so not compared.
        assert_eq!(c.only_old, ["Party C"]);
        assert_eq!(c.only_new, ["Party B"]);
        assert_eq!(c.warnings.len(), 1);
        assert!(c.warnings[0].contains("different lexicons"));

        // Dropping party A's ask sentence: the ask is dropped, with the old quote.
        let mut without = documents[0].clone();
        without.counts.asks.clear();
        without.ask_excerpts.clear();
        let newer = Report::build(&lexicon, vec![without]);
        let c = Comparison::of(&old, &newer);
        let a = &c.families[0];
        assert_eq!(a.asks_dropped.len(), 1);
        assert_eq!(a.asks_dropped[0].id, "fund-cu");
        let quote = a.asks_dropped[0].quote.as_ref().unwrap();
        assert_eq!((quote.document.as_str(), quote.page), ("a.pdf", 2));
        let c = Comparison::of(&newer, &old);
        assert_eq!(c.families[0].asks_gained[0].id, "fund-cu");
        let mut table = Vec::new();
        write_comparison_table(&c, &mut table).unwrap();
        let table = String::from_utf8(table).unwrap();
        assert!(
            table.contains("+ Fund <credit> unions: \"We will fund"),
            "{table}"
        );

        // An ask the newer edition does not look for is not dropped: its
        // absence there is not a finding.
        let mut unasked = newer.clone();
        unasked.parties[0].asks_not_applicable = vec!["fund-cu".into()];
        let c = Comparison::of(&old, &unasked);
        assert!(c.families[0].asks_dropped.is_empty());
        assert!(Comparison::of(&unasked, &old).families[0]
            .asks_gained
            .is_empty());
    }
}
