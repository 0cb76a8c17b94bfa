//! A memo file: its `+++` front matter, then its Markdown body rendered as `tarif build`
//! renders it (headings, links resolved against the section, raw HTML sanitised).
#![no_main]

use libfuzzer_sys::fuzz_target;
use tarif::site::front_matter;
use tarif::site::load::TextFile;

fuzz_target!(|data: &[u8]| {
    let Some(text) = tarif_fuzz::text(data) else {
        return;
    };
    let file = TextFile {
        name: "content/laptop-bg/en/fuzz.md".to_owned(),
        text: text.to_owned(),
    };
    let mut problems = Vec::new();
    let start = match front_matter::read(&file, &mut problems) {
        Some((_, start)) => start,
        None => 0,
    };
    let body = tarif_fuzz::render_memo(text, start, &mut problems);
    // Every problem is located in the file.
    let lines = text.lines().count() + 1;
    for p in &problems {
        assert!(p.file == file.name && p.line <= lines, "{p:?}");
    }
    drop(body);
});
