//! Akoma Ntoso as UK Lawmaker writes it: bills and amendment papers.
//!
//! The aim is the words of the print: a reader quoting the AKN file should find
//! the same text as in the PDF of the same bill. Lawmaker keeps some of the
//! printed words only in metadata (the title, stage, members' names sit in
//! `TLC*` references that placeholders point at), so placeholders are filled
//! in, and definitions get back the quotation marks the print shows.

use super::xml::{attr_local, child, elements, flat_text, Flatten, Source};
use super::{iso_date, push_date};
use super::{DateRole, DocKind, DocumentMeta, FormatError, Locator, Section, Structured};
use roxmltree::{Document, Node};
use std::collections::HashMap;

/// Reads an Akoma Ntoso document into provisions, front and back matter.
pub fn read(bytes: &[u8]) -> Result<Structured, FormatError> {
    let source = Source::from_bytes(bytes)?;
    let doc = source.parse()?;
    let root = doc.root_element();
    if root.tag_name().name() != "akomaNtoso" {
        return Err(FormatError::NotThisFormat(format!(
            "root element <{}> is not Akoma Ntoso",
            root.tag_name().name()
        )));
    }
    let mut warnings = source.warnings.clone();
    let Some(main) = root.children().find(|c| c.is_element()) else {
        warnings.push("no document inside <akomaNtoso>".into());
        return Ok(Structured {
            warnings,
            ..Default::default()
        });
    };
    let text = AknText::new(&doc);
    let meta = read_meta(main, &text);
    let mut walker = Walker {
        text: &text,
        sections: Vec::new(),
        ids: HashMap::new(),
    };
    walker.walk(main);
    if walker.sections.is_empty() {
        warnings.push("no text found".into());
    }
    Ok(Structured {
        meta,
        sections: walker.sections,
        warnings,
    })
}

/// The most nodes an element may have for a placeholder to repeat its text.
const MAX_REPEATED_NODES: usize = 200;

/// Lawmaker's values behind placeholders and `#varX` metadata values.
struct AknText<'a, 'i> {
    /// `TLC*` reference eId → its `showAs`.
    shows: HashMap<&'a str, &'a str>,
    /// Any element by eId, for placeholders that repeat text (the long title on the back cover).
    by_eid: HashMap<&'a str, Node<'a, 'i>>,
}

impl<'a, 'i> AknText<'a, 'i> {
    fn new(doc: &'a Document<'i>) -> Self {
        let mut shows = HashMap::new();
        let mut by_eid = HashMap::new();
        for n in doc.descendants().filter(|n| n.is_element()) {
            if let Some(eid) = n.attribute("eId") {
                if n.tag_name().name().starts_with("TLC") {
                    if let Some(show) = n.attribute("showAs") {
                        shows.insert(eid, show);
                    }
                } else {
                    by_eid.insert(eid, n);
                }
            }
        }
        AknText { shows, by_eid }
    }

    /// A metadata value with `#varX` indirection followed to its `showAs`.
    fn value(&self, v: &'a str) -> Option<&'a str> {
        let v = match v.strip_prefix('#') {
            Some(id) => self.shows.get(id).copied()?,
            None => v,
        };
        Some(v.trim()).filter(|v| !v.is_empty() && !v.starts_with('#'))
    }

    /// What an empty placeholder `ref` prints.
    fn placeholder(&self, r: Node) -> Option<String> {
        let id = r.attribute("href")?.strip_prefix('#')?;
        if let Some(show) = self.shows.get(id) {
            let show = show.trim();
            return Some(match attr_local(r, "dateFormat") {
                Some(_) => long_date(show).unwrap_or_else(|| show.to_string()),
                None => show.to_string(),
            });
        }
        // Repeated text: filled one level deep only, so placeholders that point
        // at each other cannot loop.
        // Only small targets (a long title, a name): many placeholders pointing at
        // a large element would otherwise make reading quadratic.
        let target = self
            .by_eid
            .get(id)
            .filter(|t| t.descendants().nth(MAX_REPEATED_NODES).is_none())?;
        Some(flat_text(*target, &Shallow(self)))
    }
}

/// "2025-07-17" → "17th July 2025", as Lawmaker's `d'th' MMMM yyyy` prints it.
fn long_date(iso: &str) -> Option<String> {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let d = iso_date(iso)?;
    let mut parts = d.split('-');
    let (y, m, day) = (
        parts.next()?,
        parts.next()?,
        parts.next()?.parse::<u32>().ok()?,
    );
    let month = MONTHS.get(m.parse::<usize>().ok()?.checked_sub(1)?)?;
    let suffix = match (day % 10, day % 100) {
        (1, n) if n != 11 => "st",
        (2, n) if n != 12 => "nd",
        (3, n) if n != 13 => "rd",
        _ => "th",
    };
    Some(format!("{day}{suffix} {month} {y}"))
}

/// Elements that are notes or markup about the text rather than the text.
fn is_apparatus(n: Node) -> bool {
    matches!(
        n.tag_name().name(),
        "meta" | "authorialNote" | "noteRef" | "componentRef"
    )
}

impl Flatten for AknText<'_, '_> {
    fn skip(&self, n: Node) -> bool {
        is_apparatus(n)
    }
    fn spaced(&self, n: Node) -> bool {
        spaced(n)
    }
    fn before(&self, n: Node) -> Option<String> {
        let empty_placeholder = n.tag_name().name() == "ref"
            && n.attribute("class") == Some("placeholder")
            && !n.children().any(|c| c.is_text() || c.is_element());
        if empty_placeholder {
            return self.placeholder(n);
        }
        attr_local(n, "startQuote").map(str::to_string)
    }
    fn after(&self, n: Node) -> Option<String> {
        attr_local(n, "endQuote").map(str::to_string)
    }
}

fn spaced(n: Node) -> bool {
    let name = n.tag_name().name();
    matches!(
        name,
        "p" | "td" | "th" | "li" | "br" | "eol" | "eop" | "docProponent"
    ) || (name == "inline" && n.attribute("name").is_some_and(|v| v.starts_with("toc")))
}

/// Placeholder filling that does not follow placeholders to other elements.
struct Shallow<'t, 'a, 'i>(&'t AknText<'a, 'i>);

