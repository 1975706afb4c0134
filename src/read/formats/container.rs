//! The zip container shared by DOCX and ODT: opening it, reading one part
//! with a cap on its decompressed size, and parsing a part as XML.

use std::io::{Cursor, Read};

use zip::result::ZipError;
use zip::ZipArchive;

use super::{normalise_space, push_date, DateRole, DocumentMeta, FormatError, Locator, Section};

/// The most a single part may decompress to. A word-processor document's
/// text part is a few MiB at most; a zip bomb's is gigabytes, and reading it
/// whole would exhaust memory before any XML error could be reported.
pub(crate) const MAX_PART_BYTES: u64 = 256 * 1024 * 1024;

/// A zip archive held in memory.
pub(crate) type Archive<'a> = ZipArchive<Cursor<&'a [u8]>>;

/// Opens `bytes` as a zip archive; `what` names the format for the error
/// ("DOCX", "ODT") so the user learns what the file was taken for.
pub(crate) fn open<'a>(bytes: &'a [u8], what: &str) -> Result<Archive<'a>, FormatError> {
    ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| FormatError::Container(format!("not a {what} file: not a readable zip ({e})")))
}

/// The decompressed bytes of part `name`, or `None` when the archive has no
/// such part. Fails when the part is over [`MAX_PART_BYTES`] or corrupt.
pub(crate) fn read_part(
    archive: &mut Archive<'_>,
    name: &str,
) -> Result<Option<Vec<u8>>, FormatError> {
    let file = match archive.by_name(name) {
        Ok(file) => file,
        Err(ZipError::FileNotFound) => return Ok(None),
        Err(e) => {
            return Err(FormatError::Container(format!(
                "cannot open {name} in the zip: {e}"
            )))
        }
    };
    let too_big = || {
        FormatError::Container(format!(
            "{name} decompresses to more than {} MiB; not read (a guard against zip bombs)",
            MAX_PART_BYTES / (1024 * 1024)
        ))
    };
    if file.size() > MAX_PART_BYTES {
        return Err(too_big());
    }
    // The declared size can lie, so the read itself is capped too.
    let mut out = Vec::new();
    file.take(MAX_PART_BYTES + 1)
        .read_to_end(&mut out)
        .map_err(|e| FormatError::Container(format!("cannot decompress {name}: {e}")))?;
    if out.len() as u64 > MAX_PART_BYTES {
        return Err(too_big());
    }
    Ok(Some(out))
}

/// Decodes a part as UTF-8 text (both formats mandate UTF-8 or UTF-16 with a
/// BOM; encoding_rs handles either and replaces bad bytes rather than failing).
pub(crate) fn part_text(bytes: &[u8]) -> String {
    let (text, _, _) = encoding_rs::UTF_8.decode(bytes);
    text.into_owned()
}

/// Parses XML text, turning the parser's error into [`FormatError::Xml`] with
/// the part's name in the reason.
pub(crate) fn parse_xml<'a>(
    text: &'a str,
    part: &str,
) -> Result<roxmltree::Document<'a>, FormatError> {
    roxmltree::Document::parse(text).map_err(|e| {
        let pos = e.pos();
        FormatError::Xml {
            line: pos.row,
            column: pos.col,
            reason: format!("in {part}: {e}"),
        }
    })
}

/// Builds word-processor sections from paragraphs in reading order: one
/// section per heading, holding the paragraphs under it, and one for the
/// paragraphs before the first heading.
///
/// A section rather than a section per paragraph, so the heading is stated
/// once and stays beside its text; its locator is the number of its first
/// paragraph (the heading, when it has one), so every paragraph's own number
/// follows (see [`super::paragraph_number`]).
#[derive(Default)]
pub(crate) struct ParagraphSections {
    sections: Vec<Section>,
    current: Option<Section>,
    count: u32,
}

