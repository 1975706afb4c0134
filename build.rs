//! Gives the program a build id (`MASHUP_BUILD_ID`): a hash of everything in
//! the repository that decides what it outputs (the sources, the built-in
//! lexicon, the locked dependency versions). Cached text and results carry
//! it, so that a rebuilt program never reuses what another build extracted,
//! even under the same version number, while the same sources built again
//! (or on another machine) share a cache.
//!
//! SipHash from std, not a cryptographic hash: this tells builds apart, it
//! does not guard against anyone, and a build script should need no crates.

use std::hash::Hasher;
use std::path::{Path, PathBuf};

fn main() {
    let mut files = Vec::new();
    for dir in ["src", "keywords"] {
        collect(Path::new(dir), &mut files);
        println!("cargo:rerun-if-changed={dir}");
    }
    for file in ["Cargo.toml", "Cargo.lock"] {
        files.push(PathBuf::from(file));
        println!("cargo:rerun-if-changed={file}");
    }
    files.sort();
    #[allow(deprecated)] // SipHasher: the one keyed, stable hasher in std.
    let mut hasher = std::hash::SipHasher::new();
    for file in &files {
        hasher.write(file.to_string_lossy().as_bytes());
        hasher.write(&std::fs::read(file).unwrap_or_default());
    }
    println!("cargo:rustc-env=MASHUP_BUILD_ID={:016x}", hasher.finish());
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, files);
        } else {
            files.push(path);
        }
    }
}
