//! The mash-up: for each category and each ask, each party's best quote.
//! Chosen once, when the report is built, so every format shows the same
//! quote (the ranking rule is in the module doc of [`crate::report`]).

use super::{Labelled, PartyTotals};
use crate::pledge::{Judgement, Pledge, Stance};
use crate::results::{DocResult, Status};
use serde::{Deserialize, Serialize};
use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet};

/// The best quotes, theme by theme.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mashup {
    /// One entry per lexicon category, in lexicon order.
    pub categories: Vec<Theme>,
    /// One entry per ask, in lexicon order.
    pub asks: Vec<Theme>,
}

/// One category or ask, with every party's best quote for it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Theme {
    /// The category or ask id.
    pub id: String,
    /// One entry per party, in the order of the report's `parties`.
    pub parties: Vec<PartyQuote>,
}

/// A party's best quote for a theme, at one election.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartyQuote {
    /// The party.
    pub party: String,
    /// The election, as in the report's `parties`.
    pub election: Option<String>,
    /// `None` when the party has nothing for the theme.
    pub quote: Option<Quote>,
}

/// A quoted sentence and where it is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// The document's path.
    pub document: String,
    /// 1-based page.
    pub page: u32,
    /// 0-based sentence index on the page.
    pub sentence: u32,
    /// The sentence as quoted in the excerpt.
    pub text: String,
    /// Whether the sentence is a pledge.
    pub pledge: bool,
    /// The pledge's stance, when known.
    pub stance: Option<Stance>,
    /// Whether the sentence, not a pledge, demands action of others.
    pub proposal: bool,
    /// Distinct lexicon terms in the sentence (all categories).
    pub distinct_terms: u32,
    /// A whole sentence a reader can quote (see [`is_whole`]): not a
    /// heading, not a fragment cut at a column or page break, no unreadable
    /// character.
    #[serde(default)]
    pub whole: bool,
    /// The sentence also meets one of the coalition's asks (always, for an
    /// ask's quote).
    #[serde(default)]
    pub meets_ask: bool,
}

/// A quote of this many words or more, and of no more than
/// [`LONGEST_READABLE`], reads as a sentence rather than a phrase or a
/// paragraph run together.
const SHORTEST_READABLE: usize = 6;

/// See [`SHORTEST_READABLE`].
const LONGEST_READABLE: usize = 60;

impl Quote {
    /// What the quoted sentence does: a pledge (with its stance), a
    /// proposal, or a mention; the badge reports put on it.
    pub fn judgement(&self) -> Judgement {
        if self.pledge {
            Judgement::Pledge(Pledge {
                stance: self.stance,
            })
        } else if self.proposal {
            Judgement::Proposal
        } else {
            Judgement::Mention
        }
    }

    /// Better quotes sort first, by the score the report's module doc
    /// gives: a whole sentence, then a pledge, then a proposal, then one
    /// that meets an ask, then one of readable length, then the most
    /// distinct terms; ties by place.
    pub(crate) fn rank(&self) -> impl Ord + '_ {
        let words = self.text.split_whitespace().count();
        let readable = (SHORTEST_READABLE..=LONGEST_READABLE).contains(&words);
        (
            (
                Reverse(self.whole),
                Reverse(self.pledge),
                Reverse(self.proposal),
                Reverse(self.meets_ask),
                Reverse(readable),
                Reverse(self.distinct_terms),
            ),
            self.page,
            self.document.as_str(),
            self.sentence,
        )
    }
}

