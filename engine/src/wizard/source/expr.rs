//! The condition syntax of `if = "…"`, read into [`Condition`].
//!
//! ```text
//! condition  := or
//! or         := and ("or" and)*
//! and        := not ("and" not)*
//! not        := "not" not | "(" condition ")" | test
//! test       := ID ("=" | "!=") WORD           choice or yes/no: an option id, yes, no
//!             | ID ("=" | "!=" | "<" | "<=" | ">" | ">=") NUMBER        number answers
//!             | "days_since(" ID ")" OP INTEGER     whole days from a date answer to today
//!             | "period_over(" ID "," INTEGER "," COUNTRY ")"
//!                  the period of INTEGER days from a date answer ended before today, its
//!                  last day moved past the days off of COUNTRY (`bg`)
//!             | ID "has" WORD                      a multi-choice answer includes an option
//!             | ID "in" "[" WORD ("," WORD)* "]"   a choice answer is one of these
//! ```
//! `and` binds tighter than `or`. Ids are the lowercase ids of questions and options.

use std::ops::Range;

use rust_decimal::Decimal;

use crate::calendar::Country;
use crate::source::is_id;
use crate::wizard::model::{Comparison, Condition, QuestionKind};

/// A condition that cannot be read, with the byte range of the expression at fault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub at: Range<usize>,
    pub message: String,
    pub help: String,
}

/// Reads a condition. `kind_of` tells the kind of a question, so `repairs = 3` becomes a
/// number comparison and `device = laptop` an option test; an unknown question is read
/// as an option test and left to [`crate::wizard::check`] to report.
///
/// ```
/// use tarif_engine::wizard::{Condition, Comparison, parse_condition};
/// let c = parse_condition("days_since(received) <= 14", &|_| None).unwrap();
/// assert_eq!(c, Condition::DaysSince { question: "received".into(), op: Comparison::Le, days: 14 });
/// assert_eq!(c.to_string(), "days_since(received) <= 14");
/// ```
pub fn parse<'k>(
    text: &str,
    kind_of: &dyn Fn(&str) -> Option<&'k QuestionKind>,
) -> Result<Condition, SyntaxError> {
    let tokens = tokenize(text)?;
    let mut p = Parser {
        tokens,
        pos: 0,
        end: text.len(),
        kind_of,
    };
    let c = p.or()?;
    match p.tokens.get(p.pos) {
        None => Ok(c),
        Some(t) => Err(p.error(
            t.at.clone(),
            format!("unexpected `{}`", t.text),
            "join tests with `and` or `or`",
        )),
    }
}

#[derive(Debug, Clone)]
struct Token {
    text: String,
    at: Range<usize>,
}

fn tokenize(text: &str) -> Result<Vec<Token>, SyntaxError> {
    let mut tokens = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some(&(start, c)) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        let word = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.');
        let mut end = start + c.len_utf8();
        if word(c) {
            chars.next();
            while let Some(&(i, c)) = chars.peek() {
                if !word(c) {
                    break;
                }
                end = i + c.len_utf8();
                chars.next();
            }
        } else if matches!(c, '<' | '>' | '!') {
            chars.next();
            if let Some(&(i, '=')) = chars.peek() {
                end = i + 1;
                chars.next();
            }
        } else if matches!(c, '=' | '(' | ')' | '[' | ']' | ',') {
            chars.next();
        } else {
            return Err(SyntaxError {
                at: start..end,
                message: format!("`{c}` has no meaning in a condition"),
                help: "write tests such as `device = laptop`, `repairs >= 3`, `days_since(received) <= 14`, joined by `and`, `or`, `not`".into(),
            });
        }
        tokens.push(Token {
            text: text[start..end].to_owned(),
            at: start..end,
        });
    }
    Ok(tokens)
}

struct Parser<'a, 'k> {
    tokens: Vec<Token>,
    pos: usize,
    end: usize,
    kind_of: &'a dyn Fn(&str) -> Option<&'k QuestionKind>,
}

impl Parser<'_, '_> {
    fn error(&self, at: Range<usize>, message: String, help: &str) -> SyntaxError {
        SyntaxError {
            at,
            message,
            help: help.into(),
        }
    }

