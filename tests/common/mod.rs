//! Helpers shared by the integration tests: the default site's files, read from the repo.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use rust_decimal::Decimal;
use tarif_engine::price_list::PriceList;

/// The repository root (the default site's root).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A price list of the default site, loaded as `tarif` loads it.
pub fn price_list(id: &str) -> PriceList {
    let path = root().join("price-lists").join(format!("{id}.toml"));
    let name = Path::new("price-lists").join(format!("{id}.toml"));
    tarif::sources::read_price_list(&path, &name.display().to_string())
        .unwrap_or_else(|problems| panic!("{id} does not load: {problems:#?}"))
}

pub fn d(s: &str) -> Decimal {
    s.parse().expect("a decimal literal")
}
