//! Evaluating a wizard: from the answers given so far to the next question, or to the
//! outcome with its reasons, dates, citations, quote and services.

use serde::{Deserialize, Serialize};

use super::answer::{AnswerError, Answers};
use super::condition::{Truth, eval};
use super::model::{
    DateFrom, DateRule, Outcome, Period, Requirement, ServiceRules, Statement, Wizard,
};
use crate::calendar::{Country, Deadline};
use crate::date::Date;
use crate::price_list::PriceList;
use crate::quote::Requested;
use crate::text::Text;

/// Where a set of answers leads.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// The next question to ask.
    Question(Asked),
    /// The end of the flow.
    Outcome(Reached),
}

/// The next question, and the questions answered on the way to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Asked {
    pub question: String,
    /// The ids of the questions answered so far, in the order they were asked.
    pub path: Vec<String>,
}

/// An outcome, evaluated for the answers: every text is final (dates filled in).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reached {
    pub id: String,
    pub verdict: String,
    pub title: Text,
    pub reasons: Vec<Text>,
    pub next_steps: Vec<Text>,
    pub citations: Vec<Citation>,
    pub dates: Vec<ComputedDate>,
    pub quote: Vec<QuoteItem>,
    /// Each service of the wizard's price list, when the outcome lists them; the services
    /// the client said they need come first.
    pub services: Vec<ServiceVerdict>,
    /// The ids of the questions answered on the way, in order.
    pub path: Vec<String>,
}

/// A memo clause: a heading of a page in the wizard's section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Citation {
    pub page: String,
    pub anchor: String,
}

/// A date an outcome computed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComputedDate {
    pub id: String,
    pub label: Text,
    /// The last day: where the count lands, or the next working day after it when the
    /// rule names a calendar.
    pub date: Date,
    /// The calendar the count was moved by, and how (why, and whether it may move).
    pub working_days: Option<(Country, Deadline)>,
}

/// A price-list item for a prefilled quote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteItem {
    pub list: String,
    pub item: String,
    pub quantity: u32,
}

/// An outcome's item as a quote request: a quantity of one is left unsaid, as a person
/// leaves it (`laptop-diagnostics`, `data-backup=2`).
///
/// ```
/// use tarif_engine::quote::Requested;
/// use tarif_engine::wizard::eval::QuoteItem;
///
/// let item = |quantity| QuoteItem {
///     list: "laptop-bg".into(),
///     item: "data-backup".into(),
///     quantity,
/// };
/// assert_eq!(Requested::from(&item(1)).quantity, None);
/// assert_eq!(Requested::from(&item(2)).quantity.as_deref(), Some("2"));
/// ```
impl From<&QuoteItem> for Requested {
    fn from(q: &QuoteItem) -> Requested {
        Requested {
            item: q.item.clone(),
            quantity: (q.quantity != 1).then(|| q.quantity.to_string()),
        }
    }
}

/// What a service costs this client, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceVerdict {
    pub item: String,
    pub status: ServiceStatus,
    /// The client said they need it.
    pub needed: bool,
    pub reasons: Vec<Text>,
}

/// Free for you, to confirm with the provider, not free, or not one the extended service
/// gives in your situation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ServiceStatus {
    Free,
    /// Every requirement holds, but one is in doubt: ask the provider.
    Confirm,
    NotFree,
    NotApplicable,
}

/// Why answers could not be evaluated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EvalError {
    /// An answer its question does not accept.
    Answer(AnswerError),
    /// The wizard itself is broken (it did not pass [`super::check`]): a step to a node
    /// that does not exist, or a loop.
    Broken(String),
}

impl std::fmt::Display for EvalError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EvalError::Answer(e) => write!(f, "{e}"),
            EvalError::Broken(why) => write!(f, "the wizard is broken: {why}"),
        }
    }
}

