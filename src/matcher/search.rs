//! Running the automata over folded text: candidates, whole-word checks, exclusions,
//! leftmost-longest selection and the per-sentence judgement of asks.

use std::cmp::Reverse;
use std::ops::Range;

use aho_corasick::Input;

use super::normalize::{char_at, last_char, normalize, Normalized};
use super::{AskHit, AskId, Hit, Inner, Matcher, Target, TermId};
use crate::lexicon::fold::is_word_char;

/// The searches, here beside the passes they run.
impl Matcher {
    /// Category-term mentions: leftmost-longest across the whole lexicon, whole words,
    /// exclusions applied, sorted by start, non-overlapping (see the module doc for the
    /// complete contract). Rules need sentences, so this finds terms only: see
    /// [`scan`](Self::scan).
    pub fn find_mentions(&self, text: &str) -> Vec<Hit> {
        let folded = normalize(text, true);
        let candidates = candidates(&self.inner, text, &folded);
        mentions(&self.inner, &folded, &candidates)
    }

    /// Asks satisfied per sentence; `sentences` are byte ranges of `text`. One [`AskHit`]
    /// per (ask, sentence), sorted by sentence then ask. Ask terms match independently of
    /// category terms.
    pub fn find_asks(&self, text: &str, sentences: &[Range<usize>]) -> Vec<AskHit> {
        let folded = normalize(text, true);
        let candidates = candidates(&self.inner, text, &folded);
        let passed = sentence_tests(&self.inner, text, &folded, &candidates, sentences, false);
        ask_hits(&self.inner, &passed)
    }

    /// Everything counted in `text` split into `sentences` (byte ranges of `text`): the
    /// mentions of [`find_mentions`](Self::find_mentions) with those of the lexicon's rules
    /// added (rule 9; still sorted by start and non-overlapping), and the asks of
    /// [`find_asks`](Self::find_asks). Folds the text only once.
    pub fn scan(&self, text: &str, sentences: &[Range<usize>]) -> (Vec<Hit>, Vec<AskHit>) {
        let folded = normalize(text, true);
        let candidates = candidates(&self.inner, text, &folded);
        let mut hits = mentions(&self.inner, &folded, &candidates);
        let passed = sentence_tests(&self.inner, text, &folded, &candidates, sentences, true);
        add_rule_hits(&self.inner, &mut hits, &passed, sentences);
        (hits, ask_hits(&self.inner, &passed))
    }
}

/// A whole-word match of one pattern, in folded-buffer offsets.
#[derive(Clone, Copy, Debug)]
pub(super) struct Candidate {
    start: usize,
    end: usize,
    pattern: usize,
    star: bool,
    spaced: u32,
}

fn word_before(buf: &[u8], at: usize) -> bool {
    match at.checked_sub(1).and_then(|p| buf.get(p)) {
        None => false,
        Some(&b) if b < 0x80 => b.is_ascii_alphanumeric(),
        Some(_) => buf.get(..at).and_then(last_char).is_some_and(is_word_char),
    }
}

fn word_at(buf: &[u8], at: usize) -> bool {
    match buf.get(at) {
        None => false,
        Some(&b) if b < 0x80 => b.is_ascii_alphanumeric(),
        Some(_) => char_at(buf, at).is_some_and(is_word_char),
    }
}

/// Every whole-word match of the lexicon's patterns, overlapping ones included.
pub(super) fn candidates(inner: &Inner, text: &str, folded: &Normalized) -> Vec<Candidate> {
    let automaton = &inner.automaton;
    let buf = &folded.bytes;
    let mut out = Vec::new();
    let Ok(matches) = automaton.ac.try_find_overlapping_iter(Input::new(buf)) else {
        return out;
    };
    for m in matches {
        let Some(&(pattern, anchor_spaced)) = automaton.anchors.get(m.pattern().as_usize()) else {
            continue;
        };
        let Some(p) = inner.patterns.get(pattern) else {
            continue;
        };
        if word_before(buf, m.start()) {
            continue;
        }
        let Some((end, spaced)) = p.finish(buf, m.end()) else {
            continue;
        };
        if word_at(buf, end) {
            continue;
        }
        if p.is_case_sensitive() {
            let span = text.get(folded.orig_start(m.start())..folded.orig_end(end));
            if !span.is_some_and(|s| p.case_matches(&normalize(s, false).bytes)) {
                continue;
            }
        }
        out.push(Candidate {
            start: m.start(),
            end,
            pattern,
            star: p.has_star(),
            spaced: anchor_spaced + spaced,
        });
    }
    out
}

