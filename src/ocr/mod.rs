//! OCR: text for the pages of a PDF that have none, by rendering each such
//! page ([`render`]) and recognising it with Tesseract ([`tesseract`]).
//!
//! Reading decides which pages need it (by default, those with images and
//! no text: scans) and hands them to [`Ocr::read_pages`], which returns one
//! laid-out [`Page`] per page, marked as read by OCR with its confidence,
//! or a warning naming what failed. The recognised words keep their boxes,
//! so running heads and page numbers are told from body text just as on a
//! text layer. Pages are recognised in parallel on the scan's own workers.
//!
//! Recognising a page takes seconds, a thousand times longer than reading a
//! text layer, so each page's result is cached by the file's content, the
//! page, the engine's version, the language and the resolution.

mod recover;
mod render;
mod tesseract;

pub use render::GreyImage;
pub use tesseract::{EngineError, Recognised, Tesseract};

use crate::cache::{self, Cache};
use crate::fingerprint;
use crate::pdf::Direction;
use crate::text::{push_line_text, Block, Confidence, Line, Page, TextSource};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};

/// When to OCR a page.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum OcrMode {
    /// Pages with images and no text, when Tesseract is installed.
    #[default]
    Auto,
    /// Every page, in place of its text layer (Tesseract required).
    Always,
    /// None.
    Never,
}

/// What the user asked for.
#[derive(Clone, Debug)]
pub struct OcrSettings {
    /// When to OCR.
    pub mode: OcrMode,
    /// Tesseract's language(s): `eng`, `cym`, `eng+cym`.
    pub language: String,
    /// The resolution pages are rendered at.
    pub dpi: u32,
}

impl Default for OcrSettings {
    fn default() -> Self {
        OcrSettings {
            mode: OcrMode::Auto,
            language: "eng".into(),
            dpi: 300,
        }
    }
}

/// The resolutions accepted: below 70 dpi body text is a few pixels high and
/// nothing is recognised; above 600 a page is over 30 million pixels and
/// recognition only gets slower.
pub const DPI_RANGE: std::ops::RangeInclusive<u32> = 70..=600;

/// How a page's warning starts when OCR could not read it.
pub const FAILED: &str = "OCR failed";

/// The install line printed wherever OCR would have run but could not.
pub const INSTALL_HINT: &str = "sudo apt-get install tesseract-ocr tesseract-ocr-eng";

/// OCR, ready to run: the engine found and checked, which pages it reads,
/// and where results are kept.
pub struct Ocr {
    every_page: bool,
    engine: Tesseract,
    dpi: u32,
    cache: Option<Cache>,
    /// Pages recognised (or taken from the cache) so far, for progress.
    pages_done: AtomicU64,
    /// Told the running count each time a page is done.
    on_page: Option<Box<dyn Fn(u64) + Send + Sync>>,
}

// Written by hand: the cache folder changes no result, so it is left out of
// what `ReadOptions`' Debug form (a cache key) says.
impl fmt::Debug for Ocr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Ocr")
            .field("every_page", &self.every_page)
            .field("engine", &self.engine.version())
            .field("language", &self.engine.language())
            .field("dpi", &self.dpi)
            .field("renderer", &RENDERER)
            .finish()
    }
}

/// The renderer and its version: part of every cache key, since another
/// renderer draws other pixels.
const RENDERER: &str = "hayro 0.9.0";

/// What [`prepare`] found.
pub enum Availability {
    /// OCR will run.
    Ready(Ocr),
    /// `--ocr never`.
    Off,
    /// `--ocr auto` without Tesseract: scans are reported as needing OCR.
    Missing,
}

/// Finds the engine `settings` need. Without Tesseract, `auto` is
/// [`Availability::Missing`] while `always` is an error; a language that is
/// not installed is an error either way, since the user named it. `cache`
/// is asked for the folder that keeps each page's result only when OCR can
/// run.
pub fn prepare(
    settings: &OcrSettings,
    cache: impl FnOnce() -> Option<Cache>,
) -> Result<Availability, EngineError> {
    if settings.mode == OcrMode::Never {
        return Ok(Availability::Off);
    }
    match Tesseract::find(&settings.language) {
        Ok(engine) => Ok(Availability::Ready(Ocr {
            every_page: settings.mode == OcrMode::Always,
            engine,
            dpi: settings.dpi,
            cache: cache(),
            pages_done: AtomicU64::new(0),
            on_page: None,
        })),
        Err(EngineError::NotInstalled) if settings.mode == OcrMode::Auto => {
            Ok(Availability::Missing)
        }
        Err(e) => Err(e),
    }
}

impl Ocr {
    /// The engine, for messages (`Tesseract 5.3.0, eng, 300 dpi`).
    pub fn describe(&self) -> String {
        format!(
            "Tesseract {}, {}, {} dpi",
            self.engine.version(),
            self.engine.language(),
            self.dpi
        )
    }

