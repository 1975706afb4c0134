//! `mashup report`: a saved report rendered again.

use super::outcome::{Error, Outcome};
use super::output::{finished_rendering, Format};
use crate::report;
use crate::saved;
use clap::Args;
use std::path::PathBuf;

/// Arguments of `mashup report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The report written by `mashup scan --format json` or `--format jsonl` ("-" for stdin, JSON only).
    #[arg(value_name = "RESULTS")]
    pub input: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Write to FILE (a folder for csv) instead of stdout; written whole or not at all.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `mashup report`: a saved report, rendered again. Its exit status is 0
/// when it renders, whatever the scan found (the scan reported that).
pub(super) fn run(args: ReportArgs) -> Result<Outcome, Error> {
    let rendering = finished_rendering(args.format, args.output.as_deref())?;
    let report = saved::load(&args.input)?;
    report::render(&report, rendering, args.output.as_deref())?;
    Ok(Outcome::Success)
}
