//! The flow as a graph: every step leads somewhere, everything is reached, nothing loops,
//! and a branch tests only what was asked on every way to it.

use std::collections::{BTreeMap, BTreeSet};

use super::{Checker, o_key, q_key};
use crate::wizard::model::Question;

impl<'a> Checker<'a> {
    /// The flow: every step goes somewhere that exists, every question and outcome is
    /// reached from the start, and no question leads back to itself, so every path ends
    /// in an outcome (each question has a `next`).
    pub(super) fn flow(&mut self) {
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
}
