//! Offline and installable: the service worker that precaches one whole build, the web
//! manifest of each language, and the app icons.

use serde::Serialize;
use tarif_engine::text::Lang;

use super::app::{content_hash, script_json};
use crate::site::model::Site;

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

/// The worker for a build whose files are `written` (`(path, integrity)`, from the
/// output's root); for `tarif serve` (`live`), the worker that caches nothing.
pub fn service_worker(written: &[(String, String)], live: bool) -> String {
    if live {
        return SW_OFF.to_owned();
    }
    let files: Vec<&(String, String)> = written
        .iter()
        .filter(|(path, _)| !NOT_PRECACHED.contains(&path.as_str()))
        .collect();
    let list = script_json(&files);
    SW.replacen("__BUILD__", &content_hash(list.as_bytes()), 1)
        .replacen("__FILES__", &list, 1)
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

    #[test]
    fn the_worker_precaches_each_page_and_asset_by_its_digest_and_names_its_build() {
        let written = vec![
            ("en/index.html".to_owned(), "sha384-a".to_owned()),
            ("_headers".to_owned(), "sha384-h".to_owned()),
            ("app/x.wasm".to_owned(), "sha384-b".to_owned()),
        ];
        let sw = service_worker(&written, false);
        assert!(
            sw.contains(
                r#"const FILES = [["en/index.html","sha384-a"],["app/x.wasm","sha384-b"]];"#
            ),
            "{sw}"
        );
        assert!(!sw.contains("_headers") || !sw.contains("sha384-h"));
        let other = service_worker(&written[..1], false);
        let build = |s: &str| {
            s.lines()
                .find(|l| l.starts_with("const BUILD"))
                .unwrap()
                .to_owned()
        };
        assert_ne!(
            build(&sw),
            build(&other),
            "a different build has a different cache"
        );
        assert!(!service_worker(&written, true).contains("FILES"));
    }
}
