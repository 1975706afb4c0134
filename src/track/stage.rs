//! The ladder an ask climbs after an election, and the stage a piece of
//! evidence suggests: from the kind of document it is in, raised by what
//! its sentence says of itself ("we will consult", "the Bill", "these
//! Regulations come into force").
//!
//! A suggestion, not a verdict: the campaigner accepts or rejects each piece
//! of evidence and rates each ask (see [`super::decisions`]). So every stage
//! carries the reason it was given, in words a campaigner can check.

use crate::read::DocKind;
use regex::{Regex, RegexBuilder};
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// How far an ask has got, in order: each stage is further than the last.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Government or Parliament has spoken of it.
    Mentioned,
    /// Government has consulted on it, or said it will.
    Consulted,
    /// Government has committed to it or set it out as policy (a policy
    /// paper, a response, a budget measure, guidance).
    Proposed,
    /// It is in a bill before Parliament.
    InBill,
    /// It is law: an Act passed, or regulations made.
    Enacted,
    /// The law is in force.
    InForce,
}

impl Stage {
    /// Every stage, in ladder order.
    pub const ALL: [Stage; 6] = [
        Stage::Mentioned,
        Stage::Consulted,
        Stage::Proposed,
        Stage::InBill,
        Stage::Enacted,
        Stage::InForce,
    ];

    /// The name used in JSON and CSV.
    pub fn name(self) -> &'static str {
        match self {
            Stage::Mentioned => "mentioned",
            Stage::Consulted => "consulted",
            Stage::Proposed => "proposed",
            Stage::InBill => "in_bill",
            Stage::Enacted => "enacted",
            Stage::InForce => "in_force",
        }
    }

    /// The stage in words, for tables and spreadsheets.
    pub fn label(self) -> &'static str {
        match self {
            Stage::Mentioned => "mentioned",
            Stage::Consulted => "consulted",
            Stage::Proposed => "proposed",
            Stage::InBill => "in a bill",
            Stage::Enacted => "enacted",
            Stage::InForce => "in force",
        }
    }
}

/// A suggested stage and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestion {
    /// The stage.
    pub stage: Stage,
    /// Why, in words: the document's kind, the cue in the sentence.
    pub reason: String,
}

/// What the document tells about the stage, apart from the sentence.
#[derive(Clone, Copy, Debug)]
pub struct DocumentFacts {
    /// Its kind, when known.
    pub kind: Option<DocKind>,
    /// Legislation whose coming into force the document dates on or before
    /// the newest date of the run: it is in force.
    pub in_force: bool,
}

/// The stage a sentence meeting an ask suggests, in a document with `facts`.
pub fn suggest(facts: DocumentFacts, sentence: &str) -> Suggestion {
    let (base, why) = by_kind(facts);
    let mut best = Suggestion {
        stage: base,
        reason: why,
    };
    for cue in cues() {
        if cue.stage <= best.stage || !cue.applies_to(facts.kind) {
            continue;
        }
        if let Some(m) = cue.pattern.find(sentence) {
            best = Suggestion {
                stage: cue.stage,
                reason: format!("the sentence says \u{201c}{}\u{201d}", m.as_str()),
            };
        }
    }
    best
}

/// The stage a document's kind gives everything in it.
fn by_kind(facts: DocumentFacts) -> (Stage, String) {
    let Some(kind) = facts.kind else {
        return (Stage::Mentioned, "a document of unknown kind".into());
    };
    let (stage, why) = match kind {
        DocKind::Act | DocKind::StatutoryInstrument if facts.in_force => (
            Stage::InForce,
            "legislation dated in force by the newest document",
        ),
        DocKind::Act => (Stage::Enacted, "an Act"),
        DocKind::StatutoryInstrument => (Stage::Enacted, "a statutory instrument, made"),
        DocKind::Bill => (Stage::InBill, "a bill"),
        DocKind::AmendmentPaper => (Stage::InBill, "amendments to a bill"),
        DocKind::Consultation => (Stage::Consulted, "a consultation"),
        DocKind::Guidance => (
            Stage::Proposed,
            "published guidance (in practice, not in law)",
        ),
        DocKind::ConsultationOutcome => (Stage::Consulted, "a consultation's outcome"),
        DocKind::GovernmentResponse => (Stage::Mentioned, "a government response"),
        DocKind::PolicyPaper => (Stage::Mentioned, "a policy paper"),
        DocKind::Budget => (Stage::Mentioned, "a budget"),
        DocKind::Statement => (Stage::Mentioned, "a ministerial statement"),
        DocKind::Speech => (Stage::Mentioned, "a speech"),
        DocKind::Debate => (Stage::Mentioned, "a debate"),
        DocKind::Answer => (Stage::Mentioned, "an answer to a parliamentary question"),
        DocKind::Other => (Stage::Mentioned, "a document of another kind"),
    };
    (stage, why.into())
}

