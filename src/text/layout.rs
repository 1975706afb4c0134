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

use super::normalize::push_line_text;
use super::overprint::Overprints;
use super::vertical;
use crate::pdf::{Direction, Glyph, PageGlyphs};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Layout thresholds, all in units of the font size (ems) unless noted.
#[derive(Clone, Debug, PartialEq)]
pub struct LayoutParams {
    /// A gap between glyphs wider than this starts a new word.
    pub word_gap: f32,
    /// A gap wider than this ends a line fragment (a column gutter or a table
    /// cell boundary), even on the same baseline.
    pub max_word_gap: f32,
    /// Two glyphs whose baselines differ by less than this share a line
    /// (superscripts and subscripts stay on their line).
    pub baseline_tolerance: f32,
    /// A line joins the block above when its baseline is at most this many
    /// font sizes below the block's last baseline.
    pub max_line_spacing: f32,
    /// Glyphs with the same text closer than this are one glyph painted twice
    /// (fake bold); the copy is dropped. In points the tolerance is capped at
    /// 12 (see the `overprint` module), whatever the font size.
    pub overprint_tolerance: f32,
}

impl Default for LayoutParams {
    fn default() -> Self {
        LayoutParams {
            word_gap: 0.12,
            max_word_gap: 1.2,
            baseline_tolerance: 0.4,
            max_line_spacing: 1.75,
            overprint_tolerance: 0.12,
        }
    }
}

impl LayoutParams {
    /// Checks that the thresholds make sense together.
    pub fn validate(&self) -> Result<(), String> {
        let all = [
            self.word_gap,
            self.max_word_gap,
            self.baseline_tolerance,
            self.max_line_spacing,
            self.overprint_tolerance,
        ];
        if all.iter().any(|v| !v.is_finite() || *v <= 0.0) {
            return Err("layout thresholds must be positive numbers".into());
        }
        if self.word_gap >= self.max_word_gap {
            return Err("word_gap must be smaller than max_word_gap".into());
        }
        Ok(())
    }
}

/// A line of text with its box in the reading frame of its direction.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    /// The text, words separated by single spaces.
    pub text: String,
    /// Left, bottom, right, top in the reading frame (for `Direction::Right`,
    /// page space).
    pub bbox: [f32; 4],
    /// The dominant font size in points.
    pub size: f32,
    /// Running head, footer or page number: kept out of matched text.
    pub furniture: bool,
}

/// Lines that belong together (a paragraph, a heading, a caption).
#[derive(Clone, Debug, PartialEq)]
pub struct Block {
    /// Lines top to bottom.
    pub lines: Vec<Line>,
    /// Direction of the text in this block.
    pub dir: Direction,
}

/// One laid-out page.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Page {
    /// 1-based page number.
    pub number: u32,
    /// Page width in points, for telling margins from body.
    pub width: f32,
    /// Page height in points.
    pub height: f32,
    /// Blocks in reading order.
    pub blocks: Vec<Block>,
    /// Images painted on the page.
    pub images: u32,
    /// Character codes whose text could not be recovered.
    pub unmapped: u32,
    /// What went wrong reading the page that may have cost it text, in words
    /// for a user (see [`crate::pdf::PageProblems::warnings`]).
    pub warnings: Vec<String>,
    /// The page's content could not be read at all.
    pub unreadable: bool,
    /// Where its text came from.
    pub source: TextSource,
}

/// Where a page's text came from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TextSource {
    /// Its text layer (or a text file).
    #[default]
    Layer,
    /// Optical character recognition of the rendered page.
    Ocr {
        /// The recogniser's mean word confidence; `None` when it found no words.
        confidence: Option<Confidence>,
        /// The words it recognised.
        words: u32,
    },
}

/// A page's mean word confidence as Tesseract gives it (0 to 100), kept in
/// tenths so that results holding it compare exactly.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(into = "f64", from = "f64")]
pub struct Confidence(u16);

impl Confidence {
    /// From a percentage (clamped to 0 to 100).
    pub fn from_percent(percent: f64) -> Confidence {
        Confidence((percent.clamp(0.0, 100.0) * 10.0).round() as u16)
    }

    /// As a percentage, to one decimal.
    pub fn percent(self) -> f64 {
        f64::from(self.0) / 10.0
    }
}

