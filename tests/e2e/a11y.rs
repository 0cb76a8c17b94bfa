//! Accessibility: axe-core's rules for WCAG 2.0, 2.1 and 2.2 (levels A and AA) and its
//! best practices, run in Chromium on one page of every page type of the default site,
//! with the app running where a page has it, in the light and in the dark colour scheme.
//! Every violation on every page is reported at once: the rule, its impact, what it asks,
//! and the selector and HTML of each element that breaks it.
//!
//! axe-core is npm's `axe-core` at the version `xtask/src/tools.rs` pins (`AXE_CORE`);
//! `cargo xtask test` installs it into the tools folder, and this test reads it from
//! there: `<tools>/node_modules/axe-core/axe.min.js`, where `<tools>` is `$TARIF_TOOLS_DIR`
//! or, by default, `$HOME/.local/share/tarif-tools`. Its text is
//! the body of the script the test executes on each page, followed by `return axe.run(…)`.

use fantoccini::Client;
use serde_json::Value;

use super::{chrono_free_days_ago, with_site_in};
use crate::harness::*;

/// The rule sets that run (axe's tags).
const TAGS: [&str; 6] = [
    "wcag2a",
    "wcag2aa",
    "wcag21a",
    "wcag21aa",
    "wcag22aa",
    "best-practice",
];

/// A page type, where it is, and what shows that it is ready (the app mounted).
const PAGES: [(&str, &str, &str); 12] = [
    ("root language chooser", "/index.html", "main"),
    ("language home (ru)", "/ru/index.html", "main"),
    ("section (bg)", "/bg/laptop-bg/index.html", "main"),
    (
        "memo (ru)",
        "/ru/comportal/extended-service/index.html",
        "main",
    ),
    ("memo (bg)", "/bg/laptop-bg/withdrawal/index.html", "main"),
    (
        "memo with a list of free services, no calculator (ru)",
        "/ru/comportal/prices/index.html",
        "main",
    ),
    (
        "memo with a price list and its calculator (bg)",
        "/bg/laptop-bg/prices/index.html",
        "#calc-search",
    ),
    (
        "quote page, empty (en)",
        "/en/laptop-bg/quote/laptop-bg/index.html",
        "#calc-search",
    ),
    (
        // A size no tier covers, too: the line's explanation is on the page.
        "quote page, a quote from its link (bg)",
        "/bg/laptop-bg/quote/laptop-bg/index.html?q=laptop-diagnostics,data-backup:250GB,data-recovery:9TB,express",
        "#calc-q-2",
    ),
    (
        "wizard, a yes/no question (ru)",
        "/ru/comportal/wizard/comportal/index.html",
        "#wiz-heading",
    ),
    (
        "wizard, first question (en)",
        "/en/laptop-bg/wizard/withdrawal/index.html",
        "#wiz-input",
    ),
    (
        "search, results from a link (bg)",
        "/bg/search/index.html?q=гаранцията",
        ".search-results mark",
    ),
];

#[test]
fn every_page_type_passes_axe_in_the_light_scheme() {
    with_site_in(&[], |c, base| Box::pin(audit(c, base, "light")));
}

#[test]
fn every_page_type_passes_axe_in_the_dark_scheme() {
    with_site_in(&["--force-dark-mode"], |c, base| {
        Box::pin(audit(c, base, "dark"))
    });
}

/// Runs axe on every page type (and the wizard's screens after answers), then fails with
/// every violation found, or passes.
async fn audit(c: &Client, base: &str, scheme: &str) -> Step<()> {
    let axe = axe_script();
    let mut report = Report {
        scheme,
        pages: 0,
        failed: Vec::new(),
    };
    for (what, path, ready) in PAGES {
        c.goto(&format!("{base}{path}")).await.map_err(fail(what))?;
        wait_for(c, ready).await?;
        report.check(c, &axe, what, path).await?;
    }

    // The wizard: an answer missing, then after an answer, then its last two screens.
    let wizard = "/en/laptop-bg/wizard/withdrawal/index.html";
    c.goto(&format!("{base}{wizard}"))
        .await
        .map_err(fail("the wizard"))?;
    wait_for(c, "#wiz-submit")
        .await?
        .click()
        .await
        .map_err(fail("continue"))?;
    wait_for(c, "#wiz-errors").await?;
    report
        .check(c, &axe, "wizard, an answer missing (error summary)", wizard)
        .await?;
    let (day, month, year) = chrono_free_days_ago(3);
    c.goto(&format!("{base}{wizard}"))
        .await
        .map_err(fail("the wizard"))?;
    wait_for(c, "#wiz-input")
        .await?
        .send_keys(&format!("{day}{TAB}{month}{TAB}{year}{ENTER}"))
        .await
        .map_err(fail("the date"))?;
    wait_text(c, "#wiz-heading", "What did you buy?").await?;
    report
        .check(c, &axe, "wizard, after answering a question", wizard)
        .await?;
    let received = format!("{year}-{month:0>2}-{day:0>2}");
    let answers = format!(
        "received={received}&product=device&payment-document=yes&complete=yes&data-removed=yes&defective=no"
    );
    for (what, screen, ready) in [
        ("wizard, check your answers", "_review=1", "#wiz-continue"),
        ("wizard, the outcome", "_done=1", ".wiz-verdict"),
    ] {
        let path = format!("{wizard}?{answers}&{screen}");
        c.goto(&format!("{base}{path}")).await.map_err(fail(what))?;
        wait_for(c, ready).await?;
        report.check(c, &axe, what, &path).await?;
    }
    report.finish()
}

