//! Quotes: what a set of items costs under a price list.
//!
//! A quote has a line per requested item (with the billable parts that make up its
//! amount), the per-order surcharges, the total in every shown currency, the VAT part,
//! and what it left out and why (price on request, a size no tier covers). Amounts are
//! the list's converted prices multiplied and added: a total is always the sum of its
//! lines, in every currency.

use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::money::{Amounts, Currency};
use crate::price_list::{OutOfRange, Price, PriceHistory, PriceList, Pricing, billed_hours};
use crate::quantity::{self, Quantity, QuantityError};
use crate::rounding;
use crate::text::Text;

pub mod state;
pub mod text;

/// One item a client asks for, with the quantity typed for it (if any).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Requested {
    pub item: String,
    pub quantity: Option<String>,
}

impl Requested {
    /// `laptop-diagnostics`, `data-backup=250`, `onsite-visit=2h30m`.
    pub fn parse(arg: &str) -> Requested {
        match arg.split_once('=') {
            Some((item, q)) => Requested {
                item: item.trim().to_owned(),
                quantity: Some(q.to_owned()),
            },
            None => Requested {
                item: arg.trim().to_owned(),
                quantity: None,
            },
        }
    }
}

/// A priced quote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// The price list's id.
    pub list: String,
    /// The currencies of every amount, main first.
    pub currencies: Vec<Currency>,
    pub lines: Vec<QuoteLine>,
    /// Per-order surcharges, each once.
    pub surcharges: Vec<QuoteLine>,
    /// The sum of the lines and surcharges.
    pub subtotal: Amounts,
    pub vat: Option<VatPart>,
    /// What the client pays: the subtotal, plus VAT when prices exclude it.
    pub total: Amounts,
    /// Items asked for that the quote does not price, with the reason.
    pub left_out: Vec<LeftOut>,
    /// The day whose prices the quote uses, when it is priced as of a day ([`quote_on`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// The last day its prices hold: `date` plus the list's `quote_valid_days`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<Date>,
    /// Items asked for that the list no longer offered on `date`: never priced, not even at 0.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub withdrawn: Vec<Withdrawn>,
}

/// An item asked for that the list had withdrawn by the quote's day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Withdrawn {
    pub item: String,
    /// Its name in the last version that offered it.
    pub name: Text,
    /// The day it was withdrawn.
    pub since: Date,
}

/// The VAT of a quote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VatPart {
    pub rate: Decimal,
    /// True when the prices include it (the amount is part of the subtotal).
    pub included: bool,
    pub amount: Amounts,
}

/// One priced item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuoteLine {
    pub item: String,
    /// The id of the list's section that holds the item (same-named items differ by it).
    #[serde(default)]
    pub section: String,
    pub quantity: Quantity,
    pub parts: Vec<LinePart>,
    pub amount: Amounts,
}

/// What one part of a line bills: `units × unit_price = amount`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LinePart {
    pub basis: Basis,
    pub units: Decimal,
    pub unit_price: Amounts,
    pub amount: Amounts,
}

/// Why a part is billed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Basis {
    /// Units of a fixed price.
    Unit,
    /// A free item.
    Free,
    /// The tier (0-based) the measured quantity falls in.
    Tier { index: usize },
    /// The first hour of an hourly item.
    FirstHour,
    /// Each started hour after the first.
    NextHours,
    /// A per-order surcharge.
    PerOrder,
}

/// An item the quote does not price.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LeftOut {
    pub item: String,
    pub reason: LeftOutReason,
}

/// Why an item is not priced.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LeftOutReason {
    /// The list publishes no price: the company quotes it on request.
    OnRequest,
    /// No tier covers the quantity: the service is not offered at that size.
    OutOfRange(OutOfRange),
}

/// A request the quote cannot take at all.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuoteError {
    pub item: String,
    pub problem: QuoteProblem,
}

/// What is wrong with a requested item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum QuoteProblem {
    /// No item has this id; `did_you_mean` lists close ids.
    UnknownItem { did_you_mean: Vec<String> },
    /// The quantity was not taken.
    Quantity { error: QuantityError },
    /// The amounts would overflow.
    TooLarge,
}

