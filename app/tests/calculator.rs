//! The calculator in headless Chromium: a person finds items, types quantities, ticks
//! express, and reads totals that equal the engine's; the URL reopens the same quote.

#![cfg(target_arch = "wasm32")]

use tarif_app::calculator::state::Order;
use tarif_app::page::PageData;
use tarif_engine::price_list::{PriceList, parse_price_list};
use tarif_engine::quote::quote;
use tarif_engine::quote::text::amounts;
use tarif_engine::text::Lang;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlInputElement, HtmlSelectElement};

mod common;
use common::{choose, clear_url, click, find, text, type_into};

wasm_bindgen_test_configure!(run_in_browser);

fn laptop_bg() -> PriceList {
    parse_price_list(
        "laptop-bg.toml",
        include_str!("../../price-lists/laptop-bg.toml"),
    )
    .unwrap()
}

/// The backup item's Bulgarian name, as its search result is labelled.
const BACKUP: &str = "Запазване на информация от SSD/HDD диск (по капацитет)";

fn bg() -> Lang {
    Lang::new("bg").unwrap()
}

/// Mounts a calculator over `list`, in Bulgarian.
async fn mount_calculator(list: PriceList) -> Element {
    common::mount(PageData {
        lang: bg(),
        company: "Лаптоп БГ".into(),
        terms: vec![],
        calculator: Some(list),
        wizard: None,
        search: None,
    })
    .await
}

/// Searches for `query` and clicks the result whose label names `name` exactly.
async fn add(root: &Element, query: &str, name: &str) {
    type_into(root, "#calc-search", query).await;
    let buttons = root.query_selector_all("#calc-matches button").unwrap();
    let wanted = format!("Добави {name}");
    for i in 0..buttons.length() {
        let b: Element = buttons.item(i).unwrap().unchecked_into();
        if b.get_attribute("aria-label").as_deref() == Some(wanted.as_str()) {
            return click(&b).await;
        }
    }
    panic!("no result {wanted} for {query}");
}

/// The engine's total for the same request, formatted as the page formats it.
fn engine_total(list: &PriceList, args: &[&str]) -> String {
    let requested: Vec<_> = args
        .iter()
        .map(|a| tarif_engine::quote::Requested::parse(a))
        .collect();
    amounts(&bg(), &quote(list, &requested).unwrap().total)
}

#[wasm_bindgen_test]
async fn a_quote_built_by_hand_totals_what_the_engine_says() {
    clear_url();
    let list = laptop_bg();
    let root = mount_calculator(list.clone()).await;
    assert!(text(&root, ".calc-lines tbody").contains("Все още няма добавени услуги."));

    add(&root, "диагност", "Диагностика").await;
    assert_eq!(text(&root, ".calc-total"), "25,56\u{a0}€ (50,00\u{a0}лв.)");
    type_into(&root, "#calc-q-0", "2").await;
    assert_eq!(
        text(&root, ".calc-total"),
        engine_total(&list, &["laptop-diagnostics=2"])
    );

    add(&root, "запазване", BACKUP).await;
    type_into(&root, "#calc-q-1", "250").await;
    assert_eq!(
        text(&root, ".calc-total"),
        engine_total(&list, &["laptop-diagnostics=2", "data-backup=250"])
    );

    add(
        &root,
        "посещение",
        "Посещение на място от сервизен специалист*",
    )
    .await;
    type_into(&root, "#calc-q-2", "2").await;
    type_into(&root, "#calc-m-2", "30").await;
    let all = [
        "laptop-diagnostics=2",
        "data-backup=250",
        "onsite-visit=2h30m",
    ];
    assert_eq!(text(&root, ".calc-total"), engine_total(&list, &all));

    let express = find(&root, "#calc-opt-express");
    click(&express).await;
    let with_express = [
        "laptop-diagnostics=2",
        "data-backup=250",
        "onsite-visit=2h30m",
        "express",
    ];
    assert_eq!(
        text(&root, ".calc-total"),
        engine_total(&list, &with_express)
    );
    assert!(text(&root, ".calc-totals").contains("вкл. ДДС 20 %"));
    root.remove();
}