/// axe-core's script, from where `cargo xtask test` installs it.
fn axe_script() -> String {
    let tools = match std::env::var_os("TARIF_TOOLS_DIR") {
        Some(dir) if !dir.is_empty() => std::path::PathBuf::from(dir),
        _ => std::env::var_os("HOME")
            .map_or_else(|| "/tmp".into(), std::path::PathBuf::from)
            .join(".local/share/tarif-tools"),
    };
    let path = tools.join("node_modules/axe-core/axe.min.js");
    let source = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "no axe-core at {} ({e}): `cargo xtask test` installs it (npm's axe-core)",
            path.display()
        )
    });
    let tags = serde_json::to_string(&TAGS).expect("tags as JSON");
    // Only what the report prints comes back over WebDriver.
    format!(
        "{source}\n;return axe.run(document, {{ runOnly: {{ type: 'tag', values: {tags} }}, \
         resultTypes: ['violations', 'incomplete'] }}).then(r => ({{ \
           violations: r.violations.map(v => ({{ id: v.id, impact: v.impact, help: v.help, \
             url: v.helpUrl, nodes: v.nodes.map(n => ({{ \
               target: n.target.map(t => [].concat(t).join(' >>> ')).join(', '), \
               html: n.html, summary: n.failureSummary }})) }})), \
           incomplete: r.incomplete.flatMap(v => v.nodes.map(n => v.id + ' at ' + \
             n.target.map(t => [].concat(t).join(' >>> ')).join(', ') + ': ' + \
             (n.any.concat(n.all, n.none).map(c => c.message)[0] || v.help))) }}));"
    )
}

/// Violations found so far, page by page.
struct Report<'s> {
    /// "light" or "dark".
    scheme: &'s str,
    pages: usize,
    failed: Vec<String>,
}

impl Report<'_> {
    /// Runs axe on the page as it is now.
    async fn check(&mut self, c: &Client, axe: &str, what: &str, path: &str) -> Step<()> {
        // Let the app settle after its last change (focus moves, live regions).
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        let result = c
            .execute(axe, vec![])
            .await
            .map_err(fail(&format!("axe on {what}")))?;
        self.pages += 1;
        let scheme = self.scheme;
        let incomplete = result["incomplete"].as_array().cloned().unwrap_or_default();
        let violations = result["violations"].as_array().cloned().unwrap_or_default();
        for review in incomplete.iter().filter_map(Value::as_str) {
            println!("[{scheme}] {what}: for a person to review: {review}");
        }
        if violations.is_empty() {
            println!("[{scheme}] {what}: no violations");
            return Ok(());
        }
        let mut text = format!("{what} — {path}\n");
        for v in &violations {
            text += &format!(
                "  {} ({}): {}\n    {}\n",
                v["id"].as_str().unwrap_or("?"),
                v["impact"].as_str().unwrap_or("?"),
                v["help"].as_str().unwrap_or("?"),
                v["url"].as_str().unwrap_or("")
            );
            for n in v["nodes"].as_array().into_iter().flatten() {
                let summary = n["summary"]
                    .as_str()
                    .unwrap_or("")
                    .replace('\n', "\n        ");
                text += &format!(
                    "    - {}\n      {}\n        {summary}\n",
                    n["target"].as_str().unwrap_or("?"),
                    n["html"].as_str().unwrap_or("")
                );
            }
        }
        println!("[{scheme}] {text}");
        self.failed.push(text);
        Ok(())
    }

    fn finish(self) -> Step<()> {
        if self.failed.is_empty() {
            return Ok(());
        }
        Err(format!(
            "axe found violations on {} of {} pages ({} scheme):\n\n{}",
            self.failed.len(),
            self.pages,
            self.scheme,
            self.failed.join("\n")
        ))
    }
}
