//! The index of a site in one language, and queries against it.

use crate::pack::Pack;
use std::collections::{BTreeMap, HashMap};
use std::ops::{Bound, Range};

use serde::{Deserialize, Serialize};

use super::snippet::snippet;
use super::stem::{Term, is_stop_word, stem, terms};
use super::token::tokens;
use crate::text::Lang;

/// How much a word of a document's title counts against a word of its text.
const TITLE_WEIGHT: u32 = 3;
/// How much more a page's own document (its address has no anchor: the page as a whole)
/// scores than a clause of it, among documents that match as well.
const PAGE_BOOST: f64 = 1.5;
/// What a document whose title holds every query word gains: more than any text score,
/// so such documents come before the ones that only mention the words.
const TITLE_TIER: f64 = 1.0e6;
/// How much a word of a document's section label counts (it is shared by every document of
/// the section: enough for a query to name the memo, little for the ranking).
const SECTION_WEIGHT: u32 = 1;
/// How much a term the last query word only begins counts against one it is.
const PREFIX_WEIGHT: f64 = 0.5;
/// The fewest letters of a last query word that is searched as a beginning.
const PREFIX_MIN_CHARS: usize = 3;
/// BM25's saturation of term frequency.
const K1: f64 = 1.2;
/// BM25's normalisation by document length.
const B: f64 = 0.75;

/// A searchable piece of a site: a clause of a memo (a heading and its paragraphs), a
/// price item (with the clause that describes it, if one does), a wizard.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// Where it is (with its anchor).
    pub url: String,
    /// Its heading or name.
    pub title: String,
    /// A human label of where it belongs: the memo's or the price list's title.
    pub section: String,
    /// Its text, plain (no markup).
    pub text: String,
    /// An item's price, as a result shows it ("from 15,34 €"); empty for other documents.
    pub price: String,
    /// Words it is found by that it does not show (an item's id: `data-backup` is found
    /// by "backup"); they count as words of its text.
    pub keywords: String,
}

/// A document as the index keeps it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Pack)]
struct Entry {
    url: String,
    title: String,
    /// The position of its label in [`Index::sections`].
    section: u32,
    /// Its text, spaces collapsed, for snippets.
    text: String,
    /// Its length in weighted words, for BM25.
    len: u32,
    /// An item's price, shown in its result.
    price: String,
}

/// A term's occurrence in a document: the document's position in [`Index`]'s `docs`,
/// the weighted count of the term in it, and whether the term is in its title.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Pack)]
struct Posting {
    doc: u32,
    tf: u32,
    in_title: bool,
}

/// The full-text index of a site's documents in one language: stems with the documents
/// they occur in, and each document's url, title, section and text for results.
///
/// The generator packs it (`pack`) into the search page and the WASM app reads it back:
/// the language, the section labels, the documents (url, title, the position of their
/// label, text, weighted length, price) and for each stem its postings (document,
/// weighted count, whether in the title).
///
/// ```
/// use tarif_engine::search::{Document, Index};
/// use tarif_engine::text::Lang;
/// let doc = |url: &str, title: &str, text: &str| Document {
///     url: url.into(),
///     title: title.into(),
///     section: "Гаранционно обслужване".into(),
///     text: text.into(),
///     ..Document::default()
/// };
/// let index = Index::build(&Lang::new("bg").unwrap(), [
///     doc("/bg/warranty/#term", "Срок", "Срокът за гаранционно обслужване е един месец."),
///     doc("/bg/warranty/#data", "Данни", "Архивирайте данните си, преди да предадете лаптопа."),
/// ]);
/// let hits = index.search("гаранция срок", 10);
/// assert_eq!(hits.len(), 1);
/// assert_eq!(hits[0].url, "/bg/warranty/#term");
/// assert_eq!(hits[0].snippet_parts()[0], ("Срокът", true));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Pack)]
pub struct Index {
    lang: Lang,
    sections: Vec<String>,
    docs: Vec<Entry>,
    terms: BTreeMap<String, Vec<Posting>>,
}

