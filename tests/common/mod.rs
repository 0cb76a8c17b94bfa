//! Helpers shared by the integration tests: the default site's price lists, and walking
//! its wizards, in the manner of GOV.UK smart-answers:
//! `flow("withdrawal").answer("received", "2026-11-01").assert_next("product")`.

#![allow(dead_code)] // each test binary uses its own part of this module

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::Write as _;
use std::path::PathBuf;

use std::path::Path;
use tarif::site::{self, Options};
use tarif_engine::diagnostic::Diagnostic;

use tarif::site::model::Site;
use tarif::site::wizard::LoadedWizard;
use tarif_engine::date::Date;
use tarif_engine::wizard::{Answer, Answers, Reached, Step, evaluate};

/// The default site, at the root of the repository.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The default site, loaded and checked once per test binary, as `tarif check` does.
pub fn default_model() -> &'static Site {
    static SITE: std::sync::OnceLock<Site> = std::sync::OnceLock::new();
    SITE.get_or_init(|| {
        site::load_site(root()).unwrap_or_else(|problems| {
            let all: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
            panic!("the default site does not load:\n{}", all.join("\n\n"))
        })
    })
}

/// A wizard of the default site, from the model `tarif check`, `build` and `ask` use.
pub fn load(id: &str) -> LoadedWizard {
    default_model()
        .wizard(id)
        .unwrap_or_else(|e| panic!("no wizard {id}: {e:?}"))
}

/// A walk through a wizard with answers given one by one.
pub struct Flow {
    pub loaded: LoadedWizard,
    pub today: Date,
    pub answers: Answers,
}

/// Starts a walk through `id` on 2026-11-15.
pub fn flow(id: &str) -> Flow {
    Flow {
        loaded: load(id),
        today: date("2026-11-15"),
        answers: Answers::new(),
    }
}

pub fn date(s: &str) -> Date {
    s.parse().unwrap_or_else(|e| panic!("{e}"))
}

impl Flow {
    pub fn today(mut self, d: &str) -> Flow {
        self.today = date(d);
        self
    }

    /// Answers `question` as typed on the command line.
    pub fn answer(mut self, question: &str, text: &str) -> Flow {
        let q = self
            .loaded
            .wizard
            .question(question)
            .unwrap_or_else(|| panic!("no question {question}"));
        let a = Answer::parse(q, text, self.today).unwrap_or_else(|e| panic!("{e}"));
        self.answers.insert(question.into(), a);
        self
    }

    pub fn step(&self) -> Step {
        evaluate(
            &self.loaded.wizard,
            &self.answers,
            self.today,
            self.loaded.price_list.as_ref(),
        )
        .unwrap_or_else(|e| panic!("{e}"))
    }

    /// The id of the next question, or of the outcome reached.
    pub fn next_node(&self) -> String {
        match self.step() {
            Step::Question(q) => q.question,
            Step::Outcome(o) => o.id,
        }
    }

    #[track_caller]
    pub fn assert_next(self, node: &str) -> Flow {
        assert_eq!(self.next_node(), node, "after {:?}", self.answers);
        self
    }

    pub fn outcome(&self) -> Reached {
        match self.step() {
            Step::Outcome(o) => o,
            Step::Question(q) => panic!("still asking {}", q.question),
        }
    }

    /// The outcome's reasons in English.
    pub fn reasons_en(&self) -> Vec<String> {
        let en = tarif_engine::text::Lang::new("en").unwrap();
        self.outcome()
            .reasons
            .iter()
            .map(|r| r.get(&en).unwrap_or_default().to_owned())
            .collect()
    }
}

/// A price list of the default site, loaded as `tarif` loads it.
pub fn price_list(id: &str) -> tarif_engine::price_list::PriceList {
    let path = root().join("price-lists").join(format!("{id}.toml"));
    let name = Path::new("price-lists").join(format!("{id}.toml"));
    tarif::sources::read_price_list(&path, &name.display().to_string())
        .unwrap_or_else(|problems| panic!("{id} does not load: {problems:#?}"))
        .first // the default lists have no dated changes
}

pub fn d(s: &str) -> rust_decimal::Decimal {
    s.parse().expect("a decimal literal")
}

// Building the site and reading its output.

