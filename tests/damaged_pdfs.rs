//! Damaged and unusual PDFs built here, byte by byte: what readers recover is
//! recovered, and what cannot be read is said, never passed over in silence.

use crate::util::pdf_bytes::{pdf, stream};
use crate::util::{json, mashup, schema_errors};
use predicates::prelude::*;

const CATALOG: &[u8] = b"<< /Type /Catalog /Pages 2 0 R >>";
const PAGES: &[u8] = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>";
const FONT: &[u8] =
    b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>";

fn write(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// A page whose text is only in annotations: a field's appearance, and a
/// hidden note that readers do not show.
fn annotated_page(hidden_flag: u32) -> Vec<u8> {
    let page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R \
                 /Resources << /Font << /F1 5 0 R >> >> /Annots [6 0 R 8 0 R] >>";
    let content = stream("", b"0 0 1 RG 10 10 280 180 re S");
    let field: &[u8] =
        b"<< /Type /Annot /Subtype /Widget /FT /Tx /Rect [20 100 220 130] /F 4 /AP << /N 7 0 R >> >>";
    let appearance = stream(
        "/Type /XObject /Subtype /Form /BBox [0 0 100 15] /Resources << /Font << /F1 5 0 R >> >>",
        b"BT /F1 10 Tf 2 4 Td (Co-operative housing) Tj ET",
    );
    let note = format!(
        "<< /Type /Annot /Subtype /FreeText /Rect [20 40 220 70] /F {hidden_flag} /AP << /N 9 0 R >> >>"
    );
    let note_appearance = stream(
        "/Type /XObject /Subtype /Form /BBox [0 0 200 30] /Resources << /Font << /F1 5 0 R >> >>",
        b"BT /F1 10 Tf 2 10 Td (Credit unions for all) Tj ET",
    );
    pdf(&[
        CATALOG,
        PAGES,
        page,
        &content,
        FONT,
        field,
        &appearance,
        note.as_bytes(),
        &note_appearance,
    ])
}

#[test]
fn annotation_appearances_are_read_and_hidden_ones_are_not() {
    let dir = tempfile::tempdir().unwrap();
    let shown = write(&dir, "shown.pdf", &annotated_page(4));
    mashup()
        .args(["extract", "--all"])
        .arg(&shown)
        .assert()
        .success()
        .stdout(predicate::str::contains("Co-operative housing"))
        .stdout(predicate::str::contains("Credit unions for all"));
    // Flag 2 is Hidden: the note is not on the page.
    let hidden = write(&dir, "hidden.pdf", &annotated_page(2));
    mashup()
        .args(["extract", "--all"])
        .arg(&hidden)
        .assert()
        .success()
        .stdout(predicate::str::contains("Co-operative housing"))
        .stdout(predicate::str::contains("Credit unions").not());
}

/// A one-page file whose content stream has no /Length and whose `endobj`
/// runs into `xref` (pdf.js issue 1293): lopdf keeps an empty stream.
fn stream_without_length() -> Vec<u8> {
    let page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 50] /Contents 4 0 R \
                 /Resources << /Font << /F1 5 0 R >> >> >>";
    let content = b"<< >>\nstream\nBT /F1 12 Tf 10 20 Td (Hello, world!) Tj ET\n\nendstream";
    let mut bytes = pdf(&[CATALOG, PAGES, page, content, FONT]);
    let text = String::from_utf8(bytes.clone()).unwrap();
    let at = text.rfind("endobj\nxref").unwrap();
    bytes.remove(at + "endobj".len());
    bytes.insert(at + "endobj".len(), b' ');
    bytes
}

#[test]
fn a_stream_without_length_is_read_to_endstream() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(&dir, "hello.pdf", &stream_without_length());
    mashup()
        .arg("extract")
        .arg(&path)
        .assert()
        .success()
        .stdout(predicate::str::contains("Hello, world!"));
}

/// Two pages: the first reads, the second's content is not a deflate stream
/// though it says it is.
fn one_page_undecodable() -> Vec<u8> {
    let pages = b"<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 2 >>";
    let page = |content: u32| {
        format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents {content} 0 R \
             /Resources << /Font << /F1 5 0 R >> >> >>"
        )
    };
    let good = stream(
        "",
        b"BT /F1 12 Tf 10 100 Td (Community energy for every town.) Tj ET",
    );
    let garbage: Vec<u8> = (0..200u32).map(|i| (i * 37 % 251) as u8).collect();
    let bad = stream("/Filter /FlateDecode", &garbage);
    pdf(&[
        CATALOG,
        pages,
        page(4).as_bytes(),
        &good,
        FONT,
        page(7).as_bytes(),
        &bad,
    ])
}

