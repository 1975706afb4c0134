//! Documents that are not PDFs: what governments and parties publish as XML,
//! JSON, HTML and word-processor files, read into sections of paragraphs with
//! the metadata each format states about itself.
//!
//! Each reader takes the file's bytes and returns a [`Structured`] document or a
//! [`FormatError`] naming what is wrong. Readers never panic on any input.

pub mod akn;
mod charset;
pub mod clml;
mod clml_meta;
mod clml_text;
mod container;
pub mod docx;
pub mod govuk;
mod govuk_kind;
pub mod hansard;
pub mod html;
pub mod odt;
#[cfg(test)]
pub(crate) mod tests;
pub mod xml;
mod xml_entities;
#[cfg(test)]
mod xml_tests;

use serde::{Deserialize, Serialize};
use std::fmt;

/// A document read from a structured format.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Structured {
    /// What the document says about itself.
    pub meta: DocumentMeta,
    /// Its text, in reading order.
    pub sections: Vec<Section>,
    /// Things a user should know that did not stop the read (e.g. "metadata
    /// only: no body text").
    pub warnings: Vec<String>,
}

/// What a structured document adds to its pages.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Structure {
    /// Its title, kind, dates, URL and publishers, as the file states them.
    pub meta: DocumentMeta,
    /// Where each page is, in the document's own terms: one per page.
    pub locators: Vec<Locator>,
    /// What a reader should know that did not stop the read ("metadata
    /// only: no body text").
    pub notes: Vec<String>,
}

/// The warning for a file read with no body text (a metadata-only record,
/// an item whose page has no body).
pub(crate) const METADATA_ONLY: &str = "no body text: metadata only";

impl Structured {
    /// A document of these sections, with the warning every reader gives
    /// when there are none: the file was read, but holds no body text.
    pub(crate) fn new(
        meta: DocumentMeta,
        sections: Vec<Section>,
        mut warnings: Vec<String>,
    ) -> Self {
        if sections.is_empty() {
            warnings.push(METADATA_ONLY.to_string());
        }
        Structured {
            meta,
            sections,
            warnings,
        }
    }
}

/// A run of text a reader can be pointed to: a provision, a speech, the text
/// under a heading, a paragraph.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    /// Where a reader finds it.
    pub locator: Locator,
    /// Its heading, when it has one (kept apart from the paragraphs so a
    /// heading is never glued to the sentence after it).
    pub heading: Option<String>,
    /// Its paragraphs, each whitespace-normalised (no newlines inside), in order.
    pub paragraphs: Vec<String>,
}

/// Where in a document a quote comes from, in the terms a reader of that
/// format follows.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Locator {
    /// A provision of legislation or a bill: its id as the document gives it
    /// (CLML `id`, e.g. `section-6`, or Akoma Ntoso `eId`, e.g. `clause_1`),
    /// and its number as printed (`6`, `1(2)`), when given.
    Provision {
        /// The provision's id in the document.
        id: String,
        /// Its number as printed.
        number: Option<String>,
    },
    /// A Hansard speech: its id (`uk.org.publicwhip/debate/2009-10-28c.301.0`),
    /// the column, and the speaker's name, when given.
    Speech {
        /// The speech's id.
        id: String,
        /// The Hansard column it starts in.
        column: Option<String>,
        /// Who spoke.
        speaker: Option<String>,
    },
    /// The text under an HTML heading: the heading's text and its anchor
    /// (`id` attribute), when it has one.
    Heading {
        /// The heading's text.
        text: String,
        /// Its anchor (`id`), for a link straight to it.
        anchor: Option<String>,
    },
    /// A word-processor paragraph, 1-based among the document's paragraphs
    /// (empty paragraphs not counted).
    Paragraph {
        /// 1-based among the document's non-empty paragraphs.
        number: u32,
    },
    /// The document as a whole (text with no finer place, e.g. a summary).
    Whole,
    /// A page of a PDF or of a text file (pages split by form feeds).
    Page {
        /// 1-based page number.
        number: u32,
    },
}

/// How a locator reads in a report: `section-6 (6)`, `uk.org.publicwhip/…,
/// col. 301, Jane Smith`, `“Heading” (#anchor)`, `paragraph 12`.
impl fmt::Display for Locator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Locator::Provision { id, number } => match number {
                Some(n) => write!(f, "{id} ({n})"),
                None => f.write_str(id),
            },
            Locator::Speech {
                id,
                column,
                speaker,
            } => {
                f.write_str(id)?;
                if let Some(c) = column {
                    write!(f, ", col. {c}")?;
                }
                if let Some(s) = speaker {
                    write!(f, ", {s}")?;
                }
                Ok(())
            }
            Locator::Heading { text, anchor } => match anchor {
                Some(a) => write!(f, "\u{201c}{text}\u{201d} (#{a})"),
                None => write!(f, "\u{201c}{text}\u{201d}"),
            },
            Locator::Paragraph { number } => write!(f, "paragraph {number}"),
            Locator::Whole => f.write_str("whole document"),
            Locator::Page { number } => write!(f, "page {number}"),
        }
    }
}

