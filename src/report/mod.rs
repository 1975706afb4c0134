//! Report: the one model every output format renders, built once from the
//! per-document results. Renderers take `&Report` and a writer; they count
//! nothing and open no files. The JSON form is the source of truth: `mashup
//! report` reads it back and renders any other format from it.
//!
//! # The JSON format (`--format json`), schema version 10
//!
//! A machine-checkable description is in `docs/report.schema.json` (JSON
//! Schema, draft 2020-12); the tests validate every report they produce
//! against it. Field by field:
//!
//! - `schema_version` (number): 10. Adding, removing or changing a field bumps
//!   it; `mashup report` reads only its own version.
//! - `generator`: `{"name": "mashup", "version"}`, the program that wrote it.
//! - `lexicon`: `{"name", "version", "language", "hash", "categories": [{"id", "label"}],
//!   "asks": [{"id", "label"}], "rules": [{"id", "label", "category"}], "edition",
//!   "editions": [{"countries", "name", "terms", "dropped", "dropped_asks"}]}`, the
//!   lexicon used (`hash`: `blake3:` and 64 hex digits of its source text, and
//!   of the country with `scan --country`, so an edited lexicon, or another
//!   edition, differs even under the same version); categories, asks, rules
//!   and country editions in file order; `edition`: the country whose edition
//!   applies to documents of no known country (every document's, with
//!   `--country`), null for the common terms alone.
//! - `documents`: one entry per document, and per path that could not be
//!   used, sorted by path:
//!   - `path`: as given or found; `content_hash`: the file's (`blake3:` and
//!     64 hex digits; null when it could not be read from disk); `party`: from the index (the file name when
//!     there is none; empty for a path that is not a document);
//!     `year` (number or null), `election` (`"2017"`, `"1974-10"`, or null),
//!     `family` (the index's party family, or null), `country` (string or
//!     null); `edition` (the ISO 3166 code of the lexicon edition it was
//!     matched with, chosen by its country or `scan --country`; null when
//!     the common terms alone applied); `language` (`{"code", "source"}`: the ISO 639 code, as the
//!     index gives it (`"index"`) or as detected from the text
//!     (`"detected"`); null when neither tells);
//!   - `status`: `"ok"`; `"no_text_layer"` (a scan OCR did not read: no
//!     page has text, so its zero mentions are not a finding); `"not_matched"` (its language is not
//!     the lexicon's, so it was not matched: its zero is not a finding
//!     either); `"error"` (could not be read, reason in `error`, otherwise
//!     null);
//!   - `pages`; `pages_without_text` (1-based page numbers);
//!     `unmapped_chars` (character codes whose text could not be recovered,
//!     left as U+FFFD); `recovered_chars` (`{"by_glyph", "by_line",
//!     "by_page"}`: character codes with no Unicode text whose text was
//!     recovered by recognising their glyphs, learned once per font and code
//!     and used throughout the document, or read on their own line, or by
//!     OCR of a page whose text layer was mostly such codes; see
//!     `crate::ocr`);
//!     `warnings` (`[{"page", "message"}]`: problems on pages read anyway
//!     where text may be missing: a content stream that could not be read or
//!     is damaged, a page cut at the work limit; a document none of whose
//!     pages could be read is an `error` instead; a page OCR could not
//!     render or recognise is one too, `"OCR failed: ..."`);
//!   - `text_source`: `"layer"` (the text layer, or the text file), `"ocr"`
//!     (every page with text was read by OCR) or `"mixed"`; `ocr`: null, or
//!     when OCR read any page `{"engine" ("Tesseract 5.3.0, eng, 300 dpi"),
//!     "confidence" (mean word confidence, 0 to 100, or null), "words",
//!     "pages": [{"page", "words", "confidence"}]}` (a page OCR found no
//!     words on is listed with 0 words: it adds nothing);
//!   - `words` (words of body text), `mentions` (lexicon matches), `pledges`
//!     (mentions whose sentence is a pledge, see [`crate::pledge`]),
//!     `policies` (distinct sentences with at least one mention: one sentence
//!     naming co-operatives, mutuals and employee ownership is three mentions
//!     and one policy), `pledged_policies` (those sentences that are pledges),
//!     `proposals` and `proposed_policies` (mentions in, and sentences that
//!     are, proposals: demands on others that do not commit the party);
//!   - `by_category` and `pledges_by_category` (`{category id: n}`, mentions;
//!     a mention counts in each of its categories, so these can add up to
//!     more than `mentions`),
//!     `policies_by_category`, `pledged_policies_by_category` and
//!     `proposed_policies_by_category` (`{category id: n}`, sentences with a
//!     mention of the category),
//!     `by_term` (`{term as written in the lexicon, or rule:ID for the
//!     mentions of a rule: n}`), `asks` (`{ask id:
//!     sentences satisfying it}`, so an ask's policies), `ask_pledges` (`{ask
//!     id: those sentences that are pledges}`); ids with zero counts are left
//!     out;
//!   - `excerpts`: every mention, in text order: `{"page" (1-based),
//!     "sentence" (0-based index on the page; same page and sentence = same
//!     sentence), "categories" (the category ids the mention counts for: one,
//!     or several when its term is listed in several categories), "term" (as
//!     in `by_term`),
//!     "matched" (the text as printed),
//!     "text" (the sentence, cut around the match beyond 400 characters),
//!     "pledge" (bool), "stance" ("for", "against", or null when not a pledge
//!     or unknown), "proposal" (bool: not a pledge, and a demand on others)}`;
//!   - `ask_excerpts`: every sentence satisfying an ask: `{"page",
//!     "sentence", "ask", "text", "pledge", "stance", "proposal"}`.
//! - `parties`: one entry per party and election, newest election first
//!   (null last), then by policies (most first), then mentions, then name:
//!   `party`, `election`, `family` (the index's, else the party), `country`
//!   (the index's, or null; parties are ranked against those of their own
//!   election and country, and sorted by country within an election),
//!   `asks_not_applicable` (ids of the asks that were not looked for in any
//!   of its documents read, because the edition each was matched with drops
//!   them, `dropped_asks`: reports show "n/a", not a zero), `documents` (read), `unread` (errors, scans and documents not matched:
//!   their silence is not a finding), `ocr_pages` (pages of its documents on
//!   which OCR found words: when not 0, some counts come from recognised
//!   text, and reports mark the party with [`OCR_MARK`]), the same counts as a document
//!   (`words`, `mentions`, `pledges`, `policies`, `pledged_policies`,
//!   `proposals`, `proposed_policies`, and the
//!   maps by category, term and ask) summed over its `ok` documents,
//!   `per_10k_words` (mentions per 10,000 words, one decimal; 0 with no
//!   words) and `policies_per_10k_words` (policies, likewise).
//! - `elections`: one entry per election, newest first (null last):
//!   `election`, `parties` (entries in `parties` for it), `documents`,
//!   `unread`, `ocr_pages`, and the same counts and rates as a party, over every party.
//! - `totals`: `documents` (entries in `documents`), `ok`, `no_text_layer`,
//!   `failed`, `not_matched`, `ocr_documents` and `ocr_pages` (documents read
//!   with, and pages of, text from OCR), and `words`, `mentions`, `pledges`, `policies`,
//!   `pledged_policies`, `proposals`, `proposed_policies` over `ok` documents.
//! - `mashup`: the best quote per theme and party. `categories` (lexicon
//!   order) and `asks` (lexicon order) are lists of `{"id", "parties":
//!   [{"party", "election", "quote"}]}`, with one entry per entry of `parties`, in its order;
//!   `quote` is null when the party has nothing for it, otherwise
//!   `{"document" (path), "page", "sentence", "text", "pledge", "stance",
//!   "proposal", "distinct_terms", "whole", "meets_ask"}`. The best quote is
//!   chosen by a score, each step breaking the previous one's ties: a whole
//!   sentence (`whole`: no unreadable character, not a heading in capitals
//!   or glued to one, starting and ending as a sentence or list item does:
//!   not a fragment cut at a column or page break); then a pledge, then a
//!   proposal, then a mere mention; then a sentence that also meets one of
//!   the coalition's asks (`meets_ask`); then one of readable length (6 to
//!   60 words); then the one with the most distinct lexicon terms
//!   (`distinct_terms`, counted over all categories: the theme is its
//!   subject, not a word in passing); then the earliest page, the first
//!   document by path, the first sentence on the page.
//!
//! - `warnings`: `[{"path", "message"}]`, what the reader should know
//!   though no document was lost: an index that names none of the scanned
//!   files, or scanned files it has no row for (their party is the file
//!   name), printed on stderr too; and one per document whose pages were
//!   read with problems (its first pages' `warnings`), shown under the table.
//!
//! Counts in `parties` and `totals` cover documents with status `ok` only.
//!
//! `scan --format jsonl` writes the same documents one per line as they
//! finish, between a header and a closing line ([`crate::parts`]); `mashup
//! report` and `mashup merge` build this report from such files, one
//! document at a time ([`Tally`], [`Documents`]).

