//! The wizard flow's state, apart from the view: the answers as typed (each a URL query
//! parameter named after its question, so a link reopens the flow), which screen is shown,
//! and what the engine says the screen holds. Every decision is the engine's
//! (`tarif_engine::wizard::evaluate`); this module only steers between screens.

use std::collections::BTreeMap;

use tarif_engine::date::Date;
use tarif_engine::price_list::PriceList;
use tarif_engine::text::Lang;
use tarif_engine::wizard::view::{OutcomeView, QuestionView, View, view};
use tarif_engine::wizard::{Answer, Answers, EvalError, QuestionKind, Step, Wizard, evaluate};

/// Query parameters that are not answers start with `_`, which no question id does.
const EDIT: &str = "_edit";
const REVIEW: &str = "_review";
const DONE: &str = "_done";

/// Which screen a person is on.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Mode {
    /// The first question not answered yet.
    #[default]
    Ask,
    /// A question answered before, to change its answer.
    Edit(String),
    /// "Check your answers", before the outcome.
    Review,
    /// The outcome.
    Outcome,
}

/// Answers as typed, by question id, and the screen.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Flow {
    pub answers: BTreeMap<String, String>,
    pub mode: Mode,
}

/// What to show.
#[derive(Debug, Clone, PartialEq)]
pub enum Screen {
    Question {
        view: QuestionView,
        /// The answer given before, as typed, to prefill.
        current: Option<String>,
        /// The answer in the link was not one this question takes.
        rejected: bool,
        /// Where "Back" goes; `None` on the first question.
        back: Option<Flow>,
    },
    Review {
        /// (question id, question text, answer in words), in the order asked.
        rows: Vec<(String, String, String)>,
        back: Flow,
    },
    Outcome {
        view: OutcomeView,
        back: Flow,
    },
    /// The wizard cannot be evaluated (it did not pass `tarif check`).
    Broken(String),
}

impl Flow {
    /// The flow a URL query describes (`(name, value)` pairs, in order).
    pub fn from_query(pairs: &[(String, String)]) -> Flow {
        let mut flow = Flow::default();
        for (name, value) in pairs {
            match name.as_str() {
                EDIT => flow.mode = Mode::Edit(value.clone()),
                REVIEW => flow.mode = Mode::Review,
                DONE => flow.mode = Mode::Outcome,
                _ if !name.starts_with('_') => {
                    flow.answers.insert(name.clone(), value.clone());
                }
                _ => {}
            }
        }
        flow
    }

    /// The URL query of this flow: the answers, then the screen.
    pub fn to_query(&self) -> Vec<(String, String)> {
        let mut pairs: Vec<(String, String)> = self
            .answers
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        match &self.mode {
            Mode::Ask => {}
            Mode::Edit(q) => pairs.push((EDIT.into(), q.clone())),
            Mode::Review => pairs.push((REVIEW.into(), "1".into())),
            Mode::Outcome => pairs.push((DONE.into(), "1".into())),
        }
        pairs
    }

    /// The same answers on another screen.
    pub fn with_mode(&self, mode: Mode) -> Flow {
        Flow {
            answers: self.answers.clone(),
            mode,
        }
    }

    /// The flow after answering `question` with `text`: on to the next question.
    pub fn answer(&self, question: &str, text: String) -> Flow {
        let mut answers = self.answers.clone();
        answers.insert(question.to_owned(), text);
        Flow {
            answers,
            mode: Mode::Ask,
        }
    }
}

/// The typed answers, read as the CLI reads them; the first one a question does not take
/// is returned with its question id.
fn read(wizard: &Wizard, typed: &BTreeMap<String, String>, today: Date) -> Result<Answers, String> {
    let mut answers = Answers::new();
    for (id, text) in typed {
        let Some(q) = wizard.question(id) else {
            continue;
        };
        match Answer::parse(q, text, today) {
            Ok(a) => {
                answers.insert(id.clone(), a);
            }
            Err(_) => return Err(id.clone()),
        }
    }
    Ok(answers)
}

