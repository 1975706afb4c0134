//! The parts of a scan: a scan's results written as it goes, and the parts
//! of a sharded scan merged into one report.
//!
//! They are JSON Lines, the interchange format of scans (`scan --format jsonl`), one
//! JSON object per line, written as documents finish, so that a scan of an
//! archive holds nothing per document in memory and a cut-off file is
//! detected. The parts of a sharded scan are merged from it, byte for byte
//! into the report one scan would have written.
//!
//! Every line is `{"type": ..., "data": ...}` (as ripgrep's `--json`):
//!
//! - `header`, first: `schema_version`, `generator`, `lexicon` (with its
//!   content hash), `options` (what else changes results) and `shard`
//!   (`{"index", "count"}` or null);
//! - `warning`: a corpus warning (`{"path", "message"}`), as in the report;
//! - `document`: one document's result, exactly as in the JSON report's
//!   `documents` (in the order they finished, not by path);
//! - `end`, last: `{"documents", "warnings"}`, the number of lines of each
//!   kind. A part without it was cut off.

use crate::corpus::Shard;
use crate::report::{Generator, LexiconInfo, Report, Spool, Tally, Warning, SCHEMA_VERSION};
use crate::results::DocResult;
use serde::{Deserialize, Serialize};
use std::fs::File;
use std::io::{self, BufRead, BufReader, Seek, Write};
use std::path::{Path, PathBuf};

/// The first line of a part.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    /// The report schema the documents follow (see [`SCHEMA_VERSION`]).
    pub schema_version: u32,
    /// The program that wrote it.
    pub generator: Generator,
    /// The lexicon used, with its content hash.
    pub lexicon: LexiconInfo,
    /// The scan's options that change results.
    pub options: ScanOptions,
    /// Which share of the input this part covers, if only one.
    pub shard: Option<Shard>,
}

/// The options of a scan that change its results, recorded so that parts
/// made differently are never merged. (The number of threads, the output
/// format and the cache change nothing and are not recorded.)
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScanOptions {
    /// The content hash of the `--index` file, if one was given.
    pub index: Option<String>,
    /// Whether a password was given for encrypted PDFs (never the password).
    pub password: bool,
    /// How pages with no text were read: `null` when OCR did not run (off,
    /// or Tesseract missing), else the mode and engine (`auto: Tesseract
    /// 5.3.0, eng, 300 dpi`).
    #[serde(default)]
    pub ocr: Option<String>,
}

impl ScanOptions {
    /// The options of a scan given `index` (hashed here, so that parts
    /// scanned under different indexes refuse to merge; `unreadable` when it
    /// cannot be read), a password or not, and how OCR ran.
    pub fn new(index: Option<&std::path::Path>, password: bool, ocr: Option<String>) -> Self {
        ScanOptions {
            index: index.map(|p| match std::fs::read(p) {
                Ok(bytes) => crate::fingerprint::content_hash(&bytes),
                Err(_) => "unreadable".into(),
            }),
            password,
            ocr,
        }
    }
}

/// The last line of a complete part.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct End {
    /// Number of `document` lines.
    pub documents: u64,
    /// Number of `warning` lines.
    pub warnings: u64,
}

/// One line.
#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "type", content = "data", rename_all = "snake_case")]
enum Line {
    Header(Box<Header>),
    Warning(Warning),
    Document(Box<DocResult>),
    End(End),
}

/// What precedes a document's JSON on its line, so that a reader can find
/// the document without parsing the line again.
const DOCUMENT_PREFIX: &[u8] = b"{\"type\":\"document\",\"data\":";

/// Writes a part: the header at once, then warnings and documents as they
/// come, then the closing line.
pub struct PartWriter<W: Write> {
    out: W,
    /// Bytes written so far: where the next line starts.
    written: u64,
    end: End,
    buf: Vec<u8>,
}

impl<W: Write> PartWriter<W> {
    /// Starts a part with its header.
    pub fn new(mut out: W, header: Header) -> io::Result<PartWriter<W>> {
        let mut buf =
            serde_json::to_vec(&Line::Header(Box::new(header))).map_err(io::Error::other)?;
        buf.push(b'\n');
        out.write_all(&buf)?;
        Ok(PartWriter {
            out,
            written: buf.len() as u64,
            end: End {
                documents: 0,
                warnings: 0,
            },
            buf: Vec::new(),
        })
    }

    /// Adds a corpus warning.
    pub fn warning(&mut self, warning: &Warning) -> io::Result<()> {
        self.buf.clear();
        serde_json::to_writer(&mut self.buf, &Line::Warning(warning.clone()))
            .map_err(io::Error::other)?;
        self.buf.push(b'\n');
        self.out.write_all(&self.buf)?;
        self.written += self.buf.len() as u64;
        self.end.warnings += 1;
        Ok(())
    }

