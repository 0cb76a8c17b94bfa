//! Splitting a text into words and normalising each: the first step of both indexing a
//! document and reading a query.
//!
//! A word is a run of Unicode letters and digits (`гаранцията`, `SSD`, `250`, `2h30m`);
//! everything else separates words (`14-дневен` is `14` and `дневен`). A normalised word
//! is lowercase, with `ё` folded to `е` and stress marks dropped, so that `Ремонт`,
//! `ремонт` and `ремо́нт` are one word, and `всё` is `все`.

use std::ops::Range;

/// A word of a text: where it is (a byte range of the text) and its normalised form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The byte range of the word in the text it was read from.
    pub range: Range<usize>,
    /// The word, normalised (see [`normalise`]).
    pub word: String,
}

/// The words of `text`, in order.
///
/// ```
/// use tarif_engine::search::tokens;
/// let words: Vec<String> = tokens("Срок: 14-дневен, Ёлка и SSD 250GB.").map(|t| t.word).collect();
/// assert_eq!(words, ["срок", "14", "дневен", "елка", "и", "ssd", "250gb"]);
/// ```
pub fn tokens(text: &str) -> impl Iterator<Item = Token> + '_ {
    word_ranges(text).filter_map(|range| {
        let word = normalise(text.get(range.clone()).unwrap_or_default());
        (!word.is_empty()).then_some(Token { range, word })
    })
}

/// Where the words of `text` are (byte ranges), in order, before they are normalised: what
/// [`tokens`] reads, for an index that normalises each into a buffer of its own
/// ([`normalise_into`]) rather than a string per word.
pub fn word_ranges(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        // Skip to the next word, then to its end: the first character that is not of a
        // word (it begins none), or the end of the text.
        let start = loop {
            if at >= text.len() {
                return None;
            }
            let (word, width) = word_char_at(text, at);
            if word {
                break at;
            }
            at += width;
        };
        while at < text.len() {
            let (word, width) = word_char_at(text, at);
            if !word {
                let end = at;
                at += width;
                return Some(start..end);
            }
            at += width;
        }
        Some(start..text.len())
    })
}

/// [`is_word_char`] of the character at byte `at` of `text`, and its width in bytes:
/// ASCII and most of the Cyrillic block told by their first byte, without decoding (a
/// large site's index reads tens of millions of characters).
#[inline(always)]
fn word_char_at(text: &str, at: usize) -> (bool, usize) {
    let bytes = text.as_bytes();
    match bytes[at] {
        b @ 0..=0x7f => (b.is_ascii_alphanumeric(), 1),
        // U+0400–U+047F and U+04C0–U+04FF: letters all.
        0xD0 | 0xD1 | 0xD3 => (true, 2),
        // U+0480–U+04BF: all but `҂` (U+0482).
        0xD2 => (bytes.get(at + 1) != Some(&0x82), 2),
        _ => text[at..]
            .chars()
            .next()
            .map_or((false, 1), |c| (is_word_char(c), c.len_utf8())),
    }
}

/// A word in the form the index keeps: lowercase, `ё` as `е`, without stress marks (and
/// a decomposed `й` or `ё` composed the same way as a precomposed one).
///
/// ```
/// use tarif_engine::search::normalise;
/// assert_eq!(normalise("Гаранцията"), "гаранцията");
/// assert_eq!(normalise("ЁЖ"), "еж");
/// assert_eq!(normalise("ремо\u{301}нт"), "ремонт");
/// ```
pub fn normalise(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    normalise_into(word, &mut out);
    out
}

/// [`normalise`], into `out` (emptied first).
pub fn normalise_into(word: &str, out: &mut String) {
    out.clear();
    for c in word.chars() {
        match c {
            // Grave and acute accents: stress marks in Russian and Bulgarian texts.
            '\u{300}' | '\u{301}' => {}
            // `е` + diaeresis is a decomposed `ё`, folded to `е` like the composed one.
            '\u{308}' if out.ends_with('е') => {}
            // `и` + breve is a decomposed `й`.
            '\u{306}' if out.ends_with('и') => {
                out.pop();
                out.push('й');
            }
            _ => match lowercase(c) {
                Some('ё') => out.push('е'),
                Some(l) => out.push(l),
                None => out.extend(c.to_lowercase().map(|l| if l == 'ё' { 'е' } else { l })),
            },
        }
    }
}

