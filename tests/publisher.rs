//! Who publishes a section's terms and prices, on every page of it: each section's footer
//! names its `[publisher]` (legal name and details, in the page's language), its price
//! pages' schema.org data name it as the seller and its provider as the provider, and the
//! pages of no section name the site's own company.

mod common;

use std::collections::BTreeMap;

use common::{build, default_site, pages, text};
use serde_json::Value;
use tarif::site::load_site;

/// The built default site: path → HTML.
fn built() -> BTreeMap<String, String> {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    build(&default_site(), &out).unwrap_or_else(|p| panic!("{p:#?}"));
    pages(&out)
}

/// The text of the page's footer.
fn footer(html: &str) -> String {
    let start = html.find("<footer").expect("a footer");
    let end = html[start..].find("</footer>").expect("its end") + start;
    text(&html[start..end])
}

/// The schema.org data of a page, if it has some.
fn json_ld(html: &str) -> Option<Value> {
    let open = r#"<script type="application/ld+json">"#;
    let start = html.find(open)? + open.len();
    let end = html[start..].find("</script>")? + start;
    Some(serde_json::from_str(&html[start..end]).expect("JSON-LD parses"))
}

#[test]
fn each_sections_footer_and_schema_data_name_its_publisher() {
    let site = load_site(&default_site()).unwrap();
    let built = built();
    let mut footers = 0;
    let mut offers = 0;
    for section in &site.sections {
        let publisher = section
            .config
            .publisher
            .as_ref()
            .unwrap_or_else(|| panic!("{} names no publisher", section.id));
        let langs = &section.config.languages;
        for (path, html) in built
            .iter()
            .filter(|(p, _)| p.split('/').nth(1) == Some(section.id.as_str()))
        {
            let lang = site
                .languages
                .iter()
                .find(|l| path.starts_with(&format!("{l}/")))
                .unwrap();
            let name = publisher.name.best(lang, langs);
            let footer = footer(html);
            assert!(footer.contains(&format!("© {name}")), "{path}: {footer}");
            assert!(!footer.contains("tarif"), "{path}: {footer}");
            for d in &publisher.details {
                assert!(footer.contains(d.best(lang, langs)), "{path}: {footer}");
            }
            footers += 1;
            let Some(data) = json_ld(html) else {
                continue;
            };
            let provider = publisher
                .provider
                .as_ref()
                .map_or(name, |p| p.best(lang, langs));
            for service in data["itemListElement"].as_array().unwrap() {
                assert_eq!(service["provider"]["name"], provider, "{path}");
                if let Some(offer) = service.get("offers") {
                    assert_eq!(offer["seller"]["name"], name, "{path}");
                    offers += 1;
                }
            }
        }
    }
    assert!(footers >= 30, "{footers} section pages");
    assert!(offers > 20, "{offers} offers");
}

#[test]
fn the_default_sites_publishers_are_the_traders_the_documents_name() {
    let site = load_site(&default_site()).unwrap();
    let built = built();
    let laptop = footer(&built["bg/laptop-bg/prices/index.html"]);
    assert!(laptop.contains("© Лаптоп БГ ЕАД"), "{laptop}");
    let comportal = footer(&built["ru/comportal/extended-service/index.html"]);
    assert!(comportal.contains("© ТОО «Comportal»"), "{comportal}");
    assert!(comportal.contains("SGK@alsi.kz"), "{comportal}");
    assert!(comportal.contains("«АЛСИ СЕРВИС»"), "{comportal}");
    // Pages of no section name the site's own company.
    let home = footer(&built["en/index.html"]);
    assert!(
        home.contains(&format!("© {}", site.config.company)),
        "{home}"
    );
}
