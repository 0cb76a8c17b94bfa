//! Located problems in source files, written for the author who has to fix them.
//!
//! The engine never reads files: loaders take the text and the name to report it under,
//! and return every problem they find as a [`Diagnostic`], which renders rustc-style:
//!
//! ```text
//! error: `sixty` is not a price
//!   --> price-lists/laptop-bg.toml:12:9
//!    |
//! 12 | price = "sixty"
//!    |         ^^^^^^^
//!    = help: write a number such as "60" or "12.50", or "free", or "on-request"
//! ```

use std::fmt;
use std::ops::Range;

/// A problem at a place in a source file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file as the author knows it (relative to the site root).
    pub file: String,
    /// 1-based line; 0 when the problem concerns the file as a whole.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
    /// The source line the problem is on, and the character range to underline in it.
    snippet: Option<Box<(String, Range<usize>)>>,
}

impl Diagnostic {
    /// A problem at byte range `span` of `source`.
    ///
    /// ```
    /// use tarif_engine::diagnostic::Diagnostic;
    /// let d = Diagnostic::at("a.toml", "x = 1\ny = \"no\"\n", 10..14, "bad y");
    /// assert_eq!((d.line, d.column), (2, 5));
    /// assert!(d.to_string().starts_with("error: bad y\n --> a.toml:2:5"));
    /// ```
    pub fn at(
        file: impl Into<String>,
        source: &str,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Diagnostic {
        let start = floor_char_boundary(source, span.start.min(source.len()));
        let end = floor_char_boundary(source, span.end.clamp(start, source.len()));
        let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = source[start..]
            .find('\n')
            .map_or(source.len(), |i| start + i);
        let line_text = source[line_start..line_end].trim_end_matches('\r');
        let column = source[line_start..start].chars().count() + 1;
        let underline_end = end.min(line_start + line_text.len()).max(start);
        let width = source[start..underline_end].chars().count().max(1);
        Diagnostic {
            file: file.into(),
            line: source[..start].matches('\n').count() + 1,
            column,
            message: message.into(),
            help: None,
            snippet: Some(Box::new((
                line_text.to_owned(),
                column - 1..column - 1 + width,
            ))),
        }
    }

    /// A problem with a file as a whole (it is missing, unreadable, not UTF-8, …).
    pub fn file(file: impl Into<String>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            file: file.into(),
            line: 0,
            column: 0,
            message: message.into(),
            help: None,
            snippet: None,
        }
    }

    /// The same problem with a hint on how to fix it.
    pub fn help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// `file:line:col`, or just `file` for a whole-file problem.
    pub fn location(&self) -> String {
        if self.line == 0 {
            self.file.clone()
        } else {
            format!("{}:{}:{}", self.file, self.line, self.column)
        }
    }
}

/// A hint for the messages of serde and the TOML parser, which say what is wrong but not
/// what to do; `what` names the format's section of README.md ("the price-list format").
///
/// ```
/// use tarif_engine::diagnostic::serde_help;
/// assert_eq!(serde_help("missing field `id`", "x"), "add the field");
/// assert_eq!(serde_help("invalid type", "the site config"), "see the site config in README.md");
/// ```
pub fn serde_help(message: &str, what: &str) -> String {
    if message.starts_with("unknown field") {
        "remove the field or correct its spelling; the fields allowed here are listed above".into()
    } else if message.starts_with("missing field") {
        "add the field".into()
    } else if message.contains("duplicate key") {
        "each key may appear once: remove or rename one of them".into()
    } else if message.contains("float") {
        "write decimal numbers as strings, such as \"12.50\": a TOML float cannot hold cents exactly".into()
    } else {
        format!("see {what} in README.md")
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "error: {}", self.message)?;
        let gutter = " ".repeat(self.line.to_string().len());
        write!(f, "{gutter}--> {}", self.location())?;
        if let Some((text, cols)) = self.snippet.as_deref() {
            let pad = " ".repeat(cols.start);
            let marks = "^".repeat(cols.len());
            write!(
                f,
                "\n{gutter} |\n{} | {text}\n{gutter} | {pad}{marks}",
                self.line
            )?;
        }
        if let Some(help) = &self.help {
            write!(f, "\n{gutter} = help: {help}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_like_rustc_with_the_line_and_a_hint() {
        let src = "[x]\nprice = \"sixty\"\n";
        let d =
            Diagnostic::at("p.toml", src, 12..19, "`sixty` is not a price").help("write \"60\"");
        assert_eq!(
            d.to_string(),
            "error: `sixty` is not a price\n --> p.toml:2:9\n  |\n2 | price = \"sixty\"\n  |         ^^^^^^^\n  = help: write \"60\""
        );
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let src = "name = \"Диагностика\" bad";
        let at = src.find("bad").unwrap();
        let d = Diagnostic::at("p.toml", src, at..at + 3, "x");
        assert_eq!(d.column, 22);
    }

    #[test]
    fn spans_out_of_range_or_inside_a_character_do_not_panic() {
        let src = "ё";
        // A reversed range (end before start) too, as a buggy caller might pass.
        for (start, end) in [(0, 0), (1, 2), (5, 9), (2, 1)] {
            let d = Diagnostic::at("f", src, start..end, "m");
            assert_eq!(d.line, 1);
            let _ = d.to_string();
        }
        assert_eq!(
            Diagnostic::file("f", "gone").to_string(),
            "error: gone\n --> f"
        );
    }
}
