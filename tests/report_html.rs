//! The HTML report of the real 2015 manifestos, opened in headless Chromium:
//! the page renders (a screenshot that is not blank) and its charts are in
//! the DOM with one bar per party.
//!
//! Needs `../shared` and Debian's `chromium` (`.ci/run` installs it). Without
//! them the test skips with a message, unless `MASHUP_REQUIRE_SHARED=1`.

use crate::util::chromium::{chromium, run_chromium, svg_by_id};
use crate::util::{json, mashup, shared_dir};
use std::path::{Path, PathBuf};

/// Writes an index for the six 2015 manifestos, parties from
/// `corpus/INDEX.tsv`, file paths absolute so the index can live anywhere.
fn index_2015(shared: &Path, dir: &Path) -> (PathBuf, Vec<String>) {
    let tsv = std::fs::read_to_string(shared.join("corpus/INDEX.tsv")).unwrap();
    let mut csv = csv::Writer::from_path(dir.join("uk-2015.csv")).unwrap();
    csv.write_record(["file", "party", "year", "country"])
        .unwrap();
    let mut parties = Vec::new();
    for line in tsv.lines().skip(1) {
        let fields: Vec<&str> = line.split('\t').collect();
        let [file, country, year, party, ..] = fields[..] else {
            continue;
        };
        if !file.starts_with("uk-2015/") {
            continue;
        }
        let path = shared.join("corpus").join(file).canonicalize().unwrap();
        csv.write_record([path.to_str().unwrap(), party, year, country])
            .unwrap();
        parties.push(party.to_string());
    }
    csv.flush().unwrap();
    assert_eq!(parties.len(), 6, "INDEX.tsv lists six 2015 manifestos");
    (dir.join("uk-2015.csv"), parties)
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
