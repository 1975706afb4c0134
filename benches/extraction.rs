//! Extraction stages on real manifestos from `../shared/corpus`, per page: the content-stream
//! interpreter (`PdfDocument::page`, fonts already cached, so this is lexing, text state and
//! glyph placement), layout (`text::layout_page` on glyphs interpreted beforehand), and the
//! whole document as `mashup extract` reads it (open, interpret, lay out, document passes).
//! `open/` loads a file as `mashup` does (only the objects the pages reach, for a well-formed
//! file) and `load-all/` as lopdf's full load does, which every file went through before the
//! lazy loader and damaged or encrypted files still do.
//! Skips (prints a message) when ../shared is missing.
//!
//! Run: `cargo bench --bench extraction`. `benches/extract-vs-pdftotext.sh` times the whole
//! corpus against pdftotext.

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use manifesto_mashup::corpus::InputKind;
use manifesto_mashup::pdf::{OpenOptions, PdfDocument};
use manifesto_mashup::read::{read_document, ReadOptions};
use manifesto_mashup::text::{layout_page, LayoutParams};

/// Files chosen for variety: InDesign with Form XObjects and many fonts (Conservative 2024),
/// Type1C fonts without ToUnicode (SNP 2015), letter-spaced heads and two columns (Labour 2015),
/// rotated text from 2001.
const FILES: &[&str] = &[
    "uk-historic/2024-07-conservative_party.pdf",
    "uk-2015/2015-snp-manifesto.pdf",
    "uk-2015/2015-labour-manifesto.pdf",
    "uk-historic/2001-06-labour_party.pdf",
];

fn corpus_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipping: {} not found", dir.display());
        None
    }
}

fn short_name(file: &str) -> &str {
    let name = file.rsplit('/').next().unwrap_or(file);
    name.strip_suffix(".pdf").unwrap_or(name)
}

fn bench(c: &mut Criterion) {
    let Some(dir) = corpus_dir() else { return };
    let params = LayoutParams::default();
    let mut group = c.benchmark_group("extraction");
    group.sample_size(10);
    for file in FILES {
        let path = dir.join(file);
        let Ok(bytes) = std::fs::read(&path) else {
            eprintln!("skipping {}: cannot read", path.display());
            continue;
        };
        let Ok(mut doc) = PdfDocument::open(&bytes, &OpenOptions::default()) else {
            eprintln!("skipping {}: cannot open", path.display());
            continue;
        };
        let pages = doc.page_count();
        // Interpreted once here, which also fills the font cache for the interpreter bench.
        let glyphs: Vec<_> = (0..pages).map(|i| doc.page(i)).collect();
        let expected: usize = glyphs.iter().map(|p| p.glyphs().len()).sum();
        assert!(expected > 0, "{file}: no glyphs");
        let name = short_name(file);
        group.throughput(Throughput::Elements(pages as u64));
        group.bench_function(format!("interpret/{name}"), |b| {
            b.iter(|| {
                // The document's work budget (operators and glyphs over all pages) is spent
                // by each pass; without restoring it, later passes would stop at the first
                // operator and time nothing. The glyph count proves each pass read it all.
                doc.restore_budget();
                let mut drawn = 0;
                for i in 0..pages {
                    drawn += black_box(doc.page(i)).glyphs().len();
                }
                assert_eq!(drawn, expected, "{file}: a pass drew fewer glyphs");
            })
        });
        group.bench_function(format!("layout/{name}"), |b| {
            b.iter(|| {
                for page in &glyphs {
                    black_box(layout_page(page, &params));
                }
            })
        });
        group.bench_function(format!("open/{name}"), |b| {
            b.iter(|| black_box(PdfDocument::open(&bytes, &OpenOptions::default()).is_ok()))
        });
        group.bench_function(format!("load-all/{name}"), |b| {
            b.iter(|| black_box(lopdf::Document::load_mem(&bytes).is_ok()))
        });
        let options = ReadOptions::default();
        group.bench_function(format!("document/{name}"), |b| {
            b.iter(|| black_box(read_document(&path, InputKind::Pdf, &options).map(|d| d.pages)))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