impl fmt::Display for QuoteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.problem {
            QuoteProblem::UnknownItem { did_you_mean } if did_you_mean.is_empty() => {
                write!(f, "there is no item `{}` in this price list", self.item)
            }
            QuoteProblem::UnknownItem { did_you_mean } => write!(
                f,
                "there is no item `{}` in this price list; did you mean {}?",
                self.item,
                did_you_mean
                    .iter()
                    .map(|s| format!("`{s}`"))
                    .collect::<Vec<_>>()
                    .join(" or ")
            ),
            QuoteProblem::Quantity { error } => write!(f, "{}: {error}", self.item),
            QuoteProblem::TooLarge => {
                write!(f, "{}: the amount is too large to compute", self.item)
            }
        }
    }
}

impl fmt::Display for OutOfRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let m = &self.measure;
        match self.from {
            Some(from) => write!(
                f,
                "{} {m} is not offered: from {from} to {} {m}",
                self.given, self.up_to
            ),
            None => write!(
                f,
                "{} {m} is not offered: up to {} {m}",
                self.given, self.up_to
            ),
        }
    }
}

/// Prices `requested` under `list`. Every request is checked; all problems are returned.
///
/// ```
/// # let toml = r#"
/// # languages = ["en"]
/// # currency = "BGN"
/// # show = ["EUR", "BGN"]
/// # rates = { EUR = "1.95583" }
/// # vat = { rate = "20", included = true }
/// # title = { en = "Prices" }
/// # [[sections]]
/// # id = "extra"
/// # name = { en = "Extra" }
/// # [[sections.items]]
/// # id = "onsite-visit"
/// # name = { en = "On-site visit" }
/// # hourly = { first_hour = "70", next_hour = "60" }
/// # "#;
/// use tarif_engine::quote::{quote, Requested};
/// let list = tarif_engine::price_list::parse_price_list("shop.toml", toml).unwrap();
/// let q = quote(&list, &[Requested::parse("onsite-visit=2h30m")]).unwrap();
/// let bgn = "BGN".parse().unwrap();
/// assert_eq!(q.total.get(bgn), Some("190.00".parse().unwrap())); // 70 + 2 × 60
/// ```
pub fn quote(list: &PriceList, requested: &[Requested]) -> Result<Quote, Vec<QuoteError>> {
    let mut builder = Builder {
        list,
        lines: vec![],
        surcharges: vec![],
        left_out: vec![],
        errors: vec![],
    };
    for r in requested {
        builder.add(r);
    }
    builder.finish()
}

/// Prices `requested` with the prices of `history` in effect on `date`. An item the list
/// had withdrawn by then is listed in [`Quote::withdrawn`], never priced; the quote holds
/// until `date` plus the list's `quote_valid_days`, when it sets them.
///
/// ```
/// # let toml = r#"
/// # languages = ["en"]
/// # currency = "EUR"
/// # quote_valid_days = 30
/// # title = { en = "Prices" }
/// # [[sections]]
/// # id = "laptops"
/// # name = { en = "Laptops" }
/// # [[sections.items]]
/// # id = "diagnostics"
/// # name = { en = "Diagnostics" }
/// # price = "25"
/// # [[changes]]
/// # effective = "2027-01-01"
/// # id = "diagnostics"
/// # price = "30"
/// # "#;
/// use tarif_engine::quote::{quote_on, Requested};
/// let history = tarif_engine::price_list::parse_price_history("p.toml", toml).unwrap();
/// let on = |d: &str| quote_on(&history, d.parse().unwrap(), &[Requested::parse("diagnostics")]).unwrap();
/// let eur = "EUR".parse().unwrap();
/// assert_eq!(on("2026-12-31").total.get(eur), Some("25.00".parse().unwrap()));
/// assert_eq!(on("2027-01-01").total.get(eur), Some("30.00".parse().unwrap()));
/// assert_eq!(on("2026-12-31").valid_until.unwrap().to_string(), "2027-01-30");
/// ```
pub fn quote_on(
    history: &PriceHistory,
    date: Date,
    requested: &[Requested],
) -> Result<Quote, Vec<QuoteError>> {
    let list = history.as_of(date);
    let mut withdrawn = Vec::new();
    let mut priced = Vec::new();
    for r in requested {
        match history.withdrawn(&r.item, date) {
            Some(since) if list.item(&r.item).is_none() => {
                let last = history.as_of(since.add_days(-1));
                let name = last
                    .item(&r.item)
                    .map(|i| i.name.clone())
                    .unwrap_or_default();
                if !withdrawn.iter().any(|w: &Withdrawn| w.item == r.item) {
                    withdrawn.push(Withdrawn {
                        item: r.item.clone(),
                        name,
                        since,
                    });
                }
            }
            _ => priced.push(r.clone()),
        }
    }
    let mut q = quote(&list, &priced)?;
    q.date = Some(date);
    q.valid_until = history.valid_until(date);
    q.withdrawn = withdrawn;
    Ok(q)
}