mod compare;
pub(crate) mod csv;
mod documents;
mod html;
mod json;
mod markdown;
mod markup;
mod mashup;
mod render;
mod svg;
mod table;
mod tally;
mod trends;

pub use compare::{
    latest_changes, AskChange, CategoryChange, Comparison, FamilyChange, FamilyTotals, Side,
};
pub use csv::{CsvRenderer, CSV_FILES};
pub use documents::{Documents, Spool};
pub use html::{write_comparison_html, write_family_html, write_html};
pub use json::{write_comparison_json, write_json};
pub use markdown::{write_comparison_markdown, write_family_markdown, write_markdown};
/// The one escaping function of every HTML page (also `track --format html`).
pub(crate) use markup::esc;
pub use mashup::{Mashup, PartyQuote, Quote, Theme};
pub use render::{render, RenderError, Rendering};
pub use table::{write_comparison_table, write_table};
pub use tally::Tally;
pub use trends::{FamilyTrend, Trends};

use crate::lexicon::Lexicon;
use crate::results::{Counts, DocResult, Status};
use serde::{Deserialize, Serialize};

/// The version of the JSON layout described in this module's docs.
pub const SCHEMA_VERSION: u32 = 10;

/// What reports say of an ask marked "n/a" for a party (see
/// [`PartyTotals::asks_not_applicable`]).
pub const NOT_APPLICABLE: &str = "n/a: not looked for, because the words of the ask mean something else in the party's country (its lexicon edition drops the ask).";

