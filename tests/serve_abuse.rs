//! `tarif serve` under load and abuse (issue 20, item 4), with std::net alone, bounded in
//! requests and time: 1,000 requests over 50 connections at once beside a hundred slow
//! clients that hold a connection (a thread) each and give it back when they leave, a 1 MB
//! request line and an endless one, path traversal in every encoding, requests during a
//! rebuild, and 127.0.0.1 as the only address it answers on. The server stays alive,
//! serves nothing from outside its output folder, and its peak memory is reported.

mod common;

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::net::{IpAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread::{self, sleep};
use std::time::{Duration, Instant};

/// Stops the server even when an assertion fails.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl Server {
    fn alive(&mut self) -> bool {
        self.0.try_wait().unwrap().is_none()
    }

    /// A line of `/proc/<pid>/status` in kB (`VmHWM`: the peak resident memory).
    fn memory_kb(&self, field: &str) -> u64 {
        let status = fs::read_to_string(format!("/proc/{}/status", self.0.id())).unwrap();
        status
            .lines()
            .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap_or(0)
    }

    /// How many threads the server runs (one per open connection, and its own).
    fn threads(&self) -> u64 {
        self.memory_kb("Threads")
    }
}

const PAGE: &str = "/en/laptop-bg/general-terms/";
const PAGE_FILE: &str = "en/laptop-bg/general-terms/index.html";
const TIMEOUT: Duration = Duration::from_secs(30);
/// Slow clients holding a connection each at once.
const HOLDERS: usize = 100;

fn connect(port: u16) -> TcpStream {
    let s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(TIMEOUT)).unwrap();
    s.set_write_timeout(Some(TIMEOUT)).unwrap();
    s
}

/// Reads one answer: its status and body (by its `Content-Length`); none when the server
/// closed the connection instead.
fn read_answer(reader: &mut impl BufRead) -> Option<(u16, Vec<u8>)> {
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let status = line.split(' ').nth(1)?.parse().ok()?;
    let mut length = 0;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).ok()? == 0 {
            return None;
        }
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().ok()?;
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    Some((status, body))
}

/// One request on a connection of its own.
fn get(port: u16, target: &str) -> Option<(u16, Vec<u8>)> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(TIMEOUT)).ok()?;
    write!(
        s,
        "GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    read_answer(&mut BufReader::new(s))
}

/// Polls `f` for up to a minute.
fn eventually<T>(what: &str, mut f: impl FnMut() -> Option<T>) -> T {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(60) {
        if let Some(v) = f() {
            return v;
        }
        sleep(Duration::from_millis(100));
    }
    panic!("timed out waiting for {what}");
}

/// The folder `tarif serve` builds into, under the temporary folder it was given.
fn served_dir(tmp: &Path) -> PathBuf {
    fs::read_dir(tmp)
        .unwrap()
        .flatten()
        .find(|e| e.file_name().to_string_lossy().starts_with("tarif-serve-"))
        .expect("tarif serve's folder")
        .path()
        .join("site")
}

/// The machine's addresses other than loopback, from the kernel's routing tables.
fn other_local_addresses() -> Vec<IpAddr> {
    let mut found = Vec::new();
    let trie = fs::read_to_string("/proc/net/fib_trie").unwrap_or_default();
    let lines: Vec<&str> = trie.lines().collect();
    for pair in lines.windows(2) {
        if pair[1].contains("/32 host LOCAL")
            && let Some(ip) = pair[0].rsplit(' ').next()
            && let Ok(ip) = ip.parse::<IpAddr>()
            && !ip.is_loopback()
            && !found.contains(&ip)
        {
            found.push(ip);
        }
    }
    found
}

