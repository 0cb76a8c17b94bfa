//! Finding and loading a site's wizards: `content/<section>/<id>.wizard.toml`, checked
//! against the section's languages (`content/<section>/section.toml`), the headings of its
//! memos (`content/<section>/<lang>/<page>.md`, `## Title {#anchor}`) and the price lists.
//!
//! [`check_wizard`] is what `tarif check` runs on each wizard; [`load`] is what `tarif ask`
//! and the generator use.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use tarif_engine::diagnostic::Diagnostic;
use tarif_engine::price_list::PriceList;
use tarif_engine::text::Lang;
use tarif_engine::wizard::{Site, Wizard, load_wizard, wizard_id};

use crate::sources;

/// The folder of a site's memos and wizards, relative to its root.
pub const CONTENT: &str = "content";

/// Where a wizard file is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WizardFile {
    pub section: String,
    pub id: String,
    pub path: PathBuf,
    /// The path as the author knows it, relative to the site root.
    pub name: String,
}

/// A wizard with what it needs to be evaluated and shown.
#[derive(Debug, Clone)]
pub struct LoadedWizard {
    pub wizard: Wizard,
    /// The languages of its section, the original first.
    pub languages: Vec<Lang>,
    /// Its price list, if it names one.
    pub price_list: Option<PriceList>,
    /// The headings of its section's memos: `page#anchor` → title, by language.
    pub headings: BTreeMap<Lang, BTreeMap<String, String>>,
}

/// Every `content/<section>/*.wizard.toml`, sorted by section then id.
pub fn find(root: &Path) -> Vec<WizardFile> {
    let mut out = Vec::new();
    for section in subfolders(&root.join(CONTENT)) {
        let dir = root.join(CONTENT).join(&section);
        for entry in fs::read_dir(&dir).into_iter().flatten().flatten() {
            let file = entry.file_name().to_string_lossy().into_owned();
            if file.ends_with(".wizard.toml") {
                out.push(WizardFile {
                    id: wizard_id(&file).to_owned(),
                    name: format!("{CONTENT}/{section}/{file}"),
                    path: entry.path(),
                    section: section.clone(),
                });
            }
        }
    }
    out.sort_by(|a, b| (&a.section, &a.id).cmp(&(&b.section, &b.id)));
    out
}

fn subfolders(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The languages of a section, from `content/<section>/section.toml`.
pub fn section_languages(root: &Path, section: &str) -> Result<Vec<Lang>, Diagnostic> {
    #[derive(Deserialize)]
    struct SectionFile {
        languages: Vec<Lang>,
    }
    let name = format!("{CONTENT}/{section}/section.toml");
    let text = sources::read_text(&root.join(&name), &name)?;
    let parsed: SectionFile = toml::from_str(&text).map_err(|e| match e.span() {
        Some(span) => Diagnostic::at(&name, &text, span, e.message()),
        None => Diagnostic::file(&name, e.message()),
    })?;
    if parsed.languages.is_empty() {
        return Err(Diagnostic::file(&name, "the section has no `languages`"));
    }
    Ok(parsed.languages)
}

/// The headings with an explicit id in a section's memos, per language: `page#anchor` →
/// the heading's text. Memos are `content/<section>/<lang>/<page>.md`.
pub fn headings(
    root: &Path,
    section: &str,
    langs: &[Lang],
) -> BTreeMap<Lang, BTreeMap<String, String>> {
    let mut out = BTreeMap::new();
    for lang in langs {
        let dir = root.join(CONTENT).join(section).join(lang.as_str());
        let mut found = BTreeMap::new();
        for entry in fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            let (Some(page), Some("md")) = (
                path.file_stem().and_then(|s| s.to_str()),
                path.extension().and_then(|s| s.to_str()),
            ) else {
                continue;
            };
            let Ok(text) = fs::read_to_string(&path) else {
                continue;
            };
            for (anchor, title) in text.lines().filter_map(heading) {
                found.insert(format!("{page}#{anchor}"), title.to_owned());
            }
        }
        out.insert(lang.clone(), found);
    }
    out
}

/// `## Title {#anchor}` → (`anchor`, `Title`).
fn heading(line: &str) -> Option<(&str, &str)> {
    let rest = line.trim_start_matches('#');
    if rest.len() == line.len() || !rest.starts_with(' ') {
        return None;
    }
    let rest = rest.trim_end().strip_suffix('}')?;
    let (title, anchor) = rest.rsplit_once("{#")?;
    Some((anchor.trim(), title.trim()))
}

/// The anchors found in every language: a citation must resolve on each translation.
fn common_anchors(headings: &BTreeMap<Lang, BTreeMap<String, String>>) -> BTreeSet<String> {
    let mut sets = headings
        .values()
        .map(|h| h.keys().cloned().collect::<BTreeSet<_>>());
    let first = sets.next().unwrap_or_default();
    sets.fold(first, |acc, s| acc.intersection(&s).cloned().collect())
}

/// Every price list of the site that loads; the problems of the others.
pub fn price_lists(root: &Path) -> (Vec<PriceList>, Vec<Diagnostic>) {
    let mut lists = Vec::new();
    let mut problems = Vec::new();
    for id in sources::price_list_ids(root) {
        let path = sources::price_list_path(root, &id);
        let name = format!("{}/{id}.toml", sources::PRICE_LISTS);
        match sources::read_price_list(&path, &name) {
            Ok(l) => lists.push(l),
            Err(p) => problems.extend(p),
        }
    }
    (lists, problems)
}

/// Reads a wizard and checks it against its section and `lists`: every problem, located.
/// This is the function `tarif check` calls for each wizard.
pub fn check_wizard(
    root: &Path,
    file: &WizardFile,
    lists: &[PriceList],
) -> Result<LoadedWizard, Vec<Diagnostic>> {
    let languages = section_languages(root, &file.section).map_err(|d| vec![d])?;
    let headings = headings(root, &file.section, &languages);
    let anchors = common_anchors(&headings);
    let text = sources::read_text(&file.path, &file.name).map_err(|d| vec![d])?;
    let site = Site {
        languages: &languages,
        anchors: &anchors,
        price_lists: lists,
    };
    let wizard = load_wizard(&file.name, &file.section, &text, &site)?;
    let price_list = wizard
        .price_list
        .as_ref()
        .and_then(|id| lists.iter().find(|l| &l.id == id))
        .cloned();
    Ok(LoadedWizard {
        wizard,
        languages,
        price_list,
        headings,
    })
}

/// Loads the wizard named `id` (or `section/id`) with the site's price lists.
pub fn load(root: &Path, file: &WizardFile) -> Result<LoadedWizard, Vec<Diagnostic>> {
    let (lists, _) = price_lists(root);
    check_wizard(root, file, &lists)
}

/// The wizard a person named: its id, or `section/id` where two sections share an id.
pub fn named<'a>(files: &'a [WizardFile], name: &str) -> Vec<&'a WizardFile> {
    files
        .iter()
        .filter(|f| f.id == name || format!("{}/{}", f.section, f.id) == name)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::heading;

    #[test]
    fn headings_with_an_explicit_id_are_found() {
        assert_eq!(
            heading("## Withdrawal form {#withdrawal-form}"),
            Some(("withdrawal-form", "Withdrawal form"))
        );
        assert_eq!(
            heading("### 1. Legal basis {#term-1}  "),
            Some(("term-1", "1. Legal basis"))
        );
        assert_eq!(heading("## No id"), None);
        assert_eq!(heading("#hashtag {#x}"), None);
        assert_eq!(heading("text {#x}"), None);
    }
}