/// The category-term mentions among `all` candidates.
pub(super) fn mentions(inner: &Inner, folded: &Normalized, all: &[Candidate]) -> Vec<Hit> {
    let mut exclusions: Vec<(usize, usize, super::CategoryId)> = Vec::new();
    // Each term candidate with the positions in its term's category list that an exclusion
    // holding the match removes it from (filled below); one removed from all is dropped.
    let mut terms: Vec<(Candidate, TermId, u64)> = Vec::with_capacity(all.len());
    for &c in all {
        match inner.targets.get(c.pattern) {
            Some(&Target::Term(id)) => terms.push((c, id, 0)),
            Some(&Target::Exclude(category)) => exclusions.push((c.start, c.end, category)),
            _ => {}
        }
    }
    if !exclusions.is_empty() {
        exclusions.sort_unstable_by_key(|&(s, e, _)| (s, e));
        let longest = exclusions.iter().map(|&(s, e, _)| e - s).max().unwrap_or(0);
        terms.retain_mut(|(c, id, excluded)| {
            let categories = inner.term_categories(*id);
            let upto = exclusions.partition_point(|&(s, _, _)| s <= c.start);
            for &(_, _, k) in exclusions[..upto]
                .iter()
                .rev()
                .take_while(|&&(s, _, _)| s + longest >= c.end)
                .filter(|&&(_, e, _)| e >= c.end)
            {
                // A lexicon puts a term in at most MAX_TERM_CATEGORIES (64) categories, so
                // every position has its bit.
                for (position, category) in categories.iter().enumerate() {
                    if *category == k {
                        *excluded |= 1 << position;
                    }
                }
            }
            // One bit per category of the term.
            let all = u64::MAX
                .checked_shr(u64::BITS - categories.len() as u32)
                .unwrap_or(0);
            *excluded & all != all
        });
    }
    terms.sort_unstable_by_key(|(c, id, _)| (c.start, Reverse(c.end), c.star, c.spaced, *id));
    let mut hits = Vec::new();
    let mut taken_to = 0;
    for (c, id, excluded) in terms {
        if c.start < taken_to || c.end <= c.start {
            continue;
        }
        taken_to = c.end;
        hits.push(Hit {
            term: id,
            start: folded.orig_start(c.start),
            end: folded.orig_end(c.end),
            excluded,
        });
    }
    hits
}

/// A sentence test (ask or rule) that a sentence passes.
pub(super) struct Passed {
    /// Index into `Inner::tests`.
    test: usize,
    /// Index of the sentence range.
    sentence: usize,
    /// For a rule: the matches of its first cue list in the sentence that count for it
    /// (original-text offsets, in text order, each once), where its mention may be placed.
    anchors: Vec<(usize, usize)>,
}

/// Judges every sentence against the asks (and, with `rules`, the rules too): sorted by
/// sentence then test.
pub(super) fn sentence_tests(
    inner: &Inner,
    text: &str,
    folded: &Normalized,
    candidates: &[Candidate],
    sentences: &[Range<usize>],
    rules: bool,
) -> Vec<Passed> {
    let tests = if rules { inner.tests.len() } else { inner.asks };
    if tests == 0 || sentences.is_empty() {
        return Vec::new();
    }
    let mut order: Vec<usize> = (0..sentences.len()).collect();
    order.sort_by_key(|&i| sentences[i].start);
    // (sentence, ask term, start, end) for every ask-term match lying wholly
    // inside a sentence, and (test, start, end) for every exclude-phrase match.
    let mut present: Vec<(usize, usize, usize, usize)> = Vec::new();
    let mut excluded: Vec<(usize, usize, usize)> = Vec::new();
    for c in candidates {
        let (start, end) = (folded.orig_start(c.start), folded.orig_end(c.end));
        let k = match inner.targets.get(c.pattern) {
            Some(&Target::AskTerm(k)) => k,
            Some(&Target::AskExclude(t)) => {
                if t < tests {
                    excluded.push((t, start, end));
                }
                continue;
            }
            _ => continue,
        };
        let upto = order.partition_point(|&i| sentences[i].start <= start);
        let holding = order[..upto]
            .iter()
            .rev()
            .find(|&&i| sentences[i].start <= start && end <= sentences[i].end);
        if let Some(&i) = holding {
            present.push((i, k, start, end));
        }
    }
    present.sort_unstable();
    present.dedup();
    // Whether match `m` of a term still counts for test `t`.
    let counts_for = |t: usize, m: &(usize, usize, usize, usize)| {
        !excluded
            .iter()
            .any(|&(e, start, end)| e == t && start <= m.2 && m.3 <= end)
    };
    let mut out = Vec::new();
    let mut seen = vec![false; inner.ask_term_count];
    let mut possible = Vec::new();
    for group in present.chunk_by(|a, b| a.0 == b.0) {
        possible.clear();
        for &(_, k, ..) in group {
            if let Some(s) = seen.get_mut(k) {
                *s = true;
            }
            if let Some(listed) = inner.tests_by_first_term.get(k) {
                possible.extend(listed.iter().copied().take_while(|&t| t < tests));
            }
        }
        // Only tests whose first group a term of the sentence belongs to, in test order.
        possible.sort_unstable();
        possible.dedup();
        for &t in &possible {
            let test = &inner.tests[t];
            // Usually no exclusion applies and presence in the sentence is
            // enough; otherwise each term needs a match the test's own
            // exclusions leave standing.
            let has = |k: &usize| {
                seen.get(*k).copied().unwrap_or(false)
                    && (excluded.is_empty() || group.iter().any(|m| m.1 == *k && counts_for(t, m)))
            };
            if !test.groups.iter().all(|terms| terms.iter().any(has)) {
                continue;
            }
            let anchors: Vec<(usize, usize)> = match test.groups.split_first() {
                Some((first, rest)) if t >= inner.asks => {
                    let counting = |terms: &[usize]| -> Vec<&(usize, usize, usize, usize)> {
                        group
                            .iter()
                            .filter(|m| terms.contains(&m.1) && counts_for(t, m))
                            .collect()
                    };
                    // The other lists' matches, found once for all anchors.
                    let others: Vec<_> = match test.within {
                        Some(_) => rest.iter().map(|terms| counting(terms)).collect(),
                        None => Vec::new(),
                    };
                    let mut anchors: Vec<(usize, usize)> = counting(first)
                        .into_iter()
                        .filter(|a| {
                            test.within.is_none_or(|most| {
                                others.iter().all(|matches| {
                                    matches.iter().any(|m| words_between(text, a, m) <= most)
                                })
                            })
                        })
                        .map(|m| (m.2, m.3))
                        .collect();
                    anchors.sort_unstable();
                    anchors.dedup();
                    anchors
                }
                _ => Vec::new(),
            };
            if t >= inner.asks && anchors.is_empty() {
                continue;
            }
            out.push(Passed {
                test: t,
                sentence: group[0].0,
                anchors,
            });
        }
        for &(_, k, ..) in group {
            if let Some(s) = seen.get_mut(k) {
                *s = false;
            }
        }
    }
    out
}

