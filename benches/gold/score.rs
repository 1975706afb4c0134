//! Scores a lexicon against the development gold set in `benches/gold/`: for each annotated
//! manifesto, which of its sentences a careful reader marked as social-economy policy (and in
//! which category), against the sentences where the lexicon finds a mention.
//!
//! The texts are the Manifesto Project's hand-corrected ones in
//! `../shared/text/manifesto-project-uk/`, one sentence per line; a gold file names sentences
//! by 0-based line number and a short SHA-1 of the line (never the text), so a changed text is
//! caught rather than scored. How the sentences were marked: `benches/gold/GUIDE.md`.
//!
//! Shared by `benches/gold.rs` (prints the figures) and `tests/gold.rs` (holds the bars).
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use manifesto_mashup::lexicon::Lexicon;
use manifesto_mashup::matcher::Matcher;
use sha1::{Digest, Sha1};

/// The annotation guide's category ids with the default lexicon's id for each.
pub const CATEGORIES: &[(&str, &str)] = &[
    ("social-enterprise", "social-enterprise"),
    ("co-operatives-mutuals", "co-operatives"),
    ("employee-ownership", "employee-ownership"),
    ("social-finance", "social-finance"),
    ("social-value-procurement", "social-value"),
    ("community-assets", "community-assets"),
    ("community-energy", "community-energy"),
    ("civil-society", "civil-society"),
];

/// One marked sentence.
#[derive(Clone, Debug)]
pub struct Marked {
    pub index: usize,
    /// The guide's category id.
    pub category: String,
    /// What the sentence does: commit the party, demand action of others, or neither.
    pub stance: Stance,
    /// Headings count for precision, not for recall.
    pub heading: bool,
}

/// The annotation guide's three kinds of marked sentence (its `pledge` column).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stance {
    /// `yes`: commits the party to act.
    Pledge,
    /// `proposal`: demands action of others without committing the party.
    Proposal,
    /// `no`: description, praise, record, rhetoric.
    Mention,
}

/// One annotated manifesto: its lines and the marked ones.
pub struct GoldDoc {
    pub name: String,
    pub lines: Vec<String>,
    pub marked: BTreeMap<usize, Marked>,
}

/// How a Manifesto Project text is laid out in lines, which decides how it can be scored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// One sentence (or heading, or list item) per line.
    Sentences,
    /// The PDF's line breaks kept: more than 30% of the lines end without ending a
    /// sentence, and a sentence runs over several lines.
    Wrapped,
    /// Two columns interleaved line by line (more than 5% of the lines hold a gap of five
    /// or more spaces between words): a line mixes two unrelated sentences, so neither lines
    /// nor re-joined sentences are the text a reader or `mashup` sees. Scored and printed,
    /// but left out of the totals.
    Columns,
}

impl GoldDoc {
    pub fn layout(&self) -> Layout {
        let lines: Vec<&str> = self
            .lines
            .iter()
            .map(|l| l.trim_end())
            .filter(|l| !l.is_empty())
            .collect();
        let share = |n: usize| n as f64 / lines.len().max(1) as f64;
        let gapped = lines
            .iter()
            .filter(|l| l.trim_start().contains("     "))
            .count();
        let open = lines.iter().filter(|l| !ends_sentence(l)).count();
        if share(gapped) > 0.05 {
            Layout::Columns
        } else if share(open) > 0.30 {
            Layout::Wrapped
        } else {
            Layout::Sentences
        }
    }
}

/// Whether a line ends a sentence: `.`, `!` or `?`, perhaps before closing quotes or
/// brackets.
fn ends_sentence(line: &str) -> bool {
    line.trim_end()
        .trim_end_matches(['"', '\'', ')', ']', '\u{2019}', '\u{201D}'])
        .ends_with(['.', '!', '?'])
}

/// The gold files, in name order.
pub fn gold_files(root: &Path) -> Vec<PathBuf> {
    tsv_files(&root.join("benches/gold"))
}

