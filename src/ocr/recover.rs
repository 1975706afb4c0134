//! Recovering the text of glyphs a text layer leaves unmapped: codes of a
//! font with no ToUnicode entry, no glyph name and no standard encoding
//! (a Calibri "ti" ligature, a display font's capitals, leader dots).
//!
//! Such a glyph reaches layout as its [`UnmappedTag`], one per font and code
//! of the document. Recovery learns what each tag's glyph says by looking at
//! it: the lines holding tags are cut from the rendered page, stacked into
//! one strip and recognised by Tesseract in one call; each recognised line is
//! aligned with the line's own text, whose mapped characters anchor where
//! each tag's glyph sits, and what the recogniser read there is a vote for
//! that tag. A tag takes the reading most of its votes agree on, and is then
//! replaced everywhere in the document, on pages never rendered: a handful
//! of pages teach the whole document its fonts. A line whose tags found no
//! agreement keeps its own reading when it was rendered. Tags left are
//! U+FFFD again, counted as unmapped as before.
//!
//! No crate does this: poppler and MuPDF print a space or U+FFFD for such
//! glyphs, and OCR of whole pages would throw away the text layer's good
//! text and its layout for the sake of a few glyphs.

use super::render::{GreyImage, Renderable};
use super::Ocr;
use crate::pdf::{Direction, UnmappedTag};
use crate::text::Page;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Pages rendered at most per document to learn its unmapped glyphs. The
/// corpus's worst cases need two or three: fonts repeat, and each rendered
/// page gives a vote for every tag on it.
const MAX_PAGES: usize = 12;

/// Lines cut from one page into a strip at most.
const MAX_LINES_PER_PAGE: usize = 40;

/// Votes that decide a tag before the page budget is spent: this many
/// agreeing readings (or every reading, when the tag occurs fewer times).
const AGREEING_VOTES: u32 = 2;

/// The most a line's mapped characters may disagree with the recogniser's
/// reading of them, as a share of them, for its reading of the tags to
/// count: a larger share means the crop or the recognition went wrong.
const MAX_ANCHOR_ERROR: f32 = 0.2;

/// Where a line sits in the document: page, block and line indexes.
type LineAt = (usize, usize, usize);

impl Ocr {
    /// Gives text to the tagged glyphs of `pages` (a PDF's pages, `bytes`)
    /// that it can learn, and turns every tag left into U+FFFD. Each page's
    /// `unmapped` and `recovered` counts say what is left and what was done.
    pub fn recover_unmapped(&self, bytes: &[u8], password: Option<&str>, pages: &mut [Page]) {
        let lines = tagged_lines(pages);
        if !lines.is_empty() {
            let learned = match Renderable::open(bytes, password) {
                Ok(pdf) => self.learn(&pdf, pages, &lines),
                Err(why) => {
                    if let Some(page) = lines.first().and_then(|&(p, _, _)| pages.get_mut(p)) {
                        page.warnings
                            .push(format!("unmapped glyphs could not be recovered: {why}"));
                    }
                    Learned::default()
                }
            };
            for &(p, b, l) in &lines {
                let page = &mut pages[p];
                let line = &mut page.blocks[b].lines[l];
                let own = learned.own_readings.get(&(p, b, l));
                let (text, by_glyph, by_line) = fill_tags(&line.text, &learned.tags, own);
                line.text = text;
                page.recovered.by_glyph += by_glyph;
                page.recovered.by_line += by_line;
            }
        }
        untag_pages(pages);
    }

