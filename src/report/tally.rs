//! Building a report one document at a time: the totals are counts that add
//! up, the mash-up keeps only the best quote so far per theme and party, and
//! the documents themselves stay wherever the caller keeps them (see
//! [`Documents`]). So a report over 100,000 files needs no more memory than
//! one over 100, and parts of a sharded scan fold into the same report as
//! one scan, in any order.

use super::documents::Spool;
use super::mashup::Picker;
use super::{
    Documents, ElectionTotals, Generator, LexiconInfo, PartyTotals, Rates, Report, Totals, Warning,
    SCHEMA_VERSION,
};
use crate::results::{DocResult, Status};
use std::collections::BTreeMap;

/// A report under construction.
#[derive(Debug)]
pub struct Tally {
    lexicon: LexiconInfo,
    /// Per (election, party): a party's documents of one election together.
    parties: BTreeMap<(Option<String>, String), PartyTotals>,
    /// Per election, over every party.
    elections: BTreeMap<Option<String>, ElectionTotals>,
    totals: Totals,
    picker: Picker,
    /// Documents that could not be counted: small, and listed by renderers.
    unread: Vec<DocResult>,
    /// Documents read by OCR, without their excerpts: listed by renderers.
    ocr_read: Vec<DocResult>,
    /// One per document read with page problems.
    page_warnings: Vec<Warning>,
}

impl Tally {
    /// An empty report for results matched with `lexicon`.
    pub fn new(lexicon: LexiconInfo) -> Tally {
        Tally {
            lexicon,
            parties: BTreeMap::new(),
            elections: BTreeMap::new(),
            totals: Totals::default(),
            picker: Picker::default(),
            unread: Vec::new(),
            ocr_read: Vec::new(),
            page_warnings: Vec::new(),
        }
    }

    /// Counts one document in.
    pub fn add(&mut self, doc: &DocResult) {
        let totals = &mut self.totals;
        totals.documents += 1;
        match doc.status {
            Status::Ok => totals.ok += 1,
            Status::NoTextLayer => totals.no_text_layer += 1,
            Status::Error => totals.failed += 1,
            Status::NotMatched => totals.not_matched += 1,
        }
        if doc.status != Status::Ok {
            self.unread.push(doc.clone());
        } else if doc.ocr.as_ref().is_some_and(|o| o.pages_with_words() > 0) {
            self.ocr_read.push(super::documents::listing_of(doc));
        }
        if let Some(warning) = page_warning(doc) {
            self.page_warnings.push(warning);
        }
        self.picker.add(doc);
        if doc.party.is_empty() {
            return;
        }
        let party = self
            .parties
            .entry((doc.election.clone(), doc.party.clone()))
            .or_insert_with(|| PartyTotals {
                party: doc.party.clone(),
                election: doc.election.clone(),
                family: doc.family.clone().unwrap_or_else(|| doc.party.clone()),
                country: doc.country.clone(),
                asks_not_applicable: Vec::new(),
                rates: Rates::default(),
            });
        let election = self
            .elections
            .entry(doc.election.clone())
            .or_insert_with(|| ElectionTotals {
                election: doc.election.clone(),
                parties: 0,
                rates: Rates::default(),
            });
        if doc.status == Status::Ok {
            // The asks no document of the party read so far was matched
            // for: those the edition of every one of them drops.
            let dropped = dropped_asks(&self.lexicon, doc.edition.as_deref());
            if party.rates.documents == 0 {
                party.asks_not_applicable = dropped.to_vec();
            } else {
                party.asks_not_applicable.retain(|a| dropped.contains(a));
            }
            let ocr_pages = doc.ocr.as_ref().map_or(0, |o| o.pages_with_words());
            totals.ocr_pages += ocr_pages;
            totals.ocr_documents += u32::from(ocr_pages > 0);
            totals.words += doc.counts.words;
            totals.mentions += doc.counts.mentions;
            totals.pledges += doc.counts.pledges;
            totals.policies += doc.counts.policies;
            totals.pledged_policies += doc.counts.pledged_policies;
            totals.proposals += doc.counts.proposals;
            totals.proposed_policies += doc.counts.proposed_policies;
        }
        party.rates.add(doc);
        election.rates.add(doc);
    }

