//! Input that is not the format it was taken for: every reader returns a
//! `FormatError`, never panics.

use std::io::Write;
use std::path::PathBuf;

use crate::read::formats::{docx, govuk, html, odt, FormatError};

/// The first file of `../shared/track` whose name starts with `prefix`;
/// `None` when `../shared` is absent (see [`crate::test_support`]), and a
/// failure when it is there without such a file.
fn shared_file(prefix: &str) -> Option<PathBuf> {
    let dir = crate::test_support::shared_file("track")?;
    let mut names: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("../shared/track is readable")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    names.sort();
    let found = names.into_iter().find(|p| {
        p.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with(prefix))
    });
    assert!(found.is_some(), "no {prefix}* in {}", dir.display());
    found
}

/// A zip holding the given parts, stored (for the DOCX and ODT tests here
/// and elsewhere in the crate).
pub(crate) fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, data) in parts {
        w.start_file(*name, stored).expect("a zip in memory");
        w.write_all(data).expect("a zip in memory");
    }
    w.finish().expect("a zip in memory").into_inner()
}

/// Deterministic pseudo-random bytes (xorshift), so a failure reproduces.
fn noise(len: usize, mut seed: u64) -> Vec<u8> {
    (0..len)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed >> 24) as u8
        })
        .collect()
}

const DOCUMENT: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Community energy</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">Co-operatives </w:t></w:r><w:r><w:t>own</w:t><w:tab/><w:t>turbines</w:t></w:r></w:p>
<w:p/>
<w:p><w:r><w:t>Non</w:t><w:noBreakHyphen/><w:t>profit</w:t><w:br/><w:t>bodies</w:t></w:r></w:p>
</w:body></w:document>"#;

#[test]
fn a_made_up_docx_reads_with_headings_and_numbers() {
    let doc = docx::read(&zip_of(&[("word/document.xml", DOCUMENT.as_bytes())])).expect("reads");
    assert_eq!(doc.sections.len(), 1);
    let s = &doc.sections[0];
    assert_eq!(s.heading.as_deref(), Some("Community energy"));
    assert_eq!(
        s.paragraphs,
        ["Co-operatives own turbines", "Non-profit bodies"]
    );
    assert_eq!(crate::read::formats::paragraph_number(s, 1), Some(3));
    assert_eq!(doc.meta.title.as_deref(), Some("Community energy"));
}

#[test]
fn empty_and_random_bytes_are_errors() {
    for bytes in [
        Vec::new(),
        noise(4096, 7),
        noise(100, 99),
        b"PK\x03\x04".to_vec(),
    ] {
        assert!(matches!(govuk::read(&bytes), Err(FormatError::Json { .. })));
        assert!(matches!(docx::read(&bytes), Err(FormatError::Container(_))));
        assert!(matches!(odt::read(&bytes), Err(FormatError::Container(_))));
    }
    assert!(html::read(b"").is_err());
    assert!(html::read(b"  \n ").is_err());
    assert!(html::read(&noise(4096, 3)).is_err());
}

#[test]
fn json_that_is_not_a_content_item() {
    for json in [
        "[]",
        "[{\"document_type\": \"guidance\"}]",
        "{\"files\": 3, \"matches\": []}",
        "{\"title\": \"A report\"}",
        "{\"document_type\": \"guidance\"}",
        "\"text\"",
        "42",
    ] {
        match govuk::read(json.as_bytes()) {
            Err(FormatError::NotThisFormat(why)) => {
                assert!(why.starts_with("not a GOV.UK content item"))
            }
            other => panic!("{json}: {other:?}"),
        }
    }
    assert!(matches!(
        govuk::read(b"{\"title\": "),
        Err(FormatError::Json { line: 1, .. })
    ));
}

#[test]
fn a_content_item_with_no_text_is_metadata_only() {
    let item = br#"{"base_path": "/x", "document_type": "redirect", "schema_name": "redirect"}"#;
    let doc = govuk::read(item).expect("reads");
    assert!(doc.sections.is_empty());
    assert_eq!(doc.warnings, ["no body text: metadata only"]);
    let item = br#"{"base_path": "/y", "document_type": "guidance", "title": "T", "description": "Summary.",
        "details": {"body": [{"content_type": "text/govspeak", "content": "x"},
                             {"content_type": "text/html", "content": "<p>CO<sub>2</sub> falls</p>"}]}}"#;
    let doc = govuk::read(item).expect("reads");
    assert!(doc.warnings.is_empty());
    assert_eq!(doc.sections[1].paragraphs, ["CO2 falls"]);
}

#[test]
fn zips_that_are_not_word_processor_files() {
    let other = zip_of(&[("readme.txt", b"hello")]);
    assert!(matches!(docx::read(&other), Err(FormatError::Container(_))));
    assert!(matches!(odt::read(&other), Err(FormatError::Container(_))));
    let sheet = zip_of(&[
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet",
        ),
        ("content.xml", b"<x/>"),
    ]);
    assert!(matches!(odt::read(&sheet), Err(FormatError::Container(_))));
}

#[test]
fn malformed_xml_inside_is_an_xml_error() {
    let cut = &DOCUMENT.as_bytes()[..DOCUMENT.len() / 2];
    let err = docx::read(&zip_of(&[("word/document.xml", cut)])).expect_err("malformed");
    assert!(matches!(err, FormatError::Xml { .. }), "{err:?}");
    let err = odt::read(&zip_of(&[("content.xml", b"<office:document-content>")]))
        .expect_err("malformed");
    assert!(matches!(err, FormatError::Xml { .. }), "{err:?}");
}

/// Deeply nested XML must not overflow the stack.
#[test]
fn deep_nesting_is_no_crash() {
    let depth = 20_000;
    let mut xml = String::from(
        r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p>"#,
    );
    xml.push_str(&"<w:r>".repeat(depth));
    xml.push_str("<w:t>deep</w:t>");
    xml.push_str(&"</w:r>".repeat(depth));
    xml.push_str("</w:p></w:body></w:document>");
    let _ = docx::read(&zip_of(&[("word/document.xml", xml.as_bytes())]));
    // html5ever's own tree building slows with depth (quadratic), so less deep.
    let html_depth = 3000;
    let html_text = format!(
        "<main>{}<p>deep</p>{}</main>",
        "<div>".repeat(html_depth),
        "</div>".repeat(html_depth)
    );
    let _ = html::read(html_text.as_bytes());
    let json = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    assert!(govuk::read(json.as_bytes()).is_err());
}

/// Truncating a real file at many points gives an error or a read, never a
/// panic; a truncated zip or JSON is always an error.
#[test]
fn truncations_of_real_files() {
    for prefix in ["govuk_consultation-outcome", "docx_", "odt_"] {
        let Some(path) = shared_file(prefix) else {
            continue;
        };
        let bytes = std::fs::read(&path).expect("readable");
        let reader = match prefix {
            "docx_" => docx::read,
            "odt_" => odt::read,
            _ => govuk::read,
        };
        let step = (bytes.len() / 61).max(1);
        for cut in (0..bytes.len())
            .step_by(step)
            .chain([1, 2, 10, bytes.len() - 1])
        {
            let lost_text = bytes[cut..].iter().any(|b| !b.is_ascii_whitespace());
            assert!(
                !lost_text || reader(&bytes[..cut]).is_err(),
                "{}: cut at {cut} read",
                path.display()
            );
        }
        // Flipped bytes inside: any outcome but a panic.
        for at in (0..bytes.len()).step_by(step) {
            let mut damaged = bytes.clone();
            damaged[at] ^= 0x5a;
            let _ = reader(&damaged);
        }
    }
}
