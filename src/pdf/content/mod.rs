//! A content-stream lexer that reuses its buffers: operators are slices of
//! the stream, operands are small `Copy` values, and the bytes of decoded
//! strings and names live in one scratch buffer that is cleared per operator.
//!
//! Why hand-written: lopdf's `Content::decode_iter` (nom) builds an
//! `Operation` per operator, with a `String` for the operator and a
//! `Vec<Object>` of operands whose strings and names are each their own
//! `Vec`. Profiling the corpus put that allocation and parsing at about a
//! third of all extraction time (31 MB of content streams). Objects outside
//! content streams are read by `pdf::file` (or lopdf, for damaged files);
//! the two readers share the lexical rules of `pdf::lexical`.
//!
//! The grammar is lopdf's where the input is well formed, so the operators and
//! operands are the same: reals are read as `f32` (lopdf's `Object::Real`), a
//! minus sign inside a fraction (`0.00-45`) is ignored, literal strings
//! keep their escapes' meaning, inline images are skipped by their computed
//! length or by the `EI` that ends them. Where lopdf gives up on the rest of a
//! stream (a stray delimiter, a comment between operands, a bad hex digit),
//! this lexer skips the offending byte and goes on, the way pdf.js and poppler
//! do; every such recovery is counted in [`Lexer::recoveries`].

/// Tokens kept per operator; beyond this, further operands are read and
/// dropped, so a crafted stream cannot grow the buffers without bound.
const MAX_TOKENS: usize = 1 << 18;
/// Arrays and dictionaries nested deeper than this end the stream (lopdf
/// fails there as well); real content nests one or two levels.
const MAX_DEPTH: usize = 32;

mod inline_image;
mod number;

use crate::pdf::lexical::{self, is_regular, is_whitespace};
use number::{fast_decimal, parse_integer, parse_real, MAX_FAST_DIGITS};

/// Where an operand's bytes are in the lexer's scratch buffer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Span {
    start: u32,
    end: u32,
}

/// One token of an operand list. Arrays and dictionaries are flattened: the
/// container token is followed by its elements (a dictionary's keys and
/// values alternate), and `end` is the index just past its last element.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Token {
    /// Integer or real; reals have `f32` precision, as in lopdf.
    Number(f64),
    /// A name, `#xx` escapes decoded, without the slash.
    Name(Span),
    /// A literal or hexadecimal string, decoded.
    Str(Span),
    /// `true` or `false`.
    Bool(bool),
    /// `null`, or a keyword met inside an array or dictionary.
    Null,
    /// `[`: elements up to token index `end`.
    Array { end: u32 },
    /// `<<`: keys and values up to token index `end`.
    Dict { end: u32 },
}

/// Reads the operations of one content stream.
pub(crate) struct Lexer<'a> {
    input: &'a [u8],
    pos: usize,
    tokens: Vec<Token>,
    /// Indices in `tokens` of the top-level operands.
    top: Vec<u32>,
    bytes: Vec<u8>,
    recoveries: u32,
    failed: bool,
}

/// One operator and its operands, borrowed from the lexer until the next call.
pub(crate) struct Operation<'l> {
    operator: &'l [u8],
    tokens: &'l [Token],
    top: &'l [u32],
    bytes: &'l [u8],
}

/// An element of an array operand (as in `TJ`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Item<'l> {
    /// A number (a `TJ` position adjustment).
    Number(f64),
    /// A string.
    Str(&'l [u8]),
    /// Anything else.
    Other,
}

