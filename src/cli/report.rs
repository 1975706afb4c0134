//! `mashup report`: a saved report rendered again, and the rendering that
//! `scan` and `merge` share.

use super::{check_output, write_to, Error, Format, Outcome};
use crate::jsonl;
use crate::output::write_output_dir;
use crate::report::{self, Report};
use clap::Args;
use std::io;
use std::path::{Path, PathBuf};

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
    check_rendered_format(args.format, args.output.as_deref())?;
    let report = load_saved(&args.input)?;
    render(&report, args.format, args.output.as_deref())?;
    Ok(Outcome::Success)
}

/// A saved report: JSON (`-` for stdin) or JSON Lines (a part of one is the
/// same as merging it alone).
pub(super) fn load_saved(path: &Path) -> Result<Report, Error> {
    if path != Path::new("-") && jsonl::read_header(path)?.is_some() {
        Ok(jsonl::merge(&[path.to_path_buf()])?)
    } else {
        load_report(path)
    }
}

/// Fails early when `format` cannot be rendered from a report (JSON Lines
/// is what a scan writes as it goes, not a rendering of a finished report),
/// or needs an output it lacks.
pub(super) fn check_rendered_format(format: Format, output: Option<&Path>) -> Result<(), Error> {
    if format == Format::Jsonl {
        return Err(Error::Usage(
            "--format jsonl is written by `mashup scan` as it reads; render a report as table, json, csv, markdown or html".into(),
        ));
    }
    check_output(format, output)
}

/// Writes the report in `format` to `output` (stdout when `None`).
pub(super) fn render(report: &Report, format: Format, output: Option<&Path>) -> Result<(), Error> {
    match format {
        Format::Table => write_to(output, |out| report::write_table(report, out)),
        Format::Json => write_to(output, |out| report::write_json(report, out)),
        Format::Markdown => write_to(output, |out| report::write_markdown(report, out)),
        Format::Html => write_to(output, |out| report::write_html(report, out)),
        Format::Jsonl => check_rendered_format(format, output),
        Format::Csv => {
            check_output(format, output)?;
            let dir = output.unwrap_or(Path::new("."));
            write_output_dir(dir, report::CSV_FILES, report).map_err(|(path, source)| {
                Error::Output {
                    target: path.display().to_string(),
                    source,
                }
            })
        }
    }
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
