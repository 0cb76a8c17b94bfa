//! Quotes from the real Laptop BG price list, read like the terms they come from.

mod common;

use common::{d, price_list};
use tarif_engine::money::Currency;
use tarif_engine::price_list::PriceList;
use tarif_engine::quote::{Basis, LeftOutReason, Quote, Requested, quote};

fn eur() -> Currency {
    "EUR".parse().unwrap()
}
fn bgn() -> Currency {
    "BGN".parse().unwrap()
}

fn laptop_bg() -> PriceList {
    price_list("laptop-bg")
}

fn quote_of(args: &[&str]) -> Quote {
    let requested: Vec<Requested> = args.iter().map(|a| Requested::parse(a)).collect();
    quote(&laptop_bg(), &requested).expect("a valid request")
}

#[test]
fn laptop_diagnostics_50_leva_is_25_56_euro() {
    let q = quote_of(&["laptop-diagnostics"]);
    assert_eq!(q.total.get(bgn()), Some(d("50")));
    assert_eq!(q.total.get(eur()), Some(d("25.56")));
}

#[test]
fn backup_of_250_gb_is_60_leva() {
    let q = quote_of(&["data-backup=250"]);
    assert_eq!(q.total.get(bgn()), Some(d("60")));
    assert_eq!(q.lines[0].parts[0].basis, Basis::Tier { index: 3 });
}

#[test]
fn a_boundary_size_belongs_to_the_tier_it_closes() {
    // "От 1 до 10 GB" holds 10 GB; "От 10 до 100 GB" starts above it.
    assert_eq!(
        quote_of(&["data-backup=10"]).total.get(bgn()),
        Some(d("35"))
    );
    assert_eq!(
        quote_of(&["data-backup=10.5"]).total.get(bgn()),
        Some(d("45"))
    );
    assert_eq!(quote_of(&["data-backup=1"]).total.get(bgn()), Some(d("30")));
    assert_eq!(
        quote_of(&["data-backup=1TB"]).total.get(bgn()),
        Some(d("80"))
    );
    assert_eq!(
        quote_of(&["data-backup=3TB"]).total.get(bgn()),
        Some(d("160"))
    );
    assert_eq!(
        quote_of(&["data-recovery=1"]).total.get(bgn()),
        Some(d("45"))
    );
    assert_eq!(
        quote_of(&["data-recovery=1000"]).total.get(bgn()),
        Some(d("90"))
    );
}

#[test]
fn an_on_site_visit_of_2_h_30_min_bills_the_first_hour_and_two_started_hours() {
    let q = quote_of(&["onsite-visit=2h30m"]);
    assert_eq!(q.total.get(bgn()), Some(d("190"))); // 70 + 2 × 60
    let parts = &q.lines[0].parts;
    assert_eq!((parts[0].basis, parts[0].units), (Basis::FirstHour, d("1")));
    assert_eq!((parts[1].basis, parts[1].units), (Basis::NextHours, d("2")));
    // In euro: the converted rates, multiplied: 35.79 + 2 × 30.68.
    assert_eq!(q.total.get(eur()), Some(d("97.15")));
}

#[test]
fn exactly_one_hour_on_site_is_70_leva() {
    assert_eq!(
        quote_of(&["onsite-visit=1"]).total.get(bgn()),
        Some(d("70"))
    );
    assert_eq!(
        quote_of(&["onsite-visit=1h1m"]).total.get(bgn()),
        Some(d("130"))
    );
}

#[test]
fn out_of_working_hours_a_visit_is_110_then_90_per_started_hour() {
    assert_eq!(
        quote_of(&["onsite-visit-after-hours=3"]).total.get(bgn()),
        Some(d("290"))
    );
}

#[test]
fn express_adds_70_leva_once_per_order() {
    let q = quote_of(&[
        "laptop-diagnostics",
        "express",
        "laptop-maintenance",
        "express",
    ]);
    assert_eq!(q.surcharges.len(), 1);
    assert_eq!(q.total.get(bgn()), Some(d("170"))); // 50 + 50 + 70
}

#[test]
fn recovery_of_half_a_gigabyte_is_not_offered() {
    let q = quote_of(&["data-recovery=0.5"]);
    assert!(q.lines.is_empty());
    let LeftOutReason::OutOfRange(range) = &q.left_out[0].reason else {
        panic!("{q:?}")
    };
    assert_eq!((range.from, range.up_to), (Some(d("1")), d("1000")));
    assert_eq!(q.total.get(bgn()), Some(d("0")));
}

#[test]
fn recovery_of_two_terabytes_is_not_offered() {
    let q = quote_of(&["data-recovery=2TB"]);
    assert!(matches!(q.left_out[0].reason, LeftOutReason::OutOfRange(_)));
}

#[test]
fn a_backup_of_four_terabytes_is_not_offered() {
    let q = quote_of(&["data-backup=4TB"]);
    let LeftOutReason::OutOfRange(range) = &q.left_out[0].reason else {
        panic!("{q:?}")
    };
    assert_eq!(range.up_to, d("3000"));
}

#[test]
fn the_vat_part_of_60_leva_is_10_leva() {
    let q = quote_of(&["desktop-diagnostics"]);
    let vat = q.vat.expect("prices include VAT");
    assert!(vat.included);
    assert_eq!(vat.amount.get(bgn()), Some(d("10")));
    assert_eq!(vat.amount.get(eur()), Some(d("5.11"))); // 30.68 × 20 / 120 = 5.113…
}

#[test]
fn price_on_request_is_listed_apart_and_never_summed() {
    let q = quote_of(&["laptop-other-repair", "laptop-diagnostics"]);
    assert_eq!(q.left_out[0].reason, LeftOutReason::OnRequest);
    assert_eq!(q.total.get(bgn()), Some(d("50")));
}

#[test]
fn grigs_assembly_is_free() {
    let q = quote_of(&["grigs-assembly", "custom-cooling-cpu-hard"]);
    assert_eq!(q.lines[0].amount.get(eur()), Some(d("0")));
    assert_eq!(q.total.get(bgn()), Some(d("300")));
}

#[test]
fn counted_items_multiply_the_converted_price() {
    // 3 components at 35 лв: 3 × 17.90 € (the converted unit price), not 105 / 1.95583.
    let q = quote_of(&["desktop-component-mounting=3"]);
    assert_eq!(q.total.get(eur()), Some(d("53.70")));
    assert_eq!(q.total.get(bgn()), Some(d("105")));
}

#[test]
fn unknown_items_and_bad_quantities_are_refused_by_name() {
    let list = laptop_bg();
    let bad = [
        "exprss",
        "laptop-diagnostics=1.5",
        "data-backup",
        "express=2",
        "onsite-visit=soon",
    ];
    let requested: Vec<Requested> = bad.iter().map(|a| Requested::parse(a)).collect();
    let errors = quote(&list, &requested).unwrap_err();
    let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(errors.len(), 5, "{text:#?}");
    assert!(text[0].contains("did you mean `express`"), "{}", text[0]);
    assert!(text[1].starts_with("laptop-diagnostics:"), "{}", text[1]);
    assert!(text[2].contains("needs a size in GB"), "{}", text[2]);
    assert!(text[3].contains("once per order"), "{}", text[3]);
    assert!(text[4].contains("`soon` is not a duration"), "{}", text[4]);
}
