//! A built site's folder served over HTTP as a good static host serves it: `tarif serve`
//! (its files), the end-to-end tests and `cargo xtask lighthouse` answer with it, so the
//! three cannot disagree on what a URL is.
//!
//! - A URL path is split at `/` first and each segment percent-decoded after
//!   (`percent-encoding`); a segment that is not one plain file name (`.`, `..`, holding
//!   `/`, `\` or NUL, however it was encoded) is refused: nothing outside the folder is
//!   ever read. Traversal is refused by path components, never by looking for `..` in
//!   the text.
//! - A folder answers with its `index.html`; a folder named without its final `/` is
//!   redirected there, so that relative links resolve as they will on a host.
//! - Each file's `Content-Type` comes from one table ([`content_type`]).
//! - Headers come from the site's `_headers` file ([`Caching::Published`]: the format of
//!   Netlify and Cloudflare Pages, which `tarif build` writes), or `no-store` for a site
//!   that changes under the browser ([`Caching::NoStore`]: `tarif serve`).
//! - With the `brotli` feature, [`StaticFiles::brotli`] sends text brotli-compressed to
//!   a browser that accepts it.
//! - [`serve`] speaks HTTP/1.1 on a listener for all three, with the caller's answer
//!   ([`serve_on_loopback`]: the files alone).

use std::io;
use std::net::{SocketAddr, TcpListener};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use percent_encoding::percent_decode_str;

#[cfg(feature = "brotli")]
mod compressed;
mod connection;
mod headers;

pub use connection::Request;

/// The file of a site that gives the response headers of its paths.
pub const HEADERS_FILE: &str = "_headers";

/// What a request for something the site does not have gets.
pub const NOT_FOUND: &str = "404: no such page in the site";

/// Each served extension: its `Content-Type`, and whether it is text worth compressing.
const TYPES: [(&str, &str, bool); 16] = [
    ("html", "text/html; charset=utf-8", true),
    ("css", "text/css; charset=utf-8", true),
    ("js", "text/javascript; charset=utf-8", true),
    ("mjs", "text/javascript; charset=utf-8", true),
    ("json", "application/json", true),
    ("webmanifest", "application/manifest+json", true),
    ("xml", "application/xml", true),
    ("txt", "text/plain; charset=utf-8", true),
    ("svg", "image/svg+xml", true),
    ("wasm", "application/wasm", true),
    ("png", "image/png", false),
    ("jpg", "image/jpeg", false),
    ("jpeg", "image/jpeg", false),
    ("webp", "image/webp", false),
    ("ico", "image/x-icon", false),
    ("woff2", "font/woff2", false),
];

/// The `Content-Type` of a file, by its extension.
///
/// ```
/// use std::path::Path;
/// use tarif_static_files::content_type;
///
/// assert_eq!(content_type(Path::new("app/tarif-app_bg.1a2b.wasm")), "application/wasm");
/// assert_eq!(content_type(Path::new("ru/index.html")), "text/html; charset=utf-8");
/// assert_eq!(content_type(Path::new("_headers")), "application/octet-stream");
/// ```
pub fn content_type(file: &Path) -> &'static str {
    kind(file).0
}

/// The `Content-Type` of a file and whether it is text.
fn kind(file: &Path) -> (&'static str, bool) {
    let ext = file
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default();
    TYPES
        .iter()
        .find(|(e, _, _)| e.eq_ignore_ascii_case(ext))
        .map_or(("application/octet-stream", false), |&(_, t, text)| {
            (t, text)
        })
}

/// Where the path of a request leads in the site's folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// This file: the one named, or a folder's `index.html`.
    File(PathBuf),
    /// A folder named without its final `/`: where to redirect.
    Folder(String),
    /// Nothing of the site: no such file, or a path that would leave the folder.
    Missing,
}

