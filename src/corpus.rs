//! Corpus: which files to read and whose manifestos they are.
//!
//! Inputs are files or folders; folders are walked for documents by
//! extension (`*.pdf`, `*.txt`, `*.html`, `*.xml`, `*.docx`, `*.odt`, and
//! for `track` `*.json`; case-insensitive), in sorted order. Party metadata
//! comes from an index CSV with a header naming its columns: `file`
//! (relative to the CSV's folder) and `party`, and any of `year`, `election`
//! (`2017`, or `1974-10` for a year with two elections; else the year),
//! `family` (the party family a renamed or regional party is compared in),
//! `language` (an ISO 639 code, so it need not be detected) and `country`:
//! the one given with `--index`, or an `index.csv` found in a scanned
//! folder. Without one, the party is the file's stem.
//!
//! Nothing here fails the run: a missing path, an empty folder, a bad index
//! row or an index entry whose file is missing each becomes a [`Problem`]
//! that the report lists beside the documents. An index that names none of
//! the files it was given for, or scanned files it has no row for, become
//! [`Corpus::warnings`]: no document is lost, but every party name (and so
//! every own-party pledge) of those files comes from a file name.

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};

/// The name of the index file picked up from a scanned folder.
pub const INDEX_FILE_NAME: &str = "index.csv";

/// What kind of file an input is, by extension (an XML file's own kind,
/// legislation or Hansard, is told by its root element when it is read).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum InputKind {
    /// A PDF (also any file given explicitly with another extension: it is
    /// tried as a PDF and fails clearly if it is not one).
    Pdf,
    /// Plain UTF-8 text, pages separated by form feeds.
    Text,
    /// A web page (`.html`, `.htm`): its main content.
    Html,
    /// A GOV.UK Content API item (`.json`).
    Json,
    /// Legislation (CLML, Akoma Ntoso) or Hansard (ParlParse) XML (`.xml`).
    Xml,
    /// A Word document (`.docx`).
    Docx,
    /// An OpenDocument text (`.odt`).
    Odt,
}

impl InputKind {
    /// The kind of a file named explicitly: by its extension, and anything
    /// unknown is tried as a PDF (and fails clearly if it is not one).
    pub fn of_file(path: &Path) -> InputKind {
        kind_of(path).unwrap_or(InputKind::Pdf)
    }
}

/// Which files a folder is walked for. A scan leaves JSON out: a folder of
/// manifestos often holds the scan's own JSON report, which is no document.
/// `track` reads GOV.UK pages saved as JSON, so it takes them too.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FolderFiles {
    /// Every kind but JSON.
    Manifestos,
    /// Every kind.
    GovernmentDocuments,
}

impl FolderFiles {
    fn takes(self, kind: InputKind) -> bool {
        self == FolderFiles::GovernmentDocuments || kind != InputKind::Json
    }
}

/// Whose manifesto a document is, and for which election.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartyMeta {
    /// The party, as the index names it (or the file stem).
    pub party: String,
    /// Election year, when the index gives it (or its `election` does).
    pub year: Option<u16>,
    /// The election, when the index gives it: its `election` column (`2017`,
    /// or `1974-10` for a year with two elections), else its `year`.
    pub election: Option<String>,
    /// The party family the index puts the party in (a renamed or regional
    /// party with its main one); `None` when it gives none, and then the
    /// family is the party itself.
    pub family: Option<String>,
    /// The document's language as the index gives it (an ISO 639 code),
    /// which then need not be detected.
    pub language: Option<String>,
    /// Country, when the index gives it.
    pub country: Option<String>,
}

impl PartyMeta {
    /// The family the party is compared in across elections.
    pub fn family_or_party(&self) -> &str {
        self.family.as_deref().unwrap_or(&self.party)
    }
}

/// Whether `election` is written as an election is: a year (`2017`), or a
/// year and a month (`1974-02`) for a year with two elections.
fn is_election(election: &str) -> bool {
    let bytes = election.as_bytes();
    let year = bytes.len() >= 4 && bytes[..4].iter().all(u8::is_ascii_digit);
    let month = match &bytes[4.min(bytes.len())..] {
        [] => true,
        [b'-', m1, m2] => {
            m1.is_ascii_digit()
                && m2.is_ascii_digit()
                && (1..=12).contains(&((m1 - b'0') * 10 + (m2 - b'0')))
        }
        _ => false,
    };
    year && month
}

