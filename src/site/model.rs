//! Stage 2, `model`: the sources become the site's model (configs, memos rendered to
//! HTML, price lists and wizards as engine types), or the list of every problem.
//!
//! Each file is checked on its own here (its TOML, its front matter, its Markdown); the
//! checks across files (links, translations, price lists of pages) are stage 3,
//! `validate`, which `load_site` runs between [`read`] and [`finish`]; `finish` then reads
//! the wizards (their citations need every memo's anchors) and hands the model on.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use tarif_engine::date::Date;
use tarif_engine::diagnostic::Diagnostic;
use tarif_engine::price_list::{PriceHistory, PriceList, parse_price_history};
use tarif_engine::text::Lang;
use tarif_engine::wizard::{self, Wizard};

use super::config::{self, SectionConfig, SiteConfig};
use super::front_matter::{self, FrontMatter};
use super::load::{MemoSource, SITE_CONFIG, SectionSource, Sources, StaticFile, TextFile};
use super::markdown::{self, Body};
use super::parallel;
use super::url::PageDir;

/// A site, checked and ready to render.
#[derive(Debug)]
pub struct Site {
    pub config: SiteConfig,
    /// Every language a section is written in, the default first.
    pub languages: Vec<Lang>,
    /// By weight, then id.
    pub sections: Vec<Section>,
    /// The day the site is built for: the prices in effect on it are the site's.
    pub today: Date,
    /// Each price list as it stands on `today`, by id.
    pub price_lists: BTreeMap<String, PriceList>,
    /// Each price list through time (its history and announced changes), by id. Shared
    /// with the sources `tarif serve` keeps: a memo's edit does not copy them.
    pub price_histories: Arc<BTreeMap<String, PriceHistory>>,
    pub templates: Vec<TextFile>,
    pub static_files: Vec<StaticFile>,
}

/// A section and its memos in every language.
#[derive(Debug, Clone)]
pub struct Section {
    pub id: String,
    pub config: SectionConfig,
    /// By language, then weight, then slug.
    pub memos: Vec<Memo>,
    /// By id; each is written in every language of the section.
    pub wizards: Vec<Wizard>,
    /// The ids of the price lists that belong to it and have something to quote, in
    /// order: each gets a calculator and a quote page ([`Site::quoted_lists_of`]).
    pub quoted_lists: Vec<String>,
    /// The ids of the price lists that belong to it and have dated changes, in order:
    /// each gets a changes page ([`Site::changing_lists_of`]).
    ///
    /// (Both decided once, as the site is made: every page of the section lists these
    /// pages, and finding them among all a large network's lists per page was a
    /// twentieth of its build; looking each one up, a thirtieth.)
    pub changing_lists: Vec<String>,
}

/// One memo in one language. (A section's wizards are pages of their own beside its
/// memos: `Section::wizards`.)
#[derive(Debug, Clone)]
pub struct Memo {
    pub lang: Lang,
    pub slug: String,
    /// The source file, relative to the site root.
    pub file: String,
    pub front: FrontMatter,
    /// Shared with the draft it was read into, which `tarif serve` keeps for the next
    /// build: a memo's text is not copied to be read again.
    pub body: Arc<Body>,
}

impl Memo {
    pub fn dir(&self, section: &str) -> PageDir {
        PageDir::memo(&self.lang, section, &self.slug)
    }

    /// The price list the page shows below its text.
    pub fn price_list(&self) -> Option<&str> {
        self.front.price_list.as_ref().map(|(id, _)| id.as_str())
    }
}

impl Section {
    /// The memos in `lang`, in order.
    pub fn memos_in<'a>(&'a self, lang: &'a Lang) -> impl Iterator<Item = &'a Memo> {
        self.memos.iter().filter(move |m| &m.lang == lang)
    }
}

impl Site {
    /// Who publishes `section`'s pages in `lang`: its `[publisher]`, or the site's
    /// company where it names none.
    pub fn publisher(&self, section: &Section, lang: &Lang) -> tarif_engine::page::Publisher {
        match &section.config.publisher {
            Some(p) => p.in_lang(lang, &section.config.languages),
            None => tarif_engine::page::Publisher {
                name: self.config.company.clone(),
                details: Vec::new(),
            },
        }
    }

    /// Who provides `section`'s services in `lang`: its publisher's `provider`, or the
    /// publisher itself (schema.org `provider` beside the publisher as `seller`).
    pub fn provider(&self, section: &Section, lang: &Lang) -> String {
        let named = section
            .config
            .publisher
            .as_ref()
            .and_then(|p| p.provider.as_ref());
        match named {
            Some(t) => t.best(lang, &section.config.languages).to_owned(),
            None => self.publisher(section, lang).name,
        }
    }

