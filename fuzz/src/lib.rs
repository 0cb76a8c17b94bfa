//! What the fuzz targets share: the default site (its price lists, wizards and memos are
//! the real inputs the targets vary around), a fixed day, and the sanitiser's oracle.

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::OnceLock;

use tarif::site::model::Site;
use tarif_engine::date::Date;
use tarif_engine::price_list::PriceList;
use tarif_engine::text::Lang;

#[path = "../../tests/oracle/mod.rs"]
pub mod oracle;

/// The repository's root, where the default site is.
pub fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

/// The default site, loaded once per fuzzing process.
pub fn site() -> &'static Site {
    static SITE: OnceLock<Site> = OnceLock::new();
    SITE.get_or_init(|| {
        tarif::site::load_site(root()).unwrap_or_else(|p| panic!("the default site: {p:?}"))
    })
}

/// The default site's price lists.
pub fn price_lists() -> Vec<&'static PriceList> {
    site().price_lists.values().collect()
}

/// Every language tarif speaks.
pub fn languages() -> Vec<Lang> {
    ["ru", "bg", "en"]
        .iter()
        .filter_map(|l| Lang::new(l))
        .collect()
}

/// The day the wizards are evaluated on (the tests' day).
pub fn today() -> Date {
    "2026-11-15".parse().expect("a date")
}

/// Every `page#anchor` of the section `section`'s memos.
pub fn anchors(section: &str) -> BTreeSet<String> {
    site()
        .sections
        .iter()
        .filter(|s| s.id == section)
        .flat_map(|s| &s.memos)
        .flat_map(|m| {
            m.body
                .headings
                .iter()
                .map(move |h| format!("{}#{}", m.slug, h.id))
        })
        .collect()
}

/// The input as text: libFuzzer's bytes are often not UTF-8, and the readers take text
/// (the loader refuses other bytes before any of them runs).
pub fn text(data: &[u8]) -> Option<&str> {
    std::str::from_utf8(data).ok()
}

/// `text` as the English memo `fuzz.md` of the section `laptop-bg`, its body from byte
/// `start` (after its front matter) rendered as `tarif build` renders it.
pub fn render_memo(
    text: &str,
    start: usize,
    problems: &mut Vec<tarif_engine::diagnostic::Diagnostic>,
) -> tarif::site::markdown::Body {
    let file = tarif::site::load::TextFile {
        name: "content/laptop-bg/en/fuzz.md".to_owned(),
        text: text.to_owned(),
    };
    let lang = Lang::new("en").expect("en");
    let here = tarif::site::url::PageDir::memo(&lang, "laptop-bg", "fuzz");
    tarif::site::markdown::render(&file, start, "laptop-bg", &lang, &here, problems)
}
