//! Full-text search of a site's memos, price lists and wizards, in Russian, Bulgarian and
//! English.
//!
//! - [`tokens`], [`normalise`]: a text's words, lowercase, `ё` as `е`;
//! - [`stem()`], [`is_stop_word`]: light suffix-stripping stemmers (one algorithm, a suffix
//!   table per language) and the words too common to search for;
//! - [`terms`]: a text's searchable words with their stems, the one function that reads
//!   both the documents and the queries;
//! - [`Index`]: the index of a site in one language, built from [`Document`]s, and
//!   [`Index::search`], its ranked [`Hit`]s with snippets.
//!
//! The generator builds an index per language and packs it into the search page's data
//! block (`page::PageData`, in `pack`'s form); the WASM app reads it back and searches
//! as a person types. Both sides
//! stem with the same code, so a query is read exactly as the documents were:
//! `гаранционни` finds `гаранция`, `гарантийный` finds `гарантии`.
//!
//! # Why our own index rather than Pagefind
//!
//! Pagefind, the usual search for static sites, stems with Snowball, which has no
//! Bulgarian: Bulgarian pages would be indexed word for word, and its query side could not
//! stem a Bulgarian query either, so `гаранция` would not find `гаранционно` or
//! `гаранцията`. Here the same stemmer runs when the site is built and in the browser, for
//! ru, bg and en alike; and the index lives in this crate, which the app already ships:
//! no second WASM module or bundle of index fragments to serve, and search is tested with
//! the rest of the domain.

mod index;
mod languages;
mod snippet;
mod stem;
mod token;

pub use index::{Document, Found, Hit, Index, Part, RESULTS_SHOWN};
pub use snippet::SNIPPET_CHARS;
pub use stem::{Term, is_stop_word, stem, terms};
pub use token::{Token, normalise, tokens};