/// How reports mark a party whose counts include text read by OCR.
pub const OCR_MARK: &str = "\u{2020}";

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
    pub documents: Documents,
    /// Totals per party and election.
    pub parties: Vec<PartyTotals>,
    /// Totals per election, newest first.
    pub elections: Vec<ElectionTotals>,
    /// Totals over everything.
    pub totals: Totals,
    /// The best quote per category, ask and party.
    pub mashup: Mashup,
    /// What the reader should know though no document was lost (an index
    /// that names none of the scanned files, files it has no row for, and one
    /// entry per document whose pages were read with problems).
    pub warnings: Vec<Warning>,
}

/// A warning about the inputs, naming the file it is about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    /// The file concerned (an index, usually).
    pub path: String,
    /// What is wrong, in words for the user.
    pub message: String,
}

impl From<&crate::corpus::Problem> for Warning {
    /// A corpus warning (see [`crate::corpus::Corpus::warnings`]) as the
    /// report lists it.
    fn from(problem: &crate::corpus::Problem) -> Warning {
        Warning {
            path: problem.path.display().to_string(),
            message: problem.message.clone(),
        }
    }
}

/// Name and version of the program.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Generator {
    /// Always "mashup".
    pub name: String,
    /// The crate version.
    pub version: String,
}

impl Generator {
    /// This program.
    pub fn this_program() -> Generator {
        Generator {
            name: "mashup".into(),
            version: env!("CARGO_PKG_VERSION").into(),
        }
    }
}

/// The lexicon's identity and its categories and asks.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LexiconInfo {
    /// Lexicon name.
    pub name: String,
    /// Lexicon version.
    pub version: String,
    /// The language of its terms, when it declares one.
    pub language: Option<crate::language::Language>,
    /// The content hash of its source (`blake3:` and 64 hex digits): an
    /// edited lexicon differs even when its name and version do not.
    pub hash: String,
    /// Categories in lexicon order.
    pub categories: Vec<Labelled>,
    /// Asks in lexicon order.
    pub asks: Vec<Labelled>,
    /// Sentence rules in lexicon order.
    pub rules: Vec<RuleInfo>,
    /// The country whose edition applies to documents of no known country
    /// (with `scan --country`, to every document; each document names its
    /// own as `edition`); `None` when that is the common terms alone.
    pub edition: Option<String>,
    /// The country editions the lexicon file holds.
    pub editions: Vec<EditionInfo>,
}

