//! Throughput of the matching stage over every text in `../shared/text/manifesto-project-uk/`
//! (10 MB), single thread, with the built-in lexicon and with the sample lexicon in
//! `tests/lexicon/sample.toml`. Skips (prints a message) when ../shared is missing.
//!
//! Three measurements per lexicon:
//!
//! - `mentions`: folding (normalisation) and category-term matching, nothing else;
//! - `mentions+excerpts`: the same plus, for each match only, the excerpt quoted in reports
//!   (the sentence around it, found by segmenting just the line that holds the match). This
//!   is the figure `benches/compare-rg.sh` sets beside `rg -o -i -w -F -f TERMS`;
//! - `scan+excerpts`: what the pipeline does per page: segment the whole text into
//!   sentences, match mentions and asks on one folding, and quote every mention and every
//!   sentence satisfying an ask.
//!
//! Run: `cargo bench --bench matching`.

use std::hint::black_box;
use std::ops::Range;
use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use manifesto_mashup::lexicon::Lexicon;
use manifesto_mashup::matcher::Matcher;
use manifesto_mashup::text::{excerpt, sentence_ranges};

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

/// The excerpt for a match, segmenting only the line that holds it.
fn excerpt_in_line(text: &str, hit: Range<usize>) -> String {
    let start = text[..hit.start].rfind('\n').map_or(0, |i| i + 1);
    let end = text[hit.end..]
        .find('\n')
        .map_or(text.len(), |i| hit.end + i);
    let line = &text[start..end];
    let sentence = sentence_ranges(line)
        .into_iter()
        .find(|s| s.start + start <= hit.start && hit.end <= s.end + start)
        .map_or(start..end, |s| s.start + start..s.end + start);
    excerpt(text, sentence, hit)
}

/// The sentence holding a match, as the pipeline finds it.
fn sentence_of(sentences: &[Range<usize>], hit: &Range<usize>) -> Range<usize> {
    let i = sentences.partition_point(|s| s.end <= hit.start);
    sentences.get(i).cloned().unwrap_or_else(|| hit.clone())
}

fn bench(c: &mut Criterion) {
    let Some(texts) = corpus() else { return };
    let bytes: usize = texts.iter().map(String::len).sum();
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
        group.bench_function(format!("mentions/{name}"), |b| {
            b.iter(|| {
                let mut n = 0;
                for t in &texts {
                    n += black_box(matcher.find_mentions(t)).len();
                }
                n
            })
        });
        group.bench_function(format!("mentions+excerpts/{name}"), |b| {
            b.iter(|| {
                let mut n = 0;
                for t in &texts {
                    for hit in matcher.find_mentions(t) {
                        n += black_box(excerpt_in_line(t, hit.start..hit.end)).len();
                    }
                }
                n
            })
        });
        group.bench_function(format!("scan+excerpts/{name}"), |b| {
            b.iter(|| {
                let mut n = 0;
                for t in &texts {
                    let sentences = sentence_ranges(t);
                    let (hits, asks) = matcher.scan(t, &sentences);
                    for hit in hits {
                        let range = hit.start..hit.end;
                        let sentence = sentence_of(&sentences, &range);
                        n += black_box(excerpt(t, sentence, range)).len();
                    }
                    for ask in asks {
                        let sentence = sentences[ask.sentence].clone();
                        n += black_box(excerpt(t, sentence.clone(), sentence)).len();
                    }
                }
                n
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
