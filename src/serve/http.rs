//! Answering the browser: the built site's files, the live-reload client, and its
//! long-poll for the next build.

use std::fs;
use std::path::Path;
use std::time::Duration;

use tiny_http::{Header, Request, Response, Server};

use super::{Shared, file_for};
use crate::site::render::{LIVE_RELOAD_JS, LIVE_RELOAD_PREFIX};

/// How long a poll waits for a build before answering "nothing new".
const LONG_POLL: Duration = Duration::from_secs(25);

/// Answers requests until the server closes.
pub fn serve(server: &Server, shared: &Shared, out: &Path) {
    for request in server.incoming_requests() {
        let url = request.url().to_owned();
        let (path, query) = url.split_once('?').unwrap_or((&url, ""));
        let _ = match path.strip_prefix(LIVE_RELOAD_PREFIX) {
            Some("live.js") => respond(
                request,
                200,
                "text/javascript",
                LIVE_RELOAD_JS.as_bytes().to_vec(),
            ),
            Some("poll") => poll(request, shared, query),
            _ => file(request, shared, out, path),
        };
    }
}

fn poll(request: Request, shared: &Shared, query: &str) -> std::io::Result<()> {
    let since = query
        .split('&')
        .find_map(|kv| kv.strip_prefix("since="))
        .and_then(|v| v.parse::<u64>().ok());
    let status = match since {
        Some(seen) => shared.wait_past(seen, LONG_POLL),
        None => shared.get(),
    };
    let body = serde_json::json!({
        "generation": status.generation,
        "version": status.version,
        "error": status.error,
    });
    respond(
        request,
        200,
        "application/json",
        body.to_string().into_bytes(),
    )
}

fn file(request: Request, shared: &Shared, out: &Path, path: &str) -> std::io::Result<()> {
    if shared.get().version == 0 {
        return respond(
            request,
            503,
            "text/html; charset=utf-8",
            waiting_page(shared),
        );
    }
    match file_for(out, path).and_then(|f| fs::read(&f).ok().map(|b| (f, b))) {
        Some((f, bytes)) => {
            let ext = f.extension().and_then(|e| e.to_str()).unwrap_or_default();
            respond(request, 200, content_type(ext), bytes)
        }
        None => respond(
            request,
            404,
            "text/plain; charset=utf-8",
            b"404: no such page in the site".to_vec(),
        ),
    }
}

/// Before the first good build there is no site: a page that shows the problems and
/// reloads once the site builds.
fn waiting_page(shared: &Shared) -> Vec<u8> {
    let error = shared.get().error.unwrap_or_default();
    let escaped = error
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    format!(
        "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>tarif: the site does not build</title>\
         <h1>The site does not build yet</h1><pre>{escaped}</pre>\
         <script src=\"{LIVE_RELOAD_PREFIX}live.js\"></script></html>"
    )
    .into_bytes()
}

fn respond(
    request: Request,
    status: u16,
    content_type: &str,
    body: Vec<u8>,
) -> std::io::Result<()> {
    let mut response = Response::from_data(body).with_status_code(status);
    for (name, value) in [
        ("Content-Type", content_type),
        ("Cache-Control", "no-store"),
    ] {
        if let Ok(h) = Header::from_bytes(name.as_bytes(), value.as_bytes()) {
            response.add_header(h);
        }
    }
    request.respond(response)
}

/// The `Content-Type` of a file of the output, by its extension.
pub fn content_type(ext: &str) -> &'static str {
    match ext {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "wasm" => "application/wasm",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// `%D0%B0` → `а`; `None` for a broken escape or bytes that are not UTF-8.
pub fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}
