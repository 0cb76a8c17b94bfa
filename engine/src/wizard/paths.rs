//! Every path through a wizard: for the exhaustive path test and the static decision
//! table a wizard's page shows without JavaScript.
//!
//! A path answers each question it meets with a *class* of answers that the wizard's
//! conditions cannot tell apart:
//! - a choice: each option; yes/no: yes, then no;
//! - a multi-choice: each subset of the options some condition tests (`damage has
//!   liquid`), the empty one being "none of these"; options no condition tests never
//!   change the path;
//! - a date: ranges of whole days before today, cut at every threshold of a
//!   `days_since(...)` test on it (`<= 14` gives 0–14 and 15 or more); a date tested only
//!   by `period_over(...)` has two classes, the period still running and the period over,
//!   whose days before today depend on the calendar around today;
//! - a number: ranges cut at every threshold of a comparison on it, within `min`/`max`.
//!
//! Each class carries sample answers **at and around** its thresholds (both ends of each
//! range): the path test evaluates every sample and expects the same outcome.

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::answer::{Answer, Answers};
use super::condition::{Truth, eval};
use super::eval::EvalError;
use super::model::{Comparison, Condition, Question, QuestionKind, Wizard};
use crate::calendar::{Country, Deadline};
use crate::date::Date;

/// One way through a flow.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Path {
    pub steps: Vec<PathStep>,
    /// The outcome the path ends in.
    pub outcome: String,
}

/// A question on a path and the class of answers taken there.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PathStep {
    pub question: String,
    pub answer: AnswerClass,
    /// Concrete answers of the class, at and around its thresholds; the first is the one
    /// the path was followed with.
    pub samples: Vec<Answer>,
}

/// Answers a wizard's conditions cannot tell apart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnswerClass {
    Option(String),
    YesNo(bool),
    /// Exactly the `chosen` ones of the options some condition tests (`tested`); options
    /// no condition tests may be chosen too without changing the path.
    Options {
        chosen: BTreeSet<String>,
        tested: Vec<String>,
    },
    /// A date this many whole days before today, from `min` to `max` inclusive
    /// (`max` none: or more).
    DaysAgo {
        min: i64,
        max: Option<i64>,
    },
    /// A date from which the period of `days` days, its last day moved past the days off
    /// of `calendar`, is over by today (or not); on the day the paths were drawn, that is
    /// `min` to `max` days before today.
    Period {
        days: i64,
        calendar: Country,
        over: bool,
        min: i64,
        max: Option<i64>,
    },
    /// A number in this range (inclusive ends; none: unbounded).
    Number {
        min: Option<Decimal>,
        max: Option<Decimal>,
    },
}

/// The paths of a wizard grouped by the outcome they end in, in the wizard's order of
/// outcomes: what the static decision table shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DecisionTable {
    pub wizard: String,
    pub outcomes: Vec<OutcomePaths>,
}

/// The paths to one outcome.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutcomePaths {
    pub outcome: String,
    pub paths: Vec<Path>,
}

/// A flow with more paths than this is refused rather than enumerated.
pub const MAX_PATHS: usize = 20_000;

/// Every path from the first question, in a stable order, following each class with its
/// first sample on `today`.
pub fn paths(wizard: &Wizard, today: Date) -> Result<Vec<Path>, EvalError> {
    let classes: BTreeMap<&str, Vec<(AnswerClass, Vec<Answer>)>> = wizard
        .questions
        .iter()
        .map(|q| (q.id.as_str(), classes(wizard, q, today)))
        .collect();
    let mut out = Vec::new();
    let mut walk = Walk {
        wizard,
        today,
        classes: &classes,
        out: &mut out,
    };
    walk.from(&wizard.start, &mut Answers::new(), &mut Vec::new())?;
    Ok(out)
}

/// [`paths`] grouped by outcome.
pub fn decision_table(wizard: &Wizard, today: Date) -> Result<DecisionTable, EvalError> {
    let all = paths(wizard, today)?;
    let outcomes = wizard
        .outcomes
        .iter()
        .map(|o| OutcomePaths {
            outcome: o.id.clone(),
            paths: all.iter().filter(|p| p.outcome == o.id).cloned().collect(),
        })
        .collect();
    Ok(DecisionTable {
        wizard: wizard.id.clone(),
        outcomes,
    })
}