    /// The price lists of `section` that have something to quote: each gets a calculator
    /// and a quote page. A list of free services only (Comportal's) gets neither: its page
    /// is the table of services and their conditions, and its wizard decides them.
    pub fn quoted_lists_of<'a>(
        &'a self,
        section: &'a Section,
    ) -> impl Iterator<Item = &'a PriceList> {
        self.lists(&section.quoted_lists)
    }

    /// The price lists of `section` with dated changes: each gets a changes page.
    pub fn changing_lists_of<'a>(
        &'a self,
        section: &'a Section,
    ) -> impl Iterator<Item = &'a PriceList> {
        self.lists(&section.changing_lists)
    }

    fn lists<'a>(&'a self, ids: &'a [String]) -> impl Iterator<Item = &'a PriceList> {
        ids.iter().filter_map(|id| self.price_lists.get(id))
    }

    /// The sections written in `lang`.
    pub fn sections_in<'a>(&'a self, lang: &'a Lang) -> impl Iterator<Item = &'a Section> {
        self.sections
            .iter()
            .filter(move |s| s.config.languages.contains(lang))
    }
}

/// A memo read and rendered, with its source kept for the checks across files. A memo
/// whose front matter does not read still exists (links to it are not "broken"), but
/// what it says is unknown: `front` is `None`.
pub struct Draft {
    pub section: usize,
    pub source: MemoSource,
    pub front: Option<FrontMatter>,
    pub body: Arc<Body>,
}

/// The price lists that read, and the ids of those that do not (already reported).
pub struct PriceLists {
    pub read: Arc<BTreeMap<String, PriceHistory>>,
    pub broken: BTreeSet<String>,
}

/// The model before the checks across files: every file read and checked on its own.
pub struct Assembly {
    pub sections: Vec<Section>,
    pub drafts: Vec<Draft>,
    /// Wizards by (section, id), known from their files (read or not): links may go there.
    pub wizard_files: BTreeSet<(String, String)>,
    wizard_sources: Vec<(String, TextFile)>,
    pub price_lists: PriceLists,
    pub languages: Vec<Lang>,
    config: Option<SiteConfig>,
    templates: Vec<TextFile>,
    pub static_files: Vec<StaticFile>,
}

/// Reads each source into the model (`problems` already holds those of loading, and gets
/// each file's own); the checks across files (`validate`) come next, then [`finish`].
pub fn read(sources: Sources, problems: &mut Vec<Diagnostic>) -> Assembly {
    let (sections, memo_sources, wizard_sources, every_section_read) =
        sections(sources.sections, problems);
    let languages = languages(&sections);
    // With a section unread, the site's languages are not all known: its texts are then
    // taken as written rather than reported against a partial list.
    let known = if every_section_read {
        languages.as_slice()
    } else {
        &[]
    };
    let config = match &sources.site {
        Some(file) => config::site(file, known, &sources.static_files, problems),
        None => None,
    };
    let price_lists = price_lists(&sources.price_lists, problems);
    let drafts = drafts(&sections, memo_sources, problems);
    let wizard_files: BTreeSet<(String, String)> = wizard_sources
        .iter()
        .filter_map(|(section, file)| {
            let name = file.name.rsplit('/').next()?;
            Some((
                section.clone(),
                name.strip_suffix(".wizard.toml")?.to_owned(),
            ))
        })
        .collect();
    Assembly {
        sections,
        drafts,
        wizard_files,
        wizard_sources,
        price_lists,
        languages,
        config,
        templates: sources.templates,
        static_files: sources.static_files,
    }
}

