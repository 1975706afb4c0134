//! PDF: fonts, encodings, content-stream interpreter.

// Used by the interpreter (src/pdf/interpret.rs, lead's branch); drop this allow when merging.
#[allow(dead_code)]
pub(crate) mod font;
