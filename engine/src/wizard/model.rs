//! The wizard model: questions, the rules that lead from one to the next, and outcomes.
//! Everything here is plain data (Serialize/Deserialize): the generator writes it into a
//! wizard's page as JSON and the WASM app evaluates the very same flow.

use crate::calendar::Country;
use crate::pack::Pack;
use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::price_list::{Frequency, Place, Who};
use crate::text::Text;

/// One eligibility or decision flow: `content/<section>/<id>.wizard.toml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Pack)]
pub struct Wizard {
    /// From the file name: `withdrawal.wizard.toml` is `withdrawal`.
    pub id: String,
    /// The content section the wizard belongs to; its citations name pages of it.
    pub section: String,
    pub title: Text,
    /// A paragraph shown before the first question.
    pub intro: Option<Text>,
    /// The first question.
    pub start: String,
    /// The price list (by id) its quote items and services come from, if any.
    pub price_list: Option<String>,
    pub questions: Vec<Question>,
    pub outcomes: Vec<Outcome>,
    /// Services whose price-list `eligibility` the wizard decides (Comportal's).
    pub services: Option<ServiceRules>,
}

/// One question, asked on a page of its own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Pack)]
pub struct Question {
    pub id: String,
    pub text: Text,
    /// Help under the question: what counts, where to find it.
    pub hint: Option<Text>,
    pub kind: QuestionKind,
    /// Conditional jumps, tried in order; the first whose condition holds is taken.
    pub branches: Vec<Branch>,
    /// Where to go when no branch holds: every question has somewhere to go.
    pub next: String,
}

/// What a question accepts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Pack)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum QuestionKind {
    /// One of the options.
    Choice { options: Vec<Choice> },
    /// Yes or no.
    YesNo,
    /// A calendar date, `YYYY-MM-DD`; never after today unless `future` is allowed.
    Date { future: bool },
    /// A number, with the unit it counts.
    Number {
        unit: Option<Text>,
        min: Option<Decimal>,
        max: Option<Decimal>,
        /// Only whole numbers (a count of repairs).
        whole: bool,
    },
    /// Any of the options, or `none`: "none of these", which excludes the others.
    Multi { options: Vec<Choice>, none: Choice },
}

/// An option of a choice or multi-choice question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Pack)]
pub struct Choice {
    pub id: String,
    pub label: Text,
}

/// `if` the condition holds, go to `to` (a question or an outcome).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Pack)]
pub struct Branch {
    pub condition: Condition,
    pub to: String,
}

/// A condition over the answers given so far.
///
/// Written in a wizard as a short expression (see [`crate::wizard::condition`]):
/// `product = in-ear and unsealed = yes`, `days_since(received) <= 14`, `repairs >= 3`,
/// `damage has liquid`, `location in [almaty, regional-city]`, `not (a = yes or b = no)`.
/// A condition over a question that was not answered is *unknown*: it neither holds nor
/// fails (three-valued logic), so a reason never rests on a question that was not asked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Pack)]
#[serde(rename_all = "snake_case")]
pub enum Condition {
    All(Vec<Condition>),
    Any(Vec<Condition>),
    Not(Box<Condition>),
    /// A choice or yes/no answer is this option (`yes`/`no` for yes/no).
    Is {
        question: String,
        option: String,
    },
    /// A choice answer is one of these options.
    In {
        question: String,
        options: Vec<String>,
    },
    /// A multi-choice answer includes this option.
    Has {
        question: String,
        option: String,
    },
    /// A number answer compared with a value.
    Number {
        question: String,
        op: Comparison,
        value: Decimal,
    },
    /// The whole days from a date answer to today, compared with a value:
    /// `days_since(received) <= 14`.
    DaysSince {
        question: String,
        op: Comparison,
        days: i64,
    },
    /// The period of `days` days from a date answer is over by today: its last day,
    /// moved to the next working day in `calendar` when it is a day off
    /// ([`crate::calendar::Deadline`]), is before today. `period_over(received, 14, bg)`.
    PeriodOver {
        question: String,
        days: i64,
        calendar: Country,
    },
}

/// `<`, `<=`, `=`, `!=`, `>=`, `>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Pack)]
#[serde(rename_all = "snake_case")]
pub enum Comparison {
    Lt,
    Le,
    Eq,
    Ne,
    Ge,
    Gt,
}

