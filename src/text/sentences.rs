//! Sentences and excerpts. Sentence bounds come from Unicode's rules
//! (unicode-segmentation); body text joins the lines of a block with spaces
//! and ends each block with a line break, so a heading without a full stop
//! does not run into the paragraph below. One departure from those rules: a
//! list item set with a dash after a finished sentence starts a sentence of
//! its own (`split_dash_items`).

use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;

/// An excerpt longer than this many characters is cut around the match.
pub const MAX_EXCERPT_CHARS: usize = 400;

/// Byte ranges of the sentences of `text`, white space trimmed, empty ones dropped.
///
/// Line by line (a line break always ends a sentence): a line of the
/// characters English text is made of goes through our own implementation of
/// the rules ([`super::uax29`], many times faster), any other through
/// unicode-segmentation; both give the same boundaries.
pub fn sentence_ranges(text: &str) -> Vec<Range<usize>> {
    let mut segments = Vec::new();
    let mut base = 0;
    for line in text.split_inclusive('\n') {
        if !super::uax29::sentence_segments(line, base, &mut segments) {
            segments.extend(
                line.split_sentence_bound_indices()
                    .map(|(i, s)| base + i..base + i + s.len()),
            );
        }
        base += line.len();
    }
    split_dash_items(text, &mut segments);
    segments
        .into_iter()
        .filter_map(|r| {
            let s = &text[r.clone()];
            let lead = s.len() - s.trim_start().len();
            let trimmed = s.trim();
            (!trimmed.is_empty()).then(|| r.start + lead..r.start + lead + trimmed.len())
        })
        .collect()
}

/// Splits segments at a list item set with a dash after a finished
/// sentence ("... new ones. - Enable councils to ..."), where a block's
/// lines were joined. Unicode's rules (SB8a) keep a hyphen or dash after a
/// full stop in the sentence, as in "... end. - said the minister", but a
/// dash, a space and a capital after a terminator open a new item in the
/// lists of plain-text manifestos; bullets such as "•" are split already.
fn split_dash_items(text: &str, segments: &mut Vec<Range<usize>>) {
    let bytes = text.as_bytes();
    let en_dash = " \u{2013} ".as_bytes();
    let mut cuts: Vec<usize> = memchr::memmem::find_iter(bytes, b" - ")
        .chain(memchr::memmem::find_iter(bytes, en_dash))
        .map(|space| space + 1)
        .filter(|&dash| opens_dash_item(text, dash))
        .collect();
    if cuts.is_empty() {
        return;
    }
    cuts.sort_unstable();
    let mut out = Vec::with_capacity(segments.len() + cuts.len());
    let mut next = 0;
    for seg in segments.drain(..) {
        while next < cuts.len() && cuts[next] <= seg.start {
            next += 1;
        }
        let mut start = seg.start;
        while next < cuts.len() && cuts[next] < seg.end {
            out.push(start..cuts[next]);
            start = cuts[next];
            next += 1;
        }
        out.push(start..seg.end);
    }
    *segments = out;
}

/// Whether the dash at byte `dash` of `text` (after a space) opens a list
/// item: a space and a capital after it, a full stop, "!" or "?" before it
/// (closing quotes and brackets allowed between).
fn opens_dash_item(text: &str, dash: usize) -> bool {
    let (before, rest) = text.split_at(dash);
    let after = rest
        .strip_prefix('-')
        .or_else(|| rest.strip_prefix('\u{2013}'))
        .unwrap_or("");
    after
        .strip_prefix(' ')
        .is_some_and(|a| a.starts_with(char::is_uppercase))
        && before
            .trim_end()
            .trim_end_matches(['"', '\'', ')', '\u{2019}', '\u{201D}'])
            .ends_with(['.', '!', '?'])
}

/// The sentence `sentence` of `text` as a quotable excerpt around the match
/// `hit`: white space collapsed, and, when longer than [`MAX_EXCERPT_CHARS`],
/// cut to a window around the match with an ellipsis at each cut.
pub fn excerpt(text: &str, sentence: Range<usize>, hit: Range<usize>) -> String {
    let sentence_text = text.get(sentence.clone()).unwrap_or("");
    let hit_start = hit
        .start
        .saturating_sub(sentence.start)
        .min(sentence_text.len());
    let hit_end = hit
        .end
        .saturating_sub(sentence.start)
        .clamp(hit_start, sentence_text.len());
    let chars: Vec<(usize, char)> = sentence_text.char_indices().collect();
    if chars.len() <= MAX_EXCERPT_CHARS {
        return collapse_whitespace(sentence_text);
    }
    let first = chars.partition_point(|(i, _)| *i < hit_start);
    let last = chars.partition_point(|(i, _)| *i < hit_end);
    let hit_len = last - first;
    let room = MAX_EXCERPT_CHARS.saturating_sub(hit_len) / 2;
    let mut from = first.saturating_sub(room);
    let mut to = (last + room).min(chars.len());
    // Spend the unused room of one side on the other.
    if from == 0 {
        to = to.max(MAX_EXCERPT_CHARS.min(chars.len()));
    } else if to == chars.len() {
        from = from.min(chars.len().saturating_sub(MAX_EXCERPT_CHARS));
    }
    // Cut at word boundaries.
    while from > 0 && from < first && !chars[from - 1].1.is_whitespace() {
        from += 1;
    }
    while to < chars.len() && to > last && !chars[to].1.is_whitespace() {
        to -= 1;
    }
    let byte = |k: usize| chars.get(k).map_or(sentence_text.len(), |(i, _)| *i);
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    out.push_str(collapse_whitespace(&sentence_text[byte(from)..byte(to)]).trim());
    if to < chars.len() {
        out.push('…');
    }
    out
}

