//! The whole read path on arbitrary bytes: open (header and xref repair,
//! decryption with the empty password), interpret every page, lay it out and
//! run the whole-document passes. Any panic, hang or memory blow-up found
//! here becomes a regression test in `tests/fuzz_regressions.rs`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use manifesto_mashup::corpus::InputKind;
use manifesto_mashup::read::{read_bytes, ReadOptions};

fuzz_target!(|data: &[u8]| {
    let _ = read_bytes(data, InputKind::Pdf, &ReadOptions::default());
});
