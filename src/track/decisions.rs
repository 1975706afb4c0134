//! The campaigner's decisions, kept in a CSV a spreadsheet edits, or in the
//! workbook `track --format xlsx` writes: which evidence is accepted or
//! rejected, and each ask's verdict and note.
//!
//! A CSV file needs an `id` column; a workbook (told by its bytes, not its
//! name) is read sheet by sheet, each sheet whose first row has an `id`
//! column as a CSV file would be, the others (Documents) skipped. `decision`, `verdict` and `note` are read
//! where present and any other column is ignored, so the Evidence and Asks
//! tables that `track --format csv` writes can be edited and given back as
//! they are. A row whose id is an evidence id (`ev-` and 12 hex digits)
//! carries a decision; a row whose id is an ask's carries its verdict.
//! Rows that name nothing this run knows, or an unknown verdict, are
//! warnings naming the file and line: the rest of the file still counts.

use super::spreadsheet::RowPlace;
use super::spreadsheet::{column, csv_reader};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
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
        let words = crate::text::loose_label(text);
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

    /// Reads one file's rows: a workbook when its bytes are a zip file
    /// (as `.xlsx` files are), else CSV.
    pub fn read(&mut self, path: &Path, bytes: &[u8]) -> Result<(), DecisionsError> {
        if bytes.starts_with(b"PK\x03\x04") {
            return self.read_xlsx(path, bytes);
        }
        let format = |why: String| DecisionsError::Format {
            path: path.to_path_buf(),
            why,
        };
        let mut reader = csv_reader(bytes);
        let headers: Vec<String> = reader
            .headers()
            .map_err(|e| format(e.to_string()))?
            .iter()
            .map(str::to_string)
            .collect();
        let Some(columns) = Columns::find(&headers) else {
            return Err(format(no_id_column(&headers)));
        };
        for row in reader.records() {
            let row = row.map_err(|e| format(e.to_string()))?;
            let place = RowPlace::of_record(path, &row);
            self.row(&columns, |c| row.get(c).unwrap_or(""), place);
        }
        Ok(())
    }

    /// Reads a workbook's sheets that have an `id` column.
    fn read_xlsx(&mut self, path: &Path, bytes: &[u8]) -> Result<(), DecisionsError> {
        use calamine::Reader;
        let format = |why: String| DecisionsError::Format {
            path: path.to_path_buf(),
            why,
        };
        let mut workbook: calamine::Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(bytes))
                .map_err(|e| format(format!("not a readable .xlsx workbook: {e}")))?;
        let mut read_any = false;
        for sheet in workbook.sheet_names() {
            let range = workbook
                .worksheet_range(&sheet)
                .map_err(|e| format(format!("sheet {sheet}: {e}")))?;
            let first_row = range.start().map_or(0, |(row, _)| u64::from(row));
            let mut rows = range.rows();
            let Some(header) = rows.next() else { continue };
            let headers: Vec<String> = header.iter().map(cell_text).collect();
            let Some(columns) = Columns::find(&headers) else {
                continue;
            };
            read_any = true;
            for (i, row) in rows.enumerate() {
                let place = RowPlace {
                    path: path.to_path_buf(),
                    sheet: Some(sheet.clone()),
                    line: first_row + i as u64 + 2,
                };
                let cells: Vec<String> = row.iter().map(cell_text).collect();
                self.row(&columns, |c| cells.get(c).map_or("", String::as_str), place);
            }
        }
        if read_any {
            Ok(())
        } else {
            Err(format(
                "no sheet has an `id` column in its first row (expected id and any of decision, verdict, note)"
                    .into(),
            ))
        }
    }

    /// Takes one row: a decision on evidence, or an ask's verdict.
    fn row<'r>(&mut self, columns: &Columns, get: impl Fn(usize) -> &'r str, place: RowPlace) {
        let cell = |c: Option<usize>| c.map_or("", |c| get(c)).trim();
        let id = cell(Some(columns.id));
        if id.is_empty() {
            return;
        }
        let note = cell(columns.note).to_string();
        if is_evidence_id(id) {
            let Some(decision) = Decision::parse(cell(columns.decision)) else {
                self.warnings.push(format!(
                    "{place}: decision `{}` is neither accept nor reject; the row is not used",
                    cell(columns.decision)
                ));
                return;
            };
            self.evidence
                .insert(id.to_string(), (EvidenceDecision { decision, note }, place));
        } else {
            let Some(verdict) = Verdict::parse(cell(columns.verdict)) else {
                self.warnings.push(format!(
                    "{place}: verdict `{}` is not one of {}; the row is not used",
                    cell(columns.verdict),
                    Verdict::ALL.map(Verdict::label).join(", ")
                ));
                return;
            };
            self.asks
                .insert(id.to_string(), (AskDecision { verdict, note }, place));
        }
    }
}

/// Where a table's columns are.
struct Columns {
    id: usize,
    decision: Option<usize>,
    verdict: Option<usize>,
    note: Option<usize>,
}

impl Columns {
    /// The columns named in `headers` (case and spaces around do not
    /// matter); `None` without an `id` column.
    fn find(headers: &[String]) -> Option<Columns> {
        let column = |name: &str| column(headers, name);
        Some(Columns {
            id: column("id")?,
            decision: column("decision"),
            verdict: column("verdict"),
            note: column("note"),
        })
    }
}

fn no_id_column(headers: &[String]) -> String {
    format!(
        "no `id` column (the header is `{}`; expected id and any of decision, verdict, note)",
        headers.join(",")
    )
}

/// A workbook cell as text: numbers without a needless `.0`.
fn cell_text(cell: &calamine::Data) -> String {
    match cell {
        calamine::Data::String(s) => s.clone(),
        calamine::Data::Empty => String::new(),
        other => other.to_string(),
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

    #[test]
    fn the_workbook_track_writes_is_read_back() {
        let bytes =
            crate::track::render::xlsx_bytes(&crate::track::render::sample_tracking()).unwrap();
        let mut d = Decisions::default();
        d.read(Path::new("asks.xlsx"), &bytes).unwrap();
        assert!(d.warnings.is_empty(), "{:?}", d.warnings);
        let (rejected, place) = &d.evidence["ev-ba9876543210"];
        assert_eq!(rejected.decision, Some(Decision::Rejected));
        assert_eq!(rejected.note, "a different fund");
        assert_eq!(place.to_string(), "asks.xlsx, sheet Evidence, row 3");
        assert_eq!(d.evidence["ev-0123456789ab"].0.decision, None);
        assert_eq!(d.asks["an-ask"].0.verdict, Verdict::NotYetRated);
        assert_eq!(d.evidence.len() + d.asks.len(), 3);
    }

    #[test]
    fn a_workbook_without_ids_is_an_error() {
        let mut book = rust_xlsxwriter::Workbook::new();
        book.add_worksheet().write_string(0, 0, "evidence").unwrap();
        let bytes = book.save_to_buffer().unwrap();
        let e = Decisions::default()
            .read(Path::new("x.xlsx"), &bytes)
            .unwrap_err();
        assert!(e.to_string().contains("no sheet has an `id` column"), "{e}");
    }
}
