//! The sanitiser proved by an oracle (issue 20, item 2), not by examples: generated
//! hostile text goes through the real renderer, the output is parsed back as a browser
//! parses it (html5ever), and `oracle` refuses anything that could run script or leave
//! its place (`tests/oracle/mod.rs`; the `sanitiser` fuzz target runs the same oracle).
//!
//! - Markdown with arbitrary raw HTML, through `site::markdown::render`;
//! - every text a price list, a wizard or a memo's front matter puts on a page (each
//!   language's string of every multilingual text, every title and description), through
//!   the whole site's rendering: every page, tarif's own data blocks read back by their
//!   readers, and each page's elements the same as with harmless texts (but for the
//!   links a text's own `https://` addresses become).

mod common;
mod oracle;

use std::fs;
use std::path::Path;
use std::sync::OnceLock;

use proptest::prelude::*;
use tarif::site::load::TextFile;
use tarif::site::render::{self, Theme};
use tarif::site::url::PageDir;
use tarif::site::{load_site, markdown};
use tarif_engine::page::PageData;
use tarif_engine::text::Lang;

/// Pieces of hostile text: markup, URL schemes in the spellings a browser still reads,
/// entities, comment and CDATA ends, template syntax, Markdown constructs, separators.
const PIECES: &[&str] = &[
    "<script>alert(1)</script>",
    "<script",
    "</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<iframe src=x>",
    "<object data=x>",
    "<embed src=x>",
    "<form action=x>",
    "<base href=x>",
    "<style>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
    "<template>",
    "<textarea>",
    "</textarea>",
    "<title>",
    "</title>",
    "<table><tr><td>",
    "</td></tr></table>",
    "<a href=\"",
    "<a href='",
    "<a href=",
    "<img srcset=\"a 1x, ",
    "<button formaction=\"",
    "<a xlink:href=\"",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "jav&#x09;ascript:alert(1)",
    "&#106;avascript:alert(1)",
    "javascript&colon;alert(1)",
    "\u{1}javascript:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html,<script>alert(1)</script>",
    "\">",
    "'>",
    "\"",
    "'",
    "`",
    "<",
    ">",
    "&",
    "&amp;",
    "&lt;",
    "&#60;",
    "<!--",
    "-->",
    "]]>",
    "</div>",
    "</p>",
    "</body>",
    "</html>",
    "<div>",
    "<p>",
    " onclick=alert(1) ",
    " onerror=alert(1)",
    " style=\"x\"",
    "{{ site }}",
    "{% raw %}",
    "{#",
    "#}",
    "${x}",
    "\\",
    "\\u003c",
    "\n",
    "\r\n",
    "\n\n",
    "\u{2028}",
    "\u{feff}",
    "# ",
    "## Heading {#heading}",
    "* ",
    "| a | b |\n|---|---|\n| ",
    "[x](javascript:alert(1))",
    "[x](<javascript:alert(1)>)",
    "![x](javascript:alert(1))",
    "[^1]\n\n[^1]: ",
    "```\n",
    "<https://example.com>",
    "https://example.com",
    "x",
    " ",
    "ё",
    "Лаптоп",
];

fn hostile_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => prop::sample::select(PIECES).prop_map(str::to_owned),
        1 => "\\PC{0,6}",
    ];
    prop::collection::vec(piece, 1..12).prop_map(|parts| parts.concat())
}

fn render_body(text: &str) -> String {
    let file = TextFile {
        name: "content/laptop-bg/en/oracle.md".to_owned(),
        text: text.to_owned(),
    };
    let en = Lang::new("en").unwrap();
    let here = PageDir::memo(&en, "laptop-bg", "oracle");
    markdown::render(&file, 0, "laptop-bg", &en, &here, &mut Vec::new()).html
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1500))]

    #[test]
    fn markdown_with_raw_html_renders_nothing_that_runs_or_escapes(text in hostile_text()) {
        let html = render_body(&text);
        if let Err(why) = oracle::fragment(&html) {
            panic!("{why}\n--- markdown:\n{text}\n--- html:\n{html}");
        }
    }
}