    /// Adds a document; returns where its JSON lies in the part (offset and
    /// length), for a [`Spool`].
    pub fn document(&mut self, doc: &DocResult) -> io::Result<(u64, usize)> {
        self.buf.clear();
        self.buf.extend_from_slice(DOCUMENT_PREFIX);
        serde_json::to_writer(&mut self.buf, doc).map_err(io::Error::other)?;
        let len = self.buf.len() - DOCUMENT_PREFIX.len();
        self.buf.extend_from_slice(b"}\n");
        self.out.write_all(&self.buf)?;
        let offset = self.written + DOCUMENT_PREFIX.len() as u64;
        self.written += self.buf.len() as u64;
        self.end.documents += 1;
        Ok((offset, len))
    }

    /// Writes the closing line and flushes; returns the writer.
    pub fn finish(mut self) -> io::Result<W> {
        let mut line = serde_json::to_vec(&Line::End(self.end)).map_err(io::Error::other)?;
        line.push(b'\n');
        self.out.write_all(&line)?;
        self.out.flush()?;
        Ok(self.out)
    }

    /// Flushes what is written so far (so a reader sees every finished
    /// document even if the scan is then killed).
    pub fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// Why parts cannot be merged (or a part read). Every message names the file.
#[derive(Debug, thiserror::Error)]
pub enum MergeError {
    /// A part could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The part.
        path: String,
        /// Why.
        source: io::Error,
    },
    /// A line is not what a part holds there.
    #[error("{path}:{line}: {message}")]
    Invalid {
        /// The part.
        path: String,
        /// 1-based line number.
        line: u64,
        /// What is wrong.
        message: String,
    },
    /// A part was cut off: no closing line.
    #[error("{path} is cut off after {documents} documents (no closing line): its scan did not finish; run it again (with --resume to keep what it did)")]
    CutOff {
        /// The part.
        path: String,
        /// Documents it holds.
        documents: u64,
    },
    /// Parts made differently.
    #[error("{path} was made with {what} unlike {first}: {theirs} against {ours}")]
    Mismatch {
        /// The part that differs.
        path: String,
        /// The first part, which the others are compared with.
        first: String,
        /// What differs.
        what: &'static str,
        /// Its value there.
        theirs: String,
        /// The first part's value.
        ours: String,
    },
    /// Shards missing, duplicated, or mixed with unsharded parts.
    #[error("{0}")]
    Shards(String),
    /// The same document path in two places.
    #[error("{path} appears more than once (in {first} and {second}): a file was scanned twice")]
    Duplicate {
        /// The document path.
        path: String,
        /// Where it was first.
        first: String,
        /// Where it was again.
        second: String,
    },
}

/// The header of a part, read from its first line; `None` when the file is
/// not a part (a JSON report, say).
pub fn read_header(path: &Path) -> Result<Option<Header>, MergeError> {
    let name = path.display().to_string();
    let file = File::open(path).map_err(|source| MergeError::Io {
        path: name.clone(),
        source,
    })?;
    let mut first = Vec::new();
    BufReader::new(file)
        .read_until(b'\n', &mut first)
        .map_err(|source| MergeError::Io { path: name, source })?;
    Ok(match serde_json::from_slice::<Line>(&first) {
        Ok(Line::Header(header)) => Some(*header),
        _ => None,
    })
}

/// Merges parts into one report, reading each document's JSON back from its
/// part only while the report is written (so memory stays flat however many
/// documents there are). Sharded parts may come in any order.
pub fn merge(paths: &[PathBuf]) -> Result<Report, MergeError> {
    let mut parts = Vec::with_capacity(paths.len());
    for path in paths {
        let header = read_header(path)?.ok_or_else(|| MergeError::Invalid {
            path: path.display().to_string(),
            line: 1,
            message: "not a mashup JSON Lines part: the first line is not a header (make parts with `mashup scan --format jsonl`)".into(),
        })?;
        check_schema(path, &header)?;
        parts.push((path.clone(), header));
    }
    let Some((first_path, first)) = parts.first().cloned() else {
        return Err(MergeError::Shards("no parts to merge".into()));
    };
    for (path, header) in &parts[1..] {
        compare(&first_path, &first, path, header)?;
    }
    check_shards(&mut parts)?;

    let mut tally = Tally::new(first.lexicon.clone());
    let mut spool = Spool::new();
    let mut warnings: Vec<Warning> = Vec::new();
    let mut first_seen: std::collections::HashMap<String, usize> = Default::default();
    for (i, (path, _)) in parts.iter().enumerate() {
        let part_warnings = read_part(path, &mut spool, &mut |doc| {
            if let Some(&earlier) = first_seen.get(&doc.path) {
                return Err(MergeError::Duplicate {
                    path: doc.path.clone(),
                    first: parts[earlier].0.display().to_string(),
                    second: path.display().to_string(),
                });
            }
            first_seen.insert(doc.path.clone(), i);
            tally.add(doc);
            Ok(())
        })?;
        for w in part_warnings {
            // Every shard carries the whole corpus's warnings: keep one of each.
            if !warnings.contains(&w) {
                warnings.push(w);
            }
        }
    }
    Ok(tally.finish_spooled(spool, warnings))
}

