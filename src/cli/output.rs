//! Where a command's output goes: the report format asked for, checked
//! before any reading, and writing to a file or standard output with errors
//! that name the target.

use super::outcome::Error;
use crate::output::write_output;
use crate::report::Rendering;
use clap::ValueEnum;
use std::io::{self, Write};
use std::path::Path;

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

/// Writes through `render` to `path`, or to standard output without one.
pub(super) fn write_to(
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
pub(super) fn rendering(format: Format, output: Option<&Path>) -> Result<Option<Rendering>, Error> {
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
pub(super) fn finished_rendering(
    format: Format,
    output: Option<&Path>,
) -> Result<Rendering, Error> {
    rendering(format, output)?.ok_or_else(|| {
        Error::Usage(
            "--format jsonl is written by `mashup scan` as it reads; render a report as table, json, csv, markdown or html".into(),
        )
    })
}
