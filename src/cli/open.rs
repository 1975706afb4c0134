//! Opening what several commands read besides their documents: the
//! lexicon and the cache folder, with errors that say which.

use super::outcome::Error;
use crate::lexicon::Lexicon;
use std::path::Path;

/// The lexicon at `path`, or the built-in one without a path.
pub(super) fn load_lexicon(path: Option<&Path>) -> Result<Lexicon, Error> {
    Ok(match path {
        Some(path) => Lexicon::load(path)?,
        None => Lexicon::builtin(),
    })
}

/// The cache in `dir` (made if needed), or a usage error saying why it
/// cannot be used.
pub(super) fn open_cache_folder(dir: &Path) -> Result<crate::cache::Cache, Error> {
    crate::cache::Cache::open(dir).map_err(|e| {
        Error::Usage(format!(
            "cannot use the cache folder {}: {e}",
            dir.display()
        ))
    })
}
