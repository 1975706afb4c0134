//! Composite (Type0) fonts: codes of 1-4 bytes through an encoding CMap to CIDs, widths by CID (/W, /DW,
//! /W2, /DW2), and text from ToUnicode, from a Unicode-coded predefined CMap, from the CID of one of Adobe's CJK
//! collections (see [`cjk`](super::cjk)), or from the embedded program.
//!
//! Predefined CMaps: the classic CJK ones (H, V, EUC, 90ms-RKSJ, GB-EUC, B5pc, KSC-EUC) are embedded and read
//! whole (see [`cjk::predefined_cmap`]); the others are known by name only for what text needs: the code length
//! (codespace), whether the code is itself Unicode (Uni*-UCS2/UTF16/UTF32), and the writing mode. Their CID
//! tables are not shipped, so widths under those fall back to /DW.

use lopdf::{Dictionary, Document, Object};

use super::cjk::{self, Collection};
use super::cmap::{self, Codespace, CodespaceRange, ParsedCMap};
use super::lenient;
use super::program;
use super::to_unicode::{bmp_str, Span, TextArena};

/// Deepest chain of `/UseCMap` streams followed.
pub(crate) const MAX_USECMAP_DEPTH: usize = 4;

/// How codes become CIDs.
#[derive(Debug)]
enum CidMap {
    Identity,
    /// `(lo, hi, first cid)` sorted by `lo`.
    Ranges(Vec<(u32, u32, u32)>),
    /// A predefined CMap whose table we do not have.
    Unknown,
}

/// Whether the code itself is a Unicode value (predefined `Uni…` CMaps).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum UnicodeCodes {
    No,
    /// UCS-2 or UTF-32 code value.
    Scalar,
    /// UTF-16 code units, possibly a surrogate pair in one 4-byte code.
    Utf16,
}

/// Decoded tables of a Type0 font.
#[derive(Debug)]
pub(crate) struct CompositeTables {
    pub(crate) codespace: Codespace,
    pub(crate) vertical: bool,
    cids: CidMap,
    unicode_codes: UnicodeCodes,
    /// The CJK collection the CIDs belong to, from the CIDFont's /CIDSystemInfo.
    collection: Option<Collection>,
    cid_to_gid: Option<Vec<u16>>,
    arena: TextArena,
    /// Text per glyph id from the embedded program, sorted by gid.
    glyph_text: Vec<(u32, Span)>,
    /// `(lo, hi, width)` by CID, sorted by `lo`; width in text space for size 1.
    widths: Vec<(u32, u32, f64)>,
    default_width: f64,
    /// `(lo, hi, w1y)` by CID for vertical writing, text space.
    vertical_advances: Vec<(u32, u32, f64)>,
    default_vertical_advance: f64,
}

impl CompositeTables {
    pub(crate) fn cid(&self, code: u32) -> Option<u32> {
        match &self.cids {
            CidMap::Identity => Some(code),
            CidMap::Ranges(ranges) => {
                lookup_range(ranges, code).map(|(lo, first)| first + (code - lo))
            }
            CidMap::Unknown => None,
        }
    }

    /// Text when ToUnicode had none: from the code (Unicode CMaps), from the CID of a known collection, or from
    /// the embedded program's glyph.
    pub(crate) fn fallback_text(&self, code: u32) -> Option<&str> {
        match self.unicode_codes {
            UnicodeCodes::Scalar => return bmp_str(code),
            UnicodeCodes::Utf16 => return bmp_str(code),
            UnicodeCodes::No => {}
        }
        let cid = self.cid(code)?;
        if let Some(text) = self.collection.and_then(|c| c.text(cid)) {
            return Some(text);
        }
        let gid = match &self.cid_to_gid {
            Some(map) => u32::from(*map.get(usize::try_from(cid).ok()?)?),
            None => cid,
        };
        let i = self.glyph_text.binary_search_by_key(&gid, |e| e.0).ok()?;
        self.arena.get(self.glyph_text[i].1)
    }

    pub(crate) fn width(&self, code: u32) -> f64 {
        self.cid(code)
            .and_then(|cid| lookup_range(&self.widths, cid))
            .map_or(self.default_width, |(_, w)| w)
    }

    pub(crate) fn vertical_advance(&self, code: u32) -> f64 {
        self.cid(code)
            .and_then(|cid| lookup_range(&self.vertical_advances, cid))
            .map_or(self.default_vertical_advance, |(_, w)| w)
    }
}

