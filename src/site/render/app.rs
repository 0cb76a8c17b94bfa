//! The WASM app on the pages that need it: its files, written with content-hashed names
//! (a new build never mixes with an old cached one), and the data each page gives it,
//! serialised from the engine's model so the app and the static tables cannot disagree.

use std::fmt::Write as _;
use std::hash::Hasher;

use rustc_hash::FxHasher;
use serde::Serialize;
use tarif_engine::diagnostic::Diagnostic;
use tarif_engine::pack::first_byte;
use tarif_engine::page::{Link, PageData, SearchData, WizardData};
use tarif_engine::price_list::{PriceHistory, PriceList};
use tarif_engine::search::{Index, Part};
use tarif_engine::text::Lang;
use tarif_engine::wizard::Wizard;

use super::APP_DIR;
use crate::app_bundle::APP;
use crate::site::model::{Section, Site};
use crate::site::parallel::Crew;
use crate::site::url::PageDir;
use crate::site::write::{Staging, integrity};

/// The app's files for the output, if this `tarif` embeds the app.
#[derive(Debug, Clone)]
pub struct AppAssets {
    /// `(path from the output root, bytes)`.
    pub files: Vec<(String, Vec<u8>)>,
    /// The module pages load, from the output root: `app/boot.<hash>.js`.
    pub boot: Script,
    /// The app's JS glue, which `boot` imports (pages preload it, with its integrity).
    pub glue: Script,
}

/// A script of the output: its path from the output root and its integrity digest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Script {
    pub path: String,
    pub integrity: String,
}

impl Script {
    /// `bytes` at `app/<stem>.<content hash>.js`.
    pub fn named(stem: &str, bytes: &[u8]) -> Script {
        Script {
            path: format!("{APP_DIR}/{stem}.{}.js", content_hash(bytes)),
            integrity: integrity(bytes),
        }
    }
}

impl AppAssets {
    /// The embedded app's files, named by their content.
    pub fn embedded() -> Option<AppAssets> {
        let app = APP.as_ref()?;
        let glue = Script::named("tarif-app", app.js);
        let wasm = format!("tarif-app_bg.{}.wasm", content_hash(app.wasm));
        // A module of our own starts the app, so the pages need no inline script (CSP),
        // and it fetches the wasm with its integrity digest (SRI for the whole chain).
        let glue_file = glue.path.trim_start_matches("app/");
        let boot_js = format!(
            "import init from \"./{glue_file}\";\n\
             init({{ module_or_path: fetch(new URL(\"./{wasm}\", import.meta.url), {{ integrity: \"{}\" }}) }});\n",
            integrity(app.wasm)
        );
        let boot = Script::named("boot", boot_js.as_bytes());
        let files = vec![
            (glue.path.clone(), app.js.to_vec()),
            (format!("{APP_DIR}/{wasm}"), app.wasm.to_vec()),
            (boot.path.clone(), boot_js.into_bytes()),
        ];
        Some(AppAssets { files, boot, glue })
    }
}

/// 16 hex digits of FNV-1a: enough to tell two builds' files apart (not a security hash).
pub fn content_hash(bytes: &[u8]) -> String {
    let mut h = ContentHash::default();
    h.add(bytes);
    h.finish()
}

/// [`content_hash`] of bytes given in pieces (FNV-1a, 64 bits).
struct ContentHash(u64);

impl Default for ContentHash {
    fn default() -> ContentHash {
        ContentHash(0xcbf2_9ce4_8422_2325)
    }
}

