use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;

use super::*;

/// A built site in miniature, beside a secret it must never give away.
fn site() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("secret.txt"), "the secret").unwrap();
    let root = dir.path().join("public");
    for (file, text) in [
        ("index.html", "<h1>Languages</h1>"),
        ("ru/index.html", "<h1>Главная</h1>"),
        ("ru/гарантия/index.html", "<h1>Гарантия</h1>"),
        ("style.css", "body { margin: 0 }"),
        ("app/boot.1a2b.js", "import('./tarif-app.1a2b.js');"),
        ("app/tarif-app_bg.1a2b.wasm", "\0asm"),
        ("sw.js", "self.addEventListener('install', () => {});"),
        ("en.webmanifest", "{}"),
        ("icon.png", "png"),
        (
            HEADERS_FILE,
            "/*\n  X-Content-Type-Options: nosniff\n\
             /app/*\n  Cache-Control: public, max-age=31536000, immutable\n\
             /sw.js\n  Cache-Control: no-cache\n",
        ),
    ] {
        let path = root.join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    (dir, root)
}

fn get(root: &Path, target: &str) -> Response {
    StaticFiles::new(root, Caching::Published).respond(target, None)
}

#[test]
fn a_path_that_leaves_the_folder_is_refused_in_every_encoding() {
    let (_dir, root) = site();
    for target in [
        "/../secret.txt",
        "/ru/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/secret.txt",
        "/.%2e/secret.txt",
        "/%2e%2e%2fsecret.txt",
        "/ru%2f..%2f..%2fsecret.txt",
        "/..%2fsecret.txt",
        "/..%5csecret.txt",
        "/ru%5c..%5c..%5csecret.txt",
        "/%5c..%5csecret.txt",
        "/secret.txt%00.html",
        "/index.html%00",
        "/%00",
        "/./index.html",
        "/%2e/index.html",
        "/ru/%2e",
        "/ru%2f.",
    ] {
        let r = get(&root, target);
        assert_eq!(r.status, 404, "{target} was answered");
        assert_eq!(r.body, NOT_FOUND.as_bytes(), "{target}");
    }
    assert_eq!(resolve(&root, "/%2e%2e/secret.txt"), Resolved::Missing);
}

#[test]
fn only_plain_names_pass() {
    for name in ["index.html", "гарантия", "a b", "..a", "a..", "%"] {
        assert!(is_plain_name(name), "{name}");
    }
    for name in ["", ".", "..", "a/b", "a/.", "/", "a\\b", "..\\a", "a\0"] {
        assert!(!is_plain_name(name), "{name:?}");
    }
}

#[test]
fn a_cyrillic_path_is_percent_decoded() {
    let (_dir, root) = site();
    // /ru/гарантия/ as a browser sends it.
    let r = get(
        &root,
        "/ru/%D0%B3%D0%B0%D1%80%D0%B0%D0%BD%D1%82%D0%B8%D1%8F/",
    );
    assert_eq!(r.status, 200);
    assert_eq!(r.body, "<h1>Гарантия</h1>".as_bytes());
    // Escapes in lower case, and the query left alone.
    let r = get(
        &root,
        "/ru/%d0%b3%d0%b0%d1%80%d0%b0%d0%bd%d1%82%d0%b8%d1%8f/index.html?q=%D0%B0",
    );
    assert_eq!(r.status, 200);
    // Bytes that are not UTF-8 name nothing.
    assert_eq!(get(&root, "/ru/%D0/").status, 404);
}

#[test]
fn a_folder_answers_with_its_index_and_is_named_with_its_slash() {
    let (_dir, root) = site();
    assert_eq!(get(&root, "/").body, b"<h1>Languages</h1>");
    assert_eq!(get(&root, "").body, b"<h1>Languages</h1>");
    assert_eq!(get(&root, "/ru/").body, "<h1>Главная</h1>".as_bytes());
    assert_eq!(get(&root, "/ru/?q=1").body, "<h1>Главная</h1>".as_bytes());
    let moved = get(&root, "/ru?q=1");
    assert_eq!(moved.status, 301);
    assert_eq!(moved.header("Location"), Some("/ru/?q=1"));
    assert_eq!(get(&root, "/app/").status, 404, "a folder without an index");
    assert_eq!(get(&root, "/ru/missing.html").status, 404);
}

#[test]
fn each_file_has_its_content_type() {
    let (_dir, root) = site();
    for (target, kind) in [
        ("/", "text/html; charset=utf-8"),
        ("/style.css", "text/css; charset=utf-8"),
        ("/app/boot.1a2b.js", "text/javascript; charset=utf-8"),
        ("/app/tarif-app_bg.1a2b.wasm", "application/wasm"),
        ("/en.webmanifest", "application/manifest+json"),
        ("/icon.png", "image/png"),
        ("/_headers", "application/octet-stream"),
        ("/missing", "text/plain; charset=utf-8"),
    ] {
        assert_eq!(
            get(&root, target).header("Content-Type"),
            Some(kind),
            "{target}"
        );
    }
    assert_eq!(
        content_type(Path::new("A.HTML")),
        "text/html; charset=utf-8"
    );
}

