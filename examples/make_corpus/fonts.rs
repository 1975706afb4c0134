//! Glyph widths, text encoding and font objects for the corpus generator: the standard-14 fonts
//! (not embedded, WinAnsiEncoding) and an embedded TrueType subset (Type0, Identity-H).
//!
//! The standard-font widths are the Adobe AFM advance widths (in 1/1000 em) for the characters the
//! manifestos use; they are written out here because a PDF that does not embed a standard font
//! relies on every reader knowing exactly these numbers.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io;

use lopdf::{dictionary, Document, Object, ObjectId};

/// Which of a document's two fonts a line uses.
#[derive(Clone, Copy, PartialEq, Debug)]
pub enum Face {
    Regular,
    Bold,
}

impl Face {
    /// The resource name the content stream uses for this face.
    pub fn resource(self) -> &'static str {
        match self {
            Face::Regular => "/F1",
            Face::Bold => "/F2",
        }
    }
}

/// AFM widths of one standard-14 font: ASCII 32..=126, then the WinAnsi codes above 127 we use.
pub struct StdWidths {
    name: &'static str,
    ascii: [u16; 95],
    extra: [(u8, u16); 10],
}

pub const HELVETICA: StdWidths = StdWidths {
    name: "Helvetica",
    ascii: [
        278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, //
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, //
        1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, //
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, //
        333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, //
        556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
    ],
    extra: [
        (0x91, 222),
        (0x92, 222),
        (0x93, 333),
        (0x94, 333),
        (0x95, 350),
        (0x96, 556),
        (0x97, 1000),
        (0xa3, 556),
        (0xb7, 278),
        (0xe9, 556),
    ],
};

pub const HELVETICA_BOLD: StdWidths = StdWidths {
    name: "Helvetica-Bold",
    ascii: [
        278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, //
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611, //
        975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778, //
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556, //
        333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611, //
        611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
    ],
    extra: [
        (0x91, 278),
        (0x92, 278),
        (0x93, 500),
        (0x94, 500),
        (0x95, 350),
        (0x96, 556),
        (0x97, 1000),
        (0xa3, 556),
        (0xb7, 278),
        (0xe9, 556),
    ],
};

pub const TIMES_ROMAN: StdWidths = StdWidths {
    name: "Times-Roman",
    ascii: [
        250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278, //
        500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444, //
        921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, //
        556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500, //
        333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500, //
        500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541,
    ],
    extra: [
        (0x91, 333),
        (0x92, 333),
        (0x93, 444),
        (0x94, 444),
        (0x95, 350),
        (0x96, 500),
        (0x97, 1000),
        (0xa3, 500),
        (0xb7, 250),
        (0xe9, 444),
    ],
};

pub const TIMES_BOLD: StdWidths = StdWidths {
    name: "Times-Bold",
    ascii: [
        250, 333, 555, 500, 500, 1000, 833, 278, 333, 333, 500, 570, 250, 333, 250, 278, //
        500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 333, 333, 570, 570, 570, 500, //
        930, 722, 667, 722, 722, 667, 611, 778, 778, 389, 500, 778, 667, 944, 722, 778, //
        611, 778, 722, 556, 667, 722, 722, 1000, 722, 722, 667, 333, 278, 333, 581, 500, //
        333, 500, 556, 444, 556, 444, 333, 500, 556, 278, 333, 556, 278, 833, 556, 500, //
        556, 556, 444, 389, 333, 556, 500, 722, 500, 500, 444, 394, 220, 394, 520,
    ],
    extra: [
        (0x91, 333),
        (0x92, 333),
        (0x93, 500),
        (0x94, 500),
        (0x95, 350),
        (0x96, 500),
        (0x97, 1000),
        (0xa3, 500),
        (0xb7, 250),
        (0xe9, 444),
    ],
};

/// Kerning pairs (1/1000 em, negative = tighter) of the kind a typesetter applies to Times; the
/// values are modest, in the range of the Times-Roman AFM's own pairs.
const KERN_PAIRS: [(char, char, i32); 12] = [
    ('A', 'V', -135),
    ('A', 'W', -90),
    ('T', 'a', -70),
    ('T', 'e', -70),
    ('T', 'o', -80),
    ('V', 'a', -111),
    ('W', 'a', -80),
    ('W', 'e', -92),
    ('Y', 'o', -110),
    ('r', '.', -55),
    ('y', '.', -65),
    ('v', 'e', -15),
];

