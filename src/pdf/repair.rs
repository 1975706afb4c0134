//! Repairs applied once after loading, for damage that lopdf reads but does
//! not undo: stream dictionaries whose /Filter or /DecodeParms are indirect
//! references (legal, and used by some SAP-made PDFs; lopdf then leaves the
//! stream undecoded and its text unread), and streams whose /Length is
//! missing or wrong (lopdf then keeps an empty or cut stream, and a page's
//! text is lost without a word).

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

/// Re-reads, from the file's bytes, every stream whose /Length does not frame
/// it (missing, not a number, or not followed by `endstream`), taking its data
/// up to the `endstream` keyword as poppler and MuPDF do. Only for streams
/// found at their cross-reference offset, and not in encrypted files (their
/// stored bytes are ciphertext that lopdf has already decrypted). Returns the
/// number of streams recovered.
pub(crate) fn recover_stream_ends(doc: &mut Document, bytes: &[u8]) -> usize {
    // lopdf drops /Encrypt from the trailer once it has decrypted the objects.
    if doc.trailer.has(b"Encrypt") || doc.encryption_state.is_some() {
        return 0;
    }
    let mut fixes: Vec<(ObjectId, Vec<u8>)> = Vec::new();
    for (id, object) in &doc.objects {
        let Object::Stream(stream) = object else {
            continue;
        };
        let Some(lopdf::xref::XrefEntry::Normal { offset, .. }) = doc.reference_table.get(id.0)
        else {
            continue;
        };
        let Some(start) = stream_data_start(bytes, *offset as usize, *id) else {
            continue;
        };
        let length = stream
            .dict
            .get(b"Length")
            .ok()
            .and_then(|l| doc.dereference(l).ok())
            .and_then(|(_, l)| l.as_i64().ok())
            .and_then(|l| usize::try_from(l).ok());
        if length.is_some_and(|l| framed(bytes, start, l)) {
            continue;
        }
        let Some(end) = find(&bytes[start..], b"endstream").map(|e| start + e) else {
            continue;
        };
        // The end-of-line before `endstream` belongs to the keyword, not the data.
        let mut data_end = end;
        if bytes[..data_end].ends_with(b"\r\n") {
            data_end -= 2;
        } else if bytes[..data_end].ends_with(b"\n") || bytes[..data_end].ends_with(b"\r") {
            data_end -= 1;
        }
        let data = &bytes[start..data_end.max(start)];
        if data != stream.content.as_slice() {
            fixes.push((*id, data.to_vec()));
        }
    }
    let recovered = fixes.len();
    for (id, data) in fixes {
        if let Some(Object::Stream(stream)) = doc.objects.get_mut(&id) {
            stream.dict.set("Length", data.len() as i64);
            stream.set_content(data);
        }
    }
    recovered
}

/// Where the data of stream object `id` starts, when its object header is at
/// `offset`: just after the end-of-line that follows the `stream` keyword.
fn stream_data_start(bytes: &[u8], offset: usize, id: ObjectId) -> Option<usize> {
    let at = offset + skip_whitespace(bytes.get(offset..)?);
    let header = format!("{} {} obj", id.0, id.1);
    if !bytes.get(at..)?.starts_with(header.as_bytes()) {
        return None;
    }
    // The dictionary of a stream object is short; `stream` follows it.
    let window = &bytes[at..bytes.len().min(at + 64 * 1024)];
    let keyword = find(window, b"stream")?;
    let mut start = at + keyword + b"stream".len();
    if bytes.get(start) == Some(&b'\r') {
        start += 1;
    }
    if bytes.get(start) == Some(&b'\n') {
        start += 1;
    }
    Some(start)
}