    /// Renders pages holding tags, most tags still undecided first, until
    /// every tag is decided or the budget is spent.
    fn learn(&self, pdf: &Renderable, pages: &[Page], lines: &[LineAt]) -> Learned {
        let occurrences = count_tags(pages, lines);
        let mut votes: HashMap<UnmappedTag, BTreeMap<String, u32>> = HashMap::new();
        let mut decided: HashMap<UnmappedTag, String> = HashMap::new();
        let mut own_readings = HashMap::new();
        let mut rendered = BTreeSet::new();
        while rendered.len() < MAX_PAGES {
            let Some(page_index) = next_page(pages, lines, &decided, &rendered) else {
                break;
            };
            rendered.insert(page_index);
            let chosen: Vec<LineAt> = lines
                .iter()
                .filter(|&&(p, b, l)| {
                    p == page_index
                        && tags_in(&pages[p].blocks[b].lines[l].text)
                            .any(|t| !decided.contains_key(&t))
                })
                .take(MAX_LINES_PER_PAGE)
                .copied()
                .collect();
            let readings = match self.read_lines(pdf, &pages[page_index], &chosen) {
                Ok(readings) => readings,
                Err(_) => continue,
            };
            for (at, words) in chosen.iter().zip(readings) {
                let text = &pages[at.0].blocks[at.1].lines[at.2].text;
                let Some(found) = align(text, &words) else {
                    continue;
                };
                for (tag, read) in &found {
                    if let Some(read) = read {
                        *votes
                            .entry(*tag)
                            .or_default()
                            .entry(read.clone())
                            .or_default() += 1;
                    }
                }
                own_readings.insert(*at, found);
            }
            for (tag, counts) in &votes {
                if decided.contains_key(tag) {
                    continue;
                }
                let needed = AGREEING_VOTES.min(occurrences.get(tag).copied().unwrap_or(1));
                if let Some(reading) = agreed(counts, needed) {
                    decided.insert(*tag, reading);
                }
            }
        }
        // The budget is spent: a tag with a majority reading takes it.
        for (tag, counts) in &votes {
            if !decided.contains_key(tag) {
                if let Some(reading) = agreed(counts, 1) {
                    decided.insert(*tag, reading);
                }
            }
        }
        Learned {
            tags: decided,
            own_readings,
        }
    }

    /// Cuts `lines` of `page` out of its rendering, stacks them into one
    /// strip and recognises it: each line's reading, `None` where nothing
    /// was read on it.
    fn read_lines(
        &self,
        pdf: &Renderable,
        page: &Page,
        lines: &[LineAt],
    ) -> Result<Vec<Vec<(String, f32)>>, String> {
        let image = pdf.render(page.number, self.dpi)?;
        let scale = image.dpi as f32 / 72.0;
        // A page the renderer turned (a /Rotate of 90 or 270) has other
        // proportions than its layout: its boxes would cut the wrong places.
        let expected = (page.width * scale, page.height * scale);
        if (expected.0 - image.width as f32).abs() > 2.0
            || (expected.1 - image.height as f32).abs() > 2.0
        {
            return Err("the rendered page is turned".into());
        }
        let crops: Vec<[u32; 4]> = lines
            .iter()
            .map(|&(_, b, l)| {
                let line = &page.blocks[b].lines[l];
                let pad = line.size.max(4.0) * 0.3;
                let [left, bottom, right, top] = line.bbox;
                let px = |v: f32, limit: u32| (v * scale).round().clamp(0.0, limit as f32) as u32;
                [
                    px(left - pad, image.width),
                    px(page.height - top - pad, image.height),
                    px(right + pad, image.width),
                    px(page.height - bottom + pad, image.height),
                ]
            })
            .collect();
        let (strip, rows) = stack(&image, &crops);
        let recognised = self.engine.recognise_lines(strip)?;
        let mut readings = vec![Vec::new(); crops.len()];
        for line in recognised.paragraphs.iter().flatten() {
            let middle = (line.bbox[1] + line.bbox[3]) / 2;
            if let Some(i) = rows.iter().position(|r| r.contains(&middle)) {
                readings[i].push(line);
            }
        }
        // A line the recogniser split in two (at a wide gap) is one again,
        // its parts left to right.
        Ok(readings
            .into_iter()
            .map(|mut parts| {
                parts.sort_by_key(|line| line.bbox[0]);
                parts
                    .into_iter()
                    .flat_map(|l| l.words.iter().cloned())
                    .collect()
            })
            .collect())
    }
}

/// What the rendered pages taught.
#[derive(Default)]
struct Learned {
    /// Each decided tag's text.
    tags: HashMap<UnmappedTag, String>,
    /// Each rendered line's own reading of each of its tags, in order.
    own_readings: HashMap<LineAt, Vec<(UnmappedTag, Option<String>)>>,
}

