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
        let run = printable_ascii_prefix(rest.as_bytes());
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

/// A `u64` with a one in every byte, and one with every byte's high bit:
/// the constants of the SWAR (several bytes in one register) tests below.
const LOW: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The eight bytes at `at`, little-endian (byte `at` lowest), if there are
/// eight.
fn eight_bytes(bytes: &[u8], at: usize) -> Option<u64> {
    let eight: [u8; 8] = bytes.get(at..at + 8)?.try_into().ok()?;
    Some(u64::from_le_bytes(eight))
}

/// The high bit of each byte of `word` whose value is `k` or more, for a
/// `word` whose bytes are all below 0x80: adding at most 0x80 to each then
/// never carries into the next, and the high bit of each sum is the answer.
fn at_least(word: u64, k: u8) -> u64 {
    word.wrapping_add(u64::from(0x80 - k) * LOW) & HIGH
}

/// The length of the run of printable ASCII (space to tilde) that `bytes`
/// starts with, found eight bytes at a time (every byte of a text file
/// passes through here; memchr finds bytes, not ranges of them).
fn printable_ascii_prefix(bytes: &[u8]) -> usize {
    let mut at = 0;
    while let Some(word) = eight_bytes(bytes, at) {
        // A byte outside is non-ASCII, or (its high bit cleared) below the
        // space or above the tilde.
        let seven = word & !HIGH;
        let outside = (word & HIGH) | !at_least(seven, b' ') & HIGH | at_least(seven, 0x7f);
        if outside != 0 {
            return at + (outside.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    at + bytes[at..]
        .iter()
        .position(|b| !(0x20..=0x7e).contains(b))
        .unwrap_or(bytes.len() - at)
}

/// Counts words the way a reader (and `wc -w`) does: runs of non-space
/// characters that hold at least one letter or digit, so "co-operatives"
/// is one word and a stray bullet is none.
///
/// Every byte of every document is counted (a tenth of a text scan's time
/// went here byte by byte), so the text is taken 64 bytes at a time: each
/// byte is classed as white space, letter-or-digit or other (eight ASCII
/// bytes at once in a `u64`, only non-ASCII bytes decoded one by one), and a
/// word is counted at its first letter or digit, found with bit operations
/// on the block's 64-bit masks. It counts exactly what `split_whitespace`
/// and `char::is_alphanumeric` would (a property test checks).
pub fn count_words(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut count = 0;
    // Whether the word running into the next byte already has a letter or
    // digit (and so has been counted).
    let mut counted = false;
    let mut start = 0;
    while start + 64 <= bytes.len() {
        let mut space = 0u64;
        let mut alnum = 0u64;
        for k in 0..8 {
            let at = start + 8 * k;
            let (s, a) = classify_eight(text, at);
            space |= u64::from(s) << (8 * k);
            alnum |= u64::from(a) << (8 * k);
        }
        let inside = !space;
        // Every position with a letter or digit at or before it in the same
        // word; the word carried in from the last block counts as one at -1.
        let carried = u64::from(counted) & inside & 1;
        let reached = fill_forward(alnum | carried, inside);
        let before = ((reached << 1) | u64::from(counted)) & inside;
        count += (alnum & !before).count_ones() as usize;
        counted = reached >> 63 == 1;
        start += 64;
    }
    for i in start..bytes.len() {
        let (s, a) = classify_byte(text, i);
        count += usize::from(a && !counted);
        counted = (counted || a) && !s;
    }
    count
}

/// `gen` spread towards higher bits through runs of set `through` bits:
/// bit i of the result is set when some bit j <= i of `gen` is set and
/// bits j+1..=i of `through` all are (a Kogge-Stone fill).
fn fill_forward(mut gen: u64, mut through: u64) -> u64 {
    for shift in [1, 2, 4, 8, 16, 32] {
        gen |= through & (gen << shift);
        through &= through << shift;
    }
    gen
}

/// The white-space and letter-or-digit masks (bit i for byte `at + i`) of
/// eight bytes of `text`.
fn classify_eight(text: &str, at: usize) -> (u8, u8) {
    let word = eight_bytes(text.as_bytes(), at).expect("count_words passes whole blocks");
    if word & HIGH != 0 {
        let (mut space, mut alnum) = (0u8, 0u8);
        for i in 0..8 {
            let (s, a) = classify_byte(text, at + i);
            space |= u8::from(s) << i;
            alnum |= u8::from(a) << i;
        }
        return (space, alnum);
    }
    // Every byte is below 0x80, as `at_least` needs.
    let in_range = |w: u64, lo: u8, hi: u8| at_least(w, lo) & !at_least(w, hi + 1);
    let is_space = in_range(word, b'\t', b'\r') | in_range(word ^ (0x20 * LOW), 0, 0);
    let lower = word | (0x20 * LOW);
    let is_alnum = in_range(word, b'0', b'9') | in_range(lower, b'a', b'z');
    (gather_high_bits(is_space), gather_high_bits(is_alnum))
}

/// Bit i set when the high bit of byte i of `mask` is (all other bits clear).
fn gather_high_bits(mask: u64) -> u8 {
    // Moves bit 8i + 7 to bit 56 + i; no two products overlap, so no carry
    // disturbs the top byte.
    ((mask >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56) as u8
}

/// Whether the byte at `i` starts white space, and whether it starts a
/// letter or digit. A UTF-8 continuation byte is neither: its character was
/// classed at its first byte.
fn classify_byte(text: &str, i: usize) -> (bool, bool) {
    match text.as_bytes()[i] {
        b @ 0..=0x7F => (matches!(b, b'\t'..=b'\r' | b' '), b.is_ascii_alphanumeric()),
        0x80..=0xBF => (false, false),
        _ => {
            let c = text[i..].chars().next().unwrap_or(' ');
            (c.is_whitespace(), c.is_alphanumeric())
        }
    }
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
        // Words and their absence carried across 64-byte blocks.
        let dashes = "-".repeat(130);
        assert_eq!(count_words(&format!("word{dashes}")), 1);
        assert_eq!(count_words(&format!("{dashes}x{dashes} {dashes}")), 1);
        assert_eq!(count_words(&"ab ".repeat(100)), 100);
        assert_eq!(
            count_words(&format!("{}\u{e9}t\u{e9} x", " ".repeat(62))),
            2
        );
    }

    proptest::proptest! {
        /// The same run as a byte-by-byte search, on any bytes.
        #[test]
        fn printable_ascii_prefix_agrees(bytes in proptest::collection::vec(
            proptest::prop_oneof![0x20u8..0x7f, proptest::num::u8::ANY], 0..40)
        ) {
            let expected = bytes
                .iter()
                .position(|b| !(0x20..=0x7e).contains(b))
                .unwrap_or(bytes.len());
            proptest::prop_assert_eq!(printable_ascii_prefix(&bytes), expected);
        }

        /// The same count as the obvious definition, on any text.
        #[test]
        /// Long enough to span several 64-byte blocks, with words, white
        /// space and non-ASCII characters falling on block edges.
        fn count_words_agrees_with_split_whitespace(
            text in "\\PC{0,200}|[ a\u{a0}\u{2003}\u{b}\u{85}\u{e9}.-]{0,300}|[ aZ09\t\r\n.,'-]{0,400}"
        ) {
            let expected = text
                .split_whitespace()
                .filter(|w| w.chars().any(char::is_alphanumeric))
                .count();
            proptest::prop_assert_eq!(count_words(&text), expected);
        }
    }
}
