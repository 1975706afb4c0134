//! Pipeline: reads every document in parallel, matches its body text, and
//! returns one [`DocResult`] per document, sorted by path, so the output is
//! the same at any `-j`.
//!
//! [`scan_document`] never prints and never panics outward: a document that
//! fails (or trips a bug) becomes a result with status `error` and its
//! reason. Counts are value types ([`Counts`]) that add up, so per-document
//! results fold into per-party totals, and results computed elsewhere (a
//! shard of an archive) merge the same way.

mod read;

pub use read::{
    read_bytes, read_document, BodyText, DocumentText, OcrSummary, PageBody, ReadError, ReadOptions,
};

use crate::cache::{self, Cache};
use crate::corpus::{Corpus, Input, InputKind};
use crate::fingerprint;
use crate::language::{self, DocumentLanguage, Language, LanguageSource};
use crate::lexicon::Lexicon;
use crate::matcher::Matcher;
use crate::pledge::{PledgeReader, Stance};
use crate::text::{count_words, excerpt, sentence_ranges, Confidence, TextSource};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::ops::{AddAssign, Range};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

/// How a document came out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Read and matched.
    Ok,
    /// Pages but no text on any of them: a scan that needs OCR. Its zero
    /// mentions are not a finding.
    NoTextLayer,
    /// Could not be read; `error` says why.
    Error,
    /// Read, but in a language the lexicon does not cover (`language` says
    /// which), so not matched: its zero mentions are not a finding.
    NotMatched,
}

impl Status {
    /// The name used in JSON and CSV.
    pub fn name(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::NoTextLayer => "no_text_layer",
            Status::Error => "error",
            Status::NotMatched => "not_matched",
        }
    }
}

/// Counts that add up across pages, documents, parties and shards.
///
/// Two units are counted. A *mention* is one lexicon match: a sentence
/// naming co-operatives, mutuals and employee ownership holds three. A
/// *policy* is a distinct sentence with at least one mention, the unit a
/// reader counts ("95 mentions of social economy friendly policy
/// suggestions"), and a *pledged policy* one whose sentence is a pledge.
/// Policies add up across documents because no sentence is in two.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    /// Words of body text.
    pub words: u64,
    /// Lexicon mentions (category terms).
    pub mentions: u64,
    /// Mentions whose sentence is a pledge (see [`crate::pledge`]).
    pub pledges: u64,
    /// Sentences with at least one mention.
    pub policies: u64,
    /// Of those, the sentences that are pledges.
    pub pledged_policies: u64,
    /// Mentions per category id. A term in several categories counts in
    /// each, so these may add up to more than `mentions`.
    pub by_category: BTreeMap<String, u64>,
    /// Mentions per term, as written in the lexicon.
    pub by_term: BTreeMap<String, u64>,
    /// Pledges (mentions in pledge sentences) per category id.
    pub pledges_by_category: BTreeMap<String, u64>,
    /// Sentences with at least one mention of the category, by category id.
    pub policies_by_category: BTreeMap<String, u64>,
    /// Of those, the sentences that are pledges, by category id.
    pub pledged_policies_by_category: BTreeMap<String, u64>,
    /// Sentences satisfying each ask, by ask id (an ask is judged per
    /// sentence, so these are its policies).
    pub asks: BTreeMap<String, u64>,
    /// Of those, the sentences that are pledges, by ask id.
    pub ask_pledges: BTreeMap<String, u64>,
}

impl AddAssign<&Counts> for Counts {
    fn add_assign(&mut self, other: &Counts) {
        self.words += other.words;
        self.mentions += other.mentions;
        self.pledges += other.pledges;
        self.policies += other.policies;
        self.pledged_policies += other.pledged_policies;
        for (mine, theirs) in [
            (&mut self.by_category, &other.by_category),
            (&mut self.by_term, &other.by_term),
            (&mut self.pledges_by_category, &other.pledges_by_category),
            (&mut self.policies_by_category, &other.policies_by_category),
            (
                &mut self.pledged_policies_by_category,
                &other.pledged_policies_by_category,
            ),
            (&mut self.asks, &other.asks),
            (&mut self.ask_pledges, &other.ask_pledges),
        ] {
            for (key, n) in theirs {
                *mine.entry(key.clone()).or_default() += n;
            }
        }
    }
}

