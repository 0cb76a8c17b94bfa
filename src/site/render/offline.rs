//! Offline and installable: the service worker that keeps one build (the whole of a small
//! site on the first visit; the core of a large one, then what the visitor opens or
//! saves: `theme/sw.js`), the web manifest of each language, and the app icons.

use std::collections::BTreeMap;

use serde::Serialize;
use tarif_engine::text::Lang;

use super::app::{content_hash, script_json};
use crate::site::model::Site;
use crate::site::write::{Written, integrity};

pub use crate::site::layout::{ICONS, Icon, SERVICE_WORKER, icon_problems, png_size};

const SW: &str = include_str!("../../theme/sw.js");
/// `tarif serve`'s worker: removes any worker a built site left, and keeps nothing.
const SW_OFF: &str = include_str!("../../theme/sw-off.js");

/// The page script that registers the worker (in the app folder, named by its content).
pub const SITE_JS: &str = include_str!("../../theme/site.js");

/// Files of the output that no page loads: the worker does not precache them.
const NOT_PRECACHED: [&str; 5] = [
    SERVICE_WORKER,
    "_headers",
    "robots.txt",
    "sitemap.xml",
    crate::site::write::MARKER,
];

/// The list of a group's files (`[[path, integrity, size], …]`), in the group's folder.
pub const GROUP_LIST: &str = "offline.json";

/// The group of a file of a large site: the folder of its language and section
/// (`bg/laptop-bg/`), or of a language's search index parts (`bg/search/`). Files above
/// that (the shell, the homes, the manifests) and the search pages are the core: none.
pub fn group(path: &str) -> Option<String> {
    let mut parts = path.splitn(3, '/');
    let (lang, section, rest) = (parts.next()?, parts.next()?, parts.next()?);
    (!(section == "search" && rest == "index.html")).then(|| format!("{lang}/{section}/"))
}

/// The files that make a build offline, for a build whose files are `written`: each
/// group's list (when the site weighs more than `budget`), then the worker, which
/// precaches the core (everything, under the budget) and knows each list's digest. For
/// `tarif serve` (`live`), the worker that keeps nothing.
pub fn offline_files(written: &[Written], live: bool, budget: u64) -> Vec<(String, String)> {
    if live {
        return vec![(SERVICE_WORKER.to_owned(), SW_OFF.to_owned())];
    }
    let files: Vec<&Written> = written
        .iter()
        .filter(|w| !NOT_PRECACHED.contains(&w.path.as_str()))
        .collect();
    let whole = files.iter().map(|f| f.size).sum::<u64>() <= budget;
    let mut core: Vec<(&str, &str)> = Vec::new();
    let mut groups: BTreeMap<String, Vec<(&str, &str, u64)>> = BTreeMap::new();
    for f in files {
        match group(&f.path).filter(|_| !whole) {
            Some(g) => groups
                .entry(g)
                .or_default()
                .push((&f.path, &f.integrity, f.size)),
            None => core.push((&f.path, &f.integrity)),
        }
    }
    let mut out = Vec::new();
    let mut digests: BTreeMap<&str, String> = BTreeMap::new();
    for (g, files) in &groups {
        let list = serde_json::to_string(files).unwrap_or_default();
        digests.insert(g, integrity(list.as_bytes()));
        out.push((format!("{g}{GROUP_LIST}"), list));
    }
    let core = script_json(&core);
    let groups = script_json(&digests);
    let build = content_hash(format!("{core}{groups}").as_bytes());
    let worker = SW
        .replacen("__BUILD__", &build, 1)
        .replacen("__FILES__", &core, 1)
        .replacen("__GROUPS__", &groups, 1);
    out.push((SERVICE_WORKER.to_owned(), worker));
    out
}

/// `<lang>/manifest.webmanifest`: the site in `lang`, installable.
pub const MANIFEST: &str = "manifest.webmanifest";

#[derive(Serialize)]
struct Manifest<'a> {
    name: &'a str,
    short_name: &'a str,
    description: &'a str,
    lang: &'a str,
    id: &'a str,
    start_url: &'a str,
    scope: &'a str,
    display: &'a str,
    background_color: &'a str,
    theme_color: String,
    icons: Vec<ManifestIcon>,
}

#[derive(Serialize)]
struct ManifestIcon {
    src: String,
    sizes: String,
    #[serde(rename = "type")]
    kind: &'static str,
    purpose: &'static str,
}

