//! What the app's markup parts share when a person acts on them: one listener on a
//! container finds the element that was meant (by a `data-` attribute) and reads the
//! fields in it.

use wasm_bindgen::JsCast;
use web_sys::{Element, Event, HtmlInputElement, HtmlSelectElement};

/// The element an event happened in (or on) that carries `attr`, with that attribute's
/// value: which link, button or row of a markup part was meant.
pub fn closest_with(ev: &Event, attr: &str) -> Option<(Element, String)> {
    let target = ev.target()?.dyn_into::<Element>().ok()?;
    let found = target.closest(&format!("[{attr}]")).ok()??;
    let value = found.get_attribute(attr)?;
    Some((found, value))
}

/// The value of the first field (an input or a select) in `root` that `selector` finds.
pub fn value_at(root: &Element, selector: &str) -> Option<String> {
    let el = root.query_selector(selector).ok()??;
    match el.dyn_ref::<HtmlSelectElement>() {
        Some(select) => Some(select.value()),
        None => el.dyn_into::<HtmlInputElement>().ok().map(|i| i.value()),
    }
}

/// Every input in `root` that `selector` finds, in document order.
pub fn inputs(root: &Element, selector: &str) -> Vec<HtmlInputElement> {
    let Ok(list) = root.query_selector_all(selector) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.get(i)?.dyn_into::<HtmlInputElement>().ok())
        .collect()
}

/// Today as the visitor's browser knows it (its local date): the "today" the engine is
/// given, never read by the engine itself.
pub fn today() -> tarif_engine::date::Date {
    let now = js_sys::Date::new_0();
    tarif_engine::date::Date::from_ymd(
        i64::from(now.get_full_year()),
        now.get_month() + 1,
        now.get_date(),
    )
    .unwrap_or_else(|| tarif_engine::date::Date::from_unix_days(0))
}

/// Moves keyboard focus to the element with `id` once the view has updated.
pub fn focus_later(id: String) {
    leptos::prelude::request_animation_frame(move || {
        let el = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(&id));
        if let Some(el) = el.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = el.focus();
        }
    });
}

/// A link relative to the page (or the page itself, for ""), made absolute for a message.
pub fn absolute(href: &str) -> String {
    let base = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    web_sys::Url::new_with_base(href, &base)
        .map(|u| u.href())
        .unwrap_or_else(|_| href.to_owned())
}

/// Runs `f` in a task of its own, `ms` milliseconds from now.
pub fn after(ms: i32, f: impl FnOnce() + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let callback = wasm_bindgen::closure::Closure::once_into_js(f);
    let _ =
        window.set_timeout_with_callback_and_timeout_and_arguments_0(callback.unchecked_ref(), ms);
}
