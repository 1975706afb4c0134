//! Reading one document into pages of text: PDF through the interpreter and
//! layout, text files split into pages and paragraphs, and the structured
//! formats governments publish (legislation and Hansard XML, GOV.UK content
//! JSON, HTML, DOCX, ODT; see [`formats`]) one page per section, each with a
//! [`Locator`] a reader can follow. Shared by `scan`, `extract` and `track`,
//! so all three see exactly the same text.

pub mod formats;
mod structured;

pub use formats::{DateRole, DocDate, DocKind, DocumentMeta, FormatError, Locator, Structure};

use crate::corpus::InputKind;
use crate::ocr::Ocr;
use crate::pdf::{self, OpenOptions, PdfDocument};
use crate::text::{self, Block, Confidence, LayoutParams, Line, Page, RecoveredChars, TextSource};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::Path;
use std::sync::Arc;

/// Options for reading documents.
#[derive(Clone, Debug, Default)]
pub struct ReadOptions {
    /// Password for encrypted PDFs.
    pub password: Option<String>,
    /// Layout thresholds.
    pub layout: LayoutParams,
    /// OCR for pages with no text, when it is available and wanted.
    pub ocr: Option<Arc<Ocr>>,
}

/// Why a document could not be read.
#[derive(Debug)]
pub enum ReadError {
    /// The file could not be read from disk.
    Io(std::io::Error),
    /// The PDF could not be opened.
    Pdf(pdf::Error),
    /// The PDF opened, but the content of none of its pages could be read.
    Unreadable(String),
    /// A structured document (XML, JSON, HTML, DOCX, ODT) that is malformed
    /// or not the format its name or content said.
    Format(FormatError),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Io(e) => write!(f, "cannot read file: {e}"),
            ReadError::Pdf(e) => e.fmt(f),
            ReadError::Unreadable(why) => f.write_str(why),
            ReadError::Format(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for ReadError {}

/// A document read into pages, with the whole-document passes done.
#[derive(Clone, Debug, Default)]
pub struct DocumentText {
    /// The pages in order (a structured document's sections, one per page).
    pub pages: Vec<Page>,
    /// What the document says about itself and where each of its pages is:
    /// a structured document's metadata and sections, a PDF's information
    /// dictionary; `None` for a text file or a PDF that says nothing.
    pub structure: Option<Structure>,
}

impl DocumentText {
    /// What went wrong on each page that may have cost text: (page number,
    /// warning), in page order.
    pub fn warnings(&self) -> Vec<(u32, String)> {
        self.pages
            .iter()
            .flat_map(|p| p.warnings.iter().map(move |w| (p.number, w.clone())))
            .collect()
    }

    /// Numbers of the pages with no text at all.
    pub fn pages_without_text(&self) -> Vec<u32> {
        self.pages
            .iter()
            .filter(|p| p.is_empty())
            .map(|p| p.number)
            .collect()
    }

    /// The pages whose text came from OCR, if any, and how sure it was.
    pub fn ocr_summary(&self) -> Option<OcrSummary> {
        OcrSummary::of(self.pages.iter().map(|p| p.source))
    }

    /// True when no page has any text and the pages carry images: a scan
    /// that needs OCR, not a manifesto that says nothing. (Blank pages with
    /// no images are simply empty.)
    pub fn lacks_text_layer(&self) -> bool {
        !self.pages.is_empty()
            && self.pages.iter().all(Page::is_empty)
            && self.pages.iter().any(|p| p.images > 0)
    }
}

/// How much of a document OCR read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OcrSummary {
    /// Pages read by OCR.
    pub pages: u32,
    /// Words recognised on them.
    pub words: u64,
    /// The mean confidence of those words; `None` when there were none.
    pub confidence: Option<Confidence>,
}

impl OcrSummary {
    /// Sums the pages' sources; `None` when no page was OCR'd.
    pub fn of(sources: impl Iterator<Item = TextSource>) -> Option<OcrSummary> {
        let (mut pages, mut words, mut weighted) = (0u32, 0u64, 0f64);
        for source in sources {
            if let TextSource::Ocr {
                confidence,
                words: n,
            } = source
            {
                pages += 1;
                words += u64::from(n);
                weighted += confidence.map_or(0.0, Confidence::percent) * f64::from(n);
            }
        }
        (pages > 0).then(|| OcrSummary {
            pages,
            words,
            confidence: (words > 0).then(|| Confidence::from_percent(weighted / words as f64)),
        })
    }
}

/// What matching needs of a read document, and all that a scan keeps of it:
/// each page's body text and what reading it found. This is what the cache
/// stores per file (compressed), so that a changed lexicon re-matches
/// without reading PDFs again.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BodyText {
    /// The pages in order.
    pub pages: Vec<PageBody>,
    /// A PDF none of whose pages has text, and some of them images: a scan.
    pub lacks_text_layer: bool,
    /// The OCR engine that read some of its pages, described
    /// (`Tesseract 5.3.0, eng, 300 dpi`); `None` when none was.
    #[serde(default)]
    pub ocr_engine: Option<String>,
    /// A structured document's metadata and locators (boxed: most
    /// documents are PDFs, which have none).
    #[serde(default)]
    pub structure: Option<Box<Structure>>,
}

