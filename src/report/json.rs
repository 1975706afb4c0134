//! The JSON renderer: the report model as pretty-printed JSON (see the
//! module docs of [`crate::report`] for the layout).

use super::Comparison;
use super::Report;
use std::io::{self, Write};

/// Writes the report as JSON followed by a newline.
pub fn write_json(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report).map_err(io::Error::other)?;
    out.write_all(b"\n")
}

/// The comparison as JSON.
pub fn write_comparison_json(c: &Comparison, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, c)?;
    writeln!(out)
}
