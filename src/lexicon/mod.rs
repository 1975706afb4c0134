//! Lexicon: the analysts' TOML file of categories, terms and asks, loaded and validated.
//!
//! Takes TOML text (or a path) and returns a [`Lexicon`]: plain, validated data. It knows
//! nothing about how text is searched; the [`matcher`](crate::matcher) compiles a `Lexicon`
//! and documents what a term matches. Every problem is reported with file, line and column
//! ([`LexiconError`]), all at once.
//!
//! ```toml
//! [lexicon]
//! name = "Social economy"
//! version = "2026.1"
//! language = "en"                      # optional ISO 639 code of the terms
//!
//! [[category]]
//! id = "co-operatives"
//! label = "Co-operatives and mutuals"
//! note = "where the terms come from"
//! terms = ["co-operative*", "co-op", "mutuals"]
//! exclude = ["mutual respect"]          # a match inside one of these is not counted
//! case_sensitive = ["CIC", "CICs"]      # terms matched with their case
//!
//! [[ask]]
//! id = "credit-unions-loan-sharks"
//! label = "Support credit unions with money recovered from loan sharks"
//! category = "social-finance"           # optional; must name a category
//! all = ["credit union*"]               # a sentence needs every one of these
//! any = ["loan shark*", "payday"]       # and, when given, at least one of these
//! exclude = ["credit union rules"]      # a match inside one of these does not count
//!
//! [[rule]]
//! id = "procurement-for-local-aims"
//! label = "Public buying used for local or social aims"
//! category = "social-value"             # required; must name a category
//! cues = [["procure*", "procurement"], ["local*", "social"]]   # a match from each list
//! within = 12                           # optional: each at most 12 words from the first
//! exclude = ["defence procurement"]     # a match inside one of these does not count
//! ```
//!
//! Keys: `[lexicon]` has `name`, `version` (both required), `language` and `note`; `[[category]]` has
//! `id`, `label` (required), `note`, `terms`, `case_sensitive`, `exclude`; `[[ask]]` has `id`,
//! `label` (required), `category`, `note`, `all`, `any` (at least one term between them),
//! `exclude`; `[[rule]]` has `id`, `label`, `category` (required), `note`, `cues` (at least
//! two non-empty lists), `within` and `exclude`.
//! Anything else is an error, so a misspelt key never silently drops terms.
//!
//! Dictionaries in other formats (quanteda YAML, LIWC `.dic`, WordStat `.cat`) are converted
//! into this one by [`import_file`] (`mashup lexicon import`).
//!
//! ```
//! use manifesto_mashup::lexicon::Lexicon;
//!
//! let err = Lexicon::parse("[lexicon]\nname = \"x\"\nversion = \"1\"\n\
//!     [[category]]\nid = \"a\"\nlabel = \"A\"\nterms = [\"co-op\", \"co*op\"]\n", "k.toml")
//!     .unwrap_err();
//! assert_eq!(err.to_string(),
//!     "k.toml:7:22: term \"co*op\": `*` may only end a word (as in \"co-operative*\")");
//! ```

mod edition;
mod error;
pub(crate) mod fold;
mod import;
mod parse;
mod term;
mod toml_reader;

pub use edition::{country_code, Edition, EditionCategory, DEFAULT_COUNTRY};
pub use error::{Diagnostic, LexiconError};
pub use import::{import_file, import_str, ImportFormat, Imported};
pub use term::Term;

use std::sync::Arc;

