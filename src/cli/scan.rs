//! `mashup scan`: read documents, match them, and write the report.
//!
//! Each document's result goes to disk as soon as it is done, as a line of
//! JSON Lines: into the output itself with `--format jsonl`, otherwise into
//! a temporary file that the report is then written from, one document at a
//! time. What stays in memory is the running totals, so a scan of an archive
//! needs no more memory than a scan of a folder.

use super::ocr::{OcrArgs, OcrChoice};
use super::open::{load_lexicon, open_cache_folder};
use super::outcome::{Error, Outcome};
use super::output::{rendering, Format};
use super::progress;
use crate::cache::Cache;
use crate::corpus::{self, Shard};
use crate::ocr::{self, Availability};
use crate::parts::{Header, PartWriter, ScanOptions};
use crate::pipeline::{self, Editions, Progress, ScanContext};
use crate::read::ReadOptions;
use crate::report::{Generator, LexiconInfo, Spool, Tally, Warning, SCHEMA_VERSION};
use crate::results::{DocResult, Status};
use crate::schedule;
use clap::Args;
use std::io::{self, BufRead, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::Mutex;
use std::time::Instant;

/// Arguments of `mashup scan`.
#[derive(Debug, Args)]
pub struct ScanArgs {
    /// Files or folders to scan (folders are searched for *.pdf, *.txt, *.html, *.xml, *.docx,
    /// *.odt).
    #[arg(value_name = "PATH", required_unless_present = "files_from")]
    pub paths: Vec<PathBuf>,
    /// Also scan the paths listed in FILE, one per line ("-" for stdin).
    #[arg(long, value_name = "FILE")]
    pub files_from: Option<PathBuf>,
    /// Lexicon file (TOML) [default: the built-in social-economy lexicon].
    #[arg(long, value_name = "FILE")]
    pub lexicon: Option<PathBuf>,
    /// CSV naming each file's party: columns `file` and `party`, and any of `year`, `election`,
    /// `family`, `language`, `country` (an `index.csv` in a scanned folder is used without this).
    #[arg(long, value_name = "FILE")]
    pub index: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Write the report to FILE (a folder for csv) instead of stdout; written whole or not at
    /// all (jsonl: line by line as documents finish, with a closing line at the end).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Number of documents read in parallel [default: all cores].
    #[arg(short, long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    /// Password for encrypted PDFs.
    #[arg(long, value_name = "PASSWORD")]
    pub password: Option<String>,
    /// Scan only share I of N (0-based) of the sorted inputs; merge the parts with `mashup merge`.
    #[arg(long, value_name = "I/N")]
    pub shard: Option<Shard>,
    /// Keep extracted text and results in DIR and reuse them for unchanged files.
    #[arg(long, value_name = "DIR")]
    pub cache: Option<PathBuf>,
    /// Continue an interrupted scan: reuse what it finished, from the cache (--cache DIR, or
    /// $MASHUP_CACHE_DIR, or ~/.cache/mashup).
    #[arg(long)]
    pub resume: bool,
    /// Print files, pages, megabytes, seconds and pages per second on stderr at the end.
    #[arg(long)]
    pub stats: bool,
    /// Match every document with COUNTRY's edition of the lexicon (an ISO 3166 code such as IE
    /// or ZA, or a name), whatever the index's `country` column says [default: each document's
    /// country from the index, else GB].
    #[arg(long, value_name = "COUNTRY", value_parser = parse_country)]
    pub country: Option<String>,
    /// OCR of pages with no text layer.
    #[command(flatten)]
    pub ocr: OcrArgs,
}

/// `--country`: an ISO 3166 code or a country's name, as its code.
fn parse_country(given: &str) -> Result<String, String> {
    crate::lexicon::country_code(given).ok_or_else(|| {
        format!(
            "{given:?} is not an ISO 3166 country code (such as IE, US, ZA) or a country's name"
        )
    })
}

/// What the workers hand their results to: the part being written and the
/// running totals, behind one lock (a document takes far longer to read
/// than its line takes to write).
struct Collector<W: Write> {
    writer: PartWriter<W>,
    tally: Tally,
    /// True when the part is the output itself (`--format jsonl`): each
    /// line is flushed as it is written, for whoever reads the stream, and
    /// nothing is read back. Otherwise the part is a temporary spool, and
    /// `entries` says where each document's JSON lies in it.
    streaming: bool,
    entries: Vec<(String, u64, usize)>,
    pages: u64,
    /// The first write that failed; later documents are then only counted.
    error: Option<io::Error>,
}

impl<W: Write> Collector<W> {
    fn add(&mut self, doc: DocResult) {
        self.tally.add(&doc);
        self.pages += u64::from(doc.pages);
        if self.error.is_some() {
            return;
        }
        let written = self.writer.document(&doc).and_then(|at| {
            if self.streaming {
                self.writer.flush()?;
            }
            Ok(at)
        });
        match written {
            Ok(_) if self.streaming => {}
            Ok((offset, len)) => self.entries.push((doc.path, offset, len)),
            Err(e) => self.error = Some(e),
        }
    }
}

/// Runs `mashup scan`.
pub(super) fn run(args: ScanArgs) -> Result<Outcome, Error> {
    // Checked before any reading; `None` streams JSON Lines.
    let rendering = rendering(args.format, args.output.as_deref())?;
    let started = Instant::now();
    let lexicon = load_lexicon(args.lexicon.as_deref())?;
    let corpus = resolve_corpus(&args)?;
    let editions = Editions::new(
        &lexicon,
        args.country.as_deref(),
        corpus.inputs.iter().map(|i| i.meta.country.as_deref()),
    )?;
    // What the report describes: with --country, that edition.
    let lexicon = editions.default_instrument().lexicon.clone();
    let cache = open_cache(&args)?;
    let bar = progress::progress_bar(corpus.inputs.len());
    let (ocr, tesseract_missing) = prepare_ocr(&args, bar.as_ref())?;
    let options = ReadOptions {
        password: args.password.clone(),
        ocr: ocr.clone(),
        ..ReadOptions::default()
    };
    let warnings: Vec<Warning> = corpus
        .warnings
        .iter()
        .chain(&corpus.problems)
        .map(Warning::from)
        .collect();

    // Where documents go as they finish: the output itself for JSON Lines,
    // otherwise a temporary file the report is written from.
    let jsonl_target = args.format == Format::Jsonl;
    let (sink, spool_file) = open_sink(&args, jsonl_target)?;
    let target = || match (&args.output, jsonl_target) {
        (Some(path), true) => path.display().to_string(),
        (None, true) => "standard output".into(),
        _ => "a temporary file".into(),
    };
    let output_error = |source| Error::Output {
        target: target(),
        source,
    };
    let header = header(&args, &lexicon, ocr.as_deref());
    let mut writer =
        PartWriter::new(BufWriter::with_capacity(1 << 16, sink), header).map_err(output_error)?;
    for w in &warnings {
        writer.warning(w).map_err(output_error)?;
    }
    let collector = Mutex::new(Collector {
        writer,
        tally: Tally::new(LexiconInfo::of(&lexicon)),
        streaming: jsonl_target,
        entries: Vec::new(),
        pages: 0,
        error: None,
    });

    let on_progress = |event: Progress<'_>| progress::show(bar.as_ref(), event);
    let context = ScanContext {
        editions: &editions,
        options: &options,
        cache: cache.as_ref(),
    };
    pipeline::scan(
        &corpus,
        context,
        args.jobs.map(usize::from),
        &on_progress,
        &|doc| collector.lock().unwrap_or_else(|e| e.into_inner()).add(doc),
    );
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let collector = collector.into_inner().unwrap_or_else(|e| e.into_inner());
    if let Some(e) = collector.error {
        return Err(output_error(e));
    }
    if let Some(e) = cache.as_ref().and_then(Cache::write_error) {
        eprintln!("mashup: warning: the cache could not be written ({e}); results are complete");
    }
    if let Some(e) = ocr.as_ref().and_then(|o| o.cache_write_error()) {
        eprintln!("mashup: warning: OCR results could not be cached ({e}); results are complete");
    }
    collector.writer.finish().map_err(output_error)?;
    let failed =
        tell_unread(collector.tally.unread(), tesseract_missing) || !corpus.problems.is_empty();
    if args.stats {
        print_stats(&corpus, collector.pages, started);
    }
    if let (Some(file), Some(rendering)) = (spool_file, rendering) {
        let mut spool = Spool::new();
        let number = spool.add_file(file, PathBuf::from("(scan spool)"));
        for (path, offset, len) in &collector.entries {
            spool.add(path, number, *offset, *len);
        }
        let report = collector.tally.finish_spooled(spool, warnings);
        crate::report::render(&report, rendering, args.output.as_deref())?;
    }
    Ok(if failed {
        Outcome::SomeFailed
    } else {
        Outcome::Success
    })
}

/// The documents the command line names, with their index, said as found:
/// the index's warnings, and the paths that are no documents (a path that
/// does not exist, a folder with none), which are errors of the run but
/// not documents, so they count in no total. With `--shard`, this share.
fn resolve_corpus(args: &ScanArgs) -> Result<corpus::Corpus, Error> {
    let mut paths = args.paths.clone();
    if let Some(list) = &args.files_from {
        paths.extend(read_path_list(list)?);
    }
    let mut corpus = corpus::collect(&paths, args.index.as_deref())?;
    if args.country.is_none() {
        corpus.warnings.extend(unknown_countries(&corpus));
    }
    for warning in &corpus.warnings {
        eprintln!("mashup: warning: {warning}");
    }
    if let Some(shard) = args.shard {
        corpus.shard(shard);
    }
    for problem in &corpus.problems {
        eprintln!("mashup: {}: {}", problem.path.display(), problem.message);
    }
    Ok(corpus)
}

/// OCR as `--ocr` asks, counting its pages on the progress bar; and whether
/// Tesseract was wanted but missing.
fn prepare_ocr(
    args: &ScanArgs,
    bar: Option<&indicatif::ProgressBar>,
) -> Result<(Option<Arc<ocr::Ocr>>, bool), Error> {
    let availability = args.ocr.prepare(args.cache.as_deref())?;
    let missing = matches!(availability, Availability::Missing);
    let ocr = match availability {
        Availability::Ready(mut ocr) => {
            if let Some(bar) = bar {
                let bar = bar.clone();
                ocr.on_page(move |done| bar.set_prefix(format!("OCR {done} pages ")));
            }
            Some(Arc::new(ocr))
        }
        Availability::Off | Availability::Missing => None,
    };
    Ok((ocr, missing))
}

/// The JSON Lines header: what made the results and what else changes them.
fn header(args: &ScanArgs, lexicon: &crate::lexicon::Lexicon, ocr: Option<&ocr::Ocr>) -> Header {
    Header {
        schema_version: SCHEMA_VERSION,
        generator: Generator::this_program(),
        lexicon: LexiconInfo::of(lexicon),
        options: ScanOptions::new(
            args.index.as_deref(),
            args.password.is_some(),
            ocr.map(|o| {
                let mode = match args.ocr.ocr {
                    OcrChoice::Always => "always",
                    OcrChoice::Auto | OcrChoice::Never => "auto",
                };
                format!("{mode}: {}", o.describe())
            }),
        ),
        shard: args.shard,
    }
}

/// Where documents go as they finish: the output (a file or stdout) for
/// JSON Lines, else a temporary spool, with a second handle to read it back.
fn open_sink(
    args: &ScanArgs,
    jsonl_target: bool,
) -> Result<(Box<dyn Write + Send>, Option<std::fs::File>), Error> {
    if jsonl_target {
        return Ok(match &args.output {
            Some(path) => (Box::new(create_output(path)?), None),
            None => (Box::new(io::stdout()), None),
        });
    }
    let spool_error = |source| Error::Output {
        target: "a temporary file".into(),
        source,
    };
    let file = tempfile::tempfile().map_err(spool_error)?;
    let reader = file.try_clone().map_err(spool_error)?;
    Ok((Box::new(file), Some(reader)))
}

/// Says on stderr what could not be counted: scans Tesseract would read, and
/// each document that failed. Whether any failed.
fn tell_unread(unread: &[DocResult], tesseract_missing: bool) -> bool {
    let scans = unread
        .iter()
        .filter(|d| d.status == Status::NoTextLayer)
        .count();
    if tesseract_missing && scans > 0 {
        eprintln!(
            "mashup: {scans} document{} scans with no text layer; to read them, install Tesseract: {}",
            if scans == 1 { " is a" } else { "s are" },
            ocr::INSTALL_HINT
        );
    }
    let mut failed = false;
    for doc in unread.iter().filter(|d| d.status == Status::Error) {
        eprintln!(
            "mashup: {}: {}",
            doc.path,
            doc.error.as_deref().unwrap_or("failed")
        );
        failed = true;
    }
    failed
}

/// The paths listed in `list` ("-" for stdin), one per line; blank lines
/// are skipped.
fn read_path_list(list: &Path) -> Result<Vec<PathBuf>, Error> {
    let read_error = |source| Error::ReadFile {
        path: list.display().to_string(),
        source,
    };
    let reader: Box<dyn BufRead> = if list == Path::new("-") {
        Box::new(io::stdin().lock())
    } else {
        Box::new(io::BufReader::new(
            std::fs::File::open(list).map_err(read_error)?,
        ))
    };
    let mut paths = Vec::new();
    for line in reader.lines() {
        let line = line.map_err(read_error)?;
        let line = line.trim_end_matches('\r');
        if !line.trim().is_empty() {
            paths.push(PathBuf::from(line));
        }
    }
    Ok(paths)
}

/// The cache the arguments ask for, opened; a folder that cannot be made is
/// a usage error (before any reading).
fn open_cache(args: &ScanArgs) -> Result<Option<Cache>, Error> {
    let dir = match (&args.cache, args.resume) {
        (Some(dir), _) => dir.clone(),
        (None, true) => Cache::default_dir().ok_or_else(|| {
            Error::Usage("--resume needs a cache folder: give --cache DIR (no HOME is set)".into())
        })?,
        (None, false) => return Ok(None),
    };
    open_cache_folder(&dir).map(Some)
}

/// Creates the JSON Lines output (and its folder): it is written as the scan
/// goes, so that a cut-off scan leaves the documents it finished.
fn create_output(path: &Path) -> Result<std::fs::File, Error> {
    let output_error = |source| Error::Output {
        target: path.display().to_string(),
        source,
    };
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(output_error)?;
    }
    std::fs::File::create(path).map_err(output_error)
}