/// One page of a [`BodyText`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageBody {
    /// 1-based page number.
    pub number: u32,
    /// The text that is matched (see [`Page::body_text`]).
    pub body: String,
    /// False when the page has no text at all (furniture included).
    pub has_text: bool,
    /// Character codes whose text could not be recovered.
    pub unmapped: u32,
    /// Character codes whose text was recovered, and how.
    #[serde(default)]
    pub recovered: RecoveredChars,
    /// What went wrong reading the page that may have cost it text.
    pub warnings: Vec<String>,
    /// Where its text came from.
    #[serde(default, with = "source_serde")]
    pub source: TextSource,
}

/// [`TextSource`] in the text cache: `null` for a text layer, else the OCR
/// figures.
mod source_serde {
    use crate::text::{Confidence, TextSource};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    #[derive(Serialize, Deserialize)]
    struct Ocr {
        confidence: Option<Confidence>,
        words: u32,
    }

    pub fn serialize<S: Serializer>(source: &TextSource, s: S) -> Result<S::Ok, S::Error> {
        match *source {
            TextSource::Layer => None::<Ocr>.serialize(s),
            TextSource::Ocr { confidence, words } => Some(Ocr { confidence, words }).serialize(s),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<TextSource, D::Error> {
        Ok(match Option::<Ocr>::deserialize(d)? {
            None => TextSource::Layer,
            Some(Ocr { confidence, words }) => TextSource::Ocr { confidence, words },
        })
    }
}

impl BodyText {
    /// The body text of a document read as `kind` (only a PDF can be a scan).
    /// A sentence cut by a page break is moved whole onto the page it starts
    /// on ([`run_on_across_pages`]).
    pub fn of(doc: DocumentText, kind: InputKind) -> BodyText {
        let lacks_text_layer = kind == InputKind::Pdf && doc.lacks_text_layer();
        let mut body = BodyText {
            pages: doc
                .pages
                .iter()
                .map(|p| PageBody {
                    number: p.number,
                    body: p.body_text(),
                    has_text: !p.is_empty(),
                    unmapped: p.unmapped,
                    recovered: p.recovered,
                    warnings: p.warnings.clone(),
                    source: p.source,
                })
                .collect(),
            lacks_text_layer,
            ocr_engine: None,
            structure: doc.structure.map(Box::new),
        };
        run_on_across_pages(&mut body.pages);
        body
    }

    /// The pages whose text came from OCR, if any, and how sure it was.
    pub fn ocr_summary(&self) -> Option<OcrSummary> {
        OcrSummary::of(self.pages.iter().map(|p| p.source))
    }
}

/// Joins each sentence cut by a page break: when a page's body ends
/// mid-sentence and the next page with text starts in lower case (not a
/// list item), the next page's first sentence moves to the end of the page
/// before, so that it is matched, judged and quoted whole, on the page where
/// it starts. The words stay the document's; only their page changes.
fn run_on_across_pages(pages: &mut [PageBody]) {
    for i in 0..pages.len() {
        // A page number left at the page's foot (a plain text's pages have
        // no geometry to tell it from the body by) stays after the sentence.
        let body = pages[i].body.trim_end();
        let (head, folio) = match body.rsplit_once('\n') {
            Some((head, last)) if is_page_number(last) => (head.trim_end(), Some(last.trim())),
            _ => (body, None),
        };
        if !text::ends_mid_sentence(head) {
            continue;
        }
        let Some(offset) = pages[i + 1..]
            .iter()
            .position(|p| !p.body.trim().is_empty())
        else {
            return;
        };
        let next = &pages[i + 1 + offset].body;
        if !text::continues_sentence(next) {
            continue;
        }
        // The sentence's end, within the next page's first block.
        let start = next.len() - next.trim_start().len();
        let block_end = next[start..].find('\n').map_or(next.len(), |n| start + n);
        let end = text::sentence_ranges(next)
            .first()
            .map_or(block_end, |r| r.end.min(block_end));
        let mut joined = format!("{head} {}\n", next[start..end].trim());
        if let Some(folio) = folio {
            joined.push_str(folio);
            joined.push('\n');
        }
        let rest = next[end..].trim_start().to_string();
        pages[i + 1 + offset].body = rest;
        pages[i].body = joined;
    }
}

/// A line that is only a page number (one to three digits).
fn is_page_number(line: &str) -> bool {
    let line = line.trim();
    (1..=3).contains(&line.len()) && line.chars().all(|c| c.is_ascii_digit())
}

/// Reads a document of either kind.
pub fn read_document(
    path: &Path,
    kind: InputKind,
    options: &ReadOptions,
) -> Result<DocumentText, ReadError> {
    let bytes = std::fs::read(path).map_err(ReadError::Io)?;
    read_bytes(&bytes, kind, options)
}

/// Reads a document of either kind held in memory: the whole read path
/// (load, decrypt, interpret, lay out) without the file system, as the fuzz
/// target drives it.
pub fn read_bytes(
    bytes: &[u8],
    kind: InputKind,
    options: &ReadOptions,
) -> Result<DocumentText, ReadError> {
    // Said as it is, whatever the file was named: "no %PDF header" or an
    // empty text read as a manifesto that says nothing would both mislead.
    if bytes.is_empty() {
        return Err(ReadError::Unreadable("empty file".into()));
    }
    let mut structure = None;
    let mut pages = match kind {
        InputKind::Pdf => {
            let (pages, info) = read_pdf(bytes, options)?;
            structure = pdf_structure(&pages, info);
            pages
        }
        // Valid UTF-8 (nearly every text file) is checked by `from_utf8`,
        // whose ASCII fast path is several times quicker than the lossy
        // decoder's; only invalid text is decoded again with replacements.
        InputKind::Text => match std::str::from_utf8(bytes) {
            Ok(text) => read_text(text),
            Err(_) => read_text(&String::from_utf8_lossy(bytes)),
        },
        // Sections are whole already: no running heads to find, no lines
        // broken by a hyphen, so the page passes below do not apply.
        structured => {
            let (pages, structure) =
                structured::read(bytes, structured).map_err(ReadError::Format)?;
            return Ok(DocumentText {
                pages,
                structure: Some(structure),
            });
        }
    };
    text::finish_document(&mut pages);
    Ok(DocumentText { pages, structure })
}

/// What a PDF's information dictionary says of it, when it says anything:
/// its title and dates, with each page's number as its locator.
fn pdf_structure(pages: &[Page], info: pdf::DocumentInfo) -> Option<Structure> {
    let mut dates = Vec::new();
    for (date, role) in [
        (info.created, DateRole::Created),
        (info.modified, DateRole::Updated),
    ] {
        if let Some(date) = date {
            dates.push(DocDate { date, role });
        }
    }
    if info.title.is_none() && dates.is_empty() {
        return None;
    }
    Some(Structure {
        meta: DocumentMeta {
            title: info.title,
            dates,
            ..DocumentMeta::default()
        },
        locators: pages
            .iter()
            .map(|p| Locator::Page { number: p.number })
            .collect(),
        notes: Vec::new(),
    })
}

fn read_pdf(
    bytes: &[u8],
    options: &ReadOptions,
) -> Result<(Vec<Page>, pdf::DocumentInfo), ReadError> {
    let open = OpenOptions {
        password: options.password.clone(),
    };
    let mut doc = PdfDocument::open(bytes, &open).map_err(ReadError::Pdf)?;
    let info = doc.info();
    // With a recogniser at hand, unmapped glyphs keep their identity
    // through layout, for recovery to give them text.
    if options.ocr.is_some() {
        doc.tag_unmapped();
    }
    // Each page's glyphs are dropped as soon as it is laid out. Unmapped
    // glyphs are counted as they stand in its text, not as drawn.
    let mut pages: Vec<Page> = (0..doc.page_count())
        .map(|i| {
            let mut page = text::layout_page(&doc.page(i), &options.layout);
            if page.unmapped > 0 {
                page.unmapped = page.unmapped_in_text();
            }
            page
        })
        .collect();
    match &options.ocr {
        Some(ocr) => {
            let password = options.password.as_deref();
            let mut wanted: Vec<&mut Page> = pages.iter_mut().filter(|p| ocr.wants(p)).collect();
            if !wanted.is_empty() {
                ocr.read_pages(bytes, password, &mut wanted);
            }
            ocr.recover_unmapped(bytes, password, &mut pages);
        }
        // Never a silent zero: a page whose text is mostly glyphs with no
        // Unicode text says so, and what would read it.
        None => {
            for page in pages.iter_mut().filter(|p| p.mostly_unmapped()) {
                page.warnings.push(format!(
                    "{} characters of this page's text layer have no Unicode text; \
                     OCR would read the page (with Tesseract installed and --ocr auto)",
                    page.unmapped
                ));
            }
        }
    }
    // A document none of whose pages could be read is an error, not an empty
    // manifesto: its silence would otherwise count as "no mentions".
    if pages.iter().all(|p| p.unreadable && p.is_empty()) {
        let why = pages
            .first()
            .and_then(|p| p.warnings.first())
            .cloned()
            .unwrap_or_default();
        return Err(ReadError::Unreadable(format!(
            "no page's content could be read (page 1: {why})"
        )));
    }
    Ok((pages, info))
}

/// A text file: form feeds separate pages, blank lines separate blocks.
pub(crate) fn read_text(content: &str) -> Vec<Page> {
    content
        .split('\u{c}')
        .enumerate()
        .map(|(i, page)| {
            let mut blocks = Vec::new();
            let mut lines = Vec::new();
            for raw in page.lines().chain(std::iter::once("")) {
                let trimmed = raw.trim();
                if trimmed.is_empty() {
                    if !lines.is_empty() {
                        blocks.push(Block {
                            lines: std::mem::take(&mut lines),
                            dir: pdf::Direction::Right,
                        });
                    }
                    continue;
                }
                let mut text = String::new();
                text::push_line_text(&mut text, trimmed);
                lines.push(Line {
                    text,
                    bbox: [0.0; 4],
                    size: 0.0,
                    furniture: false,
                });
            }
            Page {
                number: i as u32 + 1,
                blocks,
                ..Page::default()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bodies(texts: &[&str]) -> Vec<PageBody> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| PageBody {
                number: i as u32 + 1,
                body: t.to_string(),
                has_text: true,
                ..PageBody::default()
            })
            .collect()
    }

    fn texts(pages: &[PageBody]) -> Vec<&str> {
        pages.iter().map(|p| p.body.as_str()).collect()
    }

    #[test]
    fn a_sentence_cut_by_a_page_break_is_joined_on_its_first_page() {
        let mut pages = bodies(&[
            "We will fund\n",
            "credit unions in every town. Then more.\nA new block.\n",
            "A page that starts afresh.\n",
        ]);
        run_on_across_pages(&mut pages);
        assert_eq!(
            texts(&pages),
            [
                "We will fund credit unions in every town.\n",
                "Then more.\nA new block.\n",
                "A page that starts afresh.\n",
            ]
        );
        // A page number at the foot stays after the sentence; an empty page
        // between is passed over.
        let mut pages = bodies(&["Help community\n9\n", "", "and voluntary groups.\nMore.\n"]);
        run_on_across_pages(&mut pages);
        assert_eq!(
            texts(&pages),
            ["Help community and voluntary groups.\n9\n", "", "More.\n"]
        );
        // Not joined: a finished sentence, a capital, a list item.
        for (first, second) in [
            ("We will act.\n", "and then some.\n"),
            ("\u{2018}We will act.\u{2019}\n", "the source of jobs.\n"),
            ("We will fund\n", "Credit unions.\n"),
            ("We will:\n", "a) fund credit unions.\n"),
            ("We will fund\n", "\u{2022} credit unions.\n"),
        ] {
            let mut pages = bodies(&[first, second]);
            run_on_across_pages(&mut pages);
            assert_eq!(texts(&pages), [first, second], "{first:?} {second:?}");
        }
    }

    #[test]
    fn text_files_split_into_pages_and_blocks() {
        let pages = read_text("Title\n\nFirst line\nsecond line\n\u{c}Page two\n");
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[0].blocks.len(), 2);
        assert_eq!(pages[0].body_text(), "Title\nFirst line second line\n");
        assert_eq!(pages[1].number, 2);
    }

    #[test]
    fn only_pages_with_pictures_and_no_text_make_a_scan() {
        let blank = Page {
            number: 1,
            ..Page::default()
        };
        let picture = Page {
            number: 2,
            images: 1,
            ..Page::default()
        };
        let doc = |pages: Vec<Page>| DocumentText {
            pages,
            structure: None,
        };
        assert!(!doc(vec![blank.clone()]).lacks_text_layer());
        assert!(doc(vec![blank, picture.clone()]).lacks_text_layer());
        let mut texted = read_text("words");
        texted.push(picture);
        assert!(!doc(texted).lacks_text_layer());
    }

    #[test]
    fn an_empty_file_is_said_to_be_empty() {
        for kind in [
            InputKind::Pdf,
            InputKind::Text,
            InputKind::Docx,
            InputKind::Xml,
        ] {
            let e = read_bytes(b"", kind, &ReadOptions::default()).unwrap_err();
            assert_eq!(e.to_string(), "empty file", "{kind:?}");
        }
    }

    #[test]
    fn a_text_file_is_not_mistaken_for_a_scan() {
        let doc = DocumentText {
            pages: read_text("words"),
            structure: None,
        };
        assert!(!doc.lacks_text_layer());
    }
}
