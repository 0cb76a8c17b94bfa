//! A site's own templates reach every part of a page the theme writes: here the wizard's
//! decision table, which a site overrides as `templates/decision-table.html`.

mod common;

use common::{build, copy_dir, default_site, pages};

#[test]
fn a_sites_decision_table_template_replaces_the_themes() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    for d in ["content", "price-lists", "static"] {
        copy_dir(&default_site().join(d), &root.join(d));
    }
    std::fs::create_dir_all(root.join("templates")).unwrap();
    std::fs::write(
        root.join("templates/decision-table.html"),
        "<ol class=\"own-table\">{% for o in page.table.outcomes %}<li>{{ o.title }}: \
         {{ o.rows | length }}</li>{% endfor %}</ol>\n",
    )
    .unwrap();
    let out = dir.path().join("public");
    build(&root, &out).unwrap_or_else(|p| panic!("{p:#?}"));
    let html = &pages(&out)["en/laptop-bg/wizard/withdrawal/index.html"];
    assert!(html.contains("<ol class=\"own-table\"><li>"), "{html}");
    assert!(
        !html.contains("class=\"decision-tables\""),
        "the theme's table is still there"
    );
}
