//! Page furniture: running heads, footers and page numbers. They are found
//! across the whole document (a head repeats from page to page) and marked,
//! not deleted, so `mashup extract --all` can still show them.

use super::layout::Page;
use crate::pdf::Direction;
use std::collections::HashMap;

/// The share of the page height, from the top and from the bottom, in which
/// furniture may sit.
const MARGIN_BAND: f32 = 0.11;

/// Marks furniture lines in every page.
pub fn mark_furniture(pages: &mut [Page]) {
    let mut seen: HashMap<(bool, String), usize> = HashMap::new();
    for page in pages.iter() {
        let mut on_page = std::collections::HashSet::new();
        for (top, line) in margin_lines(page) {
            on_page.insert((top, shape(&line.text)));
        }
        for key in on_page {
            *seen.entry(key).or_default() += 1;
        }
    }
    let repeats = (pages.len() / 5).max(3);
    for page in pages.iter_mut() {
        let height = page.height;
        for block in &mut page.blocks {
            if block.dir != Direction::Right {
                continue;
            }
            for line in &mut block.lines {
                let Some(top) = band(line.bbox, height) else {
                    continue;
                };
                let repeated = seen
                    .get(&(top, shape(&line.text)))
                    .is_some_and(|&n| n >= repeats);
                if repeated || is_page_number(&line.text) {
                    line.furniture = true;
                }
            }
        }
    }
}

fn margin_lines(page: &Page) -> impl Iterator<Item = (bool, &super::layout::Line)> {
    page.blocks
        .iter()
        .filter(|b| b.dir == Direction::Right)
        .flat_map(|b| b.lines.iter())
        .filter_map(move |l| band(l.bbox, page.height).map(|top| (top, l)))
}

/// `Some(true)` in the top band, `Some(false)` in the bottom band.
fn band(bbox: [f32; 4], height: f32) -> Option<bool> {
    if height <= 0.0 {
        return None;
    }
    if bbox[1] >= height * (1.0 - MARGIN_BAND) {
        Some(true)
    } else if bbox[3] <= height * MARGIN_BAND {
        Some(false)
    } else {
        None
    }
}

/// The text with digits blurred, so "Page 4" and "Page 5" repeat.
fn shape(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| {
            if c.is_ascii_digit() {
                '#'
            } else {
                c.to_lowercase().next().unwrap_or(c)
            }
        })
        .collect()
}

/// "12", "- 12 -", "Page 12", "12 of 80", "xiv".
fn is_page_number(text: &str) -> bool {
    let t = text
        .trim()
        .trim_matches(|c: char| c == '-' || c == '–' || c == '|' || c.is_whitespace());
    let t = t
        .strip_prefix("Page ")
        .or_else(|| t.strip_prefix("page "))
        .unwrap_or(t);
    if t.is_empty() {
        return false;
    }
    let digits_only =
        |s: &str| !s.is_empty() && s.len() <= 4 && s.chars().all(|c| c.is_ascii_digit());
    if digits_only(t) {
        return true;
    }
    if let Some((a, b)) = t.split_once(" of ") {
        return digits_only(a.trim()) && digits_only(b.trim());
    }
    is_roman_numeral(t)
}

/// Lower-case roman numerals up to 399, written canonically (so "civic" is not one).
fn is_roman_numeral(t: &str) -> bool {
    const UNITS: [&str; 10] = ["", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"];
    const TENS: [&str; 10] = ["", "x", "xx", "xxx", "xl", "l", "lx", "lxx", "lxxx", "xc"];
    const HUNDREDS: [&str; 4] = ["", "c", "cc", "ccc"];
    !t.is_empty()
        && HUNDREDS.iter().any(|h| {
            t.strip_prefix(h).is_some_and(|rest| {
                TENS.iter()
                    .any(|x| rest.strip_prefix(x).is_some_and(|u| UNITS.contains(&u)))
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::layout::{Block, Line};

    fn line(text: &str, y: f32) -> Line {
        Line {
            text: text.into(),
            bbox: [50.0, y, 200.0, y + 10.0],
            size: 10.0,
            furniture: false,
        }
    }

    fn page(number: u32, lines: Vec<Line>) -> Page {
        Page {
            number,
            height: 800.0,
            blocks: lines
                .into_iter()
                .map(|l| Block {
                    lines: vec![l],
                    dir: Direction::Right,
                })
                .collect(),
            images: 0,
            unmapped: 0,
        }
    }

    #[test]
    fn repeated_heads_and_page_numbers_are_furniture() {
        let mut pages: Vec<Page> = (1..=4)
            .map(|n| {
                page(
                    n,
                    vec![
                        line("Our plan for a fairer country", 770.0),
                        line("Body text that is not furniture.", 400.0),
                        line(&n.to_string(), 20.0),
                    ],
                )
            })
            .collect();
        mark_furniture(&mut pages);
        for p in &pages {
            let flags: Vec<bool> = p.blocks.iter().map(|b| b.lines[0].furniture).collect();
            assert_eq!(flags, vec![true, false, true]);
        }
    }

    #[test]
    fn a_one_off_line_in_the_margin_is_kept() {
        let mut pages = vec![page(1, vec![line("A heading near the top", 770.0)])];
        mark_furniture(&mut pages);
        assert!(!pages[0].blocks[0].lines[0].furniture);
    }

    #[test]
    fn page_number_shapes() {
        for t in ["12", "- 12 -", "Page 7", "3 of 80", "xiv"] {
            assert!(is_page_number(t), "{t}");
        }
        for t in ["12 million", "Co-operatives", "civic", "12345"] {
            assert!(!is_page_number(t), "{t}");
        }
    }
}
