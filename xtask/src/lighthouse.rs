//! `cargo xtask lighthouse [--runs N] [--only SUBSTRING] [--traces DIR] [--site DIR]`:
//! Lighthouse's four category scores for one page of every page type of the default site
//! (or those whose type or path contains SUBSTRING), on mobile (Lighthouse's default) and
//! desktop (`--preset=desktop`), N runs each (3 by default), written to
//! `bench/lighthouse.md`: the run of the median performance score with its TBT and the
//! audits it fails, every run's score and `benchmarkIndex`, and the machine's load
//! average. `--traces` keeps each run's performance trace; `--site` measures a site built
//! already (by another build of `tarif`, to compare) instead of building the default site.
//! The part of `bench/lighthouse.md` from its heading "Where the main thread goes" is
//! written by hand and kept.
//!
//! The site is built with the app by the release `tarif`, into a temporary folder, and
//! served from 127.0.0.1 as a good static host serves it (`tarif_static_files`): the
//! site's `_headers` (a year's cache for the app's hashed files), brotli when the browser
//! accepts it. The server is threads of this process: it stops when the task ends.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use tarif_static_files::{Caching, StaticFiles, serve_on_loopback};

use crate::{app, root, run, tools};

/// One page of every page type: (page type, path and query on the site).
const PAGES: [(&str, &str); 11] = [
    ("root language chooser", "/index.html"),
    ("language home (ru)", "/ru/index.html"),
    ("section (bg)", "/bg/laptop-bg/index.html"),
    ("memo (ru)", "/ru/comportal/extended-service/index.html"),
    ("memo (bg)", "/bg/laptop-bg/withdrawal/index.html"),
    (
        "memo with a price list and its calculator (bg)",
        "/bg/laptop-bg/prices/index.html",
    ),
    (
        "quote page, empty (en)",
        "/en/laptop-bg/quote/laptop-bg/index.html",
    ),
    (
        "quote page, a quote from its link (bg)",
        "/bg/laptop-bg/quote/laptop-bg/index.html?q=laptop-diagnostics,data-backup:250GB,express",
    ),
    (
        "wizard, first question (en)",
        "/en/laptop-bg/wizard/withdrawal/index.html",
    ),
    (
        "wizard, after an answer (ru)",
        "/ru/comportal/wizard/comportal/index.html?bought=yes",
    ),
    (
        // `?q=гаранцията`: results from a sent link.
        "search, results from a link (bg)",
        "/bg/search/index.html?q=%D0%B3%D0%B0%D1%80%D0%B0%D0%BD%D1%86%D0%B8%D1%8F%D1%82%D0%B0",
    ),
];

/// Lighthouse's categories, in the order of its report.
const CATEGORIES: [(&str, &str); 4] = [
    ("performance", "Performance"),
    ("accessibility", "Accessibility"),
    ("best-practices", "Best practices"),
    ("seo", "SEO"),
];

/// The metrics of the performance score: (audit id, short name).
const METRICS: [(&str, &str); 5] = [
    ("first-contentful-paint", "FCP"),
    ("largest-contentful-paint", "LCP"),
    ("total-blocking-time", "TBT"),
    ("cumulative-layout-shift", "CLS"),
    ("speed-index", "SI"),
];

/// The lowest score each category should have.
const GOALS: [u32; 4] = [95, 100, 100, 100];

const FORM_FACTORS: [(&str, &[&str]); 2] = [("mobile", &[]), ("desktop", &["--preset=desktop"])];

/// The heading from which `bench/lighthouse.md` is written by hand (the trace findings):
/// the task keeps it and what follows it as they are.
const KEPT: &str = "\n## Where the main thread goes";

/// `cargo xtask lighthouse [--runs N] [--only SUBSTRING] [--traces DIR] [--site DIR]`.
struct Options {
    /// Lighthouse runs per page and form factor; the report gives their median.
    runs: usize,
    /// Only the page types (or paths) containing this.
    only: Option<String>,
    /// A folder to copy each run's performance trace into (`--save-assets`).
    traces: Option<PathBuf>,
    /// A site built already, measured instead of building the default site.
    site: Option<PathBuf>,
}

