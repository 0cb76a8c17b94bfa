//! Answering the browser: the built site's files (`tarif_static_files`, as the tests and
//! `cargo xtask lighthouse` serve them, never stored), the live-reload client, and its
//! long-poll for the next build.

use std::time::Duration;

use tarif_engine::markup;
use tarif_static_files::{Request, Response, StaticFiles};

use super::Shared;
use crate::site::render::{LIVE_RELOAD_JS, LIVE_RELOAD_PREFIX};

/// How long a poll waits for a build before answering "nothing new".
const LONG_POLL: Duration = Duration::from_secs(25);

/// The answer to one request.
pub fn answer(request: &Request, shared: &Shared, files: &StaticFiles) -> Response {
    let target = request.target.as_str();
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    match path.strip_prefix(LIVE_RELOAD_PREFIX) {
        Some("live.js") => never_stored(200, "text/javascript", LIVE_RELOAD_JS.into()),
        Some("poll") => poll(shared, query),
        _ if shared.get().version == 0 => {
            never_stored(503, "text/html; charset=utf-8", waiting_page(shared))
        }
        _ => files.respond_to(request),
    }
}

fn poll(shared: &Shared, query: &str) -> Response {
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
        "styles": status.styles,
    });
    never_stored(200, "application/json", body.to_string().into_bytes())
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

fn never_stored(status: u16, content_type: &str, body: Vec<u8>) -> Response {
    Response {
        status,
        headers: vec![
            ("Content-Type".into(), content_type.into()),
            ("Cache-Control".into(), "no-store".into()),
        ],
        body,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_waiting_page_escapes_the_problems_quotes_too() {
        let shared = Shared::default();
        shared.record(Some("title = \"<b>Prices</b>\" & 'more'".into()));
        let page = String::from_utf8(waiting_page(&shared)).unwrap();
        assert!(
            page.contains("title = &quot;&lt;b&gt;Prices&lt;/b&gt;&quot; &amp; &#39;more&#39;"),
            "{page}"
        );
    }
}
