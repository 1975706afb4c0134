//! Differential test: over every text in `../shared/text/manifesto-project-uk/`, the matcher's
//! per-term counts must equal those of a deliberately simple reference written separately
//! here: one `regex` per term (case-insensitive through the regex engine, white space and
//! hyphen variants spelt out as alternations), whole words checked by looking at the
//! characters around each regex match, then exclusions and leftmost-longest by brute force.
//!
//! The reference differs from the matcher on purpose in how it gets there (regex instead of
//! folding plus automaton, no offset map), so agreement tests both. Known limits, none of
//! which the corpus exercises: the regex engine uses simple case folding (so "ß" vs "SS" is
//! not compared) and the reference does not decompose ligatures or full-width forms.

use std::collections::BTreeMap;

use regex::Regex;

use super::tests::lexicon;
use super::*;

/// About 50 terms of our own with every feature: wildcards at the end and in the middle,
/// hyphens, apostrophes, digits, case-sensitive terms, exclusions, and overlapping terms
/// across categories (and a tie between two wildcard terms).
const TERMS: &str = "\
    co-operative*, co-op*, co-ops, cooperative*, mutual*, mutual society, building societ*, \
    friendly societ*, workers' co-operative*, workers co-op*, supporters trust*, members, \
    !mutual respect, !mutual recognition, !mutual interest*, !mutually assured;\
    social enterprise*, community interest compan*, charit*, voluntary sector, third sector, \
    not-for-profit, non-profit*, ^CIC, ^CICs, ^TUC;\
    credit union*, social investment*, Big Society Capital, Big Society, dormant account*, \
    community shares, payday lend*, loan shark*, people's bank, !big society of;\
    social value, Social Value Act, public service mutual*, procurement, local authorit*, \
    public sector, council tax, trade union*, ^NHS;\
    community land trust*, community energy, community asset*, right to buy, housing association*, \
    local people, neighbourhood*, localism, self-help, anti-social behaviour, 1945, \
    post-war, day-to-day";

const WORD: &str = r"[\p{Alphabetic}\p{N}\p{M}]";
const DASH: &str = "[-\u{2010}\u{2011}\u{2012}\u{2013}\u{2212}\u{FE63}\u{FF0D}]";
const BREAK: &str = "[\n\r\u{0B}\u{0C}\u{85}\u{2028}\u{2029}]";

use crate::test_support::shared_dir;

/// One term of the reference: its regex, and what it counts for.
struct RefTerm {
    regex: Regex,
    category: usize,
    /// `Some(term index)` for a category term, `None` for an exclude phrase.
    term: Option<usize>,
    star: bool,
}

fn term_regex(term: &str, case_sensitive: bool) -> Regex {
    const APOSTROPHE: &str = "['\u{2019}\u{2018}\u{2BC}]";
    let mut re = String::from(if case_sensitive { "" } else { "(?i)" });
    let chars: Vec<char> = term.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        // An apostrophe may end any word of the text (rule 4), so where a word of the term
        // ends without one, the text may have some.
        if matches!(c, ' ' | '-')
            && !matches!(chars.get(i.wrapping_sub(1)), Some('\'' | '\u{2019}'))
        {
            re.push_str(&format!("{APOSTROPHE}*"));
        }
        match c {
            ' ' => re.push_str(r"\s+"),
            '*' => re.push_str(&format!("{WORD}*")),
            '\'' | '\u{2019}' if next.is_none_or(|n| n == ' ') => {
                re.push_str(&format!("{APOSTROPHE}*"))
            }
            '\'' | '\u{2019}' => re.push_str(APOSTROPHE),
            '-' => re.push_str(&format!(r"(?:{DASH}\s*{BREAK}\s*|{DASH}|\s+)")),
            c => re.push_str(&regex::escape(&c.to_string())),
        }
    }
    Regex::new(&re).unwrap()
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c)
}

