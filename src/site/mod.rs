//! The static site generator, one module per stage of its one-way pipeline:
//!
//! `load` (read files) → `model` (parse and check each file, then `validate` across
//! files) → `render` (HTML through templates) → `write` (a temporary folder swapped into
//! place). Each stage takes the previous one's output and returns values or located
//! [`Diagnostic`]s; nothing is global, and nothing on the way panics on bad input.

pub mod colour;
pub mod config;
pub mod front_matter;
pub mod layout;
pub mod links;
pub mod load;
pub mod markdown;
pub mod model;
mod parallel;
pub mod precompress;
pub mod progress;
pub mod render;
mod toml_file;
pub mod url;
mod validate;
pub mod wizard;
pub mod write;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use tarif_engine::diagnostic::Diagnostic;

use model::Site;
use progress::Progress;
use render::{Page, Theme};
use write::Staging;

/// What to build, and where.
#[derive(Debug, Clone)]
pub struct Options {
    pub root: PathBuf,
    pub out: PathBuf,
    /// Link the live-reload client into every page (`tarif serve` only).
    pub live_reload: bool,
    /// Show progress on stderr (when it is a terminal).
    pub progress: bool,
    /// Write `.br` and `.gz` forms beside each text file (`precompress.rs`).
    pub precompress: bool,
}

/// What a build or a check did.
#[derive(Debug, Clone)]
pub struct Summary {
    pub pages: usize,
    pub elapsed: Duration,
    /// What each stage of a build took, in order (`tarif build --timings`).
    pub stages: Vec<progress::Stage>,
}

/// Loads and checks the site at `root`: the model, or every problem.
pub fn load_site(root: &Path) -> Result<Site, Vec<Diagnostic>> {
    load_site_timed(root, &Progress::new(false))
}

fn load_site_timed(root: &Path, progress: &Progress) -> Result<Site, Vec<Diagnostic>> {
    Sources::read(root, progress).into_site(progress)
}

/// A site's sources, each file read and checked on its own, with the problems found in
/// them: what `tarif serve` keeps between builds, to read only an edited memo again.
pub struct Sources {
    assembly: model::Assembly,
    /// The problems of loading and of each file.
    problems: Vec<Diagnostic>,
    /// The checks across files, once run: kept while an edit leaves every memo's
    /// anchors as they were.
    checked: Option<validate::Checked>,
}

impl Sources {
    /// Reads every source of the site at `root`.
    pub fn read(root: &Path, progress: &Progress) -> Sources {
        let mut problems = Vec::new();
        progress.stage("read files");
        let sources = load::load(root, &mut problems);
        progress.stage("parse");
        let assembly = model::read(sources, &mut problems);
        Sources {
            assembly,
            problems,
            checked: None,
        }
    }

    /// The checks across files, then the model: the site, or every problem.
    pub fn site(&mut self, progress: &Progress) -> Result<Site, Vec<Diagnostic>> {
        self.validate(progress);
        self.finish(progress)
    }

    /// [`Sources::site`] for a build that reads its sources once: the memos' texts go
    /// once the checks across files have run (the last to locate a problem in them),
    /// before the model is finished and the pages written. At 10,000 pages that is
    /// 140 MB of the build's peak memory.
    pub fn into_site(mut self, progress: &Progress) -> Result<Site, Vec<Diagnostic>> {
        self.validate(progress);
        for d in &mut self.assembly.drafts {
            d.source.file.text = String::new();
        }
        crate::memory::release_freed();
        self.finish(progress)
    }

    fn validate(&mut self, progress: &Progress) {
        let a = &self.assembly;
        progress.stage("validate");
        self.checked.get_or_insert_with(|| {
            validate::site(
                &a.sections,
                &a.drafts,
                &a.wizard_files,
                &a.price_lists,
                &a.languages,
                &a.static_files,
            )
        });
    }

    fn finish(&self, progress: &Progress) -> Result<Site, Vec<Diagnostic>> {
        let mut problems = self.problems.clone();
        problems.extend(self.checked.iter().flat_map(|c| c.problems().cloned()));
        progress.stage("wizards");
        model::finish(&self.assembly, problems, crate::clock::today())
    }

    /// Takes the memo `file` (its name from the site root, `content/s/en/a.md`) as
    /// `text` now: false when no memo has that name (a new file, or one that is not a
    /// memo), which only a new [`Sources::read`] can place.
    pub fn reread_memo(&mut self, file: &str, text: String) -> bool {
        let Some(found) = self.assembly.reread_memo(file, text) else {
            return false;
        };
        self.problems.retain(|p| p.file != file);
        self.problems.extend(found);
        let a = &self.assembly;
        let rechecked = self.checked.as_mut().is_some_and(|c| {
            a.drafts
                .iter()
                .position(|d| d.source.file.name == file)
                .is_some_and(|i| {
                    c.recheck(i, &a.sections, &a.drafts, &a.wizard_files, &a.price_lists)
                })
        });
        if !rechecked {
            self.checked = None;
        }
        true
    }
}

/// `tarif check`: everything a build does but writing.
pub fn check(root: &Path) -> Result<Summary, Vec<Diagnostic>> {
    let started = Instant::now();
    let site = load_site(root)?;
    let theme = Theme::new(&site, false)?;
    let pages = render::pages(&site);
    let results = parallel::map(&pages, |p| theme.render(&site, p).map(|_| ()));
    finish(results, pages.len(), started)
}