/// Follows the flow from the first question with `answers`, on `today`: the first
/// question not answered yet, or the outcome. `list` is the wizard's price list (needed
/// for its services). Answers to questions off the path are ignored. Never panics: a
/// wizard that did not pass the checks gives [`EvalError::Broken`].
///
/// ```
/// use tarif_engine::wizard::*;
/// let toml = r#"
/// title = { en = "Can I return it?" }
/// [[questions]]
/// id = "received"
/// kind = "date"
/// text = { en = "When did you receive it?" }
/// branch = [{ if = "days_since(received) > 14", go = "too-late" }]
/// next = "yes"
/// [[outcomes]]
/// id = "yes"
/// verdict = "yes"
/// title = { en = "Yes, until {last-day}" }
/// dates = [{ id = "last-day", label = { en = "Last day" }, from = "received", add_days = 14 }]
/// [[outcomes]]
/// id = "too-late"
/// verdict = "no"
/// title = { en = "No" }
/// "#;
/// let (wizard, _) = parse_wizard("returns.wizard.toml", "shop", toml).unwrap();
/// let today = "2026-11-15".parse().unwrap();
/// let mut answers = Answers::new();
/// let Ok(Step::Question(asked)) = evaluate(&wizard, &answers, today, None) else { panic!() };
/// assert_eq!(asked.question, "received");
/// answers.insert("received".into(), Answer::Date("2026-11-01".parse().unwrap()));
/// let Ok(Step::Outcome(outcome)) = evaluate(&wizard, &answers, today, None) else { panic!() };
/// assert_eq!(outcome.verdict, "yes");
/// assert_eq!(outcome.dates[0].date.to_string(), "2026-11-15");
/// let en = tarif_engine::text::Lang::new("en").unwrap();
/// assert_eq!(outcome.title.get(&en), Some("Yes, until 15 November 2026"));
/// ```
pub fn evaluate(
    wizard: &Wizard,
    answers: &Answers,
    today: Date,
    list: Option<&PriceList>,
) -> Result<Step, EvalError> {
    let mut at = wizard.start.as_str();
    let mut path = Vec::new();
    for _ in 0..=wizard.questions.len() {
        if let Some(q) = wizard.question(at) {
            let Some(answer) = answers.get(&q.id) else {
                return Ok(Step::Question(Asked {
                    question: q.id.clone(),
                    path,
                }));
            };
            answer.check(q, today).map_err(EvalError::Answer)?;
            path.push(q.id.clone());
            at = q
                .branches
                .iter()
                .find(|b| eval(&b.condition, answers, today) == Truth::True)
                .map_or(q.next.as_str(), |b| b.to.as_str());
        } else if let Some(o) = wizard.outcome(at) {
            let ctx = Context {
                wizard,
                answers,
                today,
                list,
            };
            return Ok(Step::Outcome(ctx.reach(o, path)));
        } else {
            return Err(EvalError::Broken(format!(
                "there is no question or outcome `{at}`"
            )));
        }
    }
    Err(EvalError::Broken(format!(
        "the flow loops: it passes `{at}` again"
    )))
}

struct Context<'a> {
    wizard: &'a Wizard,
    answers: &'a Answers,
    today: Date,
    list: Option<&'a PriceList>,
}

