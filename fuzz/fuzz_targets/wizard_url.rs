//! A wizard's answers in a URL query (`?received=2026-11-01&kind=laptop&_review=1`), as
//! the app reads them: decoded as a browser decodes a form, then the app's own flow
//! (`app/src/wizard/state.rs`, included here as it is) picks the screen of each wizard of
//! the default site, which the engine evaluates and words in each of its languages.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[allow(dead_code)]
#[path = "../../app/src/wizard/state.rs"]
mod flow;

fuzz_target!(|data: &[u8]| {
    let Some(query) = tarif_fuzz::text(data) else {
        return;
    };
    let pairs: Vec<(String, String)> =
        form_urlencoded::parse(query.trim_start_matches('?').as_bytes())
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
    let f = flow::Flow::from_query(&pairs);
    let site = tarif_fuzz::site();
    for name in site.wizard_names() {
        let Ok(w) = site.wizard(&name) else {
            continue;
        };
        for lang in &w.languages {
            flow::screen(
                &w.wizard,
                w.price_list.as_ref(),
                lang,
                &f,
                tarif_fuzz::today(),
            );
        }
    }
    // The query the app writes for this flow reads back as the same flow.
    assert_eq!(flow::Flow::from_query(&f.to_query()), f);
});