struct Walk<'a> {
    wizard: &'a Wizard,
    today: Date,
    classes: &'a BTreeMap<&'a str, Vec<(AnswerClass, Vec<Answer>)>>,
    out: &'a mut Vec<Path>,
}

impl Walk<'_> {
    fn from(
        &mut self,
        at: &str,
        answers: &mut Answers,
        steps: &mut Vec<PathStep>,
    ) -> Result<(), EvalError> {
        if self.out.len() >= MAX_PATHS {
            return Err(EvalError::Broken(format!(
                "the flow has more than {MAX_PATHS} paths"
            )));
        }
        if self.wizard.outcome(at).is_some() {
            self.out.push(Path {
                steps: steps.clone(),
                outcome: at.to_owned(),
            });
            return Ok(());
        }
        let Some(q) = self.wizard.question(at) else {
            return Err(EvalError::Broken(format!(
                "there is no question or outcome `{at}`"
            )));
        };
        if steps.iter().any(|s| s.question == q.id) {
            return Err(EvalError::Broken(format!(
                "the flow loops: it passes `{at}` again"
            )));
        }
        for (class, samples) in self.classes.get(q.id.as_str()).into_iter().flatten() {
            let Some(first) = samples.first() else {
                continue;
            };
            answers.insert(q.id.clone(), first.clone());
            steps.push(PathStep {
                question: q.id.clone(),
                answer: class.clone(),
                samples: samples.clone(),
            });
            let next = q
                .branches
                .iter()
                .find(|b| eval(&b.condition, answers, self.today) == Truth::True)
                .map_or(q.next.as_str(), |b| b.to.as_str());
            self.from(next, answers, steps)?;
            steps.pop();
            answers.remove(&q.id);
        }
        Ok(())
    }
}

/// Every condition of the wizard, wherever it is written.
fn all_conditions(wizard: &Wizard) -> Vec<&Condition> {
    let mut out: Vec<&Condition> = Vec::new();
    for q in &wizard.questions {
        out.extend(q.branches.iter().map(|b| &b.condition));
    }
    for o in &wizard.outcomes {
        out.extend(o.conditions());
    }
    if let Some(s) = &wizard.services {
        out.extend(s.requirements().flat_map(|r| r.conditions()));
    }
    let mut flat = Vec::new();
    for c in out {
        c.visit(&mut |c| flat.push(c));
    }
    flat
}

/// The classes of answers to `q`, each with its samples.
fn classes(wizard: &Wizard, q: &Question, today: Date) -> Vec<(AnswerClass, Vec<Answer>)> {
    let tests: Vec<&Condition> = all_conditions(wizard)
        .into_iter()
        .filter(|c| c.questions().first() == Some(&q.id.as_str()))
        .collect();
    match &q.kind {
        QuestionKind::Choice { options } => options
            .iter()
            .map(|o| {
                let class = AnswerClass::Option(o.id.clone());
                (class, vec![Answer::Option(o.id.clone())])
            })
            .collect(),
        QuestionKind::YesNo => [true, false]
            .into_iter()
            .map(|b| (AnswerClass::YesNo(b), vec![Answer::YesNo(b)]))
            .collect(),
        QuestionKind::Multi { options, .. } => multi_classes(options, &tests),
        QuestionKind::Date { future } => {
            let periods: BTreeSet<(i64, Country)> = tests
                .iter()
                .filter_map(|c| match c {
                    Condition::PeriodOver { days, calendar, .. } => Some((*days, *calendar)),
                    _ => None,
                })
                .collect();
            let only_one_period = periods.len() == 1 && periods.len() == tests.len();
            let cuts = tests.iter().filter_map(|c| match c {
                Condition::DaysSince { op, days, .. } => Some((*op, Decimal::from(*days))),
                Condition::PeriodOver { days, calendar, .. } => Some((
                    Comparison::Gt,
                    Decimal::from(last_day_still_open(*days, *calendar, today)),
                )),
                _ => None,
            });
            let low = (!future).then_some(Decimal::ZERO);
            integer_ranges(low, None, cuts)
                .into_iter()
                .enumerate()
                .map(|(i, (min, max, samples))| {
                    let days = |d: Decimal| i64::try_from(d).unwrap_or(0);
                    let (min, max) = (min.map_or(i64::MIN, days), max.map(days));
                    let class = match periods.first() {
                        Some(&(n, calendar)) if only_one_period => AnswerClass::Period {
                            days: n,
                            calendar,
                            over: i > 0,
                            min,
                            max,
                        },
                        _ => AnswerClass::DaysAgo { min, max },
                    };
                    let samples = samples
                        .into_iter()
                        .map(|d| Answer::Date(today.add_days(days(d).saturating_neg())))
                        .collect();
                    (class, samples)
                })
                .collect()
        }
        QuestionKind::Number {
            min, max, whole, ..
        } => {
            let cuts = tests.iter().filter_map(|c| match c {
                Condition::Number { op, value, .. } => Some((*op, *value)),
                _ => None,
            });
            let ranges = if *whole {
                integer_ranges(*min, *max, cuts)
            } else {
                decimal_ranges(*min, *max, cuts)
            };
            ranges
                .into_iter()
                .map(|(min, max, samples)| {
                    let samples = samples.into_iter().map(Answer::Number).collect();
                    (AnswerClass::Number { min, max }, samples)
                })
                .collect()
        }
    }
}

