//! CMap streams read tolerantly: codespace ranges, bfchar/bfrange (ToUnicode), cidchar/cidrange (encodings),
//! `usecmap` and `/WMode`.
//!
//! Everything outside the `begin…`/`end…` sections is skipped, which is what makes the dialects work: Adobe PDF
//! Library 6 CMaps without the usual boilerplate, `def` inside `/CIDSystemInfo << >>`, InDesign and LibreOffice
//! variants. Inside a section an entry that does not have the expected shape is dropped and the parser resyncs
//! on the next token, so one bad entry loses that entry only.

use super::cmap_lex::{Lexer, Token};

/// Longest code a CMap may define, in bytes (PDF 32000-1, 9.7.6.2).
const MAX_CODE_LEN: usize = 4;

/// One `begincodespacerange` entry: codes of `len` bytes whose every byte lies within `lo[i]..=hi[i]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct CodespaceRange {
    len: u8,
    lo: [u8; MAX_CODE_LEN],
    hi: [u8; MAX_CODE_LEN],
}

impl CodespaceRange {
    /// A range from two byte strings of equal length (1-4 bytes); `None` otherwise.
    pub(crate) fn new(lo: &[u8], hi: &[u8]) -> Option<CodespaceRange> {
        if lo.len() != hi.len() || lo.is_empty() || lo.len() > MAX_CODE_LEN {
            return None;
        }
        let mut range = CodespaceRange {
            len: lo.len() as u8,
            lo: [0; MAX_CODE_LEN],
            hi: [0; MAX_CODE_LEN],
        };
        range.lo[..lo.len()].copy_from_slice(lo);
        range.hi[..hi.len()].copy_from_slice(hi);
        Some(range)
    }

    fn matches(&self, bytes: &[u8]) -> bool {
        bytes.len() == usize::from(self.len)
            && bytes
                .iter()
                .zip(self.lo.iter().zip(self.hi.iter()))
                .all(|(b, (lo, hi))| (lo..=hi).contains(&b))
    }
}

/// How a string operand splits into character codes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Codespace {
    ranges: Vec<CodespaceRange>,
}

impl Codespace {
    /// Codespace from ranges; an empty list means one-byte codes.
    pub(crate) fn new(mut ranges: Vec<CodespaceRange>) -> Codespace {
        ranges.sort_by_key(|r| r.len);
        ranges.dedup();
        Codespace { ranges }
    }

    /// Every code is `len` bytes (Identity-H is `fixed(2)`).
    pub(crate) fn fixed(len: usize) -> Codespace {
        let len = len.clamp(1, MAX_CODE_LEN);
        let lo = [0u8; MAX_CODE_LEN];
        let hi = [0xFFu8; MAX_CODE_LEN];
        Codespace::new(
            CodespaceRange::new(&lo[..len], &hi[..len])
                .into_iter()
                .collect(),
        )
    }

    /// Splits the next code off `bytes`: `(code, byte length)`, `None` only when `bytes` is empty.
    ///
    /// Bytes that match no range take the length of the shortest range whose first byte fits (or the
    /// shortest range overall), the way Acrobat and pdf.js recover, so one bad byte cannot swallow the rest.
    pub(crate) fn next_code(&self, bytes: &[u8]) -> Option<(u32, usize)> {
        let first = *bytes.first()?;
        if self.ranges.is_empty() {
            return Some((u32::from(first), 1));
        }
        for range in &self.ranges {
            let n = usize::from(range.len);
            if let Some(candidate) = bytes.get(..n) {
                if range.matches(candidate) {
                    return Some((code_value(candidate), n));
                }
            }
        }
        let fallback = self
            .ranges
            .iter()
            .find(|r| (r.lo[0]..=r.hi[0]).contains(&first))
            .or(self.ranges.first())
            .map_or(1, |r| usize::from(r.len))
            .clamp(1, bytes.len());
        Some((code_value(&bytes[..fallback]), fallback))
    }
}

/// Big-endian value of a code of up to four bytes.
pub(crate) fn code_value(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .take(MAX_CODE_LEN)
        .fold(0u32, |acc, &b| (acc << 8) | u32::from(b))
}

/// What a bfchar or bfrange maps to.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum BfEntry {
    /// One code to UTF-16BE bytes (or to text already, when the CMap names a glyph instead).
    Char { code: u32, dst: Dest },
    /// `lo..=hi` to `dst`, the last character incremented along the range.
    Range { lo: u32, hi: u32, dst: Vec<u8> },
    /// `lo..=hi` to one destination each.
    RangeArray {
        lo: u32,
        hi: u32,
        dsts: Vec<Vec<u8>>,
    },
}

/// A bfchar destination.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Dest {
    Utf16(Vec<u8>),
    GlyphName(String),
}

