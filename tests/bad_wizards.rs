//! The bad-wizard corpus, `tests/data/bad-wizards/*.wizard.toml`: each file says in
//! `# expect: LINE:COL message` comments every problem `tarif check` must report for it,
//! and where. Checked against the default site's `laptop-bg` section and price lists.

mod common;

use tarif::wizards;
use tarif_engine::wizard::{Site, load_wizard};

#[test]
fn every_bad_wizard_reports_each_of_its_problems_where_it_is() {
    let root = common::root();
    let langs = wizards::section_languages(root, "laptop-bg").unwrap();
    let headings = wizards::headings(root, "laptop-bg", &langs);
    let anchors = headings.values().next().unwrap().keys().cloned().collect();
    let (lists, problems) = wizards::price_lists(root);
    assert!(problems.is_empty());
    let site = Site {
        languages: &langs,
        anchors: &anchors,
        price_lists: &lists,
    };
    let dir = root.join("tests/data/bad-wizards");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(files.len() >= 8);
    for path in files {
        let name = format!(
            "tests/data/bad-wizards/{}",
            path.file_name().unwrap().to_string_lossy()
        );
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
        let problems = load_wizard(&name, "laptop-bg", &text, &site)
            .expect_err(&format!("{name} should not load"));
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

#[test]
fn a_problem_renders_rustc_style_with_a_hint() {
    let root = common::root();
    let langs = wizards::section_languages(root, "laptop-bg").unwrap();
    let site = Site {
        languages: &langs,
        anchors: &Default::default(),
        price_lists: &[],
    };
    let name = "tests/data/bad-wizards/cycle.wizard.toml";
    let text = std::fs::read_to_string(root.join(name)).unwrap();
    let problems = load_wizard(name, "laptop-bg", &text, &site).unwrap_err();
    assert_eq!(
        problems[0].to_string(),
        format!(
            "error: question `b` leads back to `a`: the flow has a loop\n  --> {name}:16:8\n   |\n16 | next = \"a\"\n   |        ^^^\n   = help: a flow must move forward: lead to a later question or an outcome"
        )
    );
}
