//! Glyph name to Unicode, following the Adobe Glyph List specification.
//!
//! Takes a PostScript glyph name as found in /Differences, a CFF charset or a TrueType `post` table and returns
//! the text it stands for, or `None` when the name carries no text (`g123`, `cid00042`, `.notdef`). The list
//! itself comes from the `pdf_encoding` crate; the rules around it (suffixes, ligature underscores, `uniXXXX`,
//! `uXXXX`) are the AGL specification's, plus a few producer habits seen in real PDFs.

/// Whether ZapfDingbats names ("a71") are read as the Dingbats they name.
/// Only a Dingbats font means them so: TeX's and other producers' Type3
/// fonts name their glyphs `a` plus the character code ("a224" for "à").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DingbatsNames {
    Read,
    Ignore,
}

/// Maps a glyph name to its text, ZapfDingbats names included (for names
/// from a font program, whose own charset says what its glyphs are).
pub(crate) fn glyph_name_to_text(name: &str) -> Option<String> {
    glyph_name_text(name, DingbatsNames::Read)
}

/// Maps a glyph name to its text, reading ZapfDingbats names as `dingbats`
/// says.
pub(crate) fn glyph_name_text(name: &str, dingbats: DingbatsNames) -> Option<String> {
    // AGL rule 1: everything from the first period on is a variant suffix ("zero.pnum", "a.sc").
    let base = match name.find('.') {
        Some(0) => return None,
        Some(i) => &name[..i],
        None => name,
    };
    if base.is_empty() {
        return None;
    }
    // AGL rule 2: underscores join components of a ligature ("f_f_i").
    let mut out = String::new();
    for component in base.split('_') {
        if let Some(text) = component_to_text(component, dingbats) {
            out.push_str(&text);
        } else {
            return None;
        }
    }
    if out.is_empty() {
        None
    } else {
        Some(out)
    }
}

/// Maps one ligature component, the part the AGL list and the `uni`/`u` forms apply to.
fn component_to_text(component: &str, dingbats: DingbatsNames) -> Option<String> {
    if component.is_empty() {
        return None;
    }
    if let Some(text) = pdf_encoding::glyphname_to_unicode(component) {
        if let Some(plain) = private_use_variant(component, text) {
            return Some(plain);
        }
        return Some(text.to_owned());
    }
    if let Some(hex) = component.strip_prefix("uni") {
        if let Some(text) = uni_sequence(hex) {
            return Some(text);
        }
    }
    if let Some(hex) = component.strip_prefix('u') {
        if (4..=6).contains(&hex.len()) && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            let value = u32::from_str_radix(hex, 16).ok()?;
            return char::from_u32(value).map(String::from);
        }
    }
    if let Some(c) = zapf_dingbats_name(component).filter(|_| dingbats == DingbatsNames::Read) {
        return Some(c.to_string());
    }
    // Producer habits outside the AGL: small caps and old-style figures named like AGL names plus a suffix.
    for suffix in ["small", "oldstyle"] {
        if let Some(stem) = component.strip_suffix(suffix) {
            if let Some(text) = pdf_encoding::glyphname_to_unicode(stem) {
                return Some(if suffix == "small" {
                    text.to_lowercase()
                } else {
                    text.to_owned()
                });
            }
        }
    }
    None
}

/// ZapfDingbats names ("a71"): their code in the font's encoding, then the ZapfDingbats table.
fn zapf_dingbats_name(name: &str) -> Option<char> {
    if !name.starts_with('a') || !name[1..].bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let names = super::std14_metrics::ZAPF_DINGBATS_NAMES;
    let i = names.binary_search_by_key(&name, |e| e.0).ok()?;
    pdf_encoding::ZDINGBAT.get(names[i].1)
}

