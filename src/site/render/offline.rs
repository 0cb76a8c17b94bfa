//! Offline and installable: the service worker that precaches one whole build, the web
//! manifest of each language, and the app icons.

use serde::Serialize;
use tarif_engine::diagnostic::Diagnostic;
use tarif_engine::text::Lang;

use super::app::{content_hash, script_json};
use crate::site::load::StaticFile;
use crate::site::model::Site;

/// The service worker, at the output's root so that its scope is the whole site.
pub const SERVICE_WORKER: &str = "sw.js";
const SW: &str = include_str!("../../theme/sw.js");
/// `tarif serve`'s worker: removes any worker a built site left, and keeps nothing.
const SW_OFF: &str = include_str!("../../theme/sw-off.js");

/// The page script that registers the worker (in the app folder, named by its content).
pub const SITE_JS: &str = include_str!("../../theme/site.js");

/// The icons the manifest names, at the output's root: the theme's, unless the site's
/// `static/` has its own of the same name and size.
pub const ICONS: [Icon; 2] = [
    Icon {
        file: "icon-192.png",
        size: 192,
        bytes: include_bytes!("../../theme/icon-192.png"),
    },
    Icon {
        file: "icon-512.png",
        size: 512,
        bytes: include_bytes!("../../theme/icon-512.png"),
    },
];

/// An app icon (a square PNG).
pub struct Icon {
    pub file: &'static str,
    pub size: u32,
    pub bytes: &'static [u8],
}

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

/// The width and height of a PNG, from its header.
pub fn png_size(bytes: &[u8]) -> Option<(u32, u32)> {
    const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
    if bytes.len() < 24 || !bytes.starts_with(SIGNATURE) || &bytes[12..16] != b"IHDR" {
        return None;
    }
    let number =
        |at: usize| u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
    Some((number(16), number(20)))
}

/// A site's own icons must be PNGs of the size the manifest says.
pub fn icon_problems(statics: &[StaticFile]) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for icon in &ICONS {
        let Some(f) = statics.iter().find(|f| f.rel == icon.file) else {
            continue;
        };
        let name = format!("static/{}", f.rel);
        let want = (icon.size, icon.size);
        match std::fs::read(&f.path).map(|b| png_size(&b)) {
            Ok(Some(size)) if size == want => {}
            Ok(Some((w, h))) => problems.push(
                Diagnostic::file(
                    &name,
                    format!(
                        "the icon is {w}×{h} px; the web manifest says {0}×{0}",
                        icon.size
                    ),
                )
                .help(format!("give a square PNG of {0}×{0} px", icon.size)),
            ),
            Ok(None) => problems.push(Diagnostic::file(&name, "the icon is not a PNG file").help(
                format!("give a PNG of {0}×{0} px under this name", icon.size),
            )),
            Err(e) => problems.push(Diagnostic::file(
                &name,
                format!("cannot read the icon: {e}"),
            )),
        }
    }
    problems
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
