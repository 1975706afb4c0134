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
pub use markers::{is_bullet, is_marker};
pub use normalize::{count_words, push_line_text};
pub use page::{Block, Confidence, Line, Page, RecoveredChars, TextSource};
pub use sentences::{
    collapse_whitespace, excerpt, loose_label, sentence_ranges, MAX_EXCERPT_CHARS,
};

/// The document-wide passes, run once every page is laid out.
pub fn finish_document(pages: &mut [Page]) {
    furniture::mark_furniture(pages);
    hyphenation::join_hyphenated_lines(pages);
}

/// Whether `line`, followed by `next` in a block whose widest line spans
/// `widest` points, is a heading on a line of its own, not the start of a
/// sentence that runs on: it does not end as a sentence or a broken line
/// does (a stop, a comma, a hyphen, a word such as "the" or "of"), it is
/// short (ten words at most), it starts with a capital and so does the
/// line after; and it is set apart: in capitals over a line that is not,
/// in a larger type, or well short of the block's measure. A text file's
/// lines have no measure or type size, so only capitals tell there.
fn is_heading_line(line: &Line, next: &Line, widest: f32) -> bool {
    // The first letter, after a list item's marker ("g. consult").
    let capital = |t: &str| {
        let t = t.trim_start();
        let t = match t.split_once(' ') {
            Some((marker, rest)) if markers::is_marker(marker) => rest,
            _ => t,
        };
        t.chars()
            .find(|c| c.is_alphanumeric())
            .is_some_and(char::is_uppercase)
    };
    // The cheap tests first: most lines of a paragraph end in a stop or
    // run on to a line in lower case.
    let text = line.text.trim_end();
    if text.ends_with(|c: char| !c.is_alphanumeric() && !matches!(c, ')' | '\'' | '\u{2019}'))
        || !capital(&next.text)
        || RUNS_ON.contains(&text.rsplit(' ').next().unwrap_or(""))
        || text.split_whitespace().nth(10).is_some()
        || !capital(text)
        || markers::starts_with_marker(text)
    {
        return false;
    }
    let measured = line.bbox[2] > line.bbox[0] && line.size > 0.0 && next.size > 0.0;
    let set_in_capitals = is_in_capitals(text) && !is_in_capitals(&next.text);
    let larger = measured && line.size > next.size * 1.15;
    let short = measured && line.bbox[2] - line.bbox[0] <= widest * 0.6;
    set_in_capitals || larger || short
}

/// Whether `text` is set in capitals: six letters or more, every one a
/// capital. Stops at the first letter that is not, as nearly every line has.
fn is_in_capitals(text: &str) -> bool {
    let mut letters = 0;
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        if !c.is_uppercase() {
            return false;
        }
        letters += 1;
    }
    letters >= 6
}

/// Whether the lines of a block are a heading as a whole: in capitals,
/// twelve words at most (so four lines at most), not ending as a sentence
/// or list item does (a chapter's title on its own page, set over three
/// lines).
fn is_heading_block(lines: &[&Line]) -> bool {
    let Some(last) = lines.last() else {
        return false;
    };
    lines.len() <= 4
        && !last
            .text
            .trim_end()
            .ends_with(['.', '!', '?', ':', ';', ','])
        && !markers::starts_with_marker(&lines[0].text)
        && lines.iter().all(|l| is_in_capitals(&l.text))
        && lines
            .iter()
            .map(|l| l.text.split_whitespace().count())
            .sum::<usize>()
            <= 12
}

/// Whether text (a block, a page) ends mid-sentence: not with a sentence's
/// or a clause's end.
pub(crate) fn ends_mid_sentence(text: &str) -> bool {
    // A quotation or an aside closes after its sentence's stop.
    let text = text
        .trim_end()
        .trim_end_matches(['\u{2019}', '\u{201D}', '"', '\'', ')', ']']);
    !text.is_empty() && !text.ends_with(['.', '!', '?', ':', ';'])
}

/// Whether text (a block's first line, a page's) carries on a sentence cut
/// before it: it starts in lower case, and not as a list item.
pub(crate) fn continues_sentence(text: &str) -> bool {
    let text = text.trim_start();
    text.starts_with(char::is_lowercase) && !markers::starts_with_marker(text)
}

/// Words a line ends with when its sentence runs on to the next line.
const RUNS_ON: &[&str] = &[
    "a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "our",
    "that", "the", "their", "to", "with",
];

