//! The checks across files: every memo in every language of its section, the same
//! anchors in every translation, links and anchors that resolve, price lists that exist
//! in the page's language, and static files that do not shadow generated pages.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use tarif_engine::diagnostic::Diagnostic;
use tarif_engine::text::{Lang, is_id};

use super::layout::{APP_DIR, GENERATED_FILES, RESERVED_IDS};
use super::links::Target;
use super::load::StaticFile;
use super::model::{Draft, PriceLists, Section};
use super::parallel;

type Key<'a> = (&'a str, &'a str, &'a str);
/// Each page's anchors, by section, language and slug; `None` when they cannot be known
/// (its front matter or its price list does not read or does not exist, which is
/// reported already).
type Anchors = HashMap<String, HashMap<String, HashMap<String, Option<BTreeSet<String>>>>>;

fn anchors_at<'m>(anchors: &'m Anchors, k: Key) -> Option<&'m Option<BTreeSet<String>>> {
    anchors.get(k.0)?.get(k.1)?.get(k.2)
}

/// What the checks across files found, kept with what they were found from, so that
/// `tarif serve` checks an edited memo alone when its anchors stay as they were (no
/// other memo's links can change then).
pub struct Checked {
    anchors: Anchors,
    /// Each memo's own problems (its anchors, price list and links), by draft.
    memos: Vec<Vec<Diagnostic>>,
    /// The problems of each group of translations, by section and slug.
    translations: BTreeMap<(usize, String), Vec<Diagnostic>>,
    statics: Vec<Diagnostic>,
}

impl Checked {
    /// Every problem found.
    pub fn problems(&self) -> impl Iterator<Item = &Diagnostic> {
        self.memos
            .iter()
            .flatten()
            .chain(self.translations.values().flatten())
            .chain(&self.statics)
    }

    /// Checks draft `i` again after its text changed; false when its anchors are not
    /// what they were (then every memo must be checked again).
    pub fn recheck(
        &mut self,
        i: usize,
        sections: &[Section],
        drafts: &[Draft],
        wizards: &BTreeSet<(String, String)>,
        lists: &PriceLists,
    ) -> bool {
        let Some(d) = drafts.get(i) else {
            return false;
        };
        let mut found = Vec::new();
        let anchors = owned(anchors_of(d, lists, &mut found));
        if anchors_at(&self.anchors, key(sections, d)) != Some(&anchors) {
            return false;
        }
        price_list(sections, d, lists, &mut found);
        links(sections, d, wizards, &self.anchors, &mut found);
        self.memos[i] = found;
        let group = translation_group(sections, d.section, &d.source.slug, &self.anchors, |lang| {
            drafts.iter().find(|t| {
                t.section == d.section && t.source.slug == d.source.slug && &t.source.lang == lang
            })
        });
        self.translations
            .insert((d.section, d.source.slug.clone()), group);
        true
    }
}

fn owned(anchors: Option<BTreeSet<&str>>) -> Option<BTreeSet<String>> {
    anchors.map(|a| a.into_iter().map(str::to_owned).collect())
}

/// Runs every check across files.
pub fn site(
    sections: &[Section],
    drafts: &[Draft],
    wizards: &BTreeSet<(String, String)>,
    lists: &PriceLists,
    languages: &[Lang],
    statics: &[StaticFile],
) -> Checked {
    // Each memo's checks on every core, their problems kept by memo.
    let found = parallel::map(drafts, |d| {
        let mut found = Vec::new();
        let anchors = owned(anchors_of(d, lists, &mut found));
        (anchors, found)
    });
    let mut anchors = Anchors::new();
    let mut memos = Vec::with_capacity(drafts.len());
    for (d, (a, found)) in drafts.iter().zip(found) {
        let (section, lang, slug) = key(sections, d);
        anchors
            .entry(section.to_owned())
            .or_default()
            .entry(lang.to_owned())
            .or_default()
            .insert(slug.to_owned(), a);
        memos.push(found);
    }
    let found = parallel::map(drafts, |d| {
        let mut found = Vec::new();
        price_list(sections, d, lists, &mut found);
        links(sections, d, wizards, &anchors, &mut found);
        found
    });
    for (mine, found) in memos.iter_mut().zip(found) {
        mine.extend(found);
    }
    let translations = translations(sections, drafts, &anchors);
    let mut statics_found = Vec::new();
    static_collisions(statics, languages, &mut statics_found);
    Checked {
        anchors,
        memos,
        translations,
        statics: statics_found,
    }
}

fn key<'a>(sections: &'a [Section], d: &'a Draft) -> Key<'a> {
    (
        &sections[d.section].id,
        d.source.lang.as_str(),
        &d.source.slug,
    )
}

