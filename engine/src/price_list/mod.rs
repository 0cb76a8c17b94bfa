//! Price lists: the model every part of tarif computes with.
//!
//! A list is *written* in one currency (Laptop BG's in BGN, as its document is) and
//! *shown* in one or more (EUR, with the BGN figure as a reference). Each price is
//! converted once, when the list is loaded, half-up to the cent ([`crate::rounding`]):
//! the converted figures are the list in that currency, and quotes only multiply and add
//! them, so a printed quote always adds up.
//!
//! ## Tier boundaries
//! Tiers are written by their upper bound (`up_to`), in ascending order. A tier holds
//! every quantity **above the previous tier's bound, up to and including its own**:
//! with tiers "up to 1 GB", "1 to 10 GB" and "10 to 100 GB", 10 GB is in "1 to 10 GB" and
//! 10.5 GB is in "10 to 100 GB". The first tier starts above zero, or at the item's
//! `from` (inclusive) when the item has one: recovery "from 1 GB" takes 1 GB but not
//! 0.5 GB. Nothing above the last bound is offered.

#[cfg(feature = "generator")]
pub mod diff;
pub mod history;
#[cfg(feature = "toml")]
mod source;

pub use history::{Change, Edit, ItemChange, PriceHistory};
#[cfg(feature = "toml")]
pub use source::{parse_price_history, parse_price_list};

use crate::pack::Pack;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::money::{Amounts, Currency};
use crate::text::{Lang, Text};

/// A company's price list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Pack)]
pub struct PriceList {
    /// From the file name: `price-lists/laptop-bg.toml` is `laptop-bg`.
    pub id: String,
    /// The content section whose pages show this list, if any.
    pub section: Option<String>,
    /// The languages of every text; the first is the original.
    pub languages: Vec<Lang>,
    pub title: Text,
    /// The currency the prices are written in.
    pub written_in: Currency,
    /// The currencies the list is shown in; the first is the main one.
    pub shown_in: Vec<Currency>,
    /// The fixed rate of each shown currency other than the written one: how many of
    /// `written_in` one unit of it is worth (`EUR`, 1.95583 for a list in BGN).
    #[serde(default)]
    pub rates: Vec<(Currency, Decimal)>,
    pub vat: Option<Vat>,
    /// Notes for the whole list ("All prices include VAT").
    pub notes: Vec<Text>,
    pub sections: Vec<PriceSection>,
}

/// Value added tax: a percentage, included in the prices or added on top.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Pack)]
pub struct Vat {
    /// Percent: 20 for 20 %.
    pub rate: Decimal,
    /// True when the prices already include it.
    pub included: bool,
}

/// A group of items ("Laptops", "Software services").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Pack)]
pub struct PriceSection {
    pub id: String,
    pub name: Text,
    /// Footnotes of the section (the `*` notes of the source).
    pub notes: Vec<Text>,
    pub items: Vec<Item>,
}

/// One service with its pricing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Pack)]
pub struct Item {
    pub id: String,
    pub name: Text,
    /// What the price leaves out ("display price not included").
    pub note: Option<Text>,
    /// What one counts of a fixed-price item ("component").
    pub unit: Option<Text>,
    pub pricing: Pricing,
    /// When the item is free for an eligible client (data for the wizards).
    pub eligibility: Option<Eligibility>,
}

/// A price in each currency the list is shown in, and as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Pack)]
pub struct Price {
    /// As the company wrote it, in the list's written currency.
    pub written: Decimal,
    /// Converted once into each shown currency, in display order.
    pub shown: Amounts,
}

/// How an item is priced.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Pack)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Pricing {
    /// A price per unit (one by default).
    Fixed { price: Price },
    /// Free of charge: shown as "free", summed as zero.
    Free,
    /// No published price: shown as "price on request", never summed.
    OnRequest,
    /// A price by a measured quantity (data size in GB), see the module docs for bounds.
    Tiered {
        measure: String,
        /// The smallest quantity offered, inclusive; without it the first tier starts above 0.
        from: Option<Decimal>,
        tiers: Vec<Tier>,
    },
    /// The first hour, then each started hour after it.
    Hourly { first_hour: Price, next_hour: Price },
    /// Added once per order, whatever else it holds (express handling).
    Surcharge { price: Price },
}

/// One step of a tiered price: quantities above the previous bound up to `up_to`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Pack)]
pub struct Tier {
    pub up_to: Decimal,
    pub price: Price,
    /// The company's own wording of the range ("Повече от 1 TB (до 3 TB макс.)").
    pub label: Option<Text>,
}

/// When an item is free for a client who qualifies (Comportal's extended service).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Pack)]
pub struct Eligibility {
    pub who: Who,
    #[serde(rename = "where")]
    pub place: Place,
    pub often: Option<Frequency>,
}

/// Which clients an item is free for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, Pack)]
#[serde(rename_all = "kebab-case")]
pub enum Who {
    AnyClient,
    LegalEntity,
}

/// Where the service is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, Pack)]
#[serde(rename_all = "kebab-case")]
pub enum Place {
    /// At a service centre of the company's branches.
    ServiceCentre,
    /// At the client's premises, within the city of a service centre.
    ClientPremises,
    /// Through a regional branch, which sends the device on to the main centre.
    RegionalBranch,
}

/// How often the item is free.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, Pack)]
#[serde(rename_all = "kebab-case")]
pub enum Frequency {
    /// Once a year, within the warranty period.
    OnceAYear,
}

