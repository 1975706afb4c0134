//! Pipeline: reads every document in parallel, matches its body text, and
//! returns one [`DocResult`] per document, sorted by path, so the output is
//! the same at any `-j`.
//!
//! [`scan_document`] never panics outward: a document that fails (or trips
//! a bug) becomes a result with status `error` and its reason. The results
//! themselves are [`crate::results`]; reading is [`crate::read`]; how work
//! is shared out over threads is [`crate::schedule`].

mod editions;
mod matching;

pub use editions::Editions;

use crate::cache::{self, Cache};
use crate::corpus::{Corpus, Input, InputKind};
use crate::fingerprint;
use crate::language::{self, DocumentLanguage, Language, LanguageSource};
use crate::lexicon::Lexicon;
use crate::matcher::Matcher;
use crate::read::{read_bytes, BodyText, ReadError, ReadOptions};
use crate::results::{DocResult, DocumentOcr, OcrPage, PageWarning, Status, TextOrigin};
use crate::schedule::{file_size, map_largest_first, on_workers, parallel_items};
use crate::text::{count_words, TextSource};
use matching::match_document;
use serde::{Deserialize, Serialize};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

/// What the pipeline tells a progress display.
#[derive(Clone, Copy, Debug)]
pub enum Progress<'a> {
    /// A document is being read.
    Started(&'a Path),
    /// A document is done.
    Finished(&'a Path),
}

/// The compiled lexicon and its data, as the pipeline needs them.
#[derive(Clone, Copy)]
pub struct Instrument<'a> {
    /// The lexicon (for ids and labels).
    pub lexicon: &'a Lexicon,
    /// Its compiled matcher.
    pub matcher: &'a Matcher,
}

/// Everything a scan reads documents with.
#[derive(Clone, Copy)]
pub struct ScanContext<'a> {
    /// What counts as a mention, per country.
    pub editions: &'a Editions,
    /// How documents are read.
    pub options: &'a ReadOptions,
    /// Where extracted text and results are kept between runs, if anywhere.
    pub cache: Option<&'a Cache>,
}

