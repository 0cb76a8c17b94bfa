//! One wizard of a loaded [`Site`], with what evaluating and showing it needs beside it:
//! its section's languages, its price list, and the titles of the memo headings it cites.
//! `tarif ask` and the tests find wizards here, in the model that `tarif check`, `build`
//! and `serve` use, so all of them see the same wizard, anchors and problems.

use std::collections::BTreeMap;

use tarif_engine::date::Date;
use tarif_engine::price_list::{PriceHistory, PriceList};
use tarif_engine::text::Lang;
use tarif_engine::wizard::Wizard;

use super::load::{CONTENT, WIZARD_SUFFIX};
use super::model::{Section, Site};

/// A wizard with what it needs to be evaluated and shown.
#[derive(Debug, Clone)]
pub struct LoadedWizard {
    pub wizard: Wizard,
    /// Its source file, relative to the site root (`content/<section>/<id>.wizard.toml`).
    pub file: String,
    /// The languages of its section, the original first.
    pub languages: Vec<Lang>,
    /// Its price list as of the site's `today` (or the day given to [`LoadedWizard::as_of`]),
    /// if it names one.
    pub price_list: Option<PriceList>,
    /// That list through time.
    pub price_history: Option<PriceHistory>,
    /// The titles of its section's memo headings: `page#anchor` → title, by language.
    pub headings: BTreeMap<Lang, BTreeMap<String, String>>,
}

impl LoadedWizard {
    /// Quotes with the prices in effect on `today`: the wizard's day, not the build's.
    pub fn as_of(&mut self, today: Date) {
        if let Some(h) = &self.price_history {
            self.price_list = Some(h.as_of(today));
        }
    }
}

/// Why a name does not pick one wizard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotOne {
    /// No wizard has that name; the names there are.
    None(Vec<String>),
    /// Several sections have a wizard of that id: their `section/id` names.
    Many(Vec<String>),
}

impl Site {
    /// Every wizard's name, by section then id: its id, or `section/id` where two sections
    /// share the id.
    pub fn wizard_names(&self) -> Vec<String> {
        let all: Vec<(&Section, &Wizard)> = self
            .sections
            .iter()
            .flat_map(|s| s.wizards.iter().map(move |w| (s, w)))
            .collect();
        let mut names: Vec<(&str, &str, String)> = all
            .iter()
            .map(|(s, w)| {
                let shared = all.iter().filter(|(_, v)| v.id == w.id).count() > 1;
                let name = if shared {
                    format!("{}/{}", s.id, w.id)
                } else {
                    w.id.clone()
                };
                (s.id.as_str(), w.id.as_str(), name)
            })
            .collect();
        names.sort();
        names.into_iter().map(|(_, _, n)| n).collect()
    }

    /// The wizard `name` (its id, or `section/id`), with its section's languages, its
    /// price list and the titles of the headings it may cite.
    pub fn wizard(&self, name: &str) -> Result<LoadedWizard, NotOne> {
        let found: Vec<(&Section, &Wizard)> = self
            .sections
            .iter()
            .flat_map(|s| s.wizards.iter().map(move |w| (s, w)))
            .filter(|(s, w)| w.id == name || format!("{}/{}", s.id, w.id) == name)
            .collect();
        match found.as_slice() {
            [(section, wizard)] => Ok(LoadedWizard {
                wizard: (*wizard).clone(),
                file: format!("{CONTENT}/{}/{}{WIZARD_SUFFIX}", section.id, wizard.id),
                languages: section.config.languages.clone(),
                price_list: wizard
                    .price_list
                    .as_ref()
                    .and_then(|id| self.price_lists.get(id))
                    .cloned(),
                price_history: wizard
                    .price_list
                    .as_ref()
                    .and_then(|id| self.price_histories.get(id))
                    .cloned(),
                headings: headings(section),
            }),
            [] => Err(NotOne::None(self.wizard_names())),
            many => Err(NotOne::Many(
                many.iter()
                    .map(|(s, w)| format!("{}/{}", s.id, w.id))
                    .collect(),
            )),
        }
    }
}

/// The titles of a section's headings as the memos were read: `page#anchor` → title.
fn headings(section: &Section) -> BTreeMap<Lang, BTreeMap<String, String>> {
    let mut out: BTreeMap<Lang, BTreeMap<String, String>> = BTreeMap::new();
    for memo in &section.memos {
        let titles = out.entry(memo.lang.clone()).or_default();
        for clause in &memo.body.clauses {
            if let Some(anchor) = &clause.id {
                titles.insert(format!("{}#{anchor}", memo.slug), clause.heading.clone());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::site::load_site;
    use std::path::Path;

    use super::NotOne;

    fn site() -> crate::site::model::Site {
        load_site(Path::new(env!("CARGO_MANIFEST_DIR"))).expect("the default site loads")
    }

    #[test]
    fn a_wizard_is_found_by_id_or_section_and_id_with_its_heading_titles() {
        let site = site();
        let w = site.wizard("withdrawal").unwrap();
        assert_eq!(w.file, "content/laptop-bg/withdrawal.wizard.toml");
        assert_eq!(w.languages[0].as_str(), "bg");
        assert_eq!(
            w.price_list.as_ref().map(|l| l.id.as_str()),
            w.wizard.price_list.as_deref()
        );
        let same = site.wizard("laptop-bg/withdrawal").unwrap();
        assert_eq!(same.wizard.id, w.wizard.id);
        // Titles as the memos' headings read, in each language.
        let en = w
            .headings
            .iter()
            .find(|(l, _)| l.as_str() == "en")
            .unwrap()
            .1;
        assert!(
            en.keys().any(|k| k.starts_with("withdrawal#")),
            "{:?}",
            en.keys()
        );
        assert!(en.values().all(|t| !t.is_empty() && !t.contains("{#")));
    }

    #[test]
    fn an_unknown_name_lists_the_wizards_there_are() {
        let site = site();
        match site.wizard("nope") {
            Err(NotOne::None(names)) => {
                assert!(names.contains(&"withdrawal".to_owned()), "{names:?}")
            }
            other => panic!("{other:?}"),
        }
    }
}
