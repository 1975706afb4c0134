//! The CSV files a campaigner keeps in a spreadsheet (decisions, sources),
//! read as a spreadsheet saves them: a byte-order mark skipped, rows of any
//! length, columns found by name whatever their case or the spaces around
//! them, and each row placed by file and line for warnings.

use std::fmt;
use std::path::PathBuf;

/// A CSV reader over a spreadsheet's saved bytes.
pub(crate) fn csv_reader(bytes: &[u8]) -> csv::Reader<&[u8]> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    csv::ReaderBuilder::new().flexible(true).from_reader(bytes)
}

/// The index of the column called `name` among `headers`.
pub(crate) fn column<S: AsRef<str>>(
    headers: impl IntoIterator<Item = S>,
    name: &str,
) -> Option<usize> {
    headers
        .into_iter()
        .position(|h| h.as_ref().trim().eq_ignore_ascii_case(name))
}

/// Where a row is, for warnings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowPlace {
    /// The file.
    pub path: PathBuf,
    /// The sheet, for a workbook.
    pub sheet: Option<String>,
    /// 1-based line of the row (its row number in a sheet).
    pub line: u64,
}

impl RowPlace {
    /// The place of a CSV record read from `path`.
    pub(crate) fn of_record(path: &std::path::Path, record: &csv::StringRecord) -> RowPlace {
        RowPlace {
            path: path.to_path_buf(),
            sheet: None,
            line: record.position().map_or(0, |p| p.line()),
        }
    }
}

impl fmt::Display for RowPlace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.sheet {
            Some(sheet) => write!(
                f,
                "{}, sheet {sheet}, row {}",
                self.path.display(),
                self.line
            ),
            None => write!(f, "{}, line {}", self.path.display(), self.line),
        }
    }
}
