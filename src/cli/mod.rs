//! The command line: clap's raw arguments ([`Cli`]), resolved into the
//! library's inputs by [`run`], which returns what happened; only `main`
//! turns that into an exit status.
//!
//! Exit status: 0 when every document was read; 1 when some document (or
//! path) failed; 2 for usage errors, an invalid lexicon, or output that
//! could not be written.
//!
//! This file is the table of contents: each subcommand has its own module
//! with its arguments and what it does.

mod compare;
mod extract;
mod lexicon;
mod merge;
mod ocr;
mod progress;
mod report;
mod scan;
mod track;

pub use compare::{CompareArgs, CompareFormat};
pub use extract::ExtractArgs;
pub use lexicon::LexiconCommand;
pub use merge::MergeArgs;
pub use ocr::{OcrArgs, OcrChoice};
pub use report::ReportArgs;
pub use scan::ScanArgs;
pub use track::{TrackArgs, TrackFormat};

use crate::jsonl::MergeError;
use crate::lexicon::{Lexicon, LexiconError};
use crate::matcher::MatcherError;
use crate::output::write_output;
use crate::report::Rendering;
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{self, Write};
use std::path::Path;

/// Find, count and quote social-economy policy in party manifestos.
#[derive(Debug, Parser)]
#[command(name = "mashup", version, about, max_term_width = 100)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Scan manifesto PDFs (and .txt files) and report mentions per party.
    Scan(ScanArgs),
    /// Print the text of a PDF as the matcher reads it, pages separated by form feeds.
    Extract(ExtractArgs),
    /// Check or show a lexicon file.
    #[command(subcommand)]
    Lexicon(LexiconCommand),
    /// Render a saved report (from `scan --format json` or `jsonl`) in another format.
    Report(ReportArgs),
    /// Merge the JSON Lines parts of a sharded scan (`scan --shard I/N --format jsonl`) into one report.
    Merge(MergeArgs),
    /// Compare two saved reports (usually two elections): rates, themes, and asks gained and dropped.
    Compare(CompareArgs),
    /// Follow the asks into government documents (legislation, GOV.UK pages, Hansard, Word
    /// files): each ask's stage, evidence and timeline.
    Track(TrackArgs),
}

/// Report formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A per-party table for people.
    Table,
    /// The full report as JSON (the source of truth; see docs/report.schema.json).
    Json,
    /// One JSON object per document as each is done (for archives, resuming and merging).
    Jsonl,
    /// Spreadsheets: parties.csv, asks.csv, excerpts.csv, ... into the folder given by -o.
    Csv,
    /// The mash-up as a Markdown document.
    Markdown,
    /// The mash-up as one self-contained web page with charts.
    Html,
}

/// What a successful run amounted to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Everything was read.
    Success,
    /// Some document or path failed; results for the rest were written.
    SomeFailed,
}