impl<'a> Lexer<'a> {
    pub(crate) fn new(input: &'a [u8]) -> Lexer<'a> {
        Lexer {
            input,
            pos: 0,
            tokens: Vec::new(),
            top: Vec::new(),
            bytes: Vec::new(),
            recoveries: 0,
            failed: false,
        }
    }

    /// Bytes skipped or structures repaired so far; lopdf would have stopped
    /// reading the stream at the first.
    pub(crate) fn recoveries(&self) -> u32 {
        self.recoveries
    }

    /// True when the stream ended early because it could not be read further
    /// (nesting beyond the limit, an inline image with no end).
    pub(crate) fn failed(&self) -> bool {
        self.failed
    }

    /// The next operation, or `None` at the end of the stream. Operands with
    /// no operator at the end of the stream are dropped.
    pub(crate) fn next_operation(&mut self) -> Option<Operation<'_>> {
        self.tokens.clear();
        self.top.clear();
        self.bytes.clear();
        let (start, end) = self.read_operands()?;
        Some(Operation {
            operator: &self.input[start..end],
            tokens: &self.tokens,
            top: &self.top,
            bytes: &self.bytes,
        })
    }

    /// Reads operands up to an operator; returns the operator's range.
    fn read_operands(&mut self) -> Option<(usize, usize)> {
        loop {
            if self.failed {
                return None;
            }
            self.skip_space();
            let &c = self.input.get(self.pos)?;
            if is_regular(c) && !self.starts_number(c) {
                let (start, end) = self.keyword();
                match &self.input[start..end] {
                    b"true" => self.push_top(Token::Bool(true)),
                    b"false" => self.push_top(Token::Bool(false)),
                    b"null" => self.push_top(Token::Null),
                    b"BI" if self.top.is_empty() => {
                        self.skip_inline_image();
                        return Some((start, end));
                    }
                    _ => return Some((start, end)),
                }
                continue;
            }
            let index = self.tokens.len();
            if self.object(0) {
                if index < MAX_TOKENS {
                    self.top.push(index as u32);
                }
            } else if !self.failed {
                // A byte that starts nothing (a stray `)`, `]`, `>`, `{`):
                // skip it, as pdf.js and poppler do.
                self.pos += 1;
                self.recoveries += 1;
            }
        }
    }

    fn push_top(&mut self, token: Token) {
        let index = self.tokens.len();
        if self.push(token) {
            self.top.push(index as u32);
        }
    }

    fn push(&mut self, token: Token) -> bool {
        if self.tokens.len() >= MAX_TOKENS {
            return false;
        }
        self.tokens.push(token);
        true
    }

    /// White space and comments.
    fn skip_space(&mut self) {
        self.pos = lexical::skip_space(self.input, self.pos);
    }

    fn keyword(&mut self) -> (usize, usize) {
        let start = self.pos;
        while self.input.get(self.pos).is_some_and(|&c| is_regular(c)) {
            self.pos += 1;
        }
        (start, self.pos)
    }

    /// True when the bytes at the cursor read as a number in lopdf's grammar:
    /// an optional sign, then a digit, or a point followed by a digit.
    fn starts_number(&self, c: u8) -> bool {
        let rest = &self.input[self.pos..];
        let rest = if c == b'+' || c == b'-' {
            &rest[1..]
        } else {
            rest
        };
        match rest {
            [d, ..] if d.is_ascii_digit() => true,
            [b'.', d, ..] => d.is_ascii_digit(),
            _ => false,
        }
    }

    /// Reads one object at the cursor and pushes its tokens; false when
    /// nothing at the cursor starts an object.
    fn object(&mut self, depth: usize) -> bool {
        let Some(&c) = self.input.get(self.pos) else {
            return false;
        };
        match c {
            b'/' => {
                self.pos += 1;
                let span = self.name();
                self.push(Token::Name(span));
            }
            b'(' => {
                self.pos += 1;
                let span = self.literal_string();
                self.push(Token::Str(span));
            }
            b'<' if self.input.get(self.pos + 1) == Some(&b'<') => {
                self.pos += 2;
                return self.container(depth, b'>', Token::Dict { end: 0 });
            }
            b'<' => {
                self.pos += 1;
                let span = self.hex_string();
                self.push(Token::Str(span));
            }
            b'[' => {
                self.pos += 1;
                return self.container(depth, b']', Token::Array { end: 0 });
            }
            _ if self.starts_number(c) => {
                let n = self.number();
                self.push(Token::Number(n));
            }
            _ => return false,
        }
        true
    }

