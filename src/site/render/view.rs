//! What a template sees: one plain, serialisable view per page. Every string in it is
//! text (the templates escape it) except `body`, the memo's HTML, already sanitised.

use std::borrow::Cow;

use serde::Serialize;
use tarif_engine::locale::{Word, language_name, word};
use tarif_engine::text::Lang;

use tarif_engine::date::Date;
use tarif_engine::wizard::paths::decision_table;

use super::app::{self, Script, SearchIndex};
use super::prices::{self, PriceListView};
use super::{CSP, Page, REFERRER_POLICY, Theme, offline, seo};
use crate::site::model::{Memo, Section, Site};
use crate::site::url::{CHANGES, PageDir, QUOTE, WIZARD};
use tarif_engine::price_list::PriceList;
use tarif_engine::wizard::Wizard;

#[derive(Serialize)]
pub struct Context<'a> {
    pub site: SiteView<'a>,
    pub page: PageView<'a>,
    pub words: Words,
}

#[derive(Serialize)]
pub struct SiteView<'a> {
    pub title: &'a str,
    pub company: &'a str,
    /// The logo's address from this page, if the site has one.
    pub logo: Option<String>,
    /// The accent colour, for the browser's toolbar.
    pub theme_color: String,
    pub csp: &'static str,
    pub referrer: &'static str,
}

#[derive(Serialize)]
pub struct PageView<'a> {
    /// `root`, `home`, `section` or `memo` (and, later, `wizard`).
    pub kind: &'static str,
    pub lang: &'a str,
    pub title: &'a str,
    pub description: Cow<'a, str>,
    /// From this page to the output root: `../../`.
    pub root: String,
    /// This language's home page.
    pub home: String,
    /// This language's search page.
    pub search: String,
    pub canonical: Option<String>,
    pub translations: Vec<Translation>,
    pub breadcrumbs: Vec<Link<'a>>,
    /// The section's pages (memo and section pages): in a large section, those near
    /// this page ([`NAV_WHOLE`]).
    pub nav: Vec<Link<'a>>,
    /// In a large section, the link to its page, which lists every page of it.
    pub nav_every: Option<Link<'a>>,
    /// The sections in this language (home), or the section's memos (section page).
    pub children: Vec<Card<'a>>,
    /// The sections only in other languages (home).
    pub elsewhere: Vec<Card<'a>>,
    /// The languages' homes (root).
    pub languages: Vec<Translation>,
    pub body: &'a str,
    pub price_list: Option<PriceListView>,
    /// The interactive app's mount point and data.
    pub app: Option<App>,
    /// A section page's folder from the output's root (`bg/laptop-bg/`): the group of
    /// files a visitor can keep offline from it, where the site is over its precache
    /// budget (the service worker says whether it is).
    pub offline_group: Option<String>,
    /// The page's module scripts: the site's own, and the app's where the page has it.
    pub scripts: Vec<Asset>,
    /// Modules the scripts import, preloaded with their integrity.
    pub preloads: Vec<Asset>,
    /// This language's web manifest.
    pub manifest: String,
    /// schema.org data (JSON) about what the page offers: a price list's services.
    pub json_ld: Option<String>,
    /// A wizard's static decision table (its template is `decision-table.html`).
    pub table: Option<super::decision_table::DecisionTableView>,
    /// The price page of a quote page's or a changes page's list.
    pub price_page: Option<String>,
    /// A changes page's changes (`tarif diff`'s, in the page's language).
    pub changes: Option<tarif_engine::price_list::diff::ListChanges>,
    /// Who publishes a section's page (its footer names it); the site's company elsewhere.
    pub publisher: Option<tarif_engine::page::Publisher>,
}

/// A file the page loads, from this page, with its Subresource Integrity digest.
#[derive(Serialize)]
pub struct Asset {
    pub href: String,
    pub integrity: String,
}

impl Asset {
    fn of(root: &str, script: &Script) -> Asset {
        Asset {
            href: format!("{root}{}", script.path),
            integrity: script.integrity.clone(),
        }
    }
}