/// The tags in `text`, in order.
fn tags_in(text: &str) -> impl Iterator<Item = UnmappedTag> + '_ {
    text.chars().filter_map(UnmappedTag::of)
}

/// Every line holding a tag, in document order. Only lines set left to
/// right: their boxes are boxes on the rendered page.
fn tagged_lines(pages: &[Page]) -> Vec<LineAt> {
    let mut found = Vec::new();
    for (p, page) in pages.iter().enumerate() {
        for (b, block) in page.blocks.iter().enumerate() {
            for (l, line) in block.lines.iter().enumerate() {
                if block.dir == Direction::Right && tags_in(&line.text).next().is_some() {
                    found.push((p, b, l));
                }
            }
        }
    }
    found
}

/// How often each tag occurs in `lines`.
fn count_tags(pages: &[Page], lines: &[LineAt]) -> HashMap<UnmappedTag, u32> {
    let mut counts = HashMap::new();
    for &(p, b, l) in lines {
        for tag in tags_in(&pages[p].blocks[b].lines[l].text) {
            *counts.entry(tag).or_default() += 1;
        }
    }
    counts
}

/// The page not yet rendered with the most undecided tags (distinct per
/// line), the earliest on a tie; `None` when no tag is undecided.
fn next_page(
    pages: &[Page],
    lines: &[LineAt],
    decided: &HashMap<UnmappedTag, String>,
    rendered: &BTreeSet<usize>,
) -> Option<usize> {
    let mut undecided: BTreeMap<usize, BTreeSet<UnmappedTag>> = BTreeMap::new();
    for &(p, b, l) in lines {
        if rendered.contains(&p) {
            continue;
        }
        let tags = tags_in(&pages[p].blocks[b].lines[l].text).filter(|t| !decided.contains_key(t));
        undecided.entry(p).or_default().extend(tags);
    }
    undecided
        .into_iter()
        .filter(|(_, tags)| !tags.is_empty())
        .max_by(|(pa, a), (pb, b)| a.len().cmp(&b.len()).then(pb.cmp(pa)))
        .map(|(p, _)| p)
}

/// The reading at least `needed` votes and more than half of all votes
/// agree on.
fn agreed(counts: &BTreeMap<String, u32>, needed: u32) -> Option<String> {
    let total: u32 = counts.values().sum();
    let (reading, &top) = counts.iter().max_by_key(|(_, &n)| n)?;
    (top >= needed && top * 2 > total).then(|| reading.clone())
}

/// `text` with its tags filled: a decided tag's text, else the line's own
/// reading of it; the count filled each way.
fn fill_tags(
    text: &str,
    decided: &HashMap<UnmappedTag, String>,
    own: Option<&Vec<(UnmappedTag, Option<String>)>>,
) -> (String, u32, u32) {
    let mut own = own.map(|o| o.iter());
    let (mut by_glyph, mut by_line) = (0, 0);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let Some(tag) = UnmappedTag::of(c) else {
            out.push(c);
            continue;
        };
        // The line's own readings come in the order of its tags.
        let own_reading = own
            .as_mut()
            .and_then(|o| o.next())
            .and_then(|(_, r)| r.as_ref());
        if let Some(reading) = decided.get(&tag) {
            push_reading(&mut out, reading);
            by_glyph += 1;
        } else if let Some(reading) = own_reading {
            push_reading(&mut out, reading);
            by_line += 1;
        } else {
            out.push(c);
        }
    }
    (out, by_glyph, by_line)
}

/// A glyph's reading written out; a space glyph's as one space.
fn push_reading(out: &mut String, reading: &str) {
    if reading != " " {
        out.push_str(reading);
    } else if !out.is_empty() && !out.ends_with(' ') {
        out.push(' ');
    }
}

/// Every tag left in `pages` as U+FFFD, each page's `unmapped` what is
/// left in its text.
fn untag_pages(pages: &mut [Page]) {
    for page in pages {
        for line in page.blocks.iter_mut().flat_map(|b| b.lines.iter_mut()) {
            if let std::borrow::Cow::Owned(plain) = UnmappedTag::untag(&line.text) {
                line.text = plain;
            }
        }
        if page.unmapped > 0 {
            page.unmapped = page.unmapped_in_text();
        }
    }
}

