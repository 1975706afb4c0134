//! manifesto-mashup: find, count and quote social-economy policy in party manifestos.
//!
//! Data flows one way:
//!
//! ```text
//! corpus (paths, party metadata)
//!   -> pdf (glyphs per page)  -> text (lines, body text, sentences)
//!   -> lexicon + matcher (hits) -> pipeline (per-document results, in parallel)
//!   -> report (table, JSON, ...)
//! ```
#![deny(missing_docs)]

pub mod lexicon;
pub mod matcher;
pub mod pdf;
pub mod text;
