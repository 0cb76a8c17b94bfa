//! Prices in time: the list as of a day, quotes as of a day, and the reader's checks of
//! `[[changes]]`. The list is a test fixture written in BGN and shown in EUR at the fixed
//! rate, as a Bulgarian list is; its changes are invented for the test.

use proptest::prelude::*;
use tarif_engine::date::Date;
use tarif_engine::price_list::diff::{ChangeKind, diff};
use tarif_engine::price_list::{PriceHistory, PriceList, Pricing, parse_price_history};
use tarif_engine::quote::{Requested, changed_lines, quote, quote_on};
use tarif_engine::text::Lang;

const LIST: &str = r#"
languages = ["en"]
currency = "BGN"
show = ["EUR", "BGN"]
rates = { EUR = "1.95583" }
effective = "2026-01-01"
quote_valid_days = 30
title = { en = "Prices" }

[[sections]]
id = "laptops"
name = { en = "Laptops" }

[[sections.items]]
id = "diagnostics"
name = { en = "Diagnostics" }
price = "50"

[[sections.items]]
id = "palm-rest"
name = { en = "Palm rest replacement" }
price = "90"

[[sections.items]]
id = "data-backup"
name = { en = "Data backup" }
measure = "GB"
tiers = [{ up_to = "100", price = "40" }, { up_to = "1000", price = "80" }]

[[changes]]
effective = "2026-07-01"
id = "palm-rest"
withdrawn = true

[[changes]]
effective = "2027-01-01"
id = "diagnostics"
name = { en = "Diagnostics (complete)" }
price = "60"

[[changes]]
effective = "2027-01-01"
id = "battery"
section = "laptops"
name = { en = "Battery replacement" }
price = "45.50"
"#;

fn history() -> PriceHistory {
    parse_price_history("price-lists/shop.toml", LIST).expect("the test list loads")
}

fn d(s: &str) -> Date {
    s.parse().unwrap()
}

/// The price of a fixed-price item in the list as of `day`: "EUR/BGN".
fn price(h: &PriceHistory, item: &str, day: &str) -> Option<String> {
    let list = h.as_of(d(day));
    let Pricing::Fixed { price } = &list.item(item)?.pricing else {
        panic!("{item} has a fixed price")
    };
    let figures: Vec<String> = price
        .shown
        .iter()
        .map(|m| tarif_engine::rounding::to_cents_string(m.amount))
        .collect();
    Some(figures.join("/"))
}

#[test]
fn the_list_as_of_a_day_before_on_and_after_each_change() {
    let h = history();
    // The withdrawal of 2026-07-01.
    assert_eq!(
        price(&h, "palm-rest", "2026-06-30").as_deref(),
        Some("46.02/90.00")
    );
    assert_eq!(price(&h, "palm-rest", "2026-07-01"), None);
    assert_eq!(price(&h, "palm-rest", "2026-07-02"), None);
    // The new price and the new item of 2027-01-01.
    assert_eq!(
        price(&h, "diagnostics", "2026-12-31").as_deref(),
        Some("25.56/50.00")
    );
    assert_eq!(
        price(&h, "diagnostics", "2027-01-01").as_deref(),
        Some("30.68/60.00")
    );
    assert_eq!(
        price(&h, "diagnostics", "2030-05-05").as_deref(),
        Some("30.68/60.00")
    );
    assert_eq!(price(&h, "battery", "2026-12-31"), None);
    assert_eq!(
        price(&h, "battery", "2027-01-01").as_deref(),
        Some("23.26/45.50")
    );
    // A change of texts goes with its day too.
    let name = |day| {
        h.as_of(d(day))
            .item("diagnostics")
            .unwrap()
            .name
            .get(&en())
            .map(str::to_owned)
    };
    assert_eq!(name("2026-12-31").as_deref(), Some("Diagnostics"));
    assert_eq!(
        name("2027-01-01").as_deref(),
        Some("Diagnostics (complete)")
    );
}