#[derive(Serialize)]
pub struct Translation {
    pub lang: String,
    pub name: String,
    pub href: String,
    /// For `<link rel="alternate" hreflang>`: absolute with a `base_url`, else relative.
    pub alternate: String,
    pub current: bool,
}

#[derive(Serialize)]
pub struct Link<'a> {
    pub title: &'a str,
    pub href: String,
    pub current: bool,
}

#[derive(Serialize)]
pub struct Card<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub href: String,
    pub lang: &'a str,
}

/// The app's mount point: which app, and the data it starts from
/// (`tarif_engine::page::PageData`, packed as text for its `<script>` data block).
#[derive(Serialize)]
pub struct App {
    pub kind: &'static str,
    pub id: String,
    pub data: String,
    /// A large site's search index, in parts the app loads beside the page: written with
    /// the page, whose data (empty till then) names their folder
    /// ([`super::app::SearchIndex::write`]). The template sees whether there are any
    /// (`page.app.parts`).
    #[serde(rename = "parts", serialize_with = "in_parts")]
    pub search: Option<SearchIndex>,
}

fn in_parts<S: serde::Serializer>(search: &Option<SearchIndex>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_bool(search.as_ref().is_some_and(SearchIndex::in_parts))
}

/// tarif's own words on every page, in the page's language.
#[derive(Serialize)]
pub struct Words {
    skip: &'static str,
    language: &'static str,
    home: &'static str,
    sections: &'static str,
    in_this_section: &'static str,
    other_languages: &'static str,
    you_are_here: &'static str,
    item: &'static str,
    for_reference: &'static str,
    quote_calculator: &'static str,
    all_answers: &'static str,
    needs_script: &'static str,
    see_price_list: &'static str,
    search: &'static str,
    search_the_site: &'static str,
    search_needs_script: &'static str,
    search_needs_script_sections: &'static str,
    all_pages: &'static str,
    keep_offline: &'static str,
    remove_offline: &'static str,
    kept_offline: &'static str,
    keeping_offline: &'static str,
    keep_failed: &'static str,
    date: &'static str,
    before: &'static str,
    after: &'static str,
    formerly: &'static str,
    no_changes: &'static str,
    price_changes: &'static str,
}

impl Words {
    pub fn new(lang: &Lang) -> Words {
        let w = |x| word(lang, x);
        Words {
            skip: w(Word::SkipToContent),
            language: w(Word::Language),
            home: w(Word::Home),
            sections: w(Word::Sections),
            in_this_section: w(Word::InThisSection),
            other_languages: w(Word::OtherLanguages),
            you_are_here: w(Word::YouAreHere),
            item: w(Word::Item),
            for_reference: w(Word::ForReference),
            quote_calculator: w(Word::QuoteCalculator),
            all_answers: w(Word::AllAnswers),
            needs_script: w(Word::NeedsScript),
            see_price_list: w(Word::SeePriceList),
            search: w(Word::Search),
            search_the_site: w(Word::SearchTheSite),
            search_needs_script: w(Word::SearchNeedsScript),
            search_needs_script_sections: w(Word::SearchNeedsScriptSections),
            all_pages: w(Word::AllPages),
            keep_offline: w(Word::KeepOffline),
            remove_offline: w(Word::RemoveOffline),
            kept_offline: w(Word::KeptOffline),
            keeping_offline: w(Word::KeepingOffline),
            keep_failed: w(Word::KeepFailed),
            date: w(Word::Date),
            before: w(Word::Before),
            after: w(Word::After),
            formerly: w(Word::Formerly),
            no_changes: w(Word::NoChanges),
            price_changes: w(Word::PriceChanges),
        }
    }
}

