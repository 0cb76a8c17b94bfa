//! Pieces every TOML source reader shares: spanned literals, multilingual texts, ids, and
//! turning serde's first error into a [`Diagnostic`].

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;

use rust_decimal::Decimal;
use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};
use toml::Spanned;

use crate::diagnostic::Diagnostic;
pub(crate) use crate::text::is_id;
use crate::text::{Lang, Text};

/// A source file being read: its name for messages, its text, and the problems so far.
pub(crate) struct SourceFile<'a> {
    pub name: &'a str,
    pub text: &'a str,
    pub problems: Vec<Diagnostic>,
}

impl<'a> SourceFile<'a> {
    pub fn new(name: &'a str, text: &'a str) -> Self {
        SourceFile {
            name,
            text,
            problems: Vec::new(),
        }
    }

    /// Records a problem at `span` with a hint.
    pub fn problem(
        &mut self,
        span: Range<usize>,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        let d = Diagnostic::at(self.name, self.text, span, message).help(help);
        self.problems.push(d);
    }

    /// Deserialises the whole file; serde stops at the first problem, which is returned
    /// located.
    pub fn deserialize<T: de::DeserializeOwned>(&self) -> Result<T, Diagnostic> {
        toml::from_str(self.text).map_err(|e| {
            let message = e.message().trim().to_owned();
            let help = crate::diagnostic::serde_help(&message, "the price-list format");
            let d = match e.span() {
                Some(span) => Diagnostic::at(self.name, self.text, span, message),
                None => Diagnostic::file(self.name, message),
            };
            d.help(help)
        })
    }

    /// `Ok(value)` when nothing was reported, else every problem.
    pub fn finish<T>(self, value: T) -> Result<T, Vec<Diagnostic>> {
        if self.problems.is_empty() {
            Ok(value)
        } else {
            Err(self.problems)
        }
    }

    /// Checks that `text` is written in exactly `langs`.
    pub fn text(&mut self, text: &Spanned<RawText>, langs: &[Lang], what: &str) -> Text {
        let mut pairs = BTreeMap::new();
        for (tag, value) in &text.get_ref().0 {
            match Lang::new(tag) {
                Some(lang) if langs.contains(&lang) => {
                    if value.get_ref().trim().is_empty() {
                        self.problem(
                            value.span(),
                            format!("the {tag} text of {what} is empty"),
                            "write the text, or remove the language from the file's `languages`",
                        );
                    }
                    pairs.insert(lang, value.get_ref().clone());
                }
                _ => self.problem(
                    text.span(),
                    format!(
                        "{what} has a `{tag}` text, but `{tag}` is not one of this file's languages"
                    ),
                    format!(
                        "the languages are {}; add `{tag}` to `languages` or remove the text",
                        list(langs)
                    ),
                ),
            }
        }
        let written: Vec<&Lang> = pairs.keys().collect();
        let missing: Vec<&Lang> = langs.iter().filter(|l| !written.contains(l)).collect();
        if !missing.is_empty() {
            let tags: Vec<String> = missing.iter().map(|l| l.to_string()).collect();
            self.problem(
                text.span(),
                format!("{what} has no {} text", tags.join(", ")),
                format!("write it in every language of the file: {}", list(langs)),
            );
        }
        let pairs: Vec<(&str, &str)> = pairs
            .iter()
            .map(|(l, t)| (l.as_str(), t.as_str()))
            .collect();
        Text::from_pairs(pairs)
    }

    /// Checks an id: lowercase ASCII letters, digits and single dashes, as used in URLs.
    pub fn id(&mut self, id: &Spanned<String>, what: &str) -> String {
        let value = id.get_ref();
        if !is_id(value) {
            self.problem(
                id.span(),
                format!("`{value}` is not a valid {what} id"),
                "use lowercase latin letters, digits and dashes, such as `laptop-diagnostics`",
            );
        }
        value.clone()
    }

    /// Parses a decimal literal, reporting where it is not one.
    pub fn decimal(&mut self, lit: &Spanned<Literal>, what: &str) -> Option<Decimal> {
        match lit.get_ref().0.parse::<Decimal>() {
            Ok(d) => Some(d),
            Err(_) => {
                self.problem(
                    lit.span(),
                    format!("`{}` is not a number ({what})", lit.get_ref().0),
                    "write a decimal number as a string, such as \"60\" or \"12.50\"",
                );
                None
            }
        }
    }

    /// Like [`decimal`](Self::decimal), and the number must be positive.
    pub fn positive(&mut self, lit: &Spanned<Literal>, what: &str) -> Option<Decimal> {
        let d = self.decimal(lit, what)?;
        if d <= Decimal::ZERO {
            self.problem(
                lit.span(),
                format!("{what} must be more than zero, not {d}"),
                "write a positive number",
            );
            return None;
        }
        Some(d)
    }
}

fn list(langs: &[Lang]) -> String {
    let tags: Vec<&str> = langs.iter().map(Lang::as_str).collect();
    tags.join(", ")
}

/// A text per language, as written: `{ bg = "…", en = "…" }`.
#[derive(Debug, Deserialize)]
pub(crate) struct RawText(pub BTreeMap<String, Spanned<String>>);

/// A number written as a TOML integer (`60`) or string (`"12.50"`, `"free"`); never a
/// TOML float, which cannot hold cents exactly.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Literal(pub String);

impl<'de> Deserialize<'de> for Literal {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct LiteralVisitor;
        impl Visitor<'_> for LiteralVisitor {
            type Value = Literal;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a whole number or a decimal number in a string, such as \"12.50\"")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Literal, E> {
                Ok(Literal(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Literal, E> {
                Ok(Literal(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Literal, E> {
                Err(E::custom(format!(
                    "{v} is a TOML float, which cannot hold cents exactly; write it as a string: \"{v}\""
                )))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Literal, E> {
                Ok(Literal(v.trim().to_owned()))
            }
        }
        d.deserialize_any(LiteralVisitor)
    }
}
