//! Answering the browser: the built site's files (`tarif_static_files`, as the tests and
//! `cargo xtask lighthouse` serve them), the live-reload client, and its long-poll for
//! the next build.

use std::time::Duration;

use tarif_engine::markup;
use tarif_static_files::StaticFiles;
use tiny_http::{Header, Request, Response, Server};

use super::Shared;
use crate::site::render::{LIVE_RELOAD_JS, LIVE_RELOAD_PREFIX};

/// How long a poll waits for a build before answering "nothing new".
const LONG_POLL: Duration = Duration::from_secs(25);

/// Answers requests until the server closes.
pub fn serve(server: &Server, shared: &Shared, files: &StaticFiles) {
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
            _ => file(request, shared, files),
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

fn file(request: Request, shared: &Shared, files: &StaticFiles) -> std::io::Result<()> {
    if shared.get().version == 0 {
        return respond(
            request,
            503,
            "text/html; charset=utf-8",
            waiting_page(shared),
        );
    }
    files.answer(request)
}

/// Before the first good build there is no site: a page that shows the problems and
/// reloads once the site builds.
fn waiting_page(shared: &Shared) -> Vec<u8> {
    let error = shared.get().error.unwrap_or_default();
    let escaped = markup::escape(&error);
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
