//! Block building: lines that belong together (vertically close,
//! overlapping, of similar size) grouped into blocks. Blocks come out in no
//! particular order; `super::order` reads them.

use super::params::LayoutParams;
use crate::text::page::Line;

/// Groups lines (any order) into blocks of vertically close, horizontally
/// overlapping lines of similar size.
pub(super) fn build_blocks(mut lines: Vec<Line>, params: &LayoutParams) -> Vec<Vec<Line>> {
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

#[cfg(test)]
mod tests {
    use crate::pdf::Glyph;
    use crate::text::layout::tests::page_of;
    use crate::text::layout::{layout_page, LayoutParams};

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
}
