//! The cache: what a scan learnt about each file, kept on disk so that the
//! next scan of the same files does not learn it again.
//!
//! Four kinds of entry, all gzip-compressed JSON, named by a key that hashes
//! everything the entry depends on (see [`crate::fingerprint`]):
//!
//! - **stat**: a file's content hash, keyed by its canonical path, size,
//!   modification and change times, inode and device (as git's index and
//!   ccache's direct mode do), so that a warm scan of an unchanged archive
//!   reads no PDF at all, not even to hash it.
//! - **text**: a document's [`BodyText`](crate::read::BodyText), or why
//!   it could not be read, keyed by the file's content hash, the program
//!   build and the read options. A changed lexicon re-matches from it
//!   without opening the PDF again.
//! - **results**: a document's whole result, keyed by the text key plus the
//!   lexicon's hash and the document's party metadata. A scan that meets an
//!   unchanged file under an unchanged lexicon reads nothing but this entry,
//!   which is also how an interrupted scan resumes: every document finished
//!   before the interruption is an entry already.
//! - **ocr**: what OCR recognised on one page of a scan (see [`crate::ocr`]),
//!   keyed by the file's content hash, the page, the engine's version, the
//!   language, the resolution and the renderer, but not the program build:
//!   recognition is a thousand times slower than reading a text layer, and
//!   outlives upgrades of `mashup` itself.
//!
//! Entries are written to a temporary file and renamed into place, so a scan
//! killed mid-write leaves no half entry; an entry that cannot be read or
//! parsed is a miss, never an error. Clearing the cache is deleting its
//! folder.

use flate2::bufread::GzDecoder;
use flate2::write::GzEncoder;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::io::{self, BufReader, BufWriter, Read};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The layout version of the folder: bumped when entries change shape, so
/// an old cache is ignored rather than misread.
const LAYOUT: &str = "v1";

/// What an entry holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Extracted body text (or the read error) per file content.
    Text,
    /// A document's result per file content, lexicon and metadata.
    Results,
    /// A file's content hash per path and file-system metadata.
    Stat,
    /// What OCR recognised on one page, per file content, page, engine,
    /// language and resolution (see [`crate::ocr`]).
    Ocr,
}

impl Kind {
    fn folder(self) -> &'static str {
        match self {
            Kind::Text => "text",
            Kind::Results => "results",
            Kind::Stat => "stat",
            Kind::Ocr => "ocr",
        }
    }
}

/// An open cache folder, shared by every worker of a scan.
pub struct Cache {
    root: PathBuf,
    /// The first write that failed (a full disk, a read-only folder): the
    /// scan goes on without caching, and the caller says so once.
    write_error: Mutex<Option<String>>,
}

impl Cache {
    /// Opens (creating if needed) the cache in `dir`.
    pub fn open(dir: &Path) -> io::Result<Cache> {
        let root = dir.join(LAYOUT);
        for kind in [Kind::Text, Kind::Results, Kind::Stat, Kind::Ocr] {
            std::fs::create_dir_all(root.join(kind.folder()))?;
        }
        std::fs::create_dir_all(root.join("tmp"))?;
        Ok(Cache {
            root,
            write_error: Mutex::new(None),
        })
    }

    /// The folder used when none is given: `$MASHUP_CACHE_DIR`, else
    /// `$XDG_CACHE_HOME/mashup`, else `~/.cache/mashup`.
    pub fn default_dir() -> Option<PathBuf> {
        let env = |name| std::env::var_os(name).filter(|v| !v.is_empty());
        if let Some(dir) = env("MASHUP_CACHE_DIR") {
            return Some(PathBuf::from(dir));
        }
        if let Some(dir) = env("XDG_CACHE_HOME") {
            return Some(PathBuf::from(dir).join("mashup"));
        }
        env("HOME").map(|home| PathBuf::from(home).join(".cache").join("mashup"))
    }

    fn entry(&self, kind: Kind, key: &str) -> PathBuf {
        let shard = key.get(..2).unwrap_or("00");
        self.root
            .join(kind.folder())
            .join(shard)
            .join(format!("{key}.json.gz"))
    }

    /// The entry under `key`, or `None` when there is none or it cannot be
    /// read (it is then simply made again).
    pub fn get<T: DeserializeOwned>(&self, kind: Kind, key: &str) -> Option<T> {
        let file = std::fs::File::open(self.entry(kind, key)).ok()?;
        // Inflated whole, then parsed: serde_json parses a slice about twice
        // as fast as a reader.
        let mut json = Vec::new();
        GzDecoder::new(BufReader::new(file))
            .read_to_end(&mut json)
            .ok()?;
        serde_json::from_slice(&json).ok()
    }