impl ContentHash {
    fn add(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn finish(&self) -> String {
        format!("{:016x}", self.0)
    }
}

/// The memos a quote rests on: the section's pages in `lang`, linked from `here`.
fn terms(section: &Section, lang: &Lang, here: &PageDir) -> Vec<Link> {
    section
        .memos_in(lang)
        .map(|m| Link {
            title: m.front.title.clone(),
            href: here.href_to(&m.dir(&section.id)),
        })
        .collect()
}

/// The data of a calculator over `list`, with its dated changes.
pub fn calculator(
    site: &Site,
    section: &Section,
    list: &PriceList,
    lang: &Lang,
    here: &PageDir,
) -> String {
    PageData {
        terms: terms(section, lang, here),
        calculator: Some(history(site, list)),
        ..PageData::new(lang.clone(), site.publisher(section, lang))
    }
    .to_text()
}

/// `list` with its dated changes (undated when the site has none for it): what the app
/// reads as of the visitor's today.
fn history(site: &Site, list: &PriceList) -> PriceHistory {
    site.price_histories
        .get(&list.id)
        .cloned()
        .unwrap_or_else(|| PriceHistory::undated(list.clone()))
}

/// The data of a wizard's flow.
pub fn wizard(
    site: &Site,
    section: &Section,
    wizard: &Wizard,
    lang: &Lang,
    here: &PageDir,
) -> String {
    let list = wizard
        .price_list
        .as_ref()
        .and_then(|id| site.price_lists.get(id));
    let quote_page = list
        .filter(|l| l.section.as_deref() == Some(section.id.as_str()) && l.has_prices())
        .map(|l| here.href_to(&PageDir::quote(lang, &section.id, &l.id)));
    PageData {
        wizard: Some(WizardData {
            wizard: wizard.clone(),
            list: list.map(|l| history(site, l)),
            root: here.to_root(),
            quote_page,
            titles: section
                .memos_in(lang)
                .flat_map(|m| {
                    m.body.clauses.iter().filter_map(move |c| {
                        let anchor = c.id.as_ref()?;
                        Some((format!("{}#{anchor}", m.slug), c.heading.clone()))
                    })
                })
                .collect(),
        }),
        ..PageData::new(lang.clone(), site.publisher(section, lang))
    }
    .to_text()
}

/// An index up to this size (about, in bytes packed) stays whole in its search page: one
/// request for the page beats a few for its parts, and the page works from a folder as
/// it always did. The default site's indexes are 60–90 KB.
pub const WHOLE_INDEX_BYTES: usize = 256 * 1024;

/// The index of the search page in `lang`: every page in that language, whole in the
/// page's data, or, when it is too large to carry whole (unless `whole`), in parts still
/// to be written beside the page ([`SearchIndex::write`]).
pub fn search(site: &Site, lang: &Lang, here: &PageDir, whole: bool) -> SearchIndex {
    let mut index = super::search::index(site, lang, here);
    let parts = if !whole && index.size() > WHOLE_INDEX_BYTES {
        index.take_parts()
    } else {
        Vec::new()
    };
    let base = here.file();
    SearchIndex {
        index,
        parts,
        base: base.trim_end_matches("index.html").to_owned(),
        company: site.config.company.clone(),
    }
}

/// A search page's index ([`search`]).
#[derive(Debug)]
pub struct SearchIndex {
    index: Index,
    /// Its parts, not yet packed; none when the page carries the index whole.
    parts: Vec<Part>,
    /// The search page's folder, from the output's root (`bg/search/`).
    base: String,
    company: String,
}

/// Where a search index's parts are written before their folder is named.
const PARTS_BEING_WRITTEN: &str = "parts-being-written/";

impl SearchIndex {
    /// Whether the index is in parts beside the page.
    pub fn in_parts(&self) -> bool {
        !self.parts.is_empty()
    }

    /// The page's data (once its parts, if any, are written).
    pub fn data(self) -> String {
        let lang = self.index.lang().clone();
        PageData {
            search: Some(SearchData { index: self.index }),
            ..PageData::new(
                lang,
                tarif_engine::page::Publisher {
                    name: self.company,
                    details: Vec::new(),
                },
            )
        }
        .to_text()
    }