fn at(d: &Draft, span: std::ops::Range<usize>, message: impl Into<String>) -> Diagnostic {
    Diagnostic::at(&d.source.file.name, &d.source.file.text, span, message)
}

/// A page's anchors: its headings, and the sections and items of the price list it shows.
fn anchors_of<'a>(
    d: &'a Draft,
    lists: &'a PriceLists,
    problems: &mut Vec<Diagnostic>,
) -> Option<BTreeSet<&'a str>> {
    let front = d.front.as_ref()?;
    let list_id = front.price_list.as_ref().map(|(id, _)| id);
    if list_id.is_some_and(|id| !lists.read.contains_key(id)) {
        return None;
    }
    let list = list_id.and_then(|id| lists.read.get(id));
    // Every id the list ever has: an item added on a later day gets its anchor then.
    let list_ids: BTreeSet<&str> = list
        .map(|l| {
            l.first
                .sections
                .iter()
                .map(|s| s.id.as_str())
                .chain(l.every_item().map(|i| i.id.as_str()))
                .collect()
        })
        .unwrap_or_default();
    let mut anchors = list_ids.clone();
    for h in &d.body.headings {
        if RESERVED_IDS.contains(&h.id.as_str()) {
            problems.push(
                at(
                    d,
                    h.span.clone(),
                    format!("the id `{}` is used by the page itself", h.id),
                )
                .help("choose another id"),
            );
        } else if list_ids.contains(h.id.as_str()) {
            let list = list.map_or("", |l| l.first.id.as_str());
            problems.push(
                at(d, h.span.clone(), format!("the id `{}` is also a section or item of price list `{list}`, shown on this page", h.id))
                    .help("choose another heading id: the list's ids are the anchors of its rows"),
            );
        }
        anchors.insert(&h.id);
    }
    Some(anchors)
}

fn price_list(sections: &[Section], d: &Draft, lists: &PriceLists, problems: &mut Vec<Diagnostic>) {
    let Some((id, span)) = d.front.as_ref().and_then(|f| f.price_list.as_ref()) else {
        return;
    };
    let section = &sections[d.section].id;
    if !is_id(id) {
        problems.push(
            at(d, span.clone(), format!("`{id}` is not a price-list id"))
                .help("write the file name of a list in price-lists/ without `.toml`, such as \"laptop-bg\""),
        );
        return;
    }
    if lists.broken.contains(id) {
        return;
    }
    let Some(list) = lists.read.get(id).map(|h| &h.first) else {
        let known: Vec<&str> = lists.read.keys().map(String::as_str).collect();
        problems.push(
            at(d, span.clone(), format!("there is no price list `{id}`")).help(format!(
                "the price lists in price-lists/ are: {}",
                known.join(", ")
            )),
        );
        return;
    };
    if !list.languages.contains(&d.source.lang) {
        problems.push(
            at(
                d,
                span.clone(),
                format!("price list `{id}` is not written in `{}`", d.source.lang),
            )
            .help("add the language to the list, or show it on pages in its languages"),
        );
    }
    if list.section.as_ref().is_some_and(|s| s != section) {
        problems.push(
            at(
                d,
                span.clone(),
                format!(
                    "price list `{id}` belongs to section `{}`, not `{section}`",
                    list.section.as_deref().unwrap_or("")
                ),
            )
            .help("show it on a page of its own section, or change its `section`"),
        );
    }
}

fn links(
    sections: &[Section],
    d: &Draft,
    wizards: &BTreeSet<(String, String)>,
    anchors: &Anchors,
    problems: &mut Vec<Diagnostic>,
) {
    for link in &d.body.links {
        let (target, anchor) = match &link.target {
            Target::External => continue,
            Target::Wizard { section, lang, id } => {
                let known = wizards.contains(&(section.clone(), id.clone()))
                    && sections.iter().any(|s| {
                        &s.id == section && s.config.languages.iter().any(|l| l.as_str() == lang)
                    });
                if !known {
                    problems.push(
                        at(
                            d,
                            link.span.clone(),
                            format!(
                                "the link goes to `content/{section}/{id}.wizard.toml`, which is not a wizard of the site in `{lang}`"
                            ),
                        )
                        .help("correct the path: it is relative to this file"),
                    );
                }
                continue;
            }
            Target::SamePage { anchor } => (key(sections, d), Some(anchor)),
            Target::Memo {
                section,
                lang,
                slug,
                anchor,
            } => (
                (section.as_str(), lang.as_str(), slug.as_str()),
                anchor.as_ref(),
            ),
        };
        let file = || format!("content/{}/{}/{}.md", target.0, target.1, target.2);
        let Some(known) = anchors_at(anchors, target) else {
            problems.push(
                at(
                    d,
                    link.span.clone(),
                    format!(
                        "the link goes to `{}`, which is not a memo of the site",
                        file()
                    ),
                )
                .help("correct the path: it is relative to this file"),
            );
            continue;
        };
        let Some(anchor) = anchor else { continue };
        let Some(known) = known else {
            continue;
        };
        if !known.contains(anchor.as_str()) {
            let list: Vec<&str> = known.iter().take(12).map(String::as_str).collect();
            problems.push(
                at(
                    d,
                    link.span.clone(),
                    format!("`{}` has no anchor `#{anchor}`", file()),
                )
                .help(format!("its anchors are: {}", list.join(", "))),
            );
        }
    }
}

