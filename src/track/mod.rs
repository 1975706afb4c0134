//! `track`: following the asks into what government and Parliament publish
//! after an election.
//!
//! Documents are read as `scan` reads them ([`crate::read`]: PDFs, text,
//! legislation and Hansard XML, GOV.UK content JSON, HTML, DOCX, ODT), each
//! sentence is tested against the lexicon's asks with the same rules as a
//! scan, and every sentence that meets an ask becomes [`Evidence`]: quoted,
//! placed ([`Locator`]), dated by its document and given a suggested
//! [`Stage`] with the reason. Per ask, the evidence the campaigner has not
//! rejected makes a dated timeline and the furthest stage reached
//! ([`AskStatus`]), beside the parties that pledged it in their manifestos
//! and the campaigner's own verdict ([`decisions`]).
//!
//! A run is a pure function of its inputs: the "now" that decides whether an
//! ask has stalled is the newest date among the documents read, never the
//! clock, so the same documents give the same answer on any day.
//!
//! The JSON form of a [`Tracking`] is documented in `docs/track.schema.json`
//! and versioned by [`SCHEMA_VERSION`].

pub mod decisions;
pub mod render;
pub mod sources;
pub mod spreadsheet;
pub mod stage;

use crate::cache::Cache;
use crate::corpus::{Corpus, Input};
use crate::fingerprint;
use crate::lexicon::Lexicon;
use crate::matcher::Matcher;
use crate::pipeline::{map_inputs, read_document_cached, Progress};
use crate::read::{BodyText, DateRole, DocDate, DocKind, Locator, ReadOptions};
use crate::report::{Generator, Report};
use crate::text::{count_words, excerpt, sentence_ranges};
use decisions::{Decision, Decisions, Verdict};
use serde::{Deserialize, Serialize};
use sources::Sources;
use stage::{DocumentFacts, Stage};
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::PathBuf;

/// The version of the JSON a [`Tracking`] is written as; raised whenever
/// its shape changes.
pub const SCHEMA_VERSION: u32 = 1;

/// Months without new evidence after which an ask is stalled, unless the
/// user says otherwise.
pub const DEFAULT_STALLED_AFTER_MONTHS: u32 = 12;

/// Everything a run found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tracking {
    /// See [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The program that wrote it.
    pub generator: Generator,
    /// The lexicon whose asks were followed.
    pub lexicon: TrackLexicon,
    /// The newest date that dates a document (see [`TrackedDocument::date`]):
    /// the "now" of the run.
    pub reference_date: Option<String>,
    /// An ask is stalled when its latest evidence is this many months or
    /// more older than `reference_date`.
    pub stalled_after_months: u32,
    /// Every document, sorted by path.
    pub documents: Vec<TrackedDocument>,
    /// Every sentence that meets an ask, by ask (lexicon order), then date.
    pub evidence: Vec<Evidence>,
    /// Every ask of the lexicon, in lexicon order.
    pub asks: Vec<AskStatus>,
    /// What the user should know though nothing was lost (decision and
    /// sources rows that could not be used, documents read with a warning).
    pub warnings: Vec<String>,
}

impl Tracking {
    /// The piece of evidence with this id.
    pub fn evidence_by_id(&self, id: &str) -> Option<&Evidence> {
        self.evidence.iter().find(|e| e.id == id)
    }

    /// Documents read (with or without a warning) and documents that could
    /// not be, for the headline of every rendering.
    pub fn read_and_failed(&self) -> (usize, usize) {
        let failed = self
            .documents
            .iter()
            .filter(|d| d.status == DocStatus::Error)
            .count();
        (self.documents.len() - failed, failed)
    }
}

/// The lexicon a run used.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrackLexicon {
    /// Its name.
    pub name: String,
    /// Its version.
    pub version: String,
    /// The content hash of its source.
    pub hash: String,
}

/// How reading a document went.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocStatus {
    /// Read.
    Ok,
    /// Read, with something the user should know (no body text: a
    /// metadata-only record).
    Warning,
    /// Could not be read; `message` says why.
    Error,
}