    /// The documents that could not be counted, so far.
    pub fn unread(&self) -> &[DocResult] {
        &self.unread
    }

    /// The documents read with some page's text from OCR, so far, without
    /// their excerpts.
    pub fn ocr_read(&self) -> &[DocResult] {
        &self.ocr_read
    }

    /// The finished report over the documents of `spool`, with the ones
    /// this tally kept for listing (unread, and read by OCR).
    pub fn finish_spooled(self, spool: Spool, corpus_warnings: Vec<Warning>) -> Report {
        let documents = Documents::spooled(spool, self.unread.clone(), self.ocr_read.clone());
        self.finish(documents, corpus_warnings)
    }

    /// The finished report over `documents` (the same documents that were
    /// added, however they are kept), with the corpus's warnings first.
    pub fn finish(self, documents: Documents, corpus_warnings: Vec<Warning>) -> Report {
        let mut parties: Vec<PartyTotals> = self.parties.into_values().collect();
        for p in &mut parties {
            p.rates.finish();
        }
        // Newest election first (documents with none last), then ranked by
        // policies, the unit a reader counts, then by mentions.
        parties.sort_by(|a, b| {
            newest_first(&a.election, &b.election)
                .then(a.country.cmp(&b.country))
                .then(b.rates.counts.policies.cmp(&a.rates.counts.policies))
                .then(b.rates.counts.mentions.cmp(&a.rates.counts.mentions))
                .then(a.party.cmp(&b.party))
        });
        let mut elections: Vec<ElectionTotals> = self.elections.into_values().collect();
        for e in &mut elections {
            e.parties = parties.iter().filter(|p| p.election == e.election).count() as u32;
            e.rates.finish();
        }
        elections.sort_by(|a, b| newest_first(&a.election, &b.election));
        let mashup = self
            .picker
            .finish(&self.lexicon.categories, &self.lexicon.asks, &parties);
        let mut page_warnings = self.page_warnings;
        page_warnings.sort_by(|a, b| a.path.cmp(&b.path));
        Report {
            schema_version: SCHEMA_VERSION,
            generator: Generator::this_program(),
            lexicon: self.lexicon,
            documents,
            parties,
            elections,
            totals: self.totals,
            mashup,
            warnings: corpus_warnings.into_iter().chain(page_warnings).collect(),
        }
    }
}

/// The asks that `edition` of `lexicon` drops (none for the common terms
/// alone).
fn dropped_asks<'a>(lexicon: &'a LexiconInfo, edition: Option<&str>) -> &'a [String] {
    edition
        .and_then(|code| {
            lexicon
                .editions
                .iter()
                .find(|e| e.countries.iter().any(|c| c == code))
        })
        .map_or(&[], |e| e.dropped_asks.as_slice())
}

/// Elections newest first (`1974-10` before `1974-02`), unknown last.
fn newest_first(a: &Option<String>, b: &Option<String>) -> std::cmp::Ordering {
    match (a, b) {
        (Some(a), Some(b)) => b.cmp(a),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    }
}

/// Pages listed by name in a document's warning; the rest are counted (all of
/// them are in the document's `warnings` in the JSON).
const PAGES_NAMED_PER_WARNING: usize = 3;

/// The report's warning for a document whose pages were read with problems.
fn page_warning(doc: &DocResult) -> Option<Warning> {
    if doc.warnings.is_empty() {
        return None;
    }
    let mut message: Vec<String> = doc
        .warnings
        .iter()
        .take(PAGES_NAMED_PER_WARNING)
        .map(|w| format!("page {}: {}", w.page, w.message))
        .collect();
    if doc.warnings.len() > PAGES_NAMED_PER_WARNING {
        message.push(format!(
            "and {} more",
            doc.warnings.len() - PAGES_NAMED_PER_WARNING
        ));
    }
    Some(Warning {
        path: doc.path.clone(),
        message: message.join("; "),
    })
}
