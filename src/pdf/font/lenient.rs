//! Lenient reads of lopdf objects: every accessor follows references and answers `None` instead of an error,
//! because a font entry of the wrong type must degrade that entry, not the font.

use lopdf::{Dictionary, Document, Object, Stream};

/// Largest decoded CMap stream we read.
const MAX_CMAP: usize = 16 << 20;

pub(crate) fn deref<'a>(doc: &'a Document, obj: &'a Object) -> Option<&'a Object> {
    doc.dereference(obj).ok().map(|(_, o)| o)
}

pub(crate) fn get<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    deref(doc, dict.get(key).ok()?)
}

pub(crate) fn dict<'a>(
    doc: &'a Document,
    dict: &'a Dictionary,
    key: &[u8],
) -> Option<&'a Dictionary> {
    match get(doc, dict, key)? {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}

pub(crate) fn name<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a [u8]> {
    get(doc, dict, key)?.as_name().ok()
}

pub(crate) fn array<'a>(
    doc: &'a Document,
    dict: &'a Dictionary,
    key: &[u8],
) -> Option<&'a [Object]> {
    get(doc, dict, key)?.as_array().ok().map(Vec::as_slice)
}

pub(crate) fn stream<'a>(
    doc: &'a Document,
    dict: &'a Dictionary,
    key: &[u8],
) -> Option<&'a Stream> {
    get(doc, dict, key)?.as_stream().ok()
}

/// A finite number, following a reference.
pub(crate) fn number(doc: &Document, obj: &Object) -> Option<f64> {
    let value = f64::from(deref(doc, obj)?.as_float().ok()?);
    value.is_finite().then_some(value)
}

pub(crate) fn number_at(doc: &Document, dict: &Dictionary, key: &[u8]) -> Option<f64> {
    number(doc, dict.get(key).ok()?)
}

/// Decoded stream bytes, bounded.
pub(crate) fn stream_bytes(stream: &Stream) -> Option<Vec<u8>> {
    stream.decompressed_content_with_limit(MAX_CMAP).ok()
}