impl Flatten for Shallow<'_, '_, '_> {
    fn skip(&self, n: Node) -> bool {
        is_apparatus(n)
    }
    fn spaced(&self, n: Node) -> bool {
        spaced(n)
    }
    fn before(&self, n: Node) -> Option<String> {
        if n.tag_name().name() == "ref" && n.attribute("class") == Some("placeholder") {
            let id = n.attribute("href")?.strip_prefix('#')?;
            return self.0.shows.get(id).map(|s| s.to_string());
        }
        attr_local(n, "startQuote").map(str::to_string)
    }
    fn after(&self, n: Node) -> Option<String> {
        attr_local(n, "endQuote").map(str::to_string)
    }
}

fn read_meta(main: Node, text: &AknText) -> DocumentMeta {
    let mut meta = DocumentMeta::default();
    let name = main.tag_name().name();
    let doc_name = main.attribute("name").unwrap_or_default().to_lowercase();
    meta.kind = Some(match name {
        "bill" => DocKind::Bill,
        "act" => DocKind::Act,
        "amendmentList" | "amendment" => DocKind::AmendmentPaper,
        "doc" if doc_name.contains("amend") => DocKind::AmendmentPaper,
        "debate" | "debateReport" => DocKind::Debate,
        _ => DocKind::Other,
    });
    let ident = main
        .descendants()
        .find(|d| d.tag_name().name() == "identification");
    let frbr = |level: &str| ident.and_then(|i| child(i, level));
    let frbr_value = |level: &str, field: &str| {
        frbr(level)
            .and_then(|l| child(l, field))
            .and_then(|f| f.attribute("value"))
            .and_then(|v| text.value(v))
    };
    let first = |name: &str| main.descendants().find(|d| d.tag_name().name() == name);

    meta.title = first("docTitle")
        .map(|t| flat_text(t, text))
        .filter(|t| !t.is_empty())
        .or_else(|| frbr_value("FRBRWork", "FRBRname").map(str::to_string))
        .or_else(|| {
            first("shortTitle")
                .map(|t| flat_text(t, text))
                .filter(|t| !t.is_empty())
        })
        .or_else(|| {
            let alias = frbr("FRBRWork")?.children().find(|c| {
                c.tag_name().name() == "FRBRalias" && c.attribute("name") == Some("title")
            })?;
            text.value(alias.attribute("value")?).map(str::to_string)
        });

    // Lawmaker keeps the printed bill number ("Bill 286") and the House in
    // references; the House's initials make the citation ("HC Bill 286").
    let house = text.shows.get("varHouse").map(|h| h.to_lowercase());
    let prefix = match house.as_deref() {
        Some(h) if h.contains("commons") => "HC ",
        Some(h) if h.contains("lords") => "HL ",
        _ => "",
    };
    meta.number = first("docNumber")
        .map(|n| flat_text(n, text))
        .filter(|n| !n.is_empty())
        .or_else(|| {
            text.shows
                .get("varBillNo")
                .map(|n| n.trim())
                .filter(|n| !n.is_empty())
                .map(|n| format!("{prefix}{n}"))
        })
        .or_else(|| frbr_value("FRBRWork", "FRBRnumber").map(str::to_string));

    let http = |v: &&str| v.starts_with("http://") || v.starts_with("https://");
    meta.url = [
        ("FRBRExpression", "FRBRthis"),
        ("FRBRExpression", "FRBRuri"),
        ("FRBRWork", "FRBRthis"),
        ("FRBRWork", "FRBRuri"),
    ]
    .iter()
    .find_map(|(level, field)| frbr_value(level, field).filter(http))
    .or_else(|| {
        let alias = frbr("FRBRWork")?.children().find(|c| {
            c.tag_name().name() == "FRBRalias"
                && c.attribute("value").is_some_and(|v| v.starts_with("http"))
        })?;
        alias.attribute("value")
    })
    .map(str::to_string);

    let mut dates = Vec::new();
    let dated = ident
        .into_iter()
        .flat_map(|i| i.descendants())
        .filter(|d| d.tag_name().name() == "FRBRdate");
    let events = main
        .descendants()
        .filter(|d| d.tag_name().name() == "eventRef");
    for n in dated.chain(events) {
        let label = ["name", "refersTo", "type", "eId"]
            .iter()
            .filter_map(|a| n.attribute(*a))
            .collect::<Vec<_>>()
            .join(" ");
        if let (Some(role), Some(date)) =
            (date_role(&label), n.attribute("date").and_then(iso_date))
        {
            push_date(&mut dates, &date, role);
        }
    }
    meta.dates = dates;
    meta
}