/// A line whose amount differs between two quotes of one order (made on one day and
/// priced again on another): "Diagnostics: 25.56 € on 29 Nov 2026, 30.68 € today".
#[derive(Debug, Clone, PartialEq)]
pub struct ChangedLine {
    pub item: String,
    /// Its amount in the first quote (`None`: not priced there).
    pub then: Option<Amounts>,
    /// Its amount in the second (`None`: not priced there, such as withdrawn since).
    pub now: Option<Amounts>,
}

/// The lines (and surcharges) whose amounts differ between `then` and `now`, in the
/// order of `then`, then those only `now` prices.
pub fn changed_lines(then: &Quote, now: &Quote) -> Vec<ChangedLine> {
    let amount = |q: &Quote, item: &str| {
        q.lines
            .iter()
            .chain(&q.surcharges)
            .find(|l| l.item == item)
            .map(|l| l.amount.clone())
    };
    let items = then.lines.iter().chain(&then.surcharges);
    let only_now = now.lines.iter().chain(&now.surcharges);
    let mut out: Vec<ChangedLine> = Vec::new();
    for line in items.chain(only_now) {
        let (a, b) = (amount(then, &line.item), amount(now, &line.item));
        if a != b && !out.iter().any(|c| c.item == line.item) {
            out.push(ChangedLine {
                item: line.item.clone(),
                then: a,
                now: b,
            });
        }
    }
    out
}

struct Builder<'a> {
    list: &'a PriceList,
    lines: Vec<QuoteLine>,
    surcharges: Vec<QuoteLine>,
    left_out: Vec<LeftOut>,
    errors: Vec<QuoteError>,
}

impl Builder<'_> {
    fn fail(&mut self, item: &str, problem: QuoteProblem) {
        self.errors.push(QuoteError {
            item: item.to_owned(),
            problem,
        });
    }

    fn add(&mut self, r: &Requested) {
        let Some(item) = self.list.item(&r.item) else {
            let did_you_mean = close_ids(self.list, &r.item);
            return self.fail(&r.item, QuoteProblem::UnknownItem { did_you_mean });
        };
        let quantity = match &r.quantity {
            Some(text) => quantity::parse(&item.pricing, text),
            None => quantity::default_for(&item.pricing),
        };
        let quantity = match quantity {
            Ok(q) => q,
            Err(error) => return self.fail(&r.item, QuoteProblem::Quantity { error }),
        };
        let leave_out = |reason| LeftOut {
            item: item.id.clone(),
            reason,
        };
        let parts = match (&item.pricing, quantity) {
            (Pricing::OnRequest, _) => {
                return self.left_out.push(leave_out(LeftOutReason::OnRequest));
            }
            (Pricing::Tiered { .. }, Quantity::Measured(size)) => match item.pricing.tier_for(size)
            {
                Some(Ok((index, tier))) => part(Basis::Tier { index }, Decimal::ONE, &tier.price),
                Some(Err(range)) => {
                    return self
                        .left_out
                        .push(leave_out(LeftOutReason::OutOfRange(range)));
                }
                None => None,
            }
            .map(|p| vec![p]),
            (Pricing::Fixed { price }, Quantity::Count(n)) => {
                part(Basis::Unit, Decimal::from(n), price).map(|p| vec![p])
            }
            (Pricing::Free, Quantity::Count(n)) => Some(vec![free_part(self.list, n)]),
            (
                Pricing::Hourly {
                    first_hour,
                    next_hour,
                },
                Quantity::Minutes(m),
            ) => hourly(m, first_hour, next_hour),
            (Pricing::Surcharge { price }, Quantity::Once) => {
                if self.surcharges.iter().any(|s| s.item == item.id) {
                    return; // once per order, however often it is asked for
                }
                let line = part(Basis::PerOrder, Decimal::ONE, price)
                    .map(|p| line(self.list, &item.id, quantity, vec![p]));
                return match line {
                    Some(l) => self.surcharges.push(l),
                    None => self.fail(&item.id, QuoteProblem::TooLarge),
                };
            }
            _ => None,
        };
        match parts {
            Some(parts) => self.lines.push(line(self.list, &item.id, quantity, parts)),
            None => self.fail(&item.id, QuoteProblem::TooLarge),
        }
    }

    fn finish(self) -> Result<Quote, Vec<QuoteError>> {
        if !self.errors.is_empty() {
            return Err(self.errors);
        }
        let currencies = self.list.shown_in.clone();
        let overflow = || {
            vec![QuoteError {
                item: self.list.id.clone(),
                problem: QuoteProblem::TooLarge,
            }]
        };
        let subtotal = self
            .lines
            .iter()
            .chain(&self.surcharges)
            .try_fold(Amounts::zero(&currencies), |sum, l| sum.plus(&l.amount))
            .ok_or_else(overflow)?;
        let vat = match self.list.vat {
            Some(v) => {
                let part = |gross| match v.included {
                    true => rounding::vat_part_of_gross(gross, v.rate),
                    false => rounding::vat_on_net(gross, v.rate),
                };
                let amount = subtotal.map(&part).ok_or_else(overflow)?;
                Some(VatPart {
                    rate: v.rate,
                    included: v.included,
                    amount,
                })
            }
            None => None,
        };
        let total = match &vat {
            Some(v) if !v.included => subtotal.plus(&v.amount).ok_or_else(overflow)?,
            _ => subtotal.clone(),
        };
        Ok(Quote {
            list: self.list.id.clone(),
            currencies,
            lines: self.lines,
            surcharges: self.surcharges,
            subtotal,
            vat,
            total,
            left_out: self.left_out,
            date: None,
            valid_until: None,
            withdrawn: Vec::new(),
        })
    }
}

