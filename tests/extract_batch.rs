//! `mashup extract --output-dir DIR -j N FILE...`: many files in one process,
//! each written where the single-file form would put the same text.

use crate::util::{mashup, root};

#[test]
fn batch_output_matches_single_file_extraction() {
    let dir = tempfile::tempdir().unwrap();
    let files = [
        "corpus/civic-renewal-2026.pdf",
        "corpus/hedgerow-2026.pdf",
        "corpus/tidewater-alliance-2026.txt",
    ];
    mashup()
        .current_dir(root())
        .args(["extract", "-j", "2", "--output-dir"])
        .arg(dir.path())
        .args(files)
        .assert()
        .success();
    for file in files {
        let single = mashup()
            .current_dir(root())
            .args(["extract", file])
            .output()
            .unwrap();
        assert!(single.status.success(), "{file}");
        let batch = dir
            .path()
            .join(std::path::Path::new(file).with_extension("txt"));
        assert_eq!(std::fs::read(&batch).unwrap(), single.stdout, "{file}");
    }
}

#[test]
fn a_failing_file_does_not_stop_the_batch() {
    let dir = tempfile::tempdir().unwrap();
    let assert = mashup()
        .current_dir(root())
        .args(["extract", "--output-dir"])
        .arg(dir.path())
        .args(["no-such-file.pdf", "corpus/hedgerow-2026.pdf"])
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(stderr.contains("no-such-file.pdf"), "{stderr}");
    assert!(dir.path().join("corpus/hedgerow-2026.txt").is_file());
}

#[test]
fn several_files_need_an_output_dir() {
    mashup()
        .current_dir(root())
        .args([
            "extract",
            "corpus/hedgerow-2026.pdf",
            "corpus/civic-renewal-2026.pdf",
        ])
        .assert()
        .code(2);
}
