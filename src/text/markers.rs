//! List markers: the bullets, dashes, numbers and letters that open list
//! items, and the layout pass that puts a marker set apart from its item back
//! at the start of the item's first line.
//!
//! Manifestos set most policies as "We will:" and a list, and designers
//! often set the markers as a column of their own, a tab stop away from the
//! items (Green 2015, Conservative 1966). Line building keeps glyphs more
//! than [`LayoutParams::max_word_gap`](super::LayoutParams) apart in
//! different lines, so the markers came out as a run of lone "•" lines and
//! the items without them, and nothing told a reader (or the pledge rules)
//! that the items were a list. [`attach_markers`] runs on a page's lines
//! before they are grouped into blocks: each lone marker joins the nearest
//! line to its right on the same baseline.

use super::page::Line;

/// How far right of its marker an item may start, in ems of the larger of
/// the two: bullets sit a tab stop from their text, at most a few ems away.
const MAX_MARKER_GAP: f32 = 8.0;

/// How far apart the baselines of a marker and its item may be, in ems:
/// bullets are often raised or set in a smaller or larger size.
const BASELINE_TOLERANCE: f32 = 0.6;

/// Lines looked at per marker, nearest baselines first: bounds the work on a
/// crafted page of thousands of lines on one baseline.
const MAX_CANDIDATES: usize = 64;

/// Characters that are bullets: the usual ones, dashes used as bullets,
/// geometric shapes, dingbats, and the private-use codes that symbol fonts
/// (Symbol, Wingdings) decode to when they have no Unicode mapping.
pub fn is_bullet(c: char) -> bool {
    matches!(
        c,
        '•' | '◦'
            | '▪'
            | '▫'
            | '●'
            | '○'
            | '■'
            | '□'
            | '◆'
            | '◇'
            | '►'
            | '▸'
            | '▶'
            | '‣'
            | '⁃'
            | '∙'
            | '·'
            | '–'
            | '—'
            | '-'
            | '*'
            | '→'
    ) || is_private_use(c) // symbol fonts
        || ('\u{25A0}'..='\u{25FF}').contains(&c) // geometric shapes
        || ('\u{2700}'..='\u{27BF}').contains(&c) // dingbats
}

/// The private-use area, where symbol fonts (Symbol, Wingdings) put glyphs
/// that have no Unicode mapping.
fn is_private_use(c: char) -> bool {
    ('\u{E000}'..='\u{F8FF}').contains(&c)
}

/// Letters that picture fonts (Wingdings, ZapfDingbats) draw as bullets and
/// that come out as letters when the font has no Unicode mapping: Wingdings
/// "l" is a disc, "n" a square, "q" a box, "u" a diamond, "v" a star, "w" a
/// lozenge, "Ø" an arrow, "ü" a tick, "§" a small square. A line that is
/// only one of these is a marker; in running text they are ordinary letters.
const PICTURE_FONT_BULLETS: &[char] = &['l', 'n', 'q', 'u', 'v', 'w', 'Ø', 'ü', '§', '¨'];

/// A line that is nothing but a list marker: one to three bullets, a list
/// number or letter ("1.", "12)", "(3)", "a)", "(b)", "iv."), or a lone
/// picture-font bullet.
pub fn is_marker(text: &str) -> bool {
    let t = text.trim();
    let count = t.chars().count();
    if count == 0 {
        return false;
    }
    if count <= 3 && t.chars().all(is_bullet) {
        return true;
    }
    if count == 1 {
        return t
            .chars()
            .next()
            .is_some_and(|c| PICTURE_FONT_BULLETS.contains(&c));
    }
    let inner = match t.strip_prefix('(') {
        Some(rest) => match rest.strip_suffix(')') {
            Some(inner) => inner,
            None => return false,
        },
        None => match t.strip_suffix(['.', ')']) {
            Some(inner) => inner,
            None => return false,
        },
    };
    let numbered =
        !inner.is_empty() && inner.len() <= 2 && inner.chars().all(|c| c.is_ascii_digit());
    let lettered = inner.len() == 1 && inner.chars().all(|c| c.is_ascii_lowercase());
    let roman = !inner.is_empty()
        && inner.len() <= 4
        && inner.chars().all(|c| matches!(c, 'i' | 'v' | 'x'));
    numbered || lettered || roman
}

