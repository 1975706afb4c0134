//! Regression tests on the real trap files in `../shared` (skipped only when all of it is
//! absent; a named file that is missing or does not load fails the test).
//!
//! A tiny content walker (Tf, Tj, TJ, ', ") stands in for the interpreter so these tests exercise the font
//! layer alone: the decoded text of a page must be mostly letters and contain ordinary words.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use lopdf::content::Content;
use lopdf::{Document, Object, ObjectId};

use super::FontCache;

use crate::test_support::{locate, shared_dir, shared_file};

/// Font resources of a page: resource name to the object found there (usually a Reference).
fn page_fonts(doc: &Document, page: ObjectId) -> HashMap<Vec<u8>, &Object> {
    let mut fonts = HashMap::new();
    let Ok((direct, inherited)) = doc.get_page_resources(page) else {
        return fonts;
    };
    let dicts = direct.into_iter().chain(
        inherited
            .iter()
            .filter_map(|id| doc.get_dictionary(*id).ok()),
    );
    for resources in dicts {
        let Some(font_dict) = resources
            .get(b"Font")
            .ok()
            .and_then(|o| doc.dereference(o).ok())
            .and_then(|(_, o)| o.as_dict().ok())
        else {
            continue;
        };
        for (name, obj) in font_dict.iter() {
            fonts.entry(name.clone()).or_insert(obj);
        }
    }
    fonts
}

/// Decoded text of a page's own content stream, a space at every text positioning operator.
/// Unmapped codes become U+FFFD.
fn page_text(doc: &Document, page: ObjectId, cache: &mut FontCache) -> String {
    let fonts = page_fonts(doc, page);
    let content = doc.get_page_content(page);
    let mut out = String::new();
    let mut font = None;
    let show = |font: &Option<std::sync::Arc<super::Font>>, bytes: &[u8], out: &mut String| {
        if let Some(f) = font {
            for c in f.chars(bytes) {
                out.push_str(c.text.unwrap_or("\u{FFFD}"));
            }
        }
    };
    for op in Content::decode_iter(&content).flatten() {
        match op.operator.as_str() {
            "Tf" => {
                font = op
                    .operands
                    .first()
                    .and_then(|o| o.as_name().ok())
                    .and_then(|n| fonts.get(n))
                    .map(|obj| cache.get(doc, obj));
            }
            "Tj" | "'" | "\"" => {
                if let Some(Ok(bytes)) = op.operands.last().map(Object::as_str) {
                    show(&font, bytes, &mut out);
                }
            }
            "TJ" => {
                for item in op
                    .operands
                    .first()
                    .and_then(|o| o.as_array().ok())
                    .into_iter()
                    .flatten()
                {
                    match item {
                        Object::String(bytes, _) => show(&font, bytes, &mut out),
                        other => {
                            if other.as_float().is_ok_and(|n| n < -150.0) {
                                out.push(' ');
                            }
                        }
                    }
                }
            }
            "Td" | "TD" | "Tm" | "T*" | "ET" => out.push(' '),
            _ => {}
        }
    }
    out
}

/// Text of the given pages (1-based) of `relative` under `../shared`; `None` only when
/// `../shared` is absent and not required. A missing file, one lopdf cannot load, or a page
/// it does not have fails the test.
fn pages_text(relative: &str, pages: &[u32]) -> Option<String> {
    shared_file(relative).map(|path| read_pages(&path, pages))
}

/// The text of `pages` (1-based) of the PDF at `path`; panics when it cannot be read.
fn read_pages(path: &Path, pages: &[u32]) -> String {
    let doc = Document::load(path)
        .unwrap_or_else(|e| panic!("{}: lopdf cannot load it: {e}", path.display()));
    let ids = doc.get_pages();
    let mut cache = FontCache::new();
    let mut text = String::new();
    for p in pages {
        let id = ids
            .get(p)
            .unwrap_or_else(|| panic!("{}: no page {p} of {}", path.display(), ids.len()));
        text.push_str(&page_text(&doc, *id, &mut cache));
        text.push('\n');
    }
    text
}

#[test]
fn the_page_reader_fails_on_a_missing_or_unreadable_file() {
    let root = tempfile::tempdir().unwrap();
    let missing = std::panic::catch_unwind(|| {
        locate(root.path(), "gone.pdf", false).map(|p| read_pages(&p, &[1]))
    });
    assert!(missing.is_err(), "a missing file must fail");
    std::fs::write(root.path().join("junk.pdf"), b"%PDF-1.4 not really").unwrap();
    let junk = std::panic::catch_unwind(|| read_pages(&root.path().join("junk.pdf"), &[1]));
    assert!(junk.is_err(), "a file that does not load must fail");
}

