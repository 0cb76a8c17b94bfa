//! A section's navigation on each of its pages: every page of a small section; in a large
//! one, the pages near the current one and a link to the section's page, which lists
//! them all (a network's hundreds of price lists made a wall of links on each page).

mod common;

use std::collections::BTreeMap;
use std::sync::OnceLock;

use common::{build, copy_dir, default_site, join, pages, tags};

/// The pages each side of the current one a large section's navigation lists, and the
/// most a section's navigation lists whole (`render::view::{NAV_NEAR, NAV_WHOLE}`).
const NEAR: usize = 5;
const WHOLE: usize = 25;
/// Memos added to `laptop-bg` in each of its languages, after its own.
const ADDED: usize = 40;

/// The default site with [`ADDED`] more memos in `laptop-bg`, built once.
fn built() -> &'static BTreeMap<String, String> {
    static SITE: OnceLock<BTreeMap<String, String>> = OnceLock::new();
    SITE.get_or_init(build_site)
}

fn build_site() -> BTreeMap<String, String> {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    for d in ["content", "price-lists", "static"] {
        copy_dir(&default_site().join(d), &root.join(d));
    }
    for (lang, i) in ["bg", "en"]
        .iter()
        .flat_map(|l| (0..ADDED).map(move |i| (l, i)))
    {
        std::fs::write(
            root.join(format!("content/laptop-bg/{lang}/added-{i:02}.md")),
            format!(
                "+++\ntitle = \"Added memo {i}\"\ndescription = \"Memo {i} of a large section.\"\n\
                 weight = {}\n+++\n\n## Terms of memo {i} {{#terms}}\n\nThe terms of memo {i}.\n",
                1000 + i
            ),
        )
        .unwrap();
    }
    let out = dir.path().join("public");
    build(&root, &out).unwrap_or_else(|p| panic!("{p:#?}"));
    pages(&out)
}

/// The cards of a section's page: the pages of the section, in order.
fn cards(site: &BTreeMap<String, String>, section: &str) -> Vec<String> {
    let html = &site[section];
    let list = &html[html.find("<ul class=\"cards\">").expect("cards")..];
    let list = &list[..list.find("</ul>").unwrap()];
    tags(list)
        .iter()
        .filter(|t| t.name == "a")
        .map(|t| join(section, t.attr("href").unwrap()))
        .collect()
}

/// A page's navigation: the pages it lists (the current one marked), and where its
/// link to every page of the section goes.
struct Nav {
    listed: Vec<String>,
    current: Vec<String>,
    every: Option<String>,
}

fn nav(site: &BTreeMap<String, String>, page: &str) -> Nav {
    let html = &site[page];
    let start = html
        .find("<nav class=\"section-nav\"")
        .unwrap_or_else(|| panic!("{page} has no section navigation"));
    let block = &html[start..];
    let block = &block[..block.find("</nav>").unwrap()];
    let (list, rest) = block.split_at(block.find("</ul>").unwrap());
    let links: Vec<_> = tags(list).into_iter().filter(|t| t.name == "a").collect();
    Nav {
        listed: links
            .iter()
            .map(|t| join(page, t.attr("href").unwrap()))
            .collect(),
        current: links
            .iter()
            .filter(|t| t.attr("aria-current") == Some("page"))
            .map(|t| join(page, t.attr("href").unwrap()))
            .collect(),
        every: tags(rest)
            .iter()
            .find(|t| t.name == "a")
            .map(|t| join(page, t.attr("href").unwrap())),
    }
}

#[test]
fn a_large_sections_pages_list_their_neighbours_and_link_the_section_page() {
    let site = built();
    for lang in ["bg", "en"] {
        large_section(site, lang);
    }
}

fn large_section(site: &BTreeMap<String, String>, lang: &str) {
    let section = &format!("{lang}/laptop-bg/index.html");
    let every = match lang {
        "bg" => "Всички страници в този раздел",
        _ => "Every page of this section",
    };
    let all = cards(site, section);
    assert!(all.len() > WHOLE + ADDED / 2, "{all:#?}");
    for (at, page) in all.iter().enumerate() {
        let nav = nav(site, page);
        assert_eq!(nav.current, std::slice::from_ref(page), "{page}");
        assert_eq!(nav.listed.len(), 2 * NEAR + 1, "{page}: {:#?}", nav.listed);
        // The pages around this one, in the section's order: as many each side as
        // there are, the rest taken from the other side at either end.
        let first = all.iter().position(|p| *p == nav.listed[0]).unwrap();
        assert_eq!(nav.listed, all[first..first + 2 * NEAR + 1], "{page}");
        let before = at - first;
        assert!(
            before == NEAR || first == 0 || first + 2 * NEAR + 1 == all.len(),
            "{page}: {before} pages before it"
        );
        assert_eq!(nav.every.as_deref(), Some(section.as_str()), "{page}");
        assert!(site[page].contains(&format!(">{every}</a>")), "{page}");
    }
    // The section's page lists every page of it, the added memos among them.
    for i in 0..ADDED {
        let added = format!("{lang}/laptop-bg/added-{i:02}/index.html");
        assert!(all.contains(&added), "{added} is not on the section page");
    }
}

#[test]
fn a_small_sections_pages_list_every_page_of_it() {
    let site = built();
    for section in ["en/comportal/index.html", "ru/comportal/index.html"] {
        let all = cards(site, section);
        assert!((2..=WHOLE).contains(&all.len()), "{all:#?}");
        for page in &all {
            let nav = nav(site, page);
            assert_eq!(nav.listed, all, "{page}");
            assert_eq!(nav.current, std::slice::from_ref(page), "{page}");
            assert_eq!(nav.every, None, "{page}");
        }
    }
}