/// The entry of `ranges` (sorted by `lo`) containing `key`, as `(lo, value)`.
fn lookup_range<T: Copy>(ranges: &[(u32, u32, T)], key: u32) -> Option<(u32, T)> {
    let i = ranges.partition_point(|r| r.0 <= key);
    ranges[..i]
        .iter()
        .rev()
        .take(8)
        .find(|r| key <= r.1)
        .map(|r| (r.0, r.2))
}

/// Builds the tables of a Type0 font whose descendant CIDFont is `cid_font`.
pub(crate) fn build(
    doc: &Document,
    type0: &Dictionary,
    cid_font: Option<&Dictionary>,
    want_program_text: bool,
    issues: &mut Vec<String>,
) -> CompositeTables {
    let mut tables = CompositeTables {
        codespace: Codespace::fixed(2),
        vertical: false,
        cids: CidMap::Identity,
        unicode_codes: UnicodeCodes::No,
        collection: None,
        cid_to_gid: None,
        arena: TextArena::default(),
        glyph_text: Vec::new(),
        widths: Vec::new(),
        default_width: 1.0,
        vertical_advances: Vec::new(),
        default_vertical_advance: -1.0,
    };
    match lenient::get(doc, type0, b"Encoding") {
        Some(Object::Name(name)) => {
            apply_predefined(&mut tables, &String::from_utf8_lossy(name), 0)
        }
        Some(Object::Stream(stream)) => {
            let chain = load_cmap_chain(doc, stream, issues);
            apply_stream_cmap(&mut tables, &chain, 0);
        }
        Some(_) => {
            issues.push("Type0 /Encoding is neither a name nor a stream: Identity-H assumed".into())
        }
        None => issues.push("Type0 font without /Encoding: Identity-H assumed".into()),
    }
    let Some(cid_font) = cid_font else {
        issues.push("Type0 font without a descendant CIDFont".into());
        return tables;
    };
    read_widths(doc, cid_font, &mut tables);
    tables.collection = read_collection(doc, cid_font);
    if want_program_text && tables.unicode_codes == UnicodeCodes::No {
        read_program_text(doc, cid_font, &mut tables);
    }
    tables
}

/// `depth` counts the predefined CMaps already followed through `usecmap`, so that no chain can loop.
fn apply_predefined(tables: &mut CompositeTables, name: &str, depth: usize) {
    tables.vertical = name.ends_with("-V");
    let ranges = |spec: &[(&[u8], &[u8])]| {
        Codespace::new(
            spec.iter()
                .filter_map(|(lo, hi)| CodespaceRange::new(lo, hi))
                .collect(),
        )
    };
    if name.starts_with("Identity-") {
        return;
    }
    if let Some(bytes) = cjk::predefined_cmap(name) {
        if depth < MAX_USECMAP_DEPTH {
            apply_stream_cmap(tables, &[cmap::parse(bytes)], depth + 1);
            return;
        }
    }
    tables.cids = CidMap::Unknown;
    if name.contains("UCS2") {
        tables.unicode_codes = UnicodeCodes::Scalar;
    } else if name.contains("UTF16") {
        tables.unicode_codes = UnicodeCodes::Utf16;
        tables.codespace = ranges(&[
            (&[0x00, 0x00], &[0xD7, 0xFF]),
            (&[0xE0, 0x00], &[0xFF, 0xFF]),
            (&[0xD8, 0x00, 0xDC, 0x00], &[0xDB, 0xFF, 0xDF, 0xFF]),
        ]);
    } else if name.contains("UTF32") {
        tables.unicode_codes = UnicodeCodes::Scalar;
        tables.codespace = Codespace::fixed(4);
    } else if name.contains("RKSJ") {
        tables.codespace = ranges(&[
            (&[0x00], &[0x80]),
            (&[0xA0], &[0xDF]),
            (&[0xFD], &[0xFF]),
            (&[0x81, 0x40], &[0x9F, 0xFC]),
            (&[0xE0, 0x40], &[0xFC, 0xFC]),
        ]);
    } else if name.contains("EUC") && !name.starts_with("GBK") {
        tables.codespace = ranges(&[
            (&[0x00], &[0x80]),
            (&[0x8E, 0xA0], &[0x8E, 0xDF]),
            (&[0xA1, 0xA1], &[0xFE, 0xFE]),
        ]);
    } else if name.starts_with("GBK") || name.contains("UHC") || name.contains("B5") {
        tables.codespace = ranges(&[(&[0x00], &[0x80]), (&[0x81, 0x40], &[0xFE, 0xFE])]);
    }
}