/// The screen for `flow`.
pub fn screen(
    wizard: &Wizard,
    list: Option<&PriceList>,
    lang: &Lang,
    flow: &Flow,
    today: Date,
) -> Screen {
    let (answers, bad) = match read(wizard, &flow.answers, today) {
        Ok(a) => (a, None),
        Err(id) => {
            let mut typed = flow.answers.clone();
            typed.remove(&id);
            (read(wizard, &typed, today).unwrap_or_default(), Some(id))
        }
    };
    let step = match evaluate(wizard, &answers, today, list) {
        Ok(step) => step,
        Err(EvalError::Broken(why)) => return Screen::Broken(why),
        Err(EvalError::Answer(e)) => return Screen::Broken(e.to_string()),
    };
    let path = match &step {
        Step::Question(a) => a.path.clone(),
        Step::Outcome(r) => r.path.clone(),
    };
    if let Mode::Edit(id) = &flow.mode
        && let Some(q) = wizard.question(id)
        && path.contains(id)
    {
        let before = path
            .iter()
            .position(|p| p == id)
            .and_then(|i| i.checked_sub(1))
            .map(|i| path[i].clone());
        let asked = Step::Question(tarif_engine::wizard::Asked {
            question: q.id.clone(),
            path: path.clone(),
        });
        let View::Question(view) = view(wizard, &asked, lang, list) else {
            unreachable!("a question step")
        };
        return Screen::Question {
            view,
            current: flow.answers.get(id).cloned(),
            rejected: false,
            // The first question has nothing before it: no back link.
            back: before.map(|b| flow.with_mode(Mode::Edit(b))),
        };
    }
    match (&step, &flow.mode) {
        (Step::Question(asked), _) => {
            let View::Question(v) = view(wizard, &step, lang, list) else {
                unreachable!("a question step")
            };
            let back = asked
                .path
                .last()
                .map(|prev| flow.with_mode(Mode::Edit(prev.clone())));
            let rejected = bad.is_some_and(|b| b == asked.question);
            let current = if rejected {
                flow.answers.get(&asked.question).cloned()
            } else {
                None
            };
            Screen::Question {
                view: v,
                current,
                rejected,
                back,
            }
        }
        (Step::Outcome(_), Mode::Outcome) => {
            let View::Outcome(v) = view(wizard, &step, lang, list) else {
                unreachable!("an outcome step")
            };
            Screen::Outcome {
                view: v,
                back: flow.with_mode(Mode::Review),
            }
        }
        (Step::Outcome(_), _) => {
            let rows = path
                .iter()
                .filter_map(|id| row(wizard, lang, id, answers.get(id)?))
                .collect();
            let back = path.last().map_or_else(
                || flow.with_mode(Mode::Ask),
                |l| flow.with_mode(Mode::Edit(l.clone())),
            );
            Screen::Review { rows, back }
        }
    }
}

/// A row of "check your answers": the question and its answer in words.
fn row(
    wizard: &Wizard,
    lang: &Lang,
    id: &str,
    answer: &Answer,
) -> Option<(String, String, String)> {
    let q = wizard.question(id)?;
    let label = |option: &str| {
        q.kind
            .options()
            .into_iter()
            .find(|o| o.id == option)
            .map_or_else(|| option.to_owned(), |o| o.label.best(lang, &[]).to_owned())
    };
    let text = match answer {
        Answer::Option(o) => label(o),
        Answer::YesNo(b) => tarif_engine::wizard::view::yes_no(lang, *b).to_owned(),
        Answer::Date(d) => d.format(lang),
        Answer::Number(n) => {
            let unit = match &q.kind {
                QuestionKind::Number { unit: Some(u), .. } => format!(" {}", u.best(lang, &[])),
                _ => String::new(),
            };
            format!("{}{unit}", tarif_engine::locale::number(lang, *n))
        }
        Answer::Options(set) if set.is_empty() => match &q.kind {
            QuestionKind::Multi { none, .. } => none.label.best(lang, &[]).to_owned(),
            _ => String::new(),
        },
        Answer::Options(set) => set.iter().map(|o| label(o)).collect::<Vec<_>>().join(", "),
    };
    Some((id.to_owned(), q.text.best(lang, &[]).to_owned(), text))
}
