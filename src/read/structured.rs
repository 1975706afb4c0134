//! A structured document's sections as pages of text: each section one page,
//! its heading a block of its own (so a heading is never read as the start
//! of the sentence after it), each paragraph a block of one line. Matching,
//! sentences and quotes then work on them exactly as on a PDF's pages, and
//! the section's [`Locator`] says where a quote is in the document's own
//! terms (a provision, a speech, a heading, a paragraph).

use super::formats::{self, FormatError, Structure, Structured};
use crate::corpus::InputKind;
use crate::pdf::Direction;
use crate::text::{self, Block, Line, Page};

/// Reads a document of one of the structured kinds.
pub(super) fn read(bytes: &[u8], kind: InputKind) -> Result<(Vec<Page>, Structure), FormatError> {
    let structured = match kind {
        InputKind::Html => formats::html::read(bytes)?,
        InputKind::Json => formats::govuk::read(bytes)?,
        InputKind::Docx => formats::docx::read(bytes)?,
        InputKind::Odt => formats::odt::read(bytes)?,
        InputKind::Xml => match formats::xml::sniff(bytes) {
            Some(formats::xml::XmlFormat::Clml) => formats::clml::read(bytes)?,
            Some(formats::xml::XmlFormat::AkomaNtoso) => formats::akn::read(bytes)?,
            Some(formats::xml::XmlFormat::Hansard) => formats::hansard::read(bytes)?,
            None => return Err(formats::xml::unrecognised(bytes)),
        },
        InputKind::Pdf | InputKind::Text => {
            return Err(FormatError::NotThisFormat(
                "not a structured document".into(),
            ))
        }
    };
    Ok(pages_of(structured))
}

/// One page per section, numbered from 1, with its locator beside it.
fn pages_of(doc: Structured) -> (Vec<Page>, Structure) {
    let mut pages = Vec::with_capacity(doc.sections.len());
    let mut locators = Vec::with_capacity(doc.sections.len());
    for (i, section) in doc.sections.into_iter().enumerate() {
        let blocks = section
            .heading
            .iter()
            .chain(&section.paragraphs)
            .filter(|text| !text.trim().is_empty())
            .map(|paragraph| block_of(paragraph))
            .collect();
        pages.push(Page {
            number: i as u32 + 1,
            blocks,
            ..Page::default()
        });
        locators.push(section.locator);
    }
    (
        pages,
        Structure {
            meta: doc.meta,
            locators,
            notes: doc.warnings,
        },
    )
}

/// A paragraph as a block of one line, its text normalised as a text file's
/// lines are (so the same words read the same from either).
fn block_of(paragraph: &str) -> Block {
    let mut text = String::new();
    text::push_line_text(&mut text, paragraph.trim());
    Block {
        lines: vec![Line {
            text,
            bbox: [0.0; 4],
            size: 0.0,
            furniture: false,
        }],
        dir: Direction::Right,
    }
}
