//! The committed sample corpus (`corpus/`) is exactly what `examples/make_corpus.rs` writes, and
//! `corpus/index.csv` names every manifesto in it.
//!
//! The generator is compiled into this test as a module, so its own unit tests (wrapping, font
//! encoding, layout bounds) run here too.

use std::path::Path;

#[allow(dead_code)]
#[path = "../examples/make_corpus.rs"]
mod make_corpus;

const REGENERATE: &str = "run `cargo run --example make_corpus -- corpus/` and commit the result";

fn corpus_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

#[test]
fn committed_corpus_is_what_the_generator_writes() {
    let tmp = tempfile::TempDir::new().expect("temporary directory");
    let written = make_corpus::generate(tmp.path()).expect("generator runs");
    assert!(
        written.len() >= 5,
        "expected at least 3 PDFs, a text manifesto and index.csv"
    );
    let mut stale = Vec::new();
    for fresh in &written {
        let name = fresh
            .strip_prefix(tmp.path())
            .expect("written inside the output folder");
        let committed = corpus_dir().join(name);
        let same = match (std::fs::read(fresh), std::fs::read(&committed)) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        };
        if !same {
            stale.push(name.display().to_string());
        }
    }
    assert!(
        stale.is_empty(),
        "corpus/ differs from what examples/make_corpus.rs writes ({}): {REGENERATE}",
        stale.join(", ")
    );
}

#[test]
fn generator_output_is_deterministic() {
    let (a, b) = (
        tempfile::TempDir::new().unwrap(),
        tempfile::TempDir::new().unwrap(),
    );
    let first = make_corpus::generate(a.path()).unwrap();
    make_corpus::generate(b.path()).unwrap();
    for path in first {
        let name = path.strip_prefix(a.path()).unwrap();
        assert!(
            std::fs::read(&path).unwrap() == std::fs::read(b.path().join(name)).unwrap(),
            "{} differs between two runs",
            name.display()
        );
    }
}

#[test]
fn index_names_every_manifesto_in_the_corpus() {
    let index = std::fs::read_to_string(corpus_dir().join("index.csv")).expect("corpus/index.csv");
    let mut lines = index.lines();
    assert_eq!(lines.next(), Some("file,party,year,country"));
    let listed: Vec<&str> = lines
        .map(|l| l.split(',').next().unwrap_or_default())
        .collect();
    let mut on_disk: Vec<String> = std::fs::read_dir(corpus_dir())
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".pdf") || n.ends_with(".txt"))
        .collect();
    on_disk.sort();
    let mut listed_sorted = listed.clone();
    listed_sorted.sort_unstable();
    assert_eq!(
        listed_sorted, on_disk,
        "index.csv and the manifesto files in corpus/ disagree: {REGENERATE}"
    );
}

#[test]
fn every_pdf_opens_and_has_several_pages() {
    for entry in std::fs::read_dir(corpus_dir()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "pdf") {
            let doc =
                lopdf::Document::load(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            assert!(
                doc.get_pages().len() >= 2,
                "{} should have at least two pages",
                path.display()
            );
        }
    }
}
