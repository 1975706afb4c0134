//! What a CLML file says about itself: title, type, number, the URI a reader
//! can follow, and its dates, from the `ukm:Metadata` block, the printed
//! prelims of older files, or (for fragments) the URIs on their elements.

use super::clml_text::{clml_text, UKM_NS};
use super::xml::{attr_local, child};
use super::{iso_date, normalise_space, push_date};
use super::{DateRole, DocKind, DocumentMeta};
use roxmltree::Node;

pub(super) const DC_NS: &str = "http://purl.org/dc/elements/1.1/";
pub(super) const DCT_NS: &str = "http://purl.org/dc/terms/";

/// True for an element in a namespace with this local name.
pub(super) fn is(node: Node, ns: &str, name: &str) -> bool {
    node.is_element() && node.tag_name().name() == name && node.tag_name().namespace() == Some(ns)
}

/// How legislation.gov.uk names and numbers each type of legislation:
/// URI code, `DocumentMainType`, kind, and how its number is cited.
const TYPES: &[(&str, &str, DocKind, Cite)] = &[
    (
        "ukpga",
        "UnitedKingdomPublicGeneralAct",
        DocKind::Act,
        Cite::Chapter,
    ),
    ("ukla", "UnitedKingdomLocalAct", DocKind::Act, Cite::Chapter),
    (
        "ukppa",
        "UnitedKingdomPrivateOrPersonalAct",
        DocKind::Act,
        Cite::Chapter,
    ),
    ("nia", "NorthernIrelandAct", DocKind::Act, Cite::Chapter),
    (
        "apni",
        "NorthernIrelandParliamentAct",
        DocKind::Act,
        Cite::Chapter,
    ),
    ("asp", "ScottishAct", DocKind::Act, Cite::Series("asp")),
    (
        "asc",
        "WelshParliamentAct",
        DocKind::Act,
        Cite::Series("asc"),
    ),
    (
        "anaw",
        "WelshNationalAssemblyAct",
        DocKind::Act,
        Cite::Series("anaw"),
    ),
    (
        "mwa",
        "WelshAssemblyMeasure",
        DocKind::Act,
        Cite::Series("nawm"),
    ),
    (
        "ukcm",
        "UnitedKingdomChurchMeasure",
        DocKind::Act,
        Cite::Series("No."),
    ),
    (
        "uksi",
        "UnitedKingdomStatutoryInstrument",
        DocKind::StatutoryInstrument,
        Cite::Si("SI"),
    ),
    (
        "ssi",
        "ScottishStatutoryInstrument",
        DocKind::StatutoryInstrument,
        Cite::Si("SSI"),
    ),
    (
        "wsi",
        "WelshStatutoryInstrument",
        DocKind::StatutoryInstrument,
        Cite::Si("WSI"),
    ),
    (
        "nisr",
        "NorthernIrelandStatutoryRule",
        DocKind::StatutoryInstrument,
        Cite::Si("SR"),
    ),
    (
        "nisi",
        "NorthernIrelandOrderInCouncil",
        DocKind::StatutoryInstrument,
        Cite::Si("SI"),
    ),
    (
        "ukmo",
        "UnitedKingdomMinisterialOrder",
        DocKind::StatutoryInstrument,
        Cite::Si("MO"),
    ),
];

