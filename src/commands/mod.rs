//! One module per `tarif` command. Each `run` returns the process exit code:
//! 0 done, 1 the site's sources have problems, 2 the command line asked for something
//! that does not exist or cannot be read.

pub mod ask;
pub mod build;
pub mod diff;
pub mod new;
pub mod quote;

use std::path::Path;
use std::process::ExitCode;

use tarif_engine::date::Date;
use tarif_engine::diagnostic::Diagnostic;
use tarif_engine::price_list::{PriceHistory, PriceList};
use tarif_engine::text::Lang;

use crate::sources;

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

/// The date a flag gives (`--today`, `--on`), or today's when it is not given.
pub fn date_arg(flag: &str, given: Option<&str>) -> Result<Date, ExitCode> {
    match given {
        Some(t) => t
            .parse::<Date>()
            .map_err(|e| usage_error(&format!("{flag}: {e}"), "")),
        None => Ok(crate::clock::today()),
    }
}

/// The price list a command names (an id in `<root>/price-lists/`, or a path to a
/// `.toml` file), read whole with its changes; or the exit code of why not.
pub fn price_list_arg(root: &Path, list: &str) -> Result<PriceHistory, ExitCode> {
    let path = sources::price_list_path(root, list);
    if !path.is_file() {
        let known = sources::price_list_ids(root).join(", ");
        let help = if known.is_empty() {
            format!(
                "no price lists in {}",
                root.join(sources::PRICE_LISTS).display()
            )
        } else {
            format!("the price lists are: {known}")
        };
        let message = format!("there is no price list `{list}` ({})", path.display());
        return Err(usage_error(&message, &help));
    }
    sources::read_price_list(&path, &path.display().to_string()).map_err(|p| report(&p))
}

/// The language to print `list` in: the one asked for, else the list's original.
pub fn choose_lang(list: &PriceList, asked: Option<&str>) -> Result<Lang, ExitCode> {
    let langs: Vec<&str> = list.languages.iter().map(Lang::as_str).collect();
    match asked {
        None => Ok(list.languages[0].clone()),
        Some(tag) => match Lang::new(tag).filter(|l| list.languages.contains(l)) {
            Some(l) => Ok(l),
            None => Err(usage_error(
                &format!("the list `{}` is not written in `{tag}`", list.id),
                &format!("use --lang {}", langs.join(" or --lang ")),
            )),
        },
    }
}

/// `value` as pretty JSON (the contracts are described in README.md).
pub fn json<T: serde::Serialize>(value: &T) -> String {
    // The model types serialise to plain JSON objects; this cannot fail.
    serde_json::to_string_pretty(value)
        .map(|s| s + "\n")
        .unwrap_or_default()
}