#[test]
fn each_version_says_from_when_its_prices_apply() {
    let h = history();
    assert_eq!(h.in_effect_since(d("2025-12-31")), None);
    assert_eq!(h.in_effect_since(d("2026-01-01")), Some(d("2026-01-01")));
    assert_eq!(h.in_effect_since(d("2026-12-31")), Some(d("2026-07-01")));
    assert_eq!(h.in_effect_since(d("2027-01-01")), Some(d("2027-01-01")));
    assert_eq!(h.announced_after(d("2026-12-31")).len(), 2);
    assert!(h.announced_after(d("2027-01-01")).is_empty());
    assert_eq!(
        h.item_since("diagnostics", d("2026-12-31")),
        Some(d("2026-01-01"))
    );
    assert_eq!(
        h.item_since("diagnostics", d("2027-03-01")),
        Some(d("2027-01-01"))
    );
}

#[test]
fn a_quote_on_the_day_of_a_change_has_the_new_prices() {
    let h = history();
    let asked = [Requested::parse("diagnostics")];
    let eur = "EUR".parse().unwrap();
    let total = |day| {
        quote_on(&h, d(day), &asked)
            .unwrap()
            .total
            .get(eur)
            .unwrap()
            .to_string()
    };
    assert_eq!(total("2026-12-31"), "25.56");
    assert_eq!(total("2027-01-01"), "30.68");
    let q = quote_on(&h, d("2027-01-01"), &asked).unwrap();
    assert_eq!(q.date, Some(d("2027-01-01")));
    assert_eq!(q.valid_until, Some(d("2027-01-31")));
}

#[test]
fn a_withdrawn_item_in_an_old_quote_is_shown_withdrawn_never_priced_at_zero() {
    let h = history();
    let asked = [
        Requested::parse("palm-rest"),
        Requested::parse("diagnostics"),
    ];
    let then = quote_on(&h, d("2026-06-30"), &asked).unwrap();
    assert_eq!(then.lines.len(), 2);
    assert!(then.withdrawn.is_empty());
    let now = quote_on(&h, d("2026-07-01"), &asked).unwrap();
    assert_eq!(now.lines.len(), 1, "only diagnostics is priced");
    assert!(now.lines.iter().all(|l| l.item != "palm-rest"));
    assert_eq!(now.withdrawn.len(), 1);
    assert_eq!(now.withdrawn[0].item, "palm-rest");
    assert_eq!(now.withdrawn[0].since, d("2026-07-01"));
    assert_eq!(
        now.withdrawn[0].name.get(&en()).unwrap(),
        "Palm rest replacement"
    );
    let text = tarif_engine::quote::text::quote_text(&h.as_of(d("2026-07-01")), &now, &en());
    assert!(
        text.contains("Palm rest replacement — no longer offered since 1 July 2026"),
        "{text}"
    );
    assert!(
        text.contains("Prices as of 1 July 2026 · valid until 31 July 2026"),
        "{text}"
    );
    // The lines that changed between the two days: the withdrawn one, priced then only.
    let changed = changed_lines(&then, &now);
    assert_eq!(changed.len(), 1);
    assert_eq!(changed[0].item, "palm-rest");
    assert!(changed[0].then.is_some() && changed[0].now.is_none());
    // An item that never existed is still an error, not a withdrawal.
    assert!(quote_on(&h, d("2026-07-01"), &[Requested::parse("palm-rests")]).is_err());
}

#[test]
fn each_price_is_converted_to_eur_once_in_the_version_it_first_appears() {
    let h = history();
    let before = h.as_of(d("2026-12-31"));
    let after = h.as_of(d("2027-01-01"));
    // The tiers did not change: the very same converted figures, not converted again.
    let tiers = |l: &PriceList| l.item("data-backup").unwrap().pricing.clone();
    assert_eq!(tiers(&before), tiers(&after));
    // 60 BGN is converted by itself (30.68), not derived from the old 25.56.
    assert_eq!(
        price(&h, "diagnostics", "2027-01-01").as_deref(),
        Some("30.68/60.00")
    );
    // And a quote adds the converted figures: 30.68 + 23.26.
    let asked = [Requested::parse("diagnostics"), Requested::parse("battery")];
    let q = quote(&after, &asked).unwrap();
    assert_eq!(
        q.total.get("EUR".parse().unwrap()).unwrap().to_string(),
        "53.94"
    );
}

