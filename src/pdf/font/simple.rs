//! Simple fonts (Type1, MMType1, TrueType, Type3): one byte per code, everything resolved into two 256-entry
//! tables when the font is loaded, so decoding is an array index.
//!
//! Text precedence per code: ToUnicode, then the /Differences glyph name, then an explicitly named base
//! encoding, then the embedded program's built-in encoding (or TrueType cmap), then the font's standard base.
//! The /Differences-over-program order matters: subset Type1C fonts (SNP 2015, Labour 2005) carry a built-in
//! encoding unrelated to the codes the page uses.

use lopdf::{Dictionary, Document, Object};

use super::encoding::BaseEncoding;
use super::glyph_names::{glyph_name_text, glyph_name_to_text, numeric_name_code, DingbatsNames};
use super::lenient;
use super::program::{self, ProgramKind};
use super::std14::Std14;
use super::to_unicode::{Span, TextArena, ToUnicode};

/// FontDescriptor /Flags bit for symbolic fonts (PDF 32000-1, table 123).
const FLAG_SYMBOLIC: i64 = 1 << 2;

/// The decoded tables of a simple font.
#[derive(Debug)]
pub(crate) struct SimpleTables {
    arena: TextArena,
    text: Box<[Option<Span>; 256]>,
    /// Advance in text space for font size 1.
    widths: Box<[f64; 256]>,
}

impl SimpleTables {
    pub(crate) fn text(&self, code: u8) -> Option<&str> {
        self.text[usize::from(code)].and_then(|span| self.arena.get(span))
    }

    pub(crate) fn width(&self, code: u8) -> f64 {
        self.widths[usize::from(code)]
    }

    /// The median advance of the glyphs that have text and width (text
    /// space, size 1), if any do.
    pub(crate) fn median_advance(&self) -> Option<f64> {
        let mut advances: Vec<f64> = (0..=255u8)
            .filter(|&c| self.text(c).is_some_and(|t| !t.trim().is_empty()))
            .map(|c| self.width(c).abs())
            .filter(|&w| w > 0.0 && w.is_finite())
            .collect();
        advances.sort_by(f64::total_cmp);
        advances.get(advances.len() / 2).copied()
    }

    /// Advance of the glyph whose text is a space: code 32 when it is one, else the first code that is.
    pub(crate) fn space_width(&self) -> Option<f64> {
        std::iter::once(32u8)
            .chain(0..=255)
            .find(|&c| self.text(c) == Some(" ") && self.width(c) > 0.0)
            .map(|c| self.width(c))
    }
}

/// What a simple font's dictionary says, read leniently.
pub(crate) struct SimpleInput<'a> {
    pub(crate) doc: &'a Document,
    pub(crate) dict: &'a Dictionary,
    pub(crate) subtype: &'a [u8],
    pub(crate) base_name: &'a str,
    pub(crate) to_unicode: Option<&'a ToUnicode>,
    /// Horizontal scale from glyph space to text space: 0.001, or FontMatrix[0] for Type3.
    pub(crate) scale: f64,
}

/// Builds the tables; problems found along the way go to `issues`.
pub(crate) fn build(input: &SimpleInput, issues: &mut Vec<String>) -> SimpleTables {
    let SimpleInput { doc, dict, .. } = *input;
    let descriptor = lenient::dict(doc, dict, b"FontDescriptor");
    let flags = descriptor
        .and_then(|d| lenient::number_at(doc, d, b"Flags"))
        .map_or(0, |f| f as i64);
    let symbolic = flags & FLAG_SYMBOLIC != 0;
    let std14 = Std14::lookup(input.base_name);

    let (explicit_base, differences) = read_encoding(doc, dict, issues);
    // The embedded program is decoded only when some code would take its
    // text from it: inflating font programs was a twentieth of extraction
    // time, and most fonts name their base encoding.
    let needs_program = explicit_base.is_none()
        && (0..=255u8).any(|code| {
            differences[usize::from(code)].is_none()
                && input
                    .to_unicode
                    .and_then(|tu| tu.get(u32::from(code)))
                    .is_none()
        });
    let builtin = if needs_program {
        let program = descriptor.and_then(|d| program::load(doc, d));
        builtin_texts(input, program.as_ref(), symbolic)
    } else {
        None
    };
    let fallback_base = match (std14, input.subtype) {
        (Some(std14), _) => std14.builtin_encoding(),
        (None, b"TrueType") if !symbolic => BaseEncoding::WinAnsi,
        _ => BaseEncoding::Standard,
    };

    let dingbats = if input.base_name.to_ascii_lowercase().contains("dingbats") {
        DingbatsNames::Read
    } else {
        DingbatsNames::Ignore
    };
    // A numeric name ("a224" at code 224) stands for its code in the
    // encoding named, else in WinAnsi (Latin-1 above 0xA0, as TeX's T1
    // fonts and most Type3 producers lay their codes out).
    let numeric_base = explicit_base.unwrap_or(BaseEncoding::WinAnsi);

    let mut arena = TextArena::default();
    let mut text: Box<[Option<Span>; 256]> = Box::new([None; 256]);
    let mut char_buf = [0u8; 4];
    for code in 0..=255u8 {
        let i = usize::from(code);
        let from_cmap = input.to_unicode.and_then(|tu| tu.get(u32::from(code)));
        text[i] = if let Some(t) = from_cmap {
            arena.push(t)
        } else if let Some(name) = &differences[i] {
            match glyph_name_text(name, dingbats) {
                Some(t) => arena.push(&t),
                None => numeric_name_code(name, code)
                    .and_then(|c| numeric_base.decode(c))
                    .and_then(|c| arena.push(c.encode_utf8(&mut char_buf))),
            }
        } else if let Some(base) = explicit_base {
            base.decode(code)
                .and_then(|c| arena.push(c.encode_utf8(&mut char_buf)))
        } else if let Some(t) = builtin.as_ref().and_then(|b| b[i].as_deref()) {
            arena.push(t)
        } else {
            fallback_base
                .decode(code)
                .and_then(|c| arena.push(c.encode_utf8(&mut char_buf)))
        };
    }

    let widths = read_widths(input, descriptor, std14, &arena, &text, issues);
    SimpleTables {
        arena,
        text,
        widths,
    }
}

