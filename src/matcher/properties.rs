//! Properties of the contract that must hold for any text: matching is unchanged by case
//! changes, by replacing spaces with line breaks, by curly versus straight apostrophes, and by
//! adding or removing an apostrophe at the end of a word.

use proptest::prelude::*;

use super::tests::lexicon;
use super::*;

const WORDS: &[&str] = &[
    "co-operative",
    "Co-operatives",
    "co-op",
    "co-ops",
    "co",
    "operative",
    "mutual",
    "mutuals",
    "mutualisation",
    "mutually",
    "respect",
    "social",
    "value",
    "act",
    "Act",
    "supporters'",
    "trust",
    "trusts",
    "people's",
    "bank",
    "credit",
    "union",
    "unions",
    "the",
    "a",
    "and",
    "of",
    "\u{E9}conomie",
    "sociale",
    "2012",
    "co-opt",
];

const SEPARATORS: &[&str] = &[
    " ", " ", " ", "  ", "\n", ", ", ". ", "-", "\u{2013}", "-\n", " \n ",
];

const TERMS: &str = "co-operative*, co-op, mutual*, !mutual respect; social value, social value act, \
                     supporters' trust*, people's bank; credit union*, \u{E9}conomie sociale, co op";

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec((0..WORDS.len(), 0..SEPARATORS.len()), 0..40).prop_map(|parts| {
        parts
            .into_iter()
            .map(|(w, s)| format!("{}{}", WORDS[w], SEPARATORS[s]))
            .collect()
    })
}

fn matcher() -> Matcher {
    Matcher::new(&lexicon(TERMS)).unwrap()
}

fn spans(m: &Matcher, text: &str) -> Vec<(TermId, usize, usize)> {
    let hits = m.find_mentions(text);
    for w in hits.windows(2) {
        assert!(w[0].end <= w[1].start);
    }
    hits.iter().map(|h| (h.term, h.start, h.end)).collect()
}

proptest! {
    #[test]
    fn case_changes_change_nothing(text in text(), flips in prop::collection::vec(any::<bool>(), 0..400)) {
        let m = matcher();
        // Every character of the vocabulary keeps its byte length when its case changes, so
        // the spans must be identical, not merely the terms.
        let changed: String = text
            .chars()
            .zip(flips.iter().copied().chain(std::iter::repeat(true)))
            .map(|(c, up)| if up { c.to_uppercase().next().unwrap_or(c) } else { c.to_lowercase().next().unwrap_or(c) })
            .collect();
        prop_assert_eq!(changed.len(), text.len());
        prop_assert_eq!(spans(&m, &text), spans(&m, &changed));
    }

    #[test]
    fn line_breaks_for_spaces_change_nothing(text in text(), picks in prop::collection::vec(any::<bool>(), 0..400)) {
        let m = matcher();
        let mut picks = picks.into_iter().chain(std::iter::repeat(true));
        let changed: String = text
            .chars()
            .map(|c| if c == ' ' && picks.next().unwrap_or(true) { '\n' } else { c })
            .collect();
        prop_assert_eq!(spans(&m, &text), spans(&m, &changed));
    }

    #[test]
    fn curly_or_straight_apostrophes_change_nothing(text in text()) {
        let m = matcher();
        let curly = text.replace('\'', "\u{2019}");
        let seen = |t: &str| -> Vec<(TermId, String)> {
            m.find_mentions(t)
                .iter()
                .map(|h| (h.term, t[h.start..h.end].replace('\u{2019}', "'")))
                .collect()
        };
        prop_assert_eq!(seen(&text), seen(&curly));
    }

    #[test]
    fn word_final_apostrophes_change_nothing(text in text(), picks in prop::collection::vec(0..3u8, 0..400)) {
        let m = matcher();
        // Remove every apostrophe that ends a word, or write one (straight or curly) after
        // words that have none; inner ones ("people's") stay. The terms found must be the
        // same, and so must the matched words once apostrophes are set aside.
        let mut picks = picks.into_iter().chain(std::iter::repeat(0));
        let chars: Vec<char> = text.chars().collect();
        let mut changed = String::new();
        for (i, &c) in chars.iter().enumerate() {
            let next = chars.get(i + 1).copied();
            let ends_word = c.is_alphanumeric() && !next.is_some_and(char::is_alphanumeric);
            if c == '\'' && !next.is_some_and(char::is_alphanumeric) {
                continue;
            }
            changed.push(c);
            if ends_word && next != Some('\'') {
                match picks.next().unwrap_or(0) {
                    1 => changed.push('\''),
                    2 => changed.push('\u{2019}'),
                    _ => {}
                }
            }
        }
        let seen = |t: &str| -> Vec<(TermId, String)> {
            m.find_mentions(t)
                .iter()
                .map(|h| (h.term, t[h.start..h.end].replace(['\'', '\u{2019}'], "")))
                .collect()
        };
        prop_assert_eq!(seen(&text), seen(&changed));
    }

    #[test]
    fn hits_are_sorted_disjoint_and_on_boundaries(text in text()) {
        let m = matcher();
        let hits = m.find_mentions(&text);
        for h in &hits {
            prop_assert!(h.start < h.end && text.is_char_boundary(h.start) && text.is_char_boundary(h.end));
        }
        for w in hits.windows(2) {
            prop_assert!(w[0].end <= w[1].start);
        }
    }
}
