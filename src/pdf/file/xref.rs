//! The cross-reference data of a well-formed file: the section `startxref`
//! names, then each older one its `/Prev` names, tables and streams alike,
//! with the stream a hybrid file's table names by `/XRefStm`. The newest
//! entry for an object wins, as in lopdf (`Xref::merge`, `merge_hybrid`).
//! Anything out of place gives `None`: repairing damaged cross-reference
//! data is lopdf's job, in the full load the caller falls back to.

use super::object::{ObjectReader, MAX_NESTING_DEPTH};
use crate::pdf::stream::decoded_within;
use lopdf::xref::XrefEntry;
use lopdf::{Dictionary, Object};
use std::collections::BTreeMap;

/// Sections followed at most through `/Prev` (files with hundreds of
/// incremental updates exist; thousands do not).
const MAX_SECTIONS: usize = 1024;

/// The largest decoded cross-reference stream read (20 bytes an entry is a
/// generous width: this is over 3 million objects).
const MAX_XREF_STREAM_BYTES: usize = 64 << 20;

/// Entries read at most from one cross-reference stream (lopdf caps a
/// rebuilt table at a million; a one-byte row could otherwise make 64
/// million entries from the largest stream read).
const MAX_STREAM_ENTRIES: usize = 1 << 22;

/// A file's merged cross-reference entries and its newest trailer (without
/// `/Prev` and `/XRefStm`, as lopdf keeps it).
pub(super) struct CrossReference {
    pub entries: BTreeMap<u32, XrefEntry>,
    pub trailer: Dictionary,
}

/// Reads the cross-reference data of `bytes` (which start at the header).
pub(super) fn read(bytes: &[u8]) -> Option<CrossReference> {
    let mut offset = startxref(bytes)?;
    let mut entries = BTreeMap::new();
    let mut newest_trailer = None;
    let mut seen = Vec::new();
    loop {
        if seen.contains(&offset) || seen.len() >= MAX_SECTIONS {
            return None;
        }
        seen.push(offset);
        let (section, mut trailer) = section(bytes, offset)?;
        let mut section = section;
        if let Some(stream_offset) = trailer.remove(b"XRefStm") {
            let (hybrid, _) =
                section_stream(bytes, usize::try_from(stream_offset.as_i64().ok()?).ok()?)?;
            // The stream's entries replace the table's free ones, which hide
            // objects in object streams from readers of tables only.
            for (id, entry) in hybrid {
                if !matches!(
                    section.get(&id),
                    Some(XrefEntry::Normal { .. } | XrefEntry::Compressed { .. })
                ) {
                    section.insert(id, entry);
                }
            }
        }
        for (id, entry) in section {
            entries.entry(id).or_insert(entry);
        }
        let prev = trailer.remove(b"Prev");
        if newest_trailer.is_none() {
            newest_trailer = Some(trailer);
        }
        match prev {
            None => break,
            Some(prev) => offset = usize::try_from(prev.as_i64().ok()?).ok()?,
        }
    }
    Some(CrossReference {
        entries,
        trailer: newest_trailer?,
    })
}

/// The offset after the last `startxref`.
fn startxref(bytes: &[u8]) -> Option<usize> {
    let tail_start = bytes.len().saturating_sub(2048);
    let tail = &bytes[tail_start..];
    let at = tail.windows(9).rposition(|w| w == b"startxref")?;
    let mut reader = ObjectReader::new(bytes, tail_start + at + 9);
    reader.skip_space();
    reader.unsigned::<usize>()
}

/// The entries and trailer of the section at `offset`: a table with its
/// trailer, or a cross-reference stream with its dictionary.
fn section(bytes: &[u8], offset: usize) -> Option<(BTreeMap<u32, XrefEntry>, Dictionary)> {
    if bytes.get(offset..)?.starts_with(b"xref") {
        section_table(bytes, offset + 4)
    } else {
        section_stream(bytes, offset)
    }
}

