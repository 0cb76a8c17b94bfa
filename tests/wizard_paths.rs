//! Every path of every wizard of the default site, against the reviewed snapshot
//! `tests/snapshots/wizard-paths.txt`. Each path is followed with each sample of each of
//! its answers (the dates and numbers at and around the thresholds the rules use), and
//! every sample must end in the same outcome.
//!
//! After an intended change: `UPDATE_SNAPSHOTS=1 cargo test --test wizard_paths`, then
//! review the diff of the snapshot against the seeds before committing it.

mod common;

use std::fmt::Write as _;

use tarif_engine::date::Date;
use tarif_engine::wizard::paths::{AnswerClass, Path, decision_table, paths};
use tarif_engine::wizard::{Answer, Answers, ServiceStatus, Step, evaluate};

const SNAPSHOT: &str = "tests/snapshots/wizard-paths.txt";
const WIZARDS: [&str; 3] = ["comportal", "withdrawal", "warranty"];

fn today() -> Date {
    common::date("2026-11-15")
}

fn class(c: &AnswerClass) -> String {
    match c {
        AnswerClass::Option(id) => id.clone(),
        AnswerClass::YesNo(b) => if *b { "yes" } else { "no" }.into(),
        AnswerClass::Options { tested, .. } if tested.is_empty() => "*".into(),
        AnswerClass::Options { chosen, .. } => {
            let ids: Vec<&str> = chosen.iter().map(String::as_str).collect();
            format!("{{{}}}", ids.join(","))
        }
        AnswerClass::DaysAgo { min, max } => format!(
            "{min}..{}d-ago",
            max.map_or(String::new(), |m| format!("={m}"))
        ),
        AnswerClass::Period {
            days,
            calendar,
            over,
            min,
            max,
        } => format!(
            "{days}d-{}-{}:{min}..{}d-ago",
            calendar.code(),
            if *over { "over" } else { "open" },
            max.map_or(String::new(), |m| format!("={m}"))
        ),
        AnswerClass::Number { min, max } => format!(
            "{}..{}",
            min.map_or(String::new(), |m| m.to_string()),
            max.map_or(String::new(), |m| format!("={m}"))
        ),
    }
}

fn samples(c: &AnswerClass, samples: &[Answer]) -> String {
    match c {
        AnswerClass::DaysAgo { .. } | AnswerClass::Period { .. } | AnswerClass::Number { .. } => {
            let s: Vec<String> = samples.iter().map(|a| a.to_string()).collect();
            format!("[{}]", s.join(" "))
        }
        _ => String::new(),
    }
}

/// Follows `path` with the first sample of every answer except `vary`, which takes `with`.
fn outcome_with(
    w: &common::Flow,
    path: &Path,
    vary: Option<(usize, &Answer)>,
) -> tarif_engine::wizard::Reached {
    let answers: Answers = path
        .steps
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let a = match vary {
                Some((j, a)) if i == j => a.clone(),
                _ => s.samples[0].clone(),
            };
            (s.question.clone(), a)
        })
        .collect();
    match evaluate(
        &w.loaded.wizard,
        &answers,
        today(),
        w.loaded.price_list.as_ref(),
    ) {
        Ok(Step::Outcome(o)) => o,
        other => panic!("path {path:?} does not end in an outcome: {other:?}"),
    }
}

