//! `tarif ask` as a script sees it: the list, the JSON contract, and exit codes.

use std::process::{Command, Output};

fn ask(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tarif"))
        .arg("ask")
        .args(args)
        .args(["--root", env!("CARGO_MANIFEST_DIR")])
        .output()
        .unwrap()
}

fn json(out: &Output) -> serde_json::Value {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn without_a_wizard_it_lists_the_ids_one_a_line() {
    let out = ask(&[]);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "comportal\nwarranty\nwithdrawal\n"
    );
}

#[test]
fn the_next_question_in_json() {
    let v = json(&ask(&[
        "warranty",
        "bought-here=yes",
        "warranty-running=yes",
        "--lang",
        "en",
        "--json",
    ]));
    let q = &v["question"];
    assert_eq!(q["id"], "device");
    assert_eq!(q["kind"], "choice");
    assert_eq!(q["text"], "What kind of device is it?");
    assert_eq!(
        q["options"][0],
        serde_json::json!({"id": "laptop", "label": "A laptop"})
    );
    assert!(q["hint"].is_null());
    let v = json(&ask(&["warranty", "--json"]));
    assert_eq!(v["question"]["kind"], "yes_no");
    assert_eq!(v["question"]["options"][1]["id"], "no");
}

#[test]
fn the_outcome_in_json_with_dates_citations_and_quote_items() {
    let v = json(&ask(&[
        "withdrawal",
        "received=2026-11-01",
        "product=device",
        "payment-document=yes",
        "complete=yes",
        "data-removed=yes",
        "defective=no",
        "--today",
        "2026-11-16",
        "--lang",
        "en",
        "--json",
    ]));
    // Day 14 is Sunday 15 November: the period ends on Monday 16 November.
    let o = &v["outcome"];
    assert_eq!(o["verdict"], "yes");
    assert_eq!(o["dates"]["last-day"]["date"], "2026-11-16");
    let note = o["dates"]["last-day"]["note"].as_str().unwrap();
    assert!(note.contains("a Sunday"), "{note}");
    let form = o["citations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["ref"] == "withdrawal#withdrawal-form")
        .unwrap();
    assert_eq!(form["url"], "/en/laptop-bg/withdrawal/#withdrawal-form");
    let v = json(&ask(&[
        "warranty",
        "bought-here=yes",
        "warranty-running=yes",
        "device=desktop",
        "soiled=no",
        "damage=impact",
        "--json",
    ]));
    assert_eq!(
        v["outcome"]["quote_items"],
        serde_json::json!([{"list": "laptop-bg", "item": "desktop-diagnostics", "quantity": 1}])
    );
}

#[test]
fn a_bad_answer_names_the_question_and_what_it_accepts_and_exits_2() {
    let out = ask(&[
        "warranty",
        "bought-here=yes",
        "warranty-running=yes",
        "device=phone",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("`phone` is not an answer to `device`"),
        "{err}"
    );
    assert!(err.contains("one of: laptop, desktop, other"), "{err}");
    let out = ask(&["withdrawal", "when=2026-11-01"]);
    assert_eq!(out.status.code(), Some(2));
    let out = ask(&["nope"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn asked_in_bulgarian_or_russian_it_says_no_english_word() {
    // tarif's own English words and phrases, none of which may appear in bg or ru.
    let english = [
        "Why",
        "What to do",
        "Dates",
        "Services",
        "Possible costs",
        "Sources",
        "Answer",
        "one of",
        "a date",
        "number",
        "free for you",
        "not free",
        "not applicable",
        "confirm",
        "TOTAL",
        "incl.",
        "Not priced",
        "per order",
        "first hour",
    ];
    let runs: [&[&str]; 6] = [
        &["ask", "withdrawal", "--lang", "bg"],
        &["ask", "warranty", "--lang", "bg"],
        &[
            "ask",
            "withdrawal",
            "received=2026-11-01",
            "product=device",
            "payment-document=yes",
            "complete=yes",
            "data-removed=yes",
            "defective=no",
            "--today",
            "2026-11-15",
            "--lang",
            "bg",
        ],
        &[
            "ask",
            "warranty",
            "bought-here=yes",
            "device=laptop",
            "soiled=yes",
            "--today",
            "2026-11-15",
            "--lang",
            "bg",
        ],
        &["ask", "comportal", "--lang", "ru"],
        &[
            "ask",
            "comportal",
            "bought=yes",
            "--today",
            "2026-11-15",
            "--lang",
            "ru",
        ],
    ];
    for args in runs {
        let out = ask(&args[1..]);
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            !text.trim().is_empty(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        for line in text.lines() {
            // Commands, file paths and the ids a person types are code, not words.
            let said: String = line.split('`').step_by(2).collect::<Vec<_>>().join(" ");
            if said.trim_start().starts_with("tarif ") {
                continue;
            }
            for w in english {
                assert!(!said.contains(w), "{args:?} says {w:?}: {line}");
            }
        }
    }
}
