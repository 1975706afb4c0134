//! One test per real file that once came out wrong, reading it from
//! ../shared, plus the whole corpus against its hand-corrected ground truth.
//!
//! Word scores (see `crate::util::score`) follow ../shared/tools/textscore closely
//! enough to catch regressions; the figures in docs/method.md come from
//! textscore itself.

use crate::util::score::words_f1;
use crate::util::{json, mashup, shared_dir};
use std::path::Path;

fn extract(pdf: &Path) -> String {
    let assert = mashup().arg("extract").arg(pdf).assert().success();
    String::from_utf8_lossy(&assert.get_output().stdout).into_owned()
}

/// Extracts `pdf` (relative to ../shared/corpus) and scores it against its
/// ground truth (relative to ../shared/text/manifesto-project-uk).
fn score(shared: &Path, pdf: &str, truth: &str) -> (String, f64) {
    let text = extract(&shared.join("corpus").join(pdf));
    let reference =
        std::fs::read_to_string(shared.join("text/manifesto-project-uk").join(truth)).unwrap();
    let f1 = words_f1(&text, &reference);
    (text, f1)
}

#[test]
fn word_scorer_behaves() {
    assert_eq!(words_f1("a b c", "a b c"), 1.0);
    assert_eq!(words_f1("", "a"), 0.0);
    assert!((words_f1("a b", "a c") - 0.5).abs() < 1e-9);
}

#[test]
fn snp_2015_type1c_fonts_without_tounicode() {
    let Some(shared) = shared_dir() else { return };
    let (text, f1) = score(&shared, "uk-2015/2015-snp-manifesto.pdf", "SNP_2015.txt");
    assert!(f1 > 0.95, "words_f1 {f1}");
    assert!(text.contains("Scotland"));
}

#[test]
fn labour_2005_quotes_and_full_stops_decode() {
    let Some(shared) = shared_dir() else { return };
    let (_, f1) = score(
        &shared,
        "uk-historic/2005-05-labour_party.pdf",
        "Lab_2005.txt",
    );
    assert!(f1 > 0.95, "words_f1 {f1}");
}

#[test]
fn conservative_2001_rotated_text() {
    let Some(shared) = shared_dir() else { return };
    let (_, f1) = score(
        &shared,
        "uk-historic/2001-06-conservative_party.pdf",
        "Con_2001.txt",
    );
    assert!(f1 > 0.95, "words_f1 {f1}");
}

#[test]
fn conservative_2015_cmap_with_def_inside_cidsysteminfo() {
    let Some(shared) = shared_dir() else { return };
    let (_, f1) = score(
        &shared,
        "uk-historic/2015-05-conservative_party.pdf",
        "Con_2015.txt",
    );
    assert!(f1 > 0.96, "words_f1 {f1}");
}

#[test]
fn libdem_2005_cmap_without_boilerplate() {
    let Some(shared) = shared_dir() else { return };
    let (_, f1) = score(
        &shared,
        "uk-historic/2005-05-liberal_democrats.pdf",
        "LD_2005.txt",
    );
    assert!(f1 > 0.96, "words_f1 {f1}");
}

#[test]
fn labour_2015_letter_spaced_running_heads_read_as_words() {
    let Some(shared) = shared_dir() else { return };
    for pdf in [
        "uk-2015/2015-labour-manifesto.pdf",
        "uk-historic/2015-05-labour_party.pdf",
    ] {
        let (text, f1) = score(&shared, pdf, "Lab_2015.txt");
        assert!(f1 > 0.96, "{pdf}: words_f1 {f1}");
        assert!(
            !text.contains("t h e"),
            "{pdf}: letter-spaced text left spaced out"
        );
    }
}

#[test]
fn picture_font_bullets_are_not_words() {
    let Some(shared) = shared_dir() else { return };
    let (text, f1) = score(&shared, "uk-2015/2015-libdem-manifesto.pdf", "Lib_2015.txt");
    assert!(f1 > 0.96, "words_f1 {f1}");
    // Wingdings bullets used to come out as a "w" before every bulleted line.
    let bullets = text.lines().filter(|l| l.starts_with("w ")).count();
    assert!(bullets < 50, "{bullets} lines start with a stray w");
}

