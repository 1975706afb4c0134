//! What a run amounted to ([`Outcome`]), or why it stopped ([`Error`]);
//! `main` turns either into an exit status.

use crate::lexicon::LexiconError;
use crate::matcher::MatcherError;
use crate::parts::MergeError;
use std::io;

/// What a successful run amounted to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Everything was read.
    Success,
    /// Some document or path failed; results for the rest were written.
    SomeFailed,
}

/// A failure that stops the run.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The lexicon is invalid; every problem is listed.
    #[error("invalid lexicon")]
    Lexicon(#[from] LexiconError),
    /// The lexicon could not be compiled (it is too large for the automaton).
    #[error("cannot compile the lexicon")]
    Matcher(#[from] MatcherError),
    /// The command line asks for something impossible.
    #[error("{0}")]
    Usage(String),
    /// A file the command line names (a list of paths) could not be read.
    #[error("cannot read {path}")]
    ReadFile {
        /// The file.
        path: String,
        /// Why.
        #[source]
        source: io::Error,
    },
    /// An index lacks a required column.
    #[error(transparent)]
    Index(#[from] crate::corpus::IndexError),
    /// A saved report could not be read back.
    #[error(transparent)]
    Load(#[from] crate::saved::LoadError),
    /// A report could not be written.
    #[error(transparent)]
    Render(#[from] crate::report::RenderError),
    /// JSON Lines parts could not be merged (or read).
    #[error(transparent)]
    Merge(#[from] MergeError),
    /// Output could not be written.
    #[error("cannot write {target}")]
    Output {
        /// The file (or "standard output").
        target: String,
        /// Why.
        #[source]
        source: io::Error,
    },
}

impl Error {
    /// The exit status for this error.
    pub fn exit_code(&self) -> u8 {
        2
    }

    /// True when output failed because the reader went away (`| head`), which
    /// is not an error worth reporting.
    pub fn is_broken_pipe(&self) -> bool {
        match self {
            Error::Output { source, .. }
            | Error::Render(crate::report::RenderError { source, .. }) => {
                source.kind() == io::ErrorKind::BrokenPipe
            }
            _ => false,
        }
    }
}
