//! `cargo xtask fuzz [TARGET] [--time S]`: the coverage-guided fuzz targets of `fuzz/`
//! (cargo-fuzz, libFuzzer), each from its committed seed corpus (`fuzz/seeds/<target>`)
//! and dictionary (`fuzz/dicts/<target>.dict`), with a per-input time limit and a memory
//! limit, so that a hang or a blow-up fails like a panic. New inputs go to
//! `fuzz/corpus/<target>` and crashes to `fuzz/artifacts/<target>` (neither committed).
//!
//! Built with `--sanitizer none`: the code fuzzed is safe Rust (its failures are panics,
//! overflows with debug assertions, hangs and runaway memory, which libFuzzer sees
//! without ASan), and the stable toolchain runs it as is, with no nightly flag. ASan
//! would about halve the executions a second for no finding it could make here.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Instant;

use crate::{root, tools};

/// One target per input a stranger or an author controls.
pub const TARGETS: [&str; 9] = [
    "price_list",
    "wizard",
    "memo",
    "quantity",
    "quote_url",
    "wizard_url",
    "page_data",
    "search",
    "sanitiser",
];

/// An input taking longer than this is a hang.
const INPUT_TIMEOUT_S: u64 = 10;
/// A process growing past this is a blow-up.
const RSS_LIMIT_MB: u64 = 2048;

/// `cargo xtask fuzz [TARGET] [--time S]` (default: every target, 60 s each).
pub fn fuzz(args: &[&str]) -> Result<(), String> {
    let mut seconds = 60;
    let mut chosen = Vec::new();
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match *arg {
            "--time" => {
                seconds = rest
                    .next()
                    .and_then(|s| s.parse().ok())
                    .ok_or("--time takes a number of seconds")?;
            }
            t if TARGETS.contains(&t) => chosen.push(t),
            other => {
                return Err(format!(
                    "no fuzz target {other:?}; the targets: {}",
                    TARGETS.join(", ")
                ));
            }
        }
    }
    if chosen.is_empty() {
        chosen = TARGETS.to_vec();
    }
    run_targets(&chosen, seconds)
}

/// Builds the targets once, then fuzzes each for `seconds`; every target runs even when
/// one fails, and the failures are reported together.
pub fn run_targets(targets: &[&str], seconds: u64) -> Result<(), String> {
    tools::ensure_cargo_fuzz()?;
    crate::run("cargo", &["fuzz", "build", "--sanitizer", "none"])?;
    let mut failed = Vec::new();
    let mut summary = Vec::new();
    for target in targets {
        let (stats, ok) = run_one(target, seconds)?;
        summary.push(format!("  {target:<11} {stats}"));
        if !ok {
            failed.push(*target);
        }
    }
    eprintln!("fuzzing, per target:\n{}", summary.join("\n"));
    if failed.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "fuzz targets failed: {} (the inputs are in fuzz/artifacts/<target>/; \
             `cargo fuzz run --sanitizer none <target> <file>` replays one)",
            failed.join(", ")
        ))
    }
}

/// One target for `seconds`: libFuzzer's final figures (executions, time, coverage), and
/// whether it found nothing.
fn run_one(target: &str, seconds: u64) -> Result<(String, bool), String> {
    let fuzz = root().join("fuzz");
    let corpus = fuzz.join("corpus").join(target);
    let artifacts = fuzz.join("artifacts").join(target);
    for dir in [&corpus, &artifacts] {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let args = [
        "fuzz".to_owned(),
        "run".into(),
        "--sanitizer".into(),
        "none".into(),
        target.into(),
        format!("fuzz/corpus/{target}"),
        format!("fuzz/seeds/{target}"),
        "--".into(),
        format!("-dict=fuzz/dicts/{target}.dict"),
        format!("-max_total_time={seconds}"),
        format!("-timeout={INPUT_TIMEOUT_S}"),
        format!("-rss_limit_mb={RSS_LIMIT_MB}"),
        format!("-artifact_prefix=fuzz/artifacts/{target}/"),
        "-print_final_stats=1".into(),
    ];
    eprintln!("+ cargo {}", args.join(" "));
    let mut started = Instant::now();
    let mut child = Command::new("cargo")
        .args(&args)
        .current_dir(root())
        .env("PATH", tools::path_with_tools())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run cargo fuzz: {e}"))?;
    let mut last = String::new();
    let mut executions = String::new();
    if let Some(err) = child.stderr.take() {
        for line in BufReader::new(err).lines().map_while(Result::ok) {
            // libFuzzer's first line: the build (if any) is done, the fuzzing starts.
            if line.starts_with("INFO: Seed:") {
                started = Instant::now();
            }
            // The inputs found are many lines of little interest; the rest is shown.
            if !line.contains("\tNEW ") && !line.contains("\tREDUCE ") {
                eprintln!("{line}");
            }
            if line.contains(" cov: ") {
                last = line.clone();
            }
            if let Some(n) = line.strip_prefix("stat::number_of_executed_units:") {
                executions = n.trim().to_owned();
            }
        }
    }
    let status = child.wait().map_err(|e| e.to_string())?;
    let coverage = last
        .split_whitespace()
        .skip_while(|w| *w != "cov:")
        .take(4)
        .collect::<Vec<_>>()
        .join(" ");
    let stats = format!(
        "{executions} executions in {:.0} s, {coverage}{}",
        started.elapsed().as_secs_f64(),
        if status.success() { "" } else { ": FAILED" }
    );
    Ok((stats, status.success()))
}
