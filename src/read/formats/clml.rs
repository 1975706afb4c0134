//! legislation.gov.uk's Crown Legislation Markup Language: Acts and statutory
//! instruments of every UK legislature, whole, as point-in-time extracts, as
//! metadata-only records, or as bare fragments that tools store on their own.
//!
//! Quotes are cited by provision, so each top-level provision (section,
//! article, regulation, schedule paragraph: a `P1`) becomes one section,
//! located by its `id` as legislation.gov.uk gives it.

use super::clml_meta::{self, is};
use super::clml_text::{clml_text, is_apparatus, UKM_NS};
use super::xml::{self, child, elements, Source};
use super::{FormatError, Locator, Section, Structured};
use roxmltree::Node;
use std::collections::HashMap;

/// Reads a CLML document or fragment into provisions and metadata.
pub fn read(bytes: &[u8]) -> Result<Structured, FormatError> {
    let source = Source::from_bytes(bytes)?;
    let doc = source.parse()?;
    let root = doc.root_element();
    let name = root.tag_name().name();
    let ns = root.tag_name().namespace();
    let ours = ns.is_none() || ns == Some(xml::LEGISLATION_NS);
    let whole = name == "Legislation" && ns == Some(xml::LEGISLATION_NS);
    if !(whole || ours && xml::is_clml_fragment_root(name)) {
        return Err(FormatError::NotThisFormat(format!(
            "root element <{name}> is not legislation.gov.uk CLML"
        )));
    }
    let meta = clml_meta::read_meta(root, whole);
    let mut warnings = source.warnings.clone();
    let mut walker = Walker {
        sections: Vec::new(),
        ids: HashMap::new(),
        renamed: false,
    };
    walker.walk(root, provision_word(root));
    if walker.renamed {
        warnings.push("some provisions shared an id: later ones were suffixed".into());
    }
    if walker.sections.is_empty() {
        let has_body = root
            .descendants()
            .any(|d| matches!(d.tag_name().name(), "Body" | "P1"));
        warnings.push(if whole && !has_body {
            super::METADATA_ONLY.into()
        } else {
            "no provisions with text found".into()
        });
    }
    Ok(Structured {
        meta,
        sections: walker.sections,
        warnings,
    })
}

/// Elements whose text is one paragraph of a provision.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "Text"
            | "Title"
            | "Subtitle"
            | "Number"
            | "tr"
            | "LongTitle"
            | "DateOfEnactment"
            | "MadeDate"
            | "LaidDate"
            | "ComingIntoForce"
            | "SubjectInformation"
            | "Signee"
            | "Formula"
    )
}

/// `P2`..`P7`: sub-levels of a provision, printed with their number in brackets.
fn sub_level(name: &str) -> bool {
    matches!(name, "P2" | "P3" | "P4" | "P5" | "P6" | "P7")
}

/// A level's number as printed: `(1)`, `(a)`; a `P1` quoted in an amendment
/// prints bare (`121ZA`). `PuncBefore`/`PuncAfter` override the brackets.
fn printed_number(level: Node) -> Option<String> {
    let n = clml_text(child(level, "Pnumber")?);
    if n.is_empty() {
        return None;
    }
    let pn = child(level, "Pnumber")?;
    let bracketed = sub_level(level.tag_name().name());
    let before = pn
        .attribute("PuncBefore")
        .unwrap_or(if bracketed { "(" } else { "" });
    let after = pn
        .attribute("PuncAfter")
        .unwrap_or(if bracketed { ")" } else { "" });
    Some(format!("{before}{n}{after}"))
}

