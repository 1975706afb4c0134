//! What kind of document a GOV.UK `document_type` is: shared by the content
//! item reader ([`super::govuk`]) and the page reader ([`super::html`], by a
//! page's `govuk:format`), so both name the same kinds.

use super::DocKind;

/// The kind a GOV.UK `document_type` names (also the `govuk:format` of a
/// page).
///
/// A Budget is not a document type of its own: its report is an
/// `html_publication` or `policy_paper`. So either of those is a Budget when
/// its title, or its parent's, names the fiscal event: "Budget" followed by
/// a year ("Budget 2016", "Spring Budget 2017") or preceded by a season or
/// month ("Autumn Budget"). That keeps "Office for Budget Responsibility"
/// and "Charter for Budget Responsibility" out. Any other `html_publication`
/// takes its parent publication's kind (a policy paper's HTML version is a
/// policy paper), else Other.
pub(super) fn kind_for(document_type: &str, title: &str, parent: Option<(&str, &str)>) -> DocKind {
    let budget = || names_budget(title) || parent.is_some_and(|(_, t)| names_budget(t));
    match document_type {
        "html_publication" => {
            if budget() {
                return DocKind::Budget;
            }
            match parent.map(|(t, _)| t) {
                Some(parent_type) if parent_type != "html_publication" => kind_of_type(parent_type),
                _ => DocKind::Other,
            }
        }
        "policy_paper" if budget() => DocKind::Budget,
        other => kind_of_type(other),
    }
}

fn kind_of_type(document_type: &str) -> DocKind {
    match document_type {
        "open_consultation" | "closed_consultation" | "consultation" => DocKind::Consultation,
        "consultation_outcome" => DocKind::ConsultationOutcome,
        "government_response" => DocKind::GovernmentResponse,
        "policy_paper" => DocKind::PolicyPaper,
        "guidance"
        | "detailed_guide"
        | "detailed_guidance"
        | "statutory_guidance"
        | "guide"
        | "answer"
        | "manual"
        | "manual_section"
        | "hmrc_manual"
        | "hmrc_manual_section" => DocKind::Guidance,
        "written_statement" | "oral_statement" => DocKind::Statement,
        // An authored article is a minister's piece, published as a speech.
        "speech" | "authored_article" => DocKind::Speech,
        "budget" => DocKind::Budget,
        _ => DocKind::Other,
    }
}

/// Falls back on the schema when the document type is one this reader does
/// not know (a new type under a known schema).
pub(super) fn or_schema(kind: DocKind, schema_name: &str) -> DocKind {
    match (kind, schema_name) {
        (
            DocKind::Other,
            "consultation" | "speech" | "detailed_guide" | "guide" | "manual" | "hmrc_manual",
        ) => kind_of_type(schema_name),
        _ => kind,
    }
}

/// Whether a title names a Budget (see [`kind_for`]).
fn names_budget(title: &str) -> bool {
    const BEFORE: [&str; 8] = [
        "Spring",
        "Summer",
        "Autumn",
        "Emergency",
        "March",
        "July",
        "October",
        "November",
    ];
    let words: Vec<&str> = title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.iter().enumerate().any(|(i, w)| {
        *w == "Budget"
            && (words
                .get(i + 1)
                .is_some_and(|n| n.len() == 4 && n.chars().all(|c| c.is_ascii_digit()))
                || i.checked_sub(1)
                    .and_then(|p| words.get(p))
                    .is_some_and(|p| BEFORE.contains(p)))
    })
}