/// A country edition of the lexicon, as a report lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditionInfo {
    /// ISO 3166 codes it applies to.
    pub countries: Vec<String>,
    /// Its name.
    pub name: String,
    /// Terms it adds.
    pub terms: usize,
    /// Common terms it drops.
    pub dropped: usize,
    /// Asks it drops, by id: their words mean something else in its
    /// countries, so they are not looked for there.
    pub dropped_asks: Vec<String>,
}

impl LexiconInfo {
    /// What a report records of `lexicon`.
    pub fn of(lexicon: &Lexicon) -> LexiconInfo {
        let labelled = |id: &str, label: &str| Labelled {
            id: id.to_string(),
            label: label.to_string(),
        };
        LexiconInfo {
            name: lexicon.name().to_string(),
            version: lexicon.version().to_string(),
            language: lexicon.language(),
            hash: lexicon.hash().to_string(),
            categories: lexicon
                .categories()
                .iter()
                .map(|c| labelled(&c.id, &c.label))
                .collect(),
            asks: lexicon
                .asks()
                .iter()
                .map(|a| labelled(&a.id, &a.label))
                .collect(),
            rules: lexicon
                .rules()
                .iter()
                .map(|r| RuleInfo {
                    id: r.id.clone(),
                    label: r.label.clone(),
                    category: r.category.clone(),
                })
                .collect(),
            edition: lexicon.edition().map(str::to_string),
            editions: lexicon
                .editions()
                .iter()
                .map(|e| EditionInfo {
                    countries: e.countries.clone(),
                    name: e.name.clone(),
                    terms: e.term_count(),
                    dropped: e.drop.len(),
                    dropped_asks: e.drop_asks.clone(),
                })
                .collect(),
        }
    }
}

/// A sentence rule of the lexicon, named `rule:ID` where its mentions are counted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleInfo {
    /// Stable id.
    pub id: String,
    /// What it finds, for people.
    pub label: String,
    /// The category its mentions count for.
    pub category: String,
}

/// An id with its human label.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Labelled {
    /// Stable id.
    pub id: String,
    /// Label for people.
    pub label: String,
}

/// Parties ranked against each other (see [`Report::ranking_groups`]).
pub struct RankingGroup<'a> {
    key: (Option<&'a str>, Option<&'a str>),
    /// "Election 2017", "Election 2024, South Africa"; `None` when the scan
    /// holds one group only.
    pub title: Option<String>,
    /// Its parties, most policies first.
    pub parties: Vec<&'a PartyTotals>,
}

/// What a group of documents adds up to: a party's at one election
/// ([`PartyTotals`]) or an election's ([`ElectionTotals`]).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Rates {
    /// Documents read (status `ok`).
    pub documents: u32,
    /// Documents that could not be counted (errors, scans, other languages).
    pub unread: u32,
    /// Pages of its `ok` documents whose text was read by OCR (pages where
    /// it found words): when not 0, some of its counts come from recognised
    /// text.
    pub ocr_pages: u32,
    /// Counts over its `ok` documents.
    #[serde(flatten)]
    pub counts: Counts,
    /// Mentions per 10,000 words (0 when there are no words).
    pub per_10k_words: f64,
    /// Policies (sentences with a mention) per 10,000 words.
    pub policies_per_10k_words: f64,
}

impl Rates {
    /// Counts `doc` in (read or not).
    fn add(&mut self, doc: &DocResult) {
        if doc.status == Status::Ok {
            self.ocr_pages += doc.ocr.as_ref().map_or(0, |o| o.pages_with_words());
            self.documents += 1;
            self.counts += &doc.counts;
        } else {
            self.unread += 1;
        }
    }

    /// Works out the rates from the counts, once every document is in.
    fn finish(&mut self) {
        self.per_10k_words = per_10k(self.counts.mentions, self.counts.words);
        self.policies_per_10k_words = per_10k(self.counts.policies, self.counts.words);
    }
}

/// One party's totals at one election.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PartyTotals {
    /// The party.
    pub party: String,
    /// The election, when the index gives it.
    pub election: Option<String>,
    /// The party family it is compared in (the party itself when the index
    /// gives none).
    pub family: String,
    /// Its country as the index gives it, when it does: parties are ranked
    /// against those of their own country and election.
    pub country: Option<String>,
    /// Asks, by id, that were not looked for in any of its documents read:
    /// the edition each was matched with drops them (their words mean
    /// something else there). Its zero for them is not a finding.
    pub asks_not_applicable: Vec<String>,
    /// What its documents add up to.
    #[serde(flatten)]
    pub rates: Rates,
}

