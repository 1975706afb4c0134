//! Text: from a page's glyphs to the text that is matched and quoted.
//!
//! [`layout_page`] turns one page's glyphs into lines and blocks in reading
//! order; [`finish_document`] then runs the passes that need the whole
//! document (furniture, line-end hyphenation). [`Page::body_text`] is what
//! the matcher sees; [`Page::render`] is what `mashup extract` prints. This
//! stage knows nothing about PDF objects or lexicons.

mod furniture;
mod hyphenation;
mod layout;
mod normalize;
mod sentences;

pub use layout::{layout_page, Block, LayoutParams, Line, Page};
pub use normalize::{count_words, push_line_text};
pub use sentences::{collapse_whitespace, excerpt, sentence_ranges, MAX_EXCERPT_CHARS};

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
                    out.push(' ');
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
