//! No answers make evaluation panic: random answer maps, of any kind for any question,
//! on any day, for each wizard of the default site.

mod common;

use proptest::prelude::*;
use rust_decimal::Decimal;
use tarif_engine::date::Date;
use tarif_engine::wizard::paths::paths;
use tarif_engine::wizard::{Answer, Answers, evaluate, view};

fn answer() -> impl Strategy<Value = Answer> {
    let word = prop::sample::select(vec![
        "yes",
        "no",
        "laptop",
        "in-ear",
        "device",
        "none",
        "liquid",
        "almaty",
        "maintenance",
        "x",
    ]);
    prop_oneof![
        word.clone().prop_map(|w| Answer::Option(w.to_owned())),
        any::<bool>().prop_map(Answer::YesNo),
        (-1_000_000i64..4_000_000).prop_map(|d| Answer::Date(Date::from_unix_days(d))),
        (any::<i64>(), 0u32..28).prop_map(|(m, s)| Answer::Number(Decimal::new(m, s))),
        prop::collection::btree_set(word.prop_map(str::to_owned), 0..4).prop_map(Answer::Options),
    ]
}

fn wizards() -> &'static [common::Flow] {
    static LOADED: std::sync::OnceLock<Vec<common::Flow>> = std::sync::OnceLock::new();
    LOADED.get_or_init(|| {
        ["comportal", "withdrawal", "warranty"]
            .map(common::flow)
            .into()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    #[test]
    fn random_answers_never_make_evaluation_panic(
        which in 0usize..3,
        given in prop::collection::vec((any::<prop::sample::Index>(), answer()), 0..14),
        today in -800_000i64..3_000_000,
    ) {
        let w = &wizards()[which];
        let qs = &w.loaded.wizard.questions;
        let answers: Answers = given
            .into_iter()
            .map(|(i, a)| (qs[i.index(qs.len())].id.clone(), a))
            .collect();
        let today = Date::from_unix_days(today);
        let list = w.loaded.price_list.as_ref();
        if let Ok(step) = evaluate(&w.loaded.wizard, &answers, today, list) {
            for lang in &w.loaded.languages {
                let _ = view::view(&w.loaded.wizard, &step, lang, list);
            }
        }
        prop_assert!(paths(&w.loaded.wizard, today).is_ok());
    }
}
