//! Page furniture on the real inputs in ../shared: contents pages and imprints
//! give no mentions in the 2015 and 2017 manifestos, and the rules never take
//! all the body text of a file that has text.

use crate::util::text_pdf::text_pdf;
use crate::util::{json, mashup, root, shared_dir};
use std::path::Path;

/// Words (runs of letters and digits) in every `.txt` file under `dir`, by
/// path relative to `dir`.
fn words_per_file(dir: &Path) -> std::collections::BTreeMap<String, usize> {
    let mut out = std::collections::BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).into_iter().flatten() {
        if entry.file_type().is_file() {
            let text = String::from_utf8_lossy(&std::fs::read(entry.path()).unwrap()).into_owned();
            let words = text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .count();
            let name = entry
                .path()
                .strip_prefix(dir)
                .unwrap()
                .display()
                .to_string();
            out.insert(name, words);
        }
    }
    out
}

#[test]
fn no_file_with_text_loses_all_its_body_to_furniture() {
    let Some(shared) = shared_dir() else { return };
    let mut files: Vec<std::path::PathBuf> = Vec::new();
    for dir in ["pdfs", "pdfjs/files"] {
        for entry in walkdir::WalkDir::new(shared.join(dir))
            .into_iter()
            .flatten()
        {
            if entry.path().extension().is_some_and(|e| e == "pdf") {
                files.push(entry.into_path());
            }
        }
    }
    assert!(files.len() > 900, "only {} PDFs", files.len());
    let out = tempfile::tempdir().unwrap();
    for (name, all) in [("all", true), ("body", false)] {
        let mut cmd = mashup();
        cmd.arg("extract")
            .arg("--output-dir")
            .arg(out.path().join(name));
        if all {
            cmd.arg("--all");
        }
        // Some files are not readable PDFs (exit 1); what is read must be whole.
        cmd.args(&files).assert().code(predicates::ord::le(1));
    }
    let all = words_per_file(&out.path().join("all"));
    let body = words_per_file(&out.path().join("body"));
    assert!(all.len() > 900, "only {} files extracted", all.len());
    let emptied: Vec<&String> = all
        .iter()
        .filter(|(name, &words)| words > 0 && body.get(*name).copied().unwrap_or(0) == 0)
        .map(|(name, _)| name)
        .collect();
    assert!(
        emptied.is_empty(),
        "body text emptied by furniture: {emptied:?}"
    );
}

#[test]
fn contents_pages_and_imprints_give_no_mentions_in_2015_and_2017() {
    let Some(shared) = shared_dir() else { return };
    let dir = tempfile::tempdir().unwrap();
    let mut excerpts = 0;
    for year in ["2015", "2017"] {
        let out = dir.path().join(format!("{year}.json"));
        mashup()
            .args(["scan", "--format", "json", "-o"])
            .arg(&out)
            .arg("--index")
            .arg(root().join(format!("docs/uk-{year}-index.csv")))
            .arg(shared.join(format!("corpus/uk-{year}")))
            .assert()
            .success();
        let report = json(&std::fs::read(&out).unwrap());
        for doc in report["documents"].as_array().unwrap() {
            let path = doc["path"].as_str().unwrap();
            for e in doc["excerpts"].as_array().unwrap() {
                excerpts += 1;
                let text = e["text"].as_str().unwrap();
                let lower = text.to_lowercase();
                let leaders = text.contains("........") || text.contains("……");
                let imprint = (lower.contains("promoted by") && lower.contains("on behalf of"))
                    || lower.contains("registered society")
                    || lower.contains("electoral commission")
                    || text.starts_with('\u{A9}');
                assert!(
                    !leaders && !imprint,
                    "{path} page {}: a mention in a contents entry or imprint: {text}",
                    e["page"]
                );
                // The Conservatives' 2015 contents page (page 3) lists "Big Society".
                assert!(
                    !(path.ends_with("2015-conservative-manifesto.pdf") && e["page"] == 3),
                    "{path}: a mention on the contents page: {text}"
                );
            }
        }
    }
    assert!(excerpts > 250, "only {excerpts} mentions in 2015 and 2017");
}

