//! CLML's running text: an element's words without the publishing
//! apparatus (commentary, footnotes, metadata, conversion warnings), shared
//! by the provisions ([`super::clml`]) and the metadata that is printed text,
//! such as titles ([`super::clml_meta`]).

use super::xml::{flat_text, Flatten};
use roxmltree::Node;

/// legislation.gov.uk's metadata namespace.
pub(super) const UKM_NS: &str = "http://www.legislation.gov.uk/namespaces/metadata";
/// The namespace of TSO's conversion warnings left in some files.
pub(super) const TSO_ERROR_NS: &str = "http://www.tso.co.uk/assets/namespace/error";

/// An element's running text, without the stray spaces that pretty-printed
/// mixed content and removed commentary markers leave inside quotes and before
/// punctuation ("“ CIO ”", "body ;").
pub(super) fn clml_text(n: Node) -> String {
    let text = flat_text(n, &ClmlText);
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let next_closes = chars.peek().is_some_and(|n| ";,:.)]”’".contains(*n));
        let prev_opens = out.chars().last().is_some_and(|p| "([“‘".contains(p));
        if c == ' ' && (next_closes || prev_opens) {
            continue;
        }
        out.push(c);
    }
    out
}

/// CLML's rules for turning an element into running text.
struct ClmlText;

impl Flatten for ClmlText {
    fn skip(&self, n: Node) -> bool {
        is_apparatus(n)
    }
    fn spaced(&self, n: Node) -> bool {
        matches!(
            n.tag_name().name(),
            "td" | "th" | "Para" | "Text" | "DateText" | "ListItem" | "br"
        )
    }
}

/// Editorial and publishing apparatus: commentary, footnotes, metadata, TSO
/// conversion warnings. None of it is the law's own words.
pub(super) fn is_apparatus(n: Node) -> bool {
    let ns = n.tag_name().namespace();
    if ns == Some(UKM_NS) || ns == Some(TSO_ERROR_NS) {
        return true;
    }
    matches!(
        n.tag_name().name(),
        "CommentaryRef"
            | "Commentary"
            | "Commentaries"
            | "FootnoteRef"
            | "Footnote"
            | "Footnotes"
            | "MarginNoteRef"
            | "MarginNotes"
            | "Contents"
            | "Versions"
            | "Resources"
            | "Image"
            | "IncludedDocument"
            | "Metadata"
    )
}
