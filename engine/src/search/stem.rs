//! Stems: one suffix-stripping algorithm, driven by a table of suffixes per language (see
//! [`languages`](super::languages)), so that the inflections of a word meet in one term:
//! `гаранция`, `гаранцията`, `гаранционни` → `гаранц`; `ремонта`, `ремонтом` → `ремонт`;
//! `warranties` → `warranti`.
//!
//! A stemmer is a list of steps; each step is a table of suffix rules. In each step, in
//! order, the longest suffix of the word that has a rule is replaced by the rule's
//! replacement (usually nothing), as long as what is left keeps at least the language's
//! minimum number of letters; at most one rule applies per step. A rule whose replacement
//! is its own suffix ([`Rule::keep`]) protects an ending from the shorter rules of its step
//! (English `ss` is not a plural `s`). Short words stay whole.
//!
//! The same functions stem the documents when the index is built and the query when it is
//! searched: that is what makes `гаранционни` find `гаранция`.

use std::ops::Range;

use super::languages;
use super::token::tokens;
use crate::text::Lang;

/// One suffix rule: `suffix` at the end of a word becomes `replace`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Rule {
    pub suffix: &'static str,
    pub replace: &'static str,
}

impl Rule {
    /// Drops `suffix`.
    pub const fn strip(suffix: &'static str) -> Rule {
        Rule {
            suffix,
            replace: "",
        }
    }

    /// Replaces `suffix` with `replace`.
    pub const fn to(suffix: &'static str, replace: &'static str) -> Rule {
        Rule { suffix, replace }
    }

    /// Keeps `suffix`, so that no shorter rule of the step applies to it.
    pub const fn keep(suffix: &'static str) -> Rule {
        Rule {
            suffix,
            replace: suffix,
        }
    }
}

/// A stemmer: its steps and the fewest letters a stem keeps.
#[derive(Debug)]
pub(super) struct Stemmer {
    /// The fewest letters a stem keeps.
    pub min: usize,
    /// The steps, applied in order.
    pub steps: &'static [&'static [Rule]],
}

impl Stemmer {
    /// The stem of `word` (normalised).
    pub fn stem(&self, word: &str) -> String {
        let mut stem = word.to_owned();
        for step in self.steps {
            let letters = stem.chars().count();
            let rule = step
                .iter()
                .filter(|r| stem.ends_with(r.suffix))
                .filter(|r| {
                    letters + r.replace.chars().count() >= self.min + r.suffix.chars().count()
                })
                .max_by_key(|r| r.suffix.len());
            if let Some(rule) = rule {
                stem.truncate(stem.len() - rule.suffix.len());
                stem.push_str(rule.replace);
            }
        }
        stem
    }
}

/// A language's stemmer and stop words.
#[derive(Debug)]
pub(super) struct Language {
    pub stemmer: Stemmer,
    /// Words no suffix rule reads (normalised), with their stems: `дни` is `ден`.
    pub irregular: &'static [(&'static str, &'static str)],
    /// Words too common to search for (normalised).
    pub stop: &'static [&'static str],
}

/// The rules that read `word` (normalised) on a site in `lang`: Cyrillic words by the
/// site's language (ru, bg), Latin words by English (also on a Russian or Bulgarian site,
/// where `SSD` or `laptops` are English), words with digits by none (`250`, `2h30m` stay
/// whole), and any other language by none.
fn language(lang: &Lang, word: &str) -> Option<&'static Language> {
    if word.chars().any(char::is_numeric) {
        return None;
    }
    let cyrillic = word.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c));
    match (lang.as_str(), cyrillic) {
        ("bg", true) => Some(&languages::BG),
        ("ru", true) => Some(&languages::RU),
        ("en" | "bg" | "ru", false) if word.bytes().all(|b| b.is_ascii_lowercase()) => {
            Some(&languages::EN)
        }
        _ => None,
    }
}

/// The stem of `word` (normalised, see [`normalise`](super::normalise)) on a site in
/// `lang`. Languages tarif has no stemmer for keep their words whole.
///
/// ```
/// use tarif_engine::search::stem;
/// use tarif_engine::text::Lang;
/// let bg = Lang::new("bg").unwrap();
/// assert_eq!(stem(&bg, "гаранционните"), stem(&bg, "гаранция"));
/// assert_eq!(stem(&bg, "laptops"), "laptop");
/// ```
pub fn stem(lang: &Lang, word: &str) -> String {
    match language(lang, word) {
        Some(l) => match l.irregular.iter().find(|(w, _)| *w == word) {
            Some((_, stem)) => (*stem).to_owned(),
            None => l.stemmer.stem(word),
        },
        None => word.to_owned(),
    }
}

