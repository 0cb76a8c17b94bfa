//! Static checks of a wizard, for `tarif check`: every problem at once.
//!
//! The checks read only the model and what the caller passes in (the languages of the
//! section, the memo headings that exist, the price lists): the engine does no I/O.
//! Each [`Problem`] names the place in the model it is about as a [`Key`]; the source
//! reader maps keys to `file:line:col`.

use std::collections::{BTreeMap, BTreeSet};

use super::model::{Condition, Outcome, Question, QuestionKind, Statement, Wizard};
use crate::price_list::PriceList;
use crate::text::{Lang, Text};

/// A place in a wizard: `question:received/branch:0`, `outcome:too-late/reason:1/text`.
/// Keys nest with `/`; a key the reader did not record is located at its longest
/// recorded prefix.
pub type Key = String;

/// A problem found by the checks, at a place in the wizard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub at: Key,
    pub message: String,
    pub help: String,
}

/// What the checks compare a wizard with.
#[derive(Debug, Clone, Copy)]
pub struct Site<'a> {
    /// The languages of the wizard's section: every text must be written in each.
    pub languages: &'a [Lang],
    /// The memo headings of the section, `page#anchor` (`withdrawal#withdrawal-form`).
    pub anchors: &'a BTreeSet<String>,
    /// The site's price lists.
    pub price_lists: &'a [PriceList],
}

/// Every problem of `wizard` against `site`; empty when it is sound.
///
/// ```
/// # use std::collections::BTreeSet;
/// # use tarif_engine::text::Lang;
/// # use tarif_engine::wizard::*;
/// let toml = r#"
/// title = { en = "Return?" }
/// [[questions]]
/// id = "received"
/// kind = "date"
/// text = { en = "When did you receive it?" }
/// next = "yes"
/// [[questions]]
/// id = "orphan"
/// kind = "yes_no"
/// text = { en = "Never asked" }
/// next = "yes"
/// [[outcomes]]
/// id = "yes"
/// verdict = "yes"
/// title = { en = "Yes" }
/// citations = ["withdrawal#no-such-heading"]
/// "#;
/// let (wizard, _) = parse_wizard("w.wizard.toml", "laptop-bg", toml).unwrap();
/// let langs = [Lang::new("en").unwrap()];
/// let site = Site { languages: &langs, anchors: &BTreeSet::new(), price_lists: &[] };
/// let problems = check(&wizard, &site);
/// assert_eq!(problems.len(), 2);
/// assert_eq!(problems[0].at, "question:orphan");
/// assert_eq!(problems[1].at, "outcome:yes/citation:0");
/// ```
pub fn check(wizard: &Wizard, site: &Site) -> Vec<Problem> {
    let mut c = Checker {
        wizard,
        site,
        problems: Vec::new(),
    };
    c.ids();
    c.flow();
    c.texts();
    c.conditions();
    c.outcomes();
    c.services();
    c.problems
}

struct Checker<'a> {
    wizard: &'a Wizard,
    site: &'a Site<'a>,
    problems: Vec<Problem>,
}

fn q_key(q: &Question) -> Key {
    format!("question:{}", q.id)
}

fn o_key(o: &Outcome) -> Key {
    format!("outcome:{}", o.id)
}

impl<'a> Checker<'a> {
    fn report(&mut self, at: impl Into<Key>, message: impl Into<String>, help: impl Into<String>) {
        self.problems.push(Problem {
            at: at.into(),
            message: message.into(),
            help: help.into(),
        });
    }

    fn is_node(&self, id: &str) -> bool {
        self.wizard.question(id).is_some() || self.wizard.outcome(id).is_some()
    }