/// The repository's root: the default site.
pub fn default_site() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Builds `root` into `out`, quietly.
pub fn build(root: &Path, out: &Path) -> Result<site::Summary, Vec<Diagnostic>> {
    site::build(&Options {
        root: root.to_owned(),
        out: out.to_owned(),
        live_reload: false,
        progress: false,
        precompress: false,
    })
}

/// Every file of `dir`, by its `/`-separated path inside it, with its bytes.
pub fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    collect(dir, "", &mut out);
    out
}

fn collect(dir: &Path, prefix: &str, out: &mut BTreeMap<String, Vec<u8>>) {
    for entry in fs::read_dir(dir).unwrap().flatten() {
        let name = format!("{prefix}{}", entry.file_name().to_string_lossy());
        if entry.path().is_dir() {
            collect(&entry.path(), &format!("{name}/"), out);
        } else {
            out.insert(name, fs::read(entry.path()).unwrap());
        }
    }
}

/// The HTML pages of an output, by path.
pub fn pages(out: &Path) -> BTreeMap<String, String> {
    files(out)
        .into_iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(p, b)| (p, String::from_utf8(b).unwrap()))
        .collect()
}

/// A tag: its name and its attributes, entities decoded.
#[derive(Debug, Clone)]
pub struct Tag {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    /// Byte offset just after the tag's `>`.
    pub end: usize,
}

impl Tag {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Every opening tag of `html`.
pub fn tags(html: &str) -> Vec<Tag> {
    let mut tags = Vec::new();
    let mut rest = 0;
    while let Some(i) = html[rest..].find('<') {
        let start = rest + i + 1;
        let Some(len) = html[start..].find('>') else {
            break;
        };
        let inner = &html[start..start + len];
        rest = start + len + 1;
        if inner.starts_with(|c: char| c.is_ascii_alphabetic()) {
            tags.push(parse_tag(inner, rest));
        }
        if inner.starts_with("script") {
            // Skip the script's data: JSON may hold `<`-free text only, but be safe.
            if let Some(close) = html[rest..].find("</script>") {
                rest += close;
            }
        }
    }
    tags
}

fn parse_tag(inner: &str, end: usize) -> Tag {
    let name_end = inner
        .find(|c: char| c.is_whitespace() || c == '/')
        .unwrap_or(inner.len());
    let mut attrs = Vec::new();
    let mut rest = &inner[name_end..];
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        if rest.is_empty() {
            break;
        }
        let key_end = rest
            .find(|c: char| c == '=' || c.is_whitespace())
            .unwrap_or(rest.len());
        let key = rest[..key_end].to_ascii_lowercase();
        rest = &rest[key_end..];
        let value = if let Some(after) = rest.strip_prefix("=\"") {
            let close = after.find('"').unwrap_or(after.len());
            let v = decode(&after[..close]);
            rest = after.get(close + 1..).unwrap_or("");
            v
        } else if let Some(after) = rest.strip_prefix('=') {
            let close = after.find(char::is_whitespace).unwrap_or(after.len());
            let v = decode(&after[..close]);
            rest = &after[close..];
            v
        } else {
            String::new()
        };
        attrs.push((key, value));
    }
    Tag {
        name: inner[..name_end].to_ascii_lowercase(),
        attrs,
        end,
    }
}

/// The HTML entities tarif's output uses.
pub fn decode(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&#x2f;", "/")
        .replace("&amp;", "&")
}

/// A page's text, tags removed and white space collapsed, as a reader sees it.
pub fn text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    decode(&out)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Copies the folder `from` into `to`, recursively.
/// `href` relative to the page at `from`, as a path inside the output.
pub fn join(from: &str, href: &str) -> String {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for p in href.split('/') {
        match p {
            ".." => {
                assert!(
                    parts.pop().is_some(),
                    "{from}: {href} climbs out of the site"
                );
            }
            "." | "" => {}
            p => parts.push(p),
        }
    }
    parts.join("/")
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The bad-input corpus's base: a small valid site that other tests start from.
pub fn base_site() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/bad-input/_base")
}

/// Copies the base site's sources into `root`.
pub fn copy_base_site(root: &Path) {
    let base = base_site();
    for f in [
        "content/site.toml",
        "content/s/section.toml",
        "content/s/en/a.md",
        "content/s/bg/a.md",
        "content/s/en/b.md",
        "content/s/bg/b.md",
        "price-lists/p.toml",
        "static/logo.svg",
    ] {
        fs::create_dir_all(root.join(f).parent().unwrap()).unwrap();
        fs::copy(base.join(f), root.join(f)).unwrap();
    }
}