/// How a type's number is cited.
#[derive(Clone, Copy)]
enum Cite {
    /// `2002 c. 16`
    Chapter,
    /// `2003 asp 2`
    Series(&'static str),
    /// `SI 2014/333`
    Si(&'static str),
}

fn cite(style: Cite, year: &str, number: &str) -> String {
    match style {
        Cite::Chapter => format!("{year} c. {number}"),
        Cite::Series(s) => format!("{year} {s} {number}"),
        Cite::Si(s) => format!("{s} {year}/{number}"),
    }
}

/// Kind for a `DocumentMainType` not in [`TYPES`], from the words it is made of.
fn kind_from_main_type(main: &str) -> DocKind {
    if let Some(t) = TYPES.iter().find(|t| t.1 == main) {
        return t.2;
    }
    if main.contains("Act") || main.contains("Measure") {
        DocKind::Act
    } else if ["StatutoryInstrument", "StatutoryRule", "Order"]
        .iter()
        .any(|w| main.contains(w))
    {
        DocKind::StatutoryInstrument
    } else {
        DocKind::Other
    }
}

/// Type code, year and number from a legislation.gov.uk URI
/// (`http://www.legislation.gov.uk/id/ukpga/2025/16/section/1`).
fn parse_uri(uri: &str) -> Option<(String, Option<String>, Option<String>)> {
    let rest = uri.get(uri.find("legislation.gov.uk/")? + "legislation.gov.uk/".len()..)?;
    let rest = rest.strip_prefix("id/").unwrap_or(rest);
    let mut parts = rest.split('/');
    let code = parts.next().filter(|c| !c.is_empty())?.to_string();
    let year = parts
        .next()
        .filter(|y| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()));
    let number = year
        .and(parts.next())
        .filter(|n| n.bytes().all(|b| b.is_ascii_digit()) && !n.is_empty());
    Some((code, year.map(str::to_string), number.map(str::to_string)))
}

/// Everything the file states about itself; `whole` is false for fragments.
pub(super) fn read_meta(root: Node, whole: bool) -> DocumentMeta {
    let mut meta = DocumentMeta::default();
    let ukm = root.children().find(|c| is(*c, UKM_NS, "Metadata"));
    let in_meta = |ns: &str, name: &str| ukm.and_then(|m| m.children().find(|c| is(*c, ns, name)));
    let text_of = |n: Node| normalise_space(n.text().unwrap_or_default());
    let prelims = root
        .descendants()
        .find(|d| matches!(d.tag_name().name(), "PrimaryPrelims" | "SecondaryPrelims"));

    meta.title = in_meta(DC_NS, "title")
        .map(|t| clml_text(t))
        .or_else(|| {
            prelims
                .and_then(|p| child(p, "Title"))
                .map(|t| clml_text(t))
        })
        .or_else(|| child(root, "Title").map(|t| clml_text(t)))
        .filter(|t| !t.is_empty());

    // Primary/SecondaryMetadata holds this document's own facts; elsewhere
    // (ukm:Supersedes, unapplied effects) the same names describe other documents.
    let pm = ukm.and_then(|m| {
        m.children()
            .find(|c| is(*c, UKM_NS, "PrimaryMetadata") || is(*c, UKM_NS, "SecondaryMetadata"))
    });
    let pm_child = |name: &str| pm.and_then(|p| p.children().find(|c| is(*c, UKM_NS, name)));
    let value = |name: &str| {
        pm_child(name)
            .and_then(|n| n.attribute("Value"))
            .map(str::to_string)
    };
    let main_type = pm
        .and_then(|p| p.descendants().find(|c| is(*c, UKM_NS, "DocumentMainType")))
        .and_then(|n| n.attribute("Value"));

    // Fragments carry their identity only in DocumentURI / IdURI attributes.
    // (A whole document's descendants carry URIs of their own parts.)
    let has_uri = |n: &Node| n.attribute("IdURI").is_some() || n.attribute("DocumentURI").is_some();
    let uri_holder = if whole {
        Some(root).filter(has_uri)
    } else {
        root.descendants().find(has_uri)
    };
    let id_uri = uri_holder.and_then(|n| n.attribute("IdURI"));
    let doc_uri = uri_holder.and_then(|n| n.attribute("DocumentURI"));
    let from_uri = id_uri.or(doc_uri).and_then(parse_uri);
    let type_entry = main_type
        .and_then(|m| TYPES.iter().find(|t| t.1 == m))
        .or_else(|| {
            from_uri
                .as_ref()
                .and_then(|(c, _, _)| TYPES.iter().find(|t| t.0 == c))
        });

    meta.kind = main_type
        .map(kind_from_main_type)
        .or(type_entry.map(|t| t.2));
    let year = value("Year").or_else(|| from_uri.as_ref().and_then(|u| u.1.clone()));
    let number = value("Number").or_else(|| from_uri.as_ref().and_then(|u| u.2.clone()));
    meta.number = match (type_entry, &year, &number) {
        (Some(t), Some(y), Some(n)) => Some(cite(t.3, y, n)),
        _ => prelims
            .and_then(|p| child(p, "Number"))
            .map(|n| clml_text(n)),
    }
    .filter(|n| !n.is_empty());

    let dc_ids: Vec<String> = ukm
        .map(|m| {
            m.children()
                .filter(|c| is(*c, DC_NS, "identifier"))
                .map(text_of)
                .collect()
        })
        .unwrap_or_default();
    let http = |s: &&str| s.starts_with("http://") || s.starts_with("https://");
    let constructed = match (type_entry, &year, &number) {
        // The /id/ URI is fixed by type, year and number; old files that state
        // only an ISBN still have one.
        (Some(t), Some(y), Some(n)) if whole => {
            Some(format!("http://www.legislation.gov.uk/id/{}/{y}/{n}", t.0))
        }
        _ => None,
    };
    meta.url = id_uri
        .filter(http)
        .map(str::to_string)
        .or_else(|| {
            dc_ids
                .iter()
                .find(|i| i.contains("legislation.gov.uk/id/"))
                .cloned()
        })
        .or_else(|| attr_local(root, "base").filter(http).map(str::to_string))
        .or(constructed)
        .or_else(|| dc_ids.iter().find(|i| http(&i.as_str())).cloned())
        .or_else(|| doc_uri.filter(http).map(str::to_string));

    let mut dates = Vec::new();
    let mut date_attr = |node: Option<Node>, role: DateRole| {
        if let Some(d) = node.and_then(|n| n.attribute("Date")).and_then(iso_date) {
            push_date(&mut dates, &d, role);
        }
    };
    date_attr(pm_child("EnactmentDate"), DateRole::Enacted);
    date_attr(pm_child("Made"), DateRole::Made);
    date_attr(pm_child("Laid"), DateRole::Laid);
    for cif in pm
        .into_iter()
        .flat_map(|p| p.children())
        .filter(|c| is(*c, UKM_NS, "ComingIntoForce"))
    {
        for dt in cif.descendants().filter(|d| is(*d, UKM_NS, "DateTime")) {
            date_attr(Some(dt), DateRole::InForce);
        }
    }
    // Older files state dates only in the printed prelims ("25th February 2003").
    if let Some(p) = prelims {
        for (name, role) in [
            ("DateOfEnactment", DateRole::Enacted),
            ("MadeDate", DateRole::Made),
            ("LaidDate", DateRole::Laid),
            ("ComingIntoForce", DateRole::InForce),
        ] {
            let stated = child(p, name).and_then(|n| date_in_text(&clml_text(n)));
            if let Some(d) = stated.filter(|_| !dates.iter().any(|x| x.role == role)) {
                push_date(&mut dates, &d, role);
            }
        }
    }
    for d in [
        root.attribute("RestrictStartDate"),
        in_meta(DCT_NS, "valid").and_then(|n| n.text()),
    ] {
        if let Some(d) = d.and_then(iso_date) {
            push_date(&mut dates, &d, DateRole::Valid);
        }
    }
    if let Some(d) = in_meta(DC_NS, "modified")
        .and_then(|n| n.text())
        .and_then(iso_date)
    {
        push_date(&mut dates, &d, DateRole::Updated);
    }
    meta.dates = dates;
    meta
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The last "25th February 2003"-style date in printed text: in "passed on X
/// and received Royal Assent on Y" the last one is the one that counts.
fn date_in_text(text: &str) -> Option<String> {
    let words: Vec<String> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    words.windows(3).rev().find_map(|w| {
        let [d, m, y] = w else { return None };
        let d = d
            .trim_end_matches(|c: char| c.is_ascii_alphabetic())
            .parse::<u32>()
            .ok()?;
        let m = MONTHS
            .iter()
            .position(|name| name == m || (m.len() == 3 && name.starts_with(m.as_str())))?
            + 1;
        let y = y.trim_end_matches('.');
        (y.len() == 4 && (1..=31).contains(&d)).then_some(())?;
        iso_date(&format!("{y}-{m:02}-{d:02}"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_prelims_text() {
        let t = "passed by the Parliament on 23rd January 2003 and received Royal Assent on 25th February 2003";
        assert_eq!(date_in_text(t).as_deref(), Some("2003-02-25"));
        assert_eq!(
            date_in_text("Made 1st December 2003").as_deref(),
            Some("2003-12-01")
        );
        assert_eq!(date_in_text("no date here"), None);
    }

    #[test]
    fn uris_give_type_year_number() {
        let (c, y, n) =
            parse_uri("http://www.legislation.gov.uk/id/ukpga/2025/16/section/1").unwrap();
        assert_eq!(
            (c.as_str(), y.as_deref(), n.as_deref()),
            ("ukpga", Some("2025"), Some("16"))
        );
        assert!(parse_uri("http://example.org/x").is_none());
    }
}
