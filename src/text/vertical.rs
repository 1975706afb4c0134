//! Upright CJK glyphs stacked into vertical columns with a horizontal font.
//!
//! Japanese documents often set vertical text with an ordinary (Identity-H)
//! font, placing each glyph below the last, and only the punctuation with a
//! vertical (Identity-V) font (pdfminer's kampo.pdf is one). Read as drawn,
//! every glyph would be a one-character line. This pass finds such columns so
//! layout can treat their glyphs as text running down the page, in the same
//! frame as the vertical font's glyphs beside them.

use crate::pdf::{Direction, Glyph, PageGlyphs};

/// How far (in font sizes) the next glyph of a column may sit below the last:
/// two vertical-font punctuation marks may stand between them.
const MAX_STEP: f32 = 3.2;

/// Marks the glyphs that belong to stacked columns (indexes past the end of
/// the mask, as on a page with no CJK, are not stacked).
pub(crate) fn stacked_columns(page: &PageGlyphs) -> Vec<bool> {
    let glyphs = page.glyphs();
    let candidates: Vec<usize> = (0..glyphs.len())
        .filter(|&i| glyphs[i].dir == Direction::Right && is_cjk(page.text_of(&glyphs[i])))
        .collect();
    // Most pages have no CJK at all: an empty mask means "none stacked".
    if candidates.len() < 2 {
        return Vec::new();
    }
    let mut stacked = vec![false; glyphs.len()];
    for pair in candidates.windows(2) {
        let (a, b) = (&glyphs[pair[0]], &glyphs[pair[1]]);
        if stacks_below(a, b) {
            stacked[pair[0]] = true;
            stacked[pair[1]] = true;
        }
    }
    stacked
}

fn stacks_below(a: &Glyph, b: &Glyph) -> bool {
    let size = a.size.max(b.size);
    let drop = a.y - b.y;
    (a.x - b.x).abs() < 0.25 * size && drop >= 0.5 * size && drop <= MAX_STEP * size
}

/// A stacked glyph as a glyph running down the page: its origin moves from
/// the left end of its baseline to the top centre of its em box, where a
/// vertical font puts it.
pub(crate) fn as_downward(g: &Glyph) -> Glyph {
    Glyph {
        dir: Direction::Down,
        x: g.x + (g.advance - g.tracking) / 2.0,
        y: g.y + g.size * 0.88,
        advance: g.size + g.tracking,
        ..*g
    }
}

/// Han, kana, Hangul and CJK punctuation: characters set upright in
/// vertical text.
fn is_cjk(text: &str) -> bool {
    // Every range below starts at U+3000 or later, whose UTF-8 lead byte is
    // 0xE3 or more: most glyphs are rejected on that byte without decoding.
    if text.as_bytes().first().is_none_or(|&b| b < 0xE3) {
        return false;
    }
    text.chars().next().is_some_and(|c| {
        matches!(c,
            '\u{3000}'..='\u{303F}' // CJK punctuation
            | '\u{3040}'..='\u{30FF}' // hiragana, katakana
            | '\u{3400}'..='\u{4DBF}'
            | '\u{4E00}'..='\u{9FFF}'
            | '\u{AC00}'..='\u{D7AF}' // Hangul syllables
            | '\u{F900}'..='\u{FAFF}'
            | '\u{FF00}'..='\u{FFEF}' // full-width forms
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(parts: &[(f32, f32, &str)]) -> PageGlyphs {
        let glyphs: Vec<(Glyph, &str)> = parts
            .iter()
            .map(|(x, y, t)| (Glyph::at(*x, *y, 8.0, 8.0), *t))
            .collect();
        PageGlyphs::from_parts(1, 600.0, 800.0, &glyphs)
    }

    #[test]
    fn a_column_of_kanji_is_stacked() {
        let p = page(&[
            (400.0, 700.0, "第"),
            (400.0, 692.0, "三"),
            (400.0, 676.0, "条"),
            (380.0, 700.0, "法"),
        ]);
        assert_eq!(stacked_columns(&p), vec![true, true, true, false]);
    }

    #[test]
    fn horizontal_cjk_and_latin_are_left_alone() {
        let p = page(&[
            (100.0, 700.0, "平"),
            (108.0, 700.0, "成"),
            (100.0, 600.0, "a"),
            (100.0, 592.0, "b"),
        ]);
        assert!(stacked_columns(&p).iter().all(|s| !s));
    }

    #[test]
    fn downward_glyph_reads_down_the_page() {
        let g = as_downward(&Glyph::at(400.0, 700.0, 8.0, 8.0));
        assert_eq!(g.dir, Direction::Down);
        assert_eq!(g.x, 404.0);
    }
}
