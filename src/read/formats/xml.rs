//! What every XML reader needs before it can look at elements: bytes turned
//! into text in the encoding the file declares, HTML entities that XML does not
//! know made parseable, a parse with limits fit for untrusted input, and a cheap
//! look at the root element to tell which reader applies.

use super::{xml_entities, FormatError};
use encoding_rs::Encoding;
use roxmltree::{Document, Node, ParsingOptions};
use std::borrow::Cow;

/// The namespace of legislation.gov.uk's Crown Legislation Markup Language.
pub const LEGISLATION_NS: &str = "http://www.legislation.gov.uk/namespaces/legislation";

/// Caps the parsed tree so a hostile or broken file cannot exhaust memory; the
/// largest real Acts (tens of MB of CLML) stay well below it.
const NODES_LIMIT: u32 = 4_000_000;

/// How many leading bytes [`sniff`] decodes: enough for a declaration, a
/// ParlParse internal DTD subset and a root tag full of namespace declarations.
const SNIFF_BYTES: usize = 64 * 1024;

/// The XML vocabularies this module's readers understand, so a caller holding
/// an unknown `.xml` file can pick the reader without trying each in turn.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum XmlFormat {
    /// legislation.gov.uk CLML, whole documents or fragments: read with `clml::read`.
    Clml,
    /// Akoma Ntoso (UK Lawmaker bills and amendment papers): read with `akn::read`.
    AkomaNtoso,
    /// ParlParse / TheyWorkForYou Hansard: read with `hansard::read`.
    Hansard,
}

/// Which reader applies to these bytes, judged from the root element alone so a
/// caller can route many files without parsing any of them in full.
pub fn sniff(bytes: &[u8]) -> Option<XmlFormat> {
    let head = bytes.get(..SNIFF_BYTES).unwrap_or(bytes);
    let (text, _) = decode(head).ok()?;
    let tag = root_start_tag(&text)?;
    // A start tag on its own is not a document; closing it makes one whose root
    // carries the same name and namespace declarations.
    let mini = if tag.ends_with("/>") {
        tag.to_string()
    } else {
        let name: String = tag
            .trim_start_matches('<')
            .chars()
            .take_while(|c| !c.is_whitespace() && *c != '>' && *c != '/')
            .collect();
        format!("{tag}</{name}>")
    };
    let doc = Document::parse(&mini).ok()?;
    let root = doc.root_element();
    let ns = root.tag_name().namespace();
    match root.tag_name().name() {
        "akomaNtoso" => Some(XmlFormat::AkomaNtoso),
        "publicwhip" => Some(XmlFormat::Hansard),
        "Legislation" if ns == Some(LEGISLATION_NS) => Some(XmlFormat::Clml),
        name if (ns.is_none() || ns == Some(LEGISLATION_NS)) && is_clml_fragment_root(name) => {
            Some(XmlFormat::Clml)
        }
        _ => None,
    }
}

/// Why an XML file that [`sniff`] placed in no vocabulary cannot be read:
/// where it is malformed, or which root element it has.
pub fn unrecognised(bytes: &[u8]) -> FormatError {
    let source = match Source::from_bytes(bytes) {
        Ok(source) => source,
        Err(e) => return e,
    };
    match source.parse() {
        Err(e) => e,
        Ok(doc) => FormatError::NotThisFormat(format!(
            "an XML file that is neither legislation (CLML, Akoma Ntoso) nor Hansard (ParlParse): its root element is `{}`",
            doc.root_element().tag_name().name()
        )),
    }
}

/// Root elements that legislation.gov.uk serves as a point-in-time fragment or
/// that tools store on their own, often without the namespace.
pub(super) fn is_clml_fragment_root(name: &str) -> bool {
    matches!(
        name,
        "P1group"
            | "P1"
            | "Part"
            | "Chapter"
            | "Pblock"
            | "Schedule"
            | "Schedules"
            | "Body"
            | "Primary"
            | "Secondary"
    )
}

/// A file's text, ready to parse, with what was noticed on the way.
pub(super) struct Source {
    text: String,
    /// Problems that did not stop the read (bad bytes, unknown entities).
    pub(super) warnings: Vec<String>,
}

