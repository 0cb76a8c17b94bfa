//! Where pages live in the output, and the relative links between them.
//!
//! Every page is `index.html` in a folder of its own (`bg/laptop-bg/withdrawal/`), and
//! every link is relative and names `index.html`, so the site works from a server, from a
//! sub-folder of one, and opened straight from the disk (`file://`), where folders do not
//! resolve to their index.

use std::fmt::Write as _;

use tarif_engine::text::Lang;

/// The folder of each language's search page: `<lang>/search/`.
pub const SEARCH: &str = "search";

/// The folder of a section's quote calculators: `<lang>/<section>/quote/<list>/`.
pub const QUOTE: &str = "quote";

/// The folder of a section's wizards: `<lang>/<section>/wizard/<id>/`.
pub const WIZARD: &str = "wizard";

/// The folder of a section's price lists' changes: `<lang>/<section>/changes/<list>/`.
pub const CHANGES: &str = "changes";

/// A page's folder in the output, as path segments (all ids or language tags, checked
/// when loaded, so a segment can never be `..` or hold a `/`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PageDir(Vec<String>);

impl PageDir {
    /// The output's root: the language chooser.
    pub fn root() -> PageDir {
        PageDir(Vec::new())
    }

    /// `<lang>/`: a language's home page.
    pub fn home(lang: &Lang) -> PageDir {
        PageDir(vec![lang.to_string()])
    }

    /// `<lang>/search/`: the search page (no section may take its name).
    pub fn search(lang: &Lang) -> PageDir {
        PageDir(vec![lang.to_string(), SEARCH.to_owned()])
    }

    /// `<lang>/<section>/`: a section's index.
    pub fn section(lang: &Lang, section: &str) -> PageDir {
        PageDir(vec![lang.to_string(), section.to_owned()])
    }

    /// `<lang>/<section>/<slug>/`: a memo.
    pub fn memo(lang: &Lang, section: &str, slug: &str) -> PageDir {
        PageDir(vec![lang.to_string(), section.to_owned(), slug.to_owned()])
    }

    /// `<lang>/<section>/wizard/<id>/`: a wizard (apart from memos, whose slugs it may share).
    pub fn wizard(lang: &Lang, section: &str, id: &str) -> PageDir {
        PageDir(vec![
            lang.to_string(),
            section.to_owned(),
            WIZARD.into(),
            id.to_owned(),
        ])
    }

    /// `<lang>/<section>/changes/<list>/`: every dated change of a price list.
    pub fn changes(lang: &Lang, section: &str, list: &str) -> PageDir {
        PageDir(vec![
            lang.to_string(),
            section.to_owned(),
            CHANGES.into(),
            list.to_owned(),
        ])
    }

    /// `<lang>/<section>/quote/<list>/`: the quote calculator of a price list.
    pub fn quote(lang: &Lang, section: &str, list: &str) -> PageDir {
        PageDir(vec![
            lang.to_string(),
            section.to_owned(),
            QUOTE.into(),
            list.to_owned(),
        ])
    }

    /// The page's file, relative to the output root: `bg/laptop-bg/withdrawal/index.html`.
    pub fn file(&self) -> String {
        let mut path = String::new();
        for s in &self.0 {
            let _ = write!(path, "{s}/");
        }
        path + "index.html"
    }

    /// From this page to the output root: `../../../`, or `` at the root.
    pub fn to_root(&self) -> String {
        "../".repeat(self.0.len())
    }

    /// A relative link from this page to `to`'s `index.html`.
    ///
    /// ```
    /// # use tarif::site::url::PageDir;
    /// # use tarif_engine::text::Lang;
    /// let bg = Lang::new("bg").unwrap();
    /// let a = PageDir::memo(&bg, "laptop-bg", "refusal");
    /// let b = PageDir::memo(&bg, "laptop-bg", "withdrawal");
    /// assert_eq!(a.href_to(&b), "../withdrawal/index.html");
    /// assert_eq!(a.href_to(&PageDir::home(&bg)), "../../index.html");
    /// assert_eq!(a.href_to(&a), "index.html");
    /// ```
    pub fn href_to(&self, to: &PageDir) -> String {
        self.href_to_path(&to.0)
    }

    /// [`PageDir::href_to`] the page in the folders `to` (`[lang, section, slug]`), with
    /// no `PageDir` made for it: for the links a page has by the hundred (a section's
    /// navigation: a large network's price lists gave 666 on each of 2,000 pages).
    pub fn href_to_path<S: AsRef<str>>(&self, to: &[S]) -> String {
        let common = self
            .0
            .iter()
            .zip(to)
            .take_while(|(a, b)| a.as_str() == b.as_ref())
            .count();
        let up = self.0.len() - common;
        let down: usize = to[common..].iter().map(|s| s.as_ref().len() + 1).sum();
        let mut href = String::with_capacity(3 * up + down + "index.html".len());
        for _ in 0..up {
            href.push_str("../");
        }
        for s in &to[common..] {
            href.push_str(s.as_ref());
            href.push('/');
        }
        href.push_str("index.html");
        href
    }

    /// Whether this is the page in the folders `to`.
    pub fn is_path<S: AsRef<str>>(&self, to: &[S]) -> bool {
        // The last folders first: the ones that tell a section's pages apart.
        self.0.len() == to.len()
            && self
                .0
                .iter()
                .zip(to)
                .rev()
                .all(|(a, b)| a.as_str() == b.as_ref())
    }

    /// The page's public address under `base` (which ends in `/`).
    pub fn absolute(&self, base: &str) -> String {
        let mut url = base.to_owned();
        for s in &self.0 {
            let _ = write!(url, "{s}/");
        }
        url
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The relative address written plainly: up to the common folder, then down.
    fn plain(from: &PageDir, to: &PageDir) -> String {
        let common = from.0.iter().zip(&to.0).take_while(|(a, b)| a == b).count();
        let down: String = to.0[common..].iter().map(|s| format!("{s}/")).collect();
        format!("{}{down}index.html", "../".repeat(from.0.len() - common))
    }

    #[test]
    fn a_path_links_as_its_page_dir_does() {
        let bg = Lang::new("bg").unwrap();
        let pages = [
            PageDir::root(),
            PageDir::home(&bg),
            PageDir::section(&bg, "laptop-bg"),
            PageDir::memo(&bg, "laptop-bg", "refusal"),
            PageDir::memo(&bg, "laptop-bg", "withdrawal"),
            PageDir::quote(&bg, "laptop-bg", "laptop-bg"),
            PageDir::memo(&bg, "other", "refusal"),
        ];
        for from in &pages {
            for to in &pages {
                let path: Vec<&str> = to.0.iter().map(String::as_str).collect();
                assert_eq!(
                    from.href_to_path(&path),
                    plain(from, to),
                    "{from:?} → {to:?}"
                );
                assert_eq!(from.href_to(to), plain(from, to));
                assert_eq!(from.is_path(&path), from == to, "{from:?} → {to:?}");
            }
        }
    }
}