#[test]
fn an_undecodable_page_is_named_by_extract_and_scan() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(&dir, "half.pdf", &one_page_undecodable());
    mashup()
        .arg("extract")
        .arg(&path)
        .assert()
        .success()
        .stdout(predicate::str::contains("Community energy"))
        .stderr(predicate::str::contains(
            "half.pdf: page 2: its content could not be read",
        ));
    let assert = mashup()
        .args(["scan", "--format", "json"])
        .arg(&path)
        .assert()
        .success();
    let report = json(&assert.get_output().stdout);
    assert_eq!(schema_errors(&report), Vec::<String>::new());
    let doc = &report["documents"][0];
    assert_eq!(doc["status"], "ok");
    assert_eq!(doc["warnings"][0]["page"], 2);
    assert!(doc["warnings"][0]["message"]
        .as_str()
        .unwrap()
        .contains("could not be read"));
    assert!(report["warnings"][0]["message"]
        .as_str()
        .unwrap()
        .starts_with("page 2: "));
    // The table says so under the ranking.
    mashup()
        .arg("scan")
        .arg(&path)
        .assert()
        .success()
        .stdout(predicate::str::contains("warning: ").and(predicate::str::contains("page 2")));
}

#[test]
fn a_document_with_no_readable_page_is_an_error_not_an_empty_manifesto() {
    let dir = tempfile::tempdir().unwrap();
    let page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R >>";
    let garbage: Vec<u8> = (0..200u32).map(|i| (i * 37 % 251) as u8).collect();
    let bad = stream("/Filter /FlateDecode", &garbage);
    let path = write(&dir, "lost.pdf", &pdf(&[CATALOG, PAGES, page, &bad]));
    mashup()
        .arg("extract")
        .arg(&path)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "lost.pdf: no page's content could be read",
        ));
    let assert = mashup()
        .args(["scan", "--format", "json"])
        .arg(&path)
        .assert();
    let report = json(&assert.get_output().stdout);
    assert_eq!(report["documents"][0]["status"], "error");
    assert!(report["documents"][0]["error"]
        .as_str()
        .unwrap()
        .contains("no page's content could be read"));
}

#[test]
fn fields_and_notes_without_appearances_show_their_text() {
    let dir = tempfile::tempdir().unwrap();
    let page =
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Annots [4 0 R 5 0 R 6 0 R] >>";
    // A text field whose type and value sit on its parent field.
    let widget: &[u8] =
        b"<< /Type /Annot /Subtype /Widget /Parent 7 0 R /Rect [20 150 280 170] /F 4 >>";
    let note: &[u8] =
        b"<< /Type /Annot /Subtype /FreeText /Rect [20 100 280 120] /DA (/Helv 10 Tf 0 g) /Contents (Mutual aid) >>";
    // A check box has no text to show.
    let check: &[u8] = b"<< /Type /Annot /Subtype /Widget /FT /Btn /V /Yes /Rect [20 50 30 60] >>";
    let field: &[u8] = b"<< /FT /Tx /T (name) /V (Social enterprise zone) /Kids [4 0 R] >>";
    let path = write(
        &dir,
        "form.pdf",
        &pdf(&[CATALOG, PAGES, page, widget, note, check, field]),
    );
    let assert = mashup()
        .args(["extract", "--all"])
        .arg(&path)
        .assert()
        .success();
    let text = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    let field_at = text.find("Social enterprise zone").expect(&text);
    let note_at = text.find("Mutual aid").expect(&text);
    // Top to bottom, as on the page.
    assert!(field_at < note_at, "{text}");
    assert!(!text.contains("Yes"), "{text}");
}

#[test]
fn a_file_that_lost_its_header_is_read_and_junk_is_not() {
    let dir = tempfile::tempdir().unwrap();
    let whole = stream_without_length();
    let headless = write(&dir, "headless.pdf", &whole[b"%PDF-1.4\n".len()..]);
    mashup()
        .arg("extract")
        .arg(&headless)
        .assert()
        .success()
        .stdout(predicate::str::contains("Hello, world!"));
    let junk = write(&dir, "junk.pdf", b"Dear colleague,\n1 0 obj is not a PDF\n");
    mashup()
        .arg("extract")
        .arg(&junk)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "junk.pdf: not a readable PDF (no %PDF header)",
        ));
}