/// The useful content of one CMap stream.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct ParsedCMap {
    pub(crate) codespace: Vec<CodespaceRange>,
    pub(crate) bf: Vec<BfEntry>,
    /// `(lo, hi, first CID)`; cidchar entries have `lo == hi`.
    pub(crate) cid: Vec<(u32, u32, u32)>,
    /// Name operand of the `usecmap` operator.
    pub(crate) usecmap: Option<String>,
    pub(crate) wmode: Option<i64>,
    /// Entries dropped because they had the wrong shape.
    pub(crate) skipped: usize,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Section {
    Codespace,
    BfChar,
    BfRange,
    CidChar,
    CidRange,
    Ignored,
}

/// Parses a CMap stream's decoded bytes. Never fails; see the module doc.
pub(crate) fn parse(data: &[u8]) -> ParsedCMap {
    let mut out = ParsedCMap::default();
    let mut lexer = Lexer::new(data).peekable();
    let mut previous: [Option<Token>; 2] = [None, None];
    while let Some(token) = lexer.next() {
        if let Token::Word(word) = token {
            let section = match word {
                b"begincodespacerange" => Some(Section::Codespace),
                b"beginbfchar" => Some(Section::BfChar),
                b"beginbfrange" => Some(Section::BfRange),
                b"begincidchar" => Some(Section::CidChar),
                b"begincidrange" => Some(Section::CidRange),
                b"beginnotdefrange" | b"beginnotdefchar" => Some(Section::Ignored),
                _ => None,
            };
            if let Some(section) = section {
                let mut body = Vec::new();
                while let Some(next) = lexer.peek() {
                    if let Token::Word(w) = next {
                        if w.starts_with(b"end") {
                            lexer.next();
                            break;
                        }
                        if w.starts_with(b"begin") {
                            break;
                        }
                    }
                    if let Some(t) = lexer.next() {
                        body.push(t);
                    }
                }
                read_section(section, &body, &mut out);
            } else if word == b"usecmap" {
                if let Some(Token::Name(name)) = &previous[1] {
                    out.usecmap = Some(String::from_utf8_lossy(name).into_owned());
                }
            } else if word == b"def" {
                if let (Some(Token::Name(b"WMode")), Some(Token::Number(n))) =
                    (&previous[0], &previous[1])
                {
                    out.wmode = Some(*n as i64);
                }
            }
            previous = [previous[1].take(), Some(Token::Word(word))];
        } else {
            previous = [previous[1].take(), Some(token)];
        }
    }
    out
}

fn read_section(section: Section, body: &[Token], out: &mut ParsedCMap) {
    let mut i = 0;
    while i < body.len() {
        let used = match section {
            Section::Codespace => read_codespace(&body[i..], out),
            Section::BfChar => read_bfchar(&body[i..], out),
            Section::BfRange => read_bfrange(&body[i..], out),
            Section::CidChar | Section::CidRange => read_cid(section, &body[i..], out),
            Section::Ignored => Some(body.len() - i),
        };
        match used {
            Some(n) => i += n.max(1),
            None => {
                out.skipped += 1;
                i += 1;
            }
        }
    }
}

/// A source code: 1-4 bytes.
fn src_code(bytes: &[u8]) -> Option<u32> {
    (!bytes.is_empty() && bytes.len() <= MAX_CODE_LEN).then(|| code_value(bytes))
}

fn read_codespace(t: &[Token], out: &mut ParsedCMap) -> Option<usize> {
    match t {
        [Token::Bytes(lo), Token::Bytes(hi), ..] => {
            out.codespace.push(CodespaceRange::new(lo, hi)?);
            Some(2)
        }
        _ => None,
    }
}

fn read_bfchar(t: &[Token], out: &mut ParsedCMap) -> Option<usize> {
    let (src, dst) = match t {
        [Token::Bytes(src), Token::Bytes(dst), ..] => (src, Dest::Utf16(dst.clone())),
        [Token::Bytes(src), Token::Name(name), ..] => (
            src,
            Dest::GlyphName(String::from_utf8_lossy(name).into_owned()),
        ),
        _ => return None,
    };
    out.bf.push(BfEntry::Char {
        code: src_code(src)?,
        dst,
    });
    Some(2)
}

fn read_bfrange(t: &[Token], out: &mut ParsedCMap) -> Option<usize> {
    let [Token::Bytes(lo), Token::Bytes(hi), rest @ ..] = t else {
        return None;
    };
    let (lo, hi) = (src_code(lo)?, src_code(hi)?);
    match rest.first()? {
        Token::Bytes(dst) => {
            if lo <= hi {
                out.bf.push(BfEntry::Range {
                    lo,
                    hi,
                    dst: dst.clone(),
                });
            } else {
                out.skipped += 1;
            }
            Some(3)
        }
        Token::ArrayStart => {
            let mut dsts = Vec::new();
            let mut used = 3;
            for token in &rest[1..] {
                used += 1;
                match token {
                    Token::Bytes(d) => dsts.push(d.clone()),
                    Token::ArrayEnd => break,
                    _ => {}
                }
            }
            if lo <= hi {
                out.bf.push(BfEntry::RangeArray { lo, hi, dsts });
            } else {
                out.skipped += 1;
            }
            Some(used)
        }
        _ => None,
    }
}