impl From<Confidence> for f64 {
    fn from(c: Confidence) -> f64 {
        c.percent()
    }
}

impl From<f64> for Confidence {
    fn from(percent: f64) -> Confidence {
        Confidence::from_percent(percent)
    }
}

impl fmt::Display for Confidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.0}%", self.percent())
    }
}

impl Page {
    /// True when no line has any text: with images, a scanned page.
    pub fn is_empty(&self) -> bool {
        self.blocks
            .iter()
            .all(|b| b.lines.iter().all(|l| l.text.trim().is_empty()))
    }
}

/// A glyph in its direction's reading frame.
#[derive(Clone, Copy)]
struct Placed {
    x: f32,
    y: f32,
    /// Where the glyph's ink ends: word gaps are measured from here.
    end: f32,
    /// Where the pen stands after the glyph: character spacing may leave a
    /// gap of any width here, and the line still runs on.
    pen: f32,
    size: f32,
    index: usize,
    space: bool,
}

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
            super::markers::attach_markers(&mut lines);
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
        warnings: page.problems.warnings(),
        unreadable: page.problems.unreadable_content.is_some(),
        source: TextSource::Layer,
    }
}

/// The slope, in whole degrees (hundredths of a degree, rounded to whole
/// ones), a glyph's baseline is laid out on: 0 for the axis itself and for
/// baselines within [`SLOPE_MIN`] of it, which lines' baseline tolerance
/// absorbs.
fn slope(g: &Glyph) -> i16 {
    if g.slant.unsigned_abs() < SLOPE_MIN {
        0
    } else {
        (g.slant as f32 / 100.0).round() as i16 * 100
    }
}

/// Slants below 3 degrees are taken as the axis (hundredths of a degree).
const SLOPE_MIN: u16 = 300;

/// A turn of a direction's reading frame about the page's centre, by a
/// slope: it levels text drawn on that slope, and turns boxes found on the
/// level back to where they are drawn.
struct SlopeTurn {
    centre: (f32, f32),
    sin: f32,
    cos: f32,
}