fn kern(a: char, b: char) -> i32 {
    KERN_PAIRS
        .iter()
        .find(|(x, y, _)| *x == a && *y == b)
        .map_or(0, |p| p.2)
}

/// The WinAnsiEncoding code of a character, for the characters the widths above cover.
fn winansi(c: char) -> Option<u8> {
    match c {
        ' '..='~' => u8::try_from(u32::from(c)).ok(),
        '\u{2018}' => Some(0x91),
        '\u{2019}' => Some(0x92),
        '\u{201c}' => Some(0x93),
        '\u{201d}' => Some(0x94),
        '\u{2022}' => Some(0x95),
        '\u{2013}' => Some(0x96),
        '\u{2014}' => Some(0x97),
        '\u{a3}' => Some(0xa3),
        '\u{b7}' => Some(0xb7),
        '\u{e9}' => Some(0xe9),
        _ => None,
    }
}

impl StdWidths {
    fn code_width(&self, c: char) -> io::Result<(u8, u16)> {
        let code = winansi(c).ok_or_else(|| unsupported(c, self.name))?;
        let width = match code {
            32..=126 => self.ascii[usize::from(code - 32)],
            _ => self
                .extra
                .iter()
                .find(|e| e.0 == code)
                .map(|e| e.1)
                .ok_or_else(|| unsupported(c, self.name))?,
        };
        Ok((code, width))
    }
}

fn unsupported(c: char, font: &str) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!(
            "character {c:?} (U+{:04X}) is not available in {font}",
            u32::from(c)
        ),
    )
}

/// An embedded TrueType font: its bytes, metrics, and the glyphs the document has shown (which
/// go into `/W` and the ToUnicode CMap).
pub struct TrueType {
    data: &'static [u8],
    face: ttf_parser::Face<'static>,
    tag: &'static str,
    used: RefCell<BTreeMap<u16, char>>,
}

