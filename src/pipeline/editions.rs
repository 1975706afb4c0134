//! The lexicon as each document's country reads it: one applied lexicon
//! and compiled matcher per edition a scan needs, chosen per document by
//! its index's `country`, or one for the whole run by `--country`.

use super::Instrument;
use crate::lexicon::{country_code, Lexicon, DEFAULT_COUNTRY};
use crate::matcher::{Matcher, MatcherError};
use std::collections::HashMap;

/// Each edition a scan matches with, compiled once.
pub struct Editions {
    /// Applied lexicons and their matchers, one per distinct hash (every
    /// country without an edition shares the common terms).
    compiled: Vec<(Lexicon, Matcher)>,
    /// Country code to its entry of `compiled`.
    by_country: HashMap<String, usize>,
    /// The entry for documents whose country is not known, or every
    /// document's with `--country`.
    default: usize,
    /// `--country`: one edition for every document, whatever the index says.
    fixed: bool,
}

impl Editions {
    /// The editions of `lexicon` that documents from `countries` (as an
    /// index gives them: codes or names) need; with `fixed`, that country's
    /// for every document.
    pub fn new<'c>(
        lexicon: &Lexicon,
        fixed: Option<&str>,
        countries: impl IntoIterator<Item = Option<&'c str>>,
    ) -> Result<Editions, MatcherError> {
        let mut editions = Editions {
            compiled: Vec::new(),
            by_country: HashMap::new(),
            default: 0,
            fixed: fixed.is_some(),
        };
        editions.default = editions.add(lexicon, fixed.unwrap_or(DEFAULT_COUNTRY))?;
        if fixed.is_none() {
            for country in countries.into_iter().flatten() {
                editions.add(lexicon, country)?;
            }
        }
        Ok(editions)
    }

    /// Adds the edition for `country` if no entry has it yet; its entry.
    fn add(&mut self, lexicon: &Lexicon, country: &str) -> Result<usize, MatcherError> {
        let Some(code) = country_code(country) else {
            return Ok(self.default);
        };
        if let Some(&entry) = self.by_country.get(&code) {
            return Ok(entry);
        }
        let applied = lexicon.for_country(Some(&code));
        let entry = match self
            .compiled
            .iter()
            .position(|(l, _)| l.hash() == applied.hash())
        {
            Some(entry) => entry,
            None => {
                let matcher = Matcher::new(&applied)?;
                self.compiled.push((applied, matcher));
                self.compiled.len() - 1
            }
        };
        self.by_country.insert(code, entry);
        Ok(entry)
    }

    /// What a document from `country` is matched with.
    pub fn for_country(&self, country: Option<&str>) -> Instrument<'_> {
        let entry = if self.fixed {
            self.default
        } else {
            country
                .and_then(country_code)
                .and_then(|code| self.by_country.get(&code).copied())
                .unwrap_or(self.default)
        };
        let (lexicon, matcher) = &self.compiled[entry];
        Instrument { lexicon, matcher }
    }

    /// What a document whose country is not known is matched with (with
    /// `--country`, every document): the lexicon a report describes.
    pub fn default_instrument(&self) -> Instrument<'_> {
        self.for_country(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "[lexicon]\nname = \"t\"\nversion = \"1\"\n\
        [[category]]\nid = \"c\"\nlabel = \"C\"\nterms = [\"voluntary sector\"]\n\
        [[edition]]\ncountry = \"ZA\"\nname = \"South Africa\"\n\
        [edition.category.c]\nterms = [\"stokvel*\"]\n";

    #[test]
    fn each_document_gets_its_countrys_edition_unless_one_is_fixed() {
        let lexicon = Lexicon::parse(FILE, "t.toml").unwrap();
        let countries = [
            Some("South Africa"),
            Some("UK"),
            None,
            Some("Narnia"),
            Some("FR"),
        ];
        let editions = Editions::new(&lexicon, None, countries).unwrap();
        // The common terms once, South Africa's once.
        assert_eq!(editions.compiled.len(), 2);
        assert_eq!(
            editions.for_country(Some("ZA")).lexicon.edition(),
            Some("ZA")
        );
        assert_eq!(
            editions.for_country(Some("South Africa")).lexicon.edition(),
            Some("ZA")
        );
        for other in [Some("UK"), None, Some("Narnia"), Some("FR"), Some("Ghana")] {
            assert_eq!(
                editions.for_country(other).lexicon.edition(),
                None,
                "{other:?}"
            );
        }
        let fixed = Editions::new(&lexicon, Some("za"), countries).unwrap();
        for any in countries {
            assert_eq!(fixed.for_country(any).lexicon.edition(), Some("ZA"));
        }
    }
}