    /// Packs and writes each part into `staging` as a script ([`part_script`]), by every
    /// thread of `crew`, each gone once written; then names their folder by a hash of
    /// them all (a fast one: they are tens of megabytes on a large site), so that a page
    /// never reads the parts of another build, and gives the page's data, which names it.
    pub fn write<'s>(
        mut self,
        staging: &'s Staging,
        crew: &Crew<'s>,
    ) -> Result<String, Diagnostic> {
        let writing = format!("{}{PARTS_BEING_WRITTEN}", self.base);
        let into = writing.clone();
        let hashes = crew.map_owned(std::mem::take(&mut self.parts), move |part| {
            let text = part.pack();
            let mut hash = FxHasher::default();
            hash.write(part.name.as_bytes());
            hash.write(text.as_bytes());
            let path = format!("{into}{}.js", part.name);
            staging
                .write(&path, part_script(&text).as_bytes())
                .map(|()| hash.finish())
        });
        let mut hash = FxHasher::default();
        for part in hashes {
            hash.write_u64(part?);
        }
        let folder = format!("parts-{:016x}/", hash.finish());
        staging.rename(&writing, &format!("{}{folder}", self.base))?;
        self.index.set_folder(&folder);
        Ok(self.data())
    }
}

/// A part of a search index as a script: it leaves the part's packed text in its own
/// element's `data-part` attribute, where the app takes it. (A script element rather than
/// a fetch: the app's bundle needs none of the fetch API's bindings for it.)
pub fn part_script(text: &str) -> String {
    let mut script = String::with_capacity(PART_SCRIPT.len() + text.len() + 8);
    script.push_str(PART_SCRIPT);
    json_string(text, &mut script);
    script.push_str(");\n");
    script
}

/// `text` as a JSON string, as `serde_json` writes it (`"` and `\` escaped, control
/// characters as `\n` or `\u001f`), onto `out`: the runs between the characters it escapes
/// copied whole, found a block at a time. A large site's parts are hundreds of megabytes
/// of it, which `serde_json` looked at a byte at a time.
fn json_string(text: &str, out: &mut String) {
    let escaped = |b: u8| b < 0x20 || b == b'"' || b == b'\\';
    out.push('"');
    let mut rest = text;
    while let Some(at) = first_byte(rest.as_bytes(), escaped) {
        out.push_str(&rest[..at]);
        match rest.as_bytes()[at] {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            0x08 => out.push_str("\\b"),
            0x0c => out.push_str("\\f"),
            b => {
                let _ = write!(out, "\\u{b:04x}");
            }
        }
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
    out.push('"');
}

/// How every part's script begins; the part's text follows as a JSON string.
const PART_SCRIPT: &str = "document.currentScript.setAttribute(\"data-part\",";

/// The packed text of a part from its script ([`part_script`]'s inverse), for tools that
/// read a built site's parts as the app does.
pub fn part_text(script: &str) -> Option<String> {
    let json = script
        .strip_prefix(PART_SCRIPT)?
        .trim_end()
        .strip_suffix(");")?;
    serde_json::from_str(json).ok()
}

/// JSON that cannot end its `<script>` element early: `<` is written `\u003c`.
pub fn script_json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value)
        .unwrap_or_default()
        .replace('<', "\\u003c")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_json_cannot_close_its_element() {
        let json = script_json(&"</script><script>alert(1)</script>");
        assert!(!json.contains('<'), "{json}");
    }

    proptest::proptest! {
        #[test]
        fn json_strings_are_serde_jsons(
            text in proptest::prop_oneof![
                "[\"\\\\\n\t\u{0}-\u{1f}a-я ]{0,200}",
                proptest::prelude::any::<String>(),
            ],
        ) {
            let mut ours = String::new();
            json_string(&text, &mut ours);
            proptest::prop_assert_eq!(ours, serde_json::to_string(&text).unwrap());
        }
    }

    #[test]
    fn a_part_reads_back_from_its_script() {
        let text = "AQI|\"quoted\" \\ </script>\nline";
        assert_eq!(part_text(&part_script(text)).as_deref(), Some(text));
        assert_eq!(part_text("alert(1)"), None);
    }

    #[test]
    fn content_hashes_differ_with_content() {
        assert_ne!(content_hash(b"a"), content_hash(b"b"));
        assert_eq!(content_hash(b"a").len(), 16);
    }
}
