//! What an end-to-end test needs: the default site built by the real generator, served
//! on 127.0.0.1 by tarif's static-file server, and Chromium driven through chromedriver. The
//! browser runs headless with the flags that keep it off the network, in a fresh profile.

use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use tarif_static_files::{Caching, StaticFiles, serve_on_loopback};

/// Serves `dir` on 127.0.0.1 as it will be published (`tarif_static_files`, the server of
/// `tarif serve` and `cargo xtask lighthouse`, with the site's `_headers`) from background
/// threads; returns the base URL.
pub fn serve(dir: PathBuf) -> String {
    serve_while(dir, Arc::new(AtomicBool::new(true)))
}

/// Serves `dir` while `up` holds; after, every connection is dropped unanswered, as if
/// the network were gone.
pub fn serve_while(dir: PathBuf, up: Arc<AtomicBool>) -> String {
    let files = StaticFiles::new(dir, Caching::Published);
    let address = serve_on_loopback(files, move || up.load(Ordering::SeqCst))
        .expect("a free port on loopback");
    format!("http://{address}")
}

/// chromedriver on a free port, ended when dropped.
pub struct Driver {
    child: Child,
    pub port: u16,
    profile: tempfile::TempDir,
}

impl Driver {
    pub fn start() -> Driver {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("a free port");
        let child = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver runs (cargo xtask test installs Debian's chromium-driver)");
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "chromedriver did not start"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        Driver {
            child,
            port,
            profile: tempfile::tempdir().expect("a temporary profile folder"),
        }
    }

    /// A WebDriver session in headless Chromium, started with `extra` flags too
    /// (`--force-dark-mode`: the pages in their dark colour scheme).
    pub async fn session(&self, extra: &[&str]) -> Client {
        let args = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--window-size=1280,900",
        ];
        let mut args: Vec<String> = args.iter().chain(extra).map(|a| a.to_string()).collect();
        args.push(format!("--user-data-dir={}", self.profile.path().display()));
        let mut caps = serde_json::Map::new();
        caps.insert(
            "goog:chromeOptions".into(),
            serde_json::json!({ "binary": "/usr/bin/chromium", "args": args }),
        );
        ClientBuilder::new(HttpConnector::new())
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{}", self.port))
            .await
            .expect("a WebDriver session")
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub type Step<T> = Result<T, String>;

/// Fails a step with what went wrong.
pub fn fail<E: std::fmt::Debug>(what: &str) -> impl FnOnce(E) -> String + '_ {
    move |e| format!("{what}: {e:?}")
}

/// How long a step waits for the page: generous, for a loaded 2-core CI machine.
const PATIENCE: Duration = Duration::from_secs(20);

/// The element matching `css`, waiting up to [`PATIENCE`] for it to appear.
pub async fn wait_for(c: &Client, css: &str) -> Step<fantoccini::elements::Element> {
    c.wait()
        .at_most(PATIENCE)
        .for_element(Locator::Css(css))
        .await
        .map_err(fail(css))
}

/// The text of `css` once it equals `expected` (waiting up to [`PATIENCE`]), or what it was.
pub async fn wait_text(c: &Client, css: &str, expected: &str) -> Step<()> {
    let started = Instant::now();
    loop {
        let text = match c.find(Locator::Css(css)).await {
            Ok(e) => e.text().await.unwrap_or_default(),
            Err(_) => String::new(),
        };
        if text == expected {
            return Ok(());
        }
        if started.elapsed() > PATIENCE {
            return Err(format!("{css} says {text:?}, not {expected:?}"));
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Keys as WebDriver spells them.
pub const TAB: &str = "\u{e004}";
pub const ENTER: &str = "\u{e007}";
pub const SPACE: &str = "\u{e00d}";
pub const ARROW_DOWN: &str = "\u{e015}";

/// Presses `keys` on whatever has the focus.
pub async fn press(c: &Client, keys: &str) -> Step<()> {
    let focused = c
        .active_element()
        .await
        .map_err(fail("the focused element"))?;
    focused.send_keys(keys).await.map_err(fail("keys"))
}

/// The id of the focused element.
pub async fn focused_id(c: &Client) -> Step<String> {
    let focused = c
        .active_element()
        .await
        .map_err(fail("the focused element"))?;
    Ok(focused
        .attr("id")
        .await
        .map_err(fail("its id"))?
        .unwrap_or_default())
}

/// Presses Tab until the element with `id` has the focus (at most 60 times).
pub async fn tab_to(c: &Client, id: &str) -> Step<()> {
    for _ in 0..60 {
        if focused_id(c).await? == id {
            return Ok(());
        }
        press(c, TAB).await?;
    }
    Err(format!("Tab never reached #{id}"))
}

/// One of chromedriver's own commands, beyond WebDriver: `POST /session/{id}/{path}` with
/// a JSON body (`chromium/network_conditions`, `goog/cdp/execute`).
#[derive(Debug)]
pub struct Chromium {
    pub path: &'static str,
    pub body: serde_json::Value,
}

impl fantoccini::wd::WebDriverCompatibleCommand for Chromium {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/{}",
            session_id.unwrap_or_default(),
            self.path
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(self.body.to_string()))
    }
}