/// A validated lexicon. Made only by parsing, so every term follows rule 1, no term is listed
/// twice in a category (it may be in several categories) and every ask names a real category.
#[derive(Clone, Debug)]
pub struct Lexicon {
    name: String,
    version: String,
    /// The language of its terms; documents in another are not matched.
    language: Option<crate::language::Language>,
    /// The source's content hash: two lexicons with the same name and
    /// version but edited terms must not share cached results.
    hash: String,
    /// The hash of the file itself, whatever edition is applied.
    file_hash: String,
    /// The categories as applied: the common terms with this lexicon's
    /// edition, if any, applied.
    categories: Vec<Category>,
    /// The asks that apply: all but those this lexicon's edition drops.
    asks: Vec<Ask>,
    /// Every ask in the file.
    all_asks: Arc<Vec<Ask>>,
    /// The rules that apply: those of every country and those of this
    /// lexicon's edition's country.
    rules: Vec<Rule>,
    /// Every rule in the file, whatever its countries.
    all_rules: Arc<Vec<Rule>>,
    /// The categories with no edition applied.
    common: Arc<Vec<Category>>,
    /// Every country edition in the file.
    editions: Arc<Vec<Edition>>,
    /// The country whose edition is applied, when one is.
    edition: Option<String>,
}

/// A category of social-economy policy, counted as the sum of its terms' matches.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Category {
    /// Stable identifier used in reports and by asks (`parent/child` after an import).
    pub id: String,
    /// Human-readable name for reports.
    pub label: String,
    /// Where the category and its terms come from.
    pub note: Option<String>,
    /// The terms counted for this category: first those of `terms`, then those of
    /// `case_sensitive` (which report `is_case_sensitive()`).
    pub terms: Vec<Term>,
    /// Phrases whose matches hide this category's matches lying inside them.
    pub exclude: Vec<Term>,
}

/// A policy ask: satisfied by a sentence holding every `all` term and, where `any` is given,
/// at least one `any` term.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ask {
    /// Stable identifier used in reports.
    pub id: String,
    /// The ask in words, for reports.
    pub label: String,
    /// The category the ask belongs to, if any (validated to exist).
    pub category: Option<String>,
    /// Where the ask comes from.
    pub note: Option<String>,
    /// What must all occur in the sentence: each entry one of its terms
    /// (most entries are a single term).
    pub all: Vec<Vec<Term>>,
    /// Terms of which at least one must occur, when not empty.
    pub any: Vec<Term>,
    /// Phrases in which a match of this ask's terms does not count for it
    /// ("community energy efficiency" for an ask about community energy).
    pub exclude: Vec<Term>,
}

/// A sentence rule: a mention of a category made in everyday words rather than by one of
/// its terms ("procurement" with "local jobs" in one sentence is social value in public
/// buying, though neither phrase is on its own). A sentence satisfies it when it holds a
/// match of one term from every list of `cues`; it then counts one mention of `category`,
/// unless a term of that category is already counted in the sentence (matcher rule 9).
/// Cue terms are matched like ask terms: on their own, not hidden by longer category terms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rule {
    /// Stable identifier; reports name the rule's mentions `rule:ID`.
    pub id: String,
    /// What the rule finds, in words.
    pub label: String,
    /// The category its mentions count for (validated to exist).
    pub category: String,
    /// Where the rule comes from and what it was checked against.
    pub note: Option<String>,
    /// At least two lists of terms; a sentence needs a match from each. The mention is
    /// placed on a match of the first list.
    pub cues: Vec<Vec<Term>>,
    /// When given, a match of each list must lie at most this many words from the match of
    /// the first list the mention is placed on (words strictly between the two), so that a
    /// long run-on sentence does not pair words from unrelated clauses.
    pub within: Option<usize>,
    /// Phrases in which a match of a cue does not count for this rule.
    pub exclude: Vec<Term>,
    /// The countries (ISO 3166 codes, each with an edition) whose documents
    /// it applies to; empty for every country. A rule is scoped when the
    /// words it pairs name an institution of one country's law (South
    /// Africa's preferential procurement, the USA's federal contracts).
    pub countries: Vec<String>,
}

/// The most categories one term may belong to (the matcher keeps, per match, which of them
/// an exclude phrase removes it from, one bit each in a `u64`).
pub const MAX_TERM_CATEGORIES: usize = u64::BITS as usize;