    /// An array or dictionary whose opening bracket has been read.
    fn container(&mut self, depth: usize, close: u8, open: Token) -> bool {
        if depth >= MAX_DEPTH {
            self.failed = true;
            return false;
        }
        let index = self.tokens.len();
        let pushed = self.push(open);
        loop {
            self.skip_space();
            let Some(&c) = self.input.get(self.pos) else {
                // Unterminated: keep what was read.
                self.recoveries += 1;
                break;
            };
            if c == close {
                self.pos += 1;
                if close == b'>' {
                    if self.input.get(self.pos) == Some(&b'>') {
                        self.pos += 1;
                    } else {
                        self.recoveries += 1;
                    }
                }
                break;
            }
            if is_regular(c) && !self.starts_number(c) {
                let (start, end) = self.keyword();
                let token = match &self.input[start..end] {
                    b"true" => Token::Bool(true),
                    b"false" => Token::Bool(false),
                    _ => Token::Null,
                };
                self.push(token);
                continue;
            }
            if !self.object(depth + 1) {
                if self.failed {
                    return false;
                }
                self.pos += 1;
                self.recoveries += 1;
            }
        }
        if pushed {
            let end = self.tokens.len() as u32;
            self.tokens[index] = match open {
                Token::Dict { .. } => Token::Dict { end },
                _ => Token::Array { end },
            };
        }
        true
    }

    fn span_from(&self, start: usize) -> Span {
        Span {
            start: start as u32,
            end: self.bytes.len() as u32,
        }
    }

    /// A name after its slash.
    fn name(&mut self) -> Span {
        let start = self.bytes.len();
        self.pos = lexical::name(self.input, self.pos, &mut self.bytes);
        self.span_from(start)
    }

    /// A literal string after its opening parenthesis; unterminated, the
    /// rest of the stream is the string.
    fn literal_string(&mut self) -> Span {
        let start = self.bytes.len();
        let end = lexical::literal_string(self.input, self.pos, &mut self.bytes);
        self.pos = end.pos;
        self.recoveries += u32::from(!end.closed);
        self.span_from(start)
    }

    /// A hexadecimal string after its `<`; any byte that is neither a hex
    /// digit nor white space is skipped (and counted).
    fn hex_string(&mut self) -> Span {
        let start = self.bytes.len();
        let end = lexical::hex_string(self.input, self.pos, &mut self.bytes);
        self.pos = end.pos;
        self.recoveries += end.irregular;
        self.span_from(start)
    }