/// Share of non-space characters that are letters, digits or ordinary punctuation.
fn clean_fraction(text: &str) -> f64 {
    let chars: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    let good = chars
        .iter()
        .filter(|c| c.is_alphanumeric() || ".,;:'’‘\"“”()-–—!?&%£$/".contains(**c))
        .count();
    good as f64 / chars.len().max(1) as f64
}

fn assert_readable(relative: &str, pages: &[u32], words: &[&str]) {
    let Some(text) = pages_text(relative, pages) else {
        return;
    };
    let clean = clean_fraction(&text);
    // Spacing is layout's business (the SNP file letter-spaces its display type): compare without it.
    let squeezed: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase();
    let missing: Vec<&&str> = words
        .iter()
        .filter(|w| !squeezed.contains(&w.replace(' ', "").to_lowercase()))
        .collect();
    let unmapped = text.chars().filter(|&c| c == '\u{FFFD}').count();
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    eprintln!("{relative} pages {pages:?}: clean fraction {clean:.3}, {unmapped} unmapped, {letters} letters");
    assert!(
        clean > 0.95 && missing.is_empty() && letters > 500 && unmapped * 200 < letters,
        "{relative} pages {pages:?}: clean fraction {clean:.3}, {unmapped} unmapped, missing words {missing:?}"
    );
}

#[test]
fn snp_2015_type1c_differences_beat_builtin_encoding() {
    assert_readable(
        "corpus/uk-2015/2015-snp-manifesto.pdf",
        &[10, 11, 12],
        &[
            "Scottish Parliament",
            "responsibility",
            "Commission",
            "framework",
            "2019-20",
        ],
    );
}

#[test]
fn labour_2005_type1c_without_tounicode() {
    assert_readable(
        "corpus/uk-historic/2005-05-labour_party.pdf",
        &[6, 11],
        &[
            "Labour Party manifesto",
            "police",
            "Royal Mail",
            "employment",
        ],
    );
}

#[test]
fn conservative_2015_cmap_with_def_in_dict() {
    assert_readable(
        "corpus/uk-historic/2015-05-conservative_party.pdf",
        &[6],
        &[
            "Foreword",
            "right track",
            "Britain was on the brink",
            "Treasury",
        ],
    );
}

#[test]
fn libdem_2005_adobe_library_6_cmaps() {
    assert_readable(
        "corpus/uk-historic/2005-05-liberal_democrats.pdf",
        &[6, 11],
        &[
            "investment",
            "every child",
            "Liberal Democrats",
            "tax system",
        ],
    );
}

#[test]
fn plaid_2015_space_glyph_mapped_to_tab() {
    assert_readable(
        "corpus/uk-2015/2015-plaid-manifesto.pdf",
        &[3, 4],
        &["Plaid Cymru", "Wales", "Scotland", "funding"],
    );
}

/// Japanese text from fonts of Adobe-Japan1 without ToUnicode (unembedded Ryumin-Light, HiraKakuPro CFF,
/// Osaka TrueType): at most 3% unmapped, many kana and kanji, and `common` (particles any Japanese text
/// has, which pdftotext finds in these files too) among them.
fn assert_japanese(relative: &str, pages: &[u32], min_cjk: usize, common: &str) {
    let Some(text) = pages_text(relative, pages) else {
        return;
    };
    let is_cjk = |c: &char| matches!(*c, '\u{3040}'..='\u{30FF}' | '\u{4E00}'..='\u{9FFF}');
    let total = text.chars().filter(|c| !c.is_whitespace()).count();
    let unmapped = text.chars().filter(|&c| c == '\u{FFFD}').count();
    let cjk = text.chars().filter(is_cjk).count();
    let missing: String = common.chars().filter(|&c| !text.contains(c)).collect();
    eprintln!("{relative}: {cjk} kana/kanji, {unmapped} unmapped of {total}");
    assert!(
        unmapped * 100 <= total * 3 && cjk >= min_cjk && missing.is_empty(),
        "{relative}: {cjk} kana/kanji, {unmapped} unmapped of {total}, missing {missing:?}"
    );
}

#[test]
fn japan1_fonts_without_tounicode() {
    let samples = "pdfs/pdfminer.six/samples";
    assert_japanese(
        &format!("{samples}/nonfree/kampo.pdf"),
        &[1],
        1500,
        "のはる",
    );
    assert_japanese(&format!("{samples}/jo.pdf"), &[1], 500, "のはる");
    let slides: Vec<u32> = (1..=20).collect();
    assert_japanese(
        &format!("{samples}/nonfree/nlp2004slides.pdf"),
        &slides,
        500,
        "のは",
    );
    // /Encoding /V (JIS X 0208 codes through Adobe's predefined CMap): the five vowels of hiragana.
    assert_japanese(&format!("{samples}/simple3.pdf"), &[1], 10, "あいうえお");
}

