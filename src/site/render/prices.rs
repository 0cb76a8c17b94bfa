//! A price list as the rows of its printable table: every item, each price in every
//! shown currency (formatted by the engine's locale), tiers and hourly rates as rows of
//! their own, and "free" / "price on request" in words.
//!
//! Each figure is a `<data value="25.56" data-price="item:part:currency">`, so tests and
//! the app can find the figure the table shows for each price of the model.
//!
//! The table shows the list as it stands on the build's day; under an item with an
//! announced change come the rows it will have, each headed "From 1 January 2027" (an
//! announced new item: its rows, noted "From …"), their figures keyed
//! `item@2027-01-01:part:currency`. No script is needed to see them.

use serde::Serialize;
use tarif_engine::date::Date;
use tarif_engine::locale::{self, Word, word};
use tarif_engine::money::{Amounts, Currency};
use tarif_engine::price_list::{Change, Edit, Item, PriceHistory, PriceList, Pricing};
use tarif_engine::rounding;
use tarif_engine::text::{Lang, Text};

#[derive(Serialize)]
pub struct PriceListView {
    pub id: String,
    pub title: String,
    /// What the figures are: currencies and VAT.
    pub summary: String,
    /// How the shown currencies were converted from the written one (the fixed rate, each
    /// price once, rounded to the cent, which prices are the original), if they were.
    pub rate: Option<String>,
    /// "These prices apply from 1 January 2026.", when the list dates them.
    pub since: Option<String>,
    /// The link to the list's changes page, when it has changes.
    pub changes: Option<String>,
    pub notes: Vec<String>,
    pub currencies: Vec<CurrencyView>,
    pub sections: Vec<SectionView>,
}

#[derive(Serialize)]
pub struct CurrencyView {
    pub code: String,
    /// Shown beside the main currency for reference (the BGN of a list written in BGN).
    pub reference: bool,
}

#[derive(Serialize)]
pub struct SectionView {
    pub id: String,
    pub name: String,
    pub notes: Vec<String>,
    pub rows: Vec<Row>,
}

/// A table row: an item, or a tier or rate of the item above it.
#[derive(Serialize)]
pub struct Row {
    /// The item's id on its first row: the anchor of the item.
    pub id: Option<String>,
    /// `item`, `group` (an item whose prices follow in `part` rows) or `part`.
    pub class: &'static str,
    pub name: String,
    pub note: Option<String>,
    /// In place of figures: "free", "price on request", "by size".
    pub word: Option<String>,
    pub cells: Vec<Cell>,
    /// After each figure: "/ component", "per order".
    pub suffix: Option<String>,
}

#[derive(Serialize)]
pub struct Cell {
    pub key: String,
    pub text: String,
    /// The amount for machines: `25.56`.
    pub value: String,
}

/// The view in `lang` of `history` as it stands on `today`, with its announced changes.
pub fn view(history: &PriceHistory, today: Date, lang: &Lang) -> PriceListView {
    let list = &history.as_of(today);
    let t = |text: &Text| text.best(lang, &list.languages).to_owned();
    let announced = history.announced_after(today);
    PriceListView {
        id: list.id.clone(),
        title: t(&list.title),
        summary: summary(list, lang),
        rate: tarif_engine::quote::text::rate_note(list, lang),
        since: history
            .in_effect_since(today)
            .map(|d| on_day(Word::PricesApplyFrom, d, lang)),
        changes: None,
        notes: list.notes.iter().map(t).collect(),
        currencies: list
            .shown_in
            .iter()
            .enumerate()
            .map(|(i, c)| CurrencyView {
                code: c.code().to_owned(),
                reference: i > 0,
            })
            .collect(),
        sections: list
            .sections
            .iter()
            .map(|s| SectionView {
                id: s.id.clone(),
                name: t(&s.name),
                notes: s.notes.iter().map(t).collect(),
                rows: s
                    .items
                    .iter()
                    .flat_map(|i| {
                        let mut rows = rows(list, i, lang);
                        rows.extend(announced_rows(history, announced, list, &i.id, lang));
                        rows
                    })
                    .chain(announced_items(history, announced, list, &s.id, lang))
                    .collect(),
            })
            .collect(),
    }
}

/// A catalogue sentence with its `{date}` in the language's style.
pub fn on_day(w: Word, date: Date, lang: &Lang) -> String {
    word(lang, w).replace("{date}", &date.format(lang))
}

