//! PDF: from bytes to glyphs, one page at a time.
//!
//! lopdf is the object model, and parses damaged and encrypted files
//! (`load_tolerantly`); a well-formed file has only the objects its pages
//! reach read, on demand (`file`). Everything about text is ours: fonts and
//! encodings ([`font`]), the content-stream interpreter (`interpret`), and
//! the glyph model handed to layout ([`Glyph`], [`PageGlyphs`]). This stage knows nothing about lines, words or lexicons.
//!
//! Pages are interpreted on demand, so a caller that lays out and drops each
//! page keeps memory flat however long the document is. Fonts are parsed once
//! per document and shared by every page.

mod annotations;
mod content;
mod error;
mod file;
pub(crate) mod font;
mod geometry;
mod glyph;
mod interpret;
mod lexical;
mod repair;
mod resources;
mod stream;

pub use error::{Error, ErrorKind};
pub use glyph::{Direction, Glyph, PageGlyphs, PageProblems, UnmappedTag};

use geometry::Matrix;
use lopdf::{Document, LoadOptions, Object, ObjectId};

/// How to open a document.
#[derive(Clone, Debug, Default)]
pub struct OpenOptions {
    /// The password for an encrypted PDF whose empty user password does not
    /// open it (either the user or the owner password works).
    pub password: Option<String>,
}

/// What a PDF's document information dictionary says of it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DocumentInfo {
    /// `/Title`.
    pub title: Option<String>,
    /// `/CreationDate`, as `YYYY-MM-DD` (or `YYYY-MM`, `YYYY`).
    pub created: Option<String>,
    /// `/ModDate`, likewise.
    pub modified: Option<String>,
}

/// The calendar date of a PDF date string (`D:20200514134113Z`, PDF 1.7
/// section 7.9.4), as written (no shift by its time zone); `None` when it
/// does not start with at least a four-digit year.
fn pdf_date(text: &str) -> Option<String> {
    let digits: String = text
        .trim()
        .trim_start_matches("D:")
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let part = |r: std::ops::Range<usize>| digits.get(r);
    let date = match (part(0..4), part(4..6), part(6..8)) {
        (Some(y), Some(m), Some(d)) => format!("{y}-{m}-{d}"),
        (Some(y), Some(m), None) => format!("{y}-{m}"),
        (Some(y), None, _) => y.to_string(),
        _ => return None,
    };
    // The same plausibility check as every other stated date.
    crate::read::formats::iso_date(&date).filter(|d| *d == date)
}

/// An open PDF whose pages can be interpreted one at a time.
pub struct PdfDocument {
    doc: Document,
    pages: Vec<ObjectId>,
    fonts: font::FontCache,
    shared: interpret::Shared,
    /// Glyphs and text bytes of the last page interpreted, to size the next.
    last_sizes: (usize, usize),
}

impl PdfDocument {
    /// Parses a PDF held in memory.
    pub fn open(bytes: &[u8], options: &OpenOptions) -> Result<PdfDocument, Error> {
        Self::open_with(bytes, options, Loading::LazyFirst)
    }

    /// [`PdfDocument::open`], loading the objects as `loading` says.
    fn open_with(
        bytes: &[u8],
        options: &OpenOptions,
        loading: Loading,
    ) -> Result<PdfDocument, Error> {
        // A file that starts with its first object but lost its header is read
        // as poppler and MuPDF read it: with one put back (the objects then sit
        // a few bytes past their offsets, which lopdf's xref repair finds).
        let with_header;
        let bytes = if looks_like_pdf(bytes) {
            bytes
        } else if starts_with_object(bytes) {
            with_header = [&b"%PDF-1.4\n"[..], bytes].concat();
            &with_header[..]
        } else {
            return Err(Error::new(ErrorKind::NotPdf, "no %PDF header"));
        };
        // Well-formed, unencrypted files read only the objects the pages
        // reach; anything else goes through lopdf's full, tolerant load.
        let lazy = match loading {
            Loading::LazyFirst => file::read_reachable(bytes, stream::MAX_STREAM_BYTES),
            Loading::Full => None,
        };
        let mut doc = match lazy {
            Some(doc) => doc,
            None => load_tolerantly(bytes, options)?,
        };
        repair::resolve_indirect_filters(&mut doc);
        let mut pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
        if pages.is_empty() {
            // lopdf gives up on a page tree with a loop (a node among its own
            // kids); readers walk it and skip what they have seen.
            pages = walk_page_tree(&doc);
        }
        if pages.is_empty() {
            return Err(Error::new(ErrorKind::NoPages, ""));
        }
        Ok(PdfDocument {
            doc,
            pages,
            fonts: font::FontCache::new(),
            shared: interpret::Shared::default(),
            last_sizes: (0, 0),
        })
    }