/// Starts with a list marker followed by a space: "• Fund", "3. Back",
/// "(b) Give". Used to break a block's text before each item.
pub fn starts_with_marker(text: &str) -> bool {
    match text.split_once(' ') {
        Some((first, rest)) => {
            (!rest.is_empty() && is_marker(first) && first.chars().count() > 1)
                || (text.chars().next().is_some_and(is_bullet)
                    && !text.starts_with(['-', '—', '–', '*', '·']))
        }
        None => false,
    }
}

/// The text a marker is written as once attached: private-use and
/// picture-font bullets become "•", so a reader (and the pledge rules) see
/// a bullet; other markers are kept as they are.
fn marker_text(text: &str) -> &str {
    let t = text.trim();
    let picture = t.chars().count() == 1
        && t.chars()
            .next()
            .is_some_and(|c| is_private_use(c) || PICTURE_FONT_BULLETS.contains(&c));
    if picture {
        "•"
    } else {
        t
    }
}

/// A lone marker lying over the bullet an item line already starts with.
fn is_second_copy(marker: &Line, item: &Line) -> bool {
    let size = item.size.max(marker.size);
    item.text.chars().next().is_some_and(is_bullet)
        && marker.bbox[0] < item.bbox[0] + size
        && marker.bbox[2] > item.bbox[0] - 0.1 * size
}

/// Up to `count` entries of `sorted` (sorted by baseline) with the baselines
/// nearest `base`, nearest first: two cursors walk out from where `base`
/// would sit, so the work is bounded by `count` however many lines share a
/// baseline (a crafted page can hold hundreds of thousands).
fn nearest(sorted: &[(f32, usize)], base: f32, count: usize) -> Vec<(f32, usize)> {
    let mid = sorted.partition_point(|&(b, _)| b < base);
    let (mut below, mut above) = (mid, mid);
    let mut out = Vec::with_capacity(count.min(sorted.len()));
    while out.len() < count {
        let next_below = below.checked_sub(1).map(|k| (k, base - sorted[k].0));
        let next_above = sorted.get(above).map(|e| (above, e.0 - base));
        let take = match (next_below, next_above) {
            (Some(b), Some(a)) => {
                if b.1 <= a.1 {
                    b.0
                } else {
                    a.0
                }
            }
            (Some(b), None) => b.0,
            (None, Some(a)) => a.0,
            (None, None) => break,
        };
        if take < mid {
            below = take;
        } else {
            above = take + 1;
        }
        out.push(sorted[take]);
    }
    out
}

fn baseline(line: &Line) -> f32 {
    // Lines are boxed from 0.25 em below the baseline to 0.75 em above it.
    line.bbox[1] + 0.25 * line.size
}

