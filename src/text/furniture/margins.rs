//! Margin furniture: running heads and footers, and page numbers.
//!
//! A line in the top or bottom 11% of the page (the side margins for text
//! running up or down) whose shape, digits blurred, recurs on at least a
//! fifth of the pages (and three), or that is a page number ("12", "- 12 -",
//! "Page 12", "12 of 80", "xiv") where the margin holds at most two numbers.
//! [`Margins`] counts the shapes over the whole document once; whether a
//! page may lose its margin lines is decided by the caller (`super`).

use crate::pdf::Direction;
use crate::text::page::{Line, Page};
use std::collections::HashMap;

/// The share of the page height, from the top and from the bottom, in which
/// furniture may sit.
const MARGIN_BAND: f32 = 0.11;

/// Which page edge a margin line sits at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Edge {
    Top,
    Bottom,
    Left,
    Right,
}

/// The margin lines of a whole document: on how many pages each shape of
/// line sits at each edge, and how many pages make a shape a running head.
pub(super) struct Margins {
    seen: HashMap<(Direction, Edge, String), usize>,
    repeats: usize,
}

impl Margins {
    /// Counts the shapes of the margin lines of every page.
    pub(super) fn of(pages: &[Page]) -> Margins {
        let mut seen: HashMap<(Direction, Edge, String), usize> = HashMap::new();
        for page in pages.iter() {
            let mut on_page = std::collections::HashSet::new();
            for block in &page.blocks {
                for line in &block.lines {
                    if let Some(edge) = edge_of(page.width, page.height, block.dir, line.bbox) {
                        on_page.insert((block.dir, edge, shape(&line.text)));
                    }
                }
            }
            for key in on_page {
                *seen.entry(key).or_default() += 1;
            }
        }
        let repeats = (pages.len() / 5).max(3);
        Margins { seen, repeats }
    }

    /// Whether `line` (of a block running in `dir`) is margin furniture on
    /// `page`, whose margins hold `numbers` page numbers (see
    /// [`page_numbers`]): a repeated shape, or a page number where there
    /// are at most two.
    pub(super) fn is_margin(
        &self,
        page: &Page,
        dir: Direction,
        line: &Line,
        numbers: usize,
    ) -> bool {
        let Some(edge) = edge_of(page.width, page.height, dir, line.bbox) else {
            return false;
        };
        let repeated = self
            .seen
            .get(&(dir, edge, shape(&line.text)))
            .is_some_and(|&n| n >= self.repeats);
        repeated || (numbers <= 2 && is_page_number(&line.text))
    }
}

/// How many lines in the page's margins are page numbers. A page has one
/// number, perhaps two (a spread); a margin full of numbers is a drawing's
/// grid labels or a table, not furniture.
pub(super) fn page_numbers(page: &Page) -> usize {
    let (width, height) = (page.width, page.height);
    page.blocks
        .iter()
        .flat_map(|b| b.lines.iter().map(move |l| (b.dir, l)))
        .filter(|(dir, l)| {
            edge_of(width, height, *dir, l.bbox).is_some() && is_page_number(&l.text)
        })
        .count()
}

/// The page edge whose margin band holds the line, if any. Horizontal text is
/// furniture at the top or bottom; text running up or down the page (heads
/// set along the side, as in the Liberal Democrats' 2015 manifesto) at the
/// left or right.
fn edge_of(width: f32, height: f32, dir: Direction, bbox: [f32; 4]) -> Option<Edge> {
    let [x0, y0, x1, y1] = page_box(dir, bbox);
    match dir {
        Direction::Right | Direction::Left if height > 0.0 => {
            if y0 >= height * (1.0 - MARGIN_BAND) {
                Some(Edge::Top)
            } else if y1 <= height * MARGIN_BAND {
                Some(Edge::Bottom)
            } else {
                None
            }
        }
        Direction::Up | Direction::Down if width > 0.0 => {
            if x1 <= width * MARGIN_BAND {
                Some(Edge::Left)
            } else if x0 >= width * (1.0 - MARGIN_BAND) {
                Some(Edge::Right)
            } else {
                None
            }
        }
        _ => None,
    }
}

/// A box in a direction's reading frame, back in page space (the inverse of
/// [`Direction::to_reading_frame`]).
fn page_box(dir: Direction, [a0, b0, a1, b1]: [f32; 4]) -> [f32; 4] {
    match dir {
        Direction::Right => [a0, b0, a1, b1],
        Direction::Up => [-b1, a0, -b0, a1],
        Direction::Left => [-a1, -b1, -a0, -b0],
        Direction::Down => [b0, -a1, b1, -a0],
    }
}

/// The text with digits blurred, so "Page 4" and "Page 5" repeat.
fn shape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().filter(|c| !c.is_whitespace()) {
        if c.is_ascii_digit() {
            // A run of digits is one '#', so pages 9 and 10 look alike.
            if !out.ends_with('#') {
                out.push('#');
            }
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
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
    use crate::text::furniture::mark_furniture;
    use crate::text::furniture::tests::{line, page};
    use crate::text::page::Block;

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
    fn heads_running_up_the_side_margin_are_furniture() {
        let mut pages: Vec<Page> = (1..=4)
            .map(|n| {
                let mut p = page(n, vec![line("Body text in the middle of the page.", 400.0)]);
                // "Manifesto 2015" set upwards 30pt from the left edge, in its
                // reading frame: x' = y (along the page), y' = -x.
                p.blocks.push(Block {
                    lines: vec![Line {
                        text: "Manifesto 2015".into(),
                        bbox: [55.0, -35.0, 165.0, -28.0],
                        size: 7.0,
                        furniture: false,
                    }],
                    dir: Direction::Up,
                });
                p
            })
            .collect();
        mark_furniture(&mut pages);
        for p in &pages {
            assert!(!p.blocks[0].lines[0].furniture);
            assert!(p.blocks[1].lines[0].furniture);
        }
    }

    #[test]
    fn page_box_inverts_the_reading_frame() {
        for dir in [
            Direction::Right,
            Direction::Up,
            Direction::Left,
            Direction::Down,
        ] {
            let (a, b) = dir.to_reading_frame(10.0, 20.0);
            let (c, d) = dir.to_reading_frame(30.0, 50.0);
            let frame = [a.min(c), b.min(d), a.max(c), b.max(d)];
            assert_eq!(page_box(dir, frame), [10.0, 20.0, 30.0, 50.0], "{dir:?}");
        }
    }

    #[test]
    fn a_margin_full_of_numbers_is_not_page_numbers() {
        let labels = (1..=6)
            .map(|n| line(&n.to_string(), 20.0 + n as f32 * 0.5))
            .collect();
        let mut pages = vec![page(1, labels)];
        mark_furniture(&mut pages);
        assert!(pages[0].blocks.iter().all(|b| !b.lines[0].furniture));
    }

    #[test]
    fn page_numbers_of_any_length_share_a_shape() {
        assert_eq!(shape("Manifesto / 9"), shape("Manifesto / 10"));
        assert_ne!(shape("Manifesto / 9"), shape("Manifesto 9 / 10"));
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
