//! PDF objects read from a file's bytes into lopdf's object model, the way
//! lopdf's parser reads them where the file is well formed. Wherever lopdf
//! would have to recover (a stream whose /Length does not frame it, a token
//! out of place, a number too big) this reader gives `None`, and the caller
//! loads the whole file through lopdf's tolerant reader instead.
//!
//! Why not lopdf's parser: it is private to the crate, and only reachable
//! through a load that parses every object of the file.

use super::super::lexical::{self, is_regular};
use lopdf::{Dictionary, Object, ObjectId, Stream, StringFormat};

/// Arrays and dictionaries nested deeper than this fail, as in lopdf
/// (`lopdf::reader::MAX_NESTING_DEPTH`).
pub(super) const MAX_NESTING_DEPTH: usize = 100;

/// Reads objects from `input`, starting at a given position.
pub(super) struct ObjectReader<'a> {
    input: &'a [u8],
    pos: usize,
}

impl<'a> ObjectReader<'a> {
    pub(super) fn new(input: &'a [u8], pos: usize) -> ObjectReader<'a> {
        ObjectReader { input, pos }
    }

    pub(super) fn skip_space(&mut self) {
        self.pos = lexical::skip_space(self.input, self.pos);
    }

    /// Whether `keyword` is next; if so, steps past it.
    pub(super) fn eat(&mut self, keyword: &[u8]) -> bool {
        let found = self
            .input
            .get(self.pos..)
            .is_some_and(|rest| rest.starts_with(keyword));
        if found {
            self.pos += keyword.len();
        }
        found
    }

    /// An unsigned integer that fits `T`; nothing is consumed otherwise.
    pub(super) fn unsigned<T: TryFrom<u64>>(&mut self) -> Option<T> {
        let rest = self.input.get(self.pos..).unwrap_or_default();
        let digits = rest.iter().take_while(|c| c.is_ascii_digit()).count();
        let text = &rest[..digits];
        let value = text.iter().try_fold(0u64, |value, &digit| {
            value.checked_mul(10)?.checked_add(u64::from(digit - b'0'))
        });
        let value = T::try_from(value.filter(|_| digits > 0)?).ok()?;
        self.pos += digits;
        Some(value)
    }

    /// `N G obj` at the cursor (after white space): the object's id.
    pub(super) fn object_header(&mut self) -> Option<ObjectId> {
        self.skip_space();
        let number = self.unsigned::<u32>()?;
        self.skip_space();
        let generation = self.unsigned::<u16>()?;
        self.skip_space();
        self.eat(b"obj").then(|| {
            self.skip_space();
            (number, generation)
        })
    }

    /// One object and the white space after it (lopdf's `direct_object`);
    /// `depth` levels of nesting left.
    pub(super) fn direct(&mut self, depth: usize) -> Option<Object> {
        let depth = depth.checked_sub(1)?;
        let object = self.value(depth)?;
        self.skip_space();
        Some(object)
    }

    /// One object, with `depth` levels of nesting left for its elements.
    pub(super) fn value(&mut self, depth: usize) -> Option<Object> {
        match *self.input.get(self.pos)? {
            b'n' => self.eat(b"null").then_some(Object::Null),
            b't' => self.eat(b"true").then_some(Object::Boolean(true)),
            b'f' => self.eat(b"false").then_some(Object::Boolean(false)),
            b'0'..=b'9' => self.reference().or_else(|| self.number()),
            b'+' | b'-' | b'.' => self.number(),
            b'/' => {
                let mut name = Vec::new();
                self.pos = lexical::name(self.input, self.pos + 1, &mut name);
                Some(Object::Name(name))
            }
            b'(' => {
                let mut bytes = Vec::new();
                let end = lexical::literal_string(self.input, self.pos + 1, &mut bytes);
                self.pos = end.pos;
                (end.closed && end.irregular == 0)
                    .then_some(Object::String(bytes, StringFormat::Literal))
            }
            b'<' if self.input.get(self.pos + 1) == Some(&b'<') => {
                self.dictionary(depth).map(Object::Dictionary)
            }
            b'<' => {
                let mut bytes = Vec::new();
                let end = lexical::hex_string(self.input, self.pos + 1, &mut bytes);
                self.pos = end.pos;
                (end.closed && end.irregular == 0)
                    .then_some(Object::String(bytes, StringFormat::Hexadecimal))
            }
            b'[' => {
                self.pos += 1;
                self.skip_space();
                let mut items = Vec::new();
                while !self.eat(b"]") {
                    items.push(self.direct(depth)?);
                }
                Some(Object::Array(items))
            }
            _ => None,
        }
    }

    /// A dictionary at the cursor (`<<` not yet read), up to its `>>`.
    pub(super) fn dictionary(&mut self, depth: usize) -> Option<Dictionary> {
        if !self.eat(b"<<") {
            return None;
        }
        self.skip_space();
        let mut dict = Dictionary::new();
        while !self.eat(b">>") {
            if self.input.get(self.pos) != Some(&b'/') {
                return None;
            }
            let mut key = Vec::new();
            self.pos = lexical::name(self.input, self.pos + 1, &mut key);
            self.skip_space();
            let value = self.direct(depth)?;
            dict.set(key, value);
        }
        Some(dict)
    }

    /// `N G R`; nothing is consumed when the cursor holds something else.
    fn reference(&mut self) -> Option<Object> {
        let start = self.pos;
        let id = (|| {
            let number = self.unsigned::<u32>()?;
            self.skip_space();
            let generation = self.unsigned::<u16>()?;
            self.skip_space();
            self.eat(b"R").then_some((number, generation))
        })();
        if id.is_none() {
            self.pos = start;
        }
        id.map(Object::Reference)
    }

    /// An integer or a real in lopdf's grammar: `[+-]digits` is an integer
    /// (`None` past `i64`); `[+-](digits.[digits] | .digits)` followed by any
    /// digits and minus signs is a real, read as `f32` with the inner minus
    /// signs dropped.
    fn number(&mut self) -> Option<Object> {
        let input = self.input;
        let start = self.pos;
        let mut i = start;
        if matches!(input.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let int_start = i;
        while input.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        let int_digits = i - int_start;
        let real = input.get(i) == Some(&b'.')
            && (int_digits > 0 || input.get(i + 1).is_some_and(u8::is_ascii_digit));
        if !real {
            if int_digits == 0 {
                return None;
            }
            self.pos = i;
            let text = &input[start..i];
            // Up to 18 digits cannot overflow; longer ones go through `parse`.
            if int_digits <= 18 {
                let magnitude = input[int_start..i]
                    .iter()
                    .fold(0i64, |value, &d| value * 10 + i64::from(d - b'0'));
                let negative = text[0] == b'-';
                return Some(Object::Integer(if negative {
                    -magnitude
                } else {
                    magnitude
                }));
            }
            let text = std::str::from_utf8(text).ok()?;
            return text.parse::<i64>().ok().map(Object::Integer);
        }
        i += 1;
        while input
            .get(i)
            .is_some_and(|&c| c.is_ascii_digit() || c == b'-')
        {
            i += 1;
        }
        self.pos = i;
        let text = &input[start..i];
        let cleaned: Vec<u8>;
        let text = if text[1..].contains(&b'-') {
            cleaned = text[..1]
                .iter()
                .chain(text[1..].iter().filter(|&&c| c != b'-'))
                .copied()
                .collect();
            &cleaned[..]
        } else {
            text
        };
        let value: f32 = std::str::from_utf8(text).ok()?.parse().ok()?;
        Some(Object::Real(value))
    }

    /// The object of an indirect object whose header has been read: a
    /// stream when a dictionary is followed by `stream` and data framed by
    /// its /Length (`length` gives the value of an indirect one).
    pub(super) fn indirect_body(
        &mut self,
        length: &mut dyn FnMut(ObjectId) -> Option<i64>,
    ) -> Option<Object> {
        if self.input.get(self.pos..self.pos + 2) != Some(b"<<") {
            return self.value(MAX_NESTING_DEPTH);
        }
        let dict = self.dictionary(MAX_NESTING_DEPTH)?;
        let after_dict = self.pos;
        self.skip_space();
        if !self.eat(b"stream") {
            self.pos = after_dict;
            return Some(Object::Dictionary(dict));
        }
        while matches!(self.input.get(self.pos), Some(b' ' | b'\t')) {
            self.pos += 1;
        }
        if !(self.eat(b"\r\n") || self.eat(b"\n") || self.eat(b"\r")) {
            return None;
        }
        let length = match dict.get(b"Length").ok()? {
            Object::Integer(n) => *n,
            Object::Reference(id) => length(*id)?,
            _ => return None,
        };
        let start = self.pos;
        let end = start.checked_add(usize::try_from(length).ok()?)?;
        let data = self.input.get(start..end)?;
        self.pos = end;
        let _ = self.eat(b"\r\n") || self.eat(b"\n") || self.eat(b"\r");
        if !self.eat(b"endstream") || self.input.get(self.pos).is_some_and(|&c| is_regular(c)) {
            return None;
        }
        Some(Object::Stream(Stream::new(dict, data.to_vec())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(input: &[u8]) -> Option<Object> {
        ObjectReader::new(input, 0).direct(MAX_NESTING_DEPTH)
    }

    #[test]
    fn objects_read_as_lopdf_reads_them() {
        let object = read(b"<< /Type /Font /W [1 [500 -2.5 .5 3.] 7 0 R] /N null /B true /S (a\\)b) /H <4142> /D << /X 1 >> >>").unwrap();
        let dict = object.as_dict().unwrap();
        assert_eq!(dict.get(b"Type").unwrap(), &Object::Name(b"Font".to_vec()));
        let w = dict.get(b"W").unwrap().as_array().unwrap();
        assert_eq!(w[0], Object::Integer(1));
        assert_eq!(
            w[1],
            Object::Array(vec![
                Object::Integer(500),
                Object::Real(-2.5),
                Object::Real(0.5),
                Object::Real(3.0)
            ])
        );
        assert_eq!(w[2], Object::Reference((7, 0)));
        assert_eq!(dict.get(b"N").unwrap(), &Object::Null);
        assert_eq!(dict.get(b"B").unwrap(), &Object::Boolean(true));
        assert_eq!(
            dict.get(b"S").unwrap(),
            &Object::String(b"a)b".to_vec(), StringFormat::Literal)
        );
        assert_eq!(
            dict.get(b"H").unwrap(),
            &Object::String(b"AB".to_vec(), StringFormat::Hexadecimal)
        );
        assert_eq!(
            dict.get(b"D")
                .unwrap()
                .as_dict()
                .unwrap()
                .get(b"X")
                .unwrap(),
            &Object::Integer(1)
        );
    }

    #[test]
    fn integers_of_every_length() {
        assert_eq!(read(b"-0"), Some(Object::Integer(0)));
        assert_eq!(read(b"+17"), Some(Object::Integer(17)));
        assert_eq!(
            read(b"999999999999999999"),
            Some(Object::Integer(999_999_999_999_999_999))
        );
        assert_eq!(
            read(b"-9223372036854775808"),
            Some(Object::Integer(i64::MIN))
        );
        assert_eq!(read(b"9223372036854775808"), None);
    }

    #[test]
    fn a_minus_inside_a_fraction_is_dropped() {
        assert_eq!(read(b"0.00-45"), Some(Object::Real(0.0045)));
    }

    #[test]
    fn what_lopdf_would_recover_from_is_refused() {
        for bad in [
            &b"<< /A 1 junk >>"[..],
            b"[1 2",
            b"<4G>",
            b"(open",
            b"99999999999999999999",
            b"<< /A >>",
        ] {
            assert_eq!(read(bad), None, "{}", String::from_utf8_lossy(bad));
        }
        let deep = [
            vec![b'['; MAX_NESTING_DEPTH + 1],
            vec![b']'; MAX_NESTING_DEPTH + 1],
        ]
        .concat();
        assert_eq!(read(&deep), None);
    }

    #[test]
    fn streams_are_framed_by_their_length() {
        let body = b"<< /Length 5 >>\nstream\r\nHello\nendstream\nendobj";
        let mut reader = ObjectReader::new(body, 0);
        let Some(Object::Stream(stream)) = reader.indirect_body(&mut |_| None) else {
            panic!("no stream");
        };
        assert_eq!(stream.content, b"Hello");
        let wrong = b"<< /Length 4 >>\nstream\nHello\nendstream\nendobj";
        assert_eq!(
            ObjectReader::new(wrong, 0).indirect_body(&mut |_| None),
            None
        );
        let indirect = b"<< /Length 9 0 R >>\nstream\nHello\nendstream";
        let mut asked = None;
        let read = ObjectReader::new(indirect, 0).indirect_body(&mut |id| {
            asked = Some(id);
            Some(5)
        });
        assert!(matches!(read, Some(Object::Stream(_))));
        assert_eq!(asked, Some((9, 0)));
    }
}
