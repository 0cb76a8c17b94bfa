//! A search query against the default site's built index of each language (what the
//! search page gives the app), with the snippets and titles of every hit marked.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use tarif::site::render::search;
use tarif::site::url::PageDir;
use tarif_engine::search::Index;

fn indexes() -> &'static [Index] {
    static INDEXES: OnceLock<Vec<Index>> = OnceLock::new();
    INDEXES.get_or_init(|| {
        let site = tarif_fuzz::site();
        site.languages
            .iter()
            .map(|lang| search::index(site, lang, &PageDir::search(lang)))
            .collect()
    })
}

fuzz_target!(|data: &[u8]| {
    let Some(query) = tarif_fuzz::text(data) else {
        return;
    };
    for index in indexes() {
        for hit in index.search(query, 20) {
            // The marked parts are the whole text, cut only between characters.
            let snippet: String = hit.snippet_parts().into_iter().map(|(s, _)| s).collect();
            let title: String = hit.title_parts().into_iter().map(|(s, _)| s).collect();
            assert_eq!((snippet, title), (hit.snippet.clone(), hit.title.clone()));
        }
    }
});
