//! Reading order: a recursive XY cut over blocks' boxes, so that columns
//! never interleave and a title above columns is read first; pages of very
//! many blocks are read top to bottom instead. Blocks are only permuted
//! here, never changed.

use crate::text::page::Line;

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
pub(super) fn order_blocks(blocks: &mut Vec<Vec<Line>>) {
    let order = reading_order(blocks);
    *blocks = permute(std::mem::take(blocks), order);
}

/// `items` in the order of `order`, a permutation of their indices.
pub(super) fn permute<T>(items: Vec<T>, order: Vec<usize>) -> Vec<T> {
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    order.into_iter().filter_map(|i| slots[i].take()).collect()
}

/// The indices of `blocks` in reading order.
pub(super) fn reading_order(blocks: &[Vec<Line>]) -> Vec<usize> {
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
    use crate::text::layout::tests::{page_of, texts, word};
    use crate::text::layout::{layout_page, LayoutParams};

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
}
