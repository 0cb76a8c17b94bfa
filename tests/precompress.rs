//! `tarif build --precompress` on the default site: a `.br` and a `.gz` beside each text
//! file where they pay, each reading back to the file, and none listed for the service
//! worker to precache. (The same bytes give the same forms: `site::precompress`'s tests.)

mod common;

use std::io::Read as _;
use std::path::Path;
use std::process::Command;

use common::{default_site, files};

fn build(out: &Path, precompress: bool) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_tarif"));
    cmd.args(["build", "--quiet", "--root"])
        .arg(default_site())
        .arg("--out")
        .arg(out);
    if precompress {
        cmd.arg("--precompress");
    }
    let status = cmd.status().expect("tarif runs");
    assert!(status.success());
}

#[test]
fn every_text_file_has_forms_that_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let (a, plain) = (dir.path().join("a"), dir.path().join("c"));
    build(&a, true);
    build(&plain, false);
    let built = files(&a);
    let (mut brotli, mut gzip) = (0, 0);
    for (path, bytes) in &built {
        if let Some(original) = path.strip_suffix(".br") {
            let mut back = Vec::new();
            brotli::BrotliDecompress(&mut &bytes[..], &mut back).unwrap();
            assert_eq!(&back, &built[original], "{path}");
            assert!(bytes.len() * 10 <= back.len() * 9, "{path} does not pay");
            brotli += 1;
        } else if let Some(original) = path.strip_suffix(".gz") {
            let mut back = Vec::new();
            flate2::read::GzDecoder::new(&bytes[..])
                .read_to_end(&mut back)
                .unwrap();
            assert_eq!(&back, &built[original], "{path}");
            gzip += 1;
        }
    }
    // Every page has its forms; the output is otherwise the plain build's.
    let pages = built.keys().filter(|p| p.ends_with(".html")).count();
    assert!(brotli >= pages && gzip >= pages, "{brotli} {gzip} {pages}");
    let without: Vec<&String> = built
        .keys()
        .filter(|p| !p.ends_with(".br") && !p.ends_with(".gz"))
        .collect();
    assert_eq!(without, files(&plain).keys().collect::<Vec<_>>());
    assert!(!files(&plain).keys().any(|p| p.ends_with(".br")));
    // The service worker precaches the files, never their compressed forms.
    let sw = String::from_utf8(built["sw.js"].clone()).unwrap();
    assert!(sw.contains("index.html") && !sw.contains(".br\"") && !sw.contains(".gz\""));
}
