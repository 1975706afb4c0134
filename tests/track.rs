//! `mashup track` end to end, on the real government documents in
//! `../shared/track`: the spreadsheet read back with calamine, the workbook
//! given back as decisions, and the HTML page opened in headless Chromium at
//! a phone's width and a laptop's.
//!
//! Needs `../shared` (and, for the page, Debian's `chromium`, which `.ci/run`
//! installs). Without them the tests skip with a message, unless
//! `MASHUP_REQUIRE_SHARED=1`.

use crate::util::chromium::{chromium, run_chromium};
use crate::util::{mashup, root, shared_dir};
use calamine::{Data, Reader, Xlsx};
use std::path::{Path, PathBuf};

/// The asks of the built-in lexicon, by id, in order.
fn builtin_asks() -> Vec<String> {
    let text = std::fs::read_to_string(root().join("keywords/social-economy.toml")).unwrap();
    let lexicon: toml::Value = toml::from_str(&text).unwrap();
    lexicon["ask"]
        .as_array()
        .expect("the built-in lexicon has asks")
        .iter()
        .map(|a| a["id"].as_str().unwrap().to_string())
        .collect()
}

/// `track` over `../shared/track` as JSON.
fn track_json(shared: &Path, extra: &[&Path]) -> serde_json::Value {
    let mut cmd = mashup();
    cmd.args(["track", "--format", "json"])
        .arg(shared.join("track"));
    for decisions in extra {
        cmd.arg("--decisions").arg(decisions);
    }
    let out = cmd.assert().success();
    serde_json::from_slice(&out.get_output().stdout).expect("track writes JSON")
}

