//! Overprinted copies of glyphs: "fake bold" paints each glyph two to four
//! times a fraction of a point apart, and some producers paint a whole text
//! block twice (a shadow, an outline). Layout keeps the first painting and
//! drops the copies.
//!
//! The rule: a glyph is a copy when a glyph already kept, with the same
//! text, has its origin within the tolerance (a fraction of the new glyph's
//! size, at most [`MAX_TOLERANCE`]) on both axes.
//!
//! The check runs for every glyph of every page, so the index is built for
//! the common case of no copy at all. Origins are filed in square tiles of
//! the page, and tiles in a direct-mapped table of buckets (tile x and y
//! modulo the table's width and height): no hashing, no probing, one load
//! per bucket. Tiles far apart may share a bucket; that only lengthens its
//! chain, since every candidate is tested exactly. (Earlier designs, a
//! general-purpose hash map keyed by text and cell, then hashed tables of
//! cells or tiles, each showed as the largest single cost of extraction in
//! profiles: most of a lookup was the hash and the cache miss behind it.)

/// Side of a tile, in points: a few glyphs of body text.
const TILE: f32 = 8.0;

/// The largest tolerance, in points. Fake bold is offset by well under a
/// point; the bound keeps the number of tiles a check visits small even for
/// display type hundreds of points high, or crafted sizes.
pub(crate) const MAX_TOLERANCE: f32 = 12.0;

/// Origins this far off the page (or not finite) are never copies and are
/// not filed: pages are at most 14,400 points wide, and beyond this the tile
/// arithmetic would visit ever more tiles.
const FAR: f32 = 1.0e6;

/// How far beyond the tolerance tiles are looked up, so that rounding in
/// `x - reach` (at most half an ulp of `x`) can never hide a point the
/// exact test accepts.
fn margin(v: f32) -> f32 {
    v.abs() * 1.0e-6 + 1.0e-3
}

/// Chain steps a check takes at most, over all the buckets it visits: real
/// pages put a handful of glyphs in a tile; the bound keeps crafted pages
/// (thousands of glyphs stacked in one spot, all different) linear, at the
/// price of missing a copy there.
const MAX_STEPS: usize = 256;

const NONE: u32 = u32::MAX;

/// One glyph origin kept so far.
#[derive(Clone, Copy)]
struct Point {
    x: f32,
    y: f32,
    /// The glyph's text, as a key: the character itself, or an interned
    /// number for longer texts.
    key: u32,
    /// The next older point in the same bucket, or [`NONE`].
    next: u32,
}

/// The glyphs kept so far on one page (in one direction).
pub(crate) struct Overprints<'t> {
    /// Newest point per bucket, or [`NONE`].
    buckets: Vec<u32>,
    /// log2 of the table's width in buckets.
    width_bits: u32,
    /// Width and height of the table, minus one (both powers of two).
    x_mask: usize,
    y_mask: usize,
    points: Vec<Point>,
    /// Texts of more than one character, numbered after the last `char`.
    interned: std::collections::HashMap<&'t str, u32, foldhash::fast::FixedState>,
}

/// The tile column (or row) of a coordinate inside (-[`FAR`], [`FAR`]).
///
/// Any non-decreasing function of the coordinate will do, not only the
/// exact floor: a point within the tolerance of a glyph lies between the
/// glyph's coordinate minus and plus its reach, so its tile lies between
/// theirs. Offsetting to positive values makes truncation a floor and the
/// cast cheap (this runs six times per glyph); rounding in the addition
/// moves tile edges by a fraction of a point, evenly for every caller.
fn tile(v: f32) -> i32 {
    const OFFSET: f32 = 2.0 * FAR / TILE;
    (v * (1.0 / TILE) + OFFSET) as i32
}

