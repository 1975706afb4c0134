//! What a scan finds in one document: its [`DocResult`], with [`Counts`]
//! that add up across pages, documents, parties and shards, and the quotes
//! behind them.
//!
//! These are the types every later stage reads (reports, the cache, scan
//! parts and their merge), kept apart from the engine that makes them
//! ([`crate::pipeline`]) so that a stage that only renders or merges results
//! depends on nothing that reads or matches.

use crate::language::{DocumentLanguage, LanguageSource};
use crate::pledge::Stance;
use crate::text::{Confidence, RecoveredChars};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::ops::AddAssign;
use std::path::Path;

/// How a document came out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Read and matched.
    Ok,
    /// Pages but no text on any of them: a scan that needs OCR. Its zero
    /// mentions are not a finding.
    NoTextLayer,
    /// Could not be read; `error` says why.
    Error,
    /// Read, but in a language the lexicon does not cover (`language` says
    /// which), so not matched: its zero mentions are not a finding.
    NotMatched,
}

impl Status {
    /// The name used in JSON and CSV.
    pub fn name(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::NoTextLayer => "no_text_layer",
            Status::Error => "error",
            Status::NotMatched => "not_matched",
        }
    }
}

/// Counts that add up across pages, documents, parties and shards.
///
/// Two units are counted. A *mention* is one lexicon match: a sentence
/// naming co-operatives, mutuals and employee ownership holds three. A
/// *policy* is a distinct sentence with at least one mention, the unit a
/// reader counts ("95 mentions of social economy friendly policy
/// suggestions"), and a *pledged policy* one whose sentence is a pledge.
/// Policies add up across documents because no sentence is in two.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    /// Words of body text.
    pub words: u64,
    /// Lexicon mentions (category terms).
    pub mentions: u64,
    /// Mentions whose sentence is a pledge (see [`crate::pledge`]).
    pub pledges: u64,
    /// Sentences with at least one mention.
    pub policies: u64,
    /// Of those, the sentences that are pledges.
    pub pledged_policies: u64,
    /// Mentions whose sentence is a proposal: it demands action of others
    /// without committing the party (see [`crate::pledge::proposes`]).
    pub proposals: u64,
    /// Of the policies, the sentences that are proposals.
    pub proposed_policies: u64,
    /// Mentions per category id. A term in several categories counts in
    /// each, so these may add up to more than `mentions`.
    pub by_category: BTreeMap<String, u64>,
    /// Mentions per term, as written in the lexicon.
    pub by_term: BTreeMap<String, u64>,
    /// Pledges (mentions in pledge sentences) per category id.
    pub pledges_by_category: BTreeMap<String, u64>,
    /// Sentences with at least one mention of the category, by category id.
    pub policies_by_category: BTreeMap<String, u64>,
    /// Of those, the sentences that are pledges, by category id.
    pub pledged_policies_by_category: BTreeMap<String, u64>,
    /// Of those, the sentences that are proposals, by category id.
    pub proposed_policies_by_category: BTreeMap<String, u64>,
    /// Sentences satisfying each ask, by ask id (an ask is judged per
    /// sentence, so these are its policies).
    pub asks: BTreeMap<String, u64>,
    /// Of those, the sentences that are pledges, by ask id.
    pub ask_pledges: BTreeMap<String, u64>,
}

impl AddAssign<&Counts> for Counts {
    fn add_assign(&mut self, other: &Counts) {
        self.words += other.words;
        self.mentions += other.mentions;
        self.pledges += other.pledges;
        self.policies += other.policies;
        self.pledged_policies += other.pledged_policies;
        self.proposals += other.proposals;
        self.proposed_policies += other.proposed_policies;
        for (mine, theirs) in [
            (&mut self.by_category, &other.by_category),
            (&mut self.by_term, &other.by_term),
            (&mut self.pledges_by_category, &other.pledges_by_category),
            (&mut self.policies_by_category, &other.policies_by_category),
            (
                &mut self.pledged_policies_by_category,
                &other.pledged_policies_by_category,
            ),
            (
                &mut self.proposed_policies_by_category,
                &other.proposed_policies_by_category,
            ),
            (&mut self.asks, &other.asks),
            (&mut self.ask_pledges, &other.ask_pledges),
        ] {
            for (key, n) in theirs {
                *mine.entry(key.clone()).or_default() += n;
            }
        }
    }
}