impl Source {
    /// Decodes the bytes and makes HTML entities parseable.
    pub(super) fn from_bytes(bytes: &[u8]) -> Result<Self, FormatError> {
        let (text, mut warnings) = decode(bytes)?;
        let (translated, unknown) = translate_html_entities(&text);
        if !unknown.is_empty() {
            warnings.push(format!(
                "unknown entities kept as literal text: {}",
                unknown.join(", ")
            ));
        }
        let text = match translated {
            Cow::Borrowed(_) => text,
            Cow::Owned(t) => t,
        };
        Ok(Source { text, warnings })
    }

    /// Parses with a DTD allowed (ParlParse declares its entities in one;
    /// roxmltree still guards against entity expansion bombs) and a node cap.
    pub(super) fn parse(&self) -> Result<Document<'_>, FormatError> {
        let opts = ParsingOptions {
            allow_dtd: true,
            nodes_limit: NODES_LIMIT,
            ..Default::default()
        };
        Document::parse_with_options(&self.text, opts).map_err(|e| {
            let pos = e.pos();
            let full = e.to_string();
            let suffix = format!(" at {pos}");
            let reason = full.strip_suffix(&suffix).unwrap_or(&full).to_string();
            FormatError::Xml {
                line: pos.row,
                column: pos.col,
                reason,
            }
        })
    }
}

/// Turns bytes into text: a BOM wins, then the declaration's `encoding`, then
/// UTF-8. Text that is not valid in the encoding it claims is read as
/// windows-1252 (the usual truth for mislabelled UK government files) with a
/// warning, rather than refused.
fn decode(bytes: &[u8]) -> Result<(String, Vec<String>), FormatError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(FormatError::Xml {
            line: 1,
            column: 1,
            reason: "empty file".into(),
        });
    }
    let mut warnings = Vec::new();
    let (encoding, body) = if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        (enc, bytes.get(bom_len..).unwrap_or_default())
    } else if bytes.starts_with(&[0x3C, 0x00, 0x3F, 0x00]) {
        (encoding_rs::UTF_16LE, bytes)
    } else if bytes.starts_with(&[0x00, 0x3C, 0x00, 0x3F]) {
        (encoding_rs::UTF_16BE, bytes)
    } else {
        match declared_encoding(bytes) {
            None => (encoding_rs::UTF_8, bytes),
            Some(label) => match Encoding::for_label(label.as_bytes()) {
                // A UTF-16 label on bytes we could read as ASCII means the file was
                // re-encoded after the declaration was written.
                Some(enc) if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE => {
                    (encoding_rs::UTF_8, bytes)
                }
                Some(enc) => (enc, bytes),
                None => {
                    return Err(FormatError::Xml {
                        line: 1,
                        column: 1,
                        reason: format!("unsupported encoding {label:?}"),
                    })
                }
            },
        }
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    if !had_errors {
        return Ok((text.into_owned(), warnings));
    }
    if encoding == encoding_rs::UTF_8 {
        let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(body);
        warnings.push("not valid UTF-8: read as windows-1252".into());
        return Ok((text.into_owned(), warnings));
    }
    warnings.push(format!(
        "bytes not valid in {} were replaced",
        encoding.name()
    ));
    Ok((text.into_owned(), warnings))
}

/// The `encoding` pseudo-attribute of an XML declaration, read from the raw
/// bytes (the declaration is ASCII in every ASCII-compatible encoding).
fn declared_encoding(bytes: &[u8]) -> Option<String> {
    let head = bytes.get(..512).unwrap_or(bytes);
    let head = String::from_utf8_lossy(head);
    let decl = head.strip_prefix("<?xml")?;
    let decl = decl.get(..decl.find("?>")?)?;
    let after = decl.get(decl.find("encoding")? + "encoding".len()..)?;
    let after = after.trim_start().strip_prefix('=')?.trim_start();
    let quote = after.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let value = after.get(1..)?;
    Some(value.get(..value.find(quote)?)?.trim().to_string())
}

