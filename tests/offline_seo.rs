//! The default site's output for browsers and search engines besides its pages: the
//! service worker's precache list, the web manifests and icons, the security policy,
//! robots.txt, the sitemap and the schema.org data of the price lists.

mod common;

use std::collections::BTreeMap;
use std::sync::OnceLock;

use common::{build, default_site, tags};
use serde_json::Value;
use tarif::site::load_site;
use tarif::site::render::offline::png_size;
use tarif::site::render::{CSP, REFERRER_POLICY};
use tarif::site::write::integrity;
use tarif_engine::price_list::Pricing;

/// Every file of the built default site.
fn output() -> &'static BTreeMap<String, Vec<u8>> {
    static OUT: OnceLock<BTreeMap<String, Vec<u8>>> = OnceLock::new();
    OUT.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        build(&default_site(), &out).unwrap_or_else(|p| panic!("{p:#?}"));
        common::files(&out)
    })
}

fn text(path: &str) -> &'static str {
    std::str::from_utf8(&output()[path]).unwrap()
}

fn pages() -> impl Iterator<Item = (&'static String, &'static str)> {
    output()
        .iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(p, b)| (p, std::str::from_utf8(b).unwrap()))
}

/// The worker's list: `const FILES = [[path, integrity], …];`.
fn precached() -> Vec<(String, String)> {
    let sw = text("sw.js");
    let line = sw
        .lines()
        .find(|l| l.starts_with("const FILES = "))
        .unwrap();
    let json = line
        .trim_start_matches("const FILES = ")
        .trim_end_matches(';');
    serde_json::from_str(json).unwrap()
}

#[test]
fn the_worker_precaches_every_file_a_page_can_load_each_by_its_true_digest() {
    let listed = precached();
    for (path, digest) in &listed {
        let bytes = output()
            .get(path)
            .unwrap_or_else(|| panic!("sw.js lists {path}, which the build did not write"));
        assert_eq!(digest, &integrity(bytes), "{path}: a stale digest");
    }
    let listed: Vec<&str> = listed.iter().map(|(p, _)| p.as_str()).collect();
    let not_for_pages = [
        "sw.js",
        "_headers",
        "robots.txt",
        "sitemap.xml",
        ".tarif-output",
    ];
    for path in output().keys() {
        assert_eq!(
            listed.contains(&path.as_str()),
            !not_for_pages.contains(&path.as_str()),
            "{path}"
        );
    }
    assert!(listed.iter().any(|p| p.ends_with(".wasm")));
    assert!(listed.contains(&"ru/comportal/index.html"));
}

#[test]
fn each_language_has_an_installable_manifest_with_its_icons() {
    let site = load_site(&default_site()).unwrap();
    for lang in &site.languages {
        let path = format!("{lang}/manifest.webmanifest");
        let m: Value = serde_json::from_str(text(&path)).unwrap();
        assert_eq!(m["lang"], lang.as_str());
        assert_eq!(m["name"], site.config.title.best(lang, &site.languages));
        assert_eq!(m["start_url"], "./index.html");
        assert_eq!(m["display"], "standalone");
        assert!(output().contains_key(&format!("{lang}/index.html")));
        let mut sizes = Vec::new();
        for icon in m["icons"].as_array().unwrap() {
            let file = icon["src"].as_str().unwrap().trim_start_matches("../");
            let (w, h) = png_size(&output()[file]).expect("a PNG");
            assert_eq!(icon["sizes"], format!("{w}x{h}"), "{file}");
            sizes.push(w);
        }
        assert_eq!(sizes, [192, 512]);
        for (page, html) in pages().filter(|(p, _)| p.starts_with(&format!("{lang}/"))) {
            let link = tags(html)
                .into_iter()
                .find(|t| t.name == "link" && t.attr("rel") == Some("manifest"))
                .unwrap_or_else(|| panic!("{page} names no manifest"));
            let depth = page.matches('/').count();
            let expected = format!("{}{path}", "../".repeat(depth));
            assert_eq!(link.attr("href"), Some(expected.as_str()), "{page}");
        }
    }
}

#[test]
fn every_page_carries_the_security_policy_before_anything_it_loads() {
    assert!(!CSP.contains("unsafe-inline") && CSP.contains("'wasm-unsafe-eval'"));
    for (path, html) in pages() {
        let tags = tags(html);
        let head: Vec<_> = tags
            .iter()
            .take_while(|t| t.name != "body")
            .filter(|t| t.name == "meta" || t.name == "link" || t.name == "script")
            .collect();
        let csp = head
            .iter()
            .position(|t| t.attr("http-equiv") == Some("Content-Security-Policy"))
            .unwrap_or_else(|| panic!("{path}: no CSP"));
        assert_eq!(head[csp].attr("content"), Some(CSP));
        assert!(
            head[..csp].iter().all(|t| t.attr("charset").is_some()),
            "{path}: the policy must come before any link or script"
        );
        assert!(
            head.iter().any(|t| t.attr("name") == Some("referrer")
                && t.attr("content") == Some(REFERRER_POLICY))
        );
        for t in tags
            .iter()
            .filter(|t| t.attr("src").is_some() && t.name == "script")
        {
            assert!(
                t.attr("integrity")
                    .is_some_and(|i| i.starts_with("sha256-")),
                "{path}: a script without integrity"
            );
        }
    }
    let headers = text("_headers");
    assert!(headers.contains(&format!(
        "Content-Security-Policy: {CSP}; frame-ancestors 'none'"
    )));
    assert!(headers.contains("/app/*\n  Cache-Control: public, max-age=31536000, immutable"));
}

