//! Search recall on the default site: the queries of `tests/data/search-queries.toml`
//! (Russian, Bulgarian and English, Bulgarian ones inflected) against the index the
//! generator builds for each language's search page. Prints recall per language.

mod common;

use std::collections::BTreeMap;

use common::default_site;
use serde::Deserialize;
use tarif::site::load_site;
use tarif::site::render::search;
use tarif::site::url::PageDir;
use tarif_engine::search::Index;

#[derive(Deserialize)]
struct QuerySet {
    query: Vec<Query>,
}

#[derive(Deserialize)]
struct Query {
    lang: String,
    q: String,
    find: Vec<String>,
}

/// How many results a query may need to show what it must find.
const TOP: usize = 10;

fn queries() -> Vec<Query> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/search-queries.toml"
    );
    let text = std::fs::read_to_string(path).unwrap();
    toml::from_str::<QuerySet>(&text).unwrap().query
}

/// Each language's index, as its search page has it.
fn indexes() -> BTreeMap<String, Index> {
    let site = load_site(&default_site()).unwrap();
    site.languages
        .iter()
        .map(|l| {
            let index = search::index(&site, l, &PageDir::search(l));
            (l.to_string(), index)
        })
        .collect()
}

/// A result's address from the search page, as the query set writes it:
/// `../laptop-bg/withdrawal/index.html#gift` → `laptop-bg/withdrawal/#gift`.
fn path(url: &str) -> String {
    url.trim_start_matches("../").replacen("index.html", "", 1)
}

#[test]
fn every_query_finds_its_clauses_in_ru_bg_and_en() {
    let indexes = indexes();
    let mut found: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut missed = Vec::new();
    let queries = queries();
    assert!(queries.len() >= 25);
    for q in &queries {
        let hits: Vec<String> = indexes[&q.lang]
            .search(&q.q, TOP)
            .iter()
            .map(|h| path(&h.url))
            .collect();
        let tally = found.entry(q.lang.as_str()).or_default();
        for want in &q.find {
            tally.1 += 1;
            if hits.contains(want) {
                tally.0 += 1;
            } else {
                missed.push(format!("{} {:?}: no {want} in {hits:?}", q.lang, q.q));
            }
        }
    }
    for (lang, (hit, all)) in &found {
        println!(
            "recall {lang}: {hit}/{all} = {:.2}",
            *hit as f64 / *all as f64
        );
    }
    assert_eq!(found.len(), 3, "the set covers ru, bg and en");
    assert!(missed.is_empty(), "missed:\n{}", missed.join("\n"));
}

#[test]
fn inflected_bulgarian_forms_find_the_same_clauses() {
    let indexes = indexes();
    let bg = &indexes["bg"];
    let urls = |q: &str| -> Vec<String> { bg.search(q, 50).into_iter().map(|h| h.url).collect() };
    let base = urls("гаранция");
    assert!(base.len() >= 5, "{base:?}");
    for form in ["гаранцията", "гаранционно", "гаранционни", "гаранции"]
    {
        assert_eq!(urls(form), base, "{form}");
    }
}

#[test]
fn each_language_indexes_only_its_own_pages_and_every_address_resolves() {
    let site = load_site(&default_site()).unwrap();
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    common::build(&default_site(), &public).unwrap();
    for lang in &site.languages {
        let here = PageDir::search(lang);
        for doc in search::documents(&site, lang, &here) {
            let (file, anchor) = doc.url.split_once('#').unwrap_or((&doc.url, ""));
            let page = public.join(lang.as_str()).join("search").join(file);
            let html = std::fs::read_to_string(&page)
                .unwrap_or_else(|_| panic!("{lang}: {} is no page", doc.url));
            assert!(
                html.contains(&format!("<html lang=\"{lang}\"")),
                "{lang}: {} is in another language",
                doc.url
            );
            if !anchor.is_empty() {
                assert!(html.contains(&format!("id=\"{anchor}\"")), "{}", doc.url);
            }
        }
    }
}
