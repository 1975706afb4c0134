//! Page furniture: running heads, footers, page numbers, contents pages and
//! imprints. They are found across the whole document (a head repeats from
//! page to page) and marked, not deleted, so `mashup extract --all` can still
//! show them; they are kept out of the text that is matched, so a contents
//! entry is not counted as a mention beside its chapter, nor the statute a
//! party is registered under as a policy.
//!
//! The rules, each pinned by the tests below:
//!
//! - **Margins.** A line in the top or bottom 11% of the page (the side
//!   margins for text running up or down) whose shape, digits blurred, recurs
//!   on at least a fifth of the pages (and three), or that is a page number
//!   ("12", "- 12 -", "Page 12", "12 of 80", "xiv") where the margin holds at
//!   most two numbers.
//! - **Contents entries.** A line of title, leader dots and perhaps a page
//!   number ("Jobs for all ........ 17", or the leaders alone when the
//!   numbers are set in a column of their own).
//! - **Contents pages.** A page with a line that is only "Contents" (or
//!   "Table of contents", Welsh "Cynnwys"): every line of the page except
//!   blocks of prose (a foreword starting on the same page).
//! - **Contents blocks.** A block of three or more lines, two thirds of which
//!   end (or start) with a page number, the numbers rising by two or more on
//!   average (a numbered list, 1, 2, 3, is body text).
//! - **Imprints and legal lines.** A line that starts "Promoted by",
//!   "Printed by", "Published by" (or any "and"/"&" mix of them), or holds
//!   such a phrase followed by "on behalf of", together with the rest of its
//!   block (the names and addresses); a line that starts with "©" or
//!   "Copyright ©"; a block naming a registration ("registered with the
//!   Electoral Commission", "a registered society under", "registered in
//!   England", "company number 123", "limited by guarantee"): all of it when
//!   it has at most six lines, else the lines the phrase runs over.
//! - **Never an empty page.** A page whose every line would be margin
//!   furniture (a one-line page, the same line on every page) keeps them all
//!   as body text: a document must not lose all its text to the heuristics.
//!   Contents pages and imprints are removed even then, unless they are all
//!   the document has: a document with text never comes out with no body.

use super::page::Page;
use crate::pdf::Direction;
use std::collections::HashMap;

/// The share of the page height, from the top and from the bottom, in which
/// furniture may sit.
const MARGIN_BAND: f32 = 0.11;

/// Which page edge a margin line sits at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Edge {
    Top,
    Bottom,
    Left,
    Right,
}

/// Why a line is furniture.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// A running head or footer, or a page number.
    Margin,
    /// A contents entry, or a line of a contents page or block.
    Contents,
    /// An imprint or legal line.
    Imprint,
}

/// Marks furniture lines in every page.
pub fn mark_furniture(pages: &mut [Page]) {
    let mut seen: HashMap<(Direction, Edge, String), usize> = HashMap::new();
    for page in pages.iter() {
        let mut on_page = std::collections::HashSet::new();
        for block in &page.blocks {
            for line in &block.lines {
                if let Some(edge) = edge_of(page.width, page.height, block.dir, line.bbox) {
                    on_page.insert((block.dir, edge, shape(&line.text)));
                }
            }
        }
        for key in on_page {
            *seen.entry(key).or_default() += 1;
        }
    }
    let repeats = (pages.len() / 5).max(3);
    let kinds: Vec<_> = pages
        .iter()
        .map(|page| classify_page(page, &seen, repeats))
        .collect();
    // A document that would keep no line at all keeps every line.
    let keeps_some = pages
        .iter()
        .zip(&kinds)
        .any(|(page, kinds)| lines_with_kinds(page, kinds).any(|(_, kind)| kind.is_none()));
    if !keeps_some {
        return;
    }
    for (page, kinds) in pages.iter_mut().zip(kinds) {
        // Never empty a page for its margins alone.
        if lines_with_kinds(page, &kinds).all(|(_, kind)| kind == Some(Kind::Margin)) {
            continue;
        }
        for (block, block_kinds) in page.blocks.iter_mut().zip(&kinds) {
            for (line, kind) in block.lines.iter_mut().zip(block_kinds) {
                if kind.is_some() {
                    line.furniture = true;
                }
            }
        }
    }
}

