//! `mashup track`: follow the asks into the documents government and
//! Parliament publish, and write the asks spreadsheet.

use super::open::{load_lexicon, open_cache_folder};
use super::outcome::{Error, Outcome};
use super::output::write_to;
use super::progress;
use crate::cache::Cache;
use crate::corpus::{self, FolderFiles};
use crate::matcher::Matcher;
use crate::output::write_output_dir;
use crate::pipeline::Progress;
use crate::read::ReadOptions;
use crate::track::decisions::Decisions;
use crate::track::render;
use crate::track::sources::Sources;
use crate::track::{self, DocStatus, TrackOptions, Tracking, DEFAULT_STALLED_AFTER_MONTHS};
use clap::{Args, ValueEnum};
use std::path::{Path, PathBuf};

/// Arguments of `mashup track`.
#[derive(Debug, Args)]
pub struct TrackArgs {
    /// Documents or folders of them: legislation and Hansard XML, GOV.UK JSON, HTML, DOCX, ODT,
    /// PDF, TXT.
    #[arg(value_name = "DOCS", required = true)]
    pub paths: Vec<PathBuf>,
    /// Lexicon whose asks are followed (TOML) [default: the built-in lexicon's asks].
    #[arg(long, visible_alias = "asks", value_name = "FILE")]
    pub lexicon: Option<PathBuf>,
    /// A saved manifesto scan (`scan --format json`): which parties pledged each ask.
    #[arg(long, value_name = "REPORT")]
    pub manifestos: Option<PathBuf>,
    /// CSV with header `file,title,date,kind,url,department` filling in or overriding what
    /// documents say of themselves.
    #[arg(long, value_name = "FILE")]
    pub sources: Option<PathBuf>,
    /// CSV or XLSX of decisions (`id` and any of `decision`, `verdict`, `note`): the evidence.csv
    /// and asks.csv, or the .xlsx, this command writes, edited. May be given more than once.
    #[arg(long, value_name = "FILE")]
    pub decisions: Vec<PathBuf>,
    /// An ask is stalled after this many months without new evidence.
    #[arg(long, value_name = "MONTHS", default_value_t = DEFAULT_STALLED_AFTER_MONTHS)]
    pub stalled_after: u32,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TrackFormat::Table)]
    pub format: TrackFormat,
    /// Write to FILE (a folder for csv; required for csv and xlsx) instead of stdout; written
    /// whole or not at all.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Number of documents read in parallel [default: all cores].
    #[arg(short, long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    /// Keep extracted text in DIR and reuse it for unchanged files (shared with `scan`).
    #[arg(long, value_name = "DIR")]
    pub cache: Option<PathBuf>,
    /// Password for encrypted PDFs.
    #[arg(long, value_name = "PASSWORD")]
    pub password: Option<String>,
}

/// Formats of `track`'s output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum TrackFormat {
    /// Each ask's stage and deciding quote, for the terminal.
    Table,
    /// Everything, for programs (see docs/track.schema.json).
    Json,
    /// asks.csv and evidence.csv into the folder given by -o (editable, and read back by
    /// --decisions).
    Csv,
    /// The asks table and each ask's timeline as Markdown.
    Markdown,
    /// The spreadsheet campaigners keep, to the file given by -o: sheets Asks, Evidence (editable,
    /// and read back by --decisions) and Documents.
    Xlsx,
    /// One self-contained page: the asks, and each ask's pledges and timeline.
    Html,
}

/// Runs `mashup track`.
pub(super) fn run(args: TrackArgs) -> Result<Outcome, Error> {
    if args.format == TrackFormat::Csv && args.output.is_none() {
        return Err(Error::Usage(
            "--format csv writes asks.csv and evidence.csv: give a folder with -o DIR".into(),
        ));
    }
    if args.format == TrackFormat::Xlsx && args.output.is_none() {
        return Err(Error::Usage(
            "--format xlsx writes a spreadsheet: give its file with -o FILE.xlsx".into(),
        ));
    }
    let lexicon = load_lexicon(args.lexicon.as_deref())?;
    if lexicon.asks().is_empty() {
        return Err(Error::Usage(format!(
            "the lexicon {} has no asks to follow",
            args.lexicon
                .as_deref()
                .map_or("(built-in)".into(), |p| p.display().to_string())
        )));
    }
    let matcher = Matcher::new(&lexicon)?;
    let manifestos = args
        .manifestos
        .as_deref()
        .map(crate::saved::load)
        .transpose()?;
    let sources = match &args.sources {
        Some(path) => Sources::load(path).map_err(|e| Error::Usage(e.to_string()))?,
        None => Sources::default(),
    };
    let decisions = if args.decisions.is_empty() {
        None
    } else {
        Some(Decisions::load(&args.decisions).map_err(|e| Error::Usage(e.to_string()))?)
    };
    let cache = match &args.cache {
        Some(dir) => Some(open_cache_folder(dir)?),
        None => None,
    };
    let corpus = corpus::collect_files(&args.paths, None, FolderFiles::GovernmentDocuments)?;
    let read = ReadOptions {
        password: args.password.clone(),
        ..ReadOptions::default()
    };
    let options = TrackOptions {
        lexicon: &lexicon,
        matcher: &matcher,
        read: &read,
        cache: cache.as_ref(),
        jobs: args.jobs.map(usize::from),
        sources: &sources,
        decisions: decisions.as_ref(),
        manifestos: manifestos.as_ref(),
        stalled_after_months: args.stalled_after,
    };
    let bar = progress::progress_bar(corpus.inputs.len());
    let on_progress = |event: Progress<'_>| progress::show(bar.as_ref(), event);
    let tracking = track::track(&corpus, &options, &on_progress);
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    for warning in &tracking.warnings {
        eprintln!("mashup: warning: {warning}");
    }
    let failed: Vec<_> = tracking
        .documents
        .iter()
        .filter(|d| d.status == DocStatus::Error)
        .collect();
    for d in &failed {
        eprintln!(
            "mashup: {}: {}",
            d.path,
            d.message.as_deref().unwrap_or("could not be read")
        );
    }
    if let Some(e) = cache.as_ref().and_then(Cache::write_error) {
        eprintln!("mashup: warning: the cache could not be written ({e}); results are complete");
    }
    write(&tracking, args.format, args.output.as_deref())?;
    Ok(if failed.is_empty() {
        Outcome::Success
    } else {
        Outcome::SomeFailed
    })
}

fn write(tracking: &Tracking, format: TrackFormat, output: Option<&Path>) -> Result<(), Error> {
    match format {
        TrackFormat::Table => write_to(output, |out| render::write_table(tracking, out)),
        TrackFormat::Json => write_to(output, |out| render::write_json(tracking, out)),
        TrackFormat::Markdown => write_to(output, |out| render::write_markdown(tracking, out)),
        TrackFormat::Html => write_to(output, |out| render::write_html(tracking, out)),
        TrackFormat::Xlsx => write_to(output, |out| render::write_xlsx(tracking, out)),
        TrackFormat::Csv => {
            let dir = output.unwrap_or(Path::new("."));
            write_output_dir(dir, render::CSV_FILES, tracking).map_err(|(path, source)| {
                Error::Output {
                    target: path.display().to_string(),
                    source,
                }
            })
        }
    }
}