impl Options {
    fn parse(args: &[&str]) -> Result<Options, String> {
        let mut options = Options {
            runs: 3,
            only: None,
            traces: None,
            site: None,
        };
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            let mut value = || {
                args.next()
                    .map(|v| v.to_string())
                    .ok_or(format!("{arg} needs a value"))
            };
            match *arg {
                "--runs" => {
                    options.runs = value()?
                        .parse()
                        .ok()
                        .filter(|n| *n > 0)
                        .ok_or("--runs needs a number from 1")?;
                }
                "--only" => options.only = Some(value()?),
                "--traces" => options.traces = Some(PathBuf::from(value()?)),
                "--site" => options.site = Some(PathBuf::from(value()?)),
                _ => return Err(format!("lighthouse: unknown argument {arg}")),
            }
        }
        Ok(options)
    }
}

pub fn lighthouse(args: &[&str]) -> Result<(), String> {
    let options = Options::parse(args)?;
    tools::ensure_chromium()?;
    let lighthouse = tools::ensure_lighthouse()?;
    let work = TempDir::new("tarif-lighthouse")?;
    let site = match &options.site {
        Some(site) => site.clone(),
        None => {
            tools::ensure_app_tools()?;
            app()?;
            let site = work.0.join("public");
            run(
                "cargo",
                &[
                    "run",
                    "--release",
                    "--bin",
                    "tarif",
                    "--",
                    "build",
                    "--quiet",
                    "--out",
                    &site.to_string_lossy(),
                ],
            )?;
            site
        }
    };
    let base = serve(&site)?;
    eprintln!("  serving {} on {base}", site.display());
    if let Some(dir) = &options.traces {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }

    let load_start = load_average();
    let mut results = Vec::new();
    let pages = PAGES.iter().filter(|(kind, path)| {
        options
            .only
            .as_ref()
            .is_none_or(|o| kind.contains(o.as_str()) || path.contains(o.as_str()))
    });
    for (page, (kind, path)) in pages.enumerate() {
        let url = format!("{base}{path}");
        let mut forms = Vec::new();
        for (form, flags) in FORM_FACTORS {
            let mut runs = Vec::new();
            for n in 1..=options.runs {
                eprintln!("+ lighthouse {url} ({form}, run {n} of {})", options.runs);
                let load = load_average();
                let report = work.0.join("report.json");
                let status = Command::new(&lighthouse)
                    .arg(&url)
                    .arg("--chrome-flags=--headless=new --no-sandbox")
                    .args([
                        "--output=json",
                        "--quiet",
                        "--only-categories=performance,accessibility,best-practices,seo",
                    ])
                    .arg(format!("--output-path={}", report.display()))
                    .args(flags)
                    .args(options.traces.is_some().then_some("--save-assets"))
                    .env("CHROME_PATH", "/usr/bin/chromium")
                    .env("PATH", tools::path_with_tools())
                    .status()
                    .map_err(|e| format!("cannot run lighthouse: {e}"))?;
                crate::check("lighthouse", status)?;
                let text = std::fs::read_to_string(&report)
                    .map_err(|e| format!("lighthouse wrote no report: {e}"))?;
                let lhr: Value =
                    serde_json::from_str(&text).map_err(|e| format!("lighthouse's report: {e}"))?;
                if let Some(dir) = &options.traces {
                    // `--save-assets` writes `report-0.trace.json` beside the report.
                    let to = dir.join(format!("{}-{form}-{n}.trace.json", page + 1));
                    std::fs::rename(work.0.join("report-0.trace.json"), &to)
                        .map_err(|e| format!("lighthouse's trace: {e}"))?;
                    eprintln!("  trace: {}", to.display());
                }
                runs.push(Run::of(&lhr, load));
            }
            forms.push((form, Measured::of(runs)));
        }
        results.push((*kind, *path, forms));
    }
    let load_end = load_average();
    let out = root().join("bench/lighthouse.md");
    // The hand-written part of the previous report stays.
    let kept = std::fs::read_to_string(&out)
        .ok()
        .and_then(|old| old.find(KEPT).map(|at| old[at..].to_owned()))
        .unwrap_or_default();
    let md = markdown(&results, &options, (&load_start, &load_end)) + &kept;
    std::fs::write(&out, md).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    eprintln!("  wrote {}", out.display());
    Ok(())
}

