//! The calculator in headless Chromium: a person finds items, types quantities, ticks
//! express, and reads totals that equal the engine's; the URL reopens the same quote.

#![cfg(target_arch = "wasm32")]

use tarif_app::calculator::state::Order;
use tarif_app::page::{Link, PageData, Publisher};
use tarif_engine::price_list::{PriceHistory, PriceList, parse_price_list};
use tarif_engine::quote::quote;
use tarif_engine::quote::text::amounts;
use tarif_engine::text::Lang;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlInputElement, HtmlSelectElement};

mod common;
use common::{choose, clear_url, click, dispatch, find, text, type_into};

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
/// Its section, which the calculator names beside it.
const SOFTWARE: &str = "Софтуерни услуги";

fn bg() -> Lang {
    Lang::new("bg").unwrap()
}

/// The trader of the Laptop BG list, as the generator gives it to a page.
fn publisher() -> Publisher {
    Publisher {
        name: "Лаптоп БГ ЕАД".into(),
        details: vec!["София".into()],
    }
}

/// Mounts a calculator over `list`, in Bulgarian.
async fn mount_calculator(list: PriceList) -> Element {
    mount_in(list, bg()).await
}

/// Mounts a calculator over `list`, in `lang`.
async fn mount_in(list: PriceList, lang: Lang) -> Element {
    common::mount(PageData {
        lang,
        publisher: publisher(),
        terms: vec![Link {
            title: "Общи условия".into(),
            href: "../../terms/index.html#general".into(),
        }],
        calculator: Some(PriceHistory::undated(list)),
        wizard: None,
        search: None,
    })
    .await
}

/// Searches for `query` and clicks the result that adds `name` (with its section:
/// "Диагностика (Лаптопи)").
async fn add(root: &Element, query: &str, name: &str) {
    add_labelled(root, query, &format!("Добави {name}")).await
}

/// Searches for `query` and clicks the result labelled `label`.
async fn add_labelled(root: &Element, query: &str, label: &str) {
    type_into(root, "#calc-search", query).await;
    let buttons = root.query_selector_all("#calc-matches button").unwrap();
    for i in 0..buttons.length() {
        let b: Element = buttons.item(i).unwrap().unchecked_into();
        if b.get_attribute("aria-label").as_deref() == Some(label) {
            return click(&b).await;
        }
    }
    panic!("no result {label}… for {query}");
}

/// Leaves a field (focus moves on): its problem, if any, shows.
async fn leave(root: &Element, selector: &str) {
    dispatch(&find(root, selector), "focusout").await;
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
    // The table is named (a caption for screen readers) and its four columns headed.
    assert!(!text(&root, "table.calc-lines > caption.visually-hidden").is_empty());
    let heads = root
        .query_selector_all(".calc-lines > thead th[scope=col]")
        .unwrap();
    assert_eq!(heads.length(), 4);

    add(&root, "диагност", "Диагностика (Лаптопи)").await;
    assert_eq!(text(&root, ".calc-total"), "25,56\u{a0}€ (50,00\u{a0}лв.)");
    type_into(&root, "#calc-q-0", "2").await;
    assert_eq!(
        text(&root, ".calc-total"),
        engine_total(&list, &["laptop-diagnostics=2"])
    );

    add(&root, "запазване", &format!("{BACKUP} ({SOFTWARE})")).await;
    type_into(&root, "#calc-q-1", "250").await;
    assert_eq!(
        text(&root, ".calc-total"),
        engine_total(&list, &["laptop-diagnostics=2", "data-backup=250"])
    );

    add(
        &root,
        "посещение",
        &format!("{VISIT} (Допълнителни услуги)"),
    )
    .await;
    type_into(&root, "#calc-q-2", "2 ч 30 мин").await;
    let all = [
        "laptop-diagnostics=2",
        "data-backup=250",
        "onsite-visit=2h30m",
    ];
    assert_eq!(text(&root, ".calc-total"), engine_total(&list, &all));

    // The per-order options: a fieldset named by its legend, a box for each.
    let legend = tarif_engine::locale::word(&bg(), tarif_engine::locale::Word::Options);
    assert_eq!(text(&root, "fieldset.calc-options > legend"), legend);
    let express = find(&root, "fieldset.calc-options #calc-opt-express");
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
    add(&root, "диагност", "Диагностика (Лаптопи)").await;
    add(&root, "запазване", &format!("{BACKUP} ({SOFTWARE})")).await;
    type_into(&root, "#calc-q-1", "4").await;
    choose(&root, "#calc-u-1", "TB").await;
    leave(&root, "#calc-q-1").await;
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
    // Left out of the total never in silence: no total until the line is corrected.
    assert!(root.query_selector(".calc-total").unwrap().is_none());
    assert!(text(&root, ".calc-incomplete").contains("Офертата е непълна"));
    choose(&root, "#calc-u-1", "GB").await;
    assert_eq!(text(&root, "#calc-err-1"), "");
    assert_eq!(
        text(&root, ".calc-total"),
        engine_total(&laptop_bg(), &["laptop-diagnostics", "data-backup=4"])
    );
    root.remove();
}