/// A document a query found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hit {
    pub url: String,
    pub title: String,
    pub section: String,
    /// About [`SNIPPET_CHARS`](super::SNIPPET_CHARS) characters of the text around the
    /// first matched word, cut at word boundaries (`…` where the text goes on).
    pub snippet: String,
    /// An item's price ("" for other documents).
    pub price: String,
    /// The byte ranges of the matched words in `snippet`, in order.
    pub snippet_marks: Vec<(usize, usize)>,
    /// The byte ranges of the matched words in `title`, in order.
    pub title_marks: Vec<(usize, usize)>,
}

impl Hit {
    /// The snippet as parts, each marked true if it is a matched word.
    pub fn snippet_parts(&self) -> Vec<(&str, bool)> {
        parts(&self.snippet, &self.snippet_marks)
    }

    /// The title as parts, each marked true if it is a matched word.
    pub fn title_parts(&self) -> Vec<(&str, bool)> {
        parts(&self.title, &self.title_marks)
    }
}

/// `text` split at `marks` (byte ranges, in order): the parts between them and the marked
/// parts. Marks out of order, overlapping or not on character boundaries are skipped.
fn parts<'a>(text: &'a str, marks: &[(usize, usize)]) -> Vec<(&'a str, bool)> {
    let mut out = Vec::new();
    let mut at = 0;
    for &(a, b) in marks {
        let (Some(before), Some(marked)) = (text.get(at..a), text.get(a..b)) else {
            continue;
        };
        if !before.is_empty() {
            out.push((before, false));
        }
        if !marked.is_empty() {
            out.push((marked, true));
        }
        at = b;
    }
    if let Some(rest) = text.get(at..).filter(|r| !r.is_empty()) {
        out.push((rest, false));
    }
    out
}

/// A word of a query: the stem it matches, and for the last word being typed, the
/// beginning of the terms it also matches.
#[derive(Debug)]
struct Word {
    stem: String,
    prefix: Option<String>,
}

impl Word {
    /// Whether a term (a stem of the index) matches this word: `Some(true)` if it is the
    /// word's stem, `Some(false)` if the word being typed begins it, `None` otherwise.
    fn matches(&self, term: &str) -> Option<bool> {
        if term == self.stem {
            Some(true)
        } else if self.prefix.as_deref().is_some_and(|p| term.starts_with(p)) {
            Some(false)
        } else {
            None
        }
    }
}

/// The words of `query`: its terms, the last also as a beginning when it has at least
/// [`PREFIX_MIN_CHARS`] letters and the query ends with it (no space after it: it may be
/// a word still being typed).
fn words(lang: &Lang, query: &str) -> Vec<Word> {
    let terms: Vec<Term> = terms(lang, query).collect();
    let last = terms.len().saturating_sub(1);
    terms
        .into_iter()
        .enumerate()
        .map(|(i, t)| {
            let typed = i == last
                && t.range.end == query.len()
                && t.word.chars().count() >= PREFIX_MIN_CHARS;
            Word {
                stem: t.stem,
                prefix: typed.then_some(t.word),
            }
        })
        .collect()
}

/// Spaces collapsed: runs of whitespace as one space, none at the ends.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The terms of an index being built, each numbered, with its postings. A word is
/// stemmed once however often it occurs ([`terms`] per occurrence was most of a large
/// site's build): the index is the same as reading each document with [`terms`].
#[derive(Default)]
struct Stems {
    /// A normalised word → its term, or `None` for a stop word.
    words: HashMap<String, Option<u32>>,
    /// A stem → its term.
    numbers: HashMap<String, u32>,
    /// By term: the stem, and the documents it occurs in with its weighted count.
    stems: Vec<String>,
    postings: Vec<Vec<Posting>>,
}

