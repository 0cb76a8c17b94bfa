//! Stage 4, `render`: the model → HTML pages, through templates.
//!
//! The theme (templates and CSS) is embedded in the binary from `src/theme/`; a site
//! overrides any template by putting a file of the same name in its `templates/` folder.
//! Templates escape every value (minijinja's HTML auto-escaping), so a string from TOML
//! or front matter can never become markup.

mod app;
pub mod decision_table;
pub mod offline;
mod prices;
pub mod search;
pub mod seo;
mod view;

pub use app::{AppAssets, Script, SearchIndex, part_script, part_text};

use minijinja::syntax::SyntaxConfig;
use minijinja::value::{Serde, Value};
use minijinja::{AutoEscape, Environment, Output, State, UndefinedBehavior};
use tarif_engine::date::Date;
use tarif_engine::diagnostic::Diagnostic;
use tarif_engine::price_list::PriceList;
use tarif_engine::text::Lang;
use tarif_engine::wizard::Wizard;

use super::colour::Colour;
use super::model::{Memo, Section, Site};
use super::parallel::Crew;
use super::url::PageDir;
use super::write::Staging;

pub use crate::site::layout::{APP_DIR, GENERATED_FILES, HEADERS_FILE, RESERVED_IDS};

/// The Content-Security-Policy of every page: nothing but the site's own files, no inline
/// script or style, `'wasm-unsafe-eval'` for the app's WebAssembly. A `<meta>` tag cannot
/// say `frame-ancestors`: the `_headers` file and the README's server setup add it.
pub const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
    style-src 'self'; img-src 'self'; connect-src 'self'; manifest-src 'self'; \
    worker-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'";
/// Pages send no `Referer`: a quote's or a wizard's state in its address never leaves.
pub const REFERRER_POLICY: &str = "no-referrer";

/// The `_headers` file: the page policy as real headers, with what a meta tag cannot
/// say, and caching (the app's files are named by content: cached for good).
pub fn headers_file() -> String {
    format!(
        "/*\n  Content-Security-Policy: {CSP}; frame-ancestors 'none'\n  \
         Referrer-Policy: {REFERRER_POLICY}\n  X-Content-Type-Options: nosniff\n\
         /{APP_DIR}/*\n  Cache-Control: public, max-age=31536000, immutable\n\
         /{}\n  Cache-Control: no-cache\n",
        offline::SERVICE_WORKER
    )
}

/// The built-in templates, by name.
const TEMPLATES: [(&str, &str); 13] = [
    ("changes.html", include_str!("../../theme/changes.html")),
    (
        "decision-table.html",
        include_str!("../../theme/decision-table.html"),
    ),
    ("search.html", include_str!("../../theme/search.html")),
    ("app.html", include_str!("../../theme/app.html")),
    (
        "section-nav.html",
        include_str!("../../theme/section-nav.html"),
    ),
    ("wizard.html", include_str!("../../theme/wizard.html")),
    ("quote.html", include_str!("../../theme/quote.html")),
    ("base.html", include_str!("../../theme/base.html")),
    ("root.html", include_str!("../../theme/root.html")),
    ("home.html", include_str!("../../theme/home.html")),
    ("section.html", include_str!("../../theme/section.html")),
    ("memo.html", include_str!("../../theme/memo.html")),
    (
        "price-list.html",
        include_str!("../../theme/price-list.html"),
    ),
];
const CSS: &str = include_str!("../../theme/style.css");
/// The live-reload client, linked only by `tarif serve`.
pub const LIVE_RELOAD_JS: &str = include_str!("../../theme/live.js");
/// Where `tarif serve` answers the live-reload client.
pub const LIVE_RELOAD_PREFIX: &str = "/__tarif/";

