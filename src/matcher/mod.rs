//! Matcher: a [`Lexicon`] compiled once, then run over body text to find mentions and asks.
//!
//! Takes body text (lines separated by `\n`, words by spaces, hyphens possibly left at line
//! ends) and returns [`Hit`]s (byte ranges of the text passed in, one per counted mention) and
//! [`AskHit`]s (asks satisfied per sentence). It does not know about pages, layout, sentence
//! splitting (the caller passes sentence ranges) or reports. Build it once; it is cheap to
//! clone and can be shared between threads.
//!
//! # The matching contract
//!
//! These rules are what the counts mean. Each is pinned by the labelled table in this
//! module's tests and by the examples below.
//!
//! 1. **Terms.** A term is one or more words separated by single spaces. A word is letters
//!    and digits, with inner hyphens and apostrophes (an apostrophe may also end a word, as in
//!    "supporters' trusts"); `*` may end a word and stands for zero or more further letters
//!    or digits. Anything else is a lexicon error (see [`crate::lexicon`]).
//! 2. **Case.** Unicode default case folding ("ß" matches "SS"), except for a category's
//!    `case_sensitive` terms, which must match with their case.
//! 3. **Whole words.** The characters just before and just after a match are not letters,
//!    digits or combining marks. So "co-op" does not match inside "co-opt" and "mutual" not
//!    inside "mutually" (but "mutual*" does), while punctuation is a boundary: "co-op"
//!    matches in "the co-op's members" and in "co-op-led". A hyphen is punctuation too, so
//!    "operative" matches in "co-operative": write the longer term (rule 5 then takes it).
//! 4. **Spacing, hyphens, quotes.** Between the words of a term any run of white space
//!    matches (line breaks included). A hyphen in a term matches any hyphen or dash used as
//!    one (`-`, U+2010, U+2011, U+2012, U+2013, U+2212, U+FE63, U+FF0D; not the em dash),
//!    any run of white space, or a hyphen at a line end ("co-⏎operative"). A space in a term
//!    does not match a hyphen. Straight and curly apostrophes are the same character, and
//!    an apostrophe ending a word (a plural possessive, a closing quote) is optional on
//!    both sides: "supporters trust*" matches "supporters’ trusts" and "supporters' trust*"
//!    matches "supporters trusts"; an apostrophe inside a word ("people's") must match. Soft
//!    hyphens (U+00AD) are ignored, Latin ligatures ("ﬁ") and full-width forms match their
//!    plain letters.
//! 5. **Overlaps.** Leftmost-longest across the whole lexicon, decided after `*` has taken
//!    its letters: each stretch of text counts once, for the longest term matching there.
//!    Between terms matching exactly the same stretch, a term without `*` wins, then the one
//!    whose hyphens matched as written, then the one earlier in the file.
//! 6. **Exclusions.** A match lying inside a match of one of its category's `exclude`
//!    phrases does not count for that category. A match that counts for none of its term's
//!    categories is dropped before overlaps are resolved, so it hides nothing.
//! 7. **Terms and categories.** Each hit names its term ([`TermId`]). A term belongs to one
//!    category or to several ([`Matcher::term_categories`]): a match counts once as a
//!    mention and once in each category it counts for ([`Matcher::hit_categories`]), so the
//!    counts of the categories may add up to more than the mentions.
//! 8. **Asks.** Judged per sentence: a sentence satisfies an ask when it holds a match of
//!    every `all` term and, where `any` is given, of at least one `any` term. Ask terms match
//!    on their own: a longer category term over the same words does not hide them, nor do
//!    other ask terms. A match counts for the sentence holding all of it, and not for an
//!    ask when it lies inside a match of one of that ask's own `exclude` phrases.
//! 9. **Rules.** Judged per sentence like asks, by [`Matcher::scan`] only (it has the
//!    sentences): a sentence holding a match from every `cues` list of a rule, matched like
//!    ask terms and with the rule's own `exclude` phrases, counts one mention of the rule's
//!    category, named `rule:ID` ([`Matcher::term_text`]), unless the sentence already counts
//!    a mention of that category (of a term, or of an earlier rule). The mention is placed
//!    on the first match of the first cue list that overlaps no other mention; when every
//!    one does, the rule adds nothing. With `within = N`, only a match of the first list
//!    with a match of each other list at most N words away (words strictly between them)
//!    counts.
//!
//! ```
//! use manifesto_mashup::lexicon::Lexicon;
//! use manifesto_mashup::matcher::Matcher;
//!
//! let lexicon = Lexicon::parse(r#"
//!     [lexicon]
//!     name = "demo"
//!     version = "1"
//!     [[category]]
//!     id = "value"
//!     label = "Social value"
//!     terms = ["social value", "Social Value Act", "co-operative*"]
//!     exclude = ["co-operative spirit"]
//! "#, "demo.toml").unwrap();
//! let matcher = Matcher::new(&lexicon).unwrap();
//! let text = "The Social Value Act, social\nvalue and Co\u{2013}operatives; a co-\noperative spirit.";
//! let found: Vec<(&str, &str)> = matcher
//!     .find_mentions(text)
//!     .iter()
//!     .map(|h| (matcher.term_text(h.term), &text[h.start..h.end]))
//!     .collect();
//! assert_eq!(found, [
//!     ("Social Value Act", "Social Value Act"),   // rule 5: not also "social value"
//!     ("social value", "social\nvalue"),          // rule 4: any white space
//!     ("co-operative*", "Co\u{2013}operatives"),  // rules 2, 4 and the wildcard
//! ]);                                             // rule 6: the last one is excluded
//! ```
//!
//! Asks are judged per sentence, on ranges the caller makes:
//!
//! ```
//! # use manifesto_mashup::lexicon::Lexicon;
//! # use manifesto_mashup::matcher::Matcher;
//! let lexicon = Lexicon::parse(r#"
//!     [lexicon]
//!     name = "demo"
//!     version = "1"
//!     [[ask]]
//!     id = "cu"
//!     label = "Credit unions against loan sharks"
//!     all = ["credit union*"]
//!     any = ["loan shark*", "payday"]
//! "#, "demo.toml").unwrap();
//! let matcher = Matcher::new(&lexicon).unwrap();
//! let text = "Credit unions help. Fund credit unions from loan sharks' assets.";
//! let asks = matcher.find_asks(text, &[0..20, 20..text.len()]);
//! assert_eq!(asks.len(), 1);
//! assert_eq!((asks[0].ask.index(), asks[0].sentence), (0, 1));
//! ```