fn check_schema(path: &Path, header: &Header) -> Result<(), MergeError> {
    if header.schema_version != SCHEMA_VERSION {
        return Err(MergeError::Invalid {
            path: path.display().to_string(),
            line: 1,
            message: format!(
                "schema_version {}; this mashup reads version {SCHEMA_VERSION}: scan again to update it",
                header.schema_version
            ),
        });
    }
    Ok(())
}

/// Parts must come from the same program, lexicon and options.
fn compare(
    first_path: &Path,
    first: &Header,
    path: &Path,
    header: &Header,
) -> Result<(), MergeError> {
    let mismatch = |what, theirs: String, ours: String| MergeError::Mismatch {
        path: path.display().to_string(),
        first: first_path.display().to_string(),
        what,
        theirs,
        ours,
    };
    if header.generator != first.generator {
        return Err(mismatch(
            "another program version",
            header.generator.version.clone(),
            first.generator.version.clone(),
        ));
    }
    if header.lexicon != first.lexicon {
        let describe = |l: &LexiconInfo| format!("{} {} ({})", l.name, l.version, l.hash);
        return Err(mismatch(
            "another lexicon",
            describe(&header.lexicon),
            describe(&first.lexicon),
        ));
    }
    if header.options != first.options {
        return Err(mismatch(
            "other options",
            format!("{:?}", header.options),
            format!("{:?}", first.options),
        ));
    }
    Ok(())
}

/// Sharded parts: all of them sharded the same N ways, each share exactly
/// once; sorted by share so the merge reads them in a fixed order.
fn check_shards(parts: &mut [(PathBuf, Header)]) -> Result<(), MergeError> {
    let sharded = parts.iter().filter(|(_, h)| h.shard.is_some()).count();
    if sharded == 0 {
        return Ok(());
    }
    if sharded != parts.len() {
        let plain = parts.iter().find(|(_, h)| h.shard.is_none());
        return Err(MergeError::Shards(format!(
            "{} is not a shard, but other parts are: merge the shards of one scan",
            plain.map_or(String::new(), |(p, _)| p.display().to_string())
        )));
    }
    parts.sort_by_key(|(_, h)| h.shard.map(|s| s.index));
    let count = parts[0].1.shard.map_or(0, |s| s.count);
    for (path, header) in parts.iter() {
        if header.shard.map(|s| s.count) != Some(count) {
            return Err(MergeError::Shards(format!(
                "{} is a shard of {} parts, {} of {count}",
                path.display(),
                header.shard.map_or(0, |s| s.count),
                parts[0].0.display()
            )));
        }
    }
    for pair in parts.windows(2) {
        if pair[0].1.shard == pair[1].1.shard {
            return Err(MergeError::Shards(format!(
                "{} and {} are the same shard ({})",
                pair[0].0.display(),
                pair[1].0.display(),
                pair[0].1.shard.map_or(String::new(), |s| s.to_string())
            )));
        }
    }
    let have: Vec<u32> = parts
        .iter()
        .filter_map(|(_, h)| h.shard.map(|s| s.index))
        .collect();
    let missing: Vec<String> = (0..count)
        .filter(|i| !have.contains(i))
        .map(|i| format!("{i}/{count}"))
        .collect();
    if !missing.is_empty() {
        return Err(MergeError::Shards(format!(
            "shard {} missing: merge needs all {count} parts",
            missing.join(", ")
        )));
    }
    Ok(())
}