/// Crops of `image` stacked top to bottom on white, each a gap apart:
/// the strip, and each crop's rows in it.
fn stack(image: &GreyImage, crops: &[[u32; 4]]) -> (GreyImage, Vec<std::ops::Range<u32>>) {
    let gap = image.dpi / 6;
    let margin = image.dpi / 6;
    let width = crops
        .iter()
        .map(|c| c[2].saturating_sub(c[0]))
        .max()
        .unwrap_or(0)
        + 2 * margin;
    let mut rows = Vec::with_capacity(crops.len());
    let mut y = margin;
    for c in crops {
        let h = c[3].saturating_sub(c[1]);
        rows.push(y..y + h);
        y += h + gap;
    }
    let height = y - gap + margin;
    let mut pixels = vec![255u8; width as usize * height as usize];
    for (c, at) in crops.iter().zip(&rows) {
        let w = c[2].saturating_sub(c[0]) as usize;
        for (i, row) in (c[1]..c[3]).enumerate() {
            let from = row as usize * image.width as usize + c[0] as usize;
            let to = (at.start as usize + i) * width as usize + margin as usize;
            pixels[to..to + w].copy_from_slice(&image.pixels[from..from + w]);
        }
    }
    let strip = GreyImage {
        width,
        height,
        dpi: image.dpi,
        pixels,
    };
    (strip, rows)
}

/// The least confidence (0 to 100) Tesseract must have in the word a
/// glyph's reading comes from for the reading to count: leader dots and
/// other marks with no letter in them are read as strings of "e" and "s"
/// at 0% to 35%, real words at 90% and more.
const MIN_READING_CONFIDENCE: f32 = 60.0;

/// One position of a line's text: a character of its text layer or a tag.
#[derive(Clone, Copy, PartialEq)]
enum Known {
    Char(char),
    Tag(UnmappedTag),
}

/// The most characters one glyph is read as: a ligature ("ffi") has three.
const MAX_GLYPH_CHARS: usize = 3;

