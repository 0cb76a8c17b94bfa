//! The static decision table of a wizard: every distinct path, grouped by outcome, as a
//! view (texts in the page's language) that the theme's `decision-table.html` writes
//! below the interactive flow, readable without JavaScript and printable; a site's own
//! `templates/decision-table.html` overrides it like any template. Each outcome is a
//! `<section>` with a heading and a `<table>` with a caption, column headers and a row
//! header per path.

use rust_decimal::Decimal;
use serde::Serialize;
use tarif_engine::calendar::Country;
use tarif_engine::date::Date;
use tarif_engine::locale::{self, Noun, Word};
use tarif_engine::price_list::PriceList;
use tarif_engine::quote::{Requested, quote};
use tarif_engine::text::{Lang, Text};
use tarif_engine::wizard::eval::given;
use tarif_engine::wizard::paths::{AnswerClass, DecisionTable, Path};
use tarif_engine::wizard::view::{status, yes_no};
use tarif_engine::wizard::{
    Answers, DateFrom, DateRule, Period, QuestionKind, ServiceStatus, Step, Wizard, evaluate,
};

/// The decision table of a wizard, in one language, as its template reads it.
#[derive(Debug, Serialize)]
pub struct DecisionTableView {
    pub lang: String,
    pub outcomes: Vec<OutcomeTable>,
}

/// One outcome: its heading, the date rules it states, and a row per path to it.
#[derive(Debug, Serialize)]
pub struct OutcomeTable {
    /// The section's id (`decision-<wizard>-<outcome>`).
    pub id: String,
    pub verdict: String,
    pub title: String,
    /// Each date the outcome computes, as a worded rule.
    pub dates: Vec<String>,
    /// "Ways to this outcome: 3".
    pub caption: String,
    /// The column headers: number, answers, why, what to do, then costs and services
    /// where the outcome has them.
    pub columns: Vec<&'static str>,
    pub costs: bool,
    pub services: bool,
    pub rows: Vec<PathRow>,
}

/// One path: the answers that lead to the outcome, and what it then says.
#[derive(Debug, Serialize)]
pub struct PathRow {
    pub n: usize,
    pub answers: Vec<AnswerCell>,
    pub reasons: Vec<String>,
    pub next_steps: Vec<String>,
    pub costs: Vec<String>,
    pub services: Vec<String>,
}

/// A question and the class of answers this path gives it, in words.
#[derive(Debug, Serialize)]
pub struct AnswerCell {
    pub question: String,
    pub answer: String,
}

/// The decision table of `wizard` in `lang`. `table` comes from
/// [`tarif_engine::wizard::paths::decision_table`] with the same `today`; `list` is the
/// wizard's price list (names and prices of quote items and services).
pub fn view(
    wizard: &Wizard,
    table: &DecisionTable,
    lang: &Lang,
    list: Option<&PriceList>,
    today: Date,
) -> DecisionTableView {
    let r = Renderer {
        wizard,
        lang,
        list,
        today,
    };
    DecisionTableView {
        lang: lang.to_string(),
        outcomes: table
            .outcomes
            .iter()
            .filter_map(|group| {
                let o = wizard.outcome(&group.outcome)?;
                Some(r.outcome(o, &group.paths))
            })
            .collect(),
    }
}

/// The decision table as HTML, written by the theme's built-in `decision-table.html` (a
/// site's pages use its own template where it has one).
pub fn render(
    wizard: &Wizard,
    table: &DecisionTable,
    lang: &Lang,
    list: Option<&PriceList>,
    today: Date,
) -> String {
    let view = view(wizard, table, lang, list, today);
    super::render_builtin(
        "decision-table.html",
        &serde_json::json!({ "page": { "table": view } }),
    )
}

struct Renderer<'a> {
    wizard: &'a Wizard,
    lang: &'a Lang,
    list: Option<&'a PriceList>,
    today: Date,
}

