//! The sanitiser's oracle: HTML that tarif writes, parsed back as a browser parses it
//! (html5ever, the HTML5 parsing algorithm, through `scraper`'s tree), and refused when it holds anything that could
//! run script or leave its place. Shared by `tests/sanitiser.rs` (proptests, in CI) and
//! the `sanitiser` fuzz target (`fuzz/`), which includes this file.
//!
//! Refused anywhere:
//! - the elements `script`, `style`, `iframe`, `frame`, `frameset`, `object`, `embed`,
//!   `applet`, `form`, `base`, `link`, `meta` (in any namespace: SVG has a `script` too);
//! - any attribute named `on…`;
//! - a `javascript:`, `vbscript:` or `data:` URL in `href`, `src`, `action`,
//!   `formaction`, `srcset` (each candidate), `poster` or `background` (`xlink:href` too), read as a browser
//!   reads it (entities decoded by the parser, ASCII tabs and newlines removed, leading
//!   spaces and controls skipped, any case).
//!
//! A fragment (a memo's body) must also stay in its container: wrapped in a `div` with a
//! marker after it, it must parse back with the `div` and the marker as the only children
//! of `body`, and nothing added to `head`.
//!
//! A whole page may hold tarif's own elements of those kinds ([`page`] says which).

#![allow(dead_code)]

use std::fmt::Write as _;

use ego_tree::NodeRef;
use scraper::{Html, Node};

const REFUSED_ELEMENTS: [&str; 12] = [
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "base",
    "link", "meta",
];
/// By local name: `xlink:href` is an `href` too.
const URL_ATTRIBUTES: [&str; 7] = [
    "href",
    "src",
    "action",
    "formaction",
    "srcset",
    "poster",
    "background",
];
const REFUSED_SCHEMES: [&str; 3] = ["javascript", "vbscript", "data"];

const CONTAINER: &str = "tarif-oracle-container";
const AFTER: &str = "tarif-oracle-after";

/// An element as the oracle sees it: its name, its attributes (name, value), and where.
pub struct Element {
    pub name: String,
    pub attributes: Vec<(String, String)>,
    /// Its text content, for a `script`.
    pub text: String,
    /// The names of its ancestors, outermost first.
    pub path: String,
}

/// Parses `html` as a whole document.
pub fn parse(html: &str) -> Html {
    Html::parse_document(html)
}

/// Every element of `doc`, in document order (template contents included).
pub fn elements(doc: &Html) -> Vec<Element> {
    let mut out = Vec::new();
    walk(doc.tree.root(), "", &mut out);
    out
}

fn walk(node: NodeRef<Node>, path: &str, out: &mut Vec<Element>) {
    let mut inner = path.to_owned();
    if let Node::Element(e) = node.value() {
        let local = e.name().to_owned();
        out.push(Element {
            name: local.clone(),
            attributes: e
                .attrs()
                .map(|(n, v)| (n.to_owned(), v.to_owned()))
                .collect(),
            text: text_of(node),
            path: path.to_owned(),
        });
        inner = format!("{path}/{local}");
    }
    for child in node.children() {
        walk(child, &inner, out);
    }
}

fn text_of(node: NodeRef<Node>) -> String {
    node.descendants()
        .filter_map(|n| match n.value() {
            Node::Text(t) => Some(&**t),
            _ => None,
        })
        .collect()
}

/// The scheme a browser reads in a URL attribute's value, lowercased; none for a
/// relative URL.
pub fn scheme(url: &str) -> Option<String> {
    // The URL parser skips leading and trailing C0 controls and spaces, and removes every
    // ASCII tab and newline anywhere.
    let cleaned: String = url
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let (scheme, _) = cleaned.split_once(':')?;
    let mut chars = scheme.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then(|| scheme.to_ascii_lowercase())
}

/// The URLs of an attribute's value: one, or each candidate of a `srcset`.
fn urls<'a>(name: &str, value: &'a str) -> Vec<&'a str> {
    if name == "srcset" {
        value
            .split(',')
            .filter_map(|c| c.split_ascii_whitespace().next())
            .chain([value])
            .collect()
    } else {
        vec![value]
    }
}

/// What is wrong with one element's attributes, if anything.
fn attribute_problem(e: &Element) -> Option<String> {
    for (name, value) in &e.attributes {
        let lower = name.to_ascii_lowercase();
        if lower.starts_with("on") {
            return Some(format!(
                "<{}> has an event handler {name}={value:?}",
                e.name
            ));
        }
        if URL_ATTRIBUTES.contains(&lower.as_str()) {
            for url in urls(&lower, value) {
                if let Some(s) = scheme(url)
                    && REFUSED_SCHEMES.contains(&s.as_str())
                {
                    return Some(format!("<{}> has a {s}: URL: {name}={value:?}", e.name));
                }
            }
        }
    }
    None
}

