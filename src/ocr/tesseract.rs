//! The recogniser: Tesseract's command-line program, run once per page as
//! OCRmyPDF runs it.
//!
//! The program rather than libtesseract through bindings, so that the
//! default build stays pure Rust with nothing to install at build time, and
//! OCR is switched on by installing one Debian package. Starting the program
//! costs about 0.1 s against several seconds of recognition per page. Two
//! settings that matter are made explicit: automatic page segmentation
//! (`--psm 3`: a manifesto page is columns, headings and captions, not one
//! block) and the resolution the page was rendered at (`--dpi`). Debian's
//! build uses OpenMP, which on two cores makes a page several times slower
//! when pages already run in parallel, so each run gets
//! `OMP_THREAD_LIMIT=1` and the pages are spread over our own workers.

use serde::{Deserialize, Serialize};
use std::io::Read;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Duration;
use wait_timeout::ChildExt;

use super::render::GreyImage;

/// The longest one page may take before it is given up (a page of dense
/// small print takes under 20 s on this project's machines): no input can
/// hang a scan.
const PAGE_TIMEOUT: Duration = Duration::from_secs(180);

/// Why Tesseract cannot be used as asked.
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    /// The program is not on the PATH (or does not run).
    #[error("Tesseract is not installed (no `tesseract` program on the PATH); install it with: sudo apt-get install tesseract-ocr")]
    NotInstalled,
    /// A language asked for has no trained data installed.
    #[error("Tesseract has no trained data for language `{language}` (installed: {installed}); install it with: sudo apt-get install {package}")]
    MissingLanguage {
        /// The language code asked for.
        language: String,
        /// Debian's package that brings it.
        package: String,
        /// The languages that are installed, comma-separated.
        installed: String,
    },
}

/// Tesseract, found and checked: its version and the language(s) it reads.
#[derive(Clone, Debug)]
pub struct Tesseract {
    program: PathBuf,
    version: String,
    language: String,
}

impl Tesseract {
    /// Finds `tesseract` on the PATH and checks that every language of
    /// `language` (Tesseract's form: `eng`, or `eng+cym`) is installed.
    pub fn find(language: &str) -> Result<Tesseract, EngineError> {
        let program = PathBuf::from("tesseract");
        let version = run_quietly(&program, &["--version"]).ok_or(EngineError::NotInstalled)?;
        // "tesseract 5.3.0" on the first line (stdout, or stderr in 3.x).
        let version = version
            .lines()
            .find_map(|l| l.trim().strip_prefix("tesseract "))
            .map(str::trim)
            .unwrap_or("unknown")
            .to_string();
        let listed = run_quietly(&program, &["--list-langs"]).unwrap_or_default();
        // The first line names the folder; each later line is a language.
        let installed: Vec<&str> = listed
            .lines()
            .skip_while(|l| !l.starts_with("List of available languages"))
            .skip(1)
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        for wanted in language.split('+') {
            if !installed.contains(&wanted) {
                return Err(EngineError::MissingLanguage {
                    language: wanted.to_string(),
                    package: debian_package(wanted),
                    installed: if installed.is_empty() {
                        "none".into()
                    } else {
                        installed.join(", ")
                    },
                });
            }
        }
        Ok(Tesseract {
            program,
            version,
            language: language.to_string(),
        })
    }

    /// The program's version, as it reports it (`5.3.0`).
    pub fn version(&self) -> &str {
        &self.version
    }

    /// The language(s) it reads.
    pub fn language(&self) -> &str {
        &self.language
    }

    /// Recognises one page image: its words in Tesseract's reading order,
    /// grouped into paragraphs and lines, with their confidence.
    pub fn recognise(&self, image: GreyImage) -> Result<Recognised, String> {
        self.run(image, PageLayout::Page)
    }

    /// Recognises an image that is one column of lines, top to bottom (a
    /// strip of lines cut from pages), without looking for columns.
    pub fn recognise_lines(&self, image: GreyImage) -> Result<Recognised, String> {
        self.run(image, PageLayout::Lines)
    }

