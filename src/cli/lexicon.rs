//! `mashup lexicon`: check, show and import lexicons.

use super::open::load_lexicon;
use super::outcome::{Error, Outcome};
use super::output::write_to;
use crate::lexicon::Lexicon;
use clap::Subcommand;
use std::io::{self, Write};
use std::path::PathBuf;

/// `mashup lexicon ...`.
#[derive(Debug, Subcommand)]
pub enum LexiconCommand {
    /// Validate a lexicon; print a summary, or every error as file:line:column.
    Check {
        /// Lexicon file [default: the built-in lexicon].
        file: Option<PathBuf>,
    },
    /// Show categories, terms and asks as a table.
    Show {
        /// Lexicon file [default: the built-in lexicon].
        file: Option<PathBuf>,
    },
    /// Convert a quanteda YAML, LIWC .dic or WordStat .cat dictionary to a lexicon.
    ///
    /// Nested categories become `parent/child` ids. Entries that cannot be expressed
    /// (`?`, a leading `*`, regular expressions) are listed on stderr and left out; the
    /// exit status is then 1.
    Import {
        /// The dictionary (.yml/.yaml, .dic or .cat).
        file: PathBuf,
        /// Write the lexicon to FILE instead of stdout (written whole or not at all).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// The dictionary format (yaml, liwc or wordstat) [default: from the extension].
        #[arg(long, value_name = "FORMAT")]
        from: Option<crate::lexicon::ImportFormat>,
    },
}

/// Runs `mashup lexicon ...`.
pub(super) fn run(cmd: LexiconCommand) -> Result<Outcome, Error> {
    match cmd {
        LexiconCommand::Check { file } => {
            let lexicon = load_lexicon(file.as_deref())?;
            let terms: usize = lexicon.categories().iter().map(|c| c.terms.len()).sum();
            write_to(None, |out| {
                writeln!(
                    out,
                    "{} {}: ok: {} categories, {} terms, {} asks, {} rules",
                    lexicon.name(),
                    lexicon.version(),
                    lexicon.categories().len(),
                    terms,
                    lexicon.asks().len(),
                    lexicon.rules().len()
                )
            })?;
        }
        LexiconCommand::Show { file } => {
            let lexicon = load_lexicon(file.as_deref())?;
            write_to(None, |out| show_lexicon(&lexicon, out))?;
        }
        LexiconCommand::Import { file, output, from } => {
            let imported = crate::lexicon::import_file(&file, from)?;
            for d in &imported.skipped {
                eprintln!("mashup: {d}");
            }
            eprintln!(
                "mashup: {}: {} categories, {} terms imported, {} entries left out",
                file.display(),
                imported.categories,
                imported.terms,
                imported.skipped.len()
            );
            write_to(output.as_deref(), |out| {
                out.write_all(imported.toml.as_bytes())
            })?;
            if !imported.skipped.is_empty() {
                return Ok(Outcome::SomeFailed);
            }
        }
    }
    Ok(Outcome::Success)
}

fn show_lexicon(lexicon: &Lexicon, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "{} {}", lexicon.name(), lexicon.version())?;
    for c in lexicon.categories() {
        writeln!(out, "\n[{}] {}", c.id, c.label)?;
        let terms: Vec<&str> = c.terms.iter().map(|t| t.as_str()).collect();
        writeln!(out, "  terms:   {}", terms.join(", "))?;
        if !c.exclude.is_empty() {
            let ex: Vec<&str> = c.exclude.iter().map(|t| t.as_str()).collect();
            writeln!(out, "  exclude: {}", ex.join(", "))?;
        }
    }
    if !lexicon.asks().is_empty() {
        writeln!(out, "\nAsks")?;
    }
    for a in lexicon.asks() {
        let all: Vec<&str> = a.all.iter().map(|t| t.as_str()).collect();
        let any: Vec<&str> = a.any.iter().map(|t| t.as_str()).collect();
        write!(
            out,
            "  [{}] {}\n      all of: {}",
            a.id,
            a.label,
            all.join(", ")
        )?;
        if !any.is_empty() {
            write!(out, "; any of: {}", any.join(", "))?;
        }
        if !a.exclude.is_empty() {
            let ex: Vec<&str> = a.exclude.iter().map(|t| t.as_str()).collect();
            write!(out, "; not inside: {}", ex.join(", "))?;
        }
        writeln!(out)?;
    }
    if !lexicon.rules().is_empty() {
        writeln!(out, "\nRules (one mention of the category per sentence)")?;
    }
    for r in lexicon.rules() {
        write!(out, "  [{}] {} -> {}\n      ", r.id, r.label, r.category)?;
        for (k, cues) in r.cues.iter().enumerate() {
            let cues: Vec<&str> = cues.iter().map(|t| t.as_str()).collect();
            let joint = if k == 0 { "one of" } else { "; and one of" };
            write!(out, "{joint}: {}", cues.join(", "))?;
        }
        if let Some(n) = r.within {
            write!(out, "; within {n} words")?;
        }
        if !r.exclude.is_empty() {
            let ex: Vec<&str> = r.exclude.iter().map(|t| t.as_str()).collect();
            write!(out, "; not inside: {}", ex.join(", "))?;
        }
        writeln!(out)?;
    }
    Ok(())
}
