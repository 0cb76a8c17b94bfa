//! The wizard's pure parts, without a page: the flow a URL query describes and back, and
//! which screen a flow shows (question, "check your answers", outcome), as the engine
//! decides it. These run under Node (no browser needed).

#![cfg(target_arch = "wasm32")]

use tarif_app::wizard::state::{Flow, Mode, Screen, screen};
use tarif_engine::date::Date;
use tarif_engine::text::Lang;
use tarif_engine::wizard::{Wizard, parse_wizard};
use wasm_bindgen_test::*;

fn withdrawal() -> Wizard {
    parse_wizard(
        "withdrawal.wizard.toml",
        "laptop-bg",
        include_str!("../../content/laptop-bg/withdrawal.wizard.toml"),
    )
    .unwrap()
    .0
}

fn today() -> Date {
    "2026-11-15".parse().unwrap()
}

fn en() -> Lang {
    Lang::new("en").unwrap()
}

fn pairs(p: &[(&str, &str)]) -> Vec<(String, String)> {
    p.iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

/// The answers of a withdrawal that reaches "yes" on 2026-11-15.
const YES: [(&str, &str); 6] = [
    ("received", "2026-11-01"),
    ("product", "device"),
    ("payment-document", "yes"),
    ("complete", "yes"),
    ("data-removed", "yes"),
    ("defective", "no"),
];

#[wasm_bindgen_test]
fn a_query_is_read_into_a_flow_and_written_back_the_same() {
    let query = pairs(&[
        ("received", "2026-11-01"),
        ("product", "device"),
        ("_edit", "received"),
    ]);
    let flow = Flow::from_query(&query);
    assert_eq!(flow.mode, Mode::Edit("received".into()));
    assert_eq!(flow.answers.len(), 2);
    assert_eq!(Flow::from_query(&flow.to_query()), flow);
    // Parameters that are not answers and not the app's own are ignored.
    let with_junk = Flow::from_query(&pairs(&[("_utm", "x"), ("received", "2026-11-01")]));
    assert_eq!(with_junk.mode, Mode::Ask);
    assert_eq!(with_junk.answers.len(), 1);
    // Answering moves on to the next question.
    let next = flow.answer("complete", "yes".into());
    assert_eq!(next.mode, Mode::Ask);
    assert_eq!(
        next.answers.get("complete").map(String::as_str),
        Some("yes")
    );
}

#[wasm_bindgen_test]
fn the_first_question_has_no_back_link_and_the_next_goes_back_to_it() {
    let w = withdrawal();
    match screen(&w, None, &en(), &Flow::default(), today()) {
        Screen::Question { view, back, .. } => {
            assert_eq!(view.id, "received");
            assert_eq!(back, None);
        }
        other => panic!("{other:?}"),
    }
    let flow = Flow::from_query(&pairs(&[("received", "2026-11-01")]));
    match screen(&w, None, &en(), &flow, today()) {
        Screen::Question { view, back, .. } => {
            assert_eq!(view.id, "product");
            assert_eq!(back.map(|b| b.mode), Some(Mode::Edit("received".into())));
        }
        other => panic!("{other:?}"),
    }
}

#[wasm_bindgen_test]
fn an_answer_a_question_does_not_take_is_refused_and_kept_for_correction() {
    let flow = Flow::from_query(&pairs(&[("received", "2026-13-40")]));
    match screen(&withdrawal(), None, &en(), &flow, today()) {
        Screen::Question {
            view,
            current,
            rejected,
            ..
        } => {
            assert_eq!(view.id, "received");
            assert!(rejected);
            assert_eq!(current.as_deref(), Some("2026-13-40"));
        }
        other => panic!("{other:?}"),
    }
}

#[wasm_bindgen_test]
fn every_answer_given_shows_check_your_answers_then_the_outcome() {
    let w = withdrawal();
    let flow = Flow::from_query(&pairs(&YES));
    let Screen::Review { rows, back } = screen(&w, None, &en(), &flow, today()) else {
        panic!("not the review screen");
    };
    assert_eq!(rows.len(), YES.len());
    assert_eq!(rows[0].0, "received");
    assert_eq!(rows[0].2, "1 November 2026");
    assert_eq!(back.mode, Mode::Edit("defective".into()));
    let done = flow.with_mode(Mode::Outcome);
    match screen(&w, None, &en(), &done, today()) {
        Screen::Outcome { view, back } => {
            assert_eq!(view.verdict, "yes");
            assert_eq!(back.mode, Mode::Review);
        }
        other => panic!("{other:?}"),
    }
    // The outcome asked for before every answer is given shows the next question.
    let early = Flow::from_query(&pairs(&[("received", "2026-11-01"), ("_done", "1")]));
    assert!(matches!(
        screen(&w, None, &en(), &early, today()),
        Screen::Question { .. }
    ));
}

#[wasm_bindgen_test]
fn changing_an_answer_opens_its_question_prefilled() {
    let flow = Flow::from_query(&pairs(&YES)).with_mode(Mode::Edit("complete".into()));
    match screen(&withdrawal(), None, &en(), &flow, today()) {
        Screen::Question {
            view,
            current,
            rejected,
            back,
        } => {
            assert_eq!(view.id, "complete");
            assert_eq!(current.as_deref(), Some("yes"));
            assert!(!rejected);
            assert_eq!(
                back.map(|b| b.mode),
                Some(Mode::Edit("payment-document".into()))
            );
        }
        other => panic!("{other:?}"),
    }
}
