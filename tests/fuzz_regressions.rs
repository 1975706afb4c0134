//! Inputs the fuzzer (`fuzz/`, `benches/fuzz.sh`) found to panic, hang or
//! blow up, rebuilt here from the structure that made them hostile (never
//! from the fuzzed bytes, which descend from real files). Each runs the
//! binary under a deadline, so a regression fails instead of stalling CI.

use crate::util::pdf_bytes::{pdf, stream};
use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Far above the milliseconds these take when fixed; far below CI's limit.
const DEADLINE: Duration = Duration::from_secs(60);

/// Runs `mashup extract` on `bytes`; the exit status, stdout and stderr, or a
/// failure if it has not finished by the deadline.
fn extract_within_deadline(bytes: &[u8]) -> (Option<i32>, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fuzzed.pdf");
    std::fs::write(&path, bytes).unwrap();
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("mashup"))
        .env("MASHUP_OCR", "never")
        .arg("extract")
        .arg(&path)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > DEADLINE {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("mashup extract still running after {DEADLINE:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let (mut stdout, mut stderr) = (String::new(), String::new());
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut stdout)
        .unwrap();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    (status.code(), stdout, stderr)
}

/// A bare sfnt holding one table, `cmap`, with one (3,10) format 12 subtable
/// of the given groups `(first code, last code, first glyph)`.
fn sfnt_with_format12(groups: &[(u32, u32, u32)]) -> Vec<u8> {
    let mut subtable = Vec::new();
    subtable.extend_from_slice(&12u16.to_be_bytes());
    subtable.extend_from_slice(&0u16.to_be_bytes());
    subtable.extend_from_slice(&(16 + 12 * groups.len() as u32).to_be_bytes());
    subtable.extend_from_slice(&0u32.to_be_bytes());
    subtable.extend_from_slice(&(groups.len() as u32).to_be_bytes());
    for &(first, last, glyph) in groups {
        for n in [first, last, glyph] {
            subtable.extend_from_slice(&n.to_be_bytes());
        }
    }
    let mut cmap = Vec::new();
    for n in [0u16, 1, 3, 10] {
        cmap.extend_from_slice(&n.to_be_bytes());
    }
    cmap.extend_from_slice(&12u32.to_be_bytes());
    cmap.extend_from_slice(&subtable);

    let mut font = Vec::new();
    font.extend_from_slice(&0x0001_0000u32.to_be_bytes());
    for n in [1u16, 16, 0, 0] {
        font.extend_from_slice(&n.to_be_bytes());
    }
    font.extend_from_slice(b"cmap");
    font.extend_from_slice(&0u32.to_be_bytes());
    font.extend_from_slice(&(12u32 + 16).to_be_bytes());
    font.extend_from_slice(&(cmap.len() as u32).to_be_bytes());
    font.extend_from_slice(&cmap);
    font
}

/// Fuzz run 3 (2026-12-02): a composite font with no ToUnicode whose
/// embedded TrueType program has a format 12 cmap of thousands of groups,
/// each over most of Unicode. Reading text back from the cmap walked every
/// code point of every group: billions of steps, minutes for a 240 KB file.
/// Now every code point is asked once, and the real mapping still counts.
#[test]
fn a_cmap_of_thousands_of_whole_range_groups_is_read_in_bounded_time() {
    // 'A'..='Z' to glyphs 10..=35, then 20,000 groups past plane 3 that the
    // old walk visited code point by code point (about 14 billion steps).
    let mut groups = vec![(0x41, 0x5A, 10)];
    groups.extend(std::iter::repeat_n((0x4_0000, 0x10_FFFF, 1), 20_000));
    let program = sfnt_with_format12(&groups);
    // Glyphs 10, 11, 12 and 13 under Identity-H with CIDs equal to glyph ids.
    let content = b"BT /F1 24 Tf 72 700 Td <000A000B000C000D> Tj ET";
    let bytes = pdf(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R \
           /Resources << /Font << /F1 5 0 R >> >> >>"
            .to_vec(),
        stream("", content),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /Fuzzed /Encoding /Identity-H \
           /DescendantFonts [6 0 R] >>"
            .to_vec(),
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Fuzzed /CIDToGIDMap /Identity \
           /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> \
           /DW 600 /FontDescriptor 7 0 R >>"
            .to_vec(),
        b"<< /Type /FontDescriptor /FontName /Fuzzed /Flags 4 /FontBBox [0 0 1000 1000] \
           /ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 /FontFile2 8 0 R >>"
            .to_vec(),
        stream("", &program),
    ]);
    let (code, stdout, stderr) = extract_within_deadline(&bytes);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(
        stdout.split_whitespace().collect::<String>(),
        "ABCD",
        "{stderr}"
    );
}