mod normalize;
mod pattern;
mod search;

use std::sync::Arc;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use crate::lexicon::Lexicon;
use pattern::Pattern;

/// Identifies a category term: indexes `0..Matcher::term_count()`, in lexicon order
/// (categories in file order, each category's `terms` then its `case_sensitive` terms).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TermId(u32);

impl TermId {
    /// The position of the term in lexicon order.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// Identifies a category: an index into [`Lexicon::categories`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CategoryId(u32);

impl CategoryId {
    /// The position of the category in [`Lexicon::categories`].
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// Identifies an ask: an index into [`Lexicon::asks`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AskId(u32);

impl AskId {
    /// The position of the ask in [`Lexicon::asks`].
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// One counted mention: a category term and the byte range of the text it matched
/// (`start <= end`, both on character boundaries of the text passed in). The categories it
/// counts for are [`Matcher::hit_categories`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    /// The term that matched.
    pub term: TermId,
    /// Byte offset of the first matched character.
    pub start: usize,
    /// Byte offset just past the last matched character.
    pub end: usize,
    /// Bit `k` set: the `k`th category of the term does not count this match (rule 6). A
    /// term is in at most [`crate::lexicon::MAX_TERM_CATEGORIES`] categories.
    excluded: u64,
}

/// An ask satisfied by a sentence: `sentence` indexes the ranges given to
/// [`Matcher::find_asks`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AskHit {
    /// The ask satisfied.
    pub ask: AskId,
    /// Index of the sentence range that satisfies it.
    pub sentence: usize,
}

/// Building the automata failed; only possible for enormous lexicons.
#[derive(Debug, thiserror::Error)]
#[error("cannot compile the lexicon: {0}")]
pub struct MatcherError(#[from] aho_corasick::BuildError);

/// What a pattern counts for.
#[derive(Clone, Copy, Debug)]
enum Target {
    Term(TermId),
    Exclude(CategoryId),
    AskTerm(usize),
    /// An `exclude` phrase of the sentence test (ask, then rule) with this index.
    AskExclude(usize),
}

/// An automaton over anchors and, per anchor, which pattern it starts and its spacing.
struct Automaton {
    ac: AhoCorasick,
    anchors: Vec<(usize, u32)>,
}

impl Automaton {
    fn new(patterns: &[Pattern], which: impl Iterator<Item = usize>) -> Result<Self, MatcherError> {
        let mut literals = Vec::new();
        let mut anchors = Vec::new();
        for p in which {
            for (bytes, spaced) in patterns[p].anchors() {
                literals.push(bytes);
                anchors.push((p, spaced));
            }
        }
        // A DFA costs one table look-up per byte of text, which matters because overlapping
        // search (every candidate, for leftmost-longest across wildcards and exclusions) is
        // most of the matching time: with the default lexicon it runs about 1.6 times faster
        // than the NFA that the automatic choice picks above ~100 patterns. An imported
        // dictionary too large for a DFA falls back to that choice.
        let mut builder = AhoCorasick::builder();
        builder.match_kind(MatchKind::Standard);
        let ac = match builder.kind(Some(AhoCorasickKind::DFA)).build(&literals) {
            Ok(ac) => ac,
            Err(_) => builder.kind(None).build(&literals)?,
        };
        Ok(Automaton { ac, anchors })
    }
}

/// An ask or a rule, judged per sentence.
struct SentenceTest {
    /// Groups of ask-term indices; every group needs a match of one of its terms.
    groups: Vec<Vec<usize>>,
    /// A rule's `within`: the most words between the match of the first group and one of
    /// each other group.
    within: Option<usize>,
}

/// The compiled lexicon.
struct Inner {
    patterns: Vec<Pattern>,
    targets: Vec<Target>,
    term_text: Vec<String>,
    /// Per term, the categories it belongs to, in lexicon order.
    term_categories: Vec<Vec<CategoryId>>,
    /// Every pattern, category terms and ask terms alike: the text is searched once and
    /// each candidate goes where its target says.
    automaton: Automaton,
    ask_term_count: usize,
    /// Per-sentence tests, asks first (`0..asks`), then rules: each a list of groups of ask
    /// terms, every group needing a match of one of its terms. An ask's `all` terms are a
    /// group each and its `any` terms one group; a rule's cue lists are its groups.
    tests: Vec<SentenceTest>,
    /// Per ask term, the tests whose first group holds it, ascending: only these can pass
    /// in a sentence where it is the first group's match (a test with no group passes
    /// wherever any ask term is, and is listed under every term).
    tests_by_first_term: Vec<Vec<usize>>,
    asks: usize,
    /// The [`TermId`] of the first rule's mentions; rule `r` is `first_rule + r`.
    first_rule: usize,
}

/// A lexicon compiled for matching. Cloning is cheap (an `Arc`), and it is `Send + Sync`.
#[derive(Clone)]
pub struct Matcher {
    inner: Arc<Inner>,
}

impl Inner {
    fn term_categories(&self, id: TermId) -> &[CategoryId] {
        self.term_categories
            .get(id.index())
            .map_or(&[], Vec::as_slice)
    }

    /// See [`Matcher::hit_categories`]; also used while rule mentions are placed.
    fn hit_categories(&self, hit: &Hit) -> impl Iterator<Item = CategoryId> + '_ {
        let excluded = hit.excluded;
        self.term_categories(hit.term)
            .iter()
            .enumerate()
            .filter(move |(k, _)| excluded & (1 << k) == 0)
            .map(|(_, c)| *c)
    }
}

impl std::fmt::Debug for Matcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Matcher")
            .field("terms", &self.inner.term_text.len())
            .field("asks", &self.inner.asks)
            .field("rules", &(self.inner.tests.len() - self.inner.asks))
            .finish()
    }
}

