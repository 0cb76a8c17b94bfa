//! A memo's Markdown body → HTML, with the facts later stages check: its headings (the
//! page's anchors) and its links (to check that each one resolves).
//!
//! Markdown is trusted to be text, not code: raw HTML in it is sanitised (no scripts, no
//! event handlers, no `javascript:` URLs), links may only go to web, mail and phone
//! addresses or to other memos, and headings carry nothing but an id.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, html};
use tarif_engine::diagnostic::Diagnostic;
use tarif_engine::text::{Lang, is_id};

use super::links::{Target, resolve};
use super::load::TextFile;
use super::url::PageDir;

/// A memo's body, rendered.
#[derive(Debug, Default)]
pub struct Body {
    pub html: String,
    pub headings: Vec<Heading>,
    pub links: Vec<Link>,
    /// The text as clauses for search: what comes before the first heading, then each
    /// heading with the text under it (up to the next heading).
    pub clauses: Vec<Clause>,
}

/// A heading and the text under it, as plain text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Clause {
    /// The heading's id (the anchor); `None` for the text before the first heading.
    pub id: Option<String>,
    /// The heading's level (2 for `##`); 0 for the text before the first heading.
    pub level: usize,
    pub heading: String,
    pub text: String,
}

/// A heading: its id is an anchor of the page, the same in every translation.
#[derive(Debug, Clone)]
pub struct Heading {
    pub id: String,
    pub level: usize,
    /// Where it is written, in the memo's file.
    pub span: Range<usize>,
}

/// A link to a page of the site, to be checked once every page is known.
#[derive(Debug, Clone)]
pub struct Link {
    pub target: Target,
    pub span: Range<usize>,
}

const OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_FOOTNOTES)
    .union(Options::ENABLE_HEADING_ATTRIBUTES)
    .union(Options::ENABLE_STRIKETHROUGH);

/// Renders the body of `file` (from byte `start`), written in `section`/`lang` and
/// published at `here`.
pub fn render(
    file: &TextFile,
    start: usize,
    section: &str,
    lang: &Lang,
    here: &PageDir,
    problems: &mut Vec<Diagnostic>,
) -> Body {
    let mut state = State {
        file,
        start,
        section,
        lang,
        here,
        problems,
        body: Body::default(),
        seen: HashMap::new(),
        previous_level: 1,
        raw_html: false,
        in_heading: false,
        space: false,
    };
    let text = &file.text[start..];
    let mut html = String::with_capacity(text.len() * 3 / 2);
    let events = Parser::new_ext(text, OPTIONS)
        .into_offset_iter()
        .map(|(event, range)| state.event(event, range));
    html::push_html(&mut html, events);
    if state.raw_html {
        html = SANITISER.clean(&html).to_string();
    }
    // The model keeps every memo's HTML until the pages are written: the room reserved
    // above and left unused would be a quarter of it (about 55 MB at 10,000 pages). A
    // copy of the exact size, since `shrink_to_fit` leaves an allocator's block as it is
    // when less than half of it goes.
    if html.capacity() - html.len() > html.len() / 16 {
        html = html.as_str().to_owned();
    }
    state.body.html = html;
    for c in &mut state.body.clauses {
        c.heading = c.heading.trim().to_owned();
        c.text = c.text.trim().to_owned();
    }
    state.body
}

/// Raw HTML passes through this: ammonia's defaults (no script, style, event handlers or
/// unsafe URL schemes), keeping the ids and classes that headings and footnotes use.
static SANITISER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    b.add_generic_attributes(["id", "class"]);
    b
});

struct State<'a> {
    file: &'a TextFile,
    start: usize,
    section: &'a str,
    lang: &'a Lang,
    here: &'a PageDir,
    problems: &'a mut Vec<Diagnostic>,
    body: Body,
    /// Heading ids so far, with where each is (its byte in the file).
    seen: HashMap<String, usize>,
    previous_level: usize,
    raw_html: bool,
    /// Inside a heading: its text is the clause's heading.
    in_heading: bool,
    /// A tag ended or a line broke since the last text: the next text of the clause, if
    /// it does not begin with one, is after a space. (Written as it came, a space after
    /// `**warranty**` and the ` applies` after it made two, and every clause ended in
    /// one: the search index copied nearly every clause to take them out.)
    space: bool,
}