/// Reads and matches every input of the corpus on `jobs` threads (all cores
/// when `None`), handing each result to `sink` as soon as it is done, in no
/// particular order, so that nothing is kept per document here. Problems of
/// the corpus (a path that does not exist, a folder with no documents) are
/// not documents: the caller reports them.
pub fn scan(
    corpus: &Corpus,
    context: ScanContext<'_>,
    jobs: Option<usize>,
    progress: &(dyn Fn(Progress<'_>) + Sync),
    sink: &(dyn Fn(DocResult) + Sync),
) {
    map_inputs(
        &corpus.inputs,
        jobs,
        parallel_items(corpus.inputs.len(), context.options),
        progress,
        |input| sink(scan_document(input, context)),
    );
}

/// Maps `f` over `inputs` on `jobs` threads (all cores when `None`; no more
/// than `items` at once), largest file first, telling `progress` as each
/// starts and finishes; the results come back in the order of `inputs`.
pub fn map_inputs<R: Send>(
    inputs: &[Input],
    jobs: Option<usize>,
    items: usize,
    progress: &(dyn Fn(Progress<'_>) + Sync),
    f: impl Fn(&Input) -> R + Sync,
) -> Vec<R> {
    let work = || {
        map_largest_first(
            inputs,
            |input| file_size(&input.path),
            |input| {
                progress(Progress::Started(&input.path));
                let result = f(input);
                progress(Progress::Finished(&input.path));
                result
            },
        )
    };
    on_workers(jobs, items, work)
}

/// Reads and matches one document, through the cache when there is one.
/// Never panics outward.
pub fn scan_document(input: &Input, context: ScanContext<'_>) -> DocResult {
    let mut result = DocResult::failed(&input.path, &input.meta.party, String::new());
    result.year = input.meta.year;
    result.election = input.meta.election.clone();
    result.family = input.meta.family.clone();
    result.country = input.meta.country.clone();
    let instrument = context.editions.for_country(input.meta.country.as_deref());
    result.edition = instrument.lexicon.edition().map(str::to_string);
    let hash = match content_hash(&input.path, context.cache) {
        Ok(hashed) => hashed,
        Err(e) => {
            result.error = Some(ReadError::Io(e).to_string());
            return result;
        }
    };
    let keys = context.cache.map(|cache| {
        (
            cache,
            CacheKeys::new(&hash.hash, input, context, instrument),
        )
    });
    result.content_hash = Some(hash.hash.clone());
    if let Some((cache, keys)) = &keys {
        if let Some(cached) = cache.get::<DocResult>(cache::Kind::Results, &keys.results) {
            return DocResult {
                path: result.path,
                ..cached
            };
        }
    }
    let text_cache = keys
        .as_ref()
        .map(|(cache, keys)| (*cache, keys.text.as_str()));
    let read = match body_of(input, hash, context.options, text_cache) {
        Ok(read) => read,
        Err(e) => {
            result.error = Some(ReadError::Io(e).to_string());
            return result;
        }
    };
    let body = match read {
        ReadOutcome::Read(body) => body,
        ReadOutcome::Failed(message) => {
            result.error = Some(message);
            return remember(result, &keys);
        }
    };
    result.pages = body.pages.len() as u32;
    result.pages_without_text = if input.kind == InputKind::Pdf {
        body.pages
            .iter()
            .filter(|p| !p.has_text)
            .map(|p| p.number)
            .collect()
    } else {
        Vec::new()
    };
    result.unmapped_chars = body.pages.iter().map(|p| p.unmapped as u64).sum();
    for page in &body.pages {
        result.recovered_chars.add(page.recovered);
    }
    result.warnings = body
        .pages
        .iter()
        .flat_map(|p| {
            p.warnings.iter().map(|message| PageWarning {
                page: p.number,
                message: message.clone(),
            })
        })
        .collect();
    (result.text_source, result.ocr) = ocr_of(&body);
    if body.lacks_text_layer {
        result.status = Status::NoTextLayer;
        result.error = None;
        return remember(result, &keys);
    }
    result.language = document_language(input, &body);
    let lexicon_language = instrument.lexicon.language();
    if let (Some(covered), Some(language)) = (lexicon_language, result.language) {
        if language.code != covered {
            result.status = Status::NotMatched;
            result.error = None;
            result.counts.words = body.pages.iter().map(|p| count_words(&p.body) as u64).sum();
            return remember(result, &keys);
        }
    }
    match catch_unwind(AssertUnwindSafe(|| {
        let Instrument { lexicon, matcher } = instrument;
        match_document(&body, lexicon, matcher, &mut result)
    })) {
        Ok(()) => {
            result.status = Status::Ok;
            result.error = None;
            remember(result, &keys)
        }
        Err(panic) => {
            result.error = Some(format!(
                "internal error while matching: {}",
                panic_message(&panic)
            ));
            result
        }
    }
}

/// A file's content hash, and its bytes when they had to be read for it.
struct Hashed {
    hash: String,
    bytes: Option<Vec<u8>>,
}

/// The content hash: from the cache's stat entry when the file has not
/// changed since it was hashed (then the file is read only if its text is
/// needed), else from the bytes. The file's metadata is read once, before
/// its content: if the file changes meanwhile, the next scan sees other
/// metadata and hashes again.
fn content_hash(path: &Path, cache: Option<&Cache>) -> std::io::Result<Hashed> {
    let stat = cache.and_then(|_| cache::stat_key(path));
    let known = cache
        .zip(stat.as_deref())
        .and_then(|(cache, stat)| cache.known_hash(stat));
    if let Some(hash) = known {
        return Ok(Hashed { hash, bytes: None });
    }
    let bytes = std::fs::read(path)?;
    let hash = fingerprint::content_hash(&bytes);
    if let (Some(cache), Some(stat)) = (cache, stat) {
        cache.remember_hash(&stat, &hash);
    }
    Ok(Hashed {
        hash,
        bytes: Some(bytes),
    })
}

/// What reading the file gave, from the text cache (`text`: the cache and
/// the entry's key) when it holds it, else read now and remembered there.
fn body_of(
    input: &Input,
    hashed: Hashed,
    options: &ReadOptions,
    text: Option<(&Cache, &str)>,
) -> std::io::Result<ReadOutcome> {
    if let Some(cached) =
        text.and_then(|(cache, key)| cache.get::<ReadOutcome>(cache::Kind::Text, key))
    {
        return Ok(cached);
    }
    let bytes = match hashed.bytes {
        Some(bytes) => bytes,
        None => std::fs::read(&input.path)?,
    };
    let (read, lasting) = read_body(&bytes, input.kind, options);
    if let (Some((cache, key)), true) = (text, lasting) {
        cache.put(cache::Kind::Text, key, &read);
    }
    Ok(read)
}

/// One document read for `track`: its content hash and its body text, or
/// why it has none.
#[derive(Clone, Debug)]
pub struct ReadDocument {
    /// The file's content hash; `None` when the file could not be read.
    pub content_hash: Option<String>,
    /// Its body text, or why it could not be read.
    pub body: Result<BodyText, String>,
}

/// Reads one document's body text through the cache, as [`scan_document`]
/// does before matching (the same text entries serve both). Never panics
/// outward.
pub fn read_document_cached(
    input: &Input,
    options: &ReadOptions,
    cache: Option<&Cache>,
) -> ReadDocument {
    let hashed = match content_hash(&input.path, cache) {
        Ok(hashed) => hashed,
        Err(e) => {
            return ReadDocument {
                content_hash: None,
                body: Err(ReadError::Io(e).to_string()),
            }
        }
    };
    let hash = hashed.hash.clone();
    let key = cache.map(|cache| (cache, CacheKeys::text(&hash, input, options)));
    let text = key.as_ref().map(|(cache, key)| (*cache, key.as_str()));
    let body = match body_of(input, hashed, options, text) {
        Ok(ReadOutcome::Read(body)) => Ok(body),
        Ok(ReadOutcome::Failed(message)) => Err(message),
        Err(e) => Err(ReadError::Io(e).to_string()),
    };
    ReadDocument {
        content_hash: Some(hash),
        body,
    }
}

/// Where a document's text came from, and what OCR read of it.
fn ocr_of(body: &BodyText) -> (TextOrigin, Option<DocumentOcr>) {
    let Some(summary) = body.ocr_summary() else {
        return (TextOrigin::Layer, None);
    };
    // A page OCR found nothing on (a photograph, a blank back cover) is
    // listed, but adds no text: only pages with text decide the origin.
    let from_layer = body
        .pages
        .iter()
        .any(|p| p.has_text && p.source == TextSource::Layer);
    let from_ocr = summary.words > 0;
    let pages = body
        .pages
        .iter()
        .filter_map(|p| match p.source {
            TextSource::Ocr { confidence, words } => Some(OcrPage {
                page: p.number,
                words,
                confidence,
            }),
            TextSource::Layer => None,
        })
        .collect();
    let origin = match (from_layer, from_ocr) {
        (true, true) => TextOrigin::Mixed,
        (false, true) => TextOrigin::Ocr,
        (_, false) => TextOrigin::Layer,
    };
    let ocr = DocumentOcr {
        engine: body.ocr_engine.clone().unwrap_or_else(|| "OCR".into()),
        confidence: summary.confidence,
        words: summary.words,
        pages,
    };
    (origin, Some(ocr))
}

/// The language of a document: the index's, else the one detected in its
/// body text (none when the text is too short or mixed to tell).
fn document_language(input: &Input, body: &BodyText) -> Option<DocumentLanguage> {
    if let Some(code) = input.meta.language.as_deref().and_then(Language::from_code) {
        return Some(DocumentLanguage {
            code,
            source: LanguageSource::Index,
        });
    }
    let pages: Vec<&str> = body.pages.iter().map(|p| p.body.as_str()).collect();
    language::detect_pages(&pages).map(|code| DocumentLanguage {
        code,
        source: LanguageSource::Detected,
    })
}

/// What reading a file gave: its body text, or why there is none. Cached
/// per file content, so a file that cannot be read is not tried again
/// either.
#[derive(Debug, Serialize, Deserialize)]
enum ReadOutcome {
    Read(BodyText),
    Failed(String),
}

/// Reads a document's body text. The flag is false when the outcome must
/// not be cached: a panic is a bug of this build, not a fact about the file.
fn read_body(bytes: &[u8], kind: InputKind, options: &ReadOptions) -> (ReadOutcome, bool) {
    match catch_unwind(AssertUnwindSafe(|| read_bytes(bytes, kind, options))) {
        Ok(Ok(doc)) => {
            let mut body = BodyText::of(doc, kind);
            if let (Some(ocr), Some(_)) = (&options.ocr, body.ocr_summary()) {
                body.ocr_engine = Some(ocr.describe());
            }
            // A page OCR could not read (Tesseract stopped, say) is tried
            // again next time rather than remembered without its text.
            let lasting = !body
                .pages
                .iter()
                .any(|p| p.warnings.iter().any(|w| w.starts_with(crate::ocr::FAILED)));
            (ReadOutcome::Read(body), lasting)
        }
        Ok(Err(e)) => (ReadOutcome::Failed(e.to_string()), true),
        Err(panic) => (
            ReadOutcome::Failed(format!(
                "internal error while reading: {}",
                panic_message(&panic)
            )),
            false,
        ),
    }
}

/// The cache keys of one document: everything its entries depend on.
struct CacheKeys {
    text: String,
    results: String,
}

impl CacheKeys {
    fn new(
        content_hash: &str,
        input: &Input,
        context: ScanContext<'_>,
        instrument: Instrument<'_>,
    ) -> CacheKeys {
        let text = CacheKeys::text(content_hash, input, context.options);
        let meta = serde_json::to_string(&input.meta).unwrap_or_default();
        let results = fingerprint::key_of(&[
            text.as_bytes(),
            instrument.lexicon.hash().as_bytes(),
            meta.as_bytes(),
        ]);
        CacheKeys { text, results }
    }

    /// The key of a file's text entry: its content, this build, how it is
    /// read and as what.
    fn text(content_hash: &str, input: &Input, options: &ReadOptions) -> String {
        let build = fingerprint::build_id();
        let options = format!("{options:?}");
        let kind = format!("{:?}", input.kind);
        fingerprint::key_of(&[
            content_hash.as_bytes(),
            build.as_bytes(),
            options.as_bytes(),
            kind.as_bytes(),
        ])
    }
}

/// Stores a finished result in the cache (without its path: the same file
/// may be found under another name) and returns it.
fn remember(result: DocResult, keys: &Option<(&Cache, CacheKeys)>) -> DocResult {
    if let Some((cache, keys)) = keys {
        cache.put(cache::Kind::Results, &keys.results, &result);
    }
    result
}

fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn a_sentence_with_several_mentions_is_one_policy() {
        let lexicon = Lexicon::parse(
            "[lexicon]\nname = \"t\"\nversion = \"1\"\n\
             [[category]]\nid = \"coops\"\nlabel = \"Co-ops\"\nterms = [\"co-operative*\", \"mutuals\"]\n\
             [[category]]\nid = \"eo\"\nlabel = \"EO\"\nterms = [\"employee ownership\"]\n",
            "t.toml",
        )
        .unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("party.txt");
        std::fs::write(
            &path,
            "We will back co-operatives, mutuals and employee ownership.\n\n\
             Credit is a word.\n\nMutuals matter to us.\u{c}Co-operatives again.\n",
        )
        .unwrap();
        let input = Input {
            path: path.clone(),
            kind: InputKind::Text,
            meta: crate::corpus::PartyMeta {
                party: "Party".into(),
                ..Default::default()
            },
        };
        let editions = Editions::new(&lexicon, None, []).unwrap();
        let options = ReadOptions::default();
        let context = ScanContext {
            editions: &editions,
            options: &options,
            cache: None,
        };
        let result = scan_document(&input, context);
        let c = &result.counts;
        assert_eq!((c.mentions, c.pledges), (5, 3));
        assert_eq!((c.policies, c.pledged_policies), (3, 1));
        let map = |pairs: &[(&str, u64)]| -> BTreeMap<String, u64> {
            pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
        };
        assert_eq!(c.policies_by_category, map(&[("coops", 3), ("eo", 1)]));
        assert_eq!(
            c.pledged_policies_by_category,
            map(&[("coops", 1), ("eo", 1)])
        );
        assert_eq!(c.by_category, map(&[("coops", 4), ("eo", 1)]));
    }

    /// Entries of one kind in a cache folder.
    fn entries(dir: &Path, kind: &str) -> usize {
        walkdir::WalkDir::new(dir.join("v1").join(kind))
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .count()
    }

    /// A cached result is the result; an unchanged file is not read again
    /// (its text entry can go), a changed lexicon re-matches the cached
    /// text, and a changed file is read afresh.
    #[test]
    fn the_cache_changes_nothing_but_the_work() {
        let lexicon = |terms: &str| {
            Lexicon::parse(
                &format!(
                    "[lexicon]\nname = \"t\"\nversion = \"1\"\n[[category]]\nid = \"c\"\nlabel = \"C\"\nterms = [{terms}]\n"
                ),
                "t.toml",
            )
            .unwrap()
        };
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("party.txt");
        std::fs::write(&path, "We will back co-operatives and mutuals.\n").unwrap();
        let input = Input {
            path: path.clone(),
            kind: InputKind::Text,
            meta: Default::default(),
        };
        let cache_dir = dir.path().join("cache");
        let cache = Cache::open(&cache_dir).unwrap();
        let options = ReadOptions::default();
        let run = |lexicon: &Lexicon, cache: Option<&Cache>| {
            let editions = Editions::new(lexicon, None, []).unwrap();
            let context = ScanContext {
                editions: &editions,
                options: &options,
                cache,
            };
            scan_document(&input, context)
        };
        let coops = lexicon("\"co-operative*\"");
        let fresh = run(&coops, None);
        assert_eq!(fresh.counts.mentions, 1);
        assert_eq!(run(&coops, Some(&cache)), fresh);
        assert_eq!(
            (entries(&cache_dir, "text"), entries(&cache_dir, "results")),
            (1, 1)
        );
        // The result entry alone serves an unchanged file.
        std::fs::remove_dir_all(cache_dir.join("v1").join("text")).unwrap();
        assert_eq!(run(&coops, Some(&cache)), fresh);
        assert_eq!(entries(&cache_dir, "text"), 0);
        // Another lexicon: matched again, from the text entry made now.
        let both = lexicon("\"co-operative*\", \"mutual*\"");
        assert_eq!(run(&both, Some(&cache)), run(&both, None));
        assert_eq!(run(&both, Some(&cache)).counts.mentions, 2);
        assert_eq!(
            (entries(&cache_dir, "text"), entries(&cache_dir, "results")),
            (1, 2)
        );
        // A changed file is a new entry, never the old result.
        std::fs::write(&path, "Mutuals only.\n").unwrap();
        assert_eq!(run(&both, Some(&cache)).counts.mentions, 1);
        assert_eq!(cache.write_error(), None);
    }
}