/// What an FRBRdate `name` or lifecycle event says the date is; dates whose
/// name says nothing we can use (`draft`, `akn_xml`) are left out.
fn date_role(label: &str) -> Option<DateRole> {
    let l = label.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| l.contains(w));
    if has(&["assent", "enact"]) {
        Some(DateRole::Enacted)
    } else if has(&["publish", "publication", "introduc", "firstreading"]) {
        Some(DateRole::Published)
    } else if has(&["made"]) {
        Some(DateRole::Made)
    } else if has(&["laid"]) {
        Some(DateRole::Laid)
    } else if has(&["inforce", "commenc"]) {
        Some(DateRole::InForce)
    } else if has(&["amend", "update", "modif"]) {
        Some(DateRole::Updated)
    } else {
        None
    }
}

/// Provisions: one section each, located by `eId`.
fn is_provision(name: &str) -> bool {
    matches!(
        name,
        "section" | "clause" | "article" | "regulation" | "rule" | "paragraph"
    )
}

/// Groupings that print a number or heading of their own (Parts, crossheadings, schedules).
fn is_container(name: &str) -> bool {
    matches!(
        name,
        "hcontainer" | "part" | "chapter" | "division" | "title" | "subtitle" | "book" | "tome"
    )
}

/// Front and back matter, each read as one section of the whole document.
fn is_matter(name: &str) -> bool {
    matches!(
        name,
        "coverPage" | "preface" | "preamble" | "conclusions" | "attachments" | "components"
    )
}

/// Elements whose text is one paragraph.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "block" | "tocItem" | "longTitle" | "heading" | "subheading" | "tr" | "li"
    )
}

/// The paragraphs under `top`, each starting with the numbers of the levels
/// it opens ("(2)(a) the producer ..."); `top`'s own num and heading are left
/// for the locator and heading, and notes follow the paragraph they sit in.
fn paragraphs(top: Node, text: &AknText) -> Vec<String> {
    let mut out = Vec::new();
    let mut pending = String::new();
    let mut elements = elements(top);
    while let Some(n) = elements.next() {
        if n == top {
            continue;
        }
        let name = n.tag_name().name();
        let own = n.parent() == Some(top) && matches!(name, "num" | "heading");
        if is_apparatus(n) || own {
            elements.skip_subtree(n);
            if own {
                out.extend(notes(n, text));
            }
            continue;
        }
        if name == "num" {
            let num = flat_text(n, text);
            pending = format!("{pending}{num}");
            out.extend(notes(n, text));
            elements.skip_subtree(n);
        } else if is_block(name) {
            let t = flat_text(n, text);
            if !t.is_empty() {
                out.push(if pending.is_empty() {
                    t
                } else {
                    format!("{pending} {t}")
                });
                pending.clear();
            }
            out.extend(notes(n, text));
            elements.skip_subtree(n);
        }
    }
    out
}

/// Texts of the notes inside an element (the "Section 11" reference note beside
/// a schedule's number), which the print shows apart from the text they annotate.
fn notes(n: Node, text: &AknText) -> Vec<String> {
    n.descendants()
        .filter(|d| d.tag_name().name() == "authorialNote")
        .flat_map(|note| paragraphs(note, text))
        .collect()
}

struct Walker<'t, 'a, 'i> {
    text: &'t AknText<'a, 'i>,
    sections: Vec<Section>,
    ids: HashMap<String, usize>,
}

