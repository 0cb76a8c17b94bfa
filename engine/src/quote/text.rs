//! Quotes and catalogues as plain text, in a language: what the CLI prints and what the
//! app copies for a messenger, from one implementation.

use std::fmt::Write as _;

use crate::locale::{self, Word, word, word_caps};
use crate::money::Amounts;
use crate::price_list::{Item, PriceList, Pricing};
use crate::quantity::Quantity;
use crate::quote::{Basis, LeftOutReason, LinePart, Quote, QuoteLine, VatPart};
use crate::text::Lang;

/// "25,56 € (50,00 лв.)": the main currency, then the references.
pub fn amounts(lang: &Lang, a: &Amounts) -> String {
    let mut all = a.iter().map(|m| locale::money(lang, *m));
    let main = all.next().unwrap_or_default();
    let refs: Vec<String> = all.collect();
    if refs.is_empty() {
        main
    } else {
        format!("{main} ({})", refs.join(", "))
    }
}

fn header(list: &PriceList, lang: &Lang, out: &mut String) {
    let fallback = &list.languages;
    let _ = writeln!(out, "{}  [{}]", list.title.best(lang, fallback), list.id);
    let shown: Vec<&str> = list.shown_in.iter().map(|c| c.code()).collect();
    let mut line = format!("{} {}", word(lang, Word::PricesIn), shown[0]);
    if shown.len() > 1 {
        let _ = write!(
            line,
            " ({} {})",
            shown[1..].join(", "),
            word(lang, Word::ForReference)
        );
    }
    for note in &list.notes {
        let _ = write!(line, " · {}", note.best(lang, fallback));
    }
    let _ = writeln!(out, "{line}");
    if let Some(note) = rate_note(list, lang) {
        let _ = writeln!(out, "{note}");
    }
}

/// The catalogue: each section, each item with its id, price and the quantity it takes.
pub fn catalogue(list: &PriceList, lang: &Lang) -> String {
    let mut out = String::new();
    header(list, lang, &mut out);
    let width = list
        .items()
        .map(|i| i.id.chars().count() + input_hint(i).chars().count())
        .max()
        .unwrap_or(0);
    let rows: Vec<Vec<(String, String)>> =
        list.items().map(|i| price_rows(list, i, lang)).collect();
    let price_width = rows
        .iter()
        .filter(|r| r.len() == 1)
        .map(|r| r[0].1.chars().count())
        .max()
        .unwrap_or(0);
    let mut rows = rows.into_iter();
    let fallback = &list.languages;
    for section in &list.sections {
        let _ = writeln!(out, "\n{}", section.name.best(lang, fallback));
        for item in &section.items {
            let id = format!("{}{}", item.id, input_hint(item));
            let mut name = item.name.best(lang, fallback).to_owned();
            if let Some(note) = &item.note {
                let _ = write!(name, " ({})", note.best(lang, fallback));
            }
            match rows.next().unwrap_or_default().as_slice() {
                [(_, price)] => {
                    let _ = writeln!(out, "  {id:<width$}  {price:<price_width$}  {name}");
                }
                many => {
                    let _ = writeln!(out, "  {id:<width$}  {name}");
                    for (label, price) in many {
                        let _ = writeln!(out, "  {:width$}    {label}{price}", "");
                    }
                }
            }
        }
        for note in &section.notes {
            let _ = writeln!(out, "  {}", note.best(lang, fallback));
        }
    }
    out
}

/// An item's price in one line, as a search result shows it: a fixed price (per its
/// unit), "free", "price on request", a surcharge per order; for an item priced by size or
/// by the hour, "from" its lowest price (the cheapest tier, the first hour).
pub fn price_in_brief(list: &PriceList, item: &Item, lang: &Lang) -> String {
    let from = |a: &Amounts| format!("{} {}", word(lang, Word::From), amounts(lang, a));
    match &item.pricing {
        Pricing::Tiered { tiers, .. } => tiers
            .iter()
            .map(|t| &t.price)
            .min_by_key(|p| p.written)
            .map(|p| from(&p.shown))
            .unwrap_or_default(),
        Pricing::Hourly { first_hour, .. } => from(&first_hour.shown),
        _ => price_rows(list, item, lang)
            .into_iter()
            .map(|(_, price)| price)
            .next()
            .unwrap_or_default(),
    }
}

/// What the item takes after its id on the command line.
fn input_hint(item: &Item) -> String {
    match &item.pricing {
        Pricing::Tiered { measure, .. } => format!("={measure}"),
        Pricing::Hourly { .. } => "=HOURS".into(),
        Pricing::Fixed { .. } => "[=N]".into(),
        Pricing::Free | Pricing::OnRequest | Pricing::Surcharge { .. } => String::new(),
    }
}

