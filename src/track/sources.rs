//! A campaigner's sources file: what they know of each document that the
//! document may not say (a PDF's title, a Word file's department, the date a
//! speech was given, the web address it was saved from).
//!
//! A CSV with a `file` column (relative to the CSV's own folder, or
//! absolute) and any of `title`, `date`, `kind`, `url`, `department`. What a
//! row gives fills in or overrides what the document states; an empty cell
//! changes nothing. A row naming a file the run does not read, a kind the
//! ladder does not know or a date that is not ISO 8601 is a warning naming
//! the file and line.

use super::spreadsheet::{column, csv_reader, RowPlace};
use crate::read::DocKind;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// What the sources file says of one document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Source {
    /// Its title.
    pub title: Option<String>,
    /// Its date (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`).
    pub date: Option<String>,
    /// Its kind.
    pub kind: Option<DocKind>,
    /// A web address for it.
    pub url: Option<String>,
    /// The department that published it.
    pub department: Option<String>,
    /// Where the row is (`sources.csv, line 4`), for warnings.
    pub place: String,
}

/// Every row of a sources file, by the file it names (canonical path when
/// the file exists).
#[derive(Clone, Debug, Default)]
pub struct Sources {
    rows: BTreeMap<PathBuf, Source>,
    /// Rows that could not be used in full.
    pub warnings: Vec<String>,
}

/// A sources file that cannot be used at all.
#[derive(Debug, thiserror::Error)]
pub enum SourcesError {
    /// It could not be read.
    #[error("cannot read sources file {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// It is not a CSV with a `file` column.
    #[error("sources file {path}: {why}")]
    Format {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        why: String,
    },
}

/// True for `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, a plausible calendar date
/// written in full (no time, no trailing text).
pub fn is_iso_date(text: &str) -> bool {
    crate::read::formats::iso_date(text).as_deref() == Some(text)
}

impl Sources {
    /// Reads a sources file.
    pub fn load(path: &Path) -> Result<Sources, SourcesError> {
        let bytes = std::fs::read(path).map_err(|source| SourcesError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        Sources::parse(path, &bytes)
    }

    /// Reads a sources file's content; `path` places its rows.
    pub fn parse(path: &Path, bytes: &[u8]) -> Result<Sources, SourcesError> {
        let format = |why: String| SourcesError::Format {
            path: path.to_path_buf(),
            why,
        };
        let mut reader = csv_reader(bytes);
        let headers = reader.headers().map_err(|e| format(e.to_string()))?.clone();
        let column = |name: &str| column(&headers, name);
        let file_column = column("file").ok_or_else(|| {
            format(format!(
                "no `file` column (the header is `{}`; expected file and any of title, date, kind, url, department)",
                headers.iter().collect::<Vec<_>>().join(",")
            ))
        })?;
        let (title, date, kind, url, department) = (
            column("title"),
            column("date"),
            column("kind"),
            column("url"),
            column("department"),
        );
        let base = path.parent().unwrap_or(Path::new("."));
        let mut sources = Sources::default();
        for row in reader.records() {
            let row = row.map_err(|e| format(e.to_string()))?;
            let place = RowPlace::of_record(path, &row).to_string();
            let cell = |c: Option<usize>| {
                c.and_then(|c| row.get(c))
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
            };
            let Some(file) = cell(Some(file_column)) else {
                continue;
            };
            let mut source = Source {
                title: cell(title),
                url: cell(url),
                department: cell(department),
                place: place.clone(),
                ..Source::default()
            };
            if let Some(d) = cell(date) {
                if is_iso_date(&d) {
                    source.date = Some(d);
                } else {
                    sources.warnings.push(format!(
                        "{place}: date `{d}` is not YYYY-MM-DD (or YYYY-MM, YYYY); not used"
                    ));
                }
            }
            if let Some(k) = cell(kind) {
                match DocKind::from_words(&k) {
                    Some(k) => source.kind = Some(k),
                    None => sources.warnings.push(format!(
                        "{place}: kind `{k}` is not one of {}; not used",
                        DocKind::ALL.map(DocKind::label).join(", ")
                    )),
                }
            }
            let named = base.join(&file);
            let key = std::fs::canonicalize(&named).unwrap_or(named);
            sources.rows.insert(key, source);
        }
        Ok(sources)
    }

    /// True when no sources file was given (or it has no rows).
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// What the file says of the document at `path`, if anything. Without
    /// rows the path is not resolved at all (no file system call per
    /// document for a run without a sources file).
    pub fn of(&self, path: &Path) -> Option<&Source> {
        if self.is_empty() {
            return None;
        }
        let key = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        self.rows.get(&key)
    }

    /// Rows naming none of `read` (canonical paths): each a warning.
    pub fn unused<'a>(&'a self, read: &'a [PathBuf]) -> impl Iterator<Item = String> + 'a {
        self.rows
            .iter()
            .filter(move |(path, _)| !read.contains(path))
            .map(|(path, source)| {
                format!(
                    "{}: names {}, which this run does not read",
                    source.place,
                    path.display()
                )
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_iso() {
        assert!(is_iso_date("2016-05-18"));
        assert!(is_iso_date("2016-05"));
        assert!(is_iso_date("2016"));
        assert!(!is_iso_date("18/05/2016"));
        assert!(!is_iso_date("2016-13-01"));
        assert!(!is_iso_date(""));
    }

    #[test]
    fn rows_fill_in_and_bad_cells_warn() {
        let dir = tempfile::tempdir().unwrap();
        let doc = dir.path().join("speech.pdf");
        std::fs::write(&doc, b"x").unwrap();
        let csv = dir.path().join("sources.csv");
        let s = Sources::parse(
            &csv,
            b"file,title,date,kind,url,department\n\
              speech.pdf,Queen's Speech,2016-05-18,speech,https://example.org/s,\n\
              other.pdf,,18 May,sermon,,\n",
        )
        .unwrap();
        let row = s.of(&doc).unwrap();
        assert_eq!(row.title.as_deref(), Some("Queen's Speech"));
        assert_eq!(row.kind, Some(DocKind::Speech));
        assert_eq!(row.department, None);
        assert_eq!(s.warnings.len(), 2, "{:?}", s.warnings);
        assert!(s.warnings[0].contains("line 3"), "{}", s.warnings[0]);
        let read = vec![std::fs::canonicalize(&doc).unwrap()];
        let unused: Vec<String> = s.unused(&read).collect();
        assert_eq!(unused.len(), 1);
        assert!(unused[0].contains("other.pdf"), "{}", unused[0]);
    }
}