impl TrueType {
    fn parse(data: &'static [u8], tag: &'static str) -> io::Result<Self> {
        let face = ttf_parser::Face::parse(data, 0)
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, format!("bad font: {e}")))?;
        Ok(TrueType {
            data,
            face,
            tag,
            used: RefCell::new(BTreeMap::new()),
        })
    }

    fn ps_name(&self) -> String {
        let name = self
            .face
            .names()
            .into_iter()
            .find(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME)
            .and_then(|n| n.to_string());
        format!("{}+{}", self.tag, name.unwrap_or_else(|| "Embedded".into()))
    }

    fn scale(&self, units: i32) -> i64 {
        (f64::from(units) * 1000.0 / f64::from(self.face.units_per_em())).round() as i64
    }

    fn glyph(&self, c: char) -> io::Result<(u16, i64)> {
        let gid = self
            .face
            .glyph_index(c)
            .ok_or_else(|| unsupported(c, "the embedded font"))?;
        let advance = self.face.glyph_hor_advance(gid).unwrap_or(0);
        Ok((gid.0, self.scale(i32::from(advance))))
    }

    fn to_unicode(&self) -> Vec<u8> {
        let used = self.used.borrow();
        let mut cmap = String::from(
            "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
             /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
             /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
             1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
        );
        let entries: Vec<_> = used.iter().collect();
        for chunk in entries.chunks(100) {
            let _ = writeln!(cmap, "{} beginbfchar", chunk.len());
            for (gid, c) in chunk {
                let mut units = [0u16; 2];
                let hex: String = c
                    .encode_utf16(&mut units)
                    .iter()
                    .map(|u| format!("{u:04X}"))
                    .collect();
                let _ = writeln!(cmap, "<{gid:04X}> <{hex}>");
            }
            cmap.push_str("endbfchar\n");
        }
        cmap.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
        cmap.into_bytes()
    }

    /// `/W` as runs of consecutive glyph ids: `[first [w w w] first [w] ...]`.
    fn w_array(&self) -> io::Result<Vec<Object>> {
        let mut out: Vec<Object> = Vec::new();
        let mut run: Option<(u16, Vec<Object>)> = None;
        for (&gid, &c) in self.used.borrow().iter() {
            let width = self.glyph(c)?.1;
            match &mut run {
                Some((first, widths)) if usize::from(*first) + widths.len() == usize::from(gid) => {
                    widths.push(width.into())
                }
                _ => {
                    if let Some((first, widths)) = run.take() {
                        out.extend([i64::from(first).into(), Object::Array(widths)]);
                    }
                    run = Some((gid, vec![width.into()]));
                }
            }
        }
        if let Some((first, widths)) = run {
            out.extend([i64::from(first).into(), Object::Array(widths)]);
        }
        Ok(out)
    }

    fn object(&self, doc: &mut Document, compress: bool) -> io::Result<ObjectId> {
        let name = self.ps_name();
        let file_dict = dictionary! { "Length1" => self.data.len() as i64 };
        let file = super::pdf::add_stream(doc, file_dict, self.data.to_vec(), compress)?;
        let bbox = self.face.global_bounding_box();
        let bbox: Vec<Object> = [bbox.x_min, bbox.y_min, bbox.x_max, bbox.y_max]
            .iter()
            .map(|v| self.scale(i32::from(*v)).into())
            .collect();
        let descriptor = doc.add_object(dictionary! {
            "Type" => "FontDescriptor",
            "FontName" => Object::Name(name.clone().into_bytes()),
            "Flags" => 34,
            "FontBBox" => bbox,
            "ItalicAngle" => 0,
            "Ascent" => self.scale(i32::from(self.face.ascender())),
            "Descent" => self.scale(i32::from(self.face.descender())),
            "CapHeight" => self.scale(i32::from(self.face.capital_height().unwrap_or(self.face.ascender()))),
            "StemV" => 80,
            "FontFile2" => file,
        });
        let cid_font = doc.add_object(dictionary! {
            "Type" => "Font",
            "Subtype" => "CIDFontType2",
            "BaseFont" => Object::Name(name.clone().into_bytes()),
            "CIDSystemInfo" => dictionary! {
                "Registry" => Object::string_literal("Adobe"),
                "Ordering" => Object::string_literal("Identity"),
                "Supplement" => 0,
            },
            "FontDescriptor" => descriptor,
            "DW" => 1000,
            "W" => self.w_array()?,
            "CIDToGIDMap" => "Identity",
        });
        let to_unicode = super::pdf::add_stream(doc, dictionary! {}, self.to_unicode(), compress)?;
        Ok(doc.add_object(dictionary! {
            "Type" => "Font",
            "Subtype" => "Type0",
            "BaseFont" => Object::Name(name.into_bytes()),
            "Encoding" => "Identity-H",
            "DescendantFonts" => vec![cid_font.into()],
            "ToUnicode" => to_unicode,
        }))
    }
}

/// The two fonts of one document, with what is needed to measure and show text in them.
pub enum Metrics {
    Standard {
        regular: &'static StdWidths,
        bold: &'static StdWidths,
        kerning: bool,
    },
    Embedded {
        regular: Box<TrueType>,
        bold: Box<TrueType>,
    },
}

impl Metrics {
    pub fn standard(regular: &'static StdWidths, bold: &'static StdWidths) -> Self {
        Metrics::Standard {
            regular,
            bold,
            kerning: false,
        }
    }

    pub fn embedded(regular: &'static [u8], bold: &'static [u8]) -> io::Result<Self> {
        Ok(Metrics::Embedded {
            regular: Box::new(TrueType::parse(regular, "MMSHPA")?),
            bold: Box::new(TrueType::parse(bold, "MMSHPB")?),
        })
    }

    pub fn with_kerning(self) -> Self {
        match self {
            Metrics::Standard { regular, bold, .. } => Metrics::Standard {
                regular,
                bold,
                kerning: true,
            },
            other => other,
        }
    }

    fn std(&self, face: Face) -> Option<(&StdWidths, bool)> {
        match (self, face) {
            (
                Metrics::Standard {
                    regular, kerning, ..
                },
                Face::Regular,
            ) => Some((regular, *kerning)),
            (Metrics::Standard { bold, kerning, .. }, Face::Bold) => Some((bold, *kerning)),
            _ => None,
        }
    }

    fn truetype(&self, face: Face) -> Option<&TrueType> {
        match (self, face) {
            (Metrics::Embedded { regular, .. }, Face::Regular) => Some(regular),
            (Metrics::Embedded { bold, .. }, Face::Bold) => Some(bold),
            _ => None,
        }
    }