/// What a document states about itself.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentMeta {
    /// Its title.
    pub title: Option<String>,
    /// What kind of government or Parliament document it is, when the file says.
    pub kind: Option<DocKind>,
    /// The departments or organisations that published it.
    pub departments: Vec<String>,
    /// A URL a reader can follow (legislation `http://www.legislation.gov.uk/id/...`,
    /// GOV.UK `https://www.gov.uk` + `base_path`).
    pub url: Option<String>,
    /// Its number or reference (`2003 asp 2`, `SI 2014/333`, `HC Bill 286`).
    pub number: Option<String>,
    /// Every date the document states, with what it is. Never invented.
    pub dates: Vec<DocDate>,
}

/// A date a document states, and what happened on it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocDate {
    /// ISO 8601: `YYYY-MM-DD`, or `YYYY-MM` / `YYYY` when the document gives no more.
    pub date: String,
    /// What the date is.
    pub role: DateRole,
}

/// What a date is the date of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateRole {
    /// First published.
    Published,
    /// Last updated / modified.
    Updated,
    /// Created (word-processor metadata).
    Created,
    /// A statutory instrument was made.
    Made,
    /// An Act was enacted (Royal Assent).
    Enacted,
    /// Laid before Parliament.
    Laid,
    /// Comes into force.
    InForce,
    /// The version of the text is valid from (point-in-time legislation).
    Valid,
    /// A Parliament sitting (Hansard).
    Sitting,
    /// A consultation opens.
    Opens,
    /// A consultation closes.
    Closes,
    /// The date a campaigner's sources file gives for the document.
    Given,
}

/// The kinds of document a campaigner follows an ask through.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocKind {
    /// An Act of Parliament or of a devolved legislature.
    Act,
    /// A statutory instrument (regulations, an order, rules).
    StatutoryInstrument,
    /// A bill before Parliament.
    Bill,
    /// An amendment paper or list of amendments to a bill.
    AmendmentPaper,
    /// A consultation, open or closed.
    Consultation,
    /// The outcome of a consultation.
    ConsultationOutcome,
    /// The government's response (to a consultation, a committee, a campaign).
    GovernmentResponse,
    /// A policy paper, strategy or plan.
    PolicyPaper,
    /// Guidance, statutory or not.
    Guidance,
    /// A written or oral ministerial statement.
    Statement,
    /// A speech (the King's or Queen's Speech, a minister's).
    Speech,
    /// A debate in Parliament.
    Debate,
    /// An answer to a parliamentary question.
    Answer,
    /// A budget or fiscal statement.
    Budget,
    /// Anything else (news, statistics, a form, ...).
    Other,
}

/// Why a file could not be read as the format it was taken for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormatError {
    /// Not well-formed XML (also for the XML inside DOCX/ODT): where and why.
    Xml {
        /// 1-based line of the fault.
        line: u32,
        /// 1-based column of the fault.
        column: u32,
        /// What the parser found wrong.
        reason: String,
    },
    /// Not well-formed JSON.
    Json {
        /// 1-based line of the fault.
        line: u32,
        /// 1-based column of the fault.
        column: u32,
        /// What the parser found wrong.
        reason: String,
    },
    /// Well-formed, but not the format it was taken for (a JSON that is not a
    /// GOV.UK content item, an XML whose root is not legislation, ...).
    NotThisFormat(String),
    /// A zip container (DOCX, ODT) that cannot be opened, or lacks its main part.
    Container(String),
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FormatError::Xml {
                line,
                column,
                reason,
            } => {
                write!(f, "malformed XML at line {line}, column {column}: {reason}")
            }
            FormatError::Json {
                line,
                column,
                reason,
            } => {
                write!(
                    f,
                    "malformed JSON at line {line}, column {column}: {reason}"
                )
            }
            FormatError::NotThisFormat(why) => f.write_str(why),
            FormatError::Container(why) => f.write_str(why),
        }
    }
}

impl std::error::Error for FormatError {}

impl DocKind {
    /// Every kind, in the order of the ladder's documents.
    pub const ALL: [DocKind; 15] = [
        DocKind::Act,
        DocKind::StatutoryInstrument,
        DocKind::Bill,
        DocKind::AmendmentPaper,
        DocKind::Consultation,
        DocKind::ConsultationOutcome,
        DocKind::GovernmentResponse,
        DocKind::PolicyPaper,
        DocKind::Guidance,
        DocKind::Statement,
        DocKind::Speech,
        DocKind::Debate,
        DocKind::Answer,
        DocKind::Budget,
        DocKind::Other,
    ];