    /// What the document information dictionary says: its title and its
    /// creation and modification dates (`YYYY-MM-DD`), each `None` when absent
    /// or unreadable.
    pub fn info(&self) -> DocumentInfo {
        let info = self.doc.trailer.get(b"Info").ok().and_then(|o| match o {
            Object::Reference(id) => self.doc.get_dictionary(*id).ok(),
            Object::Dictionary(d) => Some(d),
            _ => None,
        });
        let text = |key: &[u8]| {
            info.and_then(|d| d.get(key).ok())
                .and_then(|o| lopdf::decode_text_string(o).ok())
                .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|s| !s.is_empty())
        };
        DocumentInfo {
            title: text(b"Title"),
            created: text(b"CreationDate").and_then(|d| pdf_date(&d)),
            modified: text(b"ModDate").and_then(|d| pdf_date(&d)),
        }
    }

    /// From now on, an unmapped glyph's text is its [`UnmappedTag`] rather
    /// than U+FFFD, so that its text can be recovered later; whoever asks
    /// for tags must turn those left back into U+FFFD ([`UnmappedTag::untag`]).
    pub fn tag_unmapped(&mut self) {
        self.shared.tag_unmapped();
    }

    /// The number of pages.
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// Gives the document its whole work budget again (operators and glyphs
    /// over all pages, which bound what a hostile file can cost). Only for
    /// callers that interpret the same pages over and over, such as
    /// benchmarks: without it, each pass spends the one budget, and after a
    /// few passes every page stops at its first operator.
    pub fn restore_budget(&mut self) {
        self.shared.restore_budget();
    }

    /// Interprets page `index` (0-based) and returns its glyphs. Never fails:
    /// what cannot be read on the page is counted in [`PageGlyphs::warnings`].
    pub fn page(&mut self, index: usize) -> PageGlyphs {
        let number = index as u32 + 1;
        let Some(&page_id) = self.pages.get(index) else {
            return PageGlyphs::new(number, 0.0, 0.0);
        };
        let doc = &self.doc;
        let media_box = resources::inherited(doc, page_id, b"MediaBox")
            .and_then(|b| resources::rectangle(doc, b));
        let page_box = resources::inherited(doc, page_id, b"CropBox")
            .and_then(|b| resources::rectangle(doc, b))
            .or(media_box)
            .unwrap_or([0.0, 0.0, 612.0, 792.0]);
        let [x0, y0, x1, y1] = page_box;
        let mut page = PageGlyphs::new(number, (x1 - x0) as f32, (y1 - y0) as f32);
        page.reserve_like(self.last_sizes.0, self.last_sizes.1);
        // Put the page box's lower-left corner at the origin so that layout
        // can reason about margins.
        let ctm = Matrix::translate(-x0, -y0);
        let content = page_content(doc, page_id, &mut page.problems);
        let scope = resources::Resources::of_page(doc, page_id);
        let annotations = annotations::annotations(doc, page_id);
        interpret::Interpreter::new(doc, &mut self.fonts, &mut page, ctm, &mut self.shared).run(
            &content,
            &scope,
            &annotations.appearances,
        );
        for plain in &annotations.plain {
            page.push_plain_text(&plain.text, plain.rect, plain.size, &ctm);
        }
        page.problems.unshown_fields = annotations.unshown_fields;
        // Text is clipped to the media box, as pdftotext clips it; the crop
        // box (what a viewer shows) may be a small window on a page whose
        // text is all wanted.
        let [mx0, my0, mx1, my1] = media_box.unwrap_or(page_box);
        page.drop_glyphs_outside([mx0 - x0, my0 - y0, mx1 - x0, my1 - y0].map(|v| v as f32));
        self.last_sizes = page.sizes();
        page
    }
}

/// How a document's objects are loaded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Loading {
    /// Only what the pages reach when the file is well formed, else all.
    LazyFirst,
    /// Every object, through lopdf (for the test that compares the two).
    #[cfg_attr(not(test), allow(dead_code))]
    Full,
}

