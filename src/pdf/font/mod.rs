//! Fonts: from a /Font resource to character codes, their text and their advances.
//!
//! Takes lopdf objects, returns [`Font`]s shared through a per-document [`FontCache`]; knows nothing of content
//! streams, positions or layout. A font never fails to load: whatever is broken degrades (to StandardEncoding,
//! to default widths, to no text for a code) and the reason is kept in [`Font::issues`], so the interpreter can
//! count it.
//!
//! Text for a code, first that answers: the ToUnicode CMap; for simple fonts the /Differences glyph name, an
//! explicit base encoding, the embedded program's built-in encoding, the font's standard encoding; for Type0
//! fonts a Unicode-coded predefined CMap, the CID's character in an Adobe CJK collection, or the embedded
//! program's glyph names and cmap. A code that gets no text is `None`, never a guess: the caller shows a
//! placeholder and counts it.

mod cjk;
mod cmap;
mod cmap_lex;
mod composite;
mod encoding;
mod glyph_names;
mod lenient;
mod program;
mod simple;
mod std14;
#[rustfmt::skip]
mod std14_metrics;
mod to_unicode;

#[cfg(test)]
mod regression_tests;
#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::sync::Arc;

use lopdf::{Dictionary, Document, Object, ObjectId};

use composite::CompositeTables;
use simple::{SimpleInput, SimpleTables};
use to_unicode::ToUnicode;

/// The default FontMatrix of every font but Type3: 1000 glyph units per text-space unit.
const DEFAULT_FONT_MATRIX: [f64; 6] = [0.001, 0.0, 0.0, 0.001, 0.0, 0.0];

/// Fonts of one document, each parsed once.
///
/// Keyed by object id for indirect fonts; a direct font dictionary is keyed by its address inside the
/// `Document`, which is why a cache must serve one document only (it resets itself if handed another).
#[derive(Debug, Default)]
pub(crate) struct FontCache {
    by_id: HashMap<ObjectId, Arc<Font>>,
    by_address: HashMap<usize, Arc<Font>>,
    document: usize,
}

impl FontCache {
    pub(crate) fn new() -> FontCache {
        FontCache::default()
    }

    /// `font` is the value found in a /Font resource dictionary (an indirect Reference or a direct Dictionary).
    /// Never fails: a broken font degrades (e.g. to StandardEncoding + default widths) and records why.
    pub(crate) fn get(&mut self, doc: &Document, font: &Object) -> Arc<Font> {
        let document = doc as *const Document as usize;
        if document != self.document {
            self.by_id.clear();
            self.by_address.clear();
            self.document = document;
        }
        if let Object::Reference(object_id) = font {
            if let Some(found) = self.by_id.get(object_id) {
                return Arc::clone(found);
            }
            let loaded = Arc::new(Font::load(doc, doc.get_object(*object_id).ok()));
            self.by_id.insert(*object_id, Arc::clone(&loaded));
            return loaded;
        }
        let address = font as *const Object as usize;
        if let Some(found) = self.by_address.get(&address) {
            return Arc::clone(found);
        }
        let loaded = Arc::new(Font::load(doc, Some(font)));
        self.by_address.insert(address, Arc::clone(&loaded));
        loaded
    }

    /// Number of distinct fonts loaded so far.
    #[cfg_attr(not(test), allow(dead_code))] // diagnostics, read by the font tests
    pub(crate) fn len(&self) -> usize {
        self.by_id.len() + self.by_address.len()
    }
}

/// Picture fonts whose glyphs are bullets, arrows and ticks. Producers map
/// them to the letters of their codes ("w" for a Wingdings bullet, as in the
/// Liberal Democrats' 2015 and the Greens' 2017 manifestos), which would
/// otherwise read as stray one-letter words.
fn is_pictographic_font(base_name: &str) -> bool {
    let name = base_name.to_ascii_lowercase();
    ["wingdings", "webdings", "dingbats", "marlett"]
        .iter()
        .any(|family| name.contains(family))
}

/// A picture font's letter (or private-use code) becomes a bullet; real
/// Unicode symbols (ZapfDingbats' ✓ and ❖ through its glyph names) stay.
fn as_pictograph(text: &str) -> &str {
    let letter_like = text.chars().all(|c| {
        c.is_ascii_alphanumeric()
            || c.is_ascii_punctuation()
            || ('\u{E000}'..='\u{F8FF}').contains(&c)
    });
    if letter_like && !text.trim().is_empty() {
        "\u{2022}"
    } else {
        text
    }
}