/// A quoted mention.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Excerpt {
    /// 1-based page number.
    pub page: u32,
    /// 0-based index of the sentence on its page: excerpts with the same
    /// page and sentence quote the same sentence.
    pub sentence: u32,
    /// Category ids the mention counts for: one, or several when its term
    /// is in several categories (in lexicon order).
    pub categories: Vec<String>,
    /// The term as written in the lexicon.
    pub term: String,
    /// The text that matched, as it appears in the document.
    pub matched: String,
    /// The sentence around the match (see [`crate::text::excerpt`]).
    pub text: String,
    /// Whether the sentence commits the party to act.
    pub pledge: bool,
    /// The pledge's stance; `None` when not a pledge or when unknown.
    pub stance: Option<Stance>,
}

/// A quoted sentence that satisfies an ask.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AskExcerpt {
    /// 1-based page number.
    pub page: u32,
    /// 0-based index of the sentence on its page.
    pub sentence: u32,
    /// The ask's id.
    pub ask: String,
    /// The sentence.
    pub text: String,
    /// Whether the sentence commits the party to act.
    pub pledge: bool,
    /// The pledge's stance; `None` when not a pledge or when unknown.
    pub stance: Option<Stance>,
}

/// A problem on one page of a document that was read anyway.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageWarning {
    /// 1-based page number.
    pub page: u32,
    /// What went wrong, in words for the user.
    pub message: String,
}

/// Where a document's text came from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TextOrigin {
    /// Its text layer (or, for a text file, the file).
    #[default]
    Layer,
    /// OCR, on every page that has text.
    Ocr,
    /// Some pages from the text layer, others from OCR.
    Mixed,
}

impl DocumentOcr {
    /// The pages on which OCR found words: the ones its counts come from.
    pub fn pages_with_words(&self) -> u32 {
        self.pages.iter().filter(|p| p.words > 0).count() as u32
    }
}

impl TextOrigin {
    /// The name used in JSON and CSV.
    pub fn name(self) -> &'static str {
        match self {
            TextOrigin::Layer => "layer",
            TextOrigin::Ocr => "ocr",
            TextOrigin::Mixed => "mixed",
        }
    }
}

/// What OCR read of a document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentOcr {
    /// The engine, language and resolution (`Tesseract 5.3.0, eng, 300 dpi`).
    pub engine: String,
    /// The mean confidence of every word recognised (0 to 100).
    pub confidence: Option<Confidence>,
    /// Words recognised.
    pub words: u64,
    /// Each page read by OCR.
    pub pages: Vec<OcrPage>,
}

/// One page read by OCR.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OcrPage {
    /// 1-based page number.
    pub page: u32,
    /// Words recognised.
    pub words: u32,
    /// Their mean confidence (0 to 100); `None` when there were none.
    pub confidence: Option<Confidence>,
}

/// Everything found in one document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocResult {
    /// The document's path as given or found.
    pub path: String,
    /// The file's content hash (`blake3:` and 64 hex digits; see
    /// [`crate::fingerprint`]), `None` when it could not be read from disk.
    pub content_hash: Option<String>,
    /// The party.
    pub party: String,
    /// Election year, when known.
    pub year: Option<u16>,
    /// The election (`2017`, `1974-10`), when known.
    pub election: Option<String>,
    /// The party family the index gives, when it gives one.
    pub family: Option<String>,
    /// Country, when known.
    pub country: Option<String>,
    /// The language of its text, as the index gives it or as detected;
    /// `None` when neither says (too little text to tell).
    pub language: Option<DocumentLanguage>,
    /// How reading went.
    pub status: Status,
    /// The reason, when `status` is `error`.
    pub error: Option<String>,
    /// Number of pages.
    pub pages: u32,
    /// Pages with no text (all of them when `status` is `no_text_layer`).
    pub pages_without_text: Vec<u32>,
    /// Character codes whose text could not be recovered.
    pub unmapped_chars: u64,
    /// What went wrong on pages that were read anyway, where text may be
    /// missing (a damaged or undecodable content stream, the work limit).
    pub warnings: Vec<PageWarning>,
    /// Where its text came from.
    pub text_source: TextOrigin,
    /// What OCR read, when it read any page (even one it found no words on).
    pub ocr: Option<DocumentOcr>,
    /// Word, mention and ask counts.
    #[serde(flatten)]
    pub counts: Counts,
    /// Every mention, quoted.
    pub excerpts: Vec<Excerpt>,
    /// Every sentence that satisfies an ask, quoted.
    pub ask_excerpts: Vec<AskExcerpt>,
}

