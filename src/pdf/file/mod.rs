//! Loading only the objects extraction reads.
//!
//! lopdf's load parses every object of a file, and most of them are never
//! read for text: in the 67 corpus manifestos read this way, 55% of the
//! objects (15,738 of 28,794) are structure-tree elements, outlines, XMP
//! metadata, thumbnails and the like, which no page reaches. Loading took 8.4% of all extraction
//! instructions. This loader reads the cross-reference data, then only the
//! objects reachable from the page tree (following every key but the few
//! that lead away from text, [`NOT_FOLLOWED`]), each parsed when the walk
//! first reaches it, object streams decoded only when one of their objects
//! is wanted. The result is an ordinary lopdf [`Document`] holding those
//! objects, so the rest of the stage is unchanged.
//!
//! It is the fast path for well-formed files only. Encrypted files, and any
//! file where something is out of place (cross-reference data that does not
//! lead to `N G obj`, a stream its /Length does not frame, a token lopdf
//! would have to recover from), give `None`, and the caller loads the file
//! through lopdf's tolerant reader and our repairs as before. So tolerance
//! lives in one place, and the two paths read a well-formed file the same
//! way: `tests::lazy_objects_equal_lopdf_objects` checks every object read
//! here against lopdf's over all the shared PDFs.

mod object;
mod xref;

use crate::pdf::stream::decoded_within;
use lopdf::xref::XrefEntry;
use lopdf::{Dictionary, Document, Object, ObjectId};
use object::{ObjectReader, MAX_NESTING_DEPTH};
use std::collections::{BTreeMap, HashMap, HashSet};

/// Keys the walk does not follow below the catalog: no part of extraction
/// reads them, and they lead to many objects (marked-content structure,
/// article beads, XMP packets, thumbnails, soft masks, actions). A stage that
/// starts reading one of these must take it off this list.
const NOT_FOLLOWED: &[&[u8]] = &[
    b"A",
    b"AA",
    b"B",
    b"Dest",
    b"Group",
    b"Mask",
    b"Metadata",
    b"OC",
    b"PieceInfo",
    b"SMask",
    b"StructParent",
    b"StructParents",
    b"Thumb",
];

/// Objects read at most; past this the full load decides.
const MAX_OBJECTS: usize = 1 << 20;

/// Decoded object streams held at once at most, in bytes: each is kept
/// while the walk may want more of its objects, and a crafted file could
/// otherwise have a page reach one object in each of many streams that
/// inflate to the per-stream limit.
const MAX_DECODED_OBJECT_STREAMS: usize = 256 << 20;

/// How deep an indirect /Length may lead through other objects' lengths.
const MAX_LENGTH_CHAIN: usize = 8;

/// The file needs lopdf's full, tolerant load.
#[derive(Debug)]
struct NeedsFullLoad;

/// Reads the objects of `bytes` that the page tree reaches; `None` when the
/// file is encrypted or not well formed. `limit` bounds a decoded object
/// stream, as lopdf's load is bounded.
pub(super) fn read_reachable(bytes: &[u8], limit: usize) -> Option<Document> {
    read_within(
        bytes,
        Limits {
            stream: limit,
            object_streams: MAX_DECODED_OBJECT_STREAMS,
        },
    )
}

/// What the lazy reader holds at most.
#[derive(Clone, Copy, Debug)]
struct Limits {
    /// Bytes of one decoded object stream.
    stream: usize,
    /// Bytes of all the decoded object streams held at once.
    object_streams: usize,
}

fn read_within(bytes: &[u8], limits: Limits) -> Option<Document> {
    let head = &bytes[..bytes.len().min(1024)];
    let header = head.windows(5).position(|w| w == b"%PDF-")?;
    // Offsets count from the header, as lopdf counts them.
    let bytes = &bytes[header..];
    let cross_reference = xref::read(bytes)?;
    let trailer = cross_reference.trailer;
    if trailer.has(b"Encrypt") {
        return None;
    }
    let root = trailer.get(b"Root").and_then(Object::as_reference).ok()?;
    let mut objects = Objects {
        bytes,
        entries: cross_reference.entries,
        loaded: BTreeMap::new(),
        object_streams: HashMap::new(),
        decoded_bytes: 0,
        limits,
    };
    objects.walk(root).ok()?;
    // The document information dictionary (title, dates) hangs off the
    // trailer, not the catalog. It is wanted for what the document says of
    // itself, never for its text, so a broken one only loses that.
    if let Ok(info) = trailer.get(b"Info").and_then(Object::as_reference) {
        let _ = objects.walk(info);
    }
    let mut doc = Document::new();
    doc.version = version(bytes);
    doc.max_id = objects
        .entries
        .keys()
        .next_back()
        .copied()
        .max(objects.loaded.keys().next_back().map(|id| id.0))
        .unwrap_or(0);
    doc.objects = objects.loaded;
    doc.trailer = trailer;
    Some(doc)
}