impl Renderer<'_> {
    fn t(&self, text: &Text) -> String {
        text.best(self.lang, &[]).to_owned()
    }

    /// A text with each `{date}` shown as the date's label, in brackets.
    /// A text with each `{date}` worded as its rule ("14 days after the answer to …"):
    /// the table speaks of every path at once, so it has no one date to show.
    fn with_dates(&self, text: &Text, dates: &[DateRule]) -> String {
        let mut s = self.t(text);
        for d in dates {
            s = s.replace(&format!("{{{}}}", d.id), &self.rule(d));
        }
        s
    }

    fn outcome(&self, o: &tarif_engine::wizard::Outcome, paths: &[Path]) -> OutcomeTable {
        let costs = !o.quote.is_empty();
        let mut columns = vec![Word::Number, Word::Answers, Word::Reasons, Word::WhatToDo];
        if costs {
            columns.push(Word::Costs);
        }
        if o.services {
            columns.push(Word::TableServices);
        }
        OutcomeTable {
            id: format!("decision-{}-{}", self.wizard.id, o.id),
            verdict: o.verdict.clone(),
            title: self.with_dates(&o.title, &o.dates),
            dates: o.dates.iter().map(|d| self.date_rule(d)).collect(),
            caption: format!("{}: {}", self.word(Word::Paths), paths.len()),
            columns: columns.into_iter().map(|w| self.word(w)).collect(),
            costs,
            services: o.services,
            rows: paths
                .iter()
                .enumerate()
                .map(|(n, path)| self.row(o, path, n + 1, costs))
                .collect(),
        }
    }

    fn row(
        &self,
        o: &tarif_engine::wizard::Outcome,
        path: &Path,
        n: usize,
        costs: bool,
    ) -> PathRow {
        let answers: Answers = path
            .steps
            .iter()
            .filter_map(|s| Some((s.question.clone(), s.samples.first()?.clone())))
            .collect();
        let given_texts = |statements| -> Vec<String> {
            given(statements, &answers, self.today)
                .iter()
                .map(|s| self.with_dates(&s.text, &o.dates))
                .collect()
        };
        let reached = match evaluate(self.wizard, &answers, self.today, self.list) {
            Ok(Step::Outcome(r)) => Some(r),
            _ => None,
        };
        PathRow {
            n,
            answers: path
                .steps
                .iter()
                .filter_map(|step| {
                    let q = self.wizard.question(&step.question)?;
                    Some(AnswerCell {
                        question: self.t(&q.text),
                        answer: self.class(&q.kind, &step.answer),
                    })
                })
                .collect(),
            reasons: given_texts(&o.reasons),
            next_steps: given_texts(&o.next_steps),
            costs: match (&reached, costs) {
                (Some(r), true) => self.costs(r),
                _ => Vec::new(),
            },
            services: match (&reached, o.services) {
                (Some(r), true) => self.services(r),
                _ => Vec::new(),
            },
        }
    }

    /// Each quoted item with its price in the list's main currency, then the total.
    fn costs(&self, r: &tarif_engine::wizard::Reached) -> Vec<String> {
        let Some(list) = self.list else {
            return r.quote.iter().map(|q| q.item.clone()).collect();
        };
        let requested: Vec<Requested> = r.quote.iter().map(Requested::from).collect();
        let Ok(q) = quote(list, &requested) else {
            return Vec::new();
        };
        let money = |a: &tarif_engine::money::Amounts| {
            a.main()
                .map(|m| locale::money(self.lang, m))
                .unwrap_or_default()
        };
        let mut lines: Vec<String> = q
            .lines
            .iter()
            .map(|l| {
                let name = list
                    .item(&l.item)
                    .map_or(l.item.clone(), |i| self.t(&i.name));
                format!("{name}: {}", money(&l.amount))
            })
            .collect();
        if lines.len() > 1 {
            lines.push(format!(
                "{}: {}",
                locale::word(self.lang, locale::Word::Total),
                money(&q.total)
            ));
        }
        lines
    }

    /// The services by status: "free for you: A; B".
    fn services(&self, r: &tarif_engine::wizard::Reached) -> Vec<String> {
        [
            ServiceStatus::Free,
            ServiceStatus::Confirm,
            ServiceStatus::NotFree,
            ServiceStatus::NotApplicable,
        ]
        .into_iter()
        .filter_map(|st| {
            let names: Vec<String> = r
                .services
                .iter()
                .filter(|s| s.status == st)
                .map(|s| {
                    self.list
                        .and_then(|l| l.item(&s.item))
                        .map_or(s.item.clone(), |i| self.t(&i.name))
                })
                .collect();
            (!names.is_empty()).then(|| format!("{}: {}", status(self.lang, st), names.join("; ")))
        })
        .collect()
    }

    /// "Last day to withdraw: 14 days after the answer to “On what date…?”".
    fn date_rule(&self, d: &DateRule) -> String {
        let moved = match d.calendar {
            Some(country) => self
                .word(Word::Moved)
                .replace("{law}", law(self.lang, country)),
            None => String::new(),
        };
        format!("{}: {}{moved}", self.t(&d.label), self.rule(d))
    }

    /// How a date is counted, in words: "14 days after the answer to “…”".
    fn rule(&self, d: &DateRule) -> String {
        let (n, unit) = match d.add {
            Period::Days(n) => (n, Noun::Day),
            Period::Months(n) => (n, Noun::Month),
        };
        let span = counted(self.lang, n, unit);
        match &d.from {
            DateFrom::Today => self.word(Word::FromToday).replace("{n}", &span),
            DateFrom::Answer(q) => {
                let question = self
                    .wizard
                    .question(q)
                    .map_or(q.clone(), |q| self.t(&q.text));
                self.word(Word::AfterAnswer)
                    .replace("{n}", &span)
                    .replace("{q}", &question)
            }
        }
    }

    /// An answer class in words.
    fn class(&self, kind: &QuestionKind, class: &AnswerClass) -> String {
        let label = |id: &str| {
            kind.options()
                .iter()
                .find(|o| o.id == id)
                .map_or(id.to_owned(), |o| self.t(&o.label))
        };
        let num = |d: Decimal| locale::number(self.lang, d);
        match class {
            AnswerClass::Option(id) => label(id),
            AnswerClass::YesNo(b) => yes_no(self.lang, *b).to_owned(),
            AnswerClass::Options { chosen, tested } => {
                let all_tested = kind.options().len() == tested.len() + 1;
                if tested.is_empty() {
                    self.word(Word::AnyAnswer).to_owned()
                } else if chosen.is_empty() && all_tested {
                    match kind {
                        QuestionKind::Multi { none, .. } => self.t(&none.label),
                        _ => String::new(),
                    }
                } else if chosen.is_empty() {
                    let names: Vec<String> = tested.iter().map(|t| label(t)).collect();
                    format!("{} {}", self.word(Word::NoneOf), names.join("; "))
                } else {
                    let names: Vec<String> = chosen.iter().map(|t| label(t)).collect();
                    names.join("; ")
                }
            }
            AnswerClass::DaysAgo { min, max } => {
                let text = match max {
                    Some(max) => self
                        .word(Word::DaysBetween)
                        .replace("{max}", &max.to_string()),
                    None => self.word(Word::DaysOrMore).to_owned(),
                };
                text.replace("{min}", &min.to_string())
            }
            AnswerClass::Period { days, over, .. } => {
                let w = if *over {
                    Word::PeriodOver
                } else {
                    Word::PeriodOpen
                };
                self.word(w)
                    .replace("{n}", &counted(self.lang, *days, Noun::Day))
            }
            AnswerClass::Number { min, max } => {
                let unit = match kind {
                    QuestionKind::Number { unit: Some(u), .. } => format!(" {}", self.t(u)),
                    _ => String::new(),
                };
                let text = match (min, max) {
                    (Some(a), Some(b)) if a == b => num(*a),
                    (Some(a), Some(b)) => self
                        .word(Word::Between)
                        .replace("{min}", &num(*a))
                        .replace("{max}", &num(*b)),
                    (Some(a), None) => self.word(Word::OrMore).replace("{min}", &num(*a)),
                    (None, Some(b)) => self.word(Word::AtMost).replace("{max}", &num(*b)),
                    (None, None) => self.word(Word::AnyAnswer).to_owned(),
                };
                format!("{text}{unit}")
            }
        }
    }

    fn word(&self, w: Word) -> &'static str {
        locale::word(self.lang, w)
    }
}

/// The law that moves a last day off a day off, as the decision table cites it.
fn law(lang: &Lang, country: Country) -> &'static str {
    match country {
        Country::Bg => locale::word(lang, Word::LawBgTable),
    }
}

/// "14 days", "1 месец", "14 дней": the catalogue's plural forms.
fn counted(lang: &Lang, n: i64, unit: Noun) -> String {
    locale::counted(lang, Decimal::from(n), unit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_take_the_plural_form_of_their_language() {
        let l = |t: &str| Lang::new(t).unwrap();
        assert_eq!(counted(&l("ru"), 14, Noun::Day), "14 дней");
        assert_eq!(counted(&l("ru"), 1, Noun::Month), "1 месяц");
        assert_eq!(counted(&l("bg"), 14, Noun::Day), "14 дни");
        assert_eq!(counted(&l("en"), 1, Noun::Month), "1 month");
    }
}
