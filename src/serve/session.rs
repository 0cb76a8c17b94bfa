//! `tarif serve`'s builds: the whole site at the start, then after each change only what
//! the change can alter, written in place into the served folder.
//!
//! The sources stay in memory, each file read and checked on its own (`site::Sources`);
//! an edited memo is read again alone, then the checks across files and the model are
//! made anew from them all (so a removed heading is a broken link in the memos that cite
//! it, exactly as in a full build). What is written then depends on what the edit
//! changed in the model:
//!
//! - a memo's body, with the same front matter and headings: its page, then (after the
//!   browsers are told to reload) its language's search page;
//! - a stylesheet of `static/` the site already has: that file, and open pages swap
//!   their stylesheets without a reload;
//! - anything else (its title, description, weight, price list or headings: the
//!   navigation, its translations' switchers and the wizards show those; a price list,
//!   a template, a config, a static file, a file added or removed): the whole site, read
//!   from the disk and swapped in whole, as `tarif build` writes it.
//!
//! Either way the served folder ends equal, byte for byte, to a fresh build of the same
//! sources (`tests/serve_incremental.rs` edits each kind of source and compares).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::{Duration, Instant};

use tarif_engine::diagnostic::Diagnostic;
use tarif_engine::text::Lang;

use crate::site::load::StaticFile;
use crate::site::model::{Memo, Site};
use crate::site::progress::Progress;
use crate::site::render::{Page, Theme};
use crate::site::write::replace_in_place;
use crate::site::{Options, Sources, write_site};
use crate::sources::read_text;

/// What an update wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Update {
    /// Every page (a build swapped in whole).
    Whole { pages: usize },
    /// Only these pages; the search pages of `search` are still to be written
    /// ([`Session::write_search`]).
    Pages { pages: usize, search: Vec<Lang> },
    /// Only stylesheets of `static/`, copied: open pages can take them without a reload.
    Styles { files: usize },
}

/// The state of `tarif serve` between builds.
pub struct Session {
    opts: Options,
    /// The sources as last read; `None` before the first build.
    sources: Option<Sources>,
    /// The model of the site being served (the last good build), shared with the
    /// search pages' writer.
    served: Option<Arc<Site>>,
    /// Memos read again since the last good build.
    edited: BTreeSet<String>,
    /// The served site may differ from the sources in more than `edited` (a whole
    /// build failed since): the next good build is written whole.
    whole_next: bool,
    /// The served folder: held by a whole build and by the search pages' writer, and
    /// counting whole builds (a search page written for an older one is stale).
    output: Arc<Output>,
    /// What each stage of the last update took.
    pub stages: Vec<crate::site::progress::Stage>,
}

/// The served folder's lock, and the count of whole builds swapped in (read without
/// the lock: making a search job must not wait for the one being written).
#[derive(Default)]
pub struct Output {
    writing: Mutex<()>,
    wholes: AtomicU64,
}

impl Session {
    pub fn new(opts: Options) -> Session {
        Session {
            opts,
            sources: None,
            served: None,
            edited: BTreeSet::new(),
            whole_next: true,
            output: Arc::default(),
            stages: Vec::new(),
        }
    }

    pub fn opts(&self) -> &Options {
        &self.opts
    }

    /// Builds after `changed` (paths of source files; `None`: read everything).
    pub fn update(
        &mut self,
        changed: Option<&BTreeSet<PathBuf>>,
    ) -> Result<Update, Vec<Diagnostic>> {
        if let Some(files) = changed.and_then(|paths| self.styles_among(paths)) {
            return self.copy_styles(&files);
        }
        let memos = changed.and_then(|paths| self.memos_among(paths));
        let root = &self.opts.root;
        let reread = match (&memos, self.sources.as_mut()) {
            (Some(memos), Some(sources)) => reread(sources, root, memos),
            _ => false,
        };
        match memos {
            Some(memos) if reread => {
                self.edited.extend(memos);
                self.after_edit()
            }
            _ => self.whole(),
        }
    }

    /// Reads everything, builds and swaps in the whole site.
    fn whole(&mut self) -> Result<Update, Vec<Diagnostic>> {
        let quiet = Progress::new(false);
        let mut sources = Sources::read(&self.opts.root, &quiet);
        let site = sources.site(&quiet);
        self.sources = Some(sources);
        let site = site.inspect_err(|_| self.whole_next = true)?;
        self.swap_in_whole(site)
            .inspect_err(|_| self.whole_next = true)
    }