/// Whether `text` is a whole sentence to quote: it holds no U+FFFD; it is
/// not a heading (most of its letters capitals, or opening with three
/// words in capitals, a heading glued to the sentence after it); it starts
/// as a sentence or list item starts (not in lower case, unless after a
/// list marker); and it ends as one ends (a full stop, question or
/// exclamation mark, colon or semicolon, possibly inside quotes or
/// brackets, or an excerpt's closing ellipsis), or is a list item.
pub fn is_whole(text: &str) -> bool {
    let text = text.trim();
    if text.is_empty() || text.contains('\u{FFFD}') {
        return false;
    }
    let letters = text.chars().filter(|c| c.is_alphabetic());
    let (upper, all) = letters.fold((0, 0), |(u, a), c| {
        (u + usize::from(c.is_uppercase()), a + 1)
    });
    if all == 0 || upper * 10 >= all * 6 {
        return false;
    }
    let capital_words = text
        .split_whitespace()
        .take_while(|w| {
            let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
            letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
        })
        .count();
    if capital_words >= 3 {
        return false;
    }
    let first_word = text.split_whitespace().next().unwrap_or("");
    let list_item = crate::text::is_marker(first_word);
    let starts_well = list_item
        || text
            .chars()
            .find(|c| c.is_alphanumeric())
            .is_some_and(|c| !c.is_lowercase());
    let ends_well = list_item
        || text
            .trim_end_matches(['"', '\'', '\u{201D}', '\u{2019}', ')', ']'])
            .ends_with(['.', '!', '?', ':', ';', '\u{2026}']);
    starts_well && ends_well
}

/// Distinct terms per (page, sentence) of one document.
fn terms_per_sentence(doc: &DocResult) -> BTreeMap<(u32, u32), BTreeSet<&str>> {
    let mut map: BTreeMap<(u32, u32), BTreeSet<&str>> = BTreeMap::new();
    for e in &doc.excerpts {
        map.entry((e.page, e.sentence))
            .or_default()
            .insert(e.term.as_str());
    }
    map
}

/// Picks the best quotes one document at a time, keeping only the best so
/// far per theme and party: never every excerpt of an archive. The rank is a
/// total order (down to document and sentence), so the pick does not depend
/// on the order documents arrive in.
#[derive(Debug, Default)]
pub(crate) struct Picker {
    by_category: Best,
    by_ask: Best,
}

impl Picker {
    /// Considers every quote of a document that was read.
    pub(crate) fn add(&mut self, doc: &DocResult) {
        if doc.status != Status::Ok {
            return;
        }
        let terms = terms_per_sentence(doc);
        let asks_met: BTreeSet<(u32, u32)> = doc
            .ask_excerpts
            .iter()
            .map(|a| (a.page, a.sentence))
            .collect();
        let quote = |page: u32, sentence: u32, text: &str, pledge: bool, stance, proposal| Quote {
            document: doc.path.clone(),
            page,
            sentence,
            text: text.to_string(),
            pledge,
            stance,
            proposal,
            distinct_terms: terms.get(&(page, sentence)).map_or(0, |t| t.len() as u32),
            whole: is_whole(text),
            meets_ask: asks_met.contains(&(page, sentence)),
        };
        for e in &doc.excerpts {
            let quote = quote(e.page, e.sentence, &e.text, e.pledge, e.stance, e.proposal);
            // A mention of a term in several categories is a quote for each.
            for category in &e.categories {
                keep(&mut self.by_category, category, doc, quote.clone());
            }
        }
        for a in &doc.ask_excerpts {
            let quote = quote(a.page, a.sentence, &a.text, a.pledge, a.stance, a.proposal);
            keep(&mut self.by_ask, &a.ask, doc, quote);
        }
    }

    /// The mash-up: one theme per category and ask id, in the order given,
    /// with one entry per party in `parties` order.
    pub(crate) fn finish(
        mut self,
        categories: &[Labelled],
        asks: &[Labelled],
        parties: &[PartyTotals],
    ) -> Mashup {
        Mashup {
            categories: themes(
                categories.iter().map(|c| c.id.as_str()),
                parties,
                &mut self.by_category,
            ),
            asks: themes(
                asks.iter().map(|a| a.id.as_str()),
                parties,
                &mut self.by_ask,
            ),
        }
    }
}

impl Mashup {
    /// The best quote of `party` at `election` for category `id`.
    pub fn category_quote(&self, id: &str, party: &str, election: Option<&str>) -> Option<&Quote> {
        find(&self.categories, id, party, election)
    }

    /// The best quote of `party` at `election` for ask `id`.
    pub fn ask_quote(&self, id: &str, party: &str, election: Option<&str>) -> Option<&Quote> {
        find(&self.asks, id, party, election)
    }
}

