//! A forgiving PostScript tokenizer for CMap streams.
//!
//! Hand-written because lopdf's CMap parser is strict: one odd construct (a `def` inside `/CIDSystemInfo << >>`,
//! missing boilerplate, a stray token) and it returns nothing at all, so whole pages lose their text. This lexer
//! never fails; bytes it cannot make sense of become [`Token::Other`] and the parser skips them.

/// One CMap token. Strings keep their raw bytes: CMap codes and destinations are binary.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Token<'a> {
    /// `<...>` hex string or `(...)` literal string, decoded to bytes.
    Bytes(Vec<u8>),
    /// `/Name`, without the slash.
    Name(&'a [u8]),
    /// An integer or real number.
    Number(f64),
    /// A bare word: `begincodespacerange`, `def`, `usecmap`, ...
    Word(&'a [u8]),
    ArrayStart,
    ArrayEnd,
    DictStart,
    DictEnd,
    /// Anything else (procedure braces, stray delimiters); skipped by the parser.
    Other,
}

/// Iterator over the tokens of a CMap stream.
pub(crate) struct Lexer<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Lexer<'a> {
    pub(crate) fn new(data: &'a [u8]) -> Lexer<'a> {
        Lexer { data, pos: 0 }
    }

    fn peek(&self) -> Option<u8> {
        self.data.get(self.pos).copied()
    }

    fn skip_space_and_comments(&mut self) {
        while let Some(b) = self.peek() {
            if is_space(b) {
                self.pos += 1;
            } else if b == b'%' {
                while let Some(c) = self.peek() {
                    if c == b'\n' || c == b'\r' {
                        break;
                    }
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    fn regular_run(&mut self) -> &'a [u8] {
        let start = self.pos;
        while let Some(b) = self.peek() {
            if is_space(b) || is_delimiter(b) {
                break;
            }
            self.pos += 1;
        }
        &self.data[start..self.pos]
    }

    fn hex_string(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut high: Option<u8> = None;
        while let Some(b) = self.peek() {
            self.pos += 1;
            if b == b'>' {
                break;
            }
            let Some(nibble) = (b as char).to_digit(16) else {
                continue;
            };
            let nibble = nibble as u8;
            match high.take() {
                Some(h) => out.push((h << 4) | nibble),
                None => high = Some(nibble),
            }
        }
        if let Some(h) = high {
            out.push(h << 4);
        }
        out
    }

    fn literal_string(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut depth = 1usize;
        while let Some(b) = self.peek() {
            self.pos += 1;
            match b {
                b'(' => {
                    depth += 1;
                    out.push(b);
                }
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                    out.push(b);
                }
                b'\\' => {
                    let Some(e) = self.peek() else { break };
                    self.pos += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'0'..=b'7' => {
                            let mut value = u32::from(e - b'0');
                            for _ in 0..2 {
                                match self.peek() {
                                    Some(d @ b'0'..=b'7') => {
                                        value = value * 8 + u32::from(d - b'0');
                                        self.pos += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push((value & 0xFF) as u8);
                        }
                        b'\r' => {
                            if self.peek() == Some(b'\n') {
                                self.pos += 1;
                            }
                        }
                        b'\n' => {}
                        other => out.push(other),
                    }
                }
                _ => out.push(b),
            }
        }
        out
    }
}

impl<'a> Iterator for Lexer<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        self.skip_space_and_comments();
        let b = self.peek()?;
        Some(match b {
            b'<' => {
                self.pos += 1;
                if self.peek() == Some(b'<') {
                    self.pos += 1;
                    Token::DictStart
                } else {
                    Token::Bytes(self.hex_string())
                }
            }
            b'>' => {
                self.pos += 1;
                if self.peek() == Some(b'>') {
                    self.pos += 1;
                    Token::DictEnd
                } else {
                    Token::Other
                }
            }
            b'(' => {
                self.pos += 1;
                Token::Bytes(self.literal_string())
            }
            b'[' => {
                self.pos += 1;
                Token::ArrayStart
            }
            b']' => {
                self.pos += 1;
                Token::ArrayEnd
            }
            b'/' => {
                self.pos += 1;
                Token::Name(self.regular_run())
            }
            b'{' | b'}' | b')' => {
                self.pos += 1;
                Token::Other
            }
            _ => {
                let run = self.regular_run();
                if run.is_empty() {
                    // A delimiter not handled above: consume it so the lexer always advances.
                    self.pos += 1;
                    return Some(Token::Other);
                }
                match parse_number(run) {
                    Some(n) => Token::Number(n),
                    None => Token::Word(run),
                }
            }
        })
    }
}

fn parse_number(run: &[u8]) -> Option<f64> {
    let first = *run.first()?;
    if !(first.is_ascii_digit() || first == b'-' || first == b'+' || first == b'.') {
        return None;
    }
    std::str::from_utf8(run).ok()?.parse::<f64>().ok()
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0C' | b'\0')
}

fn is_delimiter(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

#[cfg(test)]
mod tests {
    use super::{Lexer, Token};

    #[test]
    fn tokens_of_a_cmap_line() {
        let toks: Vec<Token> =
            Lexer::new(b"1 beginbfchar <0003> <0020> % c\n/Name (a\\051b) [<41>] << >> endbfchar")
                .collect();
        assert_eq!(
            toks,
            vec![
                Token::Number(1.0),
                Token::Word(b"beginbfchar"),
                Token::Bytes(vec![0, 3]),
                Token::Bytes(vec![0, 0x20]),
                Token::Name(b"Name"),
                Token::Bytes(b"a)b".to_vec()),
                Token::ArrayStart,
                Token::Bytes(vec![0x41]),
                Token::ArrayEnd,
                Token::DictStart,
                Token::DictEnd,
                Token::Word(b"endbfchar"),
            ]
        );
    }

    #[test]
    fn garbage_never_stalls() {
        let n = Lexer::new(b"> ) } { <4 (unterminated \\").count();
        assert!(n >= 5);
        let odd_hex: Vec<Token> = Lexer::new(b"<4 1 F>").collect();
        assert_eq!(odd_hex, vec![Token::Bytes(vec![0x41, 0xF0])]);
    }
}