#[test]
fn the_default_memos_pass_the_oracle() {
    for section in &common::default_model().sections {
        for memo in &section.memos {
            if let Err(why) = oracle::fragment(&memo.body.html) {
                panic!("{}: {why}", memo.file);
            }
        }
    }
}

/// A copy of the default site in `root` with every text replaced: the `i`th text of the
/// site gets `text(i)`.
fn site_with_texts(root: &Path, text: &dyn Fn(usize) -> String) {
    for dir in ["content", "price-lists", "static"] {
        common::copy_dir(&common::default_site().join(dir), &root.join(dir));
    }
    let mut n = 0;
    let mut next = || {
        n += 1;
        text(n)
    };
    let mut files = Vec::new();
    collect(root, &mut files);
    files.sort();
    for file in files {
        let name = file.to_string_lossy().into_owned();
        let source = fs::read_to_string(&file).unwrap();
        let replaced = if name.ends_with(".wizard.toml") {
            // `{name}` in a wizard's text is a date it states: author syntax, checked.
            let mut table: toml::Table = source.parse().unwrap();
            replace_texts(&mut table, &mut || {
                next().replace('{', "(").replace('}', ")")
            });
            toml::to_string(&table).unwrap()
        } else if name.ends_with(".toml") {
            let mut table: toml::Table = source.parse().unwrap();
            replace_texts(&mut table, &mut next);
            toml::to_string(&table).unwrap()
        } else if name.ends_with(".md") {
            front_matter_replaced(&source, &mut next)
        } else {
            continue;
        };
        fs::write(&file, replaced).unwrap();
    }
}

