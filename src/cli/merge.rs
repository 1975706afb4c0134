//! `mashup merge`: the JSON Lines parts of a sharded scan into one report,
//! the same byte for byte as one scan of all the files would have written.

use super::outcome::{Error, Outcome};
use super::output::{finished_rendering, Format};
use crate::{parts, report};
use clap::Args;
use std::path::PathBuf;

/// Arguments of `mashup merge`.
#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The parts (`mashup scan --shard I/N --format jsonl -o PART.jsonl`), in any order.
    #[arg(value_name = "PART.jsonl", required = true)]
    pub parts: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Write to FILE (a folder for csv) instead of stdout; written whole or not at all.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Runs `mashup merge`. Exit status 1 when a merged document had failed, as
/// for the scan itself; 2 when the parts cannot be merged.
pub(super) fn run(args: MergeArgs) -> Result<Outcome, Error> {
    let rendering = finished_rendering(args.format, args.output.as_deref())?;
    let report = parts::merge(&args.parts)?;
    report::render(&report, rendering, args.output.as_deref())?;
    Ok(if report.has_failures() {
        Outcome::SomeFailed
    } else {
        Outcome::Success
    })
}