/// The machine's load average over 1, 5 and 15 minutes (`/proc/loadavg`).
fn load_average() -> [f64; 3] {
    let text = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let mut fields = text
        .split_whitespace()
        .map(|f| f.parse().unwrap_or(f64::NAN));
    [(); 3].map(|_| fields.next().unwrap_or(f64::NAN))
}

/// The runs of one page and form factor, in the order they ran.
struct Measured {
    runs: Vec<Run>,
    /// The run of the median performance score (the lower of the two middle ones).
    median: usize,
}

impl Measured {
    fn of(runs: Vec<Run>) -> Measured {
        let mut order: Vec<usize> = (0..runs.len()).collect();
        order.sort_by_key(|&i| runs[i].scores[0]);
        let median = order[(order.len() - 1) / 2];
        Measured { runs, median }
    }

    fn median(&self) -> &Run {
        &self.runs[self.median]
    }
}

/// What one Lighthouse run says.
struct Run {
    lighthouse: String,
    /// Per category: 0–100, or none when Lighthouse could not score it.
    scores: Vec<Option<u32>>,
    /// (category, audit id, title, display value, counts in the score), the audits not
    /// passed.
    failed: Vec<(String, String, String, String, bool)>,
    /// The page's metrics as Lighthouse shows them (`LCP 1.4 s`).
    metrics: Vec<String>,
    /// Why the page could not be measured at all.
    error: Option<String>,
    /// Total Blocking Time in ms.
    tbt: Option<f64>,
    /// Lighthouse's measure of the machine's speed (`environment.benchmarkIndex`: higher
    /// is faster).
    benchmark_index: Option<f64>,
    /// The 1-minute load average as the run started.
    load: f64,
}

impl Run {
    fn of(lhr: &Value, load: [f64; 3]) -> Run {
        let text = |v: &Value| v.as_str().unwrap_or_default().to_owned();
        let scores = CATEGORIES
            .iter()
            .map(|(id, _)| {
                lhr["categories"][id]["score"]
                    .as_f64()
                    .map(|s| (s * 100.0).round() as u32)
            })
            .collect();
        let mut failed = Vec::new();
        for (category, name) in CATEGORIES {
            for r in lhr["categories"][category]["auditRefs"]
                .as_array()
                .into_iter()
                .flatten()
            {
                let id = text(&r["id"]);
                let audit = &lhr["audits"][&id];
                let Some(score) = audit["score"].as_f64() else {
                    continue; // informative, manual, not applicable
                };
                // A metric passes from 0.9 (green in Lighthouse's report); anything else
                // passes at 1.
                let pass = if audit["scoreDisplayMode"] == "numeric" {
                    0.9
                } else {
                    1.0
                };
                if score < pass {
                    failed.push((
                        name.to_owned(),
                        id,
                        text(&audit["title"]),
                        text(&audit["displayValue"]),
                        r["weight"].as_f64().is_some_and(|w| w > 0.0),
                    ));
                }
            }
        }
        let metrics = METRICS
            .iter()
            .map(|(id, short)| {
                let value = text(&lhr["audits"][id]["displayValue"]).replace('\u{a0}', " ");
                format!("{short} {}", if value.is_empty() { "—" } else { &value })
            })
            .collect();
        Run {
            lighthouse: text(&lhr["lighthouseVersion"]),
            scores,
            failed,
            metrics,
            error: lhr["runtimeError"]["message"].as_str().map(str::to_owned),
            tbt: lhr["audits"]["total-blocking-time"]["numericValue"].as_f64(),
            benchmark_index: lhr["environment"]["benchmarkIndex"].as_f64(),
            load: load[0],
        }
    }
}