/// The view of `page`, with the theme's assets (the app, if embedded) and the build's
/// date (for the date rules of decision tables).
pub fn context<'a>(site: &'a Site, page: &Page<'a>, theme: &Theme) -> Context<'a> {
    let today: Date = theme.today;
    let lang = page.lang(site);
    let dir = page.dir();
    let home = PageDir::home(lang);
    let root = dir.to_root();
    let mut view = PageView {
        kind: page.kind(),
        lang: lang.as_str(),
        title: site.config.title.best(lang, &site.languages),
        description: site.config.description.best(lang, &site.languages).into(),
        scripts: vec![Asset::of(&root, &theme.site_js)],
        preloads: Vec::new(),
        manifest: format!("{root}{lang}/{}", offline::MANIFEST),
        json_ld: None,
        root,
        home: dir.href_to(&home),
        search: dir.href_to(&PageDir::search(lang)),
        canonical: site.config.base_url.as_ref().map(|b| dir.absolute(b)),
        translations: translations(site, page, &dir),
        breadcrumbs: Vec::new(),
        nav: Vec::new(),
        nav_every: None,
        children: Vec::new(),
        elsewhere: Vec::new(),
        languages: Vec::new(),
        body: "",
        price_list: None,
        app: None,
        offline_group: None,
        table: None,
        price_page: None,
        changes: None,
        publisher: match *page {
            Page::Section(s, l)
            | Page::Wizard(s, _, l)
            | Page::Quote(s, _, l)
            | Page::Changes(s, _, l) => Some(site.publisher(s, l)),
            Page::Memo(s, m) => Some(site.publisher(s, &m.lang)),
            Page::Root | Page::Home(_) | Page::Search(_) => None,
        },
    };
    let here = Here {
        site,
        lang,
        dir: &dir,
    };
    match *page {
        Page::Root => view.languages = view.translations.drain(..).collect(),
        Page::Home(_) => here.home_cards(&mut view),
        Page::Section(section, _) => here.section_page(section, &mut view),
        Page::Memo(section, memo) => here.memo_page(section, memo, &mut view),
        Page::Wizard(section, wizard, _) => here.wizard_page(section, wizard, today, &mut view),
        Page::Search(_) => here.search_page(&mut view, theme.live_reload()),
        Page::Quote(section, list, _) => here.quote_page(section, list, &mut view),
        Page::Changes(section, list, _) => here.changes_page(section, list, &mut view),
    }
    if let (Some(_), Some(assets)) = (&view.app, &theme.app) {
        view.scripts.push(Asset::of(&view.root, &assets.boot));
        view.preloads.push(Asset::of(&view.root, &assets.glue));
    }
    Context {
        site: SiteView {
            title: site.config.title.best(lang, &site.languages),
            company: &site.config.company,
            logo: site
                .config
                .logo
                .as_ref()
                .map(|l| format!("{}{l}", view.root)),
            theme_color: site.config.colours.accent.to_string(),
            csp: CSP,
            referrer: REFERRER_POLICY,
        },
        page: view,
        words: Words::new(lang),
    }
}

/// A section's navigation lists up to this many of its pages whole. A larger section's
/// pages each list the [`NAV_NEAR`] pages before and after them and link the section's
/// page, which lists every one: a list of hundreds is a wall to tab through and taller
/// than any screen, and every page carrying every other's link makes a section's
/// output grow with the square of its pages (the neutral corpus's 333 price lists put
/// 43 KB of links on each of their 2,000 pages, 15 % of the site).
pub const NAV_WHOLE: usize = 25;
/// How many pages each side of the current one a large section's navigation lists.
pub const NAV_NEAR: usize = 5;

/// The pages a section's navigation shows, of `len`, on the page at `current` (if it
/// is one of them): all of them up to [`NAV_WHOLE`]; else the [`NAV_NEAR`] each side of
/// the current one, as many as that on the other side where it is near an end.
fn near(current: Option<usize>, len: usize) -> std::ops::Range<usize> {
    if len <= NAV_WHOLE {
        return 0..len;
    }
    let shown = 2 * NAV_NEAR + 1;
    let start = current
        .unwrap_or(0)
        .saturating_sub(NAV_NEAR)
        .min(len - shown);
    start..start + shown
}

/// A page of a section's navigation: its title and its folders (at most four:
/// `<lang>/<section>/wizard/<id>/`).
struct NavPage<'a> {
    title: &'a str,
    path: [&'a str; 4],
    depth: usize,
}

