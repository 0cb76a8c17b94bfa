//! Properties that hold for every input: totals add up, tiers are monotonic, and nothing
//! the engine is given makes it panic.

use proptest::prelude::*;
use rust_decimal::Decimal;
use tarif_engine::price_list::{PriceList, Pricing, parse_price_list};
use tarif_engine::quantity;
use tarif_engine::quote::{Requested, quote};

const LIST: &str = r#"
languages = ["bg", "en"]
currency = "BGN"
show = ["EUR", "BGN"]
rates = { EUR = "1.95583" }
vat = { rate = "20", included = true }
title = { bg = "Цени", en = "Prices" }
[[sections]]
id = "all"
name = { bg = "Всички", en = "All" }
[[sections.items]]
id = "fixed"
name = { bg = "Фиксирана", en = "Fixed" }
price = "33.33"
[[sections.items]]
id = "free"
name = { bg = "Безплатно", en = "Free" }
price = "free"
[[sections.items]]
id = "asked"
name = { bg = "По договаряне", en = "On request" }
price = "on-request"
[[sections.items]]
id = "backup"
name = { bg = "Архив", en = "Backup" }
measure = "GB"
tiers = [{ up_to = "1", price = "30" }, { up_to = "10", price = "35" }, { up_to = "100", price = "45" }, { up_to = "3000", price = "160" }]
[[sections.items]]
id = "recovery"
name = { bg = "Възстановяване", en = "Recovery" }
measure = "GB"
from = "1"
tiers = [{ up_to = "10", price = "45" }, { up_to = "1000", price = "90" }]
[[sections.items]]
id = "visit"
name = { bg = "Посещение", en = "Visit" }
hourly = { first_hour = "70.01", next_hour = "59.99" }
[[sections.items]]
id = "express"
name = { bg = "Експресна", en = "Express" }
surcharge = "70"
"#;

fn list() -> PriceList {
    parse_price_list("test.toml", LIST).expect("the test list loads")
}

fn item_id() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("fixed"),
        Just("free"),
        Just("asked"),
        Just("backup"),
        Just("recovery"),
        Just("visit"),
        Just("express"),
        Just("nothing")
    ]
    .prop_map(str::to_owned)
}

