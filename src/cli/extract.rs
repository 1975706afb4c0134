//! `mashup extract`: the text of documents as the matcher reads them.

use super::ocr::OcrArgs;
use super::outcome::{Error, Outcome};
use super::output::write_to;
use crate::corpus;
use crate::ocr::{self, Availability};
use crate::read::{self, ReadOptions};
use crate::schedule;
use clap::Args;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Arc;

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
    /// OCR of pages with no text layer.
    #[command(flatten)]
    pub ocr: OcrArgs,
}

/// Runs `mashup extract`.
pub(super) fn run(args: ExtractArgs) -> Result<Outcome, Error> {
    if args.files.len() > 1 && args.output_dir.is_none() {
        return Err(Error::Usage("more than one FILE needs --output-dir".into()));
    }
    let availability = args.ocr.prepare(None)?;
    let needs_ocr = match &availability {
        Availability::Ready(_) => "",
        Availability::Off => ": it needs OCR, which --ocr never turned off",
        Availability::Missing => ": it needs OCR, which needs Tesseract",
    };
    // OCR takes seconds a page: on a terminal, a line counts the pages done.
    let spinner = match &availability {
        Availability::Ready(_) if std::io::stderr().is_terminal() => {
            let bar = indicatif::ProgressBar::new_spinner();
            if let Ok(style) = indicatif::ProgressStyle::with_template(
                "{spinner} OCR: {pos} pages read  {elapsed}",
            ) {
                bar.set_style(style);
            }
            bar.enable_steady_tick(std::time::Duration::from_millis(200));
            Some(bar)
        }
        _ => None,
    };
    let ocr = match availability {
        Availability::Ready(mut ocr) => {
            if let Some(bar) = &spinner {
                let bar = bar.clone();
                ocr.on_page(move |done| bar.set_position(done));
            }
            Some(Arc::new(ocr))
        }
        _ => None,
    };
    let options = ReadOptions {
        password: args.password.clone(),
        ocr: ocr.clone(),
        ..ReadOptions::default()
    };
    let one = |file: &PathBuf| -> Result<Option<Extracted>, Error> {
        let target = match &args.output_dir {
            Some(dir) => Some(extract_target(dir, file)),
            None => args.output.clone(),
        };
        extract_file(file, target.as_deref(), args.all, &options, needs_ocr)
    };
    // Each file is read, laid out and written by one worker, so memory grows
    // with the number of workers, not of files; messages go to stderr whole.
    let work = || -> Vec<Result<Option<Extracted>, Error>> {
        schedule::map_largest_first(&args.files, |file| schedule::file_size(file), one)
    };
    let items = schedule::parallel_items(args.files.len(), &options);
    let results = schedule::on_workers(args.jobs.map(usize::from), items, work);
    if let Some(bar) = spinner {
        bar.finish_and_clear();
    }
    let mut outcome = Outcome::Success;
    let mut scans = false;
    for result in results {
        let read = result?;
        scans |= read.as_ref().is_some_and(|r| r.lacks_text_layer);
        if read.is_none() {
            outcome = Outcome::SomeFailed;
        }
    }
    if scans && needs_ocr.ends_with("Tesseract") {
        eprintln!(
            "mashup: to read scans, install Tesseract: {}",
            ocr::INSTALL_HINT
        );
    }
    if let Some(e) = ocr.as_ref().and_then(|o| o.cache_write_error()) {
        eprintln!("mashup: warning: OCR results could not be cached ({e})");
    }
    Ok(outcome)
}

/// Where `--output-dir DIR` puts the text of `file`: `DIR/file` with `.txt`
/// for its extension, keeping only the normal components of `file` (no root,
/// no `..`), so `a/b.pdf` lands in `DIR/a/b.txt` and never outside DIR.
pub(super) fn extract_target(dir: &Path, file: &Path) -> PathBuf {
    let relative: PathBuf = file
        .components()
        .filter(|c| matches!(c, std::path::Component::Normal(_)))
        .collect();
    dir.join(relative).with_extension("txt")
}

/// What extracting one file found, for the closing messages.
struct Extracted {
    lacks_text_layer: bool,
}

/// Extracts one file; `Ok(None)` when the file could not be read (reported
/// on stderr), `Err` only when output could not be written. `needs_ocr`
/// ends the message about a scan that OCR did not read.
fn extract_file(
    file: &Path,
    output: Option<&Path>,
    all: bool,
    options: &ReadOptions,
    needs_ocr: &str,
) -> Result<Option<Extracted>, Error> {
    let doc = match read::read_document(file, corpus::InputKind::of_file(file), options) {
        Ok(doc) => doc,
        Err(e) => {
            eprintln!("mashup: {}: {e}", file.display());
            return Ok(None);
        }
    };
    if doc.lacks_text_layer() {
        eprintln!(
            "mashup: {}: no text layer on any of its {} pages (a scan{needs_ocr})",
            file.display(),
            doc.pages.len()
        );
    }
    if let (Some(ocr), Some(read)) = (&options.ocr, doc.ocr_summary()) {
        eprintln!(
            "mashup: {}: {} read by OCR ({}){}",
            file.display(),
            plural(read.pages, "page"),
            ocr.describe(),
            read.confidence
                .map(|c| format!(", mean confidence {c}"))
                .unwrap_or_default()
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
    Ok(Some(Extracted {
        lacks_text_layer: doc.lacks_text_layer(),
    }))
}

fn plural(n: u32, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
