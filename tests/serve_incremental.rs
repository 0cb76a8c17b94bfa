//! `tarif serve` builds only what an edit can change: after each kind of edit, the served
//! folder equals a fresh build of the same sources, byte for byte; an edit that breaks
//! the site changes nothing served, and its problem is the one a build reports.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::files;
use tarif::serve::session::{Session, Update};
use tarif::site::{self, Options};

/// A copy of the default site in a temporary folder, served from another.
struct Served {
    dir: tempfile::TempDir,
    session: Session,
}

impl Served {
    fn new() -> Served {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        for d in ["content", "price-lists", "static"] {
            copy(&common::root().join(d), &root.join(d));
        }
        let mut session = Session::new(Options {
            root: root.clone(),
            out: dir.path().join("served"),
            live_reload: true,
            progress: false,
            precompress: false,
        });
        assert!(matches!(session.update(None), Ok(Update::Whole { .. })));
        Served { dir, session }
    }

    fn root(&self) -> PathBuf {
        self.dir.path().join("site")
    }

    /// Rewrites the file `rel` of the site with `edit`, and updates as serve does.
    fn edit(&mut self, rel: &str, edit: impl FnOnce(&str) -> String) -> Result<Update, String> {
        let path = self.root().join(rel);
        let text = fs::read_to_string(&path).unwrap_or_default();
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).unwrap();
        }
        fs::write(&path, edit(&text)).unwrap();
        let update = self
            .session
            .update(Some(&[path].into()))
            .map_err(|problems| format!("{problems:?}"))?;
        if let Update::Pages { search, .. } = &update {
            self.session.write_search(search).unwrap();
        }
        Ok(update)
    }

    /// The served folder must be what a fresh build of the sources writes.
    fn assert_same_as_a_fresh_build(&self, after: &str) {
        let fresh = self.dir.path().join("fresh");
        site::build(&Options {
            root: self.root(),
            out: fresh.clone(),
            live_reload: true,
            progress: false,
            precompress: false,
        })
        .unwrap_or_else(|p| panic!("after {after}: the sources do not build: {p:?}"));
        let (served, fresh) = (files(&self.dir.path().join("served")), files(&fresh));
        let names =
            |m: &std::collections::BTreeMap<String, Vec<u8>>| m.keys().cloned().collect::<Vec<_>>();
        assert_eq!(
            names(&served),
            names(&fresh),
            "after {after}: the files differ"
        );
        for (name, bytes) in &fresh {
            assert!(
                served[name] == *bytes,
                "after {after}: {name} differs from a fresh build"
            );
        }
    }
}

fn copy(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap().flatten() {
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy(&e.path(), &target);
        } else {
            fs::copy(e.path(), target).unwrap();
        }
    }
}

/// What an edit does to a file's text.
type Edit = fn(&str) -> String;

const MEMO: &str = "content/comportal/en/extended-service.md";

#[test]
fn each_kind_of_edit_serves_what_a_fresh_build_writes() {
    let mut s = Served::new();
    s.assert_same_as_a_fresh_build("the first build");

    // A memo's text: its page and its language's search page, nothing else.
    let update = s.edit(MEMO, |t| format!("{t}\nA sentence added while serving.\n"));
    assert_eq!(
        update,
        Ok(Update::Pages {
            pages: 1,
            search: vec![tarif_engine::text::Lang::new("en").unwrap()],
        })
    );
    s.assert_same_as_a_fresh_build("a memo's text");

    // Its title: the navigation and the switchers show it.
    let update = s.edit(MEMO, |t| t.replacen("title = \"", "title = \"Renamed: ", 1));
    assert!(matches!(update, Ok(Update::Whole { .. })), "{update:?}");
    s.assert_same_as_a_fresh_build("a memo's title");

    // A heading other memos link to, removed: a broken link, reported; nothing served changes.
    let served_before = files(&s.dir.path().join("served"));
    let original = fs::read_to_string(s.root().join(MEMO)).unwrap();
    let heading = original
        .lines()
        .find(|l| l.starts_with('#') && l.contains("{#who}"))
        .expect("the memo has a heading #who")
        .to_owned();
    let broken = s.edit(MEMO, |t| t.replace(&heading, ""));
    let problems = broken.expect_err("a link to a removed heading is a problem");
    assert!(problems.contains("#who"), "{problems}");
    assert!(
        files(&s.dir.path().join("served")) == served_before,
        "a failed build changed what is served"
    );
    // The next edit, to another memo, still fails the same way; restoring the heading builds.
    let other = "content/comportal/en/prices.md";
    assert!(s.edit(other, |t| format!("{t}\nMore.\n")).is_err());
    s.edit(MEMO, |_| original.clone())
        .expect("restored, it builds");
    s.assert_same_as_a_fresh_build("a broken edit and its repair");

    // A link to an anchor that does not exist, added to a memo whose own anchors stay:
    // checked alone, reported as a fresh check reports it; taken back, it builds.
    let broken = s
        .edit(MEMO, |t| {
            format!("{t}\nSee [nothing](./services.md#no-such-anchor).\n")
        })
        .expect_err("a link to a missing anchor is a problem");
    let fresh = format!(
        "{:?}",
        site::load_site(&s.root()).expect_err("a fresh check fails too")
    );
    assert_eq!(broken, fresh);
    s.edit(MEMO, |_| original.clone())
        .expect("taken back, it builds");
    s.assert_same_as_a_fresh_build("a broken link and its repair");

    // A price list, a wizard, the configs, a template and a stylesheet: the whole site.
    let edits: [(&str, Edit); 6] = [
        ("price-lists/comportal.toml", |t| {
            t.replacen("title", "# edited while serving\ntitle", 1)
        }),
        ("content/comportal/comportal.wizard.toml", |t| {
            format!("# edited while serving\n{t}")
        }),
        ("content/site.toml", |t| {
            format!("# edited while serving\n{t}")
        }),
        ("content/comportal/section.toml", |t| {
            format!("{t}\n# edited while serving\n")
        }),
        ("templates/memo.html", |_| {
            include_str!("../src/theme/memo.html").replacen(
                "{% block main %}",
                "{% block main %}<!-- own -->",
                1,
            )
        }),
        ("static/extra.css", |_| "body { margin: 0 }\n".to_owned()),
    ];
    for (file, edit) in edits {
        let update = s.edit(file, edit);
        assert!(
            matches!(update, Ok(Update::Whole { .. })),
            "{file}: {update:?}"
        );
        s.assert_same_as_a_fresh_build(file);
    }

    // A stylesheet the site has: copied alone, for open pages to take without a reload.
    let update = s.edit("static/extra.css", |_| "body { margin: 1px }\n".to_owned());
    assert_eq!(update, Ok(Update::Styles { files: 1 }));
    s.assert_same_as_a_fresh_build("a stylesheet");

    // A real change to a price: its price and quote pages change, and match a fresh build.
    let before = files(&s.dir.path().join("served"));
    s.edit("price-lists/laptop-bg.toml", |t| {
        t.replacen("price = \"60\"", "price = \"65\"", 1)
    })
    .expect("a price edited builds");
    s.assert_same_as_a_fresh_build("a price");
    assert!(files(&s.dir.path().join("served")) != before);
}