impl Stems {
    fn term(&mut self, lang: &Lang, word: String) -> Option<u32> {
        if let Some(&term) = self.words.get(&word) {
            return term;
        }
        let term = (!is_stop_word(lang, &word)).then(|| {
            let stem = stem(lang, &word);
            match self.numbers.get(&stem) {
                Some(&n) => n,
                None => {
                    let n = u32::try_from(self.stems.len()).unwrap_or(u32::MAX);
                    self.numbers.insert(stem.clone(), n);
                    self.stems.push(stem);
                    self.postings.push(Vec::new());
                    n
                }
            }
        });
        self.words.insert(word, term);
        term
    }

    fn into_terms(self) -> BTreeMap<String, Vec<Posting>> {
        self.stems.into_iter().zip(self.postings).collect()
    }
}

impl Index {
    /// The index of `docs`, a site's documents in `lang`. Documents keep their order:
    /// results that score the same come in it.
    pub fn build(lang: &Lang, docs: impl IntoIterator<Item = Document>) -> Index {
        let mut sections: Vec<String> = Vec::new();
        let mut section_of: HashMap<String, u32> = HashMap::new();
        let mut entries = Vec::new();
        let mut stems = Stems::default();
        // The weighted count of each term in the document being read, and the terms it
        // has (to clear them for the next one): a dense table rather than a map per
        // document, which a 10,000-page site paid for in string comparisons.
        // With each count, whether the title has the term.
        let mut counts: Vec<(u32, bool)> = Vec::new();
        let mut seen: Vec<u32> = Vec::new();
        // Positions are u32 (the JSON stays small); no site has four billion documents.
        for (id, doc) in (0..u32::MAX).zip(docs) {
            let title = collapse(&doc.title);
            let text = collapse(&doc.text);
            let label = collapse(&doc.section);
            let fields = [
                (&title, TITLE_WEIGHT),
                (&text, 1),
                (&doc.keywords, 1),
                (&label, SECTION_WEIGHT),
            ];
            for (field, weight) in fields {
                for token in tokens(field) {
                    let Some(term) = stems.term(lang, token.word) else {
                        continue;
                    };
                    let at = term as usize;
                    if at >= counts.len() {
                        counts.resize(at + 1, (0, false));
                    }
                    let (count, in_title) = &mut counts[at];
                    if *count == 0 {
                        seen.push(term);
                    }
                    *count = count.saturating_add(weight);
                    *in_title |= weight == TITLE_WEIGHT;
                }
            }
            let mut len = 0u32;
            for &term in &seen {
                let (tf, in_title) = std::mem::take(&mut counts[term as usize]);
                len = len.saturating_add(tf);
                stems.postings[term as usize].push(Posting {
                    doc: id,
                    tf,
                    in_title,
                });
            }
            seen.clear();
            let section = match section_of.get(&label) {
                Some(&i) => i,
                None => {
                    let i = u32::try_from(sections.len()).unwrap_or(u32::MAX);
                    section_of.insert(label.clone(), i);
                    sections.push(label);
                    i
                }
            };
            entries.push(Entry {
                url: doc.url,
                title,
                section,
                text,
                len,
                price: doc.price,
            });
        }
        Index {
            lang: lang.clone(),
            sections,
            docs: entries,
            terms: stems.into_terms(),
        }
    }

    /// The language of the index.
    pub fn lang(&self) -> &Lang {
        &self.lang
    }

    /// How many documents the index holds.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// True if the index holds no document.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// How many distinct terms (stems) the index holds.
    pub fn term_count(&self) -> usize {
        self.terms.len()
    }

