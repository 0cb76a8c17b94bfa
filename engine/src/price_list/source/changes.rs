//! A list's `[[changes]]`: each written like an item (its `id`, and what changes), with
//! the day it takes effect, and checked against the list as the changes before it leave
//! it: dates in order, after the list's own; no change to an item the list does not hold
//! on that day; one change per item and day, so never two prices for one item on one day.

use std::collections::HashMap;

use toml::Spanned;

use super::{Converter, RawItem, check_unit, date, new_item, pricing};
use crate::date::Date;
use crate::price_list::PriceList;
use crate::price_list::history::{Change, Edit, apply};
use crate::source::{RawText, SourceFile};

/// Every change that reads, in file order; `first` is the list as its sections write it.
pub(super) fn read(
    src: &mut SourceFile,
    money: &Converter,
    first: &PriceList,
    effective: Option<Date>,
    raw: &[RawItem],
) -> Vec<Change> {
    let mut list = first.clone();
    let mut changes: Vec<Change> = Vec::new();
    // Each (item, day) changed so far, with the line of its change.
    let mut changed: HashMap<(String, Date), usize> = HashMap::new();
    for r in raw {
        let Some(day) = day(src, r) else { continue };
        let Some(edit) = edit(src, money, &list, day, r) else {
            continue;
        };
        let span = r.effective.as_ref().map_or(r.id.span(), Spanned::span);
        if let Some(e) = effective.filter(|e| day <= *e) {
            src.problem(
                span.clone(),
                format!("this change takes effect on {day}, not after the list's own `effective` date, {e}"),
                "a change comes after the prices it changes: give it a later date, or the list an earlier one",
            );
        }
        if let Some(before) = changes.last().filter(|c| c.effective > day) {
            src.problem(
                span.clone(),
                format!("this change takes effect on {day}, before the change above it ({})", before.effective),
                "write the changes in date order, oldest first, so that the file reads as the list's history",
            );
        }
        let line = line_of(src, r.id.span().start);
        let key = (r.id.get_ref().clone(), day);
        if let Some(first_line) = changed.insert(key, line) {
            src.problem(
                r.id.span(),
                format!(
                    "`{}` already changes on {day}, on line {first_line}",
                    r.id.get_ref()
                ),
                "merge the two into one change: an item has one price on a given day",
            );
        }
        let change = Change {
            effective: day,
            item: r.id.get_ref().clone(),
            edit,
        };
        apply(&mut list, &change);
        changes.push(change);
    }
    changes
}

fn line_of(src: &SourceFile, at: usize) -> usize {
    src.text[..at.min(src.text.len())].matches('\n').count() + 1
}

/// The day a change takes effect.
fn day(src: &mut SourceFile, r: &RawItem) -> Option<Date> {
    let Some(raw) = &r.effective else {
        src.problem(
            r.id.span(),
            format!("the change of `{}` has no `effective` date", r.id.get_ref()),
            "add the first day of the new state: effective = \"2027-01-01\"",
        );
        return None;
    };
    date(src, raw, "the change's `effective`")
}

