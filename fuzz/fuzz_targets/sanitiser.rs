//! The sanitiser proved by an oracle: Markdown with arbitrary raw HTML, rendered by the
//! real renderer, parsed back as a browser parses it (html5ever), must hold no script,
//! style, frame, object, embed, form or base, no `on…` attribute, no `javascript:`,
//! `vbscript:` or `data:` URL, and nothing that escapes its container
//! (`tests/oracle/mod.rs`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(text) = tarif_fuzz::text(data) else {
        return;
    };
    let body = tarif_fuzz::render_memo(text, 0, &mut Vec::new());
    if let Err(why) = tarif_fuzz::oracle::fragment(&body.html) {
        panic!("{why}\n--- markdown:\n{text}\n--- html:\n{}", body.html);
    }
});
