//! Outcomes: their reasons and next steps, citations, dates and quote items.

use toml::Spanned;

use super::Reader;
use super::raw::{RawDate, RawOutcome, RawQuestion, RawStatement};
use crate::calendar::Country;
use crate::wizard::model::{DateFrom, DateRule, Outcome, Period, QuoteRule, Statement};

impl Reader<'_> {
    pub(super) fn outcome(&mut self, raw: &RawOutcome, questions: &[RawQuestion]) -> Outcome {
        let key = format!("outcome:{}", raw.id.get_ref());
        let id = self.id(&key, &raw.id, "outcome");
        let title = self.text(format!("{key}/title"), &raw.title);
        let reasons = self.statements(&key, "reason", &raw.reasons, questions);
        let next_steps = self.statements(&key, "step", &raw.next_steps, questions);
        let citations = raw
            .citations
            .iter()
            .enumerate()
            .map(|(i, c)| {
                self.at(format!("{key}/citation:{i}"), c.span());
                c.get_ref().clone()
            })
            .collect();
        let dates = raw
            .dates
            .iter()
            .enumerate()
            .filter_map(|(i, d)| self.date(&format!("{key}/date:{i}"), d, questions))
            .collect();
        let quote = raw
            .quote
            .iter()
            .enumerate()
            .map(|(i, q)| {
                let k = format!("{key}/quote:{i}");
                self.at(&k, q.span());
                let q = q.get_ref();
                self.at(format!("{k}/item"), q.item.span());
                let condition = q
                    .condition
                    .as_ref()
                    .map(|c| self.condition(format!("{k}/if"), c, questions));
                QuoteRule {
                    condition,
                    item: q.item.get_ref().clone(),
                    quantity: q.quantity.as_ref().map_or(1, |n| *n.get_ref()),
                }
            })
            .collect();
        self.at(format!("{key}/verdict"), raw.verdict.span());
        Outcome {
            id,
            verdict: self.src.id(&raw.verdict, "verdict"),
            title,
            reasons,
            next_steps,
            citations,
            dates,
            quote,
            services: raw.services,
        }
    }

    fn statements(
        &mut self,
        key: &str,
        part: &str,
        raw: &[Spanned<RawStatement>],
        questions: &[RawQuestion],
    ) -> Vec<Statement> {
        raw.iter()
            .enumerate()
            .map(|(i, s)| {
                let k = format!("{key}/{part}:{i}");
                self.at(&k, s.span());
                let s = s.get_ref();
                let condition = s
                    .condition
                    .as_ref()
                    .map(|c| self.condition(format!("{k}/if"), c, questions));
                if let Some(c) = &s.cite {
                    self.at(format!("{k}/cite"), c.span());
                }
                Statement {
                    condition,
                    text: self.text(format!("{k}/text"), &s.text),
                    cite: s.cite.as_ref().map(|c| c.get_ref().clone()),
                }
            })
            .collect()
    }

    fn date(
        &mut self,
        key: &str,
        raw: &Spanned<RawDate>,
        questions: &[RawQuestion],
    ) -> Option<DateRule> {
        self.at(key, raw.span());
        let d = raw.get_ref();
        let condition = d
            .condition
            .as_ref()
            .map(|c| self.condition(format!("{key}/if"), c, questions));
        let id = self.src.id(&d.id, "date");
        let label = self.text(format!("{key}/label"), &d.label);
        let from = match d.from.get_ref().as_str() {
            "today" => DateFrom::Today,
            q => DateFrom::Answer(q.to_owned()),
        };
        let add = match (&d.add_days, &d.add_months) {
            (Some(n), None) => Period::Days(*n.get_ref()),
            (None, Some(n)) => Period::Months(*n.get_ref()),
            _ => {
                self.src.problem(
                    raw.span(),
                    format!("the date `{id}` needs exactly one of `add_days` and `add_months`"),
                    "add_days = 14, or add_months = 1 (month ends: see \"Date rules\" in README.md)",
                );
                return None;
            }
        };
        let calendar = match &d.calendar {
            None => None,
            Some(code) => {
                let country = Country::from_code(code.get_ref());
                if country.is_none() {
                    self.src.problem(
                        code.span(),
                        format!("tarif has no calendar of working days for `{}`", code.get_ref()),
                        "write calendar = \"bg\" (Bulgaria), or leave it out to keep the last day where the count lands",
                    );
                }
                country
            }
        };
        Some(DateRule {
            condition,
            id,
            label,
            from,
            add,
            calendar,
        })
    }
}