/// The rows that show an item's price: one for most, one per tier or rate.
pub(crate) fn price_rows(list: &PriceList, item: &Item, lang: &Lang) -> Vec<(String, String)> {
    let fallback = &list.languages;
    let per_unit = |a: &Amounts| match &item.unit {
        Some(u) => format!("{} / {}", amounts(lang, a), u.best(lang, fallback)),
        None => amounts(lang, a),
    };
    match &item.pricing {
        Pricing::Fixed { price } => vec![(String::new(), per_unit(&price.shown))],
        Pricing::Free => vec![(String::new(), word(lang, Word::Free).into())],
        Pricing::OnRequest => vec![(String::new(), word(lang, Word::OnRequest).into())],
        Pricing::Surcharge { price } => vec![(
            String::new(),
            format!(
                "{} {}",
                amounts(lang, &price.shown),
                word(lang, Word::PerOrder)
            ),
        )],
        Pricing::Hourly {
            first_hour,
            next_hour,
        } => vec![
            (
                format!("{}: ", word(lang, Word::FirstHour)),
                amounts(lang, &first_hour.shown),
            ),
            (
                format!("{}: ", word(lang, Word::EachStartedHour)),
                amounts(lang, &next_hour.shown),
            ),
        ],
        Pricing::Tiered { measure, tiers, .. } => tiers
            .iter()
            .map(|t| {
                let label = t.label.as_ref().map_or_else(
                    || format!("≤ {} {measure}", locale::number(lang, t.up_to)),
                    |l| l.best(lang, fallback).to_owned(),
                );
                (format!("{label}: "), amounts(lang, &t.price.shown))
            })
            .collect(),
    }
}

/// A quote as a sales person reads it out: each line with its billable parts, the
/// surcharges, the total, the VAT part, and what is not priced.
pub fn quote_text(list: &PriceList, q: &Quote, lang: &Lang) -> String {
    let fallback = &list.languages;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} · {}",
        word(lang, Word::Quote),
        list.title.best(lang, fallback)
    );
    dated::date_line(q, lang, &mut out);
    let name = |id: &str| {
        list.name_with_section(id, lang)
            .unwrap_or_else(|| id.to_owned())
    };
    let mut rows: Vec<(String, String)> = Vec::new();
    for line in q.lines.iter().chain(&q.surcharges) {
        rows.push((
            format!("{}{}", name(&line.item), quantity(list, line, lang)),
            amounts(lang, &line.amount),
        ));
        let informative = |p: &LinePart| {
            p.units != rust_decimal::Decimal::ONE || matches!(p.basis, Basis::Tier { .. })
        };
        if line.parts.len() > 1 || line.parts.iter().any(informative) {
            for p in &line.parts {
                let basis = part_label(list, line, p.basis, lang);
                let unit = p
                    .unit_price
                    .main()
                    .map(|m| locale::money(lang, m))
                    .unwrap_or_default();
                rows.push((
                    format!("    {basis}: {} × {unit}", locale::number(lang, p.units)),
                    String::new(),
                ));
            }
        }
    }
    if let Some(vat) = q.vat.as_ref().filter(|v| !v.included) {
        rows.push((
            word(lang, Word::Subtotal).into(),
            amounts(lang, &q.subtotal),
        ));
        rows.push((vat_label(lang, vat), amounts(lang, &vat.amount)));
    }
    rows.push((word_caps(lang, Word::Total), amounts(lang, &q.total)));
    if let Some(vat) = q.vat.as_ref().filter(|v| v.included) {
        rows.push((
            format!("  {}", vat_label(lang, vat)),
            amounts(lang, &vat.amount),
        ));
    }
    let width = rows
        .iter()
        .map(|(l, _)| l.chars().count())
        .max()
        .unwrap_or(0);
    for (label, amount) in rows {
        let _ = writeln!(out, "  {label:<width$}  {amount}");
    }
    if let Some(note) = rate_note(list, lang) {
        let _ = writeln!(out, "  {note}");
    }
    if !q.left_out.is_empty() || !q.withdrawn.is_empty() {
        let _ = writeln!(out, "{}:", word(lang, Word::NotPriced));
        for l in &q.left_out {
            let why = match &l.reason {
                LeftOutReason::OnRequest => word(lang, Word::OnRequest),
                LeftOutReason::OutOfRange(_) => word(lang, Word::NotOffered),
            };
            let _ = writeln!(out, "  {} — {why}", name(&l.item));
        }
        dated::withdrawn_lines(list, q, lang, &mut out);
    }
    out
}

/// What a quote priced as of a day adds to its text: the day, how long it holds, the
/// items withdrawn by then.
mod dated {
    use super::*;

    /// "Prices as of 29.11.2026 · valid until 29.12.2026".
    pub fn date_line(q: &Quote, lang: &Lang, out: &mut String) {
        if let Some(line) = priced_on(q, lang) {
            let _ = writeln!(out, "{line}");
        }
    }

    /// "Palm rest replacement — no longer offered since 01.03.2027".
    pub fn withdrawn_lines(list: &PriceList, q: &Quote, lang: &Lang, out: &mut String) {
        for w in &q.withdrawn {
            let since = word(lang, Word::WithdrawnSince).replace("{date}", &w.since.format(lang));
            let _ = writeln!(out, "  {} — {since}", w.name.best(lang, &list.languages));
        }
    }
}

