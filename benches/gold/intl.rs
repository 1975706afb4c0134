//! The blind gold on manifestos from outside the UK (`benches/gold/intl/`), one file per
//! PDF of `../shared/manifestos-intl/`.
//!
//! Those PDFs have no hand-corrected text, so a gold file names the sentences `mashup scan`
//! reads from the PDF itself: its index through the document and the short SHA-1 of the
//! sentence with its whitespace collapsed, as `cargo run --example sentences -- FILE` lists
//! them for the annotator. A marked sentence is found again by index and hash, else by hash
//! alone (an extraction change that moved it); one whose hash is no longer in the text is
//! counted as lost and printed, never scored silently, unless it is a heading (headings are
//! left out of the matched text).
//!
//! Glyphs a text layer gives no Unicode for are keyed as they read without OCR (U+FFFD),
//! so that a machine without Tesseract finds the same rows; where Tesseract is installed
//! the sentences are scored as `mashup scan` reads them, with those glyphs recovered
//! (`ocr::recover`), so the gold measures what a user gets.
//!
//! Each sentence then becomes one line of a [`GoldDoc`], scored by [`score::score`] line by
//! line, so recall and precision mean what they mean on the UK gold.
#![allow(dead_code)]

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use manifesto_mashup::cache::Cache;
use manifesto_mashup::corpus::InputKind;
use manifesto_mashup::ocr::{self, Availability, Ocr, OcrSettings};
use manifesto_mashup::read::{read_document, BodyText, ReadOptions};
use manifesto_mashup::text::sentence_ranges;

use super::score::{self, line_hash, GoldDoc};

/// One annotated manifesto from outside the UK.
pub struct IntlGold {
    /// ISO 3166 code, upper case (`ZA`), from the file name's prefix.
    pub country: String,
    /// The party, from the PDFs' `INDEX.tsv`.
    pub party: String,
    /// Its sentences as lines and the marked ones.
    pub doc: GoldDoc,
    /// Whether each sentence begins a block of text (for lists of pledges).
    pub starts_block: Vec<bool>,
    /// Marked sentences whose hash is no longer in the text: (gold file:line, hash).
    pub lost: Vec<(String, String)>,
}

/// The intl gold files, in name order.
pub fn gold_files(root: &Path) -> Vec<PathBuf> {
    score::tsv_files(&root.join("benches/gold/intl"))
}

/// One sentence as `mashup scan` reads it.
pub struct Sentence {
    /// 1-based page.
    pub page: u32,
    /// Its words separated by single spaces.
    pub text: String,
    /// Whether it begins a block of text.
    pub starts_block: bool,
}

/// Tesseract as `mashup scan` runs it by default, when it is installed, with the
/// recognising tests' cache (under the target folder, so reruns are quick).
fn installed_ocr() -> Option<Arc<Ocr>> {
    static OCR: OnceLock<Option<Arc<Ocr>>> = OnceLock::new();
    OCR.get_or_init(|| {
        let cache = || {
            let dir = Path::new(option_env!("CARGO_TARGET_TMPDIR")?).join("ocr-cache");
            Cache::open(&dir).ok()
        };
        match ocr::prepare(&OcrSettings::default(), cache) {
            Ok(Availability::Ready(ocr)) => Some(Arc::new(ocr)),
            _ => None,
        }
    })
    .clone()
}

/// A document's sentences as `mashup scan --ocr never` reads them, in order.
pub fn sentences(path: &Path) -> Result<Vec<Sentence>, String> {
    sentences_with(path, None)
}

/// A document's sentences, read with `ocr` when given.
fn sentences_with(path: &Path, ocr: Option<Arc<Ocr>>) -> Result<Vec<Sentence>, String> {
    let kind = InputKind::of_file(path);
    let options = ReadOptions {
        ocr,
        ..ReadOptions::default()
    };
    let doc =
        read_document(path, kind, &options).map_err(|e| format!("{}: {e}", path.display()))?;
    let body = BodyText::of(doc, kind);
    let mut out = Vec::new();
    for page in &body.pages {
        for range in sentence_ranges(&page.body) {
            let before = page.body[..range.start].trim_end_matches(' ');
            let starts_block = before.is_empty() || before.ends_with('\n');
            let text = page.body[range]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            if !text.is_empty() {
                out.push(Sentence {
                    page: page.number,
                    text,
                    starts_block,
                });
            }
        }
    }
    Ok(out)
}

