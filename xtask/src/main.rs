//! `cargo xtask <task>`: the developer commands of the README.
//!
//! - `cargo xtask test`: installs what the tests need (missing tools only), then runs
//!   every check and test: formatting, clippy, the workspace's tests, and the engine's
//!   wasm32 build.
//!
//! Each step prints what it runs; the first failure stops the task with its exit code.

use std::env;
use std::process::{Command, exit};

fn main() {
    let task = env::args().nth(1).unwrap_or_default();
    let result = match task.as_str() {
        "test" => test(),
        _ => {
            eprintln!(
                "usage: cargo xtask test\n\n  test   install what the tests need, then run every check and test"
            );
            exit(2);
        }
    };
    if let Err(message) = result {
        eprintln!("xtask: {message}");
        exit(1);
    }
}

const WASM: &str = "wasm32-unknown-unknown";

fn test() -> Result<(), String> {
    ensure_wasm_target()?;
    run("cargo", &["fmt", "--all", "--", "--check"])?;
    run(
        "cargo",
        &[
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ],
    )?;
    run("cargo", &["test", "--workspace"])?;
    run("cargo", &["build", "-p", "tarif-engine", "--target", WASM])?;
    Ok(())
}

/// Adds the wasm32 target through rustup unless it is installed already.
fn ensure_wasm_target() -> Result<(), String> {
    let installed = output("rustup", &["target", "list", "--installed"])?;
    if installed.lines().any(|l| l.trim() == WASM) {
        return Ok(());
    }
    run("rustup", &["target", "add", WASM])
}

fn run(program: &str, args: &[&str]) -> Result<(), String> {
    eprintln!("+ {program} {}", args.join(" "));
    let status = Command::new(program)
        .args(args)
        .status()
        .map_err(|e| format!("cannot run {program}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{program} {}` failed ({status})", args.join(" ")))
    }
}

fn output(program: &str, args: &[&str]) -> Result<String, String> {
    let out = Command::new(program)
        .args(args)
        .output()
        .map_err(|e| format!("cannot run {program}: {e}"))?;
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}