/// Per-term counts by the reference rules.
fn reference_counts(terms: &[RefTerm], raw: &str) -> BTreeMap<usize, usize> {
    // Soft hyphens vanish, with a line break straight after one.
    let soft = Regex::new(&format!(r"\u{{AD}}(?:\s*{BREAK}\s*)?")).unwrap();
    let text = soft.replace_all(raw, "");
    let text = text.as_ref();
    // Every whole-word match of every term at every start: (start, end, index into terms).
    let mut found = Vec::new();
    for (k, t) in terms.iter().enumerate() {
        let mut at = 0;
        while let Some(m) = t.regex.find_at(text, at) {
            let before = text[..m.start()].chars().next_back();
            let after = text[m.end()..].chars().next();
            if !before.is_some_and(is_word) && !after.is_some_and(is_word) {
                found.push((m.start(), m.end(), k));
            }
            at = m.start() + text[m.start()..].chars().next().map_or(1, char::len_utf8);
        }
    }
    let kept: Vec<_> = found
        .iter()
        .filter(|&&(s, e, k)| {
            terms[k].term.is_some()
                && !found.iter().any(|&(xs, xe, x)| {
                    terms[x].term.is_none()
                        && terms[x].category == terms[k].category
                        && xs <= s
                        && e <= xe
                })
        })
        .copied()
        .collect();
    let mut ranked: Vec<_> = kept
        .iter()
        .map(|&(s, e, k)| {
            (
                s,
                std::cmp::Reverse(e),
                terms[k].star,
                terms[k].term.unwrap_or(0),
            )
        })
        .collect();
    ranked.sort();
    let mut counts = BTreeMap::new();
    let mut taken_to = 0;
    for (s, std::cmp::Reverse(e), _, term) in ranked {
        if s >= taken_to {
            taken_to = e;
            *counts.entry(term).or_insert(0) += 1;
        }
    }
    counts
}

#[test]
fn matcher_agrees_with_the_regex_reference_on_the_corpus() {
    let Some(shared) = shared_dir() else { return };
    let dir = shared.join("text/manifesto-project-uk");
    let lex = lexicon(TERMS);
    let matcher = Matcher::new(&lex).unwrap();
    let mut terms = Vec::new();
    let mut index = 0;
    for (c, category) in lex.categories().iter().enumerate() {
        for t in &category.terms {
            terms.push(RefTerm {
                regex: term_regex(t.as_str(), t.is_case_sensitive()),
                category: c,
                term: Some(index),
                star: t.has_wildcard(),
            });
            index += 1;
        }
        for t in &category.exclude {
            terms.push(RefTerm {
                regex: term_regex(t.as_str(), false),
                category: c,
                term: None,
                star: t.has_wildcard(),
            });
        }
    }
    assert!(matcher.term_count() >= 40);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    assert!(files.len() > 100, "{}", dir.display());
    let mut totals: BTreeMap<usize, usize> = BTreeMap::new();
    let mut mismatches = Vec::new();
    for path in &files {
        let text = String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned();
        let mut ours = BTreeMap::new();
        for h in matcher.find_mentions(&text) {
            *ours.entry(h.term.index()).or_insert(0usize) += 1;
        }
        let theirs = reference_counts(&terms, &text);
        for (&t, &n) in &ours {
            *totals.entry(t).or_insert(0) += n;
        }
        if ours != theirs {
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            for t in 0..matcher.term_count() {
                let (a, b) = (
                    ours.get(&t).copied().unwrap_or(0),
                    theirs.get(&t).copied().unwrap_or(0),
                );
                if a != b {
                    mismatches.push(format!(
                        "{name}: {:?} matcher {a}, reference {b}",
                        matcher.term_text(TermId(t as u32))
                    ));
                }
            }
        }
    }
    let matched_terms = totals.values().filter(|&&n| n > 0).count();
    eprintln!(
        "{} files, {} mentions of {matched_terms} terms",
        files.len(),
        totals.values().sum::<usize>()
    );
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
    // The comparison only means something if most terms actually occur.
    assert!(matched_terms >= 35, "only {matched_terms} terms occur");
}