/// Loads a CMap stream and the streams it uses through `/UseCMap`, base first.
pub(crate) fn load_cmap_chain(
    doc: &Document,
    stream: &lopdf::Stream,
    issues: &mut Vec<String>,
) -> Vec<ParsedCMap> {
    let mut chain = Vec::new();
    let mut current = Some(stream);
    while let Some(s) = current.take() {
        if chain.len() > MAX_USECMAP_DEPTH {
            issues.push("usecmap chain too deep: truncated".into());
            break;
        }
        match lenient::stream_bytes(s) {
            Some(bytes) => chain.push(cmap::parse(&bytes)),
            None => issues.push("CMap stream does not decode".into()),
        }
        current = lenient::stream(doc, &s.dict, b"UseCMap");
    }
    chain.reverse();
    chain
}

fn apply_stream_cmap(tables: &mut CompositeTables, chain: &[ParsedCMap], depth: usize) {
    // A named base CMap (the `usecmap` operator or a /UseCMap name) supplies what the stream leaves out.
    if let Some(base) = chain.iter().find_map(|c| c.usecmap.as_deref()) {
        apply_predefined(tables, base, depth);
    }
    let codespace: Vec<CodespaceRange> = chain
        .iter()
        .flat_map(|c| c.codespace.iter().copied())
        .collect();
    if !codespace.is_empty() {
        tables.codespace = Codespace::new(codespace);
    }
    // Later CMaps of the chain override earlier ones, and the chain overrides its named base (V over H).
    let mut ranges = match &tables.cids {
        CidMap::Ranges(base) => base.clone(),
        _ => Vec::new(),
    };
    for cmap in chain {
        ranges = overlay(&ranges, &cmap.cid);
    }
    if !ranges.is_empty() {
        tables.cids = CidMap::Ranges(ranges);
    }
    if let Some(wmode) = chain.iter().rev().find_map(|c| c.wmode) {
        tables.vertical = wmode == 1;
    }
}

/// The Adobe CJK collection named by /CIDSystemInfo (strings per the spec; names accepted too).
fn read_collection(doc: &Document, cid_font: &Dictionary) -> Option<Collection> {
    let info = lenient::dict(doc, cid_font, b"CIDSystemInfo")?;
    let text = |key: &[u8]| match lenient::get(doc, info, key)? {
        Object::String(s, _) => Some(s.as_slice()),
        Object::Name(n) => Some(n.as_slice()),
        _ => None,
    };
    Collection::from_system_info(text(b"Registry")?, text(b"Ordering")?)
}

/// `base` with `top` laid over it, and within `top` a later entry over an earlier one (as a CMap interpreter
/// defines codes in order). Returns disjoint ranges sorted by `lo`, which is what [`lookup_range`] needs to
/// find the one answer for a code. A sweep over the range ends, so thousands of cidchar entries stay cheap.
fn overlay(base: &[(u32, u32, u32)], top: &[(u32, u32, u32)]) -> Vec<(u32, u32, u32)> {
    let entries: Vec<(u32, u32, u32)> = base.iter().chain(top).copied().collect();
    let mut by_lo: Vec<usize> = (0..entries.len()).collect();
    by_lo.sort_by_key(|&i| entries[i].0);
    if by_lo.windows(2).all(|w| entries[w[0]].1 < entries[w[1]].0) {
        return by_lo.into_iter().map(|i| entries[i]).collect();
    }
    let mut bounds: Vec<u64> = entries
        .iter()
        .flat_map(|e| [u64::from(e.0), u64::from(e.1) + 1])
        .collect();
    bounds.sort_unstable();
    bounds.dedup();
    // The entry covering a segment is the latest one (highest index) among those started and not yet ended.
    let mut open = std::collections::BinaryHeap::new();
    let mut next = 0;
    let mut out: Vec<(u32, u32, u32)> = Vec::new();
    let mut last_entry = usize::MAX;
    for pair in bounds.windows(2) {
        let (Ok(lo), Ok(hi)) = (u32::try_from(pair[0]), u32::try_from(pair[1] - 1)) else {
            break;
        };
        while let Some(&i) = by_lo.get(next).filter(|&&i| entries[i].0 <= lo) {
            open.push(i);
            next += 1;
        }
        while open.peek().is_some_and(|&i| entries[i].1 < lo) {
            open.pop();
        }
        let Some(&i) = open.peek() else {
            last_entry = usize::MAX;
            continue;
        };
        let (first, _, cid) = entries[i];
        match out.last_mut() {
            Some(prev) if last_entry == i && prev.1.checked_add(1) == Some(lo) => prev.1 = hi,
            _ => out.push((lo, hi, cid.saturating_add(lo - first))),
        }
        last_entry = i;
    }
    out
}

