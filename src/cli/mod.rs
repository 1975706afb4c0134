//! The command line: clap's raw arguments ([`Cli`]), resolved into the
//! library's inputs by [`run`], which returns what happened; only `main`
//! turns that into an exit status.
//!
//! Exit status: 0 when every document was read; 1 when some document (or
//! path) failed; 2 for usage errors, an invalid lexicon, or output that
//! could not be written.
//!
//! This file is the table of contents: each subcommand has its own module
//! with its arguments and what it does.

mod compare;
mod extract;
mod lexicon;
mod merge;
mod ocr;
mod open;
mod outcome;
mod output;
mod progress;
mod report;
mod scan;
mod track;

pub use compare::{CompareArgs, CompareFormat};
pub use extract::ExtractArgs;
pub use lexicon::LexiconCommand;
pub use merge::MergeArgs;
pub use ocr::{OcrArgs, OcrChoice};
pub use outcome::{Error, Outcome};
pub use output::Format;
pub use report::ReportArgs;
pub use scan::ScanArgs;
pub use track::{TrackArgs, TrackFormat};

use clap::{Parser, Subcommand};

/// Find, count and quote social-economy policy in party manifestos.
#[derive(Debug, Parser)]
#[command(name = "mashup", version, about, max_term_width = 100)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Scan manifesto PDFs (and .txt files) and report mentions per party.
    Scan(ScanArgs),
    /// Print the text of a PDF as the matcher reads it, pages separated by form feeds.
    Extract(ExtractArgs),
    /// Check or show a lexicon file.
    #[command(subcommand)]
    Lexicon(LexiconCommand),
    /// Render a saved report (from `scan --format json` or `jsonl`) in another format.
    Report(ReportArgs),
    /// Merge the JSON Lines parts of a sharded scan (`scan --shard I/N --format jsonl`) into one report.
    Merge(MergeArgs),
    /// Compare two saved reports (usually two elections): rates, themes, and asks gained and dropped.
    Compare(CompareArgs),
    /// Follow the asks into government documents (legislation, GOV.UK pages, Hansard, Word
    /// files): each ask's stage, evidence and timeline.
    Track(TrackArgs),
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<Outcome, Error> {
    match cli.command {
        Command::Scan(args) => scan::run(args),
        Command::Extract(args) => extract::run(args),
        Command::Lexicon(cmd) => lexicon::run(cmd),
        Command::Report(args) => report::run(args),
        Command::Merge(args) => merge::run(args),
        Command::Compare(args) => compare::run(args),
        Command::Track(args) => track::run(args),
    }
}

#[cfg(test)]
mod tests {
    use super::extract::extract_target;
    use super::output::{finished_rendering, rendering};
    use super::*;
    use crate::report::Rendering;
    use std::path::Path;

    fn parse(args: &[&str]) -> Result<Cli, clap::Error> {
        Cli::try_parse_from(std::iter::once("mashup").chain(args.iter().copied()))
    }

    #[test]
    fn scan_needs_a_path() {
        assert!(parse(&["scan"]).is_err());
    }

    #[test]
    fn scan_options() {
        let cli = parse(&[
            "scan", "a.pdf", "dir", "--format", "json", "-o", "r.json", "-j", "2", "--index",
            "i.csv",
        ])
        .unwrap();
        let Command::Scan(args) = cli.command else {
            panic!("not scan")
        };
        assert_eq!(args.paths.len(), 2);
        assert_eq!(args.format, Format::Json);
        assert_eq!(args.output.as_deref(), Some(Path::new("r.json")));
        assert_eq!(args.jobs, Some(2));
        assert_eq!(args.index.as_deref(), Some(Path::new("i.csv")));
    }

    /// `scan --help`, the README, the guide and the index reader name the
    /// same index columns.
    #[test]
    fn help_and_readme_name_every_index_column() {
        use clap::CommandFactory;
        let mut cli = Cli::command();
        let scan = cli.find_subcommand_mut("scan").expect("scan");
        let help = scan.render_long_help().to_string();
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        for page in ["README.md", "docs/guide.md"] {
            let text = std::fs::read_to_string(root.join(page)).expect(page);
            for column in crate::corpus::INDEX_COLUMNS {
                let named = format!("`{column}`");
                assert!(text.contains(&named), "{page} lacks {named}");
            }
        }
        for column in crate::corpus::INDEX_COLUMNS {
            let named = format!("`{column}`");
            assert!(help.contains(&named), "scan --help lacks {named}");
        }
    }

