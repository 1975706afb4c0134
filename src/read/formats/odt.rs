//! OpenDocument text (ODT): the paragraphs and headings of `content.xml`,
//! sectioned at headings (`text:h`), and the dates in `meta.xml`.
//!
//! Read: paragraphs, headings, list items, table cells and text boxes, in
//! document order. Not read: footnotes and endnotes (`text:note`), comments
//! (`office:annotation`), tracked deletions, generated indexes (a table of
//! contents repeats the headings), and images' alt text.

use roxmltree::Node;

use super::container::{self, Edge, ParagraphSections};
use super::{FormatError, Section, Structured};

const TEXT: &str = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
const OFFICE: &str = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
const META: &str = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0";
const SVG: &str = "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0";
const DC: &str = "http://purl.org/dc/elements/1.1/";

/// Media types of text documents: a template or master document reads like
/// a document; a spreadsheet or drawing does not.
const TEXT_MIMETYPES: [&str; 3] = [
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.text-template",
    "application/vnd.oasis.opendocument.text-master",
];

/// Reads an ODT file.
///
/// Errors: not a zip, another OpenDocument type, or no `content.xml`
/// ([`FormatError::Container`]); malformed XML in `content.xml` or `meta.xml`
/// ([`FormatError::Xml`]).
pub fn read(bytes: &[u8]) -> Result<Structured, FormatError> {
    let mut archive = container::open(bytes, "ODT")?;
    if let Some(mimetype) = container::read_part(&mut archive, "mimetype")? {
        let mimetype = String::from_utf8_lossy(&mimetype);
        let mimetype = mimetype.trim();
        if !TEXT_MIMETYPES.contains(&mimetype) {
            return Err(FormatError::Container(format!(
                "not an ODT file: its mimetype is {mimetype:?}"
            )));
        }
    }
    let Some(content) = container::read_part(&mut archive, "content.xml")? else {
        return Err(FormatError::Container(
            "not an ODT file: the zip has no content.xml".to_string(),
        ));
    };
    let text = container::part_text(&content);
    let doc = container::parse_xml(&text, "content.xml")?;
    let root = doc.root_element();
    if root.tag_name().namespace() != Some(OFFICE) {
        return Err(FormatError::NotThisFormat(format!(
            "content.xml is not OpenDocument content (root <{}>)",
            root.tag_name().name()
        )));
    }
    let body = root
        .descendants()
        .find(|n| n.has_tag_name((OFFICE, "text")))
        .unwrap_or(root);
    let sections = paragraphs(body);

    let meta = container::metadata(
        &mut archive,
        &container::Properties {
            part: "meta.xml",
            title: (DC, "title"),
            created: (META, "creation-date"),
            modified: (DC, "date"),
        },
        &sections,
    )?;
    Ok(Structured::new(meta, sections, Vec::new()))
}

/// Subtrees whose text is not part of the running text.
fn skipped(node: Node<'_, '_>) -> bool {
    let name = node.tag_name().name();
    match node.tag_name().namespace() {
        Some(TEXT) => {
            matches!(
                name,
                "note" | "tracked-changes" | "table-of-content" | "bibliography" | "ruby-text"
            ) || name.ends_with("-index")
        }
        Some(OFFICE) => matches!(name, "annotation" | "annotation-end" | "forms"),
        Some(SVG) => matches!(name, "title" | "desc"),
        _ => false,
    }
}

/// Walks the body once, without recursion. A text box's paragraphs sit
/// inside a frame in an outer paragraph, so paragraphs are kept on a stack
/// and each is emitted when it closes.
fn paragraphs(body: Node<'_, '_>) -> Vec<Section> {
    let is_paragraph =
        |node: Node<'_, '_>| node.has_tag_name((TEXT, "p")) || node.has_tag_name((TEXT, "h"));
    let mut out = ParagraphSections::default();
    let mut open: Vec<(String, bool)> = Vec::new();
    container::walk(body, |edge| match edge {
        Edge::Open(node) => {
            if node.is_element() && skipped(node) {
                return false;
            }
            if is_paragraph(node) {
                open.push((String::new(), node.has_tag_name((TEXT, "h"))));
                return true;
            }
            let Some((buf, _)) = open.last_mut() else {
                return true;
            };
            if node.is_text() {
                buf.push_str(node.text().unwrap_or_default());
            } else if node.has_tag_name((TEXT, "s"))
                || node.has_tag_name((TEXT, "tab"))
                || node.has_tag_name((TEXT, "line-break"))
            {
                buf.push(' ');
            }
            true
        }
        Edge::Close(node) => {
            if is_paragraph(node) {
                if let Some((text, heading)) = open.pop() {
                    out.push(&text, heading);
                }
            }
            true
        }
    });
    out.finish()
}