/// The root element's start tag, skipping the prologue (declaration,
/// comments, processing instructions, DOCTYPE with its internal subset).
fn root_start_tag(text: &str) -> Option<&str> {
    let mut i = 0;
    loop {
        let rest = text.get(i..)?;
        let skip_ws = rest.len() - rest.trim_start().len();
        i += skip_ws;
        let rest = text.get(i..)?;
        if rest.starts_with("<?") {
            i += rest.find("?>")? + 2;
        } else if rest.starts_with("<!--") {
            i += rest.find("-->")? + 3;
        } else if rest.starts_with("<!DOCTYPE") {
            i = doctype_end(text, i)?;
        } else if rest.starts_with('<') {
            return rest.get(..tag_end(rest)?);
        } else {
            return None;
        }
    }
}

/// Index just past the `>` that closes a tag starting at `tag[0]`, minding quotes.
fn tag_end(tag: &str) -> Option<usize> {
    let mut quote = None;
    for (k, c) in tag.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return Some(k + 1),
            _ => {}
        }
    }
    None
}

/// Index just past a DOCTYPE declaration starting at `start`, internal subset included.
fn doctype_end(text: &str, start: usize) -> Option<usize> {
    let mut quote = None;
    let mut in_subset = false;
    for (k, c) in text.get(start..)?.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '[') => in_subset = true,
            (None, ']') => in_subset = false,
            (None, '>') if !in_subset => return Some(start + k + 1),
            _ => {}
        }
    }
    None
}

/// Entity names a DOCTYPE's internal subset declares (they keep the meaning
/// the file gives them).
fn declared_entities(doctype: &str) -> Vec<&str> {
    doctype
        .split("<!ENTITY")
        .skip(1)
        .filter_map(|decl| {
            let decl = decl.trim_start();
            if decl.starts_with('%') {
                return None; // a parameter entity, never referenced with `&`
            }
            decl.split(|c: char| c.is_whitespace())
                .next()
                .filter(|n| !n.is_empty())
        })
        .collect()
}

/// Rewrites `&name;` references that XML does not define into numeric ones.
///
/// ParlParse writes HTML entities (`&mdash;`, `&pound;`): the files in hand
/// declare them in an internal DTD subset, but scrapes without that subset, or
/// using a name it lacks (`&hellip;`), would fail the whole parse with "unknown
/// entity". Declared names are left for the parser; known HTML names become
/// `&#N;`; other names become literal text (`&amp;name;`) and are reported.
/// Comments, CDATA and processing instructions are left alone. Rewriting keeps
/// line numbers of parse errors right (columns may shift on the line).
fn translate_html_entities(text: &str) -> (Cow<'_, str>, Vec<String>) {
    let start = match text.find("<!DOCTYPE") {
        Some(p) => doctype_end(text, p).unwrap_or(text.len()),
        None => 0,
    };
    let declared = declared_entities(text.get(..start).unwrap_or_default());
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut unknown: Vec<String> = Vec::new();
    let mut i = start;
    while let Some(rest) = text.get(i..) {
        let Some(next) = rest.find(['<', '&']) else {
            break;
        };
        i += next;
        let rest = text.get(i..).unwrap_or_default();
        let skip_to = |open: &str, close: &str| {
            rest.strip_prefix(open).map(|r| {
                r.find(close)
                    .map_or(text.len(), |e| i + open.len() + e + close.len())
            })
        };
        if let Some(end) = skip_to("<!--", "-->")
            .or_else(|| skip_to("<![CDATA[", "]]>"))
            .or_else(|| skip_to("<?", "?>"))
        {
            i = end;
            continue;
        }
        if rest.starts_with('<') {
            i += 1;
            continue;
        }
        let name: String = rest
            .chars()
            .skip(1)
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '#' || *c == '_')
            .take(40)
            .collect();
        let after_name = 1 + name.len();
        let terminated = rest.get(after_name..).is_some_and(|r| r.starts_with(';'));
        let keep = !terminated
            || name.starts_with('#')
            || matches!(name.as_str(), "lt" | "gt" | "amp" | "quot" | "apos")
            || declared.contains(&name.as_str());
        if keep {
            i += 1;
            continue;
        }
        let replacement = match xml_entities::code_point(&name) {
            Some(cp) => format!("&#{cp};"),
            None => {
                if !unknown.contains(&name) {
                    unknown.push(name.clone());
                }
                format!("&amp;{name};")
            }
        };
        let buf = out.get_or_insert_with(|| String::with_capacity(text.len() + 64));
        buf.push_str(text.get(copied..i).unwrap_or_default());
        buf.push_str(&replacement);
        i += after_name + 1;
        copied = i;
    }
    match out {
        None => (Cow::Borrowed(text), unknown),
        Some(mut buf) => {
            buf.push_str(text.get(copied..).unwrap_or_default());
            (Cow::Owned(buf), unknown)
        }
    }
}