impl DocResult {
    /// Why the document's mentions are not counted, in words for a report
    /// (`None` when it was read).
    pub fn unread_reason(&self) -> Option<String> {
        match self.status {
            Status::Ok => None,
            Status::NoTextLayer => Some(format!(
                "no text layer on any of its {} pages (a scan: it needs OCR)",
                self.pages
            )),
            Status::Error => Some(self.error.clone().unwrap_or_else(|| "failed".into())),
            Status::NotMatched => Some(match self.language {
                Some(language) => format!(
                    "written in {} ({}, {}), a language the lexicon does not cover: not matched",
                    language.code.name(),
                    language.code.code(),
                    match language.source {
                        LanguageSource::Index => "as the index says",
                        LanguageSource::Detected => "detected",
                    }
                ),
                None => "in a language the lexicon does not cover: not matched".into(),
            }),
        }
    }

    /// How much of it OCR read, in words for a report (`None` when OCR read
    /// none of it): "30 of 30 pages read by OCR (Tesseract 5.3.0, eng, 300
    /// dpi), mean confidence 88%".
    pub fn ocr_description(&self) -> Option<String> {
        let ocr = self.ocr.as_ref()?;
        Some(format!(
            "{} of {} pages read by OCR ({}){}",
            ocr.pages_with_words(),
            self.pages,
            ocr.engine,
            ocr.confidence
                .map(|c| format!(", mean confidence {c}"))
                .unwrap_or_default()
        ))
    }

    /// A result for a document that could not be read (or a path that could
    /// not be used).
    pub fn failed(path: &Path, party: &str, message: String) -> DocResult {
        DocResult {
            path: path.display().to_string(),
            content_hash: None,
            party: party.to_string(),
            year: None,
            election: None,
            family: None,
            country: None,
            language: None,
            status: Status::Error,
            error: Some(message),
            pages: 0,
            pages_without_text: Vec::new(),
            unmapped_chars: 0,
            warnings: Vec::new(),
            text_source: TextOrigin::Layer,
            ocr: None,
            counts: Counts::default(),
            excerpts: Vec::new(),
            ask_excerpts: Vec::new(),
        }
    }
}

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
    /// What counts as a mention.
    pub instrument: Instrument<'a>,
    /// How documents are read.
    pub options: &'a ReadOptions,
    /// Where extracted text and results are kept between runs, if anywhere.
    pub cache: Option<&'a Cache>,
}

