//! Which characters the lexicon treats as the same.
//!
//! Term validation (is this a hyphen? a word character?), term identity (are two terms the
//! same term?) and the matcher's text normalisation must agree exactly, so the character
//! classes and the per-character folding live here, once, and the matcher builds on them.

use caseless::Caseless;
use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// Letters, digits and combining marks: the characters a word is made of, and the ones that
/// decide word boundaries. Combining marks count so that a decomposed accent stays inside
/// its word.
pub(crate) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric() || is_combining_mark(c)
    }
}

/// Hyphens and dashes that real manifestos use as a hyphen. The em dash (U+2014) is left out
/// on purpose: it is punctuation between clauses, never inside a word.
pub(crate) fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}'
            | '\u{2011}'
            | '\u{2012}'
            | '\u{2013}'
            | '\u{2212}'
            | '\u{FE63}'
            | '\u{FF0D}'
    )
}

/// Straight and curly apostrophes (and the modifier letter apostrophe) are one character.
pub(crate) fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '\u{02BC}')
}

/// Characters that end a line; a hyphen followed by one of these joins the words around it.
pub(crate) fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// The soft hyphen marks a possible break inside a word; it is never part of a match.
pub(crate) const SOFT_HYPHEN: char = '\u{AD}';

/// Appends the matching form of one character that is not white space: dashes become `-`,
/// apostrophes `'`, soft hyphens vanish, Latin ligatures and full-width forms are replaced by
/// their compatibility decomposition (NFKC for just these blocks: applying NFKC everywhere
/// would turn "™" into "TM" and glue it to the word before), then, when `fold` is set, the
/// result is Unicode default case folded (so "ß" matches "ss").
pub(crate) fn push_char(c: char, fold: bool, out: &mut Vec<u8>) {
    if c.is_ascii() {
        out.push(if fold {
            c.to_ascii_lowercase() as u8
        } else {
            c as u8
        });
    } else if is_dash(c) {
        out.push(b'-');
    } else if is_apostrophe(c) {
        out.push(b'\'');
    } else if c == SOFT_HYPHEN {
    } else if matches!(c, '\u{FB00}'..='\u{FB06}' | '\u{FF01}'..='\u{FF5E}') {
        decompose_compatible(c, |d| push_folded(d, fold, out));
    } else {
        push_folded(c, fold, out);
    }
}

fn push_folded(c: char, fold: bool, out: &mut Vec<u8>) {
    let mut buf = [0u8; 4];
    if fold {
        for f in std::iter::once(c).default_case_fold() {
            out.extend_from_slice(f.encode_utf8(&mut buf).as_bytes());
        }
    } else {
        out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
    }
}

/// True for an apostrophe that ends a word: one that follows a word character and is not
/// followed by one (`next` is the character after it, if any). Such an apostrophe is the
/// possessive of a plural ("supporters' trusts") or a closing quote, and matching ignores
/// it, in terms and in text alike: "supporters trust*" matches "supporters’ trusts", and
/// "supporters' trust*" matches "supporters trusts". An apostrophe inside a word
/// ("people's") is kept and must match.
pub(crate) fn is_word_final_apostrophe(
    c: char,
    previous: Option<char>,
    next: Option<char>,
) -> bool {
    is_apostrophe(c) && previous.is_some_and(is_word_char) && !next.is_some_and(is_word_char)
}

/// The matching form of a valid term (see `push_char`; the single spaces of a term stay,
/// word-final apostrophes go: see [`is_word_final_apostrophe`]). Two terms with the same
/// key match exactly the same text.
pub(crate) fn term_key(term: &str, fold: bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(term.len());
    let mut chars = term.chars().peekable();
    let mut previous = None;
    while let Some(c) = chars.next() {
        if c == ' ' {
            out.push(b' ');
        } else if !is_word_final_apostrophe(c, previous, chars.peek().copied()) {
            push_char(c, fold, &mut out);
        }
        previous = Some(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(s: &str) -> String {
        String::from_utf8(term_key(s, true)).unwrap()
    }

    #[test]
    fn keys_unify_variants() {
        assert_eq!(key("Co\u{2013}Operative"), "co-operative");
        assert_eq!(key("supporters\u{2019} trusts"), "supporters trusts");
        assert_eq!(key("supporters' trust*"), key("Supporters trust*"));
        assert_eq!(key("members'"), "members");
        assert_eq!(key("people\u{2019}s bank"), "people's bank");
        assert_eq!(key("STRASSE"), key("stra\u{DF}e"));
        assert_eq!(key("\u{FB01}nance"), "finance");
        assert_eq!(key("co\u{AD}op"), "coop");
        assert_eq!(String::from_utf8(term_key("CIC", false)).unwrap(), "CIC");
    }

    #[test]
    fn word_final_apostrophes() {
        let at = |c, p, n| is_word_final_apostrophe(c, p, n);
        assert!(at('\'', Some('s'), Some(' ')));
        assert!(at('\u{2019}', Some('s'), None));
        assert!(at('\u{2019}', Some('s'), Some(',')));
        assert!(!at('\'', Some('e'), Some('s')), "inner: people's");
        assert!(!at('\'', Some(' '), Some('t')), "leading: 'tis");
        assert!(!at('\'', None, None));
        assert!(!at('"', Some('s'), Some(' ')));
    }

    #[test]
    fn word_chars() {
        assert!(is_word_char('a') && is_word_char('9') && is_word_char('\u{E9}'));
        assert!(is_word_char('\u{301}'));
        assert!(!is_word_char('-') && !is_word_char('\'') && !is_word_char('_'));
        assert!(!is_dash('\u{2014}'));
    }
}
