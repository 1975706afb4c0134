//! Lexicon problems, each pinned to a place in the file so an analyst can go straight to it.

use std::fmt;

/// One problem in a lexicon file, at a 1-based line and column (column counted in characters).
///
/// Line and column are 0 when the problem concerns the whole file (it could not be read).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file name as given to [`Lexicon::parse`](super::Lexicon::parse) or the path loaded.
    pub file: String,
    /// 1-based line, or 0 for the whole file.
    pub line: usize,
    /// 1-based column in characters, or 0 for the whole file.
    pub column: usize,
    /// What is wrong, in words an analyst can act on.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(
                f,
                "{}:{}:{}: {}",
                self.file, self.line, self.column, self.message
            )
        }
    }
}

/// Every problem found in a lexicon, not just the first, so one `mashup lexicon check` run
/// shows the analyst everything to fix. Display prints one diagnostic per line.
#[derive(Debug, thiserror::Error)]
#[error("{}", DisplayAll(.diagnostics))]
pub struct LexiconError {
    diagnostics: Vec<Diagnostic>,
    #[source]
    io: Option<std::io::Error>,
}

impl LexiconError {
    pub(crate) fn new(diagnostics: Vec<Diagnostic>) -> LexiconError {
        LexiconError {
            diagnostics,
            io: None,
        }
    }

    pub(crate) fn io(path: &std::path::Path, err: std::io::Error) -> LexiconError {
        LexiconError {
            diagnostics: vec![Diagnostic {
                file: path.display().to_string(),
                line: 0,
                column: 0,
                message: format!("cannot read lexicon: {err}"),
            }],
            io: Some(err),
        }
    }

    /// The problems, in file order.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }
}

struct DisplayAll<'a>(&'a [Diagnostic]);

impl fmt::Display for DisplayAll<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_one_per_line() {
        let d = |line, message: &str| Diagnostic {
            file: "k.toml".into(),
            line,
            column: 3,
            message: message.into(),
        };
        let e = LexiconError::new(vec![d(1, "a"), d(4, "b")]);
        assert_eq!(e.to_string(), "k.toml:1:3: a\nk.toml:4:3: b");
        let io = LexiconError::io(
            std::path::Path::new("missing.toml"),
            std::io::Error::new(std::io::ErrorKind::NotFound, "gone"),
        );
        assert_eq!(io.to_string(), "missing.toml: cannot read lexicon: gone");
        assert!(std::error::Error::source(&io).is_some());
    }
}
