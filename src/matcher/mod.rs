//! Matcher: compiled lexicon, finds hits in text.