impl Lexicon {
    /// The lexicon a document from `country` (a code or a name, as
    /// [`country_code`] reads it; [`DEFAULT_COUNTRY`] when `None` or not a
    /// country) is matched with: the common terms, less those its edition
    /// drops, plus its own. Without an edition for it, the common terms.
    pub fn for_country(&self, country: Option<&str>) -> Lexicon {
        let code = country
            .and_then(country_code)
            .unwrap_or_else(|| DEFAULT_COUNTRY.to_string());
        let edition = self.editions.iter().find(|e| e.countries.contains(&code));
        let mut categories = (*self.common).clone();
        if let Some(edition) = edition {
            for category in &mut categories {
                category
                    .terms
                    .retain(|t| !edition.drop.iter().any(|d| d == t.as_str()));
                if let Some(added) = edition.categories.iter().find(|c| c.id == category.id) {
                    category.terms.extend(added.terms.iter().cloned());
                    category.exclude.extend(added.exclude.iter().cloned());
                }
            }
        }
        let hash = match edition {
            // Every country without an edition is matched alike.
            None => self.file_hash.clone(),
            Some(_) => crate::fingerprint::content_hash(
                format!("{} edition {code}", self.file_hash).as_bytes(),
            ),
        };
        let rules = self
            .all_rules
            .iter()
            .filter(|r| r.countries.is_empty() || r.countries.contains(&code))
            .cloned()
            .collect();
        let asks = self
            .all_asks
            .iter()
            .filter(|a| !edition.is_some_and(|e| e.drop_asks.contains(&a.id)))
            .cloned()
            .collect();
        Lexicon {
            hash,
            categories,
            asks,
            rules,
            edition: edition.map(|_| code),
            ..self.clone()
        }
    }

    /// The country code whose edition is applied, if one is.
    pub fn edition(&self) -> Option<&str> {
        self.edition.as_deref()
    }

    /// Every country edition the file holds, in file order.
    pub fn editions(&self) -> &[Edition] {
        &self.editions
    }

    /// The lexicon's name from `[lexicon]`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The lexicon's version from `[lexicon]`, recorded in reports so counts can be traced.
    pub fn version(&self) -> &str {
        &self.version
    }

    /// The language of its terms (`[lexicon] language`), when declared: a
    /// document in another language is reported as not matched rather than
    /// counted. Without one, every document is matched.
    pub fn language(&self) -> Option<crate::language::Language> {
        self.language
    }

    /// The content hash of the lexicon's source text (`blake3:` and 64 hex
    /// digits) and, when an edition is applied, of its country: what cached
    /// results and JSON Lines parts are checked against, since an edit need
    /// not change the name or version, and another edition counts other
    /// terms.
    pub fn hash(&self) -> &str {
        &self.hash
    }

    /// Categories in file order; `CategoryId::index` indexes this slice.
    pub fn categories(&self) -> &[Category] {
        &self.categories
    }

    /// Asks in file order; `AskId::index` indexes this slice.
    pub fn asks(&self) -> &[Ask] {
        &self.asks
    }

