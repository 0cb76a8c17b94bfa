//! What a generated page gives the WASM app: one type, written by the generator and read
//! by the app, so the two cannot drift apart. It travels in the page as [`pack`] text
//! (see [`PageData::to_text`]).

use crate::pack::{self, Pack};
use crate::price_list::PriceHistory;
use crate::search::Index;
use crate::text::Lang;
use crate::wizard::Wizard;

/// The id of the element the app mounts into.
pub const MOUNT_ID: &str = "tarif-app";
/// The id of the `<script>` data block that carries [`PageData`].
pub const DATA_ID: &str = "tarif-data";
/// The `type` of that data block (not JavaScript, so the browser never runs it).
pub const DATA_TYPE: &str = "application/x-tarif";

/// The data of one page for the app.
#[derive(Debug, Clone, PartialEq, Pack)]
pub struct PageData {
    /// The page's language.
    pub lang: Lang,
    /// Who publishes the page's terms and prices (the trader), for the head of a printed
    /// or copied quote.
    pub publisher: Publisher,
    /// The terms a quote rests on (title and relative link), for print and copy.
    pub terms: Vec<Link>,
    /// A quote calculator over this price list, with its dated changes: the app prices
    /// as of the visitor's today (or a quote link's day).
    pub calculator: Option<PriceHistory>,
    /// A wizard flow.
    pub wizard: Option<WizardData>,
    /// Search in the page's language.
    pub search: Option<SearchData>,
}

impl PageData {
    /// An empty page in `lang` published by `publisher`; the generator fills in one app.
    pub fn new(lang: Lang, publisher: Publisher) -> PageData {
        PageData {
            lang,
            publisher,
            terms: Vec::new(),
            calculator: None,
            wizard: None,
            search: None,
        }
    }

    /// The text of the page's data block, in [`pack`]'s form: the structure in letters,
    /// the texts with `<` escaped, so it can never end the `<script>` early.
    pub fn to_text(&self) -> String {
        pack::to_text(self)
    }

    /// Reads the text of a data block written by [`PageData::to_text`].
    pub fn from_text(text: &str) -> Result<PageData, pack::Error> {
        pack::from_text(text)
    }
}

/// The trader behind a section's terms and prices, in the page's language: its legal
/// name, then what identifies and reaches it (address, e-mail, the service provider),
/// each a line. Company-level only: never a person.
#[derive(Debug, Clone, Default, PartialEq, Pack, serde::Serialize)]
pub struct Publisher {
    pub name: String,
    pub details: Vec<String>,
}

/// What a wizard page gives the app.
#[derive(Debug, Clone, PartialEq, Pack)]
pub struct WizardData {
    pub wizard: Wizard,
    /// The wizard's price list (for service names and the prefilled quote), with its
    /// dated changes: the app reads it as of the wizard's today.
    pub list: Option<PriceHistory>,
    /// The relative path from the page to the site's root (`../../../`), for citations.
    pub root: String,
    /// The relative link to the calculator of `list`, for "See the quote".
    pub quote_page: Option<String>,
    /// The titles of the memo headings the wizard may cite, in the page's language:
    /// (`page#anchor`, title), so a citation reads as the section it points to.
    pub titles: Vec<(String, String)>,
}

/// What the search page gives the app: the index of the page's language. (The list of
/// every page is the page's own, which the app hides while there is a query.)
#[derive(Debug, Clone, PartialEq, Pack)]
pub struct SearchData {
    pub index: Index,
}

/// A titled link.
#[derive(Debug, Clone, PartialEq, Pack)]
pub struct Link {
    pub title: String,
    pub href: String,
}