/// One document to read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Input {
    /// The path as the user would recognise it (as given, or joined onto the
    /// folder that was given).
    pub path: PathBuf,
    /// PDF or text.
    pub kind: InputKind,
    /// Party metadata.
    pub meta: PartyMeta,
}

/// An input that could not be used, reported beside the documents.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The path concerned (a file, a folder or an index).
    pub path: PathBuf,
    /// What is wrong, in words for the user; names the line for index rows.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

/// The resolved corpus: documents to read, in path order, and problems found.
#[derive(Clone, Debug, Default)]
pub struct Corpus {
    /// Documents to read.
    pub inputs: Vec<Input>,
    /// Paths that could not be used.
    pub problems: Vec<Problem>,
    /// What the user should know though no document is lost: an index that
    /// names none of the files it was given for, or scanned files that no
    /// row of their index names (their party is then the file name, which
    /// also changes which sentences count as the party's own pledges).
    pub warnings: Vec<Problem>,
}

/// One of N deterministic shares of a corpus (`--shard I/N`), for running a
/// scan on many machines: share I takes the inputs at positions I, I+N,
/// I+2N, ... of the corpus sorted by path, so the shares are disjoint, cover
/// everything, and differ in size by at most one file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Shard {
    /// 0-based share, below `count`.
    pub index: u32,
    /// Number of shares.
    pub count: u32,
}

impl std::str::FromStr for Shard {
    type Err = String;