    /// The sentence rules, in file order.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// Number of category terms over all categories.
    pub fn term_count(&self) -> usize {
        self.categories.iter().map(|c| c.terms.len()).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "[lexicon]\nname = \"Test\"\nversion = \"1\"\n";

    fn errors(body: &str) -> Vec<String> {
        match Lexicon::parse(&format!("{HEAD}{body}"), "t.toml") {
            Ok(_) => Vec::new(),
            Err(e) => e.diagnostics().iter().map(ToString::to_string).collect(),
        }
    }

    #[test]
    fn language_is_an_iso_code() {
        let lex = Lexicon::parse(
            "[lexicon]\nname = \"x\"\nversion = \"1\"\nlanguage = \"CYM\"\n",
            "l.toml",
        )
        .unwrap();
        assert_eq!(lex.language().map(|l| l.code()), Some("cy"));
        let err = Lexicon::parse(
            "[lexicon]\nname = \"x\"\nversion = \"1\"\nlanguage = \"English\"\n",
            "l.toml",
        )
        .unwrap_err();
        assert!(
            err.to_string()
                .contains("l.toml:4:12: `language` must be an ISO 639 code"),
            "{err}"
        );
        let none = Lexicon::parse("[lexicon]\nname = \"x\"\nversion = \"1\"\n", "l.toml").unwrap();
        assert_eq!(none.language(), None);
    }

    #[test]
    fn parses_the_issue_example() {
        let src = format!(
            "{HEAD}\n[[category]]\nid = \"co-operatives\"\nlabel = \"Co-operatives and mutuals\"\n\
             note = \"Co-operatives UK\"\n\
             terms = [\"co-operative*\", \"co-op\", \"co-ops\", \"cooperative*\", \"mutuals\", \
             \"mutualis*\", \"community benefit societ*\"]\nexclude = [\"mutual respect\"]\n\
             case_sensitive = [\"CIC\", \"CICs\"]\n\n[[category]]\nid = \"social-finance\"\n\
             label = \"Social finance\"\nterms = [\"credit union*\"]\n\n[[ask]]\n\
             id = \"credit-unions-loan-sharks\"\nlabel = \"Credit unions\"\n\
             category = \"social-finance\"\nall = [\"credit union*\"]\n\
             any = [\"loan shark*\", \"proceeds of crime\", \"payday\"]\n"
        );
        let lex = Lexicon::parse(&src, "x.toml").unwrap();
        assert_eq!((lex.name(), lex.version()), ("Test", "1"));
        assert_eq!(lex.categories().len(), 2);
        let co = &lex.categories()[0];
        assert_eq!(co.terms.len(), 9);
        assert_eq!(co.terms[7].as_str(), "CIC");
        assert!(co.terms[7].is_case_sensitive() && !co.terms[0].is_case_sensitive());
        assert_eq!(co.exclude[0].as_str(), "mutual respect");
        assert_eq!(co.note.as_deref(), Some("Co-operatives UK"));
        assert_eq!(lex.asks()[0].any.len(), 3);
        assert_eq!(lex.asks()[0].category.as_deref(), Some("social-finance"));
        assert_eq!(lex.term_count(), 10);
    }

    #[test]
    fn star_misplaced() {
        let e = errors("[[category]]\nid = \"a\"\nlabel = \"A\"\nterms = [\"ok\", \"co*op\"]\n");
        assert_eq!(
            e,
            ["t.toml:7:19: term \"co*op\": `*` may only end a word (as in \"co-operative*\")"]
        );
        let e = errors("[[category]]\nid = \"a\"\nlabel = \"A\"\nterms = [\"*op\"]\n");
        assert_eq!(e.len(), 1);
        assert!(e[0].starts_with("t.toml:7:11: term \"*op\""), "{e:?}");
    }

    #[test]
    fn empty_term() {
        let e = errors("[[category]]\nid = \"a\"\nlabel = \"A\"\nterms = [\"x\", \"\"]\n");
        assert_eq!(e, ["t.toml:7:16: term \"\": empty term"]);
    }

    #[test]
    fn duplicate_term_in_one_category() {
        let e = errors(
            "[[category]]\nid = \"a\"\nlabel = \"A\"\nterms = [\"co-op\",\n  \"Co\u{2013}op\"]\n",
        );
        assert_eq!(
            e,
            ["t.toml:8:4: term \"Co\u{2013}op\" is listed twice in this category (first at line 7)"]
        );
    }

    #[test]
    fn duplicate_exclude_in_an_ask() {
        let e = errors(
            "[[ask]]\nid = \"q\"\nlabel = \"Q\"\nany = [\"energy\"]\n\
             exclude = [\"energy efficiency\",\n  \"Energy Efficiency\"]\n",
        );
        assert_eq!(
            e,
            ["t.toml:9:4: exclude \"Energy Efficiency\" is listed twice (also line 8)"]
        );
    }

    #[test]
    fn a_term_may_be_in_several_categories() {
        let src = "[lexicon]\nname = \"t\"\nversion = \"1\"\n\
             [[category]]\nid = \"a\"\nlabel = \"A\"\nterms = [\"mutual\"]\n\
             [[category]]\nid = \"b\"\nlabel = \"B\"\nterms = [\"MUTUAL\"]\n";
        let lexicon = Lexicon::parse(src, "t.toml").unwrap();
        assert_eq!(lexicon.categories()[1].terms[0].as_str(), "MUTUAL");
        // ...but written the same way in each: not case-sensitive in one only.
        let e = errors(
            "[[category]]\nid = \"a\"\nlabel = \"A\"\nterms = [\"cic\"]\n\
             [[category]]\nid = \"b\"\nlabel = \"B\"\ncase_sensitive = [\"CIC\"]\n",
        );
        assert_eq!(
            e,
            ["t.toml:11:20: term \"CIC\" is under `case_sensitive` here but under `terms` in \
              category \"a\" (line 7); a term in several categories must match the same text in each"]
        );
    }

    #[test]
    fn case_sensitive_terms_differing_in_case_coexist() {
        assert!(errors(
            "[[category]]\nid = \"a\"\nlabel = \"A\"\ncase_sensitive = [\"US\", \"Us\"]\n"
        )
        .is_empty());
        let e = errors(
            "[[category]]\nid = \"a\"\nlabel = \"A\"\nterms = [\"cic\"]\ncase_sensitive = [\"CIC\"]\n",
        );
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(
            e[0].starts_with("t.toml:8:20: term \"CIC\" is listed twice"),
            "{e:?}"
        );
    }

    #[test]
    fn unknown_keys_everywhere() {
        let top = Lexicon::parse(&format!("colour = 1\n{HEAD}"), "t.toml").unwrap_err();
        assert_eq!(
            top.to_string(),
            "t.toml:1:1: unknown key `colour` in the file (expected one of: lexicon, category, ask, rule, edition)"
        );
        let e = errors(
            "colour = 1\n[[category]]\nid = \"a\"\nlabel = \"A\"\nterm = [\"x\"]\n\
             [[ask]]\nid = \"q\"\nlabel = \"Q\"\nall = [\"x\"]\nsome = [\"y\"]\n",
        );
        assert_eq!(
            e,
            [
                "t.toml:4:1: unknown key `colour` in [lexicon] (expected one of: name, version, language, note)",
                "t.toml:8:1: unknown key `term` in [[category]] (expected one of: id, label, note, terms, case_sensitive, exclude)",
                "t.toml:13:1: unknown key `some` in [[ask]] (expected one of: id, label, category, note, all, any, exclude)",
            ]
        );
        let e = Lexicon::parse(
            "[lexicon]\nname = \"x\"\nversion = \"1\"\nauthor = \"me\"\n",
            "h.toml",
        )
        .unwrap_err();
        assert_eq!(e.diagnostics()[0].line, 4);
        assert_eq!(e.diagnostics()[0].column, 1);
    }

    #[test]
    fn duplicate_category_id() {
        let e = errors(
            "[[category]]\nid = \"a\"\nlabel = \"A\"\n[[category]]\nid = \"a\"\nlabel = \"B\"\n",
        );
        assert_eq!(e, ["t.toml:8:6: category id \"a\" is used twice"]);
    }

    #[test]
    fn ask_naming_unknown_category() {
        let e = errors(
            "[[category]]\nid = \"a\"\nlabel = \"A\"\n[[ask]]\nid = \"q\"\nlabel = \"Q\"\n\
             category = \"nope\"\nall = [\"x\"]\n",
        );
        assert_eq!(
            e,
            ["t.toml:10:12: ask \"q\" names unknown category \"nope\""]
        );
    }

    #[test]
    fn ask_problems() {
        let e = errors(
            "[[ask]]\nid = \"q\"\nlabel = \"Q\"\n\n[[ask]]\nid = \"q\"\nlabel = \"R\"\nall = [\"x\"]\n\
             [[ask]]\nid = \"r\"\nlabel = \"R\"\nall = [\"loan shark*\"]\nany = [\"Loan Shark*\"]\n",
        );
        assert_eq!(
            e,
            [
                "t.toml:4:1: ask \"q\" needs terms in `all` or `any`",
                "t.toml:9:6: ask id \"q\" is used twice",
                "t.toml:16:9: term \"Loan Shark*\" is listed twice in ask \"r\" (first at line 15)",
            ]
        );
    }

    #[test]
    fn bad_toml() {
        let e = errors("[[category]\nid = \"a\"\n");
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(e[0].starts_with("t.toml:4:"), "{e:?}");
        assert!(e[0].contains("invalid TOML"), "{e:?}");
        let e = Lexicon::parse("[lexicon]\nname = \"x\nversion = 2\n", "b.toml").unwrap_err();
        assert_eq!(e.diagnostics()[0].line, 2, "{e}");
    }

    #[test]
    fn wrong_types_and_missing_fields() {
        let e = errors("[[category]]\nid = \"a\"\nterms = \"co-op\"\n");
        assert_eq!(
            e,
            [
                "t.toml:4:1: category \"a\" needs a `label`",
                "t.toml:6:9: `terms` must be a list of strings, not string",
            ]
        );
        let e = Lexicon::parse("", "e.toml").unwrap_err();
        assert_eq!(
            e.to_string(),
            "e.toml:1:1: missing [lexicon] table with `name` and `version`"
        );
    }

    #[test]
    fn lenient_parse_keeps_the_good_entries() {
        let src = format!(
            "{HEAD}[[category]]\nid = \"a\"\nlabel = \"A\"\nterms = [\"good\", \"b*d\", \"fine\"]\n"
        );
        let (lex, diags) = Lexicon::parse_lenient(&src, "l.toml");
        assert_eq!(diags.len(), 1);
        let kept: Vec<_> = lex.categories()[0].terms.iter().map(Term::as_str).collect();
        assert_eq!(kept, ["good", "fine"]);
    }

    #[test]
    fn columns_count_characters_and_escapes_fall_back_to_the_quote() {
        let e = errors("[[category]]\nid = \"a\"\nlabel = \"\u{E9}\u{E9}\"\nterms = [\"caf\u{E9}\", \"x*y\"]\n");
        assert_eq!(e.len(), 1);
        assert!(e[0].starts_with("t.toml:7:20:"), "{e:?}");
        let e = errors("[[category]]\nid = \"a\"\nlabel = \"A\"\nterms = [\"\\u0041*b\"]\n");
        assert!(e[0].starts_with("t.toml:7:10:"), "{e:?}");
    }

    #[test]
    fn load_names_the_path() {
        let err = Lexicon::load(std::path::Path::new("/nonexistent/k.toml")).unwrap_err();
        assert!(err
            .to_string()
            .starts_with("/nonexistent/k.toml: cannot read lexicon"));
    }

    #[test]
    fn sample_fixture_loads() {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/lexicon/sample.toml");
        let lex = Lexicon::load(&path).unwrap();
        assert_eq!(lex.categories().len(), 5);
        assert!(lex.term_count() >= 40);
        assert_eq!(lex.asks().len(), 2);
    }

    #[test]
    fn rules_parse_with_their_cues() {
        let src = format!(
            "{HEAD}[[category]]\nid = \"v\"\nlabel = \"V\"\nterms = [\"social value\"]\n\
             [[rule]]\nid = \"buying\"\nlabel = \"B\"\ncategory = \"v\"\nnote = \"why\"\n\
             cues = [[\"procure*\", \"procurement\"], [\"local jobs\"]]\nwithin = 12\n\
             exclude = [\"procurement reform\"]\n"
        );
        let lex = Lexicon::parse(&src, "r.toml").unwrap();
        let [rule] = lex.rules() else {
            panic!("{:?}", lex.rules())
        };
        assert_eq!((rule.id.as_str(), rule.category.as_str()), ("buying", "v"));
        assert_eq!(rule.cues.len(), 2);
        assert_eq!(rule.cues[0][1].as_str(), "procurement");
        assert_eq!(rule.within, Some(12));
        assert_eq!(rule.exclude[0].as_str(), "procurement reform");
        assert_eq!(rule.note.as_deref(), Some("why"));
        // Rules are not terms.
        assert_eq!(lex.term_count(), 1);
    }

    #[test]
    fn rule_mistakes_are_reported_with_their_place() {
        let cat = "[[category]]\nid = \"v\"\nlabel = \"V\"\nterms = [\"x\"]\n";
        let rule =
            |body: &str| errors(&format!("{cat}[[rule]]\nid = \"r\"\nlabel = \"R\"\n{body}"));
        assert_eq!(
            rule("cues = [[\"a\"], [\"b\"]]\n"),
            ["t.toml:8:1: rule \"r\" needs a `category`"]
        );
        assert_eq!(
            rule("category = \"w\"\ncues = [[\"a\"], [\"b\"]]\n"),
            ["t.toml:11:12: rule \"r\" names unknown category \"w\""]
        );
        let one = rule("category = \"v\"\ncues = [[\"a\", \"b\"]]\n");
        assert_eq!(one.len(), 1);
        assert!(
            one[0].starts_with("t.toml:12:8: rule \"r\" needs `cues`: at least two lists"),
            "{one:?}"
        );
        let empty = rule("category = \"v\"\ncues = [[\"a\"], []]\n");
        assert!(empty[0].contains("none empty"), "{empty:?}");
        assert_eq!(
            rule("category = \"v\"\ncues = [\"a\", \"b\"]\n"),
            [
                "t.toml:12:8: rule \"r\" needs `cues`: at least two lists, none empty (for a single list, add the terms to the category)",
                "t.toml:12:9: `cues` must be a list of lists of strings, as in [[\"procurement\"], [\"local jobs\", \"locally\"]]",
                "t.toml:12:14: `cues` must be a list of lists of strings, as in [[\"procurement\"], [\"local jobs\", \"locally\"]]",
            ]
        );
        assert_eq!(
            rule("category = \"v\"\ncues = [[\"a\"], [\"b\", \"A\"]]\nwithin = 0\n"),
            [
                "t.toml:12:23: term \"A\" is listed twice in rule \"r\" (first at line 12)",
                "t.toml:13:10: `within` must be a whole number of words above 0",
            ]
        );
        assert_eq!(
            rule("category = \"v\"\ncues = [[\"a\"], [\"b\"]]\nwithin = \"near\"\n"),
            ["t.toml:13:10: `within` must be a number of words, not string"]
        );
        assert_eq!(
            rule("category = \"v\"\ncues = [[\"a\"], [\"b\"]]\nterms = []\n"),
            ["t.toml:13:1: unknown key `terms` in [[rule]] (expected one of: id, label, category, note, cues, within, exclude, countries)"]
        );
        let twice = errors(&format!(
            "{cat}[[rule]]\nid = \"r\"\nlabel = \"R\"\ncategory = \"v\"\ncues = [[\"a\"], [\"b\"]]\n\
             [[rule]]\nid = \"r\"\nlabel = \"R\"\ncategory = \"v\"\ncues = [[\"a\"], [\"b\"]]\n"
        ));
        assert_eq!(twice, ["t.toml:14:6: rule id \"r\" is used twice"]);
    }

    #[test]
    fn builtin_is_clean() {
        let (_, diags) = Lexicon::parse_lenient(parse::BUILTIN, "keywords/social-economy.toml");
        assert!(diags.is_empty(), "{diags:?}");
    }
}
