//! A step of a wizard in one language: the stable JSON contract of `tarif ask --json`,
//! and what the app shows.
//!
//! ```json
//! {"question": {"id": "received", "kind": "date", "text": "…", "hint": "…" | null,
//!               "unit": null, "options": [{"id": "…", "label": "…"}], "answered": ["…"]}}
//! {"outcome": {"id": "…", "verdict": "yes", "title": "…", "reasons": ["…"],
//!              "next_steps": ["…"],
//!              "citations": [{"ref": "withdrawal#withdrawal-form", "page": "withdrawal",
//!                             "anchor": "withdrawal-form", "url": "/en/laptop-bg/withdrawal/#withdrawal-form"}],
//!              "dates": {"last-day": {"date": "2026-11-16", "label": "…", "note": "…" | null}},
//!              "quote_items": [{"list": "laptop-bg", "item": "laptop-diagnostics", "quantity": 1}],
//!              "services": [{"item": "…", "name": "…", "status": "free" | "confirm" | "not_free" | "not_applicable",
//!                            "needed": true, "reasons": ["…"]}],
//!              "answered": ["…"]}}
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::eval::{QuoteItem, ServiceStatus, Step};
use super::model::{QuestionKind, Wizard};
use crate::date::Date;
use crate::locale::{Word, word};
use crate::price_list::PriceList;
use crate::text::{Lang, Text};

/// The next question or the outcome, in one language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum View {
    Question(QuestionView),
    Outcome(OutcomeView),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionView {
    pub id: String,
    /// `choice`, `yes_no`, `date`, `number` or `multi`.
    pub kind: String,
    pub text: String,
    pub hint: Option<String>,
    /// What a number counts, for number questions.
    pub unit: Option<String>,
    /// The accepted option ids: yes and no for yes/no; for multi, "none of these" last.
    pub options: Vec<OptionView>,
    /// The questions answered so far, in order.
    pub answered: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OptionView {
    pub id: String,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutcomeView {
    pub id: String,
    pub verdict: String,
    pub title: String,
    pub reasons: Vec<String>,
    pub next_steps: Vec<String>,
    pub citations: Vec<CitationView>,
    pub dates: BTreeMap<String, DateView>,
    pub quote_items: Vec<QuoteItem>,
    pub services: Vec<ServiceView>,
    pub answered: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CitationView {
    /// As the wizard writes it: `withdrawal#withdrawal-form`.
    #[serde(rename = "ref")]
    pub reference: String,
    pub page: String,
    pub anchor: String,
    /// The heading on the site, from the site's root: `/en/laptop-bg/withdrawal/#withdrawal-form`.
    pub url: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DateView {
    pub date: Date,
    pub label: String,
    /// Why the last day moved past days off, and whether it may move further.
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceView {
    pub item: String,
    pub name: String,
    pub status: ServiceStatus,
    pub needed: bool,
    pub reasons: Vec<String>,
}

/// `step` of `wizard` in `lang`; `list` is the wizard's price list (for service names).
pub fn view(wizard: &Wizard, step: &Step, lang: &Lang, list: Option<&PriceList>) -> View {
    let t = |text: &Text| text.best(lang, &[]).to_owned();
    match step {
        Step::Question(asked) => {
            let Some(q) = wizard.question(&asked.question) else {
                return View::Question(QuestionView {
                    id: asked.question.clone(),
                    kind: String::new(),
                    text: String::new(),
                    hint: None,
                    unit: None,
                    options: Vec::new(),
                    answered: asked.path.clone(),
                });
            };
            let options = match &q.kind {
                QuestionKind::YesNo => [(true, "yes"), (false, "no")]
                    .into_iter()
                    .map(|(b, id)| OptionView {
                        id: id.into(),
                        label: yes_no(lang, b).into(),
                    })
                    .collect(),
                kind => kind
                    .options()
                    .into_iter()
                    .map(|o| OptionView {
                        id: o.id.clone(),
                        label: t(&o.label),
                    })
                    .collect(),
            };
            View::Question(QuestionView {
                id: q.id.clone(),
                kind: q.kind.name().into(),
                text: t(&q.text),
                hint: q.hint.as_ref().map(t),
                unit: match &q.kind {
                    QuestionKind::Number { unit, .. } => unit.as_ref().map(t),
                    _ => None,
                },
                options,
                answered: asked.path.clone(),
            })
        }
        Step::Outcome(o) => View::Outcome(OutcomeView {
            id: o.id.clone(),
            verdict: o.verdict.clone(),
            title: t(&o.title),
            reasons: o.reasons.iter().map(t).collect(),
            next_steps: o.next_steps.iter().map(t).collect(),
            citations: o
                .citations
                .iter()
                .map(|c| CitationView {
                    reference: format!("{}#{}", c.page, c.anchor),
                    page: c.page.clone(),
                    anchor: c.anchor.clone(),
                    url: format!("/{lang}/{}/{}/#{}", wizard.section, c.page, c.anchor),
                })
                .collect(),
            dates: o.dates.iter().fold(BTreeMap::new(), |mut dates, d| {
                // Inserted one by one: collecting would sort, and bring a sort into the app.
                let view = DateView {
                    date: d.date,
                    label: t(&d.label),
                    note: d
                        .working_days
                        .and_then(|(country, deadline)| deadline.explain(country, lang)),
                };
                dates.insert(d.id.clone(), view);
                dates
            }),
            quote_items: o.quote.clone(),
            services: o
                .services
                .iter()
                .map(|s| ServiceView {
                    item: s.item.clone(),
                    name: list
                        .and_then(|l| l.item(&s.item))
                        .map_or_else(|| s.item.clone(), |i| t(&i.name)),
                    status: s.status,
                    needed: s.needed,
                    reasons: s.reasons.iter().map(t).collect(),
                })
                .collect(),
            answered: o.path.clone(),
        }),
    }
}

/// "yes" / "no" in `lang`.
pub fn yes_no(lang: &Lang, yes: bool) -> &'static str {
    word(lang, if yes { Word::Yes } else { Word::No })
}

/// A service's status in `lang`: "free for you", "not free", "not applicable".
pub fn status(lang: &Lang, s: ServiceStatus) -> &'static str {
    // Not "paid" for NotFree: the services may not be offered at any price (Comportal's).
    word(
        lang,
        match s {
            ServiceStatus::Free => Word::StatusFree,
            ServiceStatus::Confirm => Word::StatusConfirm,
            ServiceStatus::NotFree => Word::StatusNotFree,
            ServiceStatus::NotApplicable => Word::StatusNotApplicable,
        },
    )
}
