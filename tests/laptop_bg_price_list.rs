//! Every figure of section IV of Laptop BG's service terms, as published, against
//! price-lists/laptop-bg.toml. The table is typed from the seed document
//! (laptop-bg-service-terms.bg.txt) so that the repo does not need it at test time.

mod common;

use common::{d, price_list};
use tarif_engine::price_list::Pricing;

/// (item id, the figures in BGN in document order; "free" and "on-request" as words).
const SECTION_IV: [(&str, &[&str]); 42] = [
    // Настолни компютри
    ("desktop-diagnostics", &["60"]),
    ("desktop-component-diagnostics", &["40"]),
    ("desktop-maintenance", &["70"]),
    ("desktop-external-cleaning", &["20"]),
    ("desktop-component-mounting", &["35"]),
    ("custom-assembly-up-to-2000", &["80"]),
    ("custom-assembly-over-2000", &["80"]),
    ("grigs-assembly", &["free"]),
    ("desktop-bios-update", &["30"]),
    ("desktop-bios-settings", &["30"]),
    ("desktop-other-repair", &["on-request"]),
    // Лаптопи
    ("laptop-diagnostics", &["50"]),
    ("laptop-maintenance", &["50"]),
    ("laptop-external-cleaning", &["20"]),
    ("laptop-component-mounting", &["30"]),
    ("display-replacement", &["70"]),
    ("keyboard-replacement", &["80"]),
    ("power-jack-replacement", &["80"]),
    ("palm-rest-replacement", &["90"]),
    ("laptop-bios-update", &["30"]),
    ("laptop-bios-settings", &["30"]),
    ("laptop-other-repair", &["on-request"]),
    // Софтуерни услуги
    ("windows-installation", &["60"]),
    ("drivers-installation", &["30"]),
    ("virus-removal", &["60"]),
    ("linux-installation", &["50"]),
    ("free-programs-installation", &["30"]),
    ("ms-office-installation", &["40"]),
    ("cloning", &["50"]),
    ("data-backup", &["30", "35", "45", "60", "80", "160"]),
    ("data-recovery", &["45", "65", "70", "90"]),
    ("windows-password-removal", &["50"]),
    // G:RIGS услуги
    ("custom-cooling-cpu-soft", &["200"]),
    ("custom-cooling-cpu-gpu-soft", &["400"]),
    ("custom-cooling-cpu-hard", &["300"]),
    ("custom-cooling-cpu-gpu-hard", &["600"]),
    ("custom-cooling-maintenance-soft", &["600"]),
    ("custom-cooling-maintenance-hard", &["300"]),
    // Допълнителни услуги
    ("gpu-maintenance", &["90"]),
    ("onsite-visit", &["70", "60"]),
    ("onsite-visit-after-hours", &["110", "90"]),
    ("express", &["70"]),
];

/// The figures an item shows in BGN, as written.
fn figures(pricing: &Pricing) -> Vec<String> {
    match pricing {
        Pricing::Fixed { price } | Pricing::Surcharge { price } => vec![price.written.to_string()],
        Pricing::Free => vec!["free".into()],
        Pricing::OnRequest => vec!["on-request".into()],
        Pricing::Tiered { tiers, .. } => {
            tiers.iter().map(|t| t.price.written.to_string()).collect()
        }
        Pricing::Hourly {
            first_hour,
            next_hour,
        } => {
            vec![
                first_hour.written.to_string(),
                next_hour.written.to_string(),
            ]
        }
    }
}

#[test]
fn every_item_and_price_of_section_iv_is_in_the_list_in_order() {
    let list = price_list("laptop-bg");
    let items: Vec<(&str, Vec<String>)> = list
        .items()
        .map(|i| (i.id.as_str(), figures(&i.pricing)))
        .collect();
    let expected: Vec<(&str, Vec<String>)> = SECTION_IV
        .iter()
        .map(|(id, f)| (*id, f.iter().map(|s| s.to_string()).collect()))
        .collect();
    assert_eq!(items, expected);
    let prices: usize = SECTION_IV.iter().map(|(_, f)| f.len()).sum();
    assert_eq!((items.len(), prices), (42, 52));
}

#[test]
fn every_price_is_shown_in_euro_converted_once_half_up() {
    let list = price_list("laptop-bg");
    let rate = d("1.95583");
    let eur = "EUR".parse().unwrap();
    let bgn = "BGN".parse().unwrap();
    let mut checked = 0;
    for item in list.items() {
        let prices: Vec<&tarif_engine::price_list::Price> = match &item.pricing {
            Pricing::Fixed { price } | Pricing::Surcharge { price } => vec![price],
            Pricing::Tiered { tiers, .. } => tiers.iter().map(|t| &t.price).collect(),
            Pricing::Hourly {
                first_hour,
                next_hour,
            } => vec![first_hour, next_hour],
            Pricing::Free | Pricing::OnRequest => vec![],
        };
        for p in prices {
            let expected = (p.written / rate)
                .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
            assert_eq!(p.shown.get(eur), Some(expected), "{}", item.id);
            assert_eq!(p.shown.get(bgn), Some(p.written), "{}", item.id);
            checked += 1;
        }
    }
    assert_eq!(checked, 49); // 52 figures less "free" and two "on request"
}

#[test]
fn the_list_is_shown_in_euro_with_leva_for_reference_and_includes_20_percent_vat() {
    let list = price_list("laptop-bg");
    let shown: Vec<&str> = list.shown_in.iter().map(|c| c.code()).collect();
    assert_eq!(shown, ["EUR", "BGN"]);
    assert_eq!(list.written_in.code(), "BGN");
    let vat = list.vat.expect("VAT");
    assert_eq!((vat.rate, vat.included), (d("20"), true));
}

#[test]
fn the_comportal_list_has_the_ten_services_free_for_eligible_clients() {
    use tarif_engine::price_list::{Frequency, Place, Who};
    let list = price_list("comportal");
    let items: Vec<_> = list.items().collect();
    assert_eq!(items.len(), 10);
    // Free for eligible clients and not offered otherwise: never "on request".
    assert!(
        items
            .iter()
            .all(|i| i.pricing == Pricing::Free && i.eligibility.is_some() && i.note.is_some())
    );
    assert!(!list.has_prices());
    let legal: Vec<&str> = items
        .iter()
        .filter(|i| i.eligibility.unwrap().who == Who::LegalEntity)
        .map(|i| i.id.as_str())
        .collect();
    assert_eq!(
        legal,
        ["onsite-diagnostics", "onsite-repair", "pickup-and-return"]
    );
    let almaty = list.item("transport-almaty").unwrap().eligibility.unwrap();
    assert_eq!(almaty.place, Place::RegionalBranch);
    let maintenance = list.item("maintenance").unwrap().eligibility.unwrap();
    assert_eq!(maintenance.often, Some(Frequency::OnceAYear));
    assert_eq!(list.written_in.code(), "KZT");
}