/// The day a quote's prices are as of, and how long they hold: "Prices as of 29.11.2026 ·
/// valid until 29.12.2026" (none for a quote priced without a day).
pub fn priced_on(q: &Quote, lang: &Lang) -> Option<String> {
    let date = q.date?;
    let on = |w: Word, d: crate::date::Date| word(lang, w).replace("{date}", &d.format(lang));
    let mut line = on(Word::PricesAsOf, date);
    if let Some(until) = q.valid_until {
        line.push_str(" · ");
        line.push_str(&on(Word::ValidUntil, until));
    }
    Some(line)
}

fn quantity(list: &PriceList, line: &QuoteLine, lang: &Lang) -> String {
    let measure = match list.item(&line.item).map(|i| &i.pricing) {
        Some(Pricing::Tiered { measure, .. }) => measure.as_str(),
        _ => "",
    };
    match line.quantity {
        Quantity::Count(1) => String::new(),
        Quantity::Count(n) => format!(" — × {n}"),
        Quantity::Measured(v) => format!(" — {} {measure}", locale::number(lang, v)),
        Quantity::Minutes(m) => format!(" — {}", locale::duration(lang, m)),
        Quantity::Once => format!(" — {}", word(lang, Word::PerOrder)),
    }
}

fn part_label(list: &PriceList, line: &QuoteLine, basis: Basis, lang: &Lang) -> String {
    match basis {
        Basis::Unit => word(lang, Word::Price).to_lowercase(),
        Basis::Free => word(lang, Word::Free).into(),
        Basis::FirstHour => word(lang, Word::FirstHour).into(),
        Basis::NextHours => word(lang, Word::EachStartedHour).into(),
        Basis::PerOrder => word(lang, Word::PerOrder).into(),
        Basis::Tier { index } => match list.item(&line.item).map(|i| &i.pricing) {
            Some(Pricing::Tiered { tiers, .. }) => tiers
                .get(index)
                .and_then(|t| t.label.as_ref())
                .map_or_else(String::new, |l| l.best(lang, &list.languages).to_owned()),
            _ => String::new(),
        },
    }
}

/// How a list shown in another currency than it is written in was converted: the fixed
/// rate (numbers as `lang` writes them), each price converted once and rounded to the
/// cent, and which prices are the original ones. None for a list shown as written.
///
/// ```
/// use tarif_engine::price_list::parse_price_list;
/// use tarif_engine::quote::text::rate_note;
/// use tarif_engine::text::Lang;
/// let list = parse_price_list("p.toml", r#"
/// languages = ["bg", "en"]
/// currency = "BGN"
/// show = ["EUR", "BGN"]
/// rates = { EUR = "1.95583" }
/// title = { bg = "Цени", en = "Prices" }
/// [[sections]]
/// id = "s"
/// name = { bg = "Услуги", en = "Services" }
/// [[sections.items]]
/// id = "a"
/// name = { bg = "Диагностика", en = "Diagnostics" }
/// price = "50"
/// "#).unwrap();
/// assert_eq!(
///     rate_note(&list, &Lang::new("bg").unwrap()).unwrap(),
///     "Цените в EUR са преизчислени по фиксирания курс 1 EUR = 1,95583 BGN: всяка цена \
///      веднъж, закръглена до стотните. Оригиналните цени са в BGN."
/// );
/// ```
pub fn rate_note(list: &PriceList, lang: &Lang) -> Option<String> {
    if list.rates.is_empty() {
        return None;
    }
    let written = list.written_in.code();
    let rates: Vec<String> = list
        .rates
        .iter()
        .map(|(c, r)| format!("1 {} = {} {written}", c.code(), locale::number(lang, *r)))
        .collect();
    let codes: Vec<&str> = list.rates.iter().map(|(c, _)| c.code()).collect();
    let and = word(lang, Word::AndSpaced);
    let (codes, rates) = (codes.join(and), rates.join("; "));
    Some(
        word(lang, Word::RateNote)
            .replace("{codes}", &codes)
            .replace("{rates}", &rates)
            .replace("{written}", written),
    )
}

/// The label of a quote's VAT part: "incl. VAT 20 %" where prices include it, "VAT 20 %"
/// where it is added on top.
///
/// ```
/// use tarif_engine::quote::VatPart;
/// use tarif_engine::quote::text::vat_label;
/// use tarif_engine::text::Lang;
/// let vat = VatPart { rate: 20.into(), included: true, amount: Default::default() };
/// assert_eq!(vat_label(&Lang::new("bg").unwrap(), &vat), "вкл. ДДС 20 %");
/// ```
pub fn vat_label(lang: &Lang, vat: &VatPart) -> String {
    let w = if vat.included {
        Word::VatIncluded
    } else {
        Word::VatAdded
    };
    format!("{} {} %", word(lang, w), locale::number(lang, vat.rate))
}
