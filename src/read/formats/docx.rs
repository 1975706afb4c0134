//! Word documents (DOCX, Office Open XML): the paragraphs of the main
//! document part, sectioned at heading paragraphs, and the dates in the core
//! properties.
//!
//! Read: body paragraphs, table cells' paragraphs and text boxes, in document
//! order. Not read: headers, footers, footnotes, endnotes and comments (they
//! live in other parts and are not the document's argument), deleted text of
//! tracked changes, field codes, and the legacy (VML) copy Word keeps of each
//! text box beside the modern one.
//!
//! A heading is a paragraph whose style is a heading: its id starts with
//! "Heading" or is "Title", its name in `styles.xml` is "heading N" or
//! "Title" (names are not translated; ids can be), or it or a style it is based
//! on has an outline level. An outline level set directly on a paragraph is
//! *not* taken as a heading: text pasted from the web carries one on ordinary
//! paragraphs (the DfE estates checklist has it on most of its body text).

use std::collections::HashMap;

use roxmltree::Node;

use super::container::{self, Edge, ParagraphSections};
use super::{FormatError, Section, Structured};

/// WordprocessingML, transitional (what Word writes).
const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
/// WordprocessingML, strict.
const W_STRICT: &str = "http://purl.oclc.org/ooxml/wordprocessingml/main";
/// Markup compatibility: `mc:Fallback` holds the duplicate legacy copy.
const MC: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";
const DC: &str = "http://purl.org/dc/elements/1.1/";
const DCTERMS: &str = "http://purl.org/dc/terms/";
const PACKAGE_RELS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";

/// How far up a chain of `w:basedOn` styles to look; real chains are a few
/// deep, and a cycle must not loop forever.
const MAX_STYLE_CHAIN: usize = 16;

/// Reads a DOCX file.
///
/// Errors: not a zip, or no main document part ([`FormatError::Container`]);
/// malformed XML in the document, styles, relationships or core properties
/// ([`FormatError::Xml`]).
pub fn read(bytes: &[u8]) -> Result<Structured, FormatError> {
    let mut archive = container::open(bytes, "DOCX")?;
    let main_name = main_part_name(&mut archive)?;
    let Some(main) = container::read_part(&mut archive, &main_name)? else {
        return Err(FormatError::Container(format!(
            "not a DOCX file: the zip has no {main_name}"
        )));
    };
    let styles = match container::read_part(&mut archive, &sibling(&main_name, "styles.xml"))? {
        Some(bytes) => Styles::parse(&container::part_text(&bytes))?,
        None => Styles::default(),
    };

    let text = container::part_text(&main);
    let doc = container::parse_xml(&text, &main_name)?;
    let root = doc.root_element();
    if !is_w(root, "document") {
        return Err(FormatError::NotThisFormat(format!(
            "{main_name} is not a WordprocessingML document (root <{}>)",
            root.tag_name().name()
        )));
    }
    let sections = paragraphs(root, &styles);

    let meta = container::metadata(
        &mut archive,
        &container::Properties {
            part: "docProps/core.xml",
            title: (DC, "title"),
            created: (DCTERMS, "created"),
            modified: (DCTERMS, "modified"),
        },
        &sections,
    )?;
    Ok(Structured::new(meta, sections, Vec::new()))
}

/// The main document part's name, from the package relationships, because
/// Word names it `word/document.xml` but the format lets it be anything.
fn main_part_name(archive: &mut container::Archive<'_>) -> Result<String, FormatError> {
    const DEFAULT: &str = "word/document.xml";
    let Some(rels) = container::read_part(archive, "_rels/.rels")? else {
        return Ok(DEFAULT.to_string());
    };
    let text = container::part_text(&rels);
    let doc = container::parse_xml(&text, "_rels/.rels")?;
    let target = doc
        .descendants()
        .filter(|n| n.has_tag_name((PACKAGE_RELS, "Relationship")))
        .find(|n| {
            n.attribute("Type")
                .is_some_and(|t| t.ends_with("/officeDocument"))
        })
        .and_then(|n| n.attribute("Target"))
        .map(|t| t.trim_start_matches('/').to_string());
    Ok(target.unwrap_or_else(|| DEFAULT.to_string()))
}

/// A part in the same folder as `part` (`word/document.xml` → `word/styles.xml`).
fn sibling(part: &str, name: &str) -> String {
    match part.rfind('/') {
        Some(i) => format!("{}/{name}", &part[..i]),
        None => name.to_string(),
    }
}

