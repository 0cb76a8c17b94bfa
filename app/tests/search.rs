//! Search in headless Chromium: a person types an inflected Bulgarian word and reads the
//! results the engine's index gives, with the matched words marked; the count is
//! announced with the right plural; the query is kept in the URL and restored from it.

#![cfg(target_arch = "wasm32")]

use tarif_app::page::{DATA_ID, DATA_TYPE, MOUNT_ID, PageData, SearchData};
use tarif_engine::search::{Document, Index};
use tarif_engine::text::Lang;
use wasm_bindgen_test::*;
use web_sys::Element;

mod common;
use common::{clear_url, find, text, type_into};

wasm_bindgen_test_configure!(run_in_browser);

fn doc(url: &str, title: &str, text: &str) -> Document {
    Document {
        url: url.into(),
        title: title.into(),
        section: "Общи условия".into(),
        text: text.into(),
        ..Document::default()
    }
}

fn index(lang: &Lang) -> Index {
    Index::build(
        lang,
        [
            doc(
                "../terms/index.html#term",
                "Срок за гаранционно обслужване",
                "Гаранцията се поема от оторизиран сервиз.",
            ),
            doc(
                "../terms/index.html#data",
                "Данни",
                "Архивирайте данните си, преди да предадете лаптопа.",
            ),
            doc(
                "../terms/index.html#seal",
                "Стикери",
                "Нарушена гаранционна пломба прекратява гаранцията.",
            ),
        ],
    )
}

async fn mount(lang: &str) -> Element {
    let lang = Lang::new(lang).unwrap();
    common::mount(PageData {
        lang: lang.clone(),
        publisher: Default::default(),
        terms: vec![],
        calculator: None,
        wizard: None,
        search: Some(SearchData {
            index: index(&lang),
        }),
    })
    .await
}

fn results(root: &Element) -> Vec<String> {
    let list = root.query_selector_all(".search-results a").unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.text_content())
        .collect()
}

#[wasm_bindgen_test]
async fn an_inflected_bulgarian_word_finds_every_form_and_marks_it() {
    clear_url();
    let root = mount("bg").await;
    // Before a query the status says nothing (the page's list of every page shows).
    assert_eq!(text(&root, "#search-status"), "");
    type_into(&root, "#search-q", "гаранцията").await;
    let expected = index(&Lang::new("bg").unwrap()).search("гаранцията", 30);
    let titles: Vec<String> = expected.iter().map(|h| h.title.clone()).collect();
    assert_eq!(results(&root), titles);
    assert_eq!(
        titles.len(),
        2,
        "the clause on the seal and the one on the term"
    );
    assert_eq!(text(&root, "#search-status"), "2 резултата");
    let marks = root.query_selector_all(".search-results mark").unwrap();
    assert!(marks.length() >= 2);
    assert_eq!(
        common::search(),
        "?q=%D0%B3%D0%B0%D1%80%D0%B0%D0%BD%D1%86%D0%B8%D1%8F%D1%82%D0%B0"
    );
    let first = find(&root, ".search-results a");
    assert_eq!(
        first.get_attribute("href").as_deref(),
        Some(expected[0].url.as_str())
    );

    type_into(&root, "#search-q", "стикерите").await;
    assert_eq!(text(&root, "#search-status"), "1 резултат");
    type_into(&root, "#search-q", "несъществуваща").await;
    assert!(text(&root, "#search-status").starts_with("Няма намерени резултати"));
    assert!(results(&root).is_empty());
}

#[wasm_bindgen_test]
async fn a_sent_search_link_opens_with_its_results() {
    clear_url();
    common::set_query("q=данните");
    let root = mount("bg").await;
    let input: web_sys::HtmlInputElement =
        wasm_bindgen::JsCast::unchecked_into(find(&root, "#search-q"));
    assert_eq!(input.value(), "данните");
    assert_eq!(results(&root), ["Данни"]);
    clear_url();
}

