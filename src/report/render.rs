//! A finished report written out in the rendering a reader asked for, to a
//! file (written whole or not at all), a folder of CSV files, or stdout.
//! `scan`, `merge` and `report` all end here, so a format is chosen in one
//! place.

use super::{write_html, write_json, write_markdown, write_table, Report, CSV_FILES};
use crate::output::{write_output, write_output_dir};
use std::io;
use std::path::Path;

/// The renderings of a finished report. (JSON Lines is not one: a scan
/// writes it as it reads, document by document.)
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rendering {
    /// The per-party table for people.
    Table,
    /// The whole report as JSON (`docs/report.schema.json`).
    Json,
    /// Spreadsheets, one file each, into a folder (see [`CSV_FILES`]).
    Csv,
    /// The mash-up as Markdown.
    Markdown,
    /// The mash-up as one self-contained web page.
    Html,
}

impl Rendering {
    /// Whether it is written into a folder (several files) rather than one
    /// file or stdout.
    pub fn is_folder(self) -> bool {
        self == Rendering::Csv
    }
}

/// The output could not be written.
#[derive(Debug, thiserror::Error)]
#[error("cannot write {target}")]
pub struct RenderError {
    /// The file (or "standard output").
    pub target: String,
    /// Why.
    #[source]
    pub source: io::Error,
}

/// Writes `report` as `rendering` to `output`: a file, a folder for CSV
/// (the current one when `None`), or stdout when `None`.
pub fn render(
    report: &Report,
    rendering: Rendering,
    output: Option<&Path>,
) -> Result<(), RenderError> {
    let to_file = |render: fn(&Report, &mut dyn io::Write) -> io::Result<()>| {
        write_output(output, |out| render(report, out)).map_err(|source| RenderError {
            target: output.map_or_else(
                || "standard output".to_string(),
                |p| p.display().to_string(),
            ),
            source,
        })
    };
    match rendering {
        Rendering::Table => to_file(write_table),
        Rendering::Json => to_file(write_json),
        Rendering::Markdown => to_file(write_markdown),
        Rendering::Html => to_file(write_html),
        Rendering::Csv => write_output_dir(output.unwrap_or(Path::new(".")), CSV_FILES, report)
            .map_err(|(path, source)| RenderError {
                target: path.display().to_string(),
                source,
            }),
    }
}