    /// The advance of `text` in 1/1000 em, kerning included; fails on a character the font lacks.
    pub fn width(&self, face: Face, text: &str) -> io::Result<f64> {
        let mut total = 0i64;
        if let Some((widths, kerning)) = self.std(face) {
            let mut prev = None;
            for c in text.chars() {
                total += i64::from(widths.code_width(c)?.1);
                if let (Some(p), true) = (prev, kerning) {
                    total += i64::from(kern(p, c));
                }
                prev = Some(c);
            }
        } else if let Some(tt) = self.truetype(face) {
            for c in text.chars() {
                total += tt.glyph(c)?.1;
            }
        }
        Ok(total as f64)
    }

    /// A string operand for `Tj`: a literal with octal escapes for WinAnsi bytes above 127, or a
    /// hex string of two-byte glyph ids for the embedded font.
    pub fn show(&self, face: Face, text: &str) -> io::Result<String> {
        if let Some((widths, _)) = self.std(face) {
            let mut out = String::from("(");
            for c in text.chars() {
                push_literal_byte(&mut out, widths.code_width(c)?.0);
            }
            out.push(')');
            Ok(out)
        } else if let Some(tt) = self.truetype(face) {
            let mut out = String::from("<");
            for c in text.chars() {
                let gid = tt.glyph(c)?.0;
                tt.used.borrow_mut().insert(gid, c);
                let _ = write!(out, "{gid:04X}");
            }
            out.push('>');
            Ok(out)
        } else {
            Ok("()".into())
        }
    }

    /// A `TJ` array with a kerning number wherever a pair kerns, e.g. `[(W)92(e will)]`.
    pub fn show_kerned(&self, face: Face, text: &str) -> io::Result<String> {
        let Some((widths, kerning)) = self.std(face) else {
            return Ok(format!("[{}]", self.show(face, text)?));
        };
        let mut out = String::from("[(");
        let mut prev = None;
        for c in text.chars() {
            if let Some(p) = prev {
                let k = if kerning { kern(p, c) } else { 0 };
                if k != 0 {
                    let _ = write!(out, "){}(", -k);
                }
            }
            push_literal_byte(&mut out, widths.code_width(c)?.0);
            prev = Some(c);
        }
        out.push_str(")]");
        Ok(out)
    }

    /// Adds the font's objects to `doc`; call after every page's text has been shown.
    pub fn font_object(
        &self,
        doc: &mut Document,
        face: Face,
        compress: bool,
    ) -> io::Result<ObjectId> {
        if let Some((widths, _)) = self.std(face) {
            return Ok(doc.add_object(dictionary! {
                "Type" => "Font",
                "Subtype" => "Type1",
                "BaseFont" => Object::Name(widths.name.as_bytes().to_vec()),
                "Encoding" => "WinAnsiEncoding",
            }));
        }
        match self.truetype(face) {
            Some(tt) => tt.object(doc, compress),
            None => Ok(doc.add_object(Object::Null)),
        }
    }
}

fn push_literal_byte(out: &mut String, b: u8) {
    match b {
        b'(' | b')' | b'\\' => {
            out.push('\\');
            out.push(char::from(b));
        }
        32..=126 => out.push(char::from(b)),
        _ => {
            let _ = write!(out, "\\{b:03o}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn winansi_text_is_escaped_and_measured() {
        let m = Metrics::standard(&HELVETICA, &HELVETICA_BOLD);
        assert_eq!(
            m.show(Face::Regular, "\u{201c}£5 (a\\b)\u{201d}").unwrap(),
            "(\\223\\2435 \\(a\\\\b\\)\\224)"
        );
        assert_eq!(m.width(Face::Regular, "Hi").unwrap(), 722.0 + 222.0);
        assert!(m.width(Face::Regular, "\u{4e2d}").is_err());
    }

    #[test]
    fn kerned_tj_matches_kerned_width() {
        let m = Metrics::standard(&TIMES_ROMAN, &TIMES_BOLD).with_kerning();
        assert_eq!(
            m.show_kerned(Face::Regular, "We To").unwrap(),
            "[(W)92(e T)80(o)]"
        );
        assert_eq!(m.width(Face::Regular, "We").unwrap(), 944.0 + 444.0 - 92.0);
    }
}
