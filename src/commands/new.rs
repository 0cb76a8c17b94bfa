//! `tarif new DIR`: a small working site to start from (one section, two memos, one
//! price list with a past change and an announced one), which passes `tarif check`.

use std::fs;
use std::path::Path;
use std::process::ExitCode;

use super::usage_error;

/// The files of a new site, from `src/scaffold/`.
const FILES: [(&str, &str); 6] = [
    (
        "content/site.toml",
        include_str!("../scaffold/content/site.toml"),
    ),
    (
        "content/services/section.toml",
        include_str!("../scaffold/content/services/section.toml"),
    ),
    (
        "content/services/en/terms.md",
        include_str!("../scaffold/content/services/en/terms.md"),
    ),
    (
        "content/services/en/prices.md",
        include_str!("../scaffold/content/services/en/prices.md"),
    ),
    (
        "price-lists/repairs.toml",
        include_str!("../scaffold/price-lists/repairs.toml"),
    ),
    (
        "static/logo.svg",
        include_str!("../scaffold/static/logo.svg"),
    ),
];

pub fn run(dir: &Path) -> ExitCode {
    if fs::read_dir(dir).is_ok_and(|mut d| d.next().is_some()) {
        return usage_error(
            &format!("{} is not empty", dir.display()),
            "give a new or empty folder: tarif new never overwrites files",
        );
    }
    if dir.exists() && !dir.is_dir() {
        return usage_error(
            &format!("{} is a file", dir.display()),
            "give a new or empty folder",
        );
    }
    let year = crate::clock::today().ymd().0;
    for (path, text) in FILES {
        let target = dir.join(path);
        let text = dated(text, year);
        let written = target
            .parent()
            .map_or(Ok(()), fs::create_dir_all)
            .and_then(|()| fs::write(&target, text));
        if let Err(e) = written {
            return usage_error(&format!("cannot write {}: {e}", target.display()), "");
        }
    }
    eprintln!(
        "created a site in {0}\n  tarif serve --root {0}   to see it and edit it live\n  tarif build --root {0}   to build it into {0}/public",
        dir.display()
    );
    ExitCode::SUCCESS
}

/// The starter list's dates around `year`: its prices from last year, a change this
/// 1 January (past on any day of the year) and one announced for next 1 January.
fn dated(text: &str, year: i64) -> String {
    text.replace("{last_year}", &(year - 1).to_string())
        .replace("{this_year}", &year.to_string())
        .replace("{next_year}", &(year + 1).to_string())
}
