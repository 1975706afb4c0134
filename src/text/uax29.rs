//! Unicode sentence boundaries (UAX #29, rules SB1 to SB11) for lines made
//! only of the characters English manifesto text is made of: ASCII, curly
//! quotes, en and em dashes, and a few symbols. Any other line goes to
//! unicode-segmentation, which handles every character.
//!
//! Written by hand for speed, not to differ: unicode-segmentation looks up
//! every character's property in its tables and runs its state machine on
//! it, about 250 instructions per byte, a quarter of a whole scan of text
//! files; this is a few per byte. The tests check it against
//! unicode-segmentation on the shared texts and on random strings of its
//! characters, so the two can never disagree.
//!
//! Lines may be segmented apart because a paragraph separator always ends a
//! sentence (SB4) and no rule looks across one (SB8's look-ahead stops at
//! one, and SB9 to SB11 look back only over `Close` and `Sp`).

use std::ops::Range;

/// The Sentence_Break property of the characters handled here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Class {
    Cr,
    /// LF (Sep, NEL and the Unicode separators are not handled here).
    ParaSep,
    Sp,
    Lower,
    Upper,
    OLetter,
    Numeric,
    ATerm,
    STerm,
    Close,
    SContinue,
    Other,
}

/// The class of `c`, or `None` for a character this module leaves to
/// unicode-segmentation.
fn class(c: char) -> Option<Class> {
    Some(match c {
        '\r' => Class::Cr,
        '\n' => Class::ParaSep,
        '\t' | '\u{b}' | '\u{c}' | ' ' | '\u{a0}' => Class::Sp,
        'a'..='z' => Class::Lower,
        'A'..='Z' => Class::Upper,
        '0'..='9' => Class::Numeric,
        '.' => Class::ATerm,
        '!' | '?' => Class::STerm,
        '"' | '\'' | '(' | ')' | '[' | ']' | '{' | '}' => Class::Close,
        '\u{2018}' | '\u{2019}' | '\u{201c}' | '\u{201d}' => Class::Close,
        ',' | '-' | ':' | ';' | '\u{2013}' | '\u{2014}' => Class::SContinue,
        '\u{0}'..='\u{8}' | '\u{e}'..='\u{1f}' | '\u{7f}' => Class::Other,
        '#' | '$' | '%' | '&' | '*' | '+' | '/' | '<' | '=' | '>' | '@' | '\\' | '^' | '_'
        | '`' | '|' | '~' => Class::Other,
        '\u{ab}' | '\u{bb}' => Class::Close,
        '\u{ad}' | '\u{85}' => return None, // Format (SB5), Sep
        '\u{80}'..='\u{9f}' => Class::Other,
        // Latin-1, Latin Extended-A and -B, IPA and the spacing modifiers
        // (the small tilde and circumflex of mis-encoded text): cased
        // letters by their case (as the Lowercase and Uppercase properties
        // say, titlecase letters counting as upper), the rest symbols. No
        // character here is Extend or Format but the soft hyphen, above.
        '\u{a1}'..='\u{2ff}' if c.is_uppercase() || is_titlecase(c) => Class::Upper,
        '\u{a1}'..='\u{2ff}' if c.is_lowercase() => Class::Lower,
        '\u{a1}'..='\u{2ff}' if c.is_alphabetic() => Class::OLetter,
        '\u{a1}'..='\u{2ff}' => Class::Other,
        '\u{20ac}' | '\u{2022}' | '\u{2026}' | '\u{2122}' => Class::Other,
        _ => return None,
    })
}

/// The titlecase letters (general category Lt) below U+0300: Dž, Lj, Nj, Dz.
fn is_titlecase(c: char) -> bool {
    matches!(c, '\u{1c5}' | '\u{1c8}' | '\u{1cb}' | '\u{1f2}')
}