    /// The documents that match every word of `query`, best first, at most `limit`.
    ///
    /// A query word matches the documents with a word of the same stem; the last word,
    /// while it is being typed (no space after it) and has three letters or more, also
    /// matches the terms it begins (`гара` finds `гаранция`). Stop words are left out: a
    /// query of stop words only, or of none, finds nothing.
    ///
    /// Documents whose title holds every query word come first, then those that only
    /// mention them; within each, they rank by BM25 (a word in the title counts three
    /// times one in the text, a word of the section label once, a term the last word only
    /// begins half), a page as a whole half as much again as a clause of it. Ties keep the
    /// documents' order.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        self.search_counted(query, limit).0
    }

    /// [`search`](Index::search), with how many documents match in all (for "45 results",
    /// of which the first `limit` are shown).
    pub fn search_counted(&self, query: &str, limit: usize) -> (Vec<Hit>, usize) {
        let words = words(&self.lang, query);
        if words.is_empty() || self.docs.is_empty() {
            return (Vec::new(), 0);
        }
        let total_len: f64 = self.docs.iter().map(|d| f64::from(d.len)).sum();
        let avg_len = (total_len / self.docs.len() as f64).max(1.0);
        let mut total: Option<Vec<Option<(f64, bool)>>> = None;
        for word in &words {
            let scores = self.scores(word, avg_len);
            total = Some(match total {
                None => scores,
                Some(so_far) => so_far
                    .into_iter()
                    .zip(scores)
                    .map(|(a, b)| {
                        let ((a, a_title), (b, b_title)) = (a?, b?);
                        Some((a + b, a_title && b_title))
                    })
                    .collect(),
            });
        }
        let scores: Vec<Option<f64>> = total
            .unwrap_or_default()
            .into_iter()
            .zip(&self.docs)
            .map(|(score, entry)| {
                let (score, in_title) = score?;
                let page = if entry.url.contains('#') {
                    1.0
                } else {
                    PAGE_BOOST
                };
                let tier = if in_title { TITLE_TIER } else { 0.0 };
                Some(score * page + tier)
            })
            .collect();
        let found = scores.iter().flatten().count();
        let ranked = best(scores, limit);
        let hits = ranked
            .into_iter()
            .filter_map(|(doc, _)| self.hit(doc, &words))
            .collect();
        (hits, found)
    }

    /// Each document's score for one query word (BM25, documents of `avg_len` weighted
    /// words on average), and whether its title has the word; none where the word does
    /// not occur.
    fn scores(&self, word: &Word, avg_len: f64) -> Vec<Option<(f64, bool)>> {
        let n = self.docs.len() as f64;
        let mut scores: Vec<Option<(f64, bool)>> = vec![None; self.docs.len()];
        let exact = self.terms.get_key_value(&word.stem);
        let begun = word.prefix.iter().flat_map(|p| {
            self.terms
                .range::<str, _>((Bound::Included(p.as_str()), Bound::Unbounded))
                .take_while(move |(term, _)| term.starts_with(p.as_str()))
        });
        for (term, postings) in exact.into_iter().chain(begun) {
            let Some(exactly) = word.matches(term) else {
                continue;
            };
            let weight = if exactly { 1.0 } else { PREFIX_WEIGHT };
            let df = postings.len() as f64;
            let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln().max(0.0);
            for p in postings {
                let Some(len) = self.docs.get(p.doc as usize).map(|d| f64::from(d.len)) else {
                    continue;
                };
                let tf = f64::from(p.tf);
                let score =
                    weight * idf * tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * len / avg_len));
                if let Some(slot) = scores.get_mut(p.doc as usize) {
                    *slot = Some(match *slot {
                        None => (score, p.in_title),
                        Some((s, t)) => (s.max(score), t || p.in_title),
                    });
                }
            }
        }
        scores
    }

    /// The hit for document `doc`, with its matched words marked.
    fn hit(&self, doc: usize, words: &[Word]) -> Option<Hit> {
        let entry = self.docs.get(doc)?;
        let matched = |text: &str| -> Vec<Range<usize>> {
            terms(&self.lang, text)
                .filter(|t| words.iter().any(|w| w.matches(&t.stem).is_some()))
                .map(|t| t.range)
                .collect()
        };
        let (snippet, snippet_marks) = snippet(&entry.text, &matched(&entry.text));
        let title_marks = matched(&entry.title)
            .into_iter()
            .map(|r| (r.start, r.end))
            .collect();
        Some(Hit {
            url: entry.url.clone(),
            title: entry.title.clone(),
            section: self
                .sections
                .get(entry.section as usize)
                .cloned()
                .unwrap_or_default(),
            snippet,
            snippet_marks,
            title_marks,
            price: entry.price.clone(),
        })
    }
}