/// A quantity no tier of an item covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutOfRange {
    pub given: Decimal,
    pub measure: String,
    /// The smallest quantity offered (inclusive), or `None` for "anything above zero".
    pub from: Option<Decimal>,
    /// The largest quantity offered (inclusive).
    pub up_to: Decimal,
}

impl PriceList {
    /// Every item, in list order.
    pub fn items(&self) -> impl Iterator<Item = &Item> {
        self.sections.iter().flat_map(|s| s.items.iter())
    }

    /// Whether some item has a price to pay. A list whose items are all free or on request
    /// (Comportal's services, free for eligible clients and not offered otherwise) has
    /// nothing to quote: no calculator, no quote page, no total.
    pub fn has_prices(&self) -> bool {
        self.items().any(|i| {
            matches!(
                i.pricing,
                Pricing::Fixed { .. } | Pricing::Tiered { .. } | Pricing::Hourly { .. }
            )
        })
    }

    /// The item with this id.
    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items().find(|i| i.id == id)
    }

    /// The section that holds the item `id`: two items may share a name in different
    /// sections ("Cleaning" of desktops and of laptops), so wherever an item's name is
    /// shown its section is too.
    pub fn section_of(&self, id: &str) -> Option<&PriceSection> {
        self.sections
            .iter()
            .find(|s| s.items.iter().any(|i| i.id == id))
    }

    /// An item's name with its section's, in `lang`: "Cleaning (Laptops)".
    pub fn name_with_section(&self, id: &str, lang: &crate::text::Lang) -> Option<String> {
        let item = self.item(id)?;
        let name = item.name.best(lang, &self.languages);
        Some(match self.section_of(id) {
            Some(s) => format!("{name} ({})", s.name.best(lang, &self.languages)),
            None => name.to_owned(),
        })
    }
}

impl Pricing {
    /// Each price of the pricing with its key (`price`, `surcharge`, `first-hour`,
    /// `next-hour`, `tier-0`…): the names a price table and a list of changes give them.
    /// Free and on-request items have none.
    pub fn prices(&self) -> Vec<(String, &Price)> {
        match self {
            Pricing::Fixed { price } => vec![("price".into(), price)],
            Pricing::Surcharge { price } => vec![("surcharge".into(), price)],
            Pricing::Hourly {
                first_hour,
                next_hour,
            } => vec![
                ("first-hour".into(), first_hour),
                ("next-hour".into(), next_hour),
            ],
            Pricing::Tiered { tiers, .. } => tiers
                .iter()
                .enumerate()
                .map(|(i, t)| (format!("tier-{i}"), &t.price))
                .collect(),
            Pricing::Free | Pricing::OnRequest => Vec::new(),
        }
    }

    /// The tier that holds `quantity`, with its index, by the rule in the module docs.
    ///
    /// ```
    /// # use tarif_engine::price_list::*;
    /// # use tarif_engine::money::Amounts;
    /// # use rust_decimal::Decimal;
    /// let price = Price { written: Decimal::ONE, shown: Amounts::default() };
    /// let tier = |up_to: i64| Tier { up_to: up_to.into(), price: price.clone(), label: None };
    /// let pricing = Pricing::Tiered { measure: "GB".into(), from: None, tiers: vec![tier(1), tier(10), tier(100)] };
    /// assert_eq!(pricing.tier_for(Decimal::from(10)).unwrap().unwrap().0, 1);
    /// assert_eq!(pricing.tier_for(Decimal::new(105, 1)).unwrap().unwrap().0, 2);
    /// assert!(pricing.tier_for(Decimal::from(101)).unwrap().is_err());
    /// ```
    /// Returns `None` when the item is not tiered.
    pub fn tier_for(&self, quantity: Decimal) -> Option<Result<(usize, &Tier), OutOfRange>> {
        let Pricing::Tiered {
            measure,
            from,
            tiers,
        } = self
        else {
            return None;
        };
        let out_of_range = || OutOfRange {
            given: quantity,
            measure: measure.clone(),
            from: *from,
            up_to: tiers.last().map_or(Decimal::ZERO, |t| t.up_to),
        };
        let below_start = match from {
            Some(min) => quantity < *min,
            None => quantity <= Decimal::ZERO,
        };
        if below_start {
            return Some(Err(out_of_range()));
        }
        let found = tiers.iter().enumerate().find(|(_, t)| quantity <= t.up_to);
        Some(found.ok_or_else(out_of_range))
    }
}

/// How many hours of each rate a visit of `minutes` bills: the first hour, then each
/// started hour after it. 60 min bills (1, 0); 61 min bills (1, 1); 150 min bills (1, 2).
///
/// ```
/// use rust_decimal::Decimal;
/// use tarif_engine::price_list::billed_hours;
/// assert_eq!(billed_hours(Decimal::from(150)), (Decimal::ONE, Decimal::from(2)));
/// ```
pub fn billed_hours(minutes: Decimal) -> (Decimal, Decimal) {
    let sixty = Decimal::from(60);
    let after_first = (minutes - sixty).max(Decimal::ZERO);
    (Decimal::ONE, (after_first / sixty).ceil())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visits_bill_the_first_hour_then_each_started_hour() {
        let m = |x: i64| Decimal::from(x);
        assert_eq!(billed_hours(m(1)), (m(1), m(0)));
        assert_eq!(billed_hours(m(60)), (m(1), m(0)));
        assert_eq!(billed_hours(m(61)), (m(1), m(1)));
        assert_eq!(billed_hours(m(120)), (m(1), m(1)));
        assert_eq!(billed_hours(m(150)), (m(1), m(2)));
        assert_eq!(billed_hours(Decimal::new(6001, 2)), (m(1), m(1)));
    }
}