impl SlopeTurn {
    fn new(page: &PageGlyphs, dir: Direction, slant_hundredths: i16) -> SlopeTurn {
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
    fn level(&self, point: (f32, f32)) -> (f32, f32) {
        self.turn(point, -self.sin)
    }

    /// The upright box around a levelled box turned back onto the slope.
    fn box_as_drawn(&self, [x0, y0, x1, y1]: [f32; 4]) -> [f32; 4] {
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

/// A glyph as layout reads it: glyphs marked in `stacked` (upright CJK in
/// vertical columns, see [`vertical`]) run down the page.
fn as_read(stacked: &[bool], index: usize, drawn: &Glyph) -> Glyph {
    if stacked.get(index).copied().unwrap_or(false) {
        vertical::as_downward(drawn)
    } else {
        *drawn
    }
}

/// Which glyphs of a direction [`place`] lays out.
#[derive(Clone, Copy)]
enum Selection<'s> {
    /// Those along the axis (or within [`SLOPE_MIN`] of it).
    Straight,
    /// Those of one slope, picked out beforehand: (direction, slope, index)
    /// in content-stream order.
    Slope(&'s [(Direction, i16, usize)]),
}

/// The glyphs of one direction and slope (see [`slope`]) in their reading
/// frame, overprints removed. On a slope, each glyph is turned back by its
/// own slant (see [`SlopeTurn`]), so that lines run along x.
fn place(
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

/// Line fragments in content-stream order, then fragments on one baseline
/// merged left to right.
///
/// A fragment is a run of consecutive glyphs of `placed`, kept as a range;
/// a line owns its glyphs only once fragments drawn apart are merged into it
/// (allocation per fragment showed in profiles of text-heavy pages).
fn build_lines(page: &PageGlyphs, placed: &[Placed], params: &LayoutParams) -> Vec<Line> {
    let mut fragments: Vec<std::ops::Range<usize>> = Vec::new();
    // The last inked glyph of the fragment being built, if it has one.
    let mut last_ink: Option<usize> = None;
    for (i, p) in placed.iter().enumerate() {
        // Gaps are measured from the last inked glyph: a trailing space
        // glyph must not bridge a column gutter.
        let continues = fragments.last().is_some_and(|f| {
            let last = &placed[last_ink.unwrap_or(f.end - 1)];
            let size = last.size.max(p.size);
            (p.y - last.y).abs() <= params.baseline_tolerance * size
                && p.x >= last.end - 0.5 * size
                && p.x - last.pen <= params.max_word_gap * size
        });
        match fragments.last_mut() {
            Some(f) if continues => f.end = i + 1,
            _ => {
                fragments.push(i..i + 1);
                last_ink = None;
            }
        }
        if !p.space {
            last_ink = Some(i);
        }
    }
    // Merge fragments drawn out of order but sitting on one baseline.
    let mut fragments: Vec<(f32, f32, std::ops::Range<usize>)> = fragments
        .into_iter()
        .filter(|f| placed[f.clone()].iter().any(|p| !p.space))
        .map(|f| (baseline(&placed[f.clone()]), placed[f.start].x, f))
        .collect();
    fragments.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.total_cmp(&b.1)));
    // Each line's size, extent and baseline are computed once per change
    // rather than once per comparison (a line is compared with every later
    // fragment near it); the values are those the functions give on it.
    let measure = |glyphs: &[Placed]| {
        let (x0, x1) = extent(glyphs);
        (dominant_size(glyphs), x0, x1, baseline(glyphs))
    };
    let mut merged: Vec<(LineGlyphs, LineStats)> = Vec::new();
    'next: for (_, _, frag) in fragments {
        let (frag_size, f0, f1, frag_base) = measure(&placed[frag.clone()]);
        for (line, stats) in merged.iter_mut().rev().take(4) {
            let (line_size, l0, l1, line_base) = *stats;
            let size = line_size.max(frag_size);
            let same_baseline = (line_base - frag_base).abs() <= params.baseline_tolerance * size;
            let gap = if f0 >= l1 { f0 - l1 } else { l0 - f1 };
            if same_baseline && gap <= params.max_word_gap * size && gap >= -0.5 * size {
                let mut glyphs = match std::mem::replace(line, LineGlyphs::Run(0..0)) {
                    LineGlyphs::Run(run) => placed[run].to_vec(),
                    LineGlyphs::Merged(glyphs) => glyphs,
                };
                glyphs.extend_from_slice(&placed[frag]);
                glyphs.sort_by(|a, b| a.x.total_cmp(&b.x));
                *stats = measure(&glyphs);
                *line = LineGlyphs::Merged(glyphs);
                continue 'next;
            }
        }
        let stats = (frag_size, f0, f1, frag_base);
        merged.push((LineGlyphs::Run(frag), stats));
    }
    let mut gaps = Vec::new();
    merged
        .iter()
        .map(|(glyphs, _)| {
            let glyphs = match glyphs {
                LineGlyphs::Run(run) => &placed[run.clone()],
                LineGlyphs::Merged(glyphs) => glyphs.as_slice(),
            };
            assemble_line(page, glyphs, params, &mut gaps)
        })
        .collect()
}

/// The glyphs of a line: one run of the placed glyphs, or (after merging)
/// its own sorted copy.
enum LineGlyphs {
    Run(std::ops::Range<usize>),
    Merged(Vec<Placed>),
}

/// Dominant size, left and right ends, baseline of a run of glyphs.
type LineStats = (f32, f32, f32, f32);

fn baseline(glyphs: &[Placed]) -> f32 {
    // The first glyph's baseline: superscripts later in the line don't move it.
    glyphs
        .iter()
        .find(|p| !p.space)
        .map_or(glyphs[0].y, |p| p.y)
}

/// The horizontal extent of the inked glyphs (spaces do not count).
fn extent(glyphs: &[Placed]) -> (f32, f32) {
    let ink = || glyphs.iter().filter(|p| !p.space);
    let x0 = ink().map(|p| p.x).fold(f32::INFINITY, f32::min);
    let x1 = ink()
        .map(|p| p.end.max(p.x))
        .fold(f32::NEG_INFINITY, f32::max);
    if x0 > x1 {
        // Only spaces: use them after all.
        let x0 = glyphs.iter().map(|p| p.x).fold(f32::INFINITY, f32::min);
        let x1 = glyphs
            .iter()
            .map(|p| p.end.max(p.x))
            .fold(f32::NEG_INFINITY, f32::max);
        return (x0, x1);
    }
    (x0, x1)
}

fn dominant_size(glyphs: &[Placed]) -> f32 {
    // Fast path, same answer: when every ink glyph has one size, that size
    // is the median (this runs for every pair of fragments compared).
    let mut ink = glyphs.iter().filter(|p| !p.space).map(|p| p.size);
    if let Some(first) = ink.next() {
        if ink.all(|s| s.total_cmp(&first).is_eq()) {
            return first;
        }
    }
    let mut sizes: Vec<f32> = glyphs.iter().filter(|p| !p.space).map(|p| p.size).collect();
    if sizes.is_empty() {
        return glyphs.first().map_or(0.0, |p| p.size);
    }
    sizes.sort_by(f32::total_cmp);
    sizes[sizes.len() / 2]
}

/// The widest typical gap (in ems) a letter-spaced line has: tracking of
/// real headings in the corpus stays below 0.2 em.
const LETTER_SPACING_MAX: f32 = 0.3;

/// Builds a line's text, inferring word breaks from gaps. Letter-spaced
/// display type ("t h e  l a b o u r") has wide gaps between all letters, so
/// the threshold rises with the line's typical letter gap.
fn assemble_line(
    page: &PageGlyphs,
    glyphs: &[Placed],
    params: &LayoutParams,
    gaps: &mut Vec<f32>,
) -> Line {
    let size = dominant_size(glyphs);
    gaps.clear();
    let mut ink = glyphs.iter().filter(|p| !p.space);
    if let Some(mut previous) = ink.next() {
        for p in ink {
            gaps.push((p.x - previous.end) / size.max(0.01));
            previous = p;
        }
    }
    // The value at this rank is the same as after a full sort.
    let rank = gaps.len() * 3 / 10;
    let typical = if rank < gaps.len() {
        *gaps.select_nth_unstable_by(rank, f32::total_cmp).1
    } else {
        0.0
    }
    .max(0.0);
    // Letter spacing widens the gaps between letters, and then only gaps
    // wider still are word gaps. A line whose typical gap is as wide as a
    // word space (a third of an em) is not letter-spaced but spaced out: a
    // glyph chart, or single glyphs set apart ("A  B  C"), where every such
    // gap is a word gap, as pdftotext and MuPDF read it.
    // Character spacing set on most of the line's letters is tracking at
    // any width: charts are laid out by moving the pen, not by spacing.
    let letter_spaced = typical > 0.06
        && (typical < LETTER_SPACING_MAX || 2 * tracked_gaps(glyphs, size) > gaps.len());
    let threshold = if letter_spaced {
        (typical * 1.6).max(typical + 0.12)
    } else {
        params.word_gap
    } * size;
    // In letter-spaced lines some producers put a space glyph between every
    // letter (Labour 2015's running heads); there, only gaps wide enough to
    // be word gaps count, with or without a space glyph.
    // Room for one byte per glyph and a space per few: most lines are
    // ASCII, and growing the string glyph by glyph showed in profiles.
    let mut text = String::with_capacity(glyphs.len() + glyphs.len() / 4 + 8);
    let mut has_rtl = false;
    line_units(page, glyphs, threshold, letter_spaced, |unit| match unit {
        None => text.push(' '),
        Some(glyph) => {
            has_rtl |= !glyph.is_ascii() && glyph.chars().any(super::bidi::is_rtl);
            push_line_text(&mut text, glyph);
        }
    });
    // A line with right-to-left glyphs is read again unit by unit and put
    // in logical order (rare: most lines never get here).
    if has_rtl {
        let mut units: Vec<String> = Vec::new();
        line_units(page, glyphs, threshold, letter_spaced, |unit| {
            let mut piece = String::new();
            match unit {
                None => piece.push(' '),
                Some(glyph) => push_line_text(&mut piece, glyph),
            }
            units.push(piece);
        });
        let units: Vec<&str> = units.iter().map(String::as_str).collect();
        if let Some(logical) = super::bidi::logical_order(&units) {
            text = logical;
        }
    }
    let (x0, x1) = extent(glyphs);
    let y = baseline(glyphs);
    // Trimmed in place when there is nothing to trim (the usual case).
    let text = if text.trim().len() == text.len() {
        text
    } else {
        text.trim().to_string()
    };
    Line {
        text,
        bbox: [x0, y - 0.25 * size, x1, y + 0.75 * size],
        size,
        furniture: false,
    }
}

/// How many of a line's gaps between inked glyphs character spacing alone
/// leaves: the glyph has tracking, and the next one starts where the pen
/// stopped.
fn tracked_gaps(glyphs: &[Placed], size: f32) -> usize {
    let slack = 0.02 * size;
    let mut ink = glyphs.iter().filter(|p| !p.space);
    let Some(mut previous) = ink.next() else {
        return 0;
    };
    let mut tracked = 0;
    for p in ink {
        tracked +=
            usize::from(previous.pen - previous.end > slack && (p.x - previous.pen).abs() <= slack);
        previous = p;
    }
    tracked
}

/// Hands the units of a line to `emit` in visual order: each glyph's text
/// (`Some`), and `None` for a word break, where the gap is wider than
/// `threshold` or a space glyph stands in a gap wide enough.
fn line_units<'g>(
    page: &'g PageGlyphs,
    glyphs: &[Placed],
    threshold: f32,
    letter_spaced: bool,
    mut emit: impl FnMut(Option<&'g str>),
) {
    let mut pending_space = false;
    let mut last_end: Option<f32> = None;
    for p in glyphs {
        if p.space {
            pending_space = last_end.is_some();
            continue;
        }
        if let Some(end) = last_end {
            let gap = p.x - end;
            let explicit = pending_space && (!letter_spaced || gap > 0.6 * threshold);
            if explicit || gap > threshold {
                emit(None);
            }
        }
        pending_space = false;
        emit(Some(page.text_of(&page.glyphs()[p.index])));
        last_end = Some(p.end.max(p.x));
    }
}

/// Groups lines (any order) into blocks of vertically close, horizontally
/// overlapping lines of similar size.
fn build_blocks(mut lines: Vec<Line>, params: &LayoutParams) -> Vec<Vec<Line>> {
    lines.sort_by(|a, b| {
        b.bbox[1]
            .total_cmp(&a.bbox[1])
            .then(a.bbox[0].total_cmp(&b.bbox[0]))
    });
    let mut blocks: Vec<Vec<Line>> = Vec::new();
    // Blocks that may still take a line, in index order. Lines come top to
    // bottom, so a block's drop only grows; once it exceeds the largest
    // spacing any similar line could allow (max_line_spacing x 1.3 x its last
    // size) no later line can join it, and it is no longer tried. Same
    // answers as trying every block, without the quadratic cost on pages of
    // many small blocks (maps, charts, crafted files).
    let mut active: Vec<usize> = Vec::new();
    for line in lines {
        let mut best: Option<(usize, f32)> = None;
        active.retain(|&i| {
            let Some(last) = blocks[i].last() else {
                return true;
            };
            let size = last.size.max(line.size);
            let drop = last.bbox[1] - line.bbox[1];
            let similar = line.size <= last.size * 1.3 && last.size <= line.size * 1.3;
            let overlap = line.bbox[2].min(last.bbox[2]) - line.bbox[0].max(last.bbox[0]);
            if similar
                && drop > 0.2 * size
                && drop <= params.max_line_spacing * size
                && overlap > 0.0
                && best.is_none_or(|(_, d)| drop < d)
            {
                best = Some((i, drop));
            }
            // Kept unless the drop is beyond reach (a NaN drop keeps it).
            let reach = params.max_line_spacing * (last.size * 1.3);
            drop.partial_cmp(&reach) != Some(std::cmp::Ordering::Greater)
        });
        match best {
            Some((i, _)) => blocks[i].push(line),
            None => {
                active.push(blocks.len());
                blocks.push(vec![line]);
            }
        }
    }
    blocks
}

fn block_box(lines: &[Line]) -> [f32; 4] {
    lines.iter().fold(
        [
            f32::INFINITY,
            f32::INFINITY,
            f32::NEG_INFINITY,
            f32::NEG_INFINITY,
        ],
        |b, l| {
            [
                b[0].min(l.bbox[0]),
                b[1].min(l.bbox[1]),
                b[2].max(l.bbox[2]),
                b[3].max(l.bbox[3]),
            ]
        },
    )
}

/// Puts blocks in reading order by recursive XY cut.
/// Pages with more blocks than this are read top to bottom, left to right,
/// without the XY cut, whose time (and recursion depth) can grow with the
/// square of the block count: a crafted page of 40,000 stacked one-glyph
/// blocks took 8 s and overflowed the stack. Real pages have at most a few
/// hundred blocks (none in ../shared comes near this).
const MAX_XY_CUT_BLOCKS: usize = 4000;

/// Puts blocks in reading order.
fn order_blocks(blocks: &mut Vec<Vec<Line>>) {
    let order = reading_order(blocks);
    *blocks = permute(std::mem::take(blocks), order);
}

/// `items` in the order of `order`, a permutation of their indices.
fn permute<T>(items: Vec<T>, order: Vec<usize>) -> Vec<T> {
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    order.into_iter().filter_map(|i| slots[i].take()).collect()
}

/// The indices of `blocks` in reading order.
fn reading_order(blocks: &[Vec<Line>]) -> Vec<usize> {
    let boxes: Vec<[f32; 4]> = blocks.iter().map(|b| block_box(b)).collect();
    let mut order: Vec<usize> = Vec::with_capacity(blocks.len());
    if blocks.len() > MAX_XY_CUT_BLOCKS {
        order.extend(0..blocks.len());
        order.sort_by(|&a, &b| {
            boxes[b][3]
                .total_cmp(&boxes[a][3])
                .then(boxes[a][0].total_cmp(&boxes[b][0]))
        });
    } else {
        xy_cut((0..blocks.len()).collect(), &boxes, &mut order);
    }
    order
}

fn xy_cut(mut items: Vec<usize>, boxes: &[[f32; 4]], out: &mut Vec<usize>) {
    if items.len() <= 1 {
        out.extend(items);
        return;
    }
    // A vertical channel: everything left of it is read first. Every
    // channel is taken in one pass, left to right: cutting at the first and
    // recursing on the right part (already sorted) finds the same channels,
    // but costs quadratic time and stack on pages of many side-by-side blocks.
    items.sort_by(|&a, &b| boxes[a][0].total_cmp(&boxes[b][0]));
    let mut right_edge = f32::NEG_INFINITY;
    let mut start = 0;
    for k in 0..items.len() - 1 {
        right_edge = right_edge.max(boxes[items[k]][2]);
        if boxes[items[k + 1]][0] > right_edge {
            xy_cut(items[start..=k].to_vec(), boxes, out);
            start = k + 1;
            right_edge = f32::NEG_INFINITY;
        }
    }
    if start > 0 {
        xy_cut(items.split_off(start), boxes, out);
        return;
    }
    // Otherwise the widest horizontal gap, top part first.
    items.sort_by(|&a, &b| boxes[b][3].total_cmp(&boxes[a][3]));
    let mut bottom_edge = f32::INFINITY;
    let mut best: Option<(usize, f32)> = None;
    for k in 0..items.len() - 1 {
        bottom_edge = bottom_edge.min(boxes[items[k]][1]);
        let gap = bottom_edge - boxes[items[k + 1]][3];
        if gap > 0.0 && best.is_none_or(|(_, g)| gap > g) {
            best = Some((k, gap));
        }
    }
    match best {
        Some((k, _)) => {
            let below = items.split_off(k + 1);
            xy_cut(items, boxes, out);
            xy_cut(below, boxes, out);
        }
        None => out.extend(items),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Places a word glyph by glyph with a fixed advance.
    fn word(parts: &mut Vec<(Glyph, String)>, text: &str, x: f32, y: f32, size: f32) -> f32 {
        let advance = 0.5 * size;
        let mut x = x;
        for ch in text.chars() {
            parts.push((Glyph::at(x, y, advance, size), ch.to_string()));
            x += advance;
        }
        x
    }

    fn page_of(parts: &[(Glyph, String)]) -> PageGlyphs {
        let refs: Vec<(Glyph, &str)> = parts.iter().map(|(g, t)| (*g, t.as_str())).collect();
        PageGlyphs::from_parts(1, 600.0, 800.0, &refs)
    }

    fn texts(page: &Page) -> Vec<String> {
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
    fn gaps_become_spaces() {
        let mut parts = Vec::new();
        let end = word(&mut parts, "social", 100.0, 700.0, 10.0);
        word(&mut parts, "value", end + 3.0, 700.0, 10.0);
        let page = layout_page(&page_of(&parts), &LayoutParams::default());
        assert_eq!(texts(&page), vec!["social value"]);
    }

    #[test]
    fn letter_spaced_heading_reads_as_words() {
        let mut parts = Vec::new();
        let mut x = 100.0;
        for (i, w) in ["the", "labour", "party"].iter().enumerate() {
            if i > 0 {
                x += 6.0;
            }
            for ch in w.chars() {
                parts.push((Glyph::at(x, 700.0, 5.0, 10.0), ch.to_string()));
                x += 5.0 + 2.0; // tracking of 0.2 em
            }
        }
        let page = layout_page(&page_of(&parts), &LayoutParams::default());
        assert_eq!(texts(&page), vec!["the labour party"]);
    }

    /// A glyph of `ink` points followed by `tracking` points of character
    /// spacing, as the interpreter records `Tc`.
    fn tracked(x: f32, ink: f32, tracking: f32) -> Glyph {
        Glyph {
            tracking,
            ..Glyph::at(x, 700.0, ink + tracking, 10.0)
        }
    }

    #[test]
    fn terms_set_apart_by_character_spacing_stay_apart() {
        // "a i j b": the producer leaves room for an operator (drawn in
        // another font, or not at all) with 0.5 em of character spacing
        // after "i"; the rest of the line is set tight.
        let mut parts = Vec::new();
        let end = word(&mut parts, "unit", 100.0, 700.0, 10.0);
        parts.push((tracked(end + 3.0, 2.0, 5.0), "i".to_string()));
        parts.push((tracked(end + 10.0, 2.0, 0.0), "j".to_string()));
        word(&mut parts, "vectors", end + 15.0, 700.0, 10.0);
        let page = layout_page(&page_of(&parts), &LayoutParams::default());
        assert_eq!(texts(&page), vec!["unit i j vectors"]);
    }

    #[test]
    fn wide_character_spacing_is_tracking_not_a_chart() {
        // "Hello World" with 0.42 em of character spacing on every glyph
        // and a space glyph between the words: wider than the widest
        // letter spacing found by gaps alone, but character spacing is
        // how type is tracked, never how a chart is laid out. A title
        // tracked by 3 em (a gazette's masthead) has its letters further
        // apart than a column gutter, and still holds together.
        for (text, tracking) in [("Hello World", 4.2), ("GAZETTE", 30.0)] {
            let mut parts = Vec::new();
            let mut x = 100.0;
            for ch in text.chars() {
                parts.push((tracked(x, 5.0, tracking), ch.to_string()));
                x += 5.0 + tracking;
            }
            let page = layout_page(&page_of(&parts), &LayoutParams::default());
            assert_eq!(texts(&page), vec![text], "tracking {tracking}");
        }
    }

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

    #[test]
    fn glyphs_set_apart_a_word_space_each_are_words() {
        // A glyph chart: single glyphs half an em apart, every gap alike.
        let mut parts = Vec::new();
        for (i, ch) in ["\u{3131}", "\u{3132}", "\u{3133}", "\u{3134}", "\u{3135}"]
            .iter()
            .enumerate()
        {
            let x = 100.0 + i as f32 * 15.0;
            parts.push((Glyph::at(x, 700.0, 10.0, 10.0), ch.to_string()));
        }
        let page = layout_page(&page_of(&parts), &LayoutParams::default());
        assert_eq!(
            texts(&page),
            vec!["\u{3131} \u{3132} \u{3133} \u{3134} \u{3135}"]
        );
    }

    #[test]
    fn columns_are_read_one_after_the_other() {
        let mut parts = Vec::new();
        // Drawn row by row, as some producers do: left line, right line, ...
        for row in 0..3 {
            let y = 700.0 - 12.0 * row as f32;
            word(&mut parts, &format!("left{row}"), 50.0, y, 10.0);
            word(&mut parts, &format!("right{row}"), 320.0, y, 10.0);
        }
        let page = layout_page(&page_of(&parts), &LayoutParams::default());
        assert_eq!(
            texts(&page),
            vec!["left0|left1|left2", "right0|right1|right2"]
        );
    }

    #[test]
    fn trailing_space_glyph_does_not_bridge_a_gutter() {
        let mut parts = Vec::new();
        // Left column line ending in a space glyph, right column line 1.4 em
        // further on the same baseline, drawn later.
        let end = word(&mut parts, "that", 50.0, 700.0, 10.0);
        parts.push((Glyph::at(end, 700.0, 3.0, 10.0), " ".into()));
        word(&mut parts, "low", 50.0, 688.0, 10.0);
        word(&mut parts, "you", end + 14.0, 700.0, 10.0);
        word(&mut parts, "more", end + 14.0, 688.0, 10.0);
        let page = layout_page(&page_of(&parts), &LayoutParams::default());
        assert_eq!(texts(&page), vec!["that|low", "you|more"]);
    }

    #[test]
    fn title_above_columns_comes_first() {
        let mut parts = Vec::new();
        word(
            &mut parts,
            "A title across the whole page width",
            50.0,
            750.0,
            20.0,
        );
        for row in 0..3 {
            let y = 700.0 - 12.0 * row as f32;
            word(&mut parts, &format!("left{row}"), 50.0, y, 10.0);
        }
        for row in 0..3 {
            let y = 700.0 - 12.0 * row as f32;
            word(&mut parts, &format!("right{row}"), 320.0, y, 10.0);
        }
        let page = layout_page(&page_of(&parts), &LayoutParams::default());
        let t = texts(&page);
        assert_eq!(t.len(), 3, "{t:?}");
        assert!(t[0].starts_with("A"));
        assert_eq!(t[1], "left0|left1|left2");
    }

    #[test]
    fn fake_bold_overprint_is_dropped() {
        let mut parts = Vec::new();
        word(&mut parts, "bold", 100.0, 700.0, 10.0);
        word(&mut parts, "bold", 100.4, 700.0, 10.0);
        let page = layout_page(&page_of(&parts), &LayoutParams::default());
        assert_eq!(texts(&page), vec!["bold"]);
    }

    #[test]
    fn letter_spaced_line_with_a_space_glyph_between_every_letter() {
        let mut parts = Vec::new();
        let mut x = 100.0;
        for (i, w) in ["a", "better", "future"].iter().enumerate() {
            if i > 0 {
                x += 4.6;
            }
            for (j, ch) in w.chars().enumerate() {
                if j > 0 {
                    // A space glyph overlapping the next letter, then 1pt of tracking.
                    parts.push((Glyph::at(x, 40.0, 1.8, 7.0), " ".to_string()));
                    x += 1.0;
                }
                parts.push((Glyph::at(x, 40.0, 4.0, 7.0), ch.to_string()));
                x += 4.0;
            }
        }
        let page = layout_page(&page_of(&parts), &LayoutParams::default());
        assert_eq!(texts(&page), vec!["a better future"]);
    }

    #[test]
    fn explicit_space_glyphs_separate_words() {
        let mut parts = Vec::new();
        let end = word(&mut parts, "co", 100.0, 700.0, 10.0);
        parts.push((Glyph::at(end, 700.0, 0.1, 10.0), " ".into()));
        word(&mut parts, "op", end + 0.1, 700.0, 10.0);
        let page = layout_page(&page_of(&parts), &LayoutParams::default());
        assert_eq!(texts(&page), vec!["co op"]);
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

    #[test]
    fn many_small_blocks_stay_fast() {
        for (count, staircase) in [(3_500, true), (30_000, false)] {
            let parts: Vec<(Glyph, String)> = (0..count)
                .map(|i| {
                    let (x, y) = if staircase {
                        (i as f32 * 0.7, 100_000.0 - i as f32 * 0.6)
                    } else {
                        (100.0 + (i % 3) as f32 * 0.1, 100_000.0 - i as f32 * 2.5)
                    };
                    (Glyph::at(x, y, 0.5, 1.0), "x".to_string())
                })
                .collect();
            let start = std::time::Instant::now();
            let page = layout_page(&page_of(&parts), &LayoutParams::default());
            let lines: usize = page.blocks.iter().map(|b| b.lines.len()).sum();
            assert_eq!(lines, count);
            assert!(page
                .blocks
                .windows(2)
                .all(|w| w[0].lines[0].bbox[1] >= w[1].lines[0].bbox[1]));
            assert!(
                start.elapsed().as_secs() < 5,
                "{count} blocks took {:?}",
                start.elapsed()
            );
        }
    }

    #[test]
    fn params_validate() {
        assert!(LayoutParams::default().validate().is_ok());
        let bad = LayoutParams {
            word_gap: 2.0,
            ..LayoutParams::default()
        };
        assert!(bad.validate().is_err());
    }
}