/// The font program families of PDF, as far as text extraction cares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FontKind {
    /// Type1, MMType1, TrueType, or a missing/unknown /Subtype treated as Type1.
    Simple,
    /// Type3: glyphs are content streams; widths go through /FontMatrix.
    Type3,
    /// Type0 with a CIDFontType0 or CIDFontType2 descendant.
    Composite,
}

#[derive(Debug)]
enum Tables {
    Simple(SimpleTables),
    Composite(Box<CompositeTables>),
}

/// One loaded font. Shared (`Arc`) and immutable; decoding borrows from it without allocating.
#[derive(Debug)]
#[cfg_attr(not(test), allow(dead_code))] // kind, name and extent serve diagnostics and tests
pub(crate) struct Font {
    kind: FontKind,
    base_name: String,
    font_matrix: [f64; 6],
    to_unicode: Option<ToUnicode>,
    tables: Tables,
    space_width: Option<f64>,
    /// (ascent, descent) in text space for size 1.
    vertical_extent: (f64, f64),
    /// The em in text space for size 1: see [`Font::em`].
    em: f64,
    /// A picture font (Wingdings, ZapfDingbats, ...): see [`is_pictographic_font`].
    pictographic: bool,
    issues: Vec<String>,
}

/// The em of a Type3 font in text space for size 1. Type3 glyph space has
/// no fixed units per em: the usual FontMatrix is 0.001 for 1000 units, but
/// pdfTeX's bitmap fonts use about 0.01 for 100 and others 0.0042, so the
/// matrix alone can make a glyph ten times its real size (and then every
/// space of a line looks like letter spacing and repeated letters look like
/// fake bold). Text glyphs advance about half an em on the median, so the
/// em is twice the median advance; the matrix alone (as if 1000 units per
/// em) only when no glyph has both text and width.
fn type3_em(font_matrix: &[f64; 6], median_advance: Option<f64>) -> f64 {
    let from_matrix = font_matrix[2].hypot(font_matrix[3]) * 1000.0;
    match median_advance {
        Some(advance) if advance > 0.0 => 2.0 * advance,
        _ => from_matrix,
    }
    .max(f64::MIN_POSITIVE)
}

/// Ascent and descent assumed when the descriptor gives none (typical Latin text faces).
const DEFAULT_EXTENT: (f64, f64) = (0.75, -0.25);

/// One character code of a string operand, decoded.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct DecodedChar<'a> {
    /// The character code (1 byte for simple fonts, 1-4 for Type0).
    pub code: u32,
    /// The Unicode text for this code (may be several chars: ligatures "ffi" from ToUnicode). None when
    /// nothing could be recovered: the caller then emits a visible placeholder and counts it.
    pub text: Option<&'a str>,
    /// Advance in text space for font size 1 (w0/1000 for ordinary fonts).
    pub width: f64,
    /// True when this is a single-byte code 32 (word spacing Tw applies only to these, per the PDF spec).
    pub is_single_byte_space: bool,
}

impl Font {
    fn load(doc: &Document, obj: Option<&Object>) -> Font {
        let dict = obj
            .and_then(|o| lenient::deref(doc, o))
            .and_then(|o| match o {
                Object::Dictionary(d) => Some(d),
                Object::Stream(s) => Some(&s.dict),
                _ => None,
            });
        let Some(dict) = dict else {
            let mut font = Font::from_dict(doc, &Dictionary::new());
            font.issues
                .insert(0, "font resource is not a dictionary".into());
            return font;
        };
        Font::from_dict(doc, dict)
    }

