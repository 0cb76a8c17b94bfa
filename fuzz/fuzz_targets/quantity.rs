//! The quantity reader: what a person types for an item (`3`, `250GB`, `2h30m`, `2,5`),
//! against each kind of pricing of the default price lists (the first byte picks the
//! item), then quoted as the calculator quotes it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tarif_engine::quantity;
use tarif_engine::quote::{Requested, quote};

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let Some(typed) = tarif_fuzz::text(rest) else {
        return;
    };
    let lists = tarif_fuzz::price_lists();
    let items: Vec<_> = lists
        .iter()
        .flat_map(|l| l.items().map(move |i| (*l, i)))
        .collect();
    let (list, item) = items[usize::from(pick) % items.len()];
    let _ = quantity::parse(&item.pricing, typed);
    let _ = quantity::default_for(&item.pricing);
    let unit = item
        .unit
        .as_ref()
        .and_then(|u| u.iter().next())
        .map(|(_, u)| u);
    quantity::field_text(typed, unit);
    let r = Requested {
        item: item.id.clone(),
        quantity: Some(typed.to_owned()),
    };
    let _ = quote(list, &[r]);
});
