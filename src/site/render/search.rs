//! The documents of a language's search index: each clause of each memo (its heading and
//! the text under it), each price item (its name, note, unit and price section), and each
//! wizard (its questions, answers and outcomes). Their addresses are relative to the
//! search page, so the index works wherever the site is served from.

use tarif_engine::price_list::PriceList;
use tarif_engine::search::{Document, Index};
use tarif_engine::text::{Lang, Text};
use tarif_engine::wizard::Wizard;

use crate::site::model::{Memo, Section, Site};
use crate::site::url::PageDir;

/// The index of every page of `site` in `lang`, linked from `here` (the search page).
pub fn index(site: &Site, lang: &Lang, here: &PageDir) -> Index {
    Index::build(lang, documents(site, lang, here))
}

/// Every searchable piece of `site` in `lang`, in reading order.
pub fn documents(site: &Site, lang: &Lang, here: &PageDir) -> Vec<Document> {
    let mut docs = Vec::new();
    for section in site.sections_in(lang) {
        for memo in section.memos_in(lang) {
            memo_documents(section, memo, here, &mut docs);
            if let Some(list) = memo.price_list().and_then(|id| site.price_lists.get(id)) {
                let page = here.href_to(&memo.dir(&section.id));
                price_documents(list, lang, &page, &mut docs);
            }
        }
        for wizard in &section.wizards {
            docs.push(wizard_document(section, wizard, lang, here));
        }
    }
    docs
}

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
    };
    if memo.body.clauses.iter().all(|c| c.id.is_some()) {
        docs.push(opening(""));
    }
    for clause in &memo.body.clauses {
        docs.push(match &clause.id {
            Some(id) => Document {
                url: format!("{page}#{id}"),
                title: clause.heading.clone(),
                section: title.clone(),
                text: clause.text.clone(),
            },
            None => opening(&clause.text),
        });
    }
}

fn price_documents(list: &PriceList, lang: &Lang, page: &str, docs: &mut Vec<Document>) {
    let langs = &list.languages;
    fn text<'t>(t: &'t Option<Text>, lang: &Lang, langs: &[Lang]) -> &'t str {
        t.as_ref().map_or("", |t| t.best(lang, langs))
    }
    for s in &list.sections {
        for item in &s.items {
            docs.push(Document {
                url: format!("{page}#{}", item.id),
                title: item.name.best(lang, langs).to_owned(),
                section: list.title.best(lang, langs).to_owned(),
                text: [
                    s.name.best(lang, langs),
                    text(&item.note, lang, langs),
                    text(&item.unit, lang, langs),
                ]
                .join(" "),
            });
        }
    }
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
    }
}
