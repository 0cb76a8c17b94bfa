//! Helpers shared by the integration tests: the default site's price lists, and walking
//! its wizards, in the manner of GOV.UK smart-answers:
//! `flow("withdrawal").answer("received", "2026-11-01").assert_next("product")`.

#![allow(dead_code)]

use std::path::Path;

use tarif::wizards::{self, LoadedWizard};
use tarif_engine::date::Date;
use tarif_engine::wizard::{Answer, Answers, Reached, Step, evaluate};

/// The default site, at the root of the repository.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A wizard of the default site, loaded and checked like `tarif check` does.
pub fn load(id: &str) -> LoadedWizard {
    let files = wizards::find(root());
    let file = wizards::named(&files, id)
        .first()
        .map(|f| (*f).clone())
        .unwrap_or_else(|| panic!("no wizard {id}"));
    wizards::load(root(), &file).unwrap_or_else(|problems| {
        let all: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        panic!("{id} does not load:\n{}", all.join("\n\n"))
    })
}

/// A walk through a wizard with answers given one by one.
pub struct Flow {
    pub loaded: LoadedWizard,
    pub today: Date,
    pub answers: Answers,
}

/// Starts a walk through `id` on 2026-11-15.
pub fn flow(id: &str) -> Flow {
    Flow {
        loaded: load(id),
        today: date("2026-11-15"),
        answers: Answers::new(),
    }
}

pub fn date(s: &str) -> Date {
    s.parse().unwrap_or_else(|e| panic!("{e}"))
}

impl Flow {
    pub fn today(mut self, d: &str) -> Flow {
        self.today = date(d);
        self
    }

    /// Answers `question` as typed on the command line.
    pub fn answer(mut self, question: &str, text: &str) -> Flow {
        let q = self
            .loaded
            .wizard
            .question(question)
            .unwrap_or_else(|| panic!("no question {question}"));
        let a = Answer::parse(q, text, self.today).unwrap_or_else(|e| panic!("{e}"));
        self.answers.insert(question.into(), a);
        self
    }

    pub fn step(&self) -> Step {
        evaluate(
            &self.loaded.wizard,
            &self.answers,
            self.today,
            self.loaded.price_list.as_ref(),
        )
        .unwrap_or_else(|e| panic!("{e}"))
    }

    /// The id of the next question, or of the outcome reached.
    pub fn next_node(&self) -> String {
        match self.step() {
            Step::Question(q) => q.question,
            Step::Outcome(o) => o.id,
        }
    }

    #[track_caller]
    pub fn assert_next(self, node: &str) -> Flow {
        assert_eq!(self.next_node(), node, "after {:?}", self.answers);
        self
    }

    pub fn outcome(&self) -> Reached {
        match self.step() {
            Step::Outcome(o) => o,
            Step::Question(q) => panic!("still asking {}", q.question),
        }
    }

    /// The outcome's reasons in English.
    pub fn reasons_en(&self) -> Vec<String> {
        let en = tarif_engine::text::Lang::new("en").unwrap();
        self.outcome()
            .reasons
            .iter()
            .map(|r| r.get(&en).unwrap_or_default().to_owned())
            .collect()
    }
}

/// A price list of the default site, loaded as `tarif` loads it.
pub fn price_list(id: &str) -> tarif_engine::price_list::PriceList {
    let path = root().join("price-lists").join(format!("{id}.toml"));
    let name = Path::new("price-lists").join(format!("{id}.toml"));
    tarif::sources::read_price_list(&path, &name.display().to_string())
        .unwrap_or_else(|problems| panic!("{id} does not load: {problems:#?}"))
}

pub fn d(s: &str) -> rust_decimal::Decimal {
    s.parse().expect("a decimal literal")
}