/// The `limit` best-scoring documents (their index and score), best first; documents
/// with no score are not found, and ties keep the documents' order. Each document goes
/// in after every one that scores as well: no sort of them all (and none in the app's
/// bundle for it).
fn best(scores: Vec<Option<f64>>, limit: usize) -> Vec<(usize, f64)> {
    let mut ranked: Vec<(usize, f64)> = Vec::with_capacity(limit.min(scores.len()) + 1);
    for (doc, score) in scores.into_iter().enumerate() {
        let Some(score) = score else { continue };
        let at = ranked.partition_point(|(_, s)| s.total_cmp(&score).is_ge());
        if at < limit {
            ranked.insert(at, (doc, score));
            ranked.truncate(limit);
        }
    }
    ranked
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::search::SNIPPET_CHARS;

    fn doc(url: &str, title: &str, section: &str, text: &str) -> Document {
        Document {
            url: url.into(),
            title: title.into(),
            section: section.into(),
            text: text.into(),
            ..Document::default()
        }
    }

    fn bg() -> Lang {
        Lang::new("bg").unwrap()
    }

    /// Clauses and items as the Bulgarian site has them.
    fn site() -> Index {
        let memo = "Гаранционно обслужване";
        let prices = "Ценоразпис";
        Index::build(
            &bg(),
            [
                doc(
                    "/bg/warranty/#term",
                    "Срок за обслужване",
                    memo,
                    "Срокът за гаранционно обслужване е 1 (един) месец за потребители по смисъла на ЗЗП.",
                ),
                doc(
                    "/bg/warranty/#data",
                    "Данни",
                    memo,
                    "Архивирайте данните си, преди да предадете лаптопа в сервиза: сервизът не отговаря за тях.",
                ),
                doc(
                    "/bg/prices/#display",
                    "Смяна на дисплей на лаптоп",
                    prices,
                    "Подмяна на дисплея, без цената на частта.",
                ),
                doc(
                    "/bg/prices/#diagnostics",
                    "Диагностика на лаптоп",
                    prices,
                    "Цялостна диагностика. При ремонт в сервиза диагностиката е безплатна.",
                ),
            ],
        )
    }

    fn urls(hits: &[Hit]) -> Vec<&str> {
        hits.iter().map(|h| h.url.as_str()).collect()
    }

    #[test]
    fn every_query_word_must_match_in_any_form() {
        let index = site();
        assert_eq!(
            urls(&index.search("гаранция срока", 10)),
            ["/bg/warranty/#term"]
        );
        assert_eq!(
            urls(&index.search("дисплеят на лаптопа ", 10)),
            ["/bg/prices/#display"]
        );
        assert!(index.search("дисплей гаранция ", 10).is_empty());
    }

    #[test]
    fn title_matches_rank_first_and_ties_keep_document_order() {
        let index = site();
        // Two items have `лаптоп` in the title, a clause only in its text.
        let hits = index.search("лаптоп ", 10);
        assert_eq!(hits.len(), 3);
        assert_eq!(hits[2].url, "/bg/warranty/#data");
        assert_eq!(hits[0].section, "Ценоразпис");
        assert_eq!(
            index.search("дисплей", 1)[0].title_parts(),
            [
                ("Смяна на ", false),
                ("дисплей", true),
                (" на лаптоп", false)
            ]
        );
        // The same words in the same lengths score the same: the documents' order decides.
        let twins = Index::build(
            &bg(),
            [
                doc("/a", "Ремонт", "", "Ремонт на лаптоп."),
                doc("/b", "Ремонт", "", "Ремонт на дисплей."),
                doc("/c", "Ремонт", "", "Ремонт на лаптоп."),
            ],
        );
        assert_eq!(urls(&twins.search("ремонт", 10)), ["/a", "/b", "/c"]);
        assert_eq!(urls(&twins.search("ремонт", 2)), ["/a", "/b"]);
    }

    #[test]
    fn titles_holding_every_word_come_before_mentions_and_pages_before_clauses() {
        let index = Index::build(
            &bg(),
            [
                // Says "гаранция" three times in a short text: BM25 alone would put it first.
                doc("/m#a", "Срок", "", "Гаранция, гаранция, гаранция."),
                doc("/m#b", "Гаранция и срок", "", "Дълъг текст за нещо друго."),
                doc(
                    "/m",
                    "Гаранция",
                    "",
                    "Страницата за гаранцията и нещо друго.",
                ),
            ],
        );
        assert_eq!(urls(&index.search("гаранция", 10)), ["/m", "/m#b", "/m#a"]);
        // Every word must be in the title for the title's tier.
        assert_eq!(urls(&index.search("гаранция срок", 10))[0], "/m#b");
    }

    #[test]
    fn a_count_of_all_matches_beside_the_first_ones() {
        let index = site();
        let (hits, total) = index.search_counted("лаптоп", 1);
        assert_eq!((hits.len(), total), (1, 3));
        let (all, total) = index.search_counted("лаптоп", usize::MAX);
        assert_eq!((all.len(), total), (3, 3));
        assert_eq!(index.search_counted("", 10), (Vec::new(), 0));
    }

    #[test]
    fn keywords_find_a_document_and_its_price_is_in_its_hit() {
        let index = Index::build(
            &Lang::new("en").unwrap(),
            [Document {
                url: "/p#data-backup".into(),
                title: "Saving data from a drive".into(),
                section: "Prices".into(),
                text: "Software services".into(),
                price: "from 15.34 €".into(),
                keywords: "data backup".into(),
            }],
        );
        let hits = index.search("backups", 10);
        assert_eq!(urls(&hits), ["/p#data-backup"]);
        assert_eq!(hits[0].price, "from 15.34 €");
        // Keywords are searched, not shown.
        assert!(!hits[0].snippet.contains("backup"));
    }

    #[test]
    fn the_last_word_being_typed_matches_as_a_beginning() {
        let index = site();
        assert_eq!(
            urls(&index.search("диагност", 10)),
            ["/bg/prices/#diagnostics"]
        );
        assert_eq!(urls(&index.search("сервиз дисп", 10)), Vec::<&str>::new());
        assert_eq!(
            urls(&index.search("лаптоп дисп", 10)),
            ["/bg/prices/#display"]
        );
        // A finished word (a space after it) matches whole words only.
        assert!(index.search("диагност ", 10).is_empty());
        // Two letters are too few to search as a beginning.
        assert!(index.search("ди", 10).is_empty());
        // Only the last word: `дисп` before another word is a whole word.
        assert!(index.search("дисп лаптоп", 10).is_empty());
    }

    #[test]
    fn exact_matches_rank_above_beginnings() {
        let index = Index::build(
            &bg(),
            [
                doc("/a", "Час", "", "Един час работа."),
                doc("/b", "Части", "", "Части по избор."),
            ],
        );
        assert_eq!(urls(&index.search("час", 10)), ["/a", "/b"]);
        assert_eq!(urls(&index.search("час ", 10)), ["/a"]);
        assert_eq!(urls(&index.search("част", 10)), ["/b"]);
    }

    #[test]
    fn empty_and_stop_word_queries_find_nothing() {
        let index = site();
        for query in ["", "   ", "и на за", "—!?", "е"] {
            assert!(index.search(query, 10).is_empty(), "{query:?}");
        }
        assert!(index.search("лаптоп", 0).is_empty());
        assert!(Index::build(&bg(), []).search("лаптоп", 10).is_empty());
    }

    #[test]
    fn snippets_mark_the_matched_words() {
        let index = site();
        let hits = index.search("сервиз данни", 10);
        assert_eq!(urls(&hits), ["/bg/warranty/#data"]);
        let marked: Vec<&str> = hits[0]
            .snippet_parts()
            .into_iter()
            .filter_map(|(text, matched)| matched.then_some(text))
            .collect();
        assert_eq!(marked, ["данните", "сервиза", "сервизът"]);
        assert_eq!(hits[0].snippet, index.docs[1].text);
    }

    #[test]
    fn a_section_label_can_narrow_a_query() {
        let index = site();
        assert_eq!(
            urls(&index.search("ценоразпис дисплей", 10)),
            ["/bg/prices/#display"]
        );
    }

    #[test]
    fn numbers_are_searchable() {
        let index = Index::build(
            &bg(),
            [doc(
                "/a",
                "Архивиране",
                "",
                "До 250 GB; над 3 TB по договаряне.",
            )],
        );
        assert_eq!(urls(&index.search("250 ", 10)), ["/a"]);
        assert_eq!(urls(&index.search("3 tb", 10)), ["/a"]);
    }

    #[test]
    fn the_json_is_compact_and_reads_back() {
        let index = site();
        let json = serde_json::to_value(&index).unwrap();
        assert_eq!(json["lang"], "bg");
        assert_eq!(
            json["sections"],
            serde_json::json!(["Гаранционно обслужване", "Ценоразпис"])
        );
        assert_eq!(json["docs"][2]["section"], 1);
        // A stem once, with its postings: document, weighted count, whether in the title.
        let posting =
            |doc, tf, in_title| serde_json::json!({"doc": doc, "tf": tf, "in_title": in_title});
        assert_eq!(
            json["terms"]["диспле"],
            serde_json::json!([posting(2, 4, true)])
        );
        assert_eq!(
            json["terms"]["гаранц"],
            serde_json::json!([posting(0, 2, false), posting(1, 1, false)])
        );
        let back: Index = serde_json::from_value(json).unwrap();
        assert_eq!(back, index);
        assert_eq!(back.search("лаптоп ", 10), index.search("лаптоп ", 10));
        assert!(
            serde_json::from_str::<Index>(
                r#"{"lang": "BG", "sections": [], "docs": [], "terms": {}}"#
            )
            .is_err()
        );
    }

    #[test]
    fn a_corrupt_index_does_not_panic() {
        let json = r#"{"lang": "bg", "sections": [], "docs": [{"url": "/a", "title": "Лаптоп", "section": 7, "text": "лаптоп", "len": 0, "price": ""}],
            "terms": {"лаптоп": [{"doc": 0, "tf": 0, "in_title": true}, {"doc": 9, "tf": 4, "in_title": false},
                {"doc": 0, "tf": 4294967295, "in_title": false}]}}"#;
        let index: Index = serde_json::from_str(json).unwrap();
        let hits = index.search("лаптоп", 10);
        assert_eq!(urls(&hits), ["/a"]);
        assert_eq!(hits[0].section, "");
    }

    #[test]
    fn parts_skip_bad_marks() {
        // Off a character boundary, backwards, overlapping, past the end: skipped.
        let marks = [(0, 1), (2, 4), (1, 3), (3, 4), (4, 9)];
        assert_eq!(
            parts("абв", &marks),
            [("а", false), ("б", true), ("в", false)]
        );
        assert_eq!(parts("абв", &[(0, 6)]), [("абв", true)]);
        assert!(parts("", &[]).is_empty());
    }

    fn text() -> impl Strategy<Value = String> {
        // Words, spaces and punctuation in the site's scripts, and any character at all.
        prop_oneof![
            "[а-яА-ЯёЁa-zA-Z0-9 ,.\u{301}\u{306}\u{308}-]{0,300}",
            any::<String>(),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn the_best_are_those_a_stable_sort_by_score_puts_first(
            scores in prop::collection::vec(prop::option::of(0u8..6), 0..40),
            limit in 0usize..12,
        ) {
            // Few distinct scores: ties are the rule, not the exception.
            let scores: Vec<Option<f64>> = scores.into_iter().map(|s| s.map(|s| f64::from(s) / 2.0)).collect();
            let mut sorted: Vec<(usize, f64)> = scores
                .iter()
                .enumerate()
                .filter_map(|(doc, s)| Some((doc, (*s)?)))
                .collect();
            sorted.sort_by(|a, b| b.1.total_cmp(&a.1));
            sorted.truncate(limit);
            prop_assert_eq!(best(scores, limit), sorted);
        }

        #[test]
        fn the_index_is_each_document_read_with_terms(
            docs in prop::collection::vec((text(), text(), text()), 0..8),
            tag in prop::sample::select(vec!["bg", "ru", "en", "de"]),
        ) {
            // What `build` computes with its word cache and term table, written plainly.
            let lang = Lang::new(tag).unwrap();
            let docs: Vec<Document> = docs
                .into_iter()
                .enumerate()
                .map(|(i, (title, section, text))| doc(&format!("/{i}"), &title, &section, &text))
                .collect();
            let mut terms_of: BTreeMap<String, Vec<Posting>> = BTreeMap::new();
            let mut sections: Vec<String> = Vec::new();
            let mut lens = Vec::new();
            for (id, d) in (0u32..).zip(&docs) {
                let fields = [
                    (collapse(&d.title), TITLE_WEIGHT),
                    (collapse(&d.text), 1),
                    (d.keywords.clone(), 1),
                    (collapse(&d.section), SECTION_WEIGHT),
                ];
                let mut counts: BTreeMap<String, (u32, bool)> = BTreeMap::new();
                for (field, weight) in &fields {
                    for t in terms(&lang, field) {
                        let (count, in_title) = counts.entry(t.stem).or_default();
                        *count += weight;
                        *in_title |= *weight == TITLE_WEIGHT;
                    }
                }
                lens.push(counts.values().map(|(c, _)| c).sum::<u32>());
                for (stem, (tf, in_title)) in counts {
                    terms_of.entry(stem).or_default().push(Posting { doc: id, tf, in_title });
                }
                if !sections.contains(&fields[3].0) {
                    sections.push(fields[3].0.clone());
                }
            }
            let index = Index::build(&lang, docs);
            prop_assert_eq!(&index.terms, &terms_of);
            prop_assert_eq!(&index.sections, &sections);
            prop_assert_eq!(index.docs.iter().map(|d| d.len).collect::<Vec<_>>(), lens);
        }

        #[test]
        fn no_query_or_document_makes_search_panic(
            docs in prop::collection::vec((text(), text(), text()), 0..6),
            query in text(),
            tag in prop::sample::select(vec!["bg", "ru", "en", "de"]),
        ) {
            let lang = Lang::new(tag).unwrap();
            let docs: Vec<Document> = docs
                .into_iter()
                .enumerate()
                .map(|(i, (title, section, text))| doc(&format!("/{i}"), &title, &section, &text))
                .collect();
            let index = Index::build(&lang, docs.clone());
            // Querying with a document's own words, the last one being typed.
            let own = docs.first().map(|d| d.text.chars().take(40).collect::<String>()).unwrap_or_default();
            for query in [query.as_str(), own.as_str()] {
                let hits = index.search(query, 5);
                prop_assert!(hits.len() <= 5);
                for hit in &hits {
                    for (text, marks) in [(&hit.snippet, &hit.snippet_marks), (&hit.title, &hit.title_marks)] {
                        let mut at = 0;
                        for &(a, b) in marks {
                            prop_assert!(at <= a && a < b && b <= text.len(), "{marks:?} in {text:?}");
                            prop_assert!(text.is_char_boundary(a) && text.is_char_boundary(b));
                            at = b;
                        }
                    }
                    let rebuilt: String = hit.snippet_parts().into_iter().map(|(t, _)| t).collect();
                    prop_assert_eq!(&rebuilt, &hit.snippet);
                    prop_assert!(hit.snippet.chars().count() <= SNIPPET_CHARS + 2);
                }
            }
            // The index reads back from its JSON and answers the same.
            let back: Index = serde_json::from_str(&serde_json::to_string(&index).unwrap()).unwrap();
            prop_assert_eq!(back.search(&query, 5), index.search(&query, 5));
        }
    }
}