fn read_widths(doc: &Document, cid_font: &Dictionary, tables: &mut CompositeTables) {
    if let Some(dw) = lenient::number_at(doc, cid_font, b"DW") {
        tables.default_width = dw / 1000.0;
    }
    if let Some(w) = lenient::array(doc, cid_font, b"W") {
        tables.widths = read_cid_metrics(doc, w, 1)
            .into_iter()
            .map(|(lo, hi, v)| (lo, hi, v[0] / 1000.0))
            .collect();
    }
    if let Some(dw2) = lenient::array(doc, cid_font, b"DW2") {
        if let Some(w1y) = dw2.get(1).and_then(|o| lenient::number(doc, o)) {
            tables.default_vertical_advance = w1y / 1000.0;
        }
    }
    if let Some(w2) = lenient::array(doc, cid_font, b"W2") {
        tables.vertical_advances = read_cid_metrics(doc, w2, 3)
            .into_iter()
            .map(|(lo, hi, v)| (lo, hi, v[0] / 1000.0))
            .collect();
    }
}

/// Reads /W (`per` = 1) or /W2 (`per` = 3): `c [v…]` and `cfirst clast v…` forms mixed. Sorted by `lo`.
fn read_cid_metrics(doc: &Document, array: &[Object], per: usize) -> Vec<(u32, u32, [f64; 3])> {
    let mut out = Vec::new();
    let num = |o: &Object| lenient::number(doc, o);
    let to_cid = |v: f64| (v >= 0.0 && v <= f64::from(u32::MAX)).then_some(v as u32);
    let mut i = 0;
    while i < array.len() {
        let Some(first) = num(&array[i]).and_then(to_cid) else {
            i += 1;
            continue;
        };
        match array.get(i + 1).and_then(|o| lenient::deref(doc, o)) {
            Some(Object::Array(values)) => {
                let values: Vec<f64> = values.iter().map(|v| num(v).unwrap_or(0.0)).collect();
                for (k, chunk) in values.chunks_exact(per).enumerate() {
                    let Some(cid) = u32::try_from(k).ok().and_then(|k| first.checked_add(k)) else {
                        break;
                    };
                    let mut v = [0.0; 3];
                    v[..per].copy_from_slice(chunk);
                    out.push((cid, cid, v));
                }
                i += 2;
            }
            Some(_) => {
                let last = array.get(i + 1).and_then(num).and_then(to_cid);
                let values: Option<Vec<f64>> = (0..per)
                    .map(|k| array.get(i + 2 + k).and_then(num))
                    .collect();
                if let (Some(last), Some(values)) = (last, values) {
                    if first <= last {
                        let mut v = [0.0; 3];
                        v[..per].copy_from_slice(&values);
                        out.push((first, last, v));
                    }
                }
                i += 2 + per;
            }
            None => break,
        }
    }
    out.sort_by_key(|e| e.0);
    out
}

