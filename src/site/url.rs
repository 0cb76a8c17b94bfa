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
            "wizard".into(),
            id.to_owned(),
        ])
    }

    /// `<lang>/<section>/changes/<list>/`: every dated change of a price list.
    pub fn changes(lang: &Lang, section: &str, list: &str) -> PageDir {
        PageDir(vec![
            lang.to_string(),
            section.to_owned(),
            "changes".into(),
            list.to_owned(),
        ])
    }

    /// `<lang>/<section>/quote/<list>/`: the quote calculator of a price list.
    pub fn quote(lang: &Lang, section: &str, list: &str) -> PageDir {
        PageDir(vec![
            lang.to_string(),
            section.to_owned(),
            "quote".into(),
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
        let common = self.0.iter().zip(&to.0).take_while(|(a, b)| a == b).count();
        let mut href = "../".repeat(self.0.len() - common);
        for s in &to.0[common..] {
            let _ = write!(href, "{s}/");
        }
        href + "index.html"
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