impl ParagraphSections {
    /// Adds one paragraph; empty ones are dropped and not counted, as the
    /// [`Locator::Paragraph`] contract says.
    pub(crate) fn push(&mut self, raw: &str, heading: bool) {
        let text = normalise_space(raw);
        if text.is_empty() {
            return;
        }
        self.count = self.count.saturating_add(1);
        if heading {
            self.sections.extend(self.current.take());
            self.current = Some(Section {
                locator: Locator::Paragraph { number: self.count },
                heading: Some(text),
                paragraphs: Vec::new(),
            });
            return;
        }
        let number = self.count;
        self.current
            .get_or_insert_with(|| Section {
                locator: Locator::Paragraph { number },
                heading: None,
                paragraphs: Vec::new(),
            })
            .paragraphs
            .push(text);
    }

    /// The sections, in reading order.
    pub(crate) fn finish(mut self) -> Vec<Section> {
        self.sections.extend(self.current.take());
        self.sections
    }
}

/// The text of the first element under `root` with this namespace and local
/// name, whitespace-normalised; `None` when absent or blank.
fn first_text(root: roxmltree::Node<'_, '_>, ns: &str, name: &str) -> Option<String> {
    root.descendants()
        .find(|n| {
            n.is_element() && n.tag_name().name() == name && n.tag_name().namespace() == Some(ns)
        })
        .map(|n| {
            let raw: String = n
                .descendants()
                .filter(|t| t.is_text())
                .filter_map(|t| t.text())
                .collect();
            normalise_space(&raw)
        })
        .filter(|t| !t.is_empty())
}

/// One step of a walk: entering or leaving a node.
pub(crate) enum Edge<'a, 'input> {
    /// Entering the node; the visitor returns whether to walk its children.
    Open(roxmltree::Node<'a, 'input>),
    /// Leaving the node (also after an Open that declined its children).
    Close(roxmltree::Node<'a, 'input>),
}

/// Visits `root`'s subtree in document order without recursion (an XML
/// part can nest thousands deep), so a deep document costs no stack.
pub(crate) fn walk<'a, 'input>(
    root: roxmltree::Node<'a, 'input>,
    mut visit: impl FnMut(Edge<'a, 'input>) -> bool,
) {
    let mut node = root;
    loop {
        if visit(Edge::Open(node)) {
            if let Some(child) = node.first_child() {
                node = child;
                continue;
            }
        }
        loop {
            visit(Edge::Close(node));
            if node == root {
                return;
            }
            if let Some(next) = node.next_sibling() {
                node = next;
                break;
            }
            match node.parent() {
                Some(parent) => node = parent,
                None => return,
            }
        }
    }
}

/// Where a word-processor file keeps its title and dates: the part, and the
/// (namespace, element) of each.
pub(crate) struct Properties<'a> {
    /// The part's name (`docProps/core.xml`, `meta.xml`).
    pub(crate) part: &'a str,
    /// The title element.
    pub(crate) title: (&'a str, &'a str),
    /// The creation date element.
    pub(crate) created: (&'a str, &'a str),
    /// The last-modified date element.
    pub(crate) modified: (&'a str, &'a str),
}

/// The title and dates a container's properties part states, when it has
/// one; a title taken from the first heading when it states none.
pub(crate) fn metadata(
    archive: &mut Archive<'_>,
    properties: &Properties<'_>,
    sections: &[Section],
) -> Result<DocumentMeta, FormatError> {
    let mut meta = DocumentMeta::default();
    if let Some(bytes) = read_part(archive, properties.part)? {
        let text = part_text(&bytes);
        let doc = parse_xml(&text, properties.part)?;
        let root = doc.root_element();
        let (ns, name) = properties.title;
        meta.title = first_text(root, ns, name);
        for ((ns, name), role) in [
            (properties.created, DateRole::Created),
            (properties.modified, DateRole::Updated),
        ] {
            if let Some(date) = first_text(root, ns, name) {
                push_date(&mut meta.dates, &date, role);
            }
        }
    }
    if meta.title.is_none() {
        meta.title = sections.iter().find_map(|s| s.heading.clone());
    }
    Ok(meta)
}
