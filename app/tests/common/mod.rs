//! What the browser tests share: mounting the app on a fresh part of the page, and
//! acting on it as a person does (typing dispatches `input`, choosing `change`).

#![allow(dead_code)] // each test binary uses its own part

use tarif_app::page::{PageData, mount_app};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement};

/// Leaves the page's URL without a query, as a visitor arriving fresh.
pub fn clear_url() {
    let w = web_sys::window().unwrap();
    let path = w.location().pathname().unwrap();
    w.history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path))
        .unwrap();
}

/// Sets the page's URL query, as a link someone sent opens.
pub fn set_query(query: &str) {
    let w = web_sys::window().unwrap();
    let path = w.location().pathname().unwrap();
    w.history()
        .unwrap()
        .replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("{path}?{query}")),
        )
        .unwrap();
}

/// The page's URL query.
pub fn search() -> String {
    web_sys::window().unwrap().location().search().unwrap()
}

/// Mounts the app for `page` in a fresh container attached to the document.
pub async fn mount(page: PageData) -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let container = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&container).unwrap();
    mount_app(container.clone().unchecked_into(), page);
    leptos::task::tick().await;
    container
}

pub fn find(root: &Element, selector: &str) -> Element {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector} in {}", root.inner_html()))
}

pub fn text(root: &Element, selector: &str) -> String {
    find(root, selector).text_content().unwrap_or_default()
}

pub async fn click(el: &Element) {
    el.unchecked_ref::<HtmlElement>().click();
    leptos::task::tick().await;
}

pub async fn type_into(root: &Element, selector: &str, value: &str) {
    let input: HtmlInputElement = find(root, selector).unchecked_into();
    input.set_value(value);
    dispatch(&input, "input").await;
}

pub async fn choose(root: &Element, selector: &str, value: &str) {
    let select: HtmlSelectElement = find(root, selector).unchecked_into();
    select.set_value(value);
    dispatch(&select, "change").await;
}

pub async fn dispatch(target: &web_sys::EventTarget, kind: &str) {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict(kind, &init).unwrap();
    target.dispatch_event(&event).unwrap();
    leptos::task::tick().await;
}