impl Walker<'_, '_, '_> {
    fn walk(&mut self, main: Node) {
        let mut elements = elements(main);
        while let Some(n) = elements.next() {
            if n == main {
                continue;
            }
            let name = n.tag_name().name();
            let in_container = n
                .parent()
                .is_some_and(|p| is_container(p.tag_name().name()));
            if is_apparatus(n) {
            } else if is_matter(name) {
                let paragraphs = paragraphs(n, self.text);
                if !paragraphs.is_empty() {
                    self.sections.push(Section {
                        locator: Locator::Whole,
                        heading: None,
                        paragraphs,
                    });
                }
            } else if is_provision(name) {
                self.provision(n, false);
            } else if is_container(name) {
                self.provision(n, true);
                continue; // its provisions and sub-containers follow as sections of their own
            } else if in_container {
                // Text directly in a container was read with the container.
            } else if name == "body" || name == "mainBody" {
                continue;
            } else {
                let paragraphs = paragraphs(n, self.text);
                if !paragraphs.is_empty() {
                    self.sections.push(Section {
                        locator: Locator::Whole,
                        heading: None,
                        paragraphs,
                    });
                }
            }
            elements.skip_subtree(n);
        }
    }

    /// A provision, or a container's own number, heading and loose text.
    fn provision(&mut self, n: Node, container: bool) {
        let own = |name: &str| {
            child(n, name)
                .map(|c| flat_text(c, self.text))
                .filter(|t| !t.is_empty())
        };
        let (number, heading) = (own("num"), own("heading"));
        let paragraphs = if container {
            let mut out: Vec<String> = child(n, "num")
                .map(|c| notes(c, self.text))
                .unwrap_or_default();
            for c in n.children().filter(|c| c.is_element()) {
                let cname = c.tag_name().name();
                if !matches!(cname, "num" | "heading")
                    && !is_container(cname)
                    && !is_provision(cname)
                {
                    out.extend(paragraphs(c, self.text));
                }
            }
            out
        } else {
            paragraphs(n, self.text)
        };
        if paragraphs.is_empty() && heading.is_none() && (container || number.is_none()) {
            return;
        }
        let base = n
            .attribute("eId")
            .or_else(|| n.attribute("GUID"))
            .map(str::to_string)
            .unwrap_or_else(|| format!("provision-{}", self.sections.len() + 1));
        let id = if self.ids.contains_key(&base) {
            (2..)
                .map(|k| format!("{base}-{k}"))
                .find(|c| !self.ids.contains_key(c))
                .unwrap_or(base)
        } else {
            base
        };
        self.ids.insert(id.clone(), self.sections.len());
        self.sections.push(Section {
            locator: Locator::Provision { id, number },
            heading,
            paragraphs,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_and_quotes_are_filled() {
        let src = r##"<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0" xmlns:ukl="u">
          <bill name="x"><meta><identification>
            <FRBRWork><FRBRthis value="#w"/><FRBRdate date="2025-07-16T10:00:00Z" name="published"/>
              <FRBRdate date="9999-01-01" name="draft"/></FRBRWork></identification>
            <references><TLCConcept eId="t" showAs="Some Bill"/><TLCConcept eId="w" showAs="https://example.org/b"/>
            <TLCConcept eId="varBillNo" showAs="Bill 9"/><TLCConcept eId="varHouse" showAs="House of Lords"/></references></meta>
          <coverPage><block name="title"><docTitle><ref class="placeholder" href="#t"/></docTitle></block></coverPage>
          <body><section eId="sec_1"><num>1</num><heading>Words</heading>
            <subsection eId="sec_1__subsec_1"><num>(1)</num><content><p>In this Act <def ukl:startQuote="“" ukl:endQuote="”">fuel</def> means<?L 1-2?> fuel.</p></content></subsection>
          </section></body></bill></akomaNtoso>"##;
        let s = read(src.as_bytes()).unwrap();
        assert_eq!(s.meta.title.as_deref(), Some("Some Bill"));
        assert_eq!(s.meta.kind, Some(DocKind::Bill));
        assert_eq!(s.meta.number.as_deref(), Some("HL Bill 9"));
        assert_eq!(s.meta.url.as_deref(), Some("https://example.org/b"));
        assert_eq!(s.meta.dates.len(), 1);
        let last = s.sections.last().unwrap();
        assert_eq!(last.heading.as_deref(), Some("Words"));
        assert_eq!(
            last.paragraphs,
            vec!["(1) In this Act “fuel” means fuel.".to_string()]
        );
    }

    #[test]
    fn long_dates_print_like_lawmaker() {
        assert_eq!(long_date("2025-07-17").as_deref(), Some("17th July 2025"));
        assert_eq!(long_date("2025-07-22").as_deref(), Some("22nd July 2025"));
        assert_eq!(long_date("2025-07-11").as_deref(), Some("11th July 2025"));
    }
}