/// The model, once every check has run: the wizards read against their sections (their
/// citations need the memos' anchors), then the `Site`, or every problem found.
///
/// The assembly stays as it was (the model shares the memos' bodies with it), so that
/// `tarif serve` can read an edited memo into it again and finish anew. `today` is the
/// day whose prices the site shows (the build's date).
pub fn finish(
    a: &Assembly,
    mut problems: Vec<Diagnostic>,
    today: Date,
) -> Result<Site, Vec<Diagnostic>> {
    // Each list as of the day, on every core (a thousand lists at 10,000 pages).
    let histories: Vec<(&String, &PriceHistory)> = a.price_lists.read.iter().collect();
    let price_lists: BTreeMap<String, PriceList> =
        parallel::map(&histories, |&(id, h)| (id.clone(), h.as_of(today)))
            .into_iter()
            .collect();
    let wizards = wizards(
        &a.sections,
        &a.drafts,
        &price_lists,
        &a.wizard_sources,
        &mut problems,
    );
    let Some(config) = a.config.clone().filter(|_| problems.is_empty()) else {
        if problems.is_empty() {
            problems.push(Diagnostic::file(
                format!("content/{SITE_CONFIG}"),
                "the site config could not be read",
            ));
        }
        problems.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
        problems.dedup();
        return Err(problems);
    };
    let mut sections = a.sections.clone();
    for w in wizards {
        if let Some(s) = sections.iter_mut().find(|s| s.id == w.section) {
            s.wizards.push(w);
        }
    }
    attach(&mut sections, &a.drafts);
    let at: BTreeMap<String, usize> = sections
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.clone(), i))
        .collect();
    for l in price_lists.values() {
        if let Some(&i) = l.section.as_deref().and_then(|s| at.get(s)) {
            let section = &mut sections[i];
            if l.has_prices() {
                section.quoted_lists.push(l.id.clone());
            }
            if a.price_lists
                .read
                .get(&l.id)
                .is_some_and(|h| !h.changes.is_empty())
            {
                section.changing_lists.push(l.id.clone());
            }
        }
    }
    Ok(Site {
        languages: default_first(a.languages.clone(), &config.default_language),
        config,
        sections,
        today,
        price_lists,
        price_histories: Arc::clone(&a.price_lists.read),
        templates: a.templates.clone(),
        static_files: a.static_files.clone(),
    })
}

/// The sections whose config reads, the memos to read (by index of their section), and
/// whether every section's config read.
/// The sections whose config reads, with the memos and wizards to read in each.
type SectionsRead = (
    Vec<Section>,
    Vec<(usize, MemoSource)>,
    Vec<(String, TextFile)>,
    bool,
);

fn sections(sources: Vec<SectionSource>, problems: &mut Vec<Diagnostic>) -> SectionsRead {
    let mut sections = Vec::new();
    let mut memos = Vec::new();
    let mut wizards = Vec::new();
    let mut every_section_read = true;
    for s in sources {
        let Some(config) = s.config.as_ref().and_then(|f| config::section(f, problems)) else {
            every_section_read = false;
            continue;
        };
        for m in s.memos {
            if config.languages.contains(&m.lang) {
                memos.push((sections.len(), m));
            } else {
                problems.push(
                    Diagnostic::file(
                        &m.file.name,
                        format!("section `{}` is not written in `{}`", s.id, m.lang),
                    )
                    .help(format!(
                        "add \"{}\" to `languages` in its section.toml, or move the memo",
                        m.lang
                    )),
                );
            }
        }
        wizards.extend(s.wizards.into_iter().map(|w| (s.id.clone(), w)));
        sections.push(Section {
            id: s.id,
            config,
            memos: Vec::new(),
            wizards: Vec::new(),
            quoted_lists: Vec::new(),
            changing_lists: Vec::new(),
        });
    }
    if sections.is_empty() && every_section_read {
        problems.push(
            Diagnostic::file("content", "the site has no sections")
                .help("add a folder content/<section>/ with a section.toml and memos; `tarif new DIR` shows one"),
        );
    }
    (sections, memos, wizards, every_section_read)
}

/// Puts each memo in its section, then orders sections and memos by weight. (Ordering
/// only now keeps the drafts' section indices valid until here.)
fn attach(sections: &mut Vec<Section>, drafts: &[Draft]) {
    for d in drafts {
        let Some(front) = &d.front else { continue };
        sections[d.section].memos.push(Memo {
            lang: d.source.lang.clone(),
            slug: d.source.slug.clone(),
            file: d.source.file.name.clone(),
            front: front.clone(),
            body: Arc::clone(&d.body),
        });
    }
    sections.sort_by(|a, b| (a.config.weight, &a.id).cmp(&(b.config.weight, &b.id)));
    for s in sections {
        s.wizards.sort_by(|a, b| a.id.cmp(&b.id));
        s.memos.sort_by(|a, b| {
            (&a.lang, a.front.weight, &a.slug).cmp(&(&b.lang, b.front.weight, &b.slug))
        });
    }
}

fn default_first(mut languages: Vec<Lang>, default: &Lang) -> Vec<Lang> {
    if let Some(i) = languages.iter().position(|l| l == default) {
        let lang = languages.remove(i);
        languages.insert(0, lang);
    }
    languages
}

/// Every language of the sections, in the order they first appear.
fn languages(sections: &[Section]) -> Vec<Lang> {
    let mut langs: Vec<Lang> = Vec::new();
    for l in sections.iter().flat_map(|s| &s.config.languages) {
        if !langs.contains(l) {
            langs.push(l.clone());
        }
    }
    langs
}

