//! Search on the search page: the index of the page's language (built by the generator,
//! read from the page) queried by `tarif_engine::search` as the person types. The query
//! lives in the URL (`?q=`), so a search can be sent and reloads as it was; the number
//! of results is announced to screen readers. The first [`PAGE`] results show, and
//! "Show more results" adds as many again, the focus on the first of them. The page's
//! own list of every page is hidden by the stylesheet while the status says something
//! (while there is a query).
//!
//! A large site's index comes in parts ([`tarif_engine::search::Index`]): the page holds
//! its manifest, and the parts a query needs are loaded as scripts beside the page (a
//! script element needs none of the fetch API's bindings in the bundle), then the query
//! runs again. A part that cannot be loaded (offline, and never cached) is said so
//! in the status.

use leptos::prelude::*;
use rust_decimal::Decimal;
use tarif_engine::locale::{Noun, Word, counted, word};
use tarif_engine::markup::Markup;
use tarif_engine::page::SearchData;
use tarif_engine::search::{Found, Hit, Index};
use tarif_engine::text::Lang;
use wasm_bindgen::JsCast;

use crate::dom::{after, closest_with, focus_later};
use crate::url::{query_param, set_query_param};

/// The id of the search field (the page's own and the app's).
pub const INPUT_ID: &str = "search-q";

/// How many results show at first, and how many more each "Show more results" adds: a
/// phone's screen or two ([`RESULTS_SHOWN`](tarif_engine::search::RESULTS_SHOWN) says
/// why no more; Pagefind shows five at first).
pub const PAGE: usize = tarif_engine::search::RESULTS_SHOWN;

/// How long a query being typed stays the same before the parts of the index it needs are
/// loaded (a large site's index in parts): a beginning typed on the way is not worth its
/// parts (`рем` on the way to `ремонт` would load every term that begins so).
const SETTLE_MS: i32 = 250;

/// The search form and its results.
#[component]
pub fn Search(data: SearchData, lang: Lang) -> impl IntoView {
    let query = query_param("q").unwrap_or_default();
    let typed = query.clone();
    let state = State {
        index: StoredValue::new(data.index),
        query: RwSignal::new(query),
        shown: StoredValue::new(PAGE),
        asked: StoredValue::new(Vec::new()),
        failed: StoredValue::new(Vec::new()),
        found: RwSignal::new((Vec::new(), 0)),
        offline: RwSignal::new(false),
        pending: RwSignal::new(false),
    };
    state.search(false);
    let State {
        query,
        shown,
        found,
        offline,
        pending,
        ..
    } = state;
    let empty = move || query.with(|q| q.trim().is_empty());
    let status = {
        let lang = lang.clone();
        move || {
            if empty() {
                String::new()
            } else if pending.get() {
                word(&lang, Word::Searching).to_owned()
            } else {
                let count = match found.with(|(_, total)| *total) {
                    0 => word(&lang, Word::NothingFound).to_owned(),
                    n => counted(&lang, Decimal::from(n), Noun::Result),
                };
                if offline.get() {
                    format!("{count} {}", word(&lang, Word::SearchOffline))
                } else {
                    count
                }
            }
        }
    };
    // The results are markup: they hold no field, and are replaced whole as one types.
    let more = word(&lang, Word::MoreResults);
    let results = move || {
        let mut m = Markup::new();
        found.with(|(hits, total)| {
            m.start("ol").attr("class", "search-results").end();
            for (n, hit) in hits.iter().enumerate() {
                result(&mut m, hit, n);
            }
            m.close("ol");
            if *total > hits.len() {
                m.start("button")
                    .attr("type", "button")
                    .attr("class", "more")
                    .attr("data-more", "")
                    .end()
                    .text(more)
                    .close("button");
            }
        });
        m.finish()
    };
    let on_click = move |ev: web_sys::MouseEvent| {
        if closest_with(&ev, "data-more").is_some() {
            let first_new = found.with_untracked(|(hits, _)| hits.len());
            shown.set_value(first_new + PAGE);
            state.search(false);
            focus_later(format!("result-{first_new}"));
        }
    };
    // The form is markup, written once: the field holds what is typed (its value the
    // query from the URL at first); its events reach the listeners around it.
    let mut form = Markup::new();
    form.start("form")
        .attr("role", "search")
        .attr("class", "search-form")
        .attr("action", "index.html")
        .attr("method", "get")
        .end()
        .element(
            "label",
            &[("for", INPUT_ID)],
            word(&lang, Word::SearchTheSite),
        )
        .start("input")
        .attr("id", INPUT_ID)
        .attr("name", "q")
        .attr("type", "search")
        .attr("autocomplete", "off")
        .attr("aria-describedby", "search-status")
        .attr("value", &typed)
        .end()
        .close("form");
    let on_input = move |e: web_sys::Event| {
        let q = event_target_value(&e);
        set_query_param("q", &q);
        query.set(q);
        shown.set_value(PAGE);
        state.retry();
        state.search(true);
    };
    view! {
        <div on:submit=|e| e.prevent_default() on:input=on_input inner_html=form.finish()></div>
        <p id="search-status" class="search-status" role="status" aria-live="polite">{status}</p>
        <div on:click=on_click inner_html=results></div>
    }
}

