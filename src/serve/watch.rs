//! Noticing which sources changed: the OS's file events where they work (`notify`:
//! inotify, FSEvents, ReadDirectoryChangesW), a burst of them gathered until the files
//! are quiet for a few milliseconds; polling where they do not (network drives, some
//! containers, a watch limit reached), or when `TARIF_POLL=1` asks for it.
//!
//! The gathering is ours rather than `notify`'s debouncers': they drop what kind each
//! event was, and reading a folder (the watcher's own walk when it starts, an `ls`) is
//! an event too, which must not rebuild a site of 10,000 pages. Events of access are
//! left out here.
//!
//! Either way the answer is the set of source paths that changed, without editors' own
//! files (Vim's swap files and its `4913` probe, Emacs's `#x#` and `.#x`, backups `x~`,
//! hidden files, which `load` skips too): an atomic save's temporary file is ignored,
//! and its rename onto the memo is the change.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant, SystemTime};

use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};

use crate::site::load::{CONTENT, STATIC, TEMPLATES};
use crate::sources::PRICE_LISTS;

/// The folders a build reads.
const SOURCES: [&str; 4] = [CONTENT, PRICE_LISTS, TEMPLATES, STATIC];
/// How long the files must be quiet before a burst of events is taken as one change: an
/// editor's save is several events within a millisecond or two (truncate, write, close;
/// or write a temporary file and rename it).
const QUIET: Duration = Duration::from_millis(10);
/// The longest a burst is gathered (a checkout writing many files goes on longer).
const GATHER_AT_MOST: Duration = Duration::from_millis(200);
/// How often the sources are looked at when polling.
const POLL: Duration = Duration::from_millis(250);

/// What a build reads, summarised: equal fingerprints mean nothing to rebuild.
pub type Fingerprint = BTreeMap<PathBuf, (u64, Option<SystemTime>)>;

/// A watch on a site's sources.
pub struct Watch {
    root: PathBuf,
    how: How,
}

enum How {
    Events {
        // Kept for its watches: dropping it stops them.
        watcher: RecommendedWatcher,
        events: Receiver<notify::Result<Event>>,
        /// The source folders watched so far (one may appear later).
        watched: BTreeSet<PathBuf>,
    },
    Polling {
        seen: Fingerprint,
    },
}

impl Watch {
    /// Watches `root`'s sources with file events if the OS gives them, else by polling.
    pub fn new(root: &Path) -> Watch {
        let polling = || How::Polling {
            seen: fingerprint(root),
        };
        let how = if std::env::var_os("TARIF_POLL").is_some_and(|v| v != "0") {
            polling()
        } else {
            events(root).unwrap_or_else(|e| {
                eprintln!("file events unavailable ({e}); watching by polling");
                polling()
            })
        };
        Watch {
            root: root.to_owned(),
            how,
        }
    }

    /// How changes are noticed, for the terminal.
    pub fn describe(&self) -> &'static str {
        match self.how {
            How::Events { .. } => "file events",
            How::Polling { .. } => "polling",
        }
    }

    /// Waits for the next change: the source paths that changed (added, modified,
    /// removed), never empty.
    pub fn next(&mut self) -> BTreeSet<PathBuf> {
        loop {
            let changed = match &mut self.how {
                How::Events {
                    watcher,
                    events,
                    watched,
                } => match gather(events) {
                    Ok(Some(paths)) => {
                        // A source folder made after the start is watched from now on.
                        watch_sources(&self.root, watcher, watched);
                        paths
                    }
                    Ok(None) => {
                        watch_sources(&self.root, watcher, watched);
                        continue;
                    }
                    Err(Gone::Failed(e)) => {
                        eprintln!("file events failed ({e}); watching by polling from now on");
                        self.how = How::Polling {
                            seen: fingerprint(&self.root),
                        };
                        // Whatever the lost events said, a full look decides.
                        return [self.root.join(CONTENT)].into();
                    }
                    Err(Gone::Disconnected) => {
                        self.how = How::Polling {
                            seen: fingerprint(&self.root),
                        };
                        continue;
                    }
                },
                How::Polling { seen } => {
                    std::thread::sleep(POLL);
                    let now = fingerprint(&self.root);
                    let changed = differences(seen, &now);
                    *seen = now;
                    changed
                }
            };
            let changed: BTreeSet<PathBuf> = changed
                .into_iter()
                .filter(|p| is_source(&self.root, p))
                .collect();
            if !changed.is_empty() {
                return changed;
            }
        }
    }
}

fn events(root: &Path) -> notify::Result<How> {
    let (tx, events) = channel();
    let mut watcher = notify::recommended_watcher(tx)?;
    // The root itself, not recursively: a source folder created later shows here (and
    // the root of the default site holds `target/`, which must not be watched).
    watcher.watch(root, RecursiveMode::NonRecursive)?;
    let mut watched = BTreeSet::new();
    for dir in SOURCES {
        let dir = root.join(dir);
        if dir.is_dir() {
            watcher.watch(&dir, RecursiveMode::Recursive)?;
            watched.insert(dir);
        }
    }
    Ok(How::Events {
        watcher,
        events,
        watched,
    })
}

enum Gone {
    Failed(notify::Error),
    Disconnected,
}

