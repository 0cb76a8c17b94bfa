//! Stage 1, `load`: read a site's source files from disk, as they are.
//!
//! This is the only stage that reads the file system. It decides what is a source by
//! where it lies (see the layout in README.md), checks the names that become URLs, and
//! keeps each text with the name the author knows it by (`content/x/en/a.md`), so that
//! later stages can locate problems without touching the disk again.

use std::fs;
use std::path::{Path, PathBuf};

use tarif_engine::diagnostic::Diagnostic;
use tarif_engine::text::{Lang, is_id};

use crate::site::parallel;
use crate::sources::{PRICE_LISTS, read_text};

/// The folder of memos and section configs.
pub const CONTENT: &str = "content";
/// The site config, inside [`CONTENT`].
pub const SITE_CONFIG: &str = "site.toml";
/// A section's config, inside its folder.
pub const SECTION_CONFIG: &str = "section.toml";
/// Template overrides.
pub const TEMPLATES: &str = "templates";
/// Files copied to the output as they are.
pub const STATIC: &str = "static";
/// A wizard, inside its section's folder: `content/<section>/<id>.wizard.toml`.
pub const WIZARD_SUFFIX: &str = ".wizard.toml";

/// A source file's text and its name relative to the site root, with `/` separators.
#[derive(Debug, Clone)]
pub struct TextFile {
    pub name: String,
    pub text: String,
}

/// Everything a site is made of.
#[derive(Debug, Default)]
pub struct Sources {
    pub site: Option<TextFile>,
    pub sections: Vec<SectionSource>,
    pub price_lists: Vec<TextFile>,
    pub templates: Vec<TextFile>,
    pub static_files: Vec<StaticFile>,
}

/// `content/<id>/`: its config, its memos and its wizards.
#[derive(Debug)]
pub struct SectionSource {
    pub id: String,
    pub config: Option<TextFile>,
    pub memos: Vec<MemoSource>,
    pub wizards: Vec<TextFile>,
}

/// `content/<section>/<lang>/<slug>.md`.
#[derive(Debug)]
pub struct MemoSource {
    pub lang: Lang,
    pub slug: String,
    pub file: TextFile,
    /// False when the file could not be read (reported already): the memo exists, so
    /// links to it are not broken, but its text is empty.
    pub readable: bool,
}

/// A file of `static/`, by its path inside that folder (`img/logo.svg`).
#[derive(Debug, Clone)]
pub struct StaticFile {
    pub rel: String,
    pub path: PathBuf,
}

/// Reads the site at `root`; every problem met goes to `problems`, and reading goes on.
pub fn load(root: &Path, problems: &mut Vec<Diagnostic>) -> Sources {
    let content = root.join(CONTENT);
    if !content.is_dir() {
        problems.push(
            Diagnostic::file(CONTENT, "the site has no content folder").help(format!(
                "is `{}` a tarif site? `tarif new DIR` starts one",
                root.display()
            )),
        );
        return Sources::default();
    }
    let mut sources = Sources::default();
    let listed = entries(&content, CONTENT, problems);
    let dirs: Vec<&Entry> = listed.iter().filter(|e| e.is_dir).collect();
    // Each section's files read on every core (a large site has tens of thousands); its
    // problems come in the order one reading finds them.
    let mut read = parallel::map(&dirs, |entry| {
        let mut found = Vec::new();
        let name = format!("{CONTENT}/{}", entry.name);
        (section(entry, &name, &mut found), found)
    })
    .into_iter();
    for entry in &listed {
        let name = format!("{CONTENT}/{}", entry.name);
        if entry.is_dir {
            if let Some((section, found)) = read.next() {
                sources.sections.extend(section);
                problems.extend(found);
            }
        } else if entry.name == SITE_CONFIG {
            sources.site = text_file(&entry.path, name, problems);
        } else {
            problems.push(unexpected(
                &name,
                "content/ holds site.toml and one folder per section",
            ));
        }
    }
    if sources.site.is_none()
        && problems
            .iter()
            .all(|p| p.file != format!("{CONTENT}/{SITE_CONFIG}"))
    {
        problems.push(
            Diagnostic::file(format!("{CONTENT}/{SITE_CONFIG}"), "the site has no config")
                .help("create content/site.toml: its fields are described in README.md"),
        );
    }
    sources.price_lists = files_with(root, PRICE_LISTS, ".toml", problems);
    sources.templates = files_with(root, TEMPLATES, ".html", problems);
    static_files(
        &root.join(STATIC),
        STATIC,
        "",
        &mut sources.static_files,
        problems,
    );
    sources
}

/// A directory entry with a UTF-8 name; hidden entries (`.git`, `.DS_Store`) are skipped.
struct Entry {
    name: String,
    path: PathBuf,
    is_dir: bool,
}