fn collect(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// Every multilingual text of a TOML file (a table whose keys are all language tags).
fn replace_texts(table: &mut toml::Table, next: &mut dyn FnMut() -> String) {
    let is_text = |t: &toml::Table| {
        !t.is_empty()
            && t.iter()
                .all(|(k, v)| ["ru", "bg", "en"].contains(&k.as_str()) && v.is_str())
    };
    for (_, value) in table.iter_mut() {
        match value {
            toml::Value::Table(t) if is_text(t) => {
                for (_, v) in t.iter_mut() {
                    *v = toml::Value::String(next());
                }
            }
            toml::Value::Table(t) => replace_texts(t, next),
            toml::Value::Array(items) => {
                for item in items {
                    if let toml::Value::Table(t) = item {
                        if is_text(t) {
                            for (_, v) in t.iter_mut() {
                                *v = toml::Value::String(next());
                            }
                        } else {
                            replace_texts(t, next);
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

/// A memo with its front matter's title and description replaced.
fn front_matter_replaced(source: &str, next: &mut dyn FnMut() -> String) -> String {
    let rest = source.strip_prefix("+++\n").expect("a front matter");
    let (front, body) = rest.split_once("\n+++\n").expect("its end");
    let mut table: toml::Table = front.parse().unwrap();
    for key in ["title", "description"] {
        table.insert(key.to_owned(), toml::Value::String(next()));
    }
    format!("+++\n{}+++\n{body}", toml::to_string(&table).unwrap())
}

/// Every page of the site at `root`, rendered: (output path, HTML).
fn pages(root: &Path) -> Vec<(String, String)> {
    let site = load_site(root).unwrap_or_else(|problems| {
        let all: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        panic!("the site does not load:\n{}", all.join("\n"))
    });
    let theme = Theme::new(&site, false).unwrap();
    render::pages(&site)
        .iter()
        .map(|p| theme.render(&site, p).unwrap())
        .map(|page| (page.path, page.html))
        .collect()
}

/// tarif's own data blocks, read back as the app and a search engine read them.
fn data_block(kind: &str, text: &str) -> Result<(), String> {
    match kind {
        "application/x-tarif" => PageData::from_text(text)
            .map(|_| ())
            .map_err(|e| format!("the page's data does not read back: {e:?}")),
        _ => serde_json::from_str::<serde_json::Value>(text)
            .map(|_| ())
            .map_err(|e| format!("the JSON-LD does not read back: {e}")),
    }
}

/// A page's shape, but for the links a text's own web addresses become (the templates'
/// `links` filter: `<a href="https://…">` holding the address as text), which harmless
/// texts have none of.
fn shape(elements: &[oracle::Element]) -> Vec<String> {
    let address_link = |e: &oracle::Element| {
        e.name == "a"
            && matches!(e.attributes.as_slice(), [(name, href)]
                if name == "href" && (href.starts_with("https://") || href.starts_with("http://")))
    };
    let kept: Vec<&oracle::Element> = elements.iter().filter(|e| !address_link(e)).collect();
    oracle::shape(&kept)
}

/// Each page's shape with harmless texts, by output path.
fn harmless_shapes() -> &'static Vec<(String, Vec<String>)> {
    static SHAPES: OnceLock<Vec<(String, Vec<String>)>> = OnceLock::new();
    SHAPES.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap();
        site_with_texts(tmp.path(), &|i| format!("Harmless text {i}"));
        pages(tmp.path())
            .into_iter()
            .map(|(path, html)| {
                let elements = oracle::page(&html, &data_block)
                    .unwrap_or_else(|why| panic!("{path} with harmless texts: {why}"));
                (path, shape(&elements))
            })
            .collect()
    })
}

#[test]
fn the_page_oracle_sees_a_text_that_became_markup() {
    let tmp = tempfile::tempdir().unwrap();
    site_with_texts(tmp.path(), &|i| format!("Harmless text {i}"));
    let (path, html) = pages(tmp.path())
        .into_iter()
        .find(|(_, html)| html.contains("Harmless text 1<"))
        .expect("a page with the first text");
    let harmless = oracle::page(&html, &data_block).unwrap();
    // The same page had the text been written into it unescaped.
    for raw in ["<b>bold</b>", "<img src=x onerror=alert(1)>", "</main>"] {
        let tampered = html.replacen("Harmless text 1<", &format!("{raw}<"), 1);
        let same_shape =
            oracle::page(&tampered, &data_block).is_ok_and(|e| shape(&e) == shape(&harmless));
        assert!(!same_shape, "{path}: {raw} went unseen");
    }
}

#[test]
fn a_web_address_in_a_text_becomes_its_link_and_nothing_more() {
    let tmp = tempfile::tempdir().unwrap();
    site_with_texts(tmp.path(), &|i| {
        format!("See https://example.com/{i}?a=1&b=\"2\"'onmouseover=alert(1)<b>x</b> now")
    });
    let harmless = harmless_shapes();
    let mut links = 0;
    for ((path, html), (_, want)) in pages(tmp.path()).iter().zip(harmless) {
        let elements =
            oracle::page(html, &data_block).unwrap_or_else(|why| panic!("{path}: {why}"));
        assert_eq!(&shape(&elements), want, "{path}");
        links += elements
            .iter()
            .filter(|e| {
                e.attributes
                    .iter()
                    .any(|(_, v)| v.starts_with("https://example.com/"))
            })
            .count();
    }
    // The decision tables' reasons and steps link their addresses.
    assert!(links > 0, "no text's address became a link");
}

proptest! {
    // Each case loads and renders the whole default site (seconds in a debug build).
    #![proptest_config(ProptestConfig::with_cases(3))]

    #[test]
    fn no_text_from_a_price_list_wizard_or_front_matter_becomes_markup(
        texts in prop::collection::vec(hostile_text(), 64),
    ) {
        let tmp = tempfile::tempdir().unwrap();
        let text = |i: usize| {
            let t = &texts[i % texts.len()];
            // An empty title is an author's error, not an attack.
            if t.trim().is_empty() { format!("{t}x") } else { t.clone() }
        };
        site_with_texts(tmp.path(), &text);
        let rendered = pages(tmp.path());
        let harmless = harmless_shapes();
        prop_assert_eq!(rendered.len(), harmless.len());
        for ((path, html), (same_path, want)) in rendered.iter().zip(harmless) {
            prop_assert_eq!(path, same_path);
            let elements = oracle::page(html, &data_block)
                .unwrap_or_else(|why| panic!("{path}: {why}"));
            let got = shape(&elements);
            if &got != want {
                let at = got.iter().zip(want).position(|(a, b)| a != b).unwrap_or(0);
                panic!(
                    "{path}: a text changed the page's elements at element {at}: {:?} instead of {:?}",
                    got.get(at),
                    want.get(at)
                );
            }
        }
    }
}