/// The file `url_path` names under `root` (the path of a request: a query or fragment
/// after it is ignored).
///
/// ```
/// use std::path::Path;
/// use tarif_static_files::{Resolved, resolve};
///
/// let root = Path::new("/srv/site");
/// assert_eq!(resolve(root, "/../etc/passwd"), Resolved::Missing);
/// assert_eq!(resolve(root, "/%2e%2e/etc/passwd"), Resolved::Missing);
/// ```
pub fn resolve(root: &Path, url_path: &str) -> Resolved {
    let path = url_path.split(['?', '#']).next().unwrap_or_default();
    let mut file = root.to_owned();
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        match percent_decode_str(segment).decode_utf8() {
            Ok(name) if is_plain_name(&name) => file.push(&*name),
            _ => return Resolved::Missing,
        }
    }
    if file.is_dir() {
        if !path.is_empty() && !path.ends_with('/') {
            return Resolved::Folder(format!("{path}/"));
        }
        file.push("index.html");
    }
    if file.is_file() {
        Resolved::File(file)
    } else {
        Resolved::Missing
    }
}

/// One file or folder name: not empty, not `.` or `..`, no separator of any system, no
/// NUL, no drive or root.
fn is_plain_name(name: &str) -> bool {
    let mut parts = Path::new(name).components();
    !name.contains(['/', '\\', '\0'])
        && matches!(parts.next(), Some(Component::Normal(_)))
        && parts.next().is_none()
}

/// Which headers a response carries besides its type (and encoding).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Caching {
    /// What the site's `_headers` file gives the path (its page policy, a year's cache
    /// for the app's hashed files), and `Cache-Control: no-cache` where it gives none, as
    /// hosts do by default: a built site as it will be published.
    Published,
    /// `Cache-Control: no-store` and nothing else: a site rebuilt under the browser.
    NoStore,
}

/// An answer, before it goes on the wire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    pub status: u16,
    /// Every header but `Content-Length`, which the transport adds.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    /// The value of header `name` (case-insensitive), if the response has it.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// A site's folder and how to serve it.
pub struct StaticFiles {
    root: PathBuf,
    caching: Caching,
    #[cfg(feature = "brotli")]
    brotli: Option<compressed::Cache>,
}

impl StaticFiles {
    /// Serves `root` with `caching`, uncompressed.
    pub fn new(root: impl Into<PathBuf>, caching: Caching) -> StaticFiles {
        StaticFiles {
            root: root.into(),
            caching,
            #[cfg(feature = "brotli")]
            brotli: None,
        }
    }

    /// Also sends text brotli-compressed (quality 11) to a browser that accepts it. Every
    /// text file is compressed now, so that no answer waits for it; a file that changes
    /// later is compressed again when it is next asked for.
    #[cfg(feature = "brotli")]
    pub fn brotli(mut self) -> StaticFiles {
        self.brotli = Some(compressed::Cache::of_folder(&self.root, |f| kind(f).1));
        self
    }

    /// The answer to a GET of `target` (a path, perhaps with a query) from a browser that
    /// sent `accept_encoding`.
    pub fn respond(&self, target: &str, accept_encoding: Option<&str>) -> Response {
        let path = target.split(['?', '#']).next().unwrap_or_default();
        let mut headers = self.headers_for(path);
        let (status, body) = match resolve(&self.root, target) {
            Resolved::File(file) => match std::fs::read(&file) {
                Ok(raw) => {
                    let (kind, text) = kind(&file);
                    headers.push(("Content-Type".into(), kind.into()));
                    let (body, how) = self.encode(&file, raw, text, accept_encoding);
                    headers.extend(how.iter().map(|&(n, v)| (n.to_owned(), v.to_owned())));
                    (200, body)
                }
                Err(_) => self.not_found(&mut headers),
            },
            Resolved::Folder(to) => {
                let query = &target[path.len()..];
                headers.push(("Location".into(), format!("{to}{query}")));
                (301, Vec::new())
            }
            Resolved::Missing => self.not_found(&mut headers),
        };
        Response {
            status,
            headers,
            body,
        }
    }

