//! Text: from a page's glyphs to the text that is matched and quoted.
//!
//! [`layout_page`] turns one page's glyphs into lines and blocks in reading
//! order; [`finish_document`] then runs the passes that need the whole
//! document (furniture, line-end hyphenation). [`Page::body_text`] is what
//! the matcher sees; [`Page::render`] is what `mashup extract` prints. This
//! stage knows nothing about PDF objects or lexicons.
//!
//! The page model ([`Page`], [`Block`], [`Line`]) has a module of its own,
//! `page`, that depends on no pass: `layout` builds it (calling on `markers`
//! for list markers), and the document passes (`furniture`, `hyphenation`)
//! mark and join its lines.

mod bidi;
mod furniture;
mod hyphenation;
mod layout;
mod markers;
mod normalize;
mod overprint;
mod page;
mod sentences;
mod uax29;
mod vertical;

pub use layout::{layout_page, LayoutParams};
pub use markers::is_bullet;
pub use normalize::{count_words, push_line_text};
pub use page::{Block, Confidence, Line, Page, TextSource};
pub use sentences::{
    collapse_whitespace, excerpt, loose_label, sentence_ranges, MAX_EXCERPT_CHARS,
};

/// The document-wide passes, run once every page is laid out.
pub fn finish_document(pages: &mut [Page]) {
    furniture::mark_furniture(pages);
    hyphenation::join_hyphenated_lines(pages);
}

impl Page {
    /// The text that is matched: furniture left out, the lines of a block
    /// joined by spaces, one block per line.
    pub fn body_text(&self) -> String {
        let mut out = String::new();
        for block in &self.blocks {
            let mut first = true;
            for line in block
                .lines
                .iter()
                .filter(|l| !l.furniture && !l.text.is_empty())
            {
                if !first {
                    // A list item starts afresh, so items are quoted as
                    // separate sentences rather than run together.
                    out.push(if markers::starts_with_marker(&line.text) {
                        '\n'
                    } else {
                        ' '
                    });
                }
                out.push_str(&line.text);
                first = false;
            }
            if !first {
                out.push('\n');
            }
        }
        out
    }

    /// The page as `mashup extract` prints it: one line per line, a blank
    /// line between blocks; furniture only when `all` is set.
    pub fn render(&self, all: bool) -> String {
        let mut out = String::new();
        for block in &self.blocks {
            let start = out.len();
            for line in block
                .lines
                .iter()
                .filter(|l| (all || !l.furniture) && !l.text.is_empty())
            {
                out.push_str(&line.text);
                out.push('\n');
            }
            if out.len() > start {
                out.push('\n');
            }
        }
        out
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::pdf::Direction;

    /// A page of hand-made blocks of lines, for the text passes' tests.
    pub(crate) fn page_of(blocks: &[&[&str]]) -> Page {
        Page {
            number: 1,
            width: 600.0,
            height: 800.0,
            blocks: blocks
                .iter()
                .map(|lines| Block {
                    dir: Direction::Right,
                    lines: lines
                        .iter()
                        .map(|t| Line {
                            text: t.to_string(),
                            bbox: [0.0; 4],
                            size: 10.0,
                            furniture: false,
                        })
                        .collect(),
                })
                .collect(),
            ..Page::default()
        }
    }

    fn page(lines: &[&str]) -> Page {
        page_of(&[lines])
    }

    #[test]
    fn body_text_joins_lines_and_breaks_before_bullets() {
        let p = page(&[
            "We will:",
            "• back credit unions",
            "and mutuals",
            "• fund community energy",
        ]);
        assert_eq!(
            p.body_text(),
            "We will:\n• back credit unions and mutuals\n• fund community energy\n"
        );
    }

    #[test]
    fn render_keeps_lines_and_hides_furniture_unless_asked() {
        let mut p = page(&["Body line", "12"]);
        p.blocks[0].lines[1].furniture = true;
        assert_eq!(p.render(false), "Body line\n\n");
        assert_eq!(p.render(true), "Body line\n12\n\n");
    }
}