/// The page's lines that have text, each with its furniture kind.
fn lines_with_kinds<'a>(
    page: &'a Page,
    kinds: &'a [Vec<Option<Kind>>],
) -> impl Iterator<Item = (&'a super::page::Line, Option<Kind>)> {
    page.blocks
        .iter()
        .flat_map(|b| b.lines.iter())
        .zip(kinds.iter().flatten().copied())
        .filter(|(line, _)| !line.text.trim().is_empty())
}

/// The furniture kind of every line of a page, block by block.
fn classify_page(
    page: &Page,
    seen: &HashMap<(Direction, Edge, String), usize>,
    repeats: usize,
) -> Vec<Vec<Option<Kind>>> {
    let (width, height) = (page.width, page.height);
    // A page has one number, perhaps two (a spread); a margin full of
    // numbers is a drawing's grid labels or a table, not furniture.
    let numbers = page
        .blocks
        .iter()
        .flat_map(|b| b.lines.iter().map(move |l| (b.dir, l)))
        .filter(|(dir, l)| {
            edge_of(width, height, *dir, l.bbox).is_some() && is_page_number(&l.text)
        })
        .count();
    let contents_page = page
        .blocks
        .iter()
        .flat_map(|b| &b.lines)
        .any(|l| is_contents_heading(&l.text));
    page.blocks
        .iter()
        .map(|block| {
            let contents_block = is_contents_block(block);
            let joined = JoinedBlock::of(block);
            let prose = contents_page && is_prose(block, &joined);
            let small = joined.lines_with_small_print_words();
            let legal = legal_lines(block, &joined, &small);
            let mut in_imprint = false;
            block
                .lines
                .iter()
                .zip(legal)
                .zip(&small)
                .map(|((line, legal), &small)| {
                    in_imprint |= small && starts_imprint(&line.text);
                    if in_imprint || legal {
                        return Some(Kind::Imprint);
                    }
                    if contents_block || (contents_page && !prose) || is_contents_entry(&line.text)
                    {
                        return Some(Kind::Contents);
                    }
                    let edge = edge_of(width, height, block.dir, line.bbox)?;
                    let repeated = seen
                        .get(&(block.dir, edge, shape(&line.text)))
                        .is_some_and(|&n| n >= repeats);
                    (repeated || (numbers <= 2 && is_page_number(&line.text)))
                        .then_some(Kind::Margin)
                })
                .collect()
        })
        .collect()
}

/// A line that is only a contents heading.
fn is_contents_heading(text: &str) -> bool {
    let t = text.trim().trim_end_matches(':');
    [
        "contents",
        "table of contents",
        "content",
        "cynnwys",
        "contents page",
    ]
    .iter()
    .any(|h| t.eq_ignore_ascii_case(h))
}

/// The lines of a block joined by spaces (one after each line), with where
/// each line starts: the imprint phrases and the words of small print are
/// looked for in it, one search per block rather than one per line (the
/// per-line searches cost a tenth of reading a text file), and a phrase may
/// wrap from one line to the next.
struct JoinedBlock {
    text: String,
    starts: Vec<usize>,
}

impl JoinedBlock {
    fn of(block: &super::page::Block) -> JoinedBlock {
        let mut text = String::with_capacity(block.lines.iter().map(|l| l.text.len() + 1).sum());
        let mut starts = Vec::with_capacity(block.lines.len());
        for line in &block.lines {
            starts.push(text.len());
            text.push_str(&line.text);
            text.push(' ');
        }
        JoinedBlock { text, starts }
    }

    /// The line holding byte `at` of the joined text.
    fn line_of(&self, at: usize) -> usize {
        self.starts.partition_point(|&s| s <= at).saturating_sub(1)
    }