fn read_cid(section: Section, t: &[Token], out: &mut ParsedCMap) -> Option<usize> {
    match (section, t) {
        (Section::CidChar, [Token::Bytes(src), Token::Number(cid), ..]) => {
            let code = src_code(src)?;
            out.cid.push((code, code, number_to_u32(*cid)?));
            Some(2)
        }
        (Section::CidRange, [Token::Bytes(lo), Token::Bytes(hi), Token::Number(cid), ..]) => {
            let (lo, hi) = (src_code(lo)?, src_code(hi)?);
            if lo <= hi {
                out.cid.push((lo, hi, number_to_u32(*cid)?));
            }
            Some(3)
        }
        _ => None,
    }
}

fn number_to_u32(n: f64) -> Option<u32> {
    (n >= 0.0 && n <= f64::from(u32::MAX)).then_some(n as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codespace_splits_mixed_lengths() {
        // Shift-JIS-like: one byte 00-80, two bytes 81-9F lead.
        let cs = Codespace::new(vec![
            CodespaceRange::new(&[0x00], &[0x80]).unwrap(),
            CodespaceRange::new(&[0x81, 0x40], &[0x9F, 0xFC]).unwrap(),
        ]);
        assert_eq!(cs.next_code(b"A\x82\xA0"), Some((0x41, 1)));
        assert_eq!(cs.next_code(b"\x82\xA0"), Some((0x82A0, 2)));
        // Second byte out of range: recover with the length of the range the lead byte fits.
        assert_eq!(cs.next_code(b"\x82\x01"), Some((0x8201, 2)));
        // Truncated: take what there is.
        assert_eq!(cs.next_code(b"\x82"), Some((0x82, 1)));
        assert_eq!(cs.next_code(b""), None);
        assert_eq!(
            Codespace::fixed(2).next_code(b"\x00\x41\x00"),
            Some((0x41, 2))
        );
        assert_eq!(Codespace::default().next_code(b"\xFF"), Some((0xFF, 1)));
    }

    #[test]
    fn sections_and_operators() {
        let cmap = parse(
            b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap
              /CMapName /Test def /WMode 1 def /Base-H usecmap
              1 begincodespacerange <0000> <FFFF> endcodespacerange
              2 beginbfchar <0003> <0020> <0010> /fi endbfchar
              2 beginbfrange <0020> <0022> <0041> <0030> <0031> [<0061> <00660066>] endbfrange
              1 begincidrange <0000> <00FF> 10 endcidrange
              1 begincidchar <0100> 7 endcidchar
              endcmap",
        );
        assert_eq!(cmap.codespace.len(), 1);
        assert_eq!(cmap.wmode, Some(1));
        assert_eq!(cmap.usecmap.as_deref(), Some("Base-H"));
        assert_eq!(
            cmap.bf,
            vec![
                BfEntry::Char {
                    code: 3,
                    dst: Dest::Utf16(vec![0, 0x20])
                },
                BfEntry::Char {
                    code: 0x10,
                    dst: Dest::GlyphName("fi".into())
                },
                BfEntry::Range {
                    lo: 0x20,
                    hi: 0x22,
                    dst: vec![0, 0x41]
                },
                BfEntry::RangeArray {
                    lo: 0x30,
                    hi: 0x31,
                    dsts: vec![vec![0, 0x61], vec![0, 0x66, 0, 0x66]]
                },
            ]
        );
        assert_eq!(cmap.cid, vec![(0, 0xFF, 10), (0x100, 0x100, 7)]);
        assert_eq!(cmap.skipped, 0);
    }

    #[test]
    fn bad_entries_lose_only_themselves() {
        let cmap =
            parse(b"3 beginbfchar <01> <0041> junk <02> <0042> <0123456789> <0043> endbfchar");
        assert_eq!(
            cmap.bf,
            vec![
                BfEntry::Char {
                    code: 1,
                    dst: Dest::Utf16(vec![0, 0x41])
                },
                BfEntry::Char {
                    code: 2,
                    dst: Dest::Utf16(vec![0, 0x42])
                },
            ]
        );
        assert!(cmap.skipped >= 2);
    }

    #[test]
    fn missing_end_keyword_still_reads_the_section() {
        let cmap = parse(b"1 beginbfchar <01> <0041> 1 beginbfrange <02> <03> <0061> endbfrange");
        assert_eq!(cmap.bf.len(), 2);
    }
}