    fn from_dict(doc: &Document, dict: &Dictionary) -> Font {
        if let Some(type0) = chinese_font_declared_win_ansi(doc, dict) {
            let mut font = Font::from_dict(doc, &type0);
            font.issues.insert(
                0,
                "a Chinese font declared WinAnsi: read as GB-EUC-H, as MuPDF reads it".into(),
            );
            return font;
        }
        let mut issues = Vec::new();
        let subtype = lenient::name(doc, dict, b"Subtype").unwrap_or(b"Type1");
        let kind = match subtype {
            b"Type0" => FontKind::Composite,
            b"Type3" => FontKind::Type3,
            b"Type1" | b"MMType1" | b"TrueType" => FontKind::Simple,
            other => {
                issues.push(format!(
                    "unknown font subtype /{}: read as Type1",
                    String::from_utf8_lossy(other)
                ));
                FontKind::Simple
            }
        };
        let raw_name = lenient::name(doc, dict, b"BaseFont")
            .or_else(|| lenient::name(doc, dict, b"Name"))
            .unwrap_or_default();
        let base_name = strip_subset_prefix(&String::from_utf8_lossy(raw_name)).to_owned();
        let to_unicode = load_to_unicode(doc, dict, &mut issues);
        let font_matrix = if kind == FontKind::Type3 {
            read_font_matrix(doc, dict, &mut issues)
        } else {
            DEFAULT_FONT_MATRIX
        };

        let descendant = lenient::array(doc, dict, b"DescendantFonts")
            .and_then(|a| a.first())
            .and_then(|o| lenient::deref(doc, o))
            .and_then(|o| o.as_dict().ok());
        let descriptor_owner = if kind == FontKind::Composite {
            descendant
        } else {
            Some(dict)
        };
        let vertical_extent = descriptor_owner
            .and_then(|d| lenient::dict(doc, d, b"FontDescriptor"))
            .map_or(DEFAULT_EXTENT, |d| read_extent(doc, d, font_matrix[3]));
        let tables = if kind == FontKind::Composite {
            // Even with a ToUnicode CMap: codes it leaves unmapped (or maps to a control character, as
            // Plaid 2015 does for its space glyph) fall back to the program's glyph names and cmap.
            let want_program_text = true;
            Tables::Composite(Box::new(composite::build(
                doc,
                dict,
                descendant,
                want_program_text,
                &mut issues,
            )))
        } else {
            let input = SimpleInput {
                doc,
                dict,
                subtype,
                base_name: &base_name,
                to_unicode: to_unicode.as_ref(),
                scale: font_matrix[0],
            };
            Tables::Simple(simple::build(&input, &mut issues))
        };
        let pictographic = is_pictographic_font(&base_name);
        let em = match (&tables, kind) {
            (Tables::Simple(t), FontKind::Type3) => type3_em(&font_matrix, t.median_advance()),
            _ => 1.0,
        };
        let mut font = Font {
            kind,
            base_name,
            font_matrix,
            to_unicode,
            tables,
            space_width: None,
            vertical_extent,
            em,
            pictographic,
            issues,
        };
        font.space_width = font.find_space_width();
        font
    }

    fn find_space_width(&self) -> Option<f64> {
        match &self.tables {
            Tables::Simple(t) => t.space_width(),
            Tables::Composite(t) => {
                let code = self
                    .to_unicode
                    .as_ref()
                    .and_then(|tu| tu.code_of(" "))
                    .or_else(|| {
                        // Identity-coded fonts whose glyph 32 or code 3 is the space are common, and CID 1 is
                        // the space of every Adobe CJK collection; only trust a code whose text is a space.
                        [0x20u32, 0x03, 0x01]
                            .into_iter()
                            .find(|&c| self.text_for(c) == Some(" "))
                    })?;
                let w = t.width(code);
                (w > 0.0).then_some(w)
            }
        }
    }

    fn text_for(&self, code: u32) -> Option<&str> {
        let text = self.mapped_text(code);
        if self.pictographic {
            // A picture font's glyph with no text (the Liberal Democrats'
            // 2015 index maps its Wingdings leader dots to a C1 control
            // character) is a picture all the same, unless it is the space.
            let simple_space = code == 0x20 && matches!(self.tables, Tables::Simple(_));
            return match text {
                Some(text) => Some(as_pictograph(text)),
                None => (!simple_space).then_some("\u{2022}"),
            };
        }
        text
    }

    fn mapped_text(&self, code: u32) -> Option<&str> {
        if let Some(text) = self.to_unicode.as_ref().and_then(|tu| tu.get(code)) {
            return Some(text);
        }
        match &self.tables {
            Tables::Simple(t) => u8::try_from(code).ok().and_then(|c| t.text(c)),
            Tables::Composite(t) => t.fallback_text(code),
        }
    }

