//! Right-to-left lines from visual to logical order.
//!
//! A PDF draws Hebrew and Arabic glyphs where they are seen, so a line laid
//! out left to right holds its right-to-left words backwards ("םולש" for
//! "שלום") and its words in reverse order. Readers (poppler, MuPDF) give
//! the logical order: the order the text is read and typed in. This turns a
//! line's glyphs, in visual order, back into that order: runs of
//! right-to-left glyphs are reversed, and when most of the line is
//! right-to-left, so is the order of its runs; numbers and Latin words keep
//! their own order inside. Neutral glyphs (spaces, punctuation) between two
//! runs of one direction join them, otherwise take the line's direction;
//! brackets in reversed runs are mirrored.
//!
//! By hand because the bidi crates go the other way (logical to visual),
//! and the inverse is not unique; this is the usual heuristic, the one
//! poppler's text output applies to right-to-left lines.

/// True for characters of right-to-left scripts (Hebrew, Arabic, Syriac,
/// Thaana, N'Ko and their presentation forms).
pub(crate) fn is_rtl(c: char) -> bool {
    matches!(c,
        '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Dir {
    Rtl,
    Ltr,
    Neutral,
}

fn dir_of(unit: &str) -> Dir {
    for c in unit.chars() {
        if is_rtl(c) {
            return Dir::Rtl;
        }
        if c.is_alphanumeric() {
            return Dir::Ltr;
        }
    }
    Dir::Neutral
}

fn mirrored(unit: &str) -> String {
    unit.chars()
        .map(|c| match c {
            '(' => ')',
            ')' => '(',
            '[' => ']',
            ']' => '[',
            '{' => '}',
            '}' => '{',
            '<' => '>',
            '>' => '<',
            c => c,
        })
        .collect()
}

/// The logical text of a line given as units (each glyph's text, and the
/// spaces between words) in visual order, left to right; `None` when no
/// unit is right-to-left (the line stays as it is).
pub(crate) fn logical_order(units: &[&str]) -> Option<String> {
    let dirs: Vec<Dir> = units.iter().map(|u| dir_of(u)).collect();
    let rtl = dirs.iter().filter(|d| **d == Dir::Rtl).count();
    if rtl == 0 {
        return None;
    }
    let ltr = dirs.iter().filter(|d| **d == Dir::Ltr).count();
    let base = if rtl >= ltr { Dir::Rtl } else { Dir::Ltr };
    // Neutrals between two strong units of one direction take it; the rest
    // take the line's.
    let mut resolved = dirs.clone();
    for i in 0..dirs.len() {
        if dirs[i] != Dir::Neutral {
            continue;
        }
        let before = dirs[..i].iter().rev().find(|d| **d != Dir::Neutral);
        let after = dirs[i + 1..].iter().find(|d| **d != Dir::Neutral);
        resolved[i] = match (before, after) {
            (Some(a), Some(b)) if a == b => *a,
            _ => base,
        };
    }
    // Runs of one direction, in visual order.
    let mut runs: Vec<(Dir, Vec<usize>)> = Vec::new();
    for (i, d) in resolved.iter().enumerate() {
        match runs.last_mut() {
            Some((dir, members)) if dir == d => members.push(i),
            _ => runs.push((*d, vec![i])),
        }
    }
    if base == Dir::Rtl {
        runs.reverse();
    }
    let mut out = String::new();
    for (dir, members) in runs {
        if dir == Dir::Rtl {
            for &i in members.iter().rev() {
                out.push_str(&mirrored(units[i]));
            }
        } else {
            for &i in &members {
                out.push_str(units[i]);
            }
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn visual(text: &str) -> Vec<String> {
        text.chars().map(String::from).collect()
    }

    fn logical(text: &str) -> Option<String> {
        let units = visual(text);
        let refs: Vec<&str> = units.iter().map(String::as_str).collect();
        logical_order(&refs)
    }

    #[test]
    fn hebrew_lines_read_in_logical_order() {
        // "שלום עולם" drawn right to left: seen (and stored) as "םלוע םולש".
        assert_eq!(logical("םלוע םולש").as_deref(), Some("שלום עולם"));
        // A full stop drawn at the left end of the line ends the sentence.
        assert_eq!(logical(".םלוע").as_deref(), Some("עולם."));
        // Numbers keep their order inside a right-to-left line.
        assert_eq!(logical("15 ףיעס").as_deref(), Some("סעיף 15"));
        // Brackets are mirrored.
        assert_eq!(logical("(ב)").as_deref(), Some("(ב)"));
    }

    #[test]
    fn latin_lines_are_left_alone_and_mixed_lines_keep_latin_order() {
        assert_eq!(logical("Hello world"), None);
        assert_eq!(
            logical("The word םולש means peace").as_deref(),
            Some("The word שלום means peace")
        );
    }

    #[test]
    fn a_glyph_of_several_characters_stays_whole() {
        // An Arabic ligature glyph whose text is two letters (lam alef).
        let units = ["\u{644}\u{627}", " ", "\u{628}"];
        assert_eq!(
            logical_order(&units).as_deref(),
            Some("\u{628} \u{644}\u{627}")
        );
    }
}
