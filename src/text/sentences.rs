//! Sentences and excerpts. Sentence bounds come from Unicode's rules
//! (unicode-segmentation); body text joins the lines of a block with spaces
//! and ends each block with a line break, so a heading without a full stop
//! does not run into the paragraph below.

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

    #[test]
    fn sentences_are_trimmed_ranges() {
        let text = "We back credit unions. We will act!\nA heading\nMore text.";
        let got: Vec<&str> = sentence_ranges(text)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(
            got,
            vec![
                "We back credit unions.",
                "We will act!",
                "A heading",
                "More text."
            ]
        );
    }

    /// The sentences of every shared text, line by line through our rules,
    /// are those unicode-segmentation finds in the whole text.
    #[test]
    fn the_same_sentences_as_unicode_segmentation_on_real_texts() {
        let Some(dir) = crate::test_support::shared_file("text/manifesto-project-uk") else {
            return;
        };
        let reference = |text: &str| -> Vec<Range<usize>> {
            text.split_sentence_bound_indices()
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