/// Aligns a line's text (mapped characters and tags) with the words the
/// recogniser read on it (each with its confidence): each tag's reading, in
/// order, when the mapped characters agree well enough with what was read
/// where they stand. A tag read in a word the recogniser doubts, or read as
/// nothing, has no reading.
///
/// An edit distance in which a tag may stand for one to three letters read
/// (one costs nothing, more a little each, so that a plain letter is
/// preferred to a ligature), for a space between words read (a space glyph
/// with no text), or for nothing (costly: a glyph is rarely unseen). Spaces
/// are soft on both sides: layout and recogniser split words differently.
/// Written by hand: a few lines of dynamic programming with costs no
/// alignment crate offers.
fn align(text: &str, words: &[(String, f32)]) -> Option<Vec<(UnmappedTag, Option<String>)>> {
    let mut line: Vec<Known> = Vec::new();
    for c in text.chars() {
        let known = match UnmappedTag::of(c) {
            Some(tag) => Known::Tag(tag),
            None if c.is_whitespace() => Known::Char(' '),
            None => Known::Char(c),
        };
        if !(known == Known::Char(' ') && line.last().is_none_or(|k| *k == Known::Char(' '))) {
            line.push(known);
        }
    }
    // The words' letters, a space between words; a space is as sure as the
    // less sure of the words beside it.
    let mut read: Vec<(char, f32)> = Vec::new();
    for (word, conf) in words {
        let letters = word.chars().filter(|c| !c.is_whitespace());
        if letters.clone().next().is_none() {
            continue;
        }
        if let Some(&(_, before)) = read.last() {
            read.push((' ', before.min(*conf)));
        }
        read.extend(letters.map(|c| (c, *conf)));
    }
    let anchors = line
        .iter()
        .filter(|k| matches!(k, Known::Char(c) if *c != ' '))
        .count();
    let tags = line.iter().filter(|k| matches!(k, Known::Tag(_))).count();
    let letters_read = read.iter().filter(|(c, _)| *c != ' ').count();
    if tags == 0 || letters_read == 0 {
        return None;
    }
    let (n, m) = (line.len(), read.len());
    let width = m + 1;
    // cost[i][j]: aligning line[..i] with read[..j]; `from` the step taken.
    let mut cost = vec![f32::INFINITY; (n + 1) * width];
    let mut from = vec![(0usize, 0usize); (n + 1) * width];
    cost[0] = 0.0;
    for i in 0..=n {
        for j in 0..=m {
            let here = cost[i * width + j];
            if !here.is_finite() {
                continue;
            }
            let mut relax = |ni: usize, nj: usize, step: f32| {
                let at = ni * width + nj;
                if here + step < cost[at] {
                    cost[at] = here + step;
                    from[at] = (i, j);
                }
            };
            let read_space = j < m && read[j].0 == ' ';
            if j < m {
                // Read something the line lacks.
                relax(i, j + 1, if read_space { SPACE_COST } else { 1.0 });
            }
            if i >= n {
                continue;
            }
            match line[i] {
                Known::Char(' ') => {
                    relax(i + 1, j, SPACE_COST);
                    if read_space {
                        relax(i + 1, j + 1, 0.0);
                    }
                }
                Known::Char(c) => {
                    relax(i + 1, j, 1.0); // a character not read
                    if j < m && !read_space {
                        relax(i + 1, j + 1, if same(c, read[j].0) { 0.0 } else { 1.0 });
                    }
                }
                Known::Tag(_) if read_space => relax(i + 1, j + 1, 0.0),
                Known::Tag(_) => {
                    relax(i + 1, j, 0.6);
                    let letters = read[j..].iter().take_while(|(c, _)| *c != ' ').count();
                    for k in 1..=MAX_GLYPH_CHARS.min(letters) {
                        relax(i + 1, j + k, 0.15 * (k as f32 - 1.0));
                    }
                }
            }
        }
    }
    // Walk back, keeping each tag's span and the anchors' errors.
    let mut readings = Vec::with_capacity(tags);
    let (mut i, mut j) = (n, m);
    let mut anchor_errors = 0.0;
    while i > 0 || j > 0 {
        let (pi, pj) = from[i * width + j];
        let step = cost[i * width + j] - cost[pi * width + pj];
        match (pi < i).then(|| line[pi]) {
            Some(Known::Tag(tag)) => {
                let span = &read[pj..j];
                let sure = span.iter().all(|&(_, c)| c >= MIN_READING_CONFIDENCE);
                let reading =
                    (!span.is_empty() && sure).then(|| span.iter().map(|(c, _)| c).collect());
                readings.push((tag, reading));
            }
            _ => anchor_errors += step,
        }
        (i, j) = (pi, pj);
    }
    readings.reverse();
    // A line all of tags has no anchors: its reading is trusted only when
    // it has as many characters as the line has glyphs.
    let trusted = if anchors == 0 {
        m == tags
    } else {
        anchor_errors <= (anchors as f32 * MAX_ANCHOR_ERROR).max(1.0)
    };
    trusted.then_some(readings)
}

/// What a space in one text and not the other costs: little, since layout
/// and recogniser often split words differently.
const SPACE_COST: f32 = 0.25;