/// Reads one part: hands each document to `on_document` and records in
/// `spool` where it lies; returns the part's warnings. Checks the closing
/// line.
fn read_part(
    path: &Path,
    spool: &mut Spool,
    on_document: &mut dyn FnMut(&DocResult) -> Result<(), MergeError>,
) -> Result<Vec<Warning>, MergeError> {
    let name = path.display().to_string();
    let io_error = |source| MergeError::Io {
        path: name.clone(),
        source,
    };
    let file = File::open(path).map_err(io_error)?;
    let number = spool.add_file(file.try_clone().map_err(io_error)?, path.to_path_buf());
    let mut reader = BufReader::with_capacity(1 << 16, file);
    let mut line = Vec::new();
    let mut offset = 0u64;
    let mut line_no = 0u64;
    let mut counted = End {
        documents: 0,
        warnings: 0,
    };
    let mut warnings = Vec::new();
    let mut end = None;
    loop {
        line.clear();
        let n = reader.read_until(b'\n', &mut line).map_err(io_error)?;
        if n == 0 {
            break;
        }
        line_no += 1;
        let invalid = |message: String| MergeError::Invalid {
            path: name.clone(),
            line: line_no,
            message,
        };
        if end.is_some() {
            return Err(invalid("a line after the closing line".into()));
        }
        if line.last() != Some(&b'\n') {
            // The last line was cut off mid-write.
            return Err(MergeError::CutOff {
                path: name.clone(),
                documents: counted.documents,
            });
        }
        let parsed: Line =
            serde_json::from_slice(&line).map_err(|e| invalid(format!("not a valid line: {e}")))?;
        match parsed {
            Line::Header(_) if line_no == 1 => {}
            Line::Header(_) => return Err(invalid("a second header".into())),
            Line::Warning(w) => {
                counted.warnings += 1;
                warnings.push(w);
            }
            Line::Document(doc) => {
                counted.documents += 1;
                on_document(&doc)?;
                // The document's JSON as written (the line minus its
                // envelope), or, for a line written some other way, the
                // document written again at the end of a scratch file.
                let body = &line[..line.len() - 1];
                if body.starts_with(DOCUMENT_PREFIX) && body.ends_with(b"}") {
                    let len = body.len() - DOCUMENT_PREFIX.len() - 1;
                    spool.add(
                        &doc.path,
                        number,
                        offset + DOCUMENT_PREFIX.len() as u64,
                        len,
                    );
                } else {
                    respool(spool, &doc).map_err(io_error)?;
                }
            }
            Line::End(e) => end = Some(e),
        }
        offset += n as u64;
    }
    match end {
        None => Err(MergeError::CutOff {
            path: name,
            documents: counted.documents,
        }),
        Some(e) if e != counted => Err(MergeError::Invalid {
            path: name,
            line: line_no,
            message: format!(
                "the closing line counts {} documents and {} warnings, the part holds {} and {}",
                e.documents, e.warnings, counted.documents, counted.warnings
            ),
        }),
        Some(_) => Ok(warnings),
    }
}