/// The lowercase of an ASCII or basic Cyrillic letter without the Unicode tables (most
/// of a site's words; a large site's index read them millions of times), `None` for
/// other characters. Equal to [`char::to_lowercase`] where it answers (a test checks).
fn lowercase(c: char) -> Option<char> {
    let shift = |by: u32| char::from_u32(c as u32 + by);
    match c {
        'A'..='Z' => shift(32),
        'a'..='z' | '0'..='9' | 'а'..='я' | 'ѐ'..='џ' => Some(c),
        'А'..='Я' => shift(32),
        'Ѐ'..='Џ' => shift(80),
        _ => None,
    }
}

/// True for the characters of a word: letters, digits and the combining marks that may
/// sit on them (stress marks, a decomposed `й`).
fn is_word_char(c: char) -> bool {
    match c {
        // The common scripts first, without the Unicode tables: ASCII, and the Cyrillic
        // block, all letters but `҂` (a sign) and the marks U+0483–U+0489.
        '\0'..='\x7f' => c.is_ascii_alphanumeric(),
        '\u{400}'..='\u{481}' | '\u{483}'..='\u{52f}' => true,
        _ => c.is_alphanumeric() || matches!(c, '\u{300}'..='\u{36f}'),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        tokens(text).map(|t| t.word).collect()
    }

    proptest::proptest! {
        #[test]
        fn word_ranges_are_the_runs_of_word_characters(
            text in proptest::prop_oneof![
                "[а-яА-ЯёЁa-z0-9 ,.\u{301}\u{306}\u{400}-\u{530}-]{0,60}",
                proptest::prelude::any::<String>(),
            ],
        ) {
            // The runs of `is_word_char`, a character at a time.
            let mut runs: Vec<Range<usize>> = Vec::new();
            for (i, c) in text.char_indices() {
                let end = i + c.len_utf8();
                match runs.last_mut() {
                    Some(run) if is_word_char(c) && run.end == i => run.end = end,
                    _ if is_word_char(c) => runs.push(i..end),
                    _ => {}
                }
            }
            proptest::prop_assert_eq!(word_ranges(&text).collect::<Vec<_>>(), runs);
        }
    }

    #[test]
    fn words_are_letters_and_digits_in_any_script() {
        assert_eq!(
            words("Гаранционно обслужване (ЗЗП), warranty's 3 years!"),
            [
                "гаранционно",
                "обслужване",
                "ззп",
                "warranty",
                "s",
                "3",
                "years"
            ]
        );
        assert_eq!(
            words("«Расширенный сервис» — 250 ГБ"),
            ["расширенный", "сервис", "250", "гб"]
        );
        assert!(words("  ,.;—  ").is_empty());
        assert!(words("").is_empty());
    }

    #[test]
    fn ranges_point_at_the_words() {
        let text = "Всё о «сервисе»";
        let found: Vec<&str> = tokens(text).map(|t| &text[t.range]).collect();
        assert_eq!(found, ["Всё", "о", "сервисе"]);
    }

    #[test]
    fn the_shortcuts_agree_with_the_unicode_tables() {
        for c in ('\0'..='\u{2fff}').chain(['\u{1f600}', '\u{10ffff}']) {
            let word =
                c.is_alphanumeric() || matches!(c, '\u{300}'..='\u{36f}' | '\u{483}'..='\u{489}');
            assert_eq!(is_word_char(c), word, "{c:?}");
            if let Some(l) = lowercase(c) {
                assert_eq!(c.to_lowercase().collect::<Vec<_>>(), [l], "{c:?}");
            }
        }
    }

    #[test]
    fn yo_and_stress_marks_fold() {
        assert_eq!(words("Ещё ЕЩЁ еще"), ["еще", "еще", "еще"]);
        assert_eq!(words("ремо\u{301}нт"), ["ремонт"]);
        // Decomposed ё and й read as the composed letters.
        assert_eq!(words("е\u{308}лка дисплеи\u{306}"), ["елка", "дисплей"]);
        // Marks with no letter under them are no word.
        assert!(words("\u{301}\u{300} \u{301}").is_empty());
    }
}
