//! The inputs that make work explode (issue 11, item 4): each is bounded,
//! and what the bound cost is said, never silent. The files are built here,
//! small, from nothing but the structure that makes them hostile.

use crate::util::mashup;
use crate::util::pdf_bytes::{pdf, stream};
use std::io::Write;

const FONT: &[u8] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";

fn text(words: &str) -> Vec<u8> {
    format!("BT /F1 12 Tf 72 700 Td ({words}) Tj ET").into_bytes()
}

/// Catalog, page tree and one page per content object (objects 4.. are
/// the contents, then the font, then `extra`).
fn document(pages: Vec<Vec<u8>>, page_extra: &str, extra: Vec<Vec<u8>>) -> Vec<u8> {
    let n = pages.len();
    let font = 3 + 2 * n + 1;
    let kids: Vec<String> = (0..n).map(|i| format!("{} 0 R", 3 + 2 * i)).collect();
    let mut objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        format!("<< /Type /Pages /Kids [{}] /Count {n} >>", kids.join(" ")).into_bytes(),
    ];
    for (i, content) in pages.into_iter().enumerate() {
        objects.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {} 0 R /Resources << /Font << /F1 {font} 0 R >> {page_extra} >> >>",
                4 + 2 * i
            )
            .into_bytes(),
        );
        objects.push(content);
    }
    objects.push(FONT.to_vec());
    objects.extend(extra);
    pdf(&objects)
}

fn extract(bytes: &[u8]) -> (Option<i32>, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hostile.pdf");
    std::fs::write(&path, bytes).unwrap();
    let out = mashup().arg("extract").arg(&path).output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A 100 KB stream that inflates to 100 MB: cut at the stream limit and
/// named; the next page is read.
#[test]
fn a_decompression_bomb_is_cut_and_named() {
    let mut zeros = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let chunk = vec![b' '; 1 << 20];
    for _ in 0..100 {
        zeros.write_all(&chunk).unwrap();
    }
    let bomb = zeros.finish().unwrap();
    assert!(bomb.len() < 200_000);
    let bytes = document(
        vec![
            stream("/Filter /FlateDecode", &bomb),
            stream("", &text("After the bomb")),
        ],
        "",
        vec![],
    );
    let (code, stdout, stderr) = extract(&bytes);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.contains("After the bomb"), "{stdout}");
    assert!(
        stderr.contains("page 1") && stderr.contains("inflates past the limit"),
        "{stderr}"
    );
}

/// A page object nested past the parser's depth limit: an error naming the
/// page object, not a blank page.
#[test]
fn a_page_nested_too_deeply_is_an_error_not_a_blank_page() {
    let depth = 100_000;
    let junk = format!("/Junk {}{}", "[".repeat(depth), "]".repeat(depth));
    let bytes = document(vec![stream("", &text("Hello"))], &junk, vec![]);
    let (code, _, stderr) = extract(&bytes);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("nested too deeply"), "{stderr}");
    let junk = format!("/Junk {}{}", "<< /A ".repeat(depth), ">>".repeat(depth));
    let (code, _, stderr) = extract(&document(vec![stream("", &text("Hello"))], &junk, vec![]));
    assert_eq!(code, Some(1), "{stderr}");
}

/// Arrays nested deeper than the content reader allows, inside a content
/// stream: the rest of that stream is dropped and the page says so.
#[test]
fn deep_nesting_in_content_is_cut_and_named() {
    let depth = 50_000;
    let mut content = text("Before");
    content.extend_from_slice(format!(" {}{} ", "[".repeat(depth), "]".repeat(depth)).as_bytes());
    content.extend_from_slice(&text("After"));
    let (code, stdout, stderr) = extract(&document(vec![stream("", &content)], "", vec![]));
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.contains("Before"), "{stdout}");
    assert!(stderr.contains("page 1"), "{stderr}");
}

/// A Form XObject that paints itself, and a chain of 100 forms: drawn to a
/// fixed depth, never without end.
#[test]
fn forms_nested_without_end_are_bounded() {
    // Objects: 1 catalog, 2 pages, 3 page, 4 content, 5 font, 6 self-form,
    // 7.. the chain.
    let chain = 100;
    let mut extra = vec![stream(
        "/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /XObject << /Me 6 0 R >> /Font << /F1 5 0 R >> >>",
        b"BT /F1 12 Tf 72 600 Td (Loop) Tj ET /Me Do",
    )];
    for k in 0..chain {
        let next = if k + 1 < chain {
            format!("/X{} Do", k + 1)
        } else {
            String::new()
        };
        extra.push(stream(
            &format!(
                "/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /XObject << /X{} {} 0 R >> >>",
                k + 1,
                7 + k + 1
            ),
            next.as_bytes(),
        ));
    }
    let page_xobjects = "/XObject << /Me 6 0 R /X0 7 0 R >>";
    let mut content = text("Page text");
    content.extend_from_slice(b" /Me Do /X0 Do");
    let (code, stdout, stderr) =
        extract(&document(vec![stream("", &content)], page_xobjects, extra));
    assert!(code.is_some_and(|c| c <= 1), "{stderr}");
    assert!(stdout.contains("Page text"), "{stdout}");
    let loops = stdout.matches("Loop").count();
    assert!(
        (1..=20).contains(&loops),
        "the self-painting form was drawn {loops} times"
    );
}

/// A page tree whose node is its own kid: no hang, no stack overflow.
#[test]
fn a_page_tree_loop_ends() {
    let objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_vec(),
        stream("", &text("Only page")),
        FONT.to_vec(),
    ];
    let (code, stdout, stderr) = extract(&pdf(&objects));
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(stdout.matches("Only page").count(), 1, "{stdout}");
}

/// An image claiming a trillion pixels is counted, never decoded.
#[test]
fn a_huge_image_is_not_decoded() {
    let extra = vec![stream(
        "/Type /XObject /Subtype /Image /Width 1000000 /Height 1000000 /ColorSpace /DeviceRGB /BitsPerComponent 8",
        b"\x00\x00\x00",
    )];
    let mut content = b"q 612 0 0 792 0 0 cm /Im Do Q ".to_vec();
    content.extend_from_slice(&text("Caption"));
    let (code, stdout, stderr) = extract(&document(
        vec![stream("", &content)],
        "/XObject << /Im 6 0 R >>",
        extra,
    ));
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.contains("Caption"), "{stdout}");
}
