//! `tarif serve` end to end on 127.0.0.1: pages with the live-reload client, a rebuild
//! on change, and a build error reported to the browser while the last good site stays.

mod common;

use std::fs;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

/// Stops the server even when an assertion fails.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn get(port: u16, path: &str) -> Option<(u16, String)> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(30))).ok()?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut text = String::new();
    s.read_to_string(&mut text).ok()?;
    let status = text.split(' ').nth(1)?.parse().ok()?;
    Some((status, text.split_once("\r\n\r\n")?.1.to_owned()))
}

/// Polls `f` for up to 20 s.
fn eventually<T>(what: &str, mut f: impl FnMut() -> Option<T>) -> T {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(20) {
        if let Some(v) = f() {
            return v;
        }
        sleep(Duration::from_millis(100));
    }
    panic!("timed out waiting for {what}");
}

fn edit(root: &Path, file: &str, from: &str, to: &str) {
    let path = root.join(file);
    let text = fs::read_to_string(&path).unwrap().replace(from, to);
    fs::write(path, text).unwrap();
}

#[test]
fn serve_rebuilds_on_change_and_keeps_the_last_good_site_on_error() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    common::copy_base_site(&root);
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let _server = Server(
        Command::new(env!("CARGO_BIN_EXE_tarif"))
            .args(["serve", "--port", &port.to_string(), "--root"])
            .arg(&root)
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let page = eventually("the first build", || {
        get(port, "/en/s/a/").filter(|(s, _)| *s == 200)
    });
    assert!(
        page.1
            .contains("<script src=\"/__tarif/live.js\"></script>"),
        "{}",
        page.1
    );
    assert!(page.1.contains("<h1>Terms</h1>"));
    assert!(
        get(port, "/__tarif/live.js")
            .unwrap()
            .1
            .contains("location.reload")
    );
    // No service worker may keep pages that change on every edit: serve's only removes
    // one that a built site left on this address.
    let worker = get(port, "/sw.js").unwrap().1;
    assert!(
        worker.contains("unregister()") && !worker.contains("FILES"),
        "{worker}"
    );
    assert_eq!(get(port, "/../../etc/passwd").unwrap().0, 404);
    let first: serde_json::Value =
        serde_json::from_str(&get(port, "/__tarif/poll").unwrap().1).unwrap();

    edit(
        &root,
        "content/s/en/a.md",
        "title = \"Terms\"",
        "title = \"New terms\"",
    );
    eventually("the rebuild", || {
        get(port, "/en/s/a/").filter(|(_, b)| b.contains("<h1>New terms</h1>"))
    });

    edit(
        &root,
        "content/s/en/a.md",
        "(./b.md#repair)",
        "(./b.md#nowhere)",
    );
    let since = first["generation"].as_u64().unwrap();
    let status: serde_json::Value = eventually("the failed build", || {
        let s: serde_json::Value =
            serde_json::from_str(&get(port, &format!("/__tarif/poll?since={since}"))?.1).ok()?;
        s["error"].is_string().then_some(s)
    });
    assert!(
        status["error"]
            .as_str()
            .unwrap()
            .contains("content/s/en/a.md:9:"),
        "{status}"
    );
    let still = get(port, "/en/s/a/").unwrap();
    assert_eq!(still.0, 200);
    assert!(
        still.1.contains("<h1>New terms</h1>"),
        "the last good site stays served"
    );
}