impl Context<'_> {
    fn holds(&self, c: Option<&super::model::Condition>) -> bool {
        c.is_none_or(|c| eval(c, self.answers, self.today) == Truth::True)
    }

    fn given<'s>(&self, statements: &'s [Statement]) -> Vec<&'s Statement> {
        given(statements, self.answers, self.today)
    }

    fn reach(&self, o: &Outcome, path: Vec<String>) -> Reached {
        let dates: Vec<ComputedDate> = o.dates.iter().filter_map(|r| self.date(r)).collect();
        let reasons = self.given(&o.reasons);
        let next_steps = self.given(&o.next_steps);
        let mut citations: Vec<Citation> = Vec::new();
        let cited = o.citations.iter().map(String::as_str).chain(
            reasons
                .iter()
                .chain(&next_steps)
                .filter_map(|s| s.cite.as_deref()),
        );
        for c in cited.filter_map(citation) {
            if !citations.contains(&c) {
                citations.push(c);
            }
        }
        let fill = |s: &[&Statement]| s.iter().map(|s| fill_dates(&s.text, &dates)).collect();
        Reached {
            id: o.id.clone(),
            verdict: o.verdict.clone(),
            title: fill_dates(&o.title, &dates),
            reasons: fill(&reasons),
            next_steps: fill(&next_steps),
            citations,
            quote: self.quote(o),
            services: match (&self.wizard.services, self.list) {
                (Some(rules), Some(list)) if o.services => self.services(rules, list),
                _ => Vec::new(),
            },
            dates,
            path,
        }
    }

    fn date(&self, rule: &DateRule) -> Option<ComputedDate> {
        if !self.holds(rule.condition.as_ref()) {
            return None;
        }
        let from = match &rule.from {
            DateFrom::Today => self.today,
            DateFrom::Answer(q) => match self.answers.get(q) {
                Some(super::Answer::Date(d)) => *d,
                _ => return None,
            },
        };
        let counted = match rule.add {
            Period::Days(n) => from.add_days(n),
            Period::Months(n) => from.add_months(n)?,
        };
        let working_days = rule
            .calendar
            .map(|country| (country, Deadline::new(country, counted)));
        Some(ComputedDate {
            id: rule.id.clone(),
            label: rule.label.clone(),
            date: working_days.map_or(counted, |(_, d)| d.last_day),
            working_days,
        })
    }

    fn quote(&self, o: &Outcome) -> Vec<QuoteItem> {
        let Some(list) = &self.wizard.price_list else {
            return Vec::new();
        };
        o.quote
            .iter()
            .filter(|q| self.holds(q.condition.as_ref()))
            .map(|q| QuoteItem {
                list: list.clone(),
                item: q.item.clone(),
                quantity: q.quantity,
            })
            .collect()
    }

    fn services(&self, rules: &ServiceRules, list: &PriceList) -> Vec<ServiceVerdict> {
        let needed = rules
            .needed
            .as_ref()
            .and_then(|q| match self.answers.get(q) {
                Some(super::Answer::Options(ids)) => Some(ids),
                _ => None,
            });
        let verdicts: Vec<ServiceVerdict> = list
            .items()
            .filter_map(|item| {
                let e = item.eligibility?;
                let none = Vec::new();
                let client = rules.client_for.get(&item.id).unwrap_or(&rules.client);
                let stages: [(&Vec<Requirement>, ServiceStatus); 4] = [
                    (client, ServiceStatus::NotFree),
                    (
                        rules.who.get(&e.who).unwrap_or(&none),
                        ServiceStatus::NotApplicable,
                    ),
                    (
                        rules.place.get(&e.place).unwrap_or(&none),
                        ServiceStatus::NotApplicable,
                    ),
                    (
                        e.often.and_then(|f| rules.often.get(&f)).unwrap_or(&none),
                        ServiceStatus::NotFree,
                    ),
                ];
                let (status, reasons) = self.service_status(&stages);
                Some(ServiceVerdict {
                    item: item.id.clone(),
                    status,
                    needed: needed.is_some_and(|ids| ids.contains(&item.id)),
                    reasons,
                })
            })
            .collect();
        // The services asked about first, each group in the list's order.
        let (mut first, rest): (Vec<_>, Vec<_>) = verdicts.into_iter().partition(|v| v.needed);
        first.extend(rest);
        first
    }

    /// The first stage with a failing requirement decides, with the failures as reasons;
    /// with none, the service is to confirm when a requirement that held is in doubt (the
    /// doubts as the reasons, after what held), else free, with every requirement that
    /// held as the reasons.
    fn service_status(
        &self,
        stages: &[(&Vec<Requirement>, ServiceStatus)],
    ) -> (ServiceStatus, Vec<Text>) {
        let mut met = Vec::new();
        let mut doubts = Vec::new();
        for (requirements, status_if_unmet) in stages {
            let mut unmet = Vec::new();
            for r in requirements.iter() {
                match eval(&r.condition, self.answers, self.today) {
                    Truth::True => {
                        met.push(r.met.clone());
                        doubts.extend(r.unsure.as_ref().filter(|u| {
                            eval(&u.condition, self.answers, self.today) == Truth::True
                        }));
                    }
                    Truth::False => unmet.push(r.unmet.clone()),
                    Truth::Unknown => {}
                }
            }
            if !unmet.is_empty() {
                return (*status_if_unmet, unmet);
            }
        }
        if doubts.is_empty() {
            (ServiceStatus::Free, met)
        } else {
            met.extend(doubts.into_iter().map(|u| u.text.clone()));
            (ServiceStatus::Confirm, met)
        }
    }
}

/// The statements whose condition holds for `answers` on `today`, as written (dates not
/// filled in): what the static decision table shows for a path.
pub fn given<'s>(
    statements: &'s [Statement],
    answers: &Answers,
    today: Date,
) -> Vec<&'s Statement> {
    statements
        .iter()
        .filter(|s| {
            s.condition
                .as_ref()
                .is_none_or(|c| eval(c, answers, today) == Truth::True)
        })
        .collect()
}

/// `withdrawal#withdrawal-form` → page `withdrawal`, anchor `withdrawal-form`.
pub fn citation(reference: &str) -> Option<Citation> {
    let (page, anchor) = reference.split_once('#')?;
    Some(Citation {
        page: page.to_owned(),
        anchor: anchor.to_owned(),
    })
}

/// Replaces `{date-id}` in every language of `text` with that date, as the language
/// writes dates.
fn fill_dates(text: &Text, dates: &[ComputedDate]) -> Text {
    if dates.is_empty() {
        return text.clone();
    }
    let filled: Vec<(String, String)> = text
        .iter()
        .map(|(lang, t)| {
            let mut t = t.to_owned();
            for d in dates {
                t = t.replace(&format!("{{{}}}", d.id), &d.date.format(lang));
            }
            (lang.as_str().to_owned(), t)
        })
        .collect();
    Text::from_pairs(filled.iter().map(|(l, t)| (l.as_str(), t.as_str())))
}
