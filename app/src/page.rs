//! The contract with the generated page: where the app mounts, the data it reads, and the
//! URL it keeps its state in.

use leptos::prelude::*;
pub use tarif_engine::page::{
    DATA_ID, DATA_TYPE, Link, MOUNT_ID, PageData, Publisher, SearchData, WizardData,
};
use wasm_bindgen::JsCast;

use crate::calculator::Calculator;
use crate::dom::after;
use crate::search::Search;
use crate::url::set_query_param;
use crate::wizard::WizardFlow;

/// Reads the page's data and mounts the app; a page without either is left alone.
///
/// Starting the WebAssembly, reading the data and mounting run as three tasks of the
/// browser rather than one: none of them blocks a person's first tap for long (what
/// Lighthouse measures as Total Blocking Time on a slow phone).
pub fn boot() {
    later(|| {
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let (Some(mount), Some(data)) = (
            document.get_element_by_id(MOUNT_ID),
            document.get_element_by_id(DATA_ID),
        ) else {
            return;
        };
        let data = match PageData::from_text(&data.text_content().unwrap_or_default()) {
            Ok(data) => data,
            Err(e) => {
                // The static page stays as it is; the console says why.
                web_sys::console::error_1(&format!("tarif: the page's data: {e}").into());
                return;
            }
        };
        let Ok(mount) = mount.dyn_into::<web_sys::HtmlElement>() else {
            return;
        };
        later(move || {
            let typed = typed_query(&document);
            mount.set_inner_html("");
            mount_app(mount, data);
            if let Some(query) = typed {
                focus_search(&query);
            }
        });
    });
}

/// What a person typed into the page's own search form (and whether it had the focus)
/// before the app took it over: the app's form starts from it, so no keystroke is lost.
fn typed_query(document: &web_sys::Document) -> Option<String> {
    let input = document
        .get_element_by_id(crate::search::INPUT_ID)?
        .dyn_into::<web_sys::HtmlInputElement>()
        .ok()?;
    let focused = document
        .active_element()
        .is_some_and(|e| e.id() == crate::search::INPUT_ID);
    let value = input.value();
    if !value.is_empty() {
        set_query_param("q", &value);
    }
    (focused || !value.is_empty()).then_some(value)
}

/// Puts the focus back in the app's search field, at the end of `query`.
fn focus_search(query: &str) {
    let input = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(crate::search::INPUT_ID))
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok());
    if let Some(input) = input {
        let _ = input.focus();
        let end = query.encode_utf16().count() as u32;
        let _ = input.set_selection_range(end, end);
    }
}

/// Runs `f` in a task of its own, after what the browser has queued.
fn later(f: impl FnOnce() + 'static) {
    after(0, f);
}

/// Mounts the app for `data` into `mount` (also used by the browser tests).
pub fn mount_app(mount: web_sys::HtmlElement, data: PageData) {
    let handle = leptos::mount::mount_to(mount, move || app(data));
    handle.forget();
}

fn app(data: PageData) -> impl IntoView {
    let PageData {
        lang,
        publisher,
        terms,
        calculator,
        wizard,
        search,
    } = data;
    let wizard = wizard.map(|data| view! { <WizardFlow data lang=lang.clone() /> });
    let search = search.map(|data| view! { <Search data lang=lang.clone() /> });
    let calculator =
        calculator.map(|history| view! { <Calculator history lang publisher terms /> });
    (wizard, search, calculator)
}
