//! `cargo xtask bare`: the README's two commands as a newcomer runs them on a bare
//! machine, simulated without touching this one.
//!
//! Each run gets a fresh clone of the committed `HEAD`, a temporary `CARGO_HOME` that
//! holds only the registry configuration (no cached crates, no installed binaries: the
//! toolchain's commands are rustup's proxies, linked in), a temporary tools folder
//! (`TARIF_TOOLS_DIR`), and a `PATH` without this machine's cargo binaries or npm tools.
//! The rustup toolchain is the machine's own, as on a bare machine of this kind; so are
//! Debian's packages (Chromium, chromedriver), which a simulation cannot take away.
//!
//! - `cargo xtask bare` runs `cargo xtask serve` (until it serves the default site) and
//!   `cargo xtask test`, each from nothing, and prints how long each phase took;
//! - `cargo xtask bare serve` or `cargo xtask bare test` runs one of them;
//! - `cargo xtask bare app` is CI's quick check of the step that once broke: the app's
//!   offline bundle build from an empty cargo cache (the installed tools stay on PATH).

use std::env;
use std::fs;
use std::io::{Read as _, Write as _};
use std::net::TcpStream;
use std::os::unix::process::CommandExt as _;
use std::path::PathBuf;
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use crate::tools::{TOOLS_DIR_VAR, cargo_home, tools_dir};

/// What one run of `bare` reproduces.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Run {
    Serve,
    Test,
    App,
}

pub fn bare(args: &[&str]) -> Result<(), String> {
    let paths = match args {
        [] => vec![Run::Serve, Run::Test],
        ["serve"] => vec![Run::Serve],
        ["test"] => vec![Run::Test],
        ["app"] => vec![Run::App],
        _ => return Err("usage: cargo xtask bare [serve | test | app]".into()),
    };
    let mut timings = Vec::new();
    for path in paths {
        let started = Instant::now();
        let result = run_bare(path);
        let took = started.elapsed();
        eprintln!("bare: {path:?} {} in {}", verdict(&result), minutes(took));
        timings.push((path, took, result));
    }
    eprintln!("\nbare machine, simulated (load average now: {}):", load());
    for (path, took, result) in &timings {
        eprintln!(
            "  {:<6} {:>10}  {}",
            format!("{path:?}"),
            minutes(*took),
            verdict(result)
        );
    }
    timings.into_iter().try_for_each(|(_, _, r)| r)
}

fn verdict(result: &Result<(), String>) -> &'static str {
    if result.is_ok() { "passed" } else { "FAILED" }
}

fn minutes(d: Duration) -> String {
    let s = d.as_secs();
    format!("{} min {:02} s", s / 60, s % 60)
}

fn load() -> String {
    fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

/// A temporary machine: a clone, a cargo home, a tools folder. Removed when dropped.
struct Machine {
    dir: PathBuf,
    clone: PathBuf,
    cargo_home: PathBuf,
    tools: PathBuf,
}

impl Drop for Machine {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.dir);
    }
}

impl Machine {
    fn new(what: Run) -> Result<Machine, String> {
        let dir = env::temp_dir().join(format!(
            "tarif-bare-{}-{}",
            format!("{what:?}").to_lowercase(),
            std::process::id()
        ));
        let _ = fs::remove_dir_all(&dir);
        let machine = Machine {
            clone: dir.join("tarif"),
            cargo_home: dir.join("cargo-home"),
            tools: dir.join("tools"),
            dir,
        };
        fs::create_dir_all(machine.cargo_home.join("bin")).map_err(|e| e.to_string())?;
        let root = crate::root();
        eprintln!("bare: a fresh clone of HEAD (uncommitted changes are not in it)");
        crate::run_in(
            root,
            "git",
            &[
                "clone",
                "--quiet",
                "--no-hardlinks",
                &root.to_string_lossy(),
                &machine.clone.to_string_lossy(),
            ],
        )?;
        // The registry configuration, and nothing else of this machine's cargo home.
        let real = cargo_home();
        for name in ["config.toml", "config", "credentials.toml", "credentials"] {
            if real.join(name).is_file() {
                fs::copy(real.join(name), machine.cargo_home.join(name))
                    .map_err(|e| e.to_string())?;
            }
        }
        // rustup's proxies (cargo, rustc, rustfmt, clippy…): links to rustup, which picks
        // the tool by the name it was called by. They are the toolchain, not installs.
        let rustup = fs::canonicalize(real.join("bin/rustup"))
            .map_err(|e| format!("no rustup in {}: {e}", real.join("bin").display()))?;
        for entry in fs::read_dir(real.join("bin"))
            .map_err(|e| e.to_string())?
            .flatten()
        {
            let is_proxy = fs::canonicalize(entry.path()).is_ok_and(|p| p == rustup);
            if is_proxy {
                std::os::unix::fs::symlink(
                    &rustup,
                    machine.cargo_home.join("bin").join(entry.file_name()),
                )
                .map_err(|e| e.to_string())?;
            }
        }
        Ok(machine)
    }

