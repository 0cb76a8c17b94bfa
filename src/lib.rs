//! tarif: the generator and the commands behind the `tarif` binary. The domain lives in
//! `tarif-engine`; this crate reads files, renders output and talks to the terminal.

pub mod app_bundle;
pub mod clock;
pub mod commands;
pub mod memory;
pub mod serve;
pub mod site;
pub mod sources;