/// The number of words strictly between two matches `(_, _, start, end)` of `text`; none
/// when they overlap.
fn words_between(
    text: &str,
    a: &(usize, usize, usize, usize),
    b: &(usize, usize, usize, usize),
) -> usize {
    let (from, to) = if a.2 <= b.2 { (a.3, b.2) } else { (b.3, a.2) };
    text.get(from..to)
        .map_or(0, |gap| gap.split_whitespace().count())
}

/// The asks among the passed tests.
pub(super) fn ask_hits(inner: &Inner, passed: &[Passed]) -> Vec<AskHit> {
    passed
        .iter()
        .filter(|p| p.test < inner.asks)
        .map(|p| AskHit {
            ask: AskId(p.test as u32),
            sentence: p.sentence,
        })
        .collect()
}

/// Adds the mentions of the rules the sentences pass (rule 9): one per rule and sentence,
/// unless the sentence already counts a mention of the rule's category (a term, or an
/// earlier rule), placed on the first anchor that overlaps no other mention. `hits` stays
/// sorted by start and non-overlapping.
pub(super) fn add_rule_hits(
    inner: &Inner,
    hits: &mut Vec<Hit>,
    passed: &[Passed],
    sentences: &[Range<usize>],
) {
    let mut added: Vec<Hit> = Vec::new();
    for p in passed.iter().filter(|p| p.test >= inner.asks) {
        let term = TermId((inner.first_rule + p.test - inner.asks) as u32);
        let Some(&category) = inner.term_categories(term).first() else {
            continue;
        };
        let Some(range) = sentences.get(p.sentence) else {
            continue;
        };
        let from = hits.partition_point(|h| h.start < range.start);
        let in_sentence = hits[from..]
            .iter()
            .take_while(|h| h.start < range.end)
            .chain(
                added
                    .iter()
                    .filter(|h| range.start <= h.start && h.start < range.end),
            );
        if in_sentence
            .filter(|h| h.end <= range.end)
            .any(|h| inner.hit_categories(h).any(|c| c == category))
        {
            continue;
        }
        let free = |&&(start, end): &&(usize, usize)| {
            let after = hits.partition_point(|h| h.end <= start);
            hits.get(after).is_none_or(|h| h.start >= end)
                && added.iter().all(|h| h.end <= start || end <= h.start)
        };
        if let Some(&(start, end)) = p.anchors.iter().find(free) {
            added.push(Hit {
                term,
                start,
                end,
                excluded: 0,
            });
        }
    }
    if !added.is_empty() {
        hits.extend(added);
        hits.sort_unstable_by_key(|h| h.start);
    }
}