fn part(basis: Basis, units: Decimal, price: &Price) -> Option<LinePart> {
    Some(LinePart {
        basis,
        units,
        unit_price: price.shown.clone(),
        amount: price.shown.times(units)?,
    })
}

fn free_part(list: &PriceList, n: u32) -> LinePart {
    let zero = Amounts::zero(&list.shown_in);
    LinePart {
        basis: Basis::Free,
        units: Decimal::from(n),
        unit_price: zero.clone(),
        amount: zero,
    }
}

fn hourly(minutes: Decimal, first: &Price, next: &Price) -> Option<Vec<LinePart>> {
    let (first_units, next_units) = billed_hours(minutes);
    let mut parts = vec![part(Basis::FirstHour, first_units, first)?];
    if !next_units.is_zero() {
        parts.push(part(Basis::NextHours, next_units, next)?);
    }
    Some(parts)
}

fn line(list: &PriceList, item: &str, quantity: Quantity, parts: Vec<LinePart>) -> QuoteLine {
    let zero = Amounts::zero(
        &parts[0]
            .amount
            .iter()
            .map(|m| m.currency)
            .collect::<Vec<_>>(),
    );
    let amount = parts
        .iter()
        .try_fold(zero, |sum, p| sum.plus(&p.amount))
        .unwrap_or_default();
    QuoteLine {
        item: item.to_owned(),
        section: list
            .section_of(item)
            .map_or_else(String::new, |s| s.id.clone()),
        quantity,
        parts,
        amount,
    }
}

/// Ids that contain what was typed or differ from it by little, for "did you mean".
fn close_ids(list: &PriceList, typed: &str) -> Vec<String> {
    let typed = typed.to_lowercase();
    let mut scored: Vec<(usize, &str)> = list
        .items()
        .map(|i| (distance(&typed, &i.id), i.id.as_str()))
        .filter(|(d, id)| {
            *d <= 2 + typed.len() / 4 || (typed.len() >= 4 && id.contains(typed.as_str()))
        })
        .collect();
    // The three closest, closest first (picked, not sorted: the app carries no sort for it).
    let mut closest = Vec::new();
    while closest.len() < 3 {
        let Some(best) = (0..scored.len()).min_by_key(|&i| scored[i]) else {
            break;
        };
        closest.push(scored.swap_remove(best).1.to_owned());
    }
    closest
}

/// Levenshtein distance, by characters.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::distance;

    #[test]
    fn edit_distance() {
        assert_eq!(distance("express", "express"), 0);
        assert_eq!(distance("expres", "express"), 1);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("диагностика", "диагностики"), 1);
    }
}
