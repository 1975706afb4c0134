//! HTML: a GOV.UK body fragment or a saved web page, read into sections at
//! its headings, each holding the paragraphs under it.
//!
//! Parsed by html5ever (through `scraper`), so broken markup reads as a
//! browser would show it. A paragraph is a `p`, `li`, `dt`, `dd`,
//! `blockquote`, `pre`, table row (cells joined by " | ") or any other
//! block's loose text. Inline markup never splits words ("CO<sub>2</sub>"
//! reads "CO2"); `<br>` is a space. Left out: scripts, styles, hidden
//! elements, images, and GOV.UK footnote marks and back-links (a mark glued
//! to the sentence before it, "economy.1", would spoil a quote; the footnotes
//! themselves are read where the page prints them).

use ego_tree::iter::Edge;
use ego_tree::NodeRef;
use scraper::{Html, Node};

use super::{
    charset, govuk_kind, normalise_space, push_date, DateRole, DocumentMeta, FormatError, Locator,
    Section, Structured,
};

/// Elements that end the paragraph before them and start a new one.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "tfoot",
    "thead",
    "ul",
];

/// Elements whose content is never text a reader sees.
const NEVER_TEXT: &[&str] = &[
    "script", "style", "noscript", "template", "head", "title", "svg", "math", "iframe", "object",
    "canvas", "img", "button", "select", "input", "textarea",
];

/// Page furniture inside a page's main content (a saved page, not a body).
const PAGE_NOISE: &[&str] = &["nav", "form", "dialog"];

/// More furniture, dropped only when there is no main element and the whole
/// body is read.
const OUTER_NOISE: &[&str] = &["header", "footer"];

/// Roles of landmarks that are not the content.
const NOISE_ROLES: &[&str] = &[
    "navigation",
    "search",
    "banner",
    "contentinfo",
    "complementary",
    "dialog",
];

/// Sections of an HTML fragment such as a GOV.UK `details.body`: text before
/// the first heading as a [`Locator::Whole`] section, then one section per
/// heading.
pub fn body_sections(html: &str) -> Vec<Section> {
    let doc = Html::parse_fragment(html);
    let mut walker = Walker::new(Mode::Fragment);
    walker.walk(*doc.root_element());
    walker.finish()
}

/// Reads a saved web page: its main content (the first `<main>`,
/// `[role=main]`, `<article>`, `#content` or `.govuk-main-wrapper`; failing
/// those, the body less its header, footer, navigation and asides) and what
/// its `<head>` says about it.
///
/// The page is decoded per its byte-order mark or `<meta charset>`, else as
/// UTF-8. Errors only when the bytes are not a page at all: empty, or binary
/// ([`FormatError::NotThisFormat`]).
pub fn read(bytes: &[u8]) -> Result<Structured, FormatError> {
    let text = charset::decode_page(bytes);
    if text.trim().is_empty() {
        return Err(FormatError::NotThisFormat(
            "empty file: not an HTML page".to_string(),
        ));
    }
    let head: String = text.chars().take(8192).collect();
    if head.contains('\0') || !head.contains('<') {
        return Err(FormatError::NotThisFormat(
            "not an HTML page (binary or no markup)".to_string(),
        ));
    }
    let doc = Html::parse_document(&text);
    let root = *doc.root_element();
    let meta = page_meta(root);

    let mut warnings = Vec::new();
    let (content, mode) = match main_content(root) {
        Some(main) => (main, Mode::Main),
        None => {
            warnings.push(
                "no main element: read the page body less its header, footer and navigation"
                    .to_string(),
            );
            (root, Mode::Body)
        }
    };
    let mut walker = Walker::new(mode);
    walker.walk(content);
    Ok(Structured::new(meta, walker.finish(), warnings))
}

/// The element's local name, when the node is an element.
fn element_name<'a>(node: &NodeRef<'a, Node>) -> Option<&'a str> {
    node.value().as_element().map(|e| e.name())
}

/// The attribute's value, when the node is an element that has it.
fn attr<'a>(node: &NodeRef<'a, Node>, name: &str) -> Option<&'a str> {
    node.value().as_element().and_then(|e| e.attr(name))
}

/// Whether the element's `class` attribute lists `class`.
fn has_class(node: &NodeRef<'_, Node>, class: &str) -> bool {
    attr(node, "class").is_some_and(|c| c.split_ascii_whitespace().any(|c| c == class))
}