/// A label as a person may type it into a spreadsheet cell: lower case,
/// `_` and `-` read as spaces, runs of white space as one, trimmed; so
/// "Kept_In-Part" and "kept in part" are the same word.
pub fn loose_label(text: &str) -> String {
    collapse_whitespace(&text.to_lowercase().replace(['_', '-'], " "))
}

/// Runs of white space (line breaks included) become one space.
pub fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The sentences of `text`, as text.
    fn sentences(text: &str) -> Vec<&str> {
        sentence_ranges(text)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    /// A dash item after a finished sentence is a sentence of its own; a
    /// dash inside a sentence, before lower case, or after no full stop is
    /// not a cut.
    #[test]
    fn dash_items_after_a_full_stop_are_sentences() {
        let text = "We will: - Work to help. This will assist all. - Enable councils to act. \
                    - Review access - for students - and carers. A quote.\" - Said the minister.";
        assert_eq!(
            sentences(text),
            [
                "We will: - Work to help.",
                "This will assist all.",
                "- Enable councils to act.",
                "- Review access - for students - and carers.",
                "A quote.\"",
                "- Said the minister.",
            ]
        );
        let plain = "Co-operatives - and mutuals - grow. - not a new item.";
        assert_eq!(sentences(plain), [plain]);
    }

    #[test]
    fn sentences_are_trimmed_ranges() {
        let text = "We back credit unions. We will act!\nA heading\nMore text.";
        assert_eq!(
            sentences(text),
            vec![
                "We back credit unions.",
                "We will act!",
                "A heading",
                "More text."
            ]
        );
    }

    /// The sentences of every shared text, line by line through our rules,
    /// are those unicode-segmentation finds in the whole text (with the same
    /// dash items split off).
    #[test]
    fn the_same_sentences_as_unicode_segmentation_on_real_texts() {
        let Some(dir) = crate::test_support::shared_file("text/manifesto-project-uk") else {
            return;
        };
        let reference = |text: &str| -> Vec<Range<usize>> {
            let mut bounds: Vec<Range<usize>> = text
                .split_sentence_bound_indices()
                .map(|(start, s)| start..start + s.len())
                .collect();
            split_dash_items(text, &mut bounds);
            bounds
                .into_iter()
                .map(|r| (r.start, &text[r]))
                .filter_map(|(start, s)| {
                    let lead = s.len() - s.trim_start().len();
                    let trimmed = s.trim();
                    (!trimmed.is_empty()).then(|| start + lead..start + lead + trimmed.len())
                })
                .collect()
        };
        let mut files = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "txt") {
                let text = std::fs::read_to_string(&path).unwrap();
                assert_eq!(
                    sentence_ranges(&text),
                    reference(&text),
                    "{}",
                    path.display()
                );
                files += 1;
            }
        }
        assert!(files >= 131, "{files} texts");
    }

    #[test]
    fn short_sentence_is_quoted_whole() {
        let text = "We will support  co-operatives\nand mutuals.";
        let r = 0..text.len();
        assert_eq!(
            excerpt(text, r, 16..30),
            "We will support co-operatives and mutuals."
        );
    }

    #[test]
    fn long_sentence_is_cut_around_the_match() {
        let filler = "word ".repeat(150);
        let text = format!("{filler}social enterprise {filler}");
        let start = filler.len();
        let e = excerpt(&text, 0..text.len(), start..start + 17);
        assert!(e.starts_with('…') && e.ends_with('…'), "{e}");
        assert!(e.contains("social enterprise"));
        assert!(e.chars().count() <= MAX_EXCERPT_CHARS + 2);
    }

    #[test]
    fn match_at_the_start_of_a_long_sentence() {
        let text = format!("Mutuals {}", "and more ".repeat(100));
        let e = excerpt(&text, 0..text.len(), 0..7);
        assert!(e.starts_with("Mutuals"), "{e}");
        assert!(e.ends_with('…'));
    }
}
