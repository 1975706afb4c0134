//! Contents furniture: a table of contents, in any of its three shapes.
//!
//! - **Contents entries.** A line of title, leader dots and perhaps a page
//!   number ("Jobs for all ........ 17", or the leaders alone when the
//!   numbers are set in a column of their own).
//! - **Contents pages.** A page with a line that is only "Contents" (or
//!   "Table of contents", Welsh "Cynnwys"): every line of the page except
//!   blocks of prose (a foreword starting on the same page).
//! - **Contents blocks.** A block of three or more lines, two thirds of which
//!   end (or start) with a page number, the numbers rising by two or more on
//!   average (a numbered list, 1, 2, 3, is body text).
//!
//! These are tests of one line or one block; which lines of a page they
//! mark is decided by the caller (`super`).

use crate::text::page::Block;

/// A line that is only a contents heading.
pub(super) fn is_contents_heading(text: &str) -> bool {
    let t = text.trim().trim_end_matches(':');
    [
        "contents",
        "table of contents",
        "content",
        "cynnwys",
        "contents page",
    ]
    .iter()
    .any(|h| t.eq_ignore_ascii_case(h))
}

/// A block of running prose: a paragraph of several lines, or a sentence of
/// some length (`text` is its lines joined by spaces). A contents page keeps
/// these (a foreword may start on it).
pub(super) fn is_prose(block: &Block, text: &str) -> bool {
    // Counted only as far as the rules below look.
    let words = text.split_whitespace().take(25).count();
    let sentence = text.trim_end().ends_with(['.', '!', '?', '\u{201D}', '"']);
    (block.lines.len() >= 3 && words >= 25) || (sentence && words >= 15)
}

/// A block of contents entries: three or more lines, two thirds of which
/// end or start with a page number, the numbers rising by two or more on
/// average.
pub(super) fn is_contents_block(block: &Block) -> bool {
    let lines: Vec<&str> = block
        .lines
        .iter()
        .map(|l| l.text.trim())
        .filter(|t| !t.is_empty())
        .collect();
    if lines.len() < 3 {
        return false;
    }
    // Two thirds must be entries: stop at the first line that makes that
    // impossible (a paragraph of prose, at once).
    let mut numbers = Vec::new();
    let mut misses = 0;
    for t in &lines {
        match entry_page_number(t) {
            Some(n) => numbers.push(n),
            None => {
                misses += 1;
                if misses * 3 > lines.len() {
                    return false;
                }
            }
        }
    }
    // Page numbers jump (4, 12, 17); a numbered list counts one by one (1,
    // 2, 3), and is body text.
    let rising = numbers.windows(2).all(|w| w[0] < w[1]);
    let spread = match (numbers.first(), numbers.last()) {
        (Some(&first), Some(&last)) => {
            last.saturating_sub(first) as usize >= 2 * (numbers.len() - 1)
        }
        _ => false,
    };
    numbers.len() * 3 >= lines.len() * 2 && rising && spread
}

/// The page number of a line laid out as a contents entry: a title then a
/// number of one to three digits ("Jobs for all 17"), or the other way round
/// ("17 Jobs for all"). The title must have letters.
fn entry_page_number(text: &str) -> Option<u32> {
    let (first, rest) = text.split_once(char::is_whitespace)?;
    let (rest_head, last) = text.rsplit_once(char::is_whitespace)?;
    let number = |s: &str| {
        let s = s.trim_end_matches('.');
        (!s.is_empty() && s.len() <= 3 && s.chars().all(|c| c.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let has_letters = |s: &str| s.chars().filter(|c| c.is_alphabetic()).count() >= 3;
    match (number(last), number(first)) {
        (Some(n), _) if has_letters(rest_head) => Some(n),
        (_, Some(n)) if has_letters(rest) => Some(n),
        _ => None,
    }
}

/// A table-of-contents entry: a title, a leader of dots, a page number
/// ("Jobs for all ........ 17", "Foreword . . . . 5", "Foreword…… 5"), or a
/// longer leader with no number, when the numbers are set in a column of
/// their own ("Helping you build the Big Society..........").
pub(super) fn is_contents_entry(text: &str) -> bool {
    let t = text.trim_end();
    let without_number = t.trim_end_matches(|c: char| c.is_ascii_digit());
    let numbered = without_number.len() < t.len();
    let dots: usize = without_number
        .chars()
        .rev()
        .take_while(|c| matches!(c, '.' | '…') || c.is_whitespace())
        .map(|c| match c {
            '.' => 1,
            '…' => 3,
            _ => 0,
        })
        .sum();
    // The title is looked for only behind a leader (most lines have none).
    (if numbered { dots >= 4 } else { dots >= 8 })
        && without_number.chars().any(char::is_alphabetic)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::furniture::mark_furniture;
    use crate::text::furniture::tests::{blocks_page, marks};

    #[test]
    fn contents_entries_are_furniture() {
        for t in [
            "Jobs for all........17",
            "Foreword . . . . . 5",
            "Big Society …… 45",
            "Helping you build the Big Society..........",
        ] {
            assert!(is_contents_entry(t), "{t}");
        }
        for t in [
            "We will act... by 2015",
            "Costs 5",
            "Wait.... twelve reasons",
            "Total 1.5",
            "And so on....",
            "..........",
        ] {
            assert!(!is_contents_entry(t), "{t}");
        }
    }
    #[test]
    fn a_contents_page_is_furniture_but_prose_on_it_is_not() {
        let mut pages = vec![blocks_page(
            1,
            &[
                &["Contents"],
                &[
                    "A co-operative economy",
                    "Doubling the size of the co-operative sector",
                ],
                &["Employee ownership", "Community energy"],
                &[
                    "Foreword. We have set out in these pages a plan for an economy that",
                    "is owned by the many, with co-operatives and mutuals at its heart,",
                    "and with every community given the right to own what matters to it.",
                ],
            ],
        )];
        mark_furniture(&mut pages);
        assert_eq!(
            marks(&pages[0]),
            [
                vec![true],
                vec![true, true],
                vec![true, true],
                vec![false, false, false]
            ]
        );
    }

    #[test]
    fn a_block_of_entries_with_rising_page_numbers_is_contents() {
        let mut pages = vec![blocks_page(
            1,
            &[
                &[
                    "Jobs for all 4",
                    "A co-operative economy 12",
                    "Community energy 17",
                ],
                &["7 Foreword", "9 Mutuals and co-ops", "15 Credit unions"],
                &["Ages 16 to 25", "Over 65", "Under 18"],
                &[
                    "1. Fund credit unions.",
                    "2. Back co-ops.",
                    "3. Build homes.",
                ],
            ],
        )];
        mark_furniture(&mut pages);
        assert_eq!(
            marks(&pages[0]),
            [vec![true; 3], vec![true; 3], vec![false; 3], vec![false; 3]]
        );
    }
}