/// The `--stats` line: how much was read how fast.
fn print_stats(corpus: &corpus::Corpus, pages: u64, started: Instant) {
    let bytes: u64 = corpus
        .inputs
        .iter()
        .map(|i| schedule::file_size(&i.path))
        .sum();
    let seconds = started.elapsed().as_secs_f64();
    let rate = |n: f64| if seconds > 0.0 { n / seconds } else { 0.0 };
    let mb = bytes as f64 / 1e6;
    eprintln!(
        "mashup: {} files, {} pages, {:.1} MB in {:.2} s: {:.1} files/s, {:.0} pages/s, {:.1} MB/s",
        corpus.inputs.len() + corpus.problems.len(),
        pages,
        mb,
        seconds,
        rate((corpus.inputs.len() + corpus.problems.len()) as f64),
        rate(pages as f64),
        rate(mb)
    );
}

/// A warning per index `country` that names no country: those documents are
/// matched with the common terms.
fn unknown_countries(corpus: &corpus::Corpus) -> Vec<corpus::Problem> {
    let mut warned = std::collections::BTreeSet::new();
    corpus
        .inputs
        .iter()
        .filter_map(|input| {
            let given = input.meta.country.as_deref()?;
            (crate::lexicon::country_code(given).is_none() && warned.insert(given.to_string()))
                .then(|| corpus::Problem {
                    path: input.path.clone(),
                    message: format!(
                        "country {given:?} is not an ISO 3166 code or a country's name: \
                         the lexicon's common terms apply to its documents"
                    ),
                })
        })
        .collect()
}