    #[test]
    fn jobs_must_be_positive() {
        assert!(parse(&["scan", "x", "-j", "0"]).is_err());
    }

    #[test]
    fn unknown_format_is_rejected() {
        assert!(parse(&["scan", "x", "--format", "xml"]).is_err());
    }

    #[test]
    fn extract_options() {
        let cli = parse(&["extract", "m.pdf", "--all", "-o", "m.txt"]).unwrap();
        let Command::Extract(args) = cli.command else {
            panic!("not extract")
        };
        assert!(args.all);
        assert_eq!(args.output.as_deref(), Some(Path::new("m.txt")));
    }

    #[test]
    fn csv_needs_a_folder_and_jsonl_is_no_rendering() {
        assert!(rendering(Format::Csv, None).is_err());
        assert_eq!(
            rendering(Format::Csv, Some(Path::new("out"))).unwrap(),
            Some(Rendering::Csv)
        );
        assert_eq!(
            rendering(Format::Table, None).unwrap(),
            Some(Rendering::Table)
        );
        assert_eq!(rendering(Format::Jsonl, None).unwrap(), None);
        assert!(finished_rendering(Format::Jsonl, None).is_err());
    }

    #[test]
    fn report_options() {
        let cli = parse(&["report", "r.json", "--format", "csv", "-o", "dir"]).unwrap();
        let Command::Report(args) = cli.command else {
            panic!("not report")
        };
        assert_eq!(args.input, Path::new("r.json"));
        assert_eq!(args.format, Format::Csv);
        assert_eq!(args.output.as_deref(), Some(Path::new("dir")));
        assert!(parse(&["report"]).is_err());
    }

    #[test]
    fn extract_batch_options() {
        let cli = parse(&[
            "extract",
            "a.pdf",
            "b/c.pdf",
            "--output-dir",
            "out",
            "-j",
            "1",
        ])
        .unwrap();
        let Command::Extract(args) = cli.command else {
            panic!("not extract")
        };
        assert_eq!(args.files.len(), 2);
        assert_eq!(args.jobs, Some(1));
        assert_eq!(
            extract_target(args.output_dir.as_deref().unwrap(), &args.files[1]),
            Path::new("out/b/c.txt")
        );
        assert!(parse(&["extract", "a.pdf", "-o", "x", "--output-dir", "d"]).is_err());
        assert!(parse(&["extract"]).is_err());
    }

    #[test]
    fn extract_target_stays_inside_the_folder() {
        let dir = Path::new("out");
        assert_eq!(
            extract_target(dir, Path::new("../x/y.pdf")),
            Path::new("out/x/y.txt")
        );
        assert_eq!(
            extract_target(dir, Path::new("/abs/z.PDF")),
            Path::new("out/abs/z.txt")
        );
    }

    #[test]
    fn lexicon_check_takes_an_optional_file() {
        assert!(parse(&["lexicon", "check"]).is_ok());
        assert!(parse(&["lexicon", "check", "x.toml"]).is_ok());
        assert!(parse(&["lexicon", "show"]).is_ok());
    }

    #[test]
    fn lexicon_import_options() {
        let cli = parse(&[
            "lexicon", "import", "d.txt", "-o", "o.toml", "--from", "liwc",
        ])
        .unwrap();
        let Command::Lexicon(LexiconCommand::Import { file, output, from }) = cli.command else {
            panic!("not import")
        };
        assert_eq!(file, Path::new("d.txt"));
        assert_eq!(output.as_deref(), Some(Path::new("o.toml")));
        assert_eq!(from, Some(crate::lexicon::ImportFormat::Liwc));
        assert!(parse(&["lexicon", "import"]).is_err());
        assert!(parse(&["lexicon", "import", "d.dic", "--from", "xml"]).is_err());
    }
}