fn quantity_text() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        Just(None),
        (1u32..50).prop_map(|n| Some(n.to_string())),
        (1u64..400_000, 0u32..4).prop_map(|(m, s)| Some(Decimal::new(m as i64, s).to_string())),
        (0u32..30, 0u32..60).prop_map(|(h, m)| Some(format!("{h}h{m}m"))),
        ".{0,12}".prop_map(Some),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    // A calculator field reads what a person types exactly as the CLI's `=…` does: the
    // same quantity or an error, for any text (digits, commas, points, spaces, units in
    // three languages, signs, colons), for every form an item takes.
    #[test]
    fn a_field_reads_as_the_quantity_reader(
        typed in "[0-9 ,.:\\-]{0,3}[0-9]{0,4}[ ,.]{0,1}[0-9]{0,3} ?(h|ч|час|m|мин|GB|TB|MB|gb|x)? ?[0-9]{0,2} ?(m|мин|минути)?",
        unit in prop_oneof![Just("GB"), Just("TB"), Just("MB")],
    ) {
        let list = list();
        for id in ["fixed", "visit"] {
            let pricing = &list.item(id).unwrap().pricing;
            prop_assert_eq!(
                quantity::parse(pricing, &quantity::field_text(&typed, None)).ok(),
                quantity::parse(pricing, &typed).ok()
            );
        }
        let sized = &list.item("backup").unwrap().pricing;
        let field = quantity::parse(sized, &quantity::field_text(&typed, Some(unit)));
        let has_unit = typed.trim().ends_with(char::is_alphabetic);
        let cli = if has_unit || typed.trim().is_empty() {
            quantity::parse(sized, &typed)
        } else {
            quantity::parse(sized, &format!("{}{unit}", typed.trim()))
        };
        // The same reading, or an error from both (the error quotes the text it read).
        prop_assert_eq!(field.ok(), cli.ok());
        // A link keeps what was typed: the order read back from its URL value quotes the
        // same quantity (a decimal comma never splits it).
        for id in ["fixed", "visit", "backup"] {
            let typed = quantity::field_text(&typed, None);
            let r = vec![Requested { item: id.into(), quantity: Some(typed.clone()) }];
            let back = tarif_engine::quote::state::read(&tarif_engine::quote::state::write(&r));
            let pricing = &list.item(id).unwrap().pricing;
            if typed.is_empty() {
                continue;
            }
            prop_assert_eq!(back.len(), 1);
            prop_assert_eq!(
                back[0].quantity.as_deref().map(|q| quantity::parse(pricing, q).ok()),
                Some(quantity::parse(pricing, &typed).ok())
            );
        }
    }


    #[test]
    fn a_total_is_the_sum_of_its_lines_in_every_currency(
        requests in prop::collection::vec((item_id(), quantity_text()), 0..8)
    ) {
        let list = list();
        let requested: Vec<Requested> = requests.into_iter().map(|(item, quantity)| Requested { item, quantity }).collect();
        if let Ok(q) = quote(&list, &requested) {
            for currency in &q.currencies {
                let lines: Decimal = q.lines.iter().chain(&q.surcharges).map(|l| l.amount.get(*currency).unwrap()).sum();
                prop_assert_eq!(q.subtotal.get(*currency), Some(lines));
                prop_assert_eq!(q.total.get(*currency), Some(lines)); // VAT is included
                for line in q.lines.iter().chain(&q.surcharges) {
                    let parts: Decimal = line.parts.iter().map(|p| p.amount.get(*currency).unwrap()).sum();
                    prop_assert_eq!(line.amount.get(*currency), Some(parts));
                    for p in &line.parts {
                        prop_assert_eq!(p.amount.get(*currency), Some(p.unit_price.get(*currency).unwrap() * p.units));
                    }
                }
            }
            prop_assert!(q.surcharges.len() <= 1);
        }
    }

    #[test]
    fn a_larger_size_never_costs_less(a in 1u64..3_000_000, b in 1u64..3_000_000) {
        let list = list();
        let pricing = &list.item("backup").unwrap().pricing;
        let (small, large) = (Decimal::new(a.min(b) as i64, 3), Decimal::new(a.max(b) as i64, 3));
        let price = |q| pricing.tier_for(q).unwrap().map(|(i, t)| (i, t.price.written));
        match (price(small), price(large)) {
            (Ok((i, p)), Ok((j, q))) => prop_assert!(i <= j && p <= q),
            (Err(_), Ok(_)) => prop_assert!(false, "{} out of range below {}", small, large),
            _ => {}
        }
    }

    #[test]
    fn a_longer_visit_never_costs_less(a in 1u32..6000, b in 1u32..6000) {
        let list = list();
        let cost = |minutes: u32| {
            let r = Requested { item: "visit".into(), quantity: Some(format!("{minutes}m")) };
            quote(&list, &[r]).unwrap().total.main().unwrap().amount
        };
        prop_assert!(cost(a.min(b)) <= cost(a.max(b)));
    }

    #[test]
    fn the_loader_never_panics_on_any_text(text in "\\PC{0,400}") {
        let _ = parse_price_list("any.toml", &text);
    }

    #[test]
    fn the_loader_never_panics_on_a_damaged_list(cut in 0usize..LIST.len(), junk in "[\\[\\]{}=\"a-z0-9., \\n-]{0,12}") {
        let mut text: String = LIST.chars().take(cut).collect();
        text.push_str(&junk);
        text.extend(LIST.chars().skip(cut));
        if let Err(problems) = parse_price_list("damaged.toml", &text) {
            prop_assert!(!problems.is_empty());
            for p in problems {
                prop_assert!(p.line <= text.lines().count() + 1);
                let _ = p.to_string();
            }
        }
    }

    #[test]
    fn the_quote_never_panics_on_any_request(item in "\\PC{0,20}", quantity in proptest::option::of("\\PC{0,20}")) {
        let _ = quote(&list(), &[Requested { item, quantity }]);
    }
}

#[test]
fn every_pricing_kind_is_in_the_test_list() {
    let list = list();
    let kinds: Vec<&str> = list
        .items()
        .map(|i| match i.pricing {
            Pricing::Fixed { .. } => "fixed",
            Pricing::Free => "free",
            Pricing::OnRequest => "on-request",
            Pricing::Tiered { .. } => "tiered",
            Pricing::Hourly { .. } => "hourly",
            Pricing::Surcharge { .. } => "surcharge",
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "fixed",
            "free",
            "on-request",
            "tiered",
            "tiered",
            "hourly",
            "surcharge"
        ]
    );
}