/// Where a flow ends: a verdict with its reasons, what to do, and what it rests on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Pack)]
pub struct Outcome {
    pub id: String,
    /// A short machine word for the result (`yes`, `no`, `likely-refused`), for scripts
    /// and styling; the title says it to people.
    pub verdict: String,
    pub title: Text,
    /// Each reason that holds is given, in order.
    pub reasons: Vec<Statement>,
    /// What to do next; each step whose condition holds is given.
    pub next_steps: Vec<Statement>,
    /// Memo clauses the outcome always rests on, `page#anchor` in the wizard's section.
    pub citations: Vec<String>,
    /// Dates the outcome computes (a deadline).
    pub dates: Vec<DateRule>,
    /// Price-list items the outcome implies, to open as a prefilled quote.
    pub quote: Vec<QuoteRule>,
    /// Whether the outcome lists each service of [`Wizard::services`] with its status.
    pub services: bool,
}

/// A sentence an outcome says when its condition holds (always, without one), and the
/// memo clause it rests on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Pack)]
pub struct Statement {
    pub condition: Option<Condition>,
    /// May name the outcome's dates: `{last-day}`.
    pub text: Text,
    /// `page#anchor`, added to the outcome's citations when the statement is given.
    pub cite: Option<String>,
}

/// A date an outcome computes from a date answer or today, when its condition holds
/// (always, without one).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Pack)]
pub struct DateRule {
    pub condition: Option<Condition>,
    pub id: String,
    pub label: Text,
    pub from: DateFrom,
    pub add: Period,
    /// When set, a last day that is a day off in this country moves to the next working
    /// day ([`crate::calendar::Deadline`]).
    pub calendar: Option<Country>,
}

/// What a [`DateRule`] counts from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Pack)]
#[serde(rename_all = "snake_case")]
pub enum DateFrom {
    Today,
    /// The answer to a date question.
    Answer(String),
}

/// A length of time to add: days, or calendar months (see [`crate::date`] for month ends).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Pack)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    Days(i64),
    Months(i64),
}

/// A price-list item an outcome implies when its condition holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Pack)]
pub struct QuoteRule {
    pub condition: Option<Condition>,
    pub item: String,
    pub quantity: u32,
}

/// How a wizard decides the services of its price list that carry `eligibility` data:
/// for each value an item's eligibility can take, what must hold of the answers.
///
/// A service is **not free** when a `client` or `often` requirement fails, **not
/// applicable** when a `who` or `place` requirement fails, **to confirm** when every
/// requirement holds but one is in doubt ([`Requirement::unsure`]), and **free** when every
/// requirement holds (each checked in that order).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Pack)]
pub struct ServiceRules {
    /// A multi-choice question whose option ids are item ids: the services the client
    /// needs, listed first and marked.
    pub needed: Option<String>,
    /// What makes a client eligible at all.
    pub client: Vec<Requirement>,
    /// For the services named here (item ids), what makes a client eligible instead of
    /// `client`: Comportal's repair at the client's premises and collection are free under
    /// the manufacturer's *or the seller's* warranty.
    pub client_for: BTreeMap<String, Vec<Requirement>>,
    pub who: BTreeMap<Who, Vec<Requirement>>,
    pub place: BTreeMap<Place, Vec<Requirement>>,
    pub often: BTreeMap<Frequency, Vec<Requirement>>,
}

/// A condition with what to say when it holds and when it fails.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Pack)]
pub struct Requirement {
    pub condition: Condition,
    pub met: Text,
    pub unmet: Text,
    /// When this also holds, the requirement is met but in doubt: the service is "confirm
    /// with the provider", with this text (Comportal's maintenance, whose memo gives two
    /// rules).
    pub unsure: Option<Unsure>,
}

/// A doubt about a requirement that holds: when, and what to tell the client.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Pack)]
pub struct Unsure {
    pub condition: Condition,
    pub text: Text,
}

impl Wizard {
    /// The question with this id.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    /// The outcome with this id.
    pub fn outcome(&self, id: &str) -> Option<&Outcome> {
        self.outcomes.iter().find(|o| o.id == id)
    }
}

impl Question {
    /// Every node this question can lead to: each branch's target, then `next`.
    pub fn targets(&self) -> impl Iterator<Item = &str> {
        self.branches
            .iter()
            .map(|b| b.to.as_str())
            .chain(std::iter::once(self.next.as_str()))
    }
}