    /// Splits a Tj/TJ string operand into character codes (1 byte for simple fonts; per the codespace ranges of
    /// the encoding CMap for Type0, e.g. 2 bytes for Identity-H) and decodes each.
    pub(crate) fn chars<'a>(
        &'a self,
        bytes: &'a [u8],
    ) -> impl Iterator<Item = DecodedChar<'a>> + 'a {
        let mut rest = bytes;
        std::iter::from_fn(move || {
            let (code, len) = match &self.tables {
                Tables::Simple(_) => (u32::from(*rest.first()?), 1),
                Tables::Composite(t) => t.codespace.next_code(rest)?,
            };
            rest = rest.get(len..).unwrap_or_default();
            Some(DecodedChar {
                code,
                text: self.text_for(code),
                width: self.width(code),
                is_single_byte_space: len == 1 && code == 32,
            })
        })
    }

    /// Horizontal advance for text-space font size 1 (i.e. /Widths value / 1000, or for Type3 the width
    /// through /FontMatrix). Also exposed on DecodedChar.
    pub(crate) fn width(&self, code: u32) -> f64 {
        match &self.tables {
            Tables::Simple(t) => u8::try_from(code).map_or(0.0, |c| t.width(c)),
            Tables::Composite(t) => t.width(code),
        }
    }

    /// Vertical advance (w1y, normally negative) for text-space font size 1, from /W2 and /DW2; meaningful
    /// when [`Font::is_vertical`]. Simple fonts answer the Type0 default, -1.
    pub(crate) fn vertical_advance(&self, code: u32) -> f64 {
        match &self.tables {
            Tables::Simple(_) => -1.0,
            Tables::Composite(t) => t.vertical_advance(code),
        }
    }

    /// Identity-V etc.
    pub(crate) fn is_vertical(&self) -> bool {
        matches!(&self.tables, Tables::Composite(t) if t.vertical)
    }

    /// /BaseFont without subset prefix "ABCDEF+"
    #[cfg_attr(not(test), allow(dead_code))] // diagnostics, read by the font tests
    pub(crate) fn base_name(&self) -> &str {
        &self.base_name
    }

    /// [0.001,0,0,0.001,0,0] except Type3
    #[cfg_attr(not(test), allow(dead_code))] // diagnostics, read by the font tests
    pub(crate) fn font_matrix(&self) -> [f64; 6] {
        self.font_matrix
    }

    /// The em in text space for font size 1: how big a glyph of this font
    /// is drawn at a given size, which word gaps and overprint tolerances
    /// are measured in. 1 for every font but Type3.
    pub(crate) fn em(&self) -> f64 {
        self.em
    }

    /// Advance of the space glyph if known (text space, size 1).
    #[cfg_attr(not(test), allow(dead_code))] // diagnostics, read by the font tests
    pub(crate) fn space_width(&self) -> Option<f64> {
        self.space_width
    }

    /// Ascent above the baseline in text space for size 1, from the FontDescriptor (0.75 if absent), for
    /// glyph boxes.
    #[cfg_attr(not(test), allow(dead_code))] // diagnostics, read by the font tests
    pub(crate) fn ascent(&self) -> f64 {
        self.vertical_extent.0
    }

    /// Descent (negative) in text space for size 1, from the FontDescriptor (-0.25 if absent).
    #[cfg_attr(not(test), allow(dead_code))] // diagnostics, read by the font tests
    pub(crate) fn descent(&self) -> f64 {
        self.vertical_extent.1
    }

    /// Which family of font this is.
    #[cfg_attr(not(test), allow(dead_code))] // diagnostics, read by the font tests
    pub(crate) fn kind(&self) -> FontKind {
        self.kind
    }

    /// What was wrong with the font and how it was degraded; empty for a healthy font.
    pub(crate) fn issues(&self) -> &[String] {
        &self.issues
    }
}