    /// A number in lopdf's grammar: `[+-]digits` is an integer;
    /// `[+-](digits.[digits] | .digits)` then any run of digits and minus
    /// signs is a real, read as `f32` with the inner minus signs dropped.
    fn number(&mut self) -> f64 {
        // The hottest loop of extraction (most content-stream bytes are
        // numbers): a local copy of the input and cursor, so the bounds are
        // not reloaded through `self` per byte, and the digits accumulated as
        // they are scanned (wrapping: numbers too long for that are re-read
        // by the general readers).
        let input = self.input;
        let start = self.pos;
        let mut i = start;
        let negative = input.get(i) == Some(&b'-');
        if matches!(input.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let mut mantissa: u64 = 0;
        let int_start = i;
        while let Some(digit) = input
            .get(i)
            .map(|c| c.wrapping_sub(b'0'))
            .filter(|&d| d <= 9)
        {
            mantissa = mantissa.wrapping_mul(10).wrapping_add(u64::from(digit));
            i += 1;
        }
        let int_digits = i - int_start;
        let real = input.get(i) == Some(&b'.')
            && (int_digits > 0 || input.get(i + 1).is_some_and(u8::is_ascii_digit));
        if !real {
            self.pos = i;
            return if int_digits <= MAX_FAST_DIGITS {
                let value = mantissa as i64;
                // Negated as an integer, as lopdf does, so "-0" is 0.
                (if negative { -value } else { value }) as f64
            } else {
                parse_integer(&input[start..i])
            };
        }
        i += 1;
        let fraction_start = i;
        let mut inner_minus = false;
        while let Some(&c) = input.get(i) {
            let digit = c.wrapping_sub(b'0');
            if digit <= 9 {
                mantissa = mantissa.wrapping_mul(10).wrapping_add(u64::from(digit));
            } else if c == b'-' {
                inner_minus = true;
            } else {
                break;
            }
            i += 1;
        }
        self.pos = i;
        let text = &input[start..i];
        let decimals = i - fraction_start;
        if inner_minus {
            // lopdf ignores a minus sign inside the fraction ("0.00-45").
            let mut cleaned = Vec::with_capacity(text.len());
            cleaned.extend_from_slice(&text[..1]);
            cleaned.extend(text[1..].iter().filter(|&&c| c != b'-'));
            parse_real(&cleaned)
        } else if int_digits + decimals <= MAX_FAST_DIGITS {
            fast_decimal(negative, mantissa, decimals).unwrap_or_else(|| parse_real(text))
        } else {
            parse_real(text)
        }
    }

    pub(super) fn skip_whitespace(&mut self) {
        while self.input.get(self.pos).is_some_and(|&c| is_whitespace(c)) {
            self.pos += 1;
        }
    }
}

impl<'l> Operation<'l> {
    /// The operator, e.g. `b"Tj"`.
    pub(crate) fn operator(&self) -> &'l [u8] {
        self.operator
    }

    /// Number of top-level operands.
    pub(crate) fn len(&self) -> usize {
        self.top.len()
    }

    fn token(&self, i: usize) -> Option<(usize, Token)> {
        let index = *self.top.get(i)? as usize;
        Some((index, *self.tokens.get(index)?))
    }