/// The character code a name made of one or two letters and the code
/// itself stands for: decimal ("a224", "g35", "C65") or two hex digits
/// ("G41", "cE0"), as TeX's, Fontographer's and others' Type3 fonts name
/// their glyphs. Only a name whose number is the `code` it is set at
/// counts (as xpdf and pdf.js read them), so a name that merely looks so
/// ("g123" at code 7) is not misread.
pub(crate) fn numeric_name_code(name: &str, code: u8) -> Option<u8> {
    let digits = name.trim_start_matches(|c: char| c.is_ascii_alphabetic());
    let letters = name.len() - digits.len();
    if !(1..=2).contains(&letters) || digits.is_empty() || digits.len() > 3 {
        return None;
    }
    let decimal = digits.parse::<u16>().ok();
    let hex = (digits.len() == 2)
        .then(|| u16::from_str_radix(digits, 16).ok())
        .flatten();
    [decimal, hex]
        .contains(&Some(u16::from(code)))
        .then_some(code)
}

/// `uni` followed by groups of four hex digits, each a BMP scalar value that is not a surrogate.
fn uni_sequence(hex: &str) -> Option<String> {
    if hex.is_empty() || !hex.len().is_multiple_of(4) || !hex.bytes().all(|b| b.is_ascii_hexdigit())
    {
        return None;
    }
    let mut out = String::new();
    for chunk in hex.as_bytes().chunks(4) {
        let digits = std::str::from_utf8(chunk).ok()?;
        let value = u32::from_str_radix(digits, 16).ok()?;
        out.push(char::from_u32(value)?);
    }
    Some(out)
}

/// The AGL maps "Asmall", "oneoldstyle" and friends into the private use area, which is useless as text;
/// the letter or digit the glyph depicts is what a reader sees.
fn private_use_variant(name: &str, text: &str) -> Option<String> {
    let c = text.chars().next()?;
    if !('\u{E000}'..='\u{F8FF}').contains(&c) {
        return None;
    }
    for suffix in ["small", "oldstyle", "superior", "inferior"] {
        if let Some(stem) = name.strip_suffix(suffix) {
            let plain = pdf_encoding::glyphname_to_unicode(stem)?;
            return Some(if suffix == "small" {
                plain.to_lowercase()
            } else {
                plain.to_owned()
            });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::glyph_name_to_text as g;

    #[test]
    fn agl_names() {
        assert_eq!(g("A").as_deref(), Some("A"));
        assert_eq!(g("space").as_deref(), Some(" "));
        assert_eq!(g("quoteright").as_deref(), Some("\u{2019}"));
        assert_eq!(g("fi").as_deref(), Some("\u{FB01}"));
        assert_eq!(g("a71").as_deref(), Some("\u{25CF}"), "ZapfDingbats names");
        assert_eq!(g("a"), Some("a".into()));
    }

    #[test]
    fn suffixes_are_dropped() {
        assert_eq!(g("zero.pnum").as_deref(), Some("0"));
        assert_eq!(g("a.sc").as_deref(), Some("a"));
        assert_eq!(g(".notdef"), None);
        assert_eq!(g("uni0041.alt").as_deref(), Some("A"));
    }

    #[test]
    fn ligature_underscores() {
        assert_eq!(g("f_f_i").as_deref(), Some("ffi"));
        assert_eq!(g("T_h").as_deref(), Some("Th"));
        assert_eq!(g("f_g12"), None);
    }

    #[test]
    fn uni_and_u_forms() {
        assert_eq!(g("uni00660069").as_deref(), Some("fi"));
        assert_eq!(g("uni20AC").as_deref(), Some("\u{20AC}"));
        assert_eq!(g("uniD800"), None);
        assert_eq!(g("uni004"), None);
        assert_eq!(g("u1F600").as_deref(), Some("\u{1F600}"));
        assert_eq!(g("u0041").as_deref(), Some("A"));
    }

    #[test]
    fn opaque_names_carry_nothing() {
        assert_eq!(g("g123"), None);
        assert_eq!(g("cid123"), None);
        assert_eq!(g("G3F"), None);
        assert_eq!(g(""), None);
    }

    #[test]
    fn private_use_names_become_plain() {
        assert_eq!(g("Asmall").as_deref(), Some("a"));
        assert_eq!(g("oneoldstyle").as_deref(), Some("1"));
        assert_eq!(g("Esmall.sc").as_deref(), Some("e"));
    }
}
