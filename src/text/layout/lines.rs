//! Line building: placed glyphs -> line fragments -> lines, and each
//! line's text with the word breaks that gaps imply (letter-spaced display
//! type and glyph charts included) and right-to-left runs in logical order.
//! Lines are not grouped here (see `super::blocks`).

use super::params::LayoutParams;
use super::place::Placed;
use crate::pdf::PageGlyphs;
use crate::text::bidi;
use crate::text::normalize::push_line_text;
use crate::text::page::Line;

/// Line fragments in content-stream order, then fragments on one baseline
/// merged left to right.
///
/// A fragment is a run of consecutive glyphs of `placed`, kept as a range;
/// a line owns its glyphs only once fragments drawn apart are merged into it
/// (allocation per fragment showed in profiles of text-heavy pages).
pub(super) fn build_lines(
    page: &PageGlyphs,
    placed: &[Placed],
    params: &LayoutParams,
) -> Vec<Line> {
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
            has_rtl |= !glyph.is_ascii() && glyph.chars().any(bidi::is_rtl);
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
        if let Some(logical) = bidi::logical_order(&units) {
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

#[cfg(test)]
mod tests {
    use crate::pdf::Glyph;
    use crate::text::layout::tests::{page_of, texts, word};
    use crate::text::layout::{layout_page, LayoutParams};

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
}
