//! The wizards in headless Chromium, walked as a person walks them: one question per
//! screen, Continue, Back, "Check your answers", Change, the outcome.

#![cfg(target_arch = "wasm32")]

use tarif_app::page::{PageData, WizardData};
use tarif_engine::price_list::parse_price_history;
use tarif_engine::text::Lang;
use tarif_engine::wizard::parse_wizard;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlInputElement};

mod common;
use common::{clear_url, click, find, search, text, type_into};

wasm_bindgen_test_configure!(run_in_browser);

fn data(file: &str, section: &str, toml: &str, list: Option<&str>) -> WizardData {
    let (wizard, _) = parse_wizard(file, section, toml).unwrap();
    let list = list.map(|l| parse_price_history(&format!("{section}.toml"), l).unwrap());
    WizardData {
        wizard,
        list,
        root: "../../../".into(),
        quote_page: Some("../prices/".into()),
        // One heading's title, as the generator gives every heading of the section.
        titles: vec![(
            "withdrawal#right-of-withdrawal".into(),
            "Right of withdrawal".into(),
        )],
    }
}

/// The default site's three wizards, with their price lists.
fn withdrawal() -> WizardData {
    data(
        "withdrawal.wizard.toml",
        "laptop-bg",
        include_str!("../../content/laptop-bg/withdrawal.wizard.toml"),
        None,
    )
}

fn warranty() -> WizardData {
    data(
        "warranty.wizard.toml",
        "laptop-bg",
        include_str!("../../content/laptop-bg/warranty.wizard.toml"),
        Some(include_str!("../../price-lists/laptop-bg.toml")),
    )
}

fn comportal() -> WizardData {
    data(
        "comportal.wizard.toml",
        "comportal",
        include_str!("../../content/comportal/comportal.wizard.toml"),
        Some(include_str!("../../price-lists/comportal.toml")),
    )
}

async fn mount(lang: &str, wizard: WizardData) -> Element {
    common::mount(PageData {
        lang: Lang::new(lang).unwrap(),
        publisher: Default::default(),
        terms: vec![],
        calculator: None,
        wizard: Some(wizard),
        search: None,
    })
    .await
}

fn heading(root: &Element) -> String {
    find(root, "#wiz-heading")
        .text_content()
        .unwrap_or_default()
}

/// Answers the question on screen: a date or number is typed, options are ticked by id.
async fn answer(root: &Element, value: &str) {
    let input = find(root, "#wiz-input");
    if root.query_selector("#wiz-year").unwrap().is_some() {
        let parts: Vec<&str> = value.split('-').collect();
        for (id, part) in [
            ("#wiz-year", parts[0]),
            ("#wiz-month", parts[1]),
            ("#wiz-input", parts[2]),
        ] {
            type_into(root, id, part).await;
        }
        return click(&find(root, "form button[type=submit]")).await;
    }
    match input.get_attribute("type").as_deref() {
        Some("radio") | Some("checkbox") => {
            for v in value.split(',') {
                click(&find(root, &format!("input[value='{v}']"))).await;
            }
        }
        _ => type_into(root, "#wiz-input", value).await,
    }
    click(&find(root, "form button[type=submit]")).await;
}

/// The Comportal wizard answered up to its services question: bought from Comportal, a
/// warranty device, a legal entity in Almaty, no free maintenance yet in this warranty
/// period.
async fn to_the_services_question(root: &Element) {
    for a in ["yes", "yes", "legal-entity", "almaty", "never"] {
        answer(root, a).await;
    }
}

fn days_ago(n: u32) -> String {
    let ms = js_sys::Date::now() - f64::from(n) * 86_400_000.0;
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms));
    format!(
        "{:04}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    )
}

