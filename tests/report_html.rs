//! The HTML report of the real 2015 manifestos, opened in headless Chromium:
//! the page renders (a screenshot that is not blank) and its charts are in
//! the DOM with one bar per party.
//!
//! Needs `../shared` and Debian's `chromium` (`.ci/run` installs it). Without
//! them the test skips with a message, unless `MASHUP_REQUIRE_SHARED=1`.

use crate::util::chromium::{chromium, run_chromium, svg_by_id};
use crate::util::{json, mashup, shared_dir};
use std::path::{Path, PathBuf};

/// Writes `dir/name`, an index of the rows of `corpus/INDEX.tsv` that
/// `keep` takes (given the row's file and text-layer columns), at most
/// `limit` of them, parties from the index, file paths absolute so the index
/// can live anywhere: the index, and the parties and files it names.
fn write_index(
    shared: &Path,
    dir: &Path,
    name: &str,
    limit: usize,
    keep: impl Fn(&str, &str) -> bool,
) -> (PathBuf, Vec<String>, Vec<PathBuf>) {
    let tsv = std::fs::read_to_string(shared.join("corpus/INDEX.tsv")).unwrap();
    let index = dir.join(name);
    let mut csv = csv::Writer::from_path(&index).unwrap();
    csv.write_record(["file", "party", "year", "country"])
        .unwrap();
    let (mut parties, mut files) = (Vec::new(), Vec::new());
    for line in tsv.lines().skip(1) {
        let fields: Vec<&str> = line.split('\t').collect();
        let [file, country, year, party, _, _, layer, ..] = fields[..] else {
            continue;
        };
        if !keep(file, layer) || files.len() == limit {
            continue;
        }
        let path = shared.join("corpus").join(file).canonicalize().unwrap();
        csv.write_record([path.to_str().unwrap(), party, year, country])
            .unwrap();
        parties.push(party.to_string());
        files.push(path);
    }
    csv.flush().unwrap();
    (index, parties, files)
}

/// Writes an index for the six 2015 manifestos.
fn index_2015(shared: &Path, dir: &Path) -> (PathBuf, Vec<String>) {
    let (index, parties, _) = write_index(shared, dir, "uk-2015.csv", usize::MAX, |file, _| {
        file.starts_with("uk-2015/")
    });
    assert_eq!(parties.len(), 6, "INDEX.tsv lists six 2015 manifestos");
    (index, parties)
}