#[test]
fn robots_and_the_sitemap_list_every_page_with_its_translations() {
    let site = load_site(&default_site()).unwrap();
    let base = site.config.base_url.clone().unwrap();
    assert!(text("robots.txt").contains(&format!("Sitemap: {base}sitemap.xml")));
    let sitemap = text("sitemap.xml");
    let locs: Vec<&str> = sitemap
        .split("<loc>")
        .skip(1)
        .map(|s| &s[..s.find("</loc>").unwrap()])
        .collect();
    let page_urls: Vec<String> = pages()
        .map(|(p, _)| format!("{base}{}", p.trim_end_matches("index.html")))
        .collect();
    assert_eq!(locs.len(), page_urls.len());
    for url in &page_urls {
        assert!(locs.contains(&url.as_str()), "{url} is not in the sitemap");
    }
    assert!(sitemap.contains(&format!(
        "<xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"{base}en/laptop-bg/prices/\"/>"
    )));
}

#[test]
fn price_pages_describe_each_service_and_its_prices_as_schema_org() {
    let site = load_site(&default_site()).unwrap();
    let mut checked = 0;
    for s in &site.sections {
        for memo in s.memos.iter().filter(|m| m.price_list().is_some()) {
            let list = &site.price_lists[memo.price_list().unwrap()];
            let path = format!("{}/{}/{}/index.html", memo.lang, s.id, memo.slug);
            let html = text(&path);
            let start = html.find("<script type=\"application/ld+json\">").unwrap();
            let json = &html[start..];
            let json = &json[json.find('>').unwrap() + 1..json.find("</script>").unwrap()];
            let ld: Value = serde_json::from_str(json).unwrap();
            assert_eq!(ld["@context"], "https://schema.org");
            let services = ld["itemListElement"].as_array().unwrap();
            assert_eq!(services.len(), list.items().count(), "{path}");
            for (item, service) in list.items().zip(services) {
                assert_eq!(service["@type"], "Service");
                assert_eq!(
                    service["name"],
                    item.name.best(&memo.lang, &list.languages),
                    "{path}"
                );
                let specs = service["offers"]["priceSpecification"].as_array();
                let prices: Vec<(String, String)> = specs
                    .into_iter()
                    .flatten()
                    .map(|p| {
                        (
                            p["price"].as_str().unwrap().to_owned(),
                            p["priceCurrency"].as_str().unwrap().to_owned(),
                        )
                    })
                    .collect();
                let expected: Vec<(String, String)> = match &item.pricing {
                    // Free only for eligible clients: a price of 0 would offer it to anyone.
                    Pricing::Free if item.eligibility.is_some() => Vec::new(),
                    Pricing::OnRequest => Vec::new(),
                    Pricing::Free => list
                        .shown_in
                        .iter()
                        .map(|c| ("0".to_owned(), c.code().to_owned()))
                        .collect(),
                    Pricing::Fixed { price } | Pricing::Surcharge { price } => {
                        amounts(&[&price.shown])
                    }
                    Pricing::Hourly {
                        first_hour,
                        next_hour,
                    } => amounts(&[&first_hour.shown, &next_hour.shown]),
                    Pricing::Tiered { tiers, .. } => {
                        amounts(&tiers.iter().map(|t| &t.price.shown).collect::<Vec<_>>())
                    }
                };
                assert_eq!(prices, expected, "{path}: {}", item.id);
                for p in specs.into_iter().flatten() {
                    if p["@type"] == "UnitPriceSpecification" {
                        assert_eq!(
                            p["valueAddedTaxIncluded"].as_bool(),
                            list.vat.map(|v| v.included),
                            "{path}: {}",
                            item.id
                        );
                    }
                }
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 4);
}

fn amounts(each: &[&tarif_engine::money::Amounts]) -> Vec<(String, String)> {
    each.iter()
        .flat_map(|a| a.iter())
        .map(|m| (m.amount.to_string(), m.currency.code().to_owned()))
        .collect()
}

#[test]
fn the_deployment_guide_states_the_policy_the_pages_carry() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    assert!(
        readme.contains(&format!("\n{CSP}\n")),
        "README's policy differs"
    );
    assert!(readme.contains(&format!("{CSP}; frame-ancestors 'none'\" always;")));
    assert!(readme.contains(&format!("Referrer-Policy \"{REFERRER_POLICY}\"")));
}

#[test]
fn every_page_has_a_title_a_description_and_a_canonical_address() {
    let site = load_site(&default_site()).unwrap();
    let base = site.config.base_url.clone().unwrap();
    for (path, html) in pages() {
        let tags = tags(html);
        let meta = |name: &str| {
            tags.iter()
                .find(|t| t.name == "meta" && t.attr("name") == Some(name))
                .and_then(|t| t.attr("content"))
                .map(str::to_owned)
        };
        let description = meta("description").unwrap_or_default();
        assert!(
            description.trim().len() > 10,
            "{path}: description {description:?}"
        );
        let title = &html[html.find("<title>").unwrap() + 7..html.find("</title>").unwrap()];
        assert!(!title.trim().is_empty(), "{path}");
        let canonical = tags
            .iter()
            .find(|t| t.name == "link" && t.attr("rel") == Some("canonical"))
            .and_then(|t| t.attr("href"))
            .unwrap_or_else(|| panic!("{path}: no canonical"));
        assert_eq!(
            canonical,
            format!("{base}{}", path.trim_end_matches("index.html"))
        );
    }
}
