//! The price-list reader, and the quote of everything it accepts: every item alone, with
//! the quantities people type, and all of them at once, as text in every language.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tarif_engine::price_list::parse_price_list;
use tarif_engine::quote::{Requested, quote, text};

const QUANTITIES: [Option<&str>; 6] = [
    None,
    Some("1"),
    Some("3"),
    Some("250GB"),
    Some("2h30m"),
    Some("0,5"),
];

fuzz_target!(|data: &[u8]| {
    let Some(source) = tarif_fuzz::text(data) else {
        return;
    };
    let Ok(list) = parse_price_list("price-lists/fuzz.toml", source) else {
        return;
    };
    let langs = tarif_fuzz::languages();
    let mut all = Vec::new();
    for item in list.items() {
        for q in QUANTITIES {
            let r = Requested {
                item: item.id.clone(),
                quantity: q.map(str::to_owned),
            };
            if let Ok(quoted) = quote(&list, std::slice::from_ref(&r)) {
                for lang in &langs {
                    text::quote_text(&list, &quoted, lang);
                }
            }
        }
        all.push(Requested {
            item: item.id.clone(),
            quantity: None,
        });
    }
    if let Ok(quoted) = quote(&list, &all) {
        for lang in &langs {
            text::quote_text(&list, &quoted, lang);
        }
    }
    for lang in &langs {
        text::catalogue(&list, lang);
    }
});
