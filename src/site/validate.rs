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
/// A page's anchors; `None` when they cannot be known (its front matter or its price
/// list does not read or does not exist, which is reported already).
type Anchors<'a> = HashMap<Key<'a>, Option<BTreeSet<&'a str>>>;

/// Runs every check across files, adding what it finds to `problems`.
pub fn site(
    sections: &[Section],
    drafts: &[Draft],
    wizards: &BTreeSet<(String, String)>,
    lists: &PriceLists,
    languages: &[Lang],
    statics: &[StaticFile],
    problems: &mut Vec<Diagnostic>,
) {
    let by_key: HashMap<Key, &Draft> = drafts.iter().map(|d| (key(sections, d), d)).collect();
    // Each memo's checks on every core (`tarif serve` runs them all after each edit),
    // their problems in the memos' order.
    let found = parallel::map(drafts, |d| {
        let mut found = Vec::new();
        let anchors = anchors_of(d, lists, &mut found);
        (anchors, found)
    });
    let mut anchors: Anchors = HashMap::with_capacity(drafts.len());
    for (d, (a, found)) in drafts.iter().zip(found) {
        anchors.insert(key(sections, d), a);
        problems.extend(found);
    }
    let found = parallel::map(drafts, |d| {
        let mut found = Vec::new();
        price_list(sections, d, lists, &mut found);
        links(sections, d, wizards, &by_key, &anchors, &mut found);
        found
    });
    problems.extend(found.into_iter().flatten());
    translations(sections, drafts, &by_key, &anchors, problems);
    static_collisions(statics, languages, problems);
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
    let list_ids: BTreeSet<&str> = list
        .map(|l| {
            l.sections
                .iter()
                .map(|s| s.id.as_str())
                .chain(l.items().map(|i| i.id.as_str()))
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
            let list = list.map_or("", |l| l.id.as_str());
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
    let Some(list) = lists.read.get(id) else {
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
    by_key: &HashMap<Key, &Draft>,
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
        if !by_key.contains_key(&target) {
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
        }
        let Some(anchor) = anchor else { continue };
        let Some(Some(known)) = anchors.get(&target) else {
            continue;
        };
        if !known.contains(anchor.as_str()) {
            let list: Vec<&str> = known.iter().take(12).copied().collect();
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
/// price list as the original (the first language that has it).
fn translations(
    sections: &[Section],
    drafts: &[Draft],
    by_key: &HashMap<Key, &Draft>,
    anchors: &Anchors,
    problems: &mut Vec<Diagnostic>,
) {
    let mut groups: BTreeMap<(usize, &str), ()> = BTreeMap::new();
    for d in drafts {
        groups.insert((d.section, d.source.slug.as_str()), ());
    }
    for (section, slug) in groups.into_keys() {
        let s = &sections[section];
        let present: Vec<&Draft> = s
            .config
            .languages
            .iter()
            .filter_map(|l| by_key.get(&(s.id.as_str(), l.as_str(), slug)).copied())
            .collect();
        let Some(original) = present.first() else {
            continue;
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
            same_as_original(sections, original, t, anchors, problems);
        }
    }
}

fn same_as_original(
    sections: &[Section],
    original: &Draft,
    t: &Draft,
    anchors: &Anchors,
    problems: &mut Vec<Diagnostic>,
) {
    let (Some(ours), Some(theirs)) = (
        anchors.get(&key(sections, t)).and_then(Option::as_ref),
        anchors
            .get(&key(sections, original))
            .and_then(Option::as_ref),
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
