//! Prints a document's sentences as `mashup scan` judges them, one per line:
//! `page<TAB>index<TAB>sha1<TAB>text`, where `index` counts sentences from 0
//! through the whole document and `sha1` is the first 12 hex digits of the
//! SHA-1 of the sentence with its whitespace collapsed.
//!
//! This is what an annotator reads to build a gold set on a PDF that has no
//! hand-corrected text (`benches/gold/intl/`): the gold file keeps only
//! `index` and `sha1`, never the text, and `benches/gold.rs` finds each marked
//! sentence again by its hash.
//!
//! ```text
//! cargo run --release --example sentences -- ../shared/manifestos-intl/sg-2020-workers-party.pdf
//! ```

use std::path::Path;

use manifesto_mashup::corpus::InputKind;
use manifesto_mashup::read::{read_document, BodyText, ReadOptions};
use manifesto_mashup::text::sentence_ranges;
use sha1::{Digest, Sha1};

fn main() {
    let mut failed = false;
    for arg in std::env::args().skip(1) {
        let path = Path::new(&arg);
        let kind = InputKind::of_file(path);
        match read_document(path, kind, &ReadOptions::default()) {
            Ok(doc) => {
                let body = BodyText::of(doc, kind);
                let mut index = 0;
                for page in &body.pages {
                    for range in sentence_ranges(&page.body) {
                        let text = collapse(&page.body[range]);
                        if text.is_empty() {
                            continue;
                        }
                        println!(
                            "{}\t{}\t{}\t{}",
                            page.number,
                            index,
                            short_sha1(&text),
                            text
                        );
                        index += 1;
                    }
                }
            }
            Err(e) => {
                eprintln!("{arg}: {e}");
                failed = true;
            }
        }
    }
    if failed {
        std::process::exit(1);
    }
}

/// The sentence's words separated by single spaces.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// First 12 hex digits of the SHA-1 of `text`.
fn short_sha1(text: &str) -> String {
    let digest = Sha1::digest(text.as_bytes());
    digest.iter().take(6).map(|b| format!("{b:02x}")).collect()
}
