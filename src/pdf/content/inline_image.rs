//! Inline images (`BI ... ID data EI`): skipped, by the data length the
//! dictionary gives when it gives one (as lopdf computes it), otherwise up to
//! the first `EI` between white space.

use super::{Lexer, Token, MAX_TOKENS};
use crate::pdf::lexical::{is_regular, is_whitespace};

impl Lexer<'_> {
    /// Skips an inline image whose `BI` has been read: its dictionary, `ID`,
    /// the data, and `EI`. The data length comes from the dictionary when the
    /// image is unfiltered with a device colour space (as lopdf computes it);
    /// otherwise the data ends at the first `EI` between white space.
    pub(super) fn skip_inline_image(&mut self) {
        // The dictionary's keys and values, read as top-level operands.
        loop {
            self.skip_space();
            let Some(&c) = self.input.get(self.pos) else {
                self.failed = true;
                return;
            };
            if is_regular(c) && !self.starts_number(c) {
                let (start, end) = self.keyword();
                let token = match &self.input[start..end] {
                    b"ID" => break,
                    b"true" => Token::Bool(true),
                    b"false" => Token::Bool(false),
                    _ => Token::Null,
                };
                self.push_top(token);
                continue;
            }
            let index = self.tokens.len();
            if self.object(0) {
                if index < MAX_TOKENS {
                    self.top.push(index as u32);
                }
            } else if self.failed {
                return;
            } else {
                self.pos += 1;
                self.recoveries += 1;
            }
        }
        let mut dict = InlineImageDict::default();
        for pair in self.top.chunks_exact(2) {
            let (Some(&Token::Name(key)), Some(&value)) = (
                self.tokens.get(pair[0] as usize),
                self.tokens.get(pair[1] as usize),
            ) else {
                continue;
            };
            let key = self
                .bytes
                .get(key.start as usize..key.end as usize)
                .unwrap_or_default();
            let first = self.tokens.get(pair[1] as usize + 1).copied();
            dict.note(key, value, first, &self.bytes);
        }
        self.tokens.clear();
        self.top.clear();
        self.bytes.clear();
        // One white-space byte (CR LF counts as one) separates ID from the data.
        match self.input.get(self.pos..self.pos + 2) {
            Some(b"\r\n") => self.pos += 2,
            _ => {
                if self.input.get(self.pos).is_some_and(|&c| is_whitespace(c)) {
                    self.pos += 1;
                }
            }
        }
        let data = self.pos;
        if let Some(length) = dict.data_length() {
            if let Some(after) = data.checked_add(length) {
                if after <= self.input.len() {
                    self.pos = after;
                    self.skip_whitespace();
                    if self.input[self.pos..].starts_with(b"EI") {
                        self.pos += 2;
                        return;
                    }
                }
            }
            self.recoveries += 1;
        }
        let rest = &self.input[data..];
        let end = rest.windows(3).enumerate().find(|&(i, w)| {
            is_whitespace(w[0])
                && &w[1..] == b"EI"
                && rest.get(i + 3).is_none_or(|&c| is_whitespace(c))
        });
        match end {
            Some((i, _)) => self.pos = data + i + 3,
            None => {
                self.pos = self.input.len();
                self.failed = true;
            }
        }
    }
}

/// What an inline image's dictionary says about its data length.
#[derive(Default)]
struct InlineImageDict {
    width: Option<i64>,
    height: Option<i64>,
    bits: Option<i64>,
    mask: Option<bool>,
    colors: Option<Option<usize>>,
    filtered: bool,
}

impl InlineImageDict {
    /// Notes one entry; `first` is the token after `value` (an array's
    /// first element).
    fn note(&mut self, key: &[u8], value: Token, first: Option<Token>, bytes: &[u8]) {
        let name = |token: Token| match token {
            Token::Name(span) => bytes.get(span.start as usize..span.end as usize),
            _ => None,
        };
        let int = match value {
            Token::Number(n) if n.fract() == 0.0 && n.is_finite() => Some(n as i64),
            _ => None,
        };
        match key {
            b"W" | b"Width" => self.width = self.width.or(int),
            b"H" | b"Height" => self.height = self.height.or(int),
            b"BPC" | b"BitsPerComponent" => self.bits = self.bits.or(int),
            b"IM" | b"ImageMask" => {
                if let Token::Bool(b) = value {
                    self.mask = Some(b);
                }
            }
            b"F" | b"Filter" => self.filtered = true,
            b"CS" | b"ColorSpace" => {
                let colors = match value {
                    Token::Name(_) => match name(value) {
                        Some(b"DeviceGray" | b"G" | b"Gray") => Some(1),
                        Some(b"DeviceRGB" | b"RGB") => Some(3),
                        Some(b"DeviceRGBA" | b"RGBA" | b"DeviceCMYK" | b"CMYK") => Some(4),
                        _ => None,
                    },
                    // An Indexed space has one index per sample.
                    Token::Array { .. }
                        if matches!(first.and_then(name), Some(b"Indexed" | b"I")) =>
                    {
                        Some(1)
                    }
                    _ => None,
                };
                self.colors = Some(colors);
            }
            _ => {}
        }
    }

    /// The data length in bytes, when the dictionary determines it.
    fn data_length(&self) -> Option<usize> {
        if self.filtered {
            return None;
        }
        let width = usize::try_from(self.width?).ok()?;
        let height = usize::try_from(self.height?).ok()?;
        let mask = self.mask == Some(true);
        let bits = match self.bits {
            Some(b) => usize::try_from(b).ok()?,
            None if mask => 1,
            None => return None,
        };
        let colors = if mask { 1 } else { self.colors?? };
        let row_bits = width.checked_mul(bits.checked_mul(colors)?)?;
        row_bits.div_ceil(8).checked_mul(height)
    }
}
