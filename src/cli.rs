//! The command line: clap's raw arguments ([`Cli`]), resolved into the
//! library's inputs by [`run`], which returns what happened; only `main`
//! turns that into an exit status.
//!
//! Exit status: 0 when every document was read; 1 when some document (or
//! path) failed; 2 for usage errors, an invalid lexicon, or output that
//! could not be written.

use crate::corpus;
use crate::lexicon::{Lexicon, LexiconError};
use crate::matcher::{Matcher, MatcherError};
use crate::output::{write_output, write_output_dir, FileRenderer};
use crate::pipeline::{self, Instrument, Progress, ReadOptions};
use crate::report::{self, Report};
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

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
    /// Render a saved JSON report (from `scan --format json`) in another format.
    Report(ReportArgs),
}

/// Arguments of `mashup scan`.
#[derive(Debug, Args)]
pub struct ScanArgs {
    /// Files or folders to scan (folders are searched for *.pdf and *.txt).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Lexicon file (TOML) [default: the built-in social-economy lexicon].
    #[arg(long, value_name = "FILE")]
    pub lexicon: Option<PathBuf>,
    /// CSV with header `file,party,year[,country]` naming each file's party.
    #[arg(long, value_name = "FILE")]
    pub index: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Write the report to FILE (a folder for csv) instead of stdout; written whole or not at all.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Number of documents read in parallel [default: all cores].
    #[arg(short, long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    /// Password for encrypted PDFs.
    #[arg(long, value_name = "PASSWORD")]
    pub password: Option<String>,
}

/// Report formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A per-party table for people.
    Table,
    /// The full report as JSON (the source of truth; see docs/report.schema.json).
    Json,
    /// Spreadsheets: parties.csv, asks.csv, excerpts.csv, ... into the folder given by -o.
    Csv,
    /// The mash-up as a Markdown document.
    Markdown,
    /// The mash-up as one self-contained web page with charts.
    Html,
}