/// The paragraphs under `top`: one per text block, each starting with the
/// numbers of the levels it opens ("(2)(a) it is limited by shares").
/// `own_heading` leaves out `top`'s own Title/Number, which become the heading.
fn paragraphs(top: Node, own_heading: bool) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut pending = String::new();
    let mut elements = elements(top);
    while let Some(n) = elements.next() {
        let name = n.tag_name().name();
        let heading_of_top =
            own_heading && n.parent() == Some(top) && matches!(name, "Title" | "Number");
        if n != top && (is_apparatus(n) || name == "Pnumber" || heading_of_top) {
            elements.skip_subtree(n);
            continue;
        }
        if n != top && (sub_level(name) || name == "P1") {
            if let Some(num) = printed_number(n) {
                pending = if pending.is_empty() {
                    num
                } else {
                    format!("{pending}{num}")
                };
            }
        } else if name == "ListItem" {
            if let Some(num) = n.attribute("NumberOverride") {
                let deco = n
                    .parent()
                    .and_then(|l| l.attribute("Decoration"))
                    .unwrap_or("none");
                let num = match deco {
                    "parens" => format!("({num})"),
                    "brackets" => format!("[{num}]"),
                    "parenRight" => format!("{num})"),
                    "period" | "dot" => format!("{num}."),
                    _ => num.to_string(),
                };
                pending = if pending.is_empty() {
                    num
                } else {
                    format!("{pending} {num}")
                };
            }
        } else if name == "AppendText" {
            let text = clml_text(n);
            match out.last_mut() {
                Some(last) if !text.is_empty() => {
                    if text.starts_with(|c: char| c.is_alphanumeric()) {
                        last.push(' ');
                    }
                    last.push_str(&text);
                }
                _ if !text.is_empty() => out.push(text),
                _ => {}
            }
            elements.skip_subtree(n);
        } else if is_block(name) {
            let text = clml_text(n);
            if !text.is_empty() {
                out.push(if pending.is_empty() {
                    text
                } else {
                    format!("{pending} {text}")
                });
                pending.clear();
            }
            elements.skip_subtree(n);
        }
    }
    out
}

/// The word legislation.gov.uk uses in ids of this document's provisions.
fn provision_word(root: Node) -> &'static str {
    let minor = root
        .descendants()
        .find(|d| is(*d, UKM_NS, "DocumentMinorType"))
        .and_then(|d| d.attribute("Value"));
    let secondary = root
        .descendants()
        .any(|d| d.tag_name().name() == "Secondary");
    match (secondary, minor) {
        (true, Some("regulation")) => "regulation",
        (true, Some("rule")) => "rule",
        (true, _) => "article",
        _ => "section",
    }
}

/// How far up the tree to look for an enclosing container or schedule.
const MAX_CLIMB: usize = 64;

/// Builds sections from a walk over the whole tree.
struct Walker {
    sections: Vec<Section>,
    /// Section index by locator id, to merge text of one container and keep ids unique.
    ids: HashMap<String, usize>,
    renamed: bool,
}

impl Walker {
    fn walk(&mut self, root: Node, word: &str) {
        let mut elements = elements(root);
        while let Some(n) = elements.next() {
            let name = n.tag_name().name();
            let handled = if is_apparatus(n) {
                true
            } else if name == "P1" {
                self.provision(n, word);
                true
            } else if matches!(
                name,
                "PrimaryPrelims" | "SecondaryPrelims" | "ExplanatoryNotes" | "EarlierOrders"
            ) {
                let heading = child(n, "Title")
                    .map(|t| clml_text(t))
                    .filter(|t| !t.is_empty());
                self.push_whole(heading, paragraphs(n, true));
                true
            } else if matches!(name, "Part" | "Chapter") {
                // A Part's or Chapter's title is printed and says what its
                // provisions are about ("The community right to buy"): a
                // section of its own, a heading with no paragraphs. Its
                // provisions are read as the walk goes on into it.
                self.division(n);
                false
            } else if matches!(
                name,
                "Title" | "Number" | "Pnumber" | "TitleBlock" | "Reference"
            ) {
                true // read with their provision or division, not as text
            } else if is_block(name) || matches!(name, "BlockAmendment" | "AppendText") {
                self.orphan(n);
                true
            } else {
                false
            };
            if handled && n != root {
                elements.skip_subtree(n);
            }
        }
    }