    fn peek(&self) -> Option<&str> {
        self.tokens.get(self.pos).map(|t| t.text.as_str())
    }

    /// The next token, or an error saying `what` was expected at the end.
    fn next(&mut self, what: &str) -> Result<Token, SyntaxError> {
        match self.tokens.get(self.pos) {
            Some(t) => {
                self.pos += 1;
                Ok(t.clone())
            }
            None => Err(self.error(
                self.end..self.end,
                format!("the condition ends where {what} was expected"),
                "complete the test, such as `device = laptop`",
            )),
        }
    }

    fn expect(&mut self, text: &str) -> Result<Token, SyntaxError> {
        self.token_that(
            &format!("`{text}`"),
            |t| t == text,
            "see the condition syntax in README.md",
        )
    }

    /// The next token, if `fits` takes it; else "expected `what`, found …", with `help`.
    fn token_that(
        &mut self,
        what: &str,
        fits: impl Fn(&str) -> bool,
        help: &str,
    ) -> Result<Token, SyntaxError> {
        let t = self.next(what)?;
        if fits(&t.text) {
            Ok(t)
        } else {
            Err(self.error(
                t.at.clone(),
                format!("expected {what}, found `{}`", t.text),
                help,
            ))
        }
    }

    fn or(&mut self) -> Result<Condition, SyntaxError> {
        self.joined("or", Self::and, Condition::Any)
    }

    fn and(&mut self) -> Result<Condition, SyntaxError> {
        self.joined("and", Self::not, Condition::All)
    }

    /// `part (word part)*`, joined by `make` when there is more than one.
    fn joined(
        &mut self,
        word: &str,
        part: fn(&mut Self) -> Result<Condition, SyntaxError>,
        make: fn(Vec<Condition>) -> Condition,
    ) -> Result<Condition, SyntaxError> {
        let mut parts = vec![part(self)?];
        while self.peek() == Some(word) {
            self.pos += 1;
            parts.push(part(self)?);
        }
        Ok(join(parts, make))
    }

    fn not(&mut self) -> Result<Condition, SyntaxError> {
        match self.peek() {
            Some("not") => {
                self.pos += 1;
                Ok(Condition::Not(Box::new(self.not()?)))
            }
            Some("(") => {
                self.pos += 1;
                let c = self.or()?;
                self.expect(")")?;
                Ok(c)
            }
            _ => self.test(),
        }
    }

    fn id(&mut self, what: &str) -> Result<Token, SyntaxError> {
        self.token_that(
            what,
            is_id,
            "ids are lowercase latin letters, digits and dashes",
        )
    }

    /// A whole number of days, as in `days_since(x) > 14` and `period_over(x, 14, bg)`.
    fn days(&mut self) -> Result<i64, SyntaxError> {
        let n = self.next("a number of days")?;
        n.text.parse::<i64>().map_err(|_| {
            self.error(
                n.at.clone(),
                format!("`{}` is not a whole number of days", n.text),
                "write a whole number, such as 14",
            )
        })
    }

    /// `period_over(received, 14, bg)`.
    fn period_over(&mut self) -> Result<Condition, SyntaxError> {
        self.pos += 1;
        self.expect("(")?;
        let question = self.id("a date question's id")?.text;
        self.expect(",")?;
        let days = self.days()?;
        self.expect(",")?;
        let code = self.next("a country's calendar")?;
        let calendar = Country::from_code(&code.text).ok_or_else(|| {
            self.error(
                code.at.clone(),
                format!("tarif has no calendar of working days for `{}`", code.text),
                "write `bg` (Bulgaria)",
            )
        })?;
        self.expect(")")?;
        Ok(Condition::PeriodOver {
            question,
            days,
            calendar,
        })
    }

