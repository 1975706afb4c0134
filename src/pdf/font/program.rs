//! Text recovered from embedded font programs, for fonts whose PDF dictionaries say too little.
//!
//! Three sources: the built-in encoding of a Type1 program (the `/Encoding` array of its cleartext part) or of a
//! CFF program (charset + encoding, read with `ttf_parser::cff`, which is public and handles bare CFF), and the
//! `cmap`/`post` tables of TrueType and OpenType programs (read table by table from `ttf_parser::RawFace` so a
//! subset font missing `head` or `hhea`, common in PDFs, still yields its tables). The Type1 cleartext reader
//! is hand-written: no crate parses Type1 programs, and only one array of one dictionary is needed.

use std::cell::OnceCell;
use std::collections::HashMap;

use lopdf::{Dictionary, Document, Object};
use ttf_parser::{cff, cmap, post, GlyphId, RawFace, Tag};

use super::cmap_lex::{Lexer, Token};
use super::glyph_names::glyph_name_to_text;

/// Largest decoded font program we look at; bigger ones are skipped rather than risk memory.
const MAX_PROGRAM: usize = 32 << 20;

/// Which kind of program a font descriptor embeds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ProgramKind {
    /// FontFile: Type1 (PFA/PFB-like, cleartext part first).
    Type1,
    /// FontFile3 /Type1C or /CIDFontType0C: bare CFF.
    Cff,
    /// FontFile2, or FontFile3 /OpenType: an sfnt.
    Sfnt,
}

/// A decoded embedded font program.
pub(crate) struct Program {
    pub(crate) kind: ProgramKind,
    pub(crate) data: Vec<u8>,
}

/// Loads the program a font descriptor embeds, if any decodes.
pub(crate) fn load(doc: &Document, descriptor: &Dictionary) -> Option<Program> {
    for (key, default_kind) in [
        (&b"FontFile"[..], ProgramKind::Type1),
        (b"FontFile2", ProgramKind::Sfnt),
        (b"FontFile3", ProgramKind::Cff),
    ] {
        let Ok(obj) = descriptor.get(key) else {
            continue;
        };
        let Some(stream) = doc
            .dereference(obj)
            .ok()
            .and_then(|(_, o)| o.as_stream().ok())
        else {
            continue;
        };
        let kind = match stream.dict.get(b"Subtype").and_then(Object::as_name) {
            Ok(b"OpenType") => ProgramKind::Sfnt,
            _ => default_kind,
        };
        let data = stream.decompressed_content_with_limit(MAX_PROGRAM).ok()?;
        // Some producers label an sfnt as CFF and vice versa: trust the bytes.
        let kind = match data.get(..4) {
            Some([0, 1, 0, 0]) | Some(b"OTTO") | Some(b"true") => ProgramKind::Sfnt,
            Some([1, 0, _, _]) if kind != ProgramKind::Type1 => ProgramKind::Cff,
            _ => kind,
        };
        return Some(Program { kind, data });
    }
    None
}

impl Program {
    /// Glyph name per code under the program's built-in encoding (Type1 and CFF programs only).
    pub(crate) fn builtin_glyph_names(&self) -> Option<Vec<Option<String>>> {
        match self.kind {
            ProgramKind::Type1 => type1_encoding(&self.data),
            ProgramKind::Cff => cff_encoding(&self.data),
            ProgramKind::Sfnt => {
                let raw = RawFace::parse(&self.data, 0).ok()?;
                cff_encoding(sfnt_table(&raw, b"CFF ")?)
            }
        }
    }

    /// Text per one-byte code of a simple TrueType font through its `cmap`, the way viewers pick glyphs:
    /// a symbolic font through (3,0) at `code`, `0xF000 + code`, ...; a non-symbolic one through (1,0).
    /// The glyph found is turned into text by its `post` name or by the font's Unicode cmap.
    pub(crate) fn truetype_code_texts(&self, symbolic: bool) -> Option<Vec<Option<String>>> {
        let sfnt = Sfnt::parse(&self.data)?;
        let mut out = vec![None; 256];
        for (code, slot) in out.iter_mut().enumerate() {
            let gid = sfnt.code_to_gid(code as u32, symbolic);
            *slot = gid.and_then(|gid| sfnt.gid_text(gid));
        }
        Some(out)
    }

