//! Importing dictionaries analysts already have: quanteda YAML, LIWC `.dic` and WordStat
//! `.cat`, converted into our TOML lexicon format.
//!
//! Takes the text of a foreign dictionary and returns TOML that [`Lexicon::parse`] accepts,
//! plus one [`Diagnostic`] (file, line, column) for every entry that could not be brought
//! over. It does not match anything and knows nothing about reports.
//!
//! What the conversion does, for every format:
//!
//! - **Nesting.** Nested categories are flattened: a category `child` inside `parent`
//!   becomes the category with id `parent/child` (label `parent / child`). A category with
//!   no terms of its own (only subcategories) is not written. Two categories that flatten to
//!   the same id are merged.
//! - **Terms.** White space inside a term becomes single spaces (quanteda and LIWC
//!   multi-word entries; WordStat's `_` joins words and becomes a space too). A `*` ending a
//!   word keeps its meaning (zero or more further letters or digits). Patterns our syntax
//!   cannot express are reported and skipped: a glob `?`, a leading `*`, a `*` inside a word,
//!   regular-expression characters, LIWC's conditional entries (`<of>`, parentheses).
//!   Terms are kept as written (matching is case-insensitive anyway).
//! - **Every category of a term.** LIWC, WordStat and quanteda dictionaries list a word in
//!   every category it counts for (a pronoun under `funct` and under `funct/pronoun`, a word
//!   under two unrelated themes). Every membership is kept, and a match counts once in each
//!   of its term's categories ([rule 7](crate::matcher)), so each category counts what it
//!   counts in the source dictionary. A term listed twice in one category is written once;
//!   nothing is reported for either, since no meaning is lost.
//!
//! ```
//! use manifesto_mashup::lexicon::{import_str, ImportFormat, Lexicon};
//!
//! let yaml = "economy:\n  jobs: [job*, employ*]\n  tax:\n    - tax*\n    - '*tax'\n";
//! let imported = import_str(yaml, ImportFormat::Yaml, "d.yml", "demo").unwrap();
//! assert_eq!(imported.skipped.len(), 1);
//! assert_eq!(imported.skipped[0].to_string(),
//!     "d.yml:5:7: term \"*tax\" skipped: a leading `*` (any word ending) has no equivalent; \
//!      our `*` may only end a word");
//! let lexicon = Lexicon::parse(&imported.toml, "out.toml").unwrap();
//! let ids: Vec<&str> = lexicon.categories().iter().map(|c| c.id.as_str()).collect();
//! assert_eq!(ids, ["economy/jobs", "economy/tax"]);
//! ```

mod liwc;
mod wordstat;
mod yaml;

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;

use super::error::{Diagnostic, LexiconError};
use super::fold::term_key;
use super::term::check_syntax;

/// The dictionary formats `mashup lexicon import` reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ImportFormat {
    /// quanteda's YAML dictionaries (`.yml`, `.yaml`): nested mappings of category names,
    /// ending in lists of patterns.
    Yaml,
    /// LIWC `.dic`: a category legend between two `%` lines, then one entry per line with
    /// its category numbers.
    Liwc,
    /// Provalis WordStat `.cat`: categories and entries indented with tabs, entries ending
    /// with a weight such as `(1)`.
    WordStat,
}

impl ImportFormat {
    /// Guesses the format from the file extension (`yml`/`yaml`, `dic`, `cat`), as quanteda
    /// does.
    pub fn from_path(path: &Path) -> Option<ImportFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "yml" | "yaml" => Some(ImportFormat::Yaml),
            "dic" => Some(ImportFormat::Liwc),
            "cat" => Some(ImportFormat::WordStat),
            _ => None,
        }
    }

    /// The name used on the command line (`yaml`, `liwc`, `wordstat`).
    pub fn name(self) -> &'static str {
        match self {
            ImportFormat::Yaml => "yaml",
            ImportFormat::Liwc => "liwc",
            ImportFormat::WordStat => "wordstat",
        }
    }
}