#[wasm_bindgen_test]
async fn sending_the_form_leaves_the_page_as_it_is() {
    clear_url();
    let root = mount("bg").await;
    let form = find(&root, "form.search-form[role=search]");
    let label = find(&form, "label[for=search-q]");
    assert!(!label.text_content().unwrap_or_default().is_empty());
    // Enter in the field sends the form: the app keeps the page (no navigation).
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    let submit = web_sys::Event::new_with_event_init_dict("submit", &init).unwrap();
    form.dispatch_event(&submit).unwrap();
    assert!(submit.default_prevented());
    root.remove();
}

/// Waits `ms` milliseconds of the browser's time (the app starts in tasks of its own).
async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

#[wasm_bindgen_test]
async fn what_was_typed_before_the_app_took_over_is_kept_and_keeps_the_focus() {
    clear_url();
    let lang = Lang::new("bg").unwrap();
    let document = web_sys::window().unwrap().document().unwrap();
    // The search page as the generator writes it, with someone already typing in it.
    let data = PageData {
        search: Some(SearchData {
            index: index(&lang),
        }),
        ..PageData::new(lang.clone(), Default::default())
    }
    .to_text();
    let page = document.create_element("div").unwrap();
    page.set_inner_html(&format!(
        "<div id=\"{MOUNT_ID}\"><form><input id=\"search-q\" name=\"q\" type=\"search\"></form></div>\
         <script type=\"{DATA_TYPE}\" id=\"{DATA_ID}\">{data}</script>"
    ));
    document.body().unwrap().append_child(&page).unwrap();
    let typed: web_sys::HtmlInputElement =
        wasm_bindgen::JsCast::unchecked_into(document.get_element_by_id("search-q").unwrap());
    typed.set_value("гаранцията");
    typed.focus().unwrap();

    tarif_app::boot();
    sleep(50).await;
    let root = document.get_element_by_id("tarif-app").unwrap();
    let input: web_sys::HtmlInputElement =
        wasm_bindgen::JsCast::unchecked_into(find(&root, "#search-q"));
    assert_ne!(input, typed, "the app's own field");
    assert_eq!(input.value(), "гаранцията");
    assert_eq!(
        document.active_element().map(|e| e.id()).as_deref(),
        Some("search-q")
    );
    assert_eq!(results(&root).len(), 2);
    page.remove();
    clear_url();
}

#[wasm_bindgen_test]
async fn more_results_come_on_demand_with_the_focus_on_the_first_new_one() {
    clear_url();
    let lang = Lang::new("bg").unwrap();
    let docs = (0..25).map(|i| Document {
        url: format!("../p/index.html#r{i}"),
        title: format!("Ремонт {i}"),
        section: "Ценоразпис".into(),
        text: "Ремонт на лаптоп.".into(),
        price: "25,56 € (50,00 лв.)".into(),
        ..Document::default()
    });
    let root = common::mount(PageData {
        search: Some(SearchData {
            index: Index::build(&lang, docs),
        }),
        ..PageData::new(lang.clone(), Default::default())
    })
    .await;
    type_into(&root, "#search-q", "ремонт").await;
    // All 25 are counted; the first 10 show, with their price.
    assert_eq!(text(&root, "#search-status"), "25 резултата");
    assert_eq!(results(&root).len(), 10);
    assert!(text(&root, ".search-results .meta").ends_with("· 25,56 € (50,00 лв.)"));
    let more = find(&root, "button.more");
    assert_eq!(more.text_content().as_deref(), Some("Покажи още резултати"));
    common::click(&more).await;
    sleep(50).await;
    assert_eq!(results(&root).len(), 20);
    let focused = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .active_element()
        .unwrap();
    assert_eq!(focused.id(), "result-10");
    assert_eq!(focused.text_content().as_deref(), Some("Ремонт 10"));
    common::click(&find(&root, "button.more")).await;
    assert_eq!(results(&root).len(), 25);
    assert!(root.query_selector("button.more").unwrap().is_none());
    // A new query starts from the first 10 again.
    type_into(&root, "#search-q", "ремонт лаптоп").await;
    assert_eq!(results(&root).len(), 10);
    clear_url();
}