/// Arguments of `mashup report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The JSON report written by `mashup scan --format json` ("-" for stdin).
    #[arg(value_name = "RESULTS.json")]
    pub input: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Write to FILE (a folder for csv) instead of stdout; written whole or not at all.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Arguments of `mashup extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// The PDFs (or .txt files) to read; more than one needs --output-dir.
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
    /// Write the text to FILE instead of stdout (one input only).
    #[arg(short, long, value_name = "FILE", conflicts_with = "output_dir")]
    pub output: Option<PathBuf>,
    /// Write each FILE's text to DIR/FILE with .txt for its extension.
    #[arg(long, value_name = "DIR")]
    pub output_dir: Option<PathBuf>,
    /// Number of files read in parallel [default: all cores].
    #[arg(short, long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    /// Keep running heads, footers and page numbers.
    #[arg(long)]
    pub all: bool,
    /// Password for an encrypted PDF.
    #[arg(long, value_name = "PASSWORD")]
    pub password: Option<String>,
}

/// `mashup lexicon ...`.
#[derive(Debug, Subcommand)]
pub enum LexiconCommand {
    /// Validate a lexicon; print a summary, or every error as file:line:column.
    Check {
        /// Lexicon file [default: the built-in lexicon].
        file: Option<PathBuf>,
    },
    /// Show categories, terms and asks as a table.
    Show {
        /// Lexicon file [default: the built-in lexicon].
        file: Option<PathBuf>,
    },
    /// Convert a quanteda YAML, LIWC .dic or WordStat .cat dictionary to a lexicon.
    ///
    /// Nested categories become `parent/child` ids. Entries that cannot be expressed
    /// (`?`, a leading `*`, regular expressions) are listed on stderr and left out; the
    /// exit status is then 1.
    Import {
        /// The dictionary (.yml/.yaml, .dic or .cat).
        file: PathBuf,
        /// Write the lexicon to FILE instead of stdout (written whole or not at all).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// The dictionary format (yaml, liwc or wordstat) [default: from the extension].
        #[arg(long, value_name = "FORMAT")]
        from: Option<crate::lexicon::ImportFormat>,
    },
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
    /// A saved report could not be read.
    #[error("cannot read {path}")]
    ReadReport {
        /// The file.
        path: String,
        /// Why.
        #[source]
        source: io::Error,
    },
    /// A saved report is not valid report JSON.
    #[error("{path} is not a mashup JSON report")]
    ParseReport {
        /// The file.
        path: String,
        /// Why.
        #[source]
        source: serde_json::Error,
    },
    /// A saved report has another schema version.
    #[error("{path} has schema_version {found}; this mashup reads version {expected}: scan again to update it")]
    SchemaVersion {
        /// The file.
        path: String,
        /// Its version.
        found: u64,
        /// Ours.
        expected: u32,
    },
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
        matches!(self, Error::Output { source, .. } if source.kind() == io::ErrorKind::BrokenPipe)
    }
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<Outcome, Error> {
    match cli.command {
        Command::Scan(args) => scan(args),
        Command::Extract(args) => extract(args),
        Command::Lexicon(cmd) => lexicon(cmd),
        Command::Report(args) => render_saved(args),
    }
}

fn load_lexicon(path: Option<&Path>) -> Result<Lexicon, Error> {
    Ok(match path {
        Some(path) => Lexicon::load(path)?,
        None => Lexicon::builtin(),
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

/// Fails early (before any reading) when the format needs an output it lacks.
fn check_output(format: Format, output: Option<&Path>) -> Result<(), Error> {
    if format == Format::Csv && output.is_none() {
        return Err(Error::Usage(
            "--format csv writes several files: give a folder with -o DIR".into(),
        ));
    }
    Ok(())
}

/// Writes the report in `format` to `output` (stdout when `None`).
fn render(report: &Report, format: Format, output: Option<&Path>) -> Result<(), Error> {
    match format {
        Format::Table => write_to(output, |out| report::write_table(report, out)),
        Format::Json => write_to(output, |out| report::write_json(report, out)),
        Format::Markdown => write_to(output, |out| report::write_markdown(report, out)),
        Format::Html => write_to(output, |out| report::write_html(report, out)),
        Format::Csv => {
            check_output(format, output)?;
            let dir = output.unwrap_or(Path::new("."));
            let renderers: Vec<_> = report::CSV_FILES
                .iter()
                .map(|(name, render)| (*name, move |out: &mut dyn Write| render(report, out)))
                .collect();
            let files: Vec<(&str, FileRenderer<'_>)> = renderers
                .iter()
                .map(|(name, render)| (*name, render as FileRenderer<'_>))
                .collect();
            write_output_dir(dir, &files).map_err(|(path, source)| Error::Output {
                target: path.display().to_string(),
                source,
            })
        }
    }
}

/// `mashup report`: a saved JSON report, rendered again. Its exit status is
/// 0 when it renders, whatever the scan found (the scan reported that).
fn render_saved(args: ReportArgs) -> Result<Outcome, Error> {
    check_output(args.format, args.output.as_deref())?;
    let report = load_report(&args.input)?;
    render(&report, args.format, args.output.as_deref())?;
    Ok(Outcome::Success)
}

fn load_report(path: &Path) -> Result<Report, Error> {
    let name = path.display().to_string();
    let bytes = if path == Path::new("-") {
        let mut buf = Vec::new();
        io::Read::read_to_end(&mut io::stdin().lock(), &mut buf).map(|_| buf)
    } else {
        std::fs::read(path)
    }
    .map_err(|source| Error::ReadReport {
        path: name.clone(),
        source,
    })?;
    let parse_error = |source| Error::ParseReport {
        path: name.clone(),
        source,
    };
    // The version first, so an old report gets a clear message rather than
    // "missing field".
    #[derive(serde::Deserialize)]
    struct Version {
        schema_version: u64,
    }
    let version: Version = serde_json::from_slice(&bytes).map_err(parse_error)?;
    if version.schema_version != u64::from(report::SCHEMA_VERSION) {
        return Err(Error::SchemaVersion {
            path: name,
            found: version.schema_version,
            expected: report::SCHEMA_VERSION,
        });
    }
    serde_json::from_slice(&bytes).map_err(parse_error)
}

fn scan(args: ScanArgs) -> Result<Outcome, Error> {
    check_output(args.format, args.output.as_deref())?;
    let lexicon = load_lexicon(args.lexicon.as_deref())?;
    let matcher = Matcher::new(&lexicon)?;
    let corpus = corpus::collect(&args.paths, args.index.as_deref());
    for warning in &corpus.warnings {
        eprintln!("mashup: warning: {warning}");
    }
    let options = ReadOptions {
        password: args.password,
        ..ReadOptions::default()
    };
    let bar = progress_bar(corpus.inputs.len());
    let on_progress = |event: Progress<'_>| {
        let Some(bar) = &bar else { return };
        match event {
            Progress::Started(path) => bar.set_message(path.display().to_string()),
            Progress::Finished(_) => bar.inc(1),
        }
    };
    let instrument = Instrument {
        lexicon: &lexicon,
        matcher: &matcher,
    };
    let results = pipeline::scan(
        &corpus,
        instrument,
        &options,
        args.jobs.map(usize::from),
        &on_progress,
    );
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let report = Report::build(&lexicon, results).with_warnings(&corpus.warnings);
    for doc in report
        .documents
        .iter()
        .filter(|d| d.status == pipeline::Status::Error)
    {
        eprintln!(
            "mashup: {}: {}",
            doc.path,
            doc.error.as_deref().unwrap_or("failed")
        );
    }
    render(&report, args.format, args.output.as_deref())?;
    Ok(if report.has_failures() {
        Outcome::SomeFailed
    } else {
        Outcome::Success
    })
}

/// A progress bar on stderr, only when stderr is a terminal.
fn progress_bar(total: usize) -> Option<indicatif::ProgressBar> {
    if !io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(total as u64);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} documents  {wide_msg}")
    {
        bar.set_style(style);
    }
    Some(bar)
}

fn extract(args: ExtractArgs) -> Result<Outcome, Error> {
    if args.files.len() > 1 && args.output_dir.is_none() {
        use clap::CommandFactory;
        Cli::command()
            .error(
                clap::error::ErrorKind::ArgumentConflict,
                "more than one FILE needs --output-dir",
            )
            .exit();
    }
    let options = ReadOptions {
        password: args.password.clone(),
        ..ReadOptions::default()
    };
    let one = |file: &PathBuf| -> Result<bool, Error> {
        let target = match &args.output_dir {
            Some(dir) => Some(extract_target(dir, file)),
            None => args.output.clone(),
        };
        extract_file(file, target.as_deref(), args.all, &options)
    };
    // Each file is read, laid out and written by one worker, so memory grows
    // with the number of workers, not of files; messages go to stderr whole.
    let work = || -> Vec<Result<bool, Error>> {
        pipeline::map_largest_first(&args.files, |file| pipeline::file_size(file), one)
    };
    let results = pipeline::on_workers(args.jobs.map(usize::from), args.files.len(), work);
    let mut outcome = Outcome::Success;
    for result in results {
        if !result? {
            outcome = Outcome::SomeFailed;
        }
    }
    Ok(outcome)
}

/// Where `--output-dir DIR` puts the text of `file`: `DIR/file` with `.txt`
/// for its extension, keeping only the normal components of `file` (no root,
/// no `..`), so `a/b.pdf` lands in `DIR/a/b.txt` and never outside DIR.
fn extract_target(dir: &Path, file: &Path) -> PathBuf {
    let relative: PathBuf = file
        .components()
        .filter(|c| matches!(c, std::path::Component::Normal(_)))
        .collect();
    dir.join(relative).with_extension("txt")
}

/// Extracts one file; `Ok(false)` when the file could not be read (reported
/// on stderr), `Err` only when output could not be written.
fn extract_file(
    file: &Path,
    output: Option<&Path>,
    all: bool,
    options: &ReadOptions,
) -> Result<bool, Error> {
    let doc = match pipeline::read_document(file, corpus::InputKind::of_file(file), options) {
        Ok(doc) => doc,
        Err(e) => {
            eprintln!("mashup: {}: {e}", file.display());
            return Ok(false);
        }
    };
    if doc.lacks_text_layer() {
        eprintln!(
            "mashup: {}: no text layer on any of its {} pages (a scan: it needs OCR)",
            file.display(),
            doc.pages.len()
        );
    }
    for (page, warning) in doc.warnings() {
        eprintln!("mashup: {}: page {page}: {warning}", file.display());
    }
    if let Some(parent) = output.and_then(Path::parent) {
        if !parent.as_os_str().is_empty() {
            std::fs::create_dir_all(parent).map_err(|source| Error::Output {
                target: parent.display().to_string(),
                source,
            })?;
        }
    }
    write_to(output, |out| {
        for (i, page) in doc.pages.iter().enumerate() {
            if i > 0 {
                out.write_all(b"\x0c")?;
            }
            out.write_all(page.render(all).as_bytes())?;
        }
        Ok(())
    })?;
    Ok(true)
}

fn lexicon(cmd: LexiconCommand) -> Result<Outcome, Error> {
    match cmd {
        LexiconCommand::Check { file } => {
            let lexicon = load_lexicon(file.as_deref())?;
            let terms: usize = lexicon.categories().iter().map(|c| c.terms.len()).sum();
            write_to(None, |out| {
                writeln!(
                    out,
                    "{} {}: ok: {} categories, {} terms, {} asks, {} rules",
                    lexicon.name(),
                    lexicon.version(),
                    lexicon.categories().len(),
                    terms,
                    lexicon.asks().len(),
                    lexicon.rules().len()
                )
            })?;
        }
        LexiconCommand::Show { file } => {
            let lexicon = load_lexicon(file.as_deref())?;
            write_to(None, |out| show_lexicon(&lexicon, out))?;
        }
        LexiconCommand::Import { file, output, from } => {
            let imported = crate::lexicon::import_file(&file, from)?;
            for d in &imported.skipped {
                eprintln!("mashup: {d}");
            }
            eprintln!(
                "mashup: {}: {} categories, {} terms imported, {} entries left out",
                file.display(),
                imported.categories,
                imported.terms,
                imported.skipped.len()
            );
            write_to(output.as_deref(), |out| {
                out.write_all(imported.toml.as_bytes())
            })?;
            if !imported.skipped.is_empty() {
                return Ok(Outcome::SomeFailed);
            }
        }
    }
    Ok(Outcome::Success)
}

fn show_lexicon(lexicon: &Lexicon, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "{} {}", lexicon.name(), lexicon.version())?;
    for c in lexicon.categories() {
        writeln!(out, "\n[{}] {}", c.id, c.label)?;
        let terms: Vec<&str> = c.terms.iter().map(|t| t.as_str()).collect();
        writeln!(out, "  terms:   {}", terms.join(", "))?;
        if !c.exclude.is_empty() {
            let ex: Vec<&str> = c.exclude.iter().map(|t| t.as_str()).collect();
            writeln!(out, "  exclude: {}", ex.join(", "))?;
        }
    }
    if !lexicon.asks().is_empty() {
        writeln!(out, "\nAsks")?;
    }
    for a in lexicon.asks() {
        let all: Vec<&str> = a.all.iter().map(|t| t.as_str()).collect();
        let any: Vec<&str> = a.any.iter().map(|t| t.as_str()).collect();
        write!(
            out,
            "  [{}] {}\n      all of: {}",
            a.id,
            a.label,
            all.join(", ")
        )?;
        if !any.is_empty() {
            write!(out, "; any of: {}", any.join(", "))?;
        }
        if !a.exclude.is_empty() {
            let ex: Vec<&str> = a.exclude.iter().map(|t| t.as_str()).collect();
            write!(out, "; not inside: {}", ex.join(", "))?;
        }
        writeln!(out)?;
    }
    if !lexicon.rules().is_empty() {
        writeln!(out, "\nRules (one mention of the category per sentence)")?;
    }
    for r in lexicon.rules() {
        write!(out, "  [{}] {} -> {}\n      ", r.id, r.label, r.category)?;
        for (k, cues) in r.cues.iter().enumerate() {
            let cues: Vec<&str> = cues.iter().map(|t| t.as_str()).collect();
            let joint = if k == 0 { "one of" } else { "; and one of" };
            write!(out, "{joint}: {}", cues.join(", "))?;
        }
        if let Some(n) = r.within {
            write!(out, "; within {n} words")?;
        }
        if !r.exclude.is_empty() {
            let ex: Vec<&str> = r.exclude.iter().map(|t| t.as_str()).collect();
            write!(out, "; not inside: {}", ex.join(", "))?;
        }
        writeln!(out)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn csv_needs_a_folder() {
        assert!(check_output(Format::Csv, None).is_err());
        assert!(check_output(Format::Csv, Some(Path::new("out"))).is_ok());
        assert!(check_output(Format::Table, None).is_ok());
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