/// True for a word (normalised) too common to search for on a site in `lang`: `и`, `на`,
/// `the`, and any single letter. Digits are never stop words.
pub fn is_stop_word(lang: &Lang, word: &str) -> bool {
    let mut chars = word.chars();
    let single_letter =
        matches!((chars.next(), chars.next()), (Some(c), None) if c.is_alphabetic());
    single_letter || language(lang, word).is_some_and(|l| l.stop.contains(&word))
}

/// A searchable word of a text: where it is, its normalised form and its stem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The byte range of the word in the text.
    pub range: Range<usize>,
    /// The word, normalised.
    pub word: String,
    /// Its stem.
    pub stem: String,
}

/// The searchable words of `text` on a site in `lang`: its words without the stop words,
/// each with its stem. The index reads documents and queries with this one function.
///
/// ```
/// use tarif_engine::search::terms;
/// use tarif_engine::text::Lang;
/// let stems: Vec<String> = terms(&Lang::new("ru").unwrap(), "Ремонт ноутбуков и гарантийное обслуживание")
///     .map(|t| t.stem)
///     .collect();
/// assert_eq!(stems, ["ремонт", "ноутбук", "гарант", "обслуживан"]);
/// ```
pub fn terms<'a>(lang: &'a Lang, text: &'a str) -> impl Iterator<Item = Term> + 'a {
    tokens(text)
        .filter(|t| !is_stop_word(lang, &t.word))
        .map(|t| Term {
            stem: stem(lang, &t.word),
            range: t.range,
            word: t.word,
        })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn lang(tag: &str) -> Lang {
        Lang::new(tag).unwrap()
    }

    const TOY: Stemmer = Stemmer {
        min: 3,
        steps: &[
            &[Rule::strip("s"), Rule::keep("ss"), Rule::to("ies", "y")],
            &[Rule::strip("er")],
        ],
    };

    #[test]
    fn the_longest_suffix_of_each_step_applies_once() {
        assert_eq!(TOY.stem("cats"), "cat");
        assert_eq!(TOY.stem("ponies"), "pony");
        // `keep` protects an ending from the shorter rules of its step.
        assert_eq!(TOY.stem("class"), "class");
        // One rule per step, the steps in order.
        assert_eq!(TOY.stem("makerss"), "makerss");
        assert_eq!(TOY.stem("makers"), "mak");
    }

    #[test]
    fn stems_keep_the_minimum_length() {
        // `s` would leave two letters.
        assert_eq!(TOY.stem("its"), "its");
        // So would `ies` → `y`: the shorter `s` applies instead.
        assert_eq!(TOY.stem("ties"), "tie");
        assert_eq!(TOY.stem(""), "");
    }

    #[test]
    fn words_with_digits_and_other_languages_stay_whole() {
        assert_eq!(stem(&lang("bg"), "250"), "250");
        assert_eq!(stem(&lang("bg"), "2х30м"), "2х30м");
        assert_eq!(stem(&lang("de"), "garantien"), "garantien");
        assert_eq!(stem(&lang("en"), "гаранция"), "гаранция");
        assert_eq!(stem(&lang("bg"), "café"), "café");
    }

    #[test]
    fn stop_words_are_the_language_s_and_single_letters() {
        assert!(is_stop_word(&lang("bg"), "на"));
        assert!(is_stop_word(&lang("bg"), "и"));
        assert!(is_stop_word(&lang("bg"), "the"));
        assert!(is_stop_word(&lang("ru"), "для"));
        assert!(is_stop_word(&lang("en"), "the"));
        assert!(is_stop_word(&lang("de"), "x"));
        assert!(!is_stop_word(&lang("bg"), "3"));
        assert!(!is_stop_word(&lang("bg"), "срок"));
        assert!(!is_stop_word(&lang("ru"), "на свету"));
        assert!(!is_stop_word(&lang("bg"), ""));
    }

    #[test]
    fn terms_skip_stop_words_and_keep_numbers() {
        let found: Vec<(String, String)> = terms(&lang("bg"), "Срокът за ремонт е 14 дни.")
            .map(|t| (t.word, t.stem))
            .collect();
        let expected = [
            ("срокът", "срок"),
            ("ремонт", "ремонт"),
            ("14", "14"),
            ("дни", "ден"),
        ];
        let expected: Vec<(String, String)> = expected
            .iter()
            .map(|(w, s)| ((*w).to_owned(), (*s).to_owned()))
            .collect();
        assert_eq!(found, expected);
    }

    proptest! {
        #[test]
        fn stems_keep_three_letters_or_the_whole_word(
            // Normalised already: lowercase, and `ё` is outside `а-я`.
            word in "[а-яa-z]{0,12}",
            tag in prop::sample::select(vec!["bg", "ru", "en"]),
        ) {
            let stemmed = stem(&lang(tag), &word);
            let letters = word.chars().count();
            prop_assert!(stemmed.chars().count() >= letters.min(3), "{word} → {stemmed}");
            if letters < 3 {
                prop_assert_eq!(stemmed, word);
            }
        }
    }
}