/// Issue 25's bar: no mention across `../shared/corpus` and
/// `../shared/manifestos-intl` comes from a heading: a sentence in capitals
/// of twelve words or fewer with no full stop, or one with a heading of
/// three words in capitals glued to its start.
#[test]
fn no_mention_comes_from_a_heading() {
    let Some(shared) = shared_dir() else { return };
    let out = mashup()
        .arg("scan")
        .arg(shared.join("corpus"))
        .arg(shared.join("manifestos-intl"))
        .args(["--format", "json"])
        .output()
        .unwrap();
    let report = json(&out.stdout);
    let in_capitals = |t: &str| {
        let letters: Vec<char> = t.chars().filter(|c| c.is_alphabetic()).collect();
        letters.len() >= 6 && letters.iter().all(|c| c.is_uppercase())
    };
    let mut headings = Vec::new();
    for doc in report["documents"].as_array().unwrap() {
        for excerpt in doc["excerpts"].as_array().unwrap() {
            let text = excerpt["text"].as_str().unwrap().trim();
            let words: Vec<&str> = text.split_whitespace().collect();
            let alone = in_capitals(text)
                && words.len() <= 12
                && !text.ends_with(['.', '!', '?', ':', ';']);
            let capital_words = words
                .iter()
                .take_while(|w| {
                    let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
                    letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
                })
                .count();
            let glued = capital_words >= 3
                && words
                    .get(capital_words)
                    .is_some_and(|w| w.chars().nth(1).is_some_and(char::is_lowercase));
            if alone || glued {
                headings.push(format!("{} p{}: {text}", doc["path"], excerpt["page"]));
            }
        }
    }
    assert!(
        report["totals"]["mentions"].as_u64().unwrap() > 700,
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(headings.is_empty(), "mentions from headings: {headings:#?}");
}

/// Issue 25, item 5: a contents page set in columns (titles in one, page
/// numbers in another, no leaders), titled "In this document" or not at
/// all, early or late in the document, gives no mention; the body does.
#[test]
fn contents_set_in_columns_give_no_mentions_wherever_they_are() {
    // Titles and their page numbers on the same rows, 24 points apart.
    let contents = |title: Option<&'static str>| {
        let mut runs = Vec::new();
        if let Some(title) = title {
            runs.push((72, 720, 20, title));
        }
        let entries = [
            ("Social enterprise and the new economy", "4"),
            ("Co-operatives and mutuals", "9"),
            ("Credit unions for every town", "15"),
            ("Community energy", "21"),
        ];
        for (i, (entry, page)) in entries.into_iter().enumerate() {
            let y = 660 - 24 * i as i64;
            runs.push((72, y, 12, entry));
            runs.push((480, y, 12, page));
        }
        runs
    };
    let body = |text: &'static str| {
        vec![
            (72, 700, 11, text),
            (
                72,
                686,
                11,
                "It is a promise we make to every voter in the land.",
            ),
        ]
    };
    let pages = vec![
        contents(Some("In this document")),
        body("We will double the number of social enterprises by 2030."),
        body("We will give every credit union a bank licence."),
        // A second contents page, late and untitled (a section's own).
        contents(None),
        body("We will back co-operatives with a new fund."),
    ];
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("columns.pdf");
    std::fs::write(&file, text_pdf(&pages)).unwrap();
    let out = mashup()
        .args(["scan", "--format", "json", "--ocr", "never"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let report = json(&out.stdout);
    let doc = &report["documents"][0];
    let pages_with_mentions: std::collections::BTreeSet<u64> = doc["excerpts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["page"].as_u64().unwrap())
        .collect();
    assert_eq!(
        pages_with_mentions,
        [2, 3, 5].into(),
        "{:#}",
        doc["excerpts"]
    );
    assert_eq!(doc["mentions"], 3, "{:#}", doc["excerpts"]);
    // `extract --all` still shows the contents.
    let all = mashup()
        .args(["extract", "--all", "--ocr", "never"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&all.stdout).contains("Co-operatives and mutuals"));
}
