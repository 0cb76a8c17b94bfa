//! What a template sees: one plain, serialisable view per page. Every string in it is
//! text (the templates escape it) except `body`, the memo's HTML, already sanitised.

use std::borrow::Cow;

use serde::Serialize;
use tarif_engine::locale::{Word, language_name, word};
use tarif_engine::text::Lang;

use tarif_engine::date::Date;
use tarif_engine::wizard::paths::decision_table;

use super::app::{self, Script};
use super::prices::{self, PriceListView};
use super::{CSP, Page, REFERRER_POLICY, Theme, offline, seo};
use crate::site::model::{Memo, Section, Site};
use crate::site::url::PageDir;
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
    /// The section's pages (memo and section pages).
    pub nav: Vec<Link<'a>>,
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
    /// The price page of a quote page's list.
    pub price_page: Option<String>,
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
/// (`tarif_engine::page::PageData`, packed as base64 text for its `<script>` data block).
#[derive(Serialize)]
pub struct App {
    pub kind: &'static str,
    pub id: String,
    pub data: String,
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
    all_pages: &'static str,
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
            all_pages: w(Word::AllPages),
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
        children: Vec::new(),
        elsewhere: Vec::new(),
        languages: Vec::new(),
        body: "",
        price_list: None,
        app: None,
        table: None,
        price_page: None,
        publisher: match *page {
            Page::Section(s, l) | Page::Wizard(s, _, l) | Page::Quote(s, _, l) => {
                Some(site.publisher(s, l))
            }
            Page::Memo(s, m) => Some(site.publisher(s, &m.lang)),
            Page::Root | Page::Home(_) | Page::Search(_) => None,
        },
    };
    match *page {
        Page::Root => view.languages = view.translations.drain(..).collect(),
        Page::Home(lang) => home_cards(site, lang, &dir, &mut view),
        Page::Section(section, lang) => section_page(site, section, lang, &dir, &mut view),
        Page::Memo(section, memo) => memo_page(site, section, memo, &dir, &mut view),
        Page::Wizard(section, wizard, lang) => {
            wizard_page(site, section, wizard, lang, today, &dir, &mut view)
        }
        Page::Search(lang) => search_page(site, lang, &dir, &mut view),
        Page::Quote(section, list, lang) => quote_page(site, section, list, lang, &dir, &mut view),
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

/// A section's page: its memos and its tools (wizards, quote pages) as cards.
fn section_page<'a>(
    site: &'a Site,
    section: &'a Section,
    lang: &'a Lang,
    dir: &PageDir,
    view: &mut PageView<'a>,
) {
    let home = PageDir::home(lang);
    view.title = section.config.title.best(lang, &section.config.languages);
    view.description = section
        .config
        .description
        .best(lang, &section.config.languages)
        .into();
    view.breadcrumbs = vec![crumb(
        site.config.title.best(lang, &site.languages),
        dir,
        &home,
    )];
    view.children = section
        .memos_in(lang)
        .map(|m| Card {
            title: &m.front.title,
            description: &m.front.description,
            href: dir.href_to(&m.dir(&section.id)),
            lang: lang.as_str(),
        })
        .collect();
    view.children.extend(
        tools(site, section, lang, dir)
            .into_iter()
            .map(|(link, description)| Card {
                title: link.title,
                description,
                href: link.href,
                lang: lang.as_str(),
            }),
    );
}

/// A memo's page: its text, and the price list it shows with its calculator and its
/// schema.org data.
fn memo_page<'a>(
    site: &'a Site,
    section: &'a Section,
    memo: &'a Memo,
    dir: &PageDir,
    view: &mut PageView<'a>,
) {
    let lang = &memo.lang;
    view.title = &memo.front.title;
    view.description = memo.front.description.as_str().into();
    view.body = &memo.body.html;
    in_section(site, section, lang, dir, view);
    if let Some(list) = memo.price_list().and_then(|id| site.price_lists.get(id)) {
        view.price_list = Some(prices::view(list, lang));
        let address = seo::page_address(site, dir);
        // The page's publisher, already in the view, is the seller.
        let seller = view
            .publisher
            .as_ref()
            .map_or_else(|| site.config.company.clone(), |p| p.name.clone());
        let provider = site.provider(section, lang);
        view.json_ld = Some(seo::price_list_json_ld(
            list,
            lang,
            &seo::Organisations {
                seller: &seller,
                provider: &provider,
            },
            &address,
        ));
        if list.has_prices() {
            let data = app::calculator(site, section, list, lang, dir);
            view.app = Some(App {
                kind: "calculator",
                id: list.id.clone(),
                data,
            });
        }
    }
}

/// A wizard's page: the flow (app) and its decision table (static).
fn wizard_page<'a>(
    site: &'a Site,
    section: &'a Section,
    wizard: &'a Wizard,
    lang: &'a Lang,
    today: Date,
    dir: &PageDir,
    view: &mut PageView<'a>,
) {
    view.title = wizard.title.best(lang, &section.config.languages);
    // The intro, or the question the wizard answers.
    view.description = wizard
        .intro
        .as_ref()
        .unwrap_or(&wizard.title)
        .best(lang, &section.config.languages)
        .into();
    in_section(site, section, lang, dir, view);
    let data = app::wizard(site, section, wizard, lang, dir);
    view.app = Some(App {
        kind: "wizard",
        id: wizard.id.clone(),
        data,
    });
    let list = wizard
        .price_list
        .as_ref()
        .and_then(|id| site.price_lists.get(id));
    view.table = decision_table(wizard, today)
        .ok()
        .map(|t| super::decision_table::view(wizard, &t, lang, list, today));
}