/// Loads one gold file against its PDF in `pdfs`.
pub fn load(gold: &Path, pdfs: &Path) -> Result<IntlGold, String> {
    let name = gold
        .file_stem()
        .and_then(|s| s.to_str())
        .ok_or_else(|| format!("{}: bad file name", gold.display()))?
        .to_string();
    let country = name
        .split('-')
        .next()
        .filter(|c| c.len() == 2)
        .ok_or_else(|| {
            format!(
                "{}: the name must start with a country code",
                gold.display()
            )
        })?
        .to_ascii_uppercase();
    let pdf = pdfs.join(format!("{name}.pdf"));
    let (lines, starts_block): (Vec<String>, Vec<bool>) = sentences(&pdf)?
        .into_iter()
        .map(|s| (s.text, s.starts_block))
        .unzip();
    let party = party_of(pdfs, &name);
    let mut by_hash: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, line) in lines.iter().enumerate() {
        by_hash.entry(line_hash(line)).or_default().push(i);
    }
    let mut marked = BTreeMap::new();
    let mut lost = Vec::new();
    for (at, hash, mut mark) in score::rows(gold)? {
        let index = if lines.get(mark.index).is_some_and(|l| line_hash(l) == hash) {
            Some(mark.index)
        } else {
            // The nearest sentence with the hash that no row has claimed: a
            // heading repeated on several pages may now be read fewer times.
            by_hash.get(&hash).and_then(|found| {
                found
                    .iter()
                    .copied()
                    .filter(|i| !marked.contains_key(i))
                    .min_by_key(|&i| i.abs_diff(mark.index))
            })
        };
        let Some(index) = index else {
            // A heading is left out of the matched text (see `Page::body_text`):
            // its row has nothing to score, and nothing was lost.
            if !mark.heading {
                lost.push((at, hash));
            }
            continue;
        };
        mark.index = index;
        if marked.insert(index, mark).is_some() {
            return Err(format!("{at}: sentence {index} marked twice"));
        }
    }
    let lines = recovered(&pdf, lines)?;
    Ok(IntlGold {
        country,
        party,
        doc: GoldDoc {
            name,
            lines,
            marked,
        },
        starts_block,
        lost,
    })
}

/// `lines` as read with OCR recovering the glyphs that read as U+FFFD, sentence for
/// sentence; `lines` themselves when nothing reads so, when Tesseract is not installed,
/// or when recovery changed where sentences end (then the rows could not be paired).
fn recovered(pdf: &Path, lines: Vec<String>) -> Result<Vec<String>, String> {
    if !lines.iter().any(|l| l.contains('\u{FFFD}')) {
        return Ok(lines);
    }
    let Some(ocr) = installed_ocr() else {
        return Ok(lines);
    };
    let read: Vec<String> = sentences_with(pdf, Some(ocr))?
        .into_iter()
        .map(|s| s.text)
        .collect();
    if read.len() != lines.len() {
        eprintln!(
            "{}: {} sentences with OCR, {} without; scored as read without",
            pdf.display(),
            read.len(),
            lines.len()
        );
        return Ok(lines);
    }
    Ok(read)
}

/// The party of `name` (a file name without `.pdf`) in `pdfs/INDEX.tsv`; empty when it
/// is not there.
fn party_of(pdfs: &Path, name: &str) -> String {
    let index = std::fs::read_to_string(pdfs.join("INDEX.tsv")).unwrap_or_default();
    let mut rows = index.lines().map(|l| l.split('\t').collect::<Vec<_>>());
    let header = rows.next().unwrap_or_default();
    let (Some(file), Some(party)) = (
        header.iter().position(|h| *h == "file"),
        header.iter().position(|h| *h == "party"),
    ) else {
        return String::new();
    };
    rows.find(|r| r.get(file).is_some_and(|f| *f == format!("{name}.pdf")))
        .and_then(|r| r.get(party).map(|p| p.to_string()))
        .unwrap_or_default()
}

/// Every intl gold file under `root`, read against `pdfs`.
pub fn load_all(root: &Path, pdfs: &Path) -> Result<Vec<IntlGold>, String> {
    gold_files(root).iter().map(|g| load(g, pdfs)).collect()
}