#[test]
fn the_changes_between_two_days_have_every_price_before_and_after() {
    let h = history();
    let all = diff(&h, None, None, &en());
    let kinds: Vec<ChangeKind> = all.changes.iter().map(|c| c.change).collect();
    assert_eq!(
        kinds,
        [
            ChangeKind::Withdrawn,
            ChangeKind::Changed,
            ChangeKind::Added
        ]
    );
    let diagnostics = &all.changes[1];
    assert_eq!(diagnostics.date_text, "1 January 2027");
    assert_eq!(diagnostics.name, "Diagnostics (complete) (Laptops)");
    assert_eq!(
        diagnostics.formerly.as_deref(),
        Some("Diagnostics (Laptops)")
    );
    assert_eq!(diagnostics.before[0].text, "€25.56 (50.00 BGN)");
    assert_eq!(diagnostics.after[0].text, "€30.68 (60.00 BGN)");
    assert_eq!(all.changes[2].before[0].text, "new service");
    assert_eq!(all.changes[0].after[0].text, "no longer offered");
    let later = diff(&h, Some(d("2026-07-01")), Some(d("2027-01-01")), &en());
    assert_eq!(
        later.changes.len(),
        2,
        "after --from, up to and including --to"
    );
    assert!(
        diff(&h, Some(d("2027-01-01")), None, &en())
            .changes
            .is_empty()
    );
}

#[test]
fn a_list_without_dates_is_the_same_on_every_day() {
    let h = parse_price_history("p.toml", &LIST[..LIST.find("[[changes]]").unwrap()]).unwrap();
    assert_eq!(h.as_of(d("2001-01-01")), h.as_of(d("2099-01-01")));
    assert_eq!(h.as_of(d("2001-01-01")), h.first);
}

fn en() -> Lang {
    Lang::new("en").unwrap()
}

/// Every problem of `changes` (appended to the list without its changes) as
/// `line:col: message`, each with a hint.
fn problems(changes: &str) -> Vec<String> {
    let head = &LIST[..LIST.find("[[changes]]").unwrap()];
    let text = format!("{head}{changes}");
    let offset = head.lines().count();
    match parse_price_history("price-lists/shop.toml", &text) {
        Ok(_) => vec![],
        Err(ps) => ps
            .iter()
            .map(|p| {
                assert!(p.help.is_some(), "no hint for {p}");
                format!("{}:{}: {}", p.line - offset, p.column, p.message)
            })
            .collect(),
    }
}

#[test]
fn changes_out_of_date_order_are_located() {
    let ps = problems(
        "[[changes]]\neffective = \"2027-01-01\"\nid = \"diagnostics\"\nprice = \"60\"\n\
         [[changes]]\neffective = \"2026-06-01\"\nid = \"palm-rest\"\nprice = \"95\"\n",
    );
    assert_eq!(
        ps,
        ["6:13: this change takes effect on 2026-06-01, before the change above it (2027-01-01)"]
    );
    let ps =
        problems("[[changes]]\neffective = \"2026-01-01\"\nid = \"diagnostics\"\nprice = \"60\"\n");
    assert_eq!(
        ps,
        [
            "2:13: this change takes effect on 2026-01-01, not after the list's own `effective` date, 2026-01-01"
        ]
    );
}

#[test]
fn a_change_to_an_unknown_item_is_located() {
    let ps =
        problems("[[changes]]\neffective = \"2027-01-01\"\nid = \"diagnostic\"\nprice = \"60\"\n");
    assert_eq!(
        ps,
        ["3:6: there is no item `diagnostic` in the list on 2027-01-01"]
    );
    // Withdrawn, then changed.
    let ps = problems(
        "[[changes]]\neffective = \"2026-07-01\"\nid = \"palm-rest\"\nwithdrawn = true\n\
         [[changes]]\neffective = \"2026-08-01\"\nid = \"palm-rest\"\nprice = \"60\"\n",
    );
    assert_eq!(
        ps,
        ["7:6: there is no item `palm-rest` in the list on 2026-08-01"]
    );
}