impl<'a> NavPage<'a> {
    fn new<const N: usize>(title: &'a str, path: [&'a str; N]) -> NavPage<'a> {
        let mut all = [""; 4];
        all[..N].copy_from_slice(&path);
        NavPage {
            title,
            path: all,
            depth: N,
        }
    }

    fn path(&self) -> &[&'a str] {
        &self.path[..self.depth]
    }
}

/// Where a page is being built: its site, its language and its folder, from which
/// every link it holds is written.
struct Here<'a, 'p> {
    site: &'a Site,
    lang: &'a Lang,
    dir: &'p PageDir,
}

impl<'a> Here<'a, '_> {
    /// A link from here to `to`.
    fn link(&self, title: &'a str, to: &PageDir) -> Link<'a> {
        Link {
            title,
            href: self.dir.href_to(to),
            current: to == self.dir,
        }
    }

    /// [`Here::link`] to the page in the folders `to`, with no `PageDir` made for it.
    fn link_to_path(&self, title: &'a str, to: &[&str]) -> Link<'a> {
        Link {
            title,
            href: self.dir.href_to_path(to),
            current: self.dir.is_path(to),
        }
    }

    /// The first breadcrumb: the site's home in this language.
    fn home_crumb(&self) -> Link<'a> {
        let title = self.site.config.title.best(self.lang, &self.site.languages);
        self.link(title, &PageDir::home(self.lang))
    }

    /// A section's page: its memos and its tools (wizards, quote pages) as cards.
    fn section_page(&self, section: &'a Section, view: &mut PageView<'a>) {
        let (lang, langs) = (self.lang, &section.config.languages);
        view.title = section.config.title.best(lang, langs);
        view.description = section.config.description.best(lang, langs).into();
        view.breadcrumbs = vec![self.home_crumb()];
        view.offline_group = Some(format!("{lang}/{}/", section.id));
        view.children = self
            .nav(section)
            .into_iter()
            .zip(self.descriptions(section))
            .map(|(link, description)| Card {
                title: link.title,
                description,
                href: link.href,
                lang: lang.as_str(),
            })
            .collect();
    }

    /// A memo's page: its text, and the price list it shows with its calculator and its
    /// schema.org data.
    fn memo_page(&self, section: &'a Section, memo: &'a Memo, view: &mut PageView<'a>) {
        let (site, lang) = (self.site, self.lang);
        view.title = &memo.front.title;
        view.description = memo.front.description.as_str().into();
        view.body = &memo.body.html;
        self.in_section(section, view);
        let id = memo.price_list().unwrap_or_default();
        if let (Some(list), Some(history)) =
            (site.price_lists.get(id), site.price_histories.get(id))
        {
            let mut prices = prices::view(history, site.today, lang);
            if !history.changes.is_empty() {
                let changes = PageDir::changes(lang, &section.id, &list.id);
                prices.changes = Some(self.dir.href_to(&changes));
            }
            view.price_list = Some(prices);
            let address = seo::page_address(site, self.dir);
            // The page's publisher, already in the view, is the seller.
            let seller = view
                .publisher
                .as_ref()
                .map_or_else(|| site.config.company.clone(), |p| p.name.clone());
            let provider = site.provider(section, lang);
            view.json_ld = Some(seo::price_list_json_ld(
                list,
                &seo::Dates {
                    history,
                    today: site.today,
                },
                lang,
                &seo::Organisations {
                    seller: &seller,
                    provider: &provider,
                },
                &address,
            ));
            if list.has_prices() {
                let data = app::calculator(site, section, list, lang, self.dir);
                view.app = Some(App {
                    kind: "calculator",
                    id: list.id.clone(),
                    data,
                    search: None,
                });
            }
        }
    }

    /// A wizard's page: the flow (app) and its decision table (static).
    fn wizard_page(
        &self,
        section: &'a Section,
        wizard: &'a Wizard,
        today: Date,
        view: &mut PageView<'a>,
    ) {
        let (site, lang) = (self.site, self.lang);
        view.title = wizard.title.best(lang, &section.config.languages);
        // The intro, or the question the wizard answers.
        view.description = wizard
            .intro
            .as_ref()
            .unwrap_or(&wizard.title)
            .best(lang, &section.config.languages)
            .into();
        self.in_section(section, view);
        let data = app::wizard(site, section, wizard, lang, self.dir);
        view.app = Some(App {
            kind: "wizard",
            id: wizard.id.clone(),
            data,
            search: None,
        });
        let list = wizard
            .price_list
            .as_ref()
            .and_then(|id| site.price_lists.get(id));
        view.table = decision_table(wizard, today)
            .ok()
            .map(|t| super::decision_table::view(wizard, &t, lang, list, today));
    }

    /// A language's search page: the app's index of every page, and a list of them (of
    /// the sections alone where the index is in parts: a large site's list would outweigh
    /// the page). `tarif serve` keeps the index whole in the page, which an edit rewrites.
    fn search_page(&self, view: &mut PageView<'a>, whole: bool) {
        let lang = self.lang;
        view.title = word(lang, Word::Search);
        view.description = word(lang, Word::SearchTheSite).into();
        view.breadcrumbs = vec![self.home_crumb()];
        let search = app::search(self.site, lang, self.dir, whole);
        view.children = self.all_pages(!search.in_parts());
        let (data, search) = if search.in_parts() {
            (String::new(), Some(search))
        } else {
            (search.data(), None)
        };
        view.app = Some(App {
            kind: "search",
            id: lang.to_string(),
            data,
            search,
        });
    }

    /// A price list's quote page: the calculator, and the way back to the price page.
    fn quote_page(&self, section: &'a Section, list: &'a PriceList, view: &mut PageView<'a>) {
        let lang = self.lang;
        view.title = list.title.best(lang, &list.languages);
        // "Quote calculator: Price list of …", so that no two pages say the same.
        view.description = format!(
            "{}: {}",
            word(lang, Word::QuoteCalculator),
            list.title.best(lang, &list.languages)
        )
        .into();
        self.in_section(section, view);
        let data = app::calculator(self.site, section, list, lang, self.dir);
        view.app = Some(App {
            kind: "calculator",
            id: list.id.clone(),
            data,
            search: None,
        });
        view.price_page = self.price_page(section, list);
    }

    /// A price list's changes page: every dated change, before and after, as `tarif diff`.
    fn changes_page(&self, section: &'a Section, list: &'a PriceList, view: &mut PageView<'a>) {
        let lang = self.lang;
        let title = list.title.best(lang, &list.languages);
        view.title = word(lang, Word::PriceChanges);
        view.description = word(lang, Word::PriceChangesOf)
            .replace("{list}", title)
            .into();
        self.in_section(section, view);
        view.price_page = self.price_page(section, list);
        view.changes = self
            .site
            .price_histories
            .get(&list.id)
            .map(|h| tarif_engine::price_list::diff::diff(h, None, None, lang));
    }

    /// The link to the memo page that shows `list`, if one does in this language.
    fn price_page(&self, section: &'a Section, list: &PriceList) -> Option<String> {
        section
            .memos_in(self.lang)
            .find(|m| m.price_list() == Some(list.id.as_str()))
            .map(|m| self.dir.href_to(&m.dir(&section.id)))
    }

    /// The breadcrumbs and navigation of a page inside a section: the section's pages,
    /// or in a large section those near this one and a link to the section's page.
    fn in_section(&self, section: &'a Section, view: &mut PageView<'a>) {
        let title = section
            .config
            .title
            .best(self.lang, &section.config.languages);
        let section_dir = PageDir::section(self.lang, &section.id);
        view.breadcrumbs = vec![self.home_crumb(), self.link(title, &section_dir)];
        let pages: Vec<NavPage<'a>> = self.nav_pages(section).collect();
        let shown = near(
            pages.iter().position(|p| self.dir.is_path(p.path())),
            pages.len(),
        );
        view.nav = pages[shown.clone()]
            .iter()
            .map(|p| self.link_to_path(p.title, p.path()))
            .collect();
        if shown.len() < pages.len() {
            let every = word(self.lang, Word::EveryPageOfSection);
            view.nav_every = Some(self.link(every, &section_dir));
        }
    }

    /// The section's pages: its memos, then its wizards and quote calculators, then its
    /// price lists' changes.
    fn nav(&self, section: &'a Section) -> Vec<Link<'a>> {
        self.nav_pages(section)
            .map(|p| self.link_to_path(p.title, p.path()))
            .collect()
    }

    /// [`Here::nav`]'s pages, their links not yet written.
    fn nav_pages(&self, section: &'a Section) -> impl Iterator<Item = NavPage<'a>> + 'a {
        let lang = self.lang;
        let (tag, id) = (lang.as_str(), section.id.as_str());
        let memos = section
            .memos_in(lang)
            .map(move |m| NavPage::new(&m.front.title, [tag, id, &m.slug]));
        let wizards = section.wizards.iter().map(move |w| {
            let title = w.title.best(lang, &section.config.languages);
            NavPage::new(title, [tag, id, WIZARD, &w.id])
        });
        let quotes = section.quoted_lists.iter().map(move |list| {
            let title = word(lang, Word::QuoteCalculator);
            NavPage::new(title, [tag, id, QUOTE, list])
        });
        let changes = section.changing_lists.iter().map(move |list| {
            let title = word(lang, Word::PriceChanges);
            NavPage::new(title, [tag, id, CHANGES, list])
        });
        memos.chain(wizards).chain(quotes).chain(changes)
    }

    /// A one-line description of each page of `nav`, in the same order.
    fn descriptions(&self, section: &'a Section) -> impl Iterator<Item = &'a str> + 'a {
        let lang = self.lang;
        let langs = &section.config.languages;
        let memos = section.memos_in(lang).map(|m| m.front.description.as_str());
        let wizards = section
            .wizards
            .iter()
            .map(move |w| w.intro.as_ref().map_or("", |i| i.best(lang, langs)));
        let quotes = self
            .site
            .quoted_lists_of(section)
            .map(move |l| l.title.best(lang, &l.languages));
        let changes = self
            .site
            .changing_lists_of(section)
            .map(move |l| l.title.best(lang, &l.languages));
        memos.chain(wizards).chain(quotes).chain(changes)
    }

    /// Every page in this language, section by section, each with its section's title.
    fn all_pages(&self, memos: bool) -> Vec<Card<'a>> {
        let lang = self.lang;
        let mut cards = Vec::new();
        for section in self.site.sections_in(lang) {
            let title = section.config.title.best(lang, &section.config.languages);
            cards.push(Card {
                title,
                description: "",
                href: self.dir.href_to(&PageDir::section(lang, &section.id)),
                lang: lang.as_str(),
            });
            for link in self.nav(section).into_iter().filter(|_| memos) {
                cards.push(Card {
                    title: link.title,
                    description: title,
                    href: link.href,
                    lang: lang.as_str(),
                });
            }
        }
        cards
    }

    /// The home page's cards: the sections in this language, and the others in their
    /// original language.
    fn home_cards(&self, view: &mut PageView<'a>) {
        for s in &self.site.sections {
            let in_lang = s.config.languages.contains(self.lang);
            // A section not in this language is offered in its original.
            let shown = match s.config.languages.first() {
                Some(original) if !in_lang => original,
                _ => self.lang,
            };
            let card = Card {
                title: s.config.title.best(shown, &s.config.languages),
                description: s.config.description.best(shown, &s.config.languages),
                href: self.dir.href_to(&PageDir::section(shown, &s.id)),
                lang: shown.as_str(),
            };
            if in_lang {
                view.children.push(card)
            } else {
                view.elsewhere.push(card)
            }
        }
    }
}

/// The same page in each language it is written in (the root: each language's home).
fn translations(site: &Site, page: &Page, here: &PageDir) -> Vec<Translation> {
    let current = page.lang(site);
    page.languages(site)
        .iter()
        .map(|l| {
            let dir = page.in_lang(l);
            let href = here.href_to(&dir);
            Translation {
                lang: l.to_string(),
                name: language_name(l).to_owned(),
                alternate: site
                    .config
                    .base_url
                    .as_ref()
                    .map_or_else(|| href.clone(), |b| dir.absolute(b)),
                href,
                current: l == current && !matches!(page, Page::Root),
            }
        })
        .collect()
}
