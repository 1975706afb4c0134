//! The code-to-text map built from ToUnicode CMaps, and the string storage every font hands out `&str` from.
//!
//! Decoding must not allocate, so every mapped string lives in a per-font [`TextArena`]; a range that maps codes
//! to consecutive BMP characters (`<0000> <FFFF> <0000>` is common) is kept as a range and answered from one
//! process-wide table of all BMP characters instead of being expanded.

use std::sync::OnceLock;

use super::cmap::{BfEntry, Dest, ParsedCMap};
use super::glyph_names::glyph_name_to_text;

/// Most codes one range may expand into when it cannot be kept as a range (multi-character destinations).
const MAX_EXPANDED_PER_RANGE: u32 = 4096;

/// A slice of a [`TextArena`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Span {
    start: u32,
    end: u32,
}

/// Owns the text of one font's mappings.
#[derive(Clone, Debug, Default)]
pub(crate) struct TextArena {
    buf: String,
}

impl TextArena {
    /// Stores `text`, or returns `None` when it is not usable as text (see [`usable`]) or the arena is full.
    pub(crate) fn push(&mut self, text: &str) -> Option<Span> {
        let text = text.trim_end_matches('\0');
        // A space glyph mapped to TAB or LF (Plaid 2015's ToUnicode does this) is a space, not a control.
        let text = if !text.is_empty() && text.chars().all(|c| c.is_whitespace()) {
            " "
        } else {
            text
        };
        if !usable(text) {
            return None;
        }
        let start = u32::try_from(self.buf.len()).ok()?;
        let end = u32::try_from(self.buf.len().checked_add(text.len())?).ok()?;
        self.buf.push_str(text);
        Some(Span { start, end })
    }

    pub(crate) fn get(&self, span: Span) -> Option<&str> {
        self.buf.get(span.start as usize..span.end as usize)
    }
}

/// Text worth handing out: not empty, and not only replacement or control characters (whitespace
/// controls are turned into a space before this check).
pub(crate) fn usable(text: &str) -> bool {
    text.chars().any(|c| !c.is_control() && c != '\u{FFFD}')
}

/// The single character `cp` as a `&'static str`, for BMP characters that are usable text.
pub(crate) fn bmp_str(cp: u32) -> Option<&'static str> {
    static TABLE: OnceLock<String> = OnceLock::new();
    let c = char::from_u32(cp).filter(|&c| cp < 0x1_0000 && !c.is_control() && c != '\u{FFFD}')?;
    let table = TABLE.get_or_init(|| {
        // Surrogates are not chars; a three-byte placeholder keeps the offsets arithmetic.
        (0..0x1_0000u32)
            .map(|v| char::from_u32(v).unwrap_or('\u{FFFD}'))
            .collect()
    });
    let start = match cp {
        0..=0x7F => cp,
        0x80..=0x7FF => 0x80 + (cp - 0x80) * 2,
        _ => 0x80 + 0x780 * 2 + (cp - 0x800) * 3,
    } as usize;
    table.get(start..start + c.len_utf8())
}

/// Decodes UTF-16BE, or `None` if it is malformed. A single odd byte is read as Latin-1, a habit of some
/// producers that write `<41>` for "A".
pub(crate) fn utf16be(bytes: &[u8]) -> Option<String> {
    if bytes.len() == 1 {
        return Some(char::from(bytes[0]).to_string());
    }
    if !bytes.len().is_multiple_of(2) {
        return None;
    }
    let units = bytes
        .chunks_exact(2)
        .map(|p| u16::from_be_bytes([p[0], p[1]]));
    char::decode_utf16(units)
        .collect::<Result<String, _>>()
        .ok()
}

/// Consecutive codes mapped to consecutive BMP characters.
#[derive(Clone, Copy, Debug)]
struct Run {
    lo: u32,
    hi: u32,
    first_char: u32,
}

/// Code to text, from one ToUnicode CMap (and the CMaps it uses).
#[derive(Clone, Debug, Default)]
pub(crate) struct ToUnicode {
    arena: TextArena,
    /// Sorted by code, one entry per code.
    singles: Vec<(u32, Span)>,
    /// Sorted by `lo`.
    runs: Vec<Run>,
    /// Entries whose destination was unusable or malformed.
    pub(crate) dropped: usize,
    /// The answers of [`ToUnicode::lookup`] for codes below [`DENSE_CODES`],
    /// so the common codes skip two binary searches (this runs per glyph and
    /// showed as 4% of corpus extraction).
    dense: Vec<Dense>,
}

/// Codes answered from the dense table: every code of a simple font, and
/// the low CIDs that subset Type0 fonts mostly use.
const DENSE_CODES: u32 = 512;

