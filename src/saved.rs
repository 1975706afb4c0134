//! A saved report read back: the JSON a scan wrote (`-` for stdin), or a
//! JSON Lines part of a sharded scan, read as merging it alone. What
//! `report`, `compare` and `track --manifestos` start from.

use crate::parts::{self, MergeError};
use crate::report::{Report, SCHEMA_VERSION};
use std::io;
use std::path::Path;

/// Why a saved report could not be read back.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read.
    #[error("cannot read {path}")]
    Read {
        /// The file.
        path: String,
        /// Why.
        #[source]
        source: io::Error,
    },
    /// It is not valid report JSON.
    #[error("{path} is not a mashup JSON report")]
    Parse {
        /// The file.
        path: String,
        /// Why.
        #[source]
        source: serde_json::Error,
    },
    /// It was written by a version of mashup that wrote another schema.
    #[error("{path} has schema_version {found}; this mashup reads version {expected}: scan again to update it")]
    SchemaVersion {
        /// The file.
        path: String,
        /// Its version.
        found: u64,
        /// Ours.
        expected: u32,
    },
    /// A JSON Lines part that cannot be read as one.
    #[error(transparent)]
    Part(#[from] MergeError),
}

/// Reads a saved report: JSON (`-` for stdin) or a JSON Lines part.
pub fn load(path: &Path) -> Result<Report, LoadError> {
    if path != Path::new("-") && parts::read_header(path)?.is_some() {
        return Ok(parts::merge(&[path.to_path_buf()])?);
    }
    let name = path.display().to_string();
    let bytes = if path == Path::new("-") {
        let mut buf = Vec::new();
        io::Read::read_to_end(&mut io::stdin().lock(), &mut buf).map(|_| buf)
    } else {
        std::fs::read(path)
    }
    .map_err(|source| LoadError::Read {
        path: name.clone(),
        source,
    })?;
    let parse_error = |source| LoadError::Parse {
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
    if version.schema_version != u64::from(SCHEMA_VERSION) {
        return Err(LoadError::SchemaVersion {
            path: name,
            found: version.schema_version,
            expected: SCHEMA_VERSION,
        });
    }
    serde_json::from_slice(&bytes).map_err(parse_error)
}
