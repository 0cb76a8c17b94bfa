//! Prices in time: a list as its file writes it (its first version), and the dated
//! changes after it: its history, then its announced changes.
//!
//! A version is never stored: [`PriceHistory::as_of`] applies every change dated on or
//! before a day to the first version. A change's prices were converted into every shown
//! currency once, when the change was read, and the prices it leaves alone keep the
//! figures they had: each price is converted once, in whichever version it first appears.
//!
//! The rule for a day, stated once: **a change takes effect on its date**. The list as of
//! 2027-01-01 holds the change dated 2027-01-01; the list as of 2026-12-31 does not.

use crate::date::Date;
use crate::pack::Pack;
use crate::text::Text;

use super::{Item, PriceList, PriceSection, Pricing};

/// A price list through time.
///
/// ```
/// # let toml = r#"
/// # languages = ["en"]
/// # currency = "EUR"
/// # effective = "2026-01-01"
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
/// use tarif_engine::date::Date;
/// use tarif_engine::price_list::{parse_price_history, Pricing};
/// let history = parse_price_history("prices.toml", toml).unwrap();
/// let price = |day: &str| {
///     let list = history.as_of(day.parse::<Date>().unwrap());
///     match &list.item("diagnostics").unwrap().pricing {
///         Pricing::Fixed { price } => price.written.to_string(),
///         _ => unreachable!(),
///     }
/// };
/// assert_eq!(price("2026-12-31"), "25");
/// assert_eq!(price("2027-01-01"), "30");
/// ```
#[derive(Debug, Clone, PartialEq, Pack)]
pub struct PriceHistory {
    /// The list as its file writes it: the prices in effect from `effective`.
    pub first: PriceList,
    /// From which day the written prices apply, when the list says.
    pub effective: Option<Date>,
    /// Every change after the first version, in date order (a day's in file order).
    pub changes: Vec<Change>,
    /// How many days the prices of a quote hold, when the list says.
    pub quote_valid_days: Option<u32>,
}

/// One dated change of one item.
#[derive(Debug, Clone, PartialEq, Pack)]
pub struct Change {
    /// The first day of the new state.
    pub effective: Date,
    /// The item's id.
    pub item: String,
    pub edit: Edit,
}

/// What a change does to its item.
#[derive(Debug, Clone, PartialEq, Pack)]
pub enum Edit {
    /// A new item, at the end of the section `section`.
    Add { section: String, item: Box<Item> },
    /// New prices or texts: each `Some` replaces the item's own.
    Amend {
        name: Option<Text>,
        note: Option<Text>,
        unit: Option<Text>,
        pricing: Option<Pricing>,
    },
    /// The item is no longer offered.
    Withdraw,
}

/// An item before and after one change, as `tarif diff` and the changes page show it.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemChange {
    pub effective: Date,
    /// The item's id.
    pub id: String,
    /// The id of the section that holds the item (before the change, or after it when added).
    pub section: String,
    /// `None` when the change adds the item.
    pub before: Option<Item>,
    /// `None` when the change withdraws the item.
    pub after: Option<Item>,
}

impl PriceHistory {
    /// A list without history: its prices apply, undated, on every day.
    pub fn undated(list: PriceList) -> PriceHistory {
        PriceHistory {
            first: list,
            effective: None,
            changes: Vec::new(),
            quote_valid_days: None,
        }
    }

    /// The last day the prices of a quote made on `date` hold, when the list says how long
    /// its quotes hold (`quote_valid_days`).
    pub fn valid_until(&self, date: Date) -> Option<Date> {
        self.quote_valid_days
            .map(|days| date.add_days(i64::from(days)))
    }

    /// Whether a quote made on `made` has lapsed by `today`: its prices held until
    /// [`PriceHistory::valid_until`], and that day is past.
    pub fn lapsed(&self, made: Date, today: Date) -> bool {
        self.valid_until(made).is_some_and(|until| today > until)
    }

    /// The list as it stands on `date`: the first version with every change dated on or
    /// before `date` applied. (Before the list's own `effective` date it records nothing
    /// earlier, and answers with its first version: see [`PriceHistory::in_effect_since`].)
    pub fn as_of(&self, date: Date) -> PriceList {
        let mut list = self.first.clone();
        for c in self.changes.iter().take_while(|c| c.effective <= date) {
            apply(&mut list, c);
        }
        list.sections.retain(|s| !s.items.is_empty());
        list
    }

