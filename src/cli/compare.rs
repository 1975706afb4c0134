//! `mashup compare`: what changed between two saved reports, party family by
//! party family (usually two elections).

use super::outcome::{Error, Outcome};
use super::output::write_to;
use crate::report::{self, Comparison};
use clap::{Args, ValueEnum};
use std::path::PathBuf;

/// Arguments of `mashup compare`.
#[derive(Debug, Args)]
pub struct CompareArgs {
    /// The older report (`scan --format json` or `jsonl`).
    #[arg(value_name = "OLD")]
    pub old: PathBuf,
    /// The newer report.
    #[arg(value_name = "NEW")]
    pub new: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CompareFormat::Table)]
    pub format: CompareFormat,
    /// Write to FILE instead of stdout; written whole or not at all.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// The formats of a comparison.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CompareFormat {
    /// Text for a terminal.
    Table,
    /// JSON.
    Json,
    /// A Markdown document.
    Markdown,
    /// One self-contained web page.
    Html,
}

/// Runs `mashup compare`.
pub(super) fn run(args: CompareArgs) -> Result<Outcome, Error> {
    let old = crate::saved::load(&args.old)?;
    let new = crate::saved::load(&args.new)?;
    let comparison = Comparison::of(&old, &new);
    let output = args.output.as_deref();
    match args.format {
        CompareFormat::Table => write_to(output, |out| {
            report::write_comparison_table(&comparison, out)
        }),
        CompareFormat::Json => write_to(output, |out| {
            report::write_comparison_json(&comparison, out)
        }),
        CompareFormat::Markdown => write_to(output, |out| {
            report::write_comparison_markdown(&comparison, out)
        }),
        CompareFormat::Html => write_to(output, |out| {
            report::write_comparison_html(&comparison, out)
        }),
    }?;
    Ok(Outcome::Success)
}
