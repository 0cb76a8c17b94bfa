//! The bad-wizard corpus, `tests/data/bad-wizards/*.wizard.toml`: each file says in
//! `# expect: LINE:COL message` comments every problem `tarif check` must report for it,
//! and where. Each is put into a copy of the default site, in its `laptop-bg` section,
//! and read the one way every command reads a site (`site::load_site`); `tarif check`,
//! `tarif build` and `tarif ask` then report the same problems for it.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use tarif::site::load_site;

/// The corpus's files, sorted.
fn corpus() -> Vec<PathBuf> {
    let dir = common::root().join("tests/data/bad-wizards");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(files.len() >= 8);
    files
}

/// A copy of the default site with `wizard` in its `laptop-bg` section; returns the
/// wizard's name in it (`content/laptop-bg/<file>`).
fn site_with(root: &Path, wizard: &Path) -> String {
    for dir in ["content", "price-lists", "static"] {
        common::copy_dir(&common::root().join(dir), &root.join(dir));
    }
    let file = wizard.file_name().unwrap().to_string_lossy().into_owned();
    let name = format!("content/laptop-bg/{file}");
    std::fs::copy(wizard, root.join(&name)).unwrap();
    name
}

#[test]
fn every_bad_wizard_reports_each_of_its_problems_where_it_is() {
    for path in corpus() {
        let dir = tempfile::tempdir().unwrap();
        let name = site_with(dir.path(), &path);
        let text = std::fs::read_to_string(&path).unwrap();
        let expected: Vec<(String, &str)> = text
            .lines()
            .filter_map(|l| l.strip_prefix("# expect: "))
            .map(|e| {
                let (at, message) = e.split_once(' ').unwrap();
                (format!("{name}:{at}"), message)
            })
            .collect();
        assert!(!expected.is_empty(), "{name} expects nothing");
        let problems = load_site(dir.path()).expect_err(&format!("{name} should not load"));
        let got: Vec<String> = problems
            .iter()
            .map(|p| format!("{}: {}", p.location(), p.message))
            .collect();
        assert_eq!(
            problems.len(),
            expected.len(),
            "{name}:\n{}",
            got.join("\n")
        );
        for (at, message) in &expected {
            assert!(
                problems
                    .iter()
                    .any(|p| &p.location() == at && p.message.contains(message)),
                "{name}: expected `{at}: {message}`, got:\n{}",
                got.join("\n")
            );
        }
    }
}

/// What a command printed as problems: each `error:` line with the `-->` location after
/// it, in order.
fn problems_of(args: &[&str], root: &Path) -> (Option<i32>, Vec<String>) {
    let out = Command::new(env!("CARGO_BIN_EXE_tarif"))
        .args(args)
        .arg("--root")
        .arg(root)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let mut found = Vec::new();
    let mut lines = stderr.lines().peekable();
    while let Some(line) = lines.next() {
        if let Some(message) = line.strip_prefix("error: ") {
            let at = lines
                .peek()
                .and_then(|l| l.trim_start().strip_prefix("--> "))
                .unwrap_or("");
            found.push(format!("{at}: {message}"));
        }
    }
    (out.status.code(), found)
}

#[test]
fn check_build_and_ask_report_the_same_problems_for_a_bad_wizard() {
    for path in corpus() {
        let dir = tempfile::tempdir().unwrap();
        let name = site_with(dir.path(), &path);
        let id = name
            .rsplit('/')
            .next()
            .unwrap()
            .trim_end_matches(".wizard.toml");
        let out = dir.path().join("public");
        let (check_code, check) = problems_of(&["check"], dir.path());
        let out_arg = out.to_string_lossy().into_owned();
        let (build_code, build) = problems_of(&["build", "--quiet", "--out", &out_arg], dir.path());
        let (ask_code, ask) = problems_of(&["ask", id], dir.path());
        assert!(!check.is_empty(), "{name}: no problem reported");
        assert!(
            check.iter().any(|p| p.starts_with(&name)),
            "{name}: {check:?}"
        );
        assert_eq!(check_code, Some(1), "{name}");
        assert_eq!((build_code, &build), (Some(1), &check), "{name}: build");
        assert_eq!((ask_code, &ask), (Some(1), &check), "{name}: ask");
        assert!(
            !out.exists(),
            "{name}: a failed build wrote {}",
            out.display()
        );
    }
}

#[test]
fn a_problem_renders_rustc_style_with_a_hint() {
    let path = common::root().join("tests/data/bad-wizards/cycle.wizard.toml");
    let dir = tempfile::tempdir().unwrap();
    let name = site_with(dir.path(), &path);
    let problems = load_site(dir.path()).unwrap_err();
    let cycle = problems
        .iter()
        .find(|p| p.location().starts_with(&name))
        .expect("the cycle is reported");
    assert_eq!(
        cycle.to_string(),
        format!(
            "error: question `b` leads back to `a`: the flow has a loop\n  --> {name}:16:8\n   |\n16 | next = \"a\"\n   |        ^^^\n   = help: a flow must move forward: lead to a later question or an outcome"
        )
    );
}