/// `tarif build`: the site at `opts.root` into `opts.out`, whole or not at all.
pub fn build(opts: &Options) -> Result<Summary, Vec<Diagnostic>> {
    let started = Instant::now();
    let progress = Progress::new(opts.progress && std::io::stderr().is_terminal());
    out_of_sources(&opts.root, &opts.out).map_err(|d| vec![d])?;
    let site = load_site_timed(&opts.root, &progress)?;
    let summary = write_site(opts, &site, &progress, started);
    // The model is freed on a thread of its own (a large site's takes tens of
    // milliseconds, and the command that built it exits without waiting for it).
    std::thread::spawn(move || drop(site));
    summary
}

/// Writes every file of `site` into `opts.out`, whole or not at all.
pub fn write_site(
    opts: &Options,
    site: &Site,
    progress: &Progress,
    started: Instant,
) -> Result<Summary, Vec<Diagnostic>> {
    progress.stage("templates");
    let theme = Theme::new(site, opts.live_reload)?;
    let pages = render::pages(site);
    let staging = Staging::new(&opts.out).map_err(|d| vec![d])?;
    // Only a published build's service worker lists the files with their digests.
    let staging = if opts.live_reload {
        staging.without_digests()
    } else {
        staging
    };
    progress.stage("writing pages");
    progress.count(pages.len());
    // A search page costs as much as hundreds of others, and holds a language's index.
    let crew = parallel::Crew::new();
    let results = parallel::map_heavy(
        &pages,
        |p| matches!(p, Page::Search(_)),
        &crew,
        |p| {
            let written = write_page(site, &theme, &staging, &crew, p);
            progress.tick();
            written
        },
    );
    drop(crew);
    let mut summary = finish(results, pages.len(), started)?;
    progress.stage("assets");
    assets(site, &theme, &pages, &staging).map_err(|d| vec![d])?;
    if opts.precompress {
        progress.stage("precompress");
        precompress::precompress(staging.dir()).map_err(|d| vec![d])?;
    }
    progress.stage("swap in");
    staging.commit().map_err(|d| vec![d])?;
    summary.stages = progress.finish();
    summary.elapsed = started.elapsed();
    Ok(summary)
}

/// The output must not land among the sources, where the next build would read it.
pub fn out_of_sources(root: &Path, out: &Path) -> Result<(), Diagnostic> {
    let abs = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_owned());
    let out = abs(out);
    for dir in [
        load::CONTENT,
        load::STATIC,
        load::TEMPLATES,
        crate::sources::PRICE_LISTS,
    ] {
        let sources = abs(&root.join(dir));
        if out.starts_with(&sources) || sources.starts_with(&out) {
            return Err(Diagnostic::file(
                out.display().to_string(),
                format!("the output folder overlaps the site's {dir}/ folder"),
            )
            .help("build into a folder of its own, such as public/"));
        }
    }
    Ok(())
}

fn write_page<'s>(
    site: &Site,
    theme: &Theme,
    staging: &'s Staging,
    crew: &parallel::Crew<'s>,
    page: &Page,
) -> Result<(), Diagnostic> {
    let rendered = theme.render(site, page)?;
    // A large site's search index in parts: thousands of files, packed and written by
    // every thread of the crew. The search pages are the build's longest chain (one
    // after another on one thread, their indexes built one at a time for memory), so the
    // other threads lend a hand here before their next page: at 10,000 pages they were
    // done with the other pages a third of a second before it.
    let written = rendered.write(staging, crew);
    if matches!(page, Page::Search(_)) {
        // A search page held its language's index (over 100 MB at 10,000 pages): given
        // back now, the next one starts from the model's size again, not from this
        // one's (84 MB rather than 92 at 1,000 pages).
        crate::memory::release_freed();
    }
    written
}

/// Everything besides the pages: the stylesheet, the scripts and the app, the site's
/// static files, icons and web manifests, robots.txt, the sitemap and `_headers`; last,
/// the service worker, which precaches all of it by digest.
fn assets(site: &Site, theme: &Theme, pages: &[Page], staging: &Staging) -> Result<(), Diagnostic> {
    use render::{offline, seo};
    staging.write("style.css", theme.css.as_bytes())?;
    staging.write(&theme.site_js.path, offline::SITE_JS.as_bytes())?;
    for (path, bytes) in theme.app.iter().flat_map(|a| &a.files) {
        staging.write(path, bytes)?;
    }
    for f in &site.static_files {
        staging.copy(&f.rel, &f.path)?;
    }
    for icon in &offline::ICONS {
        if !site.static_files.iter().any(|f| f.rel == icon.file) {
            staging.write(icon.file, icon.bytes)?;
        }
    }
    for lang in &site.languages {
        let manifest = offline::manifest(site, lang);
        staging.write(
            &format!("{lang}/{}", offline::MANIFEST),
            manifest.as_bytes(),
        )?;
    }
    staging.write("robots.txt", seo::robots(site).as_bytes())?;
    if let Some(sitemap) = seo::sitemap(site, pages) {
        staging.write("sitemap.xml", sitemap.as_bytes())?;
    }
    staging.write(render::HEADERS_FILE, render::headers_file().as_bytes())?;
    let written = staging.written();
    let budget = site.config.precache_budget;
    for (path, content) in offline::offline_files(&written, theme.live_reload(), budget) {
        staging.write(&path, content.as_bytes())?;
    }
    Ok(())
}

/// Every problem of the pages (a template error repeats on every page: once is enough).
fn finish(
    results: Vec<Result<(), Diagnostic>>,
    pages: usize,
    started: Instant,
) -> Result<Summary, Vec<Diagnostic>> {
    let mut problems: Vec<Diagnostic> = Vec::new();
    for d in results.into_iter().filter_map(Result::err) {
        if !problems.contains(&d) {
            problems.push(d);
        }
    }
    if problems.is_empty() {
        Ok(Summary {
            pages,
            elapsed: started.elapsed(),
            stages: Vec::new(),
        })
    } else {
        Err(problems)
    }
}
