//! Headless Chromium for the tests of the HTML reports: found on PATH
//! (`.ci/run` installs Debian's `chromium`), run in a fresh profile under a
//! deadline.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// The `chromium` on PATH, or `None` (with a message) when it is missing and
/// not required.
pub fn chromium() -> Option<PathBuf> {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join("chromium"))
            .find(|p| p.is_file())
    });
    if found.is_none() {
        if std::env::var_os("MASHUP_REQUIRE_SHARED").is_some_and(|v| v == "1") {
            panic!("chromium is required (MASHUP_REQUIRE_SHARED=1) but not on PATH");
        }
        eprintln!("skipping: chromium not found (apt-get install chromium)");
    }
    found
}

/// Runs chromium headless on `page` with the extra arguments, in a fresh
/// profile, killing it after a minute.
pub fn run_chromium(chromium: &Path, page: &Path, extra: &[&str]) -> Output {
    let profile = tempfile::tempdir().unwrap();
    let mut child = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-quic",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("chromium starts");
    // Read stdout while waiting, so a large DOM dump cannot fill the pipe.
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        stdout.read_to_end(&mut buf).map(|_| buf)
    });
    let deadline = Instant::now() + Duration::from_secs(60);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium took more than a minute");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let mut stderr = Vec::new();
    if let Some(mut e) = child.stderr.take() {
        let _ = e.read_to_end(&mut stderr);
    }
    Output {
        status,
        stdout: reader.join().unwrap().unwrap(),
        stderr,
    }
}

/// The `<svg id="ID"` element of a dumped DOM, up to its `</svg>`.
pub fn svg_by_id<'a>(dom: &'a str, id: &str) -> Option<&'a str> {
    let start = dom.find(&format!("<svg id=\"{id}\""))?;
    let end = dom[start..].find("</svg>")?;
    Some(&dom[start..start + end])
}
