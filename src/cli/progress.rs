//! The progress bar `scan` and `track` show on stderr while they read: only
//! when stderr is a terminal, one step per document, the document being read
//! beside it.

use crate::pipeline::Progress;
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;

/// A progress bar over `total` documents, or `None` when stderr is not a
/// terminal.
pub(super) fn progress_bar(total: usize) -> Option<ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = ProgressBar::new(total as u64);
    if let Ok(style) =
        ProgressStyle::with_template("{bar:30} {pos}/{len} documents  {prefix}{wide_msg}")
    {
        bar.set_style(style);
    }
    Some(bar)
}

/// Moves `bar` on as the pipeline reports.
pub(super) fn show(bar: Option<&ProgressBar>, event: Progress<'_>) {
    let Some(bar) = bar else { return };
    match event {
        Progress::Started(path) => bar.set_message(path.display().to_string()),
        Progress::Finished(_) => bar.inc(1),
    }
}