/// A precomputed answer of [`ToUnicode::lookup`].
#[derive(Clone, Copy, Debug)]
enum Dense {
    Missing,
    Arena(Span),
    Static(&'static str),
}

impl ToUnicode {
    /// Builds the map from CMaps in `usecmap` order: the used (base) CMap first, the CMap itself last, so
    /// later definitions win.
    pub(crate) fn build<'a>(cmaps: impl IntoIterator<Item = &'a ParsedCMap>) -> ToUnicode {
        let mut map = ToUnicode::default();
        let mut singles: Vec<(u32, usize, Span)> = Vec::new();
        let mut order = 0usize;
        let mut add_single = |map: &mut ToUnicode, code: u32, text: Option<String>| {
            order += 1;
            match text.as_deref().and_then(|t| map.arena.push(t)) {
                Some(span) => singles.push((code, order, span)),
                None => map.dropped += 1,
            }
        };
        for cmap in cmaps {
            for entry in &cmap.bf {
                match entry {
                    BfEntry::Char { code, dst } => {
                        let text = match dst {
                            Dest::Utf16(bytes) => utf16be(bytes),
                            Dest::GlyphName(name) => glyph_name_to_text(name),
                        };
                        add_single(&mut map, *code, text);
                    }
                    BfEntry::RangeArray { lo, hi, dsts } => {
                        for (code, dst) in (*lo..=*hi).zip(dsts) {
                            add_single(&mut map, code, utf16be(dst));
                        }
                    }
                    BfEntry::Range { lo, hi, dst } => {
                        let Some(text) = utf16be(dst) else {
                            map.dropped += 1;
                            continue;
                        };
                        let mut chars: Vec<char> = text.chars().collect();
                        let Some(last) = chars.pop() else {
                            map.dropped += 1;
                            continue;
                        };
                        let first_char = u32::from(last);
                        let span = hi - lo;
                        if chars.is_empty()
                            && first_char
                                .checked_add(span)
                                .is_some_and(|end| end < 0x1_0000)
                        {
                            map.runs.push(Run {
                                lo: *lo,
                                hi: *hi,
                                first_char,
                            });
                            continue;
                        }
                        let prefix: String = chars.into_iter().collect();
                        for offset in 0..=span.min(MAX_EXPANDED_PER_RANGE) {
                            let c = first_char.checked_add(offset).and_then(char::from_u32);
                            let text = c.map(|c| format!("{prefix}{c}"));
                            add_single(&mut map, lo + offset, text);
                        }
                    }
                }
            }
        }
        singles.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        singles.dedup_by_key(|s| s.0);
        map.singles = singles
            .into_iter()
            .map(|(code, _, span)| (code, span))
            .collect();
        map.runs.sort_by_key(|r| r.lo);
        map.dense = (0..DENSE_CODES).map(|code| map.lookup(code)).collect();
        map
    }

    /// The text for `code`, if this map gives usable text for it.
    pub(crate) fn get(&self, code: u32) -> Option<&str> {
        let answer = match self.dense.get(code as usize) {
            Some(dense) => *dense,
            None => self.lookup(code),
        };
        match answer {
            Dense::Missing => None,
            Dense::Arena(span) => self.arena.get(span),
            Dense::Static(text) => Some(text),
        }
    }

    /// Where the text for `code` is, searched in the sorted tables.
    fn lookup(&self, code: u32) -> Dense {
        if let Ok(i) = self.singles.binary_search_by_key(&code, |s| s.0) {
            return Dense::Arena(self.singles[i].1);
        }
        let i = self.runs.partition_point(|r| r.lo <= code);
        // Runs may overlap; the one starting last before `code` is tried first, then earlier ones.
        self.runs[..i]
            .iter()
            .rev()
            .find(|r| code <= r.hi)
            .and_then(|r| bmp_str(r.first_char + (code - r.lo)))
            .map_or(Dense::Missing, Dense::Static)
    }

