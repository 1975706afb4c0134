//! PDF: fonts, encodings, content-stream interpreter.