    /// A Part's or Chapter's own section: its title as the heading, placed
    /// by its id (or `part-2` made from its number).
    fn division(&mut self, n: Node) {
        let holder = child(n, "TitleBlock").unwrap_or(n);
        let Some(heading) = child(holder, "Title")
            .map(|t| clml_text(t))
            .filter(|t| !t.is_empty())
        else {
            return;
        };
        let number = child(n, "Number")
            .or_else(|| child(holder, "Number"))
            .map(|t| clml_text(t))
            .filter(|t| !t.is_empty());
        // legislation.gov.uk's own shape where the file has no id: `part-2`,
        // and a chapter within its part, `part-2-chapter-1`.
        let made_id = |n: Node, number: Option<&str>| {
            let word = n.tag_name().name().to_ascii_lowercase();
            let digits: String = number
                .unwrap_or_default()
                .split_whitespace()
                .last()
                .unwrap_or_default()
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
                .to_ascii_lowercase();
            (!digits.is_empty()).then(|| format!("{word}-{digits}"))
        };
        let id = match n.attribute("id").filter(|i| !i.is_empty()) {
            Some(id) => id.to_string(),
            None => {
                let own = made_id(n, number.as_deref()).unwrap_or_else(|| {
                    format!(
                        "{}-{}",
                        n.tag_name().name().to_ascii_lowercase(),
                        self.sections.len() + 1
                    )
                });
                let part = n
                    .ancestors()
                    .skip(1)
                    .take(MAX_CLIMB)
                    .find(|a| a.tag_name().name() == "Part")
                    .and_then(|p| {
                        let number = child(p, "Number").map(|t| clml_text(t));
                        made_id(p, number.as_deref())
                    });
                match part {
                    Some(part) if n.tag_name().name() == "Chapter" => format!("{part}-{own}"),
                    _ => own,
                }
            }
        };
        let id = self.unique(id);
        self.ids.insert(id.clone(), self.sections.len());
        self.sections.push(Section {
            locator: Locator::Provision { id, number },
            heading: Some(heading),
            paragraphs: Vec::new(),
        });
    }

    fn provision(&mut self, p1: Node, word: &str) {
        let number = child(p1, "Pnumber")
            .map(|n| clml_text(n))
            .filter(|n| !n.is_empty());
        let heading = p1
            .parent()
            .filter(|g| g.tag_name().name() == "P1group")
            .and_then(|g| child(g, "Title"))
            .map(|t| clml_text(t))
            .filter(|t| !t.is_empty());
        let id = match p1.attribute("id").filter(|i| !i.is_empty()) {
            Some(id) => id.to_string(),
            None => synthetic_id(p1, word, number.as_deref(), self.sections.len()),
        };
        let paragraphs = paragraphs(p1, false);
        if paragraphs.is_empty() && heading.is_none() {
            return;
        }
        let id = self.unique(id);
        self.ids.insert(id.clone(), self.sections.len());
        self.sections.push(Section {
            locator: Locator::Provision { id, number },
            heading,
            paragraphs,
        });
    }

    /// Text outside any provision joins a section for the nearest container
    /// with an id (a schedule of repeals is one table), else a whole-document one.
    fn orphan(&mut self, n: Node) {
        let texts = paragraphs(n, false);
        if texts.is_empty() {
            return;
        }
        // Bounded: containers sit a few levels up, and hostile nesting must not
        // make this quadratic.
        let container = n.ancestors().skip(1).take(MAX_CLIMB).find(|a| {
            let name = a.tag_name().name();
            name == "Schedule"
                || (a.attribute("id").is_some() && !matches!(name, "Text" | "Para" | "P"))
        });
        let key = match container {
            Some(c) if c.tag_name().name() == "Schedule" => schedule_id(c),
            Some(c) => c.attribute("id").unwrap_or_default().to_string(),
            None => String::new(),
        };
        if let Some(section) = self.ids.get(&key).and_then(|i| self.sections.get_mut(*i)) {
            section.paragraphs.extend(texts);
            return;
        }
        let (locator, heading) = match container {
            Some(c) => {
                let title_holder = child(c, "TitleBlock").unwrap_or(c);
                let heading = child(title_holder, "Title")
                    .map(|t| clml_text(t))
                    .filter(|t| !t.is_empty());
                let number = child(c, "Number")
                    .or_else(|| child(title_holder, "Number"))
                    .map(|t| clml_text(t))
                    .filter(|t| !t.is_empty());
                (
                    Locator::Provision {
                        id: key.clone(),
                        number,
                    },
                    heading,
                )
            }
            None => (Locator::Whole, None),
        };
        self.ids.insert(key, self.sections.len());
        self.sections.push(Section {
            locator,
            heading,
            paragraphs: texts,
        });
    }