/// One document of a run.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrackedDocument {
    /// Its path as given or found.
    pub path: String,
    /// Its content hash (`blake3:...`); `None` when it could not be read.
    pub content_hash: Option<String>,
    /// Its title, as the document or the sources file gives it.
    pub title: Option<String>,
    /// Its kind, as the document or the sources file gives it.
    pub kind: Option<DocKind>,
    /// Departments or organisations that published it.
    pub departments: Vec<String>,
    /// A web address for it.
    pub url: Option<String>,
    /// Its number or reference (`2003 asp 2`).
    pub number: Option<String>,
    /// The date that dates its evidence; `None` for an undated document.
    pub date: Option<String>,
    /// What that date is.
    pub date_role: Option<DateRole>,
    /// Every date it states.
    pub dates: Vec<DocDate>,
    /// How reading it went.
    pub status: DocStatus,
    /// Why it could not be read, or what its warning is.
    pub message: Option<String>,
    /// Sections (pages of a PDF or text file) read.
    pub sections: u32,
    /// Words of text read.
    pub words: u64,
    /// Evidence found in it.
    pub evidence: u32,
}

/// A sentence that meets an ask.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// Stable across runs: the same document content, place, ask and
    /// occurrence give the same id (`ev-` and 12 hex digits).
    pub id: String,
    /// The ask's id.
    pub ask: String,
    /// The document's path.
    pub path: String,
    /// The document's title, when known.
    pub title: Option<String>,
    /// Where in the document.
    pub locator: Locator,
    /// The locator in words (`section-6 (6)`, `page 12`).
    pub place: String,
    /// A link to the place, or to the document, when it has an address.
    pub url: Option<String>,
    /// The document's date.
    pub date: Option<String>,
    /// The document's kind.
    pub kind: Option<DocKind>,
    /// The sentence.
    pub quote: String,
    /// The suggested stage.
    pub stage: Stage,
    /// Why that stage.
    pub reason: String,
    /// Not in any decisions file given: found since the campaigner last
    /// looked (every piece is new when no decisions file is given).
    pub new: bool,
    /// The campaigner's decision, when made.
    pub decision: Option<Decision>,
    /// The campaigner's note on it.
    pub note: String,
}

impl Evidence {
    /// Whether it counts towards its ask: everything not rejected.
    pub fn counts(&self) -> bool {
        self.decision != Some(Decision::Rejected)
    }
}

/// Where an ask stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AskStatus {
    /// The ask's id.
    pub id: String,
    /// The ask in words.
    pub label: String,
    /// The furthest stage its counted evidence reaches; `None` without any.
    pub stage: Option<Stage>,
    /// The date of the evidence that set the stage (the earliest at it).
    pub date: Option<String>,
    /// The id of that evidence.
    pub evidence: Option<String>,
    /// A link to that evidence's document, when it has one.
    pub url: Option<String>,
    /// The counted evidence in date order (undated last): the timeline.
    pub timeline: Vec<String>,
    /// The date of the latest counted evidence.
    pub latest: Option<String>,
    /// Evidence the campaigner rejected.
    pub rejected: u32,
    /// The parties that pledged it, from the manifestos report given.
    pub parties: Vec<PartyPledge>,
    /// The campaigner's verdict.
    pub verdict: Verdict,
    /// The campaigner's note.
    pub note: String,
    /// No new evidence for `stalled_after_months` or more before the
    /// reference date.
    pub stalled: bool,
}

/// A party that put an ask in its manifesto.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartyPledge {
    /// The party.
    pub party: String,
    /// The election.
    pub election: Option<String>,
    /// Whether the sentence is a pledge (not only a mention).
    pub pledge: bool,
    /// The party's best sentence for the ask.
    pub quote: String,
    /// The manifesto it is from.
    pub document: String,
}

/// What a run reads with and against.
pub struct TrackOptions<'a> {
    /// The lexicon whose asks are followed.
    pub lexicon: &'a Lexicon,
    /// Its compiled matcher.
    pub matcher: &'a Matcher,
    /// How documents are read.
    pub read: &'a ReadOptions,
    /// Where extracted text is kept between runs (shared with `scan`).
    pub cache: Option<&'a Cache>,
    /// Threads (all cores when `None`).
    pub jobs: Option<usize>,
    /// The campaigner's sources file.
    pub sources: &'a Sources,
    /// The campaigner's decisions; `None` when no decisions file was given.
    pub decisions: Option<&'a Decisions>,
    /// A saved manifesto scan: who pledged what.
    pub manifestos: Option<&'a Report>,
    /// Months without evidence after which an ask is stalled.
    pub stalled_after_months: u32,
}

/// A document's sentences that meet asks, before the run's reference date
/// (and so legislation's being in force) is known.
struct Found {
    document: TrackedDocument,
    sentences: Vec<FoundSentence>,
}

