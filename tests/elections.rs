//! Elections side by side (issue 13): the 68 manifestos of `../shared/corpus`
//! with `docs/uk-corpus-index.csv` (their names and metadata only), and the
//! language check on files built here.

use crate::util::{json, mashup, root, shared_dir};
use std::path::{Path, PathBuf};

/// Scans all of `../shared/corpus` with the shipped index into `dir`,
/// returning the JSON report's path.
fn scan_corpus(shared: &Path, dir: &Path) -> PathBuf {
    let saved = dir.join("corpus.json");
    mashup()
        .args(["scan", "--format", "json", "-o"])
        .arg(&saved)
        .arg(shared.join("corpus"))
        .arg("--index")
        .arg(root().join("docs/uk-corpus-index.csv"))
        .assert()
        .success();
    saved
}

#[test]
fn the_corpus_is_reported_election_by_election_and_welsh_is_not_matched() {
    let Some(shared) = shared_dir() else { return };
    let dir = tempfile::tempdir().unwrap();
    let saved = scan_corpus(&shared, dir.path());
    let report = json(&std::fs::read(&saved).unwrap());

    // Every election of the index, newest first, both of 1974 apart.
    let elections: Vec<&str> = report["elections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["election"].as_str().unwrap())
        .collect();
    assert_eq!(elections.first(), Some(&"2024"));
    assert_eq!(elections.last(), Some(&"1945"));
    assert_eq!(elections.len(), 22, "{elections:?}");
    let at = |e: &str| elections.iter().position(|x| *x == e).unwrap();
    assert!(at("1974-10") < at("1974-02") && at("1979") < at("1974-10"));
    let mut sorted = elections.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(elections, sorted);

    // Parties per election: Labour 1945 and Labour 2015 are two rows, and an
    // election's totals are its parties' sums.
    let parties = report["parties"].as_array().unwrap();
    let row = |party: &str, election: &str| {
        parties
            .iter()
            .find(|p| p["party"] == party && p["election"] == election)
            .unwrap_or_else(|| panic!("no row for {party} {election}"))
    };
    assert_eq!(row("Labour", "1945")["documents"], 1);
    assert_eq!(
        row("Labour", "2015")["documents"],
        2,
        "two copies in the corpus"
    );
    assert_eq!(row("Scottish Labour", "2017")["family"], "Labour");
    assert_eq!(row("Liberal Party", "2017")["family"], "Liberal Party");
    for e in report["elections"].as_array().unwrap() {
        let of_election = parties.iter().filter(|p| p["election"] == e["election"]);
        let policies: u64 = of_election.map(|p| p["policies"].as_u64().unwrap()).sum();
        assert_eq!(
            e["policies"].as_u64().unwrap(),
            policies,
            "{}",
            e["election"]
        );
    }

    // The two Welsh-language manifestos: detected as Welsh, not matched, and
    // counted nowhere.
    let welsh: Vec<&serde_json::Value> = report["documents"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["status"] == "not_matched")
        .collect();
    assert_eq!(welsh.len(), 2);
    for doc in &welsh {
        assert_eq!(doc["language"]["code"], "cy", "{}", doc["path"]);
        assert_eq!(doc["language"]["source"], "detected");
        assert_eq!(doc["mentions"], 0);
        let party = row(doc["party"].as_str().unwrap(), "2017");
        assert_eq!(
            (party["documents"].as_u64(), party["unread"].as_u64()),
            (Some(0), Some(1))
        );
    }
    assert_eq!(report["totals"]["not_matched"], 2);
    assert_eq!(report["lexicon"]["language"], "en");

    // The table: one block per election, newest first, the Welsh files
    // listed under it.
    let table = mashup()
        .args(["report", "--format", "table"])
        .arg(&saved)
        .output()
        .unwrap();
    let table = String::from_utf8(table.stdout).unwrap();
    let heads: Vec<&str> = table
        .lines()
        .filter_map(|l| l.strip_prefix("Election "))
        .map(|l| l.split(':').next().unwrap())
        .collect();
    assert_eq!(heads, elections);
    assert!(table.contains("not matched: ") && table.contains("Forward_Together_Cym.pdf"));
}

#[test]
fn a_language_given_by_the_index_is_taken_and_one_scan_of_one_election_keeps_its_shape() {
    let dir = tempfile::tempdir().unwrap();
    let english = "We will back co-operatives and mutuals in every town, and we will \
                   support community energy schemes owned by the people they serve.\n";
    std::fs::write(dir.path().join("a.txt"), english).unwrap();
    std::fs::write(dir.path().join("b.txt"), english).unwrap();
    std::fs::write(
        dir.path().join("index.csv"),
        "file,party,year,language\na.txt,Alpha,2024,\nb.txt,Beta,2024,cy\n",
    )
    .unwrap();
    let out = mashup()
        .args(["scan", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    let report = json(&out.stdout);
    let docs = report["documents"].as_array().unwrap();
    assert_eq!(docs[0]["status"], "ok");
    assert_eq!(docs[0]["language"]["source"], "detected");
    assert_eq!(docs[1]["status"], "not_matched");
    assert_eq!(
        docs[1]["language"],
        serde_json::json!({"code": "cy", "source": "index"})
    );
    let table = mashup().arg("scan").arg(dir.path()).output().unwrap();
    let table = String::from_utf8(table.stdout).unwrap();
    assert!(
        table.starts_with("Party"),
        "one election: one table, as before\n{table}"
    );
    assert!(!table.contains("Election "));
    assert!(table.contains("not matched: "), "{table}");
    assert!(
        table.contains("b.txt (written in Welsh (cy, as the index says)"),
        "{table}"
    );
}

/// The HTML report of all 68 manifestos in headless Chromium at a phone's
/// width: the trend chart has one line per party family with three or more
/// elections read, and the page does not scroll sideways.
#[test]
fn the_trend_chart_renders_on_a_phone() {
    let Some(shared) = shared_dir() else { return };
    let Some(chromium) = crate::util::chromium::chromium() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let saved = scan_corpus(&shared, dir.path());
    let html = dir.path().join("report.html");
    mashup()
        .args(["report", "--format", "html", "-o"])
        .arg(&html)
        .arg(&saved)
        .assert()
        .success();
    // Long unbreakable file names and paths (the unread list names each
    // file by its path as given) must wrap rather than widen the page.
    // Headless Chromium will not make a window narrower than 500 px, so the
    // report is laid out in a 390 px frame, and a script records how wide
    // its content is.
    let probe = dir.path().join("probe.html");
    std::fs::write(
        &probe,
        "<!DOCTYPE html><html><body style=\"margin:0\"><iframe id=\"f\" src=\"report.html\" \
         style=\"width:390px;height:844px;border:0\"></iframe><script>\
         window.addEventListener('load', function () { var d = document.getElementById('f')\
         .contentDocument; document.body.setAttribute('data-scroll-width', \
         d.documentElement.scrollWidth); });</script></body></html>",
    )
    .unwrap();
    let out = crate::util::chromium::run_chromium(
        &chromium,
        &probe,
        &["--allow-file-access-from-files", "--dump-dom"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let dom = String::from_utf8_lossy(&out.stdout);
    let width: u32 = dom
        .split("data-scroll-width=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .and_then(|w| w.parse().ok())
        .unwrap_or_else(|| panic!("no width recorded: {dom}"));
    assert!(
        width <= 390,
        "the page is {width} px wide in a 390 px frame"
    );

    let out = crate::util::chromium::run_chromium(&chromium, &html, &["--dump-dom"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let dom = String::from_utf8_lossy(&out.stdout);
    let chart = crate::util::chromium::svg_by_id(&dom, "trend-chart")
        .unwrap_or_else(|| panic!("no trend chart in the DOM"));
    let mut families: Vec<&str> = chart
        .split("data-family=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect();
    families.sort();
    families.dedup();
    // The families the index gives three or more elections read: Labour
    // (1945 to 2017), the Conservatives (1945 to 2024) and the Liberal
    // Democrats (2005 to 2019).
    assert_eq!(families, ["Conservative", "Labour", "Liberal Democrats"]);
    let report = json(&std::fs::read(&saved).unwrap());
    let categories = report["lexicon"]["categories"].as_array().unwrap().len();
    assert_eq!(dom.matches("<svg id=\"trend-").count(), 1 + categories);
    // What changed for each family since its previous election read.
    assert!(dom.contains("<section id=\"changes\">"));
    assert!(dom.contains("<h3>Conservative: 2017 → 2024</h3>"));
    assert!(dom.contains("<h3>Labour: 2015 → 2017</h3>"));
    let markdown = mashup()
        .args(["report", "--format", "markdown"])
        .arg(&saved)
        .output()
        .unwrap();
    let markdown = String::from_utf8(markdown.stdout).unwrap();
    assert!(markdown.contains("## What changed since the last election"));
    assert!(markdown.contains("### Liberal Democrats: 2017 → 2019"));
    assert!(markdown.contains("## Trends across elections"));
}
