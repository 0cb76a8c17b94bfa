//! Answers: what a person gives to each kind of question, read from what they type and
//! checked against the question, with an error that says what the question accepts.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::model::{Question, QuestionKind};
use crate::date::Date;
use crate::locale::{Word, word};
use crate::text::Lang;

/// The answers given so far, by question id.
pub type Answers = BTreeMap<String, Answer>;

/// One answer, typed by the kind of its question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    /// The option id of a choice.
    Option(String),
    /// Yes (`true`) or no.
    YesNo(bool),
    Date(Date),
    Number(Decimal),
    /// The options of a multi-choice answer; empty for "none of these".
    Options(BTreeSet<String>),
}

/// An answer a question does not accept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerError {
    pub question: String,
    /// The answer as given.
    pub given: String,
    /// What is wrong with it.
    pub problem: String,
    /// What the question accepts, in words.
    pub accepts: String,
    /// A real date, but after today where the question takes none (the app says so in
    /// its own words: "The date cannot be in the future", not "enter a real date").
    #[serde(default)]
    pub after_today: bool,
}

impl fmt::Display for AnswerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is not an answer to `{}`: {}; it accepts {}",
            self.given, self.question, self.problem, self.accepts
        )
    }
}

impl Answer {
    /// Reads what a person typed for `question`: an option id, `yes`/`no`, `YYYY-MM-DD`,
    /// a number, or comma-separated option ids (the multi-choice's "none" id alone for none).
    ///
    /// ```
    /// use tarif_engine::wizard::{Answer, Question, QuestionKind};
    /// use tarif_engine::text::Text;
    /// let q = Question { id: "repairs".into(), text: Text::default(), hint: None,
    ///     kind: QuestionKind::Number { unit: None, min: Some(0.into()), max: None, whole: true },
    ///     branches: vec![], next: "done".into() };
    /// let today = "2026-11-20".parse().unwrap();
    /// assert_eq!(Answer::parse(&q, "3", today), Ok(Answer::Number(3.into())));
    /// assert!(Answer::parse(&q, "2.5", today).is_err());
    /// ```
    pub fn parse(question: &Question, text: &str, today: Date) -> Result<Answer, AnswerError> {
        let t = text.trim();
        let err = |problem: String| AnswerError {
            question: question.id.clone(),
            given: text.to_owned(),
            problem,
            accepts: accepts(question, today),
            after_today: false,
        };
        let answer = match &question.kind {
            QuestionKind::Choice { .. } => Answer::Option(t.to_owned()),
            QuestionKind::YesNo => match t {
                "yes" => Answer::YesNo(true),
                "no" => Answer::YesNo(false),
                _ => return Err(err("it is neither `yes` nor `no`".into())),
            },
            QuestionKind::Date { .. } => {
                Answer::Date(t.parse().map_err(|_| err("it is not a date".into()))?)
            }
            // A number as people write it: `3`, `2.5`, `2,5`; never scientific notation
            // (`1e3` is a typo, not a thousand).
            QuestionKind::Number { .. } => Answer::Number(
                rust_decimal::Decimal::from_str_exact(&t.replace(',', "."))
                    .map_err(|_| err("it is not a number".into()))?,
            ),
            QuestionKind::Multi { none, .. } => {
                // Inserted one by one: collecting would sort, and bring a sort into the app.
                let mut ids = BTreeSet::new();
                for id in t.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                    ids.insert(id.to_owned());
                }
                if ids.contains(&none.id) && ids.len() == 1 {
                    Answer::Options(BTreeSet::new())
                } else if ids.contains(&none.id) {
                    return Err(err(format!(
                        "`{}` (none of these) cannot be given with other options",
                        none.id
                    )));
                } else {
                    Answer::Options(ids)
                }
            }
        };
        answer.check(question, today).map_err(|e| AnswerError {
            given: text.to_owned(),
            ..e
        })?;
        Ok(answer)
    }

    /// Checks an answer (from JSON, say) against its question.
    pub fn check(&self, question: &Question, today: Date) -> Result<(), AnswerError> {
        let err = |problem: String| {
            Err(AnswerError {
                question: question.id.clone(),
                given: self.to_string(),
                problem,
                accepts: accepts(question, today),
                after_today: false,
            })
        };
        match (&question.kind, self) {
            (QuestionKind::Choice { options }, Answer::Option(o)) => {
                if !options.iter().any(|c| &c.id == o) {
                    return err("there is no such option".into());
                }
            }
            (QuestionKind::YesNo, Answer::YesNo(_)) => {}
            (QuestionKind::Date { future }, Answer::Date(d)) => {
                if !future && *d > today {
                    return err(format!("it is after today ({today})")).map_err(|e| AnswerError {
                        after_today: true,
                        ..e
                    });
                }
            }
            (
                QuestionKind::Number {
                    min, max, whole, ..
                },
                Answer::Number(n),
            ) => {
                if *whole && !n.fract().is_zero() {
                    return err("it is not a whole number".into());
                }
                if min.is_some_and(|m| *n < m) || max.is_some_and(|m| *n > m) {
                    return err("it is out of range".into());
                }
            }
            (QuestionKind::Multi { options, .. }, Answer::Options(ids)) => {
                if let Some(bad) = ids.iter().find(|id| !options.iter().any(|c| &c.id == *id)) {
                    return err(format!("there is no option `{bad}`"));
                }
            }
            _ => return err(format!("it is not a {} answer", question.kind.name())),
        }
        Ok(())
    }
}