/// Checks a rendered fragment (a memo's body): nothing refused, and nothing outside its
/// container once wrapped in one.
pub fn fragment(html: &str) -> Result<(), String> {
    let page = format!(
        "<!DOCTYPE html><html><head></head><body><div id=\"{CONTAINER}\">{html}</div><p id=\"{AFTER}\"></p></body></html>"
    );
    let doc = parse(&page);
    for e in elements(&doc) {
        if REFUSED_ELEMENTS.contains(&e.name.as_str()) {
            return Err(format!("a <{}> element at {}", e.name, e.path));
        }
        if let Some(problem) = attribute_problem(&e) {
            return Err(problem);
        }
    }
    contained(&doc)
}

/// The children of `n` but a doctype.
fn children(n: NodeRef<'_, Node>) -> Vec<NodeRef<'_, Node>> {
    n.children()
        .filter(|c| !matches!(c.value(), Node::Doctype(_)))
        .collect()
}

/// The wrapped fragment's structure: `html` > `head` (empty), `body` > the container,
/// then the marker, and nothing else.
fn contained(doc: &Html) -> Result<(), String> {
    let id_of = |n: NodeRef<Node>| match n.value() {
        Node::Element(e) => Some((e.name().to_owned(), e.id().unwrap_or_default().to_owned())),
        _ => None,
    };
    let top = children(doc.tree.root());
    let [html] = top.as_slice() else {
        return Err(format!("{} nodes at the top of the document", top.len()));
    };
    let parts = children(*html);
    let [head, body] = parts.as_slice() else {
        return Err(format!("<html> holds {} nodes", parts.len()));
    };
    if !children(*head).is_empty() {
        return Err("the fragment put something into <head>".into());
    }
    let in_body = children(*body);
    let expected = vec![
        Some(("div".to_owned(), CONTAINER.to_owned())),
        Some(("p".to_owned(), AFTER.to_owned())),
    ];
    let found: Vec<_> = in_body.iter().map(|n| id_of(*n)).collect();
    if found != expected || in_body[1].has_children() {
        let mut said = String::new();
        for c in found {
            let _ = write!(said, "{c:?} ");
        }
        return Err(format!("markup escaped its container: body holds {said}"));
    }
    Ok(())
}

/// Checks a whole page tarif wrote. Its own elements of the refused kinds are allowed:
/// `meta` and `link` in `head`, the search page's `form role="search"`, a `script` that
/// is an external module (`type="module"`, `src`, empty) or a data block
/// (`application/x-tarif`, `application/ld+json`, no `src`), whose text `data_block`
/// must accept (it reads the block as its reader would). Everything else as [`fragment`].
pub fn page(
    html: &str,
    data_block: &dyn Fn(&str, &str) -> Result<(), String>,
) -> Result<Vec<Element>, String> {
    let doc = parse(html);
    let all = elements(&doc);
    for e in &all {
        if let Some(problem) = attribute_problem(e) {
            return Err(problem);
        }
        let attr = |n: &str| {
            e.attributes
                .iter()
                .find(|(a, _)| a == n)
                .map(|(_, v)| v.as_str())
        };
        let own = match e.name.as_str() {
            "meta" | "link" => e.path == "/html/head",
            "form" => attr("role") == Some("search"),
            "script" => match (attr("type"), attr("src")) {
                (Some("module"), Some(_)) => e.text.is_empty(),
                (Some(t @ ("application/x-tarif" | "application/ld+json")), None) => {
                    data_block(t, &e.text)?;
                    true
                }
                _ => false,
            },
            other => !REFUSED_ELEMENTS.contains(&other),
        };
        if !own {
            return Err(format!("a <{}> element at {}", e.name, e.path));
        }
    }
    Ok(all)
}

/// The shape of a page: each element's path, name and attribute names, in order. Two
/// pages that differ only in their texts have the same shape.
pub fn shape(elements: &[&Element]) -> Vec<String> {
    // A web address in a text is a link by design (the `links` filter of the decision
    // table): such a link, with an http(s) address and nothing else, is no markup a text
    // made (its address is checked like every other).
    let address_link = |e: &&Element| {
        e.name == "a"
            && matches!(e.attributes.as_slice(), [(n, v)] if n == "href"
                && (v.starts_with("http://") || v.starts_with("https://")))
    };
    elements
        .iter()
        .filter(|e| !address_link(e))
        .map(|e| {
            let mut names: Vec<&str> = e.attributes.iter().map(|(n, _)| n.as_str()).collect();
            names.sort_unstable();
            format!("{}/{} [{}]", e.path, e.name, names.join(" "))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_oracle_refuses_what_it_must() {
        assert!(fragment("<p>fine <a href=\"https://x.example\">link</a></p>").is_ok());
        for bad in [
            "<script>alert(1)</script>",
            "<svg><script>alert(1)</script></svg>",
            "<img src=x onerror=alert(1)>",
            "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
            "<a href=\" JaVaScRiPt:alert(1)\">x</a>",
            "<img srcset=\"a.png 1x, data:image/png;base64,AA 2x\">",
            "<form action=x></form>",
            "</div><p>out</p>",
            "<p>fine</p></div>escaped",
        ] {
            assert!(fragment(bad).is_err(), "{bad}");
        }
    }
}