impl std::str::FromStr for ImportFormat {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "yaml" | "yml" | "quanteda" => Ok(ImportFormat::Yaml),
            "liwc" | "dic" => Ok(ImportFormat::Liwc),
            "wordstat" | "cat" => Ok(ImportFormat::WordStat),
            _ => Err(format!(
                "unknown dictionary format {s:?} (expected yaml, liwc or wordstat)"
            )),
        }
    }
}

/// A converted dictionary.
#[derive(Clone, Debug)]
pub struct Imported {
    /// The lexicon in our TOML format; [`Lexicon::parse`](super::Lexicon::parse) accepts it.
    pub toml: String,
    /// Entries that could not be converted and were left out, in file order.
    pub skipped: Vec<Diagnostic>,
    /// Number of categories written.
    pub categories: usize,
    /// Number of terms written.
    pub terms: usize,
}

/// One entry as a reader found it: the category path it belongs to and where it was.
#[derive(Clone, Debug)]
struct RawTerm {
    path: Vec<String>,
    text: String,
    line: usize,
    column: usize,
}

/// What a format reader hands to the common conversion.
#[derive(Default)]
struct Raw {
    terms: Vec<RawTerm>,
    diags: Vec<Diagnostic>,
}

/// Per-file context shared by the readers.
struct Origin<'a> {
    file: &'a str,
}

impl Origin<'_> {
    fn diag(&self, line: usize, column: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            file: self.file.to_string(),
            line,
            column,
            message: message.into(),
        }
    }

    fn fatal(&self, line: usize, column: usize, message: impl Into<String>) -> LexiconError {
        LexiconError::new(vec![self.diag(line, column, message)])
    }
}

/// Reads and converts a dictionary file; the format comes from `format` or else from the
/// extension. The lexicon is named after the file stem.
pub fn import_file(path: &Path, format: Option<ImportFormat>) -> Result<Imported, LexiconError> {
    let file = path.display().to_string();
    let Some(format) = format.or_else(|| ImportFormat::from_path(path)) else {
        return Err(Origin { file: &file }.fatal(
            0,
            0,
            "cannot tell the dictionary format from the extension: use .yml/.yaml (quanteda), \
             .dic (LIWC) or .cat (WordStat), or name it with --from",
        ));
    };
    let bytes = std::fs::read(path).map_err(|e| LexiconError::io(path, e))?;
    let source = decode(&bytes);
    let name = path.file_stem().map_or_else(
        || "imported".to_string(),
        |s| s.to_string_lossy().into_owned(),
    );
    import_str(&source, format, &file, &name)
}

/// Dictionaries from older Windows tools are often Windows-1252 rather than UTF-8; quanteda
/// falls back the same way. A UTF-8 byte-order mark is dropped.
fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned(),
    }
}

/// Converts dictionary text; `origin` names the file in diagnostics and `name` becomes the
/// lexicon's name. Fails only when the file as a whole cannot be read as its format (YAML
/// syntax, a LIWC file without its `%` legend, a top level that is not a mapping).
pub fn import_str(
    source: &str,
    format: ImportFormat,
    origin: &str,
    name: &str,
) -> Result<Imported, LexiconError> {
    let origin = Origin { file: origin };
    let raw = match format {
        ImportFormat::Yaml => yaml::read(source, &origin)?,
        ImportFormat::Liwc => liwc::read(source, &origin)?,
        ImportFormat::WordStat => wordstat::read(source, &origin),
    };
    Ok(convert(raw, format, &origin, name))
}

/// A category being written: its id, label and terms in file order.
struct OutCategory {
    id: String,
    label: String,
    terms: Vec<String>,
}

