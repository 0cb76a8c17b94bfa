//! The price list a wizard names, and the `[services]` rules that decide its services.

use std::collections::BTreeSet;

use super::{Checker, Key};
use crate::price_list::PriceList;
use crate::wizard::model::{QuestionKind, Requirement, ServiceRules, Word};

impl<'a> Checker<'a> {
    pub(super) fn price_list(&mut self) -> Option<&'a PriceList> {
        let id = self.wizard.price_list.as_ref()?;
        let site = self.site;
        let found = site.price_lists.iter().find(|l| &l.id == id);
        if found.is_none() {
            let known: Vec<&str> = self
                .site
                .price_lists
                .iter()
                .map(|l| l.id.as_str())
                .collect();
            self.report(
                "price_list",
                format!("there is no price list `{id}`"),
                format!("the price lists are: {}", known.join(", ")),
            );
        }
        found
    }

    /// The `[services]` rules cover every eligibility value the list's items use, and
    /// `needed` offers the list's services.
    pub(super) fn services(&mut self) {
        let Some(rules) = &self.wizard.services else {
            return;
        };
        let site = self.site;
        let Some(list) = self
            .wizard
            .price_list
            .as_ref()
            .and_then(|id| site.price_lists.iter().find(|l| &l.id == id))
        else {
            if self.wizard.price_list.is_none() {
                self.report(
                    "services",
                    "[services] decides the services of a price list, but the wizard names none",
                    "name the list: price_list = \"…\"",
                );
            }
            return;
        };
        let services: Vec<_> = list
            .items()
            .filter_map(|i| Some((i.id.as_str(), i.eligibility?)))
            .collect();
        let mut missing = BTreeSet::new();
        for (_, e) in &services {
            if !rules.who.contains_key(&e.who) {
                missing.insert(format!("who.{}", kebab(&e.who)));
            }
            if !rules.place.contains_key(&e.place) {
                missing.insert(format!("where.{}", kebab(&e.place)));
            }
            if let Some(f) = e.often
                && !rules.often.contains_key(&f)
            {
                missing.insert(format!("often.{}", kebab(&f)));
            }
        }
        for item in rules.client_for.keys() {
            if !services.iter().any(|(id, _)| id == item) {
                self.report(
                    format!("services/client_for.{item}"),
                    format!("`client_for.{item}` names no service of `{}`", list.id),
                    "name an item of the list that has `eligibility`",
                );
            }
        }
        for m in missing {
            self.report(
                "services",
                format!("the price list `{}` has services for `{m}`, but [services] says nothing about it", list.id),
                format!("add `{m} = [ ... ]` with what must hold (or `[]` for nothing)"),
            );
        }
        let Some(needed) = &rules.needed else { return };
        match self.wizard.question(needed).map(|q| &q.kind) {
            Some(QuestionKind::Multi { options, .. }) => {
                for o in options {
                    if !services.iter().any(|(id, _)| *id == o.id) {
                        self.report(
                            format!("question:{needed}/option:{}", o.id),
                            format!("`{needed}` is the question of needed services, but `{}` is not a service of `{}`", o.id, list.id),
                            "its option ids must be ids of the list's items that have `eligibility`",
                        );
                    }
                }
            }
            _ => self.report(
                "services/needed",
                format!("`needed` must name a multi-choice question, and `{needed}` is not one"),
                "name the multi-choice question whose options are the services",
            ),
        }
    }
}

/// Each requirement of `[services]` with its key: `services/who.legal-entity:0`.
pub(super) fn service_requirements(s: &ServiceRules) -> Vec<(Key, &Requirement)> {
    let mut out: Vec<(Key, &Requirement)> = s
        .client
        .iter()
        .enumerate()
        .map(|(i, r)| (format!("services/client:{i}"), r))
        .collect();
    for (item, list) in &s.client_for {
        for (i, r) in list.iter().enumerate() {
            out.push((format!("services/client_for.{item}:{i}"), r));
        }
    }
    let groups = s
        .who
        .iter()
        .map(|(k, v)| (format!("who.{}", kebab(k)), v))
        .chain(
            s.place
                .iter()
                .map(|(k, v)| (format!("where.{}", kebab(k)), v)),
        )
        .chain(
            s.often
                .iter()
                .map(|(k, v)| (format!("often.{}", kebab(k)), v)),
        );
    for (group, list) in groups {
        for (i, r) in list.iter().enumerate() {
            out.push((format!("services/{group}:{i}"), r));
        }
    }
    out
}

/// An eligibility value as it is written: `legal-entity`.
fn kebab(value: &impl Word) -> &'static str {
    value.word()
}
