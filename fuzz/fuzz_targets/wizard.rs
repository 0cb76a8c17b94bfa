//! The wizard reader, then `check` against the default site's facts, `evaluate` over the
//! answers written after the wizard, every path, and for a wizard that passes its checks the
//! decision table (what `tarif build` computes).
//!
//! Input: the wizard's TOML, then optionally a line `#answers` and answers as
//! `question=text` lines (`today=YYYY-MM-DD` moves the day).
#![no_main]

use libfuzzer_sys::fuzz_target;
use tarif_engine::date::Date;
use tarif_engine::text::Lang;
use tarif_engine::wizard::paths::{decision_table, paths};
use tarif_engine::wizard::{Answer, Answers, SiteFacts, check, evaluate, parse_wizard, view};

const ANSWERS: &str = "\n#answers\n";

fuzz_target!(|data: &[u8]| {
    let Some(input) = tarif_fuzz::text(data) else {
        return;
    };
    let (source, typed) = input.split_once(ANSWERS).unwrap_or((input, ""));
    let Ok((wizard, _map)) =
        parse_wizard("content/laptop-bg/fuzz.wizard.toml", "laptop-bg", source)
    else {
        return;
    };
    let languages: Vec<Lang> = ["bg", "en"].iter().filter_map(|l| Lang::new(l)).collect();
    let anchors = tarif_fuzz::anchors("laptop-bg");
    let lists: Vec<_> = tarif_fuzz::price_lists().into_iter().cloned().collect();
    let facts = SiteFacts {
        languages: &languages,
        anchors: &anchors,
        price_lists: &lists,
    };
    let sound = check(&wizard, &facts).is_empty();
    let list = wizard
        .price_list
        .as_ref()
        .and_then(|id| lists.iter().find(|l| &l.id == id));

    let mut today = tarif_fuzz::today();
    let mut answers = Answers::new();
    for line in typed.lines() {
        let Some((id, text)) = line.split_once('=') else {
            continue;
        };
        if id == "today" {
            if let Ok(d) = text.parse::<Date>() {
                today = d;
            }
            continue;
        }
        if let Some(q) = wizard.question(id)
            && let Ok(a) = Answer::parse(q, text, today)
        {
            answers.insert(id.to_owned(), a);
        }
    }
    // An unchecked wizard must stop with an error, never loop or panic.
    if let Ok(step) = evaluate(&wizard, &answers, today, list) {
        for lang in &languages {
            view::view(&wizard, &step, lang, list);
        }
    }
    // Every path of a wizard, checked or not: an unchecked one stops with an error.
    let _ = paths(&wizard, today);
    if sound {
        let _ = decision_table(&wizard, today);
    }
});
