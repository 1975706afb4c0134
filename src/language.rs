//! Languages: of a lexicon, of a document (as the index gives it, or as
//! detected from its text), and whether the one covers the other.
//!
//! A lexicon's terms are words of one language, so in a document written in
//! another every count is zero whatever its policies: such a zero is
//! silence, not a finding. So the language of each document is known
//! (given or detected) before it is matched, and a document in a language
//! its lexicon does not cover is reported as not matched, never as a
//! document with no mentions.
//!
//! Codes are ISO 639: written as 639-1 (`en`, `cy`) where the language has
//! such a code, and read in either 639-1 or 639-3 (`eng`, `cym`). Detection
//! is whatlang's (trigram models of 69 languages, Welsh among them).

use serde::{Deserialize, Serialize};
use std::fmt;

/// A language, by ISO 639.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Language(isolang::Language);

impl Language {
    /// The language of an ISO 639-1 or 639-3 code, in any case.
    pub fn from_code(code: &str) -> Option<Language> {
        let code = code.trim().to_ascii_lowercase();
        match code.len() {
            2 => isolang::Language::from_639_1(&code),
            3 => isolang::Language::from_639_3(&code),
            _ => None,
        }
        .map(Language)
    }

    /// Its ISO 639-1 code, or its 639-3 code when it has none.
    pub fn code(self) -> &'static str {
        self.0.to_639_1().unwrap_or_else(|| self.0.to_639_3())
    }

    /// Its English name.
    pub fn name(self) -> &'static str {
        self.0.to_name()
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.name(), self.code())
    }
}

impl Serialize for Language {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Language {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let code = String::deserialize(deserializer)?;
        Language::from_code(&code)
            .ok_or_else(|| serde::de::Error::custom(format!("`{code}` is not an ISO 639 code")))
    }
}

/// Where a document's language came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LanguageSource {
    /// The index's `language` column.
    Index,
    /// Detected from the document's text.
    Detected,
}

/// A document's language and where it came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentLanguage {
    /// The language.
    pub code: Language,
    /// Given by the index, or detected.
    pub source: LanguageSource,
}

/// Characters of text the detector reads from each of two places: enough
/// for its trigram statistics to settle on running prose, and a bound on
/// the work (detection runs on every document, before matching).
const SAMPLE_CHARS: usize = 1_000;

/// The language of a document's pages, when the detector is sure of it: a
/// short or mixed text (a cover page, bilingual pages) gives `None`, and
/// `None` never keeps a document from being matched.
///
/// The sample is taken from the first pages and from the middle page on,
/// so a title page in one language does not decide for a document in
/// another.
pub fn detect_pages(pages: &[&str]) -> Option<Language> {
    let mut sample = String::new();
    take_chars(pages, &mut sample);
    if let Some(middle) = pages.get(pages.len() / 2..).filter(|_| pages.len() > 1) {
        sample.push('\n');
        take_chars(middle, &mut sample);
    }
    detect(&sample)
}

/// The language of `text`, when the detector is sure of it.
pub fn detect(text: &str) -> Option<Language> {
    let info = whatlang::detect(text)?;
    if !info.is_reliable() {
        return None;
    }
    Language::from_code(info.lang().code())
}

/// Appends up to [`SAMPLE_CHARS`] characters of `pages`, from the start.
fn take_chars(pages: &[&str], sample: &mut String) {
    let mut left = SAMPLE_CHARS;
    for page in pages {
        for c in page.chars() {
            if left == 0 {
                return;
            }
            sample.push(c);
            left -= 1;
        }
        sample.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_in_both_forms_and_written_short() {
        let welsh = Language::from_code("cy").unwrap();
        assert_eq!(Language::from_code("CYM"), Some(welsh));
        assert_eq!(welsh.code(), "cy");
        assert_eq!(welsh.name(), "Welsh");
        assert_eq!(welsh.to_string(), "Welsh (cy)");
        assert_eq!(Language::from_code("xx"), None);
        assert_eq!(Language::from_code("english"), None);
        assert_eq!(
            serde_json::to_string(&Language::from_code("eng").unwrap()).unwrap(),
            "\"en\""
        );
    }

    #[test]
    fn clear_text_is_detected_and_unclear_text_is_not() {
        let english = "We will support co-operatives and mutuals, back community energy \
                       schemes and give employees the right to buy the firms they work for.";
        assert_eq!(detect(english), Language::from_code("en"));
        let welsh = "Byddwn yn cefnogi mentrau cymdeithasol a chwmnïau cydweithredol ym mhob \
                     rhan o Gymru, ac yn sicrhau bod cymunedau yn berchen ar eu hynni eu hunain.";
        assert_eq!(detect(welsh), Language::from_code("cy"));
        assert_eq!(detect("12 34"), None);
        assert_eq!(detect(""), None);
    }
}
