//! Reading a wizard from TOML, keeping where each part is written so that every problem,
//! the reader's own and the [checks](super::check)', is reported at `file:line:col`.

pub mod expr;

mod outcomes;
mod questions;
mod raw;
mod services;

use std::collections::BTreeMap;
use std::ops::Range;

use toml::Spanned;

use super::check::{Key, Problem, SiteFacts, check};
use super::model::*;
use crate::diagnostic::Diagnostic;
use crate::source::{RawText, SourceFile, is_id};
use crate::text::{Lang, Text};
use raw::{RawQuestion, RawWizard};

/// Where each part of a wizard is written, to locate the [checks](super::check)' problems.
#[derive(Debug, Clone)]
pub struct SourceMap {
    file: String,
    text: String,
    spans: BTreeMap<Key, Range<usize>>,
}

impl SourceMap {
    /// The problem at the place its key was written (or the nearest enclosing part).
    pub fn locate(&self, problem: &Problem) -> Diagnostic {
        let mut key = problem.at.as_str();
        let span = loop {
            if let Some(span) = self.spans.get(key) {
                break Some(span.clone());
            }
            match key.rfind('/') {
                Some(i) => key = &key[..i],
                None => break None,
            }
        };
        let d = match span {
            Some(span) => Diagnostic::at(&self.file, &self.text, span, &problem.message),
            None => Diagnostic::file(&self.file, &problem.message),
        };
        d.help(&problem.help)
    }
}

/// Reads the wizard in `source`, reported as `file`, of content section `section`. The id
/// is the file name before `.wizard.toml`. Only problems of form are reported here: the
/// meaning (reachable questions, known citations, every language) is [`check`]ed.
///
/// ```
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
/// title = { en = "Yes" }
/// [[outcomes]]
/// id = "too-late"
/// verdict = "no"
/// title = { en = "No" }
/// "#;
/// let (wizard, _) = tarif_engine::wizard::parse_wizard("content/shop/returns.wizard.toml", "shop", toml).unwrap();
/// assert_eq!(wizard.id, "returns");
/// assert_eq!(wizard.start, "received");
/// ```
pub fn parse_wizard(
    file: &str,
    section: &str,
    source: &str,
) -> Result<(Wizard, SourceMap), Vec<Diagnostic>> {
    let (wizard, map, problems) = read(file, section, source)?;
    if problems.is_empty() {
        Ok((wizard, map))
    } else {
        Err(problems)
    }
}

/// The wizard as far as it could be read, with the problems of form; `Err` with the one
/// problem when the TOML itself cannot be read.
fn read(
    file: &str,
    section: &str,
    source: &str,
) -> Result<(Wizard, SourceMap, Vec<Diagnostic>), Vec<Diagnostic>> {
    let src = SourceFile::new(file, source);
    let raw: RawWizard = src.deserialize().map_err(|d| vec![d])?;
    let mut r = Reader {
        src,
        spans: BTreeMap::new(),
    };
    let wizard = r.wizard(file, section, &raw);
    let map = SourceMap {
        file: file.to_owned(),
        text: source.to_owned(),
        spans: r.spans,
    };
    Ok((wizard, map, r.src.problems))
}

/// Reads and checks a wizard: every problem of form and of meaning, located, at once.
/// This is what `tarif check` runs on each `*.wizard.toml`.
pub fn load_wizard(
    file: &str,
    section: &str,
    source: &str,
    site: &SiteFacts,
) -> Result<Wizard, Vec<Diagnostic>> {
    let (wizard, map, mut problems) = read(file, section, source)?;
    problems.extend(check(&wizard, site).iter().map(|p| map.locate(p)));
    if problems.is_empty() {
        return Ok(wizard);
    }
    problems.sort_by_key(|d| (d.line, d.column));
    Err(problems)
}

/// The wizard id of a file name: `withdrawal.wizard.toml` → `withdrawal`.
pub fn wizard_id(file: &str) -> &str {
    let name = file.rsplit(['/', '\\']).next().unwrap_or(file);
    name.strip_suffix(".wizard.toml")
        .or_else(|| name.strip_suffix(".toml"))
        .unwrap_or(name)
}

struct Reader<'a> {
    src: SourceFile<'a>,
    spans: BTreeMap<Key, Range<usize>>,
}