    fn run(&self, image: GreyImage, layout: PageLayout) -> Result<Recognised, String> {
        let dpi = image.dpi.to_string();
        let psm = match layout {
            PageLayout::Page => "3",
            PageLayout::Lines => "6",
        };
        let mut child = Command::new(&self.program)
            .args(["stdin", "stdout", "--psm", psm, "--dpi", &dpi, "-l"])
            .arg(&self.language)
            .arg("tsv")
            .env("OMP_THREAD_LIMIT", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot start Tesseract: {e}"))?;
        // The image goes in and the results come out on threads of their
        // own, so that neither pipe can fill up and stall the other.
        let mut stdin = child.stdin.take().expect("stdin is piped");
        let writer = std::thread::spawn(move || image.write_pgm(&mut stdin));
        let mut stdout = child.stdout.take().expect("stdout is piped");
        let reader = std::thread::spawn(move || {
            let mut out = Vec::new();
            stdout.read_to_end(&mut out).map(|_| out)
        });
        let mut stderr = child.stderr.take().expect("stderr is piped");
        let errors = std::thread::spawn(move || {
            let mut out = String::new();
            let _ = stderr.read_to_string(&mut out);
            out
        });
        let status = match child.wait_timeout(PAGE_TIMEOUT) {
            Ok(Some(status)) => status,
            Ok(None) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!(
                    "Tesseract took more than {} s on this page and was stopped",
                    PAGE_TIMEOUT.as_secs()
                ));
            }
            Err(e) => return Err(format!("waiting for Tesseract failed: {e}")),
        };
        let _ = writer.join();
        let tsv = reader
            .join()
            .map_err(|_| "reading Tesseract's output failed".to_string())?
            .map_err(|e| format!("reading Tesseract's output failed: {e}"))?;
        let messages = errors.join().unwrap_or_default();
        if !status.success() {
            let said = messages
                .lines()
                .rev()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("no message");
            return Err(format!("Tesseract failed ({status}): {said}"));
        }
        Ok(parse_tsv(&String::from_utf8_lossy(&tsv)))
    }
}

/// How Tesseract is to find the text in an image (its page segmentation mode).
#[derive(Clone, Copy)]
enum PageLayout {
    /// A whole page: columns, blocks and paragraphs found automatically (3).
    Page,
    /// A single uniform block of lines (6).
    Lines,
}

/// Runs `program args` and returns what it printed (stdout, then stderr),
/// or `None` when it cannot be run or fails.
fn run_quietly(program: &PathBuf, args: &[&str]) -> Option<String> {
    let out = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&out.stderr));
    Some(text)
}

/// Debian's package for a Tesseract language: `tesseract-ocr-` and the
/// code, lower case, with `_` as `-` (`chi_sim` is `tesseract-ocr-chi-sim`).
fn debian_package(language: &str) -> String {
    format!(
        "tesseract-ocr-{}",
        language.to_ascii_lowercase().replace('_', "-")
    )
}

/// What Tesseract read on one page.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Recognised {
    /// Paragraphs in reading order.
    pub paragraphs: Vec<Vec<RecognisedLine>>,
}

/// One line of recognised words.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RecognisedLine {
    /// Left, top, right and bottom, in pixels from the top left.
    pub bbox: [u32; 4],
    /// The words, each with its confidence (0 to 100).
    pub words: Vec<(String, f32)>,
}

impl Recognised {
    /// The number of words and their mean confidence (0 to 100); `None`
    /// when nothing was recognised.
    pub fn confidence(&self) -> (u32, Option<f32>) {
        let (mut n, mut sum) = (0u32, 0f64);
        for line in self.paragraphs.iter().flatten() {
            for (_, conf) in &line.words {
                n += 1;
                sum += f64::from(*conf);
            }
        }
        (n, (n > 0).then(|| (sum / f64::from(n)) as f32))
    }
}