    /// Parses `I/N` (0-based I below N).
    fn from_str(s: &str) -> Result<Shard, String> {
        let (i, n) = s
            .split_once('/')
            .ok_or_else(|| format!("'{s}' is not I/N (such as 0/4)"))?;
        let number = |x: &str| {
            x.trim()
                .parse::<u32>()
                .map_err(|_| format!("'{s}' is not I/N: '{x}' is not a number"))
        };
        let (index, count) = (number(i)?, number(n)?);
        if count == 0 || index >= count {
            return Err(format!(
                "'{s}': the share I must be below the count N (0/{count} to {}/{count})",
                count.saturating_sub(1)
            ));
        }
        Ok(Shard { index, count })
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

impl Corpus {
    /// Keeps only `shard`'s share of the inputs and of the unusable paths
    /// (each is a line of the report, so each belongs to exactly one share).
    /// Warnings are about the whole corpus and stay in every share.
    pub fn shard(&mut self, shard: Shard) {
        let mut paths: Vec<&Path> = self
            .inputs
            .iter()
            .map(|i| i.path.as_path())
            .chain(self.problems.iter().map(|p| p.path.as_path()))
            .collect();
        paths.sort_unstable();
        let mine: std::collections::HashSet<PathBuf> = paths
            .iter()
            .enumerate()
            .filter(|(i, _)| *i as u64 % u64::from(shard.count) == u64::from(shard.index))
            .map(|(_, p)| p.to_path_buf())
            .collect();
        self.inputs.retain(|i| mine.contains(&i.path));
        self.problems.retain(|p| mine.contains(&p.path));
    }
}

/// One row of an index: metadata for a file.
#[derive(Debug, Deserialize)]
struct IndexRow {
    file: String,
    party: String,
    year: Option<String>,
    election: Option<String>,
    family: Option<String>,
    language: Option<String>,
    country: Option<String>,
}

/// The columns an index may have: the required ones first.
pub const INDEX_COLUMNS: [&str; 7] = [
    "file", "party", "year", "election", "family", "language", "country",
];

/// The columns an index must have.
const REQUIRED_COLUMNS: [&str; 2] = ["file", "party"];

/// An index that cannot be used at all: a required column is missing, most
/// often misspelt. Every party would otherwise come from a file name, so
/// the run stops before reading anything.
#[derive(Debug, thiserror::Error)]
#[error("index {}: no `{column}` column (the header is `{header}`){}", path.display(), suggestion.as_ref().map(|s| format!("; `{s}`: did you mean `{column}`?")).unwrap_or_default())]
pub struct IndexError {
    /// The index file.
    pub path: PathBuf,
    /// The required column it lacks.
    pub column: &'static str,
    /// Its header as written.
    pub header: String,
    /// The column in its header that is most likely that one, misspelt.
    pub suggestion: Option<String>,
}

/// The known column a header cell most likely means, when it is close
/// enough to be a slip of the keyboard (two edits at most).
fn likely_column(cell: &str) -> Option<&'static str> {
    INDEX_COLUMNS
        .iter()
        .map(|c| (strsim::levenshtein(&cell.to_lowercase(), c), *c))
        .filter(|(d, _)| *d <= 2)
        .min()
        .map(|(_, c)| c)
}

/// A loaded index: metadata by canonical path.
struct Index {
    /// The index file, as the user named it (or as found in a folder).
    path: PathBuf,
    /// The folder its `file` column is relative to.
    dir: PathBuf,
    rows: BTreeMap<PathBuf, (String, PartyMeta)>,
}

/// At most this many file names are listed in one warning; the rest are
/// counted.
const LISTED_FILES: usize = 10;

/// Resolves the user's paths (and optional index) into a corpus of
/// manifestos.
pub fn collect(paths: &[PathBuf], index: Option<&Path>) -> Result<Corpus, IndexError> {
    collect_files(paths, index, FolderFiles::Manifestos)
}

/// Resolves the user's paths (and optional index) into a corpus, walking
/// folders for `files`.
///
/// Fails only when an index lacks a required column: every party would
/// otherwise silently come from a file name.
pub fn collect_files(
    paths: &[PathBuf],
    index: Option<&Path>,
    files_wanted: FolderFiles,
) -> Result<Corpus, IndexError> {
    let mut corpus = Corpus::default();
    let mut indexes: Vec<Index> = Vec::new();
    if let Some(path) = index {
        if let Some(loaded) = load_index(path, &mut corpus.problems, &mut corpus.warnings)? {
            indexes.push(loaded);
        }
    }
    // Each file with the index it was scanned under, if any: the one given
    // with `--index` covers every file; a folder's own `index.csv` covers
    // the files found in that folder.
    let mut files: Vec<(PathBuf, InputKind, Option<usize>)> = Vec::new();
    let explicit = (!indexes.is_empty()).then_some(0);
    let mut unused_beside: Vec<PathBuf> = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found = Vec::new();
            walk_folder(path, files_wanted, &mut found, &mut corpus.problems);
            if found.is_empty() {
                corpus.problems.push(Problem {
                    path: path.clone(),
                    message:
                        "no documents in this folder (PDF, text, HTML, XML, DOCX or ODT files)"
                            .into(),
                });
            }
            let local_index = path.join(INDEX_FILE_NAME);
            let mut covering = explicit;
            if index.is_none() && local_index.is_file() {
                if let Some(loaded) =
                    load_index(&local_index, &mut corpus.problems, &mut corpus.warnings)?
                {
                    indexes.push(loaded);
                    covering = Some(indexes.len() - 1);
                }
            }
            files.extend(found.into_iter().map(|(p, k)| (p, k, covering)));
        } else if path.is_file() {
            files.push((path.clone(), InputKind::of_file(path), explicit));
            // A folder's index covers the files found by walking it; a file
            // named on its own is not covered by the index beside it, and
            // the user is told, once per folder, rather than left to wonder
            // why its party is its file name.
            let beside = path.parent().map_or_else(
                || PathBuf::from(INDEX_FILE_NAME),
                |d| d.join(INDEX_FILE_NAME),
            );
            if index.is_none()
                && files_wanted == FolderFiles::Manifestos
                && beside.is_file()
                && !unused_beside.contains(&beside)
            {
                corpus.warnings.push(Problem {
                    path: beside.clone(),
                    message: format!(
                        "not used for {} (an index in a folder covers the files found by scanning the folder): scan the folder, or give the index with --index",
                        path.display()
                    ),
                });
                unused_beside.push(beside);
            }
        } else {
            let message = match std::fs::metadata(path) {
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    "no such file or folder".to_string()
                }
                Err(e) => format!("cannot read: {e}"),
                Ok(_) => "not a regular file or folder".to_string(),
            };
            corpus.problems.push(Problem {
                path: path.clone(),
                message,
            });
        }
    }
    let mut seen = BTreeSet::new();
    // Per index: the files it was given for, and those it has no row for.
    let mut covered = vec![0usize; indexes.len()];
    let mut unnamed: Vec<Vec<PathBuf>> = vec![Vec::new(); indexes.len()];
    for (path, kind, covering) in files {
        let canonical = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        if !seen.insert(canonical.clone()) {
            continue;
        }
        let named = indexes
            .iter()
            .find_map(|ix| ix.rows.get(&canonical).map(|(_, m)| m.clone()));
        if let Some(k) = covering {
            covered[k] += 1;
            if named.is_none() {
                unnamed[k].push(path.clone());
            }
        }
        let meta = named.unwrap_or_else(|| PartyMeta {
            party: stem_of(&path),
            ..PartyMeta::default()
        });
        corpus.inputs.push(Input { path, kind, meta });
    }
    for (k, ix) in indexes.iter().enumerate() {
        // Rows whose file is missing are problems; rows for files that exist
        // but were not part of this scan are simply not used.
        for (canonical, (written, _)) in &ix.rows {
            if !canonical.exists() {
                corpus.problems.push(Problem {
                    path: ix.dir.join(written),
                    message: format!("listed in index {} but not found", ix.path.display()),
                });
            }
        }
        let (given, missing) = (covered[k], &unnamed[k]);
        if missing.is_empty() {
            continue;
        }
        let message = if missing.len() == given {
            format!(
                "this index names none of the {given} scanned files, so each party is taken \
                 from its file name (the index's `file` column is relative to the index's \
                 own folder, {})",
                ix.dir.display()
            )
        } else {
            let mut list: Vec<String> = missing
                .iter()
                .take(LISTED_FILES)
                .map(|p| p.display().to_string())
                .collect();
            if missing.len() > LISTED_FILES {
                list.push(format!("and {} more", missing.len() - LISTED_FILES));
            }
            format!(
                "no row for {} of the {given} scanned files, whose party is taken from the \
                 file name: {}",
                missing.len(),
                list.join(", ")
            )
        };
        corpus.warnings.push(Problem {
            path: ix.path.clone(),
            message,
        });
    }
    corpus.inputs.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(corpus)
}

