//! The calculator's state, kept apart from the view so it can be tested natively: the
//! lines a person added (item and quantity as typed), the per-order options they ticked,
//! and what the engine says about them.

use tarif_engine::date::Date;
use tarif_engine::locale;
use tarif_engine::messages;
use tarif_engine::money::Amounts;
use tarif_engine::price_list::{PriceHistory, PriceList, Pricing};
use tarif_engine::quantity::Quantity;
use tarif_engine::quote::{self, LeftOutReason, Quote, QuoteProblem, Requested, state};
use tarif_engine::text::Lang;

/// One added item: `key` identifies the row in the view across edits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub key: u32,
    pub item: String,
    /// The quantity as typed (`2`, `250GB`, `2h30m`); empty means the item's default.
    pub quantity: String,
    /// The person has left the line's field (or the line came from a link): its problem,
    /// if it has one, shows.
    pub touched: bool,
}

/// What a person has asked for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Order {
    pub lines: Vec<Line>,
    /// Per-order surcharges ticked (item ids), in list order.
    pub options: Vec<String>,
    next_key: u32,
}

/// A line as the engine sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct LineStatus {
    pub key: u32,
    /// What is wrong with the line, in the page's language.
    pub error: Option<String>,
    /// The line's amount, when it is priced.
    pub amount: Option<Amounts>,
    /// True for "price on request".
    pub on_request: bool,
    /// How a duration was read ("2 часа 30 минути" for `2,5`), so the person sees it.
    pub reading: Option<String>,
}

impl Order {
    /// The order a URL value describes. Ids not in the list are returned apart, for a notice.
    pub fn from_url(list: &PriceList, value: &str) -> (Order, Vec<String>) {
        let mut order = Order::default();
        let mut unknown = Vec::new();
        for r in state::read(value) {
            match list.item(&r.item).map(|i| &i.pricing) {
                Some(Pricing::Surcharge { .. }) => order.set_option(list, &r.item, true),
                Some(_) => {
                    order.add(&r.item);
                    // A line from a link was typed by someone: its problem shows at once.
                    if let Some(line) = order.lines.last_mut() {
                        line.touched = true;
                        if let Some(q) = r.quantity {
                            line.quantity = q;
                        }
                    }
                }
                None => unknown.push(r.item),
            }
        }
        (order, unknown)
    }

    /// The URL value of this order.
    pub fn to_url(&self) -> String {
        state::write(&self.requested())
    }

    /// Adds an item with its default quantity; returns the new line's key.
    pub fn add(&mut self, item: &str) -> u32 {
        let key = self.next_key;
        self.next_key += 1;
        self.lines.push(Line {
            key,
            item: item.to_owned(),
            quantity: String::new(),
            touched: false,
        });
        key
    }

    pub fn remove(&mut self, key: u32) {
        self.lines.retain(|l| l.key != key);
    }

    /// Marks the line `key` as left by the person.
    pub fn touch(&mut self, key: u32) {
        if let Some(l) = self.lines.iter_mut().find(|l| l.key == key) {
            l.touched = true;
        }
    }

    pub fn set_quantity(&mut self, key: u32, quantity: String) {
        if let Some(l) = self.lines.iter_mut().find(|l| l.key == key) {
            l.quantity = quantity;
        }
    }

    /// Ticks or unticks a per-order option, keeping list order.
    pub fn set_option(&mut self, list: &PriceList, item: &str, on: bool) {
        let chosen = |id: &str| {
            if id == item {
                on
            } else {
                self.options.iter().any(|o| o == id)
            }
        };
        self.options = list
            .items()
            .filter(|i| chosen(&i.id))
            .map(|i| i.id.clone())
            .collect();
    }

    /// The request the engine prices: every line, then the options.
    pub fn requested(&self) -> Vec<Requested> {
        let lines = self.lines.iter().map(|l| Requested {
            item: l.item.clone(),
            quantity: (!l.quantity.trim().is_empty()).then(|| l.quantity.clone()),
        });
        let options = self.options.iter().map(|o| Requested {
            item: o.clone(),
            quantity: None,
        });
        lines.chain(options).collect()
    }

    /// Each line's status against `list` (`history` as of `on`), and the quote of every
    /// line that can be priced, as of `on`.
    pub fn evaluate(
        &self,
        history: &PriceHistory,
        list: &PriceList,
        on: Date,
        lang: &Lang,
    ) -> (Vec<LineStatus>, Option<Quote>) {
        let requested = self.requested();
        let statuses: Vec<LineStatus> = self
            .lines
            .iter()
            .zip(&requested)
            .map(|(line, r)| status(list, lang, line.key, r))
            .collect();
        let valid: Vec<Requested> = requested
            .iter()
            .enumerate()
            .filter(|(i, _)| statuses.get(*i).is_none_or(|s| s.error.is_none()))
            .map(|(_, r)| r.clone())
            .collect();
        (statuses, quote::quote_on(history, on, &valid).ok())
    }
}

fn status(list: &PriceList, lang: &Lang, key: u32, r: &Requested) -> LineStatus {
    let mut s = LineStatus {
        key,
        error: None,
        amount: None,
        on_request: false,
        reading: None,
    };
    match quote::quote(list, std::slice::from_ref(r)) {
        Err(errors) => {
            s.error = errors.first().map(|e| match &e.problem {
                QuoteProblem::Quantity { error } => messages::quantity_error(lang, error),
                QuoteProblem::UnknownItem { .. } | QuoteProblem::TooLarge => e.to_string(),
            });
        }
        Ok(q) => match q.left_out.first().map(|l| &l.reason) {
            Some(LeftOutReason::OutOfRange(range)) => {
                s.error = Some(messages::out_of_range(lang, range))
            }
            Some(LeftOutReason::OnRequest) => s.on_request = true,
            None => {
                let line = q.lines.first();
                s.amount = line.map(|l| l.amount.clone());
                if let Some(Quantity::Minutes(m)) = line.map(|l| l.quantity) {
                    s.reading = Some(format!("= {}", locale::duration(lang, m)));
                }
            }
        },
    }
    s
}
