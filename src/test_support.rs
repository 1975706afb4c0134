//! Helpers for the tests that read the real inputs in `../shared`: the unit
//! tests of the library, and the integration tests in `tests/`, which include
//! this same file (`tests/util/mod.rs`) since they cannot see `cfg(test)`
//! items of the library.
//!
//! The rule they enforce: a test skips only when `../shared` as a whole is
//! absent (a user's plain `cargo test` on a fresh clone), and never when it is
//! there. A file a test names that is missing, or that does not load, fails
//! the test; with `MASHUP_REQUIRE_SHARED=1`, as CI sets, a missing `../shared`
//! fails too. So no test can pass having read nothing.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// `../shared` next to the repository, or `None` (with a message) when it is
/// missing; with `MASHUP_REQUIRE_SHARED=1`, as CI sets, a missing folder fails.
pub(crate) fn shared_dir() -> Option<PathBuf> {
    shared_root(&default_root(), shared_required())
}

/// The file `relative` under `../shared`, or `None` (with a message) when
/// `../shared` is missing and not required. Panics when `../shared` is there
/// but the file is not: a test that names a file must read it.
pub(crate) fn shared_file(relative: &str) -> Option<PathBuf> {
    locate(&default_root(), relative, shared_required())
}

fn default_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared")
}

fn shared_required() -> bool {
    std::env::var_os("MASHUP_REQUIRE_SHARED").is_some_and(|v| v == "1")
}

/// [`shared_dir`] for a given root and requirement (tested in
/// `test_support_tests.rs`, which the integration tests do not include).
pub(crate) fn shared_root(root: &Path, required: bool) -> Option<PathBuf> {
    if root.is_dir() {
        return Some(root.to_path_buf());
    }
    if required {
        panic!(
            "../shared is required (MASHUP_REQUIRE_SHARED=1) but {} is missing",
            root.display()
        );
    }
    eprintln!("skipping: {} not found", root.display());
    None
}

/// [`shared_file`] for a given root and requirement.
pub(crate) fn locate(root: &Path, relative: &str, required: bool) -> Option<PathBuf> {
    let root = shared_root(root, required)?;
    let path = root.join(relative);
    assert!(
        path.exists(),
        "{} is missing from {}: the test cannot run without it",
        relative,
        root.display()
    );
    Some(path)
}
