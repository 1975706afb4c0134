//! manifesto-mashup: find, count and quote social-economy policy in party manifestos.
//!
//! Data flows one way, one module per stage:
//!
//! ```text
//! corpus (paths, party metadata)
//!   -> pdf (glyphs per page) -> text (lines, blocks, body text, sentences)
//!      (pages with no text: ocr, rendered and recognised, -> text)
//!   -> lexicon + matcher (hits) -> pipeline (per-document results, in parallel)
//!   -> report (table, JSON, CSV, Markdown, HTML; pledges judged per sentence)
//! ```
//!
//! The types at the seams: [`pdf::PageGlyphs`] (what the interpreter saw on a
//! page), [`text::Page`] (laid-out lines), [`lexicon::Lexicon`] and
//! [`matcher::Matcher`] (what counts as a mention), [`results::DocResult`]
//! (what one document holds) and [`report::Report`] (what is published).
#![deny(missing_docs)]

pub mod cache;
pub mod cli;
pub mod corpus;
pub mod fingerprint;
pub mod jsonl;
pub mod language;
pub mod lexicon;
pub mod matcher;
pub mod ocr;
mod output;
pub mod pdf;
pub mod pipeline;
pub mod pledge;
pub mod read;
pub mod report;
pub mod results;
pub mod schedule;
#[cfg(test)]
mod test_support;
#[cfg(test)]
mod test_support_tests;
pub mod text;
pub mod track;
