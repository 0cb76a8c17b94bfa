//! The packed `PageData` the app reads from a page's data block: a tampered or truncated
//! block gives an error, never a panic, a hang or a huge allocation; what reads is
//! written back and reads again as the same data.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tarif_engine::page::PageData;

fuzz_target!(|data: &[u8]| {
    let Some(text) = tarif_fuzz::text(data) else {
        return;
    };
    if let Ok(page) = PageData::from_text(text) {
        let again = page.to_text();
        assert_eq!(PageData::from_text(&again).as_ref(), Ok(&page));
    }
});