fn convert(raw: Raw, format: ImportFormat, origin: &Origin<'_>, name: &str) -> Imported {
    let mut diags = raw.diags;
    // Rule 1 first: each entry is converted or reported.
    let mut valid = Vec::new();
    for t in raw.terms {
        match convert_term(&t.text) {
            Ok(text) => valid.push((t, text)),
            Err(why) => diags.push(origin.diag(
                t.line,
                t.column,
                format!("term {:?} skipped: {why}", t.text.trim()),
            )),
        }
    }
    // Rule 7: every membership is kept (a term counts in each of its categories); a term
    // listed twice in one category is written once, and a term in more categories than a
    // lexicon allows keeps the first ones.
    let mut memberships: HashMap<Vec<u8>, Vec<(Vec<String>, usize)>> = HashMap::new();
    let mut keep = vec![false; valid.len()];
    for (i, (t, text)) in valid.iter().enumerate() {
        let seen = memberships.entry(term_key(text, true)).or_default();
        if seen.iter().any(|(path, _)| *path == t.path) {
            continue;
        }
        if seen.len() >= super::MAX_TERM_CATEGORIES {
            let (first, line) = &seen[0];
            diags.push(origin.diag(
                t.line,
                t.column,
                format!(
                    "term {text:?} skipped in category {:?}: already in {} categories (the \
                     first {:?}, line {line}), the most a term may have",
                    t.path.join("/"),
                    super::MAX_TERM_CATEGORIES,
                    first.join("/")
                ),
            ));
            continue;
        }
        seen.push((t.path.clone(), t.line));
        keep[i] = true;
    }
    let mut categories: Vec<OutCategory> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for ((t, text), keep) in valid.into_iter().zip(keep) {
        if !keep {
            continue;
        }
        let id = t.path.join("/");
        let k = *index.entry(id.clone()).or_insert_with(|| {
            categories.push(OutCategory {
                id,
                label: t.path.join(" / "),
                terms: Vec::new(),
            });
            categories.len() - 1
        });
        categories[k].terms.push(text);
    }
    diags.sort_by_key(|d| (d.line, d.column));
    let terms = categories.iter().map(|c| c.terms.len()).sum();
    let toml = write_toml(&categories, format, origin.file, name, diags.len());
    Imported {
        toml,
        skipped: diags,
        categories: categories.len(),
        terms,
    }
}

/// Converts one foreign pattern into our term syntax, or says why it cannot be.
fn convert_term(raw: &str) -> Result<String, String> {
    let words: Vec<&str> = raw.split_whitespace().collect();
    if words.is_empty() {
        return Err("empty entry".to_string());
    }
    for w in &words {
        if w.contains('?') {
            return Err(
                "a glob `?` (any one character) has no equivalent; our `*` may only end a word"
                    .to_string(),
            );
        }
        if w.starts_with('*') {
            return Err(
                "a leading `*` (any word ending) has no equivalent; our `*` may only end a word"
                    .to_string(),
            );
        }
        if w.trim_end_matches('*').contains('*') {
            return Err(
                "a `*` inside a word has no equivalent; our `*` may only end a word".to_string(),
            );
        }
        if w.chars().any(|c| "\\^$[]{}|+().".contains(c)) {
            return Err(
                "regular-expression characters have no equivalent; a term is plain words with \
                 an optional final `*`"
                    .to_string(),
            );
        }
    }
    // Several `*` at a word end (`work**`) mean the same as one.
    let words: Vec<String> = words
        .iter()
        .map(|w| {
            let stem = w.trim_end_matches('*');
            if stem.len() < w.len() {
                format!("{stem}*")
            } else {
                stem.to_string()
            }
        })
        .collect();
    let term = words.join(" ");
    check_syntax(&term).map_err(|(_, why)| why)?;
    Ok(term)
}

