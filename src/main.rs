//! The `tarif` command line: one place where every command and flag is defined.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// mimalloc (`tarif::memory`): glibc's malloc was a fifth of a large build's time.
#[global_allocator]
static ALLOCATOR: tarif::memory::Allocator = mimalloc::MiMalloc;

/// tarif: service terms, price lists and eligibility wizards, compiled into a static site.
#[derive(Parser)]
#[command(name = "tarif", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into a folder of plain files (whole or not at all).
    Build {
        /// The site's root folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The output folder (default: <root>/public). tarif replaces it whole, and
        /// refuses a folder that is not empty and was not made by tarif.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Print nothing but problems.
        #[arg(long, short)]
        quiet: bool,
        /// Print what each stage of the build took.
        #[arg(long)]
        timings: bool,
        /// Also write a brotli (.br) and a gzip (.gz) form beside each text file, for
        /// servers that send them as they are (nginx's brotli_static and gzip_static,
        /// Caddy's precompressed); skipped where compression does not pay.
        #[arg(long)]
        precompress: bool,
    },
    /// Check the whole site as a build would, writing nothing; every problem is reported.
    Check {
        /// The site's root folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Build, serve on 127.0.0.1, rebuild on every change and reload open pages.
    Serve {
        /// The site's root folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The port to listen on.
        #[arg(long, default_value_t = 1111)]
        port: u16,
    },
    /// Start a new site in DIR (which must be empty or absent).
    New {
        /// Where to create the site.
        dir: PathBuf,
    },
    /// Price a set of items from a price list, or list its items.
    ///
    /// With no ITEM, prints the catalogue: each item's id, name, how it is priced and
    /// what quantity it takes. With items, prints the quote.
    Quote {
        /// A price list: its id in <root>/price-lists/ (`laptop-bg`) or a path to a .toml file.
        list: String,
        /// ITEM or ITEM=QTY: QTY is a count (`=2`), a size for tiered items (`=250`,
        /// `=250GB`, `=1.5TB`) or a duration for hourly items (`=2.5`, `=2h30m`).
        items: Vec<String>,
        /// Use the prices in effect on this day, YYYY-MM-DD (default: today, in UTC).
        #[arg(long)]
        on: Option<String>,
        #[command(flatten)]
        output: Output,
    },
    /// Show what changed in a price list between two days, with every price before and after.
    ///
    /// Lists every dated change after --from up to and including --to (without them:
    /// the whole history and every announced change), the list's changes page in text.
    Diff {
        /// A price list: its id in <root>/price-lists/ (`laptop-bg`) or a path to a .toml file.
        list: String,
        /// Changes after this day, YYYY-MM-DD.
        #[arg(long)]
        from: Option<String>,
        /// Changes up to and including this day, YYYY-MM-DD.
        #[arg(long)]
        to: Option<String>,
        #[command(flatten)]
        output: Output,
    },
    /// Walk a wizard: list the wizards, or print the next question, or the outcome.
    ///
    /// With no WIZARD, prints the id of each wizard of the site, one a line. With one,
    /// evaluates the answers given and prints the next question with the answers it
    /// accepts, or the outcome with its reasons, dates, sources and possible costs.
    Ask {
        /// A wizard's id (`withdrawal`), or `section/id` where two sections share one.
        wizard: Option<String>,
        /// QUESTION=ANSWER: an option id, yes or no, a date YYYY-MM-DD, a number, or
        /// option ids separated by commas (multi-choice).
        answers: Vec<String>,
        /// The date to count from, YYYY-MM-DD (default: today, in UTC, from the system clock).
        #[arg(long)]
        today: Option<String>,
        #[command(flatten)]
        output: Output,
    },
}

/// What `quote`, `diff` and `ask` share: where the site is, the language, text or JSON.
#[derive(clap::Args)]
struct Output {
    /// The language of the texts (default: the original language of the list or section).
    #[arg(long)]
    lang: Option<String>,
    /// Print JSON (the format is described in README.md).
    #[arg(long)]
    json: bool,
    /// The site's root folder.
    #[arg(long, default_value = ".")]
    root: PathBuf,
}

fn main() -> ExitCode {
    use tarif::commands::{build, new};
    match Cli::parse().command {
        Command::Build {
            root,
            out,
            quiet,
            timings,
            precompress,
        } => build::build(root, out, quiet, timings, precompress),
        Command::Check { root } => build::check(root),
        Command::Serve { root, port } => tarif::serve::run(root, port),
        Command::New { dir } => new::run(&dir),
        Command::Quote {
            list,
            items,
            on,
            output: Output { lang, json, root },
        } => tarif::commands::quote::run(&tarif::commands::quote::Args {
            root,
            list,
            items,
            on,
            lang,
            json,
        }),
        Command::Diff {
            list,
            from,
            to,
            output: Output { lang, json, root },
        } => tarif::commands::diff::run(&tarif::commands::diff::Args {
            root,
            list,
            from,
            to,
            lang,
            json,
        }),
        Command::Ask {
            wizard,
            answers,
            today,
            output: Output { lang, json, root },
        } => tarif::commands::ask::run(&tarif::commands::ask::Args {
            root,
            wizard,
            answers,
            today,
            lang,
            json,
        }),
    }
}