    /// A command in the clone with this machine's environment: its cargo home and tools
    /// folder, cargo's variables from the outer run removed, and a PATH that holds no
    /// installed tool (with `keep_tools`, the real ones after the bare cargo home).
    /// `cargo xtask SUB` on this machine, checked, reported as `label`.
    fn xtask(&self, sub: &str, keep_tools: bool, label: &str) -> Result<(), String> {
        eprintln!("+ cargo xtask {sub}   (bare)");
        let status = self
            .command("cargo", keep_tools)
            .args(["xtask", sub])
            .status()
            .map_err(|e| format!("cannot run cargo: {e}"))?;
        crate::check(label, status)
    }

    fn command(&self, program: &str, keep_tools: bool) -> Command {
        let mut command = Command::new(program);
        command.current_dir(&self.clone);
        for (key, _) in env::vars_os() {
            let key = key.to_string_lossy().into_owned();
            if key.starts_with("CARGO") || key.starts_with("__CARGO") || key == "RUSTC_BOOTSTRAP" {
                command.env_remove(&key);
            }
        }
        let real_bin = cargo_home().join("bin");
        let real_tools = tools_dir().join("node_modules/.bin");
        let mut dirs: Vec<PathBuf> = vec![self.cargo_home.join("bin")];
        let rest = env::var_os("PATH").unwrap_or_default();
        dirs.extend(
            env::split_paths(&rest).filter(|d| keep_tools || (*d != real_bin && *d != real_tools)),
        );
        command
            .env("PATH", env::join_paths(dirs).unwrap_or(rest))
            .env("CARGO_HOME", &self.cargo_home)
            .env("RUSTUP_HOME", rustup_home());
        if keep_tools {
            command.env(TOOLS_DIR_VAR, tools_dir());
        } else {
            command.env(TOOLS_DIR_VAR, &self.tools);
        }
        command
    }
}

fn rustup_home() -> PathBuf {
    env::var_os("RUSTUP_HOME")
        .filter(|h| !h.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env::var_os("HOME").unwrap_or_default()).join(".rustup"))
}

fn run_bare(what: Run) -> Result<(), String> {
    let machine = Machine::new(what)?;
    match what {
        Run::Test => machine.xtask("test", false, "cargo xtask test (bare)"),
        Run::App => {
            eprintln!("(an empty cargo cache, the installed tools)");
            machine.xtask("app", true, "cargo xtask app (empty cargo cache)")
        }
        Run::Serve => serve_until_served(&machine),
    }
}

/// `cargo xtask serve` until the default site answers on its port, then stopped.
fn serve_until_served(machine: &Machine) -> Result<(), String> {
    let port = free_port()?;
    eprintln!("+ cargo xtask serve -- --port {port}   (bare)");
    let mut child = machine
        .command("cargo", false)
        .args(["xtask", "serve", "--", "--port", &port.to_string()])
        .process_group(0)
        .spawn()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    let result = wait_for_site(&mut child, port);
    // The whole group: cargo, the xtask, tarif.
    let _ = Command::new("kill")
        .args(["-TERM", "--", &format!("-{}", child.id())])
        .status();
    let _ = child.wait();
    result
}

fn wait_for_site(child: &mut Child, port: u16) -> Result<(), String> {
    // Installing the tools from nothing takes most of this; an hour is a failure.
    let deadline = Instant::now() + Duration::from_secs(3600);
    while Instant::now() < deadline {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            return Err(format!(
                "`cargo xtask serve` stopped before serving ({status})"
            ));
        }
        if let Some(page) = get(port, "/en/index.html")
            && page.starts_with("HTTP/1.1 200")
            && page.contains("<html")
        {
            eprintln!("bare: the default site is served on http://127.0.0.1:{port}/");
            return Ok(());
        }
        std::thread::sleep(Duration::from_secs(2));
    }
    Err("`cargo xtask serve` served nothing within an hour".into())
}

fn get(port: u16, path: &str) -> Option<String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .ok()?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response).ok()?;
    Some(String::from_utf8_lossy(&response).into_owned())
}

fn free_port() -> Result<u16, String> {
    std::net::TcpListener::bind(("127.0.0.1", 0))
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .map_err(|e| format!("no free port: {e}"))
}