    /// Ids are unique across questions and outcomes, as both are steps of the flow.
    fn ids(&mut self) {
        let mut seen = BTreeSet::new();
        let w = self.wizard;
        let nodes = w
            .questions
            .iter()
            .map(|q| (q.id.as_str(), q_key(q)))
            .chain(w.outcomes.iter().map(|o| (o.id.as_str(), o_key(o))));
        for (id, key) in nodes {
            if !seen.insert(id) {
                self.report(
                    key,
                    format!("the id `{id}` is used twice"),
                    "give every question and outcome its own id",
                );
            }
        }
        for q in &w.questions {
            let mut options = BTreeSet::new();
            for o in q.kind.options() {
                if !options.insert(o.id.as_str()) {
                    self.report(
                        format!("{}/option:{}", q_key(q), o.id),
                        format!("question `{}` has the option `{}` twice", q.id, o.id),
                        "give every option its own id",
                    );
                }
            }
            if let QuestionKind::Choice { options } = &q.kind
                && options.len() < 2
            {
                self.report(
                    q_key(q),
                    format!("the choice `{}` has fewer than two options", q.id),
                    "add options, or ask a yes/no question",
                );
            }
            if let QuestionKind::Number {
                min: Some(a),
                max: Some(b),
                ..
            } = &q.kind
                && a > b
            {
                self.report(
                    q_key(q),
                    format!("question `{}` has `min` {a} above `max` {b}", q.id),
                    "swap them",
                );
            }
        }
    }

    /// The flow: every step goes somewhere that exists, every question and outcome is
    /// reached from the start, and no question leads back to itself, so every path ends
    /// in an outcome (each question has a `next`).
    fn flow(&mut self) {
        let w = self.wizard;
        if w.question(&w.start).is_none() {
            self.report(
                "start",
                format!("the flow starts at `{}`, which is not a question", w.start),
                "set `start` to the id of the first question",
            );
        }
        for q in &w.questions {
            let steps = q
                .branches
                .iter()
                .enumerate()
                .map(|(i, b)| (format!("{}/branch:{i}/go", q_key(q)), &b.to))
                .chain(std::iter::once((format!("{}/next", q_key(q)), &q.next)));
            for (key, to) in steps.collect::<Vec<_>>() {
                if !self.is_node(to) {
                    self.report(
                        key,
                        format!("question `{}` leads to `{to}`, which is neither a question nor an outcome", q.id),
                        "write the id of a question or an outcome of this wizard",
                    );
                }
            }
        }
        let reached = self.reachable();
        for (id, key) in w
            .questions
            .iter()
            .map(|q| (&q.id, q_key(q)))
            .chain(w.outcomes.iter().map(|o| (&o.id, o_key(o))))
        {
            if !reached.contains(id.as_str()) {
                self.report(
                    key,
                    format!("`{id}` can never be reached from the start (`{}`)", w.start),
                    "lead to it from a question's `next` or a branch, or remove it",
                );
            }
        }
        self.cycles();
        self.asked_before_branching();
    }