/// A failure that stops the run.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The lexicon is invalid; every problem is listed.
    #[error("invalid lexicon")]
    Lexicon(#[from] LexiconError),
    /// The lexicon could not be compiled (it is too large for the automaton).
    #[error("cannot compile the lexicon")]
    Matcher(#[from] MatcherError),
    /// The command line asks for something impossible.
    #[error("{0}")]
    Usage(String),
    /// A file the command line names (a list of paths) could not be read.
    #[error("cannot read {path}")]
    ReadFile {
        /// The file.
        path: String,
        /// Why.
        #[source]
        source: io::Error,
    },
    /// An index lacks a required column.
    #[error(transparent)]
    Index(#[from] crate::corpus::IndexError),
    /// A saved report could not be read back.
    #[error(transparent)]
    Load(#[from] crate::saved::LoadError),
    /// A report could not be written.
    #[error(transparent)]
    Render(#[from] crate::report::RenderError),
    /// JSON Lines parts could not be merged (or read).
    #[error(transparent)]
    Merge(#[from] MergeError),
    /// Output could not be written.
    #[error("cannot write {target}")]
    Output {
        /// The file (or "standard output").
        target: String,
        /// Why.
        #[source]
        source: io::Error,
    },
}

impl Error {
    /// The exit status for this error.
    pub fn exit_code(&self) -> u8 {
        2
    }

    /// True when output failed because the reader went away (`| head`), which
    /// is not an error worth reporting.
    pub fn is_broken_pipe(&self) -> bool {
        match self {
            Error::Output { source, .. }
            | Error::Render(crate::report::RenderError { source, .. }) => {
                source.kind() == io::ErrorKind::BrokenPipe
            }
            _ => false,
        }
    }
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<Outcome, Error> {
    match cli.command {
        Command::Scan(args) => scan::run(args),
        Command::Extract(args) => extract::run(args),
        Command::Lexicon(cmd) => lexicon::run(cmd),
        Command::Report(args) => report::run(args),
        Command::Merge(args) => merge::run(args),
        Command::Compare(args) => compare::run(args),
        Command::Track(args) => track::run(args),
    }
}

fn load_lexicon(path: Option<&Path>) -> Result<Lexicon, Error> {
    Ok(match path {
        Some(path) => Lexicon::load(path)?,
        None => Lexicon::builtin(),
    })
}

/// The cache in `dir` (made if needed), or a usage error saying why it
/// cannot be used.
fn open_cache_folder(dir: &Path) -> Result<crate::cache::Cache, Error> {
    crate::cache::Cache::open(dir).map_err(|e| {
        Error::Usage(format!(
            "cannot use the cache folder {}: {e}",
            dir.display()
        ))
    })
}

fn write_to(
    path: Option<&Path>,
    render: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), Error> {
    write_output(path, render).map_err(|source| Error::Output {
        target: path.map_or_else(
            || "standard output".to_string(),
            |p| p.display().to_string(),
        ),
        source,
    })
}

/// The rendering of a finished report that `format` asks for, checked
/// before any reading: `None` for JSON Lines (which only `scan` writes, as
/// it reads); an error when a rendering needs an output it lacks.
fn rendering(format: Format, output: Option<&Path>) -> Result<Option<Rendering>, Error> {
    let rendering = match format {
        Format::Jsonl => return Ok(None),
        Format::Table => Rendering::Table,
        Format::Json => Rendering::Json,
        Format::Csv => Rendering::Csv,
        Format::Markdown => Rendering::Markdown,
        Format::Html => Rendering::Html,
    };
    if rendering.is_folder() && output.is_none() {
        return Err(Error::Usage(
            "--format csv writes several files: give a folder with -o DIR".into(),
        ));
    }
    Ok(Some(rendering))
}

/// [`rendering`] for a command that renders a finished report (`report`,
/// `merge`), where JSON Lines is no choice.
fn finished_rendering(format: Format, output: Option<&Path>) -> Result<Rendering, Error> {
    rendering(format, output)?.ok_or_else(|| {
        Error::Usage(
            "--format jsonl is written by `mashup scan` as it reads; render a report as table, json, csv, markdown or html".into(),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::extract::extract_target;
    use super::*;
    use std::path::Path;

    fn parse(args: &[&str]) -> Result<Cli, clap::Error> {
        Cli::try_parse_from(std::iter::once("mashup").chain(args.iter().copied()))
    }

    #[test]
    fn scan_needs_a_path() {
        assert!(parse(&["scan"]).is_err());
    }

    #[test]
    fn scan_options() {
        let cli = parse(&[
            "scan", "a.pdf", "dir", "--format", "json", "-o", "r.json", "-j", "2", "--index",
            "i.csv",
        ])
        .unwrap();
        let Command::Scan(args) = cli.command else {
            panic!("not scan")
        };
        assert_eq!(args.paths.len(), 2);
        assert_eq!(args.format, Format::Json);
        assert_eq!(args.output.as_deref(), Some(Path::new("r.json")));
        assert_eq!(args.jobs, Some(2));
        assert_eq!(args.index.as_deref(), Some(Path::new("i.csv")));
    }

    /// `scan --help`, the README, the guide and the index reader name the
    /// same index columns.
    #[test]
    fn help_and_readme_name_every_index_column() {
        use clap::CommandFactory;
        let mut cli = Cli::command();
        let scan = cli.find_subcommand_mut("scan").expect("scan");
        let help = scan.render_long_help().to_string();
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        for page in ["README.md", "docs/guide.md"] {
            let text = std::fs::read_to_string(root.join(page)).expect(page);
            for column in crate::corpus::INDEX_COLUMNS {
                let named = format!("`{column}`");
                assert!(text.contains(&named), "{page} lacks {named}");
            }
        }
        for column in crate::corpus::INDEX_COLUMNS {
            let named = format!("`{column}`");
            assert!(help.contains(&named), "scan --help lacks {named}");
        }
    }

    #[test]
    fn jobs_must_be_positive() {
        assert!(parse(&["scan", "x", "-j", "0"]).is_err());
    }

    #[test]
    fn unknown_format_is_rejected() {
        assert!(parse(&["scan", "x", "--format", "xml"]).is_err());
    }

    #[test]
    fn extract_options() {
        let cli = parse(&["extract", "m.pdf", "--all", "-o", "m.txt"]).unwrap();
        let Command::Extract(args) = cli.command else {
            panic!("not extract")
        };
        assert!(args.all);
        assert_eq!(args.output.as_deref(), Some(Path::new("m.txt")));
    }

    #[test]
    fn csv_needs_a_folder_and_jsonl_is_no_rendering() {
        assert!(rendering(Format::Csv, None).is_err());
        assert_eq!(
            rendering(Format::Csv, Some(Path::new("out"))).unwrap(),
            Some(Rendering::Csv)
        );
        assert_eq!(
            rendering(Format::Table, None).unwrap(),
            Some(Rendering::Table)
        );
        assert_eq!(rendering(Format::Jsonl, None).unwrap(), None);
        assert!(finished_rendering(Format::Jsonl, None).is_err());
    }

    #[test]
    fn report_options() {
        let cli = parse(&["report", "r.json", "--format", "csv", "-o", "dir"]).unwrap();
        let Command::Report(args) = cli.command else {
            panic!("not report")
        };
        assert_eq!(args.input, Path::new("r.json"));
        assert_eq!(args.format, Format::Csv);
        assert_eq!(args.output.as_deref(), Some(Path::new("dir")));
        assert!(parse(&["report"]).is_err());
    }

    #[test]
    fn extract_batch_options() {
        let cli = parse(&[
            "extract",
            "a.pdf",
            "b/c.pdf",
            "--output-dir",
            "out",
            "-j",
            "1",
        ])
        .unwrap();
        let Command::Extract(args) = cli.command else {
            panic!("not extract")
        };
        assert_eq!(args.files.len(), 2);
        assert_eq!(args.jobs, Some(1));
        assert_eq!(
            extract_target(args.output_dir.as_deref().unwrap(), &args.files[1]),
            Path::new("out/b/c.txt")
        );
        assert!(parse(&["extract", "a.pdf", "-o", "x", "--output-dir", "d"]).is_err());
        assert!(parse(&["extract"]).is_err());
    }

    #[test]
    fn extract_target_stays_inside_the_folder() {
        let dir = Path::new("out");
        assert_eq!(
            extract_target(dir, Path::new("../x/y.pdf")),
            Path::new("out/x/y.txt")
        );
        assert_eq!(
            extract_target(dir, Path::new("/abs/z.PDF")),
            Path::new("out/abs/z.txt")
        );
    }

    #[test]
    fn lexicon_check_takes_an_optional_file() {
        assert!(parse(&["lexicon", "check"]).is_ok());
        assert!(parse(&["lexicon", "check", "x.toml"]).is_ok());
        assert!(parse(&["lexicon", "show"]).is_ok());
    }

    #[test]
    fn lexicon_import_options() {
        let cli = parse(&[
            "lexicon", "import", "d.txt", "-o", "o.toml", "--from", "liwc",
        ])
        .unwrap();
        let Command::Lexicon(LexiconCommand::Import { file, output, from }) = cli.command else {
            panic!("not import")
        };
        assert_eq!(file, Path::new("d.txt"));
        assert_eq!(output.as_deref(), Some(Path::new("o.toml")));
        assert_eq!(from, Some(crate::lexicon::ImportFormat::Liwc));
        assert!(parse(&["lexicon", "import"]).is_err());
        assert!(parse(&["lexicon", "import", "d.dic", "--from", "xml"]).is_err());
    }
}