/// Loads the whole file through lopdf's tolerant reader, with our repairs of
/// what it reads but does not undo (encryption it does not open as the file
/// stands, streams whose /Length does not frame them).
fn load_tolerantly(bytes: &[u8], options: &OpenOptions) -> Result<Document, Error> {
    let mut opened = load(bytes, options)?.filter(|doc| !is_locked(doc));
    // Encryption lopdf does not open as it stands: an /Encrypt dictionary
    // held directly in the trailer (it authenticates only an indirect
    // one), a trailer without /ID, or encryption of attachments only.
    let repairs: [ByteRepair; 3] = [
        repair::move_direct_encrypt_dict,
        repair::add_empty_id,
        repair::drop_identity_only_encryption,
    ];
    for repair in repairs {
        if opened.is_some() {
            break;
        }
        if let Some(patched) = repair(bytes) {
            opened = load(&patched, options)?.filter(|doc| !is_locked(doc));
        }
    }
    // Crypt filters held as indirect objects: lopdf opens the file but
    // does not decrypt its streams with them; written in, it does. (The
    // repair reads the bytes, since lopdf drops /Encrypt from the
    // trailer it decrypts, and is tried on encrypted files only.)
    if opened
        .as_ref()
        .is_some_and(|doc| doc.encryption_state.is_some())
    {
        if let Some(patched) = repair::inline_indirect_crypt_filters(bytes) {
            if let Some(doc) = load(&patched, options)?.filter(|doc| !is_locked(doc)) {
                opened = Some(doc);
            }
        }
    }
    let Some(mut doc) = opened else {
        return Err(match options.password {
            Some(_) => Error::new(ErrorKind::WrongPassword, ""),
            None => Error::new(ErrorKind::NeedsPassword, ""),
        });
    };
    repair::recover_stream_ends(&mut doc, bytes);
    Ok(doc)
}

/// Page tree nodes visited at most (a tree of a million pages has fewer).
const MAX_PAGE_TREE_NODES: usize = 1 << 21;
/// Page tree levels followed at most (real trees have a handful).
const MAX_PAGE_TREE_DEPTH: usize = 256;

/// The pages of the document's page tree in order, each node visited once:
/// a kid that is an ancestor or was seen before is skipped, as poppler and
/// MuPDF skip it, so loops end and shared subtrees cannot multiply work.
fn walk_page_tree(doc: &Document) -> Vec<ObjectId> {
    let Some(root) = doc
        .catalog()
        .ok()
        .and_then(|c| c.get(b"Pages").ok())
        .and_then(|p| p.as_reference().ok())
    else {
        return Vec::new();
    };
    let mut pages = Vec::new();
    let mut seen = std::collections::HashSet::new();
    // Depth-first, kids in order: a stack of (node, depth), kids pushed in
    // reverse.
    let mut stack = vec![(root, 0usize)];
    while let Some((id, depth)) = stack.pop() {
        if !seen.insert(id) || seen.len() > MAX_PAGE_TREE_NODES || depth > MAX_PAGE_TREE_DEPTH {
            continue;
        }
        let Ok(node) = doc.get_dictionary(id) else {
            continue;
        };
        match node.get(b"Kids").and_then(lopdf::Object::as_array) {
            Ok(kids)
                if node.get(b"Type").and_then(lopdf::Object::as_name).ok() != Some(b"Page") =>
            {
                for kid in kids.iter().rev() {
                    if let Ok(kid) = kid.as_reference() {
                        stack.push((kid, depth + 1));
                    }
                }
            }
            _ => pages.push(id),
        }
    }
    pages
}