/// Whether a character read stands for the text layer's: equal, or the
/// same letter in typographic and plain forms the recogniser mixes up.
fn same(layer: char, read: char) -> bool {
    let plain = |c: char| match c {
        '\u{2018}' | '\u{2019}' | '`' => '\'',
        '\u{201C}' | '\u{201D}' => '"',
        '\u{2013}' | '\u{2014}' | '\u{2212}' => '-',
        c => c,
    };
    plain(layer) == plain(read)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(i: usize) -> UnmappedTag {
        UnmappedTag::new(i).unwrap()
    }

    /// Words read with full confidence.
    fn read(s: &str) -> Vec<(String, f32)> {
        s.split(' ').map(|w| (w.to_string(), 95.0)).collect()
    }

    /// Text with `#` as tag 0 and `%` as tag 1.
    fn tagged(s: &str) -> String {
        s.replace('#', &tag(0).as_char().to_string())
            .replace('%', &tag(1).as_char().to_string())
    }

    #[test]
    fn a_ligature_is_read_where_its_neighbours_anchor_it() {
        let found = align(
            &tagged("na#onal organisa#ons"),
            &read("national organisations"),
        )
        .unwrap();
        let ti = Some("ti".to_string());
        assert_eq!(found, vec![(tag(0), ti.clone()), (tag(0), ti)]);
    }

    #[test]
    fn single_letters_and_misread_anchors_within_the_limit() {
        // One anchor misread ("b" for "h") of eighteen is tolerated.
        let found = align(
            &tagged("#owever, the govern%ent"),
            &read("However, tbe government"),
        )
        .unwrap();
        assert_eq!(
            found,
            vec![(tag(0), Some("H".into())), (tag(1), Some("m".into()))]
        );
    }

    #[test]
    fn a_reading_of_another_line_is_refused() {
        assert_eq!(
            align(
                &tagged("na#onal development"),
                &read("Chapter seven: housing")
            ),
            None
        );
    }

    #[test]
    fn a_space_glyph_with_no_text_is_read_as_the_gap_between_words() {
        // "JDM as President" with J, M, a, s, space, r unmapped.
        let line = "%D%%%%%P%%%%%%%%";
        let found = align(&tagged(line), &read("JDM as President")).unwrap();
        let readings: Vec<&str> = found.iter().map(|(_, r)| r.as_deref().unwrap()).collect();
        assert_eq!(readings.concat(), "JM as resident");
        assert_eq!(readings[2], " ");
    }

    #[test]
    fn a_line_of_tags_only_is_trusted_glyph_for_glyph() {
        let five = tagged("#####");
        assert_eq!(align(&five, &read(".....")).map(|r| r.len()), Some(5));
        assert_eq!(align(&five, &read("....")), None);
    }

    #[test]
    fn a_doubted_word_gives_no_reading() {
        let leaders = tagged("##### Bank of England");
        let words = vec![
            ("srreeeeeees".to_string(), 0.0),
            ("Bank".to_string(), 96.0),
            ("of".to_string(), 96.0),
            ("England".to_string(), 96.0),
        ];
        assert_eq!(align(&leaders, &words), Some(vec![(tag(0), None); 5]));
    }

    #[test]
    fn decided_tags_fill_every_line_and_own_readings_the_rest() {
        let decided = HashMap::from([(tag(0), "ti".to_string())]);
        let own = vec![
            (tag(0), Some("ti".to_string())),
            (tag(1), Some("J".to_string())),
        ];
        let (text, by_glyph, by_line) = fill_tags(&tagged("na#onal %ohn"), &decided, Some(&own));
        assert_eq!((text.as_str(), by_glyph, by_line), ("national John", 1, 1));
        let (text, by_glyph, by_line) = fill_tags(&tagged("%ohn"), &decided, None);
        assert_eq!((by_glyph, by_line), (0, 0));
        assert_eq!(UnmappedTag::untag(&text), "\u{FFFD}ohn");
    }

    #[test]
    fn votes_need_agreement_and_a_majority() {
        let counts = BTreeMap::from([("ti".to_string(), 2), ("ii".to_string(), 1)]);
        assert_eq!(agreed(&counts, 2).as_deref(), Some("ti"));
        let split = BTreeMap::from([("H".to_string(), 1), ("N".to_string(), 1)]);
        assert_eq!(agreed(&split, 1), None);
    }

    #[test]
    fn lines_are_stacked_with_their_rows_recorded() {
        let image = GreyImage {
            width: 4,
            height: 4,
            dpi: 12,
            pixels: (0..16).collect(),
        };
        let (strip, rows) = stack(&image, &[[1, 0, 3, 1], [0, 2, 4, 4]]);
        // Margins and gaps of 2 pixels at 12 dpi.
        assert_eq!(rows, vec![2..3, 5..7]);
        assert_eq!((strip.width, strip.height), (8, 9));
        let row = |y: usize| &strip.pixels[y * 8..y * 8 + 8];
        assert_eq!(row(2), &[255, 255, 1, 2, 255, 255, 255, 255]);
        assert_eq!(row(6), &[255, 255, 12, 13, 14, 15, 255, 255]);
    }
}
