//! One module per `tarif` command. Each `run` returns the process exit code:
//! 0 done, 1 the site's sources have problems, 2 the command line asked for something
//! that does not exist or cannot be read.

pub mod ask;
pub mod build;
pub mod new;
pub mod quote;

use std::process::ExitCode;

use tarif_engine::diagnostic::Diagnostic;

/// The exit code for bad sources (a price list that does not load).
pub const SOURCES: u8 = 1;
/// The exit code for a bad request on the command line.
pub const USAGE: u8 = 2;

/// Prints every problem to stderr, rustc-style, and returns [`SOURCES`].
pub fn report(problems: &[Diagnostic]) -> ExitCode {
    for p in problems {
        eprintln!("{p}\n");
    }
    let n = problems.len();
    eprintln!("error: {n} problem{} found", if n == 1 { "" } else { "s" });
    ExitCode::from(SOURCES)
}

/// Prints a command-line error with a hint and returns [`USAGE`].
pub fn usage_error(message: &str, help: &str) -> ExitCode {
    eprintln!("error: {message}");
    if !help.is_empty() {
        eprintln!("  = help: {help}");
    }
    ExitCode::from(USAGE)
}
