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

/// The words of `text` as the scorer counts them: NFKC, lower case, runs of
/// letters and digits.
fn words(text: &str) -> std::collections::HashMap<String, usize> {
    let folded: String = unicode_normalization::UnicodeNormalization::nfkc(text)
        .collect::<String>()
        .to_lowercase();
    let mut bag = std::collections::HashMap::new();
    for word in folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        *bag.entry(word.to_string()).or_insert(0) += 1;
    }
    bag
}

/// Bag-of-words F1 of `candidate` against `reference`, following
/// `../shared/tools/textscore` closely enough to catch regressions.
pub fn words_f1(candidate: &str, reference: &str) -> f64 {
    let (a, b) = (words(candidate), words(reference));
    let common: usize = a
        .iter()
        .map(|(w, n)| (*n).min(*b.get(w).unwrap_or(&0)))
        .sum();
    let (na, nb): (usize, usize) = (a.values().sum(), b.values().sum());
    if na == 0 || nb == 0 {
        return 0.0;
    }
    let (p, r) = (common as f64 / na as f64, common as f64 / nb as f64);
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}