#[test]
fn running_heads_along_the_side_margin_are_furniture() {
    let Some(shared) = shared_dir() else { return };
    let text = extract(&shared.join("corpus/uk-2015/2015-libdem-manifesto.pdf"));
    let heads = text.matches("Liberal Democrat Manifesto 2015").count();
    assert!(heads < 10, "{heads} side heads left in the text");
}

#[test]
fn indirect_stream_filters_are_decoded() {
    let Some(shared) = shared_dir() else { return };
    let text = extract(&shared.join("pdfs/pdfminer.six/samples/contrib/issue-1062-filters.pdf"));
    assert!(text.split_whitespace().count() > 100, "{text}");
}

#[test]
fn every_corpus_file_with_ground_truth_scores_well_and_scans_are_flagged() {
    let Some(shared) = shared_dir() else { return };
    let index = std::fs::read_to_string(shared.join("corpus/INDEX.tsv")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let report_path = dir.path().join("corpus.json");
    mashup()
        .args(["scan", "--format", "json", "-o"])
        .arg(&report_path)
        .arg(shared.join("corpus"))
        .assert()
        .success();
    let report = json(&std::fs::read(&report_path).unwrap());
    let status_of = |file: &str| -> String {
        report["documents"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["path"].as_str().unwrap().ends_with(file))
            .map(|d| d["status"].as_str().unwrap().to_string())
            .unwrap_or_else(|| panic!("{file} not in the report"))
    };
    let mut low = Vec::new();
    for row in index.lines().skip(1) {
        let cols: Vec<&str> = row.split('\t').collect();
        let (file, text_layer, truth) = (cols[0], cols[6], cols.get(7).copied().unwrap_or(""));
        let scanned = text_layer.starts_with("no");
        // The two Welsh-language manifestos are detected as Welsh, which the
        // English lexicon does not cover; no English one is taken for another
        // language.
        let welsh = cols[3].contains("(Welsh language)");
        let expected = match (scanned, welsh) {
            (true, _) => "no_text_layer",
            (false, true) => "not_matched",
            (false, false) => "ok",
        };
        assert_eq!(status_of(file), expected, "{file}");
        if !scanned && !truth.is_empty() {
            let text = extract(&shared.join("corpus").join(file));
            let reference = std::fs::read_to_string(shared.join(truth)).unwrap();
            let f1 = words_f1(&text, &reference);
            if f1 < 0.95 {
                low.push(format!("{file}: {f1:.3}"));
            }
        }
    }
    assert!(low.is_empty(), "files below words_f1 0.95: {low:?}");
}

#[test]
fn encrypted_pdfs_need_and_accept_a_password() {
    let Some(shared) = shared_dir() else { return };
    let dir = shared.join("pdfs/pdfminer.six/samples/encryption");
    // cpdf keeps /Encrypt directly in the trailer, which lopdf alone cannot open.
    for file in [
        "rc4-40.pdf",
        "rc4-128.pdf",
        "aes-128.pdf",
        "aes-256.pdf",
        "aes-256-m.pdf",
    ] {
        let pdf = dir.join(file);
        mashup()
            .arg("extract")
            .arg(&pdf)
            .assert()
            .code(1)
            .stderr(predicates::str::contains("encrypted: needs a password"));
        for password in ["baz", "foo"] {
            let assert = mashup()
                .arg("extract")
                .arg(&pdf)
                .args(["--password", password])
                .assert()
                .success();
            let text = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
            assert!(text.contains("Secret!"), "{file} with {password}: {text}");
        }
        mashup()
            .arg("extract")
            .arg(&pdf)
            .args(["--password", "wrong"])
            .assert()
            .code(1)
            .stderr(predicates::str::contains(
                "the password given does not open it",
            ));
    }
    let writer = shared
        .join("pdfs/sample-files/005-libreoffice-writer-password/libreoffice-writer-password.pdf");
    mashup()
        .arg("extract")
        .arg(&writer)
        .args(["--password", "openpassword"])
        .assert()
        .success();
}

#[test]
fn vertical_japanese_columns_are_read_top_to_bottom() {
    let Some(shared) = shared_dir() else { return };
    // Set with a horizontal font, one glyph below the other, punctuation in
    // a vertical font: read as rows, every line would be a few characters
    // taken across the columns.
    let text = extract(&shared.join("pdfs/pdfminer.six/samples/nonfree/kampo.pdf"));
    let long_lines = text.lines().filter(|l| l.chars().count() >= 30).count();
    assert!(long_lines >= 20, "{long_lines} long lines:\n{text}");
    let unmapped = text.chars().filter(|&c| c == '\u{FFFD}').count();
    assert!(unmapped * 100 < text.chars().count(), "{unmapped} unmapped");
}

/// Issue 9: the Green Party's 2015 manifesto sets its bullets as a column of
/// their own. Page 22's "We will:" list must come out with each item after its
/// bullet, and its items that mention the social economy must be pledges.
#[test]
fn green_2015_list_items_keep_their_bullets_and_are_pledges() {
    let Some(shared) = shared_dir() else { return };
    let pdf = shared.join("corpus/uk-2015/2015-green-manifesto.pdf");
    let text = extract(&pdf);
    let page = text.split('\u{c}').nth(21).expect("a page 22");
    for item in [
        "Maximise opportunities for community or municipally owned",
        "Set a target for at least 42 gigawatts",
        "Require grid operators to give priority access",
        "Secure public control over the strategic direction",
    ] {
        assert!(
            page.lines()
                .any(|l| l.starts_with("• ") && l.contains(item)),
            "no bulleted line for {item:?} on page 22:\n{page}"
        );
    }
    assert!(
        !page.lines().any(|l| l.trim() == "•"),
        "a lone bullet on page 22:\n{page}"
    );
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("green.json");
    mashup()
        .args(["scan", "--format", "json", "--index"])
        .arg(crate::util::root().join("docs/uk-2015-index.csv"))
        .arg("-o")
        .arg(&out)
        .arg(&pdf)
        .assert()
        .success();
    let report = json(&std::fs::read(&out).unwrap());
    let doc = &report["documents"][0];
    let items: Vec<&serde_json::Value> = doc["excerpts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["page"] == 22 && e["text"].as_str().unwrap().starts_with("• "))
        .collect();
    assert!(
        items.len() >= 3,
        "only {} list items with mentions on page 22",
        items.len()
    );
    for e in &items {
        assert_eq!(e["pledge"], true, "{}", e["text"]);
    }
    assert!(
        doc["pledges"].as_u64().unwrap() >= 20,
        "only {} of the Green Party's mentions are pledges",
        doc["pledges"]
    );
}

/// Issue 9: across the corpus, list markers are printed with their items: at
/// most 50 lines are only a bullet, a dash or a list number (2,362 before the
/// markers were joined to their items).
#[test]
fn lone_list_markers_are_rare_across_the_corpus() {
    let Some(shared) = shared_dir() else { return };
    let files: Vec<std::path::PathBuf> = walkdir::WalkDir::new(shared.join("corpus"))
        .into_iter()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "pdf"))
        .map(|e| e.into_path())
        .collect();
    assert!(files.len() >= 60, "only {} corpus PDFs", files.len());
    let out = tempfile::tempdir().unwrap();
    mashup()
        .arg("extract")
        .arg("--output-dir")
        .arg(out.path())
        .args(&files)
        .assert()
        .success();
    let lone = |line: &str| {
        let t = line.trim();
        let bullets = !t.is_empty()
            && t.chars().count() <= 3
            && t.chars().all(manifesto_mashup::text::is_bullet);
        let numbered = t.strip_suffix(['.', ')']).is_some_and(|n| {
            !n.is_empty() && n.len() <= 2 && n.chars().all(|c| c.is_ascii_digit())
        });
        bullets || numbered
    };
    let mut count = 0;
    for entry in walkdir::WalkDir::new(out.path()).into_iter().flatten() {
        if entry.file_type().is_file() {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            count += text.lines().filter(|l| lone(l)).count();
        }
    }
    assert!(count <= 50, "{count} lines are only a list marker");
}
