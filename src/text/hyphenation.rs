//! Joins words broken at line ends: "enter-" + "prise" becomes "enterprise",
//! while "co-" + "operative" stays "co-operative" when the document spells
//! the word with a hyphen elsewhere or it is a known hyphenated form. The
//! joined word moves up to the first line, so lines keep whole words.
//! Soft hyphens (U+00AD) are resolved the same way and removed elsewhere.

use super::page::{Line, Page};
use std::collections::HashSet;

/// Prefixes that keep their hyphen at a line break when the document gives no
/// evidence either way (British usage: co-operative, non-profit, self-help).
const HYPHENATED_PREFIXES: &[&str] = &[
    "co", "non", "self", "cross", "anti", "ex", "multi", "inter", "post", "pre", "pro", "semi",
    "sub", "well", "low", "high", "long", "short", "under", "over", "mid", "small", "large", "not",
];

/// The words of a document that decide its line-end hyphens, as it spells them.
struct Vocabulary {
    words: HashSet<String, foldhash::fast::FixedState>,
}

impl Vocabulary {
    /// Collects the words of the pages (lower-cased, hyphenated ones whole)
    /// that are among `wanted` (lower case).
    ///
    /// Every word of the document passes through here, so most are turned
    /// away by their first letter and length alone (the wanted spellings
    /// are few); a word already in lower case is looked up as it is; only
    /// the wanted spellings are kept.
    fn of_pages(
        pages: &[Page],
        wanted: &HashSet<String, foldhash::fast::FixedState>,
    ) -> Vocabulary {
        let shapes = Shapes::of(wanted.iter().map(String::as_str));
        let mut words: HashSet<String, _> = HashSet::default();
        let mut consider = |word: &str| {
            if !shapes.may_fold_to_one_of(word) {
                return;
            }
            let lower;
            let word = if word.chars().any(char::is_uppercase) {
                lower = word.to_lowercase();
                lower.as_str()
            } else {
                word
            };
            if wanted.contains(word) && !words.contains(word) {
                words.insert(word.to_owned());
            }
        };
        for line in pages
            .iter()
            .flat_map(|p| p.blocks.iter())
            .flat_map(|b| b.lines.iter())
        {
            // An ASCII line (most) is split and trimmed byte by byte, as
            // the Unicode rules would do it there.
            if line.text.is_ascii() {
                line.text
                    .split_ascii_whitespace()
                    .for_each(|w| consider(trim_ascii_punctuation(w)));
            } else {
                line.text
                    .split_whitespace()
                    .for_each(|w| consider(trim_punctuation(w)));
            }
        }
        Vocabulary { words }
    }

    fn contains(&self, word: &str) -> bool {
        self.words.contains(&word.to_lowercase())
    }
}

/// The first bytes and byte lengths of a few lower-case words: a quick
/// test that turns away nearly every other word before it is lower-cased
/// and hashed.
struct Shapes {
    /// Bit `b` for a word starting with byte `b`.
    first_bytes: [u64; 4],
    /// Bit `n` for a word of `n` bytes (`n` < 64); longer words always pass.
    lengths: u64,
}

impl Shapes {
    fn of<'a>(words: impl Iterator<Item = &'a str>) -> Shapes {
        let mut shapes = Shapes {
            first_bytes: [0; 4],
            lengths: 0,
        };
        for word in words {
            if let Some(&b) = word.as_bytes().first() {
                shapes.first_bytes[usize::from(b >> 6)] |= 1 << (b & 63);
            }
            if word.len() < 64 {
                shapes.lengths |= 1 << word.len();
            }
        }
        shapes
    }

    /// False only when `word`, lower-cased, can be none of the words. An
    /// ASCII first letter lower-cases to one byte, and an ASCII word keeps
    /// its length; anything else is let through.
    fn may_fold_to_one_of(&self, word: &str) -> bool {
        let Some(&first) = word.as_bytes().first() else {
            return false;
        };
        if first.is_ascii() {
            let b = first.to_ascii_lowercase();
            if self.first_bytes[usize::from(b >> 6)] & (1 << (b & 63)) == 0 {
                return false;
            }
        }
        word.len() >= 64 || self.lengths & (1 << word.len()) != 0 || !word.is_ascii()
    }
}