    /// Which lines hold one of the [`SMALL_PRINT_WORDS`] (none spans two
    /// lines: they have no spaces).
    fn lines_with_small_print_words(&self) -> Vec<bool> {
        let mut small = vec![false; self.starts.len()];
        for found in SMALL_PRINT_WORDS.find_iter(&self.text) {
            small[self.line_of(found.start())] = true;
        }
        small
    }
}

/// A block of running prose: a paragraph of several lines, or a sentence of
/// some length. A contents page keeps these (a foreword may start on it).
fn is_prose(block: &super::page::Block, joined: &JoinedBlock) -> bool {
    // Counted only as far as the rules below look.
    let words = joined.text.split_whitespace().take(25).count();
    let sentence = joined
        .text
        .trim_end()
        .ends_with(['.', '!', '?', '\u{201D}', '"']);
    (block.lines.len() >= 3 && words >= 25) || (sentence && words >= 15)
}

/// A block of contents entries: three or more lines, two thirds of which
/// end or start with a page number, the numbers rising by two or more on
/// average.
fn is_contents_block(block: &super::page::Block) -> bool {
    let lines: Vec<&str> = block
        .lines
        .iter()
        .map(|l| l.text.trim())
        .filter(|t| !t.is_empty())
        .collect();
    if lines.len() < 3 {
        return false;
    }
    // Two thirds must be entries: stop at the first line that makes that
    // impossible (a paragraph of prose, at once).
    let mut numbers = Vec::new();
    let mut misses = 0;
    for t in &lines {
        match entry_page_number(t) {
            Some(n) => numbers.push(n),
            None => {
                misses += 1;
                if misses * 3 > lines.len() {
                    return false;
                }
            }
        }
    }
    // Page numbers jump (4, 12, 17); a numbered list counts one by one (1,
    // 2, 3), and is body text.
    let rising = numbers.windows(2).all(|w| w[0] < w[1]);
    let spread = match (numbers.first(), numbers.last()) {
        (Some(&first), Some(&last)) => {
            last.saturating_sub(first) as usize >= 2 * (numbers.len() - 1)
        }
        _ => false,
    };
    numbers.len() * 3 >= lines.len() * 2 && rising && spread
}

