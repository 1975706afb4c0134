//! Text set on a slope: which slope a glyph's baseline lies on, and the
//! turn that levels a slope's glyphs for line building and turns the boxes
//! found back to where they are drawn. Layout lays out each slope apart
//! (see `super::layout_page`); this module only measures and turns.

use crate::pdf::{Direction, Glyph, PageGlyphs};

/// The slope, in whole degrees (hundredths of a degree, rounded to whole
/// ones), a glyph's baseline is laid out on: 0 for the axis itself and for
/// baselines within [`SLOPE_MIN`] of it, which lines' baseline tolerance
/// absorbs.
pub(super) fn slope(g: &Glyph) -> i16 {
    if g.slant.unsigned_abs() < SLOPE_MIN {
        0
    } else {
        (g.slant as f32 / 100.0).round() as i16 * 100
    }
}

/// Slants below 3 degrees are taken as the axis (hundredths of a degree).
pub(super) const SLOPE_MIN: u16 = 300;

/// A turn of a direction's reading frame about the page's centre, by a
/// slope: it levels text drawn on that slope, and turns boxes found on the
/// level back to where they are drawn.
pub(super) struct SlopeTurn {
    centre: (f32, f32),
    sin: f32,
    cos: f32,
}

impl SlopeTurn {
    pub(super) fn new(page: &PageGlyphs, dir: Direction, slant_hundredths: i16) -> SlopeTurn {
        let (sin, cos) = (f32::from(slant_hundredths) / 100.0).to_radians().sin_cos();
        SlopeTurn {
            centre: dir.to_reading_frame(page.width / 2.0, page.height / 2.0),
            sin,
            cos,
        }
    }

    /// A point turned about the centre by the angle whose sine is `sin`.
    fn turn(&self, (x, y): (f32, f32), sin: f32) -> (f32, f32) {
        let (dx, dy) = (x - self.centre.0, y - self.centre.1);
        (
            self.centre.0 + dx * self.cos - dy * sin,
            self.centre.1 + dx * sin + dy * self.cos,
        )
    }

    /// A point as it lies once its slope is levelled (turned back).
    pub(super) fn level(&self, point: (f32, f32)) -> (f32, f32) {
        self.turn(point, -self.sin)
    }

