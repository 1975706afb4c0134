//! Body text folded into the form terms are matched in, with an exact map back to offsets in
//! the original text.
//!
//! The folded buffer differs from the text in these ways only: runs of white space become one
//! space; a hyphen or dash that follows a word character and is followed by white space
//! holding a line break loses that white space ("co-⏎operative" becomes "co-operative"); soft
//! hyphens vanish, and so does a line break right after one; each other character becomes its
//! [`push_char`] form (dash variants `-`, apostrophes `'`, ligatures decomposed, case folded),
//! except that an apostrophe ending a word ([`is_word_final_apostrophe`]) vanishes, as it does
//! from terms.
//!
//! The map is a sorted list of segments. In a *linear* segment every character kept its byte
//! length, so offsets shift by a constant; any other character gets a segment of its own.
//! Manifesto text is nearly all linear, so the map stays short and the fast path is a byte
//! loop.

use crate::lexicon::fold::{
    is_line_break, is_word_char, is_word_final_apostrophe, push_char, SOFT_HYPHEN,
};

#[derive(Clone, Copy, Debug)]
struct Segment {
    /// Offset in the folded buffer where the segment starts.
    buf: usize,
    /// Offset in the original text of the segment's first byte.
    orig: usize,
    /// `None` for a linear segment, else the byte length of the one source stretch the whole
    /// segment came from.
    source_len: Option<usize>,
}

/// A folded buffer and its offset map.
pub(crate) struct Normalized {
    pub(crate) bytes: Vec<u8>,
    segments: Vec<Segment>,
}

struct Builder {
    out: Vec<u8>,
    segments: Vec<Segment>,
    /// `orig - buf` of the current linear segment, if the last segment is linear.
    delta: Option<usize>,
}

impl Builder {
    /// Records that source bytes `orig..orig + len` produced `out[start..]`. Linear means
    /// byte for byte: ASCII runs, or one character giving one character of the same length
    /// ("ß" giving "ss" keeps the length but not the character boundaries).
    fn record(&mut self, orig: usize, len: usize, start: usize) {
        let produced = self.out.len() - start;
        let chars = || {
            self.out
                .get(start..)
                .map_or(0, |o| o.iter().filter(|&&b| (b as i8) >= -0x40).count())
        };
        if produced == 0 {
            self.delta = None;
        } else if produced == len && chars() == 1 {
            self.linear(orig, start);
        } else {
            self.segments.push(Segment {
                buf: start,
                orig,
                source_len: Some(len),
            });
            self.delta = None;
        }
    }

    /// Records that `orig..` produced `out[start..]` byte for byte.
    fn linear(&mut self, orig: usize, start: usize) {
        {
            let delta = orig.wrapping_sub(start);
            if self.delta != Some(delta) {
                self.segments.push(Segment {
                    buf: start,
                    orig,
                    source_len: None,
                });
                self.delta = Some(delta);
            }
        }
    }

    fn ends_with_word_hyphen(&self) -> bool {
        match self.out.split_last() {
            Some((b'-', rest)) => last_char(rest).is_some_and(is_word_char),
            _ => false,
        }
    }
}

/// What the ASCII fast path of [`normalize`] does with a byte.
#[derive(Clone, Copy, PartialEq, Eq)]
enum FastPath {
    /// Printable ASCII but the apostrophe: copied (lower-cased when folding).
    Copy,
    /// The apostrophe, judged against the output so far; it may follow a
    /// lone space.
    Apostrophe,
    /// A space: copied when it is alone, between two bytes that are neither
    /// white space nor non-ASCII.
    Space,
    /// White space or non-ASCII: the fast path stops.
    Stop,
}

/// [`FastPath`] of every byte (one lookup per byte: this loop sees nearly
/// every byte of every document).
const FAST_PATH: [FastPath; 256] = {
    let mut table = [FastPath::Stop; 256];
    let mut b = 0;
    while b < 0x80 {
        let c = b as u8;
        table[b] = if c == b' ' {
            FastPath::Space
        } else if c.is_ascii_whitespace() || c == 0x0B {
            FastPath::Stop
        } else if c == b'\'' {
            FastPath::Apostrophe
        } else {
            FastPath::Copy
        };
        b += 1;
    }
    table
};

