//! Character-level clean-up applied as glyph text is assembled into lines:
//! presentation forms (ligatures) become letters, control characters go.
//! Soft hyphens are kept here and resolved by the hyphenation pass, which
//! needs to see them at line ends.

use unicode_normalization::UnicodeNormalization;

/// Appends text to a line, normalising as it goes (used for glyphs and for
/// the lines of text-file inputs alike).
pub fn push_line_text(line: &mut String, text: &str) {
    line.reserve(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        // Printable ASCII (space included) is kept as it is: copied a run
        // at a time, which is most text, rather than char by char.
        let run = rest
            .bytes()
            .position(|b| !(0x20..=0x7e).contains(&b))
            .unwrap_or(rest.len());
        line.push_str(&rest[..run]);
        rest = &rest[run..];
        let Some(ch) = rest.chars().next() else {
            break;
        };
        match ch {
            // Alphabetic presentation forms: ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ and friends.
            '\u{FB00}'..='\u{FB4F}' => line.extend(ch.nfkc()),
            '\u{AD}' => line.push(ch),
            c if c.is_control() => {}
            c if c.is_whitespace() => line.push(' '),
            c => line.push(c),
        }
        rest = &rest[ch.len_utf8()..];
    }
}

/// Counts words the way a reader (and `wc -w`) does: runs of non-space
/// characters that hold at least one letter or digit, so "co-operatives"
/// is one word and a stray bullet is none.
///
/// Every byte of every document is counted, so this is one pass over the
/// bytes that decodes only non-ASCII characters; it counts exactly what
/// `split_whitespace` and `char::is_alphanumeric` would (a test checks).
pub fn count_words(text: &str) -> usize {
    /// Per ASCII byte: bit 0 a letter or digit, bit 1 white space (as
    /// `char::is_whitespace` has it: tab, LF, VT, FF, CR and space).
    const ASCII: [u8; 128] = {
        let mut table = [0; 128];
        let mut b = 0;
        while b < 128 {
            let c = b as u8;
            table[b] = if c.is_ascii_alphanumeric() {
                1
            } else if matches!(c, b'\t'..=b'\r' | b' ') {
                2
            } else {
                0
            };
            b += 1;
        }
        table
    };
    let (mut count, mut in_counted_word) = (0usize, 0u8);
    for (i, &b) in text.as_bytes().iter().enumerate() {
        let kind = match b {
            0..=0x7F => ASCII[usize::from(b)],
            // A continuation byte changes nothing: its character was
            // classified at its first byte.
            0x80..=0xBF => 0,
            _ => {
                let c = text[i..].chars().next().unwrap_or(' ');
                u8::from(c.is_alphanumeric()) | (u8::from(c.is_whitespace()) << 1)
            }
        };
        // Branch-free: a space ends the word (counting it if it had a
        // letter or digit), anything else continues it.
        let space = kind >> 1;
        count += usize::from(in_counted_word & space);
        in_counted_word = (in_counted_word | (kind & 1)) & (space ^ 1);
    }
    count + usize::from(in_counted_word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ligatures_become_letters() {
        let mut s = String::new();
        push_line_text(&mut s, "\u{FB01}");
        push_line_text(&mut s, "nance \u{FB03}");
        assert_eq!(s, "finance ffi");
    }

    #[test]
    fn control_characters_are_dropped() {
        let mut s = String::new();
        push_line_text(&mut s, "a\u{0}b\u{7}");
        assert_eq!(s, "ab");
    }

    #[test]
    fn words_are_counted_by_unicode_rules() {
        assert_eq!(
            count_words("We will back co-operatives, 3 times. \u{2022}"),
            6
        );
        assert_eq!(count_words(""), 0);
        assert_eq!(count_words("\u{a0}caf\u{e9}\u{2003}\u{661}\u{b}-- x"), 3);
    }

    proptest::proptest! {
        /// The same count as the obvious definition, on any text.
        #[test]
        fn count_words_agrees_with_split_whitespace(text in "\\PC*|[ a\u{a0}\u{2003}\u{b}\u{85}\u{e9}.-]*") {
            let expected = text
                .split_whitespace()
                .filter(|w| w.chars().any(char::is_alphanumeric))
                .count();
            proptest::prop_assert_eq!(count_words(&text), expected);
        }
    }
}