fn price_lists(files: &[TextFile], problems: &mut Vec<Diagnostic>) -> PriceLists {
    let mut read = BTreeMap::new();
    let mut broken = BTreeSet::new();
    // Parsed on every core: a large network has thousands of price lists.
    let parsed = parallel::map(files, |f| parse_price_history(&f.name, &f.text));
    for (f, parsed) in files.iter().zip(parsed) {
        match parsed {
            Ok(list) => {
                read.insert(list.first.id.clone(), list);
            }
            Err(p) => {
                problems.extend(p);
                let stem = f.name.rsplit('/').next().unwrap_or_default();
                broken.insert(stem.trim_end_matches(".toml").to_owned());
            }
        }
    }
    PriceLists {
        read: Arc::new(read),
        broken,
    }
}

/// Reads and checks every wizard against its section: its languages, the headings its
/// memos have in every language (`page#anchor`, as the Markdown renderer found them) and
/// the site's price lists. (Section indices are those of `drafts`: before `attach` sorts.)
fn wizards(
    sections: &[Section],
    drafts: &[Draft],
    lists: &BTreeMap<String, PriceList>,
    sources: &[(String, TextFile)],
    problems: &mut Vec<Diagnostic>,
) -> Vec<Wizard> {
    let mut out = Vec::new();
    if sources.is_empty() {
        return out;
    }
    let lists: Vec<PriceList> = lists.values().cloned().collect();
    for (section_id, file) in sources {
        let Some((i, section)) = sections
            .iter()
            .enumerate()
            .find(|(_, s)| s.id == *section_id)
        else {
            continue; // its section.toml did not read: reported already
        };
        let anchors = anchors_in_every_language(section, i, drafts);
        let site = wizard::SiteFacts {
            languages: &section.config.languages,
            anchors: &anchors,
            price_lists: &lists,
        };
        match wizard::load_wizard(&file.name, &section.id, &file.text, &site) {
            Ok(w) => out.push(w),
            Err(p) => problems.extend(p),
        }
    }
    out
}

/// `page#anchor` for each heading id a section's memo has in every one of its languages:
/// a wizard's citation must resolve in each translation.
fn anchors_in_every_language(
    section: &Section,
    index: usize,
    drafts: &[Draft],
) -> BTreeSet<String> {
    let per_lang = section.config.languages.iter().map(|lang| {
        drafts
            .iter()
            .filter(|d| d.section == index && &d.source.lang == lang)
            .flat_map(|d| {
                d.body
                    .headings
                    .iter()
                    .map(move |h| format!("{}#{}", d.source.slug, h.id))
            })
            .collect::<BTreeSet<String>>()
    });
    per_lang
        .reduce(|a, b| a.intersection(&b).cloned().collect())
        .unwrap_or_default()
}

/// Reads every memo's front matter and renders its Markdown, on every core.
fn drafts(
    sections: &[Section],
    sources: Vec<(usize, MemoSource)>,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Draft> {
    let results = parallel::map(&sources, |(section, m)| draft(&sections[*section].id, m));
    let mut drafts = Vec::with_capacity(sources.len());
    for ((section, source), (draft, found)) in sources.into_iter().zip(results) {
        problems.extend(found);
        let (front, body) = draft;
        drafts.push(Draft {
            section,
            source,
            front,
            body: Arc::new(body),
        });
    }
    drafts
}

/// One memo's front matter and body, and the problems of its file.
fn draft(section: &str, m: &MemoSource) -> ((Option<FrontMatter>, Body), Vec<Diagnostic>) {
    let mut found = Vec::new();
    let read = m.readable.then(|| front_matter::read(&m.file, &mut found));
    let draft = match read.flatten() {
        Some((front, start)) => {
            let here = PageDir::memo(&m.lang, section, &m.slug);
            let body = markdown::render(&m.file, start, section, &m.lang, &here, &mut found);
            (Some(front), body)
        }
        None => (None, Body::default()),
    };
    (draft, found)
}

impl Assembly {
    /// Reads the memo `file` (its name from the site root) again from `text`: the
    /// problems of its own (front matter, Markdown), or `None` when no memo of the
    /// assembly has that name (then only a whole new load knows what the file is).
    pub fn reread_memo(&mut self, file: &str, text: String) -> Option<Vec<Diagnostic>> {
        let d = self
            .drafts
            .iter_mut()
            .find(|d| d.source.file.name == file)?;
        d.source.file.text = text;
        d.source.readable = true;
        let ((front, body), found) = draft(&self.sections[d.section].id, &d.source);
        d.front = front;
        d.body = Arc::new(body);
        Some(found)
    }
}