#[wasm_bindgen_test]
async fn the_withdrawal_wizard_walked_to_yes_with_back_and_change() {
    clear_url();
    let root = mount("en", withdrawal()).await;
    assert_eq!(heading(&root), "On what date did you receive the device?");
    assert!(
        root.query_selector(".back-link").unwrap().is_none(),
        "no back link on the first question"
    );

    // Continue with no answer: an error summary and an inline error, announced.
    click(&find(&root, "form button[type=submit]")).await;
    assert_eq!(
        find(&root, ".error-summary")
            .get_attribute("role")
            .as_deref(),
        Some("alert")
    );
    assert!(
        find(&root, "#wiz-error")
            .text_content()
            .unwrap()
            .starts_with("Enter a real date")
    );

    answer(&root, &days_ago(3)).await;
    assert_eq!(heading(&root), "What did you buy?");
    assert!(search().contains("received="), "{}", search());
    // Back shows the first question again, with its answer kept.
    click(&find(&root, ".back-link")).await;
    assert_eq!(heading(&root), "On what date did you receive the device?");
    let value = |id: &str| find(&root, id).unchecked_into::<HtmlInputElement>().value();
    let kept = format!(
        "{}-{:0>2}-{:0>2}",
        value("#wiz-year"),
        value("#wiz-month"),
        value("#wiz-input")
    );
    assert_eq!(
        kept,
        days_ago(3),
        "the answer is kept when going back ({})",
        search()
    );
    click(&find(&root, "form button[type=submit]")).await;
    assert_eq!(heading(&root), "What did you buy?");

    answer(&root, "device").await;
    answer(&root, "yes").await; // payment document
    answer(&root, "yes").await; // complete
    answer(&root, "yes").await; // data removed
    answer(&root, "no").await; // not defective
    assert_eq!(heading(&root), "Check your answers");
    assert_eq!(root.query_selector_all(".summary-row").unwrap().length(), 6);

    // Change an answer from the summary, come back to the summary.
    click(&find(&root, ".summary-row:nth-child(6) a")).await;
    assert_eq!(
        heading(&root),
        "Is the device defective, or does it not conform to the contract?"
    );
    answer(&root, "yes").await;
    assert_eq!(heading(&root), "Check your answers");

    click(&find(&root, "button.button")).await;
    assert!(
        heading(&root).starts_with("Yes: you can withdraw from the purchase until"),
        "{}",
        heading(&root)
    );
    let text = root.text_content().unwrap();
    assert!(
        text.contains("so you do not pay the costs of returning it"),
        "{text}"
    );
    let form = find(&root, ".wiz-sources a[href*='withdrawal-form']");
    assert_eq!(
        form.get_attribute("href").as_deref(),
        Some("../../../en/laptop-bg/withdrawal/#withdrawal-form")
    );
    root.remove();
    clear_url();
}

/// Three weeks: the 14th day is a week ago, and no run of days off moves a last day by a
/// week, so this holds whatever today is (15 days ago can still be in time when the 14th
/// day was a Saturday).
#[wasm_bindgen_test]
async fn a_receipt_three_weeks_ago_is_too_late() {
    clear_url();
    let root = mount("bg", withdrawal()).await;
    answer(&root, &days_ago(21)).await;
    assert_eq!(heading(&root), "Проверете отговорите си");
    click(&find(&root, "button.button")).await;
    assert!(
        find(&root, ".wiz-verdict")
            .get_attribute("class")
            .unwrap()
            .contains("verdict-no")
    );
    root.remove();
    clear_url();
}

#[wasm_bindgen_test]
async fn the_warranty_wizard_refuses_liquid_damage_and_opens_a_prefilled_quote() {
    clear_url();
    let root = mount("en", warranty()).await;
    answer(&root, "yes").await; // bought here
    answer(&root, "yes").await; // the warranty is still running
    answer(&root, "laptop").await;
    answer(&root, "no").await; // not soiled
    answer(&root, "liquid").await;
    assert_eq!(heading(&root), "Check your answers");
    click(&find(&root, "button.button")).await;
    let quote = find(&root, "a.button[href^='../prices/?q=']")
        .get_attribute("href")
        .unwrap();
    assert!(quote.contains("laptop-diagnostics"), "{quote}");
    assert!(
        find(&root, ".wiz-verdict")
            .get_attribute("class")
            .unwrap()
            .contains("refused"),
        "{}",
        root.inner_html()
    );
    root.remove();
    clear_url();
}

#[wasm_bindgen_test]
async fn the_comportal_wizard_lists_the_ten_services_for_a_legal_entity_in_almaty() {
    clear_url();
    let root = mount("ru", comportal()).await;
    to_the_services_question(&root).await;
    answer(&root, "onsite-repair,maintenance").await;
    assert_eq!(heading(&root), "Проверьте ответы");
    click(&find(&root, "button.button")).await;
    assert_eq!(
        root.query_selector_all(".wiz-services tbody tr")
            .unwrap()
            .length(),
        10
    );
    assert!(
        root.query_selector_all(".wiz-services tr.status-free")
            .unwrap()
            .length()
            >= 2
    );
    root.remove();
    clear_url();
}

#[wasm_bindgen_test]
async fn none_of_these_and_the_others_exclude_each_other_and_the_error_links_to_the_field() {
    clear_url();
    let root = mount("en", comportal()).await;
    to_the_services_question(&root).await;
    let ticked = |v: &str| {
        find(&root, &format!("input[value='{v}']"))
            .unchecked_into::<HtmlInputElement>()
            .checked()
    };
    click(&find(&root, "input[value='onsite-repair']")).await;
    click(&find(&root, "input[value='maintenance']")).await;
    click(&find(&root, "input[value='not-sure']")).await;
    assert!(ticked("not-sure"));
    assert!(
        !ticked("onsite-repair") && !ticked("maintenance"),
        "none of these clears the rest"
    );
    click(&find(&root, "input[value='maintenance']")).await;
    assert!(
        ticked("maintenance") && !ticked("not-sure"),
        "a service clears none of these"
    );

    // Continue with nothing ticked: the summary's link takes the focus to the first box,
    // and the URL does not change (no #fragment, no history entry).
    click(&find(&root, "input[value='maintenance']")).await;
    let before = search();
    click(&find(&root, "form button[type=submit]")).await;
    assert!(find(&root, "#wiz-error").text_content().unwrap().len() > 3);
    click(&find(&root, ".error-summary a")).await;
    let focused = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .active_element()
        .unwrap();
    assert_eq!(focused.id(), "wiz-input");
    assert_eq!(search(), before);
    assert_eq!(web_sys::window().unwrap().location().hash().unwrap(), "");
    root.remove();
    clear_url();
}

