//! Content hashes: what identifies a file, a lexicon or a set of options
//! across runs and machines, so that a cache entry or a shard's results are
//! only ever reused for exactly the inputs that made them.
//!
//! BLAKE3 because it is a cryptographic hash (no two different manifestos
//! share a cache entry by accident) that runs at several GB/s, so hashing a
//! PDF costs a small fraction of reading it.

/// The content hash of some bytes as written in reports, parts and caches:
/// `blake3:` and 64 hex digits.
pub fn content_hash(bytes: &[u8]) -> String {
    format!("blake3:{}", blake3::hash(bytes).to_hex())
}

/// A hash of several fields, each length-prefixed so that `("ab", "c")` and
/// `("a", "bc")` differ: the key of a cache entry.
pub fn key_of(fields: &[&[u8]]) -> String {
    let mut hasher = blake3::Hasher::new();
    for field in fields {
        hasher.update(&(field.len() as u64).to_le_bytes());
        hasher.update(field);
    }
    hasher.finalize().to_hex().to_string()
}

/// What identifies this build of the program: its version and a hash of
/// the sources it was built from (see `build.rs`), so that cached text and
/// results made by any other build, even one with the same version number
/// during development, are not reused.
pub fn build_id() -> &'static str {
    concat!(env!("CARGO_PKG_VERSION"), "+", env!("MASHUP_BUILD_ID"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_delimited() {
        assert_ne!(key_of(&[b"ab", b"c"]), key_of(&[b"a", b"bc"]));
        assert_eq!(key_of(&[b"ab", b"c"]), key_of(&[b"ab", b"c"]));
        assert!(content_hash(b"x").starts_with("blake3:"));
        assert_eq!(content_hash(b"x").len(), 7 + 64);
    }
}
