//! A stream's bytes through its filters, with the limits that keep a
//! decompression bomb from taking the run's memory. Shared by the loader
//! (`file`, object and cross-reference streams), the interpreter (content
//! streams) and the document (`Info`, page contents).

use lopdf::Stream;
use std::borrow::Cow;

/// A single decoded stream may not exceed this (decompression bombs); the
/// largest page content in the corpus is a few megabytes. Also lopdf's limit
/// for the object streams it inflates while loading, so that one document
/// stays well under the 200 MB a run may use.
pub(crate) const MAX_STREAM_BYTES: usize = 64 * 1024 * 1024;

/// A stream's decoded bytes, or its raw bytes when it has no filter.
pub(super) fn stream_bytes(stream: &Stream) -> Option<Cow<'_, [u8]>> {
    decoded(stream, MAX_STREAM_BYTES).ok()
}

/// Whether a stream names any filter.
pub(super) fn has_filters(stream: &Stream) -> bool {
    stream.filters().is_ok_and(|f| !f.is_empty())
}

/// A stream's bytes through its filters, inflating at most `limit` bytes; its
/// raw bytes when it has no filter.
pub(super) fn decoded(stream: &Stream, limit: usize) -> Result<Cow<'_, [u8]>, lopdf::Error> {
    if has_filters(stream) {
        stream
            .decompressed_content_with_limit(limit)
            .map(Cow::Owned)
    } else {
        Ok(Cow::Borrowed(&stream.content))
    }
}

/// A stream's decoded bytes, at most `limit` of them: `None` when it cannot
/// be decoded or decodes to more.
pub(super) fn decoded_within(stream: &Stream, limit: usize) -> Option<Cow<'_, [u8]>> {
    decoded(stream, limit)
        .ok()
        .filter(|data| data.len() <= limit)
}
