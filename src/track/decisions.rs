//! The campaigner's decisions, kept in a CSV a spreadsheet edits: which
//! evidence is accepted or rejected, and each ask's verdict and note.
//!
//! The file needs an `id` column; `decision`, `verdict` and `note` are read
//! where present and any other column is ignored, so the Evidence and Asks
//! tables that `track --format csv` writes can be edited and given back as
//! they are. A row whose id is an evidence id (`ev-` and 12 hex digits)
//! carries a decision; a row whose id is an ask's carries its verdict.
//! Rows that name nothing this run knows, or an unknown verdict, are
//! warnings naming the file and line: the rest of the file still counts.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// A campaigner's decision on one piece of evidence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// It is what it seems: it counts.
    Accepted,
    /// It is not evidence for the ask: it no longer counts.
    Rejected,
}

impl Decision {
    /// The word used in CSV and JSON.
    pub fn name(self) -> &'static str {
        match self {
            Decision::Accepted => "accept",
            Decision::Rejected => "reject",
        }
    }

    fn parse(text: &str) -> Option<Option<Decision>> {
        match text.trim().to_ascii_lowercase().as_str() {
            "" => Some(None),
            "accept" | "accepted" | "yes" | "y" | "ok" => Some(Some(Decision::Accepted)),
            "reject" | "rejected" | "no" | "n" => Some(Some(Decision::Rejected)),
            _ => None,
        }
    }
}

/// A campaigner's rating of an ask, on the scale promise trackers use.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Not rated yet (every ask starts here).
    #[default]
    NotYetRated,
    /// Action is under way.
    InTheWorks,
    /// Action began and has stopped.
    Stalled,
    /// Part of the ask has been done.
    KeptInPart,
    /// The ask has been done.
    Kept,
    /// The ask has been dropped or reversed.
    Broken,
}

impl Verdict {
    /// Every verdict, in scale order.
    pub const ALL: [Verdict; 6] = [
        Verdict::NotYetRated,
        Verdict::InTheWorks,
        Verdict::Stalled,
        Verdict::KeptInPart,
        Verdict::Kept,
        Verdict::Broken,
    ];

    /// The verdict in words, as a spreadsheet shows it and as it is read
    /// back (case, `_` and `-` do not matter).
    pub fn label(self) -> &'static str {
        match self {
            Verdict::NotYetRated => "not yet rated",
            Verdict::InTheWorks => "in the works",
            Verdict::Stalled => "stalled",
            Verdict::KeptInPart => "kept in part",
            Verdict::Kept => "kept",
            Verdict::Broken => "broken",
        }
    }

    fn parse(text: &str) -> Option<Verdict> {
        let words: String = text
            .trim()
            .to_lowercase()
            .replace(['_', '-'], " ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if words.is_empty() {
            return Some(Verdict::NotYetRated);
        }
        Verdict::ALL.into_iter().find(|v| v.label() == words)
    }
}

/// A decision row as read, with where it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EvidenceDecision {
    /// Accept, reject, or none yet.
    pub decision: Option<Decision>,
    /// The campaigner's note.
    pub note: String,
}

/// An ask's rating as read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AskDecision {
    /// The verdict.
    pub verdict: Verdict,
    /// The campaigner's note.
    pub note: String,
}

/// Where a row is, for warnings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowPlace {
    /// The file.
    pub path: PathBuf,
    /// 1-based line of the row.
    pub line: u64,
}

impl fmt::Display for RowPlace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}, line {}", self.path.display(), self.line)
    }
}

/// Every decision read from the decisions files.
#[derive(Clone, Debug, Default)]
pub struct Decisions {
    /// Per evidence id, with the row it came from.
    pub evidence: BTreeMap<String, (EvidenceDecision, RowPlace)>,
    /// Per ask id, with the row it came from.
    pub asks: BTreeMap<String, (AskDecision, RowPlace)>,
    /// Rows that could not be used, in words naming the file and line.
    pub warnings: Vec<String>,
}

/// A decisions file that cannot be used at all.
#[derive(Debug, thiserror::Error)]
pub enum DecisionsError {
    /// It could not be read.
    #[error("cannot read decisions file {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// It is not a CSV with an `id` column.
    #[error("decisions file {path}: {why}")]
    Format {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        why: String,
    },
}

/// True for an evidence id as [`super::evidence_id`] makes them.
pub fn is_evidence_id(id: &str) -> bool {
    id.strip_prefix("ev-")
        .is_some_and(|hex| hex.len() == 12 && hex.bytes().all(|b| b.is_ascii_hexdigit()))
}