#[wasm_bindgen_test]
async fn a_date_continue_refuses_is_shown_again_with_why() {
    clear_url();
    let root = mount("en", withdrawal()).await;
    type_into(&root, "#wiz-input", "31").await;
    type_into(&root, "#wiz-month", "02").await;
    type_into(&root, "#wiz-year", "2026").await;
    click(&find(&root, "form button[type=submit]")).await;
    assert!(
        find(&root, "#wiz-error")
            .text_content()
            .unwrap()
            .starts_with("Enter a real date")
    );
    // What was typed stays in its fields, and the fieldset is described by the error.
    let value = |id: &str| find(&root, id).unchecked_into::<HtmlInputElement>().value();
    assert_eq!(
        [value("#wiz-input"), value("#wiz-month"), value("#wiz-year")],
        ["31", "02", "2026"]
    );
    let described = find(&root, "fieldset")
        .get_attribute("aria-describedby")
        .unwrap_or_default();
    assert!(
        described.split(' ').any(|id| id == "wiz-error"),
        "{described}"
    );
    root.remove();
    clear_url();
}

#[wasm_bindgen_test]
async fn a_date_after_today_is_said_to_be_in_the_future_in_the_pages_language() {
    for (lang, said) in [
        ("en", "The date cannot be in the future."),
        ("bg", "Датата не може да е в бъдещето."),
    ] {
        clear_url();
        let root = mount(lang, withdrawal()).await;
        let next_year = js_sys::Date::new_0().get_full_year() + 1;
        type_into(&root, "#wiz-input", "1").await;
        type_into(&root, "#wiz-month", "1").await;
        type_into(&root, "#wiz-year", &next_year.to_string()).await;
        click(&find(&root, "form button[type=submit]")).await;
        assert_eq!(find(&root, "#wiz-error").text_content().unwrap(), said);
        root.remove();
    }
    clear_url();
}

#[wasm_bindgen_test]
async fn sources_read_as_the_sections_titles_and_service_reasons_are_lists() {
    clear_url();
    common::set_query(
        "received=2026-11-01&product=device&payment-document=yes&complete=yes&data-removed=yes&defective=no&_done=1",
    );
    let root = mount("en", withdrawal()).await;
    let sources = text(&root, ".wiz-sources");
    assert!(sources.contains("Right of withdrawal"), "{sources}");
    assert!(
        !sources.contains("withdrawal#right-of-withdrawal"),
        "{sources}"
    );
    let linked = root.query_selector_all(".wiz-sources a").unwrap();
    let hrefs: Vec<String> = (0..linked.length())
        .map(|i| {
            linked
                .item(i)
                .unwrap()
                .unchecked_into::<Element>()
                .get_attribute("href")
                .unwrap_or_default()
        })
        .collect();
    assert!(
        hrefs
            .iter()
            .any(|h| h.ends_with("withdrawal/#right-of-withdrawal")),
        "{hrefs:?}"
    );
    root.remove();

    clear_url();
    let root = mount("ru", comportal()).await;
    to_the_services_question(&root).await;
    answer(&root, "onsite-repair,maintenance").await;
    click(&find(&root, "button.button")).await;
    // Every service with its reasons, each reason an item of a list.
    let cell = find(&root, ".wiz-services tbody tr td:last-child");
    assert!(
        cell.query_selector("ul > li").unwrap().is_some(),
        "{}",
        cell.inner_html()
    );
    root.remove();
    clear_url();
}

#[wasm_bindgen_test]
async fn the_service_centres_address_is_a_link_in_the_hint() {
    clear_url();
    let root = mount("ru", comportal()).await;
    // Bought from Comportal, a warranty device, a legal entity: "where are you?".
    for a in ["yes", "yes", "legal-entity"] {
        answer(&root, a).await;
    }
    let link = find(&root, "#wiz-hint a");
    assert_eq!(
        link.get_attribute("href").as_deref(),
        Some("http://www.comportal.kz/service_center")
    );
    assert_eq!(
        link.text_content().as_deref(),
        Some("http://www.comportal.kz/service_center")
    );
    root.remove();
    clear_url();
}