/// A language's search page: every page listed, the app's index of them.
fn search_page<'a>(site: &'a Site, lang: &'a Lang, dir: &PageDir, view: &mut PageView<'a>) {
    let home = PageDir::home(lang);
    view.title = word(lang, Word::Search);
    view.description = word(lang, Word::SearchTheSite).into();
    view.breadcrumbs = vec![crumb(
        site.config.title.best(lang, &site.languages),
        dir,
        &home,
    )];
    view.children = all_pages(site, lang, dir);
    view.app = Some(App {
        kind: "search",
        id: lang.to_string(),
        data: app::search(site, lang, dir, &view.children),
    });
}

/// A price list's quote page: the calculator, and the way back to the price page.
fn quote_page<'a>(
    site: &'a Site,
    section: &'a Section,
    list: &'a PriceList,
    lang: &'a Lang,
    dir: &PageDir,
    view: &mut PageView<'a>,
) {
    view.title = list.title.best(lang, &list.languages);
    // "Quote calculator: Price list of …", so that no two pages say the same.
    view.description = format!(
        "{}: {}",
        word(lang, Word::QuoteCalculator),
        list.title.best(lang, &list.languages)
    )
    .into();
    in_section(site, section, lang, dir, view);
    let data = app::calculator(site, section, list, lang, dir);
    view.app = Some(App {
        kind: "calculator",
        id: list.id.clone(),
        data,
    });
    view.price_page = section
        .memos_in(lang)
        .find(|m| m.price_list() == Some(list.id.as_str()))
        .map(|m| dir.href_to(&m.dir(&section.id)));
}

fn crumb<'a>(title: &'a str, from: &PageDir, to: &PageDir) -> Link<'a> {
    Link {
        title,
        href: from.href_to(to),
        current: false,
    }
}

/// The breadcrumbs and navigation of a page inside a section.
fn in_section<'a>(
    site: &'a Site,
    section: &'a Section,
    lang: &'a Lang,
    dir: &PageDir,
    view: &mut PageView<'a>,
) {
    let home = PageDir::home(lang);
    let section_dir = PageDir::section(lang, &section.id);
    view.breadcrumbs = vec![
        crumb(site.config.title.best(lang, &site.languages), dir, &home),
        crumb(
            section.config.title.best(lang, &section.config.languages),
            dir,
            &section_dir,
        ),
    ];
    view.nav = nav(site, section, lang, dir);
}

/// The section's pages: its memos, then its wizards and quote calculators.
fn nav<'a>(site: &'a Site, section: &'a Section, lang: &'a Lang, here: &PageDir) -> Vec<Link<'a>> {
    let memos = section.memos_in(lang).map(|m| {
        let dir = m.dir(&section.id);
        Link {
            title: &m.front.title,
            href: here.href_to(&dir),
            current: &dir == here,
        }
    });
    let mut links: Vec<Link<'a>> = memos.collect();
    links.extend(tools(site, section, lang, here).into_iter().map(|(l, _)| l));
    links
}

/// The section's wizards and quote calculators in `lang`, linked from `here`, each with
/// a one-line description.
fn tools<'a>(
    site: &'a Site,
    section: &'a Section,
    lang: &'a Lang,
    here: &PageDir,
) -> Vec<(Link<'a>, &'a str)> {
    let langs = &section.config.languages;
    let wizards = section.wizards.iter().map(|w| {
        let dir = PageDir::wizard(lang, &section.id, &w.id);
        let link = Link {
            title: w.title.best(lang, langs),
            href: here.href_to(&dir),
            current: &dir == here,
        };
        (link, w.intro.as_ref().map_or("", |i| i.best(lang, langs)))
    });
    let quotes = site.quoted_lists_of(section).map(|l| {
        let dir = PageDir::quote(lang, &section.id, &l.id);
        let title = word(lang, Word::QuoteCalculator);
        let link = Link {
            title,
            href: here.href_to(&dir),
            current: &dir == here,
        };
        (link, l.title.best(lang, &l.languages))
    });
    wizards.chain(quotes).collect()
}

/// Every page in `lang`, section by section, each with its section's title.
fn all_pages<'a>(site: &'a Site, lang: &'a Lang, here: &PageDir) -> Vec<Card<'a>> {
    let mut cards = Vec::new();
    for section in site.sections_in(lang) {
        let title = section.config.title.best(lang, &section.config.languages);
        cards.push(Card {
            title,
            description: "",
            href: here.href_to(&PageDir::section(lang, &section.id)),
            lang: lang.as_str(),
        });
        for link in nav(site, section, lang, here) {
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

fn home_cards<'a>(site: &'a Site, lang: &'a Lang, here: &PageDir, view: &mut PageView<'a>) {
    for s in &site.sections {
        let in_lang = s.config.languages.contains(lang);
        // A section not in this language is offered in its original.
        let shown = match s.config.languages.first() {
            Some(original) if !in_lang => original,
            _ => lang,
        };
        let card = Card {
            title: s.config.title.best(shown, &s.config.languages),
            description: s.config.description.best(shown, &s.config.languages),
            href: here.href_to(&PageDir::section(shown, &s.id)),
            lang: shown.as_str(),
        };
        if in_lang {
            view.children.push(card)
        } else {
            view.elsewhere.push(card)
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