/// The explicit base encoding (if named) and the /Differences glyph names.
fn read_encoding(
    doc: &Document,
    dict: &Dictionary,
    issues: &mut Vec<String>,
) -> (Option<BaseEncoding>, Vec<Option<String>>) {
    let mut differences = vec![None; 256];
    let Some(encoding) = lenient::get(doc, dict, b"Encoding") else {
        return (None, differences);
    };
    let base_name = match encoding {
        Object::Name(name) => Some(name.as_slice()),
        Object::Dictionary(d) => {
            if let Some(diffs) = lenient::array(doc, d, b"Differences") {
                read_differences(doc, diffs, &mut differences);
            }
            lenient::name(doc, d, b"BaseEncoding")
        }
        _ => {
            issues.push("/Encoding is neither a name nor a dictionary".into());
            None
        }
    };
    let base = base_name.and_then(|name| {
        let base = BaseEncoding::from_name(name);
        if base.is_none() {
            issues.push(format!(
                "unknown base encoding /{}",
                String::from_utf8_lossy(name)
            ));
        }
        base
    });
    (base, differences)
}

fn read_differences(doc: &Document, diffs: &[Object], out: &mut [Option<String>]) {
    let mut code: Option<usize> = None;
    for item in diffs {
        match lenient::deref(doc, item) {
            Some(Object::Integer(n)) => code = usize::try_from(*n).ok(),
            Some(Object::Real(n)) if *n >= 0.0 => code = Some(*n as usize),
            Some(Object::Name(name)) => {
                if let Some(c) = code {
                    if let Some(slot) = out.get_mut(c) {
                        *slot = Some(String::from_utf8_lossy(name).into_owned());
                    }
                    code = c.checked_add(1);
                }
            }
            _ => {}
        }
    }
}

/// Per-code text from the embedded program: its built-in encoding (Type1, CFF) or cmap (TrueType).
fn builtin_texts(
    input: &SimpleInput,
    program: Option<&program::Program>,
    symbolic: bool,
) -> Option<Vec<Option<String>>> {
    let program = program?;
    if input.subtype == b"TrueType" && program.kind == ProgramKind::Sfnt {
        return program.truetype_code_texts(symbolic);
    }
    let names = program.builtin_glyph_names()?;
    Some(
        names
            .iter()
            .map(|n| n.as_deref().and_then(glyph_name_to_text))
            .collect(),
    )
}

fn read_widths(
    input: &SimpleInput,
    descriptor: Option<&Dictionary>,
    std14: Option<Std14>,
    arena: &TextArena,
    text: &[Option<Span>; 256],
    issues: &mut Vec<String>,
) -> Box<[f64; 256]> {
    let SimpleInput { doc, dict, .. } = *input;
    let missing = descriptor
        .and_then(|d| lenient::number_at(doc, d, b"MissingWidth"))
        .unwrap_or(0.0);
    let mut widths: Box<[f64; 256]> = Box::new([missing; 256]);
    if let Some(array) = lenient::array(doc, dict, b"Widths") {
        let first = lenient::number_at(doc, dict, b"FirstChar").unwrap_or(0.0);
        if !(0.0..=255.0).contains(&first) {
            issues.push(format!("/FirstChar {first} out of range"));
        }
        let first = first as i64;
        for (code, slot) in widths.iter_mut().enumerate() {
            let index = code as i64 - first;
            let value = usize::try_from(index).ok().and_then(|i| array.get(i));
            if let Some(w) = value.and_then(|v| lenient::number(doc, v)) {
                *slot = w;
            }
        }
    } else if let Some(std14) = std14 {
        for (code, slot) in widths.iter_mut().enumerate() {
            let t = text[code].and_then(|s| arena.get(s));
            if let Some(w) = std14.width(code as u8, t) {
                *slot = w;
            }
        }
    } else if input.subtype != b"Type3" {
        issues.push("no /Widths and not a standard font: widths guessed".into());
        let guess = descriptor
            .and_then(|d| lenient::number_at(doc, d, b"AvgWidth"))
            .filter(|w| *w > 0.0)
            .unwrap_or(500.0);
        widths
            .iter_mut()
            .filter(|w| **w <= 0.0)
            .for_each(|w| *w = guess);
    }
    for w in widths.iter_mut() {
        *w *= input.scale;
    }
    widths
}