impl Page {
    /// The text that is matched: furniture and headings left out, the
    /// lines of a block joined by spaces, one block per line.
    ///
    /// A heading (see [`is_heading_line`]) is a title, not a policy: it is
    /// left out, and the sentence after it starts afresh rather than being
    /// quoted with the heading glued on. A list item starts afresh too, so
    /// that items are quoted as separate sentences rather than run together.
    /// A block that ends mid-sentence runs on into the next block when that
    /// starts in lower case (a sentence cut at a column break), so that the
    /// sentence is quoted whole.
    pub fn body_text(&self) -> String {
        // A block's lines that are read: not furniture, not empty.
        fn read(block: &Block) -> impl Iterator<Item = &Line> {
            block
                .lines
                .iter()
                .filter(|l| !l.furniture && !l.text.is_empty())
        }
        fn widest<'a>(lines: impl Iterator<Item = &'a Line>) -> f32 {
            lines.map(|l| l.bbox[2] - l.bbox[0]).fold(0.0, f32::max)
        }
        let mut out = String::new();
        let mut lines: Vec<&Line> = Vec::new();
        for (b, block) in self.blocks.iter().enumerate() {
            lines.clear();
            lines.extend(read(block));
            if lines.is_empty() || is_heading_block(&lines) {
                continue;
            }
            let measure = widest(lines.iter().copied());
            let start = out.len();
            let mut fresh = true;
            for (i, line) in lines.iter().enumerate() {
                let heading = match lines.get(i + 1) {
                    Some(next) => is_heading_line(line, next, measure),
                    // A block of one line is a heading when it stands so
                    // over the next block that is read.
                    None if lines.len() == 1 => self.blocks[b + 1..]
                        .iter()
                        .find_map(|next| read(next).next().map(|first| (first, next)))
                        .is_some_and(|(first, next)| {
                            is_heading_line(line, first, widest(read(next)))
                        }),
                    None => false,
                };
                if heading {
                    if !fresh {
                        out.push('\n');
                    }
                    fresh = true;
                    continue;
                }
                if !fresh {
                    out.push(if markers::starts_with_marker(&line.text) {
                        '\n'
                    } else {
                        ' '
                    });
                }
                out.push_str(&line.text);
                fresh = false;
            }
            if out.len() > start && !out.ends_with('\n') {
                // A sentence cut by a column break runs on into the next
                // block when that starts in lower case.
                let runs_on = ends_mid_sentence(&out)
                    && self.blocks[b + 1..]
                        .iter()
                        .find_map(|next| read(next).next())
                        .is_some_and(|first| continues_sentence(&first.text));
                out.push(if runs_on { ' ' } else { '\n' });
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
    fn a_heading_glued_to_its_paragraph_is_left_out_of_body_text() {
        let p = page(&[
            "CO-OPERATIVES AND SOCIAL ENTERPRISES",
            "Labour will promote co-operatives",
            "and mutuals.",
        ]);
        assert_eq!(
            p.body_text(),
            "Labour will promote co-operatives and mutuals.\n"
        );
        // A text set wholly in capitals is not all headings.
        let p = page(&["WE WILL BACK THE", "CO-OPERATIVE MOVEMENT."]);
        assert_eq!(p.body_text(), "WE WILL BACK THE CO-OPERATIVE MOVEMENT.\n");
    }

    #[test]
    fn a_short_line_on_its_own_or_in_larger_type_is_a_heading() {
        let mut p = page(&[
            "Community energy",
            "We will back community energy schemes in every",
            "region of the country.",
        ]);
        let widths = [120.0, 400.0, 180.0];
        for (line, width) in p.blocks[0].lines.iter_mut().zip(widths) {
            line.bbox = [50.0, 0.0, 50.0 + width, 10.0];
        }
        assert_eq!(
            p.body_text(),
            "We will back community energy schemes in every region of the country.\n"
        );
        // A line that runs on ("... of the") or ends in a comma is no heading,
        // however short.
        p.blocks[0].lines[0].text = "Support for the".into();
        assert!(p.body_text().starts_with("Support for the We will"));
        p.blocks[0].lines[0].text = "Community energy,".into();
        assert!(p.body_text().starts_with("Community energy, We will"));
        // The same size and the full measure: a line like any other.
        p.blocks[0].lines[0].text = "Community energy".into();
        p.blocks[0].lines[0].bbox = [50.0, 0.0, 450.0, 10.0];
        assert!(p.body_text().starts_with("Community energy We will"));
        p.blocks[0].lines[0].size = 14.0;
        assert!(p.body_text().starts_with("We will"));
    }

    #[test]
    fn a_title_block_in_capitals_and_a_one_line_heading_block_are_left_out() {
        let p = page_of(&[
            &["CHIEFTAINCY,", "RELIGIOUS AFFAIRS", "AND CIVIL SOCIETY"],
            &["CIVIL SOCIETY ORGANISATIONS"],
            &["g. consult civil society on appointments."],
        ]);
        assert_eq!(p.body_text(), "g. consult civil society on appointments.\n");
        // A list item is never a heading.
        let p = page_of(&[&["• SUPPORT CREDIT UNIONS"], &["We will."]]);
        assert_eq!(p.body_text(), "• SUPPORT CREDIT UNIONS\nWe will.\n");
    }

    #[test]
    fn a_sentence_cut_at_a_column_break_runs_on_into_the_next_block() {
        let p = page_of(&[
            &["We will also use the unclaimed assets"],
            &["of banks to replenish pension funds."],
            &["Credit unions"],
            &["Credit unions matter."],
        ]);
        // The first block runs on; the third stands alone: the next block
        // starts with a capital.
        assert_eq!(
            p.body_text(),
            "We will also use the unclaimed assets of banks to replenish pension funds.\n\
             Credit unions\nCredit unions matter.\n"
        );
        // A block that ends a sentence, or a list item after it, starts afresh.
        let p = page_of(&[&["We will act."], &["and then more."]]);
        assert_eq!(p.body_text(), "We will act.\nand then more.\n");
        let p = page_of(&[&["We will fund"], &["• mutuals"]]);
        assert_eq!(p.body_text(), "We will fund\n• mutuals\n");
    }

    #[test]
    fn render_keeps_lines_and_hides_furniture_unless_asked() {
        let mut p = page(&["Body line", "12"]);
        p.blocks[0].lines[1].furniture = true;
        assert_eq!(p.render(false), "Body line\n\n");
        assert_eq!(p.render(true), "Body line\n12\n\n");
    }
}