/// Parses Tesseract's TSV output: one row per page, block, paragraph, line
/// and word (levels 1 to 5), with a box and, for words, a confidence and
/// the text. Rows that do not parse, and words that are only space, are
/// skipped.
fn parse_tsv(tsv: &str) -> Recognised {
    let mut out = Recognised::default();
    let mut current: Option<(u32, u32, u32)> = None;
    for row in tsv.lines().skip(1) {
        let cols: Vec<&str> = row.split('\t').collect();
        if cols.len() < 12 || cols[0] != "5" {
            continue;
        }
        let num = |i: usize| cols[i].trim().parse::<u32>().ok();
        let (Some(block), Some(par), Some(line)) = (num(2), num(3), num(4)) else {
            continue;
        };
        let (Some(left), Some(top), Some(width), Some(height)) = (num(6), num(7), num(8), num(9))
        else {
            continue;
        };
        let text = cols[11..].join("\t");
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        let conf = cols[10]
            .trim()
            .parse::<f32>()
            .unwrap_or(0.0)
            .clamp(0.0, 100.0);
        let bbox = [left, top, left + width, top + height];
        if current.map(|(b, p, _)| (b, p)) != Some((block, par)) {
            out.paragraphs.push(Vec::new());
        }
        let paragraph = out.paragraphs.last_mut().expect("pushed above");
        if current != Some((block, par, line)) || paragraph.is_empty() {
            paragraph.push(RecognisedLine {
                bbox,
                words: Vec::new(),
            });
        }
        current = Some((block, par, line));
        let line = paragraph.last_mut().expect("pushed above");
        line.bbox = [
            line.bbox[0].min(bbox[0]),
            line.bbox[1].min(bbox[1]),
            line.bbox[2].max(bbox[2]),
            line.bbox[3].max(bbox[3]),
        ];
        line.words.push((text.to_string(), conf));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const TSV: &str = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext
1\t1\t0\t0\t0\t0\t0\t0\t2480\t3508\t-1\t
2\t1\t1\t0\t0\t0\t100\t100\t900\t80\t-1\t
3\t1\t1\t1\t0\t0\t100\t100\t900\t80\t-1\t
4\t1\t1\t1\t1\t0\t100\t100\t900\t30\t-1\t
5\t1\t1\t1\t1\t1\t100\t100\t200\t30\t96.5\tSupport
5\t1\t1\t1\t1\t2\t320\t102\t300\t28\t90.5\tco-operatives
4\t1\t1\t1\t2\t0\t100\t140\t500\t30\t-1\t
5\t1\t1\t1\t2\t1\t100\t140\t500\t30\t80\tmutuals.
5\t1\t1\t1\t2\t2\t700\t140\t10\t30\t95\t 
3\t1\t1\t2\t0\t0\t100\t300\t900\t30\t-1\t
5\t1\t1\t2\t1\t1\t100\t300\t150\t30\t70\tNext
";

    #[test]
    fn tsv_rows_become_paragraphs_lines_and_words() {
        let r = parse_tsv(TSV);
        assert_eq!(r.paragraphs.len(), 2);
        assert_eq!(r.paragraphs[0].len(), 2);
        let first = &r.paragraphs[0][0];
        assert_eq!(first.bbox, [100, 100, 620, 130]);
        let words: Vec<&str> = first.words.iter().map(|(w, _)| w.as_str()).collect();
        assert_eq!(words, ["Support", "co-operatives"]);
        // The space-only word is dropped.
        assert_eq!(r.paragraphs[0][1].words.len(), 1);
        let (n, mean) = r.confidence();
        assert_eq!(n, 4);
        assert!((mean.unwrap() - 84.25).abs() < 1e-4);
    }

    #[test]
    fn nothing_recognised_has_no_confidence() {
        assert_eq!(parse_tsv("").confidence(), (0, None));
        assert_eq!(parse_tsv("header\n5\tbroken").paragraphs.len(), 0);
    }

    #[test]
    fn language_packages_are_named_as_debian_names_them() {
        assert_eq!(debian_package("cym"), "tesseract-ocr-cym");
        assert_eq!(debian_package("chi_sim"), "tesseract-ocr-chi-sim");
    }
}