fn kind_of(path: &Path) -> Option<InputKind> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "pdf" => Some(InputKind::Pdf),
        "txt" => Some(InputKind::Text),
        "html" | "htm" | "xhtml" => Some(InputKind::Html),
        "json" => Some(InputKind::Json),
        "xml" => Some(InputKind::Xml),
        "docx" => Some(InputKind::Docx),
        "odt" => Some(InputKind::Odt),
        _ => None,
    }
}

fn stem_of(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

fn walk_folder(
    dir: &Path,
    wanted: FolderFiles,
    files: &mut Vec<(PathBuf, InputKind)>,
    problems: &mut Vec<Problem>,
) {
    for entry in walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
    {
        match entry {
            Ok(entry) if entry.file_type().is_file() => {
                if let Some(kind) = kind_of(entry.path()).filter(|&k| wanted.takes(k)) {
                    files.push((entry.into_path(), kind));
                }
            }
            Ok(_) => {}
            Err(e) => problems.push(Problem {
                path: e
                    .path()
                    .map_or_else(|| dir.to_path_buf(), Path::to_path_buf),
                message: format!(
                    "cannot read: {}",
                    e.io_error()
                        .map_or_else(|| e.to_string(), |io| io.to_string())
                ),
            }),
        }
    }
}

fn load_index(
    path: &Path,
    problems: &mut Vec<Problem>,
    warnings: &mut Vec<Problem>,
) -> Result<Option<Index>, IndexError> {
    let mut problem = |message: String| {
        problems.push(Problem {
            path: path.to_path_buf(),
            message,
        })
    };
    let mut reader = match csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_path(path)
    {
        Ok(r) => r,
        Err(e) => {
            problem(format!("cannot read index: {e}"));
            return Ok(None);
        }
    };
    let headers = reader.headers().cloned().unwrap_or_default();
    let header = headers.iter().collect::<Vec<_>>().join(",");
    for column in REQUIRED_COLUMNS {
        if !headers.iter().any(|h| h == column) {
            return Err(IndexError {
                path: path.to_path_buf(),
                column,
                header,
                suggestion: headers
                    .iter()
                    .find(|h| likely_column(h) == Some(column))
                    .map(str::to_string),
            });
        }
    }
    for unknown in headers.iter().filter(|h| !INDEX_COLUMNS.contains(h)) {
        let hint = likely_column(unknown)
            .map(|c| format!(" (did you mean `{c}`?)"))
            .unwrap_or_default();
        warnings.push(Problem {
            path: path.to_path_buf(),
            message: format!(
                "column `{unknown}` is not one of {}{hint}; it is ignored",
                INDEX_COLUMNS.join(", ")
            ),
        });
    }
    let dir = path
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let dir = if dir.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        dir
    };
    let mut rows = BTreeMap::new();
    for record in reader.deserialize::<IndexRow>() {
        let row = match record {
            Ok(row) => row,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                problem(format!("line {line}: {}", e.kind_message()));
                continue;
            }
        };
        let year = match row.year.as_deref().filter(|y| !y.is_empty()) {
            None => None,
            Some(y) => match y.parse::<u16>() {
                Ok(y) => Some(y),
                Err(_) => {
                    problem(format!("{}: year `{y}` is not a number", row.file));
                    None
                }
            },
        };
        let given = |field: Option<String>| field.filter(|v| !v.is_empty());
        let election = match given(row.election) {
            Some(e) if is_election(&e) => Some(e),
            Some(e) => {
                problem(format!(
                    "{}: election `{e}` is not a year (`2017`) or a year and month (`1974-10`)",
                    row.file
                ));
                None
            }
            None => None,
        };
        let election_year = election.as_deref().and_then(|e| e[..4].parse::<u16>().ok());
        if let (Some(year), Some(from_election)) = (year, election_year) {
            if year != from_election {
                problem(format!(
                    "{}: year {year} and election {} disagree",
                    row.file,
                    election.as_deref().unwrap_or_default()
                ));
            }
        }
        let language = match given(row.language) {
            Some(code) if crate::language::Language::from_code(&code).is_some() => Some(code),
            Some(code) => {
                problem(format!(
                    "{}: language `{code}` is not an ISO 639 code (such as `en` or `cy`)",
                    row.file
                ));
                None
            }
            None => None,
        };
        let full = dir.join(&row.file);
        let key = std::fs::canonicalize(&full).unwrap_or(full);
        let meta = PartyMeta {
            party: row.party,
            year: year.or(election_year),
            election: election.or_else(|| year.map(|y| y.to_string())),
            family: given(row.family),
            language,
            country: given(row.country),
        };
        rows.insert(key, (row.file, meta));
    }
    Ok(Some(Index {
        path: path.to_path_buf(),
        dir,
        rows,
    }))
}

