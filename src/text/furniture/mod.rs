//! Page furniture: running heads, footers, page numbers, contents pages and
//! imprints. They are found across the whole document (a head repeats from
//! page to page) and marked, not deleted, so `mashup extract --all` can still
//! show them; they are kept out of the text that is matched, so a contents
//! entry is not counted as a mention beside its chapter, nor the statute a
//! party is registered under as a policy.
//!
//! The rules come in three families, one module each, each rule pinned by
//! the tests beside it: [`margins`] (running heads, footers and page
//! numbers), [`contents`] (contents entries, pages and blocks) and
//! [`imprint`] (imprints, copyright and registration lines). This module
//! runs them over every line and holds the one rule across them all:
//!
//! - **Never an empty page.** A page whose every line would be margin
//!   furniture (a one-line page, the same line on every page) keeps them all
//!   as body text: a document must not lose all its text to the heuristics.
//!   Contents pages and imprints are removed even then, unless they are all
//!   the document has: a document with text never comes out with no body.

mod contents;
mod imprint;
mod margins;

use self::contents::{
    contents_columns, is_contents_block, is_contents_entry, is_contents_heading, is_prose,
};
use self::imprint::{legal_lines, starts_imprint, JoinedBlock};
use self::margins::{page_numbers, Margins};
use super::page::{Line, Page};

/// Why a line is furniture.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// A running head or footer, or a page number.
    Margin,
    /// A contents entry, or a line of a contents page or block.
    Contents,
    /// An imprint or legal line.
    Imprint,
}

/// Marks furniture lines in every page.
pub fn mark_furniture(pages: &mut [Page]) {
    let margins = Margins::of(pages);
    let kinds: Vec<_> = pages
        .iter()
        .map(|page| classify_page(page, &margins))
        .collect();
    // A document that would keep no line at all keeps every line.
    let keeps_some = pages
        .iter()
        .zip(&kinds)
        .any(|(page, kinds)| lines_with_kinds(page, kinds).any(|(_, kind)| kind.is_none()));
    if !keeps_some {
        return;
    }
    for (page, kinds) in pages.iter_mut().zip(kinds) {
        // Never empty a page for its margins alone.
        if lines_with_kinds(page, &kinds).all(|(_, kind)| kind == Some(Kind::Margin)) {
            continue;
        }
        for (block, block_kinds) in page.blocks.iter_mut().zip(&kinds) {
            for (line, kind) in block.lines.iter_mut().zip(block_kinds) {
                if kind.is_some() {
                    line.furniture = true;
                }
            }
        }
    }
}

/// The page's lines that have text, each with its furniture kind.
fn lines_with_kinds<'a>(
    page: &'a Page,
    kinds: &'a [Vec<Option<Kind>>],
) -> impl Iterator<Item = (&'a Line, Option<Kind>)> {
    page.blocks
        .iter()
        .flat_map(|b| b.lines.iter())
        .zip(kinds.iter().flatten().copied())
        .filter(|(line, _)| !line.text.trim().is_empty())
}

/// The furniture kind of every line of a page, block by block.
fn classify_page(page: &Page, margins: &Margins) -> Vec<Vec<Option<Kind>>> {
    let numbers = page_numbers(page);
    let contents_page = page
        .blocks
        .iter()
        .flat_map(|b| &b.lines)
        .any(|l| is_contents_heading(&l.text));
    let columns = contents_columns(&page.blocks);
    page.blocks
        .iter()
        .zip(columns)
        .map(|(block, in_columns)| {
            let contents_block = is_contents_block(block);
            let joined = JoinedBlock::of(block);
            let prose = contents_page && is_prose(block, &joined.text);
            let small = joined.lines_with_small_print_words();
            let legal = legal_lines(block, &joined, &small);
            let mut in_imprint = false;
            block
                .lines
                .iter()
                .zip(legal)
                .zip(&small)
                .zip(in_columns)
                .map(|(((line, legal), &small), in_columns)| {
                    in_imprint |= small && starts_imprint(&line.text);
                    if in_imprint || legal {
                        return Some(Kind::Imprint);
                    }
                    if contents_block
                        || in_columns
                        || (contents_page && !prose)
                        || is_contents_entry(&line.text)
                    {
                        return Some(Kind::Contents);
                    }
                    margins
                        .is_margin(page, block.dir, line, numbers)
                        .then_some(Kind::Margin)
                })
                .collect()
        })
        .collect()
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::pdf::Direction;
    use crate::text::page::Block;

    pub(super) fn line(text: &str, y: f32) -> Line {
        Line {
            text: text.into(),
            bbox: [50.0, y, 200.0, y + 10.0],
            size: 10.0,
            furniture: false,
        }
    }

    pub(super) fn page(number: u32, lines: Vec<Line>) -> Page {
        Page {
            number,
            width: 600.0,
            height: 800.0,
            blocks: lines
                .into_iter()
                .map(|l| Block {
                    lines: vec![l],
                    dir: Direction::Right,
                })
                .collect(),
            ..Page::default()
        }
    }

    /// A page of blocks, each a list of lines set in the middle of the page.
    pub(super) fn blocks_page(number: u32, blocks: &[&[&str]]) -> Page {
        let mut p = page(number, Vec::new());
        p.blocks = blocks
            .iter()
            .map(|lines| Block {
                lines: lines.iter().map(|t| line(t, 400.0)).collect(),
                dir: Direction::Right,
            })
            .collect();
        p
    }

    pub(super) fn marks(p: &Page) -> Vec<Vec<bool>> {
        p.blocks
            .iter()
            .map(|b| b.lines.iter().map(|l| l.furniture).collect())
            .collect()
    }

    #[test]
    fn a_page_of_margin_lines_only_keeps_them() {
        // The same line at the top of every page, and nothing else: a
        // document of one line per page must not come out empty.
        let mut pages: Vec<Page> = (1..=6)
            .map(|n| {
                page(
                    n,
                    vec![
                        line("Vote for change on 7 May", 770.0),
                        line(&n.to_string(), 20.0),
                    ],
                )
            })
            .collect();
        mark_furniture(&mut pages);
        assert!(pages.iter().all(|p| marks(p).iter().flatten().all(|f| !f)));
        // With body text on the page, the same lines are furniture.
        let mut pages: Vec<Page> = (1..=6)
            .map(|n| {
                page(
                    n,
                    vec![
                        line("Vote for change on 7 May", 770.0),
                        line("Body text in the middle.", 400.0),
                        line(&n.to_string(), 20.0),
                    ],
                )
            })
            .collect();
        mark_furniture(&mut pages);
        assert!(pages
            .iter()
            .all(|p| marks(p) == [vec![true], vec![false], vec![true]]));
    }

    #[test]
    fn a_document_that_is_only_contents_keeps_it() {
        let mut pages = vec![
            blocks_page(
                1,
                &[
                    &["Contents"],
                    &["Abstract ........ 3", "Foreword ........ 5"],
                ],
            ),
            blocks_page(2, &[&["Introduction ........ 11"]]),
        ];
        mark_furniture(&mut pages);
        assert!(pages.iter().all(|p| marks(p).iter().flatten().all(|f| !f)));
    }
}