/// A quoted mention.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Excerpt {
    /// 1-based page number.
    pub page: u32,
    /// 0-based index of the sentence on its page: excerpts with the same
    /// page and sentence quote the same sentence.
    pub sentence: u32,
    /// Category ids the mention counts for: one, or several when its term
    /// is in several categories (in lexicon order).
    pub categories: Vec<String>,
    /// The term as written in the lexicon.
    pub term: String,
    /// The text that matched, as it appears in the document.
    pub matched: String,
    /// The sentence around the match (see [`crate::text::excerpt`]).
    pub text: String,
    /// Whether the sentence commits the party to act.
    pub pledge: bool,
    /// The pledge's stance; `None` when not a pledge or when unknown.
    pub stance: Option<Stance>,
    /// Whether the sentence, not a pledge, demands action of others.
    pub proposal: bool,
}

/// A quoted sentence that satisfies an ask.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AskExcerpt {
    /// 1-based page number.
    pub page: u32,
    /// 0-based index of the sentence on its page.
    pub sentence: u32,
    /// The ask's id.
    pub ask: String,
    /// The sentence.
    pub text: String,
    /// Whether the sentence commits the party to act.
    pub pledge: bool,
    /// The pledge's stance; `None` when not a pledge or when unknown.
    pub stance: Option<Stance>,
    /// Whether the sentence, not a pledge, demands action of others.
    pub proposal: bool,
}

/// A problem on one page of a document that was read anyway.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageWarning {
    /// 1-based page number.
    pub page: u32,
    /// What went wrong, in words for the user.
    pub message: String,
}

/// Where a document's text came from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TextOrigin {
    /// Its text layer (or, for a text file, the file).
    #[default]
    Layer,
    /// OCR, on every page that has text.
    Ocr,
    /// Some pages from the text layer, others from OCR.
    Mixed,
}

impl DocumentOcr {
    /// The pages on which OCR found words: the ones its counts come from.
    pub fn pages_with_words(&self) -> u32 {
        self.pages.iter().filter(|p| p.words > 0).count() as u32
    }
}

impl TextOrigin {
    /// The name used in JSON and CSV.
    pub fn name(self) -> &'static str {
        match self {
            TextOrigin::Layer => "layer",
            TextOrigin::Ocr => "ocr",
            TextOrigin::Mixed => "mixed",
        }
    }
}

/// What OCR read of a document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentOcr {
    /// The engine, language and resolution (`Tesseract 5.3.0, eng, 300 dpi`).
    pub engine: String,
    /// The mean confidence of every word recognised (0 to 100).
    pub confidence: Option<Confidence>,
    /// Words recognised.
    pub words: u64,
    /// Each page read by OCR.
    pub pages: Vec<OcrPage>,
}

/// One page read by OCR.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OcrPage {
    /// 1-based page number.
    pub page: u32,
    /// Words recognised.
    pub words: u32,
    /// Their mean confidence (0 to 100); `None` when there were none.
    pub confidence: Option<Confidence>,
}

