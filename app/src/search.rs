//! Search on the search page: the index of the page's language (built by the generator,
//! read from the page) queried by `tarif_engine::search` as the person types. The query
//! lives in the URL (`?q=`), so a search can be sent and reloads as it was; the number
//! of results is announced to screen readers. The first [`PAGE`] results show, and
//! "Show more results" adds as many again, the focus on the first of them. The page's
//! own list of every page is hidden by the stylesheet while the status says something
//! (while there is a query).

use leptos::prelude::*;
use rust_decimal::Decimal;
use tarif_engine::locale::{Noun, Word, counted, word};
use tarif_engine::markup::Markup;
use tarif_engine::page::SearchData;
use tarif_engine::search::Hit;
use tarif_engine::text::Lang;

use crate::dom::{closest_with, focus_later};
use crate::url::{query_param, set_query_param};

/// The id of the search field (the page's own and the app's).
pub const INPUT_ID: &str = "search-q";

/// How many results show at first, and how many more each "Show more results" adds.
pub const PAGE: usize = 20;

/// The search form and its results.
#[component]
pub fn Search(data: SearchData, lang: Lang) -> impl IntoView {
    let index = data.index;
    let query = query_param("q").unwrap_or_default();
    // What the query found (the first results, the count of all): searched again on a
    // keystroke and on "Show more results", not on every read.
    let found = RwSignal::new(index.search_counted(&query, PAGE));
    let typed = query.clone();
    let query = RwSignal::new(query);
    let index = StoredValue::new(index);
    let search = move |q: &str, n: usize| found.set(index.with_value(|i| i.search_counted(q, n)));
    let empty = move || query.with(|q| q.trim().is_empty());
    let status = {
        let lang = lang.clone();
        move || {
            if empty() {
                String::new()
            } else {
                match found.with(|(_, total)| *total) {
                    0 => word(&lang, Word::NothingFound).to_owned(),
                    n => counted(&lang, Decimal::from(n), Noun::Result),
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
            query.with_untracked(|q| search(q, first_new + PAGE));
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
        search(&q, PAGE);
        query.set(q);
    };
    view! {
        <div on:submit=|e| e.prevent_default() on:input=on_input inner_html=form.finish()></div>
        <p id="search-status" class="search-status" role="status" aria-live="polite">{status}</p>
        <div on:click=on_click inner_html=results></div>
    }
}

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