/// The page number of a line laid out as a contents entry: a title then a
/// number of one to three digits ("Jobs for all 17"), or the other way round
/// ("17 Jobs for all"). The title must have letters.
fn entry_page_number(text: &str) -> Option<u32> {
    let (first, rest) = text.split_once(char::is_whitespace)?;
    let (rest_head, last) = text.rsplit_once(char::is_whitespace)?;
    let number = |s: &str| {
        let s = s.trim_end_matches('.');
        (!s.is_empty() && s.len() <= 3 && s.chars().all(|c| c.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let has_letters = |s: &str| s.chars().filter(|c| c.is_alphabetic()).count() >= 3;
    match (number(last), number(first)) {
        (Some(n), _) if has_letters(rest_head) => Some(n),
        (_, Some(n)) if has_letters(rest) => Some(n),
        _ => None,
    }
}

/// A line that opens an imprint: "Promoted by", "Published and promoted
/// by", "Printed & promoted by" at its start, or such a phrase anywhere when
/// "on behalf of" follows (imprints run on after other small print).
/// Callers look for [`SMALL_PRINT_WORDS`] first: most lines have none.
fn starts_imprint(text: &str) -> bool {
    let lower = text
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    let Some(at) = imprint_phrase(&lower) else {
        return false;
    };
    at == 0 || lower[at..].contains("on behalf of")
}

/// Where "(printed|published|promoted)( (and|&) ...)* by" starts in a
/// lower-case line, if it does.
fn imprint_phrase(lower: &str) -> Option<usize> {
    const VERBS: [&str; 3] = ["promoted", "printed", "published"];
    let mut search = 0;
    while let Some(found) = VERBS
        .iter()
        .filter_map(|v| lower[search..].find(v).map(|i| (search + i, v.len())))
        .min()
    {
        let (start, len) = found;
        let at_word = lower[..start]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let mut rest = &lower[start + len..];
        loop {
            let trimmed = rest.trim_start();
            let Some(after) = trimmed
                .strip_prefix("and ")
                .or_else(|| trimmed.strip_prefix("& "))
            else {
                rest = trimmed;
                break;
            };
            let after = after.trim_start();
            match VERBS.iter().find(|v| after.starts_with(*v)) {
                Some(v) => rest = &after[v.len()..],
                None => {
                    rest = trimmed;
                    break;
                }
            }
        }
        if at_word && (rest.starts_with("by ") || rest.starts_with("by:") || rest == "by") {
            return Some(start);
        }
        search = start + len;
    }
    None
}

/// Words without which no line is an imprint or registration line
/// ("promoted", "printed", "published", "registered", "limited", "company"),
/// so that the phrase rules (which lower-case and search line by line) run
/// only on the few lines that hold one; most lines of a manifesto hold none.
/// Written without their first letter, in lower and upper case, so that
/// the search is case-sensitive (and so vectorised) yet finds "Promoted",
/// "promoted" and "PROMOTED".
static SMALL_PRINT_WORDS: std::sync::LazyLock<aho_corasick::AhoCorasick> =
    std::sync::LazyLock::new(|| {
        let stems = ["romoted", "rinted", "ublished", "egist", "imited", "ompany"];
        let upper: Vec<String> = stems.iter().map(|s| s.to_uppercase()).collect();
        // Leftmost-first (whether a line has one is all that is asked) lets
        // the crate use its vectorised Teddy search, which standard
        // semantics do not.
        aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostFirst)
            .build(
                stems
                    .iter()
                    .copied()
                    .chain(upper.iter().map(String::as_str)),
            )
            .expect("a handful of literals compile")
    });

/// Which lines of a block are copyright or registration lines. Registration
/// phrases are looked for in the block's text, since an imprint wraps ("…
/// Limited is a registered ⏎ Society under the …"); a short block holding
/// one is all small print and is marked whole, a longer one only on the
/// lines the phrase touches.
/// `small` says which lines hold one of the [`SMALL_PRINT_WORDS`].
fn legal_lines(block: &super::page::Block, joined: &JoinedBlock, small: &[bool]) -> Vec<bool> {
    let mut marks: Vec<bool> = block
        .lines
        .iter()
        .map(|l| {
            let t = l.text.trim_start();
            t.starts_with('\u{A9}') || t.starts_with("Copyright \u{A9}") || t.starts_with("(c) ")
        })
        .collect();
    if !small.contains(&true) {
        return marks;
    }
    // Every phrase opens with a small-print word, so it starts in a line
    // that holds one.
    let starts = &joined.starts;
    let spans: Vec<_> = (0..block.lines.len())
        .filter(|&i| small[i])
        .flat_map(|i| {
            legal_phrases(
                &joined.text,
                starts[i]..starts[i] + block.lines[i].text.len(),
            )
        })
        .collect();
    if spans.is_empty() {
        return marks;
    }
    if block.lines.len() <= 6 {
        return vec![true; block.lines.len()];
    }
    // Each phrase marks the lines from the one it starts in to the one it
    // ends in (found by binary search: a block may have thousands of lines).
    for r in spans {
        for mark in &mut marks[joined.line_of(r.start)..=joined.line_of(r.end.saturating_sub(1))] {
            *mark = true;
        }
    }
    marks
}

/// Byte ranges of the registration phrases of `text` that start in
/// `starts_in`, in any case: "registered with the electoral commission", "a
/// registered society under", "registered in England", "limited by
/// guarantee", "company number 123" and the like. One search for all of
/// them, over `starts_in` and as far beyond as the longest phrase reaches.
fn legal_phrases(text: &str, starts_in: std::ops::Range<usize>) -> Vec<std::ops::Range<usize>> {
    /// The phrases; those from `NUMBERED` on count only before a number.
    const PHRASES: [&str; 11] = [
        "registered with the electoral commission",
        "registered society under",
        "registered in england",
        "registered in scotland",
        "registered in wales",
        "limited by guarantee",
        "registered charity number",
        "company number",
        "company no",
        "registration number",
        "registered number",
    ];
    const NUMBERED: usize = 7;
    static SEARCH: std::sync::LazyLock<aho_corasick::AhoCorasick> =
        std::sync::LazyLock::new(|| {
            // Leftmost-longest, so "company number 12" is one match, not
            // "company no" followed by "umber".
            aho_corasick::AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .match_kind(aho_corasick::MatchKind::LeftmostLongest)
                .build(PHRASES)
                .expect("a handful of literals compile")
        });
    let longest = PHRASES.iter().map(|p| p.len()).max().unwrap_or(0);
    let window = starts_in.start..(starts_in.end + longest).min(text.len());
    let mut spans = Vec::new();
    for found in SEARCH.find_iter(aho_corasick::Input::new(text).span(window)) {
        if found.start() >= starts_in.end {
            break;
        }
        let (at, end) = (found.start(), found.end());
        if found.pattern().as_usize() < NUMBERED {
            spans.push(at..end);
            continue;
        }
        let digits = text[end..].trim_start_matches(['.', ':', ' ']);
        if digits.starts_with(|c: char| c.is_ascii_digit()) {
            spans.push(at..text.len() - digits.len() + 1);
        }
    }
    spans
}

/// The page edge whose margin band holds the line, if any. Horizontal text is
/// furniture at the top or bottom; text running up or down the page (heads
/// set along the side, as in the Liberal Democrats' 2015 manifesto) at the
/// left or right.
fn edge_of(width: f32, height: f32, dir: Direction, bbox: [f32; 4]) -> Option<Edge> {
    let [x0, y0, x1, y1] = page_box(dir, bbox);
    match dir {
        Direction::Right | Direction::Left if height > 0.0 => {
            if y0 >= height * (1.0 - MARGIN_BAND) {
                Some(Edge::Top)
            } else if y1 <= height * MARGIN_BAND {
                Some(Edge::Bottom)
            } else {
                None
            }
        }
        Direction::Up | Direction::Down if width > 0.0 => {
            if x1 <= width * MARGIN_BAND {
                Some(Edge::Left)
            } else if x0 >= width * (1.0 - MARGIN_BAND) {
                Some(Edge::Right)
            } else {
                None
            }
        }
        _ => None,
    }
}

/// A box in a direction's reading frame, back in page space (the inverse of
/// [`Direction::to_reading_frame`]).
fn page_box(dir: Direction, [a0, b0, a1, b1]: [f32; 4]) -> [f32; 4] {
    match dir {
        Direction::Right => [a0, b0, a1, b1],
        Direction::Up => [-b1, a0, -b0, a1],
        Direction::Left => [-a1, -b1, -a0, -b0],
        Direction::Down => [b0, -a1, b1, -a0],
    }
}

/// The text with digits blurred, so "Page 4" and "Page 5" repeat.
fn shape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().filter(|c| !c.is_whitespace()) {
        if c.is_ascii_digit() {
            // A run of digits is one '#', so pages 9 and 10 look alike.
            if !out.ends_with('#') {
                out.push('#');
            }
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// A table-of-contents entry: a title, a leader of dots, a page number
/// ("Jobs for all ........ 17", "Foreword . . . . 5", "Foreword…… 5"), or a
/// longer leader with no number, when the numbers are set in a column of
/// their own ("Helping you build the Big Society..........").
fn is_contents_entry(text: &str) -> bool {
    let t = text.trim_end();
    let without_number = t.trim_end_matches(|c: char| c.is_ascii_digit());
    let numbered = without_number.len() < t.len();
    let dots: usize = without_number
        .chars()
        .rev()
        .take_while(|c| matches!(c, '.' | '…') || c.is_whitespace())
        .map(|c| match c {
            '.' => 1,
            '…' => 3,
            _ => 0,
        })
        .sum();
    // The title is looked for only behind a leader (most lines have none).
    (if numbered { dots >= 4 } else { dots >= 8 })
        && without_number.chars().any(char::is_alphabetic)
}

/// "12", "- 12 -", "Page 12", "12 of 80", "xiv".
fn is_page_number(text: &str) -> bool {
    let t = text
        .trim()
        .trim_matches(|c: char| c == '-' || c == '–' || c == '|' || c.is_whitespace());
    let t = t
        .strip_prefix("Page ")
        .or_else(|| t.strip_prefix("page "))
        .unwrap_or(t);
    if t.is_empty() {
        return false;
    }
    let digits_only =
        |s: &str| !s.is_empty() && s.len() <= 4 && s.chars().all(|c| c.is_ascii_digit());
    if digits_only(t) {
        return true;
    }
    if let Some((a, b)) = t.split_once(" of ") {
        return digits_only(a.trim()) && digits_only(b.trim());
    }
    is_roman_numeral(t)
}

/// Lower-case roman numerals up to 399, written canonically (so "civic" is not one).
fn is_roman_numeral(t: &str) -> bool {
    const UNITS: [&str; 10] = ["", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"];
    const TENS: [&str; 10] = ["", "x", "xx", "xxx", "xl", "l", "lx", "lxx", "lxxx", "xc"];
    const HUNDREDS: [&str; 4] = ["", "c", "cc", "ccc"];
    !t.is_empty()
        && HUNDREDS.iter().any(|h| {
            t.strip_prefix(h).is_some_and(|rest| {
                TENS.iter()
                    .any(|x| rest.strip_prefix(x).is_some_and(|u| UNITS.contains(&u)))
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::page::{Block, Line};

    fn line(text: &str, y: f32) -> Line {
        Line {
            text: text.into(),
            bbox: [50.0, y, 200.0, y + 10.0],
            size: 10.0,
            furniture: false,
        }
    }

    fn page(number: u32, lines: Vec<Line>) -> Page {
        Page {
            number,
            width: 600.0,
            height: 800.0,
            blocks: lines
                .into_iter()
                .map(|l| Block {
                    lines: vec![l],
                    dir: Direction::Right,
                })
                .collect(),
            ..Page::default()
        }
    }

    #[test]
    fn repeated_heads_and_page_numbers_are_furniture() {
        let mut pages: Vec<Page> = (1..=4)
            .map(|n| {
                page(
                    n,
                    vec![
                        line("Our plan for a fairer country", 770.0),
                        line("Body text that is not furniture.", 400.0),
                        line(&n.to_string(), 20.0),
                    ],
                )
            })
            .collect();
        mark_furniture(&mut pages);
        for p in &pages {
            let flags: Vec<bool> = p.blocks.iter().map(|b| b.lines[0].furniture).collect();
            assert_eq!(flags, vec![true, false, true]);
        }
    }

    #[test]
    fn heads_running_up_the_side_margin_are_furniture() {
        let mut pages: Vec<Page> = (1..=4)
            .map(|n| {
                let mut p = page(n, vec![line("Body text in the middle of the page.", 400.0)]);
                // "Manifesto 2015" set upwards 30pt from the left edge, in its
                // reading frame: x' = y (along the page), y' = -x.
                p.blocks.push(Block {
                    lines: vec![Line {
                        text: "Manifesto 2015".into(),
                        bbox: [55.0, -35.0, 165.0, -28.0],
                        size: 7.0,
                        furniture: false,
                    }],
                    dir: Direction::Up,
                });
                p
            })
            .collect();
        mark_furniture(&mut pages);
        for p in &pages {
            assert!(!p.blocks[0].lines[0].furniture);
            assert!(p.blocks[1].lines[0].furniture);
        }
    }

    #[test]
    fn page_box_inverts_the_reading_frame() {
        for dir in [
            Direction::Right,
            Direction::Up,
            Direction::Left,
            Direction::Down,
        ] {
            let (a, b) = dir.to_reading_frame(10.0, 20.0);
            let (c, d) = dir.to_reading_frame(30.0, 50.0);
            let frame = [a.min(c), b.min(d), a.max(c), b.max(d)];
            assert_eq!(page_box(dir, frame), [10.0, 20.0, 30.0, 50.0], "{dir:?}");
        }
    }

    #[test]
    fn a_margin_full_of_numbers_is_not_page_numbers() {
        let labels = (1..=6)
            .map(|n| line(&n.to_string(), 20.0 + n as f32 * 0.5))
            .collect();
        let mut pages = vec![page(1, labels)];
        mark_furniture(&mut pages);
        assert!(pages[0].blocks.iter().all(|b| !b.lines[0].furniture));
    }

    #[test]
    fn page_numbers_of_any_length_share_a_shape() {
        assert_eq!(shape("Manifesto / 9"), shape("Manifesto / 10"));
        assert_ne!(shape("Manifesto / 9"), shape("Manifesto 9 / 10"));
    }

    #[test]
    fn contents_entries_are_furniture() {
        for t in [
            "Jobs for all........17",
            "Foreword . . . . . 5",
            "Big Society …… 45",
            "Helping you build the Big Society..........",
        ] {
            assert!(is_contents_entry(t), "{t}");
        }
        for t in [
            "We will act... by 2015",
            "Costs 5",
            "Wait.... twelve reasons",
            "Total 1.5",
            "And so on....",
            "..........",
        ] {
            assert!(!is_contents_entry(t), "{t}");
        }
    }

    /// A page of blocks, each a list of lines set in the middle of the page.
    fn blocks_page(number: u32, blocks: &[&[&str]]) -> Page {
        let mut p = page(number, Vec::new());
        p.blocks = blocks
            .iter()
            .map(|lines| Block {
                lines: lines.iter().map(|t| line(t, 400.0)).collect(),
                dir: Direction::Right,
            })
            .collect();
        p
    }

    fn marks(p: &Page) -> Vec<Vec<bool>> {
        p.blocks
            .iter()
            .map(|b| b.lines.iter().map(|l| l.furniture).collect())
            .collect()
    }

    #[test]
    fn a_contents_page_is_furniture_but_prose_on_it_is_not() {
        let mut pages = vec![blocks_page(
            1,
            &[
                &["Contents"],
                &[
                    "A co-operative economy",
                    "Doubling the size of the co-operative sector",
                ],
                &["Employee ownership", "Community energy"],
                &[
                    "Foreword. We have set out in these pages a plan for an economy that",
                    "is owned by the many, with co-operatives and mutuals at its heart,",
                    "and with every community given the right to own what matters to it.",
                ],
            ],
        )];
        mark_furniture(&mut pages);
        assert_eq!(
            marks(&pages[0]),
            [
                vec![true],
                vec![true, true],
                vec![true, true],
                vec![false, false, false]
            ]
        );
    }

    #[test]
    fn a_block_of_entries_with_rising_page_numbers_is_contents() {
        let mut pages = vec![blocks_page(
            1,
            &[
                &[
                    "Jobs for all 4",
                    "A co-operative economy 12",
                    "Community energy 17",
                ],
                &["7 Foreword", "9 Mutuals and co-ops", "15 Credit unions"],
                &["Ages 16 to 25", "Over 65", "Under 18"],
                &[
                    "1. Fund credit unions.",
                    "2. Back co-ops.",
                    "3. Build homes.",
                ],
            ],
        )];
        mark_furniture(&mut pages);
        assert_eq!(
            marks(&pages[0]),
            [vec![true; 3], vec![true; 3], vec![false; 3], vec![false; 3]]
        );
    }

    #[test]
    fn imprints_and_legal_lines_are_furniture() {
        let mut pages = vec![blocks_page(
            1,
            &[
                &[
                    "Published and promoted by A. Agent on behalf of",
                    "the Hedgerow Party, both at 1 Lane, Town AB1 2CD.",
                ],
                &["Printed & promoted by B. Printer, 2 Road, Town."],
                &["Data is kept safe. Promoted by C. Person on behalf of Vote Now Ltd."],
                &[
                    "The Hedgerow Co-operative Party Limited is a registered",
                    "Society under the Co-operative and Community Benefit Societies Act 2014.",
                ],
                &["\u{A9} The Hedgerow Party 2026"],
                &["Company number: 01234567"],
                // Body text that only looks like small print.
                &["This policy is being promoted by the government without a vote."],
                &["The lifeboat service is a registered charity we will support."],
            ],
        )];
        mark_furniture(&mut pages);
        assert_eq!(
            marks(&pages[0]),
            [
                vec![true, true],
                vec![true],
                vec![true],
                vec![true, true],
                vec![true],
                vec![true],
                vec![false],
                vec![false],
            ]
        );
    }

    #[test]
    fn in_a_long_block_only_the_lines_of_a_registration_phrase_are_small_print() {
        let mut pages = vec![blocks_page(
            1,
            &[&[
                "We will back co-operatives in every town and city,",
                "and mutuals in every industry that wants them.",
                "The Hedgerow Co-operative Party Limited is a registered",
                "Society under the Co-operative and Community Benefit Societies Act.",
                "Our plans for credit unions come next, with money",
                "for every community that wants one, and more besides.",
                "Community energy will follow in the chapter after,",
                "with its own plans for every region of the country.",
            ]],
        )];
        mark_furniture(&mut pages);
        assert_eq!(
            marks(&pages[0]),
            [vec![false, false, true, true, false, false, false, false]]
        );
    }

    #[test]
    fn imprint_phrases() {
        for t in [
            "Promoted by: Plaid Cymru, Cardiff",
            "PUBLISHED AND PROMOTED BY THE PARTY, 91 AVENUE",
            "Printed by: Colourview Ltd, Unit 8",
            "Published, printed and promoted by X on behalf of Y",
        ] {
            assert!(starts_imprint(t), "{t}");
        }
        for t in [
            "That is the same interest being promoted by the DUP",
            "Labour is opposed to the privatisation actively promoted by the",
            "Reports published by the Commission show",
            "imprinted by history",
        ] {
            assert!(!starts_imprint(t), "{t}");
        }
    }

    #[test]
    fn a_page_of_margin_lines_only_keeps_them() {
        // The same line at the top of every page, and nothing else: a
        // document of one line per page must not come out empty.
        let mut pages: Vec<Page> = (1..=6)
            .map(|n| {
                page(
                    n,
                    vec![
                        line("Vote for change on 7 May", 770.0),
                        line(&n.to_string(), 20.0),
                    ],
                )
            })
            .collect();
        mark_furniture(&mut pages);
        assert!(pages.iter().all(|p| marks(p).iter().flatten().all(|f| !f)));
        // With body text on the page, the same lines are furniture.
        let mut pages: Vec<Page> = (1..=6)
            .map(|n| {
                page(
                    n,
                    vec![
                        line("Vote for change on 7 May", 770.0),
                        line("Body text in the middle.", 400.0),
                        line(&n.to_string(), 20.0),
                    ],
                )
            })
            .collect();
        mark_furniture(&mut pages);
        assert!(pages
            .iter()
            .all(|p| marks(p) == [vec![true], vec![false], vec![true]]));
    }

    #[test]
    fn a_document_that_is_only_contents_keeps_it() {
        let mut pages = vec![
            blocks_page(
                1,
                &[
                    &["Contents"],
                    &["Abstract ........ 3", "Foreword ........ 5"],
                ],
            ),
            blocks_page(2, &[&["Introduction ........ 11"]]),
        ];
        mark_furniture(&mut pages);
        assert!(pages.iter().all(|p| marks(p).iter().flatten().all(|f| !f)));
    }

    #[test]
    fn a_one_off_line_in_the_margin_is_kept() {
        let mut pages = vec![page(1, vec![line("A heading near the top", 770.0)])];
        mark_furniture(&mut pages);
        assert!(!pages[0].blocks[0].lines[0].furniture);
    }

    #[test]
    fn page_number_shapes() {
        for t in ["12", "- 12 -", "Page 7", "3 of 80", "xiv"] {
            assert!(is_page_number(t), "{t}");
        }
        for t in ["12 million", "Co-operatives", "civic", "12345"] {
            assert!(!is_page_number(t), "{t}");
        }
    }
}