/// Everything found in one document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocResult {
    /// The document's path as given or found.
    pub path: String,
    /// The file's content hash (`blake3:` and 64 hex digits; see
    /// [`crate::fingerprint`]), `None` when it could not be read from disk.
    pub content_hash: Option<String>,
    /// The party.
    pub party: String,
    /// Election year, when known.
    pub year: Option<u16>,
    /// The election (`2017`, `1974-10`), when known.
    pub election: Option<String>,
    /// The party family the index gives, when it gives one.
    pub family: Option<String>,
    /// Country, when known.
    pub country: Option<String>,
    /// The ISO 3166 code of the lexicon edition it was matched with (see
    /// [`crate::lexicon::Edition`]); `None` when the common terms alone
    /// applied.
    #[serde(default)]
    pub edition: Option<String>,
    /// The language of its text, as the index gives it or as detected;
    /// `None` when neither says (too little text to tell).
    pub language: Option<DocumentLanguage>,
    /// How reading went.
    pub status: Status,
    /// The reason, when `status` is `error`.
    pub error: Option<String>,
    /// Number of pages.
    pub pages: u32,
    /// Pages with no text (all of them when `status` is `no_text_layer`).
    pub pages_without_text: Vec<u32>,
    /// Character codes whose text could not be recovered.
    pub unmapped_chars: u64,
    /// Character codes with no Unicode text whose text was recovered by
    /// looking at their glyphs, and how (see [`RecoveredChars`]).
    #[serde(default)]
    pub recovered_chars: RecoveredChars,
    /// What went wrong on pages that were read anyway, where text may be
    /// missing (a damaged or undecodable content stream, the work limit).
    pub warnings: Vec<PageWarning>,
    /// Where its text came from.
    pub text_source: TextOrigin,
    /// What OCR read, when it read any page (even one it found no words on).
    pub ocr: Option<DocumentOcr>,
    /// Word, mention and ask counts.
    #[serde(flatten)]
    pub counts: Counts,
    /// Every mention, quoted.
    pub excerpts: Vec<Excerpt>,
    /// Every sentence that satisfies an ask, quoted.
    pub ask_excerpts: Vec<AskExcerpt>,
}

impl DocResult {
    /// Why the document's mentions are not counted, in words for a report
    /// (`None` when it was read).
    pub fn unread_reason(&self) -> Option<String> {
        match self.status {
            Status::Ok => None,
            Status::NoTextLayer => Some(format!(
                "no text layer on any of its {} pages (a scan: it needs OCR)",
                self.pages
            )),
            Status::Error => Some(self.error.clone().unwrap_or_else(|| "failed".into())),
            Status::NotMatched => Some(match self.language {
                Some(language) => format!(
                    "written in {} ({}, {}), a language the lexicon does not cover: not matched",
                    language.code.name(),
                    language.code.code(),
                    match language.source {
                        LanguageSource::Index => "as the index says",
                        LanguageSource::Detected => "detected",
                    }
                ),
                None => "in a language the lexicon does not cover: not matched".into(),
            }),
        }
    }

    /// How much of it OCR read, in words for a report (`None` when OCR read
    /// none of it): "30 of 30 pages read by OCR (Tesseract 5.3.0, eng, 300
    /// dpi), mean confidence 88%".
    pub fn ocr_description(&self) -> Option<String> {
        let ocr = self.ocr.as_ref()?;
        Some(format!(
            "{} of {} pages read by OCR ({}){}",
            ocr.pages_with_words(),
            self.pages,
            ocr.engine,
            ocr.confidence
                .map(|c| format!(", mean confidence {c}"))
                .unwrap_or_default()
        ))
    }

    /// A result for a document that could not be read (or a path that could
    /// not be used).
    pub fn failed(path: &Path, party: &str, message: String) -> DocResult {
        DocResult {
            path: path.display().to_string(),
            content_hash: None,
            party: party.to_string(),
            year: None,
            election: None,
            family: None,
            country: None,
            edition: None,
            language: None,
            status: Status::Error,
            error: Some(message),
            pages: 0,
            pages_without_text: Vec::new(),
            unmapped_chars: 0,
            recovered_chars: RecoveredChars::default(),
            warnings: Vec::new(),
            text_source: TextOrigin::Layer,
            ocr: None,
            counts: Counts::default(),
            excerpts: Vec::new(),
            ask_excerpts: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_add_up() {
        let a = Counts {
            words: 10,
            mentions: 2,
            by_category: [("x".to_string(), 2)].into(),
            ..Counts::default()
        };
        let b = Counts {
            words: 5,
            mentions: 1,
            by_category: [("x".to_string(), 1), ("y".to_string(), 4)].into(),
            ..Counts::default()
        };
        let mut a = Counts {
            policies: 2,
            policies_by_category: [("x".to_string(), 2)].into(),
            ..a
        };
        let b = Counts {
            policies: 3,
            pledged_policies: 1,
            ..b
        };
        a += &b;
        assert_eq!((a.policies, a.pledged_policies), (5, 1));
        assert_eq!(a.words, 15);
        assert_eq!(a.mentions, 3);
        assert_eq!(
            a.by_category,
            [("x".to_string(), 3), ("y".to_string(), 4)].into()
        );
    }
}
