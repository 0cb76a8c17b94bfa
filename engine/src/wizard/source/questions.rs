//! Questions: their kind, the fields each kind takes, and their options.

use super::Reader;
use super::raw::{RawChoice, RawQuestion};
use crate::text::Text;
use crate::wizard::model::{Choice, Question, QuestionKind};

impl Reader<'_> {
    pub(super) fn question(&mut self, raw: &RawQuestion) -> Question {
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
}
