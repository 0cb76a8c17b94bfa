//! For search engines: `sitemap.xml` (with each page's translations), `robots.txt`, and
//! schema.org JSON-LD for the services of a price list and their prices.
//!
//! Sitemaps need absolute addresses: without a `base_url` in site.toml there is no sitemap
//! and robots.txt names none.

use std::fmt::Write as _;

use rust_decimal::Decimal;
use serde_json::{Value, json};
use tarif_engine::date::Date;
use tarif_engine::locale::{Word, word};
use tarif_engine::price_list::{Price, PriceHistory, PriceList, Pricing};
use tarif_engine::text::Lang;

use super::app::script_json;
use super::{Page, escape};
use crate::site::model::Site;
use crate::site::url::PageDir;

/// `robots.txt`: everything may be crawled; the sitemap, when there is one.
pub fn robots(site: &Site) -> String {
    let mut text = String::from("User-agent: *\nAllow: /\n");
    if let Some(base) = &site.config.base_url {
        let _ = writeln!(text, "Sitemap: {base}sitemap.xml");
    }
    text
}

/// `sitemap.xml`: every page, each with its translations as `hreflang` alternates.
pub fn sitemap(site: &Site, pages: &[Page]) -> Option<String> {
    let base = site.config.base_url.as_ref()?;
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" \
         xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for page in pages {
        let _ = writeln!(
            xml,
            "<url><loc>{}</loc>",
            escape(&page.dir().absolute(base))
        );
        if !matches!(page, Page::Root) {
            for lang in page.languages(site) {
                let _ = writeln!(
                    xml,
                    "<xhtml:link rel=\"alternate\" hreflang=\"{lang}\" href=\"{}\"/>",
                    escape(&page.in_lang(lang).absolute(base))
                );
            }
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    Some(xml)
}

/// Who sells a list's services (the section's publisher) and who provides them (its
/// service provider, or the publisher itself).
pub struct Organisations<'a> {
    pub seller: &'a str,
    pub provider: &'a str,
}

/// The list's services as schema.org `Service`s, each offered at its prices (one
/// `UnitPriceSpecification` per currency shown, per tier or per hour step), as JSON safe
/// inside `<script type="application/ld+json">`. Items without a published price are
/// listed with no offer: never as a price of 0. Nor are items free only for eligible
/// clients (with `eligibility` data): a price of 0 would offer them to everyone.
/// A list through time and the build's day: each offer's `validFrom` (the day its price
/// took effect) and `priceValidUntil` (the day before its next announced change).
pub struct Dates<'a> {
    pub history: &'a PriceHistory,
    pub today: Date,
}

pub fn price_list_json_ld(
    list: &PriceList,
    dates: &Dates<'_>,
    lang: &Lang,
    by: &Organisations<'_>,
    page: &str,
) -> String {
    let langs = &list.languages;
    let provider = json!({ "@type": "Organization", "name": by.provider });
    let seller = json!({ "@type": "Organization", "name": by.seller });
    let services: Vec<Value> = list
        .items()
        .map(|item| {
            let mut service = json!({
                "@type": "Service",
                "@id": format!("{page}#{}", item.id),
                "name": item.name.best(lang, langs),
                "provider": provider,
            });
            let specs = if item.eligibility.is_some() {
                Vec::new()
            } else {
                specifications(list, &item.pricing, lang)
            };
            if !specs.is_empty() {
                let mut offer = json!({
                    "@type": "Offer",
                    "seller": seller,
                    "url": format!("{page}#{}", item.id),
                    "priceSpecification": specs,
                });
                let (history, today) = (dates.history, dates.today);
                if let Some(from) = history.item_since(&item.id, today) {
                    offer["validFrom"] = json!(from.to_string());
                }
                let next = history
                    .announced_after(today)
                    .iter()
                    .find(|c| c.item == item.id);
                if let Some(next) = next {
                    offer["priceValidUntil"] = json!(next.effective.add_days(-1).to_string());
                }
                service["offers"] = offer;
            }
            service
        })
        .collect();
    script_json(&json!({
        "@context": "https://schema.org",
        "@type": "OfferCatalog",
        "name": list.title.best(lang, langs),
        "inLanguage": lang.as_str(),
        "itemListElement": services,
    }))
}

fn specifications(list: &PriceList, pricing: &Pricing, lang: &Lang) -> Vec<Value> {
    let vat = list.vat.map(|v| v.included);
    let spec = |price: &Price, extra: Value| -> Vec<Value> {
        price
            .shown
            .iter()
            .map(|m| {
                let mut s = json!({
                    "@type": "UnitPriceSpecification",
                    "price": m.amount.to_string(),
                    "priceCurrency": m.currency.code(),
                });
                if let Some(included) = vat {
                    s["valueAddedTaxIncluded"] = json!(included);
                }
                if let (Value::Object(s), Value::Object(extra)) = (&mut s, &extra) {
                    s.extend(extra.clone());
                }
                s
            })
            .collect()
    };
    match pricing {
        Pricing::Fixed { price } | Pricing::Surcharge { price } => spec(price, json!({})),
        Pricing::Free => list
            .shown_in
            .iter()
            .map(|c| json!({ "@type": "PriceSpecification", "price": "0", "priceCurrency": c.code() }))
            .collect(),
        Pricing::OnRequest => Vec::new(),
        Pricing::Tiered {
            measure,
            from,
            tiers,
        } => {
            let mut lower: Option<Decimal> = *from;
            let mut specs = Vec::new();
            for tier in tiers {
                let mut quantity = json!({
                    "@type": "QuantitativeValue",
                    "maxValue": tier.up_to.to_string(),
                    "unitText": measure,
                });
                if let Some(l) = lower {
                    quantity["minValue"] = json!(l.to_string());
                }
                specs.extend(spec(&tier.price, json!({ "eligibleQuantity": quantity })));
                lower = Some(tier.up_to);
            }
            specs
        }
        Pricing::Hourly {
            first_hour,
            next_hour,
        } => {
            let hour = |name: Word| json!({ "name": word(lang, name), "unitCode": "HUR" });
            let mut specs = spec(first_hour, hour(Word::FirstHour));
            specs.extend(spec(next_hour, hour(Word::EachStartedHour)));
            specs
        }
    }
}

/// The page's address for JSON-LD ids: absolute with a `base_url`, else from the root.
pub fn page_address(site: &Site, dir: &PageDir) -> String {
    match &site.config.base_url {
        Some(base) => dir.absolute(base),
        None => dir.absolute("/"),
    }
}