/// Reads and matches every input of the corpus on `jobs` threads (all cores
/// when `None`), handing each result to `sink` as soon as it is done, in no
/// particular order, so that nothing is kept per document here. Problems of
/// the corpus come to `sink` as failed results too.
pub fn scan(
    corpus: &Corpus,
    context: ScanContext<'_>,
    jobs: Option<usize>,
    progress: &(dyn Fn(Progress<'_>) + Sync),
    sink: &(dyn Fn(DocResult) + Sync),
) {
    for problem in &corpus.problems {
        sink(DocResult::failed(
            &problem.path,
            "",
            problem.message.clone(),
        ));
    }
    let work = || {
        map_largest_first(
            &corpus.inputs,
            |input| file_size(&input.path),
            |input| {
                progress(Progress::Started(&input.path));
                let result = scan_document(input, context);
                progress(Progress::Finished(&input.path));
                sink(result);
            },
        );
    };
    on_workers(
        jobs,
        parallel_items(corpus.inputs.len(), context.options),
        work,
    );
}

/// How many things can be worked on at once when reading `documents` with
/// `options`: the documents, or with OCR as many as there are workers,
/// since the pages of one scan are recognised in parallel.
pub fn parallel_items(documents: usize, options: &ReadOptions) -> usize {
    if options.ocr.is_some() {
        usize::MAX
    } else {
        documents
    }
}

/// Maps `f` over `items` on the current thread pool, largest item first,
/// and returns the results in the order of `items`.
///
/// Each worker takes the largest item not yet taken (greedy largest-first
/// scheduling): with files of very different sizes (a 300-page manifesto
/// beside a 4-page leaflet), a large file left for last would run alone
/// while the other cores idle. Rayon's own splitting of a slice hands out
/// halves by position, which cannot know that.
pub fn map_largest_first<T: Sync, R: Send>(
    items: &[T],
    size: impl Fn(&T) -> u64,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let sizes: Vec<u64> = items.iter().map(size).collect();
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(sizes[i]));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let workers = rayon::current_num_threads().clamp(1, items.len().max(1));
    let mut done: Vec<(usize, R)> = (0..workers)
        .into_par_iter()
        .with_max_len(1)
        .flat_map_iter(|_| {
            let mut mine = Vec::new();
            while let Some(&i) = order.get(next.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
            {
                mine.push((i, f(&items[i])));
            }
            mine
        })
        .collect();
    done.sort_unstable_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, result)| result).collect()
}

/// The size of a file in bytes, 0 when it cannot be read (it then fails
/// later with a proper message); only for scheduling.
pub fn file_size(path: &Path) -> u64 {
    std::fs::metadata(path).map_or(0, |m| m.len())
}

/// Runs `work` on a pool of as many threads as there are `items` to share
/// out, at most `jobs` (all cores when `None`), or on this thread if no pool
/// can be made. The stacks are large (address space, not memory) because
/// layout recurses over a page's blocks, and rayon's default 2 MB is less
/// than the 8 MB of a main thread.
///
/// Never more threads than items: a thread with nothing to do is not free
/// (an idle rayon worker spins a while before it sleeps, on a core another
/// process could use), which matters most to scripts that run `mashup
/// extract FILE` once per file.
pub fn on_workers<T: Send>(
    jobs: Option<usize>,
    items: usize,
    work: impl FnOnce() -> T + Send,
) -> T {
    match rayon::ThreadPoolBuilder::new()
        .num_threads(worker_count(jobs, items))
        .stack_size(64 << 20)
        .build()
    {
        Ok(pool) => pool.install(work),
        Err(_) => work(),
    }
}

/// `jobs` threads (all cores when `None`), but no more than `items`, and
/// at least one.
fn worker_count(jobs: Option<usize>, items: usize) -> usize {
    let wanted =
        jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from));
    wanted.min(items).max(1)
}