#[test]
fn html_report_of_2015_renders_in_headless_chromium() {
    let Some(shared) = shared_dir() else { return };
    let Some(chromium) = chromium() else { return };
    let dir = tempfile::tempdir().unwrap();
    let (index, parties) = index_2015(&shared, dir.path());
    let html = dir.path().join("report.html");
    mashup()
        .args(["scan", "--format", "html", "-o"])
        .arg(&html)
        .arg("--index")
        .arg(&index)
        .arg(shared.join("corpus/uk-2015"))
        .assert()
        .success();
    // The same scan as JSON validates and has every party.
    let assert = mashup()
        .args(["scan", "--format", "json", "--index"])
        .arg(&index)
        .arg(shared.join("corpus/uk-2015"))
        .assert()
        .success();
    let report = json(&assert.get_output().stdout);
    assert_eq!(report["parties"].as_array().unwrap().len(), parties.len());

    // A screenshot that is not blank.
    let png_path = dir.path().join("shot.png");
    let out = run_chromium(
        &chromium,
        &html,
        &[
            &format!("--screenshot={}", png_path.display()),
            "--window-size=1280,2000",
        ],
    );
    assert!(
        out.status.success() && png_path.is_file(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (width, height, spread, inked) = png_stats(&png_path);
    eprintln!("screenshot: {width}x{height}, grey std dev {spread:.1}, {inked:.3} drawn");
    assert_eq!((width, height), (1280, 2000));
    assert!(
        spread > 10.0,
        "the screenshot is flat (std dev {spread:.1})"
    );
    assert!(
        inked > 0.02,
        "only {:.2}% of the screenshot is drawn",
        inked * 100.0
    );

    // The DOM as rendered: both charts, one bar per party, named.
    let out = run_chromium(&chromium, &html, &["--dump-dom"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let dom = String::from_utf8_lossy(&out.stdout);
    let chart = svg_by_id(&dom, "ranking-chart")
        .unwrap_or_else(|| panic!("no ranking chart in the DOM:\n{dom}"));
    assert_eq!(chart.matches("<rect class=\"bar\"").count(), parties.len());
    for party in &parties {
        let escaped = party.replace('&', "&amp;");
        assert!(
            chart.contains(&format!("data-party=\"{escaped}\"")),
            "{party} has no bar"
        );
    }
    assert!(dom.contains("<svg id=\"category-chart\""));
    assert!(dom.contains("<table class=\"asks\">"));
    assert!(!dom.contains("could not be read"));
}

/// Width, height, standard deviation of the grey level, and the share of
/// pixels that are not (nearly) white.
fn png_stats(path: &Path) -> (u32, u32, f64, f64) {
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(path).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let channels = info.color_type.samples();
    assert_eq!(info.bit_depth, png::BitDepth::Eight);
    let pixels = &buf[..info.buffer_size()];
    let grey: Vec<f64> = pixels
        .chunks_exact(channels)
        .map(|p| {
            if channels >= 3 {
                0.299 * p[0] as f64 + 0.587 * p[1] as f64 + 0.114 * p[2] as f64
            } else {
                p[0] as f64
            }
        })
        .collect();
    let n = grey.len() as f64;
    let mean = grey.iter().sum::<f64>() / n;
    let var = grey.iter().map(|g| (g - mean).powi(2)).sum::<f64>() / n;
    let inked = grey.iter().filter(|&&g| g < 230.0).count() as f64 / n;
    (info.width, info.height, var.sqrt(), inked)
}

/// Issue 25, item 9: the asks tracker with 16 parties, measured in headless
/// Chromium at a laptop's width (1280 px) and a phone's (390 px). The
/// report is shown in two frames of those widths inside a page whose script
/// measures it and writes what it found into its own DOM.
#[test]
fn the_asks_tracker_with_16_parties_fits_a_laptop_and_a_phone() {
    let Some(shared) = shared_dir() else { return };
    let Some(chromium) = chromium() else { return };
    let dir = tempfile::tempdir().unwrap();
    // Sixteen manifestos with a text layer, each a party at an election.
    let (index, _, files) = write_index(&shared, dir.path(), "sixteen.csv", 16, |_, layer| {
        !layer.starts_with("no")
    });
    assert_eq!(files.len(), 16);
    let html = dir.path().join("report.html");
    mashup()
        .args(["scan", "--format", "html", "-o"])
        .arg(&html)
        .arg("--index")
        .arg(&index)
        .args(&files)
        .assert()
        .code(predicates::ord::le(1));
    let probe = dir.path().join("probe.html");
    std::fs::write(&probe, PROBE).unwrap();
    let out = run_chromium(
        &chromium,
        &probe,
        &[
            "--allow-file-access-from-files",
            "--window-size=1400,1000",
            "--virtual-time-budget=20000",
            "--dump-dom",
        ],
    );
    let dom = String::from_utf8_lossy(&out.stdout);
    let found = |id: &str| -> serde_json::Value {
        let start = dom
            .find(&format!("<pre id=\"{id}\">"))
            .unwrap_or_else(|| panic!("no {id} in the probe's DOM:\n{dom}"));
        let text = &dom[start..];
        let text = &text[text.find('>').unwrap() + 1..text.find("</pre>").unwrap()];
        serde_json::from_str(&text.replace("&quot;", "\""))
            .unwrap_or_else(|e| panic!("{e}: {text}"))
    };
    let laptop = found("laptop");
    let phone = found("phone");
    eprintln!("laptop: {laptop}\nphone: {phone}");
    for (name, m) in [("laptop", &laptop), ("phone", &phone)] {
        assert_eq!(m["parties"], 16, "{name}: one column per party");
        assert!(
            m["page_width"].as_f64().unwrap() <= m["viewport"].as_f64().unwrap() + 1.0,
            "{name}: the page itself scrolls sideways: {m}"
        );
        assert_eq!(m["unlabelled_cells"], 0, "{name}: {m}");
    }
    // The laptop: the table scrolls inside its box, the ask column pinned
    // at the left edge while it does, and no ask name cut short.
    assert_eq!(laptop["ask_column"], "sticky");
    assert_eq!(
        laptop["ask_left_after_scroll"],
        laptop["ask_left_before_scroll"]
    );
    assert_eq!(laptop["clipped_asks"], 0, "{laptop}");
    // The phone: each ask is a card that fits the screen, listing the
    // parties that meet it by name.
    assert!(
        phone["table_width"].as_f64().unwrap() <= phone["viewport"].as_f64().unwrap(),
        "{phone}"
    );
    assert!(phone["named_cells"].as_u64().unwrap() > 0, "{phone}");
    assert_eq!(phone["ask_column"], "static");
}

/// The page that measures the report in two frames (see the test above).
const PROBE: &str = r#"<!doctype html><html><body>
<iframe id="laptop-frame" src="report.html" style="width:1280px;height:900px;border:0"></iframe>
<iframe id="phone-frame" src="report.html" style="width:390px;height:900px;border:0"></iframe>
<pre id="laptop"></pre><pre id="phone"></pre>
<script>
function measure(frame) {
  const doc = frame.contentDocument, win = frame.contentWindow;
  const table = doc.querySelector("table.asks");
  const box = table.parentElement;
  const ask = table.querySelector("tbody th");
  const before = ask.getBoundingClientRect().left;
  box.scrollLeft = box.scrollWidth;
  const after = ask.getBoundingClientRect().left;
  box.scrollLeft = 0;
  const cells = [...table.querySelectorAll("tbody td:not(.nobody)")];
  const shown = cells.filter(td => win.getComputedStyle(td).display !== "none");
  const named = shown.filter(td => win.getComputedStyle(td, "::before").content.includes(td.dataset.party || "\u0000"));
  const clipped = [...table.querySelectorAll("tbody th")].filter(th => th.scrollWidth > th.clientWidth + 1);
  return {
    viewport: win.innerWidth,
    page_width: doc.documentElement.scrollWidth,
    table_width: table.getBoundingClientRect().width,
    parties: table.querySelectorAll("thead th").length - 1,
    ask_column: win.getComputedStyle(ask).position,
    ask_left_before_scroll: Math.round(before),
    ask_left_after_scroll: Math.round(after),
    unlabelled_cells: cells.filter(td => !td.dataset.party).length,
    named_cells: named.length,
    clipped_asks: clipped.length,
  };
}
window.addEventListener("load", () => {
  for (const name of ["laptop", "phone"]) {
    document.getElementById(name).textContent = JSON.stringify(measure(document.getElementById(name + "-frame")));
  }
});
</script></body></html>"#;