/// The elements under a root in document order (the root first), visited
/// without recursion, where a reader may [`Elements::skip_subtree`] the rest of the
/// element it is on once it has taken what it wants from it.
pub(super) struct Elements<'a, 'i, I> {
    edges: I,
    skipping: Option<roxmltree::NodeId>,
    _tree: std::marker::PhantomData<Node<'a, 'i>>,
}

/// [`Elements`] of `root`.
pub(super) fn elements<'a, 'i>(
    root: Node<'a, 'i>,
) -> Elements<'a, 'i, impl Iterator<Item = Edge<'a, 'i>>> {
    Elements {
        edges: traverse(root),
        skipping: None,
        _tree: std::marker::PhantomData,
    }
}

impl<'a, 'i, I: Iterator<Item = Edge<'a, 'i>>> Elements<'a, 'i, I> {
    /// Leaves out what is inside `n` (the element just visited).
    pub(super) fn skip_subtree(&mut self, n: Node<'a, 'i>) {
        self.skipping = Some(n.id());
    }
}

impl<'a, 'i, I: Iterator<Item = Edge<'a, 'i>>> Iterator for Elements<'a, 'i, I> {
    type Item = Node<'a, 'i>;

    fn next(&mut self) -> Option<Node<'a, 'i>> {
        loop {
            match self.edges.next()? {
                Edge::Close(n) => {
                    if self.skipping == Some(n.id()) {
                        self.skipping = None;
                    }
                }
                Edge::Open(n) if n.is_element() && self.skipping.is_none() => return Some(n),
                Edge::Open(_) => {}
            }
        }
    }
}

/// One step of a document-order walk: entering a node, or leaving it after
/// its descendants.
#[derive(Clone, Copy, Debug)]
pub(super) enum Edge<'a, 'i> {
    /// The node is reached; its descendants come next.
    Open(Node<'a, 'i>),
    /// The node's descendants are done.
    Close(Node<'a, 'i>),
}

/// Walks `root`'s subtree in document order without recursion (moving by
/// first child, next sibling and parent), so nesting depth costs no stack.
pub(super) fn traverse<'a, 'i>(root: Node<'a, 'i>) -> impl Iterator<Item = Edge<'a, 'i>> {
    let mut next = Some(Edge::Open(root));
    std::iter::from_fn(move || {
        let current = next?;
        next = match current {
            Edge::Open(n) => Some(n.first_child().map_or(Edge::Close(n), Edge::Open)),
            Edge::Close(n) if n == root => None,
            Edge::Close(n) => match n.next_sibling() {
                Some(s) => Some(Edge::Open(s)),
                None => n.parent().map(Edge::Close),
            },
        };
        Some(current)
    })
}

/// How a format wants an element's text flattened: which subtrees are
/// apparatus, which elements separate words, and what stands in for an
/// element (quotes around a definition, a placeholder's value).
pub(super) trait Flatten {
    /// True for elements whose whole subtree is not part of the text.
    fn skip(&self, _node: Node) -> bool {
        false
    }
    /// True for elements whose edges separate words (table cells, breaks).
    fn spaced(&self, _node: Node) -> bool {
        false
    }
    /// Text to emit when the element opens.
    fn before(&self, _node: Node) -> Option<String> {
        None
    }
    /// Text to emit when the element closes.
    fn after(&self, _node: Node) -> Option<String> {
        None
    }
}

