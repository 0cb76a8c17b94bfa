//! Embeds the built app (app/dist, made by `cargo xtask app`) into the `tarif` binary when
//! it is there, so that a content author needs nothing but `tarif`. Without it, `tarif`
//! still builds every page (they work without JavaScript) and says the app is missing.

use std::path::Path;

const FILES: [&str; 2] = ["app/dist/tarif-app.js", "app/dist/tarif-app_bg.wasm"];

fn main() {
    println!("cargo::rustc-check-cfg=cfg(tarif_app)");
    for f in FILES {
        println!("cargo::rerun-if-changed={f}");
    }
    if FILES.iter().all(|f| Path::new(f).is_file()) {
        println!("cargo::rustc-cfg=tarif_app");
    }
}
