//! Noticing that a source changed, by polling.
//!
//! A poll of the sources' names, sizes and modification times, four times a second,
//! costs a few milliseconds for a site of thousands of files and works the same on every
//! OS, file system and editor (atomic saves, network drives, containers), where event
//! APIs each have their own gaps; a rebuild is sub-second anyway.

use std::fs;
use std::path::Path;
use std::time::SystemTime;

use crate::site::load::{CONTENT, STATIC, TEMPLATES};
use crate::sources::PRICE_LISTS;

/// What a build reads, summarised: equal fingerprints mean nothing to rebuild.
pub type Fingerprint = Vec<(String, u64, Option<SystemTime>)>;

pub fn fingerprint(root: &Path) -> Fingerprint {
    let mut out = Vec::new();
    for dir in [CONTENT, PRICE_LISTS, TEMPLATES, STATIC] {
        walk(&root.join(dir), &mut out);
    }
    out
}

fn walk(dir: &Path, out: &mut Fingerprint) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let Ok(meta) = e.metadata() else { continue };
        if meta.is_dir() {
            walk(&e.path(), out);
        } else {
            out.push((
                e.path().to_string_lossy().into_owned(),
                meta.len(),
                meta.modified().ok(),
            ));
        }
    }
}