/// A phrase that raises the stage of the sentence it is in.
struct Cue {
    stage: Stage,
    pattern: Regex,
    /// Only in documents of these kinds (every kind when empty): "this
    /// Bill" in a debate is the bill being debated, but "these Regulations"
    /// makes law only in the regulations themselves.
    kinds: &'static [DocKind],
}

impl Cue {
    fn applies_to(&self, kind: Option<DocKind>) -> bool {
        self.kinds.is_empty() || kind.is_some_and(|k| self.kinds.contains(&k))
    }
}

const LEGISLATION: &[DocKind] = &[DocKind::Act, DocKind::StatutoryInstrument];
/// Where "the Bill" is a bill the document is about, not one in passing.
const ABOUT_BILLS: &[DocKind] = &[
    DocKind::Bill,
    DocKind::AmendmentPaper,
    DocKind::Debate,
    DocKind::Statement,
    DocKind::Speech,
];

/// The cues, in ladder order, compiled once.
fn cues() -> &'static [Cue] {
    static CUES: OnceLock<Vec<Cue>> = OnceLock::new();
    CUES.get_or_init(|| {
        let cue = |stage, pattern: &str, kinds| Cue {
            stage,
            pattern: RegexBuilder::new(pattern)
                .case_insensitive(true)
                .build()
                .expect("the stage cues are valid patterns"),
            kinds,
        };
        vec![
            cue(
                Stage::Consulted,
                r"\b(?:(?:will|to|shall|we|government)\s+(?:now\s+)?consult(?:s|ed|ing)?|(?:launch|launched|publish|published|open|opened|run|ran)\s+(?:a|an|this)\s+(?:public\s+)?consultation|consultation\s+(?:on|about|paper|document|closes|closed|opens|opened|responses?)|call\s+for\s+evidence)\b",
                &[],
            ),
            cue(
                Stage::Proposed,
                r"\b(?:(?:we|the\s+government|ministers?|my\s+government)\s+(?:will|shall|intends?\s+to|plans?\s+to|propose[sd]?\s+to|(?:is|are)\s+committed\s+to|(?:has|have)\s+committed\s+to|(?:is|are)\s+going\s+to)|will\s+(?:introduce|bring\s+forward|legislate|establish|set\s+up|create|extend|launch|fund|provide)|(?:legislation|measures?|proposals?)\s+will\s+be\s+(?:introduced|brought\s+forward|published))\b",
                &[],
            ),
            cue(
                Stage::InBill,
                r"\b(?:this|the)\s+Bill\b|\bclause\s+\d+",
                ABOUT_BILLS,
            ),
            cue(
                Stage::InForce,
                r"\b(?:comes?|came|come)\s+into\s+force\b",
                LEGISLATION,
            ),
        ]
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(kind: Option<DocKind>) -> DocumentFacts {
        DocumentFacts {
            kind,
            in_force: false,
        }
    }

    #[test]
    fn kinds_set_the_floor() {
        assert_eq!(
            suggest(facts(Some(DocKind::Act)), "Something.").stage,
            Stage::Enacted
        );
        assert_eq!(
            suggest(facts(Some(DocKind::Bill)), "Something.").stage,
            Stage::InBill
        );
        assert_eq!(suggest(facts(None), "Something.").stage, Stage::Mentioned);
        let in_force = DocumentFacts {
            kind: Some(DocKind::StatutoryInstrument),
            in_force: true,
        };
        assert_eq!(suggest(in_force, "Something.").stage, Stage::InForce);
    }

    #[test]
    fn cues_raise_the_stage_and_say_why() {
        let s = suggest(
            facts(Some(DocKind::PolicyPaper)),
            "We will consult on a new duty for credit unions.",
        );
        assert_eq!(s.stage, Stage::Proposed);
        assert!(s.reason.contains("We will"), "{}", s.reason);
        let s = suggest(
            facts(Some(DocKind::Speech)),
            "A consultation on social investment will open.",
        );
        assert_eq!(s.stage, Stage::Consulted);
        let s = suggest(
            facts(Some(DocKind::Debate)),
            "The Bill gives mutuals a right to bid.",
        );
        assert_eq!(s.stage, Stage::InBill);
    }

    #[test]
    fn cues_stay_in_their_kinds() {
        // A policy paper naming "the Bill" in passing does not put the ask in one.
        let s = suggest(
            facts(Some(DocKind::PolicyPaper)),
            "The Bill on something else passed.",
        );
        assert_eq!(s.stage, Stage::Mentioned);
        // "comes into force" makes law in force only in the law itself.
        let s = suggest(
            facts(Some(DocKind::Guidance)),
            "The duty comes into force in April.",
        );
        assert_eq!(s.stage, Stage::Proposed);
        let s = suggest(
            facts(Some(DocKind::StatutoryInstrument)),
            "These Regulations come into force on 1st April.",
        );
        assert_eq!(s.stage, Stage::InForce);
    }

    #[test]
    fn a_cue_never_lowers_the_stage() {
        let s = suggest(
            facts(Some(DocKind::Act)),
            "The Secretary of State will consult.",
        );
        assert_eq!(s.stage, Stage::Enacted);
    }
}