impl QuestionKind {
    /// The word for the kind in the JSON contract: `choice`, `yes_no`, `date`, `number`, `multi`.
    pub fn name(&self) -> &'static str {
        match self {
            QuestionKind::Choice { .. } => "choice",
            QuestionKind::YesNo => "yes_no",
            QuestionKind::Date { .. } => "date",
            QuestionKind::Number { .. } => "number",
            QuestionKind::Multi { .. } => "multi",
        }
    }

    /// The options of a choice or multi-choice question (for multi, `none` last).
    pub fn options(&self) -> Vec<&Choice> {
        match self {
            QuestionKind::Choice { options } => options.iter().collect(),
            QuestionKind::Multi { options, none } => {
                options.iter().chain(std::iter::once(none)).collect()
            }
            _ => Vec::new(),
        }
    }
}

impl Comparison {
    /// `a op b`.
    pub fn holds<T: Ord>(self, a: T, b: T) -> bool {
        match self {
            Comparison::Lt => a < b,
            Comparison::Le => a <= b,
            Comparison::Eq => a == b,
            Comparison::Ne => a != b,
            Comparison::Ge => a >= b,
            Comparison::Gt => a > b,
        }
    }

    /// As written: `<=`.
    pub fn symbol(self) -> &'static str {
        match self {
            Comparison::Lt => "<",
            Comparison::Le => "<=",
            Comparison::Eq => "=",
            Comparison::Ne => "!=",
            Comparison::Ge => ">=",
            Comparison::Gt => ">",
        }
    }
}

impl Condition {
    /// The questions the condition reads, in order of appearance.
    pub fn questions(&self) -> Vec<&str> {
        let mut out = Vec::new();
        self.visit(&mut |c| match c {
            Condition::Is { question, .. }
            | Condition::In { question, .. }
            | Condition::Has { question, .. }
            | Condition::Number { question, .. }
            | Condition::DaysSince { question, .. }
            | Condition::PeriodOver { question, .. } => out.push(question.as_str()),
            _ => {}
        });
        out
    }

    /// Calls `f` on this condition and every condition inside it.
    pub fn visit<'a>(&'a self, f: &mut impl FnMut(&'a Condition)) {
        f(self);
        match self {
            Condition::All(cs) | Condition::Any(cs) => cs.iter().for_each(|c| c.visit(f)),
            Condition::Not(c) => c.visit(f),
            _ => {}
        }
    }
}

impl Outcome {
    /// Every condition the outcome's statements, quote and the like depend on.
    pub fn conditions(&self) -> impl Iterator<Item = &Condition> {
        self.reasons
            .iter()
            .chain(&self.next_steps)
            .filter_map(|s| s.condition.as_ref())
            .chain(self.quote.iter().filter_map(|q| q.condition.as_ref()))
            .chain(self.dates.iter().filter_map(|d| d.condition.as_ref()))
    }
}

impl Requirement {
    /// The requirement's condition, and its doubt's when it has one.
    pub fn conditions(&self) -> impl Iterator<Item = &Condition> {
        std::iter::once(&self.condition).chain(self.unsure.as_ref().map(|u| &u.condition))
    }
}

impl ServiceRules {
    /// Every requirement, in the order they are checked.
    pub fn requirements(&self) -> impl Iterator<Item = &Requirement> {
        self.client
            .iter()
            .chain(self.client_for.values().flatten())
            .chain(self.who.values().flatten())
            .chain(self.place.values().flatten())
            .chain(self.often.values().flatten())
    }
}

/// The word a wizard writes for an eligibility value: `legal-entity`, `client-premises`.
pub trait Word: Sized + Copy + 'static {
    /// Every value, for reading a word back.
    const ALL: &'static [Self];
    fn word(&self) -> &'static str;
    /// The value written as `word`.
    fn from_word(word: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.word() == word)
    }
}

impl Word for Who {
    const ALL: &'static [Who] = &[Who::AnyClient, Who::LegalEntity];
    fn word(&self) -> &'static str {
        match self {
            Who::AnyClient => "any-client",
            Who::LegalEntity => "legal-entity",
        }
    }
}

impl Word for Place {
    const ALL: &'static [Place] = &[
        Place::ServiceCentre,
        Place::ClientPremises,
        Place::RegionalBranch,
    ];
    fn word(&self) -> &'static str {
        match self {
            Place::ServiceCentre => "service-centre",
            Place::ClientPremises => "client-premises",
            Place::RegionalBranch => "regional-branch",
        }
    }
}

impl Word for Frequency {
    const ALL: &'static [Frequency] = &[Frequency::OnceAYear];
    fn word(&self) -> &'static str {
        match self {
            Frequency::OnceAYear => "once-a-year",
        }
    }
}