    fn not_found(&self, headers: &mut Vec<(String, String)>) -> (u16, Vec<u8>) {
        headers.push(("Content-Type".into(), "text/plain; charset=utf-8".into()));
        (404, NOT_FOUND.as_bytes().to_vec())
    }

    fn headers_for(&self, path: &str) -> Vec<(String, String)> {
        match self.caching {
            Caching::NoStore => vec![("Cache-Control".into(), "no-store".into())],
            Caching::Published => {
                let file = std::fs::read_to_string(self.root.join(HEADERS_FILE));
                let mut found = headers::for_path(&file.unwrap_or_default(), path);
                if !found
                    .iter()
                    .any(|(n, _)| n.eq_ignore_ascii_case("Cache-Control"))
                {
                    found.push(("Cache-Control".into(), "no-cache".into()));
                }
                found
            }
        }
    }

    /// The body as sent, and the headers that say how: brotli when it is on, the file is
    /// text and the browser takes it.
    #[cfg_attr(not(feature = "brotli"), allow(unused_variables))]
    fn encode(
        &self,
        file: &Path,
        raw: Vec<u8>,
        text: bool,
        accept_encoding: Option<&str>,
    ) -> (Vec<u8>, &'static [(&'static str, &'static str)]) {
        #[cfg(feature = "brotli")]
        if let (Some(cache), true) = (&self.brotli, text)
            && let Some(smaller) = cache.get(file, &raw)
        {
            const VARY: (&str, &str) = ("Vary", "Accept-Encoding");
            return if accept_encoding.is_some_and(accepts_brotli) {
                (smaller.to_vec(), &[VARY, ("Content-Encoding", "br")])
            } else {
                (raw, &[VARY])
            };
        }
        (raw, &[])
    }

    /// The answer to `request`: GET or HEAD (whose body the connection leaves out); any
    /// other method is not allowed.
    pub fn respond_to(&self, request: &Request) -> Response {
        match request.method.as_str() {
            "GET" | "HEAD" => self.respond(&request.target, request.accept_encoding.as_deref()),
            _ => Response {
                status: 405,
                headers: vec![("Allow".into(), "GET, HEAD".into())],
                body: Vec::new(),
            },
        }
    }
}

/// Whether an `Accept-Encoding` value takes brotli (`gzip, deflate, br, zstd`).
#[cfg(feature = "brotli")]
fn accepts_brotli(accept_encoding: &str) -> bool {
    accept_encoding.split(',').any(|e| {
        let mut parts = e.split(';').map(str::trim);
        parts.next() == Some("br") && parts.all(|p| p.replace(' ', "") != "q=0")
    })
}

/// Answers HTTP/1.1 on `listener` until the process ends: a thread per connection,
/// kept alive as browsers keep them, each request answered by `answer`, or the
/// connection dropped unanswered when it gives nothing. `tarif serve` answers its
/// live-reload requests beside the files this way.
///
/// A thread per connection, not a pool: a browser opens six at once and keeps them, and a
/// pool (tiny_http's) can leave one queued behind the others until they close.
pub fn serve(
    listener: TcpListener,
    answer: impl Fn(&Request) -> Option<Response> + Send + Sync + 'static,
) {
    let answer = Arc::new(answer);
    for stream in listener.incoming().flatten() {
        let answer = answer.clone();
        std::thread::spawn(move || connection::serve(stream, &*answer));
    }
}

/// Serves `files` on 127.0.0.1, on a free port, from a thread of its own; returns the
/// address. While `up()` does not hold, every connection is dropped unanswered, as if the
/// network were gone.
pub fn serve_on_loopback(
    files: StaticFiles,
    up: impl Fn() -> bool + Send + Sync + 'static,
) -> io::Result<SocketAddr> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let address = listener.local_addr()?;
    std::thread::spawn(move || serve(listener, move |r| up().then(|| files.respond_to(r))));
    Ok(address)
}

#[cfg(test)]
mod tests;