#[test]
fn serve_survives_load_and_abuse_and_serves_only_its_output_on_127_0_0_1() {
    let started = Instant::now();
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    for dir in ["content", "price-lists", "static"] {
        common::copy_dir(&common::default_site().join(dir), &root.join(dir));
    }
    let serve_tmp = tmp.path().join("tmp");
    fs::create_dir(&serve_tmp).unwrap();
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut server = Server(
        Command::new(env!("CARGO_BIN_EXE_tarif"))
            .args(["serve", "--port", &port.to_string(), "--root"])
            .arg(&root)
            .env("TMPDIR", &serve_tmp)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    eventually("the first build", || {
        get(port, PAGE).filter(|(s, _)| *s == 200)
    });
    let out = served_dir(&serve_tmp);
    let page = fs::read(out.join(PAGE_FILE)).unwrap();
    assert_eq!(get(port, PAGE).unwrap(), (200, page.clone()));
    eprintln!(
        "serving after {:.2?}; memory: {} kB peak",
        started.elapsed(),
        server.memory_kb("VmHWM")
    );

    // Secrets beside the output, above it and among the sources: none may come back.
    let secret = format!("tarif-secret-{}", std::process::id());
    for dir in [tmp.path(), &serve_tmp, out.parent().unwrap(), &root] {
        fs::write(dir.join("secret.txt"), &secret).unwrap();
    }

    // Slow clients, each sending its request a byte a second, while the others are served.
    let slow: Vec<_> = (0..3)
        .map(|_| {
            thread::spawn(move || {
                let mut s = connect(port);
                let request = format!("GET {PAGE} HTTP/1.1\r\nHost: 127.0.0.1\r\n");
                for b in request.bytes().take(5) {
                    s.write_all(&[b]).unwrap();
                    sleep(Duration::from_secs(1));
                }
                // The rest at once: the server has waited and still answers.
                s.write_all(&request.as_bytes()[5..]).unwrap();
                s.write_all(b"Connection: close\r\n\r\n").unwrap();
                read_answer(&mut BufReader::new(s))
            })
        })
        .collect();

    // Many slow clients at once, each holding a connection (a thread) with a request it
    // sends a byte a second and never ends, while the load below is served.
    let threads_before = server.threads();
    let holders: Vec<_> = (0..HOLDERS)
        .map(|_| {
            thread::spawn(move || {
                let mut s = connect(port);
                for b in b"GET /en/".iter().cycle().take(8) {
                    if s.write_all(&[*b]).is_err() {
                        break;
                    }
                    sleep(Duration::from_secs(1));
                }
            })
        })
        .collect();
    eventually("the slow clients' threads", || {
        (server.threads() >= threads_before + HOLDERS as u64).then_some(())
    });
    let held = server.threads();

    // 1,000 requests over 50 connections at once, kept alive.
    let load = Instant::now();
    let clients: Vec<_> = (0..50)
        .map(|_| {
            let page = page.clone();
            thread::spawn(move || {
                let s = connect(port);
                let mut w = s.try_clone().unwrap();
                let mut r = BufReader::new(s);
                for i in 0..20 {
                    let close = if i == 19 { "Connection: close\r\n" } else { "" };
                    write!(w, "GET {PAGE} HTTP/1.1\r\nHost: 127.0.0.1\r\n{close}\r\n").unwrap();
                    let (status, body) = read_answer(&mut r).expect("an answer");
                    assert_eq!(status, 200);
                    assert!(body == page, "request {i}: other bytes than the page's");
                }
            })
        })
        .collect();
    for c in clients {
        c.join().unwrap();
    }
    eprintln!(
        "1,000 requests over 50 connections in {:.2?}, beside {HOLDERS} slow clients ({held} threads)",
        load.elapsed()
    );
    for h in holders {
        h.join().unwrap();
    }
    // Once they leave, their threads end: none is left behind per connection.
    let released = eventually("the slow clients' threads to end", || {
        let now = server.threads();
        (now <= threads_before + 3).then_some(now)
    });
    eprintln!(
        "threads: {threads_before} before the slow clients, {held} with them, {released} after"
    );
    for s in slow {
        assert_eq!(
            s.join()
                .unwrap()
                .map(|(status, body)| (status, body == page)),
            Some((200, true)),
            "a slow client"
        );
    }

    // A 1 MB request line is refused or answered, and the server goes on.
    let mut s = connect(port);
    let long = format!(
        "GET /{} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
        "a".repeat(1 << 20)
    );
    let sent = s.write_all(long.as_bytes());
    let answer = read_answer(&mut BufReader::new(s));
    assert!(
        answer.as_ref().is_none_or(|(status, _)| *status != 200),
        "{sent:?} {answer:?}"
    );
    // An endless one (8 MB and no end) is not kept in memory.
    let before = server.memory_kb("VmHWM");
    let mut s = connect(port);
    let chunk = vec![b'a'; 64 * 1024];
    let _ = s.write_all(b"GET /");
    for _ in 0..128 {
        if s.write_all(&chunk).is_err() {
            break;
        }
    }
    drop(s);
    assert_eq!(get(port, PAGE).unwrap().0, 200);
    let after = server.memory_kb("VmHWM");
    eprintln!("an endless request line: peak memory {before} kB before, {after} kB after");
    assert!(
        after < before + 4 * 1024,
        "the server kept an endless request line: {before} kB → {after} kB"
    );

    // Path traversal, however encoded.
    let mut refused = 0;
    for up in [
        "..",
        "%2e%2e",
        "%2E%2E",
        ".%2e",
        "%2e.",
        "%252e%252e",
        "%c0%ae%c0%ae",
        "%e0%80%ae%e0%80%ae",
        "%u002e%u002e",
        "..;",
        "....",
        "..%00",
        "..%20",
        "%ef%bc%8e%ef%bc%8e",
    ] {
        for sep in [
            "/", "%2f", "%2F", "%5c", "%5C", "\\", "%00/", "/%00/", "%252f", "%c0%af", "//", "/./",
        ] {
            for depth in 1..=4 {
                let climb = format!("{up}{sep}").repeat(depth);
                for target in [
                    format!("/{climb}secret.txt"),
                    format!("/en/{climb}secret.txt"),
                    format!("/{climb}site/secret.txt"),
                    format!("/{climb}secret.txt%00.html"),
                    format!("{climb}secret.txt"),
                    format!("http://127.0.0.1:{port}/{climb}secret.txt"),
                ] {
                    let (status, body) = get(port, &target).unwrap_or((0, Vec::new()));
                    assert!(
                        !String::from_utf8_lossy(&body).contains(&secret),
                        "{target} served a file outside the output"
                    );
                    assert_ne!(status, 200, "{target}");
                    refused += 1;
                }
            }
        }
    }
    for target in [
        "/secret.txt",
        "//secret.txt",
        "/./secret.txt",
        "/site/secret.txt",
    ] {
        let (status, _) = get(port, target).unwrap();
        assert_eq!(status, 404, "{target}");
    }
    eprintln!("{refused} traversal attempts refused");
    assert!(server.alive());

    // Requests during a rebuild get the whole old page or the whole new one.
    let memo = root.join("content/laptop-bg/en/general-terms.md");
    let text = fs::read_to_string(&memo).unwrap();
    let changed = text.replace("### 1. Legal basis", "### 1. Legal basis, rebuilt");
    assert_ne!(text, changed);
    fs::write(&memo, changed).unwrap();
    let mut seen_old = 0;
    let new = eventually("the rebuild", || {
        let (status, body) = get(port, PAGE).expect("an answer during the rebuild");
        assert_eq!(status, 200);
        if body == page {
            seen_old += 1;
            return None;
        }
        let html = String::from_utf8(body).unwrap();
        assert!(html.trim_end().ends_with("</html>"), "a partial page");
        html.contains("Legal basis, rebuilt").then_some(html)
    });
    assert_eq!(new.as_bytes(), fs::read(out.join(PAGE_FILE)).unwrap());
    eprintln!("{seen_old} answers with the old page during the rebuild");

    // 127.0.0.1 only.
    let others = other_local_addresses();
    if others.is_empty() {
        eprintln!("note: this machine has no address but loopback: only 127.0.0.2 is tried");
    }
    let tried: Vec<IpAddr> = others
        .into_iter()
        .chain(["127.0.0.2".parse().unwrap(), "::1".parse().unwrap()])
        .collect();
    for ip in &tried {
        let reached = TcpStream::connect_timeout(&(*ip, port).into(), Duration::from_secs(2));
        assert!(reached.is_err(), "tarif serve answers on {ip}");
    }
    eprintln!("no answer on {tried:?}");

    assert!(server.alive(), "the server died");
    eprintln!(
        "tarif serve's peak memory: {} kB (VmHWM); the test took {:.2?}",
        server.memory_kb("VmHWM"),
        started.elapsed()
    );
}