impl Matcher {
    /// Compiles `lexicon`. Fails only if the automaton would be too large.
    pub fn new(lexicon: &Lexicon) -> Result<Matcher, MatcherError> {
        let mut patterns = Vec::new();
        let mut targets = Vec::new();
        let mut term_text = Vec::new();
        let mut term_categories: Vec<Vec<CategoryId>> = Vec::new();
        // A term listed in several categories is one pattern: the same key (and, for
        // case-sensitive terms, the same exact form) is the same term.
        let mut term_index: std::collections::HashMap<(Vec<u8>, Option<Vec<u8>>), TermId> =
            std::collections::HashMap::new();
        for (c, category) in lexicon.categories().iter().enumerate() {
            for term in &category.terms {
                let key = (
                    crate::lexicon::fold::term_key(term.as_str(), true),
                    term.is_case_sensitive()
                        .then(|| crate::lexicon::fold::term_key(term.as_str(), false)),
                );
                let id = *term_index.entry(key).or_insert_with(|| {
                    let id = TermId(term_text.len() as u32);
                    targets.push(Target::Term(id));
                    patterns.push(Pattern::new(term.as_str(), term.is_case_sensitive()));
                    term_text.push(term.as_str().to_string());
                    term_categories.push(Vec::new());
                    id
                });
                term_categories[id.index()].push(CategoryId(c as u32));
            }
        }
        // A rule's mentions are named by a term id of their own after the terms.
        let first_rule = term_text.len();
        for rule in lexicon.rules() {
            let category = lexicon
                .categories()
                .iter()
                .position(|c| c.id == rule.category);
            term_text.push(format!("rule:{}", rule.id));
            term_categories.push(category.map(|c| CategoryId(c as u32)).into_iter().collect());
        }
        for (c, category) in lexicon.categories().iter().enumerate() {
            for term in &category.exclude {
                targets.push(Target::Exclude(CategoryId(c as u32)));
                patterns.push(Pattern::new(term.as_str(), false));
            }
        }
        let mention_patterns = patterns.len();
        // Ask terms shared by several asks are matched once.
        let mut ask_term_index = std::collections::HashMap::new();
        let mut tests: Vec<SentenceTest> = Vec::new();
        let mut index = |term: &crate::lexicon::Term| {
            let key = crate::lexicon::fold::term_key(term.as_str(), true);
            *ask_term_index.entry(key).or_insert_with(|| {
                let k = targets.len() - mention_patterns;
                targets.push(Target::AskTerm(k));
                patterns.push(Pattern::new(term.as_str(), false));
                k
            })
        };
        for ask in lexicon.asks() {
            let mut groups: Vec<Vec<usize>> = ask
                .all
                .iter()
                .map(|alternatives| alternatives.iter().map(&mut index).collect())
                .collect();
            if !ask.any.is_empty() {
                groups.push(ask.any.iter().map(&mut index).collect());
            }
            tests.push(SentenceTest {
                groups,
                within: None,
            });
        }
        for rule in lexicon.rules() {
            let groups = rule
                .cues
                .iter()
                .map(|list| list.iter().map(&mut index).collect())
                .collect();
            tests.push(SentenceTest {
                groups,
                within: rule.within,
            });
        }
        let excludes = lexicon
            .asks()
            .iter()
            .map(|a| &a.exclude)
            .chain(lexicon.rules().iter().map(|r| &r.exclude));
        for (t, exclude) in excludes.enumerate() {
            for term in exclude {
                targets.push(Target::AskExclude(t));
                patterns.push(Pattern::new(term.as_str(), false));
            }
        }
        let automaton = Automaton::new(&patterns, 0..patterns.len())?;
        let ask_term_count = patterns.len() - mention_patterns;
        let mut tests_by_first_term = vec![Vec::new(); ask_term_count];
        for (t, test) in tests.iter().enumerate() {
            match test.groups.first() {
                Some(first) => {
                    for &k in first {
                        if let Some(listed) = tests_by_first_term.get_mut(k) {
                            listed.push(t);
                        }
                    }
                }
                None => tests_by_first_term
                    .iter_mut()
                    .for_each(|listed| listed.push(t)),
            }
        }
        for listed in &mut tests_by_first_term {
            listed.dedup();
        }
        Ok(Matcher {
            inner: Arc::new(Inner {
                ask_term_count,
                tests_by_first_term,
                patterns,
                targets,
                term_text,
                term_categories,
                automaton,
                tests,
                asks: lexicon.asks().len(),
                first_rule,
            }),
        })
    }