fn describe(id: &str) -> String {
    let w = common::flow(id);
    let all = paths(&w.loaded.wizard, today()).unwrap_or_else(|e| panic!("{id}: {e}"));
    let mut out = format!("## {id}: {} paths\n", all.len());
    for path in &all {
        let reached = outcome_with(&w, path, None);
        assert_eq!(reached.id, path.outcome);
        for (i, step) in path.steps.iter().enumerate() {
            for sample in &step.samples {
                let o = outcome_with(&w, path, Some((i, sample)));
                assert_eq!(
                    (o.id.as_str(), &o.quote, o.reasons.len()),
                    (path.outcome.as_str(), &reached.quote, reached.reasons.len()),
                    "{id}: {}={sample} leaves the path's class",
                    step.question
                );
            }
        }
        let answers: Vec<String> = path
            .steps
            .iter()
            .map(|s| {
                format!(
                    "{}={}{}",
                    s.question,
                    class(&s.answer),
                    samples(&s.answer, &s.samples)
                )
            })
            .collect();
        let _ = write!(
            out,
            "{} -> {} ({})",
            answers.join(" "),
            reached.id,
            reached.verdict
        );
        if !reached.quote.is_empty() {
            let items: Vec<&str> = reached.quote.iter().map(|q| q.item.as_str()).collect();
            let _ = write!(out, " quote: {}", items.join(" + "));
        }
        out.push('\n');
        if !reached.services.is_empty() {
            for (st, word) in [
                (ServiceStatus::Free, "free"),
                (ServiceStatus::Confirm, "confirm"),
                (ServiceStatus::NotFree, "not free"),
                (ServiceStatus::NotApplicable, "n/a"),
            ] {
                let items: Vec<&str> = reached
                    .services
                    .iter()
                    .filter(|s| s.status == st)
                    .map(|s| s.item.as_str())
                    .collect();
                if !items.is_empty() {
                    let _ = writeln!(out, "    {word}: {}", items.join(" "));
                }
            }
        }
    }
    out
}

#[test]
fn every_path_of_every_wizard_matches_the_reviewed_snapshot() {
    let mut actual = String::from(
        "# Every path of every wizard of the default site (today = 2026-11-15), checked by\n\
         # tests/wizard_paths.rs. Regenerate with UPDATE_SNAPSHOTS=1 and review the diff.\n\
         # Dates: N..=Md-ago is a date N to M days before today; [..] are the sample answers.\n",
    );
    for id in WIZARDS {
        actual.push('\n');
        actual.push_str(&describe(id));
    }
    let path = common::root().join(SNAPSHOT);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, &actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    if expected != actual {
        let diff: Vec<String> = expected
            .lines()
            .zip(actual.lines())
            .filter(|(e, a)| e != a)
            .take(5)
            .map(|(e, a)| format!("- {e}\n+ {a}"))
            .collect();
        panic!(
            "the paths differ from {SNAPSHOT} ({} vs {} lines); first differences:\n{}\n\n\
             If the change is intended, run `UPDATE_SNAPSHOTS=1 cargo test --test wizard_paths` \
             and review the snapshot's diff against the seeds.",
            expected.lines().count(),
            actual.lines().count(),
            diff.join("\n")
        );
    }
}

#[test]
fn the_decision_table_groups_every_path_by_outcome() {
    for id in WIZARDS {
        let w = common::flow(id);
        let table = decision_table(&w.loaded.wizard, today()).unwrap();
        let all = paths(&w.loaded.wizard, today()).unwrap();
        let grouped: usize = table.outcomes.iter().map(|o| o.paths.len()).sum();
        assert_eq!(grouped, all.len(), "{id}");
        assert!(table.outcomes.iter().all(|o| !o.paths.is_empty()), "{id}");
    }
}

#[test]
fn the_decision_table_renders_to_escaped_accessible_html() {
    let w = common::flow("withdrawal");
    let table = decision_table(&w.loaded.wizard, today()).unwrap();
    let en = tarif_engine::text::Lang::new("en").unwrap();
    let html =
        tarif::site::render::decision_table::render(&w.loaded.wizard, &table, &en, None, today());
    assert_eq!(html.matches("<table").count(), 4);
    assert_eq!(html.matches("<caption>").count(), 4);
    assert!(html.contains("<th scope=\"col\">Your answers</th>"));
    assert!(html.contains("<th scope=\"row\">1</th>"));
    assert!(html.contains(
        "Last day to withdraw: 14 days after the answer to “On what date did you receive the device?”"
    ));
    assert!(html.contains(
        "; when that day is a Saturday, a Sunday or a public holiday, the next working day (Art. 72(2)"
    ));
    assert!(html.contains("<dd>the period (14 days) has ended</dd>"));
    assert!(!html.contains("{last-day}"));
    let w = common::flow("warranty");
    let table = decision_table(&w.loaded.wizard, today()).unwrap();
    let bg = tarif_engine::text::Lang::new("bg").unwrap();
    let html = tarif::site::render::decision_table::render(
        &w.loaded.wizard,
        &table,
        &bg,
        w.loaded.price_list.as_ref(),
        today(),
    );
    assert!(html.contains("Диагностика: 25,56\u{a0}€"), "{html}");
    assert!(html.contains("&quot;") || !html.contains("\"None"));
}
