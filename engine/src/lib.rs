//! # tarif-engine
//!
//! The domain of tarif: price lists, quotes and eligibility wizards. It does no
//! I/O and reads no clock, so the generator, the CLI and the WASM app all compute the
//! same quote from the same model. It builds for native targets and `wasm32-unknown-unknown`.
//!
//! - [`rounding`]: every rounding rule, in one place;
//! - [`money`]: currencies and amounts (`rust_decimal::Decimal`, never floats);
//! - [`text`]: languages and multilingual texts;
//! - [`price_list`]: the price-list model (and, with the `toml` feature, its reader);
//! - [`quantity`]: reading what a person types as a quantity (`250GB`, `2h30m`);
//! - [`quote`]: quotes from a price list;
//! - [`locale`]: tarif's own words in ru, bg and en, plural forms, money formatting;
//! - [`markup`]: the one HTML escaper, and a small writer of elements;
//! - [`messages`]: sentences about a person's input (a size not offered) in ru, bg, en;
//! - [`diagnostic`]: located problems in sources;
//! - [`date`]: calendar dates without a clock (days between, adding days and months);
//! - [`calendar`]: working days per country, and a period's last day moved past days off;
//! - [`wizard`]: eligibility wizards: questions, conditions, outcomes, checks, paths;
//! - [`pack`]: the compact binary form of the model that pages carry for the WASM app;
//! - [`page`]: what a generated page gives the WASM app (written by the generator, read by the app);
//! - [`search`]: full-text search: words, stems (ru, bg, en), the index and its queries.

// `#[derive(Pack)]` names `::tarif_engine::pack`, here as in the crates that use it.
extern crate self as tarif_engine;

pub mod calendar;
pub mod date;
pub mod diagnostic;
pub mod locale;
pub mod markup;
pub mod messages;
pub mod money;
pub mod pack;
pub mod page;
pub mod price_list;
pub mod quantity;
pub mod quote;
pub mod rounding;
pub mod search;
#[cfg(feature = "toml")]
mod source;
pub mod text;
pub mod wizard;
