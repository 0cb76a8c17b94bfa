//! A quote's state in a URL (`?q=data-backup:250,express`), as the app reads it: the
//! engine's reader, the calculator's order (`app/src/calculator/state.rs`, included
//! here as it is) with each line's status and the quote in every language, and the order
//! written back and read again.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tarif_engine::date::Date;
use tarif_engine::price_list::PriceHistory;
use tarif_engine::quote::{quote, state};

#[allow(dead_code)]
#[path = "../../app/src/calculator/state.rs"]
mod calculator;

fuzz_target!(|data: &[u8]| {
    let Some(value) = tarif_fuzz::text(data) else {
        return;
    };
    let requested = state::read(value);
    let langs = tarif_fuzz::languages();
    for list in tarif_fuzz::price_lists() {
        let _ = quote(list, &requested);
        let (order, _unknown) = calculator::Order::from_url(list, value);
        // Priced as of a day, as the app prices (the default lists have no dated changes).
        let history = PriceHistory::undated(list.clone());
        let on = Date::from_unix_days(20_786);
        for lang in &langs {
            order.evaluate(&history, list, on, lang);
        }
        // What the app writes back into the URL reads back as the same order.
        let again = order.to_url();
        let (reread, unknown) = calculator::Order::from_url(list, &again);
        assert!(unknown.is_empty(), "{again:?} lost items {unknown:?}");
        assert_eq!(reread.to_url(), again, "from {value:?}");
    }
});
