//! Eligibility wizards: declarative flows of typed questions that end in an outcome with
//! its reasons, the memo clauses it rests on, the dates it computed and the price-list
//! items it implies.
//!
//! - [`model`]: the flow as data (what the generator serialises for the WASM app);
//! - [`source`] (feature `toml`): reading `*.wizard.toml`, every problem located;
//! - [`answer`]: typed answers, read from what a person types;
//! - [`condition`]: evaluating conditions (three-valued: unanswered is unknown);
//! - [`eval`]: from answers to the next question or the outcome;
//! - [`check`]: the static checks behind `tarif check`;
//! - [`paths`]: every path through a flow, for tests and the static decision table;
//! - [`view`]: an evaluation in one language, the JSON contract of `tarif ask`.
//!
//! "Today" is always an argument; the engine reads no clock.

pub mod answer;
pub mod check;
pub mod condition;
pub mod eval;
pub mod model;
pub mod paths;
#[cfg(feature = "toml")]
pub mod source;
pub mod view;

pub use answer::{Answer, AnswerError, Answers};
pub use check::{Problem, SiteFacts, check};
pub use eval::{Asked, EvalError, Reached, ServiceStatus, ServiceVerdict, Step, evaluate};
pub use model::*;
#[cfg(feature = "toml")]
pub use source::expr::parse as parse_condition;
#[cfg(feature = "toml")]
pub use source::{SourceMap, load_wizard, parse_wizard, wizard_id};