/// Folds `text` (case folding only when `fold`).
pub(crate) fn normalize(text: &str, fold: bool) -> Normalized {
    let src = text.as_bytes();
    let mut b = Builder {
        out: Vec::with_capacity(src.len() + 8),
        segments: Vec::new(),
        delta: None,
    };
    let mut soft_pending = false;
    let mut i = 0;
    while i < src.len() {
        let byte = src[i];
        if byte == b'\'' && drops_apostrophe('\'', &b.out, text, i + 1) {
            b.record(i, 1, b.out.len());
            soft_pending = false;
            i += 1;
            continue;
        }
        if byte < 0x80 && !byte.is_ascii_whitespace() && byte != 0x0B {
            // Fast path: a run of ASCII that maps byte for byte (a lone space between two such
            // bytes included), found first and then copied in stretches; an apostrophe is
            // judged against the output so far, so it ends a stretch.
            let start = b.out.len();
            let from = i;
            loop {
                let stretch = i;
                while let Some(&c) = src.get(i) {
                    let kind = FAST_PATH[usize::from(c)];
                    let lone_space = kind == FastPath::Space
                        && src.get(i + 1).is_some_and(|&n| {
                            matches!(
                                FAST_PATH[usize::from(n)],
                                FastPath::Copy | FastPath::Apostrophe
                            )
                        });
                    if !(kind == FastPath::Copy || lone_space) {
                        break;
                    }
                    i += 1;
                }
                let run = &src[stretch..i];
                if fold {
                    b.out.extend(run.iter().map(u8::to_ascii_lowercase));
                } else {
                    b.out.extend_from_slice(run);
                }
                if src.get(i) == Some(&b'\'') && !drops_apostrophe('\'', &b.out, text, i + 1) {
                    b.out.push(b'\'');
                    i += 1;
                    continue;
                }
                break;
            }
            b.linear(from, start);
            soft_pending = false;
            continue;
        }
        let Some(c) = text.get(i..).and_then(|s| s.chars().next()) else {
            break;
        };
        if c.is_whitespace() {
            let mut end = i;
            let mut line_break = false;
            for w in text.get(i..).unwrap_or("").chars() {
                if !w.is_whitespace() {
                    break;
                }
                line_break |= is_line_break(w);
                end += w.len_utf8();
            }
            let start = b.out.len();
            if !(line_break && (soft_pending || b.ends_with_word_hyphen())) {
                b.out.push(b' ');
            }
            b.record(i, end - i, start);
            soft_pending = false;
            i = end;
            continue;
        }
        let start = b.out.len();
        if !drops_apostrophe(c, &b.out, text, i + c.len_utf8()) {
            push_char(c, fold, &mut b.out);
        }
        b.record(i, c.len_utf8(), start);
        soft_pending = c == SOFT_HYPHEN;
        i += c.len_utf8();
    }
    Normalized {
        bytes: b.out,
        segments: b.segments,
    }
}

/// Whether `c`, followed by `text[next..]` and produced after `out`, is an apostrophe that
/// ends a word and so vanishes from the folded buffer.
fn drops_apostrophe(c: char, out: &[u8], text: &str, next: usize) -> bool {
    is_word_final_apostrophe(
        c,
        last_char(out),
        text.get(next..).and_then(|rest| rest.chars().next()),
    )
}

impl Normalized {
    fn segment(&self, at: usize) -> Option<&Segment> {
        let k = self.segments.partition_point(|s| s.buf <= at);
        self.segments.get(k.checked_sub(1)?)
    }

    /// Original offset of the character that produced buffer byte `at`.
    pub(crate) fn orig_start(&self, at: usize) -> usize {
        match self.segment(at) {
            Some(s) if s.source_len.is_none() => s.orig + (at - s.buf),
            Some(s) => s.orig,
            None => 0,
        }
    }

    /// Original offset just past the character that produced buffer byte `end - 1`.
    pub(crate) fn orig_end(&self, end: usize) -> usize {
        let Some(last) = end.checked_sub(1) else {
            return self.orig_start(0);
        };
        match self.segment(last) {
            Some(s) => match s.source_len {
                None => s.orig + (end - s.buf),
                Some(len) => s.orig + len,
            },
            None => 0,
        }
    }
}

/// The character ending at `bytes.len()`, if any (the buffer is UTF-8 by construction).
pub(crate) fn last_char(bytes: &[u8]) -> Option<char> {
    let &last = bytes.last()?;
    if last < 0x80 {
        return Some(last as char);
    }
    let from = bytes.len().saturating_sub(4);
    (from..bytes.len()).rev().find_map(|s| {
        std::str::from_utf8(bytes.get(s..)?)
            .ok()?
            .chars()
            .next_back()
    })
}