fn trim_punctuation(word: &str) -> &str {
    word.trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '\u{AD}')
        .trim_end_matches(['-', '\u{AD}'])
}

/// [`trim_punctuation`] of an ASCII word.
fn trim_ascii_punctuation(word: &str) -> &str {
    let keep = |b: &u8| b.is_ascii_alphanumeric() || *b == b'-';
    let bytes = word.as_bytes();
    let Some(start) = bytes.iter().position(keep) else {
        return "";
    };
    let mut end = bytes.iter().rposition(keep).map_or(start, |i| i + 1);
    while end > start && bytes[end - 1] == b'-' {
        end -= 1;
    }
    word.get(start..end).unwrap_or("")
}

/// Joins line-end hyphenation in every block of every page, then removes the
/// soft hyphens left inside lines.
///
/// The document's own spellings decide a hyphen, but most documents break
/// few words at line ends: the breaks are found first, and only the
/// spellings that could decide one are looked for in the text.
pub fn join_hyphenated_lines(pages: &mut [Page]) {
    let mut wanted: HashSet<String, _> = HashSet::default();
    for block in pages.iter().flat_map(|p| p.blocks.iter()) {
        for pair in block.lines.windows(2) {
            if let Some(found) = LineBreak::between(&pair[0].text, &pair[1].text) {
                wanted.insert(found.hyphenated().to_lowercase());
                wanted.insert(found.closed().to_lowercase());
            }
        }
    }
    let vocabulary = if wanted.is_empty() {
        Vocabulary {
            words: HashSet::default(),
        }
    } else {
        Vocabulary::of_pages(pages, &wanted)
    };
    for block in pages.iter_mut().flat_map(|p| p.blocks.iter_mut()) {
        for i in 1..block.lines.len() {
            let (head, tail) = block.lines.split_at_mut(i);
            join_pair(&mut head[i - 1], &mut tail[0], &vocabulary);
        }
        for line in &mut block.lines {
            if line.text.contains('\u{AD}') {
                line.text = line.text.replace('\u{AD}', "");
            }
        }
    }
}

/// A word broken at the end of a line: "enter-" above "prise of".
struct LineBreak<'a> {
    /// The upper line without its trailing hyphen.
    stem: &'a str,
    /// Whether the hyphen was a soft one (U+00AD), which never stays.
    soft: bool,
    /// The letters of the broken word on the upper line.
    left_word: &'a str,
    /// The lower line's first word, punctuation and all.
    right: &'a str,
    /// Its leading letters: the rest of the broken word.
    right_word: &'a str,
    /// The rest of the lower line after its first word.
    lower_rest: &'a str,
}

impl<'a> LineBreak<'a> {
    /// The break between two lines, if the upper ends in a hyphen after
    /// letters and the lower starts with a lower-case word.
    fn between(upper: &'a str, lower: &'a str) -> Option<LineBreak<'a>> {
        let text = upper.trim_end();
        let (stem, soft) = if let Some(s) = text.strip_suffix('\u{AD}') {
            (s, true)
        } else {
            (text.strip_suffix('-')?, false)
        };
        let left = stem.rsplit(' ').next().unwrap_or("");
        let left_start = left
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_alphabetic())
            .last()
            .map_or(left.len(), |(i, _)| i);
        let left_word = &left[left_start..];
        if left_word.is_empty() {
            return None;
        }
        let lower_text = lower.trim_start();
        let right_end = lower_text.find(' ').unwrap_or(lower_text.len());
        let right = &lower_text[..right_end];
        let letters = right
            .char_indices()
            .find(|(_, c)| !c.is_alphabetic())
            .map_or(right.len(), |(i, _)| i);
        let right_word = &right[..letters];
        if !right_word.chars().next().is_some_and(char::is_lowercase) {
            return None;
        }
        Some(LineBreak {
            stem,
            soft,
            left_word,
            right,
            right_word,
            lower_rest: &lower_text[right_end..],
        })
    }

    fn hyphenated(&self) -> String {
        format!("{}-{}", self.left_word, self.right_word)
    }

    fn closed(&self) -> String {
        format!("{}{}", self.left_word, self.right_word)
    }
}

