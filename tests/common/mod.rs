//! What the integration tests share: building a site into a temporary folder, and reading
//! the HTML tarif writes (its own output, so a small scanner is enough: text never holds a
//! raw `<`, attributes are always double-quoted).

#![allow(dead_code)] // each test binary uses its own part of this module

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use tarif::site::{self, Options};
use tarif_engine::diagnostic::Diagnostic;

/// The repository's root: the default site.
pub fn default_site() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Builds `root` into `out`, quietly.
pub fn build(root: &Path, out: &Path) -> Result<site::Summary, Vec<Diagnostic>> {
    site::build(&Options {
        root: root.to_owned(),
        out: out.to_owned(),
        live_reload: false,
        progress: false,
    })
}

/// Every file of `dir`, by its `/`-separated path inside it, with its bytes.
pub fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    collect(dir, "", &mut out);
    out
}

fn collect(dir: &Path, prefix: &str, out: &mut BTreeMap<String, Vec<u8>>) {
    for entry in fs::read_dir(dir).unwrap().flatten() {
        let name = format!("{prefix}{}", entry.file_name().to_string_lossy());
        if entry.path().is_dir() {
            collect(&entry.path(), &format!("{name}/"), out);
        } else {
            out.insert(name, fs::read(entry.path()).unwrap());
        }
    }
}

/// The HTML pages of an output, by path.
pub fn pages(out: &Path) -> BTreeMap<String, String> {
    files(out)
        .into_iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(p, b)| (p, String::from_utf8(b).unwrap()))
        .collect()
}

/// A tag: its name and its attributes, entities decoded.
#[derive(Debug, Clone)]
pub struct Tag {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    /// Byte offset just after the tag's `>`.
    pub end: usize,
}

impl Tag {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Every opening tag of `html`.
pub fn tags(html: &str) -> Vec<Tag> {
    let mut tags = Vec::new();
    let mut rest = 0;
    while let Some(i) = html[rest..].find('<') {
        let start = rest + i + 1;
        let Some(len) = html[start..].find('>') else {
            break;
        };
        let inner = &html[start..start + len];
        rest = start + len + 1;
        if inner.starts_with(|c: char| c.is_ascii_alphabetic()) {
            tags.push(parse_tag(inner, rest));
        }
        if inner.starts_with("script") {
            // Skip the script's data: JSON may hold `<`-free text only, but be safe.
            if let Some(close) = html[rest..].find("</script>") {
                rest += close;
            }
        }
    }
    tags
}

fn parse_tag(inner: &str, end: usize) -> Tag {
    let name_end = inner
        .find(|c: char| c.is_whitespace() || c == '/')
        .unwrap_or(inner.len());
    let mut attrs = Vec::new();
    let mut rest = &inner[name_end..];
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        if rest.is_empty() {
            break;
        }
        let key_end = rest
            .find(|c: char| c == '=' || c.is_whitespace())
            .unwrap_or(rest.len());
        let key = rest[..key_end].to_ascii_lowercase();
        rest = &rest[key_end..];
        let value = if let Some(after) = rest.strip_prefix("=\"") {
            let close = after.find('"').unwrap_or(after.len());
            let v = decode(&after[..close]);
            rest = after.get(close + 1..).unwrap_or("");
            v
        } else if let Some(after) = rest.strip_prefix('=') {
            let close = after.find(char::is_whitespace).unwrap_or(after.len());
            let v = decode(&after[..close]);
            rest = &after[close..];
            v
        } else {
            String::new()
        };
        attrs.push((key, value));
    }
    Tag {
        name: inner[..name_end].to_ascii_lowercase(),
        attrs,
        end,
    }
}

/// The HTML entities tarif's output uses.
pub fn decode(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&#x2f;", "/")
        .replace("&amp;", "&")
}

/// A page's text, tags removed and white space collapsed, as a reader sees it.
pub fn text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    decode(&out)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
