//! `tarif diff LIST [--from D1] [--to D2] [--lang L] [--json]`: what changed in a price
//! list after one day up to and including another, with each price before and after in
//! every shown currency. The site's changes page is written from the same
//! `tarif_engine::price_list::diff::diff`.

use std::path::PathBuf;
use std::process::ExitCode;

use tarif_engine::date::Date;
use tarif_engine::price_list::diff::{diff, diff_text};

use super::{choose_lang, price_list_arg, usage_error};

/// What `tarif diff` was asked.
pub struct Args {
    pub root: PathBuf,
    pub list: String,
    pub from: Option<String>,
    pub to: Option<String>,
    pub lang: Option<String>,
    pub json: bool,
}

pub fn run(args: &Args) -> ExitCode {
    let mut days = [None, None];
    for (day, (flag, given)) in days
        .iter_mut()
        .zip([("--from", &args.from), ("--to", &args.to)])
    {
        if let Some(text) = given {
            match text.parse::<Date>() {
                Ok(d) => *day = Some(d),
                Err(e) => return usage_error(&format!("{flag}: {e}"), ""),
            }
        }
    }
    let [from, to] = days;
    if let (Some(f), Some(t)) = (from, to)
        && f > t
    {
        return usage_error(
            &format!("--from {f} is after --to {t}"),
            "give the earlier day to --from",
        );
    }
    let history = match price_list_arg(&args.root, &args.list) {
        Ok(h) => h,
        Err(code) => return code,
    };
    let lang = match choose_lang(&history.first, args.lang.as_deref()) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let changes = diff(&history, from, to, &lang);
    if args.json {
        print!("{}", super::json(&changes));
    } else {
        print!("{}", diff_text(&changes, &lang));
    }
    ExitCode::SUCCESS
}