/// The character starting at `at`, if any.
pub(crate) fn char_at(bytes: &[u8], at: usize) -> Option<char> {
    let &first = bytes.get(at)?;
    if first < 0x80 {
        return Some(first as char);
    }
    let len = match first {
        0xF0.. => 4,
        0xE0.. => 3,
        _ => 2,
    };
    std::str::from_utf8(bytes.get(at..at + len)?)
        .ok()?
        .chars()
        .next()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(text: &str) -> String {
        String::from_utf8(normalize(text, true).bytes).unwrap()
    }

    /// Every byte that begins a character in the buffer maps to the start of the character
    /// that produced it.
    fn check_map(text: &str, fold: bool) {
        let n = normalize(text, fold);
        let s = std::str::from_utf8(&n.bytes).unwrap();
        for (at, c) in s.char_indices() {
            let o = n.orig_start(at);
            assert!(text.is_char_boundary(o), "{text:?} {at} -> {o}");
            let e = n.orig_end(at + c.len_utf8());
            assert!(
                text.is_char_boundary(e) && e > o && e <= text.len(),
                "{text:?} {at} {o} {e} {:?}",
                n.segments
            );
        }
    }

    #[test]
    fn folds_and_collapses() {
        assert_eq!(folded("Co-Op  \n\t Housing"), "co-op housing");
        assert_eq!(folded("co-\noperative"), "co-operative");
        assert_eq!(folded("co\u{2013}  \n  operative"), "co-operative");
        assert_eq!(folded("re- use"), "re- use");
        assert_eq!(folded("a -\nb"), "a - b");
        assert_eq!(folded("co\u{AD}\noperative co\u{AD}op"), "cooperative coop");
        assert_eq!(
            folded("Supporters\u{2019} \u{FB01}nance STRA\u{DF}E"),
            "supporters finance strasse"
        );
        assert_eq!(
            folded("members' club, 'tis the people\u{2019}s \u{2018}bank\u{2019}."),
            "members club, 'tis the people's 'bank."
        );
        assert_eq!(folded("\u{A0}x\u{2003}y\u{3000}"), " x y ");
    }

    #[test]
    fn maps_back_exactly() {
        let text =
            "The Co\u{2011}op\u{A0}\u{A0}and \u{FB01}ne STRA\u{DF}E  co-\n  operative\u{AD}s";
        let n = normalize(text, true);
        let s = std::str::from_utf8(&n.bytes).unwrap();
        let find = |needle: &str| {
            let at = s.find(needle).unwrap();
            &text[n.orig_start(at)..n.orig_end(at + needle.len())]
        };
        assert_eq!(find("co-op"), "Co\u{2011}op");
        assert_eq!(find("co-op and"), "Co\u{2011}op\u{A0}\u{A0}and");
        assert_eq!(find("fine"), "\u{FB01}ne");
        assert_eq!(find("strasse"), "STRA\u{DF}E");
        assert_eq!(find("co-operatives"), "co-\n  operative\u{AD}s");
        let text = "Supporters\u{2019} trusts and members' clubs";
        let n = normalize(text, true);
        let s = std::str::from_utf8(&n.bytes).unwrap();
        let at = s.find("supporters trusts").unwrap();
        let end = at + "supporters trusts".len();
        assert_eq!(
            &text[n.orig_start(at)..n.orig_end(end)],
            "Supporters\u{2019} trusts"
        );
        let at = s.find("members").unwrap();
        assert_eq!(&text[n.orig_start(at)..n.orig_end(at + 7)], "members");
        check_map(text, true);
        check_map("'' a'' ''b' c\u{2019}", true);
        for t in [
            text,
            "",
            " ",
            "\u{AD}",
            "a\u{AD}",
            "\u{130}stanbul",
            "x\r\ny",
        ] {
            check_map(t, true);
            check_map(t, false);
        }
    }

    #[test]
    fn chars_at_the_edges() {
        assert_eq!(last_char("ab\u{E9}".as_bytes()), Some('\u{E9}'));
        assert_eq!(last_char(b""), None);
        assert_eq!(char_at("\u{1F600}x".as_bytes(), 0), Some('\u{1F600}'));
        assert_eq!(char_at(b"x", 1), None);
    }
}
