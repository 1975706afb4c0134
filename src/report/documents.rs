//! The report's documents: in memory for a small scan or a saved report read
//! back, or left on disk in JSON Lines files and read one at a time, in path
//! order, while a report is written. The second is what keeps a scan of a
//! whole archive in flat memory: a document's excerpts are on disk from the
//! moment it is done, and no renderer needs more than one of them at once.

use crate::results::{DocResult, Status};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// Every document of a report, visited in path order.
#[derive(Clone, Debug)]
pub struct Documents {
    store: Store,
    /// Documents that could not be counted (errors and scans), in path
    /// order: renderers list them, and they carry no excerpts.
    unread: Vec<DocResult>,
    /// Documents read with some page's text from OCR, in path order and
    /// without their excerpts: renderers list them with their confidence.
    ocr_read: Vec<DocResult>,
}

/// `doc` without its quotes, as kept in memory for listing.
pub(crate) fn listing_of(doc: &DocResult) -> DocResult {
    DocResult {
        excerpts: Vec::new(),
        ask_excerpts: Vec::new(),
        ..doc.clone()
    }
}

#[derive(Clone, Debug)]
enum Store {
    Memory(Vec<DocResult>),
    Spooled(Arc<Spool>),
}

impl Documents {
    /// Documents held in memory, sorted here by path.
    pub fn from_vec(mut documents: Vec<DocResult>) -> Documents {
        documents.sort_by(|a, b| a.path.cmp(&b.path));
        let unread = documents
            .iter()
            .filter(|d| d.status != Status::Ok)
            .cloned()
            .collect();
        let ocr_read = documents
            .iter()
            .filter(|d| {
                d.status == Status::Ok && d.ocr.as_ref().is_some_and(|o| o.pages_with_words() > 0)
            })
            .map(listing_of)
            .collect();
        Documents {
            store: Store::Memory(documents),
            unread,
            ocr_read,
        }
    }

    /// Documents left on disk, with the unread ones and those read by OCR
    /// (which the caller kept while spooling, without their excerpts).
    pub fn spooled(
        spool: Spool,
        mut unread: Vec<DocResult>,
        mut ocr_read: Vec<DocResult>,
    ) -> Documents {
        unread.sort_by(|a, b| a.path.cmp(&b.path));
        ocr_read.sort_by(|a, b| a.path.cmp(&b.path));
        Documents {
            store: Store::Spooled(Arc::new(spool.sorted())),
            unread,
            ocr_read,
        }
    }

    /// Number of documents.
    pub fn len(&self) -> usize {
        match &self.store {
            Store::Memory(v) => v.len(),
            Store::Spooled(s) => s.entries.len(),
        }
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The documents that could not be counted, in path order.
    pub fn unread(&self) -> &[DocResult] {
        &self.unread
    }

    /// The documents read with some page's text from OCR, in path order,
    /// without their excerpts.
    pub fn ocr_read(&self) -> &[DocResult] {
        &self.ocr_read
    }

    /// Calls `f` on every document in path order, reading spooled ones one at
    /// a time; `on_io` turns a failure to read the spool into `f`'s error.
    pub fn try_for_each<E>(
        &self,
        on_io: impl Fn(io::Error) -> E,
        mut f: impl FnMut(&DocResult) -> Result<(), E>,
    ) -> Result<(), E> {
        match &self.store {
            Store::Memory(v) => v.iter().try_for_each(f),
            Store::Spooled(spool) => {
                let mut buf = Vec::new();
                for entry in &spool.entries {
                    let doc = spool.read(entry, &mut buf).map_err(&on_io)?;
                    f(&doc)?;
                }
                Ok(())
            }
        }
    }

    /// Every document in memory at once: for tests and small reports only.
    pub fn to_vec(&self) -> io::Result<Vec<DocResult>> {
        let mut all = Vec::with_capacity(self.len());
        self.try_for_each(
            |e| e,
            |d| {
                all.push(d.clone());
                Ok(())
            },
        )?;
        Ok(all)
    }
}

impl PartialEq for Documents {
    /// Compares the documents themselves, wherever they are kept.
    fn eq(&self, other: &Documents) -> bool {
        match (self.to_vec(), other.to_vec()) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        }
    }
}

impl Serialize for Documents {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{Error, SerializeSeq};
        let mut seq = serializer.serialize_seq(Some(self.len()))?;
        self.try_for_each(S::Error::custom, |d| seq.serialize_element(d))?;
        seq.end()
    }
}

impl<'de> Deserialize<'de> for Documents {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Vec::<DocResult>::deserialize(deserializer).map(Documents::from_vec)
    }
}

/// Documents written as JSON to files: where each one's JSON lies, by path.
/// Made while results stream to disk (a scan's JSON Lines output, or a
/// temporary file) or while the parts of a sharded scan are read for merging.
#[derive(Debug, Default)]
pub struct Spool {
    files: Vec<Mutex<File>>,
    names: Vec<PathBuf>,
    entries: Vec<Entry>,
}

#[derive(Debug)]
struct Entry {
    path: String,
    file: usize,
    offset: u64,
    len: usize,
}

impl Spool {
    /// An empty spool.
    pub fn new() -> Spool {
        Spool::default()
    }

    /// Adds a file the documents' JSON is read from; returns its number for
    /// [`Spool::add`]. `name` is only for messages.
    pub fn add_file(&mut self, file: File, name: PathBuf) -> usize {
        self.files.push(Mutex::new(file));
        self.names.push(name);
        self.files.len() - 1
    }

    /// Records that the JSON of the document at `path` is the `len` bytes at
    /// `offset` of file number `file`.
    pub fn add(&mut self, path: &str, file: usize, offset: u64, len: usize) {
        self.entries.push(Entry {
            path: path.to_string(),
            file,
            offset,
            len,
        });
    }

    /// Paths that are recorded more than once, sorted.
    pub fn duplicate_paths(&self) -> Vec<String> {
        let mut paths: Vec<&str> = self.entries.iter().map(|e| e.path.as_str()).collect();
        paths.sort_unstable();
        let mut dups: Vec<String> = paths
            .windows(2)
            .filter(|w| w[0] == w[1])
            .map(|w| w[0].to_string())
            .collect();
        dups.dedup();
        dups
    }

    fn sorted(mut self) -> Spool {
        // By path, then by where it was written, so equal paths (which a
        // merge refuses before this) would still come out the same way.
        self.entries
            .sort_by(|a, b| (&a.path, a.file, a.offset).cmp(&(&b.path, b.file, b.offset)));
        self
    }

    fn read(&self, entry: &Entry, buf: &mut Vec<u8>) -> io::Result<DocResult> {
        let file = self
            .files
            .get(entry.file)
            .ok_or_else(|| io::Error::other("spool entry names no file"))?;
        let mut file = file.lock().unwrap_or_else(|e| e.into_inner());
        buf.resize(entry.len, 0);
        file.seek(SeekFrom::Start(entry.offset))?;
        file.read_exact(buf)?;
        serde_json::from_slice(buf).map_err(|e| {
            io::Error::new(
                io::ErrorKind::InvalidData,
                format!(
                    "{}: the result of {} cannot be read back: {e}",
                    self.names[entry.file].display(),
                    entry.path
                ),
            )
        })
    }
}