    /// Text per glyph id, for composite fonts with no ToUnicode: `(gid, text)` sorted by gid.
    pub(crate) fn glyph_texts(&self) -> Vec<(u32, String)> {
        let mut out = Vec::new();
        match self.kind {
            ProgramKind::Cff => cff_glyph_texts(&self.data, &mut out),
            ProgramKind::Type1 => {}
            ProgramKind::Sfnt => {
                if let Some(sfnt) = Sfnt::parse(&self.data) {
                    sfnt.all_glyph_texts(&mut out);
                } else if let Some(cff) = RawFace::parse(&self.data, 0)
                    .ok()
                    .and_then(|raw| sfnt_table(&raw, b"CFF "))
                {
                    cff_glyph_texts(cff, &mut out);
                }
            }
        }
        out.sort_by_key(|e| e.0);
        out.dedup_by_key(|e| e.0);
        out
    }
}

/// An sfnt table by its tag. ttf-parser looks tables up by binary search,
/// as the format's sorted table directory allows; but some producers (the
/// Amyuni PDF Creator, for one) write the directory unsorted, and then the
/// search misses tables that are there, and a font's text with them. A
/// miss is checked by a scan of the directory.
fn sfnt_table<'a>(raw: &RawFace<'a>, tag: &[u8; 4]) -> Option<&'a [u8]> {
    let tag = Tag::from_bytes(tag);
    raw.table(tag).or_else(|| {
        let record = raw.table_records.into_iter().find(|r| r.tag == tag)?;
        let start = usize::try_from(record.offset).ok()?;
        let end = start.checked_add(usize::try_from(record.length).ok()?)?;
        raw.data.get(start..end)
    })
}

/// The tables of an sfnt that carry text.
struct Sfnt<'a> {
    cmap: Option<cmap::Table<'a>>,
    post: Option<post::Table<'a>>,
    cff: Option<cff::Table<'a>>,
    /// Glyph id to the first Unicode character mapped to it, built on first use.
    unicode_by_gid: OnceCell<HashMap<u16, char>>,
}