    /// The model after memos were read again: their pages, or the whole site when the
    /// edit reaches further.
    fn after_edit(&mut self) -> Result<Update, Vec<Diagnostic>> {
        let Some(sources) = self.sources.as_mut() else {
            return self.whole();
        };
        let progress = Progress::new(false);
        let site = sources.site(&progress);
        progress.stage("decide");
        let site = site.inspect_err(|_| self.stages = progress.finish())?;
        let Some(served) = self.served.as_ref().filter(|_| !self.whole_next) else {
            return self.swap_in_whole(site);
        };
        let mut pages = Vec::new();
        for file in &self.edited {
            match (memo_by_file(served, file), memo_by_file(&site, file)) {
                (Some(old), Some((section, new))) if same_outside_body(old.1, new) => {
                    pages.push((section, new));
                }
                _ => return self.swap_in_whole(site),
            }
        }
        progress.stage("templates");
        let theme = Theme::new(&site, self.opts.live_reload)?;
        progress.stage("write pages");
        let mut written = 0;
        for &(section, memo) in &pages {
            let page = theme
                .render(&site, &Page::Memo(section, memo))
                .map_err(|d| vec![d])?;
            replace_in_place(&self.opts.out, &page.path, page.html.as_bytes())
                .map_err(|d| vec![d])?;
            written += 1;
        }
        let mut search: Vec<Lang> = pages.iter().map(|(_, m)| m.lang.clone()).collect();
        search.sort();
        search.dedup();
        // The old model goes on another thread: freeing 10,000 memos is time the
        // browser would wait for.
        if let Some(old) = self.served.replace(Arc::new(site)) {
            std::thread::spawn(move || drop(old));
        }
        self.edited.clear();
        self.stages = progress.finish();
        Ok(Update::Pages {
            pages: written,
            search,
        })
    }

    fn swap_in_whole(&mut self, site: Site) -> Result<Update, Vec<Diagnostic>> {
        // No search page of an older build may land in this one.
        let writing = self
            .output
            .writing
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        self.output.wholes.fetch_add(1, Ordering::SeqCst);
        let summary = write_site(&self.opts, &site, &Progress::new(false), Instant::now())?;
        drop(writing);
        self.served = Some(Arc::new(site));
        self.edited.clear();
        self.whole_next = false;
        Ok(Update::Whole {
            pages: summary.pages,
        })
    }

    /// Writes the search pages of `langs` for the served site (after an edit's pages).
    pub fn write_search(&self, langs: &[Lang]) -> Result<(), Vec<Diagnostic>> {
        self.search_job(langs).map_or(Ok(()), |job| job.write())
    }

    /// The search pages of `langs` for the served site, to be written by another
    /// thread while this one goes on with the next edit.
    pub fn search_job(&self, langs: &[Lang]) -> Option<SearchJob> {
        let site = Arc::clone(self.served.as_ref()?);
        let wholes = self.output.wholes.load(Ordering::SeqCst);
        Some(SearchJob {
            site,
            langs: langs.to_vec(),
            opts: self.opts.clone(),
            output: Arc::clone(&self.output),
            wholes,
        })
    }

    /// The static files among `paths` (`static/x.css` → `x.css`), if every path is a
    /// stylesheet the served site already has and the last build was good.
    fn styles_among(&self, paths: &BTreeSet<PathBuf>) -> Option<Vec<StaticFile>> {
        let served = self
            .served
            .as_ref()
            .filter(|_| !self.whole_next && self.edited.is_empty())?;
        paths
            .iter()
            .map(|p| {
                let file = served.static_files.iter().find(|f| f.path == *p)?;
                (file.rel.ends_with(".css") && p.is_file()).then(|| file.clone())
            })
            .collect()
    }

    fn copy_styles(&mut self, files: &[StaticFile]) -> Result<Update, Vec<Diagnostic>> {
        for f in files {
            let bytes = std::fs::read(&f.path).map_err(|e| {
                vec![Diagnostic::file(
                    f.path.display().to_string(),
                    format!("cannot read the file to copy it into the output: {e}"),
                )]
            })?;
            replace_in_place(&self.opts.out, &f.rel, &bytes).map_err(|d| vec![d])?;
        }
        Ok(Update::Styles { files: files.len() })
    }

    /// The names of the memos among `paths` (`content/s/en/a.md`), if every path is an
    /// existing memo's file; `None` when any is something else.
    fn memos_among(&self, paths: &BTreeSet<PathBuf>) -> Option<BTreeSet<String>> {
        paths
            .iter()
            .map(|p| memo_name(&self.opts.root, p).filter(|_| p.is_file()))
            .collect()
    }
}

