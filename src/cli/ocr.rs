//! The OCR options `scan` and `extract` share, and turning them into an
//! engine before any document is read.

use super::outcome::Error;
use crate::cache::Cache;
use crate::ocr::{self, Availability, OcrMode, OcrSettings};
use clap::{Args, ValueEnum};
use std::path::Path;

/// When to OCR, on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OcrChoice {
    /// Pages with images and no text, when Tesseract is installed.
    Auto,
    /// Every page, in place of its text layer (needs Tesseract).
    Always,
    /// No page: scans are reported as needing OCR.
    Never,
}

/// OCR options.
#[derive(Debug, Args)]
pub struct OcrArgs {
    /// OCR pages that have no text layer (auto: when Tesseract is installed).
    #[arg(long, value_enum, default_value_t = OcrChoice::Auto, env = "MASHUP_OCR", value_name = "WHEN")]
    pub ocr: OcrChoice,
    /// Tesseract's language(s) for OCR: eng, cym, eng+cym, ... (any installed traineddata).
    #[arg(long, value_name = "LANG", default_value = "eng")]
    pub ocr_lang: String,
    /// Resolution pages are rendered at for OCR.
    #[arg(long, value_name = "DPI", default_value_t = 300,
          value_parser = clap::value_parser!(u32).range(i64::from(*ocr::DPI_RANGE.start())..=i64::from(*ocr::DPI_RANGE.end())))]
    pub dpi: u32,
}

impl OcrArgs {
    /// Finds the engine the options ask for. Each page's OCR is cached in
    /// `cache_dir`, else in the default cache folder (recognition is slow
    /// enough that it is always worth keeping); a folder that cannot be
    /// used only means nothing is kept.
    pub fn prepare(&self, cache_dir: Option<&Path>) -> Result<Availability, Error> {
        let settings = OcrSettings {
            mode: match self.ocr {
                OcrChoice::Auto => OcrMode::Auto,
                OcrChoice::Always => OcrMode::Always,
                OcrChoice::Never => OcrMode::Never,
            },
            language: self.ocr_lang.clone(),
            dpi: self.dpi,
        };
        let cache = || {
            let dir = cache_dir
                .map(Path::to_path_buf)
                .or_else(Cache::default_dir)?;
            Cache::open(&dir).ok()
        };
        ocr::prepare(&settings, cache).map_err(|e| Error::Usage(e.to_string()))
    }
}