#[wasm_bindgen_test]
async fn price_on_request_is_listed_apart_and_a_line_can_be_removed() {
    clear_url();
    let root = mount_calculator(laptop_bg()).await;
    add(
        &root,
        "друг вид ремонт на лаптоп",
        "Друг вид ремонт на лаптоп (Лаптопи)",
    )
    .await;
    add(&root, "диагност", "Диагностика (Лаптопи)").await;
    assert!(
        text(&root, ".calc-not-priced")
            .contains("Друг вид ремонт на лаптоп (Лаптопи) — по договаряне")
    );
    click(&find(
        &root,
        "button[aria-label='Премахни Диагностика (Лаптопи)']",
    ))
    .await;
    assert_eq!(text(&root, ".calc-total"), "0,00\u{a0}€ (0,00\u{a0}лв.)");
    root.remove();
}

#[wasm_bindgen_test]
async fn the_url_holds_the_quote_and_reopens_it() {
    clear_url();
    let list = laptop_bg();
    let root = mount_calculator(list.clone()).await;
    add(&root, "диагност", "Диагностика (Лаптопи)").await;
    add(&root, "запазване", &format!("{BACKUP} ({SOFTWARE})")).await;
    type_into(&root, "#calc-q-1", "1.5").await;
    choose(&root, "#calc-u-1", "TB").await;
    click(&find(&root, "#calc-opt-express")).await;
    let search = web_sys::window().unwrap().location().search().unwrap();
    // The order, and the day the quote was made (today, as the browser knows it).
    let now = js_sys::Date::new_0();
    let today = format!(
        "{}-{:02}-{:02}",
        now.get_full_year(),
        now.get_month() + 1,
        now.get_date()
    );
    assert_eq!(
        search,
        format!("?q=laptop-diagnostics%2Cdata-backup%3A1.5TB%2Cexpress&d={today}")
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
    add(&root, "диагност", "Диагностика (Лаптопи)").await;
    add(&root, "запазване", &format!("{BACKUP} ({SOFTWARE})")).await;
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

/// The on-site visit's Bulgarian name.
const VISIT: &str = "Посещение на място от сервизен специалист*";

#[wasm_bindgen_test]
async fn two_and_a_half_hours_read_alike_however_typed_in_each_language() {
    let list = laptop_bg();
    let expected = engine_total(&list, &["onsite-visit=2h30m"]);
    for (lang, reading) in [
        ("bg", "= 2 часа 30 минути"),
        ("ru", "= 2 часа 30 минут"),
        ("en", "= 2 hours 30 minutes"),
    ] {
        clear_url();
        let root = mount_in(list.clone(), Lang::new(lang).unwrap()).await;
        type_into(&root, "#calc-search", "onsite-visit").await;
        click(&find(&root, "#calc-matches button")).await;
        for typed in ["2,5", "2.5", "2:30", "2 ч 30 мин", "2h30m"] {
            type_into(&root, "#calc-q-0", typed).await;
            leave(&root, "#calc-q-0").await;
            assert_eq!(text(&root, "#calc-err-0"), "", "{lang}: {typed}");
            assert_eq!(text(&root, "#calc-r-0"), reading, "{lang}: {typed}");
            // The amount is the engine's for 2 h 30 min (in bg's format for every
            // language: compare the line's amount with its own total).
            let amount = text(&root, "#calc-amt-0");
            assert_eq!(amount, text(&root, ".calc-total"), "{lang}: {typed}");
            if lang == "bg" {
                assert_eq!(amount, expected, "{typed}");
            }
            // What the field held stays in it: never "25".
            assert_eq!(
                find(&root, "#calc-q-0")
                    .unchecked_into::<HtmlInputElement>()
                    .value(),
                typed
            );
        }
        root.remove();
    }
    clear_url();
}

#[wasm_bindgen_test]
async fn each_kind_of_bad_input_gets_its_own_message_once_the_field_is_left() {
    clear_url();
    let root = mount_calculator(laptop_bg()).await;
    add(&root, "запазване", &format!("{BACKUP} ({SOFTWARE})")).await;
    // A fresh line is not red before anything is typed.
    assert_eq!(text(&root, "#calc-err-0"), "");
    assert_eq!(
        find(&root, "#calc-q-0")
            .get_attribute("aria-invalid")
            .as_deref(),
        Some("false")
    );
    type_into(&root, "#calc-q-0", "abc").await;
    assert_eq!(text(&root, "#calc-err-0"), "", "not while typing");
    leave(&root, "#calc-q-0").await;
    assert_eq!(
        text(&root, "#calc-err-0"),
        "Въведете обема като число, например 250, в GB, TB или MB."
    );
    type_into(&root, "#calc-q-0", "-1").await;
    assert_eq!(text(&root, "#calc-err-0"), "Въведете число над нула.");
    // The hint's own example, and digits grouped by a space, are read.
    type_into(&root, "#calc-q-0", "250 GB").await;
    assert_eq!(text(&root, "#calc-err-0"), "");
    type_into(&root, "#calc-q-0", "1 000").await;
    assert_eq!(text(&root, "#calc-err-0"), "");

    add(
        &root,
        "посещение",
        &format!("{VISIT} (Допълнителни услуги)"),
    )
    .await;
    type_into(&root, "#calc-q-1", "abc").await;
    leave(&root, "#calc-q-1").await;
    assert_eq!(
        text(&root, "#calc-err-1"),
        "Въведете времето в часове, например 2,5, или като 2 ч 30 мин."
    );
    type_into(&root, "#calc-q-1", "1 ч 75 мин").await;
    assert!(text(&root, "#calc-err-1").starts_with("Въведете минути от 0 до 59"));
    type_into(&root, "#calc-q-1", "75 мин").await;
    assert_eq!(text(&root, "#calc-err-1"), "");
    assert_eq!(text(&root, "#calc-r-1"), "= 1 час 15 минути");
    root.remove();
    clear_url();
}

/// After the browser's next frame (when the app moves the focus).
async fn next_frame() {
    let frame = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .request_animation_frame(&resolve)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(frame).await.unwrap();
}

/// The id of the element that has the focus.
fn active_id() -> String {
    web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .active_element()
        .map(|e| e.id())
        .unwrap_or_default()
}

/// Replaces `window.print` and the clipboard with recorders, so a test sees whether the
/// page printed or copied and what.
fn record_print_and_copy() {
    js_sys::eval(
        "window.__printed = 0; window.print = () => { window.__printed += 1; };\
         window.__copied = null;\
         Object.defineProperty(navigator, 'clipboard', { configurable: true, value: {\
           writeText: (t) => { window.__copied = t; return Promise.resolve(); } } });",
    )
    .unwrap();
}

fn recorded(name: &str) -> wasm_bindgen::JsValue {
    js_sys::Reflect::get(&web_sys::window().unwrap(), &name.into()).unwrap()
}

#[wasm_bindgen_test]
async fn a_line_in_error_blocks_copy_and_print_and_the_total_says_it_is_incomplete() {
    clear_url();
    record_print_and_copy();
    let root = mount_calculator(laptop_bg()).await;
    add(&root, "запазване", &format!("{BACKUP} ({SOFTWARE})")).await;
    type_into(&root, "#calc-q-0", "4").await;
    choose(&root, "#calc-u-0", "TB").await;
    add(
        &root,
        "посещение",
        &format!("{VISIT} (Допълнителни услуги)"),
    )
    .await;
    type_into(&root, "#calc-q-1", "2 ч 30 мин").await;
    click(&find(&root, "#calc-opt-express")).await;
    assert!(root.query_selector(".calc-total").unwrap().is_none());
    assert!(text(&root, ".calc-incomplete").contains(BACKUP));

    assert!(root.query_selector("#calc-errors").unwrap().is_none());
    let copy = find(&root, ".calc-actions button:last-of-type");
    click(&copy).await;
    leptos::task::tick().await;
    assert!(recorded("__copied").is_null(), "nothing was copied");
    let summary = find(&root, "#calc-errors");
    assert_eq!(summary.get_attribute("role").as_deref(), Some("alert"));
    next_frame().await;
    assert_eq!(active_id(), "calc-errors", "the summary takes the focus");
    let link = find(&summary, "a");
    assert_eq!(link.get_attribute("href").as_deref(), Some("#calc-q-0"));
    assert!(link.text_content().unwrap().contains("4 TB не се предлага"));
    // The field's own message shows now, whether it was left or not.
    assert!(text(&root, "#calc-err-0").contains("4 TB"));

    click(&find(&root, ".calc-actions button")).await;
    assert_eq!(
        recorded("__printed").as_f64(),
        Some(0.0),
        "nothing was printed"
    );

    // The summary's link leads to the field.
    click(&link).await;
    let next_frame = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .request_animation_frame(&resolve)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(next_frame)
        .await
        .unwrap();
    let active = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .active_element()
        .unwrap();
    assert_eq!(active.id(), "calc-q-0");

    // Corrected, the quote copies: publisher, date, link, lines with sections, the rate.
    choose(&root, "#calc-u-0", "GB").await;
    assert!(root.query_selector("#calc-errors").unwrap().is_none());
    click(&copy).await;
    leptos::task::tick().await;
    let copied = recorded("__copied").as_string().expect("copied");
    assert!(copied.starts_with("Лаптоп БГ ЕАД\nСофия\n"), "{copied}");
    assert!(copied.contains("Връзка към тази оферта: http"), "{copied}");
    assert!(
        copied.contains("?q=data-backup%3A4GB%2Consite-visit%3A2+%D1%87"),
        "{copied}"
    );
    assert!(
        copied.contains("(Софтуерни услуги)") || copied.contains(" ("),
        "{copied}"
    );
    assert!(copied.contains("1 EUR = 1,95583 BGN"), "{copied}");
    assert!(copied.contains("Общи условия: http"), "{copied}");
    click(&find(&root, ".calc-actions button")).await;
    assert_eq!(recorded("__printed").as_f64(), Some(1.0));
    root.remove();
    clear_url();
}

#[wasm_bindgen_test]
async fn same_named_items_show_their_sections_in_the_finder_and_the_lines() {
    clear_url();
    let root = mount_calculator(laptop_bg()).await;
    type_into(&root, "#calc-search", "профилактика").await;
    let labels: Vec<String> = {
        let buttons = root.query_selector_all("#calc-matches button").unwrap();
        (0..buttons.length())
            .map(|i| {
                buttons
                    .item(i)
                    .unwrap()
                    .unchecked_into::<Element>()
                    .get_attribute("aria-label")
                    .unwrap()
            })
            .collect()
    };
    let labels: Vec<String> = labels
        .into_iter()
        .filter(|l| l.starts_with("Добави Профилактика (пълно почистване"))
        .collect();
    assert_eq!(labels.len(), 2, "{labels:?}");
    assert!(labels[0].ends_with("(Настолни компютри)"), "{labels:?}");
    assert!(labels[1].ends_with("(Лаптопи)"), "{labels:?}");
    assert!(text(&root, "#calc-matches").contains("Лаптопи"));
    add_labelled(&root, "профилактика", &labels[0]).await;
    add_labelled(&root, "профилактика", &labels[1]).await;
    let rows = text(&root, ".calc-lines tbody");
    assert!(
        rows.contains("Настолни компютри") && rows.contains("Лаптопи"),
        "{rows}"
    );
    root.remove();
    clear_url();
}

#[wasm_bindgen_test]
async fn enter_in_the_finder_adds_its_only_match() {
    clear_url();
    let root = mount_calculator(laptop_bg()).await;
    type_into(&root, "#calc-search", "профилактика").await;
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("Enter");
    init.set_bubbles(true);
    let enter =
        || web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    find(&root, "#calc-search")
        .dispatch_event(&enter())
        .unwrap();
    leptos::task::tick().await;
    assert!(
        root.query_selector("#calc-q-0").unwrap().is_none(),
        "two matches: none added"
    );
    type_into(&root, "#calc-search", "запазване").await;
    find(&root, "#calc-search")
        .dispatch_event(&enter())
        .unwrap();
    leptos::task::tick().await;
    assert!(text(&root, ".calc-lines tbody").contains(BACKUP));
    root.remove();
    clear_url();
}

#[wasm_bindgen_test]
async fn share_opens_the_share_sheet_where_there_is_one_and_copy_stays() {
    clear_url();
    record_print_and_copy();
    // No Web Share API (a desktop browser): no Share button, copy is there.
    js_sys::eval("delete Navigator.prototype.share; delete navigator.share;").unwrap();
    let root = mount_calculator(laptop_bg()).await;
    let buttons = text(&root, ".calc-actions");
    assert!(
        !buttons.contains("Сподели") && buttons.contains("Копирай като текст"),
        "{buttons}"
    );
    root.remove();

    js_sys::eval(
        "window.__shared = null; Object.defineProperty(navigator, 'share', { configurable: true,\
           value: (d) => { window.__shared = d; return Promise.resolve(); } });",
    )
    .unwrap();
    let root = mount_calculator(laptop_bg()).await;
    add(&root, "диагност", "Диагностика (Лаптопи)").await;
    let share = find(&root, ".calc-actions button:nth-of-type(2)");
    assert_eq!(share.text_content().as_deref(), Some("Сподели"));
    click(&share).await;
    let shared = recorded("__shared");
    let get = |k: &str| {
        js_sys::Reflect::get(&shared, &k.into())
            .unwrap()
            .as_string()
            .unwrap_or_default()
    };
    assert_eq!(get("title"), "Лаптоп БГ ЕАД");
    assert!(
        get("url").contains("?q=laptop-diagnostics")
            || get("url").contains("?q=desktop-diagnostics")
    );
    assert!(get("text").contains("ОБЩО"), "{}", get("text"));
    root.remove();
    js_sys::eval("delete navigator.share;").unwrap();
    clear_url();
}
