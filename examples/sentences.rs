//! Prints a document's sentences as `mashup scan` judges them, one per line:
//! `page<TAB>index<TAB>sha1<TAB>text`, where `index` counts sentences from 0
//! through the whole document and `sha1` is the first 12 hex digits of the
//! SHA-1 of the sentence with its whitespace collapsed.
//!
//! This is what an annotator reads to build a gold set on a PDF that has no
//! hand-corrected text (`benches/gold/intl/`): the gold file keeps only
//! `index` and `sha1`, never the text, and `benches/gold.rs` finds each marked
//! sentence again by its hash. Sentences and hashes come from the gold
//! scorer's own code, so the two cannot disagree.
//!
//! ```text
//! cargo run --release --example sentences -- ../shared/manifestos-intl/sg-2020-workers-party.pdf
//! ```

#[path = "../benches/gold/intl.rs"]
mod intl;
#[path = "../benches/gold/score.rs"]
mod score;

fn main() {
    let mut failed = false;
    for arg in std::env::args().skip(1) {
        match intl::sentences(std::path::Path::new(&arg)) {
            Ok(sentences) => {
                for (index, s) in sentences.iter().enumerate() {
                    let hash = score::line_hash(&s.text);
                    println!("{}\t{index}\t{hash}\t{}", s.page, s.text);
                }
            }
            Err(e) => {
                eprintln!("{e}");
                failed = true;
            }
        }
    }
    if failed {
        std::process::exit(1);
    }
}
