//! Text: layout of glyphs into lines and body text.
