//! Hansard as ParlParse scrapes it for TheyWorkForYou (`publicwhip` files):
//! debates, Westminster Hall, written statements and written answers.
//!
//! Hansard is quoted by speech, so each speech (or written question and
//! answer) is one section, headed by the debate title it falls under.

use super::xml::{flat_text, traverse, Edge, Flatten, Source};
use super::{iso_date, normalise_space, push_date};
use super::{DateRole, DocKind, DocumentMeta, FormatError, Locator, Section, Structured};
use roxmltree::{Node, NodeId};
use std::collections::HashSet;

/// Reads a ParlParse Hansard file into speeches.
pub fn read(bytes: &[u8]) -> Result<Structured, FormatError> {
    let source = Source::from_bytes(bytes)?;
    let doc = source.parse()?;
    let root = doc.root_element();
    if root.tag_name().name() != "publicwhip" {
        return Err(FormatError::NotThisFormat(format!(
            "root element <{}> is not ParlParse Hansard (publicwhip)",
            root.tag_name().name()
        )));
    }
    let mut warnings = source.warnings.clone();
    let mut sections = Vec::new();
    let mut seen = HashSet::new();
    let mut major: Option<String> = None;
    let mut minor: Option<String> = None;
    for item in root.children().filter(|c| c.is_element()) {
        match item.tag_name().name() {
            "major-heading" | "oral-heading" => {
                major = Some(flat_text(item, &HansardText)).filter(|t| !t.is_empty());
                minor = None;
            }
            "minor-heading" => {
                minor = Some(flat_text(item, &HansardText)).filter(|t| !t.is_empty())
            }
            "speech" | "ques" | "reply" => {
                let paragraphs = speech_paragraphs(item);
                if paragraphs.is_empty() {
                    continue;
                }
                let Some(id) = item.attribute("id").map(str::to_string) else {
                    warnings.push("a speech without an id was left out".into());
                    continue;
                };
                if !seen.insert(id.clone()) {
                    warnings.push(format!("speech id {id} repeated: later copy left out"));
                    continue;
                }
                let column = item.attribute("colnum").map(str::to_string);
                let speaker = item
                    .attribute("speakername")
                    .map(normalise_space)
                    .filter(|s| !s.is_empty());
                sections.push(Section {
                    locator: Locator::Speech {
                        id,
                        column,
                        speaker,
                    },
                    heading: minor.clone().or_else(|| major.clone()),
                    paragraphs,
                });
            }
            _ => {} // divisions (lists of names) and anything newer: not quotable speech
        }
    }
    if sections.is_empty() {
        warnings.push("no speeches found".into());
    }
    let meta = read_meta(root);
    Ok(Structured {
        meta,
        sections,
        warnings,
    })
}

/// ParlParse's inline markup is all text; only table cells need spaces kept apart.
struct HansardText;

impl Flatten for HansardText {
    fn spaced(&self, n: Node) -> bool {
        matches!(n.tag_name().name(), "td" | "th" | "br" | "li")
    }
}

/// A speech's paragraphs: its `p`s, table rows and list items, or all its text
/// as one paragraph when it has none.
fn speech_paragraphs(speech: Node) -> Vec<String> {
    let mut out = Vec::new();
    let mut skipping: Option<NodeId> = None;
    for edge in traverse(speech) {
        match edge {
            Edge::Close(n) if skipping == Some(n.id()) => skipping = None,
            Edge::Open(n) if skipping.is_none() && n.is_element() => {
                if matches!(n.tag_name().name(), "p" | "tr" | "li" | "blockquote") {
                    let t = flat_text(n, &HansardText);
                    if !t.is_empty() {
                        out.push(t);
                    }
                    skipping = Some(n.id());
                }
            }
            _ => {}
        }
    }
    if out.is_empty() {
        let t = flat_text(speech, &HansardText);
        if !t.is_empty() {
            out.push(t);
        }
    }
    out
}