#[test]
fn two_prices_for_one_item_on_one_day_are_located() {
    let ps = problems(
        "[[changes]]\neffective = \"2027-01-01\"\nid = \"diagnostics\"\nprice = \"60\"\n\
         [[changes]]\neffective = \"2027-01-01\"\nid = \"diagnostics\"\nprice = \"65\"\n",
    );
    assert_eq!(
        ps,
        ["7:6: `diagnostics` already changes on 2027-01-01, on line 32"]
    );
}

#[test]
fn bad_dates_and_mixed_changes_are_located() {
    let ps =
        problems("[[changes]]\neffective = \"2027-02-30\"\nid = \"diagnostics\"\nprice = \"60\"\n");
    assert_eq!(
        ps,
        [
            "2:13: the change's `effective`: `2027-02-30` is not a date: write it as YYYY-MM-DD, such as 2026-11-01"
        ]
    );
    let ps = problems("[[changes]]\nid = \"diagnostics\"\nprice = \"60\"\n");
    assert_eq!(
        ps,
        ["2:6: the change of `diagnostics` has no `effective` date"]
    );
    let ps = problems(
        "[[changes]]\neffective = \"2027-01-01\"\nid = \"diagnostics\"\nwithdrawn = true\nprice = \"1\"\n",
    );
    assert_eq!(
        ps,
        ["4:13: the change withdraws `diagnostics` and also changes it"]
    );
    let ps = problems("[[changes]]\neffective = \"2027-01-01\"\nid = \"diagnostics\"\n");
    assert_eq!(ps, ["3:6: the change of `diagnostics` changes nothing"]);
    let ps = problems(
        "[[changes]]\neffective = \"2027-01-01\"\nid = \"battery\"\nsection = \"phones\"\nname = { en = \"B\" }\nprice = \"1\"\n",
    );
    assert_eq!(ps, ["4:11: the list has no section `phones`"]);
    let ps = problems(
        "[[changes]]\neffective = \"2027-01-01\"\nid = \"diagnostics\"\nsection = \"laptops\"\nname = { en = \"B\" }\nprice = \"1\"\n",
    );
    assert_eq!(
        ps,
        ["3:6: `diagnostics` is already in the list on 2027-01-01"]
    );
}

#[test]
fn a_date_on_an_item_of_a_section_points_to_changes() {
    let text = LIST.replacen(
        "id = \"diagnostics\"\nname",
        "id = \"diagnostics\"\neffective = \"2026-03-01\"\nname",
        1,
    );
    let ps = parse_price_history("shop.toml", &text).unwrap_err();
    assert_eq!(ps.len(), 1);
    assert!(
        ps[0]
            .message
            .contains("`effective` belongs to a dated change"),
        "{}",
        ps[0]
    );
}

proptest! {
    /// A quote as of a day equals the quote against the version valid on that day (the
    /// version made by the last change on or before it).
    #[test]
    fn a_quote_as_of_a_day_is_the_quote_of_the_version_valid_that_day(
        offset in -30i64..800,
        picks in proptest::collection::vec((0usize..4, 1u32..5), 1..5),
    ) {
        let h = history();
        let day = d("2026-01-01").add_days(offset);
        prop_assume!(day >= d("2026-01-01"));
        // The versions, each built independently from its first day.
        let starts = [d("2026-01-01"), d("2026-07-01"), d("2027-01-01")];
        let start = starts.iter().rev().find(|s| **s <= day).copied().unwrap();
        let version = h.as_of(start);
        let ids = ["diagnostics", "palm-rest", "data-backup", "battery"];
        let asked: Vec<Requested> = picks
            .iter()
            .map(|(i, n)| Requested::parse(&format!("{}={}", ids[*i], n * 40)))
            .filter(|r| version.item(&r.item).is_some())
            .collect();
        let on = quote_on(&h, day, &asked).unwrap();
        let plain = quote(&version, &asked).unwrap();
        prop_assert_eq!(&on.lines, &plain.lines);
        prop_assert_eq!(&on.total, &plain.total);
        prop_assert_eq!(&on.left_out, &plain.left_out);
        prop_assert!(on.withdrawn.is_empty());
    }
}