    /// Every item the list ever holds, in its first version or added by a change (an
    /// item withdrawn and added again comes twice).
    pub fn every_item(&self) -> impl Iterator<Item = &Item> {
        let added = self.changes.iter().filter_map(|c| match &c.edit {
            Edit::Add { item, .. } => Some(&**item),
            _ => None,
        });
        self.first.items().chain(added)
    }

    /// The first day of the item's price in effect on `date`: its last change on or
    /// before `date`, else the list's `effective` date.
    pub fn item_since(&self, item: &str, date: Date) -> Option<Date> {
        let changed = self
            .changes
            .iter()
            .rev()
            .find(|c| c.effective <= date && c.item == item);
        changed
            .map(|c| c.effective)
            .or(self.effective.filter(|e| *e <= date))
    }

    /// The first day of the version in effect on `date`: its last change on or before
    /// `date`, else the list's `effective` date; `None` when the list states no date, or
    /// `date` is before it.
    pub fn in_effect_since(&self, date: Date) -> Option<Date> {
        let changed = self.changes.iter().rev().find(|c| c.effective <= date);
        changed
            .map(|c| c.effective)
            .or(self.effective.filter(|e| *e <= date))
    }

    /// The changes announced for after `date`, in date order.
    pub fn announced_after(&self, date: Date) -> &[Change] {
        let past = self.changes.partition_point(|c| c.effective <= date);
        &self.changes[past..]
    }

    /// The day `item` was withdrawn, when the list as of `date` no longer offers it.
    pub fn withdrawn(&self, item: &str, date: Date) -> Option<Date> {
        let last = self
            .changes
            .iter()
            .take_while(|c| c.effective <= date)
            .filter(|c| c.item == item)
            .last()?;
        matches!(last.edit, Edit::Withdraw).then_some(last.effective)
    }

    /// Every change after `from` up to and including `to` (all of them where a bound is
    /// `None`), each with its item before and after it, in date order.
    ///
    /// ```
    /// # let toml = r#"
    /// # languages = ["en"]
    /// # currency = "EUR"
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
    /// # withdrawn = true
    /// # "#;
    /// let history = tarif_engine::price_list::parse_price_history("p.toml", toml).unwrap();
    /// let changes = history.changes_between(None, None);
    /// assert_eq!(changes[0].effective.to_string(), "2027-01-01");
    /// assert!(changes[0].before.is_some() && changes[0].after.is_none());
    /// ```
    pub fn changes_between(&self, from: Option<Date>, to: Option<Date>) -> Vec<ItemChange> {
        let mut list = self.first.clone();
        let mut out = Vec::new();
        for c in &self.changes {
            if to.is_some_and(|to| c.effective > to) {
                break;
            }
            let shown = from.is_none_or(|from| c.effective > from);
            let before = shown.then(|| located(&list, &c.item)).flatten();
            apply(&mut list, c);
            if shown {
                let after = located(&list, &c.item);
                let Some((section, _)) = after.as_ref().or(before.as_ref()) else {
                    continue; // a change that did not fit: checked away when read
                };
                out.push(ItemChange {
                    effective: c.effective,
                    id: c.item.clone(),
                    section: section.clone(),
                    before: before.map(|(_, i)| i),
                    after: after.map(|(_, i)| i),
                });
            }
        }
        out
    }
}

/// The item `id` with its section's id.
fn located(list: &PriceList, id: &str) -> Option<(String, Item)> {
    let section = list.section_of(id)?;
    let item = section.items.iter().find(|i| i.id == id)?;
    Some((section.id.clone(), item.clone()))
}

/// Applies one change; a change that does not fit `list` (checked away when the list is
/// read) changes nothing.
pub(super) fn apply(list: &mut PriceList, change: &Change) {
    let sections = &mut list.sections;
    match &change.edit {
        Edit::Add { section, item } => {
            if let Some(s) = sections.iter_mut().find(|s| &s.id == section) {
                s.items.push((**item).clone());
            }
        }
        Edit::Withdraw => {
            for s in sections.iter_mut() {
                s.items.retain(|i| i.id != change.item);
            }
        }
        Edit::Amend {
            name,
            note,
            unit,
            pricing,
        } => {
            let Some(item) = sections
                .iter_mut()
                .flat_map(|s: &mut PriceSection| s.items.iter_mut())
                .find(|i| i.id == change.item)
            else {
                return;
            };
            let replace = |field: &mut Option<Text>, new: &Option<Text>| {
                if new.is_some() {
                    field.clone_from(new);
                }
            };
            replace(&mut item.note, note);
            replace(&mut item.unit, unit);
            if let Some(name) = name {
                item.name = name.clone();
            }
            if let Some(pricing) = pricing {
                item.pricing = pricing.clone();
            }
        }
    }
}