    /// Calls `hook` with the running count of pages done, as each is done
    /// (on the worker that did it): OCR is slow enough to show progress.
    pub fn on_page(&mut self, hook: impl Fn(u64) + Send + Sync + 'static) {
        self.on_page = Some(Box::new(hook));
    }

    /// The cache's first failed write, if any (see [`Cache::write_error`]).
    pub fn cache_write_error(&self) -> Option<String> {
        self.cache.as_ref().and_then(Cache::write_error)
    }

    /// True when `page`, as its text layer gave it, is to be OCR'd: every
    /// page when asked, else a page with pictures and no text (a scan) or
    /// one whose text layer is mostly glyphs with no Unicode text.
    pub fn wants(&self, page: &Page) -> bool {
        self.every_page || (page.is_empty() && page.images > 0) || page.mostly_unmapped()
    }

    /// OCRs `pages` of the PDF in `bytes` in place, in parallel: each gets
    /// the recognised text, or keeps what it had with a warning saying why
    /// it could not be read.
    pub fn read_pages(&self, bytes: &[u8], password: Option<&str>, pages: &mut [&mut Page]) {
        // What a page's recognition depends on: not the mode, which only
        // picks the pages.
        let content = fingerprint::content_hash(bytes);
        let engine = format!(
            "{RENDERER}\n{}\n{}\n{}",
            self.engine.version(),
            self.engine.language(),
            self.dpi
        );
        let key = |number: u32| {
            fingerprint::key_of(&[
                content.as_bytes(),
                number.to_string().as_bytes(),
                engine.as_bytes(),
            ])
        };
        // The renderer opens the file only if some page is not cached.
        let renderer = std::sync::OnceLock::new();
        let open = || {
            renderer
                .get_or_init(|| render::Renderable::open(bytes, password))
                .as_ref()
                .map_err(Clone::clone)
        };
        pages.par_iter_mut().for_each(|page| {
            let key = key(page.number);
            let cached = self
                .cache
                .as_ref()
                .and_then(|c| c.get::<ScannedPage>(cache::Kind::Ocr, &key));
            let read = match cached {
                Some(hit) => Ok(hit),
                None => open()
                    .and_then(|pdf| pdf.render(page.number, self.dpi))
                    .and_then(|image| {
                        let (dpi, size) = (image.dpi, [image.width, image.height]);
                        let scanned = ScannedPage {
                            recognised: self.engine.recognise(image)?,
                            dpi,
                            size,
                        };
                        if let Some(cache) = &self.cache {
                            cache.put(cache::Kind::Ocr, &key, &scanned);
                        }
                        Ok(scanned)
                    }),
            };
            match read {
                Ok(scanned) => scanned.replace_text_of(page),
                Err(why) => page.warnings.push(format!("{FAILED}: {why}")),
            }
            let done = self.pages_done.fetch_add(1, Ordering::Relaxed) + 1;
            if let Some(hook) = &self.on_page {
                hook(done);
            }
        });
    }
}

/// Below this mean word confidence (percent), what OCR found on a page is
/// noise, not text: a photograph or a pattern read as scattered letters
/// (in `../shared/corpus`, the photographs of 2015 and 2005 manifestos read
/// at 14% to 44%). Printed text, even a poor 1960s scan, reads at 70% and
/// more there. Such a page is left without text, as a page with no words
/// is, rather than counted as read by OCR.
pub const NOISE_CONFIDENCE: f32 = 50.0;

/// What OCR made of one page: the cache entry.
#[derive(Serialize, Deserialize)]
struct ScannedPage {
    recognised: Recognised,
    /// The resolution it was rendered at.
    dpi: u32,
    /// The image's width and height in pixels.
    size: [u32; 2],
}

impl ScannedPage {
    /// Replaces a page's text with what was recognised on it: one block per
    /// paragraph, each line with its box in points, origin at the bottom
    /// left as on a text layer, on the page as rendered (rotation applied).
    fn replace_text_of(&self, page: &mut Page) {
        let to_points = 72.0 / self.dpi.max(1) as f32;
        let [width, height] = self.size.map(|v| v as f32 * to_points);
        page.width = width;
        page.height = height;
        page.blocks = blocks_of(&self.recognised, to_points, height);
        // The glyphs of the text layer with no Unicode text are read over.
        page.recovered.by_page += std::mem::take(&mut page.unmapped);
        let (words, confidence) = self.recognised.confidence();
        let noise = confidence.is_some_and(|c| c < NOISE_CONFIDENCE);
        if noise {
            page.blocks.clear();
        }
        page.source = TextSource::Ocr {
            confidence: confidence.map(|c| Confidence::from_percent(f64::from(c))),
            words: if noise { 0 } else { words },
        };
    }
}

