//! ARCHITECTURE.md is the code map: every source path it names must exist.
//!
//! A path is a backticked word with a `/` in it, or a backticked `*.rs` file name. It is
//! read where the map says it is: under a heading that names a crate's folder (`engine/`,
//! `app/`, `src/site/` …), a path is looked for in that crate (`view.rs`, `site/load.rs`,
//! `src/page.rs` in the app's section); a path from the repository's root always counts.

use std::path::{Path, PathBuf};

/// Folders the code map names that a build makes: not in a fresh clone.
const GENERATED: [&str; 1] = ["app/dist/"];

/// Folders of a checkout that are not sources.
const NOT_SOURCES: [&str; 4] = [".git", "target", "dist", "node_modules"];

#[test]
fn every_source_path_architecture_md_names_exists() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let map = std::fs::read_to_string(root.join("ARCHITECTURE.md")).unwrap();
    let missing = missing_paths(&map, &files_under(root));
    assert!(
        missing.is_empty(),
        "ARCHITECTURE.md names paths that do not exist: {missing:?}"
    );
}

#[test]
fn a_path_that_does_not_exist_is_found() {
    let files = ["engine/src/money.rs", "src/site/load.rs", "app/src/page.rs"].map(String::from);
    let map = "### `engine/` — the domain\n- `money.rs`, `coins.rs`\n\
               ## The site generator (`src/site/`)\n- `site/load.rs`, `site/unload.rs`\n\
               ## The app (`app/`)\n- `src/page.rs`, `src/site/load.rs`, `engine/src/money.rs`\n\
               - `app/src/gone.rs`, `a/b` but not `<hash>.js` or `outcome:x/y`\n";
    assert_eq!(
        missing_paths(map, &files),
        ["coins.rs", "site/unload.rs", "app/src/gone.rs", "a/b"]
    );
}

/// Every file under `root`, as a `/`-separated path from it.
fn files_under(root: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut dirs: Vec<PathBuf> = vec![root.to_owned()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            let relative = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            if path.is_dir() {
                if !NOT_SOURCES.contains(&name.as_str()) {
                    dirs.push(path);
                }
            } else {
                out.push(relative);
            }
        }
    }
    out
}

/// The paths `map` names that are not among `files`, in the order named.
fn missing_paths(map: &str, files: &[String]) -> Vec<String> {
    let mut missing = Vec::new();
    // The crate folders the current section is about; none: the whole repository.
    let (mut section, mut subsection): (Vec<String>, Vec<String>) = (Vec::new(), Vec::new());
    for line in map.lines() {
        if line.starts_with("## ") {
            section = crate_folders(line);
            subsection.clear();
        } else if line.starts_with("### ") {
            subsection = crate_folders(line);
        }
        let bases = if subsection.is_empty() {
            &section
        } else {
            &subsection
        };
        for word in backticked(line).filter(|w| is_path(w)) {
            if !exists(word, bases, files) && !missing.iter().any(|m| m == word) {
                missing.push(word.to_owned());
            }
        }
    }
    missing
}

fn backticked(line: &str) -> impl Iterator<Item = &str> {
    line.split('`').skip(1).step_by(2)
}

/// A source path rather than a URL, a placeholder, a pattern or a key.
fn is_path(word: &str) -> bool {
    (word.contains('/') || word.ends_with(".rs"))
        && !word.starts_with('/')
        && !word.contains(['<', '>', '*', ':', '~', '$', ' ', '='])
        && !GENERATED.contains(&word)
}

/// The crate folders a heading names (`src/site/` is the `tarif` crate: `src/`).
fn crate_folders(heading: &str) -> Vec<String> {
    backticked(heading)
        .filter(|w| w.ends_with('/') && is_path(w))
        .map(|w| match w.split('/').next() {
            Some("src") | None => "src/".to_owned(),
            Some(first) => format!("{first}/"),
        })
        .collect()
}

fn exists(word: &str, bases: &[String], files: &[String]) -> bool {
    let under_a_base = |f: &String| bases.is_empty() || bases.iter().any(|b| f.starts_with(b));
    let (file, dir) = (
        format!("/{word}"),
        format!("{}/", word.trim_end_matches('/')),
    );
    let inner_dir = format!("/{dir}");
    files.iter().any(|f| {
        let from_root = f == word || f.starts_with(&dir);
        from_root || under_a_base(f) && (f.ends_with(&file) || f.contains(&inner_dir))
    })
}