/// Reads the memos `names` again into `sources`; false if one is not a known memo or
/// does not read (a full read then reports it as a build reports it).
fn reread(sources: &mut Sources, root: &Path, names: &BTreeSet<String>) -> bool {
    names.iter().all(|name| {
        read_text(&root.join(name), name).is_ok_and(|text| sources.reread_memo(name, text))
    })
}

/// `content/<section>/<lang>/<slug>.md`, as the model names memo files.
fn memo_name(root: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(root).ok()?;
    let parts: Vec<&str> = rel
        .components()
        .map(|c| c.as_os_str().to_str())
        .collect::<Option<_>>()?;
    match parts.as_slice() {
        [crate::site::load::CONTENT, _, _, file] if file.ends_with(".md") => Some(parts.join("/")),
        _ => None,
    }
}

/// Search pages to write for one served model.
pub struct SearchJob {
    site: Arc<Site>,
    langs: Vec<Lang>,
    opts: Options,
    output: Arc<Output>,
    /// The whole builds swapped in when it was made: after another, it is stale.
    wholes: u64,
}

impl SearchJob {
    /// This job and a later one as one: the later model, the languages of both.
    fn then(mut self, later: SearchJob) -> SearchJob {
        let mut langs = std::mem::take(&mut self.langs);
        langs.extend(later.langs.iter().cloned());
        langs.sort();
        langs.dedup();
        SearchJob { langs, ..later }
    }

    /// Renders and writes the pages, unless a whole build came since (it wrote them).
    pub fn write(self) -> Result<(), Vec<Diagnostic>> {
        let writing = self
            .output
            .writing
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if self.output.wholes.load(Ordering::SeqCst) != self.wholes {
            return Ok(());
        }
        let site = &*self.site;
        let theme = Theme::new(site, self.opts.live_reload)?;
        for lang in &self.langs {
            if let Some(lang) = site.languages.iter().find(|l| *l == lang) {
                // `tarif serve` keeps each index whole in its page: no files beside it.
                let page = theme
                    .render(site, &Page::Search(lang))
                    .map_err(|d| vec![d])?;
                replace_in_place(&self.opts.out, &page.path, page.html.as_bytes())
                    .map_err(|d| vec![d])?;
            }
        }
        drop(writing);
        Ok(())
    }
}

/// A thread that writes search pages, the latest job first: jobs that pile up while it
/// works are merged (the latest model, every language they name).
pub struct SearchWriter {
    pending: Arc<(Mutex<Option<SearchJob>>, Condvar)>,
}

impl SearchWriter {
    /// Starts the thread; `done` hears how each job went and how long it took.
    pub fn start(
        done: impl Fn(Result<(), Vec<Diagnostic>>, Duration) + Send + 'static,
    ) -> SearchWriter {
        let pending: Arc<(Mutex<Option<SearchJob>>, Condvar)> = Arc::default();
        let shared = Arc::clone(&pending);
        std::thread::spawn(move || {
            loop {
                let (lock, ready) = &*shared;
                let mut slot = lock.lock().unwrap_or_else(PoisonError::into_inner);
                while slot.is_none() {
                    slot = ready.wait(slot).unwrap_or_else(PoisonError::into_inner);
                }
                let job = slot.take();
                drop(slot);
                if let Some(job) = job {
                    let started = Instant::now();
                    done(job.write(), started.elapsed());
                }
            }
        });
        SearchWriter { pending }
    }

    pub fn send(&self, job: SearchJob) {
        let (lock, ready) = &*self.pending;
        let mut slot = lock.lock().unwrap_or_else(PoisonError::into_inner);
        *slot = Some(match slot.take() {
            Some(earlier) => earlier.then(job),
            None => job,
        });
        ready.notify_one();
    }
}

fn memo_by_file<'s>(
    site: &'s Site,
    file: &str,
) -> Option<(&'s crate::site::model::Section, &'s Memo)> {
    site.sections
        .iter()
        .find_map(|s| s.memos.iter().find(|m| m.file == file).map(|m| (s, m)))
}

/// True when the memos differ at most in their body's text: everything other pages show
/// of a memo (its title, description, weight and place in the list, price list, heading
/// ids and titles) is the same.
fn same_outside_body(old: &Memo, new: &Memo) -> bool {
    let headings = |m: &Memo| -> Vec<(Option<String>, String)> {
        m.body
            .clauses
            .iter()
            .map(|c| (c.id.clone(), c.heading.clone()))
            .collect()
    };
    old.lang == new.lang
        && old.slug == new.slug
        && old.front.title == new.front.title
        && old.front.description == new.front.description
        && old.front.weight == new.front.weight
        && old.price_list() == new.price_list()
        && headings(old) == headings(new)
}
