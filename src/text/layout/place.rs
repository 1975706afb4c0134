//! Glyph placement: the glyphs of one direction and slope, put in their
//! reading frame (levelled when on a slope, stacked CJK read downward) with
//! overprinted copies dropped, as [`Placed`] glyphs for line building. No
//! lines are formed here.

use super::params::LayoutParams;
use super::slope::{slope, SlopeTurn};
use crate::pdf::{Direction, Glyph, PageGlyphs};
use crate::text::overprint::Overprints;
use crate::text::vertical;

/// A glyph in its direction's reading frame.
#[derive(Clone, Copy)]
pub(super) struct Placed {
    /// Where the glyph starts along its line.
    pub(super) x: f32,
    /// Its baseline.
    pub(super) y: f32,
    /// Where the glyph's ink ends: word gaps are measured from here.
    pub(super) end: f32,
    /// Where the pen stands after the glyph: character spacing may leave a
    /// gap of any width here, and the line still runs on.
    pub(super) pen: f32,
    /// The font size in points.
    pub(super) size: f32,
    /// Where the glyph stands in the page's glyphs (its text is read from
    /// there).
    pub(super) index: usize,
    /// Whitespace: no ink, only a hint of a word break.
    pub(super) space: bool,
}

/// A glyph as layout reads it: glyphs marked in `stacked` (upright CJK in
/// vertical columns, see [`vertical`]) run down the page.
pub(super) fn as_read(stacked: &[bool], index: usize, drawn: &Glyph) -> Glyph {
    if stacked.get(index).copied().unwrap_or(false) {
        vertical::as_downward(drawn)
    } else {
        *drawn
    }
}

/// Which glyphs of a direction [`place`] lays out.
#[derive(Clone, Copy)]
pub(super) enum Selection<'s> {
    /// Those along the axis (or within [`SLOPE_MIN`](super::slope::SLOPE_MIN) of it).
    Straight,
    /// Those of one slope, picked out beforehand: (direction, slope, index)
    /// in content-stream order.
    Slope(&'s [(Direction, i16, usize)]),
}

/// The glyphs of one direction and slope (see [`slope`]) in their reading
/// frame, overprints removed. On a slope, each glyph is turned back by its
/// own slant (see [`SlopeTurn`]), so that lines run along x.
pub(super) fn place(
    page: &PageGlyphs,
    stacked: &[bool],
    dir: Direction,
    selection: Selection<'_>,
    params: &LayoutParams,
) -> Vec<Placed> {
    let glyphs = page.glyphs();
    match selection {
        Selection::Straight => {
            let all = glyphs.iter().enumerate();
            place_glyphs(page, stacked, dir, all, glyphs.len(), false, params)
        }
        Selection::Slope(run) => {
            let picked = run.iter().map(|&(_, _, index)| (index, &glyphs[index]));
            place_glyphs(page, stacked, dir, picked, run.len(), true, params)
        }
    }
}

/// [`place`] over `glyphs` (`count` of them, with their indices), which are
/// on a slope or not (`sloped`).
fn place_glyphs<'g>(
    page: &'g PageGlyphs,
    stacked: &[bool],
    dir: Direction,
    glyphs: impl Iterator<Item = (usize, &'g Glyph)>,
    count: usize,
    sloped: bool,
    params: &LayoutParams,
) -> Vec<Placed> {
    let mut placed: Vec<Placed> = Vec::new();
    let mut seen: Option<Overprints<'_>> = None;
    // On the straight pass, glyphs on a slope are left to their own pass.
    let skip_sloped = !sloped && page.has_slopes();
    // Glyphs of one slope mostly share one slant: its turn is made once.
    let mut turn: Option<(i16, SlopeTurn)> = None;
    for (index, drawn) in glyphs {
        // Borrowed, not copied, in the usual case: this loop runs over every
        // glyph once per direction.
        let downward;
        let g = if stacked.get(index).copied().unwrap_or(false) {
            downward = vertical::as_downward(drawn);
            &downward
        } else {
            drawn
        };
        if g.dir != dir || (skip_sloped && slope(g) != 0) || g.size.is_nan() || g.size <= 0.0 {
            continue;
        }
        let text = page.text_of(g);
        let (mut x, mut y) = dir.to_reading_frame(g.x, g.y);
        if sloped {
            if turn.as_ref().is_none_or(|(slant, _)| *slant != g.slant) {
                turn = Some((g.slant, SlopeTurn::new(page, dir, g.slant)));
            }
            if let Some((_, slant_turn)) = &turn {
                (x, y) = slant_turn.level((x, y));
            }
        }
        let space = text.chars().all(char::is_whitespace);
        if !space
            && seen.get_or_insert_with(|| Overprints::new(count)).check(
                text,
                x,
                y,
                params.overprint_tolerance * g.size,
            )
        {
            continue;
        }
        if placed.capacity() == 0 {
            placed.reserve(if sloped { count } else { count - index });
        }
        placed.push(Placed {
            x,
            y,
            end: x + (g.advance - g.tracking),
            pen: x + g.advance,
            size: g.size,
            index,
            space,
        });
    }
    placed
}

#[cfg(test)]
mod tests {
    use crate::text::layout::tests::{page_of, texts, word};
    use crate::text::layout::{layout_page, LayoutParams};

    #[test]
    fn fake_bold_overprint_is_dropped() {
        let mut parts = Vec::new();
        word(&mut parts, "bold", 100.0, 700.0, 10.0);
        word(&mut parts, "bold", 100.4, 700.0, 10.0);
        let page = layout_page(&page_of(&parts), &LayoutParams::default());
        assert_eq!(texts(&page), vec!["bold"]);
    }
}