/// A sheet's cells as text, row by row.
fn sheet(book: &mut Xlsx<std::io::BufReader<std::fs::File>>, name: &str) -> Vec<Vec<String>> {
    let range = book.worksheet_range(name).unwrap();
    range
        .rows()
        .map(|row| {
            row.iter()
                .map(|c| match c {
                    Data::String(s) => s.clone(),
                    Data::Empty => String::new(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}

/// `track --format xlsx` of the shared documents, in a temporary folder
/// (kept alive by the guard returned with the path).
fn workbook_of(shared: &Path) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("asks.xlsx");
    mashup()
        .args(["track", "--format", "xlsx", "-o"])
        .arg(&path)
        .arg(shared.join("track"))
        .assert()
        .success();
    (dir, path)
}

#[test]
fn xlsx_of_the_shared_documents_has_asks_evidence_and_documents() {
    let Some(shared) = shared_dir() else { return };
    let (_dir, path) = workbook_of(&shared);
    let json = track_json(&shared, &[]);

    let mut book: Xlsx<_> = calamine::open_workbook(&path).unwrap();
    assert_eq!(book.sheet_names(), ["Asks", "Evidence", "Documents"]);

    // Asks: one row per ask of the built-in lexicon, in its order.
    let asks = sheet(&mut book, "Asks");
    assert_eq!(
        asks[0],
        [
            "Ask",
            "Id",
            "Stage",
            "Stalled",
            "Date",
            "Evidence pieces",
            "Deciding quote",
            "Document",
            "Parties",
            "Verdict",
            "Note"
        ]
    );
    let ids: Vec<&str> = asks[1..].iter().map(|r| r[1].as_str()).collect();
    assert_eq!(ids, builtin_asks());
    for (row, ask) in asks[1..].iter().zip(json["asks"].as_array().unwrap()) {
        assert_eq!(row[0], ask["label"].as_str().unwrap());
        assert_eq!(
            row[5],
            ask["timeline"].as_array().unwrap().len().to_string(),
            "{row:?}"
        );
        // Dates are ISO text, never Excel serial numbers.
        assert_eq!(row[4], ask["date"].as_str().unwrap_or(""), "{row:?}");
        assert_eq!(row[9], "not yet rated");
    }

    // Evidence: evidence.csv's columns, the same ids as the JSON.
    let evidence = sheet(&mut book, "Evidence");
    assert_eq!(
        evidence[0],
        [
            "id", "ask", "decision", "note", "stage", "reason", "date", "kind", "title", "place",
            "url", "quote", "new", "path"
        ]
    );
    let sheet_ids: Vec<&str> = evidence[1..].iter().map(|r| r[0].as_str()).collect();
    let json_ids: Vec<&str> = json["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert!(!json_ids.is_empty(), "the shared documents give evidence");
    assert_eq!(sheet_ids, json_ids);

    // A link wherever evidence has a web address, to that address.
    let links = book.hyperlinks_by_sheet_name("Evidence").unwrap();
    let mut linked = 0;
    for (i, e) in json["evidence"].as_array().unwrap().iter().enumerate() {
        let row = i as u32 + 1;
        let link = links.iter().find(|l| l.range.start == (row, 10));
        match e["url"].as_str().filter(|u| u.starts_with("http")) {
            Some(url) => {
                let link = link.unwrap_or_else(|| panic!("no link for {url} in row {row}"));
                // Excel keeps a `#fragment` apart from the address.
                let mut target = link.target.clone().unwrap_or_default();
                if let Some(fragment) = &link.location {
                    target = format!("{target}#{fragment}");
                }
                assert_eq!(target, url);
                assert_eq!(evidence[i + 1][10], url);
                linked += 1;
            }
            None => assert!(link.is_none(), "row {row} is linked without an address"),
        }
    }
    assert!(linked > 0, "some evidence has a web address");
    // The Asks sheet links the deciding evidence's document.
    let ask_links = book.hyperlinks_by_sheet_name("Asks").unwrap();
    let asks_with_url = json["asks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["url"].as_str().is_some_and(|u| u.starts_with("http")))
        .count();
    assert_eq!(ask_links.len(), asks_with_url);
    assert!(ask_links.iter().all(|l| l.range.start.1 == 7));

    // Documents: one row per document, as the JSON lists them.
    let documents = sheet(&mut book, "Documents");
    assert_eq!(
        documents[0],
        [
            "path",
            "title",
            "kind",
            "date",
            "date role",
            "url",
            "status",
            "message",
            "evidence count"
        ]
    );
    let paths: Vec<&str> = documents[1..].iter().map(|r| r[0].as_str()).collect();
    let json_paths: Vec<&str> = json["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, json_paths);
}

#[test]
fn xlsx_needs_an_output_file() {
    mashup()
        .args(["track", "--format", "xlsx", "."])
        .assert()
        .failure()
        .stderr(predicates::str::contains("-o FILE.xlsx"));
}

#[test]
fn the_workbook_is_read_back_as_decisions() {
    let Some(shared) = shared_dir() else { return };
    let (_dir, path) = workbook_of(&shared);
    // Given back unedited, every piece of evidence has been seen and no row
    // is a warning.
    let json = track_json(&shared, &[&path]);
    let evidence = json["evidence"].as_array().unwrap();
    assert!(!evidence.is_empty());
    assert!(evidence.iter().all(|e| e["new"] == false), "all seen");
    let warnings: Vec<&str> = json["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|w| w.as_str())
        .filter(|w| w.contains("asks.xlsx"))
        .collect();
    assert!(warnings.is_empty(), "{warnings:?}");
}

/// A manifestos report of the 2015 manifestos (`scan --format json`), so
/// the asks have parties.
fn manifestos_2015(shared: &Path, dir: &Path) -> PathBuf {
    let report = dir.join("manifestos.json");
    // The index names the files relative to itself, as `../../shared/...`
    // from docs/: write it afresh with absolute paths.
    let index = std::fs::read_to_string(root().join("docs/uk-2015-index.csv")).unwrap();
    let corpus = shared.join("corpus/uk-2015").canonicalize().unwrap();
    let index: String = index
        .lines()
        .map(
            |line| match line.split_once("../../shared/corpus/uk-2015/") {
                Some((_, rest)) => format!("{}/{rest}\n", corpus.display()),
                None => format!("{line}\n"),
            },
        )
        .collect();
    let index_path = dir.join("uk-2015.csv");
    std::fs::write(&index_path, index).unwrap();
    mashup()
        .args(["scan", "--format", "json", "-o"])
        .arg(&report)
        .arg("--index")
        .arg(&index_path)
        .arg(&corpus)
        .assert()
        .success();
    report
}

/// A page that shows `html` in a frame `width` by `height` CSS pixels
/// (headless Chromium's window is at least 500 px wide, so a phone's width is
/// a frame's), and, once loaded, writes into its own DOM the frame page's
/// scroll width, its client width and the frame's inner width.
fn measuring_page(html: &str, width: u32, height: u32) -> String {
    let srcdoc = html.replace('&', "&amp;").replace('"', "&quot;");
    format!(
        "<!DOCTYPE html><html><body style=\"margin:0\"><iframe id=\"f\" style=\"border:0;width:{width}px;height:{height}px\" srcdoc=\"{srcdoc}\"></iframe><script>window.addEventListener('load', function () {{ var f = document.getElementById('f'); var d = f.contentDocument.documentElement; var p = document.createElement('p'); p.id = 'measure'; p.textContent = [d.scrollWidth, d.clientWidth, f.contentWindow.innerWidth].join(' '); document.body.appendChild(p); }});</script></body></html>"
    )
}

#[test]
fn html_fits_a_phone_and_a_laptop_in_headless_chromium() {
    let Some(shared) = shared_dir() else { return };
    let Some(chromium) = chromium() else { return };
    let dir = tempfile::tempdir().unwrap();
    let manifestos = manifestos_2015(&shared, dir.path());
    let html_path = dir.path().join("track.html");
    mashup()
        .args(["track", "--format", "html", "-o"])
        .arg(&html_path)
        .arg("--manifestos")
        .arg(&manifestos)
        .arg(shared.join("track"))
        .assert()
        .success();
    let html = std::fs::read_to_string(&html_path).unwrap();
    assert!(!html.contains("<script"), "the page has no script");
    for resource in ["src=\"http", "href=\"//", "@import", "url("] {
        assert!(!html.contains(resource), "the page fetches {resource}");
    }
    let json: serde_json::Value = {
        let out = mashup()
            .args(["track", "--format", "json", "--manifestos"])
            .arg(&manifestos)
            .arg(shared.join("track"))
            .assert()
            .success();
        serde_json::from_slice(&out.get_output().stdout).unwrap()
    };
    let asks = json["asks"].as_array().unwrap();
    let pledged = asks
        .iter()
        .filter(|a| {
            !a["parties"].as_array().unwrap().is_empty()
                && !a["timeline"].as_array().unwrap().is_empty()
        })
        .count();
    assert!(pledged > 0, "some ask with evidence was pledged");
    assert_eq!(html.matches("<h3>Pledged by</h3>").count(), pledged);
    assert_eq!(
        html.matches("<section class=\"ask\"").count(),
        asks.iter()
            .filter(|a| !a["timeline"].as_array().unwrap().is_empty())
            .count()
    );
    assert_eq!(
        html.matches("<tr><td data-label=\"Ask\">").count(),
        asks.len()
    );

    for (width, height) in [(390, 844), (1280, 900)] {
        let measured = dir.path().join(format!("measured-{width}.html"));
        std::fs::write(&measured, measuring_page(&html, width, height)).unwrap();
        let out = run_chromium(
            &chromium,
            &measured,
            &[
                &format!("--window-size={},{}", width.max(500) + 40, height + 40),
                "--virtual-time-budget=5000",
                "--dump-dom",
            ],
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let dom = String::from_utf8_lossy(&out.stdout);
        let start = dom
            .find("<p id=\"measure\">")
            .unwrap_or_else(|| panic!("the script did not run:\n{dom}"))
            + "<p id=\"measure\">".len();
        let end = start + dom[start..].find('<').unwrap();
        let sizes: Vec<u32> = dom[start..end]
            .split(' ')
            .map(|n| n.parse().unwrap())
            .collect();
        let [scroll, client, inner] = sizes[..] else {
            panic!("measured {sizes:?}")
        };
        eprintln!("at {width} px: page {scroll} px wide, {client} px shown, frame {inner} px");
        assert_eq!(inner, width, "the frame is {width} px wide");
        assert!(
            scroll <= client,
            "at {width} px the page is {scroll} px wide but {client} px show: it scrolls sideways"
        );
        // A screenshot for a person to look at (MASHUP_KEEP_SCREENSHOTS=DIR).
        if let Some(keep) = std::env::var_os("MASHUP_KEEP_SCREENSHOTS") {
            let png = Path::new(&keep).join(format!("track-{width}.png"));
            let shot = dir.path().join(format!("shot-{width}.html"));
            std::fs::write(&shot, measuring_page(&html, width, height * 4)).unwrap();
            let out = run_chromium(
                &chromium,
                &shot,
                &[
                    &format!("--window-size={},{}", width.max(500), height * 4),
                    &format!("--screenshot={}", png.display()),
                ],
            );
            assert!(out.status.success());
        }
    }
}

/// Bad documents beside good ones: each is named with its reason on stderr
/// and listed as an error, the good one is still followed, and the exit
/// status says some failed. A path that does not exist is named too.
#[test]
fn bad_documents_are_named_and_the_rest_goes_on() {
    let Some(shared) = shared_dir() else { return };
    let dir = tempfile::tempdir().unwrap();
    let good = shared.join("track/govuk_business-finance-support_big-issue-invest.json");
    std::fs::copy(&good, dir.path().join("good.json")).unwrap();
    std::fs::write(dir.path().join("broken.xml"), "<Legislation><Body><P1>").unwrap();
    std::fs::write(
        dir.path().join("other.xml"),
        "<catalogue><book/></catalogue>",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("report.json"),
        r#"{"schema_version": 7, "documents": []}"#,
    )
    .unwrap();
    std::fs::write(dir.path().join("truncated.json"), r#"{"document_type": "#).unwrap();
    std::fs::write(dir.path().join("not-a-zip.docx"), "plain text").unwrap();
    let out = mashup()
        .args(["track", "--format", "json"])
        .arg(dir.path())
        .arg(dir.path().join("missing.xml"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    for (file, reason) in [
        ("broken.xml", "malformed XML at line 1"),
        ("other.xml", "root element is `catalogue`"),
        ("report.json", "not a GOV.UK content item"),
        ("truncated.json", "malformed JSON"),
        ("not-a-zip.docx", "zip"),
        ("missing.xml", "no such file"),
    ] {
        let line = stderr
            .lines()
            .find(|l| l.contains(file))
            .unwrap_or_else(|| panic!("{file} not named:\n{stderr}"));
        assert!(
            line.to_lowercase().contains(&reason.to_lowercase()),
            "{file}: {line}"
        );
    }
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let documents = json["documents"].as_array().unwrap();
    assert_eq!(documents.len(), 7);
    let good = documents
        .iter()
        .find(|d| d["path"].as_str().unwrap().ends_with("good.json"))
        .unwrap();
    assert_eq!(good["status"], "ok");
    assert!(json["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["path"].as_str().unwrap().ends_with("good.json")));
}
