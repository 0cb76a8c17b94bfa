//! End to end: the real default site, built by `tarif` with the app embedded, served on
//! 127.0.0.1, used in headless Chromium as a sales person and a visitor use it.
//!
//! Needs Chromium, chromedriver and a `tarif` built after `cargo xtask app`;
//! `cargo xtask test` provides all three.

mod a11y;
mod harness;
mod live_styles;
mod offline;
mod prices_in_time;
mod quote_output;
mod reflow;
mod scale;
mod search;

use fantoccini::{Client, Locator};
use harness::*;

#[path = "../common/mod.rs"]
mod common;

/// Builds the default site with the app, serves it, runs `scenario` in a fresh browser
/// session, and always closes the session before reporting.
pub(crate) fn with_site<F>(scenario: F)
where
    F: for<'c> FnOnce(
        &'c Client,
        &'c str,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = Step<()>> + 'c>>,
{
    with_site_in(&[], scenario)
}

/// [`with_site`] in a browser started with `flags` too (see [`Driver::session`]).
fn with_site_in<F>(flags: &[&str], scenario: F)
where
    F: for<'c> FnOnce(
        &'c Client,
        &'c str,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = Step<()>> + 'c>>,
{
    assert!(
        tarif::app_bundle::APP.is_some(),
        "this tarif was built without the app: run `cargo xtask app` (or `cargo xtask test`) first"
    );
    let out = tempfile::tempdir().expect("a temporary folder");
    let site = out.path().join("public");
    common::build(&common::default_site(), &site).expect("the default site builds");
    in_browser(&serve(site), flags, scenario);
}

/// Runs `scenario` on the site served at `base` in a fresh browser session (started with
/// `flags` too), and always closes the session before reporting.
pub(crate) fn in_browser<F>(base: &str, flags: &[&str], scenario: F)
where
    F: for<'c> FnOnce(
        &'c Client,
        &'c str,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = Step<()>> + 'c>>,
{
    let driver = Driver::start();
    let runtime = tokio::runtime::Runtime::new().expect("a tokio runtime");
    let result = runtime.block_on(async {
        let client = driver.session(flags).await;
        let result = scenario(&client, base).await;
        let _ = client.close().await;
        result
    });
    drop(driver);
    if let Err(e) = result {
        panic!("{e}");
    }
}

#[test]
fn a_sales_person_builds_a_quote_sends_its_link_and_it_reopens() {
    with_site(|c, base| {
        Box::pin(async move {
            let page = format!("{base}/bg/laptop-bg/quote/laptop-bg/index.html");
            c.goto(&page).await.map_err(fail("the quote page"))?;
            // WebDriver reads rendered text: the no-break spaces of money come back as spaces.
            let search = wait_for(c, "#calc-search").await?;
            search.send_keys("диагност").await.map_err(fail("search"))?;
            wait_for(
                c,
                "#calc-matches button[aria-label='Добави Диагностика (Лаптопи)']",
            )
            .await?
            .click()
            .await
            .map_err(fail("add"))?;
            wait_text(c, ".calc-total", "25,56 € (50,00 лв.)").await?;

            search.clear().await.map_err(fail("clear"))?;
            search
                .send_keys("запазване")
                .await
                .map_err(fail("search"))?;
            let backup = "#calc-matches button[aria-label='Добави Запазване на информация от SSD/HDD диск (по капацитет) (Софтуерни услуги)']";
            wait_for(c, backup)
                .await?
                .click()
                .await
                .map_err(fail("add backup"))?;
            wait_for(c, "#calc-q-1")
                .await?
                .send_keys("250")
                .await
                .map_err(fail("size"))?;
            c.find(Locator::Css("#calc-opt-express"))
                .await
                .map_err(fail("express"))?
                .click()
                .await
                .map_err(fail("tick"))?;
            // 50 + 60 + 70 лв; in euro the converted prices added: 25.56 + 30.68 + 35.79.
            wait_text(c, ".calc-total", "92,03 € (180,00 лв.)").await?;

            let link = c.current_url().await.map_err(fail("the URL"))?.to_string();
            assert!(
                link.contains("q=laptop-diagnostics%2Cdata-backup%3A250GB%2Cexpress"),
                "{link}"
            );
            c.goto(&page).await.map_err(fail("back to an empty page"))?;
            wait_text(c, ".calc-total", "0,00 € (0,00 лв.)").await?;
            c.goto(&link).await.map_err(fail("the sent link"))?;
            wait_text(c, ".calc-total", "92,03 € (180,00 лв.)").await?;
            let size = wait_for(c, "#calc-q-1")
                .await?
                .prop("value")
                .await
                .map_err(fail("value"))?;
            if size.as_deref() != Some("250") {
                return Err(format!("the size came back as {size:?}"));
            }
            Ok(())
        })
    });
}