    /// The upright box around a levelled box turned back onto the slope.
    pub(super) fn box_as_drawn(&self, [x0, y0, x1, y1]: [f32; 4]) -> [f32; 4] {
        let mut out = [
            f32::INFINITY,
            f32::INFINITY,
            f32::NEG_INFINITY,
            f32::NEG_INFINITY,
        ];
        for corner in [(x0, y0), (x1, y0), (x0, y1), (x1, y1)] {
            let (px, py) = self.turn(corner, self.sin);
            out = [
                out[0].min(px),
                out[1].min(py),
                out[2].max(px),
                out[3].max(py),
            ];
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use crate::pdf::{Direction, Glyph};
    use crate::text::layout::tests::{page_of, texts, word};
    use crate::text::layout::{layout_page, LayoutParams};

    /// Lines of text on a baseline turned `degrees` anticlockwise, the
    /// first starting at `(x, y)`, each next one 1.2 em further down across
    /// the slope; glyphs half an em wide, words an em apart.
    fn on_slope(parts: &mut Vec<(Glyph, String)>, lines: &[&str], x: f32, y: f32, degrees: f32) {
        let size = 10.0;
        let (sin, cos) = degrees.to_radians().sin_cos();
        for (n, line) in lines.iter().enumerate() {
            let (x0, y0) = (
                x + 1.2 * size * n as f32 * sin,
                y - 1.2 * size * n as f32 * cos,
            );
            let mut along = 0.0;
            for ch in line.chars() {
                if ch == ' ' {
                    along += 0.5 * size;
                    continue;
                }
                let glyph = Glyph {
                    slant: (degrees * 100.0) as i16,
                    ..Glyph::at(x0 + along * cos, y0 + along * sin, 0.5 * size, size)
                };
                parts.push((glyph, ch.to_string()));
                along += 0.5 * size;
            }
        }
    }

    #[test]
    fn text_on_a_slope_is_read_along_it() {
        // 27 degrees: each glyph sits 2.5 pt above the one before, more
        // than lines on the axis allow.
        let mut parts = Vec::new();
        on_slope(
            &mut parts,
            &["lorem ipsum dolor", "sit amet"],
            100.0,
            300.0,
            27.0,
        );
        let page = layout_page(&page_of(&parts), &LayoutParams::default());
        assert_eq!(texts(&page), vec!["lorem ipsum dolor|sit amet"]);
        // Turned the other way, 20 degrees clockwise: the same.
        let mut parts = Vec::new();
        on_slope(&mut parts, &["lorem ipsum"], 400.0, 300.0, -20.0);
        let page = layout_page(&page_of(&parts), &LayoutParams::default());
        assert_eq!(texts(&page), vec!["lorem ipsum"]);
    }

    #[test]
    fn a_page_of_every_slope_loses_nothing_and_stays_fast() {
        // Words at every half degree round the circle, 30 of each: some 360
        // slope groups, each laid out over its own glyphs only.
        let mut parts = Vec::new();
        let mut words = 0;
        for step in 0..720 {
            let degrees = step as f32 * 0.5 + 0.25;
            let (sin, cos) = degrees.to_radians().sin_cos();
            let dir = crate::pdf::Direction::with_slant(f64::from(cos), f64::from(sin));
            for n in 0..30 {
                let (x, y) = (50.0 + (step % 40) as f32 * 13.0, 50.0 + n as f32 * 23.0);
                for (k, ch) in ["a", "b", "c"].into_iter().enumerate() {
                    let along = k as f32 * 5.0;
                    let glyph = Glyph {
                        dir: dir.0,
                        slant: dir.1,
                        ..Glyph::at(x + along * cos, y + along * sin, 5.0, 10.0)
                    };
                    parts.push((glyph, ch.to_string()));
                }
                words += 1;
            }
        }
        let start = std::time::Instant::now();
        let page = layout_page(&page_of(&parts), &LayoutParams::default());
        let letters: usize = page
            .blocks
            .iter()
            .flat_map(|b| &b.lines)
            .map(|l| l.text.chars().filter(|c| !c.is_whitespace()).count())
            .sum();
        assert_eq!(letters, 3 * words);
        assert!(
            start.elapsed().as_secs() < 5,
            "{words} words took {:?}",
            start.elapsed()
        );
    }

    #[test]
    fn the_same_slope_in_two_directions_is_read_in_both() {
        // 10 degrees off the page's x axis and 10 degrees off its y axis:
        // two slopes of the same turn, one in each direction.
        let mut parts = Vec::new();
        on_slope(&mut parts, &["across"], 100.0, 300.0, 10.0);
        on_slope(&mut parts, &["upward"], 400.0, 300.0, 100.0);
        for (glyph, _) in parts.iter_mut().skip(6) {
            glyph.dir = Direction::Up;
            glyph.slant = 1000;
        }
        let page = layout_page(&page_of(&parts), &LayoutParams::default());
        assert_eq!(texts(&page), vec!["across", "upward"]);
    }

    #[test]
    fn a_tilted_heading_stays_where_it_stands() {
        // A heading at 5 degrees above two paragraphs, one below the
        // other: it is read first, the paragraphs in order after it.
        let mut parts = Vec::new();
        on_slope(&mut parts, &["CONTENTS"], 100.0, 700.0, 5.0);
        word(&mut parts, "first", 100.0, 600.0, 10.0);
        word(&mut parts, "second", 100.0, 400.0, 10.0);
        let page = layout_page(&page_of(&parts), &LayoutParams::default());
        assert_eq!(texts(&page), vec!["CONTENTS", "first", "second"]);
    }
}