/// Byte ranges of the sentences of `line` (segments between boundaries, not
/// trimmed), offset by `base`, pushed to `out`; false (and nothing pushed)
/// when the line holds a character not handled here.
///
/// A boundary needs a terminator (and its `Close* Sp*`) or a paragraph
/// separator just before it, and all of those are ASCII: so the line is
/// searched for them with `memchr` and only their neighbourhoods are
/// decoded and classified. Most bytes are never looked at one by one.
pub(super) fn sentence_segments(line: &str, base: usize, out: &mut Vec<Range<usize>>) -> bool {
    if !line.is_ascii() && line.chars().any(|c| !c.is_ascii() && class(c).is_none()) {
        return false;
    }
    let text = Classified(line);
    let bytes = line.as_bytes();
    let mut cuts = Vec::new();
    let mut after_run = 0;
    for k in memchr::memchr3_iter(b'.', b'!', b'?', bytes) {
        if k < after_run {
            continue;
        }
        // The terminator's Close* Sp*, then every place up to the first
        // character after them (or the last character of the line).
        let r = text.skip_forward(text.skip_forward(k + 1, Class::Close), Class::Sp);
        after_run = r;
        let last = if r < bytes.len() {
            r
        } else {
            text.last_start()
        };
        let mut i = k + 1;
        while i <= last {
            if text.breaks_before(i) {
                cuts.push(i);
            }
            i += text.class_at(i).1;
        }
    }
    for k in memchr::memchr2_iter(b'\r', b'\n', bytes) {
        if k + 1 < bytes.len() && text.breaks_before(k + 1) {
            cuts.push(k + 1);
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut start = 0;
    for at in cuts {
        out.push(base + start..base + at);
        start = at;
    }
    if start < line.len() {
        out.push(base + start..base + line.len());
    }
    true
}

fn is_para_sep(k: Class) -> bool {
    matches!(k, Class::Cr | Class::ParaSep)
}

fn is_saterm(k: Class) -> bool {
    matches!(k, Class::ATerm | Class::STerm)
}

/// A line every character of which has a [`Class`], read by byte offsets
/// (always at character boundaries).
#[derive(Clone, Copy)]
struct Classified<'a>(&'a str);

impl Classified<'_> {
    /// The class and UTF-8 length of the character at `at` (`at` < len).
    fn class_at(self, at: usize) -> (Class, usize) {
        let c = self.0[at..].chars().next().unwrap_or(' ');
        (class(c).unwrap_or(Class::Other), c.len_utf8())
    }

    /// The class and start of the character before `at` (`at` > 0).
    fn class_before(self, at: usize) -> (Class, usize) {
        let c = self.0[..at].chars().next_back().unwrap_or(' ');
        (class(c).unwrap_or(Class::Other), at - c.len_utf8())
    }

    /// The end of the run of `class` characters starting at `at`.
    fn skip_forward(self, mut at: usize, class: Class) -> usize {
        while at < self.0.len() {
            let (here, len) = self.class_at(at);
            if here != class {
                break;
            }
            at += len;
        }
        at
    }

    /// The start of the run of `class` characters ending at `at`.
    fn skip_back(self, mut at: usize, class: Class) -> usize {
        while at > 0 {
            let (before, start) = self.class_before(at);
            if before != class {
                break;
            }
            at = start;
        }
        at
    }

    /// Where the line's last character starts (0 for an empty line).
    fn last_start(self) -> usize {
        self.0.char_indices().next_back().map_or(0, |(i, _)| i)
    }

    /// Whether there is a sentence boundary before the character at `i`
    /// (0 < `i` < len), by rules SB3 to SB11 (SB5 has nothing to do: no
    /// Extend or Format character is handled here).
    fn breaks_before(self, i: usize) -> bool {
        let (prev, prev_start) = self.class_before(i);
        let (next, _) = self.class_at(i);
        // SB3, SB4.
        if prev == Class::Cr && next == Class::ParaSep {
            return false;
        }
        if is_para_sep(prev) {
            return true;
        }
        // SB6: "3.4".
        if prev == Class::ATerm && next == Class::Numeric {
            return false;
        }
        // SB7: "U.S.".
        if prev == Class::ATerm
            && next == Class::Upper
            && prev_start > 0
            && matches!(self.class_before(prev_start).0, Class::Upper | Class::Lower)
        {
            return false;
        }
        // SATerm Close* Sp* before the boundary?
        let after_close = self.skip_back(i, Class::Sp);
        let spaces = after_close < i;
        let j = self.skip_back(after_close, Class::Close);
        if j == 0 {
            return false; // SB998
        }
        let term = self.class_before(j).0;
        if !is_saterm(term) {
            return false; // SB998
        }
        // SB8: ATerm Close* Sp* × (¬(OLetter | Upper | Lower | ParaSep | SATerm))* Lower
        if term == Class::ATerm {
            let first_decisive = self.0[i..]
                .chars()
                .map(|c| class(c).unwrap_or(Class::Other))
                .find(|&k| {
                    matches!(k, Class::Upper | Class::Lower | Class::OLetter)
                        || is_para_sep(k)
                        || is_saterm(k)
                });
            if first_decisive == Some(Class::Lower) {
                return false;
            }
        }
        // SB8a
        if matches!(next, Class::SContinue) || is_saterm(next) {
            return false;
        }
        // SB9
        if !spaces && (next == Class::Close || next == Class::Sp || is_para_sep(next)) {
            return false;
        }
        // SB10
        if next == Class::Sp || is_para_sep(next) {
            return false;
        }
        // SB11
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use unicode_segmentation::UnicodeSegmentation;

    fn ours(text: &str) -> Option<Vec<Range<usize>>> {
        let mut out = Vec::new();
        sentence_segments(text, 0, &mut out).then_some(out)
    }

    fn theirs(text: &str) -> Vec<Range<usize>> {
        text.split_sentence_bound_indices()
            .map(|(i, s)| i..i + s.len())
            .collect()
    }

    #[test]
    fn the_rules_on_examples() {
        for text in [
            "We will act. Then more.",
            "Mr. Smith met the U.S. team at 3.5 p.m. today.",
            "He said \u{201c}no.\u{201d} Then left!",
            "etc. and more. (See above.) Next one?! Yes.",
            "End.\nNext line\r\nThird.",
            "A list: one; two \u{2013} three. Done",
            "\u{2022} Back co-operatives. \u{a3}5m for \u{2026} them.",
            "",
            ".",
            ". . . a",
        ] {
            assert_eq!(ours(text), Some(theirs(text)), "{text:?}");
        }
        assert_eq!(ours("Caf\u{e9}."), Some(theirs("Caf\u{e9}.")));
        assert_eq!(ours("\u{3a9}mega."), None);
        assert_eq!(ours("soft\u{ad}hyphen."), None);
    }

    /// Every character handled here, in every position the rules turn on.
    #[test]
    fn every_handled_character_agrees_in_context() {
        let handled = (0..=0x2ffu32)
            .chain(0x2000..=0x2200)
            .filter_map(char::from_u32)
            .filter(|&c| class(c).is_some());
        for c in handled {
            for text in [
                format!("{c}. a"),
                format!("a. {c}b"),
                format!("A.{c} b"),
                format!("x {c}. The"),
                format!("1.{c}2"),
                format!("Go!{c} Now."),
                format!("end.) {c}"),
                format!("etc. {c} more"),
            ] {
                assert_eq!(ours(&text), Some(theirs(&text)), "{text:?}");
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(5000))]
        /// Random strings of the characters handled here (weighted to the
        /// ones the rules turn on) break exactly where unicode-segmentation
        /// breaks them.
        #[test]
        fn agrees_with_unicode_segmentation(
            text in proptest::collection::vec(
                prop_oneof![
                    Just('.'), Just('!'), Just('?'), Just(' '), Just('\n'), Just('\r'),
                    Just('"'), Just('\''), Just('('), Just(')'), Just(','), Just(';'),
                    Just(':'), Just('-'), Just('a'), Just('b'), Just('A'), Just('B'),
                    Just('1'), Just('\u{2019}'), Just('\u{201d}'), Just('\u{2013}'),
                    Just('\u{2014}'), Just('\u{2022}'), Just('\u{2026}'), Just('\u{a0}'),
                    Just('\u{a3}'), Just('\t'), Just('#'), Just('\u{7}'), Just('\u{c}'),
                    Just('\u{20ac}'), Just('\u{b0}'), Just('\u{a9}'), Just('~'), Just('\u{1c}'),
                    Just('\u{b}'), Just('\u{7f}'), Just('$'), Just('\u{2122}'),
                    Just('\u{9d}'), Just('\u{ab}'), Just('\u{bb}'),
                    proptest::char::range('\u{80}', '\u{84}'),
                    proptest::char::range('\u{86}', '\u{ac}'),
                    proptest::char::range('\u{ae}', '\u{17f}'),
                    proptest::char::range('\u{ae}', '\u{2ff}'),
                ],
                0..40,
            ).prop_map(|v| v.into_iter().collect::<String>())
        ) {
            prop_assert_eq!(ours(&text), Some(theirs(&text)));
        }
    }
}
