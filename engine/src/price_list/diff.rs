//! What changed in a price list between two days, in a language: `tarif diff` prints it
//! (as text, or as JSON) and the changes page of the site shows it, from this one
//! function, so the two cannot disagree.

use std::fmt::Write as _;

use serde::Serialize;

use super::{Item, PriceHistory, PriceList};
use crate::date::Date;
use crate::locale::{Word, word};
use crate::money::Amounts;
use crate::quote::text::price_rows;
use crate::text::Lang;

/// Every change of a list between two days (`tarif diff --json`'s contract).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ListChanges {
    pub list: String,
    /// Changes after this day (`None`: from the first).
    pub from: Option<Date>,
    /// Changes up to and including this day (`None`: every announced one too).
    pub to: Option<Date>,
    pub changes: Vec<ChangeRow>,
}

/// One change of one item.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChangeRow {
    /// The day it takes effect.
    pub date: Date,
    /// That day as the language writes it.
    pub date_text: String,
    pub item: String,
    pub section: String,
    pub change: ChangeKind,
    /// The item's name with its section's: after the change, or before a withdrawal.
    pub name: String,
    /// Its name before the change, when the change renames it.
    pub formerly: Option<String>,
    /// Its prices before (a new service: one figure saying so).
    pub before: Vec<Figure>,
    /// Its prices after (a withdrawn one: one figure saying so).
    pub after: Vec<Figure>,
}

/// What a change did to its item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    Added,
    Changed,
    Withdrawn,
}

/// One price of an item, or the word that stands in for one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    /// The price's key (`price`, `tier-0`, `first-hour`…); empty for a word.
    pub part: String,
    /// What the price is for (`first hour: `); empty for a single price.
    pub label: String,
    /// The price in every shown currency, or the word ("free", "new service").
    pub text: String,
    /// The amounts, in display order; `None` for a word.
    pub amounts: Option<Amounts>,
}

/// The changes of `history` after `from` up to and including `to`, in `lang`.
pub fn diff(
    history: &PriceHistory,
    from: Option<Date>,
    to: Option<Date>,
    lang: &Lang,
) -> ListChanges {
    let list = &history.first;
    let changes = history
        .changes_between(from, to)
        .into_iter()
        .map(|c| {
            let named = |i: &Item| name(list, &c.section, i, lang);
            let change = match (&c.before, &c.after) {
                (None, _) => ChangeKind::Added,
                (_, None) => ChangeKind::Withdrawn,
                _ => ChangeKind::Changed,
            };
            let before_name = c.before.as_ref().map(named);
            let after_name = c.after.as_ref().map(named);
            let formerly = match (&c.before, &c.after) {
                (Some(b), Some(a)) if a.name != b.name => before_name.clone(),
                _ => None,
            };
            ChangeRow {
                date: c.effective,
                date_text: c.effective.format(lang),
                item: c.id.clone(),
                section: c.section.clone(),
                change,
                name: after_name.or(before_name).unwrap_or_default(),
                formerly,
                before: figures(list, c.before.as_ref(), Word::NewService, lang),
                after: figures(list, c.after.as_ref(), Word::NoLongerOffered, lang),
            }
        })
        .collect();
    ListChanges {
        list: list.id.clone(),
        from,
        to,
        changes,
    }
}

/// "Diagnostics (Laptops)".
fn name(list: &PriceList, section: &str, item: &Item, lang: &Lang) -> String {
    let langs = &list.languages;
    let name = item.name.best(lang, langs);
    match list.sections.iter().find(|s| s.id == section) {
        Some(s) => format!("{name} ({})", s.name.best(lang, langs)),
        None => name.to_owned(),
    }
}

/// An item's prices as figures; `absent` in words when there is no item.
fn figures(list: &PriceList, item: Option<&Item>, absent: Word, lang: &Lang) -> Vec<Figure> {
    let Some(item) = item else {
        return vec![Figure {
            part: String::new(),
            label: String::new(),
            text: word(lang, absent).to_owned(),
            amounts: None,
        }];
    };
    let mut prices = item.pricing.prices().into_iter();
    price_rows(list, item, lang)
        .into_iter()
        .map(|(label, text)| {
            let (part, amounts) = match prices.next() {
                Some((key, price)) => (key, Some(price.shown.clone())),
                None => (String::new(), None),
            };
            Figure {
                part,
                label,
                text,
                amounts,
            }
        })
        .collect()
}

/// The changes as `tarif diff` prints them: a line per change, its prices before and
/// after under it.
pub fn diff_text(changes: &ListChanges, lang: &Lang) -> String {
    let mut out = String::new();
    if changes.changes.is_empty() {
        let _ = writeln!(out, "{}", word(lang, Word::NoChanges));
    }
    for c in &changes.changes {
        let _ = writeln!(out, "{}  {}", c.date_text, c.name);
        if let Some(old) = &c.formerly {
            let _ = writeln!(
                out,
                "    {}",
                word(lang, Word::Formerly).replace("{name}", old)
            );
        }
        for (w, figures) in [(Word::Before, &c.before), (Word::After, &c.after)] {
            for f in figures {
                let _ = writeln!(out, "    {}: {}{}", word(lang, w), f.label, f.text);
            }
        }
    }
    out
}
