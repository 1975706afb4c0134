//! One term compiled for matching: literal anchors for the automaton, and the rules that
//! finish (or reject) a match the automaton started.
//!
//! The automaton only sees literals, so a term is split at its first `*`: the part before it
//! is the anchor, written once per way of writing its hyphens (`-` or a space). The rest of
//! the term (later words, wildcards) is checked by walking the folded buffer from the end of
//! the anchor. Only the first [`MAX_ANCHOR_HYPHENS`] hyphens are expanded, so a term with
//! many hyphens costs 16 anchors, not 2^n; the walk handles the others.

use super::normalize::char_at;
use crate::lexicon::fold::{is_word_char, term_key};

const MAX_ANCHOR_HYPHENS: usize = 4;

/// A term in matching form.
pub(crate) struct Pattern {
    folded: Vec<u8>,
    /// The unfolded form, for case-sensitive terms only.
    exact: Option<Vec<u8>>,
    anchor_len: usize,
}

impl Pattern {
    pub(crate) fn new(term: &str, case_sensitive: bool) -> Pattern {
        let folded = term_key(term, true);
        let mut hyphens = 0;
        let mut anchor_len = folded.len();
        for (i, &b) in folded.iter().enumerate() {
            if b == b'-' {
                hyphens += 1;
            }
            if b == b'*' || hyphens > MAX_ANCHOR_HYPHENS {
                anchor_len = i;
                break;
            }
        }
        Pattern {
            exact: case_sensitive.then(|| term_key(term, false)),
            folded,
            anchor_len,
        }
    }

    pub(crate) fn has_star(&self) -> bool {
        self.folded.contains(&b'*')
    }

    pub(crate) fn is_case_sensitive(&self) -> bool {
        self.exact.is_some()
    }

    /// The anchor written every way its hyphens may be matched, each with the number of
    /// hyphens written as spaces (a tie-break: the literal spelling wins).
    pub(crate) fn anchors(&self) -> Vec<(Vec<u8>, u32)> {
        let anchor = self.folded.get(..self.anchor_len).unwrap_or(&[]);
        let positions: Vec<usize> = anchor
            .iter()
            .enumerate()
            .filter(|&(_, &b)| b == b'-')
            .map(|(i, _)| i)
            .collect();
        (0u32..1 << positions.len())
            .map(|mask| {
                let mut bytes = anchor.to_vec();
                for (bit, &at) in positions.iter().enumerate() {
                    if mask & (1 << bit) != 0 {
                        bytes[at] = b' ';
                    }
                }
                (bytes, mask.count_ones())
            })
            .collect()
    }

    /// Completes a match whose anchor ends at `at` in the folded buffer: returns where the
    /// match ends and how many hyphens were matched by spaces past the anchor.
    pub(crate) fn finish(&self, buf: &[u8], at: usize) -> Option<(usize, u32)> {
        walk(self.folded.get(self.anchor_len..)?, buf, at)
    }

    /// For case-sensitive terms: does the unfolded normal form of the matched text spell the
    /// term exactly? Always true for other terms.
    pub(crate) fn case_matches(&self, unfolded: &[u8]) -> bool {
        match &self.exact {
            None => true,
            Some(exact) => walk(exact, unfolded, 0).is_some_and(|(end, _)| end == unfolded.len()),
        }
    }
}

/// Matches `pat` (a term in matching form) against `buf` from `at`: a hyphen matches `-` or a
/// space, `*` takes every following word character, anything else matches itself.
fn walk(pat: &[u8], buf: &[u8], mut at: usize) -> Option<(usize, u32)> {
    let mut spaced = 0;
    for &p in pat {
        match p {
            b'*' => {
                while let Some(c) = char_at(buf, at).filter(|&c| is_word_char(c)) {
                    at += c.len_utf8();
                }
            }
            b'-' => match buf.get(at) {
                Some(b'-') => at += 1,
                Some(b' ') => {
                    at += 1;
                    spaced += 1;
                }
                _ => return None,
            },
            _ if buf.get(at) == Some(&p) => at += 1,
            _ => return None,
        }
    }
    Some((at, spaced))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn anchors(term: &str) -> Vec<String> {
        Pattern::new(term, false)
            .anchors()
            .into_iter()
            .map(|(b, _)| String::from_utf8(b).unwrap())
            .collect()
    }

    #[test]
    fn anchors_expand_hyphens_and_stop_at_star() {
        assert_eq!(anchors("Co-op"), ["co-op", "co op"]);
        assert_eq!(
            anchors("co-operative* housing"),
            ["co-operative", "co operative"]
        );
        assert_eq!(anchors("a-b-c-d-e-f-g").len(), 16);
        assert_eq!(anchors("a-b-c-d-e-f-g")[0], "a-b-c-d-e");
    }

    #[test]
    fn finish_walks_the_rest() {
        let p = Pattern::new("co* housing-association", false);
        assert_eq!(p.finish(b"co-operative housing association.", 2), None);
        assert_eq!(p.finish(b"coops housing association.", 2), Some((25, 1)));
        let q = Pattern::new("a-b-c-d-e-f", false);
        assert_eq!(q.finish(b"a-b-c-d-e f", 9), Some((11, 1)));
    }

    #[test]
    fn case_check() {
        let p = Pattern::new("CIC*", true);
        assert!(p.case_matches(b"CICs"));
        assert!(!p.case_matches(b"Cics"));
        assert!(Pattern::new("cic", false).case_matches(b"CIC"));
    }
}
