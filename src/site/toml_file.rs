//! TOML in the site's own files (`site.toml`, `section.toml`, a memo's front matter),
//! read with serde, every problem located in the file the author edits.
//!
//! Front matter is TOML inside a Markdown file: its spans are offset by where the front
//! matter starts, so `title = 3` on line 2 of a memo is reported on line 2 of the memo.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::de::DeserializeOwned;
use tarif_engine::diagnostic::Diagnostic;
use tarif_engine::text::{Lang, Text};
use toml::Spanned;

use super::load::TextFile;

/// A text per language as written: `{ bg = "…", en = "…" }` or a `[title]` table.
pub type RawText = BTreeMap<String, Spanned<String>>;

/// TOML at `offset` in `file`: the whole file (offset 0) or a memo's front matter.
pub struct TomlSource<'a> {
    pub file: &'a TextFile,
    pub offset: usize,
    pub len: usize,
}

impl<'a> TomlSource<'a> {
    pub fn whole(file: &'a TextFile) -> Self {
        TomlSource {
            file,
            offset: 0,
            len: file.text.len(),
        }
    }

    /// Deserialises the TOML; serde stops at the first problem, which is returned located.
    pub fn parse<T: DeserializeOwned>(&self, what: &str) -> Result<T, Diagnostic> {
        let text = &self.file.text[self.offset..self.offset + self.len];
        toml::from_str(text).map_err(|e| {
            let message = e.message().trim().to_owned();
            let span = e.span().unwrap_or(0..0);
            self.at(span, message.clone())
                .help(tarif_engine::diagnostic::serde_help(&message, what))
        })
    }

    /// A problem at `span` of the TOML (relative to its start).
    pub fn at(&self, span: Range<usize>, message: impl Into<String>) -> Diagnostic {
        let span = span.start + self.offset..span.end + self.offset;
        Diagnostic::at(&self.file.name, &self.file.text, span, message)
    }

    /// Checks that `text` is written in exactly `langs`, none of them blank; with no
    /// `langs` known, takes it as written.
    pub fn text(
        &self,
        raw: &Spanned<RawText>,
        langs: &[Lang],
        what: &str,
        problems: &mut Vec<Diagnostic>,
    ) -> Text {
        if langs.is_empty() {
            return Text::from_pairs(
                raw.get_ref()
                    .iter()
                    .map(|(l, t)| (l.as_str(), t.get_ref().as_str())),
            );
        }
        let mut pairs = Vec::new();
        for (tag, value) in raw.get_ref() {
            match Lang::new(tag).filter(|l| langs.contains(l)) {
                Some(_) if value.get_ref().trim().is_empty() => problems.push(
                    self.at(value.span(), format!("the {tag} text of {what} is empty"))
                        .help("write the text"),
                ),
                Some(_) => pairs.push((tag.as_str(), value.get_ref().as_str())),
                None => problems.push(
                    self.at(
                        raw.span(),
                        format!("{what} has a `{tag}` text, but `{tag}` is not a language here"),
                    )
                    .help(format!(
                        "the languages are {}; remove the text or add the language",
                        tags(langs)
                    )),
                ),
            }
        }
        let text = Text::from_pairs(pairs);
        let missing = text.missing(langs);
        if !missing.is_empty() {
            let missing: Vec<Lang> = missing.into_iter().cloned().collect();
            problems.push(
                self.at(raw.span(), format!("{what} has no {} text", tags(&missing)))
                    .help(format!("write it in every language: {}", tags(langs))),
            );
        }
        text
    }
}

/// `bg, en`.
pub fn tags(langs: &[Lang]) -> String {
    let tags: Vec<&str> = langs.iter().map(Lang::as_str).collect();
    tags.join(", ")
}
