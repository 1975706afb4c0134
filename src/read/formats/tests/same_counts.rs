//! A manifesto published as a web page or a Word file counts as the same
//! text given as a text file: the same words, mentions, policies, pledges
//! and asks. The text is a real manifesto's (the Manifesto Project's
//! hand-corrected 2015 Labour text, read at run time), its sentences set
//! as paragraphs in each format here.

use super::bad_input::zip_of;
use crate::corpus::{Input, InputKind, PartyMeta};
use crate::lexicon::Lexicon;
use crate::pipeline::{scan_document, Editions, ScanContext};
use crate::read::ReadOptions;
use crate::results::{Counts, Status};
use crate::test_support::shared_file;

/// Text safe inside XML and HTML elements.
fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn counts(path: &std::path::Path, kind: InputKind) -> Counts {
    let lexicon = Lexicon::builtin();
    let editions = Editions::new(&lexicon, None, []).expect("the built-in lexicon compiles");
    let options = ReadOptions::default();
    let input = Input {
        path: path.to_path_buf(),
        kind,
        meta: PartyMeta {
            party: "Labour".into(),
            ..PartyMeta::default()
        },
    };
    let context = ScanContext {
        editions: &editions,
        options: &options,
        cache: None,
    };
    let result = scan_document(&input, context);
    assert_eq!(result.status, Status::Ok, "{:?}: {:?}", kind, result.error);
    result.counts
}

#[test]
fn html_and_docx_count_as_the_same_text() {
    let Some(source) = shared_file("text/manifesto-project-uk/Lab_2015.txt") else {
        return;
    };
    let text = std::fs::read_to_string(source).expect("the text reads");
    let paragraphs: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    assert!(paragraphs.len() > 500);
    let dir = tempfile::tempdir().unwrap();

    let txt = dir.path().join("labour.txt");
    std::fs::write(&txt, paragraphs.join("\n\n")).unwrap();

    let html = dir.path().join("labour.html");
    let body: String = paragraphs
        .iter()
        .map(|p| format!("<p>{}</p>\n", escaped(p)))
        .collect();
    std::fs::write(
        &html,
        format!(
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Labour 2015</title></head>\
             <body><nav><a href=\"/\">Home</a></nav><main>{body}</main>\
             <footer>Printed and promoted by the party</footer></body></html>"
        ),
    )
    .unwrap();

    let docx = dir.path().join("labour.docx");
    let runs: String = paragraphs
        .iter()
        .map(|p| {
            format!(
                "<w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
                escaped(p)
            )
        })
        .collect();
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
         <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
         <w:body>{runs}</w:body></w:document>"
    );
    std::fs::write(&docx, zip_of(&[("word/document.xml", document.as_bytes())])).unwrap();

    let expected = counts(&txt, InputKind::Text);
    assert!(expected.mentions > 10, "{}", expected.mentions);
    assert!(!expected.asks.is_empty());
    assert_eq!(counts(&html, InputKind::Html), expected, "HTML");
    assert_eq!(counts(&docx, InputKind::Docx), expected, "DOCX");
}