/// The paths of the next burst of changes: events until the files are quiet for
/// [`QUIET`]; `None` when a second passes without one (to look for new source folders).
fn gather(events: &Receiver<notify::Result<Event>>) -> Result<Option<BTreeSet<PathBuf>>, Gone> {
    let mut paths = BTreeSet::new();
    let mut first: Option<Instant> = None;
    loop {
        let wait = match first {
            None => Duration::from_secs(1),
            Some(t) if t.elapsed() >= GATHER_AT_MOST => return Ok(Some(paths)),
            Some(_) => QUIET,
        };
        match events.recv_timeout(wait) {
            Ok(Ok(event)) => {
                if !matches!(event.kind, EventKind::Access(_)) {
                    paths.extend(event.paths);
                    first.get_or_insert_with(Instant::now);
                }
            }
            Ok(Err(e)) => return Err(Gone::Failed(e)),
            Err(RecvTimeoutError::Timeout) => {
                return Ok(first.map(|_| paths));
            }
            Err(RecvTimeoutError::Disconnected) => return Err(Gone::Disconnected),
        }
    }
}

/// Watches the source folders that exist and are not watched yet.
fn watch_sources(root: &Path, watcher: &mut RecommendedWatcher, watched: &mut BTreeSet<PathBuf>) {
    for dir in SOURCES {
        let dir = root.join(dir);
        if !dir.is_dir() {
            // Gone: watched again if it comes back.
            watched.remove(&dir);
        } else if !watched.contains(&dir) && watcher.watch(&dir, RecursiveMode::Recursive).is_ok() {
            watched.insert(dir);
        }
    }
}

/// True for a path a build reads: inside a source folder (or one itself), and not an
/// editor's file.
fn is_source(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    let in_sources = rel
        .components()
        .next()
        .is_some_and(|c| SOURCES.iter().any(|s| c.as_os_str() == *s));
    in_sources
        && !rel
            .components()
            .any(|c| c.as_os_str().to_str().is_none_or(is_editors_file))
}

/// Names editors give their own files beside the one being edited.
pub fn is_editors_file(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || (name.starts_with('#') && name.ends_with('#'))
        || name == "4913"
        || [".swp", ".swo", ".swx", ".tmp", ".bak"]
            .iter()
            .any(|s| name.ends_with(s))
}

/// Every source file with its size and modification time.
pub fn fingerprint(root: &Path) -> Fingerprint {
    let mut out = Fingerprint::new();
    for dir in SOURCES {
        walk(&root.join(dir), &mut out);
    }
    out
}

fn walk(dir: &Path, out: &mut Fingerprint) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let Ok(meta) = e.metadata() else { continue };
        if meta.is_dir() {
            walk(&e.path(), out);
        } else {
            out.insert(e.path(), (meta.len(), meta.modified().ok()));
        }
    }
}

/// The paths added, changed or removed between two fingerprints.
fn differences(before: &Fingerprint, after: &Fingerprint) -> BTreeSet<PathBuf> {
    let changed = after
        .iter()
        .filter(|(p, v)| before.get(*p) != Some(v))
        .map(|(p, _)| p.clone());
    let removed = before.keys().filter(|p| !after.contains_key(*p)).cloned();
    changed.chain(removed).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editors_files_are_not_sources() {
        let root = Path::new("/site");
        for own in [
            "content/a/en/.memo.md.swp",
            "content/a/en/memo.md~",
            "content/a/en/#memo.md#",
            "content/a/en/.#memo.md",
            "content/a/en/4913",
            "content/a/en/memo.md.tmp",
            "static/.DS_Store",
        ] {
            assert!(!is_source(root, &root.join(own)), "{own}");
        }
        for source in [
            "content/a/en/memo.md",
            "content/site.toml",
            "price-lists/x.toml",
            "templates/base.html",
            "static/style.css",
            "content",
        ] {
            assert!(is_source(root, &root.join(source)), "{source}");
        }
        assert!(!is_source(root, &root.join("public/index.html")));
        assert!(!is_source(root, Path::new("/elsewhere/content/a.md")));
    }

    #[test]
    fn polling_finds_what_was_added_changed_and_removed() {
        let dir = tempfile::tempdir().unwrap();
        let memo = dir.path().join("content/s/en/a.md");
        fs::create_dir_all(memo.parent().unwrap()).unwrap();
        fs::write(&memo, "one").unwrap();
        fs::write(dir.path().join("content/s/en/b.md"), "b").unwrap();
        let before = fingerprint(dir.path());
        fs::write(&memo, "three").unwrap();
        fs::remove_file(dir.path().join("content/s/en/b.md")).unwrap();
        fs::write(dir.path().join("content/s/en/c.md"), "c").unwrap();
        let changed = differences(&before, &fingerprint(dir.path()));
        let names: Vec<_> = changed
            .iter()
            .map(|p| p.file_name().unwrap().to_str().unwrap())
            .collect();
        assert_eq!(names, ["a.md", "b.md", "c.md"]);
    }

    #[test]
    fn file_events_name_the_memo_an_editor_saved() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        let memo = root.join("content/s/en/a.md");
        fs::create_dir_all(memo.parent().unwrap()).unwrap();
        fs::write(&memo, "one").unwrap();
        let mut watch = Watch::new(&root);
        if watch.describe() != "file events" {
            return; // nothing to test where the OS gives none
        }
        // An atomic save: a temporary file beside the memo, renamed onto it.
        let tmp = root.join("content/s/en/.a.md.tmp1234");
        fs::write(&tmp, "two").unwrap();
        fs::rename(&tmp, &memo).unwrap();
        let changed = watch.next();
        assert_eq!(changed, [memo].into());
    }
}
