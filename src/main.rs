//! The `mashup` binary: parse the command line, run the library, map the
//! outcome to an exit status (see [`manifesto_mashup::cli`]).

use clap::Parser;
use manifesto_mashup::cli::{self, Cli, Outcome};
use std::process::ExitCode;

fn main() -> ExitCode {
    match cli::run(Cli::parse()) {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::SomeFailed) => ExitCode::from(1),
        Err(e) if e.is_broken_pipe() => ExitCode::SUCCESS,
        Err(e) => {
            let mut message = format!("mashup: {e}");
            let mut source = std::error::Error::source(&e);
            while let Some(cause) = source {
                message.push_str(&format!(": {cause}"));
                source = cause.source();
            }
            eprintln!("{message}");
            ExitCode::from(e.exit_code())
        }
    }
}