    fn test(&mut self) -> Result<Condition, SyntaxError> {
        if self.peek() == Some("days_since") {
            self.pos += 1;
            self.expect("(")?;
            let question = self.id("a date question's id")?.text;
            self.expect(")")?;
            let op = self.comparison()?;
            let days = self.days()?;
            return Ok(Condition::DaysSince { question, op, days });
        }
        if self.peek() == Some("period_over") {
            return self.period_over();
        }
        let question = self.id("a question's id")?.text;
        let op = self.next("`=`, `!=`, `<`, `<=`, `>`, `>=`, `has` or `in`")?;
        match op.text.as_str() {
            "has" => Ok(Condition::Has {
                question,
                option: self.id("an option id")?.text,
            }),
            "in" => {
                self.expect("[")?;
                let mut options = vec![self.id("an option id")?.text];
                while self.peek() == Some(",") {
                    self.pos += 1;
                    options.push(self.id("an option id")?.text);
                }
                self.expect("]")?;
                Ok(Condition::In { question, options })
            }
            _ => {
                self.pos -= 1;
                let op = self.comparison()?;
                self.value(question, op)
            }
        }
    }

    fn comparison(&mut self) -> Result<Comparison, SyntaxError> {
        let t = self.next("a comparison")?;
        Ok(match t.text.as_str() {
            "<" => Comparison::Lt,
            "<=" => Comparison::Le,
            "=" => Comparison::Eq,
            "!=" => Comparison::Ne,
            ">=" => Comparison::Ge,
            ">" => Comparison::Gt,
            other => {
                return Err(self.error(
                    t.at.clone(),
                    format!("expected a comparison, found `{other}`"),
                    "compare with =, !=, <, <=, > or >=, or use `has` (multi-choice) or `in [...]` (choice)",
                ));
            }
        })
    }

    fn value(&mut self, question: String, op: Comparison) -> Result<Condition, SyntaxError> {
        let t = self.next("a value")?;
        let numeric = matches!((self.kind_of)(&question), Some(QuestionKind::Number { .. }))
            || !matches!(op, Comparison::Eq | Comparison::Ne);
        if numeric {
            let value = t.text.parse::<Decimal>().map_err(|_| {
                self.error(
                    t.at.clone(),
                    format!("`{}` is not a number", t.text),
                    "`<`, `<=`, `>` and `>=` compare number answers with a number, such as `repairs >= 3`",
                )
            })?;
            return Ok(Condition::Number {
                question,
                op,
                value,
            });
        }
        if !is_id(&t.text) {
            return Err(self.error(
                t.at.clone(),
                format!("`{}` is not an option id", t.text),
                "write an option id of the question, or yes / no",
            ));
        }
        let is = Condition::Is {
            question,
            option: t.text,
        };
        Ok(match op {
            Comparison::Ne => Condition::Not(Box::new(is)),
            _ => is,
        })
    }
}

fn join(mut parts: Vec<Condition>, make: fn(Vec<Condition>) -> Condition) -> Condition {
    if parts.len() == 1 {
        parts.remove(0)
    } else {
        make(parts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn and_binds_tighter_than_or() {
        let c = parse("a = x or b = y and c = z", &|_| None).unwrap();
        let Condition::Any(parts) = c else {
            panic!("{c:?}")
        };
        assert!(matches!(parts[1], Condition::All(_)));
    }

    #[test]
    fn a_number_question_compares_numbers_even_with_equals() {
        let kind = QuestionKind::Number {
            unit: None,
            min: None,
            max: None,
            whole: true,
        };
        let c = parse("repairs = 3", &|_| Some(&kind)).unwrap();
        assert!(matches!(
            c,
            Condition::Number {
                op: Comparison::Eq,
                ..
            }
        ));
    }

    #[test]
    fn syntax_errors_point_at_the_token() {
        for (text, at) in [
            ("device = ", 9..9),
            ("device == laptop", 8..9),
            ("repairs >= three", 11..16),
            ("days_since(received) <= 1.5", 24..27),
            ("device = laptop or", 18..18),
            ("device = laptop)", 15..16),
            ("a = b & c = d", 6..7),
            ("(a = b", 6..6),
            ("Device = x", 0..6),
            ("a ~ b", 2..3),
        ] {
            let e = parse(text, &|_| None).unwrap_err();
            assert_eq!(e.at, at, "{text}: {e:?}");
        }
    }
}