/// Each memo exists in every language of its section, each with the same anchors and
/// price list as the original (the first language that has it): the problems of each
/// group of translations, by section and slug.
fn translations(
    sections: &[Section],
    drafts: &[Draft],
    anchors: &Anchors,
) -> BTreeMap<(usize, String), Vec<Diagnostic>> {
    let by_key: HashMap<Key, &Draft> = drafts.iter().map(|d| (key(sections, d), d)).collect();
    let mut groups: BTreeSet<(usize, &str)> = BTreeSet::new();
    for d in drafts {
        groups.insert((d.section, d.source.slug.as_str()));
    }
    groups
        .into_iter()
        .map(|(section, slug)| {
            let id = sections[section].id.as_str();
            let found = translation_group(sections, section, slug, anchors, |lang| {
                by_key.get(&(id, lang.as_str(), slug)).copied()
            });
            ((section, slug.to_owned()), found)
        })
        .collect()
}

/// The problems of one group of translations; `memo` finds its memo in a language.
fn translation_group<'d>(
    sections: &[Section],
    section: usize,
    slug: &str,
    anchors: &Anchors,
    memo: impl Fn(&Lang) -> Option<&'d Draft>,
) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let s = &sections[section];
    let present: Vec<&Draft> = s.config.languages.iter().filter_map(&memo).collect();
    let Some(original) = present.first() else {
        return problems;
    };
    for lang in &s.config.languages {
        if !present.iter().any(|d| &d.source.lang == lang) {
            problems.push(
                Diagnostic::file(&original.source.file.name, format!("the memo has no `{lang}` translation"))
                    .help(format!("write content/{}/{lang}/{slug}.md, or remove `{lang}` from the section's languages", s.id)),
            );
        }
    }
    for t in &present[1..] {
        same_as_original(sections, original, t, anchors, &mut problems);
    }
    problems
}

fn same_as_original(
    sections: &[Section],
    original: &Draft,
    t: &Draft,
    anchors: &Anchors,
    problems: &mut Vec<Diagnostic>,
) {
    let (Some(ours), Some(theirs)) = (
        anchors_at(anchors, key(sections, t)).and_then(Option::as_ref),
        anchors_at(anchors, key(sections, original)).and_then(Option::as_ref),
    ) else {
        return;
    };
    for h in &t.body.headings {
        if !theirs.contains(h.id.as_str()) {
            problems.push(
                at(
                    t,
                    h.span.clone(),
                    format!(
                        "`#{}` is not an anchor of the original, {}",
                        h.id, original.source.file.name
                    ),
                )
                .help("a translation has the same heading ids as its original"),
            );
        }
    }
    for h in &original.body.headings {
        if !ours.contains(h.id.as_str()) {
            problems.push(
                Diagnostic::file(
                    &t.source.file.name,
                    format!("the translation has no heading `#{}`", h.id),
                )
                .help(format!(
                    "the original {} has it; give the same section the same id",
                    original.source.file.name
                )),
            );
        }
    }
    let list = |d: &Draft| {
        let front = d.front.as_ref()?;
        Some(front.price_list.as_ref().map(|(id, _)| id.clone()))
    };
    if let (Some(ours), Some(theirs)) = (list(t), list(original))
        && ours != theirs
    {
        problems.push(
            Diagnostic::file(
                &t.source.file.name,
                "the translation does not show the same price list as its original",
            )
            .help(format!(
                "set the same `price_list` as {}",
                original.source.file.name
            )),
        );
    }
}

fn static_collisions(statics: &[StaticFile], languages: &[Lang], problems: &mut Vec<Diagnostic>) {
    problems.extend(super::layout::icon_problems(statics));
    for f in statics {
        let first = f.rel.split('/').next().unwrap_or_default();
        if GENERATED_FILES.contains(&f.rel.as_str())
            || first == APP_DIR
            || languages.iter().any(|l| l.as_str() == first)
        {
            problems.push(
                Diagnostic::file(
                    format!("static/{}", f.rel),
                    "the file would replace a page tarif generates",
                )
                .help("rename it or move it into another folder of static/"),
            );
        }
    }
}
