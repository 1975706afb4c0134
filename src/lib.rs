//! manifesto-mashup: find, count and quote social-economy policy in party
//! manifestos, and follow it into what government does after the election.
//!
//! Data flows one way, one module per stage:
//!
//! ```text
//! corpus (paths, party metadata)
//!   -> read: pdf (glyphs per page) -> text (lines, blocks, body text, sentences)
//!            (pages with no text: ocr, rendered and recognised, -> text)
//!            read::formats (XML, JSON, HTML, DOCX, ODT: sections -> pages)
//!   -> lexicon + matcher (hits) -> pipeline (per-document results, in parallel)
//!   -> results -> report (table, JSON, CSV, Markdown, HTML; pledges judged per sentence)
//!   -> track (asks followed into government documents: evidence, stages, timelines)
//! ```
//!
//! The types at the seams: [`pdf::PageGlyphs`] (what the interpreter saw on a
//! page), [`text::Page`] (laid-out lines), [`read::DocumentText`] and
//! [`read::BodyText`] (a document's pages, and what matching needs of them),
//! [`lexicon::Lexicon`] and [`matcher::Matcher`] (what counts as a mention),
//! [`results::DocResult`] (what one document holds), [`report::Report`] (what
//! is published) and [`track::Tracking`] (where each ask stands).
//!
//! Around them: [`schedule`] shares documents out over threads, largest
//! first; [`cache`] keeps extracted text and results between runs, keyed by
//! [`fingerprint`]s; [`parts`] writes a scan's results as it goes (JSON Lines) and merges
//! the parts of a sharded scan; [`language`] tells a document's language;
//! [`pledge`] judges whether a sentence commits a party; [`saved`] reads a
//! saved report back; [`cli`] turns the command line into calls of all
//! these.
#![deny(missing_docs)]

pub mod cache;
pub mod cli;
pub mod corpus;
pub mod fingerprint;
pub mod language;
pub mod lexicon;
pub mod matcher;
pub mod ocr;
mod output;
pub mod parts;
pub mod pdf;
pub mod pipeline;
pub mod pledge;
pub mod read;
pub mod report;
pub mod results;
pub mod saved;
pub mod schedule;
#[cfg(test)]
mod test_support;
#[cfg(test)]
mod test_support_tests;
pub mod text;
pub mod track;
