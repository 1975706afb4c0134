//! The errors that stop a whole document. Everything smaller (a broken font, an
//! unparsable content stream, a Form XObject loop) is skipped and counted instead.

use std::fmt;

/// Why a PDF could not be read at all.
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
    detail: String,
}

/// The kind of a document-level PDF failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The bytes are not a PDF, or so damaged that no page tree could be found.
    NotPdf,
    /// The document is encrypted and the empty user password does not open it.
    NeedsPassword,
    /// A password was given but it opens neither the user nor the owner lock.
    WrongPassword,
    /// The document parsed but has no pages.
    NoPages,
}

impl Error {
    pub(crate) fn new(kind: ErrorKind, detail: impl Into<String>) -> Error {
        Error {
            kind,
            detail: detail.into(),
        }
    }

    /// What went wrong, for callers that branch on it.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            ErrorKind::NotPdf => "not a readable PDF",
            ErrorKind::NeedsPassword => "encrypted: needs a password (use --password)",
            ErrorKind::WrongPassword => "encrypted: the password given does not open it",
            ErrorKind::NoPages => "the PDF has no pages",
        };
        if self.detail.is_empty() {
            f.write_str(what)
        } else {
            write!(f, "{what} ({})", self.detail)
        }
    }
}

impl std::error::Error for Error {}