impl<'a> State<'a> {
    fn event<'e>(&mut self, event: Event<'e>, range: Range<usize>) -> Event<'e> {
        let span = range.start + self.start..range.end + self.start;
        self.clause_text(&event);
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                if !classes.is_empty() || !attrs.is_empty() {
                    self.problem(
                        span.clone(),
                        "a heading may carry an id and nothing else",
                        "write `## Text {#id}`",
                    );
                }
                Event::Start(Tag::Heading {
                    level,
                    id: self.heading(level, id, span),
                    classes: Vec::new(),
                    attrs: Vec::new(),
                })
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Link {
                link_type,
                dest_url: self.link(dest_url, span),
                title,
                id,
            }),
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Image {
                link_type,
                dest_url: self.image(dest_url, span),
                title,
                id,
            }),
            Event::Html(_) | Event::InlineHtml(_) => {
                self.raw_html = true;
                event
            }
            other => other,
        }
    }

    /// Adds what `event` says to the clause being read.
    fn clause_text(&mut self, event: &Event) {
        let text = match event {
            Event::Start(Tag::Heading { id, level, .. }) => {
                self.body.clauses.push(Clause {
                    id: id.as_ref().map(|i| i.to_string()),
                    level: *level as usize,
                    ..Clause::default()
                });
                self.in_heading = true;
                self.space = false;
                return;
            }
            Event::End(pulldown_cmark::TagEnd::Heading(_)) => {
                self.in_heading = false;
                self.space = false;
                return;
            }
            Event::Text(t) | Event::Code(t) => t.as_ref(),
            Event::SoftBreak | Event::HardBreak | Event::End(_) => " ",
            _ => return,
        };
        if self.body.clauses.is_empty() {
            self.body.clauses.push(Clause::default());
        }
        if let Some(clause) = self.body.clauses.last_mut() {
            let into = if self.in_heading {
                &mut clause.heading
            } else {
                &mut clause.text
            };
            if text == " " {
                self.space = true;
            } else {
                let text = if into.is_empty() || into.ends_with(' ') {
                    text.trim_start_matches(' ')
                } else {
                    if self.space && !text.starts_with(' ') {
                        into.push(' ');
                    }
                    text
                };
                self.space = false;
                into.push_str(text);
            }
        }
    }

    fn problem(&mut self, span: Range<usize>, message: impl Into<String>, help: impl Into<String>) {
        self.problems
            .push(Diagnostic::at(&self.file.name, &self.file.text, span, message).help(help));
    }

    fn line(&self, at: usize) -> usize {
        self.file.text[..at].matches('\n').count() + 1
    }

    /// Checks a heading (an id, unique, levels in order); returns the id to render.
    fn heading<'e>(
        &mut self,
        level: HeadingLevel,
        id: Option<CowStr<'e>>,
        span: Range<usize>,
    ) -> Option<CowStr<'e>> {
        let level = level as usize;
        if level == 1 {
            self.problem(
                span.clone(),
                "a memo's text has no level-1 heading",
                "the title is the page's heading: start sections with `##`",
            );
        } else if level > self.previous_level + 1 {
            self.problem(
                span.clone(),
                format!(
                    "a level-{level} heading follows a level-{}",
                    self.previous_level
                ),
                "do not skip heading levels: screen readers navigate by them",
            );
        }
        self.previous_level = level;
        let Some(id) = id else {
            self.problem(span, "the heading has no id", "end the heading with an id that stays the same in every translation: `## Terms {#terms}`");
            return None;
        };
        if !is_id(&id) {
            self.problem(
                span,
                format!("`{id}` cannot be a heading id"),
                "use lowercase latin letters, digits and single dashes",
            );
            return None;
        }
        if let Some(&first) = self.seen.get(id.as_ref()) {
            let line = self.line(first);
            self.problem(
                span,
                format!("the id `{id}` is already used on line {line}"),
                "give every heading its own id",
            );
            return None;
        }
        // Where it is, not its line: counting the lines from the file's start for every
        // heading was quadratic in a memo's headings, and only a repeated id needs it.
        self.seen.insert(id.to_string(), span.start);
        self.body.headings.push(Heading {
            id: id.to_string(),
            level,
            span,
        });
        Some(id)
    }

    /// Checks a link; returns the address to render (a memo's output page for a memo).
    fn link<'e>(&mut self, dest: CowStr<'e>, span: Range<usize>) -> CowStr<'e> {
        match resolve(&dest, self.section, self.lang) {
            Ok(Target::External) => dest,
            Ok(target) => {
                let href = self.href(&target).map_or(dest, CowStr::from);
                self.body.links.push(Link { target, span });
                href
            }
            Err(bad) => {
                self.problem(span, bad.message, bad.help);
                CowStr::from("#")
            }
        }
    }

    fn image<'e>(&mut self, dest: CowStr<'e>, span: Range<usize>) -> CowStr<'e> {
        let lower = dest.trim().to_ascii_lowercase();
        if lower.starts_with("https://") || lower.starts_with("http://") {
            return dest;
        }
        self.problem(
            span,
            format!("the image `{dest}` is not a web address"),
            "use an https:// address for images",
        );
        CowStr::from("")
    }

    fn href(&self, target: &Target) -> Option<String> {
        match target {
            Target::External => None,
            Target::SamePage { anchor } => Some(format!("#{anchor}")),
            Target::Memo {
                section,
                lang,
                slug,
                anchor,
            } => {
                let to = PageDir::memo(&Lang::new(lang)?, section, slug);
                let href = self.here.href_to(&to);
                Some(match anchor {
                    Some(a) => format!("{href}#{a}"),
                    None => href,
                })
            }
            Target::Wizard { section, lang, id } => Some(self.here.href_to(&PageDir::wizard(
                &Lang::new(lang)?,
                section,
                id,
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(md: &str) -> (Body, Vec<Diagnostic>) {
        let file = TextFile {
            name: "content/s/en/a.md".into(),
            text: md.into(),
        };
        let en = Lang::new("en").unwrap();
        let mut problems = Vec::new();
        let b = render(
            &file,
            0,
            "s",
            &en,
            &PageDir::memo(&en, "s", "a"),
            &mut problems,
        );
        (b, problems)
    }

    #[test]
    fn the_text_is_read_as_clauses_under_their_headings() {
        let (b, problems) = body(
            "Intro *text*\nwraps.\n\n## Terms `A` {#terms}\n\n- one\n- two\n\n| a | b |\n|---|---|\n| c | d |\n\n### Sub {#sub}\nLast.",
        );
        assert!(problems.is_empty(), "{problems:?}");
        let clause = |id: Option<&str>, level, heading: &str, text: &str| Clause {
            id: id.map(str::to_owned),
            level,
            heading: heading.into(),
            text: text.into(),
        };
        assert_eq!(
            b.clauses,
            [
                clause(None, 0, "", "Intro text wraps."),
                clause(Some("terms"), 2, "Terms A", "one two a b c d"),
                clause(Some("sub"), 3, "Sub", "Last."),
            ]
        );
    }

    #[test]
    fn a_clauses_words_are_one_space_apart_around_inline_markup() {
        let (b, problems) = body(
            "**Warranty** applies *here* and `SN-1` too\nwrapped.\n\n## *Returns* policy {#r}\n\n[Claim](#r) it _now_ or  later.",
        );
        assert!(problems.is_empty(), "{problems:?}");
        let texts: Vec<(&str, &str)> = b
            .clauses
            .iter()
            .map(|c| (c.heading.as_str(), c.text.as_str()))
            .collect();
        assert_eq!(
            texts,
            [
                ("", "Warranty applies here and SN-1 too wrapped."),
                ("Returns policy", "Claim it now or  later."),
            ]
        );
    }

    #[test]
    fn links_to_memos_become_links_to_their_pages() {
        let (b, p) = body("## A {#a}\n\n[x](./b.md#c) [y](#a) [z](https://x.kz)\n");
        assert!(p.is_empty(), "{p:?}");
        assert!(b.html.contains(r#"href="../b/index.html#c""#), "{}", b.html);
        assert!(b.html.contains(r##"href="#a""##));
        assert_eq!(b.links.len(), 2);
        assert_eq!(b.headings[0].id, "a");
    }

    #[test]
    fn raw_html_is_sanitised() {
        let (b, _) = body(
            "## A {#a}\n\n<script>alert(1)</script>\n\n<a href=\"javascript:x\" onclick=\"y\">k</a> <img src=x onerror=alert(1)>\n",
        );
        for bad in ["<script", "onclick", "onerror", "javascript:"] {
            assert!(!b.html.contains(bad), "{bad} in {}", b.html);
        }
        assert!(b.html.contains(r#"<h2 id="a">"#));
    }

    #[test]
    fn headings_need_unique_ids_and_nothing_else() {
        let (b, p) = body("## A {#a onclick=x .c}\n\n## B {#a}\n\n## C\n\n#### D {#d}\n");
        assert!(!b.html.contains("onclick"));
        let messages: Vec<&str> = p.iter().map(|d| d.message.as_str()).collect();
        assert!(
            messages
                .iter()
                .any(|m| m.contains("already used on line 1")),
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.contains("an id and nothing else"))
        );
        assert!(messages.iter().any(|m| m.contains("has no id")));
        assert!(
            messages
                .iter()
                .any(|m| m.contains("level-4 heading follows a level-2"))
        );
    }
}