/// Whether the element is a GOV.UK body (`govspeak`, or a component's
/// `gem-c-govspeak`).
fn is_govspeak(node: &NodeRef<'_, Node>) -> bool {
    attr(node, "class").is_some_and(|c| {
        c.split_ascii_whitespace()
            .any(|c| c == "govspeak" || c.ends_with("-govspeak"))
    })
}

/// The page's main content element, by the first of several conventions the
/// page follows.
fn main_content(root: NodeRef<'_, Node>) -> Option<NodeRef<'_, Node>> {
    let mut found: [Option<NodeRef<'_, Node>>; 5] = [None; 5];
    for node in root.descendants() {
        let Some(name) = element_name(&node) else {
            continue;
        };
        let rank = if name == "main" {
            0
        } else if attr(&node, "role") == Some("main") {
            1
        } else if name == "article" {
            2
        } else if attr(&node, "id") == Some("content") {
            3
        } else if has_class(&node, "govuk-main-wrapper") {
            4
        } else {
            continue;
        };
        if let Some(slot) = found.get_mut(rank) {
            slot.get_or_insert(node);
        }
    }
    found.into_iter().flatten().next()
}

/// What the page's `<head>` (and its published/updated `<time>` stamps) says.
fn page_meta(root: NodeRef<'_, Node>) -> DocumentMeta {
    let mut meta = DocumentMeta::default();
    let mut title_element = None;
    let mut og_url = None;
    let mut format = None;
    let mut times: Vec<(String, DateRole)> = Vec::new();
    for node in root.descendants() {
        let Some(name) = element_name(&node) else {
            continue;
        };
        match name {
            "title" if title_element.is_none() => title_element = Some(text_of(node)),
            "link" => {
                let rel = attr(&node, "rel").unwrap_or_default();
                if rel
                    .split_ascii_whitespace()
                    .any(|r| r.eq_ignore_ascii_case("canonical"))
                {
                    meta.url = meta
                        .url
                        .take()
                        .or_else(|| attr(&node, "href").map(str::to_string));
                }
            }
            "meta" => {
                let key = attr(&node, "name")
                    .or_else(|| attr(&node, "property"))
                    .unwrap_or_default();
                let value = normalise_space(attr(&node, "content").unwrap_or_default());
                if value.is_empty() {
                    continue;
                }
                match key.to_ascii_lowercase().as_str() {
                    "og:title" => meta.title = Some(value),
                    "og:url" => og_url = Some(value),
                    "govuk:format" => format = Some(value),
                    "govuk:first-published-at" | "article:published_time" => {
                        push_date(&mut meta.dates, &value, DateRole::Published);
                    }
                    "govuk:updated-at" | "govuk:public-updated-at" | "article:modified_time" => {
                        push_date(&mut meta.dates, &value, DateRole::Updated);
                    }
                    "govuk:primary-publishing-organisation" => {
                        add_department(&mut meta.departments, &value)
                    }
                    // Usually analytics codes ("<D6><D1198>"), not names: kept
                    // only when it holds names.
                    "govuk:organisations" if !value.contains('<') => {
                        for name in value.split(',') {
                            add_department(&mut meta.departments, name);
                        }
                    }
                    _ => {}
                }
            }
            "time" => {
                if let (Some(stamp), Some(parent)) = (attr(&node, "datetime"), node.parent()) {
                    let context = leading_text(parent, 200).to_lowercase();
                    if context.contains("updated") {
                        times.push((stamp.to_string(), DateRole::Updated));
                    } else if context.contains("published") {
                        times.push((stamp.to_string(), DateRole::Published));
                    }
                }
            }
            _ => {}
        }
    }
    if meta.title.is_none() {
        meta.title = title_element
            .map(|t| strip_site_name(&t))
            .filter(|t| !t.is_empty());
    }
    meta.url = meta.url.or(og_url);
    meta.kind =
        format.map(|f| govuk_kind::kind_for(&f, meta.title.as_deref().unwrap_or_default(), None));
    // A page's own <time> stamps count only for a role its head is silent on.
    for (stamp, role) in times {
        if !meta.dates.iter().any(|d| d.role == role) {
            push_date(&mut meta.dates, &stamp, role);
        }
    }
    meta
}

fn add_department(departments: &mut Vec<String>, name: &str) {
    let name = normalise_space(name);
    if !name.is_empty() && !departments.contains(&name) {
        departments.push(name);
    }
}

/// "Spring Budget 2017 - GOV.UK" → "Spring Budget 2017": the site's name is
/// not the document's.
fn strip_site_name(title: &str) -> String {
    for sep in [" - ", " – ", " | "] {
        if let Some(rest) = title
            .strip_suffix("GOV.UK")
            .and_then(|t| t.strip_suffix(sep))
        {
            return rest.trim().to_string();
        }
    }
    title.to_string()
}

/// The first `limit` bytes or so of the text under `node`: enough to see
/// what a `<time>` stamps without reading a whole page per stamp.
fn leading_text(node: NodeRef<'_, Node>, limit: usize) -> String {
    let mut raw = String::new();
    for text in node
        .descendants()
        .filter_map(|n| n.value().as_text().map(|t| &**t))
    {
        raw.push_str(text);
        if raw.len() >= limit {
            break;
        }
    }
    normalise_space(&raw)
}

/// All the text under `node`, whitespace-normalised.
fn text_of(node: NodeRef<'_, Node>) -> String {
    let raw: String = node
        .descendants()
        .filter_map(|n| n.value().as_text().map(|t| &**t))
        .collect();
    normalise_space(&raw)
}

/// How much furniture to leave out.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// A body fragment: all of it is content.
    Fragment,
    /// A page's main element.
    Main,
    /// A page with no main element: its whole body.
    Body,
}

/// Turns a tree into sections in one pass over its open/close edges, so
/// nesting depth costs no stack.
struct Walker<'a> {
    mode: Mode,
    sections: Vec<Section>,
    current: Section,
    paragraph: String,
    /// The heading being read: its element, text so far and anchor.
    heading: Option<(NodeRef<'a, Node>, String, Option<String>)>,
    /// The table row being read (nested tables' rows join its cells) and the
    /// cells read so far.
    row: Option<(NodeRef<'a, Node>, Vec<String>)>,
    /// The cell being read.
    cell: Option<(NodeRef<'a, Node>, String)>,
    /// The element whose subtree is being left out.
    skipping: Option<NodeRef<'a, Node>>,
    /// How many `.govspeak` bodies enclose the walk (their asides are content).
    govspeak: u32,
}

impl<'a> Walker<'a> {
    fn new(mode: Mode) -> Self {
        Walker {
            mode,
            sections: Vec::new(),
            current: Section {
                locator: Locator::Whole,
                heading: None,
                paragraphs: Vec::new(),
            },
            paragraph: String::new(),
            heading: None,
            row: None,
            cell: None,
            skipping: None,
            govspeak: 0,
        }
    }

    fn walk(&mut self, root: NodeRef<'a, Node>) {
        for edge in root.traverse() {
            match edge {
                Edge::Open(node) => self.open(node),
                Edge::Close(node) => self.close(node),
            }
        }
    }

    /// Whether the element is furniture or hidden, so its subtree is left out.
    fn is_skipped(&self, node: &NodeRef<'a, Node>, name: &str) -> bool {
        if NEVER_TEXT.contains(&name) {
            return true;
        }
        let Some(element) = node.value().as_element() else {
            return false;
        };
        if element.attr("hidden").is_some() || element.attr("aria-hidden") == Some("true") {
            return true;
        }
        let style = element
            .attr("style")
            .unwrap_or_default()
            .to_ascii_lowercase()
            .replace(' ', "");
        if style.contains("display:none") || style.contains("visibility:hidden") {
            return true;
        }
        let href = element.attr("href").unwrap_or_default();
        if name == "a" && (href.starts_with("#fn") || has_class(node, "reversefootnote")) {
            return true;
        }
        if self.mode == Mode::Fragment {
            return false;
        }
        let id_class = format!(
            "{} {}",
            element.id().unwrap_or_default(),
            element.attr("class").unwrap_or_default()
        )
        .to_ascii_lowercase();
        if id_class.contains("cookie")
            || id_class.contains("skip-link")
            || id_class.contains("visually-hidden")
        {
            return true;
        }
        if PAGE_NOISE.contains(&name)
            || element
                .attr("role")
                .is_some_and(|r| NOISE_ROLES.contains(&r))
        {
            return true;
        }
        if name == "aside" {
            // A GOV.UK body's asides are its own (headline figures); others are sidebars.
            return self.govspeak == 0;
        }
        self.mode == Mode::Body && OUTER_NOISE.contains(&name)
    }

    fn open(&mut self, node: NodeRef<'a, Node>) {
        if self.skipping.is_some() {
            return;
        }
        if let Some(text) = node.value().as_text() {
            self.push_text(text);
            return;
        }
        let Some(name) = element_name(&node) else {
            return;
        };
        if self.is_skipped(&node, name) {
            self.skipping = Some(node);
            return;
        }
        if is_govspeak(&node) {
            self.govspeak = self.govspeak.saturating_add(1);
        }
        if name == "br" {
            self.push_text(" ");
        } else if self.heading.is_some() || self.cell.is_some() {
            // Inside a heading or a cell every block is just a word break.
            if BLOCKS.contains(&name) || matches!(name, "tr" | "td" | "th") || is_heading(name) {
                self.push_text(" ");
            }
        } else if is_heading(name) {
            self.end_paragraph();
            self.heading = Some((node, String::new(), attr(&node, "id").map(str::to_string)));
        } else if name == "tr" && self.row.is_none() {
            self.end_paragraph();
            self.row = Some((node, Vec::new()));
        } else if matches!(name, "td" | "th") {
            self.end_paragraph();
            self.cell = Some((node, String::new()));
        } else if BLOCKS.contains(&name) {
            self.end_paragraph();
        }
    }

    fn close(&mut self, node: NodeRef<'a, Node>) {
        if let Some(skipped) = self.skipping {
            if skipped == node {
                self.skipping = None;
            }
            return;
        }
        let Some(name) = element_name(&node) else {
            return;
        };
        if is_govspeak(&node) {
            self.govspeak = self.govspeak.saturating_sub(1);
        }
        if self.heading.as_ref().is_some_and(|(h, _, _)| *h == node) {
            if let Some((_, text, anchor)) = self.heading.take() {
                self.start_section(&text, anchor);
            }
        } else if self.cell.as_ref().is_some_and(|(c, _)| *c == node) {
            if let Some((_, text)) = self.cell.take() {
                let text = normalise_space(&text);
                match self.row.as_mut() {
                    Some((_, cells)) if !text.is_empty() => cells.push(text),
                    Some(_) => {}
                    None => self.push_paragraph(text),
                }
            }
        } else if self.row.as_ref().is_some_and(|(r, _)| *r == node) {
            if let Some((_, cells)) = self.row.take() {
                self.push_paragraph(cells.join(" | "));
            }
        } else if self.cell.is_some() || self.heading.is_some() {
            if BLOCKS.contains(&name) || matches!(name, "tr" | "td" | "th") {
                self.push_text(" ");
            }
        } else if BLOCKS.contains(&name) {
            self.end_paragraph();
        }
    }

    fn push_text(&mut self, text: &str) {
        if let Some((_, heading, _)) = self.heading.as_mut() {
            heading.push_str(text);
        } else if let Some((_, cell)) = self.cell.as_mut() {
            cell.push_str(text);
        } else {
            self.paragraph.push_str(text);
        }
    }

    fn end_paragraph(&mut self) {
        let text = normalise_space(&std::mem::take(&mut self.paragraph));
        self.push_paragraph(text);
    }

    fn push_paragraph(&mut self, text: String) {
        if !text.is_empty() {
            self.current.paragraphs.push(text);
        }
    }

    /// Ends the section so far and starts one under this heading; an empty
    /// heading (an anchor target with no text) starts nothing.
    fn start_section(&mut self, raw: &str, anchor: Option<String>) {
        let text = normalise_space(raw);
        if text.is_empty() {
            return;
        }
        let next = Section {
            locator: Locator::Heading {
                text: text.clone(),
                anchor: anchor.filter(|a| !a.is_empty()),
            },
            heading: Some(text),
            paragraphs: Vec::new(),
        };
        let done = std::mem::replace(&mut self.current, next);
        // Heading-only sections are kept: a heading is quotable text too.
        if done.heading.is_some() || !done.paragraphs.is_empty() {
            self.sections.push(done);
        }
    }

    fn finish(mut self) -> Vec<Section> {
        if let Some((_, text, anchor)) = self.heading.take() {
            self.start_section(&text, anchor);
        }
        // html5ever closes every element at the end of input, so these are
        // only for safety: nothing read is dropped.
        let mut cells = self.row.take().map(|(_, cells)| cells).unwrap_or_default();
        cells.extend(self.cell.take().map(|(_, text)| normalise_space(&text)));
        cells.retain(|c| !c.is_empty());
        self.push_paragraph(cells.join(" | "));
        self.end_paragraph();
        let current = self.current;
        if current.heading.is_some() || !current.paragraphs.is_empty() {
            self.sections.push(current);
        }
        self.sections
    }
}

fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}