    fn reachable(&self) -> BTreeSet<&'a str> {
        let w = self.wizard;
        let mut seen = BTreeSet::new();
        let mut todo = vec![w.start.as_str()];
        while let Some(id) = todo.pop() {
            if !seen.insert(id) {
                continue;
            }
            if let Some(q) = w.question(id) {
                todo.extend(q.targets());
            }
        }
        seen
    }

    /// Reports each step that closes a loop (depth-first, from every question).
    fn cycles(&mut self) {
        #[derive(Clone, Copy, PartialEq)]
        enum Mark {
            Open,
            Done,
        }
        let w = self.wizard;
        let mut marks: BTreeMap<&str, Mark> = BTreeMap::new();
        let mut found = Vec::new();
        for root in &w.questions {
            // An explicit stack of (question, next target index) keeps deep flows safe.
            let mut stack: Vec<(&Question, usize)> = Vec::new();
            if marks.contains_key(root.id.as_str()) {
                continue;
            }
            marks.insert(&root.id, Mark::Open);
            stack.push((root, 0));
            while let Some((q, i)) = stack.pop() {
                let targets: Vec<&str> = q.targets().collect();
                let Some(&to) = targets.get(i) else {
                    marks.insert(&q.id, Mark::Done);
                    continue;
                };
                stack.push((q, i + 1));
                let Some(next) = w.question(to) else { continue };
                match marks.get(to) {
                    Some(Mark::Open) => found.push((q, i, to)),
                    Some(Mark::Done) => {}
                    None => {
                        marks.insert(&next.id, Mark::Open);
                        stack.push((next, 0));
                    }
                }
            }
        }
        for (q, i, to) in found {
            let key = if i < q.branches.len() {
                format!("{}/branch:{i}/go", q_key(q))
            } else {
                format!("{}/next", q_key(q))
            };
            self.report(
                key,
                format!(
                    "question `{}` leads back to `{to}`: the flow has a loop",
                    q.id
                ),
                "a flow must move forward: lead to a later question or an outcome",
            );
        }
    }

    /// A branch that tests a question not answered on every way to it would silently
    /// never be taken (the test is unknown): report it.
    fn asked_before_branching(&mut self) {
        let w = self.wizard;
        // Forward dataflow over the (acyclic, reached) graph: the questions answered on
        // every path to each question.
        let mut before: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
        before.insert(&w.start, BTreeSet::new());
        let order = self.topological();
        for id in &order {
            let Some(q) = w.question(id) else { continue };
            let mut answered = before.get(id.as_str()).cloned().unwrap_or_default();
            answered.insert(&q.id);
            for to in q.targets() {
                before
                    .entry(to)
                    .and_modify(|s| *s = s.intersection(&answered).copied().collect())
                    .or_insert_with(|| answered.clone());
            }
        }
        let mut found = Vec::new();
        for q in &w.questions {
            let Some(known) = before.get(q.id.as_str()) else {
                continue;
            };
            for (i, b) in q.branches.iter().enumerate() {
                for read in b.condition.questions() {
                    if read != q.id && !known.contains(read) && w.question(read).is_some() {
                        found.push((format!("{}/branch:{i}", q_key(q)), q.id.clone(), read));
                    }
                }
            }
        }
        for (key, q, read) in found {
            self.report(
                key,
                format!(
                    "a branch of `{q}` tests `{read}`, which is not asked on every way to `{q}`"
                ),
                "test only questions asked before, or ask it earlier",
            );
        }
    }

    /// Questions in an order where each comes after every question leading to it (loops
    /// are broken arbitrarily; they are reported elsewhere).
    fn topological(&self) -> Vec<String> {
        let w = self.wizard;
        let mut indegree: BTreeMap<&str, usize> =
            w.questions.iter().map(|q| (q.id.as_str(), 0)).collect();
        for q in &w.questions {
            for to in q.targets() {
                if let Some(n) = indegree.get_mut(to) {
                    *n += 1;
                }
            }
        }
        let mut ready: Vec<&str> = indegree
            .iter()
            .filter(|(_, n)| **n == 0)
            .map(|(id, _)| *id)
            .collect();
        let mut order = Vec::new();
        while let Some(id) = ready.pop() {
            order.push(id.to_owned());
            if let Some(q) = w.question(id) {
                for to in q.targets() {
                    if let Some(n) = indegree.get_mut(to) {
                        *n -= 1;
                        if *n == 0 {
                            ready.push(to);
                        }
                    }
                }
            }
        }
        order
    }

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

    fn texts(&mut self) {
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
            }
        }
    }

    /// Every condition reads questions that exist, with a test their kind answers.
    fn conditions(&mut self) {
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
            Condition::DaysSince { question, .. } => (question, "a date question"),
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
                | (Condition::DaysSince { .. }, QuestionKind::Date { .. })
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
    fn outcomes(&mut self) {
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
            if let super::model::DateFrom::Answer(q) = &d.from
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

    fn price_list(&mut self) -> Option<&'a PriceList> {
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
    fn services(&mut self) {
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

fn cites<'a>(
    k: &'a str,
    part: &'a str,
    list: &'a [Statement],
) -> impl Iterator<Item = (Key, &'a String)> + 'a {
    list.iter()
        .enumerate()
        .filter_map(move |(i, s)| s.cite.as_ref().map(|c| (format!("{k}/{part}:{i}/cite"), c)))
}

/// Each requirement of `[services]` with its key: `services/who.legal-entity:0`.
fn service_requirements(s: &super::model::ServiceRules) -> Vec<(Key, &super::model::Requirement)> {
    let mut out: Vec<(Key, &super::model::Requirement)> = s
        .client
        .iter()
        .enumerate()
        .map(|(i, r)| (format!("services/client:{i}"), r))
        .collect();
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
fn kebab(value: &impl super::model::Word) -> &'static str {
    value.word()
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