/// Sections of generated memos, and memos per section and language.
pub const SECTIONS: usize = 8;
pub const MEMOS: usize = 30;

/// A deterministic stream of numbers (a linear congruential generator).
struct Numbers(u64);

impl Numbers {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % below as u64) as usize
    }
}

/// A vocabulary of made-up words from `syllables`; the first few are drawn often.
fn vocabulary(syllables: &[&str], n: usize, numbers: &mut Numbers) -> Vec<String> {
    let mut words = BTreeSet::new();
    while words.len() < n {
        let len = 2 + numbers.next(3);
        words.insert(
            (0..len)
                .map(|_| syllables[numbers.next(syllables.len())])
                .collect::<String>(),
        );
    }
    words.into_iter().collect()
}

/// A paragraph of `n` words: half from the twenty most common, half from all.
fn paragraph(words: &[String], n: usize, numbers: &mut Numbers) -> String {
    let picked: Vec<&str> = (0..n)
        .map(|i| {
            let pool = if i % 2 == 0 { 20 } else { words.len() };
            words[numbers.next(pool)].as_str()
        })
        .collect();
    format!("{}.", picked.join(" "))
}

/// The default site with [`SECTIONS`] sections of generated memos (Bulgarian and English,
/// words drawn from a vocabulary with a few common words and many rare ones: a large
/// site whose search indexes come in parts), written into `root`;
/// the precache budget set to `budget`. The Bulgarian vocabulary, its twenty common words
/// first.
pub fn large_site(root: &Path, budget: &str) -> Vec<String> {
    for dir in ["content", "price-lists", "static"] {
        copy_dir(&default_site().join(dir), &root.join(dir));
    }
    let site_toml = root.join("content/site.toml");
    let mut config = std::fs::OpenOptions::new()
        .append(true)
        .open(&site_toml)
        .unwrap();
    writeln!(config, "\n[offline]\nprecache_budget = \"{budget}\"").unwrap();
    let mut numbers = Numbers(18);
    let bg = vocabulary(
        &[
            "ра", "ко", "ли", "ста", "ве", "ни", "до", "гра", "ме", "ту", "пре", "за",
        ],
        3000,
        &mut numbers,
    );
    let en = vocabulary(
        &[
            "ra", "ko", "li", "sta", "ve", "ni", "do", "gra", "me", "tu", "pre", "za",
        ],
        3000,
        &mut numbers,
    );
    for s in 0..SECTIONS {
        let dir = root.join(format!("content/big{s}"));
        std::fs::create_dir_all(dir.join("bg")).unwrap();
        std::fs::create_dir_all(dir.join("en")).unwrap();
        std::fs::write(
            dir.join("section.toml"),
            format!(
                "languages = [\"bg\", \"en\"]\n\
                 title = {{ bg = \"Раздел {s}\", en = \"Section {s}\" }}\n\
                 description = {{ bg = \"Условия, раздел {s}.\", en = \"Terms, section {s}.\" }}\n\
                 weight = {}\n",
                100 + s
            ),
        )
        .unwrap();
        for m in 0..MEMOS {
            for (lang, words) in [("bg", &bg), ("en", &en)] {
                let mut body = String::new();
                for h in 0..6 {
                    let heading = paragraph(words, 3, &mut numbers);
                    body.push_str(&format!(
                        "## {} {{#c{h}}}\n\n",
                        heading.trim_end_matches('.')
                    ));
                    for _ in 0..2 {
                        body.push_str(&paragraph(words, 60, &mut numbers));
                        body.push_str("\n\n");
                    }
                }
                let title = paragraph(words, 3, &mut numbers);
                std::fs::write(
                    dir.join(lang).join(format!("m{m}.md")),
                    format!(
                        "+++\ntitle = \"{}\"\ndescription = \"{}\"\nweight = {m}\n+++\n\n{body}",
                        title.trim_end_matches('.'),
                        paragraph(words, 12, &mut numbers)
                    ),
                )
                .unwrap();
            }
        }
    }
    bg
}
