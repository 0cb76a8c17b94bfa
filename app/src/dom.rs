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