/// Recognised paragraphs as blocks of lines, pixel boxes scaled by
/// `to_points` and turned up the right way on a page `height` points high.
fn blocks_of(recognised: &Recognised, to_points: f32, height: f32) -> Vec<Block> {
    recognised
        .paragraphs
        .iter()
        .map(|paragraph| Block {
            lines: paragraph
                .iter()
                .map(|line| {
                    let words: Vec<&str> = line.words.iter().map(|(w, _)| w.as_str()).collect();
                    let mut text = String::new();
                    push_line_text(&mut text, &words.join(" "));
                    let [left, top, right, bottom] = line.bbox.map(|v| v as f32 * to_points);
                    Line {
                        text,
                        bbox: [left, height - bottom, right, height - top],
                        size: bottom - top,
                        furniture: false,
                    }
                })
                .collect(),
            dir: Direction::Right,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use tesseract::RecognisedLine;

    fn line(bbox: [u32; 4], words: &[(&str, f32)]) -> RecognisedLine {
        RecognisedLine {
            bbox,
            words: words.iter().map(|(w, c)| (w.to_string(), *c)).collect(),
        }
    }

    #[test]
    fn recognised_text_replaces_the_page_with_boxes_in_points() {
        // An A4 page at 300 dpi: 2480 x 3508 pixels.
        let scanned = ScannedPage {
            recognised: Recognised {
                paragraphs: vec![
                    vec![
                        line([300, 300, 1200, 350], &[("Support", 90.0), ("co-", 80.0)]),
                        line([300, 360, 1200, 410], &[("operatives.", 70.0)]),
                    ],
                    vec![line([1200, 3300, 1280, 3340], &[("12", 100.0)])],
                ],
            },
            dpi: 300,
            size: [2480, 3508],
        };
        let mut page = Page {
            number: 3,
            images: 1,
            ..Page::default()
        };
        scanned.replace_text_of(&mut page);
        assert!((page.width - 595.2).abs() < 0.01, "{}", page.width);
        assert!((page.height - 841.92).abs() < 0.01, "{}", page.height);
        assert_eq!(page.blocks.len(), 2);
        let first = &page.blocks[0].lines[0];
        assert_eq!(first.text, "Support co-");
        // 300 px from the top of an 841.92 pt page, 50 px high: y from
        // 841.92 - 350 * 0.24 to 841.92 - 300 * 0.24.
        let [x0, y0, x1, y1] = first.bbox;
        assert!((x0 - 72.0).abs() < 0.01 && (x1 - 288.0).abs() < 0.01);
        assert!((y0 - 757.92).abs() < 0.01 && (y1 - 769.92).abs() < 0.01);
        assert!((first.size - 12.0).abs() < 0.01);
        assert_eq!(
            page.source,
            TextSource::Ocr {
                confidence: Some(Confidence::from_percent(85.0)),
                words: 4
            }
        );
    }

    #[test]
    fn a_page_of_noise_is_left_without_text() {
        let scanned = ScannedPage {
            recognised: Recognised {
                paragraphs: vec![vec![line(
                    [300, 300, 1200, 350],
                    &[("~;", 12.0), ("lI", 20.0), ("co-op", 10.0)],
                )]],
            },
            dpi: 300,
            size: [2480, 3508],
        };
        let mut page = Page {
            number: 1,
            images: 1,
            ..Page::default()
        };
        scanned.replace_text_of(&mut page);
        assert!(page.blocks.is_empty());
        assert_eq!(
            page.source,
            TextSource::Ocr {
                confidence: Some(Confidence::from_percent(14.0)),
                words: 0
            }
        );
    }

    #[test]
    fn confidence_keeps_one_decimal_and_serialises_as_a_number() {
        let c = Confidence::from_percent(91.26);
        assert_eq!(c.percent(), 91.3);
        assert_eq!(c.to_string(), "91%");
        assert_eq!(serde_json::to_string(&c).unwrap(), "91.3");
        let back: Confidence = serde_json::from_str("91.3").unwrap();
        assert_eq!(back, c);
        assert_eq!(Confidence::from_percent(140.0).percent(), 100.0);
    }

    #[test]
    fn the_renderer_named_in_cache_keys_is_the_one_built_in() {
        let lock = include_str!("../../Cargo.lock");
        let version = RENDERER.strip_prefix("hayro ").unwrap();
        assert!(
            lock.contains(&format!("name = \"hayro\"\nversion = \"{version}\"\n")),
            "Cargo.lock has another hayro than {RENDERER}: update RENDERER (and so every OCR cache key)"
        );
    }

    #[test]
    fn never_needs_no_engine() {
        let settings = OcrSettings {
            mode: OcrMode::Never,
            ..OcrSettings::default()
        };
        let asked = std::cell::Cell::new(false);
        let found = prepare(&settings, || {
            asked.set(true);
            None
        });
        assert!(matches!(found, Ok(Availability::Off)));
        assert!(!asked.get(), "no cache folder is made for OCR that is off");
    }
}