fn section_table(bytes: &[u8], pos: usize) -> Option<(BTreeMap<u32, XrefEntry>, Dictionary)> {
    let mut reader = ObjectReader::new(bytes, pos);
    let mut entries = BTreeMap::new();
    loop {
        reader.skip_space();
        if reader.eat(b"trailer") {
            break;
        }
        let first = reader.unsigned::<u32>()?;
        skip_blanks(&mut reader);
        let count = reader.unsigned::<u32>()?;
        // Each entry takes 20 bytes; a count the file cannot hold is damage.
        if count as usize > bytes.len() / 18 {
            return None;
        }
        for number in first..first.checked_add(count)? {
            reader.skip_space();
            let offset = reader.unsigned::<u32>()?;
            skip_blanks(&mut reader);
            let generation = reader.unsigned::<u16>()?;
            skip_blanks(&mut reader);
            let entry = if reader.eat(b"n") {
                XrefEntry::Normal { offset, generation }
            } else if reader.eat(b"f") {
                XrefEntry::Free
            } else {
                return None;
            };
            // Within a section, a later entry for the same object replaces
            // an earlier one, as lopdf reads it (`Xref::insert`).
            entries.insert(number, entry);
        }
    }
    reader.skip_space();
    let trailer = reader.dictionary(MAX_NESTING_DEPTH)?;
    Some((entries, trailer))
}

fn skip_blanks(reader: &mut ObjectReader<'_>) {
    while reader.eat(b" ") {}
}

/// A cross-reference stream: its entries, and its dictionary as the trailer.
fn section_stream(bytes: &[u8], offset: usize) -> Option<(BTreeMap<u32, XrefEntry>, Dictionary)> {
    let mut reader = ObjectReader::new(bytes, offset);
    reader.object_header()?;
    // An indirect /Length here would need the table being read.
    let Object::Stream(stream) = reader.indirect_body(&mut |_| None)? else {
        return None;
    };
    if stream.dict.get(b"Type").and_then(Object::as_name).ok() != Some(b"XRef") {
        return None;
    }
    let data = decoded_within(&stream, MAX_XREF_STREAM_BYTES)?;
    let widths: Vec<usize> = stream
        .dict
        .get(b"W")
        .and_then(Object::as_array)
        .ok()?
        .iter()
        .map(|w| w.as_i64().ok().and_then(|w| usize::try_from(w).ok()))
        .collect::<Option<_>>()?;
    let [w0, w1, w2] = widths[..] else {
        return None;
    };
    if w0 > 4 || w1 > 8 || w2 > 4 {
        return None;
    }
    let size = stream.dict.get(b"Size").and_then(Object::as_i64).ok()?;
    let index: Vec<i64> = match stream.dict.get(b"Index") {
        Ok(index) => index
            .as_array()
            .ok()?
            .iter()
            .map(|i| i.as_i64().ok())
            .collect::<Option<_>>()?,
        Err(_) => vec![0, size],
    };
    if !index.len().is_multiple_of(2) {
        return None;
    }
    let row = w0 + w1 + w2;
    let mut rows = data.chunks_exact(row.max(1));
    let mut entries = BTreeMap::new();
    for pair in index.chunks_exact(2) {
        let first = u32::try_from(pair[0]).ok()?;
        let count = u32::try_from(pair[1]).ok()?;
        for number in first..first.checked_add(count)? {
            if entries.len() >= MAX_STREAM_ENTRIES {
                return None;
            }
            let fields = rows.next()?;
            let (kind, rest) = fields.split_at(w0);
            let (second, third) = rest.split_at(w1);
            let kind = if w0 == 0 { 1 } else { big_endian(kind) };
            let (second, third) = (big_endian(second), big_endian(third));
            let entry = match kind {
                0 => XrefEntry::Free,
                1 => XrefEntry::Normal {
                    offset: u32::try_from(second).ok()?,
                    generation: u16::try_from(third).ok()?,
                },
                2 => XrefEntry::Compressed {
                    container: u32::try_from(second).ok()?,
                    index: u16::try_from(third).ok()?,
                },
                // Types a later PDF may define: no entry, as lopdf reads them.
                _ => continue,
            };
            entries.insert(number, entry);
        }
    }
    // The trailer without the keys that describe the stream, as lopdf keeps it.
    let mut trailer = stream.dict;
    for key in [&b"Length"[..], b"W", b"Index", b"Filter", b"DecodeParms"] {
        trailer.remove(key);
    }
    Some((entries, trailer))
}

fn big_endian(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0, |value, &b| value << 8 | u64::from(b))
}
