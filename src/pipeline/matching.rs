//! Matching one document's body text: every mention and every ask, each
//! judged for a pledge, counted into its [`DocResult`] and quoted.

use crate::lexicon::Lexicon;
use crate::matcher::Matcher;
use crate::pledge::{elaborates, Judgement, PledgeReader};
use crate::read::BodyText;
use crate::results::{AskExcerpt, DocResult, Excerpt};
use crate::text::{count_words, excerpt, sentence_ranges};
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

/// One sentence with a mention: whether it is a pledge or a proposal, and
/// the categories mentioned in it.
#[derive(Default)]
struct Policy {
    pledged: bool,
    proposed: bool,
    categories: BTreeSet<String>,
}

/// Counts and quotes every mention and ask of `doc` into `result`.
pub(super) fn match_document(
    doc: &BodyText,
    lexicon: &Lexicon,
    matcher: &Matcher,
    result: &mut DocResult,
) {
    // One reader per document: a "We will:" list may run over a page break,
    // and the party's own name counts as a pledge's subject.
    let mut pledges =
        PledgeReader::for_party_in(&result.party, doc.pages.iter().map(|p| p.body.as_str()));
    for page in &doc.pages {
        let body = &page.body;
        result.counts.words += count_words(body) as u64;
        let sentences = sentence_ranges(body);
        let (mentions, asks) = matcher.scan(body, &sentences);
        // Only sentences with a mention or an ask are judged; the reader
        // still passes over every other one in order, for the lists they
        // may open or close (cheap: only a sentence with a colon, or one
        // read while a list is open, needs a closer look).
        let mut wanted = vec![false; sentences.len()];
        for hit in &mentions {
            if let (Some(i), _) = sentence_of(&sentences, hit.start..hit.end, body.len()) {
                wanted[i] = true;
            }
        }
        for ask_hit in &asks {
            if let Some(w) = wanted.get_mut(ask_hit.sentence) {
                *w = true;
            }
        }
        let starts_block = |s: &Range<usize>| {
            let before = body.get(..s.start).unwrap_or("").trim_end_matches(' ');
            before.is_empty() || before.ends_with('\n')
        };
        // An elaboration is at least what the sentence before it is (pledge
        // rule 10), so that one is judged too (and, when it elaborates too,
        // the one before it: hence backwards).
        for i in (1..sentences.len()).rev() {
            let s = &sentences[i];
            if wanted[i] && !starts_block(s) && elaborates(body.get(s.clone()).unwrap_or("")) {
                wanted[i - 1] = true;
            }
        }
        let judged: Vec<Judgement> = sentences
            .iter()
            .zip(&wanted)
            .map(|(s, &wanted)| {
                let sentence = body.get(s.clone()).unwrap_or("");
                if wanted {
                    pledges.judge(sentence, starts_block(s))
                } else {
                    pledges.pass(sentence, starts_block(s));
                    Judgement::Mention
                }
            })
            .collect();
        let pledge_of = |i: usize| judged.get(i).and_then(|j| j.pledge());
        // A sentence with a mention or an ask that is not a pledge may be a
        // proposal (pledge rule 7).
        let proposal_of = |i: usize| judged.get(i) == Some(&Judgement::Proposal);
        // The page's policies: each sentence with a mention, whether it is a
        // pledge, and the categories mentioned in it. A hit outside every
        // sentence (segmentation missed it) is a policy of its own.
        let mut policies: BTreeMap<(Option<usize>, usize), Policy> = BTreeMap::new();
        for (n, hit) in mentions.into_iter().enumerate() {
            // A term may be in several categories: the match counts in each (rule 7).
            let categories: Vec<String> = matcher
                .hit_categories(&hit)
                .map(|c| lexicon.categories()[c.index()].id.clone())
                .collect();
            let term = matcher.term_text(hit.term);
            let (index, sentence) = sentence_of(&sentences, hit.start..hit.end, body.len());
            let pledge = index.and_then(pledge_of);
            let proposal = index.is_some_and(proposal_of);
            let key = (index, if index.is_some() { 0 } else { n });
            let policy = policies.entry(key).or_default();
            policy.pledged |= pledge.is_some();
            policy.proposed |= proposal;
            policy.categories.extend(categories.iter().cloned());
            result.counts.mentions += 1;
            *result.counts.by_term.entry(term.to_string()).or_default() += 1;
            if pledge.is_some() {
                result.counts.pledges += 1;
            }
            if proposal {
                result.counts.proposals += 1;
            }
            for category in &categories {
                *result
                    .counts
                    .by_category
                    .entry(category.clone())
                    .or_default() += 1;
                if pledge.is_some() {
                    *result
                        .counts
                        .pledges_by_category
                        .entry(category.clone())
                        .or_default() += 1;
                }
            }
            result.excerpts.push(Excerpt {
                page: page.number,
                sentence: index.unwrap_or(0) as u32,
                categories,
                term: term.to_string(),
                matched: body.get(hit.start..hit.end).unwrap_or("").to_string(),
                text: excerpt(body, sentence, hit.start..hit.end),
                pledge: pledge.is_some(),
                stance: pledge.and_then(|p| p.stance),
                proposal,
            });
        }
        for Policy {
            pledged,
            proposed,
            categories,
        } in policies.into_values()
        {
            let counts = &mut result.counts;
            counts.policies += 1;
            counts.pledged_policies += u64::from(pledged);
            counts.proposed_policies += u64::from(proposed);
            for category in categories {
                if pledged {
                    *counts
                        .pledged_policies_by_category
                        .entry(category.clone())
                        .or_default() += 1;
                }
                if proposed {
                    *counts
                        .proposed_policies_by_category
                        .entry(category.clone())
                        .or_default() += 1;
                }
                *counts.policies_by_category.entry(category).or_default() += 1;
            }
        }
        for ask_hit in asks {
            let ask = &lexicon.asks()[ask_hit.ask.index()].id;
            let pledge = pledge_of(ask_hit.sentence);
            *result.counts.asks.entry(ask.clone()).or_default() += 1;
            if pledge.is_some() {
                *result.counts.ask_pledges.entry(ask.clone()).or_default() += 1;
            }
            let sentence = sentences.get(ask_hit.sentence).cloned().unwrap_or(0..0);
            result.ask_excerpts.push(AskExcerpt {
                page: page.number,
                sentence: ask_hit.sentence as u32,
                ask: ask.clone(),
                text: excerpt(body, sentence.clone(), sentence),
                pledge: pledge.is_some(),
                stance: pledge.and_then(|p| p.stance),
                proposal: proposal_of(ask_hit.sentence),
            });
        }
    }
}

/// The index and range of the sentence holding the hit (no index, and the
/// whole text, if segmentation missed it).
fn sentence_of(
    sentences: &[Range<usize>],
    hit: Range<usize>,
    len: usize,
) -> (Option<usize>, Range<usize>) {
    let i = sentences.partition_point(|s| s.end <= hit.start);
    match sentences.get(i) {
        Some(s) if s.start <= hit.start => (Some(i), s.start..s.end.max(hit.end)),
        _ => (None, 0..len),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hit_finds_its_sentence() {
        let sentences = vec![0..10, 11..30];
        assert_eq!(sentence_of(&sentences, 15..20, 30), (Some(1), 11..30));
        assert_eq!(sentence_of(&sentences, 40..45, 50), (None, 0..50));
    }
}
