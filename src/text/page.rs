//! The page model: what layout makes of a page and every later pass reads.
//!
//! [`Page`] holds [`Block`]s of [`Line`]s in reading order, with where the
//! text came from ([`TextSource`], with OCR's [`Confidence`]). These are
//! plain data: layout (`super::layout`) builds them, the document passes
//! (furniture, hyphenation, list markers) mark and join their lines, and
//! renderers read them. This module knows nothing of glyphs or PDF objects
//! beyond a line's [`Direction`].

use crate::pdf::{Direction, UnmappedTag};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A line of text with its box in the reading frame of its direction.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    /// The text, words separated by single spaces.
    pub text: String,
    /// Left, bottom, right, top in the reading frame (for `Direction::Right`,
    /// page space).
    pub bbox: [f32; 4],
    /// The dominant font size in points.
    pub size: f32,
    /// Running head, footer or page number: kept out of matched text.
    pub furniture: bool,
}

/// Lines that belong together (a paragraph, a heading, a caption).
#[derive(Clone, Debug, PartialEq)]
pub struct Block {
    /// Lines top to bottom.
    pub lines: Vec<Line>,
    /// Direction of the text in this block.
    pub dir: Direction,
}

/// One laid-out page.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Page {
    /// 1-based page number.
    pub number: u32,
    /// Page width in points, for telling margins from body.
    pub width: f32,
    /// Page height in points.
    pub height: f32,
    /// Blocks in reading order.
    pub blocks: Vec<Block>,
    /// Images painted on the page.
    pub images: u32,
    /// Character codes whose text could not be recovered.
    pub unmapped: u32,
    /// Character codes with no Unicode text whose text was recovered, and how.
    pub recovered: RecoveredChars,
    /// What went wrong reading the page that may have cost it text, in words
    /// for a user (see [`crate::pdf::PageProblems::warnings`]).
    pub warnings: Vec<String>,
    /// The page's content could not be read at all.
    pub unreadable: bool,
    /// Where its text came from.
    pub source: TextSource,
}

/// Glyphs whose font gives no Unicode text but whose text was recovered by
/// looking at them (see `crate::ocr`), counted by how.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecoveredChars {
    /// From what the glyph (its font and code) was learned to say on
    /// pages rendered and recognised: every use of it in the document.
    pub by_glyph: u32,
    /// From the recognition of its own line, where the glyph's readings
    /// did not agree.
    pub by_line: u32,
    /// On pages read by OCR instead of their text layer, because most of
    /// it had no Unicode text: the glyphs that OCR read over.
    pub by_page: u32,
}

impl RecoveredChars {
    /// All recovered, however.
    pub fn total(&self) -> u64 {
        u64::from(self.by_glyph) + u64::from(self.by_line) + u64::from(self.by_page)
    }

    /// Adds `other`'s counts.
    pub fn add(&mut self, other: RecoveredChars) {
        self.by_glyph += other.by_glyph;
        self.by_line += other.by_line;
        self.by_page += other.by_page;
    }
}

/// Where a page's text came from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TextSource {
    /// Its text layer (or a text file).
    #[default]
    Layer,
    /// Optical character recognition of the rendered page.
    Ocr {
        /// The recogniser's mean word confidence; `None` when it found no words.
        confidence: Option<Confidence>,
        /// The words it recognised.
        words: u32,
    },
}

/// A page's mean word confidence as Tesseract gives it (0 to 100), kept in
/// tenths so that results holding it compare exactly.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(into = "f64", from = "f64")]
pub struct Confidence(u16);

impl Confidence {
    /// From a percentage (clamped to 0 to 100).
    pub fn from_percent(percent: f64) -> Confidence {
        Confidence((percent.clamp(0.0, 100.0) * 10.0).round() as u16)
    }

    /// As a percentage, to one decimal.
    pub fn percent(self) -> f64 {
        f64::from(self.0) / 10.0
    }
}

impl From<Confidence> for f64 {
    fn from(c: Confidence) -> f64 {
        c.percent()
    }
}

impl From<f64> for Confidence {
    fn from(percent: f64) -> Confidence {
        Confidence::from_percent(percent)
    }
}

impl fmt::Display for Confidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.0}%", self.percent())
    }
}

impl Page {
    /// True when no line has any text: with images, a scanned page.
    pub fn is_empty(&self) -> bool {
        self.blocks
            .iter()
            .all(|b| b.lines.iter().all(|l| l.text.trim().is_empty()))
    }

    /// The characters of its text that stand for glyphs with no Unicode
    /// text (U+FFFD, or a glyph's [`UnmappedTag`]): what a reader sees of
    /// them, unlike the interpreter's count, which includes glyphs clipped
    /// off the page.
    pub fn unmapped_in_text(&self) -> u32 {
        self.blocks
            .iter()
            .flat_map(|b| &b.lines)
            // Both encode with a lead byte of 0xEF or more in UTF-8.
            .filter(|l| l.text.bytes().any(|b| b >= 0xEF))
            .map(|l| {
                l.text
                    .chars()
                    .filter(|&c| c == char::REPLACEMENT_CHARACTER || UnmappedTag::of(c).is_some())
                    .count() as u32
            })
            .sum()
    }

    /// Whether most of the page's text has no Unicode mapping (a font with
    /// none, as in a PDF whose text layer is garbled): at least 20 such
    /// characters and half of all that are not space. Its text layer is
    /// then no text to read.
    pub fn mostly_unmapped(&self) -> bool {
        if self.unmapped < 20 {
            return false;
        }
        let letters = self
            .blocks
            .iter()
            .flat_map(|b| &b.lines)
            .map(|l| l.text.chars().filter(|c| !c.is_whitespace()).count())
            .sum::<usize>();
        self.unmapped as usize * 2 >= letters
    }
}
