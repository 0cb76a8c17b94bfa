//! `tarif serve`: a stylesheet of the site's `static/` edited while a page is open is
//! taken by the page in place, without a reload (what was done on the page stays).

use std::fs;
use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::common;
use crate::harness::*;
use crate::in_browser;

/// Stops the server even when the scenario fails.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The page's `--live-test` as its styles say, once it is `expected` (up to 20 s).
async fn wait_style(c: &fantoccini::Client, expected: &str) -> Step<()> {
    let started = Instant::now();
    loop {
        let v: Value = c
            .execute(
                "return getComputedStyle(document.documentElement).getPropertyValue('--live-test').trim();",
                vec![],
            )
            .await
            .map_err(fail("the style"))?;
        if v.as_str() == Some(expected) {
            return Ok(());
        }
        if started.elapsed() > Duration::from_secs(20) {
            return Err(format!("--live-test is {v}, not {expected}"));
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[test]
fn a_stylesheet_edit_is_applied_in_an_open_page_without_a_reload() {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let root = tmp.path().join("site");
    common::copy_base_site(&root);
    let css = root.join("static/live.css");
    fs::write(&css, ":root { --live-test: one; }\n").expect("a stylesheet");
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port");
    let _server = Server(
        Command::new(env!("CARGO_BIN_EXE_tarif"))
            .args(["serve", "--root"])
            .arg(&root)
            .args(["--port", &port.to_string()])
            .stderr(Stdio::null())
            .spawn()
            .expect("tarif serve starts"),
    );
    let base = format!("http://127.0.0.1:{port}");
    in_browser(&base, &[], |c, base| {
        Box::pin(async move {
            // The first build may take a moment: the waiting page reloads by itself.
            c.goto(&format!("{base}/en/index.html"))
                .await
                .map_err(fail("the home page"))?;
            wait_for(c, "main").await?;
            // The site's own stylesheet, linked by the page (as a template override
            // would), and a mark that a reload would wipe.
            c.execute(
                "const l = document.createElement('link'); l.rel = 'stylesheet'; \
                 l.href = '/live.css'; document.head.appendChild(l); window.notReloaded = true;",
                vec![],
            )
            .await
            .map_err(fail("link the stylesheet"))?;
            wait_style(c, "one").await?;
            fs::write(css, ":root { --live-test: two; }\n").map_err(fail("edit the stylesheet"))?;
            wait_style(c, "two").await?;
            let kept: Value = c
                .execute("return window.notReloaded === true;", vec![])
                .await
                .map_err(fail("the mark"))?;
            if kept != Value::Bool(true) {
                return Err("the page reloaded instead of taking the stylesheet".into());
            }
            Ok(())
        })
    });
}