trait KindMessage {
    fn kind_message(&self) -> String;
}

impl KindMessage for csv::Error {
    /// The error without csv's own position prefix, since we add the line.
    fn kind_message(&self) -> String {
        match self.kind() {
            csv::ErrorKind::Deserialize { err, .. } => err.to_string(),
            csv::ErrorKind::UnequalLengths {
                expected_len, len, ..
            } => {
                format!("expected {expected_len} fields, found {len}")
            }
            _ => self.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn folders_are_walked_and_index_applied() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("sub")).unwrap();
        fs::write(dir.path().join("a.pdf"), b"%PDF-1.4").unwrap();
        fs::write(dir.path().join("sub/b.TXT"), b"text").unwrap();
        fs::write(dir.path().join("notes.md"), b"ignored").unwrap();
        fs::write(
            dir.path().join("index.csv"),
            "file,party,year\na.pdf,Hedgerow Party,2026\n",
        )
        .unwrap();
        let corpus = collect(&[dir.path().to_path_buf()], None).unwrap();
        assert!(corpus.problems.is_empty(), "{:?}", corpus.problems);
        assert_eq!(corpus.inputs.len(), 2);
        assert_eq!(corpus.inputs[0].meta.party, "Hedgerow Party");
        assert_eq!(corpus.inputs[0].meta.year, Some(2026));
        assert_eq!(corpus.inputs[1].meta.party, "b");
        assert_eq!(corpus.inputs[1].kind, InputKind::Text);
    }

    #[test]
    fn missing_paths_and_empty_folders_are_problems() {
        let dir = tempfile::tempdir().unwrap();
        let corpus = collect(
            &[dir.path().join("nope.pdf"), dir.path().to_path_buf()],
            None,
        )
        .unwrap();
        assert!(corpus.inputs.is_empty());
        let messages: Vec<String> = corpus.problems.iter().map(|p| p.message.clone()).collect();
        assert_eq!(
            messages,
            vec![
                "no such file or folder",
                "no documents in this folder (PDF, text, HTML, XML, DOCX or ODT files)"
            ]
        );
    }

