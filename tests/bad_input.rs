//! The bad-input corpus (tests/bad-input/, described in its README): each case gives
//! exactly its located problems, or inert output for injections; never a panic; and a
//! failed build leaves the previous output untouched.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{build, files, pages, tags};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad-input")
}

/// The case's site: the base with the case's files laid over it.
fn site_of(case: &Path, root: &Path) {
    common::copy_dir(&corpus().join("_base"), root);
    for entry in fs::read_dir(case).unwrap().flatten() {
        let name = entry.file_name();
        if entry.path().is_dir() {
            common::copy_dir(&entry.path(), &root.join(&name));
        }
    }
    if let Ok(list) = fs::read_to_string(case.join("delete")) {
        for path in list.lines().filter(|l| !l.is_empty()) {
            let path = root.join(path);
            if path.is_dir() {
                fs::remove_dir_all(path).unwrap();
            } else {
                fs::remove_file(path).unwrap();
            }
        }
    }
    if case.ends_with("invalid-utf8") {
        let memo =
            b"+++\ntitle = \"caf\xe9\"\ndescription = \"The terms.\"\n+++\n\n## Terms {#terms}\n";
        fs::write(root.join("content/s/en/a.md"), memo).unwrap();
    }
}

#[test]
fn every_case_is_located_or_inert_and_the_previous_output_stays() {
    let mut cases: Vec<PathBuf> = fs::read_dir(corpus())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir() && !p.ends_with("_base"))
        .collect();
    cases.sort();
    assert!(cases.len() >= 20, "{} cases", cases.len());
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    build(&corpus().join("_base"), &out).unwrap_or_else(|p| panic!("the base site: {p:#?}"));
    let before = files(&out);
    let mut failures = Vec::new();
    for case in &cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let root = tmp.path().join(&name);
        site_of(case, &root);
        let expect = fs::read_to_string(case.join("expect")).unwrap();
        let result = build(&root, &out);
        if expect.trim() == "inert" {
            match result {
                Ok(_) => failures.extend(
                    active_content(&out)
                        .into_iter()
                        .map(|f| format!("{name}: {f}")),
                ),
                Err(p) => failures.push(format!("{name}: expected inert output, got {p:#?}")),
            }
            // Put the base output back for the next case.
            build(&corpus().join("_base"), &out).unwrap();
            continue;
        }
        let Err(problems) = result else {
            failures.push(format!("{name}: the build succeeded"));
            continue;
        };
        let expected: Vec<(&str, &str)> =
            expect.lines().filter_map(|l| l.split_once(" | ")).collect();
        let found: Vec<String> = problems
            .iter()
            .map(|p| format!("{} | {}", p.location(), p.message))
            .collect();
        let all_found = expected.iter().all(|(at, what)| {
            problems
                .iter()
                .any(|p| p.location() == *at && p.message.contains(what))
        });
        if !all_found || problems.len() != expected.len() {
            failures.push(format!("{name}: expected {expected:#?}\nfound {found:#?}"));
        }
        if files(&out) != before {
            failures.push(format!(
                "{name}: the failed build changed the previous output"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    let litter: Vec<_> = fs::read_dir(tmp.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
        .collect();
    assert!(
        litter.is_empty(),
        "temporary folders left behind: {litter:?}"
    );
}

/// What in the output could run: scripts (other than JSON data), event handlers,
/// `javascript:` URLs, frames.
fn active_content(out: &Path) -> Vec<String> {
    let mut found = Vec::new();
    // The scripts tarif itself adds: its own modules, by their hashed paths.
    let theme_scripts = [tarif::site::render::Script::named(
        "site",
        tarif::site::render::offline::SITE_JS.as_bytes(),
    )
    .path];
    let app = tarif::site::render::AppAssets::embedded().map(|a| a.boot.path);
    let is_app = |tag: &common::Tag| {
        tag.attr("type") == Some("module")
            && tag.attr("src").is_some_and(|s| {
                theme_scripts
                    .iter()
                    .chain(&app)
                    .any(|ours| s.ends_with(ours.as_str()))
            })
    };
    for (path, html) in pages(out) {
        for tag in tags(&html) {
            let data = tag
                .attr("type")
                .is_some_and(|t| t == tarif_engine::page::DATA_TYPE || t == "application/ld+json");
            let script = tag.name == "script" && !data && !is_app(&tag);
            if script || tag.name == "iframe" || tag.name == "style" {
                found.push(format!("{path}: <{}>", tag.name));
            }
            for (name, value) in &tag.attrs {
                let compact: String = value.chars().filter(|c| !c.is_whitespace()).collect();
                if name.starts_with("on") || compact.to_ascii_lowercase().starts_with("javascript:")
                {
                    found.push(format!("{path}: <{} {name}=\"{value}\">", tag.name));
                }
            }
        }
    }
    found
}

#[test]
fn check_reports_rustc_style_and_exits_1_writing_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    site_of(&corpus().join("broken-anchor"), &root);
    let run = Command::new(env!("CARGO_BIN_EXE_tarif"))
        .args(["check", "--root"])
        .arg(&root)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    let err = String::from_utf8(run.stderr).unwrap();
    assert!(err.contains("error: `content/s/bg/a.md` has no anchor `#term-99`\n --> content/s/bg/b.md:9:13\n  |\n9 |"), "{err}");
    assert!(err.contains("= help: its anchors are: terms"), "{err}");
    assert!(err.ends_with("error: 2 problems found\n"), "{err}");
    assert!(!root.join("public").exists());
}

#[test]
fn new_makes_a_site_that_checks_and_refuses_a_folder_with_files() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("site");
    let tarif = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_tarif"))
            .args(args)
            .output()
            .unwrap()
    };
    let dir_s = dir.to_str().unwrap();
    assert!(tarif(&["new", dir_s]).status.success());
    let check = tarif(&["check", "--root", dir_s]);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    let again = tarif(&["new", dir_s]);
    assert_eq!(again.status.code(), Some(2));
    let built = tarif(&["build", "--quiet", "--root", dir_s]);
    assert!(built.status.success() && built.stderr.is_empty());
    assert!(dir.join("public/en/services/prices/index.html").is_file());
}

#[test]
fn build_refuses_to_replace_a_folder_it_did_not_make() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join("thesis.txt"), "years of work").unwrap();
    let problems = build(&corpus().join("_base"), tmp.path()).unwrap_err();
    assert!(problems[0].message.contains("was not made by tarif"));
    assert_eq!(
        fs::read_to_string(tmp.path().join("thesis.txt")).unwrap(),
        "years of work"
    );
}
