//! The integration tests: the `mashup` binary run end to end on real and
//! made inputs, one module per topic, linked into one test binary (as
//! ripgrep's `tests/tests.rs` does) so a build links it once, not two dozen
//! times. Shared helpers are in `util`.

mod util;

mod archive;
mod bad_input;
mod compare;
mod damaged_pdfs;
mod editions;
mod elections;
mod extract_batch;
mod furniture;
mod fuzz_regressions;
mod gold;
mod hostile_input;
mod input_bounds;
mod lexicon_import;
mod ocr;
mod pdfjs_agreement;
mod regression;
mod report;
mod report_html;
mod sample_corpus;
mod scan;
mod shared_inputs;
mod spark;
mod text_reports;
mod track;
mod unmapped_glyphs;