fn entries(dir: &Path, name: &str, problems: &mut Vec<Diagnostic>) -> Vec<Entry> {
    let read = match fs::read_dir(dir) {
        Ok(read) => read,
        Err(e) => {
            problems.push(Diagnostic::file(
                name,
                format!("cannot read the folder: {e}"),
            ));
            return Vec::new();
        }
    };
    let mut out = Vec::new();
    for entry in read.flatten() {
        let path = entry.path();
        let Some(file_name) = entry.file_name().to_str().map(str::to_owned) else {
            problems.push(
                Diagnostic::file(
                    format!("{name}/{}", entry.file_name().to_string_lossy()),
                    "the file name is not valid UTF-8",
                )
                .help("rename it with lowercase latin letters, digits and dashes"),
            );
            continue;
        };
        if !file_name.starts_with('.') {
            // The listing tells a folder without a look at each entry; a link is followed.
            let is_dir = match entry.file_type() {
                Ok(t) if !t.is_symlink() => t.is_dir(),
                _ => path.is_dir(),
            };
            out.push(Entry {
                name: file_name,
                is_dir,
                path,
            });
        }
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

fn section(entry: &Entry, name: &str, problems: &mut Vec<Diagnostic>) -> Option<SectionSource> {
    if !is_id(&entry.name) {
        problems.push(bad_name(name, "a section folder", &entry.name));
        return None;
    }
    if entry.name == crate::site::url::SEARCH {
        problems.push(
            Diagnostic::file(
                name,
                "`search` is the search page's folder: no section may be called so",
            )
            .help("rename the section's folder"),
        );
        return None;
    }
    let mut section = SectionSource {
        id: entry.name.clone(),
        config: None,
        memos: Vec::new(),
        wizards: Vec::new(),
    };
    for sub in entries(&entry.path, name, problems) {
        let sub_name = format!("{name}/{}", sub.name);
        if sub.is_dir {
            match Lang::new(&sub.name) {
                Some(lang) => memos(&sub.path, &sub_name, &lang, &mut section.memos, problems),
                None => problems.push(
                    Diagnostic::file(
                        &sub_name,
                        format!("`{}` is not a language folder", sub.name),
                    )
                    .help("a section holds one folder per language, named by its tag: `en`, `bg`"),
                ),
            }
        } else if sub.name == SECTION_CONFIG {
            section.config = text_file(&sub.path, sub_name, problems);
        } else if sub.name.ends_with(WIZARD_SUFFIX) {
            section
                .wizards
                .extend(text_file(&sub.path, sub_name, problems));
        } else {
            problems.push(unexpected(
                &sub_name,
                "a section holds section.toml, *.wizard.toml and one folder per language",
            ));
        }
    }
    if section.config.is_none() {
        problems.push(
            Diagnostic::file(
                format!("{name}/{SECTION_CONFIG}"),
                "the section has no section.toml",
            )
            .help("write its languages, title and description: see README.md"),
        );
    }
    Some(section)
}

fn memos(
    dir: &Path,
    name: &str,
    lang: &Lang,
    out: &mut Vec<MemoSource>,
    problems: &mut Vec<Diagnostic>,
) {
    for entry in entries(dir, name, problems) {
        let file_name = format!("{name}/{}", entry.name);
        let Some(slug) = entry.name.strip_suffix(".md").filter(|_| !entry.is_dir) else {
            problems.push(unexpected(
                &file_name,
                "a language folder holds memos: `<slug>.md`",
            ));
            continue;
        };
        if !is_id(slug) {
            problems.push(bad_name(&file_name, "a memo's file name", slug));
            continue;
        }
        let file = text_file(&entry.path, file_name.clone(), problems);
        out.push(MemoSource {
            lang: lang.clone(),
            slug: slug.to_owned(),
            readable: file.is_some(),
            file: file.unwrap_or(TextFile {
                name: file_name,
                text: String::new(),
            }),
        });
    }
}

/// The files of `<root>/<folder>/` ending in `suffix` (none when the folder is absent).
fn files_with(
    root: &Path,
    folder: &str,
    suffix: &str,
    problems: &mut Vec<Diagnostic>,
) -> Vec<TextFile> {
    let dir = root.join(folder);
    if !dir.is_dir() {
        return Vec::new();
    }
    let files: Vec<Entry> = entries(&dir, folder, problems)
        .into_iter()
        .filter(|e| !e.is_dir && e.name.ends_with(suffix))
        .collect();
    // Read on every core: a large site has thousands of price lists.
    parallel::map(&files, |e| {
        let mut found = Vec::new();
        (
            text_file(&e.path, format!("{folder}/{}", e.name), &mut found),
            found,
        )
    })
    .into_iter()
    .filter_map(|(file, found)| {
        problems.extend(found);
        file
    })
    .collect()
}

fn static_files(
    dir: &Path,
    name: &str,
    rel: &str,
    out: &mut Vec<StaticFile>,
    problems: &mut Vec<Diagnostic>,
) {
    if !dir.is_dir() {
        return;
    }
    for entry in entries(dir, name, problems) {
        let rel = format!("{rel}{}", entry.name);
        let name = format!("{name}/{}", entry.name);
        if entry.is_dir {
            static_files(&entry.path, &name, &format!("{rel}/"), out, problems);
        } else {
            out.push(StaticFile {
                rel,
                path: entry.path,
            });
        }
    }
}

fn text_file(path: &Path, name: String, problems: &mut Vec<Diagnostic>) -> Option<TextFile> {
    match read_text(path, &name) {
        Ok(text) => Some(TextFile { name, text }),
        Err(d) => {
            problems.push(d);
            None
        }
    }
}

fn bad_name(file: &str, what: &str, name: &str) -> Diagnostic {
    Diagnostic::file(
        file,
        format!("`{name}` cannot be {what}: it becomes part of a URL"),
    )
    .help(
        "name it with lowercase latin letters, digits and single dashes, such as `warranty-terms`",
    )
}

fn unexpected(file: &str, layout: &str) -> Diagnostic {
    Diagnostic::file(file, "tarif does not know what to do with this file")
        .help(format!("{layout}; put images and other files in static/"))
}
