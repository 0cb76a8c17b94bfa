//! What a template sees: one plain, serialisable view per page. Every string in it is
//! text (the templates escape it) except `body`, the memo's HTML, already sanitised.

use serde::Serialize;
use tarif_engine::locale::{Word, language_name, word};
use tarif_engine::text::Lang;

use super::Page;
use super::prices::{self, PriceListView};
use crate::site::model::{Section, Site};
use crate::site::url::PageDir;

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
}

#[derive(Serialize)]
pub struct PageView<'a> {
    /// `root`, `home`, `section` or `memo` (and, later, `wizard`).
    pub kind: &'static str,
    pub lang: &'a str,
    pub title: &'a str,
    pub description: &'a str,
    /// From this page to the output root: `../../`.
    pub root: String,
    /// This language's home page.
    pub home: String,
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
    /// The interactive app's mount point and data: built later (issue 5), the seam is here.
    pub app: Option<App>,
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

/// The app's mount point: which app, and the model it starts from, as JSON that is safe
/// inside `<script type="application/json">`.
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
        }
    }
}

/// The view of `page`.
pub fn context<'a>(site: &'a Site, page: &Page<'a>) -> Context<'a> {
    let lang = page.lang(site);
    let dir = page.dir();
    let home = PageDir::home(lang);
    let mut view = PageView {
        kind: page.kind(),
        lang: lang.as_str(),
        title: site.config.title.best(lang, &site.languages),
        description: site.config.description.best(lang, &site.languages),
        root: dir.to_root(),
        home: dir.href_to(&home),
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
    };
    match *page {
        Page::Root => view.languages = view.translations.drain(..).collect(),
        Page::Home(lang) => home_cards(site, lang, &dir, &mut view),
        Page::Section(section, lang) => {
            view.title = section.config.title.best(lang, &section.config.languages);
            view.description = section
                .config
                .description
                .best(lang, &section.config.languages);
            view.breadcrumbs = vec![crumb(
                site.config.title.best(lang, &site.languages),
                &dir,
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
        }
        Page::Memo(section, memo) => {
            view.title = &memo.front.title;
            view.description = &memo.front.description;
            view.body = &memo.body.html;
            let section_dir = PageDir::section(lang, &section.id);
            view.breadcrumbs = vec![
                crumb(site.config.title.best(lang, &site.languages), &dir, &home),
                crumb(
                    section.config.title.best(lang, &section.config.languages),
                    &dir,
                    &section_dir,
                ),
            ];
            view.nav = nav(section, lang, &dir);
            if let Some(list) = memo.price_list().and_then(|id| site.price_lists.get(id)) {
                view.price_list = Some(prices::view(list, lang));
                view.app = Some(App {
                    kind: "calculator",
                    id: list.id.clone(),
                    data: script_json(list),
                });
            }
        }
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
        },
        page: view,
        words: Words::new(lang),
    }
}

fn crumb<'a>(title: &'a str, from: &PageDir, to: &PageDir) -> Link<'a> {
    Link {
        title,
        href: from.href_to(to),
        current: false,
    }
}

fn nav<'a>(section: &'a Section, lang: &'a Lang, here: &PageDir) -> Vec<Link<'a>> {
    section
        .memos_in(lang)
        .map(|m| {
            let dir = m.dir(&section.id);
            Link {
                title: &m.front.title,
                href: here.href_to(&dir),
                current: &dir == here,
            }
        })
        .collect()
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

/// JSON that cannot end its `<script>` element early: `<` is written `\u003c`.
fn script_json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value)
        .unwrap_or_default()
        .replace('<', "\\u003c")
}
