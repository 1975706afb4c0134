//! Writes the project's sample corpus: short manifestos of invented parties, typeset as PDFs that
//! vary the way real manifesto PDFs vary, plus one manifesto as plain text.
//!
//! Run `cargo run --example make_corpus -- corpus/`. The prose lives in `corpus/source/*.md` and
//! the embedded font in `corpus/fonts/`; both are compiled in, so the output depends on nothing
//! but this repository. The output is byte-for-byte deterministic (no dates, a fixed `/ID`,
//! objects in id order) because `tests/sample_corpus.rs` regenerates it and compares bytes.
//!
//! What varies between the files, on purpose:
//! - Hedgerow Party: standard-14 Helvetica with WinAnsiEncoding (curly quotes, dashes, £),
//!   uncompressed content, `TL`/`T*` line advances, one column.
//! - Northern Commonwealth: an embedded TrueType subset as Type0/Identity-H with a ToUnicode
//!   CMap, Flate-compressed streams, object and xref streams, one `Tm` per line, a two-column page.
//! - Civic Renewal: standard-14 Times with WinAnsiEncoding, justified lines (`Tw`), `TJ` arrays
//!   with kerning, relative `Td` moves, Flate-compressed content, two-column pages.
//! - Tidewater Alliance: plain text.
//!
//! Layout is computed from the real glyph widths (the AFM widths of the standard fonts, the
//! `hmtx` advances of the embedded font), so every word sits where a real typesetter would put it.

use std::fmt::Write as _;
use std::io;
use std::path::{Path, PathBuf};

// A directory without `main.rs`, so Cargo does not take it for a second example.
#[path = "make_corpus/fonts.rs"]
mod fonts;
#[path = "make_corpus/layout.rs"]
mod layout;
#[path = "make_corpus/pdf.rs"]
mod pdf;

use fonts::Metrics;

/// One manifesto and how to typeset it.
struct Spec {
    file: &'static str,
    party: &'static str,
    source: &'static str,
    running_head: &'static str,
    metrics: Metrics,
    ops: TextOps,
    compress: bool,
    /// Object streams and a cross-reference stream (PDF 1.5) instead of a classic xref table.
    modern: bool,
    body_size: f64,
    leading: f64,
    accent: (f64, f64, f64),
}

/// How lines are positioned and shown in the content stream.
#[derive(Clone, Copy, PartialEq)]
enum TextOps {
    /// One `BT` per page, `TL` set once, `T*` between lines of the same block, `Td` otherwise.
    LeadingTstar,
    /// One `BT`/`ET` per line, placed with an absolute `Tm`.
    AbsoluteTm,
    /// One `BT` per page, relative `Td` moves, justified with `Tw`, shown with kerned `TJ`.
    KernedJustified,
}

const PAGE_W: f64 = 595.0;
const PAGE_H: f64 = 842.0;
const MARGIN: f64 = 64.0;
const GUTTER: f64 = 24.0;
const FRAME_TOP: f64 = 772.0;
const FRAME_BOTTOM: f64 = 78.0;

fn specs() -> io::Result<Vec<Spec>> {
    Ok(vec![
        Spec {
            file: "hedgerow-2026.pdf",
            party: "Hedgerow Party",
            source: include_str!("../corpus/source/hedgerow.md"),
            running_head: "Hedgerow Party \u{b7} Manifesto 2026",
            metrics: Metrics::standard(&fonts::HELVETICA, &fonts::HELVETICA_BOLD),
            ops: TextOps::LeadingTstar,
            compress: false,
            modern: false,
            body_size: 10.5,
            leading: 14.0,
            accent: (0.16, 0.42, 0.2),
        },
        Spec {
            file: "northern-commonwealth-2026.pdf",
            party: "Northern Commonwealth",
            source: include_str!("../corpus/source/northern-commonwealth.md"),
            running_head: "Northern Commonwealth \u{2013} A Fair Share for the North",
            metrics: Metrics::embedded(
                include_bytes!("../corpus/fonts/DejaVuSerif-subset.ttf"),
                include_bytes!("../corpus/fonts/DejaVuSerif-Bold-subset.ttf"),
            )?,
            ops: TextOps::AbsoluteTm,
            compress: true,
            modern: true,
            body_size: 9.5,
            leading: 13.0,
            accent: (0.1, 0.2, 0.5),
        },
        Spec {
            file: "civic-renewal-2026.pdf",
            party: "Civic Renewal",
            source: include_str!("../corpus/source/civic-renewal.md"),
            running_head: "Civic Renewal \u{2013} Manifesto for the General Election 2026",
            metrics: Metrics::standard(&fonts::TIMES_ROMAN, &fonts::TIMES_BOLD).with_kerning(),
            ops: TextOps::KernedJustified,
            compress: true,
            modern: false,
            body_size: 10.5,
            leading: 13.0,
            accent: (0.55, 0.12, 0.15),
        },
    ])
}

