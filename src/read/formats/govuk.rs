//! GOV.UK Content API items (`https://www.gov.uk/api/content/...`): one
//! page's metadata and its text as HTML inside JSON.
//!
//! Text, in the order GOV.UK shows it: the `description` (the page's summary)
//! as a [`Locator::Whole`] section; a consultation's outcome
//! (`details.final_outcome_detail`) and feedback (`public_feedback_detail`),
//! each under the heading GOV.UK prints above it; `details.body` (under
//! "Original consultation" when an outcome or feedback came first); and
//! `details.parts` (travel advice, guides), each part under its title with its
//! slug as anchor. An item with none of these is read with the warning "no
//! body text: metadata only".
//!
//! Dates are the calendar date as written (`2016-11-08T00:00:00+00:00` is
//! 8 November), never shifted by time zone:
//! - `first_published_at` → Published; when absent, Whitehall's
//!   `details.first_public_at` → Published;
//! - `public_updated_at` → Updated;
//! - `details.opening_date` / `closing_date` → Opens / Closes;
//! - `details.delivered_on` → Published for a speech or authored article (a
//!   speech is public once delivered), Sitting for a written or oral
//!   statement (it is made to Parliament on a sitting day).
//!
//! Not read: dates with no matching role (a consultation's
//! `public_feedback_publication_date`, travel advice's `reviewed_at`).

use serde_json::{Map, Value};

use super::govuk_kind::{kind_for, or_schema};
use super::{
    html, normalise_space, push_date, DateRole, DocumentMeta, FormatError, Locator, Section,
    Structured,
};

/// Reads a GOV.UK content item.
///
/// Errors: malformed JSON ([`FormatError::Json`]); well-formed JSON that is
/// not a content item, i.e. not an object with a `document_type` and a
/// `base_path` or `content_id` ([`FormatError::NotThisFormat`]).
pub fn read(bytes: &[u8]) -> Result<Structured, FormatError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let value: Value = serde_json::from_slice(bytes).map_err(|e| FormatError::Json {
        line: u32::try_from(e.line()).unwrap_or(u32::MAX),
        column: u32::try_from(e.column()).unwrap_or(u32::MAX),
        reason: e.to_string(),
    })?;
    let Value::Object(item) = &value else {
        return Err(FormatError::NotThisFormat(
            "not a GOV.UK content item (JSON but not an object)".to_string(),
        ));
    };
    let Some(document_type) = str_at(item, "document_type") else {
        return Err(FormatError::NotThisFormat(
            "not a GOV.UK content item (no document_type)".to_string(),
        ));
    };
    let base_path = str_at(item, "base_path");
    if base_path.is_none() && str_at(item, "content_id").is_none() {
        return Err(FormatError::NotThisFormat(
            "not a GOV.UK content item (no base_path or content_id)".to_string(),
        ));
    }
    let empty = Map::new();
    let details = item
        .get("details")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let links = item
        .get("links")
        .and_then(Value::as_object)
        .unwrap_or(&empty);

    let title = str_at(item, "title")
        .map(normalise_space)
        .filter(|t| !t.is_empty());
    let parent = links
        .get("parent")
        .and_then(Value::as_array)
        .and_then(|p| p.first())
        .and_then(Value::as_object)
        .map(|p| {
            (
                str_at(p, "document_type").unwrap_or_default(),
                str_at(p, "title").unwrap_or_default(),
            )
        });
    let schema_name = str_at(item, "schema_name").unwrap_or_default();
    let kind = or_schema(
        kind_for(document_type, title.as_deref().unwrap_or_default(), parent),
        schema_name,
    );

    let meta = DocumentMeta {
        title,
        kind: Some(kind),
        departments: departments(details, links),
        url: base_path
            .filter(|p| p.starts_with('/'))
            .map(|p| format!("https://www.gov.uk{p}"))
            .or_else(|| {
                str_at(item, "web_url")
                    .filter(|u| u.starts_with("https://www.gov.uk/"))
                    .map(str::to_string)
            }),
        number: None,
        dates: dates(item, details, document_type),
    };

    let mut sections = Vec::new();
    if let Some(description) = str_at(item, "description")
        .map(normalise_space)
        .filter(|d| !d.is_empty())
    {
        sections.push(Section {
            locator: Locator::Whole,
            heading: None,
            paragraphs: vec![description],
        });
    }
    let summary_only = sections.len();
    for (field, label) in [
        ("final_outcome_detail", "Detail of outcome"),
        ("public_feedback_detail", "Detail of feedback received"),
    ] {
        if let Some(body) = details.get(field) {
            sections.extend(under_heading(body_text(body), label, None));
        }
    }
    if let Some(body) = details.get("body") {
        let body = body_text(body);
        // Once an outcome is shown, GOV.UK heads the body as what it now is.
        if sections.len() > summary_only {
            sections.extend(under_heading(body, "Original consultation", None));
        } else {
            sections.extend(body);
        }
    }
    for part in details
        .get("parts")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let Some(part) = part.as_object() else {
            continue;
        };
        let body = part.get("body").map(body_text).unwrap_or_default();
        match str_at(part, "title")
            .map(normalise_space)
            .filter(|t| !t.is_empty())
        {
            Some(label) => sections.extend(under_heading(
                body,
                &label,
                str_at(part, "slug").map(str::to_string),
            )),
            None => sections.extend(body),
        }
    }
    let mut warnings = Vec::new();
    if sections.len() == summary_only {
        warnings.push(super::METADATA_ONLY.to_string());
    }
    Ok(Structured {
        meta,
        sections,
        warnings,
    })
}