/// The `.tsv` files of `folder`, in name order (none when it cannot be read).
pub fn tsv_files(folder: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
        .collect();
    files.sort();
    files
}

/// The short hash a gold file gives for a line: the first 12 hex digits of the SHA-1 of the
/// line without its line end and trailing white space.
pub fn line_hash(line: &str) -> String {
    let digest = Sha1::digest(line.trim_end().as_bytes());
    digest
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect::<String>()[..12]
        .to_string()
}

/// Reads a gold file and its text; every problem (a hash that does not match its line, an
/// unknown category, a bad row) is an error naming the file and line.
pub fn load(gold: &Path, texts: &Path) -> Result<GoldDoc, String> {
    let name = gold
        .file_stem()
        .and_then(|s| s.to_str())
        .ok_or_else(|| format!("{}: bad file name", gold.display()))?
        .to_string();
    let text_path = texts.join(format!("{name}.txt"));
    let raw = std::fs::read(&text_path).map_err(|e| format!("{}: {e}", text_path.display()))?;
    let lines: Vec<String> = String::from_utf8_lossy(&raw)
        .lines()
        .map(|l| l.trim_end().to_string())
        .collect();
    let mut marked = BTreeMap::new();
    for (at, hash, entry) in rows(gold)? {
        let index = entry.index;
        let line = lines
            .get(index)
            .ok_or_else(|| format!("{at}: no line {index} in {}", text_path.display()))?;
        if line_hash(line) != hash {
            return Err(format!(
                "{at}: line {index} of {} does not hash to {hash}: the text changed",
                text_path.display()
            ));
        }
        if marked.insert(index, entry).is_some() {
            return Err(format!("{at}: line {index} marked twice"));
        }
    }
    Ok(GoldDoc {
        name,
        lines,
        marked,
    })
}

/// The rows of a gold file: where each is (`file:line`), the hash it gives, and the mark.
/// A bad header, a row without five fields, an unknown category, pledge or kind is an error
/// naming the file and line.
pub fn rows(gold: &Path) -> Result<Vec<(String, String, Marked)>, String> {
    let table = std::fs::read_to_string(gold).map_err(|e| format!("{}: {e}", gold.display()))?;
    let mut rows = table.lines().enumerate();
    match rows.next() {
        Some((_, "index\tsha1\tcategory\tpledge\tkind")) => {}
        other => return Err(format!("{}:1: bad header {other:?}", gold.display())),
    }
    let mut out = Vec::new();
    for (n, row) in rows {
        let at = format!("{}:{}", gold.display(), n + 1);
        let fields: Vec<&str> = row.split('\t').collect();
        let [index, hash, category, pledge, kind] = fields[..] else {
            return Err(format!("{at}: expected 5 fields"));
        };
        let index: usize = index
            .parse()
            .map_err(|_| format!("{at}: index {index:?}"))?;
        if !CATEGORIES.iter().any(|(guide, _)| *guide == category) {
            return Err(format!("{at}: unknown category {category:?}"));
        }
        let stance = match pledge {
            "yes" => Stance::Pledge,
            "proposal" => Stance::Proposal,
            "no" => Stance::Mention,
            other => return Err(format!("{at}: pledge {other:?}")),
        };
        let heading = match kind {
            "heading" => true,
            "body" => false,
            other => return Err(format!("{at}: kind {other:?}")),
        };
        let mark = Marked {
            index,
            category: category.to_string(),
            stance,
            heading,
        };
        out.push((at, hash.to_string(), mark));
    }
    Ok(out)
}

/// Counts for one category of the guide (recall) or of the lexicon (precision).
#[derive(Clone, Copy, Debug, Default)]
pub struct Tally {
    /// Marked body sentences of the category.
    pub gold: usize,
    /// Of those, sentences where the lexicon finds any mention.
    pub found: usize,
    /// Of those, sentences where it finds a mention in the matching lexicon category.
    pub found_in_category: usize,
    /// Mentions of the (lexicon) category.
    pub mentions: usize,
    /// Of those, mentions in a marked sentence (of any category, headings included).
    pub right: usize,
}