fn read_program_text(doc: &Document, cid_font: &Dictionary, tables: &mut CompositeTables) {
    let Some(program) =
        lenient::dict(doc, cid_font, b"FontDescriptor").and_then(|d| program::load(doc, d))
    else {
        return;
    };
    if let Some(stream) = lenient::stream(doc, cid_font, b"CIDToGIDMap") {
        if let Some(bytes) = lenient::stream_bytes(stream) {
            tables.cid_to_gid = Some(
                bytes
                    .chunks_exact(2)
                    .map(|p| u16::from_be_bytes([p[0], p[1]]))
                    .collect(),
            );
        }
    }
    for (gid, text) in program.glyph_texts() {
        if let Some(span) = tables.arena.push(&text) {
            tables.glyph_text.push((gid, span));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn w_both_forms() {
        let doc = Document::with_version("1.5");
        let w = vec![
            Object::Integer(1),
            Object::Array(vec![Object::Integer(500), Object::Real(250.0)]),
            Object::Integer(10),
            Object::Integer(20),
            Object::Integer(700),
            Object::Name(b"junk".to_vec()),
            Object::Integer(-5),
        ];
        let m = read_cid_metrics(&doc, &w, 1);
        assert_eq!(
            m.iter().map(|e| (e.0, e.1, e.2[0])).collect::<Vec<_>>(),
            vec![(1, 1, 500.0), (2, 2, 250.0), (10, 20, 700.0)]
        );
        let w2 = vec![
            Object::Integer(5),
            Object::Array(vec![
                Object::Integer(-900),
                Object::Integer(500),
                Object::Integer(880),
            ]),
            Object::Integer(7),
            Object::Integer(9),
            Object::Integer(-1000),
            Object::Integer(500),
            Object::Integer(880),
        ];
        let m2 = read_cid_metrics(&doc, &w2, 3);
        assert_eq!(m2.len(), 2);
        assert_eq!(m2[1], (7, 9, [-1000.0, 500.0, 880.0]));
    }

    #[test]
    fn predefined_names() {
        let doc = Document::with_version("1.5");
        let mut issues = Vec::new();
        let type0 = |enc: &str| {
            let mut d = Dictionary::new();
            d.set("Encoding", Object::Name(enc.as_bytes().to_vec()));
            d
        };
        let ucs2 = build(&doc, &type0("UniGB-UCS2-H"), None, false, &mut issues);
        assert_eq!(ucs2.codespace.next_code(b"\x4E\x2D"), Some((0x4E2D, 2)));
        assert_eq!(ucs2.fallback_text(0x4E2D), Some("\u{4E2D}"));
        assert!(!ucs2.vertical);
        let v = build(&doc, &type0("Identity-V"), None, false, &mut issues);
        assert!(v.vertical);
        assert_eq!(v.cid(0x1234), Some(0x1234));
        let sjis = build(&doc, &type0("90ms-RKSJ-H"), None, false, &mut issues);
        assert_eq!(sjis.codespace.next_code(b"A\x82\xA0"), Some((0x41, 1)));
        assert_eq!(sjis.codespace.next_code(b"\x82\xA0"), Some((0x82A0, 2)));
        let utf16 = build(&doc, &type0("UniJIS-UTF16-H"), None, false, &mut issues);
        assert_eq!(
            utf16.codespace.next_code(b"\xD8\x3D\xDE\x00"),
            Some((0xD83DDE00, 4))
        );
    }

    #[test]
    fn overlay_lets_the_later_range_win() {
        // Disjoint input comes back sorted.
        assert_eq!(
            overlay(&[(10, 19, 100)], &[(0, 4, 7)]),
            vec![(0, 4, 7), (10, 19, 100)]
        );
        // A vertical CMap's narrow range over its base's wide one splits the base and keeps its CIDs aligned.
        assert_eq!(
            overlay(&[(0x2121, 0x217E, 633)], &[(0x2122, 0x2123, 7887)]),
            vec![
                (0x2121, 0x2121, 633),
                (0x2122, 0x2123, 7887),
                (0x2124, 0x217E, 636)
            ]
        );
        // Within one CMap a later entry overrides an earlier one that starts after it.
        assert_eq!(
            overlay(&[], &[(20, 30, 1), (10, 25, 100)]),
            vec![(10, 25, 100), (26, 30, 7)]
        );
        assert_eq!(
            overlay(&[(0, u32::MAX, 0)], &[(u32::MAX, u32::MAX, 5)]),
            vec![(0, u32::MAX - 1, 0), (u32::MAX, u32::MAX, 5)]
        );
    }

    #[test]
    fn embedded_predefined_cmaps_give_cids() {
        let doc = Document::with_version("1.5");
        let mut issues = Vec::new();
        let type0 = |enc: &str| {
            let mut d = Dictionary::new();
            d.set("Encoding", Object::Name(enc.as_bytes().to_vec()));
            d
        };
        // JIS X 0208 row 4 is hiragana: <2421> <2473> 842 in H, which V uses and does not override.
        let v = build(&doc, &type0("V"), None, false, &mut issues);
        assert!(v.vertical);
        assert_eq!(v.codespace.next_code(b"\x24\x22"), Some((0x2422, 2)));
        assert_eq!(v.cid(0x2422), Some(843));
        // V's own range: the ideographic comma turns to its vertical form.
        assert_eq!(v.cid(0x2122), Some(7887));
        let sjis = build(&doc, &type0("90ms-RKSJ-H"), None, false, &mut issues);
        assert!(!sjis.vertical);
        assert_eq!(sjis.cid(0x82A0), Some(843));
        assert_eq!(sjis.cid(0x41), Some(264)); // half-width Roman
        let sjis_v = build(&doc, &type0("90ms-RKSJ-V"), None, false, &mut issues);
        assert!(sjis_v.vertical);
        assert_eq!(sjis_v.cid(0x82A0), Some(843));
        // No descendant was given; nothing else may be wrong.
        assert!(
            issues.iter().all(|i| i.contains("descendant")),
            "{issues:?}"
        );
    }
}