#[test]
fn a_published_site_has_the_headers_of_its_headers_file() {
    let (_dir, root) = site();
    let app = get(&root, "/app/boot.1a2b.js");
    assert_eq!(
        app.header("Cache-Control"),
        Some("public, max-age=31536000, immutable")
    );
    assert_eq!(app.header("X-Content-Type-Options"), Some("nosniff"));
    assert_eq!(
        get(&root, "/sw.js").header("Cache-Control"),
        Some("no-cache")
    );
    // Where the file says nothing of caching: the hosts' default, ask again every time.
    assert_eq!(get(&root, "/ru/").header("Cache-Control"), Some("no-cache"));
}

#[test]
fn a_site_rebuilt_under_the_browser_is_never_stored() {
    let (_dir, root) = site();
    let files = StaticFiles::new(&root, Caching::NoStore);
    for target in ["/app/boot.1a2b.js", "/ru/", "/missing"] {
        let r = files.respond(target, None);
        assert_eq!(r.header("Cache-Control"), Some("no-store"), "{target}");
        assert_eq!(r.header("X-Content-Type-Options"), None, "{target}");
    }
}

#[cfg(feature = "brotli")]
#[test]
fn text_is_sent_in_brotli_to_a_browser_that_takes_it() {
    let (_dir, root) = site();
    let page = "<p>Гаранционен срок</p>".repeat(100);
    std::fs::write(root.join("ru/index.html"), &page).unwrap();
    let files = StaticFiles::new(&root, Caching::Published).brotli();
    let r = files.respond("/ru/", Some("gzip, deflate, br, zstd"));
    assert_eq!(r.header("Content-Encoding"), Some("br"));
    assert_eq!(r.header("Vary"), Some("Accept-Encoding"));
    let mut plain = Vec::new();
    brotli::BrotliDecompress(&mut &r.body[..], &mut plain).unwrap();
    assert_eq!(plain, page.as_bytes());
    let r = files.respond("/ru/", Some("gzip, br;q=0"));
    assert_eq!(r.header("Content-Encoding"), None);
    assert_eq!(r.body, page.as_bytes());
    // A file that changed is compressed again.
    std::fs::write(root.join("ru/index.html"), "<p>нов</p>".repeat(100)).unwrap();
    let r = files.respond("/ru/", Some("br"));
    let mut plain = Vec::new();
    brotli::BrotliDecompress(&mut &r.body[..], &mut plain).unwrap();
    assert_eq!(plain, "<p>нов</p>".repeat(100).as_bytes());
    // Images stay as they are.
    assert_eq!(
        files
            .respond("/icon.png", Some("br"))
            .header("Content-Encoding"),
        None
    );
}

/// Requests on one connection, and all that came back.
fn http(address: SocketAddr, requests: &str) -> String {
    let mut s = TcpStream::connect(address).unwrap();
    s.write_all(requests.as_bytes()).unwrap();
    let mut out = String::new();
    let _ = s.read_to_string(&mut out);
    out
}

#[test]
fn served_on_loopback_until_the_network_is_gone() {
    use std::sync::atomic::{AtomicBool, Ordering};
    let (_dir, root) = site();
    let up = Arc::new(AtomicBool::new(true));
    let gate = up.clone();
    let files = StaticFiles::new(&root, Caching::Published);
    let address = serve_on_loopback(files, move || gate.load(Ordering::SeqCst)).unwrap();
    let page = http(address, "GET /ru/ HTTP/1.1\r\nConnection: close\r\n\r\n");
    assert!(page.starts_with("HTTP/1.1 200 OK\r\n"), "{page}");
    assert!(page.contains("\r\nContent-Length: 23\r\n"), "{page}");
    assert!(page.ends_with("\r\n\r\n<h1>Главная</h1>"), "{page}");
    // Kept alive: a second request on the same connection, a HEAD without its body.
    let two = http(
        address,
        "GET /style.css HTTP/1.1\r\n\r\nHEAD /ru/ HTTP/1.1\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(two.matches("HTTP/1.1 200 OK").count(), 2, "{two}");
    assert!(two.contains("body { margin: 0 }HTTP/1.1 200"), "{two}");
    assert!(!two.contains("Главная"), "{two}");
    let post = http(
        address,
        "POST /ru/ HTTP/1.1\r\nContent-Length: 3\r\n\r\nabcGET /../secret.txt HTTP/1.1\r\n\r\n\
         GET /ru HTTP/1.0\r\n\r\n",
    );
    assert!(
        post.starts_with("HTTP/1.1 405 Method Not Allowed"),
        "{post}"
    );
    assert!(post.contains("HTTP/1.1 404 Not Found"), "{post}");
    assert!(post.contains("HTTP/1.1 301 Moved Permanently"), "{post}");
    assert!(post.contains("\r\nLocation: /ru/\r\n"), "{post}");

    up.store(false, Ordering::SeqCst);
    assert_eq!(http(address, "GET /ru/ HTTP/1.1\r\n\r\n"), "");
}