/// A TOML basic string; the `toml` crate does the quoting and escaping.
fn quote(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// Writes the lexicon by hand (one term per line) so analysts can read and edit the result;
/// the serde serialiser would put each list on one long line.
fn write_toml(
    categories: &[OutCategory],
    format: ImportFormat,
    file: &str,
    name: &str,
    skipped: usize,
) -> String {
    let mut out = String::new();
    let file_name = Path::new(file)
        .file_name()
        .map_or_else(|| file.to_string(), |f| f.to_string_lossy().into_owned());
    let _ = writeln!(
        out,
        "# Imported by `mashup lexicon import` from {file_name} ({}).",
        format.name()
    );
    if skipped > 0 {
        let _ = writeln!(
            out,
            "# {skipped} entries could not be converted and were left out; the import listed \
             each with its line."
        );
    }
    let _ = writeln!(out, "\n[lexicon]\nname = {}", quote(name));
    let _ = writeln!(out, "version = \"imported\"");
    let _ = writeln!(
        out,
        "note = {}",
        quote(&format!("Imported from {file_name} ({})", format.name()))
    );
    for c in categories {
        let _ = writeln!(
            out,
            "\n[[category]]\nid = {}\nlabel = {}\nterms = [",
            quote(&c.id),
            quote(&c.label)
        );
        for t in &c.terms {
            let _ = writeln!(out, "  {},", quote(t));
        }
        let _ = writeln!(out, "]");
    }
    out
}

/// Helpers shared by the tests of every import format.
#[cfg(test)]
mod test_support {
    use super::{import_str, ImportFormat};
    use crate::lexicon::Lexicon;

    /// Imports `src`, checks the result parses as our lexicon, and returns its
    /// categories as `(id, terms)` with the skipped entries' messages.
    pub(super) fn imported_categories(
        src: &str,
        format: ImportFormat,
        origin: &str,
    ) -> (Vec<(String, Vec<String>)>, Vec<String>) {
        let out = import_str(src, format, origin, "t").unwrap();
        let lex = Lexicon::parse(&out.toml, "out.toml").unwrap();
        let cats = lex
            .categories()
            .iter()
            .map(|c| {
                let terms = c.terms.iter().map(|t| t.as_str().to_string()).collect();
                (c.id.clone(), terms)
            })
            .collect();
        (cats, out.skipped.iter().map(ToString::to_string).collect())
    }

    /// An expected category.
    pub(super) fn cat(id: &str, terms: &[&str]) -> (String, Vec<String>) {
        (
            id.to_string(),
            terms.iter().map(|t| t.to_string()).collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicon;

    fn raw(path: &[&str], text: &str, line: usize) -> RawTerm {
        RawTerm {
            path: path.iter().map(|s| s.to_string()).collect(),
            text: text.to_string(),
            line,
            column: 1,
        }
    }

    fn run(terms: Vec<RawTerm>) -> Imported {
        let origin = Origin { file: "d.dic" };
        convert(
            Raw {
                terms,
                diags: Vec::new(),
            },
            ImportFormat::Liwc,
            &origin,
            "d",
        )
    }

    #[test]
    fn converts_terms() {
        assert_eq!(convert_term("co-op*"), Ok("co-op*".into()));
        assert_eq!(convert_term("  kind \t of  "), Ok("kind of".into()));
        assert_eq!(convert_term("work**"), Ok("work*".into()));
        assert_eq!(convert_term("don't"), Ok("don't".into()));
        assert!(convert_term("colo?r").unwrap_err().contains("glob `?`"));
        assert!(convert_term("*tax").unwrap_err().contains("leading `*`"));
        assert!(convert_term("a*b").unwrap_err().contains("inside a word"));
        assert!(convert_term("^tax(es)?$").is_err());
        assert!(convert_term("tax|duty")
            .unwrap_err()
            .contains("regular-expression"));
        assert!(convert_term("x:y").unwrap_err().contains("not allowed"));
        assert_eq!(convert_term("   "), Err("empty entry".into()));
    }

    #[test]
    fn every_membership_is_kept_and_repeats_in_a_category_are_written_once() {
        let out = run(vec![
            raw(&["funct"], "we", 10),
            raw(&["funct", "pronoun"], "we", 10),
            raw(&["funct", "pronoun", "we-words"], "we", 10),
            raw(&["social"], "We", 11),
            raw(&["funct", "pronoun"], "they", 12),
            raw(&["funct", "pronoun"], "THEY", 13),
        ]);
        let lex = Lexicon::parse(&out.toml, "out.toml").unwrap();
        let cats: Vec<(&str, Vec<&str>)> = lex
            .categories()
            .iter()
            .map(|c| (c.id.as_str(), c.terms.iter().map(|t| t.as_str()).collect()))
            .collect();
        assert_eq!(
            cats,
            [
                ("funct", vec!["we"]),
                ("funct/pronoun", vec!["we", "they"]),
                ("funct/pronoun/we-words", vec!["we"]),
                ("social", vec!["We"]),
            ]
        );
        assert!(out.skipped.is_empty(), "{:?}", out.skipped);
        assert_eq!((out.categories, out.terms), (4, 5));
        assert_eq!(lex.categories()[1].label, "funct / pronoun");
        // A match of "we" counts once, in all four of its categories.
        let matcher = crate::matcher::Matcher::new(&lex).unwrap();
        let hits = matcher.find_mentions("We said so.");
        assert_eq!(hits.len(), 1);
        assert_eq!(matcher.hit_categories(&hits[0]).count(), 4);
    }

    #[test]
    fn output_escapes_and_parses() {
        let out = run(vec![raw(&["a \"quoted\" \\ name"], "caf\u{E9}*", 1)]);
        let lex = Lexicon::parse(&out.toml, "out.toml").unwrap();
        assert_eq!(lex.categories()[0].id, "a \"quoted\" \\ name");
        assert_eq!(lex.categories()[0].terms[0].as_str(), "caf\u{E9}*");
        assert_eq!((lex.name(), lex.version()), ("d", "imported"));
    }

    #[test]
    fn formats_by_extension_and_name() {
        assert_eq!(
            ImportFormat::from_path(Path::new("x/LaverGarry.CAT")),
            Some(ImportFormat::WordStat)
        );
        assert_eq!(
            ImportFormat::from_path(Path::new("a.yaml")),
            Some(ImportFormat::Yaml)
        );
        assert_eq!(
            ImportFormat::from_path(Path::new("a.dic")),
            Some(ImportFormat::Liwc)
        );
        assert_eq!(ImportFormat::from_path(Path::new("a.txt")), None);
        assert_eq!("LIWC".parse(), Ok(ImportFormat::Liwc));
        assert!("xml".parse::<ImportFormat>().is_err());
    }

    #[test]
    fn decodes_windows_1252_and_bom() {
        assert_eq!(decode(b"\xEF\xBB\xBFcaf\xC3\xA9"), "caf\u{E9}");
        assert_eq!(decode(b"caf\xE9 \x93x\x94"), "caf\u{E9} \u{201C}x\u{201D}");
    }

    #[test]
    fn import_file_errors_name_the_file() {
        let e = import_file(Path::new("/nonexistent/d.txt"), None).unwrap_err();
        assert!(
            e.to_string().starts_with("/nonexistent/d.txt: cannot tell"),
            "{e}"
        );
        let e = import_file(Path::new("/nonexistent/d.dic"), None).unwrap_err();
        assert!(
            e.to_string().starts_with("/nonexistent/d.dic: cannot read"),
            "{e}"
        );
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mine.txt");
        std::fs::write(&path, "%\n1\tpos\n%\ngood*\t1\n").unwrap();
        let out = import_file(&path, Some(ImportFormat::Liwc)).unwrap();
        let lex = Lexicon::parse(&out.toml, "out.toml").unwrap();
        assert_eq!(lex.name(), "mine");
        assert_eq!(lex.term_count(), 1);
    }
}
