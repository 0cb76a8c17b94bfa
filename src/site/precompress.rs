//! `tarif build --precompress`: a brotli (`.br`) and a gzip (`.gz`) form beside each text
//! file of a build, for hosts that serve precompressed files as they are (nginx's
//! `brotli_static` and `gzip_static`, Netlify, Cloudflare Pages) instead of compressing
//! on every request or not at all.
//!
//! - Only text (and the app's WebAssembly) is compressed: pages, styles, scripts, JSON,
//!   XML, SVG, the web manifests. Images and fonts are compressed already.
//! - A form is written only where it pays: at most 90 % of the file's size (a tiny file
//!   gains nothing a request's headers do not eat).
//! - Reproducible: the same file gives the same bytes (brotli at fixed settings; gzip
//!   with no file name and no time in its header), so a rebuild changes only what changed.
//! - The forms are written into the build's temporary folder before it is swapped in: a
//!   build with them is whole or not there, like any other. The service worker's list
//!   names the files themselves, never their compressed forms.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use tarif_engine::diagnostic::Diagnostic;

use super::parallel;

/// The extensions of the files worth compressing.
const TEXT: [&str; 10] = [
    "html",
    "css",
    "js",
    "mjs",
    "json",
    "xml",
    "txt",
    "svg",
    "webmanifest",
    "wasm",
];

/// Brotli's quality for files up to [`LARGE`]; the largest, at 11, took longer than the
/// rest of a large site's build (a search page holds a language's whole index).
const QUALITY: i32 = 11;
/// The quality above [`LARGE`] bytes.
const QUALITY_LARGE: i32 = 9;
const LARGE: usize = 1 << 20;

/// What `precompress` wrote.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Precompressed {
    /// Text files looked at.
    pub files: usize,
    /// `.br` and `.gz` files written.
    pub brotli: usize,
    pub gzip: usize,
}

/// Writes the `.br` and `.gz` forms of the text files under `dir` beside them.
pub fn precompress(dir: &Path) -> Result<Precompressed, Diagnostic> {
    let mut files = Vec::new();
    text_files(dir, &mut files)?;
    let results = parallel::map(&files, |path| forms(path));
    let mut done = Precompressed {
        files: files.len(),
        ..Precompressed::default()
    };
    for result in results {
        let (brotli, gzip) = result?;
        done.brotli += usize::from(brotli);
        done.gzip += usize::from(gzip);
    }
    Ok(done)
}

fn text_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), Diagnostic> {
    let entries = fs::read_dir(dir).map_err(|e| problem(dir, "read the folder", e))?;
    for entry in entries {
        let path = entry
            .map_err(|e| problem(dir, "read the folder", e))?
            .path();
        if path.is_dir() {
            text_files(&path, out)?;
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| TEXT.contains(&e))
        {
            out.push(path);
        }
    }
    Ok(())
}

/// Writes `path`'s brotli and gzip forms where they pay; whether each was written.
fn forms(path: &Path) -> Result<(bool, bool), Diagnostic> {
    let raw = fs::read(path).map_err(|e| problem(path, "read the file to compress it", e))?;
    let brotli = write_if_smaller(path, "br", &raw, brotli(&raw))?;
    let gzip = write_if_smaller(path, "gz", &raw, gzip(&raw))?;
    Ok((brotli, gzip))
}

fn write_if_smaller(path: &Path, ext: &str, raw: &[u8], form: Vec<u8>) -> Result<bool, Diagnostic> {
    if form.is_empty() || form.len() * 10 > raw.len() * 9 {
        return Ok(false);
    }
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(ext);
    let to = PathBuf::from(name);
    fs::write(&to, form).map_err(|e| problem(&to, "write the compressed file", e))?;
    Ok(true)
}

/// Brotli at a fixed quality and window; empty if it failed.
pub fn brotli(raw: &[u8]) -> Vec<u8> {
    let params = brotli::enc::BrotliEncoderParams {
        quality: if raw.len() > LARGE {
            QUALITY_LARGE
        } else {
            QUALITY
        },
        lgwin: 22,
        ..Default::default()
    };
    let mut out = Vec::new();
    match brotli::BrotliCompress(&mut &raw[..], &mut out, &params) {
        Ok(_) => out,
        Err(_) => Vec::new(),
    }
}

/// Gzip at its best level, with no file name and no time in the header; empty if it
/// failed.
pub fn gzip(raw: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::GzBuilder::new()
        .mtime(0)
        .write(Vec::new(), flate2::Compression::best());
    encoder
        .write_all(raw)
        .and_then(|_| encoder.finish())
        .unwrap_or_default()
}

fn problem(path: &Path, what: &str, e: std::io::Error) -> Diagnostic {
    Diagnostic::file(path.display().to_string(), format!("cannot {what}: {e}"))
}

#[cfg(test)]
mod tests {
    use std::io::Read as _;

    use super::*;

    #[test]
    fn text_gets_its_forms_where_they_pay_and_they_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let page = "<p>Гаранционно обслужване</p>\n".repeat(200);
        fs::create_dir(dir.path().join("bg")).unwrap();
        fs::write(dir.path().join("bg/index.html"), &page).unwrap();
        fs::write(dir.path().join("tiny.txt"), "ok").unwrap();
        fs::write(dir.path().join("icon.png"), page.as_bytes()).unwrap();
        let done = precompress(dir.path()).unwrap();
        assert_eq!(
            done,
            Precompressed {
                files: 2,
                brotli: 1,
                gzip: 1
            }
        );
        let br = fs::read(dir.path().join("bg/index.html.br")).unwrap();
        let mut back = Vec::new();
        brotli::BrotliDecompress(&mut &br[..], &mut back).unwrap();
        assert_eq!(back, page.as_bytes());
        let gz = fs::read(dir.path().join("bg/index.html.gz")).unwrap();
        let mut back = String::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_string(&mut back)
            .unwrap();
        assert_eq!(back, page);
        // Too small to pay, or not text: nothing beside them.
        for skipped in ["tiny.txt.br", "tiny.txt.gz", "icon.png.br"] {
            assert!(!dir.path().join(skipped).exists(), "{skipped}");
        }
    }

    #[test]
    fn the_same_bytes_give_the_same_forms() {
        let text = "<html>Ценоразпис на сервизните услуги</html>".repeat(50);
        assert_eq!(brotli(text.as_bytes()), brotli(text.as_bytes()));
        let gz = gzip(text.as_bytes());
        assert_eq!(gz, gzip(text.as_bytes()));
        // No time in the header (bytes 4–7), no name (flag byte 3 clear).
        assert_eq!(&gz[3..8], &[0, 0, 0, 0, 0]);
    }
}
