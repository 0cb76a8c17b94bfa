//! The WASM app, embedded at compile time from app/dist (see build.rs and ARCHITECTURE.md).

/// The app's two files: wasm-bindgen's JS glue and the WebAssembly module.
pub struct AppBundle {
    pub js: &'static [u8],
    pub wasm: &'static [u8],
}

/// The embedded app, if this binary was built after `cargo xtask app`.
#[cfg(tarif_app)]
pub const APP: Option<AppBundle> = Some(AppBundle {
    js: include_bytes!("../app/dist/tarif-app.js"),
    wasm: include_bytes!("../app/dist/tarif-app_bg.wasm"),
});

/// The embedded app, if this binary was built after `cargo xtask app`.
#[cfg(not(tarif_app))]
pub const APP: Option<AppBundle> = None;
