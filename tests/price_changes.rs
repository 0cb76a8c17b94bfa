//! Prices in time through the CLI and the site, on `tarif new`'s starter site (a list
//! with a past change and an announced one), built on a fixed day: the price page, the
//! changes page (which must agree with `tarif diff`), schema.org dates, `tarif quote --on`.

use std::path::Path;
use std::process::{Command, Output};

/// 2026-06-15, noon: the starter's changes are then on 2026-01-01 (past) and 2027-01-01.
const DAY: &str = "1781524800";

fn tarif(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tarif"))
        .args(args)
        .env("SOURCE_DATE_EPOCH", DAY)
        .current_dir(root)
        .output()
        .expect("tarif runs")
}

fn stdout(o: &Output) -> String {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A starter site built on `DAY`, in a temporary folder.
fn starter() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    stdout(&tarif(dir.path(), &["new", site.to_str().unwrap()]));
    stdout(&tarif(&site, &["build"]));
    dir
}

fn page(dir: &Path, path: &str) -> String {
    std::fs::read_to_string(dir.join("site/public").join(path)).expect(path)
}

#[test]
fn the_price_page_says_from_when_and_shows_the_announced_change_without_script() {
    let dir = starter();
    let html = page(dir.path(), "en/services/prices/index.html");
    assert!(
        html.contains("These prices apply from 1 January 2026."),
        "{html}"
    );
    // The announced change, beside today's price.
    let today = html
        .find("data-price=\"diagnostics:price:EUR\">€25.00")
        .expect("today's price");
    let announced = html
        .find("From 1 January 2027</th>")
        .expect("the announced change");
    assert!(announced > today);
    assert!(
        html.contains("data-price=\"diagnostics@2027-01-01:price:EUR\">€30.00"),
        "{html}"
    );
    // The past change is in effect: the new price and the new service.
    assert!(
        html.contains("data-price=\"screen-replacement:price:EUR\">€49.00"),
        "{html}"
    );
    assert!(
        html.contains("data-price=\"battery-replacement:price:EUR\">€35.00"),
        "{html}"
    );
    // schema.org: from when each price applies, and until when it holds.
    assert!(html.contains("\"validFrom\":\"2026-01-01\""), "{html}");
    assert!(
        html.contains("\"priceValidUntil\":\"2026-12-31\""),
        "{html}"
    );
    assert!(
        html.contains("href=\"../changes/repairs/index.html\""),
        "{html}"
    );
}

#[test]
fn the_changes_page_and_tarif_diff_agree() {
    let dir = starter();
    let site = dir.path().join("site");
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&tarif(&site, &["diff", "repairs", "--json"]))).unwrap();
    let changes = json["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 3, "{json}");
    let html = page(dir.path(), "en/services/changes/repairs/index.html");
    let rows: Vec<&str> = html
        .split("<tr class=\"item\" data-change=\"")
        .skip(1)
        .collect();
    assert_eq!(rows.len(), changes.len(), "{html}");
    let figures = |v: &serde_json::Value| {
        v.as_array()
            .unwrap()
            .iter()
            .map(|f| {
                format!(
                    "{}{}",
                    f["label"].as_str().unwrap(),
                    f["text"].as_str().unwrap()
                )
            })
            .collect::<Vec<_>>()
            .join("<br>")
    };
    for (row, change) in rows.iter().zip(changes) {
        let key = format!(
            "{}@{}",
            change["item"].as_str().unwrap(),
            change["date"].as_str().unwrap()
        );
        assert!(row.starts_with(&format!("{key}\"")), "{row}");
        for text in [
            change["date_text"].as_str().unwrap().to_owned(),
            format!("{}</th>", change["name"].as_str().unwrap()),
            format!(">{}</td>", figures(&change["before"])),
            format!(">{}</td>", figures(&change["after"])),
        ] {
            assert!(row.contains(&text), "{text:?} missing in {row}");
        }
    }
    // The text form says the same.
    let text = stdout(&tarif(&site, &["diff", "repairs", "--from", "2026-06-15"]));
    assert_eq!(
        text,
        "1 January 2027  Diagnostics (Repairs)\n    Before: €25.00\n    After: €30.00\n"
    );
}

#[test]
fn tarif_quote_on_a_day_prices_with_that_days_list_and_says_so() {
    let dir = starter();
    let site = dir.path().join("site");
    let total = |day: &str| {
        let out = stdout(&tarif(
            &site,
            &["quote", "repairs", "diagnostics", "--on", day, "--json"],
        ));
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["date"], day);
        v["total"]["EUR"].as_str().unwrap().to_owned()
    };
    assert_eq!(total("2026-12-31"), "25.00");
    assert_eq!(total("2027-01-01"), "30.00");
    let text = stdout(&tarif(&site, &["quote", "repairs", "diagnostics"]));
    assert!(
        text.contains("Prices as of 15 June 2026 · valid until 15 July 2026"),
        "{text}"
    );
    let early = tarif(
        &site,
        &["quote", "repairs", "diagnostics", "--on", "2024-01-01"],
    );
    assert_eq!(early.status.code(), Some(2));
    let bad = tarif(
        &site,
        &["quote", "repairs", "diagnostics", "--on", "2026-13-01"],
    );
    assert_eq!(bad.status.code(), Some(2));
}