impl Reader<'_> {
    fn at(&mut self, key: impl Into<Key>, span: Range<usize>) {
        self.spans.entry(key.into()).or_insert(span);
    }

    fn wizard(&mut self, file: &str, section: &str, raw: &RawWizard) -> Wizard {
        let id = wizard_id(file).to_owned();
        if !is_id(&id) {
            self.src.problems.push(
                Diagnostic::file(file, format!("`{id}` is not a valid wizard id")).help(
                    "name the file with lowercase latin letters, digits and dashes, such as `withdrawal.wizard.toml`",
                ),
            );
        }
        let title = self.text("title", &raw.title);
        let intro = raw.intro.as_ref().map(|t| self.text("intro", t));
        let price_list = raw.price_list.as_ref().map(|p| {
            self.at("price_list", p.span());
            p.get_ref().clone()
        });
        let mut questions: Vec<Question> = raw.questions.iter().map(|q| self.question(q)).collect();
        for (q, raw_q) in questions.iter_mut().zip(&raw.questions) {
            q.branches = raw_q
                .branch
                .iter()
                .enumerate()
                .map(|(i, b)| {
                    let key = format!("question:{}/branch:{i}", q.id);
                    self.at(format!("{key}/go"), b.go.span());
                    Branch {
                        condition: self.condition(key, &b.condition, &raw.questions),
                        to: b.go.get_ref().clone(),
                    }
                })
                .collect();
        }
        let start = match (&raw.start, questions.first()) {
            (Some(s), _) => {
                self.at("start", s.span());
                s.get_ref().clone()
            }
            (None, Some(q)) => q.id.clone(),
            (None, None) => {
                self.src.problem(
                    0..0,
                    "the wizard has no questions",
                    "add [[questions]] with an id, a kind, a text and `next`",
                );
                String::new()
            }
        };
        if raw.outcomes.is_empty() {
            self.src.problem(
                0..0,
                "the wizard has no outcomes",
                "add [[outcomes]] with an id, a verdict and a title",
            );
        }
        let outcomes = raw
            .outcomes
            .iter()
            .map(|o| self.outcome(o, &raw.questions))
            .collect();
        let services = raw
            .services
            .as_ref()
            .map(|s| self.services(s, &raw.questions));
        Wizard {
            id,
            section: section.to_owned(),
            title,
            intro,
            start,
            price_list,
            questions,
            outcomes,
            services,
        }
    }

    /// A text, recorded at `key`. Which languages it must have is for the checks; a
    /// language tag that is not one at all is reported here.
    fn text(&mut self, key: impl Into<Key>, raw: &Spanned<RawText>) -> Text {
        self.at(key, raw.span());
        for (tag, value) in &raw.get_ref().0 {
            if Lang::new(tag).is_none() {
                self.src.problem(
                    value.span(),
                    format!("`{tag}` is not a language tag"),
                    "write two or three lowercase letters, such as bg or en",
                );
            }
        }
        let pairs = raw.get_ref().0.iter();
        Text::from_pairs(pairs.map(|(l, t)| (l.as_str(), t.get_ref().as_str())))
    }

    fn id(&mut self, key: &str, id: &Spanned<String>, what: &str) -> String {
        self.at(key, id.span());
        self.src.id(id, what)
    }

    /// Reads the condition at `key`; a syntax error is reported at its very token, and
    /// the condition is read as one that never holds, so that the flow keeps its shape and
    /// the checks still run on the rest.
    fn condition(
        &mut self,
        key: Key,
        raw: &Spanned<String>,
        questions: &[RawQuestion],
    ) -> Condition {
        self.at(key, raw.span());
        let kinds: BTreeMap<&str, QuestionKind> = questions
            .iter()
            .filter(|q| q.kind.get_ref() == "number")
            .map(|q| {
                let number = QuestionKind::Number {
                    unit: None,
                    min: None,
                    max: None,
                    whole: false,
                };
                (q.id.get_ref().as_str(), number)
            })
            .collect();
        match expr::parse(raw.get_ref(), &|q| kinds.get(q)) {
            Ok(c) => c,
            Err(e) => {
                let span = raw.span();
                // Point into the string when it is written as is (no escapes), else at it.
                let inner = self
                    .src
                    .text
                    .get(span.start + 1..span.end.saturating_sub(1));
                let at = if inner == Some(raw.get_ref().as_str()) {
                    span.start + 1 + e.at.start..span.start + 1 + e.at.end
                } else {
                    span
                };
                self.src.problem(at, e.message, e.help);
                Condition::Any(Vec::new())
            }
        }
    }
}