/// What kind of record the ids say this is, and the date they carry.
///
/// ParlParse ids read `uk.org.publicwhip/<type>/<YYYY-MM-DD><letter>.<col>.<n>`;
/// the type names the record and the House (older Lords files use `wms` and
/// `wrans` too, so Lords speakers' ids and the Lords' Hansard URLs also count).
fn read_meta(root: Node) -> DocumentMeta {
    let items: Vec<Node> = root.children().filter(|c| c.is_element()).collect();
    let typed = items.iter().find_map(|n| {
        let rest = n.attribute("id")?.strip_prefix("uk.org.publicwhip/")?;
        let (kind, rest) = rest.split_once('/')?;
        Some((kind.to_string(), iso_date(rest.get(..10)?)?))
    });
    let first_speech = items
        .iter()
        .find(|n| matches!(n.tag_name().name(), "speech" | "ques" | "reply"));
    let url = first_speech
        .and_then(|s| s.attribute("url"))
        .map(str::to_string)
        .filter(|u| !u.is_empty());
    let lords = items.iter().any(|n| {
        n.attribute("speakerid")
            .is_some_and(|s| s.contains("/lord/"))
            || n.attribute("url").is_some_and(|u| u.contains("/ldhansrd/"))
    });
    let mut meta = DocumentMeta {
        url,
        ..Default::default()
    };
    let Some((record, date)) = typed else {
        return meta;
    };
    let lords = lords || record.starts_with("lords");
    let house = if lords {
        "House of Lords"
    } else {
        "House of Commons"
    };
    // ParlParse files have no title of their own; this one is made from what
    // the ids say (record type, House, sitting date), worded as Hansard's own
    // volumes are ("House of Commons debates"), so a reader can tell what it is.
    let (kind, what) = match record.as_str() {
        "debate" | "debates" => (DocKind::Debate, format!("{house} debates")),
        "lords" => (DocKind::Debate, "House of Lords debates".to_string()),
        "westminhall" => (DocKind::Debate, "Westminster Hall debates".to_string()),
        "wms" | "lordswms" => (
            DocKind::Statement,
            format!("{house} written ministerial statements"),
        ),
        "wrans" | "lordswrans" => (DocKind::Answer, format!("{house} written answers")),
        other => (DocKind::Other, format!("Hansard ({other})")),
    };
    meta.kind = Some(kind);
    meta.title = Some(format!("{what}, {date}"));
    push_date(&mut meta.dates, &date, DateRole::Sitting);
    meta
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speeches_under_headings() {
        let src = br#"<?xml version="1.0" encoding="ISO-8859-1"?>
<publicwhip>
<major-heading id="uk.org.publicwhip/debate/2009-10-28c.1.0" colnum="1">  Major  </major-heading>
<minor-heading id="uk.org.publicwhip/debate/2009-10-28c.1.1" colnum="1">Minor</minor-heading>
<speech id="uk.org.publicwhip/debate/2009-10-28c.1.2" speakername="A Person" colnum="1" url="http://x/1">
  <p>Caf&eacute; &pound;5&mdash;<i>yes</i></p><p>Second
  line</p></speech>
<division id="uk.org.publicwhip/debate/2009-10-28c.1.3"><mplist><mpname>X</mpname></mplist></division>
</publicwhip>"#;
        let s = read(src).unwrap();
        assert_eq!(s.meta.kind, Some(DocKind::Debate));
        assert_eq!(
            s.meta.title.as_deref(),
            Some("House of Commons debates, 2009-10-28")
        );
        assert_eq!(s.meta.url.as_deref(), Some("http://x/1"));
        assert_eq!(s.sections.len(), 1);
        assert_eq!(s.sections[0].heading.as_deref(), Some("Minor"));
        assert_eq!(
            s.sections[0].paragraphs,
            vec!["Caf\u{e9} \u{a3}5\u{2014}yes", "Second line"]
        );
    }
}
