//! Lexicon: file format and validation.
