//! Decoding a saved web page's bytes: by its byte-order mark, else its
//! `<meta charset>`, else as UTF-8 (what GOV.UK and nearly every site serve).

/// The page's text, per its BOM, else its `<meta charset>`, else UTF-8.
pub(crate) fn decode_page(bytes: &[u8]) -> String {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(bytes.get(bom..).unwrap_or_default());
        return text.into_owned();
    }
    let encoding = declared_charset(bytes.get(..4096).unwrap_or(bytes))
        .and_then(|label| encoding_rs::Encoding::for_label(label.as_bytes()))
        // A page that says UTF-16 but has no BOM is ASCII-compatible bytes:
        // the HTML standard reads it as UTF-8.
        .map(|e| {
            if e.output_encoding() == encoding_rs::UTF_8 {
                encoding_rs::UTF_8
            } else {
                e
            }
        })
        .unwrap_or(encoding_rs::UTF_8);
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    text.into_owned()
}

/// The label in the first `<meta charset=...>` or `<meta http-equiv
/// content="...; charset=...">` of the page's first bytes.
fn declared_charset(head: &[u8]) -> Option<String> {
    let lower = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = find(&lower[from..], b"charset").map(|i| i + from) {
        from = at + 7;
        let tag_start = lower[..at].iter().rposition(|&b| b == b'<')?;
        let in_meta =
            lower[tag_start..].starts_with(b"<meta") && !lower[tag_start..at].contains(&b'>');
        if !in_meta {
            continue;
        }
        let rest = &lower[from..];
        let rest = rest.get(rest.iter().position(|b| !b.is_ascii_whitespace())?..)?;
        let rest = rest.strip_prefix(b"=")?;
        let rest = rest.get(rest.iter().position(|b| !b.is_ascii_whitespace())?..)?;
        let rest = rest
            .strip_prefix(b"\"")
            .or_else(|| rest.strip_prefix(b"'"))
            .unwrap_or(rest);
        let end = rest
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.')))
            .unwrap_or(rest.len());
        return std::str::from_utf8(&rest[..end]).ok().map(str::to_string);
    }
    None
}

/// The index of `needle` in `hay`.
fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}