/// The page's content streams, decoded and joined by line breaks. Unlike
/// lopdf's `get_page_content`, which drops a missing stream and passes an
/// undecodable one on as raw bytes without a word, each such stream is named
/// in `problems`: it is read as it stands only when its bytes look like
/// operators (a wrong /Filter on plain content), and the page is unreadable
/// when none of its streams could be read.
fn page_content(doc: &Document, page_id: ObjectId, problems: &mut PageProblems) -> Vec<u8> {
    // The page tree names the page, but its object did not load: lopdf drops
    // an object it cannot parse (damaged, or arrays and dictionaries nested
    // past its depth limit), and the page would otherwise look blank.
    if doc.get_dictionary(page_id).is_err() {
        problems.unreadable_content = Some(format!(
            "its page object {} {} R is missing or could not be parsed (damaged, or nested too deeply)",
            page_id.0, page_id.1
        ));
        return Vec::new();
    }
    let mut content = Vec::new();
    let mut failures = Vec::new();
    // Streams whose bytes went into the content, decoded or as they stand.
    let mut read = 0;
    for id in doc.get_page_contents(page_id) {
        let what = format!("content stream {} {} R", id.0, id.1);
        let Ok(stream) = doc.get_object(id).and_then(lopdf::Object::as_stream) else {
            failures.push(format!("{what} is missing"));
            continue;
        };
        let remaining = stream::MAX_STREAM_BYTES.saturating_sub(content.len());
        let plain = !stream::has_filters(stream);
        match stream::decoded(stream, remaining) {
            // Inflating bytes that are not a deflate stream (a stream decrypted
            // with the wrong key, say) can give nothing at all rather than an error.
            Ok(data) if data.is_empty() && !plain && stream.content.len() > EMPTY_DEFLATE_BYTES => {
                failures.push(format!(
                    "{what} decodes to nothing (damaged, or not decrypted)"
                ));
            }
            Ok(data) if data.len() <= remaining => {
                content.extend_from_slice(&data);
                read += 1;
            }
            Ok(_)
            | Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded {
                ..
            })) => {
                failures.push(format!("{what} inflates past the limit"));
            }
            Err(e) if looks_like_operators(&stream.content) => {
                failures.push(format!(
                    "{what} could not be decoded ({e}), read as it stands"
                ));
                content.extend_from_slice(&stream.content);
                read += 1;
            }
            Err(e) => failures.push(format!("{what} could not be decoded ({e})")),
        }
        content.push(b'\n');
    }
    if !failures.is_empty() {
        if read == 0 {
            problems.unreadable_content = Some(failures.join("; "));
        } else {
            problems.stream_errors = failures;
        }
    }
    content
}

/// Deflating nothing takes a few bytes (8 with the zlib wrapper, a few more
/// from some producers); a stream this long or shorter may decode to nothing
/// honestly, a blank page's.
const EMPTY_DEFLATE_BYTES: usize = 32;

/// Whether raw stream bytes read as content operators: nearly all printable
/// ASCII or white space, as an uncompressed content stream is.
fn looks_like_operators(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(4096)];
    let texty = sample
        .iter()
        .filter(|b| b.is_ascii_graphic() || b.is_ascii_whitespace())
        .count();
    !sample.is_empty() && texty * 100 >= sample.len() * 95
}

/// A rewrite of a file's bytes that may let lopdf open it; `None` when it
/// does not apply.
type ByteRepair = fn(&[u8]) -> Option<Vec<u8>>;

/// Loads the document; `None` when it is encrypted and the password (or the
/// empty one) does not open it.
fn load(bytes: &[u8], options: &OpenOptions) -> Result<Option<Document>, Error> {
    let load = LoadOptions {
        password: options.password.clone(),
        max_decompressed_size: Some(stream::MAX_STREAM_BYTES),
        ..LoadOptions::default()
    };
    match Document::load_mem_with_options(bytes, load) {
        Ok(doc) => Ok(Some(doc)),
        Err(lopdf::Error::InvalidPassword) => Ok(None),
        Err(other) => Err(Error::new(ErrorKind::NotPdf, other.to_string())),
    }
}

/// Encrypted, and not opened by the password (or the empty one).
fn is_locked(doc: &Document) -> bool {
    doc.trailer.has(b"Encrypt") && doc.encryption_state.is_none()
}

/// A PDF's header may follow some junk; readers accept it within the first KiB.
/// Whether the first line that is not a comment is an object header
/// ("1 0 obj").
fn starts_with_object(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    let Some(line) = head
        .split(|b| *b == b'\n' || *b == b'\r')
        .map(|l| l.trim_ascii())
        .find(|l| !l.is_empty() && !l.starts_with(b"%"))
    else {
        return false;
    };
    let words: Vec<&[u8]> = line
        .split(|b| b.is_ascii_whitespace())
        .filter(|w| !w.is_empty())
        .collect();
    words.len() >= 3
        && words[0].iter().all(u8::is_ascii_digit)
        && words[1].iter().all(u8::is_ascii_digit)
        && words[2].starts_with(b"obj")
}

fn looks_like_pdf(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    head.windows(5).any(|w| w == b"%PDF-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_dates_are_read_as_written() {
        assert_eq!(pdf_date("D:20200514134113Z").as_deref(), Some("2020-05-14"));
        assert_eq!(pdf_date("D:2020").as_deref(), Some("2020"));
        assert_eq!(
            pdf_date("20250716123740+01'00'").as_deref(),
            Some("2025-07-16")
        );
        assert_eq!(pdf_date("D:20201399"), None);
        assert_eq!(pdf_date("yesterday"), None);
    }
}
