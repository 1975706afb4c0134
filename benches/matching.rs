//! Throughput of the matching stage (normalisation included) over every text in
//! `../shared/text/manifesto-project-uk/`, with the built-in lexicon and with the sample
//! lexicon in `tests/lexicon/sample.toml`. Skips (prints a message) when ../shared is missing.
//!
//! Run: `cargo bench --bench matching`. `benches/compare-rg.sh` measures ripgrep on the same
//! text and terms for comparison.

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use manifesto_mashup::lexicon::Lexicon;
use manifesto_mashup::matcher::Matcher;

fn corpus() -> Option<Vec<String>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/text/manifesto-project-uk");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("skipping: {} not found", dir.display());
        return None;
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let texts = paths
        .iter()
        .filter_map(|p| std::fs::read(p).ok())
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .collect();
    Some(texts)
}

fn bench(c: &mut Criterion) {
    let Some(texts) = corpus() else { return };
    let bytes: usize = texts.iter().map(String::len).sum();
    // The corpus has one sentence per line; the pipeline would use unicode-segmentation.
    let sentences: Vec<Vec<std::ops::Range<usize>>> = texts
        .iter()
        .map(|t| {
            let mut at = 0;
            t.split('\n')
                .map(|line| {
                    let r = at..at + line.len();
                    at += line.len() + 1;
                    r
                })
                .collect()
        })
        .collect();
    let sample_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/lexicon/sample.toml");
    let mut lexicons = vec![("builtin", Lexicon::builtin())];
    match Lexicon::load(&sample_path) {
        Ok(l) => lexicons.push(("sample", l)),
        Err(e) => eprintln!("{e}"),
    }
    let mut group = c.benchmark_group("matching");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    for (name, lexicon) in &lexicons {
        let Ok(matcher) = Matcher::new(lexicon) else {
            continue;
        };
        group.bench_function(format!("find_mentions/{name}"), |b| {
            b.iter(|| {
                let mut n = 0;
                for t in &texts {
                    n += black_box(matcher.find_mentions(t)).len();
                }
                n
            })
        });
        group.bench_function(format!("scan/{name}"), |b| {
            b.iter(|| {
                let mut n = 0;
                for (t, s) in texts.iter().zip(&sentences) {
                    let (hits, asks) = matcher.scan(t, s);
                    n += black_box(hits).len() + black_box(asks).len();
                }
                n
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