/// The whitespace-normalised text under `node`, walked without recursion so
/// deeply nested input cannot overflow the stack.
pub(super) fn flat_text(node: Node, rules: &dyn Flatten) -> String {
    let mut out = String::new();
    let mut skipping: Option<roxmltree::NodeId> = None;
    for edge in traverse(node) {
        match edge {
            Edge::Open(n) => {
                if skipping.is_some() {
                    continue;
                }
                if n.is_text() {
                    out.push_str(n.text().unwrap_or_default());
                } else if n.is_element() {
                    if n != node && rules.skip(n) {
                        skipping = Some(n.id());
                        continue;
                    }
                    if rules.spaced(n) {
                        out.push(' ');
                    }
                    if let Some(t) = rules.before(n) {
                        out.push_str(&t);
                    }
                }
            }
            Edge::Close(n) => {
                if skipping == Some(n.id()) {
                    skipping = None;
                } else if skipping.is_none() && n.is_element() {
                    if let Some(t) = rules.after(n) {
                        out.push_str(&t);
                    }
                    if rules.spaced(n) {
                        out.push(' ');
                    }
                }
            }
        }
    }
    super::normalise_space(&out)
}

/// The first child element with this local name, whatever its namespace.
pub(super) fn child<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.children()
        .find(|c| c.is_element() && c.tag_name().name() == name)
}

/// An attribute by local name, whatever its prefix (`ukl:startQuote`).
pub(super) fn attr_local<'a>(node: Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.attributes()
        .find(|a| a.name() == name)
        .map(|a| a.value())
}

#[cfg(test)]
mod tests {
    use super::super::iso_date;
    use super::*;

    #[test]
    fn declared_latin1_is_honoured() {
        let bytes = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>caf\xe9 \xa3</a>";
        let (text, warnings) = decode(bytes).unwrap();
        assert!(text.contains("caf\u{e9} \u{a3}"));
        assert!(warnings.is_empty());
    }

    #[test]
    fn utf16_with_bom_decodes() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "<a>x\u{2014}</a>".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let (text, _) = decode(&bytes).unwrap();
        assert_eq!(text, "<a>x\u{2014}</a>");
    }

    #[test]
    fn bad_utf8_falls_back_with_a_warning() {
        let (text, warnings) = decode(b"<a>caf\xe9</a>").unwrap();
        assert!(text.contains('\u{e9}'));
        assert_eq!(warnings.len(), 1);
    }

    #[test]
    fn html_entities_become_numeric_but_declared_ones_stay() {
        let src = "<!DOCTYPE x [<!ENTITY mdash \"-\">]><x>&mdash;&hellip;&amp;&#163;&bogus;</x>";
        let (out, unknown) = translate_html_entities(src);
        assert!(out.contains("&mdash;&#8230;&amp;&#163;&amp;bogus;"));
        assert_eq!(unknown, vec!["bogus".to_string()]);
    }

    #[test]
    fn entities_in_comments_are_left_alone() {
        let (out, _) =
            translate_html_entities("<x><!-- &mdash; --><![CDATA[&eacute;]]>&eacute;</x>");
        assert_eq!(out, "<x><!-- &mdash; --><![CDATA[&eacute;]]>&#233;</x>");
    }

    #[test]
    fn sniff_reads_root_only() {
        assert_eq!(
            sniff(b"<publicwhip scrapeversion=\"a\">"),
            Some(XmlFormat::Hansard)
        );
        assert_eq!(sniff(b"<P1group>\n<Title>x</Title>"), Some(XmlFormat::Clml));
        let leg =
            format!("<?xml version=\"1.0\"?><!-- c --><Legislation xmlns=\"{LEGISLATION_NS}\">");
        assert_eq!(sniff(leg.as_bytes()), Some(XmlFormat::Clml));
        assert_eq!(sniff(b"<Legislation>"), None);
        assert_eq!(sniff(b"<html><body/></html>"), None);
        assert_eq!(sniff(b"\x00\x01garbage"), None);
        assert_eq!(sniff(b""), None);
    }

    #[test]
    fn iso_dates_are_checked() {
        assert_eq!(
            iso_date("2025-07-16T16:25:55Z").as_deref(),
            Some("2025-07-16")
        );
        assert_eq!(iso_date("2003").as_deref(), Some("2003"));
        assert_eq!(iso_date("9999-01-01"), None);
        assert_eq!(iso_date("2003-13-01"), None);
        assert_eq!(iso_date("n/a"), None);
    }

    #[test]
    fn parse_errors_carry_positions() {
        let src = Source::from_bytes(b"<a>\n<b></a>").unwrap();
        match src.parse() {
            Err(FormatError::Xml { line, .. }) => assert_eq!(line, 2),
            other => panic!("expected an XML error, got {other:?}"),
        }
    }
}
