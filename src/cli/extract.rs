//! `mashup extract`: the text of documents as the matcher reads them.

use super::{write_to, Cli, Error, Outcome};
use crate::corpus;
use crate::pipeline::{self, ReadOptions};
use clap::Args;
use std::path::{Path, PathBuf};

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

/// Runs `mashup extract`.
pub(super) fn run(args: ExtractArgs) -> Result<Outcome, Error> {
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
pub(super) fn extract_target(dir: &Path, file: &Path) -> PathBuf {
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
