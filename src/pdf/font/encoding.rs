//! The base encodings of simple fonts: a one-byte code to a character.
//!
//! Standard, WinAnsi, MacRoman, MacExpert, Symbol and ZapfDingbats come from the `pdf_encoding` crate;
//! PDFDocEncoding (used by some producers as a font's /BaseEncoding) is not in it, so its upper half is
//! written out here from the PDF specification, annex D.

/// A named single-byte encoding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum BaseEncoding {
    Standard,
    WinAnsi,
    MacRoman,
    MacExpert,
    PdfDoc,
    Symbol,
    ZapfDingbats,
}

impl BaseEncoding {
    /// Parses an /Encoding or /BaseEncoding name.
    pub(crate) fn from_name(name: &[u8]) -> Option<BaseEncoding> {
        Some(match name {
            b"StandardEncoding" => BaseEncoding::Standard,
            b"WinAnsiEncoding" => BaseEncoding::WinAnsi,
            b"MacRomanEncoding" => BaseEncoding::MacRoman,
            b"MacExpertEncoding" => BaseEncoding::MacExpert,
            b"PDFDocEncoding" => BaseEncoding::PdfDoc,
            b"SymbolEncoding" => BaseEncoding::Symbol,
            b"ZapfDingbatsEncoding" => BaseEncoding::ZapfDingbats,
            _ => return None,
        })
    }

    /// The character a code stands for, if the encoding defines one.
    pub(crate) fn decode(self, code: u8) -> Option<char> {
        let c = match self {
            BaseEncoding::Standard => pdf_encoding::STANDARD.get(code),
            BaseEncoding::WinAnsi => win_ansi(code),
            BaseEncoding::MacRoman => pdf_encoding::MACROMAN.get(code),
            BaseEncoding::MacExpert => pdf_encoding::MACEXPERT.get(code),
            BaseEncoding::PdfDoc => pdf_doc(code),
            BaseEncoding::Symbol => pdf_encoding::SYMBOL.get(code),
            BaseEncoding::ZapfDingbats => pdf_encoding::ZDINGBAT.get(code),
        }?;
        // The crate's tables give U+00A0 for the space and U+00AD for the hyphen (code 0x20, 0x2D) of the
        // Adobe encodings; as text both are the plain characters.
        let c = match c {
            '\u{A0}' => ' ',
            '\u{AD}' => '-',
            c => c,
        };
        (!c.is_control() && c != '\u{FFFD}').then_some(c)
    }
}

/// WinAnsi as PDF readers treat it: the crate's table, plus the undefined codes the PDF spec (annex D, note 5)
/// says display as bullets.
fn win_ansi(code: u8) -> Option<char> {
    match code {
        0x7F | 0x81 | 0x8D | 0x8F | 0x90 | 0x9D => Some('\u{2022}'),
        _ => pdf_encoding::WINANSI.get(code),
    }
}

/// PDFDocEncoding, PDF 1.7 annex D.2. The lower half is ASCII except the accent block at 0x18-0x1F.
fn pdf_doc(code: u8) -> Option<char> {
    const ACCENTS: [u16; 8] = [
        0x02D8, 0x02C7, 0x02C6, 0x02D9, 0x02DD, 0x02DB, 0x02DA, 0x02DC,
    ];
    const HIGH: [u16; 32] = [
        0x2022, 0x2020, 0x2021, 0x2026, 0x2014, 0x2013, 0x0192, 0x2044, 0x2039, 0x203A, 0x2212,
        0x2030, 0x201E, 0x201C, 0x201D, 0x2018, 0x2019, 0x201A, 0x2122, 0xFB01, 0xFB02, 0x0141,
        0x0152, 0x0160, 0x0178, 0x017D, 0x0131, 0x0142, 0x0153, 0x0161, 0x017E, 0x0000,
    ];
    let value = match code {
        0x18..=0x1F => ACCENTS[usize::from(code - 0x18)],
        0x20..=0x7E => u16::from(code),
        0x80..=0x9F => HIGH[usize::from(code - 0x80)],
        0xA0 => 0x20AC,
        0xAD => 0,
        0xA1..=0xFF => u16::from(code),
        _ => 0,
    };
    if value == 0 {
        None
    } else {
        char::from_u32(u32::from(value))
    }
}

#[cfg(test)]
mod tests {
    use super::BaseEncoding::{self, *};

    #[test]
    fn names_parse() {
        assert_eq!(BaseEncoding::from_name(b"WinAnsiEncoding"), Some(WinAnsi));
        assert_eq!(BaseEncoding::from_name(b"PDFDocEncoding"), Some(PdfDoc));
        assert_eq!(BaseEncoding::from_name(b"Identity-H"), None);
    }

    #[test]
    fn tables_differ_where_they_should() {
        assert_eq!(Standard.decode(0x27), Some('\u{2019}'));
        assert_eq!(WinAnsi.decode(0x27), Some('\''));
        assert_eq!(WinAnsi.decode(0x93), Some('\u{201C}'));
        assert_eq!(MacRoman.decode(0x8E), Some('\u{E9}'));
        assert_eq!(Symbol.decode(0x61), Some('\u{3B1}'));
        assert_eq!(ZapfDingbats.decode(0x21), Some('\u{2701}'));
        assert_eq!(PdfDoc.decode(0x93), Some('\u{FB01}'));
        assert_eq!(PdfDoc.decode(0xA0), Some('\u{20AC}'));
        assert_eq!(PdfDoc.decode(0x9F), None);
        assert_eq!(Standard.decode(0x0A), None);
        assert_eq!(MacExpert.decode(0x20), Some(' '));
        assert_eq!(Standard.decode(0x20), Some(' '));
        assert_eq!(Standard.decode(0x2D), Some('-'));
        assert_eq!(WinAnsi.decode(0xA0), Some(' '));
    }
}
