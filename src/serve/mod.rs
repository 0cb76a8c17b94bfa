//! `tarif serve`: build, serve on 127.0.0.1, watch the sources, rebuild on change and
//! reload open pages.
//!
//! The site is built (with the live-reload client linked into every page) into a
//! temporary folder, replaced whole by each successful build; a failed build leaves the
//! last good site served and shows its problems in the terminal and, over the page, in
//! the browser. Three parts, each in its own module: `watch` (is anything different?),
//! `http` (answer requests; the site's files as `tarif_static_files` serves every built
//! site, never stored) and this one (the loop that rebuilds and tells the browsers).

mod http;
pub mod session;
mod watch;

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

use tarif_static_files::{Caching, StaticFiles};

use crate::commands::usage_error;
use crate::site::Options;
use session::{SearchWriter, Session, Update};
use watch::Watch;

/// The outcome of the latest build, shared with the HTTP threads.
#[derive(Debug, Clone, Default)]
pub struct Status {
    /// Counts builds, failed or not: a browser waits for it to change.
    pub generation: u64,
    /// The generation of the site being served (the last good build); 0 before any.
    pub version: u64,
    /// The problems of the latest build, if it failed.
    pub error: Option<String>,
    /// The latest build changed stylesheets only: open pages swap them, no reload.
    pub styles: bool,
}

/// The status and a way to wait for its next change.
#[derive(Default)]
pub struct Shared {
    status: Mutex<Status>,
    changed: Condvar,
}

impl Shared {
    pub fn get(&self) -> Status {
        self.status
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Waits until the generation is not `seen` any more, or `timeout` passes.
    pub fn wait_past(&self, seen: u64, timeout: Duration) -> Status {
        let guard = self.status.lock().unwrap_or_else(PoisonError::into_inner);
        let (guard, _) = self
            .changed
            .wait_timeout_while(guard, timeout, |s| s.generation == seen)
            .unwrap_or_else(PoisonError::into_inner);
        guard.clone()
    }

    fn record(&self, error: Option<String>) {
        self.record_build(error, false);
    }

    fn record_build(&self, error: Option<String>, styles: bool) {
        let mut s = self.status.lock().unwrap_or_else(PoisonError::into_inner);
        s.generation += 1;
        if error.is_none() {
            s.version = s.generation;
        }
        s.error = error;
        s.styles = styles;
        drop(s);
        self.changed.notify_all();
    }
}

pub fn run(root: PathBuf, port: u16) -> ExitCode {
    let out = serve_dir(&root);
    let listener = match TcpListener::bind(("127.0.0.1", port)) {
        Ok(l) => l,
        Err(e) => {
            return usage_error(
                &format!("cannot listen on 127.0.0.1:{port}: {e}"),
                "choose another port with --port",
            );
        }
    };
    let shared = Arc::new(Shared::default());
    let opts = Options {
        root: root.clone(),
        out: out.clone(),
        live_reload: true,
        progress: false,
        precompress: false,
    };
    let mut session = Session::new(opts);
    // Watching starts before the first build: an edit made during it is not missed.
    let mut watch = Watch::new(&root);
    let searched = Arc::clone(&shared);
    let search = SearchWriter::start(move |done, took| match done {
        Ok(()) => eprintln!("search pages written in {} ms", took.as_millis()),
        Err(problems) => report(&searched, &problems),
    });
    rebuild(&mut session, None, &shared, &search);
    let files = StaticFiles::new(out, Caching::NoStore);
    let answered = Arc::clone(&shared);
    thread::spawn(move || {
        tarif_static_files::serve(listener, move |r| Some(http::answer(r, &answered, &files)))
    });
    eprintln!(
        "serving {} at http://127.0.0.1:{port}/ — edit and save to see it (watching by {}); Ctrl-C to stop",
        root.display(),
        watch.describe()
    );
    loop {
        let changed = watch.next();
        rebuild(&mut session, Some(&changed), &shared, &search);
    }
}

/// Where a site is served from: one folder per site root, reused by the next `tarif
/// serve` of the same site (a stopped server cannot clean up after itself, so this keeps
/// the litter to one folder per site).
fn serve_dir(root: &Path) -> PathBuf {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    root.canonicalize()
        .unwrap_or_else(|_| root.to_owned())
        .hash(&mut h);
    std::env::temp_dir()
        .join(format!("tarif-serve-{:016x}", h.finish()))
        .join("site")
}

/// Builds after `changed` (`None`: everything) and tells the browsers; after an edit
/// that wrote only its pages, the search pages it changed are written by `search`'s
/// thread, while this one waits for the next change.
fn rebuild(
    session: &mut Session,
    changed: Option<&std::collections::BTreeSet<std::path::PathBuf>>,
    shared: &Shared,
    search: &SearchWriter,
) {
    let started = Instant::now();
    let update = session.update(changed);
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    match update {
        Ok(update) => {
            shared.record_build(None, matches!(update, Update::Styles { .. }));
            match update {
                Update::Styles { files } => eprintln!("copied {files} stylesheet(s) in {ms:.0} ms"),
                Update::Whole { pages } => eprintln!("built {pages} pages in {ms:.0} ms"),
                Update::Pages {
                    pages,
                    search: langs,
                } => {
                    let stages: Vec<String> = session
                        .stages
                        .iter()
                        .map(|(name, d, _)| format!("{name} {:.1}", d.as_secs_f64() * 1000.0))
                        .collect();
                    eprintln!(
                        "rebuilt {pages} page{} in {ms:.1} ms ({} ms)",
                        if pages == 1 { "" } else { "s" },
                        stages.join(", ")
                    );
                    if let Some(job) = session.search_job(&langs) {
                        search.send(job);
                    }
                }
            }
        }
        Err(problems) => report(shared, &problems),
    }
}

fn report(shared: &Shared, problems: &[tarif_engine::diagnostic::Diagnostic]) {
    let text: Vec<String> = problems.iter().map(ToString::to_string).collect();
    let text = format!(
        "{}\n\n{} problem(s) found",
        text.join("\n\n"),
        problems.len()
    );
    eprintln!("{text}\nthe last good build is still served");
    shared.record(Some(text));
}
