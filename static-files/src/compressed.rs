//! Brotli bodies, compressed once per version of a file.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

/// Each text file as last read.
#[derive(Default)]
pub struct Cache {
    files: Mutex<HashMap<PathBuf, Entry>>,
}

/// A file's bytes and their brotli form (none when it is not smaller).
struct Entry {
    raw: Vec<u8>,
    brotli: Option<Arc<[u8]>>,
}

impl Cache {
    /// Every file under `root` that `is_text` takes, compressed now.
    pub fn of_folder(root: &Path, is_text: impl Fn(&Path) -> bool + Copy) -> Cache {
        let cache = Cache::default();
        cache.add_folder(root, is_text);
        cache
    }

    fn add_folder(&self, dir: &Path, is_text: impl Fn(&Path) -> bool + Copy) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                self.add_folder(&path, is_text);
            } else if is_text(&path)
                && let Ok(raw) = std::fs::read(&path)
            {
                self.get(&path, &raw);
            }
        }
    }

    /// The brotli form of `raw`, the bytes of `file` now; none when it is not smaller.
    pub fn get(&self, file: &Path, raw: &[u8]) -> Option<Arc<[u8]>> {
        let mut files = self.files.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(seen) = files.get(file)
            && seen.raw == raw
        {
            return seen.brotli.clone();
        }
        let brotli = compress(raw).map(Arc::from);
        let entry = Entry {
            raw: raw.to_vec(),
            brotli: brotli.clone(),
        };
        files.insert(file.to_owned(), entry);
        brotli
    }
}

fn compress(raw: &[u8]) -> Option<Vec<u8>> {
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        ..Default::default()
    };
    let mut out = Vec::new();
    brotli::BrotliCompress(&mut &raw[..], &mut out, &params).ok()?;
    (out.len() < raw.len()).then_some(out)
}