fn pdf_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            pdf_files(&path, out);
        } else if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
        {
            out.push(path);
        }
    }
}

/// Shared PDFs that lopdf's loader cannot open (a damaged cross-reference table and the
/// like: the reader's repair is a separate matter), so their fonts are not probed here.
/// Listed, so that a file that stops loading fails the test instead of being skipped.
const FONT_PROBE_UNLOADABLE: &[&str] = &[];

/// Every font object of every shared PDF loads and decodes without a panic.
#[test]
fn every_shared_font_loads() {
    let Some(shared) = shared_dir() else { return };
    let mut files = Vec::new();
    pdf_files(&shared.join("corpus"), &mut files);
    pdf_files(&shared.join("pdfs"), &mut files);
    files.sort();
    assert!(
        files.len() >= 150,
        "only {} PDFs under {}",
        files.len(),
        shared.display()
    );
    let probe: Vec<u8> = (0..=255u8).collect();
    let (mut docs, mut fonts) = (0, 0);
    let mut unloadable = Vec::new();
    for path in &files {
        let Ok(doc) = Document::load(path) else {
            unloadable.push(
                path.strip_prefix(&shared)
                    .unwrap_or(path)
                    .display()
                    .to_string(),
            );
            continue;
        };
        docs += 1;
        let mut cache = FontCache::new();
        let ids: Vec<ObjectId> = doc
            .objects
            .iter()
            .filter(|(_, o)| o.as_dict().is_ok_and(|d| d.has_type(b"Font")))
            .map(|(id, _)| *id)
            .collect();
        for id in ids {
            let font = cache.get(&doc, &Object::Reference(id));
            let decoded = font.chars(&probe).count();
            assert!(
                decoded >= 1 && decoded <= probe.len(),
                "{}: font {id:?}",
                path.display()
            );
            assert!(font.chars(&probe).all(|c| c.width.is_finite()));
            fonts += 1;
        }
    }
    eprintln!("loaded {fonts} fonts from {docs} of {} PDFs", files.len());
    assert_eq!(unloadable, FONT_PROBE_UNLOADABLE, "files lopdf cannot load");
    assert!(fonts > 1000, "only {fonts} fonts probed");
}

/// A debugging tool, not a test: prints the decoded text of one page.
/// `MASHUP_FONT_DUMP=corpus/x.pdf:3 cargo test tool_dump_page -- --ignored --nocapture`.
#[test]
#[ignore = "debugging tool: prints one page's text (set MASHUP_FONT_DUMP=FILE:PAGE)"]
fn tool_dump_page() {
    let spec = std::env::var("MASHUP_FONT_DUMP")
        .expect("set MASHUP_FONT_DUMP=FILE:PAGE, FILE relative to ../shared");
    let (file, page) = spec.rsplit_once(':').unwrap_or((&spec, "1"));
    let page = page.parse().expect("PAGE is a number");
    let text = pages_text(file, &[page]).expect("../shared is there");
    eprintln!("{text}\nclean fraction {:.3}", clean_fraction(&text));
}

/// A debugging tool, not a test: the unmapped share of the first pages of every PDF under a
/// folder of `../shared` (`MASHUP_FONT_SURVEY_DIR`, default `corpus`).
/// `cargo test tool_font_survey -- --ignored --nocapture`.
#[test]
#[ignore = "debugging tool: prints the unmapped share per file"]
fn tool_font_survey() {
    let shared = shared_dir().expect("../shared is there");
    let mut files = Vec::new();
    pdf_files(
        &shared.join(std::env::var("MASHUP_FONT_SURVEY_DIR").unwrap_or("corpus".into())),
        &mut files,
    );
    files.sort();
    for path in files {
        let Ok(doc) = Document::load(&path) else {
            eprintln!("cannot load {}", path.display());
            continue;
        };
        let pages: Vec<u32> = doc.get_pages().keys().copied().take(12).collect();
        let mut cache = FontCache::new();
        let mut text = String::new();
        for p in pages {
            text.push_str(&page_text(&doc, doc.get_pages()[&p], &mut cache));
        }
        let unmapped = text.chars().filter(|&c| c == '\u{FFFD}').count();
        let total = text.chars().filter(|c| !c.is_whitespace()).count();
        eprintln!(
            "{:6} {:6} {:.3} {}",
            unmapped,
            total,
            clean_fraction(&text),
            path.strip_prefix(&shared).unwrap_or(&path).display()
        );
    }
}
