//! Reading a wizard from TOML, keeping where each part is written so that every problem,
//! the reader's own and the [checks](super::check)', is reported at `file:line:col`.

pub mod expr;

use std::collections::BTreeMap;
use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use super::check::{Key, Problem, Site, check};
use super::model::*;
use crate::diagnostic::Diagnostic;
use crate::source::{Literal, RawText, SourceFile, is_id};
use crate::text::{Lang, Text};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWizard {
    title: Spanned<RawText>,
    intro: Option<Spanned<RawText>>,
    start: Option<Spanned<String>>,
    price_list: Option<Spanned<String>>,
    #[serde(default)]
    questions: Vec<RawQuestion>,
    #[serde(default)]
    outcomes: Vec<RawOutcome>,
    services: Option<Spanned<RawServices>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    id: Spanned<String>,
    kind: Spanned<String>,
    text: Spanned<RawText>,
    hint: Option<Spanned<RawText>>,
    options: Option<Spanned<Vec<RawChoice>>>,
    none: Option<Spanned<RawChoice>>,
    unit: Option<Spanned<RawText>>,
    min: Option<Spanned<Literal>>,
    max: Option<Spanned<Literal>>,
    whole: Option<Spanned<bool>>,
    future: Option<Spanned<bool>>,
    #[serde(default)]
    branch: Vec<RawBranch>,
    next: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChoice {
    id: Spanned<String>,
    label: Spanned<RawText>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBranch {
    #[serde(rename = "if")]
    condition: Spanned<String>,
    go: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOutcome {
    id: Spanned<String>,
    verdict: Spanned<String>,
    title: Spanned<RawText>,
    #[serde(default)]
    reasons: Vec<Spanned<RawStatement>>,
    #[serde(default)]
    next_steps: Vec<Spanned<RawStatement>>,
    #[serde(default)]
    citations: Vec<Spanned<String>>,
    #[serde(default)]
    dates: Vec<Spanned<RawDate>>,
    #[serde(default)]
    quote: Vec<Spanned<RawQuote>>,
    #[serde(default)]
    services: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStatement {
    #[serde(rename = "if")]
    condition: Option<Spanned<String>>,
    text: Spanned<RawText>,
    cite: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDate {
    #[serde(rename = "if")]
    condition: Option<Spanned<String>>,
    id: Spanned<String>,
    label: Spanned<RawText>,
    from: Spanned<String>,
    add_days: Option<Spanned<i64>>,
    add_months: Option<Spanned<i64>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuote {
    item: Spanned<String>,
    #[serde(rename = "if")]
    condition: Option<Spanned<String>>,
    quantity: Option<Spanned<u32>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawServices {
    needed: Option<Spanned<String>>,
    #[serde(default)]
    client: Vec<Spanned<RawRequirement>>,
    #[serde(default)]
    who: BTreeMap<String, Spanned<Vec<Spanned<RawRequirement>>>>,
    #[serde(default, rename = "where")]
    place: BTreeMap<String, Spanned<Vec<Spanned<RawRequirement>>>>,
    #[serde(default)]
    often: BTreeMap<String, Spanned<Vec<Spanned<RawRequirement>>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRequirement {
    #[serde(rename = "if")]
    condition: Spanned<String>,
    met: Spanned<RawText>,
    unmet: Spanned<RawText>,
}

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
    site: &Site,
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

    fn question(&mut self, raw: &RawQuestion) -> Question {
        let id = raw.id.get_ref();
        let key = format!("question:{id}");
        let id = self.id(&key, &raw.id, "question");
        self.at(format!("{key}/next"), raw.next.span());
        let text = self.text(format!("{key}/text"), &raw.text);
        let hint = raw
            .hint
            .as_ref()
            .map(|h| self.text(format!("{key}/hint"), h));
        let kind = self.kind(&key, raw);
        Question {
            id,
            text,
            hint,
            kind,
            branches: Vec::new(),
            next: raw.next.get_ref().clone(),
        }
    }

    fn kind(&mut self, key: &str, raw: &RawQuestion) -> QuestionKind {
        let kind = raw.kind.get_ref().as_str();
        let allowed: &[&str] = match kind {
            "choice" => &["options"],
            "multi" => &["options", "none"],
            "yes_no" => &[],
            "date" => &["future"],
            "number" => &["unit", "min", "max", "whole"],
            _ => {
                self.src.problem(
                    raw.kind.span(),
                    format!("`{kind}` is not a kind of question"),
                    "the kinds are choice, yes_no, date, number and multi",
                );
                return QuestionKind::YesNo;
            }
        };
        let given = [
            ("options", raw.options.as_ref().map(|s| s.span())),
            ("none", raw.none.as_ref().map(|s| s.span())),
            ("unit", raw.unit.as_ref().map(|s| s.span())),
            ("min", raw.min.as_ref().map(|s| s.span())),
            ("max", raw.max.as_ref().map(|s| s.span())),
            ("whole", raw.whole.as_ref().map(|s| s.span())),
            ("future", raw.future.as_ref().map(|s| s.span())),
        ];
        for (field, span) in given {
            if let Some(span) = span.filter(|_| !allowed.contains(&field)) {
                self.src.problem(
                    span,
                    format!("a {kind} question has no `{field}`"),
                    format!(
                        "remove `{field}`; a {kind} question takes {}",
                        if allowed.is_empty() {
                            "no further fields".to_owned()
                        } else {
                            allowed.join(", ")
                        }
                    ),
                );
            }
        }
        match kind {
            "choice" => QuestionKind::Choice {
                options: self.options(key, raw),
            },
            "multi" => {
                let none = match &raw.none {
                    Some(n) => self.choice(key, n.get_ref()),
                    None => {
                        self.src.problem(
                            raw.kind.span(),
                            "a multi-choice question needs its \"none of these\" option",
                            "add none = { id = \"none\", label = { … } }",
                        );
                        Choice {
                            id: "none".into(),
                            label: Text::default(),
                        }
                    }
                };
                QuestionKind::Multi {
                    options: self.options(key, raw),
                    none,
                }
            }
            "date" => QuestionKind::Date {
                future: raw.future.as_ref().is_some_and(|f| *f.get_ref()),
            },
            "number" => QuestionKind::Number {
                unit: raw
                    .unit
                    .as_ref()
                    .map(|u| self.text(format!("{key}/unit"), u)),
                min: raw.min.as_ref().and_then(|m| self.src.decimal(m, "`min`")),
                max: raw.max.as_ref().and_then(|m| self.src.decimal(m, "`max`")),
                whole: raw.whole.as_ref().is_some_and(|w| *w.get_ref()),
            },
            _ => QuestionKind::YesNo,
        }
    }

    fn options(&mut self, key: &str, raw: &RawQuestion) -> Vec<Choice> {
        let Some(options) = &raw.options else {
            self.src.problem(
                raw.kind.span(),
                format!("a {} question needs `options`", raw.kind.get_ref()),
                "options = [{ id = \"…\", label = { … } }, …]",
            );
            return Vec::new();
        };
        options
            .get_ref()
            .iter()
            .map(|o| self.choice(key, o))
            .collect()
    }

    fn choice(&mut self, key: &str, raw: &RawChoice) -> Choice {
        let k = format!("{key}/option:{}", raw.id.get_ref());
        Choice {
            id: self.id(&k, &raw.id, "option"),
            label: self.text(format!("{k}/label"), &raw.label),
        }
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

    fn outcome(&mut self, raw: &RawOutcome, questions: &[RawQuestion]) -> Outcome {
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
        Some(DateRule {
            condition,
            id,
            label,
            from,
            add,
        })
    }

    fn services(&mut self, raw: &Spanned<RawServices>, questions: &[RawQuestion]) -> ServiceRules {
        self.at("services", raw.span());
        let s = raw.get_ref();
        if let Some(n) = &s.needed {
            self.at("services/needed", n.span());
        }
        let client = self.requirements("services/client", &s.client, questions);
        ServiceRules {
            needed: s.needed.as_ref().map(|n| n.get_ref().clone()),
            client,
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
                Requirement {
                    condition: self.condition(format!("{k}/if"), &r.condition, questions),
                    met: self.text(format!("{k}/met"), &r.met),
                    unmet: self.text(format!("{k}/unmet"), &r.unmet),
                }
            })
            .collect()
    }
}
