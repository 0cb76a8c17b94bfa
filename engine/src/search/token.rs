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
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        // Skip to the next word.
        let start = loop {
            match chars.peek() {
                Some(&(i, c)) if is_word_char(c) => break i,
                Some(_) => {
                    chars.next();
                }
                None => return None,
            }
        };
        let mut end = start;
        while let Some(&(i, c)) = chars.peek() {
            if !is_word_char(c) {
                break;
            }
            end = i + c.len_utf8();
            chars.next();
        }
        Some(start..end)
    })
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
