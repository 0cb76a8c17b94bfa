//! Installing the tools the app and the browser tests need, each only when it is missing
//! or at another version than the pinned one. Everything comes from the package
//! registries this project may use (crates.io, npm, Debian); nothing downloads binaries
//! at run time.

use std::env;
use std::fs;
use std::path::{Path, PathBuf};

use crate::{output, run, run_in};

pub const WASM: &str = "wasm32-unknown-unknown";
pub const TRUNK: &str = "0.21.14";
/// Must equal the `wasm-bindgen` the app pins (`=0.2.130` in app/Cargo.toml).
pub const WASM_BINDGEN: &str = "0.2.130";
/// cargo-fuzz, for `cargo xtask fuzz` and CI's brief fuzzing (`xtask/src/fuzz.rs`).
pub const CARGO_FUZZ: &str = "0.13.2";
/// npm's `binaryen` package: wasm-opt. Debian's binaryen (v108) breaks modules rustc 1.95 makes.
pub const BINARYEN: &str = "132";
/// npm's `axe-core`: the accessibility rules the end-to-end test runs on every page type
/// (`tests/e2e/a11y.rs` reads `<tools_dir>/node_modules/axe-core/axe.min.js`).
pub const AXE_CORE: &str = "4.14.1";
/// npm's `lighthouse`, for `cargo xtask lighthouse`. 13.x wants Node ≥ 22.19; 12.8 runs
/// on the Node 18–20 that Debian and most CI images have.
pub const LIGHTHOUSE: &str = "12.8.2";

/// The environment variable that moves the tools folder (`cargo xtask bare` sets it to a
/// temporary one; the end-to-end tests read it too).
pub const TOOLS_DIR_VAR: &str = "TARIF_TOOLS_DIR";

fn home() -> PathBuf {
    env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/tmp"))
}

/// Where tools that are not cargo binaries are installed (kept across clones):
/// `$TARIF_TOOLS_DIR`, else `~/.local/share/tarif-tools`.
pub fn tools_dir() -> PathBuf {
    match env::var_os(TOOLS_DIR_VAR) {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => home().join(".local/share/tarif-tools"),
    }
}

/// Cargo's home as cargo itself finds it: `$CARGO_HOME`, else `~/.cargo`.
pub fn cargo_home() -> PathBuf {
    match env::var_os("CARGO_HOME") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => home().join(".cargo"),
    }
}

