//! Imprint furniture: the small print of who promoted, printed or
//! published the document, copyright lines, and registration lines.
//!
//! A line that starts "Promoted by", "Printed by", "Published by" (or any
//! "and"/"&" mix of them), or holds such a phrase followed by "on behalf
//! of", together with the rest of its block (the names and addresses); a
//! line that starts with "©" or "Copyright ©"; a block naming a
//! registration ("registered with the Electoral Commission", "a registered
//! society under", "registered in England", "company number 123", "limited
//! by guarantee"): all of it when it has at most six lines, else the lines
//! the phrase runs over. Phrases are looked for in a block's lines joined
//! ([`JoinedBlock`]), so that one may wrap.

use crate::text::page::Block;

/// The lines of a block joined by spaces (one after each line), with where
/// each line starts: the imprint phrases and the words of small print are
/// looked for in it, one search per block rather than one per line (the
/// per-line searches cost a tenth of reading a text file), and a phrase may
/// wrap from one line to the next.
pub(super) struct JoinedBlock {
    /// The lines, each followed by a space.
    pub(super) text: String,
    starts: Vec<usize>,
}

impl JoinedBlock {
    /// The lines of `block`, joined.
    pub(super) fn of(block: &Block) -> JoinedBlock {
        let mut text = String::with_capacity(block.lines.iter().map(|l| l.text.len() + 1).sum());
        let mut starts = Vec::with_capacity(block.lines.len());
        for line in &block.lines {
            starts.push(text.len());
            text.push_str(&line.text);
            text.push(' ');
        }
        JoinedBlock { text, starts }
    }

    /// The line holding byte `at` of the joined text.
    fn line_of(&self, at: usize) -> usize {
        self.starts.partition_point(|&s| s <= at).saturating_sub(1)
    }

    /// Which lines hold one of the [`SMALL_PRINT_WORDS`] (none spans two
    /// lines: they have no spaces).
    pub(super) fn lines_with_small_print_words(&self) -> Vec<bool> {
        let mut small = vec![false; self.starts.len()];
        for found in SMALL_PRINT_WORDS.find_iter(&self.text) {
            small[self.line_of(found.start())] = true;
        }
        small
    }
}

/// A line that opens an imprint: "Promoted by", "Published and promoted
/// by", "Printed & promoted by" at its start, or such a phrase anywhere when
/// "on behalf of" follows (imprints run on after other small print).
/// Callers look for [`SMALL_PRINT_WORDS`] first: most lines have none.
pub(super) fn starts_imprint(text: &str) -> bool {
    let lower = text
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    let Some(at) = imprint_phrase(&lower) else {
        return false;
    };
    at == 0 || lower[at..].contains("on behalf of")
}

/// Where "(printed|published|promoted)( (and|&) ...)* by" starts in a
/// lower-case line, if it does.
fn imprint_phrase(lower: &str) -> Option<usize> {
    const VERBS: [&str; 3] = ["promoted", "printed", "published"];
    let mut search = 0;
    while let Some(found) = VERBS
        .iter()
        .filter_map(|v| lower[search..].find(v).map(|i| (search + i, v.len())))
        .min()
    {
        let (start, len) = found;
        let at_word = lower[..start]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let mut rest = &lower[start + len..];
        loop {
            let trimmed = rest.trim_start();
            let Some(after) = trimmed
                .strip_prefix("and ")
                .or_else(|| trimmed.strip_prefix("& "))
            else {
                rest = trimmed;
                break;
            };
            let after = after.trim_start();
            match VERBS.iter().find(|v| after.starts_with(*v)) {
                Some(v) => rest = &after[v.len()..],
                None => {
                    rest = trimmed;
                    break;
                }
            }
        }
        if at_word && (rest.starts_with("by ") || rest.starts_with("by:") || rest == "by") {
            return Some(start);
        }
        search = start + len;
    }
    None
}

/// Words without which no line is an imprint or registration line
/// ("promoted", "printed", "published", "registered", "limited", "company"),
/// so that the phrase rules (which lower-case and search line by line) run
/// only on the few lines that hold one; most lines of a manifesto hold none.
/// Written without their first letter, in lower and upper case, so that
/// the search is case-sensitive (and so vectorised) yet finds "Promoted",
/// "promoted" and "PROMOTED".
static SMALL_PRINT_WORDS: std::sync::LazyLock<aho_corasick::AhoCorasick> =
    std::sync::LazyLock::new(|| {
        let stems = ["romoted", "rinted", "ublished", "egist", "imited", "ompany"];
        let upper: Vec<String> = stems.iter().map(|s| s.to_uppercase()).collect();
        // Leftmost-first (whether a line has one is all that is asked) lets
        // the crate use its vectorised Teddy search, which standard
        // semantics do not.
        aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostFirst)
            .build(
                stems
                    .iter()
                    .copied()
                    .chain(upper.iter().map(String::as_str)),
            )
            .expect("a handful of literals compile")
    });

