//! The app's words, from the engine's one catalogue (`tarif_engine::locale`), shared with
//! the static pages and the CLI: this is the handle a view holds for its page's language.

use tarif_engine::locale::{Word, column, word_in};
use tarif_engine::text::Lang;

/// The catalogue in one language (its column).
#[derive(Clone, Copy)]
pub struct Words {
    column: usize,
}

impl Words {
    /// `w` in this language.
    pub fn get(self, w: Word) -> &'static str {
        word_in(self.column, w)
    }
}

/// The words in `lang` (English where tarif does not speak it).
pub fn words(lang: &Lang) -> Words {
    Words {
        column: column(lang),
    }
}