fn join_pair(upper: &mut Line, lower: &mut Line, vocabulary: &Vocabulary) {
    let Some(found) = LineBreak::between(&upper.text, &lower.text) else {
        return;
    };
    let (hyphenated, closed) = (found.hyphenated(), found.closed());
    let keep_hyphen = !found.soft
        && (vocabulary.contains(&hyphenated)
            || (!vocabulary.contains(&closed)
                && HYPHENATED_PREFIXES.contains(&found.left_word.to_lowercase().as_str())));
    let joined_word = if keep_hyphen { hyphenated } else { closed };
    let stem = found.stem;
    let mut new_upper = String::with_capacity(stem.len() + found.right.len() + 1);
    new_upper.push_str(&stem[..stem.len() - found.left_word.len()]);
    new_upper.push_str(&joined_word);
    new_upper.push_str(&found.right[found.right_word.len()..]);
    let new_lower = found.lower_rest.trim_start().to_string();
    upper.text = new_upper;
    lower.text = new_lower;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tests::page_of;

    fn lines(page: &Page) -> Vec<&str> {
        page.blocks
            .iter()
            .flat_map(|b| b.lines.iter().map(|l| l.text.as_str()))
            .collect()
    }

    #[test]
    fn soft_break_is_joined_and_moved_up() {
        let mut pages = vec![page_of(&[&["support social enter-", "prise, and more"]])];
        join_hyphenated_lines(&mut pages);
        assert_eq!(
            lines(&pages[0]),
            vec!["support social enterprise,", "and more"]
        );
    }

    #[test]
    fn hyphen_kept_when_document_uses_it() {
        let mut pages = vec![page_of(&[
            &["the well-being of all"],
            &["we back well-", "being too"],
        ])];
        join_hyphenated_lines(&mut pages);
        assert_eq!(lines(&pages[0])[1], "we back well-being");
    }

    #[test]
    fn known_prefix_keeps_hyphen() {
        let mut pages = vec![page_of(&[&["more co-", "operatives now"]])];
        join_hyphenated_lines(&mut pages);
        assert_eq!(lines(&pages[0]), vec!["more co-operatives", "now"]);
    }

    #[test]
    fn closed_spelling_in_document_wins_over_prefix() {
        let mut pages = vec![page_of(&[
            &["cooperative banks"],
            &["more co-", "operative banks"],
        ])];
        join_hyphenated_lines(&mut pages);
        assert_eq!(lines(&pages[0])[1], "more cooperative");
    }

    #[test]
    fn dash_before_capital_or_number_is_left_alone() {
        let mut pages = vec![page_of(&[&["from 2010-", "2015 and", "north-", "East"]])];
        join_hyphenated_lines(&mut pages);
        assert_eq!(
            lines(&pages[0]),
            vec!["from 2010-", "2015 and", "north-", "East"]
        );
    }

    #[test]
    fn shapes_turn_away_only_words_that_cannot_fold_to_a_wanted_one() {
        let shapes = Shapes::of(["co-operative", "\u{e9}lan", "x"].into_iter());
        for word in [
            "co-operative",
            "CO-OPERATIVE",
            "Co-Operative",
            "\u{c9}lan",
            "X",
            "\u{c9}LAN",
        ] {
            assert!(shapes.may_fold_to_one_of(word), "{word}");
        }
        for word in ["", "cooperative", "co-operatives", "a", "operative", "y"] {
            assert!(!shapes.may_fold_to_one_of(word), "{word}");
        }
    }

    proptest::proptest! {
        /// The same words as the Unicode trim, on ASCII words.
        #[test]
        fn ascii_trim_agrees(word in "[!-~]{0,12}|[a.,;()'-]{0,8}") {
            proptest::prop_assert_eq!(trim_ascii_punctuation(&word), trim_punctuation(&word));
        }
    }

    #[test]
    fn soft_hyphens_vanish() {
        let mut pages = vec![page_of(&[&["commu\u{AD}nity en\u{AD}", "ergy"]])];
        join_hyphenated_lines(&mut pages);
        assert_eq!(lines(&pages[0]), vec!["community energy", ""]);
    }
}