/// The most days before `today` a date can be for the period of `days` days from it,
/// moved past the days off of `calendar`, to be still running today (-1: none).
fn last_day_still_open(days: i64, calendar: Country, today: Date) -> i64 {
    let open = |ago: i64| Deadline::new(calendar, today.add_days(days - ago)).last_day >= today;
    // The last day moves a few days at most: past a month no date is still open.
    (0..=days.saturating_add(31))
        .take_while(|ago| open(*ago))
        .last()
        .unwrap_or(-1)
}

/// Each subset of the tested options; the samples are the subset and, when some options
/// are never tested, the subset with all of those too.
fn multi_classes(
    options: &[super::model::Choice],
    tests: &[&Condition],
) -> Vec<(AnswerClass, Vec<Answer>)> {
    let tested: Vec<&str> = options
        .iter()
        .map(|o| o.id.as_str())
        .filter(|id| {
            tests
                .iter()
                .any(|c| matches!(c, Condition::Has { option, .. } if option == id))
        })
        .collect();
    let untested: Vec<&str> = options
        .iter()
        .map(|o| o.id.as_str())
        .filter(|id| !tested.contains(id))
        .collect();
    let n = tested.len().min(16);
    (0..1usize << n)
        .map(|mask| {
            let subset: BTreeSet<String> = (0..n)
                .filter(|i| mask & (1 << i) != 0)
                .map(|i| tested[i].to_owned())
                .collect();
            let mut samples = vec![Answer::Options(subset.clone())];
            if !untested.is_empty() {
                let mut with = subset.clone();
                with.extend(untested.iter().map(|s| (*s).to_owned()));
                samples.push(Answer::Options(with));
            }
            let class = AnswerClass::Options {
                chosen: subset,
                tested: tested.iter().map(|s| (*s).to_owned()).collect(),
            };
            (class, samples)
        })
        .collect()
}

type Ranges = Vec<(Option<Decimal>, Option<Decimal>, Vec<Decimal>)>;

/// Whole-number ranges from `low` to `high` (inclusive, none: unbounded) cut where a
/// comparison changes its value; samples are each range's ends (and one past the start of
/// an unbounded last range).
fn integer_ranges(
    low: Option<Decimal>,
    high: Option<Decimal>,
    cuts: impl Iterator<Item = (Comparison, Decimal)>,
) -> Ranges {
    let low = low.map(|l| l.ceil());
    let high = high.map(|h| h.floor());
    // Each cut is the first value of a new range.
    let mut starts = BTreeSet::new();
    for (op, v) in cuts {
        // Thresholds at the ends of the decimal range are left uncut rather than overflow.
        let (below, Some(above)) = (v.ceil(), v.floor().checked_add(Decimal::ONE)) else {
            continue;
        };
        match op {
            Comparison::Lt | Comparison::Ge => starts.insert(below),
            Comparison::Le | Comparison::Gt => starts.insert(above),
            Comparison::Eq | Comparison::Ne => starts.insert(v.ceil()) | starts.insert(above),
        };
    }
    let inside = |v: &Decimal| low.is_none_or(|l| *v > l) && high.is_none_or(|h| *v <= h);
    let starts: Vec<Decimal> = starts.into_iter().filter(inside).collect();
    let mut out = Vec::new();
    let mut from = low;
    for s in starts.iter().copied().chain(std::iter::once(Decimal::MAX)) {
        let to = if s == Decimal::MAX {
            high
        } else {
            s.checked_sub(Decimal::ONE)
        };
        let mut samples: Vec<Decimal> = from.into_iter().chain(to).collect();
        if let (Some(f), None) = (from, to) {
            samples.extend(f.checked_add(Decimal::ONE));
        }
        if let (None, Some(t)) = (from, to) {
            samples.splice(0..0, t.checked_sub(Decimal::ONE));
        }
        if samples.is_empty() {
            samples.push(Decimal::ZERO);
        }
        samples.dedup();
        out.push((from, to, samples));
        if s != Decimal::MAX {
            from = Some(s);
        }
    }
    out
}