    fn bytes_of(&self, span: Span) -> &'l [u8] {
        self.bytes
            .get(span.start as usize..span.end as usize)
            .unwrap_or_default()
    }

    /// Operand `i` as a finite number.
    pub(crate) fn number(&self, i: usize) -> Option<f64> {
        match self.token(i)?.1 {
            Token::Number(n) if n.is_finite() => Some(n),
            _ => None,
        }
    }

    /// Operand `i` as a name.
    pub(crate) fn name(&self, i: usize) -> Option<&'l [u8]> {
        match self.token(i)?.1 {
            Token::Name(span) => Some(self.bytes_of(span)),
            _ => None,
        }
    }

    /// Operand `i` as a string.
    pub(crate) fn string(&self, i: usize) -> Option<&'l [u8]> {
        match self.token(i)?.1 {
            Token::Str(span) => Some(self.bytes_of(span)),
            _ => None,
        }
    }

    /// The first six operands as numbers (for `cm` and `Tm`).
    pub(crate) fn matrix(&self) -> Option<[f64; 6]> {
        if self.len() < 6 {
            return None;
        }
        let mut m = [0.0; 6];
        for (i, slot) in m.iter_mut().enumerate() {
            *slot = self.number(i)?;
        }
        Some(m)
    }

    /// The elements of array operand `i` (nested containers show as one
    /// [`Item::Other`] each).
    pub(crate) fn array(&self, i: usize) -> Option<impl Iterator<Item = Item<'l>> + 'l> {
        let (index, token) = self.token(i)?;
        let Token::Array { end } = token else {
            return None;
        };
        let tokens = self.tokens.get(index + 1..end as usize)?;
        let bytes = self.bytes;
        let mut k = 0;
        Some(std::iter::from_fn(move || {
            let token = *tokens.get(k)?;
            k += 1;
            Some(match token {
                Token::Number(n) if n.is_finite() => Item::Number(n),
                Token::Str(span) => Item::Str(bytes.get(span.start as usize..span.end as usize)?),
                Token::Array { end } | Token::Dict { end } => {
                    k = (end as usize).saturating_sub(index + 1).max(k);
                    Item::Other
                }
                _ => Item::Other,
            })
        }))
    }

    /// The string value of `key` in dictionary operand `i` (for an inline
    /// `/ActualText` in `BDC`).
    pub(crate) fn dict_string(&self, i: usize, key: &[u8]) -> Option<&'l [u8]> {
        let (index, token) = self.token(i)?;
        let Token::Dict { end } = token else {
            return None;
        };
        let mut k = index + 1;
        let end = end as usize;
        while k + 1 < end {
            let name = match self.tokens.get(k)? {
                Token::Name(span) => Some(self.bytes_of(*span)),
                _ => None,
            };
            let value = *self.tokens.get(k + 1)?;
            if name == Some(key) {
                if let Token::Str(span) = value {
                    return Some(self.bytes_of(span));
                }
            }
            k = match value {
                Token::Array { end } | Token::Dict { end } => end as usize,
                _ => k + 2,
            };
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every operation as (operator, operands rendered as text).
    fn ops(input: &[u8]) -> Vec<(String, Vec<String>)> {
        let mut lexer = Lexer::new(input);
        let mut out = Vec::new();
        while let Some(op) = lexer.next_operation() {
            let operands = (0..op.len())
                .map(|i| {
                    if let Some(n) = op.number(i) {
                        format!("{n}")
                    } else if let Some(n) = op.name(i) {
                        format!("/{}", String::from_utf8_lossy(n))
                    } else if let Some(s) = op.string(i) {
                        format!("({})", String::from_utf8_lossy(s))
                    } else if let Some(items) = op.array(i) {
                        let items: Vec<String> = items
                            .map(|item| match item {
                                Item::Number(n) => format!("{n}"),
                                Item::Str(s) => format!("({})", String::from_utf8_lossy(s)),
                                Item::Other => "?".into(),
                            })
                            .collect();
                        format!("[{}]", items.join(" "))
                    } else {
                        "?".into()
                    }
                })
                .collect();
            out.push((
                String::from_utf8_lossy(op.operator()).into_owned(),
                operands,
            ));
        }
        out
    }

    fn op(operator: &str, operands: &[&str]) -> (String, Vec<String>) {
        (
            operator.to_string(),
            operands.iter().map(|s| s.to_string()).collect(),
        )
    }

    /// lopdf's operands rendered the way [`ops`] renders ours.
    fn lopdf_operand(object: &lopdf::Object) -> String {
        use lopdf::Object;
        match object {
            Object::Integer(n) => format!("{}", *n as f64),
            Object::Real(n) => format!("{}", f64::from(*n)),
            Object::Name(n) => format!("/{}", String::from_utf8_lossy(n)),
            Object::String(s, _) => format!("({})", String::from_utf8_lossy(s)),
            Object::Array(items) => {
                let items: Vec<String> = items
                    .iter()
                    .map(|item| match item {
                        Object::Integer(_) | Object::Real(_) | Object::String(..) => {
                            lopdf_operand(item)
                        }
                        _ => "?".into(),
                    })
                    .collect();
                format!("[{}]", items.join(" "))
            }
            _ => "?".into(),
        }
    }

    /// The lexer reads real content streams as lopdf does: the same
    /// operators with the same operands, for every page of a spread of real
    /// manifestos (InDesign, Word, Quark, LaTeX producers; TJ arrays, inline
    /// images, Form XObjects' parents). Compared up to where lopdf stops,
    /// since it gives up on the rest of a stream at the first oddity.
    #[test]
    fn real_content_streams_read_as_lopdf_reads_them() {
        let Some(shared) = crate::test_support::shared_dir() else {
            return;
        };
        let files = [
            "corpus/uk-2015/2015-snp-manifesto.pdf",
            "corpus/uk-2015/2015-labour-manifesto.pdf",
            "corpus/uk-historic/2024-07-conservative_party.pdf",
            "corpus/uk-historic/2001-06-labour_party.pdf",
            "corpus/uk-historic/2005-05-liberal_democrats.pdf",
            "corpus/uk-2017/Manifesto-Final.pdf",
        ];
        let mut compared = 0usize;
        for file in files {
            let path = shared.join(file);
            let doc =
                lopdf::Document::load(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            for (number, page) in doc.get_pages() {
                let content = doc.get_page_content(page);
                let expected: Vec<(String, Vec<String>)> =
                    lopdf::content::Content::decode_iter(&content)
                        .map_while(Result::ok)
                        .map(|op| {
                            let operands = op.operands.iter().map(lopdf_operand).collect();
                            (op.operator, operands)
                        })
                        .collect();
                let ours = ops(&content);
                assert!(
                    ours.len() >= expected.len(),
                    "{file} page {number}: {} operations, lopdf {}",
                    ours.len(),
                    expected.len()
                );
                for (i, (a, b)) in ours.iter().zip(&expected).enumerate() {
                    assert_eq!(a, b, "{file} page {number}, operation {i}");
                }
                compared += expected.len();
            }
        }
        assert!(compared > 300_000, "compared only {compared} operations");
    }

    #[test]
    fn text_object_operators_and_operands() {
        assert_eq!(
            ops(b"BT /F1 12 Tf 1 0 0 1 72.5 -.5 Tm (Hi) Tj ET"),
            vec![
                op("BT", &[]),
                op("Tf", &["/F1", "12"]),
                op("Tm", &["1", "0", "0", "1", "72.5", "-0.5"]),
                op("Tj", &["(Hi)"]),
                op("ET", &[]),
            ]
        );
    }

    #[test]
    fn tokens_need_no_white_space_between_them() {
        assert_eq!(
            ops(b"BT/F1 12Tf[(A)-250(B)]TJ T*"),
            vec![
                op("BT", &[]),
                op("Tf", &["/F1", "12"]),
                op("TJ", &["[(A) -250 (B)]"]),
                op("T*", &[]),
            ]
        );
    }

    #[test]
    fn reals_have_f32_precision_like_lopdf() {
        let mut lexer = Lexer::new(b"0.1 5. 0.00-45 d");
        let op = lexer.next_operation().unwrap();
        assert_eq!(op.number(0), Some(f64::from(0.1f32)));
        assert_eq!(op.number(1), Some(5.0));
        assert_eq!(op.number(2), Some(f64::from(0.0045f32)));
    }

    /// Numbers of every length read as the general readers read them: the
    /// fast path for short ones must agree with them at its edges.
    #[test]
    fn numbers_at_the_fast_path_edges() {
        let cases: [&[u8]; 12] = [
            b"-0",
            b"+7",
            b"123456789012345678",
            b"-123456789012345678",
            b"9223372036854775807",
            b"9223372036854775808",
            b"99999999999999999999",
            b"12345678901234567.8",
            b"0.123456789012345678",
            b"9007199254740993.0",
            b"-.5",
            b"16777217.0",
        ];
        for text in cases {
            let mut input = text.to_vec();
            input.extend_from_slice(b" d");
            let mut lexer = Lexer::new(&input);
            let op = lexer.next_operation().unwrap();
            let got = op.token(0).map(|(_, t)| t);
            let expected = if text.contains(&b'.') {
                parse_real(text)
            } else {
                parse_integer(text)
            };
            let Some(Token::Number(n)) = got else {
                panic!("{}: not a number", String::from_utf8_lossy(text));
            };
            assert_eq!(
                n.to_bits(),
                expected.to_bits(),
                "{}",
                String::from_utf8_lossy(text)
            );
        }
    }

    #[test]
    fn literal_string_escapes() {
        let mut lexer = Lexer::new(b"(a\\(b\\)c\\\\ \\101\\7\\n(nest)\\\r\nend\r\nx) Tj");
        let op = lexer.next_operation().unwrap();
        assert_eq!(op.string(0).unwrap(), b"a(b)c\\ A\x07\n(nest)end\nx");
    }

    #[test]
    fn hex_strings_skip_white_space_and_pad_an_odd_digit() {
        let mut lexer = Lexer::new(b"<00 4 1 0> Tj");
        let op = lexer.next_operation().unwrap();
        assert_eq!(op.string(0).unwrap(), b"\x00\x41\x00");
    }

    #[test]
    fn names_decode_hex_escapes() {
        let mut lexer = Lexer::new(b"/A#20B /C#zz Do");
        let op = lexer.next_operation().unwrap();
        assert_eq!(op.name(0).unwrap(), b"A B");
        assert_eq!(op.name(1).unwrap(), b"C");
    }

    #[test]
    fn comments_are_white_space() {
        assert_eq!(
            ops(b"% header\n1 0 0 % mid\n1 0 0 cm %end"),
            vec![op("cm", &["1", "0", "0", "1", "0", "0"])]
        );
    }

    #[test]
    fn stray_delimiters_are_skipped() {
        let mut lexer = Lexer::new(b"q ) } Q");
        assert_eq!(lexer.next_operation().unwrap().operator(), b"q");
        assert_eq!(lexer.next_operation().unwrap().operator(), b"Q");
        assert!(lexer.next_operation().is_none());
        assert_eq!(lexer.recoveries(), 2);
    }

    #[test]
    fn inline_image_data_is_skipped_by_its_length() {
        // 2x1 RGB, 8 bits: 6 bytes of data that contain " EI ".
        let stream = b"BI /W 2 /H 1 /BPC 8 /CS /RGB ID \x00 EI \x00\x00 EI (after) Tj";
        assert_eq!(ops(stream), vec![op("BI", &[]), op("Tj", &["(after)"])]);
    }

    #[test]
    fn filtered_inline_image_ends_at_ei() {
        let stream = b"BI /W 9 /H 9 /F /AHx ID 0a0b0c> EI Q";
        assert_eq!(ops(stream), vec![op("BI", &[]), op("Q", &[])]);
    }

    #[test]
    fn inline_image_without_end_stops_the_stream() {
        let mut lexer = Lexer::new(b"BI /W 9 /F /Fl ID garbage");
        assert_eq!(lexer.next_operation().unwrap().operator(), b"BI");
        assert!(lexer.next_operation().is_none());
        assert!(lexer.failed());
    }

    #[test]
    fn inline_dictionary_operand() {
        let mut lexer = Lexer::new(b"/Span <</Lang (en) /K [1 2] /ActualText (fi)>> BDC");
        let op = lexer.next_operation().unwrap();
        assert_eq!(op.operator(), b"BDC");
        assert_eq!(op.dict_string(1, b"ActualText"), Some(&b"fi"[..]));
        assert_eq!(op.dict_string(1, b"Missing"), None);
    }

    #[test]
    fn deep_nesting_stops_the_stream() {
        let mut stream = vec![b'['; 10_000];
        stream.extend_from_slice(b" TJ");
        let mut lexer = Lexer::new(&stream);
        assert!(lexer.next_operation().is_none());
        assert!(lexer.failed());
    }

    #[test]
    fn nested_array_in_tj_is_one_item() {
        assert_eq!(
            ops(b"[(a) [1 (x)] (b)] TJ"),
            vec![op("TJ", &["[(a) ? (b)]"])]
        );
    }

    #[test]
    fn unterminated_input_ends_cleanly() {
        for input in [
            &b"(abc"[..],
            b"<0041",
            b"[1 2",
            b"<</A",
            b"/",
            b"-",
            b"1.",
            b"BI",
        ] {
            let mut lexer = Lexer::new(input);
            while lexer.next_operation().is_some() {}
        }
    }

    #[test]
    fn operands_are_bounded() {
        let mut stream = Vec::new();
        for _ in 0..(MAX_TOKENS + 10) {
            stream.extend_from_slice(b"1 ");
        }
        stream.extend_from_slice(b"n");
        let mut lexer = Lexer::new(&stream);
        let op = lexer.next_operation().unwrap();
        assert_eq!(op.len(), MAX_TOKENS);
    }
}