/// The best quote so far per (theme id, party, election).
type Best = BTreeMap<(String, String, Option<String>), Quote>;

fn keep(best: &mut Best, id: &str, doc: &DocResult, quote: Quote) {
    let key = (id.to_string(), doc.party.clone(), doc.election.clone());
    match best.get(&key) {
        Some(held) if held.rank() <= quote.rank() => {}
        _ => {
            best.insert(key, quote);
        }
    }
}

fn themes<'a>(
    ids: impl Iterator<Item = &'a str>,
    parties: &[PartyTotals],
    best: &mut Best,
) -> Vec<Theme> {
    ids.map(|id| Theme {
        id: id.to_string(),
        parties: parties
            .iter()
            .map(|p| PartyQuote {
                party: p.party.clone(),
                election: p.election.clone(),
                quote: best.remove(&(id.to_string(), p.party.clone(), p.election.clone())),
            })
            .collect(),
    })
    .collect()
}

fn find<'a>(
    themes: &'a [Theme],
    id: &str,
    party: &str,
    election: Option<&str>,
) -> Option<&'a Quote> {
    themes
        .iter()
        .find(|t| t.id == id)?
        .parties
        .iter()
        .find(|p| p.party == party && p.election.as_deref() == election)?
        .quote
        .as_ref()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicon;
    use crate::report::Report;
    use crate::results::{AskExcerpt, Excerpt};
    use std::path::Path;

    fn lexicon() -> Lexicon {
        Lexicon::parse(
            r#"
            [lexicon]
            name = "t"
            version = "1"
            [[category]]
            id = "coops"
            label = "Co-operatives"
            terms = ["co-op*", "mutual*"]
            [[category]]
            id = "cu"
            label = "Credit unions"
            terms = ["credit union*"]
            [[ask]]
            id = "fund"
            label = "Fund co-ops"
            all = ["co-op*"]
            "#,
            "t.toml",
        )
        .unwrap()
    }

    fn excerpt(page: u32, sentence: u32, term: &str, pledge: bool) -> Excerpt {
        Excerpt {
            page,
            sentence,
            categories: vec![if term.starts_with("credit") {
                "cu".into()
            } else {
                "coops".into()
            }],
            term: term.into(),
            matched: term.into(),
            text: format!("p{page} s{sentence}"),
            pledge,
            stance: pledge.then_some(Stance::For),
            proposal: false,
        }
    }

    fn doc(path: &str, party: &str, excerpts: Vec<Excerpt>) -> DocResult {
        let mut d = DocResult::failed(Path::new(path), party, String::new());
        d.status = Status::Ok;
        d.error = None;
        d.counts.mentions = excerpts.len() as u64;
        d.excerpts = excerpts;
        d
    }

    fn best<'a>(report: &'a Report, category: &str, party: &str) -> Option<&'a str> {
        report
            .mashup
            .category_quote(category, party, None)
            .map(|q| q.text.as_str())
    }

    #[test]
    fn whole_sentences_are_told_from_headings_fragments_and_unreadable_text() {
        for whole in [
            "We will support co-operatives and mutuals.",
            "• make it easier for supporters' trusts to take control of clubs",
            "(ii) Further help the owner-occupiers through building societies;",
            "Labour will double the size of the co-operative sector (see page 12).",
            "Why not a co-operative?",
        ] {
            assert!(is_whole(whole), "{whole}");
        }
        for not in [
            "CO-OPERATIVES AND SOCIAL ENTERPRISES",
            "CO-OPERATIVES AND SOCIAL ENTERPRISES Labour will promote co-operatives.",
            "We will also use the unclaimed assets",
            "schemes, and give social housing tenants the right to own a share.",
            "We will support the na\u{FFFD}onal co-operative movement.",
            "",
        ] {
            assert!(!is_whole(not), "{not}");
        }
    }

    #[test]
    fn a_whole_mention_beats_a_pledge_cut_at_a_page_break() {
        let mut fragment = excerpt(1, 0, "co-op*", true);
        fragment.text = "We will also fund co-operatives through".into();
        let mut whole = excerpt(7, 3, "co-op*", false);
        whole.text = "Co-operatives are the future of the economy.".into();
        let report = Report::build(&lexicon(), vec![doc("a.pdf", "A", vec![fragment, whole])]);
        let quote = report.mashup.category_quote("coops", "A", None).unwrap();
        assert!(quote.whole && !quote.pledge, "{quote:?}");
    }

    #[test]
    fn among_whole_pledges_one_meeting_an_ask_wins() {
        let mut plain = excerpt(1, 0, "credit union*", true);
        plain.text = "We will back credit unions in every town.".into();
        let mut asked = excerpt(9, 1, "credit union*", true);
        asked.text = "We will back credit unions and fund co-operatives.".into();
        let mut d = doc("a.pdf", "A", vec![plain, asked]);
        d.ask_excerpts.push(AskExcerpt {
            ask: "fund".into(),
            page: 9,
            sentence: 1,
            text: "We will back credit unions and fund co-operatives.".into(),
            pledge: true,
            stance: Some(Stance::For),
            proposal: false,
        });
        let report = Report::build(&lexicon(), vec![d]);
        let quote = report.mashup.category_quote("cu", "A", None).unwrap();
        assert_eq!((quote.page, quote.meets_ask), (9, true), "{quote:?}");
    }

    #[test]
    fn a_pledge_beats_a_sentence_with_more_terms() {
        let d = doc(
            "a.pdf",
            "A",
            vec![
                excerpt(1, 0, "co-op*", false),
                excerpt(1, 0, "mutual*", false),
                excerpt(5, 2, "co-op*", true),
            ],
        );
        let report = Report::build(&lexicon(), vec![d]);
        assert_eq!(best(&report, "coops", "A"), Some("p5 s2"));
    }

    #[test]
    fn more_distinct_terms_win_then_the_earliest_page() {
        let d = doc(
            "a.pdf",
            "A",
            vec![
                excerpt(1, 0, "co-op*", false),
                excerpt(3, 1, "co-op*", false),
                excerpt(3, 1, "credit union*", false),
                excerpt(4, 0, "co-op*", false),
                excerpt(4, 0, "mutual*", false),
            ],
        );
        let report = Report::build(&lexicon(), vec![d]);
        // Pages 3 and 4 both hold two distinct terms; page 3 comes first.
        assert_eq!(best(&report, "coops", "A"), Some("p3 s1"));
        assert_eq!(best(&report, "cu", "A"), Some("p3 s1"));
    }

    #[test]
    fn same_term_twice_counts_once() {
        let d = doc(
            "a.pdf",
            "A",
            vec![
                excerpt(1, 0, "co-op*", false),
                excerpt(1, 0, "co-op*", false),
                excerpt(2, 0, "co-op*", false),
                excerpt(2, 0, "mutual*", false),
            ],
        );
        let report = Report::build(&lexicon(), vec![d]);
        assert_eq!(best(&report, "coops", "A"), Some("p2 s0"));
    }

    #[test]
    fn every_party_appears_and_unread_documents_give_nothing() {
        let a = doc("a.pdf", "A", vec![excerpt(1, 0, "co-op*", false)]);
        let mut b = doc("b.pdf", "B", vec![excerpt(1, 0, "co-op*", true)]);
        b.status = Status::NoTextLayer;
        let mut a2 = doc("a2.pdf", "A", vec![]);
        a2.ask_excerpts.push(AskExcerpt {
            page: 9,
            sentence: 0,
            ask: "fund".into(),
            text: "fund them".into(),
            pledge: true,
            stance: Some(Stance::For),
            proposal: false,
        });
        let report = Report::build(&lexicon(), vec![a, a2, b]);
        let theme = &report.mashup.categories[0];
        assert_eq!(theme.id, "coops");
        let parties: Vec<&str> = theme.parties.iter().map(|p| p.party.as_str()).collect();
        assert_eq!(parties, ["A", "B"]);
        assert_eq!(best(&report, "coops", "B"), None);
        assert_eq!(best(&report, "cu", "A"), None);
        let ask = report.mashup.ask_quote("fund", "A", None).unwrap();
        assert_eq!((ask.document.as_str(), ask.page), ("a2.pdf", 9));
    }
}