/// Whether `node` is the WordprocessingML element `name` (either namespace).
fn is_w(node: Node<'_, '_>, name: &str) -> bool {
    node.is_element()
        && node.tag_name().name() == name
        && matches!(node.tag_name().namespace(), Some(W | W_STRICT))
}

/// A `w:` attribute, in either namespace.
fn w_attr<'a>(node: Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.attribute((W, name))
        .or_else(|| node.attribute((W_STRICT, name)))
}

/// Walks the document once, without recursion, collecting each paragraph's
/// text. A text box's paragraphs sit inside a run of an outer paragraph, so
/// paragraphs are kept on a stack and each is emitted when it closes.
fn paragraphs(root: Node<'_, '_>, styles: &Styles) -> Vec<Section> {
    let mut out = ParagraphSections::default();
    let mut open: Vec<(String, bool)> = Vec::new();
    container::walk(root, |edge| match edge {
        Edge::Open(node) => {
            if node.has_tag_name((MC, "Fallback")) {
                return false;
            }
            if is_w(node, "p") {
                open.push((String::new(), styles.is_heading(paragraph_style(node))));
                return true;
            }
            let Some((buf, _)) = open.last_mut() else {
                return true;
            };
            if node.is_text() {
                if node.parent().is_some_and(|p| is_w(p, "t")) {
                    buf.push_str(node.text().unwrap_or_default());
                }
            } else if is_w(node, "tab") || is_w(node, "br") || is_w(node, "cr") {
                // A tab inside w:tabs (a tab stop) is paragraph formatting, not text.
                if !node.parent().is_some_and(|p| is_w(p, "tabs")) {
                    buf.push(' ');
                }
            } else if is_w(node, "noBreakHyphen") {
                buf.push('-');
            }
            true
        }
        Edge::Close(node) => {
            if is_w(node, "p") {
                if let Some((text, heading)) = open.pop() {
                    out.push(&text, heading);
                }
            }
            true
        }
    });
    out.finish()
}

/// The paragraph's style id (`w:pPr/w:pStyle/@w:val`), if it names one.
fn paragraph_style<'a>(p: Node<'a, '_>) -> Option<&'a str> {
    p.children()
        .find(|n| is_w(*n, "pPr"))?
        .children()
        .find(|n| is_w(*n, "pStyle"))
        .and_then(|n| w_attr(n, "val"))
}

/// What `styles.xml` says about paragraph styles, for telling headings.
#[derive(Default)]
struct Styles {
    /// Style id → (lowercased name, based-on id, has an outline level 0-8).
    by_id: HashMap<String, (String, Option<String>, bool)>,
}

impl Styles {
    fn parse(text: &str) -> Result<Self, FormatError> {
        let doc = container::parse_xml(text, "word/styles.xml")?;
        let mut by_id = HashMap::new();
        for style in doc.descendants().filter(|n| is_w(*n, "style")) {
            if w_attr(style, "type").is_some_and(|t| t != "paragraph") {
                continue;
            }
            let Some(id) = w_attr(style, "styleId") else {
                continue;
            };
            let child_val = |name: &str| {
                style
                    .children()
                    .find(|n| is_w(*n, name))
                    .and_then(|n| w_attr(n, "val"))
            };
            let name = child_val("name").unwrap_or_default().to_lowercase();
            let based_on = child_val("basedOn").map(str::to_string);
            let outline = style
                .children()
                .filter(|n| is_w(*n, "pPr"))
                .flat_map(|p| p.children())
                .filter(|n| is_w(*n, "outlineLvl"))
                .filter_map(|n| w_attr(n, "val"))
                .any(|v| v.parse::<u8>().is_ok_and(|l| l <= 8));
            by_id.insert(id.to_string(), (name, based_on, outline));
        }
        Ok(Styles { by_id })
    }

    fn is_heading(&self, style: Option<&str>) -> bool {
        let mut id = match style {
            Some(id) => id.to_string(),
            None => return false,
        };
        for _ in 0..MAX_STYLE_CHAIN {
            if id.to_ascii_lowercase().starts_with("heading") || id == "Title" {
                return true;
            }
            let Some((name, based_on, outline)) = self.by_id.get(&id) else {
                return false;
            };
            let numbered_heading = name
                .strip_prefix("heading ")
                .is_some_and(|n| n.chars().all(|c| c.is_ascii_digit()));
            if *outline || numbered_heading || name == "title" {
                return true;
            }
            match based_on {
                Some(parent) => id.clone_from(parent),
                None => return false,
            }
        }
        false
    }
}
