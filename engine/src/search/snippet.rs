//! Snippets: a short excerpt of a document around the first word a query matched, cut at
//! word boundaries, with the byte ranges of the matched words so that a UI can highlight
//! them. Plain text: the engine writes no HTML.

use std::ops::Range;

/// The length of a snippet, in characters (without the ellipses).
pub const SNIPPET_CHARS: usize = 160;

/// How much of the text before the first match a snippet shows, in characters.
const CONTEXT_BEFORE: usize = 40;

/// What marks a cut: the text goes on before or after the snippet.
const ELLIPSIS: &str = "…";

/// The excerpt of `text` around the first of `matches` (byte ranges of the matched words,
/// in order), or its beginning when there is none; and the ranges of the matched words
/// within the excerpt.
pub(super) fn snippet(text: &str, matches: &[Range<usize>]) -> (String, Vec<(usize, usize)>) {
    let first = matches.first().map_or(0, |r| r.start);
    let start = window_start(text, first);
    let end = window_end(text, start, first);
    let body = text.get(start..end).unwrap_or_default();
    let lead = if start > 0 { ELLIPSIS } else { "" };
    let tail = if end < text.len() { ELLIPSIS } else { "" };
    let marks = matches
        .iter()
        // Only what lies within the excerpt (a word cut at the end keeps its first part).
        .map(|r| (r.start.max(start), r.end.min(end)))
        .filter(|(a, b)| a < b)
        .map(|(a, b)| (a - start + lead.len(), b - start + lead.len()))
        .collect();
    (format!("{lead}{body}{tail}"), marks)
}

/// Where an excerpt showing the word at `first` begins: up to [`CONTEXT_BEFORE`]
/// characters before it, at the beginning of a word.
fn window_start(text: &str, first: usize) -> usize {
    let Some(before) = text.get(..first) else {
        return 0;
    };
    let Some((back, _)) = before.char_indices().rev().nth(CONTEXT_BEFORE) else {
        // The first match is near the beginning: start there.
        return 0;
    };
    // The first word that begins after `back`; the match itself if none does.
    let skipped = before.get(back..).unwrap_or_default();
    match skipped.find(char::is_whitespace) {
        Some(space) => {
            let after = skipped.get(space..).unwrap_or_default();
            let word = after.trim_start();
            back + space + (after.len() - word.len())
        }
        None => first,
    }
}

/// Where an excerpt that begins at `start` ends: at most [`SNIPPET_CHARS`] characters on,
/// at the end of a word, and after the word at `first` when that fits.
fn window_end(text: &str, start: usize, first: usize) -> usize {
    let rest = text.get(start..).unwrap_or_default();
    let Some((limit, _)) = rest.char_indices().nth(SNIPPET_CHARS) else {
        return text.len();
    };
    let within = rest.get(..limit).unwrap_or_default();
    // Cut at a space: the one just after the limit keeps a last whole word; else the last
    // space before it, if the first match ends before that space.
    let cut = if rest
        .get(limit..)
        .is_some_and(|r| r.starts_with(char::is_whitespace))
    {
        Some(limit)
    } else {
        within
            .rfind(char::is_whitespace)
            .filter(|&space| start + space > first)
    };
    // A word longer than a snippet (no space to cut at) is cut within.
    let end = start + cut.unwrap_or(limit);
    start + text.get(start..end).unwrap_or_default().trim_end().len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ranges(text: &str, words: &[&str]) -> Vec<Range<usize>> {
        words
            .iter()
            .filter_map(|w| text.find(w).map(|i| i..i + w.len()))
            .collect()
    }

    fn marked(snippet: &str, marks: &[(usize, usize)]) -> Vec<String> {
        marks
            .iter()
            .map(|&(a, b)| snippet[a..b].to_owned())
            .collect()
    }

    #[test]
    fn a_short_text_is_its_own_snippet() {
        let text = "Гаранцията е 24 месеца.";
        let (s, marks) = snippet(text, &ranges(text, &["Гаранцията"]));
        assert_eq!(s, text);
        assert_eq!(marked(&s, &marks), ["Гаранцията"]);
    }

    #[test]
    fn a_long_text_is_cut_at_words_around_the_first_match() {
        let filler = "дума ".repeat(60);
        let text = format!("{filler}сервизът приема устройството {filler}");
        let (s, marks) = snippet(&text, &ranges(&text, &["сервизът", "устройството"]));
        assert!(s.starts_with("…дума "), "{s}");
        assert!(s.ends_with(" дума…"), "{s}");
        assert!(s.chars().count() <= SNIPPET_CHARS + 2, "{s}");
        assert_eq!(marked(&s, &marks), ["сервизът", "устройството"]);
        // About CONTEXT_BEFORE characters of context come first.
        let before = s[..marks[0].0].chars().count();
        assert!((30..=45).contains(&before), "{before}");
    }

    #[test]
    fn without_a_match_the_snippet_is_the_beginning() {
        let text = "Сервизът приема устройството. ".repeat(20);
        let (s, marks) = snippet(&text, &[]);
        assert!(s.starts_with("Сервизът"));
        assert!(s.ends_with('…'));
        assert!(marks.is_empty());
    }

    #[test]
    fn a_word_longer_than_a_snippet_is_cut_inside() {
        let text = "я".repeat(500);
        let whole = 0..text.len();
        let (s, marks) = snippet(&text, std::slice::from_ref(&whole));
        assert_eq!(s.chars().count(), SNIPPET_CHARS + 1);
        assert_eq!(marks, [(0, SNIPPET_CHARS * 2)]);
        assert_eq!(snippet("", &[]), (String::new(), vec![]));
    }
}