/// Ranges of any numbers: each threshold is a range of its own where a comparison holds
/// at it but not around it; samples are the ranges' inner points.
fn decimal_ranges(
    low: Option<Decimal>,
    high: Option<Decimal>,
    cuts: impl Iterator<Item = (Comparison, Decimal)>,
) -> Ranges {
    let points: BTreeSet<Decimal> = cuts
        .map(|(_, v)| v)
        .filter(|v| low.is_none_or(|l| *v >= l) && high.is_none_or(|h| *v <= h))
        .collect();
    let mut out = Vec::new();
    let mut prev = low;
    let two = Decimal::TWO;
    for p in &points {
        if prev != Some(*p) {
            let inner = match prev {
                Some(a) => a / two + p / two,
                None => p.checked_sub(Decimal::ONE).unwrap_or(*p),
            };
            out.push((prev, Some(*p), vec![inner]));
        }
        out.push((Some(*p), Some(*p), vec![*p]));
        prev = Some(*p);
    }
    if prev.is_none() || prev != high {
        let inner = match (prev, high) {
            (Some(a), Some(b)) => a / two + b / two,
            (Some(a), None) => a.checked_add(Decimal::ONE).unwrap_or(a),
            (None, Some(b)) => b,
            (None, None) => Decimal::ZERO,
        };
        out.push((prev, high, vec![inner]));
    }
    // Ranges between points have open ends; they are described by their neighbours.
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(n: i64) -> Decimal {
        Decimal::from(n)
    }

    #[test]
    fn a_fourteen_day_rule_cuts_days_into_0_to_14_and_15_or_more() {
        let r = integer_ranges(Some(d(0)), None, [(Comparison::Le, d(14))].into_iter());
        assert_eq!(
            r,
            vec![
                (Some(d(0)), Some(d(14)), vec![d(0), d(14)]),
                (Some(d(15)), None, vec![d(15), d(16)]),
            ]
        );
    }

    #[test]
    fn three_repairs_or_more_cuts_counts_at_three() {
        let r = integer_ranges(
            Some(d(0)),
            Some(d(50)),
            [(Comparison::Ge, d(3))].into_iter(),
        );
        assert_eq!(
            r,
            vec![
                (Some(d(0)), Some(d(2)), vec![d(0), d(2)]),
                (Some(d(3)), Some(d(50)), vec![d(3), d(50)]),
            ]
        );
    }

    #[test]
    fn equality_makes_a_range_of_one_value() {
        let r = integer_ranges(None, None, [(Comparison::Eq, d(5))].into_iter());
        let bounds: Vec<_> = r.iter().map(|(a, b, _)| (*a, *b)).collect();
        assert_eq!(
            bounds,
            vec![
                (None, Some(d(4))),
                (Some(d(5)), Some(d(5))),
                (Some(d(6)), None)
            ]
        );
    }

    #[test]
    fn decimal_ranges_put_each_threshold_in_a_range_of_its_own() {
        let r = decimal_ranges(Some(d(0)), None, [(Comparison::Gt, d(10))].into_iter());
        let samples: Vec<_> = r.iter().flat_map(|(_, _, s)| s.clone()).collect();
        assert_eq!(samples, vec![d(5), d(10), d(11)]);
    }
}