impl Tally {
    fn add(&mut self, other: &Tally) {
        self.gold += other.gold;
        self.found += other.found;
        self.found_in_category += other.found_in_category;
        self.mentions += other.mentions;
        self.right += other.right;
    }

    pub fn recall(&self) -> Option<f64> {
        (self.gold > 0).then(|| self.found as f64 / self.gold as f64)
    }

    pub fn recall_in_category(&self) -> Option<f64> {
        (self.gold > 0).then(|| self.found_in_category as f64 / self.gold as f64)
    }

    pub fn precision(&self) -> Option<f64> {
        (self.mentions > 0).then(|| self.right as f64 / self.mentions as f64)
    }
}

/// A scored document: per guide category, and the sentences missed or wrongly found.
#[derive(Clone, Default)]
pub struct Score {
    pub by_category: BTreeMap<String, Tally>,
    /// Marked body sentences with no mention: (document, index, category).
    pub missed: Vec<(String, usize, String)>,
    /// Mentions in unmarked sentences: (document, index, lexicon category, term).
    pub wrong: Vec<(String, usize, String, String)>,
    /// Marked body sentences found only by mentions of other categories: (document, index,
    /// category).
    pub off_category: Vec<(String, usize, String)>,
}

impl Score {
    pub fn total(&self) -> Tally {
        let mut total = Tally::default();
        for t in self.by_category.values() {
            total.add(t);
        }
        total
    }

    pub fn add(&mut self, other: Score) {
        for (c, t) in other.by_category {
            self.by_category.entry(c).or_default().add(&t);
        }
        self.missed.extend(other.missed);
        self.wrong.extend(other.wrong);
        self.off_category.extend(other.off_category);
    }
}

/// What a gold line is judged on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// Each line on its own, split into sentences as the pipeline would.
    Line,
    /// The sentence as `mashup scan` reads it. In a [`Layout::Wrapped`] text a line that
    /// does not end a sentence runs on into the next when that one starts with a lower-case
    /// letter, as a sentence broken over two lines of a PDF does (the annotation guide marks
    /// each line of such a sentence that carries part of what qualifies it); a marked line
    /// counts as found when a sentence overlapping it holds a mention, which is what the
    /// report would quote. Other texts are judged line by line.
    Sentence,
}

/// Whether line `line` runs on into `next` in a wrapped text (see [`Unit::Sentence`]).
fn runs_on(line: &str, next: &str) -> bool {
    !line.trim().is_empty()
        && !ends_sentence(line)
        && next.trim_start().starts_with(|c: char| c.is_lowercase())
}

/// Runs of lines joined by [`runs_on`]: the text of each run (lines joined by a space) with
/// the byte offset at which each of its lines starts.
pub fn runs(lines: &[String]) -> Vec<(String, Vec<(usize, usize)>)> {
    let mut out: Vec<(String, Vec<(usize, usize)>)> = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        let joined = index > 0 && runs_on(&lines[index - 1], line);
        match out.last_mut() {
            Some((text, starts)) if joined => {
                text.push(' ');
                starts.push((index, text.len()));
                text.push_str(line);
            }
            _ => out.push((line.clone(), vec![(index, 0)])),
        }
    }
    out
}

