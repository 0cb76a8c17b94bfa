//! Evaluating conditions over answers, and writing them back as a wizard writes them
//! (the syntax is in [`super::source`]'s reader, `if = "…"`).

use std::fmt;

use super::answer::{Answer, Answers};
use super::model::Condition;
use crate::calendar::Deadline;
use crate::date::Date;

/// Kleene's three values: a test on a question not answered is `Unknown`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Truth {
    True,
    False,
    Unknown,
}

impl Truth {
    fn of(b: bool) -> Truth {
        if b { Truth::True } else { Truth::False }
    }
}

/// Evaluates `c` over `answers` on `today`.
///
/// ```
/// use tarif_engine::wizard::{Answer, Answers, Comparison, Condition, condition::{self, Truth}};
/// let c = Condition::DaysSince { question: "received".into(), op: Comparison::Le, days: 14 };
/// let mut answers = Answers::new();
/// let today = "2026-11-15".parse().unwrap();
/// assert_eq!(condition::eval(&c, &answers, today), Truth::Unknown);
/// answers.insert("received".into(), Answer::Date("2026-11-01".parse().unwrap()));
/// assert_eq!(condition::eval(&c, &answers, today), Truth::True);
/// ```
pub fn eval(c: &Condition, answers: &Answers, today: Date) -> Truth {
    let answer = |q: &str| answers.get(q);
    match c {
        Condition::All(cs) => {
            cs.iter()
                .fold(Truth::True, |acc, c| match (acc, eval(c, answers, today)) {
                    (Truth::False, _) | (_, Truth::False) => Truth::False,
                    (Truth::Unknown, _) | (_, Truth::Unknown) => Truth::Unknown,
                    _ => Truth::True,
                })
        }
        Condition::Any(cs) => cs.iter().fold(Truth::False, |acc, c| {
            match (acc, eval(c, answers, today)) {
                (Truth::True, _) | (_, Truth::True) => Truth::True,
                (Truth::Unknown, _) | (_, Truth::Unknown) => Truth::Unknown,
                _ => Truth::False,
            }
        }),
        Condition::Not(c) => match eval(c, answers, today) {
            Truth::True => Truth::False,
            Truth::False => Truth::True,
            Truth::Unknown => Truth::Unknown,
        },
        Condition::Is { question, option } => match answer(question) {
            None => Truth::Unknown,
            Some(Answer::Option(o)) => Truth::of(o == option),
            Some(Answer::YesNo(b)) => Truth::of(*b == (option == "yes")),
            Some(_) => Truth::False,
        },
        Condition::In { question, options } => match answer(question) {
            None => Truth::Unknown,
            Some(Answer::Option(o)) => Truth::of(options.contains(o)),
            Some(_) => Truth::False,
        },
        Condition::Has { question, option } => match answer(question) {
            None => Truth::Unknown,
            Some(Answer::Options(set)) => Truth::of(set.contains(option)),
            Some(_) => Truth::False,
        },
        Condition::Number {
            question,
            op,
            value,
        } => match answer(question) {
            None => Truth::Unknown,
            Some(Answer::Number(n)) => Truth::of(op.holds(n, value)),
            Some(_) => Truth::False,
        },
        Condition::DaysSince { question, op, days } => match answer(question) {
            None => Truth::Unknown,
            Some(Answer::Date(d)) => Truth::of(op.holds(d.days_until(today), *days)),
            Some(_) => Truth::False,
        },
        Condition::PeriodOver {
            question,
            days,
            calendar,
        } => match answer(question) {
            None => Truth::Unknown,
            Some(Answer::Date(d)) => {
                Truth::of(Deadline::new(*calendar, d.add_days(*days)).last_day < today)
            }
            Some(_) => Truth::False,
        },
    }
}

impl fmt::Display for Condition {
    /// The condition as a wizard writes it, parenthesised only where needed.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Condition::All(cs) => {
                for (i, c) in cs.iter().enumerate() {
                    f.write_str(if i > 0 { " and " } else { "" })?;
                    match c {
                        Condition::Any(_) => write!(f, "({c})")?,
                        _ => write!(f, "{c}")?,
                    }
                }
                Ok(())
            }
            Condition::Any(cs) => {
                for (i, c) in cs.iter().enumerate() {
                    write!(f, "{}{c}", if i > 0 { " or " } else { "" })?;
                }
                Ok(())
            }
            Condition::Not(c) => match c.as_ref() {
                Condition::Is { question, option } => write!(f, "{question} != {option}"),
                Condition::All(_) | Condition::Any(_) => write!(f, "not ({c})"),
                _ => write!(f, "not {c}"),
            },
            Condition::Is { question, option } => write!(f, "{question} = {option}"),
            Condition::In { question, options } => {
                write!(f, "{question} in [{}]", options.join(", "))
            }
            Condition::Has { question, option } => write!(f, "{question} has {option}"),
            Condition::Number {
                question,
                op,
                value,
            } => write!(f, "{question} {} {}", op.symbol(), value.normalize()),
            Condition::DaysSince { question, op, days } => {
                write!(f, "days_since({question}) {} {days}", op.symbol())
            }
            Condition::PeriodOver {
                question,
                days,
                calendar,
            } => write!(f, "period_over({question}, {days}, {})", calendar.code()),
        }
    }
}

#[cfg(all(test, feature = "toml"))]
mod tests {
    use super::*;
    use crate::wizard::parse_condition;

    fn read(text: &str) -> Condition {
        parse_condition(text, &|_| None).unwrap_or_else(|e| panic!("{text}: {e:?}"))
    }

    #[test]
    fn conditions_read_and_write_back_the_same() {
        for text in [
            "product = in-ear",
            "product = in-ear and unsealed = yes",
            "bought = no or warranty = no",
            "(a = x or b = y) and c = z",
            "a = x or b = y and c = z",
            "not (a = x or b = y)",
            "damage has liquid",
            "location in [almaty, regional-city]",
            "days_since(received) > 14",
            "period_over(received, 14, bg)",
            "not period_over(received, 14, bg)",
            "repairs >= 3",
            "device != laptop",
            "not damage has liquid",
        ] {
            assert_eq!(read(text).to_string(), text);
        }
    }

    #[test]
    fn a_test_on_an_unanswered_question_is_unknown_and_unknown_spreads_as_kleene_says() {
        let today: Date = "2026-11-20".parse().unwrap();
        let mut answers = Answers::new();
        answers.insert("a".into(), Answer::YesNo(true));
        let t = |s: &str| eval(&read(s), &answers, today);
        assert_eq!(t("a = yes"), Truth::True);
        assert_eq!(t("b = yes"), Truth::Unknown);
        assert_eq!(t("a = yes or b = yes"), Truth::True);
        assert_eq!(t("a = no and b = yes"), Truth::False);
        assert_eq!(t("a = yes and b = yes"), Truth::Unknown);
        assert_eq!(t("not b = yes"), Truth::Unknown);
        assert_eq!(t("not a = no"), Truth::True);
    }
}
