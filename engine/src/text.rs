//! Languages and the texts a site says in each of them.

use crate::pack::Pack;
use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

/// A language tag of a site: two or three lowercase ASCII letters (`ru`, `bg`, `en`).
///
/// ```
/// use tarif_engine::text::Lang;
/// assert_eq!(Lang::new("bg").unwrap().as_str(), "bg");
/// assert!(Lang::new("BG").is_none());
/// ```
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct Lang(String);

impl Lang {
    /// The tag, if `tag` is two or three lowercase ASCII letters.
    pub fn new(tag: &str) -> Option<Lang> {
        let ok = (2..=3).contains(&tag.len()) && tag.bytes().all(|b| b.is_ascii_lowercase());
        ok.then(|| Lang(tag.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Pack for Lang {
    fn pack(&self, w: &mut crate::pack::Writer) {
        self.0.pack(w);
    }
    fn unpack(r: &mut crate::pack::Reader<'_>) -> Self {
        let tag = String::unpack(r);
        Lang::new(&tag).unwrap_or_else(|| {
            r.stop(crate::pack::Problem::Invalid("not a language tag"));
            // Never seen: the reader has stopped.
            Lang(tag)
        })
    }
}

impl<'de> Deserialize<'de> for Lang {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let tag = String::deserialize(d)?;
        Lang::new(&tag).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "`{tag}` is not a language tag: write two or three lowercase letters, such as \"bg\" or \"en\""
            ))
        })
    }
}

/// One text in each language of its section: `{ bg = "Диагностика", en = "Diagnostics" }`.
///
/// ```
/// use tarif_engine::text::{Lang, Text};
/// let t = Text::from_pairs([("bg", "Диагностика"), ("en", "Diagnostics")]);
/// assert_eq!(t.get(&Lang::new("en").unwrap()), Some("Diagnostics"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, Pack)]
#[serde(transparent)]
pub struct Text(BTreeMap<Lang, String>);

impl Text {
    /// A text from `(language, text)` pairs; pairs with an invalid tag are skipped.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Text {
        // Inserted one by one: collecting into the map would sort, and the app would carry
        // a sort for it.
        let mut texts = BTreeMap::new();
        for (l, t) in pairs {
            if let Some(l) = Lang::new(l) {
                texts.insert(l, t.to_owned());
            }
        }
        Text(texts)
    }

    /// The text in `lang`, if it was written.
    pub fn get(&self, lang: &Lang) -> Option<&str> {
        self.0.get(lang).map(String::as_str)
    }

    /// The text in `lang`, else in the first of `fallbacks` that has it, else any.
    pub fn best<'a>(&'a self, lang: &Lang, fallbacks: &[Lang]) -> &'a str {
        self.get(lang)
            .or_else(|| fallbacks.iter().find_map(|l| self.get(l)))
            .or_else(|| self.0.values().next().map(String::as_str))
            .unwrap_or("")
    }

    /// The languages this text is missing among `langs`.
    pub fn missing<'a>(&self, langs: &'a [Lang]) -> Vec<&'a Lang> {
        langs
            .iter()
            .filter(|l| self.get(l).is_none_or(|t| t.trim().is_empty()))
            .collect()
    }

    /// The languages this text is written in that are not among `langs`.
    pub fn extra(&self, langs: &[Lang]) -> Vec<Lang> {
        self.0
            .keys()
            .filter(|l| !langs.contains(l))
            .cloned()
            .collect()
    }

    /// Each `(language, text)`.
    pub fn iter(&self) -> impl Iterator<Item = (&Lang, &str)> {
        self.0.iter().map(|(l, t)| (l, t.as_str()))
    }
}

/// True for an id as tarif uses them in URLs and anchors (item ids, section ids, page
/// slugs, heading ids): lowercase latin letters, digits and single dashes, so that an id
/// can never climb out of a folder or break an attribute. True for `laptop-diagnostics`,
/// `term-13`; false for `Laptop`, `a--b`, `-a`, `..`, ``.
///
/// ```
/// assert!(tarif_engine::text::is_id("term-13"));
/// assert!(!tarif_engine::text::is_id("../x"));
/// ```
pub fn is_id(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_and_blank_translations_are_reported() {
        let langs = [Lang::new("bg").unwrap(), Lang::new("en").unwrap()];
        let t = Text::from_pairs([("bg", "Диагностика"), ("en", "  ")]);
        assert_eq!(t.missing(&langs), vec![&langs[1]]);
        let t = Text::from_pairs([("bg", "Диагностика"), ("de", "Diagnose")]);
        assert_eq!(t.extra(&langs), vec![Lang::new("de").unwrap()]);
    }

    #[test]
    fn best_falls_back_in_order() {
        let bg = Lang::new("bg").unwrap();
        let en = Lang::new("en").unwrap();
        let ru = Lang::new("ru").unwrap();
        let t = Text::from_pairs([("bg", "Диагностика")]);
        assert_eq!(t.best(&en, &[ru, bg]), "Диагностика");
        assert_eq!(Text::default().best(&en, &[]), "");
    }

    #[test]
    fn ids_are_url_safe() {
        for ok in ["laptop-diagnostics", "term-13", "a", "x1"] {
            assert!(is_id(ok), "{ok}");
        }
        for bad in [
            "",
            "Laptop",
            "a--b",
            "-a",
            "a-",
            "..",
            "../x",
            "a b",
            "диагностика",
            "a_b",
        ] {
            assert!(!is_id(bad), "{bad}");
        }
    }
}
