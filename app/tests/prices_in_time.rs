//! Prices in time in headless Chromium, the browser's clock set (issue 19): the
//! calculator prices with the visitor's today, so an announced change takes effect on its
//! day with no rebuild; a quote link keeps the day it was made, and opened after a change
//! shows both totals and the changed line; past the list's `quote_valid_days` it says the
//! quoted prices have lapsed and shows today's.

#![cfg(target_arch = "wasm32")]

use tarif_app::page::{PageData, Publisher};
use tarif_engine::date::Date;
use tarif_engine::price_list::{PriceHistory, parse_price_history};
use tarif_engine::quote::text::amounts;
use tarif_engine::quote::{Requested, quote_on};
use tarif_engine::text::Lang;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;
use web_sys::Element;

mod common;
use common::{clear_url, search, set_query, text};

wasm_bindgen_test_configure!(run_in_browser);

// The browser's clock, set to noon of a day: `new Date()` (what the app asks for today)
// gives that day; `new Date(x)` is left alone.
#[wasm_bindgen(inline_js = "
export function set_today(iso) {
  const Real = globalThis.__tarifRealDate || Date;
  globalThis.__tarifRealDate = Real;
  const fixed = new Real(iso + 'T12:00:00').getTime();
  globalThis.Date = class extends Real {
    constructor(...args) { if (args.length) { super(...args); } else { super(fixed); } }
    static now() { return fixed; }
  };
}")]
extern "C" {
    fn set_today(iso: &str);
}

/// A list with a price announced for 2027-01-01, quotes holding 30 days.
const LIST: &str = r#"
section = "laptop-bg"
languages = ["bg", "en"]
currency = "EUR"
title = { bg = "Ценоразпис", en = "Price list" }
quote_valid_days = 30

[[sections]]
id = "laptops"
name = { bg = "Лаптопи", en = "Laptops" }

[[sections.items]]
id = "diagnostics"
name = { bg = "Диагностика", en = "Diagnostics" }
price = "25.56"

[[sections.items]]
id = "cleaning"
name = { bg = "Почистване", en = "Cleaning" }
price = "20"

[[changes]]
effective = "2027-01-01"
id = "diagnostics"
price = "30.68"
"#;

fn history() -> PriceHistory {
    parse_price_history("prices.toml", LIST).unwrap()
}

fn en() -> Lang {
    Lang::new("en").unwrap()
}

async fn mount() -> Element {
    common::mount(PageData {
        lang: en(),
        publisher: Publisher {
            name: "Laptop BG EAD".into(),
            details: Vec::new(),
        },
        terms: Vec::new(),
        calculator: Some(history()),
        wizard: None,
        search: None,
    })
    .await
}

/// The engine's total for `q` as of `day`, as the calculator shows it.
fn total_on(day: &str, q: &[&str]) -> String {
    let requested: Vec<Requested> = q.iter().map(|r| Requested::parse(r)).collect();
    let quote = quote_on(&history(), day.parse::<Date>().unwrap(), &requested).unwrap();
    amounts(&en(), &quote.total)
}

/// Rendered text with no-break spaces as spaces (as WebDriver reads them).
fn plain(s: String) -> String {
    s.replace('\u{a0}', " ")
}

#[wasm_bindgen_test]
async fn an_announced_price_takes_effect_in_the_calculator_on_its_day() {
    for (day, price) in [("2026-12-31", "25.56"), ("2027-01-01", "30.68")] {
        set_today(day);
        clear_url();
        set_query("q=diagnostics");
        let root = mount().await;
        let total = text(&root, ".calc-total");
        assert_eq!(total, total_on(day, &["diagnostics"]), "{day}");
        assert!(plain(total).contains(price), "{day}");
        // A new quote records its day in its link.
        assert!(
            search().contains(&format!("d={day}")),
            "{day}: {}",
            search()
        );
    }
}

#[wasm_bindgen_test]
async fn a_quote_link_made_before_a_change_keeps_its_prices_and_shows_todays() {
    set_today("2027-01-10");
    clear_url();
    set_query("q=diagnostics,cleaning&d=2026-12-29");
    let root = mount().await;
    // Priced as of the day it was made, and says so, with how long it holds.
    assert_eq!(
        text(&root, ".calc-total"),
        total_on("2026-12-29", &["diagnostics", "cleaning"])
    );
    let totals = plain(text(&root, ".calc-totals"));
    assert!(
        totals.contains("Prices as of 29 December 2026 · valid until 28 January 2027"),
        "{totals}"
    );
    // Today's total, and the line that changed, with both prices.
    let today = plain(total_on("2027-01-10", &["diagnostics", "cleaning"]));
    assert!(
        totals.contains(&format!("At today's prices the total is {today}")),
        "{totals}"
    );
    let changed = plain(text(&root, ".calc-totals li"));
    let then = plain(total_on("2026-12-29", &["diagnostics"]));
    let now = plain(total_on("2027-01-10", &["diagnostics"]));
    assert!(
        changed.starts_with("Diagnostics")
            && changed.contains(&format!("{then} on 29 December 2026, {now} today")),
        "{changed}"
    );
    assert_eq!(
        root.query_selector_all(".calc-totals li").unwrap().length(),
        1
    );
    assert!(search().contains("d=2026-12-29"), "{}", search());
}

#[wasm_bindgen_test]
async fn past_its_validity_a_quote_says_its_prices_lapsed_and_shows_todays() {
    set_today("2027-02-15");
    clear_url();
    set_query("q=diagnostics&d=2026-12-29");
    let root = mount().await;
    assert_eq!(
        text(&root, ".calc-total"),
        total_on("2027-02-15", &["diagnostics"])
    );
    let notice = plain(text(&root, ".calc-totals .calc-notice"));
    assert!(
        notice.contains("made on 29 December 2026")
            && notice.contains("held until 28 January 2027"),
        "{notice}"
    );
    // It is today's quote now: its link says so.
    assert!(search().contains("d=2027-02-15"), "{}", search());
}