#[test]
fn a_visitor_completes_the_withdrawal_wizard_by_keyboard_alone() {
    with_site(|c, base| {
        Box::pin(async move {
            c.goto(&format!("{base}/en/laptop-bg/wizard/withdrawal/index.html"))
                .await
                .map_err(fail("the wizard"))?;
            wait_for(c, "#wiz-input").await?;
            // Three days ago, as day / month / year fields.
            let received = chrono_free_days_ago(3);
            tab_to(c, "wiz-input").await?;
            press(c, &received.0).await?;
            press(c, TAB).await?;
            press(c, &received.1).await?;
            press(c, TAB).await?;
            press(c, &received.2).await?;
            press(c, ENTER).await?;
            wait_text(c, "#wiz-heading", "What did you buy?").await?;
            // Focus moved to the new question's heading; the first option is next.
            if focused_id(c).await? != "wiz-heading" {
                return Err("focus did not move to the question".into());
            }
            for (question, keys) in [
                ("What did you buy?", format!("{TAB}{SPACE}{ENTER}")),
                (
                    "Do you have a payment document",
                    format!("{TAB}{SPACE}{ENTER}"),
                ),
                ("Will you return the device", format!("{TAB}{SPACE}{ENTER}")),
                (
                    "Have you removed any software",
                    format!("{TAB}{SPACE}{ENTER}"),
                ),
                (
                    "Is the device defective",
                    format!("{TAB}{ARROW_DOWN}{ENTER}"),
                ),
            ] {
                let heading = wait_for(c, "#wiz-heading")
                    .await?
                    .text()
                    .await
                    .map_err(fail("heading"))?;
                if !heading.starts_with(question) {
                    return Err(format!("expected {question:?}, on {heading:?}"));
                }
                press(c, &keys).await?;
                tokio::time::sleep(std::time::Duration::from_millis(150)).await;
            }
            wait_text(c, "#wiz-heading", "Check your answers").await?;
            tab_to(c, "wiz-continue").await?;
            press(c, ENTER).await?;
            let heading = wait_for(c, ".wiz-verdict #wiz-heading")
                .await?
                .text()
                .await
                .map_err(fail("outcome"))?;
            if !heading.starts_with("Yes: you can withdraw from the purchase until") {
                return Err(format!("the outcome says {heading:?}"));
            }
            let body = c
                .find(Locator::Css("main"))
                .await
                .map_err(fail("main"))?
                .text()
                .await
                .map_err(fail("text"))?;
            if !body.contains("You pay the direct costs of returning the device.") {
                return Err(format!("no return costs in {body}"));
            }
            Ok(())
        })
    });
}

/// (day, month, year) of `n` days before today, from the system clock, for typing.
fn chrono_free_days_ago(n: i64) -> (String, String, String) {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let date = tarif_engine::date::Date::from_unix_days(secs.div_euclid(86_400)).add_days(-n);
    let (y, m, d) = date.ymd();
    (d.to_string(), m.to_string(), y.to_string())
}