impl PartyTotals {
    /// What the asks tracker shows for ask `id`: not looked for (see
    /// [`PartyTotals::asks_not_applicable`]), or the sentences meeting it
    /// and how many of them are pledges.
    pub fn ask(&self, id: &str) -> AskCell {
        if self.asks_not_applicable.iter().any(|a| a == id) {
            return AskCell::NotApplicable;
        }
        let count =
            |map: &std::collections::BTreeMap<String, u64>| map.get(id).copied().unwrap_or(0);
        AskCell::Met {
            sentences: count(&self.rates.counts.asks),
            pledges: count(&self.rates.counts.ask_pledges),
        }
    }
}

/// A party's cell of the asks tracker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AskCell {
    /// The edition its documents were matched with drops the ask.
    NotApplicable,
    /// The ask was looked for.
    Met {
        /// Sentences meeting it (perhaps none).
        sentences: u64,
        /// The pledges among them.
        pledges: u64,
    },
}

/// One election's totals, over every party.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ElectionTotals {
    /// The election; `None` for documents the index gives no election for.
    pub election: Option<String>,
    /// Parties with documents at this election.
    pub parties: u32,
    /// What its documents add up to.
    #[serde(flatten)]
    pub rates: Rates,
}

/// Totals over the whole scan.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Totals {
    /// Entries in `documents`.
    pub documents: u32,
    /// Documents read.
    pub ok: u32,
    /// Documents with no text layer.
    pub no_text_layer: u32,
    /// Documents (or paths) that failed.
    pub failed: u32,
    /// Documents in a language the lexicon does not cover.
    pub not_matched: u32,
    /// Documents read with some page's text from OCR.
    pub ocr_documents: u32,
    /// Pages of documents read on which OCR found words.
    pub ocr_pages: u32,
    /// Words in documents read.
    pub words: u64,
    /// Mentions in documents read.
    pub mentions: u64,
    /// Pledges (mentions in pledge sentences) in documents read.
    pub pledges: u64,
    /// Policies (sentences with a mention) in documents read.
    pub policies: u64,
    /// Of those, the sentences that are pledges.
    pub pledged_policies: u64,
    /// Mentions in proposal sentences in documents read.
    pub proposals: u64,
    /// Policies that are proposals in documents read.
    pub proposed_policies: u64,
}

impl Report {
    /// Builds the report from per-document results held in memory.
    pub fn build(lexicon: &Lexicon, documents: Vec<DocResult>) -> Report {
        let mut tally = Tally::new(LexiconInfo::of(lexicon));
        for doc in &documents {
            tally.add(doc);
        }
        tally.finish(Documents::from_vec(documents), Vec::new())
    }

    /// The label of a category id (the id itself when unknown).
    pub fn category_label<'a>(&'a self, id: &'a str) -> &'a str {
        label_of(&self.lexicon.categories, id)
    }

    /// The label of an ask id (the id itself when unknown).
    pub fn ask_label<'a>(&'a self, id: &'a str) -> &'a str {
        label_of(&self.lexicon.asks, id)
    }

    /// Documents that could not be counted (errors and scans), in path order.
    pub fn unread(&self) -> impl Iterator<Item = &DocResult> {
        self.documents.unread().iter()
    }

    /// The documents that could not be read (errors, scans OCR did not
    /// read), in path order: their silence is not a finding.
    pub fn unreadable(&self) -> impl Iterator<Item = &DocResult> {
        self.unread().filter(|d| d.status != Status::NotMatched)
    }

    /// The documents that were read but not matched, being in a language
    /// the lexicon does not cover, in path order.
    pub fn not_matched(&self) -> impl Iterator<Item = &DocResult> {
        self.unread().filter(|d| d.status == Status::NotMatched)
    }

    /// Documents read with some page's text from OCR, in path order, without
    /// their excerpts.
    pub fn ocr_read(&self) -> impl Iterator<Item = &DocResult> {
        self.documents.ocr_read().iter()
    }

    /// The note under a ranking whose parties carry [`OCR_MARK`], in words
    /// for a reader; `None` when no text came from OCR.
    pub fn ocr_footnote(&self) -> Option<String> {
        let t = &self.totals;
        (t.ocr_pages > 0).then(|| {
            format!(
                "{OCR_MARK} Counts include text read by OCR from scanned pages ({} page{} of {} document{}). Recognised text has misread words, so a scan's counts can fall short of what a reader would find.",
                t.ocr_pages,
                if t.ocr_pages == 1 { "" } else { "s" },
                t.ocr_documents,
                if t.ocr_documents == 1 { "" } else { "s" }
            )
        })
    }