/// Some Chinese producers (S22PDF, Pdftools) write GB2312 text through a
/// simple font named after a Chinese system font and declare it WinAnsi, so
/// every character comes out as two Latin-1 letters. MuPDF reads these as
/// GB-EUC-H text of the Adobe-GB1 collection when the font's name is one of
/// the Chinese system fonts spelt in GBK and its descriptor gives the name
/// as a string (the producers' tell); so do we, by reading the font as the
/// Type0 font it should have been: double-byte characters one em wide,
/// single-byte ASCII half an em, as the declared widths have them.
fn chinese_font_declared_win_ansi(doc: &Document, dict: &Dictionary) -> Option<Dictionary> {
    use lopdf::dictionary;
    /// 宋体, 黑体, 楷体_GB2312, 仿宋_GB2312 and 隶书, in GBK.
    const NAMES: [&[u8]; 5] = [
        b"\xCB\xCE\xCC\xE5",
        b"\xBA\xDA\xCC\xE5",
        b"\xBF\xAC\xCC\xE5_GB2312",
        b"\xB7\xC2\xCB\xCE_GB2312",
        b"\xC1\xA5\xCA\xE9",
    ];
    if !matches!(
        lenient::name(doc, dict, b"Subtype"),
        Some(b"TrueType" | b"Type1")
    ) {
        return None;
    }
    let base = without_subset_tag(lenient::name(doc, dict, b"BaseFont")?);
    if !NAMES.contains(&base) {
        return None;
    }
    let descriptor_object = dict.get(b"FontDescriptor").ok()?.clone();
    let descriptor = lenient::dict(doc, dict, b"FontDescriptor")?;
    if !matches!(
        descriptor
            .get(b"FontName")
            .ok()
            .and_then(|o| lenient::deref(doc, o)),
        Some(Object::String(..))
    ) {
        return None;
    }
    let descendant = dictionary! {
        "Type" => "Font",
        "Subtype" => "CIDFontType2",
        "BaseFont" => Object::Name(base.to_vec()),
        "CIDSystemInfo" => dictionary! {
            "Registry" => Object::string_literal("Adobe"),
            "Ordering" => Object::string_literal("GB1"),
            "Supplement" => 2,
        },
        "FontDescriptor" => descriptor_object,
        "DW" => 1000,
        // GB-EUC-H sets single-byte ASCII at CIDs 814 to 907 and the
        // space at 7716.
        "W" => vec![814.into(), 907.into(), 500.into(), 7716.into(), 7716.into(), 500.into()],
    };
    Some(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type0",
        "BaseFont" => Object::Name(base.to_vec()),
        "Encoding" => "GB-EUC-H",
        "DescendantFonts" => vec![Object::Dictionary(descendant)],
    })
}

/// Drops a subset tag: exactly six uppercase letters and a plus sign.
fn strip_subset_prefix(name: &str) -> &str {
    // The tag is ASCII, so what is left starts on a character boundary.
    &name[name.len() - without_subset_tag(name.as_bytes()).len()..]
}

/// [`strip_subset_prefix`] of a name as raw bytes (a GBK-spelt one, say).
fn without_subset_tag(name: &[u8]) -> &[u8] {
    if name.len() > 7 && name[6] == b'+' && name[..6].iter().all(u8::is_ascii_uppercase) {
        &name[7..]
    } else {
        name
    }
}

fn load_to_unicode(
    doc: &Document,
    dict: &Dictionary,
    issues: &mut Vec<String>,
) -> Option<ToUnicode> {
    let stream = match lenient::get(doc, dict, b"ToUnicode")? {
        Object::Stream(s) => s,
        Object::Name(_) => return None, // /Identity-H and friends: nothing to read.
        _ => {
            issues.push("/ToUnicode is not a stream".into());
            return None;
        }
    };
    let chain = composite::load_cmap_chain(doc, stream, issues);
    let map = ToUnicode::build(chain.iter());
    if map.dropped > 0 {
        issues.push(format!("ToUnicode: {} unusable destinations", map.dropped));
    }
    let skipped: usize = chain.iter().map(|c| c.skipped).sum();
    if skipped > 0 {
        issues.push(format!("ToUnicode: {skipped} malformed entries skipped"));
    }
    if map.is_empty() {
        issues.push("ToUnicode maps nothing".into());
        return None;
    }
    Some(map)
}

/// /Ascent and /Descent scaled to text space; nonsense (zero height, inverted) gives the default.
fn read_extent(doc: &Document, descriptor: &Dictionary, scale: f64) -> (f64, f64) {
    let ascent = lenient::number_at(doc, descriptor, b"Ascent").map(|a| a * scale);
    let descent = lenient::number_at(doc, descriptor, b"Descent").map(|d| -(d * scale).abs());
    match (ascent, descent) {
        (Some(a), Some(d)) if a > 0.0 && a < 10.0 && d > -10.0 && a - d > 0.1 => (a, d),
        (Some(a), None) if a > 0.1 && a < 10.0 => (a, DEFAULT_EXTENT.1),
        _ => DEFAULT_EXTENT,
    }
}

fn read_font_matrix(doc: &Document, dict: &Dictionary, issues: &mut Vec<String>) -> [f64; 6] {
    let values: Option<Vec<f64>> = lenient::array(doc, dict, b"FontMatrix")
        .map(|a| {
            a.iter()
                .map(|o| lenient::number(doc, o))
                .collect::<Option<Vec<f64>>>()
        })
        .and_then(|v| v);
    match values.as_deref() {
        Some(&[a, b, c, d, e, f]) if a != 0.0 || b != 0.0 => [a, b, c, d, e, f],
        _ => {
            issues.push("Type3 font without a usable /FontMatrix: 0.001 assumed".into());
            DEFAULT_FONT_MATRIX
        }
    }
}