/// Reads and matches one document, through the cache when there is one.
/// Never panics outward.
pub fn scan_document(input: &Input, context: ScanContext<'_>) -> DocResult {
    let mut result = DocResult::failed(&input.path, &input.meta.party, String::new());
    result.year = input.meta.year;
    result.election = input.meta.election.clone();
    result.family = input.meta.family.clone();
    result.country = input.meta.country.clone();
    // The content hash: from the cache's stat entry when the file has not
    // changed since it was hashed (then the file is read only if its text
    // is needed), else from the bytes.
    // The file's metadata is read once, before its content: if the file
    // changes meanwhile, the next scan sees other metadata and hashes again.
    let stat = context.cache.and_then(|_| cache::stat_key(&input.path));
    let known = context
        .cache
        .zip(stat.as_deref())
        .and_then(|(cache, stat)| cache.known_hash(stat));
    let mut bytes = None;
    let hash = match known {
        Some(hash) => hash,
        None => match std::fs::read(&input.path) {
            Ok(read) => {
                let hash = fingerprint::content_hash(&read);
                if let (Some(cache), Some(stat)) = (context.cache, stat) {
                    cache.remember_hash(&stat, &hash);
                }
                bytes = Some(read);
                hash
            }
            Err(e) => {
                result.error = Some(ReadError::Io(e).to_string());
                return result;
            }
        },
    };
    let keys = context
        .cache
        .map(|cache| (cache, CacheKeys::new(&hash, input, context)));
    result.content_hash = Some(hash);
    if let Some((cache, keys)) = &keys {
        if let Some(cached) = cache.get::<DocResult>(cache::Kind::Results, &keys.results) {
            return DocResult {
                path: result.path,
                ..cached
            };
        }
    }
    let cached_text = keys
        .as_ref()
        .and_then(|(cache, keys)| cache.get::<ReadOutcome>(cache::Kind::Text, &keys.text));
    let read = match cached_text {
        Some(read) => read,
        None => {
            let bytes = match bytes.take() {
                Some(bytes) => bytes,
                None => match std::fs::read(&input.path) {
                    Ok(bytes) => bytes,
                    Err(e) => {
                        result.error = Some(ReadError::Io(e).to_string());
                        return result;
                    }
                },
            };
            let (read, lasting) = read_body(&bytes, input.kind, context.options);
            if let (Some((cache, keys)), true) = (&keys, lasting) {
                cache.put(cache::Kind::Text, &keys.text, &read);
            }
            read
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
    let lexicon_language = context.instrument.lexicon.language();
    if let (Some(covered), Some(language)) = (lexicon_language, result.language) {
        if language.code != covered {
            result.status = Status::NotMatched;
            result.error = None;
            result.counts.words = body.pages.iter().map(|p| count_words(&p.body) as u64).sum();
            return remember(result, &keys);
        }
    }
    match catch_unwind(AssertUnwindSafe(|| {
        match_document(&body, context.instrument, &mut result)
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
            let mut body = BodyText::of(&doc, kind);
            if let (Some(ocr), Some(_)) = (&options.ocr, body.ocr_summary()) {
                body.ocr_engine = Some(ocr.describe());
            }
            // A page OCR could not read (Tesseract stopped, say) is tried
            // again next time rather than remembered without its text.
            let lasting = !doc
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
    fn new(content_hash: &str, input: &Input, context: ScanContext<'_>) -> CacheKeys {
        let build = fingerprint::build_id();
        let options = format!("{:?}", context.options);
        let kind = format!("{:?}", input.kind);
        let text = fingerprint::key_of(&[
            content_hash.as_bytes(),
            build.as_bytes(),
            options.as_bytes(),
            kind.as_bytes(),
        ]);
        let meta = serde_json::to_string(&input.meta).unwrap_or_default();
        let results = fingerprint::key_of(&[
            text.as_bytes(),
            context.instrument.lexicon.hash().as_bytes(),
            meta.as_bytes(),
        ]);
        CacheKeys { text, results }
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

fn match_document(doc: &BodyText, instrument: Instrument<'_>, result: &mut DocResult) {
    let Instrument { lexicon, matcher } = instrument;
    // One reader per document: a "We will:" list may run over a page break,
    // and the party's own name counts as a pledge's subject.
    let mut pledges =
        PledgeReader::for_party_in(&result.party, doc.pages.iter().map(|p| p.body.as_str()));
    for page in &doc.pages {
        let body = &page.body;
        result.counts.words += count_words(body) as u64;
        let sentences = sentence_ranges(body);
        let (mentions, asks) = matcher.scan(body, &sentences);
        // Only sentences with a mention or an ask are judged; the reader
        // still passes over every other one in order, for the lists they
        // may open or close (cheap: only a sentence with a colon, or one
        // read while a list is open, needs a closer look).
        let mut wanted = vec![false; sentences.len()];
        for hit in &mentions {
            if let (Some(i), _) = sentence_of(&sentences, hit.start..hit.end, body.len()) {
                wanted[i] = true;
            }
        }
        for ask_hit in &asks {
            if let Some(w) = wanted.get_mut(ask_hit.sentence) {
                *w = true;
            }
        }
        let judged: Vec<_> = sentences
            .iter()
            .zip(&wanted)
            .map(|(s, &wanted)| {
                let before = body.get(..s.start).unwrap_or("").trim_end_matches(' ');
                let starts_block = before.is_empty() || before.ends_with('\n');
                let sentence = body.get(s.clone()).unwrap_or("");
                if wanted {
                    pledges.sentence(sentence, starts_block)
                } else {
                    pledges.pass(sentence, starts_block);
                    None
                }
            })
            .collect();
        let pledge_of = |i: usize| judged.get(i).copied().flatten();
        // The page's policies: each sentence with a mention, whether it is a
        // pledge, and the categories mentioned in it. A hit outside every
        // sentence (segmentation missed it) is a policy of its own.
        let mut policies: BTreeMap<(Option<usize>, usize), (bool, BTreeSet<String>)> =
            BTreeMap::new();
        for (n, hit) in mentions.into_iter().enumerate() {
            // A term may be in several categories: the match counts in each (rule 7).
            let categories: Vec<String> = matcher
                .hit_categories(&hit)
                .map(|c| lexicon.categories()[c.index()].id.clone())
                .collect();
            let term = matcher.term_text(hit.term);
            let (index, sentence) = sentence_of(&sentences, hit.start..hit.end, body.len());
            let pledge = index.and_then(pledge_of);
            let key = (index, if index.is_some() { 0 } else { n });
            let policy = policies.entry(key).or_default();
            policy.0 |= pledge.is_some();
            policy.1.extend(categories.iter().cloned());
            result.counts.mentions += 1;
            *result.counts.by_term.entry(term.to_string()).or_default() += 1;
            if pledge.is_some() {
                result.counts.pledges += 1;
            }
            for category in &categories {
                *result
                    .counts
                    .by_category
                    .entry(category.clone())
                    .or_default() += 1;
                if pledge.is_some() {
                    *result
                        .counts
                        .pledges_by_category
                        .entry(category.clone())
                        .or_default() += 1;
                }
            }
            result.excerpts.push(Excerpt {
                page: page.number,
                sentence: index.unwrap_or(0) as u32,
                categories,
                term: term.to_string(),
                matched: body.get(hit.start..hit.end).unwrap_or("").to_string(),
                text: excerpt(body, sentence, hit.start..hit.end),
                pledge: pledge.is_some(),
                stance: pledge.and_then(|p| p.stance),
            });
        }
        for (pledged, categories) in policies.into_values() {
            let counts = &mut result.counts;
            counts.policies += 1;
            counts.pledged_policies += u64::from(pledged);
            for category in categories {
                if pledged {
                    *counts
                        .pledged_policies_by_category
                        .entry(category.clone())
                        .or_default() += 1;
                }
                *counts.policies_by_category.entry(category).or_default() += 1;
            }
        }
        for ask_hit in asks {
            let ask = &lexicon.asks()[ask_hit.ask.index()].id;
            let pledge = pledge_of(ask_hit.sentence);
            *result.counts.asks.entry(ask.clone()).or_default() += 1;
            if pledge.is_some() {
                *result.counts.ask_pledges.entry(ask.clone()).or_default() += 1;
            }
            let sentence = sentences.get(ask_hit.sentence).cloned().unwrap_or(0..0);
            result.ask_excerpts.push(AskExcerpt {
                page: page.number,
                sentence: ask_hit.sentence as u32,
                ask: ask.clone(),
                text: excerpt(body, sentence.clone(), sentence),
                pledge: pledge.is_some(),
                stance: pledge.and_then(|p| p.stance),
            });
        }
    }
}

/// The index and range of the sentence holding the hit (no index, and the
/// whole text, if segmentation missed it).
fn sentence_of(
    sentences: &[Range<usize>],
    hit: Range<usize>,
    len: usize,
) -> (Option<usize>, Range<usize>) {
    let i = sentences.partition_point(|s| s.end <= hit.start);
    match sentences.get(i) {
        Some(s) if s.start <= hit.start => (Some(i), s.start..s.end.max(hit.end)),
        _ => (None, 0..len),
    }
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

    #[test]
    fn no_more_workers_than_items() {
        assert_eq!(worker_count(Some(4), 1), 1);
        assert_eq!(worker_count(Some(4), 10), 4);
        assert_eq!(worker_count(Some(2), 0), 1);
        assert_eq!(worker_count(None, 1), 1);
        assert!(worker_count(None, 1000) >= 1);
        let threads = on_workers(Some(8), 1, rayon::current_num_threads);
        assert_eq!(threads, 1);
    }

    /// Every item is mapped once, the largest are started first, and the
    /// results come back in the order of the items, on one thread or many.
    #[test]
    fn largest_first_keeps_input_order() {
        let items: Vec<u64> = (0..200).map(|i| (i * 7919) % 101).collect();
        for jobs in [1, 2, 5] {
            let started = std::sync::Mutex::new(Vec::new());
            let results = on_workers(Some(jobs), items.len(), || {
                map_largest_first(
                    &items,
                    |&v| v,
                    |&v| {
                        started.lock().unwrap().push(v);
                        v * 2
                    },
                )
            });
            assert_eq!(results, items.iter().map(|v| v * 2).collect::<Vec<_>>());
            let started = started.into_inner().unwrap();
            assert_eq!(started.len(), items.len());
            if jobs == 1 {
                assert!(started.windows(2).all(|w| w[0] >= w[1]), "{started:?}");
            }
        }
        assert!(map_largest_first(&[] as &[u64], |&v| v, |&v| v).is_empty());
    }

    #[test]
    fn counts_add_up() {
        let a = Counts {
            words: 10,
            mentions: 2,
            by_category: [("x".to_string(), 2)].into(),
            ..Counts::default()
        };
        let b = Counts {
            words: 5,
            mentions: 1,
            by_category: [("x".to_string(), 1), ("y".to_string(), 4)].into(),
            ..Counts::default()
        };
        let mut a = Counts {
            policies: 2,
            policies_by_category: [("x".to_string(), 2)].into(),
            ..a
        };
        let b = Counts {
            policies: 3,
            pledged_policies: 1,
            ..b
        };
        a += &b;
        assert_eq!((a.policies, a.pledged_policies), (5, 1));
        assert_eq!(a.words, 15);
        assert_eq!(a.mentions, 3);
        assert_eq!(
            a.by_category,
            [("x".to_string(), 3), ("y".to_string(), 4)].into()
        );
    }

    #[test]
    fn a_sentence_with_several_mentions_is_one_policy() {
        let lexicon = Lexicon::parse(
            "[lexicon]\nname = \"t\"\nversion = \"1\"\n\
             [[category]]\nid = \"coops\"\nlabel = \"Co-ops\"\nterms = [\"co-operative*\", \"mutuals\"]\n\
             [[category]]\nid = \"eo\"\nlabel = \"EO\"\nterms = [\"employee ownership\"]\n",
            "t.toml",
        )
        .unwrap();
        let matcher = Matcher::new(&lexicon).unwrap();
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
        let instrument = Instrument {
            lexicon: &lexicon,
            matcher: &matcher,
        };
        let options = ReadOptions::default();
        let context = ScanContext {
            instrument,
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
            let matcher = Matcher::new(lexicon).unwrap();
            let context = ScanContext {
                instrument: Instrument {
                    lexicon,
                    matcher: &matcher,
                },
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

    #[test]
    fn hit_finds_its_sentence() {
        let sentences = vec![0..10, 11..30];
        assert_eq!(sentence_of(&sentences, 15..20, 30), (Some(1), 11..30));
        assert_eq!(sentence_of(&sentences, 40..45, 50), (None, 0..50));
    }
}