/// The version in the header (`%PDF-1.7` gives `1.7`).
fn version(bytes: &[u8]) -> String {
    let digits = bytes[5..]
        .iter()
        .take_while(|c| c.is_ascii_digit() || **c == b'.')
        .count();
    String::from_utf8_lossy(&bytes[5..5 + digits]).into_owned()
}

/// The objects of one file, read on demand.
struct Objects<'a> {
    bytes: &'a [u8],
    entries: BTreeMap<u32, XrefEntry>,
    loaded: BTreeMap<ObjectId, Object>,
    /// Object streams decoded so far, by object number.
    object_streams: HashMap<u32, ObjectStreamIndex>,
    /// The bytes held in `object_streams`.
    decoded_bytes: usize,
    limits: Limits,
}

/// A decoded object stream and where its objects start.
struct ObjectStreamIndex {
    data: Vec<u8>,
    /// Each object's number and offset from the start of `data`, in order.
    objects: Vec<(Option<u32>, Option<usize>)>,
}

impl Objects<'_> {
    /// Reads `root` (the catalog) and everything the page tree reaches.
    fn walk(&mut self, root: ObjectId) -> Result<(), NeedsFullLoad> {
        let mut seen = HashSet::from([root]);
        let mut queue = vec![root];
        while let Some(id) = queue.pop() {
            if self.loaded.contains_key(&id) {
                // Read earlier as an indirect /Length or an object stream,
                // neither of which leads to what extraction reads.
                continue;
            }
            let Some(object) = self.read(id, 0)? else {
                continue;
            };
            let mut references = Vec::new();
            if id == root {
                // The catalog: extraction reads its page tree and nothing else.
                if let Ok(pages) = object.as_dict().and_then(|c| c.get(b"Pages")) {
                    references_in(pages, &mut references);
                }
            } else {
                references_in(&object, &mut references);
            }
            for reference in references {
                if seen.insert(reference) {
                    queue.push(reference);
                }
            }
            self.loaded.insert(id, object);
            if self.loaded.len() > MAX_OBJECTS {
                return Err(NeedsFullLoad);
            }
        }
        Ok(())
    }

    /// The object `id`, `None` when the cross-reference data says it is
    /// free (a reference to a deleted object reads as null). `chain` counts
    /// the indirect /Length values being resolved.
    fn read(&mut self, id: ObjectId, chain: usize) -> Result<Option<Object>, NeedsFullLoad> {
        match self.entries.get(&id.0) {
            // Not listed at all: lopdf may still find it in an object stream.
            None => Err(NeedsFullLoad),
            Some(XrefEntry::Free | XrefEntry::UnusableFree) => Ok(None),
            Some(&XrefEntry::Normal { generation, .. }) if generation != id.1 => Ok(None),
            Some(&XrefEntry::Normal { offset, .. }) => self.read_at(id, offset as usize, chain),
            Some(_) if id.1 != 0 => Ok(None),
            Some(&XrefEntry::Compressed { container, index }) => self
                .read_compressed(id.0, container, index, chain)
                .map(Some),
        }
    }

    /// The object whose header `N G obj` is at `offset`.
    fn read_at(
        &mut self,
        id: ObjectId,
        offset: usize,
        chain: usize,
    ) -> Result<Option<Object>, NeedsFullLoad> {
        let bytes = self.bytes;
        let mut reader = ObjectReader::new(bytes, offset);
        if reader.object_header() != Some(id) {
            return Err(NeedsFullLoad);
        }
        let mut length_failed = false;
        let object = reader.indirect_body(&mut |length_id| {
            let length = self.length(length_id, chain);
            length_failed |= length.is_none();
            length
        });
        match object {
            Some(object) if !length_failed => Ok(Some(object)),
            _ => Err(NeedsFullLoad),
        }
    }

    /// The value of an indirect /Length.
    fn length(&mut self, id: ObjectId, chain: usize) -> Option<i64> {
        if chain >= MAX_LENGTH_CHAIN {
            return None;
        }
        if let Some(object) = self.loaded.get(&id) {
            return object.as_i64().ok();
        }
        let object = self.read(id, chain + 1).ok()??;
        let value = object.as_i64().ok();
        self.loaded.insert(id, object);
        value
    }

    /// Object `number`, the `index`th of object stream `container`.
    fn read_compressed(
        &mut self,
        number: u32,
        container: u32,
        index: u16,
        chain: usize,
    ) -> Result<Object, NeedsFullLoad> {
        if !self.object_streams.contains_key(&container) {
            let stream = self.object_stream(container, chain)?;
            self.object_streams.insert(container, stream);
        }
        let stream = &self.object_streams[&container];
        let &(listed, offset) = stream
            .objects
            .get(usize::from(index))
            .ok_or(NeedsFullLoad)?;
        if listed != Some(number) {
            return Err(NeedsFullLoad);
        }
        let mut reader = ObjectReader::new(&stream.data, offset.ok_or(NeedsFullLoad)?);
        reader.skip_space();
        reader.direct(MAX_NESTING_DEPTH).ok_or(NeedsFullLoad)
    }

    /// Object stream `container`, decoded and indexed as lopdf indexes it
    /// (`ObjectStream::new_with_limit`).
    fn object_stream(
        &mut self,
        container: u32,
        chain: usize,
    ) -> Result<ObjectStreamIndex, NeedsFullLoad> {
        let id = (container, 0);
        let Some(&XrefEntry::Normal { offset, .. }) = self.entries.get(&container) else {
            return Err(NeedsFullLoad);
        };
        let Some(Object::Stream(stream)) = self.read_at(id, offset as usize, chain)? else {
            return Err(NeedsFullLoad);
        };
        let dict = &stream.dict;
        if !dict.has_type(b"ObjStm") {
            return Err(NeedsFullLoad);
        }
        let data = decoded_within(&stream, self.limits.stream)
            .ok_or(NeedsFullLoad)?
            .into_owned();
        self.decoded_bytes += data.len();
        if self.decoded_bytes > self.limits.object_streams {
            return Err(NeedsFullLoad);
        }
        let first = object_stream_first(dict).ok_or(NeedsFullLoad)?;
        let numbers: Vec<Option<u32>> =
            std::str::from_utf8(data.get(..first).ok_or(NeedsFullLoad)?)
                .map_err(|_| NeedsFullLoad)?
                .split(['\r', '\n'])
                .flat_map(|line| {
                    line.split('%')
                        .next()
                        .unwrap_or_default()
                        .split_whitespace()
                })
                .map(|n| n.parse().ok())
                .collect();
        let objects = numbers
            .chunks_exact(2)
            .map(|pair| {
                let offset = pair[1]
                    .map(|o| first + o as usize)
                    .filter(|&o| o < data.len());
                (pair[0], offset)
            })
            .collect();
        self.loaded.insert(id, Object::Stream(stream));
        Ok(ObjectStreamIndex { data, objects })
    }
}

fn object_stream_first(dict: &Dictionary) -> Option<usize> {
    usize::try_from(dict.get(b"First").and_then(Object::as_i64).ok()?).ok()
}

/// The references in `object`, through arrays, dictionaries and stream
/// dictionaries, except under the keys in [`NOT_FOLLOWED`].
fn references_in(object: &Object, out: &mut Vec<ObjectId>) {
    match object {
        Object::Reference(id) => out.push(*id),
        Object::Array(items) => {
            for item in items {
                references_in(item, out);
            }
        }
        Object::Dictionary(dict) => references_in_dict(dict, out),
        Object::Stream(stream) => references_in_dict(&stream.dict, out),
        _ => {}
    }
}

fn references_in_dict(dict: &Dictionary, out: &mut Vec<ObjectId>) {
    for (key, value) in dict.iter() {
        if !NOT_FOLLOWED.contains(&key.as_slice()) {
            references_in(value, out);
        }
    }
}

#[cfg(test)]
mod tests;
