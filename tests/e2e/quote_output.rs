//! What a sales person takes away from the calculator: the quote copied as text for a
//! messenger, and the quote printed alone on its page.

use fantoccini::{Client, Locator};
use serde_json::{Value, json};
use tarif_engine::quote::{self, text::quote_text};
use tarif_engine::text::Lang;

use crate::harness::*;
use crate::{common, with_site};

/// The order of the test: the diagnostics with the express option.
const ORDER: &str = "laptop-diagnostics,express";

/// Runs `script` in the page and returns its value.
async fn run(c: &Client, script: &str) -> Step<Value> {
    c.execute(script, vec![]).await.map_err(fail(script))
}

/// Clicks the calculator's action button labelled `label`.
async fn action(c: &Client, label: &str) -> Step<()> {
    let buttons = c
        .find_all(Locator::Css(".calc-actions button"))
        .await
        .map_err(fail("the action buttons"))?;
    for b in buttons {
        if b.text().await.map_err(fail("a button's text"))? == label {
            return b.click().await.map_err(fail(label));
        }
    }
    Err(format!("no button {label:?}"))
}

#[test]
fn the_quote_copies_as_text_and_prints_alone() {
    // What the engine writes for the same order: the copy must carry exactly that.
    let list = common::price_list("laptop-bg");
    let en = Lang::new("en").unwrap();
    // Priced as of today (the browser's, on this machine), as a new quote is.
    let today = tarif::clock::today();
    let history = tarif_engine::price_list::PriceHistory::undated(list.clone());
    let q = quote::quote_on(&history, today, &quote::state::read(ORDER)).expect("the order prices");
    let expected = quote_text(&list, &q, &en);
    with_site(move |c, base| {
        Box::pin(async move {
            // The price page: the memo, its price table and the calculator below them.
            let page = format!("{base}/en/laptop-bg/prices/index.html");
            c.goto(&format!("{page}?q={}", ORDER.replace(',', "%2C")))
                .await
                .map_err(fail("the quote page"))?;
            wait_for(c, ".calc-total").await?;
            // The browser's clipboard and print dialog, recorded instead of used.
            run(
                c,
                "window.__copied = null; window.__printed = null;\
                 Object.defineProperty(navigator, 'clipboard', { configurable: true, value: {\
                   writeText: t => { window.__copied = t; return Promise.resolve(); } } });\
                 window.print = () => { window.__printed =\
                   document.documentElement.classList.contains('print-quote'); };",
            )
            .await?;

            action(c, "Copy as text").await?;
            wait_text(c, ".calc-copied", "The quote was copied.").await?;
            let copied = run(c, "return window.__copied").await?;
            let copied = copied.as_str().ok_or("nothing was copied")?;
            // The trader (the section's publisher, not the site's name), the date as the
            // language writes it, and the link that reopens the quote.
            let mut lines = copied.lines();
            let link =
                format!("Link to this quote: {page}?q=laptop-diagnostics%2Cexpress&d={today}");
            if lines.next() != Some("Laptop BG EAD")
                || !lines.next().is_some_and(|l| {
                    l.starts_with("Date: ")
                        && l.chars().nth(6).is_some_and(|c| c.is_ascii_digit())
                        && l.split(' ')
                            .nth(2)
                            .is_some_and(|m| m.chars().all(char::is_alphabetic))
                })
                || lines.next() != Some(link.as_str())
            {
                return Err(format!("no publisher, date and link on top of {copied}"));
            }
            if !copied.contains(&expected) {
                return Err(format!(
                    "the copy\n{copied}\nlacks the engine's quote\n{expected}"
                ));
            }
            // The terms it rests on, as links that work outside the site.
            let terms = format!("{base}/en/laptop-bg/");
            if !copied
                .lines()
                .any(|l| l.contains(": ") && l.contains(&terms))
            {
                return Err(format!("no absolute link to the terms in {copied}"));
            }

            action(c, "Print the quote").await?;
            let printed = run(c, "return window.__printed").await?;
            if printed != json!(true) {
                return Err(format!("print ran with the quote's print style: {printed}"));
            }
            let after = "return document.documentElement.classList.contains('print-quote')";
            if run(c, after).await? != json!(false) {
                return Err("the print style stayed on after printing".into());
            }

            // As printed: the quote's head, lines and totals; not the site around it, the
            // price table, the search field or the buttons.
            c.issue_cmd(Chromium {
                path: "goog/cdp/execute",
                body: json!({ "cmd": "Emulation.setEmulatedMedia", "params": { "media": "print" } }),
            })
            .await
            .map_err(fail("print media"))?;
            run(c, "document.documentElement.classList.add('print-quote')").await?;
            let shown = run(
                c,
                "const shown = s => [...document.querySelectorAll(s)]\
                   .some(e => getComputedStyle(e).display !== 'none' && e.getClientRects().length > 0);\
                 return Object.fromEntries(['.calc-print-head', '.calc-lines', '.calc-totals',\
                   '.calc-terms', '.site-header', '.site-footer', '.price-list', 'article > p', '.calc-find',\
                   '.calc-actions', '.calc-options'].map(s => [s, shown(s)]));",
            )
            .await?;
            let expected_shown = json!({
                ".calc-print-head": true, ".calc-lines": true, ".calc-totals": true,
                ".calc-terms": true, ".site-header": false, ".site-footer": false,
                ".price-list": false, "article > p": false, ".calc-find": false, ".calc-actions": false,
                ".calc-options": false,
            });
            if shown != expected_shown {
                return Err(format!("printed: {shown}"));
            }
            let head = c
                .find(Locator::Css(".calc-print-head"))
                .await
                .map_err(fail("the print head"))?
                .text()
                .await
                .map_err(fail("its text"))?;
            if !head.starts_with("Laptop BG EAD\n")
                || !head.contains("Quote · Date: ")
                || !head.contains("Link to this quote: http")
                || head.contains("tarif")
            {
                return Err(format!("the printed head says {head:?}"));
            }

            // The quote page printed from the browser's own menu (Ctrl+P: print media, no
            // button): the quote alone all the same, its terms with their addresses, and
            // no dropdown arrow on the size's unit.
            let quote_page = format!(
                "{base}/en/laptop-bg/quote/laptop-bg/index.html?q=data-backup%3A250GB%2Cexpress"
            );
            c.goto(&quote_page).await.map_err(fail("the quote page"))?;
            wait_for(c, ".calc-total").await?;
            let shown = run(
                c,
                "const shown = s => [...document.querySelectorAll(s)]\
                   .some(e => getComputedStyle(e).display !== 'none' && e.getClientRects().length > 0);\
                 return Object.fromEntries(['.calc-print-head', '.calc-lines', '.calc-totals',\
                   '.calc-terms', '.calc-url', '.calc-rate', '.site-header', '.site-footer',\
                   '.calc-find', '.calc-actions'].map(s => [s, shown(s)]));",
            )
            .await?;
            let expected_shown = json!({
                ".calc-print-head": true, ".calc-lines": true, ".calc-totals": true,
                ".calc-terms": true, ".calc-url": true, ".calc-rate": true, ".site-header": false,
                ".site-footer": false, ".calc-find": false, ".calc-actions": false,
            });
            if shown != expected_shown {
                return Err(format!("printed with Ctrl+P: {shown}"));
            }
            let url = run(c, "return document.querySelector('.calc-url').textContent").await?;
            if !url
                .as_str()
                .is_some_and(|u| u.starts_with(&format!("{base}/en/laptop-bg/")))
            {
                return Err(format!("a term prints as {url}"));
            }
            let arrow = run(
                c,
                "return getComputedStyle(document.querySelector('.calc-lines select')).appearance",
            )
            .await?;
            if arrow != json!("none") {
                return Err(format!(
                    "the unit's dropdown prints with appearance {arrow}"
                ));
            }
            Ok(())
        })
    });
}
