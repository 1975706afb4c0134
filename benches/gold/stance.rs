//! Pledges, proposals and mentions on the gold sets: for every marked body sentence, the
//! annotators' class (the `pledge` column: `yes`, `proposal`, `no`) against the one
//! `mashup scan` gives it ([`manifesto_mashup::pledge`]: a pledge, else a proposal, else a
//! mention), read in document order with a [`PledgeReader`] so that lists work as in a scan.
#![allow(dead_code)]

use manifesto_mashup::pledge::{Judgement, PledgeReader};
use manifesto_mashup::text::sentence_ranges;

use super::score::{self, GoldDoc, Layout, Stance};

/// Gold class (rows) against the tool's (columns), in the order pledge, proposal, mention.
#[derive(Clone, Copy, Debug, Default)]
pub struct Confusion(pub [[usize; 3]; 3]);

fn slot(stance: Stance) -> usize {
    match stance {
        Stance::Pledge => 0,
        Stance::Proposal => 1,
        Stance::Mention => 2,
    }
}

impl Confusion {
    pub fn add(&mut self, other: &Confusion) {
        for (mine, theirs) in self.0.iter_mut().zip(other.0) {
            for (m, t) in mine.iter_mut().zip(theirs) {
                *m += t;
            }
        }
    }

    pub fn total(&self) -> usize {
        self.0.iter().flatten().sum()
    }

    /// Share of sentences whose class the tool gets right.
    pub fn accuracy(&self) -> Option<f64> {
        let right: usize = (0..3).map(|i| self.0[i][i]).sum();
        (self.total() > 0).then(|| right as f64 / self.total() as f64)
    }

    /// Of the gold sentences of `stance`, the share the tool gives that class.
    pub fn recall(&self, stance: Stance) -> Option<f64> {
        let i = slot(stance);
        let gold: usize = self.0[i].iter().sum();
        (gold > 0).then(|| self.0[i][i] as f64 / gold as f64)
    }

    /// Of the sentences the tool gives `stance`, the share the gold agrees with.
    pub fn precision(&self, stance: Stance) -> Option<f64> {
        let j = slot(stance);
        let tool: usize = (0..3).map(|i| self.0[i][j]).sum();
        (tool > 0).then(|| self.0[j][j] as f64 / tool as f64)
    }
}

/// The tool's class of each of `n` lines, from `units` read in order as one document of
/// `party` ([`PledgeReader::judge`]): each unit is a text, the lines it holds with the byte
/// offset where each starts, and whether it begins a block. A line is a pledge when a
/// sentence over it is, else a proposal when one of them is.
pub fn judge(units: &[Unit], n: usize, party: &str) -> Vec<Stance> {
    let mut reader = PledgeReader::for_party(party);
    let mut class = vec![Stance::Mention; n];
    for unit in units {
        for (k, range) in sentence_ranges(&unit.text).into_iter().enumerate() {
            let judged = match reader.judge(&unit.text[range.clone()], unit.starts_block && k == 0)
            {
                Judgement::Pledge(_) => Stance::Pledge,
                Judgement::Proposal => Stance::Proposal,
                Judgement::Mention => Stance::Mention,
            };
            for (i, &(line, start)) in unit.lines.iter().enumerate() {
                let end = unit.lines.get(i + 1).map_or(unit.text.len(), |&(_, s)| s);
                if start < range.end && range.start < end && slot(judged) < slot(class[line]) {
                    class[line] = judged;
                }
            }
        }
    }
    class
}

/// Text read as one by [`judge`].
pub struct Unit {
    pub text: String,
    /// Each line in the text and the byte offset it starts at.
    pub lines: Vec<(usize, usize)>,
    pub starts_block: bool,
}

/// How `mashup scan` reads `doc`'s lines: a wrapped text's sentences run on across its
/// lines ([`score::runs`]); other lines are read one by one, each starting a block unless
/// `starts_block` says otherwise.
fn units(doc: &GoldDoc, starts_block: Option<&[bool]>) -> Vec<Unit> {
    if starts_block.is_none() && doc.layout() == Layout::Wrapped {
        return score::runs(&doc.lines)
            .into_iter()
            .map(|(text, lines)| Unit {
                text,
                lines,
                starts_block: true,
            })
            .collect();
    }
    doc.lines
        .iter()
        .enumerate()
        .map(|(i, line)| Unit {
            text: line.clone(),
            lines: vec![(i, 0)],
            starts_block: starts_block.and_then(|s| s.get(i).copied()).unwrap_or(true),
        })
        .collect()
}

/// Gold against tool over the marked body sentences of `doc`, judged as [`judge`] does.
pub fn confusion(doc: &GoldDoc, starts_block: Option<&[bool]>, party: &str) -> Confusion {
    let judged = judge(&units(doc, starts_block), doc.lines.len(), party);
    let mut c = Confusion::default();
    let show = std::env::var_os("GOLD_SHOW").is_some();
    for mark in doc.marked.values().filter(|m| !m.heading) {
        let tool = judged.get(mark.index).copied().unwrap_or(Stance::Mention);
        c.0[slot(mark.stance)][slot(tool)] += 1;
        if show && tool != mark.stance {
            let line = doc.lines.get(mark.index).map_or("", String::as_str);
            eprintln!(
                "  {}:{} gold {:?}, mashup {tool:?}: {line}",
                doc.name, mark.index, mark.stance
            );
        }
    }
    c
}

/// The party a UK gold file's name stands for (`Lab_2017` is Labour's), for rule 5 of the
/// pledge rules (the party's own name as a subject).
pub fn uk_party(name: &str) -> &'static str {
    match name.split('_').next().unwrap_or("") {
        "Lab" => "Labour",
        "Con" => "Conservative",
        "LD" => "Liberal Democrats",
        "Greens" => "Green Party",
        "SNP" => "SNP",
        "PC" => "Plaid Cymru",
        _ => "",
    }
}
