//! Helpers for the unit tests that read the real inputs in `../shared`.
//! (The integration tests in `tests/` have their own copy in
//! `tests/util/mod.rs`: they cannot see `cfg(test)` items of the library.)

use std::path::{Path, PathBuf};

/// `../shared` next to the repository, or `None` (with a message) when it is
/// missing; with `MASHUP_REQUIRE_SHARED=1`, as CI sets, a missing folder fails.
pub(crate) fn shared_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    if dir.is_dir() {
        return Some(dir);
    }
    if std::env::var_os("MASHUP_REQUIRE_SHARED").is_some_and(|v| v == "1") {
        panic!(
            "../shared is required (MASHUP_REQUIRE_SHARED=1) but {} is missing",
            dir.display()
        );
    }
    eprintln!("skipping: ../shared not found");
    None
}
