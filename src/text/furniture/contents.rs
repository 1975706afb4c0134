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
//! - **Contents in columns.** Page numbers standing alone (set in a column
//!   of their own, with no leaders), each on the row of a title beside it,
//!   rising as above, with their titles ([`contents_columns`]). Pages titled
//!   "In this document" or "In this manifesto" are contents pages too.
//!
//! These are tests of one line or one block; which lines of a page they
//! mark is decided by the caller (`super`).

use crate::text::page::{Block, Line};

/// A line that is only a contents heading.
pub(super) fn is_contents_heading(text: &str) -> bool {
    let t = text.trim().trim_end_matches(':');
    [
        "contents",
        "table of contents",
        "content",
        "cynnwys",
        "contents page",
        "in this document",
        "in this manifesto",
        "inside this manifesto",
        "what's inside",
        "what\u{2019}s inside",
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
    numbers.len() * 3 >= lines.len() * 2 && rising_page_numbers(&numbers)
}

/// Whether page numbers, three or more, rise by two or more on average (a
/// numbered list counts one by one, 1, 2, 3, and is body text).
fn rising_page_numbers(numbers: &[u32]) -> bool {
    let rising = numbers.windows(2).all(|w| w[0] < w[1]);
    let spread = match (numbers.first(), numbers.last()) {
        (Some(&first), Some(&last)) => {
            last.saturating_sub(first) as usize >= 2 * (numbers.len().saturating_sub(1))
        }
        _ => false,
    };
    numbers.len() >= 3 && rising && spread
}

/// Text that is only a page number of one to three digits (a full stop
/// after it allowed).
fn bare_page_number(text: &str) -> Option<u32> {
    let t = text.trim().trim_end_matches('.');
    (!t.is_empty() && t.len() <= 3 && t.chars().all(|c| c.is_ascii_digit()))
        .then(|| t.parse().ok())
        .flatten()
}

/// Which lines of a page (block by block) are a contents page set in
/// columns: page numbers standing alone, each on the row of a title beside
/// it (their middles within half a line, side by side), three or more,
/// rising down the page as page numbers do; those numbers, their titles,
/// and every line of a block two thirds of whose lines are such titles (a
/// title that wraps). Layout may give each entry a block of its own, or a
/// column a block, so rows are looked for across blocks.
pub(super) fn contents_columns(blocks: &[Block]) -> Vec<Vec<bool>> {
    let mut marks: Vec<Vec<bool>> = blocks.iter().map(|b| vec![false; b.lines.len()]).collect();
    // Every line with text, where it is, and the page number it is, if it is one.
    let lines: Vec<((usize, usize), &Line, Option<u32>)> = blocks
        .iter()
        .enumerate()
        .flat_map(|(b, block)| {
            block
                .lines
                .iter()
                .enumerate()
                .map(move |(l, line)| ((b, l), line))
        })
        .filter(|(_, line)| !line.text.trim().is_empty())
        .map(|(at, line)| (at, line, bare_page_number(&line.text)))
        .collect();
    // Fewer than three page numbers make no run that rises (most pages), and
    // text without geometry (a text file's lines have no boxes) has no rows.
    if lines.iter().filter(|(_, _, n)| n.is_some()).count() < 3
        || lines.iter().all(|(_, l, _)| l.bbox[2] <= l.bbox[0])
    {
        return marks;
    }
    let middle = |line: &Line| (line.bbox[1] + line.bbox[3]) / 2.0;
    // A paragraph runs on from line to line (a line after the first starts
    // in lower case); a column of titles starts each line afresh.
    let paragraph: Vec<bool> = blocks
        .iter()
        .map(|b| {
            b.lines.iter().skip(1).any(|l| {
                l.text
                    .trim_start()
                    .chars()
                    .next()
                    .is_some_and(char::is_lowercase)
            })
        })
        .collect();
    /// A page number with the title on its row.
    struct Entry {
        number_at: (usize, usize),
        title_at: (usize, usize),
        number: u32,
        /// The number's height on the page.
        middle: f32,
        /// The number's right edge.
        right: f32,
    }
    let mut entries: Vec<Entry> = Vec::new();
    for &(at, line, number) in &lines {
        let Some(number) = number else {
            continue;
        };
        // The title is the nearest line on the row, beside the number and
        // not part of a paragraph (a foreword set beside the contents).
        let gap = |other: &Line| (other.bbox[0] - line.bbox[2]).max(line.bbox[0] - other.bbox[2]);
        let title = lines
            .iter()
            .filter(|(other_at, other, other_number)| {
                *other_at != at
                    && other_number.is_none()
                    && (middle(other) - middle(line)).abs() <= other.size.max(line.size) / 2.0
                    && gap(other) > 0.0
            })
            .min_by(|a, b| gap(a.1).total_cmp(&gap(b.1)))
            .filter(|(title_at, _, _)| !paragraph[title_at.0]);
        if let Some(&(title_at, _, _)) = title {
            entries.push(Entry {
                number_at: at,
                title_at,
                number,
                middle: middle(line),
                right: line.bbox[2],
            });
        }
    }
    // One column of numbers at a time (their right edges together), down
    // the page (the reading frame's y grows upwards), in runs that rise: a
    // numbered list below a contents page is a run of its own.
    let mut columns: Vec<(f32, Vec<Entry>)> = Vec::new();
    for entry in entries {
        match columns
            .iter_mut()
            .find(|(right, _)| (right - entry.right).abs() <= 24.0)
        {
            Some((_, column)) => column.push(entry),
            None => columns.push((entry.right, vec![entry])),
        }
    }
    for (_, mut column) in columns {
        column.sort_by(|a, b| b.middle.total_cmp(&a.middle));
        for run in column.chunk_by(|a, b| a.number < b.number) {
            let numbers: Vec<u32> = run.iter().map(|e| e.number).collect();
            if rising_page_numbers(&numbers) {
                for entry in run {
                    marks[entry.number_at.0][entry.number_at.1] = true;
                    marks[entry.title_at.0][entry.title_at.1] = true;
                }
            }
        }
    }
    for (block, block_marks) in blocks.iter().zip(&mut marks) {
        let titled = block_marks.iter().filter(|m| **m).count();
        if block.lines.len() >= 2 && titled * 3 >= block.lines.len() * 2 {
            block_marks.iter_mut().for_each(|m| *m = true);
        }
    }
    marks
}

/// The page number of a line laid out as a contents entry: a title then a
/// number of one to three digits ("Jobs for all 17"), or the other way round
/// ("17 Jobs for all"). The title must have letters.
fn entry_page_number(text: &str) -> Option<u32> {
    let (first, rest) = text.split_once(char::is_whitespace)?;
    let (rest_head, last) = text.rsplit_once(char::is_whitespace)?;
    let has_letters = |s: &str| s.chars().filter(|c| c.is_alphabetic()).count() >= 3;
    match (bare_page_number(last), bare_page_number(first)) {
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

    /// A block of `lines`, one every 20 points down from `top`, from `left`.
    fn column(lines: &[&str], left: f32, top: f32) -> Block {
        Block {
            lines: lines
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    let y = top - 20.0 * i as f32;
                    Line {
                        text: t.to_string(),
                        bbox: [left, y, left + 150.0, y + 10.0],
                        size: 10.0,
                        furniture: false,
                    }
                })
                .collect(),
            dir: crate::pdf::Direction::Right,
        }
    }

    #[test]
    fn titles_beside_a_column_of_page_numbers_are_contents() {
        let titles = [
            "Our plan for co-operatives",
            "Community energy",
            "Credit unions",
        ];
        let mut page = blocks_page(3, &[]);
        page.blocks = vec![
            column(&titles, 50.0, 600.0),
            column(&["4", "11", "18"], 400.0, 600.0),
            // Prose lower down, and a numbered list of its own: body text.
            column(
                &[
                    "We will back co-operatives.",
                    "And mutuals.",
                    "And credit unions.",
                ],
                50.0,
                300.0,
            ),
            column(&["1", "2", "3"], 400.0, 300.0),
        ];
        let mut pages = vec![
            page.clone(),
            blocks_page(4, &[&["Body text on the next page."]]),
        ];
        mark_furniture(&mut pages);
        assert_eq!(
            marks(&pages[0]),
            [vec![true; 3], vec![true; 3], vec![false; 3], vec![false; 3]]
        );
        // A paragraph beside the numbers, nearer than the titles, is no title.
        let mut beside = page.clone();
        beside.blocks[0] = column(
            &[
                "We set out a plan to",
                "back co-operatives and",
                "mutuals in every town.",
            ],
            300.0,
            600.0,
        );
        beside.blocks[0]
            .lines
            .iter_mut()
            .for_each(|l| l.bbox[2] = 390.0);
        let mut pages = vec![beside, blocks_page(4, &[&["Body text on the next page."]])];
        mark_furniture(&mut pages);
        assert_eq!(marks(&pages[0])[0], vec![false; 3]);
        // Numbers that fall are no page numbers: the titles are body text.
        page.blocks[1] = column(&["18", "11", "4"], 400.0, 600.0);
        let mut pages = vec![page, blocks_page(4, &[&["Body text on the next page."]])];
        mark_furniture(&mut pages);
        assert_eq!(marks(&pages[0])[0], vec![false; 3]);
    }

    #[test]
    fn in_this_document_heads_contents_pages() {
        for heading in [
            "In this document",
            "IN THIS MANIFESTO",
            "What\u{2019}s inside",
        ] {
            assert!(is_contents_heading(heading), "{heading}");
        }
        assert!(!is_contents_heading("In this document we set out our plan"));
        // "Index" heads a page of web links in plain texts as often as an index.
        assert!(!is_contents_heading("Index"));
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
