//! `[services]`: which of the price list's services a client may have, and why not.

use std::collections::BTreeMap;

use toml::Spanned;

use super::Reader;
use super::raw::{RawQuestion, RawRequirement, RawServices};
use crate::wizard::model::{Requirement, ServiceRules, Unsure, Word};

impl Reader<'_> {
    pub(super) fn services(
        &mut self,
        raw: &Spanned<RawServices>,
        questions: &[RawQuestion],
    ) -> ServiceRules {
        self.at("services", raw.span());
        let s = raw.get_ref();
        if let Some(n) = &s.needed {
            self.at("services/needed", n.span());
        }
        let client = self.requirements("services/client", &s.client, questions);
        let mut client_for = BTreeMap::new();
        for (item, list) in &s.client_for {
            let key = format!("services/client_for.{item}");
            self.at(&key, list.span());
            client_for.insert(
                item.clone(),
                self.requirements(&key, list.get_ref(), questions),
            );
        }
        ServiceRules {
            needed: s.needed.as_ref().map(|n| n.get_ref().clone()),
            client,
            client_for,
            who: self.group("who", &s.who, questions),
            place: self.group("where", &s.place, questions),
            often: self.group("often", &s.often, questions),
        }
    }

    fn group<T: Word + Ord>(
        &mut self,
        name: &str,
        raw: &BTreeMap<String, Spanned<Vec<Spanned<RawRequirement>>>>,
        questions: &[RawQuestion],
    ) -> BTreeMap<T, Vec<Requirement>> {
        let mut out = BTreeMap::new();
        for (word, list) in raw {
            let Some(value) = T::from_word(word) else {
                let all: Vec<&str> = T::ALL.iter().map(|v| v.word()).collect();
                self.src.problem(
                    list.span(),
                    format!("`{word}` is not a value of `{name}`"),
                    format!("the values of `{name}` are: {}", all.join(", ")),
                );
                continue;
            };
            let key = format!("services/{name}.{word}");
            self.at(&key, list.span());
            out.insert(value, self.requirements(&key, list.get_ref(), questions));
        }
        out
    }

    fn requirements(
        &mut self,
        key: &str,
        raw: &[Spanned<RawRequirement>],
        questions: &[RawQuestion],
    ) -> Vec<Requirement> {
        raw.iter()
            .enumerate()
            .map(|(i, r)| {
                let k = format!("{key}:{i}");
                self.at(&k, r.span());
                let r = r.get_ref();
                let unsure = r.unsure.as_ref().map(|u| {
                    self.at(format!("{k}/unsure"), u.span());
                    let u = u.get_ref();
                    Unsure {
                        condition: self.condition(
                            format!("{k}/unsure/if"),
                            &u.condition,
                            questions,
                        ),
                        text: self.text(format!("{k}/unsure/text"), &u.text),
                    }
                });
                Requirement {
                    condition: self.condition(format!("{k}/if"), &r.condition, questions),
                    met: self.text(format!("{k}/met"), &r.met),
                    unmet: self.text(format!("{k}/unmet"), &r.unmet),
                    unsure,
                }
            })
            .collect()
    }
}