    /// Stores `value` under `key`. A failure is remembered (see
    /// [`Cache::write_error`]) and otherwise ignored: the scan's results do
    /// not depend on the cache.
    pub fn put<T: Serialize>(&self, kind: Kind, key: &str, value: &T) {
        if let Err(e) = self.try_put(kind, key, value) {
            let mut first = self.write_error.lock().unwrap_or_else(|e| e.into_inner());
            first.get_or_insert_with(|| format!("{}: {e}", self.root.display()));
        }
    }

    fn try_put<T: Serialize>(&self, kind: Kind, key: &str, value: &T) -> io::Result<()> {
        let path = self.entry(kind, key);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let tmp = tempfile::NamedTempFile::new_in(self.root.join("tmp"))?;
        let mut out = GzEncoder::new(BufWriter::new(tmp), flate2::Compression::fast());
        serde_json::to_writer(&mut out, value).map_err(io::Error::other)?;
        let tmp = out
            .finish()?
            .into_inner()
            .map_err(io::IntoInnerError::into_error)?;
        tmp.persist(&path).map_err(|e| e.error)?;
        Ok(())
    }

    /// The content hash recorded for the file whose metadata gave `stat`
    /// (from [`stat_key`]); `None` when unknown, or when the file changed
    /// since (its metadata, and so its key, differ).
    pub fn known_hash(&self, stat: &str) -> Option<String> {
        self.get(Kind::Stat, stat)
    }

    /// Records the content hash of the file whose metadata gave `stat` (from
    /// [`stat_key`], read before its content).
    pub fn remember_hash(&self, stat: &str, content_hash: &str) {
        self.put(Kind::Stat, stat, &content_hash);
    }

    /// The first write that failed, if any, naming the folder.
    pub fn write_error(&self) -> Option<String> {
        self.write_error
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }
}

/// The key of a file's stat entry: its canonical path and the metadata that
/// any write changes (size, modification and change times, inode, device).
pub fn stat_key(path: &Path) -> Option<String> {
    let meta = std::fs::metadata(path).ok()?;
    let canonical = std::fs::canonicalize(path).ok()?;
    let mut fields: Vec<Vec<u8>> = vec![
        canonical.to_string_lossy().as_bytes().to_vec(),
        meta.len().to_le_bytes().to_vec(),
    ];
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        for n in [
            meta.mtime(),
            meta.mtime_nsec(),
            meta.ctime(),
            meta.ctime_nsec(),
            meta.ino() as i64,
            meta.dev() as i64,
        ] {
            fields.push(n.to_le_bytes().to_vec());
        }
    }
    #[cfg(not(unix))]
    {
        let modified = meta.modified().ok()?;
        fields.push(format!("{modified:?}").into_bytes());
    }
    let fields: Vec<&[u8]> = fields.iter().map(Vec::as_slice).collect();
    Some(crate::fingerprint::key_of(&fields))
}

impl std::fmt::Debug for Cache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cache").field("root", &self.root).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_round_trip_and_damage_is_a_miss() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::open(dir.path()).unwrap();
        assert_eq!(cache.get::<Vec<u32>>(Kind::Text, "ab12"), None);
        cache.put(Kind::Text, "ab12", &vec![1u32, 2, 3]);
        assert_eq!(
            cache.get::<Vec<u32>>(Kind::Text, "ab12"),
            Some(vec![1, 2, 3])
        );
        // Kinds do not share entries.
        assert_eq!(cache.get::<Vec<u32>>(Kind::Results, "ab12"), None);
        // A truncated entry (a disk that filled up) is a miss.
        let path = cache.entry(Kind::Text, "ab12");
        let bytes = std::fs::read(&path).unwrap();
        std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
        assert_eq!(cache.get::<Vec<u32>>(Kind::Text, "ab12"), None);
        assert_eq!(cache.write_error(), None);
    }

    #[test]
    fn a_changed_file_is_not_known() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::open(&dir.path().join("c")).unwrap();
        let file = dir.path().join("f.pdf");
        let known = |path: &Path| stat_key(path).and_then(|stat| cache.known_hash(&stat));
        std::fs::write(&file, b"one").unwrap();
        assert_eq!(known(&file), None);
        cache.remember_hash(&stat_key(&file).unwrap(), "blake3:1");
        assert_eq!(known(&file).as_deref(), Some("blake3:1"));
        std::thread::sleep(std::time::Duration::from_millis(10));
        std::fs::write(&file, b"two").unwrap();
        assert_eq!(known(&file), None);
        assert_eq!(known(&dir.path().join("missing.pdf")), None);
    }

    #[cfg(unix)]
    #[test]
    fn a_failed_write_is_remembered_not_raised() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::open(dir.path()).unwrap();
        std::fs::remove_dir_all(dir.path().join(LAYOUT).join("tmp")).unwrap();
        cache.put(Kind::Text, "cd34", &1u32);
        assert!(cache.write_error().is_some());
        assert_eq!(cache.get::<u32>(Kind::Text, "cd34"), None);
    }
}
