//! The layout of the output that every stage agrees on: the files the build writes at
//! the root, the app's folder, the ids a page uses for itself, and the app icons with the
//! rule a site's own icons follow. The validator checks sources against it and the
//! renderer writes it; neither imports the other for it.

use tarif_engine::diagnostic::Diagnostic;

use super::load::StaticFile;

/// Ids the page itself uses: no heading or price-list item may take them.
pub const RESERVED_IDS: [&str; 6] = [
    "main",
    "price-list",
    "section-nav",
    tarif_engine::page::DATA_ID,
    tarif_engine::page::MOUNT_ID,
    "decision-table",
];
/// Files the build writes at the output's root besides the language folders and icons.
pub const GENERATED_FILES: [&str; 6] = [
    "index.html",
    "style.css",
    SERVICE_WORKER,
    "robots.txt",
    "sitemap.xml",
    HEADERS_FILE,
];
/// Response headers for static hosts that read a `_headers` file, and for the server of
/// `tarif serve`, the end-to-end tests and Lighthouse, which reads it by this name.
pub use tarif_static_files::HEADERS_FILE;

/// The folder of the app's files in the output.
pub const APP_DIR: &str = "app";

/// The service worker, at the output's root so that its scope is the whole site.
pub const SERVICE_WORKER: &str = "sw.js";

/// The icons the manifest names, at the output's root: the theme's, unless the site's
/// `static/` has its own of the same name and size.
pub const ICONS: [Icon; 2] = [
    Icon {
        file: "icon-192.png",
        size: 192,
        bytes: include_bytes!("../theme/icon-192.png"),
    },
    Icon {
        file: "icon-512.png",
        size: 512,
        bytes: include_bytes!("../theme/icon-512.png"),
    },
];

/// An app icon (a square PNG).
pub struct Icon {
    pub file: &'static str,
    pub size: u32,
    pub bytes: &'static [u8],
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