/// What the change does, checked against `list` as it stands the day before.
fn edit(
    src: &mut SourceFile,
    money: &Converter,
    list: &PriceList,
    day: Date,
    r: &RawItem,
) -> Option<Edit> {
    let id = src.id(&r.id, "item");
    let held = list.item(&id);
    if let Some(w) = &r.withdrawn {
        return withdrawal(src, r, w, held.is_some(), day);
    }
    if let Some(section) = &r.section {
        if held.is_some() {
            src.problem(
                r.id.span(),
                format!("`{id}` is already in the list on {day}"),
                "to change the item, leave out `section`; to add another, give it an id of its own",
            );
            return None;
        }
        if list.sections.iter().any(|s| s.id == id) {
            src.problem(
                r.id.span(),
                format!("`{id}` is the id of a section"),
                "give the new item an id of its own: sections and items share the page's anchors",
            );
            return None;
        }
        if !list.sections.iter().any(|s| s.id == *section.get_ref()) {
            let known: Vec<&str> = list.sections.iter().map(|s| s.id.as_str()).collect();
            src.problem(
                section.span(),
                format!("the list has no section `{}`", section.get_ref()),
                format!("add the item to one of: {}", known.join(", ")),
            );
            return None;
        }
        let item = new_item(src, money, &list.languages, r)?;
        return Some(Edit::Add {
            section: section.get_ref().clone(),
            item: Box::new(item),
        });
    }
    let Some(item) = held else {
        src.problem(
            r.id.span(),
            format!("there is no item `{id}` in the list on {day}"),
            "check the id, and that the item is not withdrawn or added later; to add an item, give the change a `section` and a `name`",
        );
        return None;
    };
    amendment(src, money, list, r, item.unit.is_some())
}

fn withdrawal(
    src: &mut SourceFile,
    r: &RawItem,
    withdrawn: &Spanned<bool>,
    held: bool,
    day: Date,
) -> Option<Edit> {
    let id = r.id.get_ref();
    if !withdrawn.get_ref() {
        src.problem(
            withdrawn.span(),
            "`withdrawn = false` changes nothing",
            "write `withdrawn = true` to withdraw the item, or remove the line",
        );
        return None;
    }
    if r.section.is_some()
        || r.name.is_some()
        || has_pricing(r)
        || r.note.is_some()
        || r.unit.is_some()
    {
        src.problem(
            withdrawn.span(),
            format!("the change withdraws `{id}` and also changes it"),
            "a withdrawn item has no price or text: keep only `effective`, `id` and `withdrawn`",
        );
    }
    if !held {
        src.problem(
            r.id.span(),
            format!("there is no item `{id}` in the list on {day} to withdraw"),
            "check the id, and that the item is not already withdrawn or added later",
        );
        return None;
    }
    Some(Edit::Withdraw)
}

/// New prices, texts, or both, for the item `r.id` that `list` holds.
fn amendment(
    src: &mut SourceFile,
    money: &Converter,
    list: &PriceList,
    r: &RawItem,
    had_unit: bool,
) -> Option<Edit> {
    let langs = &list.languages;
    let what = format!("the change of `{}`", r.id.get_ref());
    if let Some(span) = r.eligibility.as_ref().map(|_| r.id.span()) {
        src.problem(
            span,
            format!("{what} changes `eligibility`, which has no dates"),
            "write the item's eligibility in its section; a change gives prices and texts",
        );
    }
    let mut text = |t: &Option<Spanned<RawText>>, field: &str| {
        t.as_ref()
            .map(|t| src.text(t, langs, &format!("the {field} in {what}")))
    };
    let (name, note, unit) = (
        text(&r.name, "name"),
        text(&r.note, "note"),
        text(&r.unit, "unit"),
    );
    let pricing = match has_pricing(r) {
        true => Some(pricing(src, money, langs, r, &what)?),
        false => None,
    };
    if name.is_none() && note.is_none() && unit.is_none() && pricing.is_none() {
        src.problem(
            r.id.span(),
            format!("{what} changes nothing"),
            "give it a new price (price, tiers, hourly or surcharge), name, note or unit; or `withdrawn = true`",
        );
        return None;
    }
    let now = pricing
        .as_ref()
        .or(list.item(r.id.get_ref()).map(|i| &i.pricing));
    if let Some(p) = now {
        check_unit(src, r, unit.is_some() || had_unit, p, &what);
    }
    Some(Edit::Amend {
        name,
        note,
        unit,
        pricing,
    })
}

/// Whether `r` writes a price of some kind.
fn has_pricing(r: &RawItem) -> bool {
    r.price.is_some() || r.tiers.is_some() || r.hourly.is_some() || r.surcharge.is_some()
}
