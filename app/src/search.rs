//! Search on the search page: the index of the page's language (built by the generator,
//! read from the page) queried by `tarif_engine::search` as the person types. The query
//! lives in the URL (`?q=`), so a search can be sent and reloads as it was; the number
//! of results is announced to screen readers.

use leptos::prelude::*;
use rust_decimal::Decimal;
use tarif_engine::locale::{Noun, Word, counted, word};
use tarif_engine::markup::Markup;
use tarif_engine::search::{Hit, Index};
use tarif_engine::text::Lang;

use crate::url::{query_param, set_query_param};
use tarif_engine::page::{PageLink, SearchData};

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
    // The results, and the list of all pages while the query is empty, are markup: they
    // hold no field, and are replaced whole as one types.
    let results = move || {
        let mut m = Markup::new();
        hits.with(|hits| {
            for hit in hits {
                result(&mut m, hit);
            }
        });
        m.finish()
    };
    let all_pages = {
        let mut m = Markup::new();
        m.element("h2", &[], word(&lang, Word::AllPages));
        m.start("ul").attr("class", "page-index").end();
        for p in &pages {
            page(&mut m, p);
        }
        m.close("ul");
        m.finish()
    };
    let index_of_pages = move || {
        if empty() {
            all_pages.clone()
        } else {
            String::new()
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
        <ol class="search-results" inner_html=results></ol>
        <div inner_html=index_of_pages></div>
    }
}

/// A page in the list of all pages, as the generator writes it.
fn page(m: &mut Markup, p: &PageLink) {
    m.open("li").element("a", &[("href", &p.href)], &p.title);
    if !p.description.is_empty() {
        m.text(" ").element(
            "span",
            &[("class", "meta")],
            &format!("· {}", p.description),
        );
    }
    m.close("li");
}

/// One result: the title (a link) with its matched words marked, where it is, and a
/// snippet of its text around the first match.
fn result(m: &mut Markup, hit: &Hit) {
    m.open("li").start("a").attr("href", &hit.url).end();
    marked(m, hit.title_parts());
    m.close("a")
        .text(" ")
        .element("span", &[("class", "meta")], &format!("· {}", hit.section))
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
