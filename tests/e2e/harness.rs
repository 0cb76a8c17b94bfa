//! What an end-to-end test needs: the default site built by the real generator, served
//! from a small static server on 127.0.0.1, and Chromium driven through chromedriver. The
//! browser runs headless with the flags that keep it off the network, in a fresh profile.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;

/// Serves `dir` on 127.0.0.1 from a background thread; returns the base URL.
pub fn serve(dir: PathBuf) -> String {
    serve_while(dir, Arc::new(AtomicBool::new(true)))
}

/// Serves `dir` while `up` holds; after, every connection is dropped unanswered, as if
/// the network were gone.
pub fn serve_while(dir: PathBuf, up: Arc<AtomicBool>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free port on loopback");
    let port = listener.local_addr().expect("an address").port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            if !up.load(Ordering::SeqCst) {
                drop(stream);
                continue;
            }
            let dir = dir.clone();
            std::thread::spawn(move || answer(stream, &dir));
        }
    });
    format!("http://127.0.0.1:{port}")
}

fn answer(mut stream: TcpStream, dir: &Path) {
    let mut line = String::new();
    if BufReader::new(&stream).read_line(&mut line).is_err() {
        return;
    }
    let path = line.split_whitespace().nth(1).unwrap_or("/");
    let path = path
        .split(['?', '#'])
        .next()
        .unwrap_or("/")
        .trim_start_matches('/');
    let mut file = dir.join(path);
    if path.contains("..") {
        file = dir.join("missing");
    } else if file.is_dir() {
        file = file.join("index.html");
    }
    let (status, body) = match std::fs::read(&file) {
        Ok(b) => ("200 OK", b),
        Err(_) => ("404 Not Found", b"not found".to_vec()),
    };
    let kind = tarif::serve::content_type(file.extension().and_then(|e| e.to_str()).unwrap_or(""));
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&body);
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

/// The element matching `css`, waiting up to 10 s for it to appear.
pub async fn wait_for(c: &Client, css: &str) -> Step<fantoccini::elements::Element> {
    c.wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css(css))
        .await
        .map_err(fail(css))
}

/// The text of `css` once it equals `expected` (waiting up to 10 s), or what it was.
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
        if started.elapsed() > Duration::from_secs(10) {
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
