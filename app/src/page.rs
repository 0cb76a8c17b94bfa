//! The contract with the generated page: where the app mounts, the data it reads, and the
//! URL it keeps its state in.

use leptos::prelude::*;
use serde::Deserialize;
use tarif_engine::price_list::PriceList;
use tarif_engine::text::Lang;
use wasm_bindgen::JsCast;

use crate::calculator::Calculator;

/// The id of the element the app mounts into.
pub const MOUNT_ID: &str = "tarif-app";
/// The id of the `<script type="application/json">` that carries [`PageData`].
pub const DATA_ID: &str = "tarif-data";

/// What the generator puts in the page for the app.
#[derive(Debug, Clone, Deserialize)]
pub struct PageData {
    /// The page's language.
    pub lang: Lang,
    /// The company, for the head of a printed quote.
    pub company: String,
    /// The terms a quote rests on (title and relative link), for print and copy.
    #[serde(default)]
    pub terms: Vec<Link>,
    /// A quote calculator over this price list.
    pub calculator: Option<PriceList>,
}

/// A titled link.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Link {
    pub title: String,
    pub href: String,
}

/// Reads the page's data and mounts the app; a page without either is left alone.
pub fn boot() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let (Some(mount), Some(data)) = (
        document.get_element_by_id(MOUNT_ID),
        document.get_element_by_id(DATA_ID),
    ) else {
        return;
    };
    let Ok(data) = serde_json::from_str::<PageData>(&data.text_content().unwrap_or_default())
    else {
        return; // the static page stays as it is
    };
    let Ok(mount) = mount.dyn_into::<web_sys::HtmlElement>() else {
        return;
    };
    mount.set_inner_html("");
    mount_app(mount, data);
}

/// Mounts the app for `data` into `mount` (also used by the browser tests).
pub fn mount_app(mount: web_sys::HtmlElement, data: PageData) {
    let handle = leptos::mount::mount_to(mount, move || app(data));
    handle.forget();
}

fn app(data: PageData) -> impl IntoView {
    let PageData {
        lang,
        company,
        terms,
        calculator,
    } = data;
    calculator.map(|list| view! { <Calculator list lang company terms /> })
}

/// A parameter of the page's URL query.
pub fn query_param(name: &str) -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search)
        .ok()?
        .get(name)
}

/// Sets (or, when empty, removes) a parameter of the page's URL without adding a history
/// entry, so that the link can be sent and Back still leaves the page.
pub fn set_query_param(name: &str, value: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    let Ok(params) = web_sys::UrlSearchParams::new_with_str(&location.search().unwrap_or_default())
    else {
        return;
    };
    if value.is_empty() {
        params.delete(name);
    } else {
        params.set(name, value);
    }
    let query = String::from(params.to_string());
    let path = location.pathname().unwrap_or_default();
    let hash = location.hash().unwrap_or_default();
    let url = if query.is_empty() {
        format!("{path}{hash}")
    } else {
        format!("{path}?{query}{hash}")
    };
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}
