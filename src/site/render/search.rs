//! The documents of a language's search index: each clause of each memo (its heading and
//! the text under it), each price item (its name, note, unit, price section and price;
//! with the clause that describes it, if one does), and each wizard (its questions,
//! answers and outcomes). Their addresses are relative to the
//! search page, so the index works wherever the site is served from.

use std::collections::{BTreeMap, BTreeSet};

use tarif_engine::price_list::{Item, PriceList, PriceSection};
use tarif_engine::quote::text::price_in_brief;
use tarif_engine::search::{Document, Index};
use tarif_engine::text::Lang;
use tarif_engine::wizard::Wizard;

use crate::site::markdown::Clause;
use crate::site::model::{Memo, Section, Site};
use crate::site::url::PageDir;

/// The index of every page of `site` in `lang`, linked from `here` (the search page).
pub fn index(site: &Site, lang: &Lang, here: &PageDir) -> Index {
    Index::build(lang, documents(site, lang, here))
}

/// Every searchable piece of `site` in `lang`, in reading order. An item described by a
/// clause of its section's memos (the clause's anchor is the item's id) is one document,
/// the clause with the item's price and words, found once rather than twice.
///
/// Made a section at a time as the index reads them: a language's documents copy its
/// text (50 MB at 10,000 pages), which the index keeps once it has read them.
pub fn documents<'a>(
    site: &'a Site,
    lang: &'a Lang,
    here: &'a PageDir,
) -> impl Iterator<Item = Document> + 'a {
    site.sections_in(lang)
        .flat_map(move |section| section_documents(site, section, lang, here))
}

/// The documents of `section` in `lang` ([`documents`]).
fn section_documents(site: &Site, section: &Section, lang: &Lang, here: &PageDir) -> Vec<Document> {
    let mut docs = Vec::new();
    let lists: Vec<&PriceList> = section
        .memos_in(lang)
        .filter_map(|m| site.price_lists.get(m.price_list()?))
        .collect();
    let items: BTreeMap<&str, Priced> = lists
        .iter()
        .flat_map(|&l| {
            l.sections
                .iter()
                .flat_map(move |s| s.items.iter().map(move |i| (i.id.as_str(), (l, s, i))))
        })
        .collect();
    let described: BTreeSet<&str> = section
        .memos_in(lang)
        .flat_map(|m| m.body.clauses.iter().filter_map(|c| c.id.as_deref()))
        .filter(|id| items.contains_key(id))
        .collect();
    for memo in section.memos_in(lang) {
        let start = docs.len();
        memo_documents(section, memo, here, &mut docs);
        for doc in &mut docs[start..] {
            let id = doc.url.rsplit_once('#').map(|(_, id)| id);
            if let Some(&priced) = id.and_then(|id| items.get(id)) {
                add_item(doc, priced, lang);
            }
        }
        if let Some(list) = memo.price_list().and_then(|id| site.price_lists.get(id)) {
            let page = here.href_to(&memo.dir(&section.id));
            for s in &list.sections {
                for item in s
                    .items
                    .iter()
                    .filter(|i| !described.contains(i.id.as_str()))
                {
                    let mut doc = Document {
                        url: format!("{page}#{}", item.id),
                        title: item.name.best(lang, &list.languages).to_owned(),
                        section: list.title.best(lang, &list.languages).to_owned(),
                        ..Document::default()
                    };
                    add_item(&mut doc, (list, s, item), lang);
                    docs.push(doc);
                }
            }
        }
    }
    for wizard in &section.wizards {
        docs.push(wizard_document(section, wizard, lang, here));
    }
    docs
}

/// A memo's documents: its opening (the page itself), then a clause per heading. A
/// heading with no text of its own (a part's title, its clauses below it) has the
/// headings of the clauses that follow as its text, so its result is never blank.
fn memo_documents(section: &Section, memo: &Memo, here: &PageDir, docs: &mut Vec<Document>) {
    let page = here.href_to(&memo.dir(&section.id));
    let title = &memo.front.title;
    let section_title = section
        .config
        .title
        .best(&memo.lang, &section.config.languages);
    // The memo's opening (its title and description, and any text before the first
    // heading) is a document of the page itself.
    let opening = |text: &str| Document {
        url: page.clone(),
        title: title.clone(),
        section: section_title.to_owned(),
        text: format!("{} {text}", memo.front.description),
        ..Document::default()
    };
    let clauses = &memo.body.clauses;
    if clauses.iter().all(|c| c.id.is_some()) {
        docs.push(opening(""));
    }
    for (at, clause) in clauses.iter().enumerate() {
        docs.push(match &clause.id {
            Some(id) => Document {
                url: format!("{page}#{id}"),
                title: clause.heading.clone(),
                section: title.clone(),
                text: if clause.text.trim().is_empty() {
                    contents(clause.level, &clauses[at + 1..])
                } else {
                    clause.text.clone()
                },
                ..Document::default()
            },
            None => opening(&clause.text),
        });
    }
}

/// The headings under a heading of `level`: those of the `following` clauses up to the
/// next heading of its level or above, what a heading with no text of its own opens onto.
fn contents(level: usize, following: &[Clause]) -> String {
    let headings: Vec<&str> = following
        .iter()
        .take_while(|c| c.level > level)
        .map(|c| c.heading.as_str())
        .collect();
    headings.join(" · ")
}

/// An item of a section's price lists, with its list and its price section.
type Priced<'a> = (&'a PriceList, &'a PriceSection, &'a Item);

/// What an item adds to its document besides its name: its price section, note and unit
/// as words of the text, its price in brief, and its id's words as keywords.
fn add_item(doc: &mut Document, (list, section, item): Priced, lang: &Lang) {
    let langs = &list.languages;
    let words = [Some(&section.name), item.note.as_ref(), item.unit.as_ref()]
        .into_iter()
        .map(|t| t.map_or("", |t| t.best(lang, langs)));
    doc.text = std::iter::once(doc.text.as_str())
        .filter(|t| !t.is_empty())
        .chain(words)
        .collect::<Vec<_>>()
        .join(" ");
    doc.price = price_in_brief(list, item, lang);
    doc.keywords = item.id.replace('-', " ");
}

fn wizard_document(section: &Section, wizard: &Wizard, lang: &Lang, here: &PageDir) -> Document {
    let langs = &section.config.languages;
    let mut text: Vec<&str> = Vec::new();
    text.extend(wizard.intro.as_ref().map(|t| t.best(lang, langs)));
    for q in &wizard.questions {
        text.push(q.text.best(lang, langs));
        text.extend(q.hint.as_ref().map(|t| t.best(lang, langs)));
        text.extend(q.kind.options().iter().map(|c| c.label.best(lang, langs)));
    }
    for o in &wizard.outcomes {
        text.push(o.title.best(lang, langs));
        for s in o.reasons.iter().chain(&o.next_steps) {
            text.push(s.text.best(lang, langs));
        }
    }
    Document {
        url: here.href_to(&PageDir::wizard(lang, &section.id, &wizard.id)),
        title: wizard.title.best(lang, langs).to_owned(),
        section: section.config.title.best(lang, langs).to_owned(),
        text: text.join(" "),
        ..Document::default()
    }
}