/// A string member of a JSON object.
fn str_at<'a>(object: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    object.get(key).and_then(Value::as_str)
}

/// The sections of a body: HTML as a string, or a list of renderings
/// (`[{content_type, content}]`) of which the HTML one is taken, else any
/// text one as plain paragraphs.
fn body_text(body: &Value) -> Vec<Section> {
    match body {
        Value::String(source) => html::body_sections(source),
        Value::Array(renderings) => {
            let rendering = |wanted: &dyn Fn(&str) -> bool| {
                renderings
                    .iter()
                    .filter_map(Value::as_object)
                    .find_map(|r| {
                        let content_type = str_at(r, "content_type")?;
                        wanted(content_type).then(|| str_at(r, "content")).flatten()
                    })
            };
            if let Some(source) = rendering(&|t| t == "text/html") {
                return html::body_sections(source);
            }
            let Some(plain) = rendering(&|t| t.starts_with("text/")) else {
                return Vec::new();
            };
            let paragraphs: Vec<String> = plain
                .split("\n\n")
                .map(normalise_space)
                .filter(|p| !p.is_empty())
                .collect();
            if paragraphs.is_empty() {
                return Vec::new();
            }
            vec![Section {
                locator: Locator::Whole,
                heading: None,
                paragraphs,
            }]
        }
        _ => Vec::new(),
    }
}

/// Puts a body's sections under a heading the page shows above it: its
/// opening text becomes that heading's section.
fn under_heading(mut body: Vec<Section>, label: &str, anchor: Option<String>) -> Vec<Section> {
    if body.is_empty() {
        return body;
    }
    let locator = Locator::Heading {
        text: label.to_string(),
        anchor,
    };
    match body.first_mut() {
        Some(first) if first.locator == Locator::Whole => {
            first.locator = locator;
            first.heading = Some(label.to_string());
        }
        _ => body.insert(
            0,
            Section {
                locator,
                heading: Some(label.to_string()),
                paragraphs: Vec::new(),
            },
        ),
    }
    body
}

/// The publishing organisations' names: the ones the page emphasises first,
/// then the rest it links, then the primary publisher if not yet named.
fn departments(details: &Map<String, Value>, links: &Map<String, Value>) -> Vec<String> {
    let linked: Vec<(&str, String)> = ["organisations", "primary_publishing_organisation"]
        .iter()
        .filter_map(|key| links.get(*key).and_then(Value::as_array))
        .flatten()
        .filter_map(Value::as_object)
        .filter_map(|o| {
            let title = normalise_space(str_at(o, "title")?);
            (!title.is_empty()).then(|| (str_at(o, "content_id").unwrap_or_default(), title))
        })
        .collect();
    let emphasised = details
        .get("emphasised_organisations")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .filter_map(|id| {
            linked
                .iter()
                .find(|(cid, _)| *cid == id)
                .map(|(_, t)| t.clone())
        });
    let mut names: Vec<String> = Vec::new();
    for name in emphasised.chain(linked.iter().map(|(_, t)| t.clone())) {
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

/// The dates the item states (see the module docs for the roles).
fn dates(
    item: &Map<String, Value>,
    details: &Map<String, Value>,
    document_type: &str,
) -> Vec<super::DocDate> {
    let mut dates = Vec::new();
    let mut add = |object: &Map<String, Value>, key: &str, role: DateRole| {
        if let Some(stamp) = str_at(object, key) {
            push_date(&mut dates, stamp, role);
        }
    };
    add(item, "first_published_at", DateRole::Published);
    if str_at(item, "first_published_at").is_none() {
        add(details, "first_public_at", DateRole::Published);
    }
    add(item, "public_updated_at", DateRole::Updated);
    add(details, "opening_date", DateRole::Opens);
    add(details, "closing_date", DateRole::Closes);
    match document_type {
        "written_statement" | "oral_statement" => add(details, "delivered_on", DateRole::Sitting),
        "speech" | "authored_article" => add(details, "delivered_on", DateRole::Published),
        _ => {}
    }
    dates
}
