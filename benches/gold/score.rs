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
    pub pledge: bool,
    /// Headings count for precision, not for recall.
    pub heading: bool,
}

/// One annotated manifesto: its lines and the marked ones.
pub struct GoldDoc {
    pub name: String,
    pub lines: Vec<String>,
    pub marked: BTreeMap<usize, Marked>,
}

/// The gold files, in name order.
pub fn gold_files(root: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root.join("benches/gold"))
        .expect("benches/gold is readable")
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
    let table = std::fs::read_to_string(gold).map_err(|e| format!("{}: {e}", gold.display()))?;
    let mut rows = table.lines().enumerate();
    match rows.next() {
        Some((_, "index\tsha1\tcategory\tpledge\tkind")) => {}
        other => return Err(format!("{}:1: bad header {other:?}", gold.display())),
    }
    let mut marked = BTreeMap::new();
    for (n, row) in rows {
        let at = || format!("{}:{}", gold.display(), n + 1);
        let fields: Vec<&str> = row.split('\t').collect();
        let [index, hash, category, pledge, kind] = fields[..] else {
            return Err(format!("{}: expected 5 fields", at()));
        };
        let index: usize = index
            .parse()
            .map_err(|_| format!("{}: index {index:?}", at()))?;
        let line = lines
            .get(index)
            .ok_or_else(|| format!("{}: no line {index} in {}", at(), text_path.display()))?;
        if line_hash(line) != hash {
            return Err(format!(
                "{}: line {index} of {} does not hash to {hash}: the text changed",
                at(),
                text_path.display()
            ));
        }
        if !CATEGORIES.iter().any(|(guide, _)| *guide == category) {
            return Err(format!("{}: unknown category {category:?}", at()));
        }
        let pledge = match pledge {
            "yes" => true,
            "no" => false,
            other => return Err(format!("{}: pledge {other:?}", at())),
        };
        let heading = match kind {
            "heading" => true,
            "body" => false,
            other => return Err(format!("{}: kind {other:?}", at())),
        };
        let entry = Marked {
            index,
            category: category.to_string(),
            pledge,
            heading,
        };
        if marked.insert(index, entry).is_some() {
            return Err(format!("{}: line {index} marked twice", at()));
        }
    }
    Ok(GoldDoc {
        name,
        lines,
        marked,
    })
}

/// What the lexicon finds on one line: for each mention, one entry per lexicon category it
/// counts for, with the term that matched.
pub fn mentions(matcher: &Matcher, lexicon: &Lexicon, line: &str) -> Vec<(String, String)> {
    matcher
        .find_mentions(line)
        .iter()
        .flat_map(|h| {
            matcher.hit_categories(h).map(|c| {
                (
                    lexicon.categories()[c.index()].id.clone(),
                    matcher.term_text(h.term).to_string(),
                )
            })
        })
        .collect()
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
    }
}

/// Scores one document. Mention precision is attributed to the guide category that the
/// mention's lexicon category corresponds to.
pub fn score(doc: &GoldDoc, matcher: &Matcher, lexicon: &Lexicon) -> Score {
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
    for (index, line) in doc.lines.iter().enumerate() {
        let found = mentions(matcher, lexicon, line);
        let mark = doc.marked.get(&index);
        for (category, term) in &found {
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
            }
        }
    }
    s
}

/// Loads every gold document under `root` against the texts in `texts` and scores them all.
pub fn score_all(
    root: &Path,
    texts: &Path,
    lexicon: &Lexicon,
) -> Result<(Vec<(String, Score)>, Score), String> {
    let matcher = Matcher::new(lexicon).map_err(|e| e.to_string())?;
    let mut each = Vec::new();
    let mut all = Score::default();
    for file in gold_files(root) {
        let doc = load(&file, texts)?;
        let s = score(&doc, &matcher, lexicon);
        all.add(s.clone());
        each.push((doc.name, s));
    }
    Ok((each, all))
}
