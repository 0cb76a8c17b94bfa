//! Static checks of a wizard, for `tarif check`: every problem at once.
//!
//! The checks read only the model and what the caller passes in (the languages of the
//! section, the memo headings that exist, the price lists): the engine does no I/O.
//! Each [`Problem`] names the place in the model it is about as a [`Key`]; the source
//! reader maps keys to `file:line:col`.

mod content;
mod graph;
mod services;

use std::collections::BTreeSet;

use super::model::{Outcome, Question, QuestionKind, Wizard};
use crate::price_list::PriceList;
use crate::text::Lang;

pub use content::placeholders;

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

/// What the checks compare a wizard with: the facts of the site around it.
#[derive(Debug, Clone, Copy)]
pub struct SiteFacts<'a> {
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
/// let site = SiteFacts { languages: &langs, anchors: &BTreeSet::new(), price_lists: &[] };
/// let problems = check(&wizard, &site);
/// assert_eq!(problems.len(), 2);
/// assert_eq!(problems[0].at, "question:orphan");
/// assert_eq!(problems[1].at, "outcome:yes/citation:0");
/// ```
pub fn check(wizard: &Wizard, site: &SiteFacts) -> Vec<Problem> {
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
    site: &'a SiteFacts<'a>,
    problems: Vec<Problem>,
}

fn q_key(q: &Question) -> Key {
    format!("question:{}", q.id)
}

fn o_key(o: &Outcome) -> Key {
    format!("outcome:{}", o.id)
}

impl Checker<'_> {
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
}