/// PATH with the tools directories first: the npm tools, then `$CARGO_HOME/bin`, where
/// `cargo install` puts trunk and wasm-bindgen.
pub fn path_with_tools() -> String {
    let dirs = [
        tools_dir().join("node_modules/.bin"),
        cargo_home().join("bin"),
    ];
    let rest = env::var_os("PATH").unwrap_or_default();
    env::join_paths(dirs.into_iter().chain(env::split_paths(&rest)))
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn version_of(program: &str, args: &[&str]) -> String {
    output(program, args).unwrap_or_default()
}

pub fn ensure_wasm_target() -> Result<(), String> {
    let installed = output("rustup", &["target", "list", "--installed"])?;
    if installed.lines().any(|l| l.trim() == WASM) {
        return Ok(());
    }
    run("rustup", &["target", "add", WASM])
}

/// The standard library's source, which the app's release build compiles for size.
fn ensure_rust_src() -> Result<(), String> {
    let installed = output("rustup", &["component", "list", "--installed"])?;
    if installed.lines().any(|l| l.trim().starts_with("rust-src")) {
        return Ok(());
    }
    run("rustup", &["component", "add", "rust-src"])
}

/// Everything `trunk build` needs: the wasm target, the standard library's source (the
/// bundle rebuilds it for size), every crate the offline build compiles, trunk,
/// wasm-bindgen, wasm-opt.
pub fn ensure_app_tools() -> Result<(), String> {
    ensure_wasm_target()?;
    ensure_rust_src()?;
    fetch_sources()?;
    ensure_trunk()?;
    ensure_wasm_bindgen()?;
    ensure_wasm_opt()
}

/// Downloads into cargo's cache every crate that trunk's offline build compiles: the
/// workspace's, and the standard library's own dependencies (its `Cargo.lock` in the
/// toolchain's `rust-src`), which `build-std` compiles and which no machine has until
/// something fetches them. Quick when they are cached: cargo only reads the locks.
pub fn fetch_sources() -> Result<(), String> {
    run("cargo", &["fetch", "--locked"])?;
    let sysroot = output_ok("rustc", &["--print", "sysroot"])?;
    let library = Path::new(sysroot.trim()).join("lib/rustlib/src/rust/library/Cargo.toml");
    if !library.is_file() {
        return Err(format!(
            "no standard library source at {} (rustup component add rust-src)",
            library.display()
        ));
    }
    // The library's manifest uses unstable cargo features, as build-std does.
    eprintln!(
        "+ RUSTC_BOOTSTRAP=1 cargo fetch --locked --manifest-path {}",
        library.display()
    );
    let status = std::process::Command::new("cargo")
        .args(["fetch", "--locked", "--manifest-path"])
        .arg(&library)
        .env("RUSTC_BOOTSTRAP", "1")
        .env("PATH", path_with_tools())
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    crate::check("cargo fetch (the standard library's dependencies)", status)
}

/// A command's standard output, or its error output as the failure.
fn output_ok(program: &str, args: &[&str]) -> Result<String, String> {
    let out = std::process::Command::new(program)
        .args(args)
        .env("PATH", path_with_tools())
        .output()
        .map_err(|e| format!("cannot run {program}: {e}"))?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        Err(format!(
            "`{program} {}` failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        ))
    }
}

fn ensure_trunk() -> Result<(), String> {
    if version_of("trunk", &["--version"]).contains(TRUNK) {
        return Ok(());
    }
    // A debug build installs in a fraction of the time; trunk's own speed barely matters.
    run(
        "cargo",
        &[
            "install",
            "--locked",
            "--debug",
            "trunk",
            "--version",
            TRUNK,
        ],
    )
}

/// cargo-fuzz (crates.io, into `$CARGO_HOME/bin`). The targets build with `--sanitizer
/// none`, which the stable toolchain runs without nightly flags.
pub fn ensure_cargo_fuzz() -> Result<(), String> {
    if version_of("cargo", &["fuzz", "--version"]).contains(CARGO_FUZZ) {
        return Ok(());
    }
    run(
        "cargo",
        &["install", "--locked", "cargo-fuzz", "--version", CARGO_FUZZ],
    )
}

fn ensure_wasm_bindgen() -> Result<(), String> {
    let has = |p: &str| version_of(p, &["--version"]).contains(WASM_BINDGEN);
    if has("wasm-bindgen") && has("wasm-bindgen-test-runner") {
        return Ok(());
    }
    let version = WASM_BINDGEN;
    if run(
        "cargo",
        &[
            "install",
            "--locked",
            "wasm-bindgen-cli",
            "--version",
            version,
        ],
    )
    .is_ok()
    {
        return Ok(());
    }
    // wasm-bindgen-cli 0.2.130's shipped lock pins webpki-roots 1.0.11, which the registry
    // here lacks. The failed install left the crate in cargo's cache: unpack it, move that
    // one dependency to 1.0.10, and install from the sources.
    eprintln!("  (retrying wasm-bindgen-cli {version} with webpki-roots 1.0.10)");
    let archive = cached_crate("wasm-bindgen-cli", version)?;
    let work = env::temp_dir().join("tarif-wasm-bindgen-cli");
    let _ = fs::remove_dir_all(&work);
    fs::create_dir_all(&work).map_err(|e| e.to_string())?;
    run(
        "tar",
        &[
            "xzf",
            &archive.to_string_lossy(),
            "-C",
            &work.to_string_lossy(),
        ],
    )?;
    let src = work.join(format!("wasm-bindgen-cli-{version}"));
    run_in(
        &src,
        "cargo",
        &["update", "-p", "webpki-roots", "--precise", "1.0.10"],
    )?;
    run_in(&src, "cargo", &["install", "--locked", "--path", "."])
}

/// `name-version.crate` in cargo's download cache.
fn cached_crate(name: &str, version: &str) -> Result<PathBuf, String> {
    let cache = cargo_home().join("registry/cache");
    fs::read_dir(&cache)
        .map_err(|e| format!("no cargo download cache at {}: {e}", cache.display()))?
        .flatten()
        .map(|d| d.path().join(format!("{name}-{version}.crate")))
        .find(|p| p.is_file())
        .ok_or_else(|| format!("cargo did not download {name} {version}"))
}

fn ensure_wasm_opt() -> Result<(), String> {
    let wasm_opt = tools_dir().join("node_modules/.bin/wasm-opt");
    if version_of(&wasm_opt.to_string_lossy(), &["--version"])
        .contains(&format!("version {BINARYEN}"))
    {
        return Ok(());
    }
    npm_install("binaryen", BINARYEN)
}

/// axe-core's `axe.min.js`, which the end-to-end accessibility test injects into pages.
pub fn axe_core_js() -> PathBuf {
    tools_dir().join("node_modules/axe-core/axe.min.js")
}

/// axe-core for the end-to-end accessibility test.
pub fn ensure_axe_core() -> Result<(), String> {
    if npm_version("axe-core").as_deref() == Some(AXE_CORE) && axe_core_js().is_file() {
        return Ok(());
    }
    npm_install("axe-core", AXE_CORE)
}

/// Lighthouse's command line, `<tools_dir>/node_modules/.bin/lighthouse`.
pub fn ensure_lighthouse() -> Result<PathBuf, String> {
    let bin = tools_dir().join("node_modules/.bin/lighthouse");
    if npm_version("lighthouse").as_deref() != Some(LIGHTHOUSE) || !bin.is_file() {
        npm_install("lighthouse", LIGHTHOUSE)?;
    }
    Ok(bin)
}

/// The version of an npm package installed in the tools directory, from its package.json.
fn npm_version(package: &str) -> Option<String> {
    let manifest = tools_dir()
        .join("node_modules")
        .join(package)
        .join("package.json");
    let text = fs::read_to_string(manifest).ok()?;
    // `"version": "4.14.1"`: the first such key of the manifest is the package's own.
    let after = &text[text.find("\"version\"")? + "\"version\"".len()..];
    let start = after.find('"')? + 1;
    let len = after[start..].find('"')?;
    Some(after[start..start + len].to_owned())
}

/// `npm install PACKAGE@VERSION` into the tools directory, the version pinned exactly.
fn npm_install(package: &str, version: &str) -> Result<(), String> {
    fs::create_dir_all(tools_dir()).map_err(|e| e.to_string())?;
    let prefix = tools_dir().to_string_lossy().into_owned();
    run(
        "npm",
        &[
            "install",
            "--no-audit",
            "--no-fund",
            "--save-exact",
            "--prefix",
            &prefix,
            &format!("{package}@{version}"),
        ],
    )
}

/// Debian's Chromium and its driver, for the browser tests.
pub fn ensure_chromium() -> Result<(), String> {
    if Path::new("/usr/bin/chromium").is_file() && Path::new("/usr/bin/chromedriver").is_file() {
        return Ok(());
    }
    // Non-interactive: CI has no terminal for debconf to ask on.
    let root = output("id", &["-u"]).unwrap_or_default().trim() == "0";
    let apt = |args: &[&str]| {
        let mut all: Vec<&str> = if root { vec![] } else { vec!["sudo"] };
        all.extend(["env", "DEBIAN_FRONTEND=noninteractive", "apt-get"]);
        all.extend_from_slice(args);
        run(all[0], &all[1..])
    };
    apt(&["update", "-qq"])?;
    apt(&["install", "-y", "-qq", "chromium", "chromium-driver"])
}