/// The rows an item will have after each of its announced changes, headed by the day.
fn announced_rows(
    history: &PriceHistory,
    announced: &[Change],
    list: &PriceList,
    id: &str,
    lang: &Lang,
) -> Vec<Row> {
    let mut out = Vec::new();
    for c in announced.iter().filter(|c| c.item == id) {
        let from = on_day(Word::FromDate, c.effective, lang);
        let then = history.as_of(c.effective);
        let Some(item) = then.item(id) else {
            out.push(Row {
                id: None,
                class: "part",
                name: from,
                note: None,
                word: Some(word(lang, Word::NoLongerOffered).to_owned()),
                cells: Vec::new(),
                suffix: None,
            });
            continue;
        };
        let renamed = list.item(id).is_some_and(|now| now.name != item.name);
        let keyed = Item {
            id: format!("{id}@{}", c.effective),
            ..item.clone()
        };
        for (i, mut row) in rows(list, &keyed, lang).into_iter().enumerate() {
            row.name = match (i, renamed) {
                (0, false) => from.clone(),
                _ => format!("{from}: {}", row.name),
            };
            row.id = None;
            row.class = "part";
            out.push(row);
        }
    }
    out
}

/// The items announced to join section `section`: their rows, noted with the day.
fn announced_items(
    history: &PriceHistory,
    announced: &[Change],
    list: &PriceList,
    section: &str,
    lang: &Lang,
) -> Vec<Row> {
    let mut out = Vec::new();
    for (k, c) in announced.iter().enumerate() {
        let Edit::Add { section: s, item } = &c.edit else {
            continue;
        };
        if s != section || list.item(&c.item).is_some() {
            continue;
        }
        let mut rows = rows(list, item, lang);
        if let Some(head) = rows.first_mut() {
            head.note = Some(on_day(Word::FromDate, c.effective, lang));
        }
        out.extend(rows);
        let later = &announced[k + 1..];
        out.extend(announced_rows(history, later, list, &c.item, lang));
    }
    out
}

/// "Prices in EUR (BGN for reference) · incl. VAT 20 %".
fn summary(list: &PriceList, lang: &Lang) -> String {
    let codes: Vec<&str> = list.shown_in.iter().map(Currency::code).collect();
    let mut s = format!(
        "{} {}",
        word(lang, Word::PricesIn),
        codes.first().copied().unwrap_or_default()
    );
    if codes.len() > 1 {
        s += &format!(
            " ({} {})",
            codes[1..].join(", "),
            word(lang, Word::ForReference)
        );
    }
    if let Some(vat) = &list.vat {
        let w = if vat.included {
            Word::VatIncluded
        } else {
            Word::VatExcluded
        };
        s += &format!(
            " · {} {}\u{a0}%",
            word(lang, w),
            locale::number(lang, vat.rate)
        );
    }
    s
}

fn rows(list: &PriceList, item: &Item, lang: &Lang) -> Vec<Row> {
    let t = |text: &Text| text.best(lang, &list.languages).to_owned();
    let head = |class, word: Option<&str>, cells, suffix| Row {
        id: Some(item.id.clone()),
        class,
        name: t(&item.name),
        note: item.note.as_ref().map(t),
        word: word.map(str::to_owned),
        cells,
        suffix,
    };
    let part = |name: String, key: &str, amounts: &Amounts| Row {
        id: None,
        class: "part",
        name,
        note: None,
        word: None,
        cells: cells(&item.id, key, amounts, lang),
        suffix: None,
    };
    match &item.pricing {
        Pricing::Fixed { price } => vec![head(
            "item",
            None,
            cells(&item.id, "price", &price.shown, lang),
            item.unit.as_ref().map(|u| format!("/ {}", t(u))),
        )],
        Pricing::Free => vec![head("item", Some(word(lang, Word::Free)), Vec::new(), None)],
        Pricing::OnRequest => vec![head(
            "item",
            Some(word(lang, Word::OnRequest)),
            Vec::new(),
            None,
        )],
        Pricing::Surcharge { price } => vec![head(
            "item",
            None,
            cells(&item.id, "surcharge", &price.shown, lang),
            Some(word(lang, Word::PerOrder).to_owned()),
        )],
        Pricing::Hourly {
            first_hour,
            next_hour,
        } => vec![
            head("group", Some(""), Vec::new(), None),
            part(
                capitalised(word(lang, Word::FirstHour)),
                "first-hour",
                &first_hour.shown,
            ),
            part(
                capitalised(word(lang, Word::EachStartedHour)),
                "next-hour",
                &next_hour.shown,
            ),
        ],
        Pricing::Tiered { measure, tiers, .. } => {
            let mut rows = vec![head(
                "group",
                Some(word(lang, Word::BySize)),
                Vec::new(),
                None,
            )];
            for (i, tier) in tiers.iter().enumerate() {
                let name = tier.label.as_ref().map_or_else(
                    || {
                        format!(
                            "{} {} {measure}",
                            capitalised(word(lang, Word::UpTo)),
                            locale::number(lang, tier.up_to)
                        )
                    },
                    t,
                );
                rows.push(part(name, &format!("tier-{i}"), &tier.price.shown));
            }
            rows
        }
    }
}

fn cells(item: &str, part: &str, amounts: &Amounts, lang: &Lang) -> Vec<Cell> {
    amounts
        .iter()
        .map(|m| Cell {
            key: format!("{item}:{part}:{}", m.currency.code()),
            text: locale::money(lang, *m),
            value: rounding::to_cents_string(m.amount),
        })
        .collect()
}

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}
