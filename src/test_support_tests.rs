//! The `../shared` helpers themselves: a missing file fails a test, and a
//! missing `../shared` fails one only when it is required.

use crate::test_support::{locate, shared_root};

#[test]
fn a_missing_file_fails_when_shared_is_there() {
    let root = tempfile::tempdir().unwrap();
    std::fs::write(root.path().join("here.pdf"), b"%PDF").unwrap();
    assert!(locate(root.path(), "here.pdf", true).is_some());
    let missing = std::panic::catch_unwind(|| locate(root.path(), "gone.pdf", false));
    assert!(missing.is_err(), "a missing file must fail, not skip");
}

#[test]
fn a_missing_shared_folder_fails_only_when_required() {
    let root = tempfile::tempdir().unwrap();
    let absent = root.path().join("no-shared-here");
    assert!(locate(&absent, "x.pdf", false).is_none());
    assert!(std::panic::catch_unwind(|| locate(&absent, "x.pdf", true)).is_err());
    assert!(std::panic::catch_unwind(|| shared_root(&absent, true)).is_err());
}