impl Decisions {
    /// Reads each file in turn; a later row for the same id wins.
    pub fn load(paths: &[PathBuf]) -> Result<Decisions, DecisionsError> {
        let mut decisions = Decisions::default();
        for path in paths {
            let bytes = std::fs::read(path).map_err(|source| DecisionsError::Read {
                path: path.clone(),
                source,
            })?;
            decisions.read(path, &bytes)?;
        }
        Ok(decisions)
    }

    /// Reads one file's rows.
    pub fn read(&mut self, path: &Path, bytes: &[u8]) -> Result<(), DecisionsError> {
        let format = |why: String| DecisionsError::Format {
            path: path.to_path_buf(),
            why,
        };
        // A spreadsheet may save with a byte-order mark.
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
        let headers = reader.headers().map_err(|e| format(e.to_string()))?.clone();
        let column = |name: &str| {
            headers
                .iter()
                .position(|h| h.trim().eq_ignore_ascii_case(name))
        };
        let id_column = column("id").ok_or_else(|| {
            format(format!(
                "no `id` column (the header is `{}`; expected id and any of decision, verdict, note)",
                headers.iter().collect::<Vec<_>>().join(",")
            ))
        })?;
        let (decision_column, verdict_column, note_column) =
            (column("decision"), column("verdict"), column("note"));
        for row in reader.records() {
            let row = row.map_err(|e| format(e.to_string()))?;
            let place = RowPlace {
                path: path.to_path_buf(),
                line: row.position().map_or(0, |p| p.line()),
            };
            let cell = |c: Option<usize>| c.and_then(|c| row.get(c)).unwrap_or("").trim();
            let id = cell(Some(id_column));
            if id.is_empty() {
                continue;
            }
            let note = cell(note_column).to_string();
            if is_evidence_id(id) {
                let Some(decision) = Decision::parse(cell(decision_column)) else {
                    self.warnings.push(format!(
                        "{place}: decision `{}` is neither accept nor reject; the row is not used",
                        cell(decision_column)
                    ));
                    continue;
                };
                self.evidence
                    .insert(id.to_string(), (EvidenceDecision { decision, note }, place));
            } else {
                let Some(verdict) = Verdict::parse(cell(verdict_column)) else {
                    self.warnings.push(format!(
                        "{place}: verdict `{}` is not one of {}; the row is not used",
                        cell(verdict_column),
                        Verdict::ALL.map(Verdict::label).join(", ")
                    ));
                    continue;
                };
                self.asks
                    .insert(id.to_string(), (AskDecision { verdict, note }, place));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<Decisions, DecisionsError> {
        let mut d = Decisions::default();
        d.read(Path::new("d.csv"), text.as_bytes())?;
        Ok(d)
    }

    #[test]
    fn evidence_and_ask_rows_are_told_apart() {
        let d = read(
            "id,ask,decision,verdict,note\n\
             ev-0123456789ab,x,reject,,not about it\n\
             ev-ba9876543210,x,Accepted,,\n\
             support-credit-unions,,,Kept_In-Part,half done\n",
        )
        .unwrap();
        assert_eq!(
            d.evidence["ev-0123456789ab"].0.decision,
            Some(Decision::Rejected)
        );
        assert_eq!(d.evidence["ev-0123456789ab"].0.note, "not about it");
        assert_eq!(
            d.evidence["ev-ba9876543210"].0.decision,
            Some(Decision::Accepted)
        );
        assert_eq!(
            d.asks["support-credit-unions"].0.verdict,
            Verdict::KeptInPart
        );
        assert!(d.warnings.is_empty(), "{:?}", d.warnings);
    }

    #[test]
    fn bad_rows_are_warnings_naming_the_line() {
        let d = read("\u{feff}id,decision,verdict\nev-0123456789ab,maybe,\nsome-ask,,nearly\n")
            .unwrap();
        assert_eq!(d.warnings.len(), 2, "{:?}", d.warnings);
        assert!(
            d.warnings[0].starts_with("d.csv, line 2:"),
            "{}",
            d.warnings[0]
        );
        assert!(d.warnings[1].contains("`nearly`"), "{}", d.warnings[1]);
        assert!(d.evidence.is_empty() && d.asks.is_empty());
    }

    #[test]
    fn a_file_without_ids_is_an_error() {
        let e = read("evidence,decision\nx,accept\n").unwrap_err();
        assert!(e.to_string().contains("no `id` column"), "{e}");
    }

    #[test]
    fn evidence_ids_have_one_shape() {
        assert!(is_evidence_id("ev-0123456789ab"));
        assert!(!is_evidence_id("ev-0123"));
        assert!(!is_evidence_id("support-co-operatives"));
    }
}
