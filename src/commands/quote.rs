//! `tarif quote LIST [ITEM[=QTY] ...] [--lang L] [--json]`: the catalogue of a price list,
//! or a quote, for a sales person at a terminal or a script.

use std::path::PathBuf;
use std::process::ExitCode;

use tarif_engine::locale::{Word, word};
use tarif_engine::price_list::{PriceList, Pricing};
use tarif_engine::quote::text::{catalogue, quote_text};
use tarif_engine::quote::{LeftOutReason, Quote, Requested, quote_on};
use tarif_engine::text::Lang;

use super::{choose_lang, date_arg, json, price_list_arg, usage_error};

/// What `tarif quote` was asked.
pub struct Args {
    pub root: PathBuf,
    pub list: String,
    pub items: Vec<String>,
    /// The day whose prices to use (YYYY-MM-DD); today when not given.
    pub on: Option<String>,
    pub lang: Option<String>,
    pub json: bool,
}

pub fn run(args: &Args) -> ExitCode {
    let on = match date_arg("--on", args.on.as_deref()) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let history = match price_list_arg(&args.root, &args.list) {
        Ok(h) => h,
        Err(code) => return code,
    };
    if let Some(e) = history.effective.filter(|e| on < *e) {
        return usage_error(
            &format!("the list `{}` records no prices before {e}", args.list),
            &format!("give --on {e} or later"),
        );
    }
    let list = history.as_of(on);
    let lang = match choose_lang(&list, args.lang.as_deref()) {
        Ok(l) => l,
        Err(code) => return code,
    };
    if args.items.is_empty() {
        let out = if args.json {
            json(&list)
        } else {
            catalogue(&list, &lang)
        };
        print!("{out}");
        return ExitCode::SUCCESS;
    }
    let requested: Vec<Requested> = args.items.iter().map(|a| Requested::parse(a)).collect();
    let q = match quote_on(&history, on, &requested) {
        Ok(q) => q,
        Err(errors) => {
            for e in &errors {
                eprintln!("error: {e}");
            }
            return usage_error(
                &format!(
                    "{} item{} could not be priced",
                    errors.len(),
                    if errors.len() == 1 { "" } else { "s" }
                ),
                &format!(
                    "`tarif quote {}` lists the items and the quantity each takes",
                    args.list
                ),
            );
        }
    };
    let not_offered: Vec<String> = q
        .left_out
        .iter()
        .filter_map(|l| match &l.reason {
            LeftOutReason::OutOfRange(r) => Some(format!("{}: {r}", l.item)),
            LeftOutReason::OnRequest => None,
        })
        .collect();
    if !not_offered.is_empty() {
        for n in &not_offered {
            eprintln!("error: {n}");
        }
        return usage_error(
            "a size no tier covers cannot be quoted",
            "give a size within the range the item's tiers cover",
        );
    }
    let out = if args.json {
        json(&q)
    } else if !priced(&list, &q) {
        nothing_priced(&list, &q, &lang)
    } else {
        quote_text(&list, &q, &lang)
    };
    print!("{out}");
    ExitCode::SUCCESS
}

/// Whether some line of `q` has a price to pay.
fn priced(list: &PriceList, q: &Quote) -> bool {
    q.lines
        .iter()
        .filter_map(|l| list.item(&l.item))
        .any(|i| !matches!(i.pricing, Pricing::Free | Pricing::OnRequest))
}

/// An order of free or on-request items only: what each is, and the list's notes, instead
/// of a total of 0 that would read as a price.
fn nothing_priced(list: &PriceList, q: &Quote, lang: &Lang) -> String {
    let langs = &list.languages;
    let mut out = format!(
        "{}  [{}]\n{}\n",
        list.title.best(lang, langs),
        list.id,
        word(lang, Word::NothingPriced)
    );
    let items = q.lines.iter().map(|l| l.item.as_str());
    let left_out = q.left_out.iter().map(|l| l.item.as_str());
    for item in items.chain(left_out).filter_map(|id| list.item(id)) {
        let status = match item.pricing {
            Pricing::Free => word(lang, Word::Free),
            _ => word(lang, Word::OnRequest),
        };
        out.push_str(&format!("  {} — {status}\n", item.name.best(lang, langs)));
    }
    for note in &list.notes {
        out.push_str(&format!("{}\n", note.best(lang, langs)));
    }
    out
}
