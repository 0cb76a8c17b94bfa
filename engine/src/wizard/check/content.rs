//! What a wizard says: texts in every language, conditions that fit the questions they
//! read, and outcomes whose citations, quote items and dates resolve.

use std::collections::BTreeSet;

use super::services::service_requirements;
use super::{Checker, Key, o_key, q_key};
use crate::text::{Lang, Text};
use crate::wizard::model::{Condition, DateFrom, Outcome, QuestionKind, Statement};

impl Checker<'_> {
    fn text(&mut self, key: Key, text: &Text, what: &str) {
        let langs = self.site.languages;
        let missing: Vec<String> = text.missing(langs).iter().map(|l| l.to_string()).collect();
        if !missing.is_empty() {
            let all: Vec<&str> = langs.iter().map(Lang::as_str).collect();
            self.report(
                key.clone(),
                format!("{what} has no {} text", missing.join(", ")),
                format!(
                    "write it in every language of the section: {}",
                    all.join(", ")
                ),
            );
        }
        for extra in text.extra(langs) {
            self.report(
                key.clone(),
                format!("{what} has a `{extra}` text, but the section is not written in `{extra}`"),
                "remove it, or add the language to the section's `languages`",
            );
        }
    }

    pub(super) fn texts(&mut self) {
        let w = self.wizard;
        self.text("title".into(), &w.title, "the wizard's title");
        if let Some(intro) = &w.intro {
            self.text("intro".into(), intro, "the wizard's intro");
        }
        for q in &w.questions {
            let k = q_key(q);
            self.text(
                format!("{k}/text"),
                &q.text,
                &format!("question `{}`", q.id),
            );
            if let Some(h) = &q.hint {
                self.text(format!("{k}/hint"), h, &format!("the hint of `{}`", q.id));
            }
            if let QuestionKind::Number { unit: Some(u), .. } = &q.kind {
                self.text(format!("{k}/unit"), u, &format!("the unit of `{}`", q.id));
            }
            for o in q.kind.options() {
                let what = format!("option `{}` of `{}`", o.id, q.id);
                self.text(format!("{k}/option:{}/label", o.id), &o.label, &what);
            }
        }
        for o in &w.outcomes {
            let k = o_key(o);
            self.text(
                format!("{k}/title"),
                &o.title,
                &format!("outcome `{}`", o.id),
            );
            for (part, list) in [("reason", &o.reasons), ("step", &o.next_steps)] {
                for (i, s) in list.iter().enumerate() {
                    let what = format!("{part} {} of outcome `{}`", i + 1, o.id);
                    self.text(format!("{k}/{part}:{i}/text"), &s.text, &what);
                }
            }
            for (i, d) in o.dates.iter().enumerate() {
                let what = format!("the label of date `{}`", d.id);
                self.text(format!("{k}/date:{i}/label"), &d.label, &what);
            }
        }
        if let Some(s) = &w.services {
            for (key, r) in service_requirements(s) {
                self.text(format!("{key}/met"), &r.met, "a requirement's `met` text");
                self.text(
                    format!("{key}/unmet"),
                    &r.unmet,
                    "a requirement's `unmet` text",
                );
                if let Some(u) = &r.unsure {
                    self.text(
                        format!("{key}/unsure/text"),
                        &u.text,
                        "a requirement's `unsure` text",
                    );
                }
            }
        }
    }

    /// Every condition reads questions that exist, with a test their kind answers.
    pub(super) fn conditions(&mut self) {
        let w = self.wizard;
        let mut all: Vec<(Key, &Condition)> = Vec::new();
        for q in &w.questions {
            for (i, b) in q.branches.iter().enumerate() {
                all.push((format!("{}/branch:{i}", q_key(q)), &b.condition));
            }
        }
        for o in &w.outcomes {
            let k = o_key(o);
            for (part, list) in [("reason", &o.reasons), ("step", &o.next_steps)] {
                for (i, s) in list.iter().enumerate() {
                    if let Some(c) = &s.condition {
                        all.push((format!("{k}/{part}:{i}/if"), c));
                    }
                }
            }
            for (i, q) in o.quote.iter().enumerate() {
                if let Some(c) = &q.condition {
                    all.push((format!("{k}/quote:{i}/if"), c));
                }
            }
            for (i, d) in o.dates.iter().enumerate() {
                if let Some(c) = &d.condition {
                    all.push((format!("{k}/date:{i}/if"), c));
                }
            }
        }
        if let Some(s) = &w.services {
            for (key, r) in service_requirements(s) {
                all.push((format!("{key}/if"), &r.condition));
                if let Some(u) = &r.unsure {
                    all.push((format!("{key}/unsure/if"), &u.condition));
                }
            }
        }
        for (key, c) in all {
            let mut found = Vec::new();
            c.visit(&mut |c| found.extend(self.test(c)));
            for (message, help) in found {
                self.report(key.clone(), message, help);
            }
        }
    }

    /// What is wrong with one test, if anything.
    fn test(&self, c: &Condition) -> Option<(String, String)> {
        let (question, wants) = match c {
            Condition::All(_) | Condition::Any(_) | Condition::Not(_) => return None,
            Condition::Is { question, .. } => (question, "a choice or yes/no question"),
            Condition::In { question, .. } => (question, "a choice question"),
            Condition::Has { question, .. } => (question, "a multi-choice question"),
            Condition::Number { question, .. } => (question, "a number question"),
            Condition::DaysSince { question, .. } | Condition::PeriodOver { question, .. } => {
                (question, "a date question")
            }
        };
        let Some(q) = self.wizard.question(question) else {
            return Some((
                format!("the condition `{c}` reads `{question}`, which is not a question"),
                "use the id of a question of this wizard".into(),
            ));
        };
        let option_ok = |o: &str| match &q.kind {
            QuestionKind::YesNo => o == "yes" || o == "no",
            QuestionKind::Choice { options } | QuestionKind::Multi { options, .. } => {
                options.iter().any(|c| c.id == o)
            }
            _ => false,
        };
        let kind_ok = matches!(
            (c, &q.kind),
            (
                Condition::Is { .. },
                QuestionKind::Choice { .. } | QuestionKind::YesNo
            ) | (Condition::In { .. }, QuestionKind::Choice { .. })
                | (Condition::Has { .. }, QuestionKind::Multi { .. })
                | (Condition::Number { .. }, QuestionKind::Number { .. })
                | (
                    Condition::DaysSince { .. } | Condition::PeriodOver { .. },
                    QuestionKind::Date { .. }
                )
        );
        if !kind_ok {
            return Some((
                format!(
                    "the condition `{c}` needs {wants}, but `{question}` is a {} question",
                    q.kind.name()
                ),
                "compare choices with `=` or `in [...]`, multi-choices with `has`, numbers with `<`, `>=` …, dates with `days_since(id)`".into(),
            ));
        }
        let options: Vec<&String> = match c {
            Condition::Is { option, .. } | Condition::Has { option, .. } => vec![option],
            Condition::In { options, .. } => options.iter().collect(),
            _ => Vec::new(),
        };
        let bad: Vec<&str> = options
            .into_iter()
            .filter(|o| !option_ok(o))
            .map(String::as_str)
            .collect();
        (!bad.is_empty()).then(|| {
            let valid = match &q.kind {
                QuestionKind::YesNo => "yes, no".to_owned(),
                QuestionKind::Choice { options } | QuestionKind::Multi { options, .. } => options
                    .iter()
                    .map(|c| c.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                _ => String::new(),
            };
            (
                format!(
                    "the condition `{c}` names `{}`, which is not an option of `{question}`",
                    bad.join("`, `")
                ),
                format!("the options of `{question}` are: {valid}"),
            )
        })
    }

    /// Citations resolve to memo headings, quote items to price-list items, dates to
    /// date questions, and `{date}` placeholders to the outcome's dates.
    pub(super) fn outcomes(&mut self) {
        let w = self.wizard;
        let list = self.price_list();
        for o in &w.outcomes {
            let k = o_key(o);
            let cites = o
                .citations
                .iter()
                .enumerate()
                .map(|(i, c)| (format!("{k}/citation:{i}"), c))
                .chain(cites(&k, "reason", &o.reasons))
                .chain(cites(&k, "step", &o.next_steps));
            for (key, cite) in cites.collect::<Vec<_>>() {
                self.citation(key, cite);
            }
            for (i, q) in o.quote.iter().enumerate() {
                let key = format!("{k}/quote:{i}");
                match list {
                    Some(l) if l.item(&q.item).is_none() => self.report(
                        format!("{key}/item"),
                        format!("the price list `{}` has no item `{}`", l.id, q.item),
                        format!("`tarif quote {}` lists its items", l.id),
                    ),
                    Some(_) => {}
                    None => self.report(
                        key,
                        format!(
                            "outcome `{}` quotes `{}`, but the wizard names no price list",
                            o.id, q.item
                        ),
                        "name the list the items come from: price_list = \"…\"",
                    ),
                }
                if q.quantity == 0 {
                    self.report(
                        format!("{k}/quote:{i}"),
                        "a quote item with quantity 0",
                        "write a quantity of 1 or more",
                    );
                }
            }
            self.dates(o);
            if o.services && w.services.is_none() {
                self.report(
                    k.clone(),
                    format!(
                        "outcome `{}` lists the services, but the wizard has no [services]",
                        o.id
                    ),
                    "add [services], or remove `services = true`",
                );
            }
        }
    }

    fn citation(&mut self, key: Key, cite: &str) {
        let help = "cite a heading of a memo of this section as page#anchor, such as withdrawal#withdrawal-form; the anchor is the heading's {#id}";
        if !cite.contains('#') {
            self.report(key, format!("`{cite}` is not a page#anchor citation"), help);
        } else if !self.site.anchors.contains(cite) {
            let page = cite.split('#').next().unwrap_or_default();
            let on_page: Vec<&str> = self
                .site
                .anchors
                .iter()
                .filter_map(|a| a.strip_prefix(page)?.strip_prefix('#'))
                .collect();
            let help = if on_page.is_empty() {
                format!(
                    "there is no page `{page}` in section `{}`",
                    self.wizard.section
                )
            } else {
                format!("the headings of `{page}` are: {}", on_page.join(", "))
            };
            self.report(
                key,
                format!("the citation `{cite}` is not a heading of the section's memos"),
                help,
            );
        }
    }

    fn dates(&mut self, o: &Outcome) {
        let k = o_key(o);
        let mut ids = BTreeSet::new();
        for (i, d) in o.dates.iter().enumerate() {
            if !ids.insert(d.id.as_str()) {
                self.report(
                    format!("{k}/date:{i}"),
                    format!("outcome `{}` has the date `{}` twice", o.id, d.id),
                    "give each date its own id",
                );
            }
            if let DateFrom::Answer(q) = &d.from
                && !matches!(
                    self.wizard.question(q).map(|q| &q.kind),
                    Some(QuestionKind::Date { .. })
                )
            {
                self.report(
                    format!("{k}/date:{i}"),
                    format!(
                        "the date `{}` counts from `{q}`, which is not a date question",
                        d.id
                    ),
                    "count from \"today\" or from the id of a date question",
                );
            }
        }
        let texts = std::iter::once(("title".to_owned(), &o.title)).chain(
            [("reason", &o.reasons), ("step", &o.next_steps)]
                .into_iter()
                .flat_map(|(part, list)| {
                    list.iter()
                        .enumerate()
                        .map(move |(i, s)| (format!("{part}:{i}/text"), &s.text))
                }),
        );
        let mut found = Vec::new();
        for (part, text) in texts {
            for (_, t) in text.iter() {
                for name in placeholders(t) {
                    if !ids.contains(name) {
                        found.push((format!("{k}/{part}"), name.to_owned()));
                    }
                }
            }
        }
        found.dedup();
        for (key, name) in found {
            self.report(
                key,
                format!("`{{{name}}}` names no date of outcome `{}`", o.id),
                "name a date of the outcome's `dates`, or write the braces out",
            );
        }
    }
}

fn cites<'a>(
    k: &'a str,
    part: &'a str,
    list: &'a [Statement],
) -> impl Iterator<Item = (Key, &'a String)> + 'a {
    list.iter()
        .enumerate()
        .filter_map(move |(i, s)| s.cite.as_ref().map(|c| (format!("{k}/{part}:{i}/cite"), c)))
}

/// The `{name}` placeholders in `text`.
pub fn placeholders(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        let name = &after[..close];
        let word = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-';
        if !name.is_empty() && name.chars().all(word) {
            out.push(name);
        }
        rest = &after[close + 1..];
    }
    out
}