    /// The term as written in the lexicon (the key of per-term counts), or `rule:ID` for the
    /// mentions of a rule.
    pub fn term_text(&self, id: TermId) -> &str {
        self.inner
            .term_text
            .get(id.index())
            .map_or("", String::as_str)
    }

    /// The categories a term belongs to, in lexicon order (one, or several).
    pub fn term_categories(&self, id: TermId) -> &[CategoryId] {
        self.inner.term_categories(id)
    }

    /// The categories a hit counts for: its term's, less those whose `exclude` phrases hold
    /// the match (rule 6). Never empty for a hit this matcher found.
    pub fn hit_categories(&self, hit: &Hit) -> impl Iterator<Item = CategoryId> + '_ {
        self.inner.hit_categories(hit)
    }

    /// Number of category terms and rules; [`TermId`]s index `0..term_count()`, terms in
    /// lexicon order and then one per rule.
    pub fn term_count(&self) -> usize {
        self.inner.term_text.len()
    }

    /// Whether a hit's term is a rule (rule 9) rather than a lexicon term.
    pub fn is_rule(&self, id: TermId) -> bool {
        id.index() >= self.inner.first_rule
    }

    /// All term ids (terms, then rules), in lexicon order.
    pub fn term_ids(&self) -> impl Iterator<Item = TermId> {
        (0..self.term_count() as u32).map(TermId)
    }

    /// Number of asks; [`AskId`]s index `0..ask_count()`.
    pub fn ask_count(&self) -> usize {
        self.inner.asks
    }
}

#[cfg(test)]
mod differential;
#[cfg(test)]
mod properties;
#[cfg(test)]
mod tests;

#[cfg(test)]
mod oibits {
    use super::*;
    use std::panic::{RefUnwindSafe, UnwindSafe};

    fn assert_all<T: Send + Sync + UnwindSafe + RefUnwindSafe>() {}
    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn public_types_can_be_shared() {
        assert_all::<Matcher>();
        assert_all::<Hit>();
        assert_all::<AskHit>();
        assert_all::<TermId>();
        assert_all::<CategoryId>();
        assert_all::<AskId>();
        assert_all::<MatcherError>();
        assert_all::<Lexicon>();
        // Holds an io::Error, which (like std's) is not UnwindSafe.
        assert_send_sync::<crate::lexicon::LexiconError>();
    }
}
