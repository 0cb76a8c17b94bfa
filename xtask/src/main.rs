//! `cargo xtask <task>`: the developer commands of the README.
//!
//! - `cargo xtask serve [ARGS]`: installs what is missing (the wasm target, trunk,
//!   wasm-bindgen-cli, wasm-opt), builds the app, then builds and serves the default site
//!   with `tarif serve [ARGS]`.
//! - `cargo xtask test`: installs what the tests need (Chromium and chromedriver too),
//!   then runs every check and test: formatting, clippy (native and wasm32), the app
//!   bundle, the workspace's tests, the engine's wasm32 build, the app's browser tests.
//! - `cargo xtask app`: builds the app bundle (app/dist) that the `tarif` binary embeds.
//! - `cargo xtask fuzz [TARGET] [--time S]`: the coverage-guided fuzz targets (`fuzz.rs`).
//! - `cargo xtask lighthouse [--runs N] [--only SUBSTRING] [--traces DIR] [--site DIR]`: installs
//!   Lighthouse, builds and serves the default site with the app, and writes Lighthouse's
//!   scores for every page type (the median of N runs, 3 by default) to
//!   `bench/lighthouse.md` (`lighthouse.rs`).
//!
//! Each step prints what it runs; the first failure stops the task with its exit code.
//! Tools are installed once and found again on the next run at their pinned versions.

mod bare;
mod fuzz;
mod lighthouse;
mod size;
mod tools;

use std::env;
use std::path::Path;
use std::process::{Command, exit};

use size::Sizes;
use tools::WASM;

fn main() {
    let args: Vec<String> = env::args().skip(1).collect();
    let rest: Vec<&str> = args
        .iter()
        .skip(1)
        .map(String::as_str)
        .filter(|a| *a != "--")
        .collect();
    let result = match args.first().map(String::as_str) {
        Some("test") => test(),
        Some("serve") => serve(&rest),
        Some("app") => tools::ensure_app_tools().and_then(|_| app()),
        Some("lighthouse") => lighthouse::lighthouse(&rest),
        Some("bare") => bare::bare(&rest),
        Some("fuzz") => fuzz::fuzz(&rest),
        _ => {
            eprintln!(
                "usage: cargo xtask <task>\n\n  serve [ARGS]  install what is missing, build the app, build and serve the default site\n  test          install what the tests need, then run every check and test\n  app           build the app bundle the tarif binary embeds\n  lighthouse [--runs N] [--only SUBSTRING] [--traces DIR] [--site DIR]\n                Lighthouse's scores for every page type (or those matching SUBSTRING), the\n                median of N runs (3), into bench/lighthouse.md; --traces keeps the traces,\n                --site measures a site built already\n  bare [serve|test|app]\n                the README's commands on a simulated bare machine (fresh clone, empty\n                cargo home and tools folder), timed; `app`: the app's offline build\n                from an empty cargo cache (CI)\n  fuzz [TARGET] [--time S]\n                the fuzz targets of fuzz/ (all, 60 s each, by default)"
            );
            exit(2);
        }
    };
    if let Err(message) = result {
        eprintln!("xtask: {message}");
        exit(1);
    }
}

fn root() -> &'static Path {
    // xtask/ is one level below the workspace root.
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap_or(Path::new("."))
}

fn test() -> Result<(), String> {
    tools::ensure_app_tools()?;
    tools::ensure_chromium()?;
    tools::ensure_axe_core()?;
    run("cargo", &["fmt", "--all", "--", "--check"])?;
    run(
        "cargo",
        &["clippy", "--all-targets", "--", "-D", "warnings"],
    )?;
    run(
        "cargo",
        &[
            "clippy",
            "-p",
            "tarif-app",
            "--target",
            WASM,
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ],
    )?;
    app()?;
    run("cargo", &["test"])?;
    browser_tests()?;
    // The engine alone for wasm32 (the browser tests just compiled it: quick).
    run("cargo", &["build", "-p", "tarif-engine", "--target", WASM])
}