/// What a question accepts, in words: "one of: device, in-ear".
pub fn accepts(question: &Question, today: Date) -> String {
    accepts_in(
        question,
        today,
        &Lang::new("en").unwrap_or_else(|| unreachable!()),
    )
}

/// What [`accepts`] says, in `lang` (the words from the catalogue, `crate::locale`).
pub fn accepts_in(question: &Question, today: Date, lang: &Lang) -> String {
    let ids = |options: Vec<&super::model::Choice>| {
        options
            .iter()
            .map(|c| c.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let w = |x| word(lang, x);
    match &question.kind {
        QuestionKind::Choice { .. } => {
            w(Word::AcceptsOneOf).replace("{ids}", &ids(question.kind.options()))
        }
        QuestionKind::YesNo => w(Word::AcceptsYesNo).to_owned(),
        QuestionKind::Date { future: true } => w(Word::AcceptsDate).to_owned(),
        QuestionKind::Date { future: false } => {
            w(Word::AcceptsPastDate).replace("{today}", &today.to_string())
        }
        QuestionKind::Number {
            min, max, whole, ..
        } => {
            let what = w(if *whole {
                Word::AcceptsWhole
            } else {
                Word::AcceptsNumber
            });
            let range = match (min, max) {
                (Some(a), Some(b)) => w(Word::AcceptsFromTo)
                    .replace("{min}", &a.to_string())
                    .replace("{max}", &b.to_string()),
                (Some(a), None) => w(Word::AcceptsAtLeast).replace("{min}", &a.to_string()),
                (None, Some(b)) => w(Word::AcceptsAtMost).replace("{max}", &b.to_string()),
                (None, None) => return what.to_owned(),
            };
            format!("{what} {range}")
        }
        QuestionKind::Multi { options, none } => w(Word::AcceptsSome)
            .replace("{ids}", &ids(options.iter().collect()))
            .replace("{none}", &none.id),
    }
}

impl fmt::Display for Answer {
    /// As it is typed on the command line: `in-ear`, `yes`, `2026-11-01`, `3`, `a,b`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Answer::Option(o) => f.write_str(o),
            Answer::YesNo(true) => f.write_str("yes"),
            Answer::YesNo(false) => f.write_str("no"),
            Answer::Date(d) => write!(f, "{d}"),
            Answer::Number(n) => write!(f, "{}", n.normalize()),
            Answer::Options(ids) if ids.is_empty() => f.write_str("none"),
            Answer::Options(ids) => {
                let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
                f.write_str(&ids.join(","))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Text;
    use crate::wizard::model::Choice;

    fn question(kind: QuestionKind) -> Question {
        Question {
            id: "q".into(),
            text: Text::default(),
            hint: None,
            kind,
            branches: vec![],
            next: "end".into(),
        }
    }

    fn choice(id: &str) -> Choice {
        Choice {
            id: id.into(),
            label: Text::default(),
        }
    }

    fn today() -> Date {
        "2026-11-20".parse().unwrap()
    }

    #[test]
    fn a_date_after_today_is_refused_with_what_the_question_accepts() {
        let q = question(QuestionKind::Date { future: false });
        let e = Answer::parse(&q, "2026-11-21", today()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "`2026-11-21` is not an answer to `q`: it is after today (2026-11-20); it accepts a date, YYYY-MM-DD, not after today (2026-11-20)"
        );
        assert!(Answer::parse(&q, "2026-11-20", today()).is_ok());
        assert!(Answer::parse(&q, "20.11.2026", today()).is_err());
    }

    #[test]
    fn multi_choice_takes_ids_separated_by_commas_or_none_alone() {
        let q = question(QuestionKind::Multi {
            options: vec![choice("liquid"), choice("impact")],
            none: choice("none"),
        });
        let set = |ids: &[&str]| Answer::Options(ids.iter().map(|s| s.to_string()).collect());
        assert_eq!(
            Answer::parse(&q, "impact, liquid", today()),
            Ok(set(&["impact", "liquid"]))
        );
        assert_eq!(Answer::parse(&q, "none", today()), Ok(set(&[])));
        assert!(Answer::parse(&q, "none,liquid", today()).is_err());
        assert!(Answer::parse(&q, "fire", today()).is_err());
        assert!(Answer::parse(&q, "", today()).is_ok());
    }

    #[test]
    fn numbers_respect_their_range_and_wholeness() {
        let q = question(QuestionKind::Number {
            unit: None,
            min: Some(Decimal::ZERO),
            max: Some(Decimal::from(50)),
            whole: true,
        });
        assert_eq!(
            Answer::parse(&q, "3", today()),
            Ok(Answer::Number(3.into()))
        );
        for bad in ["-1", "51", "2.5", "three"] {
            assert!(Answer::parse(&q, bad, today()).is_err(), "{bad}");
        }
    }

    #[test]
    fn an_answer_of_the_wrong_kind_is_refused() {
        let q = question(QuestionKind::YesNo);
        assert!(Answer::Number(Decimal::ONE).check(&q, today()).is_err());
        assert!(Answer::parse(&q, "maybe", today()).is_err());
    }
}