/// One page of the site.
#[derive(Debug, Clone, Copy)]
pub enum Page<'s> {
    /// `index.html`: the language chooser.
    Root,
    /// `<lang>/`.
    Home(&'s Lang),
    /// `<lang>/<section>/`.
    Section(&'s Section, &'s Lang),
    /// `<lang>/<section>/<slug>/`.
    Memo(&'s Section, &'s Memo),
    /// `<lang>/<section>/wizard/<id>/`: the flow (app) and its decision table (static).
    Wizard(&'s Section, &'s Wizard, &'s Lang),
    /// `<lang>/<section>/quote/<list>/`: a price list's quote calculator.
    Quote(&'s Section, &'s PriceList, &'s Lang),
    /// `<lang>/search/`: search in this language's pages (app), and a list of them all.
    Search(&'s Lang),
    /// `<lang>/<section>/changes/<list>/`: every dated change of a price list (static).
    Changes(&'s Section, &'s PriceList, &'s Lang),
}

impl<'s> Page<'s> {
    pub fn dir(&self) -> PageDir {
        match *self {
            Page::Root => PageDir::root(),
            Page::Home(l) => PageDir::home(l),
            Page::Section(s, l) => PageDir::section(l, &s.id),
            Page::Memo(s, m) => m.dir(&s.id),
            Page::Wizard(s, w, l) => PageDir::wizard(l, &s.id, &w.id),
            Page::Quote(s, p, l) => PageDir::quote(l, &s.id, &p.id),
            Page::Search(l) => PageDir::search(l),
            Page::Changes(s, p, l) => PageDir::changes(l, &s.id, &p.id),
        }
    }

    pub fn kind(&self) -> &'static str {
        match self {
            Page::Root => "root",
            Page::Home(_) => "home",
            Page::Section(..) => "section",
            Page::Memo(..) => "memo",
            Page::Wizard(..) => "wizard",
            Page::Quote(..) => "quote",
            Page::Search(_) => "search",
            Page::Changes(..) => "changes",
        }
    }

    fn template(&self) -> &'static str {
        match self {
            Page::Root => "root.html",
            Page::Home(_) => "home.html",
            Page::Section(..) => "section.html",
            Page::Memo(..) => "memo.html",
            Page::Wizard(..) => "wizard.html",
            Page::Quote(..) => "quote.html",
            Page::Search(_) => "search.html",
            Page::Changes(..) => "changes.html",
        }
    }

    pub fn lang(&self, site: &'s Site) -> &'s Lang {
        match *self {
            Page::Root => &site.config.default_language,
            Page::Home(l)
            | Page::Section(_, l)
            | Page::Wizard(_, _, l)
            | Page::Quote(_, _, l)
            | Page::Changes(_, _, l)
            | Page::Search(l) => l,
            Page::Memo(_, m) => &m.lang,
        }
    }

    /// The languages this page exists in.
    pub fn languages(&self, site: &'s Site) -> &'s [Lang] {
        match *self {
            Page::Root | Page::Home(_) | Page::Search(_) => &site.languages,
            Page::Section(s, _)
            | Page::Memo(s, _)
            | Page::Wizard(s, ..)
            | Page::Quote(s, ..)
            | Page::Changes(s, ..) => &s.config.languages,
        }
    }

    /// The same page in `lang` (the root's "translations" are the homes).
    pub fn in_lang(&self, lang: &Lang) -> PageDir {
        match *self {
            Page::Root | Page::Home(_) => PageDir::home(lang),
            Page::Section(s, _) => PageDir::section(lang, &s.id),
            Page::Memo(s, m) => PageDir::memo(lang, &s.id, &m.slug),
            Page::Wizard(s, w, _) => PageDir::wizard(lang, &s.id, &w.id),
            Page::Quote(s, p, _) => PageDir::quote(lang, &s.id, &p.id),
            Page::Search(_) => PageDir::search(lang),
            Page::Changes(s, p, _) => PageDir::changes(lang, &s.id, &p.id),
        }
    }
}

/// Every page of `site`.
pub fn pages(site: &Site) -> Vec<Page<'_>> {
    let mut pages = vec![Page::Root];
    for lang in &site.languages {
        pages.push(Page::Home(lang));
        pages.push(Page::Search(lang));
        for s in site.sections_in(lang) {
            pages.push(Page::Section(s, lang));
        }
    }
    for s in &site.sections {
        pages.extend(s.memos.iter().map(|m| Page::Memo(s, m)));
        for lang in &s.config.languages {
            pages.extend(s.wizards.iter().map(|w| Page::Wizard(s, w, lang)));
            pages.extend(site.quoted_lists_of(s).map(|p| Page::Quote(s, p, lang)));
            pages.extend(site.changing_lists_of(s).map(|p| Page::Changes(s, p, lang)));
        }
    }
    pages
}

/// A page rendered: its path in the output and its HTML; for a large site's search page,
/// its index's parts, still to be written with it ([`Rendered::write`]).
#[derive(Debug)]
pub struct Rendered {
    pub path: String,
    /// Whole, but for a search page with `search`: its app's data comes once the parts
    /// are written.
    pub html: String,
    pub search: Option<SearchIndex>,
}

impl Rendered {
    /// Writes the page into `staging`: first its search index's parts, if it has any,
    /// then the page with its data, which names their folder.
    pub fn write<'s>(self, staging: &'s Staging, crew: &Crew<'s>) -> Result<(), Diagnostic> {
        let Rendered {
            path,
            mut html,
            search,
        } = self;
        if let Some(search) = search {
            let data = search.write(staging, crew)?;
            splice(&mut html, APP_DATA_MARK, &data);
        }
        staging.write(&path, html.as_bytes())
    }
}

/// The templates (built-in, or the site's), compiled once for every page.
pub struct Theme {
    env: Environment<'static>,
    sources: Vec<(String, String)>,
    live_reload: bool,
    /// The app's files, when this `tarif` embeds the app.
    pub app: Option<AppAssets>,
    /// The stylesheet: the theme's, with the site's colours. (No integrity digest: a
    /// page opened from a folder could not check one, and would lose its styles.)
    pub css: String,
    /// The script of every page (it registers the service worker).
    pub site_js: Script,
    /// The build's date (the site's `today`): decision tables state date rules from it.
    today: Date,
}

impl Theme {
    /// Compiles the templates; every template that does not compile is reported.
    pub fn new(site: &Site, live_reload: bool) -> Result<Theme, Vec<Diagnostic>> {
        let mut env = environment();
        let mut sources: Vec<(String, String)> = TEMPLATES
            .iter()
            .map(|(name, text)| (format!("theme/{name}"), (*text).to_owned()))
            .collect();
        for t in &site.templates {
            let name = t.name.trim_start_matches("templates/");
            sources.retain(|(n, _)| n.rsplit('/').next() != Some(name));
            sources.push((t.name.clone(), t.text.clone()));
        }
        let mut problems = Vec::new();
        for (file, text) in &sources {
            let name = file.rsplit('/').next().unwrap_or(file).to_owned();
            if let Err(e) = env.add_template_owned(name, text.clone()) {
                problems.push(diagnostic(&sources, file, &e));
            }
        }
        if problems.is_empty() {
            let css = Theme::css(site);
            Ok(Theme {
                env,
                sources,
                live_reload,
                app: AppAssets::embedded(),
                css,
                site_js: Script::named("site", offline::SITE_JS.as_bytes()),
                today: site.today,
            })
        } else {
            Err(problems)
        }
    }

    /// Renders `page`: its path in the output and its HTML, and the files its app loads
    /// beside it.
    pub fn render(&self, site: &Site, page: &Page) -> Result<Rendered, Diagnostic> {
        let template = page.template();
        let mut ctx = view::context(site, page, self);
        // The app's data goes in after the template has run: a search page's is tens of
        // megabytes on a large site, which the template engine copied twice (its value,
        // then `| safe`) before writing it out.
        let data = ctx
            .page
            .app
            .as_mut()
            .map(|a| std::mem::replace(&mut a.data, APP_DATA_MARK.to_owned()));
        let mut html = self
            .env
            .get_template(template)
            .and_then(|t| t.render(Serde(&ctx)))
            .map_err(|e| {
                let file = e
                    .name()
                    .map_or_else(|| template.to_owned(), |n| self.file_of(n));
                diagnostic(&self.sources, &file, &e)
            })?;
        let search = ctx.page.app.as_mut().and_then(|a| a.search.take());
        drop(ctx);
        if let (Some(data), None) = (data, &search) {
            splice(&mut html, APP_DATA_MARK, &data);
        }
        if self.live_reload {
            let script = format!("<script src=\"{LIVE_RELOAD_PREFIX}live.js\"></script>\n</body>");
            html = html.replacen("</body>", &script, 1);
        }
        Ok(Rendered {
            path: page.dir().file(),
            html,
            search,
        })
    }

    /// The stylesheet: the theme's, with the site's colours.
    fn css(site: &Site) -> String {
        let c = site.config.colours;
        format!("{CSS}\n:root {{ {} }}\n", vars(c.accent, c.accent_dark))
    }

    /// True for `tarif serve`'s builds.
    pub fn live_reload(&self) -> bool {
        self.live_reload
    }

    fn file_of(&self, template: &str) -> String {
        self.sources
            .iter()
            .find(|(f, _)| f.rsplit('/').next() == Some(template))
            .map_or_else(|| template.to_owned(), |(f, _)| f.clone())
    }
}

/// Stands for the app's data while a page's template runs: NUL never reaches a page
/// otherwise (Markdown turns it into U+FFFD, and no value escapes to it).
const APP_DATA_MARK: &str = "\0tarif-app-data\0";

/// `html` with every `mark` replaced by `text`; in place when there is one.
fn splice(html: &mut String, mark: &str, text: &str) {
    let mut found = html.match_indices(mark).map(|(at, _)| at);
    match (found.next(), found.next()) {
        (Some(at), None) => html.replace_range(at..at + mark.len(), text),
        (Some(_), Some(_)) => *html = html.replace(mark, text),
        (None, _) => {}
    }
}

/// The template environment every page is written with: strict about undefined values,
/// block tags trimmed, HTML escaped by [`html_formatter`].
fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    if let Ok(syntax) = SyntaxConfig::builder()
        .trim_blocks(true)
        .lstrip_blocks(true)
        .build()
    {
        env.set_syntax(syntax);
    }
    env.set_formatter(html_formatter);
    env.add_filter("links", links);
    env
}

/// The `links` filter: text escaped, each `http(s)://` address in it a link (a wizard's
/// next steps name the page a person needs, such as the service centres' list).
fn links(text: &str) -> minijinja::Value {
    let mut m = tarif_engine::markup::Markup::new();
    m.prose(text);
    minijinja::Value::from_safe_string(m.finish())
}

/// A built-in template written with `ctx` alone, outside a site (a fragment such as the
/// decision table, for a test or a tool); "" if it does not render.
pub fn render_builtin(name: &str, ctx: &serde_json::Value) -> String {
    let mut env = environment();
    for (n, text) in TEMPLATES {
        let _ = env.add_template(n, text);
    }
    env.get_template(name)
        .and_then(|t| t.render(Serde(ctx)))
        .unwrap_or_default()
}

/// Escapes text as HTML needs (`&<>"'`); minijinja's default also escapes `/`, which
/// only bloats every URL of every page.
fn html_formatter(
    out: &mut Output,
    state: &mut State,
    value: &Value,
) -> Result<(), minijinja::Error> {
    match value.as_str() {
        Some(text) if *state.auto_escape() == AutoEscape::Html && !value.is_safe() => {
            escape_into(out, text).map_err(minijinja::Error::from)
        }
        _ => minijinja::escape_formatter(out, state, value),
    }
}

/// The one escaper of generated markup (the templates' formatter, the decision tables and
/// the sitemap), shared with the app: `tarif_engine::markup`.
pub use tarif_engine::markup::{escape, escape_into};

fn vars(accent: Colour, dark: Colour) -> String {
    format!("--accent: {accent}; --accent-dark: {dark};")
}

/// A template error, located in the template's file when minijinja knows where.
fn diagnostic(sources: &[(String, String)], file: &str, e: &minijinja::Error) -> Diagnostic {
    let message = format!(
        "template error: {}",
        e.detail().unwrap_or(&e.kind().to_string())
    );
    let help = "see \"Templates\" in README.md for the values a template can use";
    let text = sources
        .iter()
        .find(|(f, _)| f == file)
        .map(|(_, t)| t.as_str());
    match (text, e.range(), e.line()) {
        (Some(text), Some(range), _) => Diagnostic::at(file, text, range, message),
        (Some(text), None, Some(line)) => {
            let start: usize = text
                .split_inclusive('\n')
                .take(line.saturating_sub(1))
                .map(str::len)
                .sum();
            Diagnostic::at(file, text, start..start, message)
        }
        _ => Diagnostic::file(file, message),
    }
    .help(help)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_app_data_goes_where_each_mark_is() {
        let mut one = format!("<script>{APP_DATA_MARK}</script>");
        splice(&mut one, APP_DATA_MARK, "data");
        assert_eq!(one, "<script>data</script>");
        let mut two = format!("{APP_DATA_MARK}|{APP_DATA_MARK}");
        splice(&mut two, APP_DATA_MARK, "d");
        assert_eq!(two, "d|d");
        let mut none = String::from("<p>no app</p>");
        splice(&mut none, APP_DATA_MARK, "d");
        assert_eq!(none, "<p>no app</p>");
    }
}
