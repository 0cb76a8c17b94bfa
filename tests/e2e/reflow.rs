//! Reflow (WCAG 2.2, 1.4.10): every page type and the app's main states, on a phone 320
//! and 360 CSS px wide, in the light and the dark scheme, without horizontal scrolling of
//! the page. A failure names each element that sticks out and by how much. (A region that
//! scrolls on its own, `overflow-x: auto` and focusable, does not make the page scroll.)

use fantoccini::Client;
use serde_json::{Value, json};

use super::{with_site, with_site_in};
use crate::harness::*;

/// A page (or app state), and what shows that it is ready.
const PAGES: [(&str, &str); 16] = [
    ("/index.html", "main"),
    ("/bg/index.html", "main"),
    ("/bg/laptop-bg/index.html", "main"),
    ("/ru/comportal/extended-service/index.html", "main"),
    ("/en/comportal/extended-service/index.html", "main"),
    ("/bg/laptop-bg/withdrawal/index.html", "main"),
    ("/bg/laptop-bg/prices/index.html", "#calc-search"),
    ("/en/laptop-bg/prices/index.html", "#calc-search"),
    ("/ru/comportal/prices/index.html", "main"),
    (
        "/bg/laptop-bg/quote/laptop-bg/index.html?q=laptop-diagnostics%2Cdata-backup%3A250GB%2Consite-visit%3A2h30m%2Cexpress",
        ".calc-total",
    ),
    ("/en/laptop-bg/wizard/withdrawal/index.html", "#wiz-heading"),
    ("/bg/laptop-bg/wizard/warranty/index.html", "#wiz-heading"),
    ("/ru/comportal/wizard/comportal/index.html", "#wiz-heading"),
    (
        "/en/laptop-bg/wizard/withdrawal/index.html?received=2026-11-01&product=device&payment-document=yes&complete=yes&data-removed=yes&defective=no&_review=1",
        ".summary-row",
    ),
    (
        "/en/laptop-bg/wizard/withdrawal/index.html?received=2026-11-01&product=device&payment-document=yes&complete=yes&data-removed=yes&defective=no&_done=1",
        ".wiz-verdict",
    ),
    ("/ru/search/index.html?q=гарантия", ".search-results mark"),
];

/// The page's width against the viewport's, and each element whose right edge passes the
/// viewport (outside a region that scrolls on its own).
const MEASURE: &str = "const W = document.documentElement.clientWidth;\
  const out = [];\
  for (const e of document.querySelectorAll('body *')) {\
    const r = e.getBoundingClientRect();\
    if (r.width === 0 || r.right <= W + 0.5) continue;\
    let p = e.parentElement, scrolls = false;\
    while (p && p !== document.body) {\
      if (getComputedStyle(p).overflowX !== 'visible' && p.clientWidth <= W) { scrolls = true; break; }\
      p = p.parentElement;\
    }\
    if (scrolls) continue;\
    const name = e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +\
      (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\\s+/).join('.') : '');\
    out.push(name + ' (right edge ' + Math.round(r.right) + ')');\
  }\
  return { page: document.documentElement.scrollWidth, viewport: W, out: out.slice(0, 8) };";

async fn phone(c: &Client, width: u32) -> Step<()> {
    c.issue_cmd(Chromium {
        path: "goog/cdp/execute",
        body: json!({ "cmd": "Emulation.setDeviceMetricsOverride", "params": {
            "width": width, "height": 740, "deviceScaleFactor": 2, "mobile": true } }),
    })
    .await
    .map(|_| ())
    .map_err(fail("the phone's screen"))
}

async fn check(c: &Client, base: &str, scheme: &str) -> Step<()> {
    let mut failed = Vec::new();
    let mut checked = 0;
    for width in [320, 360] {
        phone(c, width).await?;
        for (path, ready) in PAGES {
            c.goto(&format!("{base}{path}")).await.map_err(fail(path))?;
            wait_for(c, ready).await?;
            let v: Value = c.execute(MEASURE, vec![]).await.map_err(fail(path))?;
            checked += 1;
            if v["page"].as_u64() > v["viewport"].as_u64() {
                failed.push(format!(
                    "{width} px, {scheme}: {path} is {} px wide: {}",
                    v["page"], v["out"]
                ));
            }
        }
    }
    if failed.is_empty() {
        eprintln!("reflow ({scheme}): {checked} page states, none scrolls sideways");
        Ok(())
    } else {
        Err(format!(
            "{} of {checked} page states scroll sideways:\n{}",
            failed.len(),
            failed.join("\n")
        ))
    }
}

#[test]
fn every_page_reflows_at_320_and_360_px_in_the_light_scheme() {
    with_site_in(&[], |c, base| Box::pin(check(c, base, "light")));
}

#[test]
fn every_page_reflows_at_320_and_360_px_in_the_dark_scheme() {
    with_site_in(&["--force-dark-mode"], |c, base| {
        Box::pin(check(c, base, "dark"))
    });
}

/// Where the first question's heading and its Continue button are on a 390 × 844 phone
/// (CSS px), once the app shows the question.
const FOLD: &str = "const h = document.getElementById('wiz-heading').getBoundingClientRect();\
  const b = document.querySelector('#tarif-app button[type=submit]').getBoundingClientRect();\
  return { heading: h.top, button: b.bottom, viewport: window.innerHeight };";

#[test]
fn a_wizards_question_and_its_continue_are_above_the_fold_on_a_phone() {
    with_site(|c, base| {
        Box::pin(async move {
            c.issue_cmd(Chromium {
                path: "goog/cdp/execute",
                body: json!({ "cmd": "Emulation.setDeviceMetricsOverride", "params": {
                    "width": 390, "height": 844, "deviceScaleFactor": 3, "mobile": true } }),
            })
            .await
            .map_err(fail("the phone's screen"))?;
            let mut below = Vec::new();
            for path in [
                "/en/laptop-bg/wizard/withdrawal/index.html",
                "/bg/laptop-bg/wizard/warranty/index.html",
                "/ru/comportal/wizard/comportal/index.html",
            ] {
                c.goto(&format!("{base}{path}")).await.map_err(fail(path))?;
                wait_for(c, "#wiz-heading").await?;
                let v: Value = c.execute(FOLD, vec![]).await.map_err(fail(path))?;
                let fold = v["viewport"].as_f64().unwrap_or(0.0);
                let (heading, button) = (v["heading"].as_f64(), v["button"].as_f64());
                if !(heading.is_some_and(|h| h >= 0.0 && h < fold)
                    && button.is_some_and(|b| b <= fold))
                {
                    below.push(format!("{path}: {v}"));
                }
            }
            if below.is_empty() {
                Ok(())
            } else {
                Err(format!(
                    "the question or Continue is below the fold:\n{}",
                    below.join("\n")
                ))
            }
        })
    });
}