/// Which lines of a block are copyright or registration lines. Registration
/// phrases are looked for in the block's text, since an imprint wraps ("…
/// Limited is a registered ⏎ Society under the …"); a short block holding
/// one is all small print and is marked whole, a longer one only on the
/// lines the phrase touches.
/// `small` says which lines hold one of the [`SMALL_PRINT_WORDS`].
pub(super) fn legal_lines(block: &Block, joined: &JoinedBlock, small: &[bool]) -> Vec<bool> {
    let mut marks: Vec<bool> = block
        .lines
        .iter()
        .map(|l| {
            let t = l.text.trim_start();
            t.starts_with('\u{A9}') || t.starts_with("Copyright \u{A9}") || t.starts_with("(c) ")
        })
        .collect();
    if !small.contains(&true) {
        return marks;
    }
    // Every phrase opens with a small-print word, so it starts in a line
    // that holds one.
    let starts = &joined.starts;
    let spans: Vec<_> = (0..block.lines.len())
        .filter(|&i| small[i])
        .flat_map(|i| {
            legal_phrases(
                &joined.text,
                starts[i]..starts[i] + block.lines[i].text.len(),
            )
        })
        .collect();
    if spans.is_empty() {
        return marks;
    }
    if block.lines.len() <= 6 {
        return vec![true; block.lines.len()];
    }
    // Each phrase marks the lines from the one it starts in to the one it
    // ends in (found by binary search: a block may have thousands of lines).
    for r in spans {
        for mark in &mut marks[joined.line_of(r.start)..=joined.line_of(r.end.saturating_sub(1))] {
            *mark = true;
        }
    }
    marks
}

/// Byte ranges of the registration phrases of `text` that start in
/// `starts_in`, in any case: "registered with the electoral commission", "a
/// registered society under", "registered in England", "limited by
/// guarantee", "company number 123" and the like. One search for all of
/// them, over `starts_in` and as far beyond as the longest phrase reaches.
fn legal_phrases(text: &str, starts_in: std::ops::Range<usize>) -> Vec<std::ops::Range<usize>> {
    /// The phrases; those from `NUMBERED` on count only before a number.
    const PHRASES: [&str; 11] = [
        "registered with the electoral commission",
        "registered society under",
        "registered in england",
        "registered in scotland",
        "registered in wales",
        "limited by guarantee",
        "registered charity number",
        "company number",
        "company no",
        "registration number",
        "registered number",
    ];
    const NUMBERED: usize = 7;
    static SEARCH: std::sync::LazyLock<aho_corasick::AhoCorasick> =
        std::sync::LazyLock::new(|| {
            // Leftmost-longest, so "company number 12" is one match, not
            // "company no" followed by "umber".
            aho_corasick::AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .match_kind(aho_corasick::MatchKind::LeftmostLongest)
                .build(PHRASES)
                .expect("a handful of literals compile")
        });
    let longest = PHRASES.iter().map(|p| p.len()).max().unwrap_or(0);
    let window = starts_in.start..(starts_in.end + longest).min(text.len());
    let mut spans = Vec::new();
    for found in SEARCH.find_iter(aho_corasick::Input::new(text).span(window)) {
        if found.start() >= starts_in.end {
            break;
        }
        let (at, end) = (found.start(), found.end());
        if found.pattern().as_usize() < NUMBERED {
            spans.push(at..end);
            continue;
        }
        let digits = text[end..].trim_start_matches(['.', ':', ' ']);
        if digits.starts_with(|c: char| c.is_ascii_digit()) {
            spans.push(at..text.len() - digits.len() + 1);
        }
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::furniture::mark_furniture;
    use crate::text::furniture::tests::{blocks_page, marks};

    #[test]
    fn imprints_and_legal_lines_are_furniture() {
        let mut pages = vec![blocks_page(
            1,
            &[
                &[
                    "Published and promoted by A. Agent on behalf of",
                    "the Hedgerow Party, both at 1 Lane, Town AB1 2CD.",
                ],
                &["Printed & promoted by B. Printer, 2 Road, Town."],
                &["Data is kept safe. Promoted by C. Person on behalf of Vote Now Ltd."],
                &[
                    "The Hedgerow Co-operative Party Limited is a registered",
                    "Society under the Co-operative and Community Benefit Societies Act 2014.",
                ],
                &["\u{A9} The Hedgerow Party 2026"],
                &["Company number: 01234567"],
                // Body text that only looks like small print.
                &["This policy is being promoted by the government without a vote."],
                &["The lifeboat service is a registered charity we will support."],
            ],
        )];
        mark_furniture(&mut pages);
        assert_eq!(
            marks(&pages[0]),
            [
                vec![true, true],
                vec![true],
                vec![true],
                vec![true, true],
                vec![true],
                vec![true],
                vec![false],
                vec![false],
            ]
        );
    }

    #[test]
    fn in_a_long_block_only_the_lines_of_a_registration_phrase_are_small_print() {
        let mut pages = vec![blocks_page(
            1,
            &[&[
                "We will back co-operatives in every town and city,",
                "and mutuals in every industry that wants them.",
                "The Hedgerow Co-operative Party Limited is a registered",
                "Society under the Co-operative and Community Benefit Societies Act.",
                "Our plans for credit unions come next, with money",
                "for every community that wants one, and more besides.",
                "Community energy will follow in the chapter after,",
                "with its own plans for every region of the country.",
            ]],
        )];
        mark_furniture(&mut pages);
        assert_eq!(
            marks(&pages[0]),
            [vec![false, false, true, true, false, false, false, false]]
        );
    }

    #[test]
    fn imprint_phrases() {
        for t in [
            "Promoted by: Plaid Cymru, Cardiff",
            "PUBLISHED AND PROMOTED BY THE PARTY, 91 AVENUE",
            "Printed by: Colourview Ltd, Unit 8",
            "Published, printed and promoted by X on behalf of Y",
        ] {
            assert!(starts_imprint(t), "{t}");
        }
        for t in [
            "That is the same interest being promoted by the DUP",
            "Labour is opposed to the privatisation actively promoted by the",
            "Reports published by the Commission show",
            "imprinted by history",
        ] {
            assert!(!starts_imprint(t), "{t}");
        }
    }
}