    /// The kind in words, as reports show it and a sources file gives it.
    pub fn label(self) -> &'static str {
        match self {
            DocKind::Act => "act",
            DocKind::StatutoryInstrument => "statutory instrument",
            DocKind::Bill => "bill",
            DocKind::AmendmentPaper => "amendment paper",
            DocKind::Consultation => "consultation",
            DocKind::ConsultationOutcome => "consultation outcome",
            DocKind::GovernmentResponse => "government response",
            DocKind::PolicyPaper => "policy paper",
            DocKind::Guidance => "guidance",
            DocKind::Statement => "statement",
            DocKind::Speech => "speech",
            DocKind::Debate => "debate",
            DocKind::Answer => "answer",
            DocKind::Budget => "budget",
            DocKind::Other => "other",
        }
    }

    /// A kind as a person writes it: its label, its JSON name, or `si`
    /// (case, `_` and `-` do not matter).
    pub fn from_words(text: &str) -> Option<DocKind> {
        let words = crate::text::loose_label(text);
        if words == "si" {
            return Some(DocKind::StatutoryInstrument);
        }
        DocKind::ALL.into_iter().find(|k| k.label() == words)
    }
}

impl DateRole {
    /// What the date is, in words for reports.
    pub fn label(self) -> &'static str {
        match self {
            DateRole::Published => "published",
            DateRole::Updated => "updated",
            DateRole::Created => "created",
            DateRole::Made => "made",
            DateRole::Enacted => "enacted",
            DateRole::Laid => "laid",
            DateRole::InForce => "in force",
            DateRole::Valid => "valid from",
            DateRole::Sitting => "sitting",
            DateRole::Opens => "opens",
            DateRole::Closes => "closes",
            DateRole::Given => "as given in the sources file",
        }
    }
}

/// The document paragraph number of `section.paragraphs[index]`, for
/// word-processor sections, so a quote can be cited as "paragraph 12".
///
/// Word-processor readers give one section per heading (and one for the text
/// before the first heading), numbered by the first paragraph in it; the
/// heading is itself a paragraph of the document, so it takes the section's
/// number and the paragraphs under it follow on. `None` for other locators or
/// an index past the end.
pub fn paragraph_number(section: &Section, index: usize) -> Option<u32> {
    let Locator::Paragraph { number } = section.locator else {
        return None;
    };
    if index >= section.paragraphs.len() {
        return None;
    }
    let offset = u32::try_from(index).ok()?;
    number
        .checked_add(offset)?
        .checked_add(u32::from(section.heading.is_some()))
}

/// Whitespace runs (newlines, tabs, no-break spaces) as one space, trimmed,
/// because a quote must match the text whatever the source's line wrapping
/// was: the text stage's own rule.
pub(crate) use crate::text::collapse_whitespace as normalise_space;

/// The calendar date a stated date or timestamp is written with
/// (`2016-11-08T00:00:00+00:00` is 8 November), taken as written and never
/// shifted by its time zone: the date a publisher typed is the date a reader
/// sees on the page. `YYYY-MM-DD` (or `YYYY-MM`, `YYYY`), checked to be a
/// plausible calendar date so junk never becomes one.
pub(crate) fn iso_date(s: &str) -> Option<String> {
    let s = s.trim();
    let digits = |r: std::ops::Range<usize>| {
        s.get(r)
            .filter(|p| p.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|p| p.parse::<u32>().ok())
    };
    let year = digits(0..4)?;
    if !(1000..=9998).contains(&year) {
        return None;
    }
    let sep = |k: usize| s.get(k..k + 1) == Some("-");
    let Some(month) = digits(5..7).filter(|_| sep(4)) else {
        return Some(format!("{year:04}"));
    };
    if !(1..=12).contains(&month) {
        return None;
    }
    let Some(day) = digits(8..10).filter(|_| sep(7)) else {
        return Some(format!("{year:04}-{month:02}"));
    };
    (1..=31)
        .contains(&day)
        .then(|| format!("{year:04}-{month:02}-{day:02}"))
}

/// Adds a date unless the same date with the same role is already there:
/// formats often state one date under several names.
pub(crate) fn push_date(dates: &mut Vec<DocDate>, stamp: &str, role: DateRole) {
    if let Some(date) = iso_date(stamp) {
        if !dates.iter().any(|d| d.date == date && d.role == role) {
            dates.push(DocDate { date, role });
        }
    }
}
