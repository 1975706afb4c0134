//! Shared helpers for the integration tests: the binary, temporary folders,
//! and access to the real inputs in `../shared`.
#![allow(dead_code)]

pub mod chromium;
pub mod pdf_bytes;
pub mod score;
pub mod text_pdf;

use assert_cmd::Command;
use std::path::Path;

// The library's own helpers for `../shared` (skip only when all of it is
// absent, fail on a missing file), compiled into each test binary here.
#[path = "../../src/test_support.rs"]
mod test_support;
#[allow(unused_imports)]
pub(crate) use test_support::{shared_dir, shared_file};

/// The `mashup` binary under test, with OCR off unless a test asks for it
/// (`--ocr` wins over the variable): the figures the tests pin are those of
/// text layers, and recognising the corpus's scans takes minutes.
pub fn mashup() -> Command {
    let mut cmd = Command::cargo_bin("mashup").expect("the mashup binary is built");
    cmd.env("MASHUP_OCR", "never");
    cmd
}

/// True when `program` runs (`program version_arg` succeeds). Without it a
/// test skips with a message, except when the variable `required_by` is set
/// (as `.ci/run` sets it, after installing the program): then its absence
/// fails, naming what to install.
pub fn tool_runs(program: &str, version_arg: &str, required_by: &str, install: &str) -> bool {
    let found = std::process::Command::new(program)
        .arg(version_arg)
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var_os(required_by).is_none(),
            "{required_by} is set but `{program}` does not run: sudo apt-get install {install}"
        );
        eprintln!("skipping: {program} is not installed");
    }
    found
}

/// The project root.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Parses a JSON report and checks it against `docs/report.schema.json`, so
/// every report a test produces is validated.
pub fn json(bytes: &[u8]) -> serde_json::Value {
    let value: serde_json::Value = serde_json::from_slice(bytes).expect("output is valid JSON");
    let errors = schema_errors(&value);
    assert!(
        errors.is_empty(),
        "the report does not match docs/report.schema.json:\n{}",
        errors.join("\n")
    );
    value
}

/// Every problem `docs/report.schema.json` finds in `value`.
pub fn schema_errors(value: &serde_json::Value) -> Vec<String> {
    static VALIDATOR: std::sync::OnceLock<jsonschema::Validator> = std::sync::OnceLock::new();
    let validator = VALIDATOR.get_or_init(|| {
        let schema: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(root().join("docs/report.schema.json"))
                .expect("docs/report.schema.json is readable"),
        )
        .expect("the schema is JSON");
        jsonschema::validator_for(&schema).expect("the schema is a valid JSON Schema")
    });
    validator
        .iter_errors(value)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

/// The document entry whose path ends with `suffix`.
pub fn document<'a>(report: &'a serde_json::Value, suffix: &str) -> &'a serde_json::Value {
    report["documents"]
        .as_array()
        .expect("documents is an array")
        .iter()
        .find(|d| d["path"].as_str().is_some_and(|p| p.ends_with(suffix)))
        .unwrap_or_else(|| panic!("no document ending with {suffix}"))
}