impl<'t> Overprints<'t> {
    /// An index sized for a page of about `glyphs` glyphs: about one
    /// bucket per glyph, from 256 to 65,536 (a page of 8-point tiles, 612 by
    /// 842 points, is 77 by 106 tiles).
    pub(crate) fn new(glyphs: usize) -> Overprints<'t> {
        let bits = glyphs.next_power_of_two().trailing_zeros().clamp(8, 16);
        let width_bits = bits.div_ceil(2);
        let height_bits = bits / 2;
        Overprints {
            buckets: vec![NONE; 1 << bits],
            width_bits,
            x_mask: (1 << width_bits) - 1,
            y_mask: (1 << height_bits) - 1,
            points: Vec::with_capacity(glyphs),
            interned: Default::default(),
        }
    }

    fn bucket(&self, tx: i32, ty: i32) -> usize {
        ((ty as usize & self.y_mask) << self.width_bits) | (tx as usize & self.x_mask)
    }

    /// True when a glyph with `text` at (x, y) copies a glyph already kept
    /// within `tolerance` points; otherwise keeps it.
    pub(crate) fn check(&mut self, text: &'t str, x: f32, y: f32, tolerance: f32) -> bool {
        if !(x.abs() < FAR && y.abs() < FAR) {
            return false;
        }
        let tolerance = tolerance.min(MAX_TOLERANCE);
        let key = self.text_key(text);
        let (reach_x, reach_y) = (tolerance + margin(x), tolerance + margin(y));
        let (tx0, tx1) = (tile(x - reach_x), tile(x + reach_x));
        let (ty0, ty1) = (tile(y - reach_y), tile(y + reach_y));
        let mut steps = 0;
        for ty in ty0..ty1 + 1 {
            for tx in tx0..tx1 + 1 {
                let mut next = self.buckets[self.bucket(tx, ty)];
                while let Some(p) = self.points.get(next as usize) {
                    if p.key == key && (p.x - x).abs() <= tolerance && (p.y - y).abs() <= tolerance
                    {
                        return true;
                    }
                    steps += 1;
                    if steps >= MAX_STEPS {
                        break;
                    }
                    next = p.next;
                }
            }
        }
        let bucket = self.bucket(tile(x), tile(y));
        let index = self.points.len() as u32;
        self.points.push(Point {
            x,
            y,
            key,
            next: self.buckets[bucket],
        });
        self.buckets[bucket] = index;
        false
    }

    fn text_key(&mut self, text: &'t str) -> u32 {
        let mut chars = text.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            return u32::from(c);
        }
        let next = char::MAX as u32 + 1 + self.interned.len() as u32;
        *self.interned.entry(text).or_insert(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The index answers exactly as the rule it implements, checked by
    /// brute force: glyphs of mixed sizes (display type beyond the
    /// tolerance bound included), clustered so that copies, near misses
    /// and far points all occur, on tables small enough that far tiles
    /// share buckets.
    #[test]
    fn index_answers_as_brute_force() {
        let texts = ["a", "b", "fi", "ffl", "é"];
        let mut state = 12345u64;
        let mut next = move |n: u64| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) % n
        };
        let mut copies = 0;
        for round in 0..20 {
            let mut kept: Vec<(&str, f32, f32)> = Vec::new();
            let mut index = Overprints::new(if round % 2 == 0 { 10 } else { 5000 });
            for _ in 0..3000 {
                let text = texts[next(texts.len() as u64) as usize];
                let x = 100.0 + next(400) as f32 * 0.37 - if round == 3 { 300.0 } else { 0.0 };
                let y = 700.0 - next(50) as f32 * 0.91;
                let size: f32 = [4.0, 9.5, 10.0, 24.0, 300.0][next(5) as usize];
                let tolerance = (0.12 * size).min(MAX_TOLERANCE);
                let expected = kept.iter().any(|&(t, px, py)| {
                    t == text && (px - x).abs() <= tolerance && (py - y).abs() <= tolerance
                });
                if !expected {
                    kept.push((text, x, y));
                }
                assert_eq!(index.check(text, x, y, 0.12 * size), expected);
                copies += usize::from(expected);
            }
        }
        assert!(
            copies > 1000,
            "the test should meet many copies, met {copies}"
        );
    }

    /// Thousands of different glyphs in one spot (a crafted page) cost a
    /// bounded walk each, not one step per glyph before them.
    #[test]
    fn a_stack_of_different_glyphs_stays_linear() {
        let texts: Vec<String> = (0..100_000u32)
            .map(|i| char::from_u32(0x4E00 + i % 20_000).unwrap().to_string() + &i.to_string())
            .collect();
        let mut index = Overprints::new(texts.len());
        for text in &texts {
            assert!(!index.check(text, 300.0, 400.0, 1.0));
        }
    }

    #[test]
    fn extreme_coordinates_stay_bounded() {
        let mut index = Overprints::new(4);
        for v in [
            f32::MAX,
            f32::MIN,
            f32::INFINITY,
            f32::NEG_INFINITY,
            f32::NAN,
            3.0e9,
            -9.9e5,
        ] {
            assert!(!index.check("a", v, v, 1.0));
            index.check("a", v, 0.0, f32::INFINITY);
            index.check("a", 0.0, v, f32::NAN);
        }
    }

    #[test]
    fn tiles_never_decrease_and_are_a_tile_wide() {
        let mut previous = tile(-FAR * 0.999);
        let mut v = -FAR * 0.999;
        while v < FAR * 0.999 {
            let t = tile(v);
            assert!(t >= previous, "{v}");
            previous = t;
            v += 0.37 + v.abs() * 1.0e-3;
        }
        assert_eq!(tile(TILE * 3.5) - tile(TILE * 0.5), 3);
        assert_eq!(tile(-TILE * 0.5) + 1, tile(TILE * 0.5));
    }
}
