//! The lexical rules of PDF shared by the two readers of PDF syntax: the
//! content-stream lexer (`content`) and the object reader of the lazy loader
//! (`file`). Each reader reads a token from `input` at `pos`, appends its
//! decoded bytes to `out` and returns where the token ends, so that one
//! reader can keep its bytes in a shared scratch buffer and the other in the
//! object it builds.

/// Parentheses nested deeper than this inside a literal string are kept as
/// plain bytes instead of being balanced (lopdf stops at the same depth).
pub(crate) const MAX_PAREN_DEPTH: usize = 100;

pub(crate) fn is_whitespace(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\0' | b'\x0C')
}

pub(crate) fn is_delimiter(c: u8) -> bool {
    matches!(
        c,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

pub(crate) fn is_regular(c: u8) -> bool {
    !is_whitespace(c) && !is_delimiter(c)
}

pub(crate) fn hex_value(c: u8) -> Option<u8> {
    (c as char).to_digit(16).map(|v| v as u8)
}

// The readers are inlined into the content lexer's hot loop: as calls,
// they cost half a percent of all extraction instructions.

/// Past white space and comments.
#[inline(always)]
pub(crate) fn skip_space(input: &[u8], mut i: usize) -> usize {
    while let Some(&c) = input.get(i) {
        if is_whitespace(c) {
            i += 1;
        } else if c == b'%' {
            while input.get(i).is_some_and(|&c| c != b'\r' && c != b'\n') {
                i += 1;
            }
        } else {
            break;
        }
    }
    i
}

/// A name after its slash: regular bytes, `#xx` decoded; any other `#` ends
/// the name, as in lopdf.
#[inline(always)]
pub(crate) fn name(input: &[u8], mut pos: usize, out: &mut Vec<u8>) -> usize {
    while let Some(&c) = input.get(pos) {
        if !is_regular(c) {
            break;
        }
        if c == b'#' {
            let hi = input.get(pos + 1).and_then(|&h| hex_value(h));
            let lo = input.get(pos + 2).and_then(|&l| hex_value(l));
            match (hi, lo) {
                (Some(hi), Some(lo)) => {
                    out.push(hi << 4 | lo);
                    pos += 3;
                    continue;
                }
                _ => break,
            }
        }
        out.push(c);
        pos += 1;
    }
    pos
}

/// Where a literal or hexadecimal string ended, and whether it was read as
/// the grammar has it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct StringEnd {
    /// Just past the closing delimiter (or the end of the input).
    pub pos: usize,
    /// The closing delimiter was found.
    pub closed: bool,
    /// Bytes that break the grammar were met and skipped: a non-hex byte in
    /// a hexadecimal string, parentheses nested past [`MAX_PAREN_DEPTH`].
    pub irregular: u32,
}

/// A literal string after its opening parenthesis: escapes decoded, any end
/// of line read as LF, balanced parentheses kept.
#[inline(always)]
pub(crate) fn literal_string(input: &[u8], mut pos: usize, out: &mut Vec<u8>) -> StringEnd {
    let mut depth = 0usize;
    let mut irregular = 0;
    loop {
        // Copy the run of plain bytes at once.
        let rest = &input[pos..];
        let run = rest
            .iter()
            .position(|&c| matches!(c, b'(' | b')' | b'\\' | b'\r' | b'\n'))
            .unwrap_or(rest.len());
        out.extend_from_slice(&rest[..run]);
        pos += run;
        let Some(&c) = input.get(pos) else {
            // Unterminated: the rest of the input is the string.
            return StringEnd {
                pos,
                closed: false,
                irregular,
            };
        };
        pos += 1;
        match c {
            b'(' => {
                if depth < MAX_PAREN_DEPTH {
                    depth += 1;
                } else {
                    irregular += 1;
                }
                out.push(b'(');
            }
            b')' => {
                if depth == 0 {
                    return StringEnd {
                        pos,
                        closed: true,
                        irregular,
                    };
                }
                depth -= 1;
                out.push(b')');
            }
            b'\r' | b'\n' => {
                // An end of line in a string reads as LF, whatever it was.
                if c == b'\r' && input.get(pos) == Some(&b'\n') {
                    pos += 1;
                }
                out.push(b'\n');
            }
            _ => pos = escape(input, pos, out),
        }
    }
}

/// The escape after a backslash in a literal string.
fn escape(input: &[u8], mut pos: usize, out: &mut Vec<u8>) -> usize {
    let Some(&c) = input.get(pos) else {
        return pos;
    };
    pos += 1;
    let byte = match c {
        b'0'..=b'7' => {
            let mut value = u16::from(c - b'0');
            for _ in 0..2 {
                match input.get(pos) {
                    Some(&d @ b'0'..=b'7') => {
                        value = value * 8 + u16::from(d - b'0');
                        pos += 1;
                    }
                    _ => break,
                }
            }
            // Overflow is ignored, as the spec says.
            value as u8
        }
        b'\r' => {
            if input.get(pos) == Some(&b'\n') {
                pos += 1;
            }
            return pos;
        }
        b'\n' => return pos,
        b'n' => b'\n',
        b'r' => b'\r',
        b't' => b'\t',
        b'b' => b'\x08',
        b'f' => b'\x0C',
        other => other,
    };
    out.push(byte);
    pos
}

/// A hexadecimal string after its `<`; white space and (counted as
/// irregular) any other non-hex byte are skipped, an odd last digit is
/// padded with 0.
#[inline(always)]
pub(crate) fn hex_string(input: &[u8], mut pos: usize, out: &mut Vec<u8>) -> StringEnd {
    let mut high: Option<u8> = None;
    let mut irregular = 0;
    let mut closed = false;
    while let Some(&c) = input.get(pos) {
        pos += 1;
        if c == b'>' {
            closed = true;
            break;
        }
        match hex_value(c) {
            Some(v) => match high.take() {
                Some(h) => out.push(h << 4 | v),
                None => high = Some(v),
            },
            None if is_whitespace(c) => {}
            None => irregular += 1,
        }
    }
    if let Some(h) = high {
        out.push(h << 4);
    }
    StringEnd {
        pos,
        closed,
        irregular,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn literal(input: &[u8]) -> (Vec<u8>, StringEnd) {
        let mut out = Vec::new();
        let end = literal_string(input, 0, &mut out);
        (out, end)
    }

    #[test]
    fn literal_strings_decode_escapes_and_line_ends() {
        let (out, end) = literal(b"a\\(b\\)\\101\\\r\nc\r\nd(e)f) tail");
        assert_eq!(out, b"a(b)Ac\nd(e)f");
        assert!(end.closed);
        assert_eq!(end.irregular, 0);
        assert_eq!(&b"a\\(b\\)\\101\\\r\nc\r\nd(e)f) tail"[end.pos..], b" tail");
    }

    #[test]
    fn deep_or_open_literal_strings_are_flagged() {
        let deep = [
            vec![b'('; MAX_PAREN_DEPTH + 1],
            vec![b')'; MAX_PAREN_DEPTH + 2],
        ]
        .concat();
        let (_, end) = literal(&deep);
        assert!(end.closed);
        assert_eq!(end.irregular, 1);
        let (out, end) = literal(b"never closed");
        assert_eq!(out, b"never closed");
        assert!(!end.closed);
    }

    #[test]
    fn hex_strings_count_what_is_not_hex() {
        let mut out = Vec::new();
        let end = hex_string(b"48 65x6>rest", 0, &mut out);
        assert_eq!(out, [0x48, 0x65, 0x60]);
        assert!(end.closed);
        assert_eq!(end.irregular, 1);
        assert_eq!(end.pos, 8);
    }

    #[test]
    fn names_stop_at_a_bad_escape() {
        let mut out = Vec::new();
        let end = name(b"A#20B#zz", 0, &mut out);
        assert_eq!(out, b"A B");
        assert_eq!(end, 5);
    }
}
