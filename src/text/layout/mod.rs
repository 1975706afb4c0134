//! Layout: glyphs of one page -> lines -> blocks in reading order.
//!
//! The steps follow pdfminer's (characters -> lines -> boxes -> order), with
//! every threshold relative to the font size and gathered in
//! [`LayoutParams`]. Spaces that layout infers from gaps are not glyphs; a
//! line's text is assembled here once and never re-read from the PDF.
//!
//! Reading order is a recursive XY cut over the blocks: where a vertical
//! channel of white space splits the region, the left part is read before the
//! right (so columns never interleave); otherwise the region is split at its
//! widest horizontal gap.
//!
//! The steps, one module each: `place` puts a direction's glyphs in its
//! reading frame, `lines` builds lines from them, `blocks` groups the lines
//! and `order` puts the blocks in reading order; `slope` levels text set on
//! a slope so the same steps read it, and `params` holds the thresholds.
//! [`layout_page`] runs the steps for every direction and slope of a page.
//! What they build is the page model of `crate::text::page`.

mod blocks;
mod lines;
mod order;
mod params;
mod place;
mod slope;

pub use params::LayoutParams;

use self::blocks::build_blocks;
use self::lines::build_lines;
use self::order::{order_blocks, permute, reading_order};
use self::place::{as_read, place, Selection};
use self::slope::{slope, SlopeTurn};
use super::markers::attach_markers;
use super::page::{Block, Page, TextSource};
use crate::pdf::{Direction, PageGlyphs};
use crate::text::vertical;

/// Lays out one page.
pub fn layout_page(page: &PageGlyphs, params: &LayoutParams) -> Page {
    let stacked = vertical::stacked_columns(page);
    // Text set on a slope is made into lines apart, one slope at a time;
    // nearly every page has none. Each slope's glyphs are picked out once,
    // so a page of many slopes costs no more than one pass per slope over
    // its own glyphs.
    let mut sloped: Vec<(Direction, i16, usize)> = Vec::new();
    if page.has_slopes() {
        for (index, drawn) in page.glyphs().iter().enumerate() {
            let g = as_read(&stacked, index, drawn);
            let slope = slope(&g);
            if slope != 0 {
                sloped.push((g.dir, slope, index));
            }
        }
        sloped.sort_unstable_by_key(|&(dir, slope, index)| (dir as u8, slope, index));
    }
    let mut blocks = Vec::new();
    for dir in [
        Direction::Right,
        Direction::Up,
        Direction::Down,
        Direction::Left,
    ] {
        let mut dir_blocks = Vec::new();
        // Which slope each block is on (0 for the axis, then 1, 2, ...), and
        // where each slope's blocks start in `dir_blocks`.
        let mut on_slope: Vec<usize> = Vec::new();
        let mut slope_starts: Vec<usize> = Vec::new();
        let dir_sloped: Vec<&[(Direction, i16, usize)]> = sloped
            .chunk_by(|a, b| (a.0, a.1) == (b.0, b.1))
            .filter(|run| run[0].0 == dir)
            .collect();
        let selections = std::iter::once(Selection::Straight)
            .chain(dir_sloped.into_iter().map(Selection::Slope));
        for (group, selection) in selections.enumerate() {
            let slope = match selection {
                Selection::Straight => 0,
                Selection::Slope(run) => run[0].1,
            };
            let placed = place(page, &stacked, dir, selection, params);
            if placed.is_empty() {
                continue;
            }
            let mut lines = build_lines(page, &placed, params);
            attach_markers(&mut lines);
            let mut slope_blocks = build_blocks(lines, params);
            if slope != 0 {
                // Blocks on a slope are read in order on the level; then
                // they are given their boxes as drawn, to take their places
                // among the others (a tilted heading stays where it stands).
                order_blocks(&mut slope_blocks);
                let turn = SlopeTurn::new(page, dir, slope);
                for line in slope_blocks.iter_mut().flatten() {
                    line.bbox = turn.box_as_drawn(line.bbox);
                }
            }
            slope_starts.resize(group + 1, dir_blocks.len());
            on_slope.extend(std::iter::repeat_n(group, slope_blocks.len()));
            dir_blocks.append(&mut slope_blocks);
        }
        let mut order = reading_order(&dir_blocks);
        // Boxes as drawn overlap on a steep slope, so the blocks of one
        // slope fill the places the order gives them in their level order
        // (the order they were appended in).
        let mut next = slope_starts;
        for block in order.iter_mut() {
            let group = on_slope[*block];
            if group != 0 {
                *block = next[group];
                next[group] += 1;
            }
        }
        blocks.extend(
            permute(dir_blocks, order)
                .into_iter()
                .map(|lines| Block { lines, dir }),
        );
    }
    Page {
        number: page.number,
        width: page.width,
        height: page.height,
        blocks,
        images: page.images,
        unmapped: page.unmapped,
        recovered: Default::default(),
        warnings: page.problems.warnings(),
        unreadable: page.problems.unreadable_content.is_some(),
        source: TextSource::Layer,
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::pdf::Glyph;

    /// Places a word glyph by glyph with a fixed advance.
    pub(crate) fn word(
        parts: &mut Vec<(Glyph, String)>,
        text: &str,
        x: f32,
        y: f32,
        size: f32,
    ) -> f32 {
        let advance = 0.5 * size;
        let mut x = x;
        for ch in text.chars() {
            parts.push((Glyph::at(x, y, advance, size), ch.to_string()));
            x += advance;
        }
        x
    }

    pub(crate) fn page_of(parts: &[(Glyph, String)]) -> PageGlyphs {
        let refs: Vec<(Glyph, &str)> = parts.iter().map(|(g, t)| (*g, t.as_str())).collect();
        PageGlyphs::from_parts(1, 600.0, 800.0, &refs)
    }

    pub(crate) fn texts(page: &Page) -> Vec<String> {
        page.blocks
            .iter()
            .map(|b| {
                b.lines
                    .iter()
                    .map(|l| l.text.as_str())
                    .collect::<Vec<_>>()
                    .join("|")
            })
            .collect()
    }

    #[test]
    fn rotated_text_is_laid_out_in_its_own_frame() {
        let mut parts = Vec::new();
        let mut y = 100.0;
        for ch in "upward".chars() {
            let mut g = Glyph::at(50.0, y, 5.0, 10.0);
            g.dir = Direction::Up;
            parts.push((g, ch.to_string()));
            y += 5.0;
        }
        let page = layout_page(&page_of(&parts), &LayoutParams::default());
        assert_eq!(texts(&page), vec!["upward"]);
    }
}