    fn push_whole(&mut self, heading: Option<String>, paragraphs: Vec<String>) {
        if !paragraphs.is_empty() {
            self.sections.push(Section {
                locator: Locator::Whole,
                heading,
                paragraphs,
            });
        }
    }

    fn unique(&mut self, id: String) -> String {
        if !self.ids.contains_key(&id) {
            return id;
        }
        self.renamed = true;
        (2..)
            .map(|k| format!("{id}-{k}"))
            .find(|c| !self.ids.contains_key(c))
            .unwrap_or(id)
    }
}

/// An id in legislation.gov.uk's own style for a provision the file left
/// unnamed (older files): `section-3`, `schedule-2-paragraph-4`.
fn synthetic_id(p1: Node, word: &str, number: Option<&str>, index: usize) -> String {
    let slug = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .collect::<String>()
            .to_lowercase()
    };
    let Some(num) = number.map(slug).filter(|s| !s.is_empty()) else {
        return format!("provision-{}", index + 1);
    };
    let schedule = p1
        .ancestors()
        .take(MAX_CLIMB)
        .find(|a| a.tag_name().name() == "Schedule");
    let Some(schedule) = schedule else {
        return format!("{word}-{num}");
    };
    format!("{}-paragraph-{num}", schedule_id(schedule))
}

/// A schedule's id, or one in legislation.gov.uk's style from its printed
/// number ("SCHEDULE 3" → `schedule-3`; a lone "SCHEDULE" → `schedule`).
fn schedule_id(schedule: Node) -> String {
    if let Some(id) = schedule.attribute("id").filter(|i| !i.is_empty()) {
        return id.to_string();
    }
    let number = child(schedule, "Number")
        .or_else(|| child(schedule, "TitleBlock").and_then(|t| child(t, "Number")))
        .map(clml_text)
        .unwrap_or_default();
    let last: String = number
        .split_whitespace()
        .last()
        .unwrap_or_default()
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect::<String>()
        .to_lowercase();
    if last.is_empty() || last == "schedule" {
        "schedule".to_string()
    } else {
        format!("schedule-{last}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragment_without_namespace_reads_numbers_as_printed() {
        let src = r#"<P1group><Title>Heading</Title><P1 id="section-9"><Pnumber>9</Pnumber><P1para>
            <P2><Pnumber>1</Pnumber><P2para><Text>Lead in<CommentaryRef Ref="c1"/>—</Text>
            <P3><Pnumber>a</Pnumber><P3para><Text>first, <Addition>and</Addition></Text></P3para></P3>
            </P2para></P2></P1para></P1></P1group>"#;
        let s = read(src.as_bytes()).unwrap();
        assert_eq!(s.sections.len(), 1);
        let sec = &s.sections[0];
        assert_eq!(
            sec.locator,
            Locator::Provision {
                id: "section-9".into(),
                number: Some("9".into())
            }
        );
        assert_eq!(sec.heading.as_deref(), Some("Heading"));
        assert_eq!(
            sec.paragraphs,
            vec!["(1) Lead in—".to_string(), "(a) first, and".to_string()]
        );
        assert_eq!(s.meta.url, None);
    }

    #[test]
    fn other_xml_is_refused() {
        assert!(matches!(
            read(b"<html/>"),
            Err(FormatError::NotThisFormat(_))
        ));
    }
}
