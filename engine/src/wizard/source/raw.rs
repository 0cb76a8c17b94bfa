//! The shape of a `*.wizard.toml` as written, every part with its span so that the
//! reader can report where it is. Unknown fields are refused: a misspelt field would
//! otherwise be silently ignored.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use crate::source::{Literal, RawText};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawWizard {
    pub(super) title: Spanned<RawText>,
    pub(super) intro: Option<Spanned<RawText>>,
    pub(super) start: Option<Spanned<String>>,
    pub(super) price_list: Option<Spanned<String>>,
    #[serde(default)]
    pub(super) questions: Vec<RawQuestion>,
    #[serde(default)]
    pub(super) outcomes: Vec<RawOutcome>,
    pub(super) services: Option<Spanned<RawServices>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawQuestion {
    pub(super) id: Spanned<String>,
    pub(super) kind: Spanned<String>,
    pub(super) text: Spanned<RawText>,
    pub(super) hint: Option<Spanned<RawText>>,
    pub(super) options: Option<Spanned<Vec<RawChoice>>>,
    pub(super) none: Option<Spanned<RawChoice>>,
    pub(super) unit: Option<Spanned<RawText>>,
    pub(super) min: Option<Spanned<Literal>>,
    pub(super) max: Option<Spanned<Literal>>,
    pub(super) whole: Option<Spanned<bool>>,
    pub(super) future: Option<Spanned<bool>>,
    #[serde(default)]
    pub(super) branch: Vec<RawBranch>,
    pub(super) next: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawChoice {
    pub(super) id: Spanned<String>,
    pub(super) label: Spanned<RawText>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawBranch {
    #[serde(rename = "if")]
    pub(super) condition: Spanned<String>,
    pub(super) go: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawOutcome {
    pub(super) id: Spanned<String>,
    pub(super) verdict: Spanned<String>,
    pub(super) title: Spanned<RawText>,
    #[serde(default)]
    pub(super) reasons: Vec<Spanned<RawStatement>>,
    #[serde(default)]
    pub(super) next_steps: Vec<Spanned<RawStatement>>,
    #[serde(default)]
    pub(super) citations: Vec<Spanned<String>>,
    #[serde(default)]
    pub(super) dates: Vec<Spanned<RawDate>>,
    #[serde(default)]
    pub(super) quote: Vec<Spanned<RawQuote>>,
    #[serde(default)]
    pub(super) services: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawStatement {
    #[serde(rename = "if")]
    pub(super) condition: Option<Spanned<String>>,
    pub(super) text: Spanned<RawText>,
    pub(super) cite: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawDate {
    #[serde(rename = "if")]
    pub(super) condition: Option<Spanned<String>>,
    pub(super) id: Spanned<String>,
    pub(super) label: Spanned<RawText>,
    pub(super) from: Spanned<String>,
    pub(super) add_days: Option<Spanned<i64>>,
    pub(super) add_months: Option<Spanned<i64>>,
    pub(super) calendar: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawQuote {
    pub(super) item: Spanned<String>,
    #[serde(rename = "if")]
    pub(super) condition: Option<Spanned<String>>,
    pub(super) quantity: Option<Spanned<u32>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawServices {
    pub(super) needed: Option<Spanned<String>>,
    #[serde(default)]
    pub(super) client: Vec<Spanned<RawRequirement>>,
    #[serde(default)]
    pub(super) client_for: BTreeMap<String, Spanned<Vec<Spanned<RawRequirement>>>>,
    #[serde(default)]
    pub(super) who: BTreeMap<String, Spanned<Vec<Spanned<RawRequirement>>>>,
    #[serde(default, rename = "where")]
    pub(super) place: BTreeMap<String, Spanned<Vec<Spanned<RawRequirement>>>>,
    #[serde(default)]
    pub(super) often: BTreeMap<String, Spanned<Vec<Spanned<RawRequirement>>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRequirement {
    #[serde(rename = "if")]
    pub(super) condition: Spanned<String>,
    pub(super) met: Spanned<RawText>,
    pub(super) unmet: Spanned<RawText>,
    pub(super) unsure: Option<Spanned<RawUnsure>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawUnsure {
    #[serde(rename = "if")]
    pub(super) condition: Spanned<String>,
    pub(super) text: Spanned<RawText>,
}
