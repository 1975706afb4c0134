//! TEMPORARY stand-in; replaced by the matcher branch on merge.
#![allow(missing_docs)]
use crate::lexicon::Lexicon;
use regex::Regex;
use std::ops::Range;
use std::sync::Arc;

#[derive(Clone)]
pub struct Matcher(Arc<Inner>);
struct Inner {
    terms: Vec<(String, CategoryId, Regex)>,
    asks: Vec<(Vec<Regex>, Vec<Regex>)>,
}
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TermId(u32);
impl TermId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CategoryId(u32);
impl CategoryId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AskId(u32);
impl AskId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    pub term: TermId,
    pub start: usize,
    pub end: usize,
}
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AskHit {
    pub ask: AskId,
    pub sentence: usize,
}

fn re(term: &str) -> Regex {
    let mut p = String::from(r"(?i)\b");
    for (i, w) in term.split(' ').enumerate() {
        if i > 0 {
            p.push_str(r"\s+");
        }
        let star = w.ends_with('*');
        p.push_str(&regex::escape(w.trim_end_matches('*')).replace(r"\-", r"[-\s]"));
        if star {
            p.push_str(r"\w*");
        }
    }
    p.push_str(r"\b");
    Regex::new(&p).unwrap()
}

impl Matcher {
    pub fn new(lexicon: &Lexicon) -> Matcher {
        let mut terms = Vec::new();
        for (ci, c) in lexicon.categories().iter().enumerate() {
            for t in &c.terms {
                terms.push((
                    t.as_str().to_string(),
                    CategoryId(ci as u32),
                    re(t.as_str()),
                ));
            }
        }
        let asks = lexicon
            .asks()
            .iter()
            .map(|a| {
                (
                    a.all.iter().map(|t| re(t.as_str())).collect(),
                    a.any.iter().map(|t| re(t.as_str())).collect(),
                )
            })
            .collect();
        Matcher(Arc::new(Inner { terms, asks }))
    }
    pub fn find_mentions(&self, text: &str) -> Vec<Hit> {
        let mut hits = Vec::new();
        for (i, (_, _, r)) in self.0.terms.iter().enumerate() {
            for m in r.find_iter(text) {
                hits.push(Hit {
                    term: TermId(i as u32),
                    start: m.start(),
                    end: m.end(),
                });
            }
        }
        hits.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
        let mut out: Vec<Hit> = Vec::new();
        for h in hits {
            if out.last().is_none_or(|l| h.start >= l.end) {
                out.push(h);
            }
        }
        out
    }
    pub fn find_asks(&self, text: &str, sentences: &[Range<usize>]) -> Vec<AskHit> {
        let mut out = Vec::new();
        for (si, s) in sentences.iter().enumerate() {
            let s = &text[s.clone()];
            for (ai, (all, any)) in self.0.asks.iter().enumerate() {
                if all.iter().all(|r| r.is_match(s))
                    && (any.is_empty() || any.iter().any(|r| r.is_match(s)))
                {
                    out.push(AskHit {
                        ask: AskId(ai as u32),
                        sentence: si,
                    });
                }
            }
        }
        out
    }
    pub fn term_text(&self, id: TermId) -> &str {
        &self.0.terms[id.index()].0
    }
    pub fn term_category(&self, id: TermId) -> CategoryId {
        self.0.terms[id.index()].1
    }
    pub fn term_count(&self) -> usize {
        self.0.terms.len()
    }
}