type Results<'a> = [(&'a str, &'a str, Vec<(&'a str, Measured)>)];

fn markdown(results: &Results, options: &Options, load: (&[f64; 3], &[f64; 3])) -> String {
    let first = results.first().and_then(|(_, _, forms)| forms.first());
    let version = first.map_or("?", |(_, m)| m.median().lighthouse.as_str());
    // The user agent says 156.0.0.0 (Chromium reduces it): ask the binary.
    let chromium = crate::output("/usr/bin/chromium", &["--version"]).unwrap_or_default();
    let chromium = chromium
        .lines()
        .find_map(|l| l.strip_prefix("Chromium "))
        .and_then(|l| l.split_whitespace().next())
        .unwrap_or("?");
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let runs = options.runs;
    let busiest = results
        .iter()
        .flat_map(|(_, _, forms)| forms.iter().flat_map(|(_, m)| m.runs.iter()))
        .map(|r| r.load)
        .fold(load.0[0].max(load.1[0]), f64::max);
    let mut md = format!(
        "# Lighthouse\n\n\
         `cargo xtask lighthouse`, {date}: Lighthouse {version}, Chromium {chromium} \
         (Debian, headless), on the project's {cores}-core machine. The default site built with \
         the app by the release `tarif build`, served from 127.0.0.1 by tarif's static-file \
         server (`tarif-static-files`: the site's `_headers`, so a year's cache for the \
         app's hashed files and `no-cache` for the rest; brotli). Mobile is Lighthouse's \
         default (an emulated mid-range phone, simulated slow 4G and 4× CPU slowdown); \
         desktop is `--preset=desktop`.\n\n\
         {runs} run{s} per page and form factor, one after another. The tables give the run \
         of the median performance score, with its Total Blocking Time; then every run's \
         performance score, Lighthouse's `benchmarkIndex` (its measure of the machine's \
         speed as the run started; higher is faster) and the machine's 1-minute load \
         average as the run started. The mobile score depends on the machine: Lighthouse \
         slows the tasks it observed by 4×, so other builds on the cores lower it.\n\n\
         Load average (1, 5, 15 minutes): {start} at the start, {end} at the end.{loaded}\n\n\
         **Goal**: accessibility 100, performance ≥ 95 (mobile: with TBT ≤ 150 ms), best \
         practices 100, SEO 100. A score under its goal is in bold.\n",
        date = today(),
        s = if runs == 1 { "" } else { "s" },
        start = loads(load.0),
        end = loads(load.1),
        loaded = if busiest > cores as f64 / 2.0 {
            format!(
                " **The machine was loaded** (a 1-minute load average up to {busiest:.1} on \
                 {cores} cores, from other work): these performance figures are lower than on an idle machine, and \
                 a goal missed here may be met there; none is shown met by a loaded run."
            )
        } else {
            String::new()
        }
    );
    if let Some(only) = &options.only {
        md += &format!("\nOnly the page types matching `{only}` were measured.\n");
    }
    for (form, _) in FORM_FACTORS {
        md += &format!("\n## {}\n\n| page type | ", capitalise(form));
        md += &CATEGORIES.map(|(_, n)| n).join(" | ");
        md += " | TBT | runs: performance | benchmarkIndex | load |\n|---|";
        md += &"---:|".repeat(CATEGORIES.len() + 4);
        md += "\n";
        for (kind, _, forms) in results {
            let Some((_, measured)) = forms.iter().find(|(f, _)| *f == form) else {
                continue;
            };
            let run = measured.median();
            md += &format!("| {kind} |");
            for (score, goal) in run.scores.iter().zip(GOALS) {
                md += &match score {
                    Some(s) if *s < goal => format!(" **{s}** |"),
                    Some(s) => format!(" {s} |"),
                    None => " — |".to_owned(),
                };
            }
            md += &match run.tbt {
                Some(t) if form == "mobile" && t > 150.0 => format!(" **{t:.0} ms** |"),
                Some(t) => format!(" {t:.0} ms |"),
                None => " — |".to_owned(),
            };
            let each = |f: &dyn Fn(&Run) -> String| {
                measured.runs.iter().map(f).collect::<Vec<_>>().join(", ")
            };
            let performance = each(&|r| r.scores[0].map_or("—".to_owned(), |s| s.to_string()));
            let index = each(&|r| {
                r.benchmark_index
                    .map_or("—".to_owned(), |b| format!("{b:.0}"))
            });
            let load = each(&|r| format!("{:.1}", r.load));
            md += &format!(" {performance} | {index} | {load} |\n");
        }
    }
    md += "\n## Metrics and audits not passed\n\n\
           Per page type, from the median run: the performance metrics on mobile and \
           desktop; then each audit not passed, with its category, id and title and where \
           it failed (with Lighthouse's figure when it gives one). Metrics count as failed \
           under 0.9, every other audit under 1. \"Not scored\" audits have no weight in \
           their category's score (Lighthouse's insights and diagnostics).\n";
    for (kind, path, forms) in results {
        md += &format!("\n### {kind}\n\n`{path}`\n\n");
        for (form, measured) in forms {
            md += &format!("- {form}: {}\n", measured.median().metrics.join(", "));
        }
        md += "\n";
        // (category, id) → title, and each form factor with its figure.
        let mut failed: BTreeMap<(usize, String), (String, bool, Vec<String>)> = BTreeMap::new();
        for (form, measured) in forms {
            let run = measured.median();
            if let Some(e) = &run.error {
                md += &format!("- {form}: Lighthouse could not measure the page: {e}\n");
            }
            for (category, id, title, value, scored) in &run.failed {
                let order = CATEGORIES
                    .iter()
                    .position(|(_, n)| n == category)
                    .unwrap_or(0);
                let entry = failed
                    .entry((order, id.clone()))
                    .or_insert_with(|| (title.clone(), *scored, Vec::new()));
                entry.2.push(if value.is_empty() {
                    form.to_string()
                } else {
                    format!("{form}: {value}")
                });
            }
        }
        if failed.is_empty() {
            md += "None.\n";
        }
        for ((order, id), (title, scored, wheres)) in failed {
            md += &format!(
                "- {}: `{id}`: {} ({}){}\n",
                CATEGORIES[order].1,
                title.replace('`', "'"),
                wheres.join("; "),
                if scored { "" } else { ", not scored" }
            );
        }
    }
    md
}

/// A load average as `4.16 4.57 4.53`.
fn loads(load: &[f64; 3]) -> String {
    load.map(|l| format!("{l:.2}")).join(" ")
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// Today's date (UTC) as `YYYY-MM-DD`.
fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    // Days since 1970-01-01 → the civil date (Howard Hinnant's algorithm).
    let z = (secs / 86_400) as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// A folder removed when dropped, whatever way the task ends.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Result<TempDir, String> {
        let dir = std::env::temp_dir().join(format!("{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        Ok(TempDir(dir))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Serves `dir` on 127.0.0.1 from background threads of this process, as a good static
/// host serves it (`tarif_static_files`, the server of `tarif serve` and the end-to-end
/// tests): the site's `_headers`, brotli for text, every text file compressed now so that
/// no measured answer waits for it. Returns the base URL.
fn serve(dir: &Path) -> Result<String, String> {
    let files = StaticFiles::new(dir, Caching::Published).brotli();
    let address = serve_on_loopback(files, || true).map_err(|e| format!("no port: {e}"))?;
    Ok(format!("http://{address}"))
}
