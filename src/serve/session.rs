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
use std::time::Instant;

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
    /// The model of the site being served (the last good build).
    served: Option<Site>,
    /// Memos read again since the last good build.
    edited: BTreeSet<String>,
    /// The served site may differ from the sources in more than `edited` (a whole
    /// build failed since): the next good build is written whole.
    whole_next: bool,
}

impl Session {
    pub fn new(opts: Options) -> Session {
        Session {
            opts,
            sources: None,
            served: None,
            edited: BTreeSet::new(),
            whole_next: true,
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
        let started = Instant::now();
        let quiet = Progress::new(false);
        let sources = Sources::read(&self.opts.root, &quiet);
        let site = sources.site(&quiet);
        self.sources = Some(sources);
        let site = site.inspect_err(|_| self.whole_next = true)?;
        let summary = write_site(&self.opts, &site, &quiet, started)
            .inspect_err(|_| self.whole_next = true)?;
        self.served = Some(site);
        self.edited.clear();
        self.whole_next = false;
        Ok(Update::Whole {
            pages: summary.pages,
        })
    }

    /// The model after memos were read again: their pages, or the whole site when the
    /// edit reaches further.
    fn after_edit(&mut self) -> Result<Update, Vec<Diagnostic>> {
        let Some(sources) = &self.sources else {
            return self.whole();
        };
        let site = sources.site(&Progress::new(false))?;
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
        let theme = Theme::new(&site, self.opts.live_reload)?;
        let mut written = 0;
        for &(section, memo) in &pages {
            let (path, html) = theme
                .render(&site, &Page::Memo(section, memo))
                .map_err(|d| vec![d])?;
            replace_in_place(&self.opts.out, &path, html.as_bytes()).map_err(|d| vec![d])?;
            written += 1;
        }
        let mut search: Vec<Lang> = pages.iter().map(|(_, m)| m.lang.clone()).collect();
        search.sort();
        search.dedup();
        self.served = Some(site);
        self.edited.clear();
        Ok(Update::Pages {
            pages: written,
            search,
        })
    }

    fn swap_in_whole(&mut self, site: Site) -> Result<Update, Vec<Diagnostic>> {
        let summary = write_site(&self.opts, &site, &Progress::new(false), Instant::now())?;
        self.served = Some(site);
        self.edited.clear();
        self.whole_next = false;
        Ok(Update::Whole {
            pages: summary.pages,
        })
    }

    /// Writes the search pages of `langs` for the served site (after an edit's pages).
    pub fn write_search(&self, langs: &[Lang]) -> Result<(), Vec<Diagnostic>> {
        let Some(site) = &self.served else {
            return Ok(());
        };
        let theme = Theme::new(site, self.opts.live_reload)?;
        for lang in langs {
            if let Some(lang) = site.languages.iter().find(|l| *l == lang) {
                let (path, html) = theme
                    .render(site, &Page::Search(lang))
                    .map_err(|d| vec![d])?;
                replace_in_place(&self.opts.out, &path, html.as_bytes()).map_err(|d| vec![d])?;
            }
        }
        Ok(())
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
