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
        /// Show what applies to documents from COUNTRY (an ISO 3166 code such as IE, or a
        /// name): the common terms, less those its edition drops, plus its own [default: GB].
        #[arg(long, value_name = "COUNTRY")]
        country: Option<String>,
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
        LexiconCommand::Show { file, country } => {
            let lexicon = load_lexicon(file.as_deref())?;
            let lexicon = match country.as_deref() {
                None => lexicon,
                Some(given) => {
                    if crate::lexicon::country_code(given).is_none() {
                        return Err(Error::Usage(format!(
                            "--country {given:?} is not an ISO 3166 country code (such as IE, US, ZA) or a country's name"
                        )));
                    }
                    lexicon.for_country(Some(given))
                }
            };
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
    let edition = lexicon.edition().and_then(|code| {
        lexicon
            .editions()
            .iter()
            .find(|e| e.countries.iter().any(|c| c == code))
    });
    match (edition, lexicon.edition()) {
        (Some(e), Some(code)) => writeln!(
            out,
            "{} {}, as it applies in {code}: the common terms with the {} edition ({} terms added, {} dropped)",
            lexicon.name(),
            lexicon.version(),
            e.name,
            e.term_count(),
            e.drop.len()
        )?,
        _ => writeln!(out, "{} {}", lexicon.name(), lexicon.version())?,
    }
    for c in lexicon.categories() {
        writeln!(out, "\n[{}] {}", c.id, c.label)?;
        let added = edition.and_then(|e| e.categories.iter().find(|a| a.id == c.id));
        let is_added = |t: &str| added.is_some_and(|a| a.terms.iter().any(|x| x.as_str() == t));
        let common: Vec<&str> = c
            .terms
            .iter()
            .map(|t| t.as_str())
            .filter(|t| !is_added(t))
            .collect();
        writeln!(out, "  terms:   {}", common.join(", "))?;
        if let (Some(added), Some(code)) = (added, lexicon.edition()) {
            let own: Vec<&str> = added.terms.iter().map(|t| t.as_str()).collect();
            writeln!(out, "  {code} only: {}", own.join(", "))?;
        }
        if !c.exclude.is_empty() {
            let ex: Vec<&str> = c.exclude.iter().map(|t| t.as_str()).collect();
            writeln!(out, "  exclude: {}", ex.join(", "))?;
        }
    }
    if let (Some(e), Some(code)) = (edition, lexicon.edition()) {
        for (what, dropped) in [("Common terms", &e.drop), ("Asks", &e.drop_asks)] {
            if !dropped.is_empty() {
                let dropped = dropped.join(", ");
                writeln!(out, "\n{what} that do not apply in {code}: {dropped}")?;
            }
        }
    }
    if !lexicon.asks().is_empty() {
        writeln!(out, "\nAsks")?;
    }
    for a in lexicon.asks() {
        let all: Vec<String> = a
            .all
            .iter()
            .map(|alternatives| {
                let terms: Vec<&str> = alternatives.iter().map(|t| t.as_str()).collect();
                terms.join(" | ")
            })
            .collect();
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
        if !r.countries.is_empty() {
            write!(out, "; only in {}", r.countries.join(", "))?;
        }
        writeln!(out)?;
    }
    if !lexicon.editions().is_empty() {
        writeln!(out, "\nCountry editions (lexicon show --country CODE)")?;
        for e in lexicon.editions() {
            writeln!(
                out,
                "  {} {}: {} terms added, {} common terms dropped",
                e.countries.join(", "),
                e.name,
                e.term_count(),
                e.drop.len()
            )?;
        }
    }
    Ok(())
}
