//! A memo's front matter: TOML between two `+++` lines at the top of the file.

use std::ops::Range;

use serde::Deserialize;
use tarif_engine::diagnostic::Diagnostic;
use toml::Spanned;

use super::load::TextFile;
use super::toml_file::TomlSource;

/// What a memo says about itself.
#[derive(Debug, Clone)]
pub struct FrontMatter {
    pub title: String,
    pub description: String,
    /// Memos are listed by weight, then slug.
    pub weight: i64,
    /// The id of a price list the page shows below its text, and where it is written.
    pub price_list: Option<(String, Range<usize>)>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFrontMatter {
    title: Spanned<String>,
    description: Spanned<String>,
    #[serde(default)]
    weight: i64,
    price_list: Option<Spanned<String>>,
}

const FENCE: &str = "+++";
const EXAMPLE: &str = "start the file with\n+++\ntitle = \"…\"\ndescription = \"…\"\n+++";

/// Reads the front matter of `file`; returns it and the byte offset where the body starts.
pub fn read(file: &TextFile, problems: &mut Vec<Diagnostic>) -> Option<(FrontMatter, usize)> {
    let (toml, body) = split(file).map_err(|d| problems.push(d)).ok()?;
    let src = TomlSource {
        file,
        offset: toml.start,
        len: toml.len(),
    };
    let raw: RawFrontMatter = src.parse("memos").map_err(|d| problems.push(d)).ok()?;
    for (value, what) in [(&raw.title, "title"), (&raw.description, "description")] {
        if value.get_ref().trim().is_empty() {
            problems.push(
                src.at(value.span(), format!("the memo's {what} is empty"))
                    .help("write it"),
            );
        }
    }
    let price_list = raw.price_list.map(|p| {
        let span = p.span();
        (
            p.into_inner(),
            span.start + toml.start..span.end + toml.start,
        )
    });
    let front = FrontMatter {
        title: raw.title.into_inner(),
        description: raw.description.into_inner(),
        weight: raw.weight,
        price_list,
    };
    Some((front, body))
}

/// The byte range of the TOML and the offset of the body.
fn split(file: &TextFile) -> Result<(Range<usize>, usize), Diagnostic> {
    let text = &file.text;
    let first_line_end = text.find('\n').unwrap_or(text.len());
    // Some editors on Windows start UTF-8 files with a byte-order mark.
    if text[..first_line_end]
        .trim_start_matches('\u{feff}')
        .trim_end()
        != FENCE
    {
        return Err(Diagnostic::at(
            &file.name,
            text,
            0..first_line_end,
            "the memo has no front matter",
        )
        .help(EXAMPLE));
    }
    let start = (first_line_end + 1).min(text.len());
    let mut at = start;
    while at < text.len() {
        let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        if text[at..end].trim_end() == FENCE {
            return Ok((start..at, (end + 1).min(text.len())));
        }
        at = end + 1;
    }
    Err(Diagnostic::at(
        &file.name,
        text,
        0..FENCE.len(),
        "the front matter opened here is never closed",
    )
    .help("end it with a line of `+++` after its last field"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> TextFile {
        TextFile {
            name: "content/s/en/a.md".into(),
            text: text.into(),
        }
    }

    #[test]
    fn the_body_starts_after_the_closing_fence() {
        let f = file("+++\ntitle = \"T\"\ndescription = \"D\"\n+++\nBody");
        let (front, body) = read(&f, &mut Vec::new()).unwrap();
        assert_eq!(front.title, "T");
        assert_eq!(&f.text[body..], "Body");
    }

    #[test]
    fn errors_in_front_matter_are_located_in_the_memo() {
        let f = file("+++\ntitle = \"T\"\ndescription = 3\n+++\n");
        let mut problems = Vec::new();
        assert!(read(&f, &mut problems).is_none());
        assert_eq!(problems[0].location(), "content/s/en/a.md:3:15");
    }

    #[test]
    fn a_byte_order_mark_and_crlf_line_ends_are_fine() {
        let f = file("\u{feff}+++\r\ntitle = \"T\"\r\ndescription = \"D\"\r\n+++\r\nBody");
        let (front, body) = read(&f, &mut Vec::new()).unwrap();
        assert_eq!((front.title.as_str(), &f.text[body..]), ("T", "Body"));
    }

    #[test]
    fn an_unclosed_front_matter_points_at_its_opening() {
        let mut problems = Vec::new();
        assert!(read(&file("+++\ntitle = \"T\"\n"), &mut problems).is_none());
        assert_eq!(problems[0].location(), "content/s/en/a.md:1:1");
        assert!(problems[0].message.contains("never closed"));
    }
}