/// The search's state: the index (its parts loaded so far), the query, how many results
/// show, the parts asked for and those that could not be loaded, what was found, whether
/// a part could not be loaded.
#[derive(Clone, Copy)]
struct State {
    index: StoredValue<Index>,
    query: RwSignal<String>,
    shown: StoredValue<usize>,
    asked: StoredValue<Vec<String>>,
    failed: StoredValue<Vec<String>>,
    /// The first results and the count of all: searched again on a keystroke, on "Show
    /// more results" and when a part of the index arrives.
    found: RwSignal<(Vec<Hit>, usize)>,
    offline: RwSignal<bool>,
    /// Parts the query needs are on their way: the status says so, not "nothing found".
    pending: RwSignal<bool>,
}

impl State {
    /// Forgets the parts that could not be loaded, to ask for them again (a new query:
    /// the connection may be back).
    fn retry(self) {
        let failed = self
            .failed
            .try_update_value(std::mem::take)
            .unwrap_or_default();
        self.asked
            .update_value(|a| a.retain(|n| !failed.contains(n)));
        self.offline.set(false);
    }

    /// Searches the parts loaded, and asks for the parts the query needs that are not
    /// (each once); each that arrives searches again. While the visitor is typing
    /// (`typing`), they are asked for only once the query has stayed the same for
    /// [`SETTLE_MS`].
    fn search(self, typing: bool) {
        let n = self.shown.get_value();
        self.query.with_untracked(|q| {
            let Found {
                hits,
                total,
                missing,
            } = self.index.with_value(|i| i.find(q, n));
            let mut waiting = false;
            for name in missing {
                if self.asked.with_value(|a| a.contains(&name)) {
                    waiting |= !self.failed.with_value(|f| f.contains(&name));
                    continue;
                }
                waiting = true;
                if typing {
                    let typed = q.clone();
                    after(SETTLE_MS, move || {
                        if self.query.with_untracked(|q| *q == typed) {
                            self.search(false);
                        }
                    });
                    break;
                }
                let file = self.index.with_value(|i| i.file(&name));
                self.asked.update_value(|a| a.push(name.clone()));
                load_part(&file, name, move |name, text| {
                    let loaded = text.is_some_and(|t| {
                        self.index
                            .try_update_value(|i| i.load(&name, &t).is_ok())
                            .unwrap_or(false)
                    });
                    if !loaded {
                        self.failed.update_value(|f| f.push(name));
                        self.offline.set(true);
                    }
                    self.search(false);
                });
            }
            // While parts are on their way, the results shown stay (no "nothing found"
            // for a moment); once every part came or failed, the query is answered.
            if !waiting {
                self.found.set((hits, total));
            }
            self.pending.set(waiting);
        });
    }
}

/// Loads the script `file`, a part of the index, then gives `done` the part's text (none
/// if the script could not be loaded). The script leaves the text in its own `data-part`
/// attribute: read back, the element is left empty.
fn load_part(file: &str, name: String, done: impl FnOnce(String, Option<String>) + 'static) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let (Ok(script), Some(body)) = (document.create_element("script"), document.body()) else {
        return;
    };
    let loaded = script.clone();
    // Called on `load` or `error`, whichever comes: only a loaded part left its text.
    let callback = wasm_bindgen::closure::Closure::once_into_js(move || {
        let text = loaded.get_attribute(PART_ATTRIBUTE);
        let _ = loaded.set_attribute(PART_ATTRIBUTE, "");
        done(name, text);
    });
    for event in ["load", "error"] {
        let _ = script.add_event_listener_with_callback(event, callback.unchecked_ref());
    }
    let _ = script.set_attribute("src", file);
    let _ = body.append_child(&script);
}

/// Where a part's script leaves its text (`document.currentScript`'s attribute: the
/// generator writes the scripts so, `src/site/render/app.rs`).
const PART_ATTRIBUTE: &str = "data-part";

/// One result: the title (a link) with its matched words marked, where it is, an item's
/// price, and a snippet of its text around the first match. The first result of each
/// "more" has an id, for the focus.
fn result(m: &mut Markup, hit: &Hit, n: usize) {
    m.open("li").start("a").attr("href", &hit.url);
    if n > 0 && n.is_multiple_of(PAGE) {
        m.attr("id", &format!("result-{n}"));
    }
    m.end();
    marked(m, hit.title_parts());
    let mut meta = format!("· {}", hit.section);
    if !hit.price.is_empty() {
        meta.push_str(" · ");
        meta.push_str(&hit.price);
    }
    m.close("a")
        .text(" ")
        .element("span", &[("class", "meta")], &meta)
        .open("p");
    marked(m, hit.snippet_parts());
    m.close("p").close("li");
}

fn marked(m: &mut Markup, parts: Vec<(&str, bool)>) {
    for (text, is_match) in parts {
        if is_match {
            m.element("mark", &[], text);
        } else {
            m.text(text);
        }
    }
}