struct FoundSentence {
    ask: usize,
    locator: Locator,
    occurrence: u32,
    quote: String,
    section: u32,
    sentence: u32,
}

/// Reads every document of `corpus` and follows every ask into them.
pub fn track(
    corpus: &Corpus,
    options: &TrackOptions<'_>,
    progress: &(dyn Fn(Progress<'_>) + Sync),
) -> Tracking {
    let mut found = map_inputs(
        &corpus.inputs,
        options.jobs,
        corpus.inputs.len(),
        progress,
        |input| read_one(input, options),
    );
    for problem in &corpus.problems {
        found.push(Found {
            document: failed_document(problem.path.display().to_string(), &problem.message),
            sentences: Vec::new(),
        });
    }
    found.sort_by(|a, b| a.document.path.cmp(&b.document.path));
    assemble(found, options, corpus)
}

fn failed_document(path: String, message: &str) -> TrackedDocument {
    TrackedDocument {
        path,
        content_hash: None,
        title: None,
        kind: None,
        departments: Vec::new(),
        url: None,
        number: None,
        date: None,
        date_role: None,
        dates: Vec::new(),
        status: DocStatus::Error,
        message: Some(message.to_string()),
        sections: 0,
        words: 0,
        evidence: 0,
    }
}

/// The roles that date a document's evidence, best first: what happened to
/// it (enacted, made, the sitting), then when it was published, and only
/// then when its file was made and last touched.
const DATING_ROLES: [DateRole; 9] = [
    DateRole::Given,
    DateRole::Enacted,
    DateRole::Made,
    DateRole::Sitting,
    DateRole::Published,
    DateRole::Laid,
    DateRole::Valid,
    DateRole::Created,
    DateRole::Updated,
];

/// The date that dates a document, and what it is.
fn dating(dates: &[DocDate]) -> Option<(String, DateRole)> {
    DATING_ROLES.iter().find_map(|role| {
        dates
            .iter()
            .filter(|d| d.role == *role)
            .map(|d| d.date.clone())
            .min()
            .map(|date| (date, *role))
    })
}

fn read_one(input: &Input, options: &TrackOptions<'_>) -> Found {
    let path = input.path.display().to_string();
    let read = read_document_cached(input, options.read, options.cache);
    let body = match read.body {
        Ok(body) => body,
        Err(message) => {
            let mut document = failed_document(path, &message);
            document.content_hash = read.content_hash;
            return Found {
                document,
                sentences: Vec::new(),
            };
        }
    };
    let mut document = describe(&path, input, &body, options.sources);
    document.content_hash = read.content_hash;
    let mut sentences = Vec::new();
    let mut occurrences: BTreeMap<(usize, usize), u32> = BTreeMap::new();
    let mut quoted: BTreeSet<(usize, String)> = BTreeSet::new();
    for (index, page) in body.pages.iter().enumerate() {
        document.words += count_words(&page.body) as u64;
        let ranges = sentence_ranges(&page.body);
        let (mentions, asks) = options.matcher.scan(&page.body, &ranges);
        let categories: BTreeSet<&str> = mentions
            .iter()
            .flat_map(|m| options.matcher.hit_categories(m))
            .filter_map(|c| options.lexicon.categories().get(c.index()))
            .map(|c| c.id.as_str())
            .collect();
        for hit in asks {
            let ask = hit.ask.index();
            if !in_view(&options.lexicon.asks()[ask], &categories) {
                continue;
            }
            let range = ranges.get(hit.sentence).cloned().unwrap_or(0..0);
            let quote = excerpt(&page.body, range.clone(), range);
            // The same sentence twice in a document (a GOV.UK summary that
            // repeats the body's first line) is one piece of evidence.
            let key = quote.trim_end_matches(['.', ' ']).to_string();
            if !quoted.insert((ask, key)) {
                continue;
            }
            let occurrence = occurrences.entry((index, ask)).or_default();
            sentences.push(FoundSentence {
                ask,
                locator: locator_of(&body, index),
                occurrence: *occurrence,
                quote,
                section: index as u32,
                sentence: hit.sentence as u32,
            });
            *occurrence += 1;
        }
    }
    document.evidence = sentences.len() as u32;
    Found {
        document,
        sentences,
    }
}

/// Whether a sentence meeting `ask` is evidence, given the categories
/// mentioned in its section (`mentioned`: a provision, a speech, the text
/// under a heading, a page).
///
/// Government documents use the everyday words asks are written in
/// (contracts, land, housing, energy) far more often in other senses than
/// manifestos do: a bill's "revenue certainty contracts to be published" is
/// no step towards transparent public contracts. So an ask with a category
/// counts only where its section speaks of that category by one of the
/// category's own terms; the sentence that names "social enterprise" while
/// asking for support passes, the NHS's "unused land" does not.
fn in_view(ask: &crate::lexicon::Ask, mentioned: &BTreeSet<&str>) -> bool {
    ask.category
        .as_deref()
        .is_none_or(|category| mentioned.contains(category))
}

/// Where page `index` of a document is: its section's locator, or (a PDF
/// without metadata, a text file) its page.
fn locator_of(body: &BodyText, index: usize) -> Locator {
    body.structure
        .as_ref()
        .and_then(|s| s.locators.get(index).cloned())
        .unwrap_or_else(|| Locator::Page {
            number: body.pages.get(index).map_or(index as u32 + 1, |p| p.number),
        })
}

/// The document's record: what it says of itself, with the sources file's
/// row over it.
fn describe(path: &str, input: &Input, body: &BodyText, sources: &Sources) -> TrackedDocument {
    let (meta, notes) = body
        .structure
        .as_deref()
        .map(|s| (s.meta.clone(), s.notes.clone()))
        .unwrap_or_default();
    let mut document = TrackedDocument {
        path: path.to_string(),
        content_hash: None,
        title: meta.title,
        kind: meta.kind,
        departments: meta.departments,
        url: meta.url,
        number: meta.number,
        date: None,
        date_role: None,
        dates: meta.dates,
        status: if notes.is_empty() {
            DocStatus::Ok
        } else {
            DocStatus::Warning
        },
        message: (!notes.is_empty()).then(|| notes.join("; ")),
        sections: body.pages.len() as u32,
        words: 0,
        evidence: 0,
    };
    if let Some(source) = sources.of(&input.path) {
        if source.title.is_some() {
            document.title.clone_from(&source.title);
        }
        if source.kind.is_some() {
            document.kind = source.kind;
        }
        if source.url.is_some() {
            document.url.clone_from(&source.url);
        }
        if let Some(d) = &source.department {
            if !document.departments.contains(d) {
                document.departments.insert(0, d.clone());
            }
        }
        if let Some(date) = &source.date {
            document.dates.push(DocDate {
                date: date.clone(),
                role: DateRole::Given,
            });
        }
    }
    if let Some((date, role)) = dating(&document.dates) {
        document.date = Some(date);
        document.date_role = Some(role);
    }
    document
}

/// The id of a piece of evidence: a hash of what it depends on, so that a
/// re-run over the same document finds the same id for the same sentence.
pub fn evidence_id(content_hash: &str, locator: &Locator, ask: &str, occurrence: u32) -> String {
    let locator = serde_json::to_string(locator).unwrap_or_default();
    let key = fingerprint::key_of(&[
        content_hash.as_bytes(),
        locator.as_bytes(),
        ask.as_bytes(),
        occurrence.to_string().as_bytes(),
    ]);
    format!("ev-{}", key.get(..12).unwrap_or(&key))
}

/// A link to a place in a document: a legislation provision's own address,
/// a heading's anchor, else the document's address.
fn link_to(url: Option<&str>, locator: &Locator) -> Option<String> {
    let url = url?;
    Some(match locator {
        // legislation.gov.uk serves each provision at the document's address
        // followed by its id's parts: `section-6-2` is `/section/6/2`.
        Locator::Provision { id, .. }
            if url.contains("legislation.gov.uk")
                && id.contains('-')
                && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') =>
        {
            format!("{}/{}", url.trim_end_matches('/'), id.replace('-', "/"))
        }
        Locator::Heading {
            anchor: Some(anchor),
            ..
        } if !url.contains('#') => format!("{url}#{anchor}"),
        _ => url.to_string(),
    })
}

/// Full months from `from` to `to` (ISO dates, partial ones taken at their
/// start), negative when `to` is earlier.
pub fn months_between(from: &str, to: &str) -> i64 {
    let parts = |d: &str| -> (i64, i64, i64) {
        let mut it = d.split('-').map(|p| p.parse::<i64>().unwrap_or(1));
        (
            it.next().unwrap_or(0),
            it.next().unwrap_or(1),
            it.next().unwrap_or(1),
        )
    };
    let (fy, fm, fd) = parts(from);
    let (ty, tm, td) = parts(to);
    let months = (ty - fy) * 12 + (tm - fm);
    if td < fd {
        months - 1
    } else {
        months
    }
}

/// Sort key of an optional date: dated first, oldest first.
fn date_key(date: &Option<String>) -> (bool, String) {
    (date.is_none(), date.clone().unwrap_or_default())
}

fn assemble(found: Vec<Found>, options: &TrackOptions<'_>, corpus: &Corpus) -> Tracking {
    let lexicon = options.lexicon;
    let asks = lexicon.asks();
    // The newest date a document is dated by, not any date it states: a
    // consultation's closing date or a coming-into-force date may lie ahead.
    let reference_date = found.iter().filter_map(|f| f.document.date.clone()).max();
    let mut warnings: Vec<String> = Vec::new();
    warnings.extend(corpus.warnings.iter().map(|w| w.to_string()));
    warnings.extend(options.sources.warnings.iter().cloned());
    if !options.sources.is_empty() {
        let read_paths: Vec<PathBuf> = corpus
            .inputs
            .iter()
            .map(|i| std::fs::canonicalize(&i.path).unwrap_or_else(|_| i.path.clone()))
            .collect();
        warnings.extend(options.sources.unused(&read_paths));
    }
    let mut evidence = Vec::new();
    let mut documents = Vec::with_capacity(found.len());
    for f in found {
        if let (DocStatus::Warning, Some(message)) = (f.document.status, &f.document.message) {
            warnings.push(format!("{}: {message}", f.document.path));
        }
        let in_force = reference_date.as_deref().is_some_and(|now| {
            f.document
                .dates
                .iter()
                .any(|d| d.role == DateRole::InForce && d.date.as_str() <= now)
        });
        let facts = DocumentFacts {
            kind: f.document.kind,
            in_force,
        };
        let hash = f.document.content_hash.clone().unwrap_or_default();
        for s in f.sentences {
            let ask = &asks[s.ask];
            let suggestion = stage::suggest(facts, &s.quote);
            let id = evidence_id(&hash, &s.locator, &ask.id, s.occurrence);
            let decided = options.decisions.and_then(|d| d.evidence.get(&id));
            evidence.push((
                (
                    s.ask,
                    date_key(&f.document.date),
                    f.document.path.clone(),
                    s.section,
                    s.sentence,
                ),
                Evidence {
                    id,
                    ask: ask.id.clone(),
                    path: f.document.path.clone(),
                    title: f.document.title.clone(),
                    place: s.locator.to_string(),
                    url: link_to(f.document.url.as_deref(), &s.locator),
                    locator: s.locator,
                    date: f.document.date.clone(),
                    kind: f.document.kind,
                    quote: s.quote,
                    stage: suggestion.stage,
                    reason: suggestion.reason,
                    new: options.decisions.is_none() || decided.is_none(),
                    decision: decided.and_then(|(d, _)| d.decision),
                    note: decided.map(|(d, _)| d.note.clone()).unwrap_or_default(),
                },
            ));
        }
        documents.push(f.document);
    }
    evidence.sort_by(|a, b| a.0.cmp(&b.0));
    let evidence: Vec<Evidence> = evidence.into_iter().map(|(_, e)| e).collect();
    if let Some(decisions) = options.decisions {
        warnings.extend(decisions.warnings.iter().cloned());
        let found: HashSet<&str> = evidence.iter().map(|e| e.id.as_str()).collect();
        for (id, (_, place)) in &decisions.evidence {
            if !found.contains(id.as_str()) {
                warnings.push(format!(
                    "{place}: no evidence has id `{id}` in this run (its document was not read, or has changed)"
                ));
            }
        }
        for (id, (_, place)) in &decisions.asks {
            if !asks.iter().any(|a| &a.id == id) {
                warnings.push(format!("{place}: no ask or evidence has id `{id}`"));
            }
        }
    }
    let statuses = asks
        .iter()
        .map(|ask| ask_status(ask, &evidence, options, reference_date.as_deref()))
        .collect();
    Tracking {
        schema_version: SCHEMA_VERSION,
        generator: Generator::this_program(),
        lexicon: TrackLexicon {
            name: lexicon.name().to_string(),
            version: lexicon.version().to_string(),
            hash: lexicon.hash().to_string(),
        },
        reference_date,
        stalled_after_months: options.stalled_after_months,
        documents,
        evidence,
        asks: statuses,
        warnings,
    }
}

fn ask_status(
    ask: &crate::lexicon::Ask,
    evidence: &[Evidence],
    options: &TrackOptions<'_>,
    reference_date: Option<&str>,
) -> AskStatus {
    let mine: Vec<&Evidence> = evidence.iter().filter(|e| e.ask == ask.id).collect();
    let counted: Vec<&Evidence> = mine.iter().copied().filter(|e| e.counts()).collect();
    // `evidence` is in date order within an ask, so the first at the top
    // stage is the earliest that reached it.
    let stage = counted.iter().map(|e| e.stage).max();
    let setter = stage.and_then(|s| counted.iter().find(|e| e.stage == s));
    let latest = counted.iter().filter_map(|e| e.date.clone()).max();
    let stalled = match (&latest, reference_date) {
        (Some(latest), Some(now)) => {
            months_between(latest, now) >= i64::from(options.stalled_after_months)
        }
        _ => false,
    };
    let decided = options.decisions.and_then(|d| d.asks.get(&ask.id));
    AskStatus {
        id: ask.id.clone(),
        label: ask.label.clone(),
        stage,
        date: setter.and_then(|e| e.date.clone()),
        evidence: setter.map(|e| e.id.clone()),
        url: setter.and_then(|e| e.url.clone()),
        timeline: counted.iter().map(|e| e.id.clone()).collect(),
        latest,
        rejected: (mine.len() - counted.len()) as u32,
        parties: options
            .manifestos
            .map(|report| pledges_of(report, &ask.id))
            .unwrap_or_default(),
        verdict: decided.map(|(d, _)| d.verdict).unwrap_or_default(),
        note: decided.map(|(d, _)| d.note.clone()).unwrap_or_default(),
        stalled,
    }
}

/// The parties whose manifestos meet `ask`, with their best sentence for it.
fn pledges_of(report: &Report, ask: &str) -> Vec<PartyPledge> {
    report
        .mashup
        .asks
        .iter()
        .filter(|theme| theme.id == ask)
        .flat_map(|theme| &theme.parties)
        .filter_map(|p| {
            let quote = p.quote.as_ref()?;
            Some(PartyPledge {
                party: p.party.clone(),
                election: p.election.clone(),
                pledge: quote.pledge,
                quote: quote.text.clone(),
                document: quote.document.clone(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_count_whole_months() {
        assert_eq!(months_between("2015-05-07", "2016-05-07"), 12);
        assert_eq!(months_between("2015-05-07", "2016-05-06"), 11);
        assert_eq!(months_between("2015", "2016-01-01"), 12);
        assert_eq!(months_between("2016-01-01", "2015-01-01"), -12);
    }

    #[test]
    fn documents_are_dated_by_what_happened_to_them() {
        let d = |date: &str, role| DocDate {
            date: date.into(),
            role,
        };
        let dates = [
            d("2020-01-01", DateRole::Updated),
            d("2003-02-25", DateRole::Enacted),
        ];
        assert_eq!(
            dating(&dates),
            Some(("2003-02-25".into(), DateRole::Enacted))
        );
        assert_eq!(dating(&[]), None);
    }

    #[test]
    fn evidence_ids_are_stable_and_distinct() {
        let loc = Locator::Page { number: 3 };
        let a = evidence_id("blake3:aa", &loc, "x", 0);
        assert_eq!(a, evidence_id("blake3:aa", &loc, "x", 0));
        assert!(decisions::is_evidence_id(&a), "{a}");
        assert_ne!(a, evidence_id("blake3:aa", &loc, "x", 1));
        assert_ne!(a, evidence_id("blake3:aa", &loc, "y", 0));
        assert_ne!(a, evidence_id("blake3:ab", &loc, "x", 0));
    }

    #[test]
    fn links_go_to_the_provision() {
        let p = Locator::Provision {
            id: "section-6-2".into(),
            number: None,
        };
        assert_eq!(
            link_to(Some("http://www.legislation.gov.uk/id/ukpga/1985/67"), &p).as_deref(),
            Some("http://www.legislation.gov.uk/id/ukpga/1985/67/section/6/2")
        );
        let h = Locator::Heading {
            text: "T".into(),
            anchor: Some("t".into()),
        };
        assert_eq!(
            link_to(Some("https://www.gov.uk/x"), &h).as_deref(),
            Some("https://www.gov.uk/x#t")
        );
        assert_eq!(link_to(None, &h), None);
    }
}

#[cfg(test)]
mod shared_tests;