/// Whether `length` bytes of data from `start` end where `endstream` begins
/// (after optional white space).
fn framed(bytes: &[u8], start: usize, length: usize) -> bool {
    let Some(after) = start.checked_add(length).and_then(|e| bytes.get(e..)) else {
        return false;
    };
    after[skip_whitespace(after)..].starts_with(b"endstream")
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
/// the only form lopdf can authenticate against. `None` when the file is not
/// of that shape (for example when it uses a cross-reference stream).
pub(crate) fn move_direct_encrypt_dict(bytes: &[u8]) -> Option<Vec<u8>> {
    let (trailer_at, startxref_at) = last_trailer(bytes)?;
    let trailer = &bytes[trailer_at..startxref_at];
    let key_at = find(trailer, b"/Encrypt")?;
    let dict_start =
        key_at + b"/Encrypt".len() + skip_whitespace(&trailer[key_at + b"/Encrypt".len()..]);
    if !trailer[dict_start..].starts_with(b"<<") {
        return None;
    }
    let dict_end = dict_start + dictionary_length(&trailer[dict_start..])?;
    with_new_encrypt_object(bytes, &trailer[dict_start..dict_end], key_at..dict_end)
}

/// Rewrites a file whose /Encrypt dictionary holds its crypt filters
/// (`/CF`) as indirect objects (`/CF 7 0 R`, and `/StdCF 8 0 R` inside):
/// lopdf reads them only when direct, and otherwise opens the file without
/// decrypting its streams. A copy of the dictionary with them written in
/// becomes the file's /Encrypt. `None` when the file is not of that shape.
pub(crate) fn inline_indirect_crypt_filters(bytes: &[u8]) -> Option<Vec<u8>> {
    let (trailer_at, startxref_at) = last_trailer(bytes)?;
    let trailer = &bytes[trailer_at..startxref_at];
    let key_at = find(trailer, b"/Encrypt")?;
    let (reference, reference_len) = reference_at(&trailer[key_at + b"/Encrypt".len()..])?;
    let encrypt = object_dictionary(bytes, reference)?;
    let cf_at = find(encrypt, b"/CF")? + b"/CF".len();
    let (cf_reference, cf_len) = reference_at(&encrypt[cf_at..])?;
    let filters = inline_references(bytes, object_dictionary(bytes, cf_reference)?)?;
    let dict = [
        &encrypt[..cf_at],
        b" ",
        &filters[..],
        &encrypt[cf_at + cf_len..],
    ]
    .concat();
    let value_end = key_at + b"/Encrypt".len() + reference_len;
    with_new_encrypt_object(bytes, &dict, key_at..value_end)
}

/// `dict` with every value that is a reference (`N G R`) to a dictionary
/// replaced by that dictionary (one level: crypt filters are plain).
fn inline_references(bytes: &[u8], dict: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(dict.len() * 4);
    let mut i = 0;
    while i < dict.len() {
        if dict[i].is_ascii_digit() && (i == 0 || !dict[i - 1].is_ascii_alphanumeric()) {
            if let Some((reference, len)) = reference_at(&dict[i..]) {
                out.extend_from_slice(object_dictionary(bytes, reference)?);
                i += len;
                continue;
            }
        }
        out.push(dict[i]);
        i += 1;
    }
    Some(out)
}

/// The reference `N G R` at the start of `bytes` (after white space), as
/// (number, generation), and how many bytes it takes.
fn reference_at(bytes: &[u8]) -> Option<((usize, usize), usize)> {
    let mut at = skip_whitespace(bytes);
    let mut numbers = [0usize; 2];
    for n in &mut numbers {
        let digits = bytes[at..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        if digits == 0 {
            return None;
        }
        *n = parse_uint(&bytes[at..at + digits])?;
        at += digits;
        at += skip_whitespace(&bytes[at..]);
    }
    (bytes.get(at) == Some(&b'R')).then_some(((numbers[0], numbers[1]), at + 1))
}

/// The `<< ... >>` dictionary of object `N G` (its last definition in the
/// file), as written.
fn object_dictionary(bytes: &[u8], (number, generation): (usize, usize)) -> Option<&[u8]> {
    let header = format!("{number} {generation} obj");
    let mut from = bytes.len();
    // The last definition whose header is not the tail of a longer number.
    let at = loop {
        let at = rfind(&bytes[..from], header.as_bytes())?;
        if at == 0 || !bytes[at - 1].is_ascii_digit() {
            break at;
        }
        from = at;
    };
    let body = &bytes[at + header.len()..];
    let start = skip_whitespace(body);
    if !body[start..].starts_with(b"<<") {
        return None;
    }
    Some(&body[start..start + dictionary_length(&body[start..])?])
}

/// `bytes` with `dict` as a new object placed just before the classic
/// cross-reference table, which gains an entry for it, and the trailer's
/// /Encrypt value (the trailer bytes `encrypt`, key included) pointing at
/// it; `startxref` moves with the table, and every other object keeps its
/// offset. `None` when the file has a cross-reference stream instead.
fn with_new_encrypt_object(
    bytes: &[u8],
    dict: &[u8],
    encrypt: std::ops::Range<usize>,
) -> Option<Vec<u8>> {
    let (trailer_at, startxref_at) = last_trailer(bytes)?;
    let xref_at = parse_uint(&bytes[startxref_at + b"startxref".len()..])?;
    if bytes.get(xref_at..xref_at + 4)? != b"xref" || xref_at >= trailer_at {
        return None;
    }
    let trailer = &bytes[trailer_at..startxref_at];
    let size_at = find(trailer, b"/Size")?;
    let size_digits =
        size_at + b"/Size".len() + skip_whitespace(&trailer[size_at + b"/Size".len()..]);
    let size = parse_uint(&trailer[size_digits..])?;
    let size_end = size_digits
        + trailer[size_digits..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();

    let object = [format!("{size} 0 obj\n").as_bytes(), dict, b"\nendobj\n"].concat();
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
        (encrypt.start, encrypt.end, format!("/Encrypt {size} 0 R")),
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

/// Gives an encrypted file whose trailer has no /ID the empty one that
/// readers assume (`/ID [<> <>]`): the file key is derived from the first ID,
/// and lopdf refuses to derive it without one. The trailer follows the
/// cross-reference table, so inserting into it moves no object.
pub(crate) fn add_empty_id(bytes: &[u8]) -> Option<Vec<u8>> {
    let (trailer_at, startxref_at) = last_trailer(bytes)?;
    let trailer = &bytes[trailer_at..startxref_at];
    if find(trailer, b"/Encrypt").is_none() || find(trailer, b"/ID").is_some() {
        return None;
    }
    let open = trailer_at + find(trailer, b"<<")? + 2;
    let mut out = Vec::with_capacity(bytes.len() + 16);
    out.extend_from_slice(&bytes[..open]);
    out.extend_from_slice(b"/ID [<> <>]");
    out.extend_from_slice(&bytes[open..]);
    Some(out)
}

/// Opens a file whose encryption covers only its attachments: its security
/// handler sets `/StmF` and `/StrF` to `/Identity` (the document's streams and
/// strings are stored as they are) and keeps a password for embedded files
/// (`/EFF`, `/AuthEvent /EFOpen`). Readers show such a document without a
/// password; lopdf asks for one, so the trailer's `/Encrypt` key is renamed
/// (same length, so no offset moves) and the file reads as unencrypted.
pub(crate) fn drop_identity_only_encryption(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut out: Option<Vec<u8>> = None;
    let mut from = 0;
    while let Some(at) = find(&bytes[from..], b"/Encrypt").map(|a| from + a) {
        from = at + b"/Encrypt".len();
        let rest = &bytes[from..];
        let mut words = rest[skip_whitespace(rest)..]
            .split(|b| b.is_ascii_whitespace())
            .filter(|w| !w.is_empty());
        let (Some(number), Some(generation), Some(r)) = (words.next(), words.next(), words.next())
        else {
            continue;
        };
        if !r.starts_with(b"R") {
            continue;
        }
        let header = [number, b" ", generation, b" obj"].concat();
        let Some(object) = find(bytes, &header) else {
            continue;
        };
        let body = &bytes[object..];
        let body = &body[..find(body, b"endobj").unwrap_or(body.len())];
        if name_value(body, b"/StmF") == Some(&b"/Identity"[..])
            && name_value(body, b"/StrF") == Some(&b"/Identity"[..])
        {
            let patched = out.get_or_insert_with(|| bytes.to_vec());
            patched[at..at + b"/Encrypt".len()].copy_from_slice(b"/Encrypx");
        }
    }
    out
}

/// The name after the first `key` in `dict` ("/StmF /Identity" gives
/// "/Identity").
fn name_value<'a>(dict: &'a [u8], key: &[u8]) -> Option<&'a [u8]> {
    let after = &dict[find(dict, key)? + key.len()..];
    let value = &after[skip_whitespace(after)..];
    if !value.starts_with(b"/") {
        return None;
    }
    let end = value[1..]
        .iter()
        .position(|b| b.is_ascii_whitespace() || b"/<>[]()".contains(b))
        .map_or(value.len(), |p| p + 1);
    Some(&value[..end])
}

/// Where the last `trailer` keyword is, and the `startxref` after it.
fn last_trailer(bytes: &[u8]) -> Option<(usize, usize)> {
    let trailer_at = rfind(bytes, b"trailer")?;
    Some((
        trailer_at,
        trailer_at + find(&bytes[trailer_at..], b"startxref")?,
    ))
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

    /// A one-page file whose content stream has the given dictionary.
    fn with_content_dict(dict: &str) -> Vec<u8> {
        let mut out = b"%PDF-1.4\n".to_vec();
        let mut offsets = Vec::new();
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 50] /Contents 4 0 R >>".to_string(),
            format!("{dict}\nstream\nBT /F1 12 Tf 10 20 Td (Hello, world!) Tj ET\nendstream"),
        ];
        for (i, body) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n{body}\nendobj\n", i + 1).as_bytes());
        }
        let xref = out.len();
        out.extend_from_slice(b"xref\n0 5\n0000000000 65535 f \n");
        for o in offsets {
            out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
        }
        out.extend_from_slice(
            format!("trailer << /Root 1 0 R /Size 5 >>\nstartxref\n{xref}\n%%EOF\n").as_bytes(),
        );
        out
    }

    fn content_after_repair(bytes: &[u8]) -> (usize, Vec<u8>) {
        let mut doc = Document::load_mem(bytes).unwrap();
        let recovered = recover_stream_ends(&mut doc, bytes);
        let page = *doc.get_pages().get(&1).unwrap();
        (recovered, doc.get_page_content(page))
    }

    #[test]
    fn a_stream_without_length_ends_at_endstream() {
        // lopdf recovers this one itself when `endobj` ends its line.
        let (_, content) = content_after_repair(&with_content_dict("<< >>"));
        assert_eq!(content, b"BT /F1 12 Tf 10 20 Td (Hello, world!) Tj ET\n");
        // It does not when `xref` follows `endobj` on the same line (pdf.js issue 1293).
        let bytes = with_content_dict("<< >>");
        let text = String::from_utf8(bytes).unwrap();
        let at = text.rfind("endobj\nxref").unwrap();
        let mut joined = text.clone();
        joined.replace_range(at..at + "endobj\nxref".len(), "endobj xref");
        let xref = joined.find("xref").unwrap();
        let start = joined.rfind("startxref\n").unwrap() + "startxref\n".len();
        let end = start + joined[start..].find('\n').unwrap();
        joined.replace_range(start..end, &xref.to_string());
        let (recovered, content) = content_after_repair(joined.as_bytes());
        assert_eq!(recovered, 1);
        assert_eq!(content, b"BT /F1 12 Tf 10 20 Td (Hello, world!) Tj ET\n");
    }

    #[test]
    fn wrong_lengths_still_give_the_whole_stream() {
        for length in [7, 43, 99999] {
            let dict = format!("<< /Length {length} >>");
            let (_, content) = content_after_repair(&with_content_dict(&dict));
            assert_eq!(content.len(), 44, "/Length {length}");
        }
    }

    #[test]
    fn an_encrypted_trailer_without_id_gets_the_empty_one() {
        let bytes = b"%PDF-1.4\nxref\n0 1\n0000000000 65535 f \ntrailer\n<</Size 1 /Encrypt 2 0 R>>\nstartxref\n9\n%%EOF\n";
        let patched = add_empty_id(bytes).unwrap();
        let text = String::from_utf8(patched).unwrap();
        assert!(
            text.contains("trailer\n<</ID [<> <>]/Size 1 /Encrypt 2 0 R>>"),
            "{text}"
        );
        // Everything before the trailer stays where it was.
        assert!(text.starts_with("%PDF-1.4\nxref\n0 1\n"));
        // Not encrypted, or already with an /ID: left alone.
        assert!(add_empty_id(b"xref\ntrailer\n<</Size 1>>\nstartxref\n0\n").is_none());
        assert!(
            add_empty_id(b"trailer\n<</Encrypt 2 0 R /ID [<01> <01>]>>\nstartxref\n0\n").is_none()
        );
    }

    #[test]
    fn encryption_of_attachments_only_is_dropped_and_real_encryption_kept() {
        let file = |stmf: &str| {
            format!(
                "%PDF-1.6\n12 0 obj\n<< /Filter /Standard /V 5 /R 6 /StmF {stmf}\n/StrF /Identity \
                 /EFF /StdCF >>\nendobj\ntrailer\n<< /Root 1 0 R /Encrypt 12 0 R >>\n"
            )
        };
        let open = file("/Identity");
        let patched = drop_identity_only_encryption(open.as_bytes()).unwrap();
        assert_eq!(patched.len(), open.len());
        assert!(String::from_utf8(patched)
            .unwrap()
            .contains("/Encrypx 12 0 R"));
        assert!(drop_identity_only_encryption(file("/StdCF").as_bytes()).is_none());
    }
}