/// Writes a document to a scratch file of its own for the spool.
fn respool(spool: &mut Spool, doc: &DocResult) -> io::Result<()> {
    let mut file = tempfile::tempfile()?;
    let json = serde_json::to_vec(doc).map_err(io::Error::other)?;
    file.write_all(&json)?;
    file.rewind()?;
    let number = spool.add_file(file, PathBuf::from("(scratch)"));
    spool.add(&doc.path, number, 0, json.len());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::tests::sample_parts;
    use crate::report::write_json;

    fn header(lexicon: &crate::lexicon::Lexicon, shard: Option<Shard>) -> Header {
        Header {
            schema_version: SCHEMA_VERSION,
            generator: Generator::this_program(),
            lexicon: LexiconInfo::of(lexicon),
            options: ScanOptions::default(),
            shard,
        }
    }

    fn write_part(path: &Path, header: Header, docs: &[DocResult], warnings: &[Warning]) {
        let mut writer = PartWriter::new(File::create(path).unwrap(), header).unwrap();
        for w in warnings {
            writer.warning(w).unwrap();
        }
        for d in docs {
            writer.document(d).unwrap();
        }
        writer.finish().unwrap();
    }

    fn json(report: &Report) -> String {
        let mut out = Vec::new();
        write_json(report, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn shard(index: u32, count: u32) -> Option<Shard> {
        Some(Shard { index, count })
    }

    /// Parts in any order, documents in any order, warnings repeated in
    /// every shard: the same report, byte for byte, as one build.
    #[test]
    fn merged_shards_make_the_same_report() {
        let (lexicon, docs) = sample_parts();
        let warning = Warning {
            path: "index.csv".into(),
            message: "names none of the files".into(),
        };
        let mut expected = Report::build(&lexicon, docs.clone());
        expected.warnings.insert(0, warning.clone());
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.jsonl");
        let b = dir.path().join("b.jsonl");
        let w = std::slice::from_ref(&warning);
        write_part(
            &a,
            header(&lexicon, shard(1, 2)),
            &[docs[3].clone(), docs[0].clone()],
            w,
        );
        write_part(
            &b,
            header(&lexicon, shard(0, 2)),
            &[docs[2].clone(), docs[1].clone()],
            w,
        );
        let merged = merge(&[a.clone(), b.clone()]).unwrap();
        assert_eq!(json(&merged), json(&expected));
        assert_eq!(merged.documents.len(), 4);
        assert_eq!(json(&merge(&[b, a]).unwrap()), json(&expected));
    }

    #[test]
    fn merge_refuses_what_would_not_add_up() {
        let (lexicon, docs) = sample_parts();
        let dir = tempfile::tempdir().unwrap();
        let path = |name: &str| dir.path().join(name);
        write_part(
            &path("s0.jsonl"),
            header(&lexicon, shard(0, 3)),
            &docs[..1],
            &[],
        );
        write_part(
            &path("s1.jsonl"),
            header(&lexicon, shard(1, 3)),
            &docs[1..2],
            &[],
        );
        write_part(
            &path("s2.jsonl"),
            header(&lexicon, shard(2, 3)),
            &docs[2..],
            &[],
        );
        let err = |parts: &[&str]| {
            let parts: Vec<PathBuf> = parts.iter().map(|p| path(p)).collect();
            merge(&parts).unwrap_err().to_string()
        };
        assert!(merge(&[path("s0.jsonl"), path("s1.jsonl"), path("s2.jsonl")]).is_ok());
        assert!(err(&["s0.jsonl", "s2.jsonl"]).contains("shard 1/3 missing"));
        assert!(err(&["s0.jsonl", "s1.jsonl", "s1.jsonl", "s2.jsonl"]).contains("same shard"));

        // Another lexicon.
        let other = crate::lexicon::Lexicon::parse(
            "[lexicon]\nname = \"Sample\"\nversion = \"1\"\n[[category]]\nid = \"coops\"\nlabel = \"C\"\nterms = [\"co-op\"]\n",
            "o.toml",
        )
        .unwrap();
        write_part(
            &path("o2.jsonl"),
            header(&other, shard(2, 3)),
            &docs[2..],
            &[],
        );
        let message = err(&["s0.jsonl", "s1.jsonl", "o2.jsonl"]);
        assert!(
            message.contains("o2.jsonl") && message.contains("another lexicon"),
            "{message}"
        );

        // Cut off: the closing line or half a line missing.
        let whole = std::fs::read_to_string(path("s2.jsonl")).unwrap();
        let without_end = &whole[..whole.trim_end().rfind('\n').unwrap() + 1];
        std::fs::write(path("cut.jsonl"), without_end).unwrap();
        let message = err(&["s0.jsonl", "s1.jsonl", "cut.jsonl"]);
        assert!(message.contains("cut.jsonl is cut off"), "{message}");
        std::fs::write(path("cut.jsonl"), &without_end[..without_end.len() - 20]).unwrap();
        assert!(err(&["s0.jsonl", "s1.jsonl", "cut.jsonl"]).contains("cut.jsonl is cut off"));

        // The same document twice.
        write_part(
            &path("d2.jsonl"),
            header(&lexicon, shard(2, 3)),
            &docs[1..],
            &[],
        );
        let message = err(&["s0.jsonl", "s1.jsonl", "d2.jsonl"]);
        assert!(
            message.contains("appears more than once") && message.contains("d2.jsonl"),
            "{message}"
        );

        // Shards mixed with a plain part; not a part at all; another schema.
        write_part(
            &path("plain.jsonl"),
            header(&lexicon, None),
            &docs[2..],
            &[],
        );
        assert!(err(&["s0.jsonl", "plain.jsonl"]).contains("plain.jsonl is not a shard"));
        std::fs::write(path("report.json"), "{\"schema_version\": 5}\n").unwrap();
        assert!(err(&["report.json"]).contains("report.json:1: not a mashup JSON Lines part"));
        let old = whole.replacen(
            &format!("\"schema_version\":{SCHEMA_VERSION}"),
            "\"schema_version\":1",
            1,
        );
        std::fs::write(path("old.jsonl"), old).unwrap();
        assert!(err(&["old.jsonl"]).contains("schema_version 1"));
        // A line after the closing line.
        let plain = std::fs::read_to_string(path("plain.jsonl")).unwrap();
        let extra = plain.lines().nth(1).unwrap();
        std::fs::write(path("after.jsonl"), format!("{plain}{extra}\n")).unwrap();
        let message = err(&["after.jsonl"]);
        assert!(message.contains("after the closing line"), "{message}");
    }
}