/// The app's tests, in headless Chromium through chromedriver.
fn browser_tests() -> Result<(), String> {
    eprintln!("+ cargo test -p tarif-app --target {WASM}");
    let status = Command::new("cargo")
        .args(["test", "-p", "tarif-app", "--target", WASM])
        .env("PATH", tools::path_with_tools())
        .env("CHROMEDRIVER", "/usr/bin/chromedriver")
        .current_dir(root())
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    check("cargo test -p tarif-app", status)
}

/// Builds app/dist with trunk, offline, with the pinned tools first on PATH.
///
/// The bundle's standard library is compiled with it, for size (`opt-level = "z"`, and a
/// panic stops the app where it happens instead of formatting a message no one reads: on
/// `wasm32-unknown-unknown` it reaches no console either way). That is cargo's `build-std`,
/// which the pinned stable toolchain runs when told to (`RUSTC_BOOTSTRAP`); the flags are
/// added to `.cargo/config.toml`'s for the wasm target, only in this build.
fn app() -> Result<(), String> {
    eprintln!("+ trunk build (app/)");
    let status = Command::new("trunk")
        .args(["build", "--release", "--cargo-profile", "wasm-release"])
        .env("PATH", tools::path_with_tools())
        .env("RUSTC_BOOTSTRAP", "1")
        .env("CARGO_UNSTABLE_BUILD_STD", "std,panic_abort")
        .env(
            "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS",
            "-Zunstable-options -Cpanic=immediate-abort",
        )
        .current_dir(root().join("app"))
        .status()
        .map_err(|e| format!("cannot run trunk: {e}"))?;
    check("trunk build", status)?;
    let mut total = Sizes::default();
    for file in ["tarif-app_bg.wasm", "tarif-app.js"] {
        let path = root().join("app/dist").join(file);
        let bytes = std::fs::read(&path)
            .map_err(|e| format!("trunk did not write {}: {e}", path.display()))?;
        let sizes = Sizes::of(&bytes);
        eprintln!("  app/dist/{file}: {sizes}");
        total = total.plus(&sizes);
    }
    eprintln!(
        "  the app (wasm + JS): {total}: {} of the budget's {} bytes brotli",
        total.brotli,
        size::BUDGET
    );
    if total.brotli <= size::BUDGET {
        return Ok(());
    }
    // Over the ceiling: say what the code is made of, from rustc's output (named).
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| root().join("target"), std::path::PathBuf::from);
    let unoptimised = target.join("wasm32-unknown-unknown/wasm-release/tarif-app.wasm");
    let parts = std::fs::read(&unoptimised)
        .map_err(|e| format!("cannot read {}: {e}", unoptimised.display()))
        .and_then(|bytes| size::contributors(&bytes))
        .unwrap_or_else(|e| {
            eprintln!("  ({e})");
            Vec::new()
        });
    size::check_budget(&total, &parts, 12)
}

fn serve(args: &[&str]) -> Result<(), String> {
    tools::ensure_app_tools()?;
    app()?;
    let mut all = vec!["run", "--release", "--bin", "tarif", "--", "serve"];
    all.extend_from_slice(args);
    run("cargo", &all)
}

pub fn check(what: &str, status: std::process::ExitStatus) -> Result<(), String> {
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{what}` failed ({status})"))
    }
}

pub fn run(program: &str, args: &[&str]) -> Result<(), String> {
    run_in(root(), program, args)
}

pub fn run_in(dir: &Path, program: &str, args: &[&str]) -> Result<(), String> {
    eprintln!("+ {program} {}", args.join(" "));
    let started = std::time::Instant::now();
    let status = Command::new(program)
        .args(args)
        .current_dir(dir)
        .env("PATH", tools::path_with_tools())
        .status()
        .map_err(|e| format!("cannot run {program}: {e}"))?;
    eprintln!(
        "  ({program} {}: {:.1} s)",
        args.first().unwrap_or(&""),
        started.elapsed().as_secs_f64()
    );
    check(&format!("{program} {}", args.join(" ")), status)
}

pub fn output(program: &str, args: &[&str]) -> Result<String, String> {
    let out = Command::new(program)
        .args(args)
        .env("PATH", tools::path_with_tools())
        .output()
        .map_err(|e| format!("cannot run {program}: {e}"))?;
    Ok(String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr))
}