impl<'a> Sfnt<'a> {
    fn parse(data: &'a [u8]) -> Option<Sfnt<'a>> {
        let raw = RawFace::parse(data, 0).ok()?;
        let sfnt = Sfnt {
            cmap: sfnt_table(&raw, b"cmap").and_then(cmap::Table::parse),
            post: sfnt_table(&raw, b"post").and_then(post::Table::parse),
            cff: sfnt_table(&raw, b"CFF ").and_then(cff::Table::parse),
            unicode_by_gid: OnceCell::new(),
        };
        (sfnt.cmap.is_some() || sfnt.post.is_some() || sfnt.cff.is_some()).then_some(sfnt)
    }

    fn code_to_gid(&self, code: u32, symbolic: bool) -> Option<GlyphId> {
        let cmap = self.cmap.as_ref()?;
        let find = |platform: u16, encoding: u16| {
            cmap.subtables
                .into_iter()
                .find(|s| s.platform_id as u16 == platform && s.encoding_id == encoding)
        };
        let found = if symbolic {
            find(3, 0).and_then(|s| {
                [code, 0xF000 + code, 0xF100 + code, 0xF200 + code]
                    .into_iter()
                    .find_map(|c| s.glyph_index(c))
            })
        } else {
            None
        };
        found
            .or_else(|| find(1, 0).and_then(|s| s.glyph_index(code)))
            .filter(|g| g.0 != 0)
    }

    fn unicode_of(&self, gid: GlyphId) -> Option<char> {
        let by_gid = self.unicode_by_gid.get_or_init(|| {
            let mut by_gid = HashMap::new();
            self.unicode_mappings(|c, gid| {
                by_gid.entry(gid.0).or_insert(c);
            });
            by_gid
        });
        by_gid.get(&gid.0).copied()
    }

    /// Calls `f` for every (character, glyph) of the Unicode subtables, subtable by subtable
    /// and in code point order, skipping glyph 0 and control characters.
    ///
    /// ttf-parser's `Subtable::codepoints` walks each stored segment or group as it stands,
    /// so a damaged table of thousands of overlapping whole-range groups makes billions of
    /// calls (a fuzzed 240 KB file took minutes). Asking `glyph_index` for each code point
    /// the format can reach is bounded whatever the table claims: the Basic Multilingual
    /// Plane for the 16-bit formats, planes 0 to 3 (where every assigned ideograph and symbol
    /// lives) for the 32-bit ones.
    fn unicode_mappings(&self, mut f: impl FnMut(char, GlyphId)) {
        let Some(cmap) = &self.cmap else { return };
        for sub in cmap.subtables.into_iter().filter(|s| s.is_unicode()) {
            let last = match sub.format {
                cmap::Format::SegmentedCoverage(_)
                | cmap::Format::ManyToOneRangeMappings(_)
                | cmap::Format::TrimmedArray(_) => 0x3_FFFF,
                _ => 0xFFFF,
            };
            for cp in 0..=last {
                let (Some(gid), Some(c)) = (sub.glyph_index(cp), char::from_u32(cp)) else {
                    continue;
                };
                if gid.0 != 0 && !c.is_control() {
                    f(c, gid);
                }
            }
        }
    }

    fn gid_text(&self, gid: GlyphId) -> Option<String> {
        let name = self
            .post
            .as_ref()
            .and_then(|p| p.glyph_name(gid))
            .or_else(|| self.cff.as_ref().and_then(|c| c.glyph_name(gid)));
        name.and_then(glyph_name_to_text)
            .or_else(|| self.unicode_of(gid).map(String::from))
    }

    fn all_glyph_texts(&self, out: &mut Vec<(u32, String)>) {
        // Unicode cmaps first (gid -> char), then names for glyphs the cmap does not reach.
        self.unicode_mappings(|c, gid| {
            if out.len() < 1 << 17 {
                out.push((u32::from(gid.0), c.to_string()));
            }
        });
        if let Some(post) = &self.post {
            for (gid, name) in post.names().enumerate().take(1 << 16) {
                if let Some(text) = glyph_name_to_text(name) {
                    out.push((gid as u32, text));
                }
            }
        }
        if let Some(cff) = &self.cff {
            push_cff_names(cff, out);
        }
        // `glyph_texts` sorts stably and keeps the first per gid: cmap beats names.
    }
}

fn cff_encoding(data: &[u8]) -> Option<Vec<Option<String>>> {
    let table = cff::Table::parse(data)?;
    let names = (0..=255u8)
        .map(|code| {
            let gid = table.glyph_index(code).filter(|g| g.0 != 0)?;
            table.glyph_name(gid).map(str::to_owned)
        })
        .collect();
    Some(names)
}

fn cff_glyph_texts(data: &[u8], out: &mut Vec<(u32, String)>) {
    if let Some(table) = cff::Table::parse(data) {
        push_cff_names(&table, out);
    }
}

fn push_cff_names(table: &cff::Table, out: &mut Vec<(u32, String)>) {
    for gid in 1..table.number_of_glyphs() {
        if let Some(text) = table.glyph_name(GlyphId(gid)).and_then(glyph_name_to_text) {
            out.push((u32::from(gid), text));
        }
    }
}

/// Reads `/Encoding` from the cleartext part of a Type1 program: `StandardEncoding` (returns `None`: the
/// caller's standard base applies) or `dup <code> /<name> put` entries.
fn type1_encoding(data: &[u8]) -> Option<Vec<Option<String>>> {
    // PFB segment header, then the cleartext up to `eexec`.
    let data = if data.first() == Some(&0x80) {
        data.get(6..)?
    } else {
        data
    };
    let end = find(data, b"eexec").unwrap_or(data.len());
    let clear = &data[..end];
    let start = find(clear, b"/Encoding")?;
    let mut tokens = Lexer::new(&clear[start..]).skip(1);
    let mut names: Vec<Option<String>> = vec![None; 256];
    let mut window: [Option<Token>; 3] = [None, None, None];
    let mut any = false;
    for token in tokens.by_ref().take(4096) {
        match &token {
            Token::Word(b"StandardEncoding") if !any => return None,
            Token::Word(b"def") | Token::Word(b"readonly") if any => break,
            Token::Word(b"put") => {
                if let [Some(Token::Word(b"dup")), Some(Token::Number(code)), Some(Token::Name(name))] =
                    &window
                {
                    if (0.0..=255.0).contains(code) {
                        names[*code as usize] = Some(String::from_utf8_lossy(name).into_owned());
                        any = true;
                    }
                }
            }
            _ => {}
        }
        window = [window[1].take(), window[2].take(), Some(token)];
    }
    any.then_some(names)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An sfnt of two tables whose directory lists `post` before `cmap`
    /// (unsorted, as the Amyuni PDF Creator writes it), the cmap a Mac
    /// Roman (1, 0) table mapping code 0xE4 to glyph 74.
    fn unsorted_sfnt() -> Vec<u8> {
        let mut cmap = vec![0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 12];
        cmap.extend([0, 0, 1, 6, 0, 0]);
        let mut glyphs = [0u8; 256];
        glyphs[0xE4] = 74;
        cmap.extend(glyphs);
        let mut post = vec![0, 3, 0, 0];
        post.resize(32, 0);
        let mut font = vec![0, 1, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0];
        let post_at = 12 + 2 * 16;
        let cmap_at = post_at + post.len();
        for (tag, at, len) in [
            (b"post", post_at, post.len()),
            (b"cmap", cmap_at, cmap.len()),
        ] {
            font.extend(tag);
            font.extend([0; 4]);
            font.extend((at as u32).to_be_bytes());
            font.extend((len as u32).to_be_bytes());
        }
        font.extend(post);
        font.extend(cmap);
        font
    }

    #[test]
    fn tables_are_found_in_an_unsorted_directory() {
        let data = unsorted_sfnt();
        let sfnt = Sfnt::parse(&data).expect("an sfnt with a cmap");
        assert!(sfnt.cmap.is_some() && sfnt.post.is_some());
        assert_eq!(sfnt.code_to_gid(0xE4, true), Some(GlyphId(74)));
    }

    #[test]
    fn type1_cleartext_encoding() {
        let program = Program {
            kind: ProgramKind::Type1,
            data: b"%!PS-AdobeFont-1.0: Test\n/Encoding 256 array\n0 1 255 {1 index exch /.notdef put} for\n\
                    dup 32 /space put\ndup 65 /A put\ndup 66 /zero.pnum put\nreadonly def\ncurrentfile eexec \x01\x02"
                .to_vec(),
        };
        let names = program.builtin_glyph_names().unwrap();
        assert_eq!(names[32].as_deref(), Some("space"));
        assert_eq!(names[65].as_deref(), Some("A"));
        assert_eq!(names[66].as_deref(), Some("zero.pnum"));
        assert_eq!(names[67], None);
        let standard = Program {
            kind: ProgramKind::Type1,
            data: b"/FontName /X def /Encoding StandardEncoding def currentfile eexec".to_vec(),
        };
        assert!(standard.builtin_glyph_names().is_none());
    }

    #[test]
    fn truncated_programs_yield_nothing() {
        for kind in [ProgramKind::Type1, ProgramKind::Cff, ProgramKind::Sfnt] {
            for data in [
                &b""[..],
                b"\x01\x00\x04",
                b"\x00\x01\x00\x00\x00\x05",
                b"OTTO\xFF\xFF",
            ] {
                let program = Program {
                    kind,
                    data: data.to_vec(),
                };
                let _ = program.builtin_glyph_names();
                assert!(program
                    .truetype_code_texts(true)
                    .is_none_or(|v| v.iter().all(Option::is_none)));
                assert!(program.glyph_texts().is_empty());
            }
        }
    }
}