    /// How a ranking names a party: its label, marked when some of its
    /// counts come from OCR.
    pub fn ranking_label(&self, party: &PartyTotals) -> String {
        let mut label = self.party_label(&party.party, party.election.as_deref());
        if party.rates.ocr_pages > 0 {
            label.push_str(OCR_MARK);
        }
        label
    }

    /// The parties ranked against each other: one group per election and,
    /// when the index gives countries, per country, in the order of
    /// `parties` (newest election first, then country, then most policies).
    /// A group's title names its election and country when the scan holds
    /// more than one group; `None` when it is the only one.
    pub fn ranking_groups(&self) -> Vec<RankingGroup<'_>> {
        let mut groups: Vec<RankingGroup<'_>> = Vec::new();
        for p in &self.parties {
            let key = (p.election.as_deref(), p.country.as_deref());
            match groups.last_mut() {
                Some(g) if g.key == key => g.parties.push(p),
                _ => groups.push(RankingGroup {
                    key,
                    title: None,
                    parties: vec![p],
                }),
            }
        }
        let countries: std::collections::BTreeSet<_> = groups.iter().map(|g| g.key.1).collect();
        if groups.len() > 1 {
            for g in &mut groups {
                let election = g.key.0.unwrap_or("unknown");
                g.title = Some(match g.key.1.filter(|_| countries.len() > 1) {
                    Some(country) => format!("Election {election}, {country}"),
                    None => format!("Election {election}"),
                });
            }
        }
        groups
    }

    /// Whether the scan holds documents of more than one election (reports
    /// then group and label parties by election).
    pub fn spans_elections(&self) -> bool {
        self.elections.len() > 1
    }

    /// How reports name a party's entry: the party, and in a scan of several
    /// elections its election too ("Labour 2017").
    pub fn party_label(&self, party: &str, election: Option<&str>) -> String {
        match election.filter(|_| self.spans_elections()) {
            Some(election) => format!("{party} {election}"),
            None => party.to_string(),
        }
    }

    /// The part of the report about one election: its parties, its entry of
    /// `elections` and its quotes (not its documents, which stay where they
    /// are kept).
    pub fn of_election(&self, election: &str) -> Report {
        let here = |e: &Option<String>| e.as_deref() == Some(election);
        let themes = |themes: &[Theme]| -> Vec<Theme> {
            themes
                .iter()
                .map(|t| Theme {
                    id: t.id.clone(),
                    parties: t
                        .parties
                        .iter()
                        .filter(|p| here(&p.election))
                        .cloned()
                        .collect(),
                })
                .collect()
        };
        Report {
            schema_version: self.schema_version,
            generator: self.generator.clone(),
            lexicon: self.lexicon.clone(),
            documents: Documents::from_vec(Vec::new()),
            parties: self
                .parties
                .iter()
                .filter(|p| here(&p.election))
                .cloned()
                .collect(),
            elections: self
                .elections
                .iter()
                .filter(|e| here(&e.election))
                .cloned()
                .collect(),
            totals: self.totals.clone(),
            mashup: Mashup {
                categories: themes(&self.mashup.categories),
                asks: themes(&self.mashup.asks),
            },
            warnings: Vec::new(),
        }
    }

    /// The entry of `parties` for `party` at `election`.
    pub fn party_totals(&self, party: &str, election: Option<&str>) -> Option<&PartyTotals> {
        self.parties
            .iter()
            .find(|p| p.party == party && p.election.as_deref() == election)
    }

    /// True when some document failed (the exit status is then 1).
    pub fn has_failures(&self) -> bool {
        self.totals.failed > 0
    }
}

fn label_of<'a>(list: &'a [Labelled], id: &'a str) -> &'a str {
    list.iter()
        .find(|l| l.id == id)
        .map_or(id, |l| l.label.as_str())
}

/// Occurrences per 10,000 words, rounded to one decimal.
fn per_10k(count: u64, words: u64) -> f64 {
    if words == 0 {
        return 0.0;
    }
    (count as f64 * 10_000.0 / words as f64 * 10.0).round() / 10.0
}

#[cfg(test)]
pub(crate) mod tests;
