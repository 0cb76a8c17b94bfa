//! Offline: after one visit the whole site works with the network gone. The browser is
//! taken offline through the WebDriver session (chromedriver's network conditions) and
//! the server stops answering too, so nothing can come from anywhere but the service
//! worker's cache.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use fantoccini::Client;
use serde_json::json;

use crate::harness::*;
use crate::{common, in_browser};

/// chromedriver's network conditions with the browser offline.
fn go_offline() -> Chromium {
    network(false)
}

/// chromedriver's network conditions with the browser online or not.
pub(crate) fn network(online: bool) -> Chromium {
    Chromium {
        path: "chromium/network_conditions",
        body: json!({ "network_conditions": {
            "offline": !online,
            "latency": 0,
            "download_throughput": -1,
            "upload_throughput": -1,
        }}),
    }
}

/// Waits until the service worker has precached the build and controls the page.
pub(crate) async fn controlled(c: &Client) -> Step<()> {
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

pub(crate) async fn heading(c: &Client) -> Step<String> {
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
    in_browser(&base, &[], |c, base| {
        Box::pin(async move {
            let memo = format!("{base}/ru/comportal/extended-service/index.html");
            c.goto(&memo).await.map_err(fail("the memo"))?;
            let online = heading(c).await?;
            controlled(c).await?;

            c.issue_cmd(go_offline())
                .await
                .map_err(fail("take the browser offline"))?;
            up.store(false, Ordering::SeqCst);

            c.refresh().await.map_err(fail("reload the memo"))?;
            let offline = heading(c).await?;
            if offline != online {
                return Err(format!("offline the memo shows {offline:?}"));
            }
            // The calculator (its wasm from the cache), restored from a sent link.
            c.goto(&format!(
                "{base}/bg/laptop-bg/quote/laptop-bg/index.html?q=laptop-diagnostics"
            ))
            .await
            .map_err(fail("the quote page"))?;
            wait_text(c, ".calc-total", "25,56 € (50,00 лв.)").await?;
            // A wizard never opened before: the whole site was precached, not just visits.
            c.goto(&format!("{base}/en/laptop-bg/wizard/withdrawal/index.html"))
                .await
                .map_err(fail("the wizard"))?;
            wait_for(c, "#wiz-input").await?;
            wait_for(c, "#decision-table").await?;
            // Search, offline too: the index is in the (precached) search page.
            c.goto(&format!("{base}/bg/search/index.html?q=гаранцията"))
                .await
                .map_err(fail("the search page"))?;
            wait_for(c, ".search-results mark").await?;
            Ok(())
        })
    });
}

/// The site's sources copied into `root`, where a test may change them.
fn copy_default_site(root: &std::path::Path) {
    for dir in ["content", "price-lists", "static"] {
        common::copy_dir(&common::default_site().join(dir), &root.join(dir));
    }
}

/// Whether a new build waits beside the one serving the page. It asks the browser to look
/// for one first, as it does by itself on navigation (which a busy machine may delay).
async fn new_build_waiting(c: &Client) -> Step<bool> {
    let script = "const done = arguments[0];
        navigator.serviceWorker.getRegistration()
            .then(r => r.update().catch(() => {}).then(() => done(!!r.waiting)))
            .catch(() => done(false));";
    let value = c
        .execute_async(script, vec![])
        .await
        .map_err(fail("the registration"))?;
    Ok(value.as_bool() == Some(true))
}

#[test]
fn a_new_build_takes_over_whole_and_only_when_the_old_pages_are_closed() {
    let sources = tempfile::tempdir().expect("a temporary folder");
    copy_default_site(sources.path());
    let memo_file = sources
        .path()
        .join("content/comportal/ru/extended-service.md");
    let out = tempfile::tempdir().expect("a temporary folder");
    let site = out.path().join("public");
    common::build(sources.path(), &site).expect("build A");
    let base = serve(site.clone());
    in_browser(&base, &[], |c, base| {
        Box::pin(async move {
            let memo = format!("{base}/ru/comportal/extended-service/index.html");
            c.goto(&memo).await.map_err(fail("the memo"))?;
            let a = heading(c).await?;
            controlled(c).await?;

            // Build B: the memo's title changes.
            let text = std::fs::read_to_string(&memo_file).map_err(fail("read"))?;
            let changed = text.replacen("title = \"", "title = \"Новое: ", 1);
            std::fs::write(&memo_file, changed).map_err(fail("write"))?;
            common::build(sources.path(), &site).map_err(fail("build B"))?;

            // The open page reloads from build A, and so does the rest of the site, while
            // B installs beside it and waits.
            c.refresh().await.map_err(fail("reload"))?;
            let started = Instant::now();
            while !new_build_waiting(c).await? {
                if started.elapsed() > Duration::from_secs(30) {
                    return Err("build B never finished installing".into());
                }
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
            c.refresh().await.map_err(fail("reload"))?;
            if heading(c).await? != a {
                return Err("an open page switched builds".into());
            }
            c.goto(&format!("{base}/ru/comportal/index.html"))
                .await
                .map_err(fail("the section"))?;
            let listed = c
                .find(fantoccini::Locator::Css("main"))
                .await
                .map_err(fail("main"))?
                .text()
                .await
                .map_err(fail("text"))?;
            if listed.contains("Новое: ") {
                return Err("a page of build B was served beside build A".into());
            }

            // Every page of A closed: B takes over, whole.
            let fresh = c.new_window(true).await.map_err(fail("a new tab"))?;
            c.close_window().await.map_err(fail("close A's tab"))?;
            c.switch_to_window(fresh.handle)
                .await
                .map_err(fail("switch"))?;
            let started = Instant::now();
            loop {
                c.goto(&memo).await.map_err(fail("the memo again"))?;
                let now = heading(c).await?;
                if now.starts_with("Новое: ") {
                    break;
                }
                if started.elapsed() > Duration::from_secs(30) {
                    return Err(format!("build B never took over: {now:?}"));
                }
                // A's tab may not have been let go of yet (a busy machine): the memo opened
                // again from A is itself a page of A. Leave it, so that A has no page open
                // when the next attempt comes, as when a reader comes back later.
                c.goto("about:blank").await.map_err(fail("a blank page"))?;
                tokio::time::sleep(Duration::from_millis(300)).await;
            }
            let caches = c
                .execute_async(
                    "const done = arguments[0]; caches.keys().then(done);",
                    vec![],
                )
                .await
                .map_err(fail("the caches"))?;
            if caches.as_array().map(Vec::len) != Some(1) {
                return Err(format!("the old build's cache stayed: {caches}"));
            }
            Ok(())
        })
    });
}
