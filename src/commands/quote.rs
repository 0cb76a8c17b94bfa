//! `tarif quote LIST [ITEM[=QTY] ...] [--lang L] [--json]`: the catalogue of a price list,
//! or a quote, for a sales person at a terminal or a script.

use std::path::PathBuf;
use std::process::ExitCode;

use tarif_engine::locale::{Word, word};
use tarif_engine::price_list::{PriceList, Pricing};
use tarif_engine::quote::text::{catalogue, quote_text};
use tarif_engine::quote::{LeftOutReason, Quote, Requested, quote};
use tarif_engine::text::Lang;

use super::{report, usage_error};
use crate::sources;

/// What `tarif quote` was asked.
pub struct Args {
    pub root: PathBuf,
    pub list: String,
    pub items: Vec<String>,
    pub lang: Option<String>,
    pub json: bool,
}

pub fn run(args: &Args) -> ExitCode {
    let path = sources::price_list_path(&args.root, &args.list);
    if !path.is_file() {
        let known = sources::price_list_ids(&args.root).join(", ");
        let help = if known.is_empty() {
            format!(
                "no price lists in {}",
                args.root.join(sources::PRICE_LISTS).display()
            )
        } else {
            format!("the price lists are: {known}")
        };
        return usage_error(
            &format!(
                "there is no price list `{}` ({})",
                args.list,
                path.display()
            ),
            &help,
        );
    }
    let list = match sources::read_price_list(&path, &path.display().to_string()) {
        Ok(list) => list,
        Err(problems) => return report(&problems),
    };
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
    let q = match quote(&list, &requested) {
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

fn choose_lang(list: &PriceList, asked: Option<&str>) -> Result<Lang, ExitCode> {
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

fn json<T: serde::Serialize>(value: &T) -> String {
    // The model types serialise to plain JSON objects; this cannot fail.
    serde_json::to_string_pretty(value)
        .map(|s| s + "\n")
        .unwrap_or_default()
}