/// Scores one document. Mention precision is attributed to the guide category that the
/// mention's lexicon category corresponds to, and to the line the mention starts on.
pub fn score(doc: &GoldDoc, matcher: &Matcher, lexicon: &Lexicon, unit: Unit) -> Score {
    let guide_of = |lexicon_id: &str| {
        CATEGORIES
            .iter()
            .find(|(_, l)| *l == lexicon_id)
            .map_or(lexicon_id.to_string(), |(g, _)| g.to_string())
    };
    let mut s = Score::default();
    for (guide, _) in CATEGORIES {
        s.by_category.insert(guide.to_string(), Tally::default());
    }
    // Per line: the mentions starting on it, and the mentions of the sentences it is part of.
    let n = doc.lines.len();
    let mut on_line: Vec<Vec<(String, String)>> = vec![Vec::new(); n];
    let mut seen_from: Vec<Vec<(String, String)>> = vec![Vec::new(); n];
    let groups = match unit {
        Unit::Sentence if doc.layout() == Layout::Wrapped => runs(&doc.lines),
        Unit::Sentence | Unit::Line => doc
            .lines
            .iter()
            .enumerate()
            .map(|(i, l)| (l.clone(), vec![(i, 0)]))
            .collect(),
    };
    for (text, starts) in &groups {
        let line_of = |offset: usize| {
            let k = starts.partition_point(|&(_, start)| start <= offset);
            starts[k.saturating_sub(1)].0
        };
        let line_end = |k: usize| starts.get(k + 1).map_or(text.len(), |&(_, s)| s);
        let sentences = manifesto_mashup::text::sentence_ranges(text);
        for hit in matcher.scan(text, &sentences).0 {
            let found: Vec<(String, String)> = matcher
                .hit_categories(&hit)
                .map(|c| {
                    (
                        lexicon.categories()[c.index()].id.clone(),
                        matcher.term_text(hit.term).to_string(),
                    )
                })
                .collect();
            on_line[line_of(hit.start)].extend(found.iter().cloned());
            // The sentence holding the mention, else the mention itself.
            let span = sentences
                .iter()
                .find(|r| r.start <= hit.start && hit.end <= r.end)
                .cloned()
                .unwrap_or(hit.start..hit.end.max(hit.start + 1));
            for (k, &(index, start)) in starts.iter().enumerate() {
                if start < span.end && span.start < line_end(k) {
                    seen_from[index].extend(found.iter().cloned());
                }
            }
        }
    }
    for index in 0..n {
        let mark = doc.marked.get(&index);
        for (category, term) in &on_line[index] {
            let tally = s.by_category.entry(guide_of(category)).or_default();
            tally.mentions += 1;
            if mark.is_some() {
                tally.right += 1;
            } else {
                s.wrong
                    .push((doc.name.clone(), index, category.clone(), term.clone()));
            }
        }
        let Some(mark) = mark.filter(|m| !m.heading) else {
            continue;
        };
        let found = &seen_from[index];
        let tally = s.by_category.entry(mark.category.clone()).or_default();
        tally.gold += 1;
        let wanted = CATEGORIES
            .iter()
            .find(|(g, _)| *g == mark.category)
            .map(|(_, l)| *l);
        if found.is_empty() {
            s.missed
                .push((doc.name.clone(), index, mark.category.clone()));
        } else {
            tally.found += 1;
            if found.iter().any(|(c, _)| Some(c.as_str()) == wanted) {
                tally.found_in_category += 1;
            } else {
                s.off_category
                    .push((doc.name.clone(), index, mark.category.clone()));
            }
        }
    }
    s
}

/// One scored gold document.
pub struct Scored {
    pub name: String,
    pub layout: Layout,
    pub score: Score,
}

/// Loads every gold document under `root` against the texts in `texts` and scores them all:
/// each document, and the totals over those whose layout is not [`Layout::Columns`].
pub fn score_all(
    root: &Path,
    texts: &Path,
    lexicon: &Lexicon,
    unit: Unit,
) -> Result<(Vec<Scored>, Score), String> {
    let matcher = Matcher::new(lexicon).map_err(|e| e.to_string())?;
    let mut each = Vec::new();
    let mut all = Score::default();
    for file in gold_files(root) {
        let doc = load(&file, texts)?;
        let score = score(&doc, &matcher, lexicon, unit);
        let layout = doc.layout();
        if layout != Layout::Columns {
            all.add(score.clone());
        }
        each.push(Scored {
            name: doc.name,
            layout,
            score,
        });
    }
    Ok((each, all))
}
