//! Report: the one model every output format renders, built once from the
//! per-document results. Renderers take `&Report` and a writer; they count
//! nothing and open no files.
//!
//! # The JSON format (`--format json`), schema version 1
//!
//! ```text
//! {
//!   "schema_version": 1,
//!   "generator": {"name": "mashup", "version": "0.1.0"},
//!   "lexicon": {"name", "version", "categories": [{"id", "label"}], "asks": [{"id", "label"}]},
//!   "documents": [{
//!     "path", "party", "year" (number|null), "country" (string|null),
//!     "status": "ok" | "no_text_layer" | "error", "error": null | message,
//!     "pages", "pages_without_text": [page numbers], "unmapped_chars",
//!     "words", "mentions", "by_category": {id: n}, "by_term": {term: n}, "asks": {id: n},
//!     "excerpts": [{"page", "category", "term", "matched", "text"}],
//!     "ask_excerpts": [{"page", "ask", "text"}]
//!   }],
//!   "parties": [{"party", "documents", "unread", "words", "mentions", "per_10k_words",
//!                "by_category", "by_term", "asks"}],
//!   "totals": {"documents", "ok", "no_text_layer", "failed", "words", "mentions"}
//! }
//! ```
//!
//! Documents are sorted by path; parties by mentions, then name. Counts in
//! `parties` and `totals` cover documents with status `ok` only. Adding a
//! field bumps `schema_version`.

mod json;
mod table;

pub use json::write_json;
pub use table::write_table;

use crate::lexicon::Lexicon;
use crate::pipeline::{Counts, DocResult, Status};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The version of the JSON layout described in this module's docs.
pub const SCHEMA_VERSION: u32 = 1;

/// The whole result of a scan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// See [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The program that wrote it.
    pub generator: Generator,
    /// The lexicon used.
    pub lexicon: LexiconInfo,
    /// One entry per document (and per unusable path), sorted by path.
    pub documents: Vec<DocResult>,
    /// Totals per party.
    pub parties: Vec<PartyTotals>,
    /// Totals over everything.
    pub totals: Totals,
}

/// Name and version of the program.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Generator {
    /// Always "mashup".
    pub name: String,
    /// The crate version.
    pub version: String,
}

/// The lexicon's identity and its categories and asks.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LexiconInfo {
    /// Lexicon name.
    pub name: String,
    /// Lexicon version.
    pub version: String,
    /// Categories in lexicon order.
    pub categories: Vec<Labelled>,
    /// Asks in lexicon order.
    pub asks: Vec<Labelled>,
}

/// An id with its human label.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Labelled {
    /// Stable id.
    pub id: String,
    /// Label for people.
    pub label: String,
}

/// One party's totals.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PartyTotals {
    /// The party.
    pub party: String,
    /// Documents read (status `ok`).
    pub documents: u32,
    /// Documents of this party that could not be counted (errors, scans).
    pub unread: u32,
    /// Counts over its `ok` documents.
    #[serde(flatten)]
    pub counts: Counts,
    /// Mentions per 10,000 words (0 when there are no words).
    pub per_10k_words: f64,
}

/// Totals over the whole scan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Totals {
    /// Entries in `documents`.
    pub documents: u32,
    /// Documents read.
    pub ok: u32,
    /// Documents with no text layer.
    pub no_text_layer: u32,
    /// Documents (or paths) that failed.
    pub failed: u32,
    /// Words in documents read.
    pub words: u64,
    /// Mentions in documents read.
    pub mentions: u64,
}

impl Report {
    /// Builds the report from per-document results.
    pub fn build(lexicon: &Lexicon, documents: Vec<DocResult>) -> Report {
        let mut parties: BTreeMap<String, PartyTotals> = BTreeMap::new();
        let mut totals = Totals {
            documents: documents.len() as u32,
            ok: 0,
            no_text_layer: 0,
            failed: 0,
            words: 0,
            mentions: 0,
        };
        for doc in &documents {
            match doc.status {
                Status::Ok => totals.ok += 1,
                Status::NoTextLayer => totals.no_text_layer += 1,
                Status::Error => totals.failed += 1,
            }
            if doc.party.is_empty() {
                continue;
            }
            let party = parties
                .entry(doc.party.clone())
                .or_insert_with(|| PartyTotals {
                    party: doc.party.clone(),
                    documents: 0,
                    unread: 0,
                    counts: Counts::default(),
                    per_10k_words: 0.0,
                });
            if doc.status == Status::Ok {
                party.documents += 1;
                party.counts += &doc.counts;
                totals.words += doc.counts.words;
                totals.mentions += doc.counts.mentions;
            } else {
                party.unread += 1;
            }
        }
        let mut parties: Vec<PartyTotals> = parties.into_values().collect();
        for p in &mut parties {
            p.per_10k_words = per_10k(p.counts.mentions, p.counts.words);
        }
        parties.sort_by(|a, b| {
            b.counts
                .mentions
                .cmp(&a.counts.mentions)
                .then(a.party.cmp(&b.party))
        });
        Report {
            schema_version: SCHEMA_VERSION,
            generator: Generator {
                name: "mashup".into(),
                version: env!("CARGO_PKG_VERSION").into(),
            },
            lexicon: LexiconInfo {
                name: lexicon.name().to_string(),
                version: lexicon.version().to_string(),
                categories: lexicon
                    .categories()
                    .iter()
                    .map(|c| Labelled {
                        id: c.id.clone(),
                        label: c.label.clone(),
                    })
                    .collect(),
                asks: lexicon
                    .asks()
                    .iter()
                    .map(|a| Labelled {
                        id: a.id.clone(),
                        label: a.label.clone(),
                    })
                    .collect(),
            },
            documents,
            parties,
            totals,
        }
    }

    /// True when some document failed (the exit status is then 1).
    pub fn has_failures(&self) -> bool {
        self.totals.failed > 0
    }
}

/// Mentions per 10,000 words, rounded to one decimal.
fn per_10k(mentions: u64, words: u64) -> f64 {
    if words == 0 {
        return 0.0;
    }
    (mentions as f64 * 10_000.0 / words as f64 * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rate_is_per_ten_thousand_words() {
        assert_eq!(per_10k(3, 20_000), 1.5);
        assert_eq!(per_10k(5, 0), 0.0);
    }
}
