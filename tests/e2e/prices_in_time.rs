//! Prices in time on a built site (issue 19): `tarif new`'s starter site, built on
//! 2026-06-15 with a price announced for 2027-01-01, opened with the browser's clock set
//! to the day before the change and to its day. The static table shows today's price and
//! the announced one without script; the calculator prices with the visitor's today, so
//! on each day its total is the figure the table gives for that day: they never disagree.

use std::path::Path;
use std::process::Command;

use serde_json::json;

use crate::harness::*;
use crate::in_browser;

/// 2026-06-15, noon, as `SOURCE_DATE_EPOCH`: the starter's announced change is then on
/// 2027-01-01.
const BUILT_ON: &str = "1781524800";

fn tarif(dir: &Path, args: &[&str]) {
    let out = Command::new(env!("CARGO_BIN_EXE_tarif"))
        .args(args)
        .env("SOURCE_DATE_EPOCH", BUILT_ON)
        .current_dir(dir)
        .output()
        .expect("tarif runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The browser's clock set to noon of `day` for every page opened from now on.
fn clock(day: &str) -> Chromium {
    let source = format!(
        "(() => {{ const Real = Date; const fixed = new Real('{day}T12:00:00').getTime();
           globalThis.Date = class extends Real {{
             constructor(...a) {{ if (a.length) {{ super(...a); }} else {{ super(fixed); }} }}
             static now() {{ return fixed; }} }}; }})();"
    );
    Chromium {
        path: "goog/cdp/execute",
        body: json!({ "cmd": "Page.addScriptToEvaluateOnNewDocument", "params": { "source": source } }),
    }
}

#[test]
fn the_static_table_and_the_calculator_agree_on_the_day_before_a_change_and_on_its_day() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let site = dir.path().join("site");
    tarif(dir.path(), &["new", site.to_str().unwrap()]);
    tarif(&site, &["build"]);
    let base = serve(site.join("public"));
    for (day, cell) in [
        ("2026-12-31", "diagnostics:price:EUR"),
        ("2027-01-01", "diagnostics@2027-01-01:price:EUR"),
    ] {
        in_browser(&base, &[], |c, base| {
            Box::pin(async move {
                c.issue_cmd(clock(day))
                    .await
                    .map_err(fail("set the clock"))?;
                let page = format!("{base}/en/services/prices/index.html?q=diagnostics");
                c.goto(&page).await.map_err(fail("the price page"))?;
                let total = wait_for(c, ".calc-total")
                    .await?
                    .text()
                    .await
                    .map_err(fail("the total"))?;
                let script =
                    format!("return document.querySelector('[data-price=\"{cell}\"]').textContent");
                let table = c
                    .execute(&script, vec![])
                    .await
                    .map_err(fail("the table"))?;
                let table = table.as_str().unwrap_or_default().replace('\u{a0}', " ");
                // The table (built months before) already shows the announced price; the
                // calculator's total on each day is that day's figure.
                if table.is_empty() || total.replace('\u{a0}', " ") != table {
                    return Err(format!(
                        "{day}: the calculator says {total:?}, the table {table:?}"
                    ));
                }
                Ok(())
            })
        });
    }
}