/// The web manifest of `lang` (it lives in `<lang>/`, so its links climb one folder).
pub fn manifest(site: &Site, lang: &Lang) -> String {
    let manifest = Manifest {
        name: site.config.title.best(lang, &site.languages),
        short_name: &site.config.company,
        description: site.config.description.best(lang, &site.languages),
        lang: lang.as_str(),
        id: "./index.html",
        start_url: "./index.html",
        scope: "../",
        display: "standalone",
        background_color: "#ffffff",
        theme_color: site.config.colours.accent.to_string(),
        icons: ICONS
            .iter()
            .map(|i| ManifestIcon {
                src: format!("../{}", i.file),
                sizes: format!("{0}x{0}", i.size),
                kind: "image/png",
                // The theme's icons keep their mark inside the maskable safe zone.
                purpose: "any maskable",
            })
            .collect(),
    };
    serde_json::to_string_pretty(&manifest).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_theme_icons_are_the_sizes_they_claim() {
        for icon in &ICONS {
            assert_eq!(
                png_size(icon.bytes),
                Some((icon.size, icon.size)),
                "{}",
                icon.file
            );
        }
        assert_eq!(png_size(b"GIF89a"), None);
    }

    fn written(path: &str, size: u64) -> Written {
        Written {
            path: path.to_owned(),
            integrity: format!("sha256-{path}"),
            size,
        }
    }

    fn worker(files: &[(String, String)]) -> &str {
        &files.last().unwrap().1
    }

    #[test]
    fn the_worker_precaches_each_page_and_asset_by_its_digest_and_names_its_build() {
        let written = vec![
            written("en/index.html", 10),
            written("_headers", 10),
            written("app/x.wasm", 10),
            written("en/s/index.html", 10),
        ];
        let files = offline_files(&written, false, 1_000);
        assert_eq!(files.len(), 1, "under its budget, the site has no groups");
        let sw = worker(&files);
        assert!(
            sw.contains(
                r#"const FILES = [["en/index.html","sha256-en/index.html"],["app/x.wasm","sha256-app/x.wasm"],["en/s/index.html","sha256-en/s/index.html"]];"#
            ),
            "{sw}"
        );
        assert!(sw.contains("const GROUPS = {};"), "{sw}");
        assert!(!sw.contains("_headers"));
        let other = offline_files(&written[..1], false, 1_000);
        let build = |s: &str| {
            s.lines()
                .find(|l| l.starts_with("const BUILD"))
                .unwrap()
                .to_owned()
        };
        assert_ne!(
            build(sw),
            build(worker(&other)),
            "a different build has a different cache"
        );
        assert!(!worker(&offline_files(&written, true, 1_000)).contains("FILES"));
    }

    #[test]
    fn over_its_budget_a_site_precaches_its_core_and_lists_each_group() {
        let written = vec![
            written("index.html", 100),
            written("style.css", 100),
            written("app/x.wasm", 500),
            written("bg/index.html", 100),
            written("bg/search/index.html", 100),
            written("bg/search/parts-1/t0.js", 300),
            written("bg/s1/index.html", 200),
            written("bg/s1/memo/index.html", 400),
            written("en/s1/index.html", 200),
        ];
        let files = offline_files(&written, false, 1_000);
        let paths: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            paths,
            [
                "bg/s1/offline.json",
                "bg/search/offline.json",
                "en/s1/offline.json",
                "sw.js"
            ]
        );
        assert_eq!(
            files[0].1,
            r#"[["bg/s1/index.html","sha256-bg/s1/index.html",200],["bg/s1/memo/index.html","sha256-bg/s1/memo/index.html",400]]"#
        );
        let sw = worker(&files);
        let core = sw.lines().find(|l| l.starts_with("const FILES")).unwrap();
        for path in [
            "index.html",
            "style.css",
            "app/x.wasm",
            "bg/index.html",
            "bg/search/index.html",
        ] {
            assert!(core.contains(&format!("[\"{path}\"")), "{path} in {core}");
        }
        assert!(
            !core.contains("bg/s1/") && !core.contains("parts-1"),
            "{core}"
        );
        let digest = integrity(files[0].1.as_bytes());
        assert!(sw.contains(&format!("\"bg/s1/\":\"{digest}\"")), "{sw}");
    }
}
