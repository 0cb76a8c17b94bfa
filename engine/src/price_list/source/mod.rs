//! Reading a price list from TOML: every problem located, all of them at once (after the
//! first syntax error, which stops the TOML parser itself). Its dated `[[changes]]` are
//! read in `changes.rs`.

mod changes;

use std::collections::{BTreeMap, HashMap};

use rust_decimal::Decimal;
use serde::Deserialize;
use toml::Spanned;

use super::history::PriceHistory;
use super::*;
use crate::date::Date;
use crate::diagnostic::Diagnostic;
use crate::money::{Amounts, Currency, Money};
use crate::rounding;
use crate::source::{Literal, RawText, SourceFile};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawList {
    section: Option<Spanned<String>>,
    languages: Spanned<Vec<Spanned<String>>>,
    currency: Spanned<String>,
    show: Option<Spanned<Vec<Spanned<String>>>>,
    rates: Option<Spanned<BTreeMap<String, Spanned<Literal>>>>,
    vat: Option<RawVat>,
    title: Spanned<RawText>,
    #[serde(default)]
    notes: Vec<Spanned<RawText>>,
    effective: Option<Spanned<String>>,
    quote_valid_days: Option<Spanned<i64>>,
    sections: Vec<RawSection>,
    /// Dated changes: each written as an item, with `effective` and what it changes.
    #[serde(default)]
    changes: Vec<RawItem>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawVat {
    rate: Spanned<Literal>,
    included: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSection {
    id: Spanned<String>,
    name: Spanned<RawText>,
    #[serde(default)]
    notes: Vec<Spanned<RawText>>,
    items: Vec<RawItem>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawItem {
    id: Spanned<String>,
    /// Required of an item; in a change, only to rename the item (or to add one).
    name: Option<Spanned<RawText>>,
    /// Only in a change: the day it takes effect.
    effective: Option<Spanned<String>>,
    /// Only in a change that adds an item: the section it goes at the end of.
    section: Option<Spanned<String>>,
    /// Only in a change that withdraws an item.
    withdrawn: Option<Spanned<bool>>,
    note: Option<Spanned<RawText>>,
    unit: Option<Spanned<RawText>>,
    price: Option<Spanned<Literal>>,
    measure: Option<Spanned<String>>,
    from: Option<Spanned<Literal>>,
    tiers: Option<Spanned<Vec<RawTier>>>,
    hourly: Option<RawHourly>,
    surcharge: Option<Spanned<Literal>>,
    eligibility: Option<Eligibility>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTier {
    up_to: Spanned<Literal>,
    price: Spanned<Literal>,
    label: Option<Spanned<RawText>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHourly {
    first_hour: Spanned<Literal>,
    next_hour: Spanned<Literal>,
}

/// Reads the price list in `source`, reported as `file` (its stem is the list's id): as
/// its sections write it, its first version; [`parse_price_history`] reads its dated
/// `[[changes]]` too (and checks them: this does as well).
///
/// ```
/// let toml = r#"
/// languages = ["en"]
/// currency = "BGN"
/// show = ["EUR", "BGN"]
/// rates = { EUR = "1.95583" }
/// title = { en = "Prices" }
/// [[sections]]
/// id = "laptops"
/// name = { en = "Laptops" }
/// [[sections.items]]
/// id = "laptop-diagnostics"
/// name = { en = "Diagnostics" }
/// price = 50
/// "#;
/// let list = tarif_engine::price_list::parse_price_list("price-lists/shop.toml", toml).unwrap();
/// assert_eq!(list.id, "shop");
/// let item = list.item("laptop-diagnostics").unwrap();
/// # use tarif_engine::price_list::Pricing;
/// let Pricing::Fixed { price } = &item.pricing else { panic!() };
/// assert_eq!(price.shown.main().unwrap().to_string(), "25.56 EUR");
/// ```
pub fn parse_price_list(file: &str, source: &str) -> Result<PriceList, Vec<Diagnostic>> {
    parse_price_history(file, source).map(|h| h.first)
}

/// Reads the price list in `source` with its dated changes (see [`PriceHistory`]).
pub fn parse_price_history(file: &str, source: &str) -> Result<PriceHistory, Vec<Diagnostic>> {
    let mut src = SourceFile::new(file, source);
    let raw: RawList = src.deserialize().map_err(|d| vec![d])?;
    let id = list_id(file);
    if !crate::text::is_id(&id) {
        src.problems.push(
            Diagnostic::file(file, format!("`{id}` is not a valid price-list id"))
                .help("name the file with lowercase latin letters, digits and dashes, such as `laptop-bg.toml`"),
        );
    }
    let languages = languages(&mut src, &raw.languages);
    let money = Converter::new(&mut src, &raw);
    let section = raw.section.as_ref().map(|s| src.id(s, "section"));
    let title = src.text(&raw.title, &languages, "the list's title");
    let notes = raw
        .notes
        .iter()
        .map(|n| src.text(n, &languages, "a note of the list"))
        .collect();
    let vat = raw.vat.as_ref().and_then(|v| vat(&mut src, v));
    let mut ids = Ids::default();
    let sections = raw
        .sections
        .iter()
        .map(|s| price_section(&mut src, &money, &languages, &mut ids, s))
        .collect();
    if raw.sections.is_empty() {
        src.problem(
            0..0,
            "the price list has no sections",
            "add at least one [[sections]] with items",
        );
    }
    let list = PriceList {
        id,
        section,
        languages,
        title,
        written_in: money.written,
        shown_in: money.shown.iter().map(|(c, _)| *c).collect(),
        rates: money
            .shown
            .iter()
            .filter(|(c, _)| *c != money.written)
            .copied()
            .collect(),
        vat,
        notes,
        sections,
    };
    let effective = raw
        .effective
        .as_ref()
        .and_then(|e| date(&mut src, e, "the list's `effective`"));
    let quote_valid_days = raw.quote_valid_days.as_ref().and_then(|d| {
        let days = u32::try_from(*d.get_ref())
            .ok()
            .filter(|n| (1..=3660).contains(n));
        if days.is_none() {
            src.problem(
                d.span(),
                format!(
                    "`quote_valid_days = {}` is not a number of days",
                    d.get_ref()
                ),
                "write how many days a quote's prices hold, from 1 to 3660, such as 30",
            );
        }
        days
    });
    let changes = changes::read(&mut src, &money, &list, effective, &raw.changes);
    src.finish(PriceHistory {
        first: list,
        effective,
        changes,
        quote_valid_days,
    })
}

/// The date written in `raw`, or a located problem.
fn date(src: &mut SourceFile, raw: &Spanned<String>, what: &str) -> Option<Date> {
    match raw.get_ref().parse::<Date>() {
        Ok(d) => Some(d),
        Err(e) => {
            src.problem(
                raw.span(),
                format!("{what}: {e}"),
                "write the first day the prices apply, as \"2027-01-01\"",
            );
            None
        }
    }
}

fn list_id(file: &str) -> String {
    let name = file.rsplit(['/', '\\']).next().unwrap_or(file);
    name.strip_suffix(".toml").unwrap_or(name).to_owned()
}

fn languages(src: &mut SourceFile, raw: &Spanned<Vec<Spanned<String>>>) -> Vec<Lang> {
    let mut langs = Vec::new();
    for tag in raw.get_ref() {
        match Lang::new(tag.get_ref()) {
            Some(l) if langs.contains(&l) => src.problem(
                tag.span(),
                format!("`{l}` is listed twice"),
                "list each language once",
            ),
            Some(l) => langs.push(l),
            None => src.problem(
                tag.span(),
                format!("`{}` is not a language tag", tag.get_ref()),
                "write two or three lowercase letters, such as \"bg\" or \"en\"",
            ),
        }
    }
    if raw.get_ref().is_empty() {
        src.problem(
            raw.span(),
            "no languages",
            "list the languages of the texts, the original first: [\"bg\", \"en\"]",
        );
    }
    langs
}

fn vat(src: &mut SourceFile, raw: &RawVat) -> Option<Vat> {
    let rate = src.decimal(&raw.rate, "the VAT rate")?;
    if !(Decimal::ZERO..=Decimal::ONE_HUNDRED).contains(&rate) {
        src.problem(
            raw.rate.span(),
            format!("a VAT rate of {rate} % is out of range"),
            "write a percentage from 0 to 100, such as \"20\"",
        );
        return None;
    }
    Some(Vat {
        rate,
        included: raw.included,
    })
}

/// Converts written prices into every shown currency, once.
struct Converter {
    written: Currency,
    /// Each shown currency with the rate `1 shown = rate written`.
    shown: Vec<(Currency, Decimal)>,
}

impl Converter {
    fn new(src: &mut SourceFile, raw: &RawList) -> Converter {
        let written = currency(src, &raw.currency).unwrap_or(Currency::default_code());
        let mut rates: HashMap<Currency, Decimal> = HashMap::new();
        if let Some(table) = &raw.rates {
            for (code, lit) in table.get_ref() {
                let Ok(c) = code.parse::<Currency>() else {
                    src.problem(
                        table.span(),
                        format!("`{code}` in `rates` is not a currency code"),
                        "write three capital letters, such as EUR",
                    );
                    continue;
                };
                if let Some(rate) = src.positive(lit, &format!("the {c} rate")) {
                    rates.insert(c, rate);
                }
            }
        }
        let mut shown = Vec::new();
        let codes = raw
            .show
            .as_ref()
            .map(|s| s.get_ref().as_slice())
            .unwrap_or_default();
        for code in codes {
            let Some(c) = currency(src, code) else {
                continue;
            };
            if shown.iter().any(|(s, _)| *s == c) {
                src.problem(
                    code.span(),
                    format!("{c} is listed twice in `show`"),
                    "list each currency once",
                );
            } else if c == written {
                shown.push((c, Decimal::ONE));
            } else if let Some(rate) = rates.get(&c) {
                shown.push((c, *rate));
            } else if raw
                .rates
                .as_ref()
                .is_none_or(|t| !t.get_ref().contains_key(c.code()))
            {
                src.problem(
                    code.span(),
                    format!("the list is written in {written} and shown in {c}, but has no {c} rate"),
                    format!("add the fixed rate as `rates = {{ {c} = \"…\" }}`: how many {written} one {c} is worth"),
                );
            }
        }
        if codes.is_empty() {
            shown.push((written, Decimal::ONE));
        }
        Converter { written, shown }
    }

    fn price(&self, src: &mut SourceFile, lit: &Spanned<Literal>, what: &str) -> Option<Price> {
        let written = src.decimal(lit, what)?;
        if written < Decimal::ZERO {
            src.problem(
                lit.span(),
                format!("{what} is negative"),
                "write a price of zero or more; a discount is not a price",
            );
            return None;
        }
        let shown = self.shown.iter().map(|&(currency, rate)| {
            let amount = if currency == self.written {
                rounding::half_up_to_cents(written)
            } else {
                rounding::convert(written, rate)?
            };
            Some(Money { amount, currency })
        });
        match shown.collect::<Option<Vec<_>>>() {
            Some(values) => Some(Price {
                written,
                shown: Amounts::new(values),
            }),
            None => {
                src.problem(
                    lit.span(),
                    format!("{what} is too large to convert"),
                    "write a smaller price",
                );
                None
            }
        }
    }
}

impl Currency {
    /// Stands in while a file with a bad currency code is read on, to find its other problems.
    fn default_code() -> Currency {
        "XXX"
            .parse()
            .unwrap_or_else(|_| unreachable!("XXX is three capitals"))
    }
}

fn currency(src: &mut SourceFile, code: &Spanned<String>) -> Option<Currency> {
    match code.get_ref().parse() {
        Ok(c) => Some(c),
        Err(e) => {
            src.problem(code.span(), e.to_string(), "use an ISO 4217 code");
            None
        }
    }
}

/// Ids seen so far: sections and items share one namespace, as they share the page's anchors.
#[derive(Default)]
struct Ids(HashMap<String, usize>);

impl Ids {
    fn claim(&mut self, src: &mut SourceFile, id: &Spanned<String>) {
        if let Some(&line) = self.0.get(id.get_ref()) {
            src.problem(
                id.span(),
                format!("the id `{}` is already used on line {line}", id.get_ref()),
                "give every section and item its own id",
            );
        } else {
            let line = src.text[..id.span().start.min(src.text.len())]
                .matches('\n')
                .count()
                + 1;
            self.0.insert(id.get_ref().clone(), line);
        }
    }
}

fn price_section(
    src: &mut SourceFile,
    money: &Converter,
    langs: &[Lang],
    ids: &mut Ids,
    raw: &RawSection,
) -> PriceSection {
    let id = src.id(&raw.id, "section");
    ids.claim(src, &raw.id);
    let what = format!("section `{id}`");
    let name = src.text(&raw.name, langs, &format!("the name of {what}"));
    let notes = raw
        .notes
        .iter()
        .map(|n| src.text(n, langs, &format!("a note of {what}")))
        .collect();
    if raw.items.is_empty() {
        src.problem(
            raw.id.span(),
            format!("{what} has no items"),
            "add [[sections.items]] or remove the section",
        );
    }
    let items = raw
        .items
        .iter()
        .filter_map(|i| item(src, money, langs, ids, i))
        .collect();
    PriceSection {
        id,
        name,
        notes,
        items,
    }
}

fn item(
    src: &mut SourceFile,
    money: &Converter,
    langs: &[Lang],
    ids: &mut Ids,
    raw: &RawItem,
) -> Option<Item> {
    ids.claim(src, &raw.id);
    let only_in_changes = [
        ("effective", raw.effective.as_ref().map(Spanned::span)),
        ("section", raw.section.as_ref().map(Spanned::span)),
        ("withdrawn", raw.withdrawn.as_ref().map(Spanned::span)),
    ];
    for (field, span) in only_in_changes {
        if let Some(span) = span {
            src.problem(
                span,
                format!("`{field}` belongs to a dated change, not to an item of a section"),
                "write the change as its own [[changes]] entry: effective = \"2027-01-01\", id = \"…\", and what changes (price, name, withdrawn = true…)",
            );
        }
    }
    new_item(src, money, langs, raw)
}

/// An item of a section, or one a change adds.
fn new_item(
    src: &mut SourceFile,
    money: &Converter,
    langs: &[Lang],
    raw: &RawItem,
) -> Option<Item> {
    let id = src.id(&raw.id, "item");
    let what = format!("item `{id}`");
    let Some(name) = &raw.name else {
        src.problem(
            raw.id.span(),
            format!("{what} has no name"),
            "name it in every language of the list: name = { bg = \"…\", en = \"…\" }",
        );
        return None;
    };
    let name = src.text(name, langs, &format!("the name of {what}"));
    let note = raw
        .note
        .as_ref()
        .map(|n| src.text(n, langs, &format!("the note of {what}")));
    let unit = raw
        .unit
        .as_ref()
        .map(|n| src.text(n, langs, &format!("the unit of {what}")));
    let pricing = pricing(src, money, langs, raw, &what)?;
    check_unit(src, raw, unit.is_some(), &pricing, &what);
    Some(Item {
        id,
        name,
        note,
        unit,
        pricing,
        eligibility: raw.eligibility,
    })
}

/// Only fixed prices are counted in units.
fn check_unit(src: &mut SourceFile, raw: &RawItem, unit: bool, pricing: &Pricing, what: &str) {
    if unit && !matches!(pricing, Pricing::Fixed { .. } | Pricing::OnRequest) {
        src.problem(
            raw.id.span(),
            format!("{what} has a `unit`, but only fixed prices are counted in units"),
            "remove `unit`",
        );
    }
}

fn pricing(
    src: &mut SourceFile,
    money: &Converter,
    langs: &[Lang],
    raw: &RawItem,
    what: &str,
) -> Option<Pricing> {
    let given = [
        raw.price.is_some(),
        raw.tiers.is_some(),
        raw.hourly.is_some(),
        raw.surcharge.is_some(),
    ];
    if given.iter().filter(|g| **g).count() != 1 {
        src.problem(
            raw.id.span(),
            format!("{what} needs exactly one of `price`, `tiers`, `hourly` or `surcharge`"),
            "price = \"60\" | \"free\" | \"on-request\"; tiers = [{ up_to = \"10\", price = \"35\" }, …] with measure = \"GB\"; hourly = { first_hour = \"70\", next_hour = \"60\" }; surcharge = \"70\"",
        );
        return None;
    }
    if raw.tiers.is_none() {
        for (field, span) in [
            ("measure", raw.measure.as_ref().map(|m| m.span())),
            ("from", raw.from.as_ref().map(|f| f.span())),
        ] {
            if let Some(span) = span {
                src.problem(
                    span,
                    format!("`{field}` belongs to tiered prices, and {what} has no `tiers`"),
                    format!("remove `{field}` or add `tiers`"),
                );
            }
        }
    }
    if let Some(price) = &raw.price {
        return match price.get_ref().0.as_str() {
            "free" => Some(Pricing::Free),
            "on-request" => Some(Pricing::OnRequest),
            _ => Some(Pricing::Fixed {
                price: money.price(src, price, &format!("the price of {what}"))?,
            }),
        };
    }
    if let Some(tiers) = &raw.tiers {
        return tiered(src, money, langs, raw, tiers, what);
    }
    if let Some(h) = &raw.hourly {
        let first_hour = money.price(src, &h.first_hour, &format!("the first hour of {what}"));
        let next_hour = money.price(src, &h.next_hour, &format!("the next hour of {what}"));
        return Some(Pricing::Hourly {
            first_hour: first_hour?,
            next_hour: next_hour?,
        });
    }
    let surcharge = raw.surcharge.as_ref()?;
    Some(Pricing::Surcharge {
        price: money.price(src, surcharge, &format!("the surcharge of {what}"))?,
    })
}

fn tiered(
    src: &mut SourceFile,
    money: &Converter,
    langs: &[Lang],
    raw: &RawItem,
    tiers: &Spanned<Vec<RawTier>>,
    what: &str,
) -> Option<Pricing> {
    let Some(measure) = &raw.measure else {
        src.problem(
            raw.id.span(),
            format!("{what} has tiers but no `measure`"),
            "say what the tiers measure: measure = \"GB\"",
        );
        return None;
    };
    if tiers.get_ref().is_empty() {
        src.problem(
            tiers.span(),
            format!("{what} has no tiers"),
            "add at least one { up_to = \"…\", price = \"…\" }",
        );
        return None;
    }
    let from = raw
        .from
        .as_ref()
        .and_then(|f| src.positive(f, &format!("`from` of {what}")));
    let mut lower = from.unwrap_or(Decimal::ZERO);
    let mut out = Vec::new();
    for (n, t) in tiers.get_ref().iter().enumerate() {
        let up_to = src.positive(&t.up_to, &format!("tier {} of {what}", n + 1));
        let price = money.price(
            src,
            &t.price,
            &format!("the price of tier {} of {what}", n + 1),
        );
        let label = t
            .label
            .as_ref()
            .map(|l| src.text(l, langs, &format!("the label of tier {} of {what}", n + 1)));
        let (Some(up_to), Some(price)) = (up_to, price) else {
            continue;
        };
        if up_to <= lower && !(n == 0 && from == Some(up_to)) {
            src.problem(
                t.up_to.span(),
                format!("tier {} of {what} ends at {up_to}, not above the previous bound {lower}", n + 1),
                "write tiers in ascending order of `up_to`; each tier holds quantities above the previous bound up to its own",
            );
        }
        lower = lower.max(up_to);
        out.push(Tier {
            up_to,
            price,
            label,
        });
    }
    Some(Pricing::Tiered {
        measure: measure.get_ref().clone(),
        from,
        tiers: out,
    })
}
