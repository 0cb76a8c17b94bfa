//! Reading a site's source files from disk into the engine's model.
//!
//! The engine never touches the file system; this module does, and reports every problem
//! as a located [`Diagnostic`], named relative to the site root as the author knows it.

use std::fs;
use std::path::{Path, PathBuf};

use tarif_engine::diagnostic::Diagnostic;
use tarif_engine::price_list::{PriceHistory, parse_price_history};

/// The folder of a site's price lists, relative to its root.
pub const PRICE_LISTS: &str = "price-lists";

/// Reads a text file, as UTF-8; `name` is how the problem is reported.
pub fn read_text(path: &Path, name: &str) -> Result<String, Diagnostic> {
    let bytes =
        fs::read(path).map_err(|e| Diagnostic::file(name, format!("cannot read the file: {e}")))?;
    // Checked with SIMD first: at 10,000 pages the standard check was 3 % of a build, its
    // slow path taking each Cyrillic letter apart. A file that fails it is checked again
    // by the standard library, which says where.
    if simdutf8::basic::from_utf8(&bytes).is_ok() {
        // SAFETY: simdutf8 has just found the whole of `bytes` to be UTF-8.
        return Ok(unsafe { String::from_utf8_unchecked(bytes) });
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(&e.into_bytes()[..at]).into_owned();
        Diagnostic::at(name, &text, at..at, "the file is not valid UTF-8")
            .help("save the file as UTF-8 (without a byte-order mark is best)")
    })
}

/// Where a price list named on the command line is: an id in `<root>/price-lists/`, or
/// a path to a `.toml` file.
pub fn price_list_path(root: &Path, list: &str) -> PathBuf {
    if list.ends_with(".toml") || list.contains(['/', '\\']) {
        PathBuf::from(list)
    } else {
        root.join(PRICE_LISTS).join(format!("{list}.toml"))
    }
}

/// Reads and checks one price list, with its dated changes.
pub fn read_price_list(path: &Path, name: &str) -> Result<PriceHistory, Vec<Diagnostic>> {
    let text = read_text(path, name).map_err(|d| vec![d])?;
    parse_price_history(name, &text)
}

/// The ids of the price lists in `<root>/price-lists/`, sorted.
pub fn price_list_ids(root: &Path) -> Vec<String> {
    let mut ids: Vec<String> = fs::read_dir(root.join(PRICE_LISTS))
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            e.file_name()
                .to_str()?
                .strip_suffix(".toml")
                .map(str::to_owned)
        })
        .collect();
    ids.sort();
    ids
}