    #[test]
    fn elections_families_and_languages_come_from_the_index() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["a.pdf", "b.pdf", "c.pdf", "d.pdf", "e.pdf"] {
            fs::write(dir.path().join(name), b"%PDF-1.4").unwrap();
        }
        fs::write(
            dir.path().join("index.csv"),
            "file,party,year,election,family,language,country\n\
             a.pdf,Liberal Party,1974,1974-10,Liberal Democrats,,UK\n\
             b.pdf,Labour,2017,,,cy,UK\n\
             c.pdf,Labour,2017,2017-13,,,UK\n\
             d.pdf,Labour,2015,2017,,welsh,UK\n\
             e.pdf,SNP,,2019,,EN,UK\n",
        )
        .unwrap();
        let corpus = collect(&[dir.path().to_path_buf()], None).unwrap();
        let meta = |name: &str| {
            &corpus
                .inputs
                .iter()
                .find(|i| i.path.ends_with(name))
                .unwrap()
                .meta
        };
        let a = meta("a.pdf");
        assert_eq!(
            (a.year, a.election.as_deref()),
            (Some(1974), Some("1974-10"))
        );
        assert_eq!(a.family_or_party(), "Liberal Democrats");
        let b = meta("b.pdf");
        assert_eq!(b.election.as_deref(), Some("2017"), "the year stands in");
        assert_eq!(
            (b.family_or_party(), b.language.as_deref()),
            ("Labour", Some("cy"))
        );
        assert_eq!(
            meta("c.pdf").election.as_deref(),
            Some("2017"),
            "a bad election is dropped"
        );
        assert_eq!(meta("d.pdf").language, None);
        let e = meta("e.pdf");
        assert_eq!((e.year, e.election.as_deref()), (Some(2019), Some("2019")));
        assert_eq!(e.language.as_deref(), Some("EN"));
        let messages: Vec<&str> = corpus.problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(messages.len(), 3, "{messages:?}");
        assert!(messages
            .iter()
            .any(|m| m.contains("c.pdf: election `2017-13`")));
        assert!(messages
            .iter()
            .any(|m| m.contains("d.pdf: year 2015 and election 2017 disagree")));
        assert!(messages
            .iter()
            .any(|m| m.contains("d.pdf: language `welsh`")));
        assert!(corpus
            .problems
            .iter()
            .all(|p| p.path.ends_with("index.csv")));
    }

    #[test]
    fn index_rows_naming_missing_files_and_bad_years_are_problems() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("a.pdf"), b"%PDF-1.4").unwrap();
        fs::write(
            dir.path().join("index.csv"),
            "file,party,year,country\na.pdf,A,twenty,UK\ngone.pdf,B,2020,UK\n",
        )
        .unwrap();
        let corpus = collect(&[dir.path().to_path_buf()], None).unwrap();
        assert_eq!(corpus.inputs.len(), 1);
        assert_eq!(corpus.inputs[0].meta.country.as_deref(), Some("UK"));
        assert_eq!(corpus.problems.len(), 2, "{:?}", corpus.problems);
        assert!(corpus.problems[0].message.contains("twenty"));
        assert!(corpus.problems[1].message.contains("not found"));
        assert!(corpus.problems[1].path.ends_with("gone.pdf"));
    }

    #[test]
    fn an_index_naming_no_scanned_file_is_a_warning_naming_the_index() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("pdfs")).unwrap();
        fs::write(dir.path().join("pdfs/a.pdf"), b"%PDF-1.4").unwrap();
        fs::write(dir.path().join("pdfs/b.pdf"), b"%PDF-1.4").unwrap();
        // Written as if relative to the working folder, not the index's own.
        let index = dir.path().join("my-parties.csv");
        fs::write(&index, "file,party\nelsewhere/a.pdf,A\nelsewhere/b.pdf,B\n").unwrap();
        let corpus = collect(&[dir.path().join("pdfs")], Some(&index)).unwrap();
        assert_eq!(corpus.inputs.len(), 2);
        assert_eq!(corpus.inputs[0].meta.party, "a");
        assert_eq!(corpus.warnings.len(), 1, "{:?}", corpus.warnings);
        assert_eq!(corpus.warnings[0].path, index);
        assert!(corpus.warnings[0]
            .message
            .contains("names none of the 2 scanned files"));
        // The missing rows name the index given, not `index.csv`.
        assert_eq!(corpus.problems.len(), 2, "{:?}", corpus.problems);
        for problem in &corpus.problems {
            assert!(problem.message.contains("my-parties.csv"), "{problem}");
        }
    }

    #[test]
    fn scanned_files_without_a_row_are_listed() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["a.pdf", "b.pdf", "c.txt"] {
            fs::write(dir.path().join(name), b"%PDF-1.4").unwrap();
        }
        fs::write(dir.path().join("index.csv"), "file,party\na.pdf,A\n").unwrap();
        let corpus = collect(&[dir.path().to_path_buf()], None).unwrap();
        assert_eq!(corpus.warnings.len(), 1, "{:?}", corpus.warnings);
        let warning = corpus.warnings[0].to_string();
        assert!(
            warning.contains("index.csv: no row for 2 of the 3"),
            "{warning}"
        );
        assert!(
            warning.contains("b.pdf") && warning.contains("c.txt"),
            "{warning}"
        );
        // A complete index, or none at all, warns of nothing.
        fs::write(
            dir.path().join("index.csv"),
            "file,party\na.pdf,A\nb.pdf,B\nc.txt,C\n",
        )
        .unwrap();
        assert!(collect(&[dir.path().to_path_buf()], None)
            .unwrap()
            .warnings
            .is_empty());
        fs::remove_file(dir.path().join("index.csv")).unwrap();
        assert!(collect(&[dir.path().to_path_buf()], None)
            .unwrap()
            .warnings
            .is_empty());
    }

    #[test]
    fn explicit_index_needs_its_header() {
        let dir = tempfile::tempdir().unwrap();
        let index = dir.path().join("meta.csv");
        fs::write(&index, "name,who\nx,y\n").unwrap();
        let e = collect(&[], Some(&index)).unwrap_err();
        assert_eq!((e.column, e.suggestion.as_deref()), ("file", None));
        assert!(
            e.to_string()
                .contains("no `file` column (the header is `name,who`)"),
            "{e}"
        );
    }

    /// A file named on its own is not covered by the index beside it, and
    /// the user is told so, once per folder.
    #[test]
    fn an_index_beside_a_named_file_is_said_to_be_unused() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("a.txt"), "text").unwrap();
        fs::write(dir.path().join("b.txt"), "text").unwrap();
        fs::write(dir.path().join("index.csv"), "file,party\na.txt,Labour\n").unwrap();
        let files = [dir.path().join("a.txt"), dir.path().join("b.txt")];
        let corpus = collect(&files, None).unwrap();
        assert_eq!(corpus.inputs[0].meta.party, "a");
        assert_eq!(corpus.warnings.len(), 1, "{:?}", corpus.warnings);
        assert!(corpus.warnings[0].message.starts_with("not used for "));
        let with_index = collect(&files, Some(&dir.path().join("index.csv"))).unwrap();
        assert_eq!(with_index.inputs[0].meta.party, "Labour");
        assert!(with_index
            .warnings
            .iter()
            .all(|w| !w.message.starts_with("not used")));
        let folder = collect(&[dir.path().to_path_buf()], None).unwrap();
        assert_eq!(folder.inputs[0].meta.party, "Labour");
    }

    /// A misspelt required column stops the run, naming it; a misspelt or
    /// unknown optional one is a warning, and the index is used.
    #[test]
    fn misspelt_columns_are_named() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("a.txt"), "text").unwrap();
        let index = dir.path().join("index.csv");
        fs::write(&index, "file,pary,year\na.txt,Labour,2017\n").unwrap();
        let e = collect(&[dir.path().to_path_buf()], None).unwrap_err();
        assert_eq!((e.column, e.suggestion.as_deref()), ("party", Some("pary")));
        assert!(
            e.to_string().ends_with("`pary`: did you mean `party`?"),
            "{e}"
        );
        fs::write(&index, "file,party,elecion,notes\na.txt,Labour,2017,x\n").unwrap();
        let corpus = collect(&[dir.path().to_path_buf()], None).unwrap();
        assert_eq!(corpus.inputs[0].meta.party, "Labour");
        let messages: Vec<&str> = corpus.warnings.iter().map(|w| w.message.as_str()).collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(
            messages[0].contains("`elecion`") && messages[0].contains("did you mean `election`?")
        );
        assert!(messages[1].contains("`notes`") && !messages[1].contains("did you mean"));
    }
}
