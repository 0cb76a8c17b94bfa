//! Search on the search page: the index of the page's language (built by the generator,
//! read from the page) queried by `tarif_engine::search` as the person types. The query
//! lives in the URL (`?q=`), so a search can be sent and reloads as it was; the number
//! of results is announced to screen readers.

use leptos::prelude::*;
use rust_decimal::Decimal;
use tarif_engine::locale::{Noun, Word, counted, word};
use tarif_engine::search::{Hit, Index};
use tarif_engine::text::Lang;

use crate::page::{PageLink, SearchData, query_param, set_query_param};

/// The id of the search field (the page's own and the app's).
pub const INPUT_ID: &str = "search-q";

/// How many results a search shows.
pub const LIMIT: usize = 30;

/// The search form and its results; every page of the language while the query is empty.
#[component]
pub fn Search(data: SearchData, lang: Lang) -> impl IntoView {
    let SearchData { index, pages } = data;
    let query = RwSignal::new(query_param("q").unwrap_or_default());
    let empty = move || query.with(|q| q.trim().is_empty());
    let index: StoredValue<Index> = StoredValue::new(index);
    let hits = Memo::new(move |_| index.with_value(|i| i.search(&query.get(), LIMIT)));
    let status = {
        let lang = lang.clone();
        move || {
            if empty() {
                String::new()
            } else {
                match hits.with(Vec::len) {
                    0 => word(&lang, Word::NothingFound).to_owned(),
                    n => counted(&lang, Decimal::from(n), Noun::Result),
                }
            }
        }
    };
    view! {
        <form role="search" class="search-form" action="index.html" method="get"
            on:submit=|e| e.prevent_default()>
            <label for="search-q">{word(&lang, Word::SearchTheSite)}</label>
            <input id="search-q" name="q" type="search" autocomplete="off"
                aria-describedby="search-status"
                prop:value=move || query.get()
                on:input=move |e| {
                    let q = event_target_value(&e);
                    set_query_param("q", &q);
                    query.set(q);
                } />
        </form>
        <p id="search-status" class="search-status" role="status" aria-live="polite">{status}</p>
        <ol class="search-results">
            {move || hits.get().into_iter().map(result).collect_view()}
        </ol>
        <Show when=empty>
            <h2>{word(&lang, Word::AllPages)}</h2>
            <ul class="page-index">{pages.iter().cloned().map(page).collect_view()}</ul>
        </Show>
    }
}

/// A page in the list of all pages, as the generator writes it.
fn page(p: PageLink) -> impl IntoView {
    let section = (!p.description.is_empty()).then(|| {
        view! { " "<span class="meta">{"· "}{p.description}</span> }
    });
    view! { <li><a href=p.href>{p.title}</a>{section}</li> }
}

/// One result: the title (a link) with its matched words marked, where it is, and a
/// snippet of its text around the first match.
fn result(hit: Hit) -> impl IntoView {
    let title = marked(hit.title_parts());
    let snippet = marked(hit.snippet_parts());
    view! {
        <li>
            <a href=hit.url.clone()>{title}</a>
            " "<span class="meta">{"· "}{hit.section.clone()}</span>
            <p>{snippet}</p>
        </li>
    }
}

fn marked(parts: Vec<(&str, bool)>) -> impl IntoView + use<> {
    parts
        .into_iter()
        .map(|(text, is_match)| {
            let text = text.to_owned();
            if is_match {
                view! { <mark>{text}</mark> }.into_any()
            } else {
                text.into_any()
            }
        })
        .collect_view()
}
