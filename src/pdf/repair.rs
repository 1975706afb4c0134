//! Repairs applied once after loading, for damage that lopdf reads but does
//! not undo: stream dictionaries whose /Filter or /DecodeParms are indirect
//! references (legal, and used by some SAP-made PDFs; lopdf then leaves the
//! stream undecoded and its text unread).

use lopdf::{Document, Object, ObjectId};

/// Replaces indirect /Filter and /DecodeParms values (and indirect entries in
/// their arrays) with the objects they refer to.
pub(crate) fn resolve_indirect_filters(doc: &mut Document) {
    let mut fixes: Vec<(ObjectId, &'static [u8], Object)> = Vec::new();
    for (id, object) in &doc.objects {
        let Object::Stream(stream) = object else {
            continue;
        };
        for key in [&b"Filter"[..], &b"DecodeParms"[..]] {
            let Ok(value) = stream.dict.get(key) else {
                continue;
            };
            if let Some(resolved) = resolve(doc, value) {
                fixes.push((*id, key, resolved));
            }
        }
    }
    for (id, key, value) in fixes {
        if let Some(Object::Stream(stream)) = doc.objects.get_mut(&id) {
            stream.dict.set(key, value);
        }
    }
}

/// The value with references followed (one level, and inside an array), or
/// `None` when it holds no reference.
fn resolve(doc: &Document, value: &Object) -> Option<Object> {
    match value {
        Object::Reference(_) => {
            let target = doc.dereference(value).ok()?.1;
            Some(resolve(doc, target).unwrap_or_else(|| target.clone()))
        }
        Object::Array(items) if items.iter().any(|i| matches!(i, Object::Reference(_))) => {
            Some(Object::Array(
                items
                    .iter()
                    .map(|i| doc.dereference(i).map_or(Object::Null, |(_, o)| o.clone()))
                    .collect(),
            ))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::{dictionary, Stream};

    #[test]
    fn indirect_filter_is_resolved() {
        let mut doc = Document::with_version("1.3");
        let filter = doc.add_object(Object::Array(vec![Object::Name(b"FlateDecode".to_vec())]));
        let stream = doc.add_object(Stream::new(
            dictionary! { "Filter" => filter },
            vec![1, 2, 3],
        ));
        resolve_indirect_filters(&mut doc);
        let dict = &doc.get_object(stream).unwrap().as_stream().unwrap().dict;
        assert_eq!(
            dict.get(b"Filter").unwrap(),
            &Object::Array(vec![Object::Name(b"FlateDecode".to_vec())])
        );
    }

    #[test]
    fn direct_filters_are_left_alone() {
        let mut doc = Document::with_version("1.3");
        let stream = doc.add_object(Stream::new(
            dictionary! { "Filter" => "FlateDecode" },
            vec![],
        ));
        resolve_indirect_filters(&mut doc);
        let dict = &doc.get_object(stream).unwrap().as_stream().unwrap().dict;
        assert_eq!(
            dict.get(b"Filter").unwrap(),
            &Object::Name(b"FlateDecode".to_vec())
        );
    }
}

/// Rewrites a file whose trailer holds its /Encrypt dictionary directly
/// (cpdf writes them so) into one where it is an indirect object, which is
/// the only form lopdf can authenticate against. The dictionary is moved
/// into a new object placed just before the cross-reference table, the table
/// gains an entry for it, and `startxref` moves with it; every other object
/// keeps its offset. `None` when the file is not of that shape (for example
/// when it uses a cross-reference stream).
pub(crate) fn move_direct_encrypt_dict(bytes: &[u8]) -> Option<Vec<u8>> {
    let trailer_at = rfind(bytes, b"trailer")?;
    let startxref_at = trailer_at + find(&bytes[trailer_at..], b"startxref")?;
    let xref_at = parse_uint(&bytes[startxref_at + b"startxref".len()..])?;
    if bytes.get(xref_at..xref_at + 4)? != b"xref" || xref_at >= trailer_at {
        return None;
    }
    let trailer = &bytes[trailer_at..startxref_at];
    let key_at = find(trailer, b"/Encrypt")?;
    let dict_start =
        key_at + b"/Encrypt".len() + skip_whitespace(&trailer[key_at + b"/Encrypt".len()..]);
    if !trailer[dict_start..].starts_with(b"<<") {
        return None;
    }
    let dict_end = dict_start + dictionary_length(&trailer[dict_start..])?;
    let size_at = find(trailer, b"/Size")?;
    let size_digits =
        size_at + b"/Size".len() + skip_whitespace(&trailer[size_at + b"/Size".len()..]);
    let size = parse_uint(&trailer[size_digits..])?;
    let size_end = size_digits
        + trailer[size_digits..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();

    let object = [
        format!("{size} 0 obj\n").as_bytes(),
        &trailer[dict_start..dict_end],
        b"\nendobj\n",
    ]
    .concat();
    let mut out = Vec::with_capacity(bytes.len() + 2 * object.len() + 64);
    out.extend_from_slice(&bytes[..xref_at]);
    let object_at = out.len();
    out.extend_from_slice(&object);
    let new_xref_at = out.len();
    out.extend_from_slice(&bytes[xref_at..trailer_at]);
    if !out.ends_with(b"\n") && !out.ends_with(b"\r") {
        out.push(b'\n');
    }
    out.extend_from_slice(format!("{size} 1\n{object_at:010} 00000 n \n").as_bytes());
    // The trailer, with /Size one larger and /Encrypt pointing at the new object.
    let mut pieces = [
        (size_digits, size_end, format!("{}", size + 1)),
        (key_at, dict_end, format!("/Encrypt {size} 0 R")),
    ];
    pieces.sort_by_key(|p| p.0);
    let mut cursor = 0;
    for (from, to, replacement) in pieces {
        out.extend_from_slice(trailer.get(cursor..from)?);
        out.extend_from_slice(replacement.as_bytes());
        cursor = to;
    }
    out.extend_from_slice(&trailer[cursor..]);
    out.extend_from_slice(format!("startxref\n{new_xref_at}\n%%EOF\n").as_bytes());
    Some(out)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

fn skip_whitespace(bytes: &[u8]) -> usize {
    bytes.iter().take_while(|b| b.is_ascii_whitespace()).count()
}

fn parse_uint(bytes: &[u8]) -> Option<usize> {
    let start = skip_whitespace(bytes);
    let digits: &[u8] = &bytes[start..][..bytes[start..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count()];
    std::str::from_utf8(digits).ok()?.parse().ok()
}

/// The length of the `<< ... >>` dictionary at the start of `bytes`, with
/// nested dictionaries, literal strings (escapes and balanced parentheses)
/// and hex strings skipped correctly.
fn dictionary_length(bytes: &[u8]) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'<' if bytes.get(i + 1) == Some(&b'<') => {
                depth += 1;
                i += 2;
            }
            b'>' if bytes.get(i + 1) == Some(&b'>') => {
                depth = depth.checked_sub(1)?;
                i += 2;
                if depth == 0 {
                    return Some(i);
                }
            }
            b'<' => i += find(&bytes[i..], b">")? + 1,
            b'(' => {
                let mut nesting = 0usize;
                loop {
                    match *bytes.get(i)? {
                        b'\\' => i += 1,
                        b'(' => nesting += 1,
                        b')' => {
                            nesting -= 1;
                            if nesting == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    None
}

#[cfg(test)]
mod encrypt_tests {
    use super::*;

    /// A tiny classic-xref file whose trailer holds /Encrypt directly.
    fn direct_encrypt_file() -> Vec<u8> {
        let mut out = b"%PDF-1.4\n".to_vec();
        let one = out.len();
        out.extend_from_slice(b"1 0 obj\n<</Type/Catalog/Pages 2 0 R>>\nendobj\n");
        let two = out.len();
        out.extend_from_slice(b"2 0 obj\n<</Type/Pages/Kids[]/Count 0>>\nendobj\n");
        let xref = out.len();
        out.extend_from_slice(
            format!("xref\n0 3\n0000000000 65535 f \n{one:010} 00000 n \n{two:010} 00000 n \n")
                .as_bytes(),
        );
        out.extend_from_slice(b"trailer\n<</Size 3/Root 1 0 R/Encrypt<</Filter/Standard/V 1/R 2/O(a\\)b(c)>d)/U<0102>/P -4>>/ID[(x)(x)]>>\n");
        out.extend_from_slice(format!("startxref\n{xref}\n%%EOF\n").as_bytes());
        out
    }

    #[test]
    fn direct_encrypt_dictionary_becomes_an_object() {
        let patched = move_direct_encrypt_dict(&direct_encrypt_file()).expect("patched");
        let text = String::from_utf8_lossy(&patched);
        assert!(
            text.contains(
                "3 0 obj\n<</Filter/Standard/V 1/R 2/O(a\\)b(c)>d)/U<0102>/P -4>>\nendobj"
            ),
            "{text}"
        );
        assert!(
            text.contains("/Size 4/Root 1 0 R/Encrypt 3 0 R/ID[(x)(x)]"),
            "{text}"
        );
        // Offsets in the new table point at the objects.
        let entry = text.split("3 1\n").nth(1).unwrap();
        let offset: usize = entry[..10].parse().unwrap();
        assert!(text[offset..].starts_with("3 0 obj"));
        let startxref: usize = text
            .rsplit("startxref\n")
            .next()
            .unwrap()
            .lines()
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert!(text[startxref..].starts_with("xref"));
    }

    #[test]
    fn files_without_a_direct_dictionary_are_left_alone() {
        assert!(move_direct_encrypt_dict(b"%PDF-1.4\nno trailer here").is_none());
        let plain = direct_encrypt_file();
        let text = String::from_utf8_lossy(&plain).replace("/Encrypt<<", "/Other<<");
        assert!(move_direct_encrypt_dict(text.as_bytes()).is_none());
    }

    #[test]
    fn dictionary_length_skips_strings() {
        assert_eq!(dictionary_length(b"<</A(>>)>>rest"), Some(10));
        assert_eq!(dictionary_length(b"<</A<<>>/B<41>>>x"), Some(16));
        assert_eq!(dictionary_length(b"<</A(unclosed"), None);
    }
}
