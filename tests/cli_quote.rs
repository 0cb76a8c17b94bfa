//! `tarif quote` as a sales person and a script use it: exit codes, text and JSON.

mod common;

use std::process::{Command, Output};

fn tarif(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tarif"))
        .args(args)
        .current_dir(common::root())
        .output()
        .expect("tarif runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}
fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn the_catalogue_lists_every_item_with_how_it_is_priced() {
    let o = tarif(&["quote", "laptop-bg", "--lang", "en"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert_eq!(
        out.lines()
            .filter(|l| l.starts_with("  ") && !l.starts_with("   ") && !l.starts_with("  *"))
            .count(),
        42,
        "{out}"
    );
    for expected in [
        "laptop-diagnostics[=N]",
        "€25.56 (50.00 BGN)",
        "data-backup=GB",
        "More than 1 TB (3 TB at most): €81.81 (160.00 BGN)",
        "onsite-visit=HOURS",
        "price on request",
        "free",
        "€35.79 (70.00 BGN) per order",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in\n{out}");
    }
}

#[test]
fn the_catalogue_speaks_the_lists_original_language_by_default() {
    let out = stdout(&tarif(&["quote", "laptop-bg"]));
    assert!(
        out.contains("Диагностика")
            && out.contains("по договаряне")
            && out.contains("25,56\u{a0}€ (50,00\u{a0}лв.)"),
        "{out}"
    );
    let out = stdout(&tarif(&["quote", "comportal"]));
    assert!(
        out.contains("В остальных случаях не предоставляются")
            && out.contains("Техническое обслуживание")
            && !out.contains("цена по запросу"),
        "{out}"
    );
}

/// Comportal's services are free for eligible clients and not offered otherwise: an order
/// of them has nothing priced, and says so instead of a total of 0.
#[test]
fn an_order_with_nothing_priced_says_so_and_shows_no_total() {
    let o = tarif(&[
        "quote",
        "comportal",
        "maintenance",
        "onsite-repair",
        "--lang",
        "en",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("Nothing in this order has a price, so there is no total:"),
        "{out}"
    );
    assert!(out.contains("not offered otherwise"), "{out}");
    assert!(!out.contains("TOTAL") && !out.contains("0.00"), "{out}");
    let out = stdout(&tarif(&["quote", "comportal", "maintenance"]));
    assert!(out.contains("Ни у чего в этом заказе нет цены"), "{out}");
    assert!(!out.contains("ИТОГО") && !out.contains("0,00"), "{out}");
}

#[test]
fn a_quote_shows_the_parts_the_total_and_the_vat_part() {
    let o = tarif(&[
        "quote",
        "laptop-bg",
        "onsite-visit=2h30m",
        "express",
        "laptop-other-repair",
        "--lang",
        "bg",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    for expected in [
        "2 часа 30 минути",
        "първи час: 1 × 35,79\u{a0}€",
        "всеки започнат час след първия: 2 × 30,68\u{a0}€",
        "ОБЩО",
        "132,94\u{a0}€ (260,00\u{a0}лв.)",
        "вкл. ДДС 20 %",
        "Без цена:",
        "Друг вид ремонт на лаптоп (Лаптопи) — по договаряне",
        "Посещение на място от сервизен специалист* (Допълнителни услуги) — 2 часа 30 минути",
        "1 EUR = 1,95583 BGN",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in\n{out}");
    }
    // The rate's note comes under the total.
    let total = out.find("ОБЩО").unwrap();
    assert!(out.find("1 EUR = 1,95583 BGN").unwrap() > total, "{out}");
}

#[test]
fn same_named_items_are_told_apart_by_their_section() {
    let o = tarif(&[
        "quote",
        "laptop-bg",
        "desktop-maintenance",
        "laptop-maintenance",
        "--lang",
        "bg",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("(Настолни компютри)") && out.contains("(Лаптопи)"),
        "{out}"
    );
    let json = tarif(&[
        "quote",
        "laptop-bg",
        "desktop-maintenance",
        "laptop-maintenance",
        "--json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let sections: Vec<&str> = v["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["section"].as_str().unwrap())
        .collect();
    assert_eq!(sections, ["desktops", "laptops"]);
}

#[test]
fn the_json_quote_is_the_documented_contract() {
    let o = tarif(&[
        "quote",
        "laptop-bg",
        "data-backup=250",
        "express",
        "laptop-other-repair",
        "--json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(v["list"], "laptop-bg");
    assert_eq!(v["currencies"], serde_json::json!(["EUR", "BGN"]));
    let line = &v["lines"][0];
    assert_eq!(line["item"], "data-backup");
    assert_eq!(
        line["quantity"],
        serde_json::json!({"kind": "measured", "value": "250"})
    );
    assert_eq!(
        line["parts"][0]["basis"],
        serde_json::json!({"kind": "tier", "index": 3})
    );
    assert_eq!(
        line["amount"],
        serde_json::json!({"EUR": "30.68", "BGN": "60.00"})
    );
    assert_eq!(v["surcharges"][0]["parts"][0]["basis"]["kind"], "per_order");
    assert_eq!(
        v["total"],
        serde_json::json!({"EUR": "66.47", "BGN": "130.00"})
    );
    assert_eq!(
        v["vat"],
        serde_json::json!({"rate": "20", "included": true, "amount": {"EUR": "11.08", "BGN": "21.67"}})
    );
    assert_eq!(
        v["left_out"][0],
        serde_json::json!({"item": "laptop-other-repair", "reason": {"kind": "on_request"}})
    );
}

#[test]
fn the_json_catalogue_is_the_price_list_model() {
    let o = tarif(&["quote", "laptop-bg", "--json"]);
    let list: tarif_engine::price_list::PriceList =
        serde_json::from_slice(&o.stdout).expect("a PriceList");
    assert_eq!(list, common::price_list("laptop-bg"));
}

#[test]
fn bad_requests_exit_2_naming_the_item_and_what_is_allowed() {
    let cases: [(&[&str], &str); 6] = [
        (
            &["exprss"],
            "there is no item `exprss` in this price list; did you mean `express`?",
        ),
        (
            &["laptop-diagnostics=two"],
            "laptop-diagnostics: `two` is not a whole number, such as 2",
        ),
        (
            &["data-backup"],
            "data-backup: needs a size in GB, such as =250",
        ),
        (
            &["data-backup=4TB"],
            "data-backup: 4000 GB is not offered: up to 3000 GB",
        ),
        (
            &["data-recovery=0.5"],
            "data-recovery: 0.5 GB is not offered: from 1 to 1000 GB",
        ),
        (
            &["onsite-visit=2x"],
            "onsite-visit: `2x` is not a duration, such as 2.5 (hours), 2h30m or 90m",
        ),
    ];
    for (items, message) in cases {
        let mut args = vec!["quote", "laptop-bg"];
        args.extend_from_slice(items);
        let o = tarif(&args);
        assert_eq!(o.status.code(), Some(2), "{items:?}");
        assert!(stderr(&o).contains(message), "{items:?}: {}", stderr(&o));
        assert!(o.stdout.is_empty());
    }
}

#[test]
fn an_unknown_list_or_language_exits_2() {
    let o = tarif(&["quote", "nope"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("the price lists are: comportal, laptop-bg"),
        "{}",
        stderr(&o)
    );
    let o = tarif(&["quote", "laptop-bg", "--lang", "ru"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("use --lang bg or --lang en"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_broken_price_list_exits_1_with_located_problems() {
    let dir = std::env::temp_dir().join(format!("tarif-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("broken.toml");
    std::fs::write(&file, "languages = [\"en\"]\ncurrency = \"BGN\"\ntitle = { en = \"T\" }\n[[sections]]\nid = \"s\"\nname = { en = \"S\" }\n[[sections.items]]\nid = \"x\"\nname = { en = \"X\" }\nprice = 1.5\n").unwrap();
    let o = tarif(&["quote", file.to_str().unwrap()]);
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("broken.toml:10:9") && err.contains("TOML float") && err.contains("= help:"),
        "{err}"
    );
}
