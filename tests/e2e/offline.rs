//! Offline: after one visit the whole site works with the network gone. The browser is
//! taken offline through the WebDriver session (chromedriver's network conditions) and
//! the server stops answering too, so nothing can come from anywhere but the service
//! worker's cache.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use fantoccini::Client;
use fantoccini::wd::WebDriverCompatibleCommand;
use serde_json::json;

use crate::common;
use crate::harness::*;

/// chromedriver's `POST /session/{id}/chromium/network_conditions`.
#[derive(Debug)]
struct NetworkConditions {
    offline: bool,
}

impl WebDriverCompatibleCommand for NetworkConditions {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/chromium/network_conditions",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        let body = json!({ "network_conditions": {
            "offline": self.offline,
            "latency": 0,
            "download_throughput": -1,
            "upload_throughput": -1,
        }});
        (http::Method::POST, Some(body.to_string()))
    }
}

/// Waits until the service worker has precached the build and controls the page.
async fn controlled(c: &Client) -> Step<()> {
    let started = Instant::now();
    loop {
        let script = "return !!navigator.serviceWorker && !!navigator.serviceWorker.controller";
        let value = c.execute(script, vec![]).await.map_err(fail("ask"))?;
        if value.as_bool() == Some(true) {
            return Ok(());
        }
        if started.elapsed() > Duration::from_secs(30) {
            return Err("no service worker took control of the page".into());
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

async fn heading(c: &Client) -> Step<String> {
    wait_for(c, "h1")
        .await?
        .text()
        .await
        .map_err(fail("the heading"))
}

#[test]
fn after_one_visit_memos_the_calculator_and_wizards_work_with_the_network_gone() {
    let out = tempfile::tempdir().expect("a temporary folder");
    let site = out.path().join("public");
    common::build(&common::default_site(), &site).expect("the default site builds");
    let up = Arc::new(AtomicBool::new(true));
    let base = serve_while(site, up.clone());
    let driver = Driver::start();
    let runtime = tokio::runtime::Runtime::new().expect("a tokio runtime");
    let result: Step<()> = runtime.block_on(async {
        let c = driver.session(&[]).await;
        let result = async {
            let memo = format!("{base}/ru/comportal/extended-service/index.html");
            c.goto(&memo).await.map_err(fail("the memo"))?;
            let online = heading(&c).await?;
            controlled(&c).await?;

            c.issue_cmd(NetworkConditions { offline: true })
                .await
                .map_err(fail("take the browser offline"))?;
            up.store(false, Ordering::SeqCst);

            c.refresh().await.map_err(fail("reload the memo"))?;
            let offline = heading(&c).await?;
            if offline != online {
                return Err(format!("offline the memo shows {offline:?}"));
            }
            // The calculator (its wasm from the cache), restored from a sent link.
            c.goto(&format!(
                "{base}/bg/laptop-bg/quote/laptop-bg/index.html?q=laptop-diagnostics"
            ))
            .await
            .map_err(fail("the quote page"))?;
            wait_text(&c, ".calc-total", "25,56 € (50,00 лв.)").await?;
            // A wizard never opened before: the whole site was precached, not just visits.
            c.goto(&format!("{base}/en/laptop-bg/wizard/withdrawal/index.html"))
                .await
                .map_err(fail("the wizard"))?;
            wait_for(&c, "#wiz-input").await?;
            wait_for(&c, "#decision-table").await?;
            // Search, offline too: the index is in the (precached) search page.
            c.goto(&format!("{base}/bg/search/index.html?q=гаранцията"))
                .await
                .map_err(fail("the search page"))?;
            wait_for(&c, ".search-results mark").await?;
            Ok(())
        }
        .await;
        let _ = c.close().await;
        result
    });
    drop(driver);
    if let Err(e) = result {
        panic!("{e}");
    }
}