#[wasm_bindgen_test]
async fn a_size_no_tier_covers_is_an_inline_error_and_stays_out_of_the_total() {
    clear_url();
    let root = mount_calculator(laptop_bg()).await;
    add(&root, "диагност", "Диагностика").await;
    add(&root, "запазване", BACKUP).await;
    type_into(&root, "#calc-q-1", "4").await;
    choose(&root, "#calc-u-1", "TB").await;
    assert_eq!(
        text(&root, "#calc-err-1"),
        "4 TB не се предлага: най-големият обем е 3 TB."
    );
    assert_eq!(
        find(&root, "#calc-q-1")
            .get_attribute("aria-invalid")
            .as_deref(),
        Some("true")
    );
    assert_eq!(text(&root, ".calc-total"), "25,56\u{a0}€ (50,00\u{a0}лв.)");
    choose(&root, "#calc-u-1", "GB").await;
    assert_eq!(text(&root, "#calc-err-1"), "");
    root.remove();
}

#[wasm_bindgen_test]
async fn price_on_request_is_listed_apart_and_a_line_can_be_removed() {
    clear_url();
    let root = mount_calculator(laptop_bg()).await;
    add(
        &root,
        "друг вид ремонт на лаптоп",
        "Друг вид ремонт на лаптоп",
    )
    .await;
    add(&root, "диагност", "Диагностика").await;
    assert!(text(&root, ".calc-not-priced").contains("Друг вид ремонт на лаптоп — по договаряне"));
    click(&find(&root, "button[aria-label='Премахни Диагностика']")).await;
    assert_eq!(text(&root, ".calc-total"), "0,00\u{a0}€ (0,00\u{a0}лв.)");
    root.remove();
}

#[wasm_bindgen_test]
async fn the_url_holds_the_quote_and_reopens_it() {
    clear_url();
    let list = laptop_bg();
    let root = mount_calculator(list.clone()).await;
    add(&root, "диагност", "Диагностика").await;
    add(&root, "запазване", BACKUP).await;
    type_into(&root, "#calc-q-1", "1.5").await;
    choose(&root, "#calc-u-1", "TB").await;
    click(&find(&root, "#calc-opt-express")).await;
    let search = web_sys::window().unwrap().location().search().unwrap();
    assert_eq!(
        search,
        "?q=laptop-diagnostics%2Cdata-backup%3A1.5TB%2Cexpress"
    );
    let total = text(&root, ".calc-total");
    root.remove();

    let reopened = mount_calculator(list.clone()).await;
    assert_eq!(text(&reopened, ".calc-total"), total);
    assert_eq!(
        find(&reopened, "#calc-q-1")
            .unchecked_into::<HtmlInputElement>()
            .value(),
        "1.5"
    );
    assert_eq!(
        find(&reopened, "#calc-u-1")
            .unchecked_into::<HtmlSelectElement>()
            .value(),
        "TB"
    );
    assert_eq!(
        total,
        engine_total(
            &list,
            &["laptop-diagnostics", "data-backup=1.5TB", "express"]
        )
    );
    reopened.remove();
    clear_url();
}

#[wasm_bindgen_test]
fn an_order_from_a_link_keeps_unknown_ids_apart() {
    let (order, unknown) = Order::from_url(
        &laptop_bg(),
        "laptop-diagnostics:2,nope,express,onsite-visit:2h30m",
    );
    assert_eq!(unknown, ["nope"]);
    assert_eq!(order.options, ["express"]);
    assert_eq!(
        order.to_url(),
        "laptop-diagnostics:2,onsite-visit:2h30m,express"
    );
}

#[wasm_bindgen_test]
async fn typing_in_a_line_keeps_its_field_and_focus_while_its_amount_follows() {
    clear_url();
    let list = laptop_bg();
    let root = mount_calculator(list.clone()).await;
    add(&root, "диагност", "Диагностика").await;
    add(&root, "запазване", BACKUP).await;
    let field: HtmlInputElement = find(&root, "#calc-q-1").unchecked_into();
    field.focus().unwrap();
    type_into(&root, "#calc-q-1", "250").await;
    let now = find(&root, "#calc-q-1");
    assert!(
        now.is_same_node(Some(&field)),
        "the field was not rewritten"
    );
    let active = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .active_element()
        .unwrap();
    assert_eq!(active.id(), "calc-q-1");
    // The line's own amount is the engine's for that line alone.
    assert_eq!(
        text(&root, "#calc-amt-1"),
        engine_total(&list, &["data-backup=250"])
    );
    assert_eq!(
        text(&root, ".calc-total"),
        engine_total(&list, &["laptop-diagnostics", "data-backup=250"])
    );
    // Removing the first line leaves the second as it was typed.
    click(&find(&root, "button[data-remove='0']")).await;
    assert_eq!(
        find(&root, "#calc-q-1")
            .unchecked_into::<HtmlInputElement>()
            .value(),
        "250"
    );
    assert!(root.query_selector("#calc-q-0").unwrap().is_none());
    root.remove();
    clear_url();
}