    /// A code whose text is exactly `text` (used to find the space glyph).
    pub(crate) fn code_of(&self, text: &str) -> Option<u32> {
        if let Some(&(code, _)) = self
            .singles
            .iter()
            .find(|(_, span)| self.arena.get(*span) == Some(text))
        {
            return Some(code);
        }
        let mut chars = text.chars();
        let c = u32::from(chars.next()?);
        if chars.next().is_some() {
            return None;
        }
        self.runs
            .iter()
            .find(|r| r.first_char <= c && c - r.first_char <= r.hi - r.lo)
            .map(|r| r.lo + (c - r.first_char))
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.singles.is_empty() && self.runs.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::font::cmap::parse;

    fn tu(src: &[u8]) -> ToUnicode {
        ToUnicode::build([&parse(src)])
    }

    #[test]
    fn bmp_table_offsets() {
        for cp in [0x41u32, 0x7F0, 0x800, 0x20AC, 0xFB01, 0xFFFC] {
            assert_eq!(
                bmp_str(cp),
                char::from_u32(cp).map(String::from).as_deref(),
                "{cp:X}"
            );
        }
        assert_eq!(bmp_str(0xD800), None);
        assert_eq!(bmp_str(0x0A), None);
        assert_eq!(bmp_str(0x1F600), None);
    }

    #[test]
    fn full_range_is_cheap_and_exact() {
        let map = tu(b"1 beginbfrange <0000> <FFFF> <0000> endbfrange");
        assert!(map.singles.is_empty());
        assert_eq!(map.get(0x41), Some("A"));
        assert_eq!(map.get(0x20AC), Some("\u{20AC}"));
        assert_eq!(
            map.get(0x0009),
            None,
            "control characters count as unmapped"
        );
        assert_eq!(map.get(0xFFFD), None);
        assert_eq!(map.get(0x1_0000), None);
    }

    #[test]
    fn range_carry_beyond_last_byte() {
        let map = tu(b"1 beginbfrange <00F0> <0110> <00F0> endbfrange");
        assert_eq!(map.get(0x100), Some("\u{100}"));
        assert_eq!(map.get(0x110), Some("\u{110}"));
    }

    #[test]
    fn array_form_multi_char_and_surrogates() {
        let map = tu(
            b"beginbfrange <01> <03> [<00660069> <D83DDE00> <FFFD>] endbfrange
              beginbfchar <04> <0066006600690020> <05> <> <06> <0000> <07> <0009> <08> <0007> endbfchar",
        );
        assert_eq!(map.get(1), Some("fi"));
        assert_eq!(map.get(2), Some("\u{1F600}"));
        assert_eq!(map.get(3), None);
        assert_eq!(map.get(4), Some("ffi "));
        assert_eq!(map.get(5), None);
        assert_eq!(map.get(6), None);
        assert_eq!(map.get(7), Some(" "), "a space glyph mapped to TAB");
        assert_eq!(map.get(8), None);
        assert_eq!(map.dropped, 4);
    }

    #[test]
    fn multi_char_range_increments_last_char() {
        let map = tu(b"beginbfrange <10> <12> <00660061> endbfrange");
        assert_eq!(map.get(0x11), Some("fb"));
        let emoji = tu(b"beginbfrange <10> <11> <D83DDE00> endbfrange");
        assert_eq!(emoji.get(0x11), Some("\u{1F601}"));
    }

    #[test]
    fn later_definitions_win() {
        let base = parse(b"beginbfchar <01> <0041> <02> <0042> endbfchar");
        let own = parse(b"beginbfchar <01> <0061> endbfchar");
        let map = ToUnicode::build([&base, &own]);
        assert_eq!(map.get(1), Some("a"));
        assert_eq!(map.get(2), Some("B"));
    }

    /// CMap dialects seen in real PDFs, written as our own minimal examples.
    #[test]
    fn dialects() {
        // `def` inside the CIDSystemInfo dictionary (a strict parser gives up on the whole CMap).
        let def_in_dict = tu(
            b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap
            /CIDSystemInfo << /Registry (Adobe) def /Ordering (UCS) def /Supplement 0 def >> def
            /CMapName /Adobe-Identity-UCS def /CMapType 2 def
            1 begincodespacerange <0000> <FFFF> endcodespacerange
            1 beginbfchar <0003> <0020> endbfchar
            endcmap CMapName currentdict /CMap defineresource pop end end",
        );
        assert_eq!(def_in_dict.get(3), Some(" "));
        // Adobe PDF Library 6 style: bare sections, no header, no codespace.
        let bare = tu(b"2 beginbfrange\n<20><7e><0020>\n<a0><a0><00a0>\nendbfrange\n");
        assert_eq!(bare.get(0x41), Some("A"));
        assert_eq!(bare.get(0xA0), Some("\u{A0}"));
        // InDesign CS style: one entry per line, lowercase hex, ranges with arrays, CR line ends.
        let indesign = tu(
            b"begincmap\r1 begincodespacerange\r<00> <ff>\rendcodespacerange\r\
            2 beginbfrange\r<61> <62> [<0061> <0062>]\r<30><39><0030>\rendbfrange\rendcmap\r",
        );
        assert_eq!(indesign.get(0x62), Some("b"));
        assert_eq!(indesign.get(0x35), Some("5"));
        // LibreOffice style: literal strings and comments in between.
        let libre = tu(b"% generated\n1 beginbfchar (\\001) <0048> % H\nendbfchar");
        assert_eq!(libre.get(1), Some("H"));
        // Pdftools style: entry count wrong and the end keyword missing before the next section.
        let pdftools = tu(b"5 beginbfchar <01> <0041>\n3 beginbfrange <02> <03> <0042> endbfrange");
        assert_eq!(pdftools.get(1), Some("A"));
        assert_eq!(pdftools.get(3), Some("C"));
    }
}