/// Puts every lone marker line at the start of its item: the nearest line
/// that starts to its right, within [`MAX_MARKER_GAP`] ems, on the same
/// baseline. Markers with no such line are kept as they are; each line takes
/// at most one marker. A lone marker drawn over the bullet its line already
/// starts with is a second copy of it and is dropped.
pub fn attach_markers(lines: &mut Vec<Line>) {
    let is_lone_marker: Vec<bool> = lines.iter().map(|l| is_marker(&l.text)).collect();
    if !is_lone_marker.contains(&true) {
        return;
    }
    // Items by baseline, so each marker looks only at lines near its own.
    let mut items: Vec<(f32, usize)> = (0..lines.len())
        .filter(|&i| !is_lone_marker[i] && !lines[i].text.trim().is_empty())
        .map(|i| (baseline(&lines[i]), i))
        .collect();
    items.sort_by(|a, b| a.0.total_cmp(&b.0));
    let max_size = lines.iter().map(|l| l.size).fold(0.0f32, f32::max);
    // (gap, marker, item) for every admissible pair, then nearest first.
    let mut pairs: Vec<(f32, usize, usize)> = Vec::new();
    let mut duplicate = vec![false; lines.len()];
    for (m, marker) in lines.iter().enumerate().filter(|(m, _)| is_lone_marker[*m]) {
        let base = baseline(marker);
        let window = BASELINE_TOLERANCE * max_size.max(marker.size);
        let from = items.partition_point(|&(b, _)| b < base - window);
        let to = items.partition_point(|&(b, _)| b <= base + window);
        for (item_base, i) in nearest(&items[from..to], base, MAX_CANDIDATES) {
            let item = &lines[i];
            let size = item.size.max(marker.size);
            if (item_base - base).abs() > BASELINE_TOLERANCE * size {
                continue;
            }
            let gap = item.bbox[0] - marker.bbox[2];
            if gap >= -0.1 * size && gap <= MAX_MARKER_GAP * size {
                pairs.push((gap, m, i));
            } else if is_second_copy(marker, item) {
                // Drawn over the item's own bullet (a shadow, or the same
                // bullet painted twice in two fonts): a copy, dropped.
                duplicate[m] = true;
            }
        }
    }
    pairs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut marker_done = duplicate;
    let mut item_done = vec![false; lines.len()];
    let mut attached = Vec::new();
    for (_, m, i) in pairs {
        if marker_done[m] || item_done[i] {
            continue;
        }
        marker_done[m] = true;
        item_done[i] = true;
        attached.push((m, i));
    }
    for &(m, i) in &attached {
        let marker = lines[m].clone();
        let item = &mut lines[i];
        item.text = format!("{} {}", marker_text(&marker.text), item.text.trim_start());
        item.bbox = [
            item.bbox[0].min(marker.bbox[0]),
            item.bbox[1].min(marker.bbox[1]),
            item.bbox[2].max(marker.bbox[2]),
            item.bbox[3].max(marker.bbox[3]),
        ];
    }
    let mut index = 0;
    lines.retain(|_| {
        let keep = !marker_done[index];
        index += 1;
        keep
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, x: f32, baseline: f32, size: f32) -> Line {
        let width = 0.5 * size * text.chars().count() as f32;
        Line {
            text: text.into(),
            bbox: [x, baseline - 0.25 * size, x + width, baseline + 0.75 * size],
            size,
            furniture: false,
        }
    }

    fn texts(lines: &[Line]) -> Vec<&str> {
        lines.iter().map(|l| l.text.as_str()).collect()
    }

    #[test]
    fn nearest_walks_out_from_the_baseline() {
        let sorted = [(1.0, 0), (2.0, 1), (4.0, 2), (4.5, 3), (9.0, 4)];
        let got: Vec<usize> = nearest(&sorted, 4.2, 3).iter().map(|e| e.1).collect();
        assert_eq!(got, [2, 3, 1]);
        assert_eq!(nearest(&sorted, 0.0, 10).len(), 5);
        assert!(nearest(&[], 1.0, 3).is_empty());
    }

    /// A crafted page: tens of thousands of bullets and words on one
    /// baseline. Each marker looks at a bounded number of lines.
    #[test]
    fn many_lines_on_one_baseline_stay_fast() {
        let mut lines = Vec::new();
        for k in 0..40_000 {
            let x = k as f32 * 30.0;
            lines.push(line(if k % 2 == 0 { "•" } else { "word" }, x, 700.0, 10.0));
        }
        // Quadratic before the walk was bounded (every line on the baseline
        // sorted for every marker): this test then ran for minutes.
        // Only the nearest 64 baselines are tried per marker, so on such a
        // page few markers find their word; none is lost or garbled.
        attach_markers(&mut lines);
        assert!(lines.len() < 40_000);
        assert!(lines
            .iter()
            .all(|l| matches!(l.text.as_str(), "•" | "word" | "• word")));
    }

    #[test]
    fn markers_and_not_markers() {
        for t in [
            "•", "●", "–", "-", "\u{F0B7}", "❖", "1.", "12)", "(3)", "a)", "(b)", "iv.", "(ii)",
            "w", "••",
        ] {
            assert!(is_marker(t), "{t}");
        }
        for t in [
            "", "a", "12", "2015.", "Fund", "• Fund", "1. Fund", "(abc)", "ab)", "----x",
        ] {
            assert!(!is_marker(t), "{t}");
        }
    }

    #[test]
    fn a_column_of_bullets_joins_its_items() {
        // Bullets at x 50, items at x 70 (a tab stop away, beyond the word
        // gap), the second item wrapping onto a line of its own.
        let mut lines = vec![
            line("We will:", 50.0, 700.0, 10.0),
            line("•", 50.0, 686.0, 10.0),
            line("\u{F0B7}", 50.0, 672.0, 10.0),
            line("Maximise community energy.", 70.0, 686.0, 10.0),
            line("Set a target for community power", 70.0, 672.0, 10.0),
            line("by 2020.", 70.0, 658.0, 10.0),
        ];
        attach_markers(&mut lines);
        assert_eq!(
            texts(&lines),
            [
                "We will:",
                "• Maximise community energy.",
                "• Set a target for community power",
                "by 2020."
            ]
        );
        assert_eq!(lines[1].bbox[0], 50.0);
    }

    #[test]
    fn numbers_and_raised_bullets_join_too() {
        let mut lines = vec![
            line("1.", 50.0, 700.0, 10.0),
            line("Back credit unions.", 75.0, 700.0, 10.0),
            // A bullet set 3 points high and larger than its text.
            line("●", 50.0, 683.0, 14.0),
            line("Fund co-operatives.", 75.0, 680.0, 10.0),
        ];
        attach_markers(&mut lines);
        assert_eq!(
            texts(&lines),
            ["1. Back credit unions.", "● Fund co-operatives."]
        );
    }

    #[test]
    fn a_marker_with_nothing_beside_it_stays() {
        let mut lines = vec![
            line("•", 50.0, 700.0, 10.0),
            // Too far right, and on another baseline.
            line("Far away text.", 300.0, 700.0, 10.0),
            line("Lower text.", 60.0, 680.0, 10.0),
            // Left of the marker.
            line("Left", 10.0, 700.0, 10.0),
        ];
        attach_markers(&mut lines);
        assert_eq!(
            texts(&lines),
            ["•", "Far away text.", "Lower text.", "Left"]
        );
    }

    #[test]
    fn a_second_copy_of_an_items_bullet_is_dropped() {
        let mut lines = vec![
            line("\u{25CF}", 50.5, 700.0, 10.0),
            line("\u{25CF} Protection of rights.", 50.0, 700.0, 10.0),
        ];
        attach_markers(&mut lines);
        assert_eq!(texts(&lines), ["\u{25CF} Protection of rights."]);
    }

    #[test]
    fn each_line_takes_one_marker_the_nearest() {
        let mut lines = vec![
            line("•", 50.0, 700.0, 10.0),
            line("•", 60.0, 700.0, 10.0),
            line("Item.", 75.0, 700.0, 10.0),
        ];
        attach_markers(&mut lines);
        assert_eq!(texts(&lines), ["•", "• Item."]);
    }

    #[test]
    fn item_starts() {
        for t in ["• Fund", "3. Back", "(b) Give", "\u{F0B7} x", "❖ Stars"] {
            assert!(starts_with_marker(t), "{t}");
        }
        for t in ["Fund", "2015. The year", "— and more", "- dash", "•"] {
            assert!(!starts_with_marker(t), "{t}");
        }
    }
}