/// The text-only manifesto, written as wrapped plain text.
const TEXT_MANIFESTO: (&str, &str, &str) = (
    "tidewater-alliance-2026.txt",
    "Tidewater Alliance",
    include_str!("../corpus/source/tidewater-alliance.md"),
);

/// Writes every corpus file and `index.csv` into `out_dir`; returns the paths written, in order.
pub fn generate(out_dir: &Path) -> io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(out_dir)?;
    let mut written = Vec::new();
    let mut index = String::from("file,party,year,country\n");
    for spec in specs()? {
        let bytes = pdf::render_pdf(&spec)?;
        let path = out_dir.join(spec.file);
        std::fs::write(&path, bytes)?;
        written.push(path);
        let _ = writeln!(index, "{},{},2026,UK", spec.file, spec.party);
    }
    let (file, party, source) = TEXT_MANIFESTO;
    let path = out_dir.join(file);
    std::fs::write(&path, render_text(&parse(source), 78))?;
    written.push(path);
    let _ = writeln!(index, "{file},{party},2026,UK");
    let path = out_dir.join("index.csv");
    std::fs::write(&path, index)?;
    written.push(path);
    Ok(written)
}

fn main() {
    let out = std::env::args_os()
        .nth(1)
        .map_or_else(|| PathBuf::from("corpus"), PathBuf::from);
    match generate(&out) {
        Ok(paths) => paths.iter().for_each(|p| println!("wrote {}", p.display())),
        Err(err) => {
            eprintln!("make_corpus: {err}");
            std::process::exit(1);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Source markup: `# title`, `> lede`, `## heading`, `- bullet`, paragraphs separated by blank
// lines, `@columns N` (switch to N columns: two may start part-way down a page), `@break` (next column or page).
// Inside text, `~` forces a hyphenated line break: `enter~prise` sets "enter-" / "prise", and
// `co-~operative` sets "co-" / "operative".
// ---------------------------------------------------------------------------------------------

#[derive(Debug, PartialEq)]
enum Block {
    Title(String),
    Lede(String),
    Heading(String),
    Para(String),
    Bullet(String),
    Columns(usize),
    Break,
}

fn parse(source: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut current: Option<Block> = None;
    let flush = |current: &mut Option<Block>, blocks: &mut Vec<Block>| {
        if let Some(b) = current.take() {
            blocks.push(b);
        }
    };
    for raw in source.lines() {
        let line = raw.trim();
        if line.is_empty() {
            flush(&mut current, &mut blocks);
        } else if let Some(rest) = line.strip_prefix("@columns ") {
            flush(&mut current, &mut blocks);
            blocks.push(Block::Columns(rest.trim().parse().unwrap_or(1)));
        } else if line == "@break" {
            flush(&mut current, &mut blocks);
            blocks.push(Block::Break);
        } else if let Some(rest) = line.strip_prefix("## ") {
            flush(&mut current, &mut blocks);
            blocks.push(Block::Heading(rest.to_string()));
        } else if let Some(rest) = line.strip_prefix("# ") {
            flush(&mut current, &mut blocks);
            blocks.push(Block::Title(rest.to_string()));
        } else if let Some(rest) = line.strip_prefix("> ") {
            flush(&mut current, &mut blocks);
            current = Some(Block::Lede(rest.to_string()));
        } else if let Some(rest) = line.strip_prefix("- ") {
            flush(&mut current, &mut blocks);
            current = Some(Block::Bullet(rest.to_string()));
        } else {
            match &mut current {
                Some(Block::Para(t) | Block::Bullet(t) | Block::Lede(t)) => {
                    t.push(' ');
                    t.push_str(line);
                }
                _ => current = Some(Block::Para(line.to_string())),
            }
        }
    }
    flush(&mut current, &mut blocks);
    blocks
}

/// Breaks `text` into lines no wider than `width` (greedy, as most layout engines do), honouring
/// forced `~` breaks. Each line comes with whether it ends a paragraph (and so is not justified).
fn wrap(text: &str, width: f64, measure: &dyn Fn(&str) -> f64) -> Vec<(String, bool)> {
    let mut lines = Vec::new();
    let mut cur = String::new();
    for word in text.split_whitespace() {
        let pieces: Vec<&str> = word.split('~').collect();
        for (i, piece) in pieces.iter().enumerate() {
            let forced = i + 1 < pieces.len();
            let shown = if forced && !piece.ends_with('-') {
                format!("{piece}-")
            } else {
                (*piece).to_string()
            };
            let candidate = if cur.is_empty() {
                shown.clone()
            } else {
                format!("{cur} {shown}")
            };
            if !cur.is_empty() && measure(&candidate) > width {
                lines.push((std::mem::take(&mut cur), false));
                cur = shown;
            } else {
                cur = candidate;
            }
            if forced {
                lines.push((std::mem::take(&mut cur), false));
            }
        }
    }
    if !cur.is_empty() {
        lines.push((cur, true));
    }
    lines
}

/// The plain-text rendering: what a party that publishes only a text version would post.
fn render_text(blocks: &[Block], width: usize) -> String {
    let measure = |s: &str| s.chars().count() as f64;
    let mut out = String::new();
    let para = |out: &mut String, text: &str, first: &str, rest: &str| {
        let joined = text.replace('~', "");
        let avail = (width - first.chars().count()) as f64;
        for (i, (line, _)) in wrap(&joined, avail, &measure).iter().enumerate() {
            let _ = writeln!(out, "{}{line}", if i == 0 { first } else { rest });
        }
        out.push('\n');
    };
    for block in blocks {
        match block {
            Block::Title(t) => {
                let _ = writeln!(
                    out,
                    "{}\n{}\n",
                    t.to_uppercase(),
                    "=".repeat(t.chars().count())
                );
            }
            Block::Heading(t) => {
                let _ = writeln!(out, "{t}\n{}\n", "-".repeat(t.chars().count()));
            }
            Block::Lede(t) | Block::Para(t) => para(&mut out, t, "", ""),
            Block::Bullet(t) => para(&mut out, t, "  * ", "    "),
            Block::Columns(_) | Block::Break => {}
        }
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> f64 {
        s.chars().count() as f64
    }

    #[test]
    fn wrap_is_greedy_and_marks_paragraph_end() {
        let lines = wrap("aaa bbb ccc ddd", 7.0, &chars);
        assert_eq!(
            lines,
            vec![("aaa bbb".into(), false), ("ccc ddd".into(), true)]
        );
    }

    #[test]
    fn wrap_forces_soft_and_hard_hyphen_breaks() {
        let lines = wrap("social enter~prise and co-~operative banks", 80.0, &chars);
        let texts: Vec<&str> = lines.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(texts, ["social enter-", "prise and co-", "operative banks"]);
    }

    #[test]
    fn parse_reads_every_block_kind() {
        let src = "# T\n> lede\n\n## H\npara one\ncontinued\n\n- item\n@columns 2\n@break\n";
        let blocks = parse(src);
        assert_eq!(
            blocks,
            vec![
                Block::Title("T".into()),
                Block::Lede("lede".into()),
                Block::Heading("H".into()),
                Block::Para("para one continued".into()),
                Block::Bullet("item".into()),
                Block::Columns(2),
                Block::Break,
            ]
        );
    }

    #[test]
    fn laid_out_lines_stay_inside_their_frame() {
        for spec in specs().unwrap() {
            for page in layout::layout(&spec, &parse(spec.source)).unwrap() {
                for line in &page.lines {
                    let w = spec.metrics.width(line.face, &line.text).unwrap() * line.size / 1000.0;
                    assert!(
                        line.x + w <= PAGE_W - MARGIN + 0.01,
                        "{}: {:?} overflows",
                        spec.file,
                        line.text
                    );
                    assert!(
                        line.y >= FRAME_BOTTOM,
                        "{}: {:?} below the frame",
                        spec.file,
                        line.text
                    );
                    // A forced `~` break is only believable where the line is nearly full anyway.
                    if line.text.ends_with('-') {
                        let fill = w / line.width;
                        assert!(
                            fill > 0.8,
                            "{}: {:?} is only {:.0}% full; move the ~",
                            spec.file,
                            line.text,
                            fill * 100.0
                        );
                    }
                }
            }
        }
    }
}
