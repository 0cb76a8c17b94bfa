//! `tarif build [--root DIR] [--out DIR] [--quiet] [--timings] [--precompress]` and
//! `tarif check [--root DIR]`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::report;
use crate::site::{self, Options, Summary};

/// The output folder when `--out` is not given: `public/` in the site's root.
pub fn default_out(root: &Path) -> PathBuf {
    root.join("public")
}

pub fn build(
    root: PathBuf,
    out: Option<PathBuf>,
    quiet: bool,
    timings: bool,
    precompress: bool,
) -> ExitCode {
    let out = out.unwrap_or_else(|| default_out(&root));
    let opts = Options {
        root,
        out,
        live_reload: false,
        progress: !quiet,
        precompress,
    };
    match site::build(&opts) {
        Ok(s) => {
            if timings {
                eprint!("{}", site::progress::timings_table(&s.stages));
            }
            if !quiet {
                eprintln!(
                    "built {} in {} → {}",
                    pages(&s),
                    seconds(&s),
                    opts.out.display()
                );
            }
            ExitCode::SUCCESS
        }
        Err(problems) => report(&problems),
    }
}

pub fn check(root: PathBuf) -> ExitCode {
    match site::check(&root) {
        Ok(s) => {
            eprintln!("checked {} in {}: no problems", pages(&s), seconds(&s));
            ExitCode::SUCCESS
        }
        Err(problems) => report(&problems),
    }
}

pub fn pages(s: &Summary) -> String {
    format!("{} page{}", s.pages, if s.pages == 1 { "" } else { "s" })
}

pub fn seconds(s: &Summary) -> String {
    format!("{:.2} s", s.elapsed.as_secs_f64())
}
