//! The index of a site in one language, in parts, and queries against it.
//!
//! An index is a small **manifest** (the language, the count and length of its documents,
//! where each part begins) and its **parts**: the terms (stems, in order) cut into parts
//! of about [`TERM_PART_BYTES`], each with a part of **lengths** beside it, and the
//! documents (in reading order) cut into parts of about [`DOC_PART_BYTES`] of text. A
//! query needs the parts that hold its words' terms, the lengths only when its first
//! results are not all documents whose titles hold every word (see [`LenPart`]), then
//! the parts that hold the documents it shows; nothing else. A small site's search
//! page carries every part ([`Index::build`] makes them all loaded); a large one's
//! carries the manifest alone ([`Index::split`]), and the app loads the parts a query
//! names in [`Index::missing`] from files beside the page ([`Index::file`]), adding each
//! with [`Index::load`]. The answer does not depend on how the index was cut: the same
//! documents, scores and ties as one whole index.

use crate::pack::{self, Pack, Reader, Writer, first_byte};
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;
use std::ops::Range;

use super::snippet::snippet;
use super::stem::{Term, is_stop_word, stem, terms};
use super::token::{normalise_into, word_ranges};
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

/// About how many bytes a part of the terms holds in its packed form (a term and its
/// postings are never cut: a term with more postings is a part of its own). Measured on
/// the neutral 10,000-page corpus (`bench/RESULTS.md`): a query's terms cost a few parts
/// of this size, and the manifest lists one term per part.
pub const TERM_PART_BYTES: usize = 12 * 1024;
/// About how many bytes of text (address, title, text, price) a part of the documents
/// holds: the documents a query shows are in a few such parts.
pub const DOC_PART_BYTES: usize = 6 * 1024;

/// How many results a search shows at first (the app's "Show more results" adds as many
/// again): the first results' documents are the parts a query loads last, about 2 KB
/// brotli each on a large site, and documents whose title holds every word rank first,
/// so fewer shown also needs the lengths of the others less often.
pub const RESULTS_SHOWN: usize = 10;

/// A searchable piece of a site: a clause of a memo (a heading and its paragraphs), a
/// price item (with the clause that describes it, if one does), a wizard.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
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

/// A document as a part of the documents keeps it: what its result shows.
#[derive(Debug, Clone, PartialEq, Pack)]
struct Entry {
    url: String,
    title: String,
    /// Its section's label.
    section: String,
    /// Its text, spaces collapsed, for snippets.
    text: String,
    /// An item's price, shown in its result.
    price: String,
}

impl Entry {
    /// Its bytes of text as a part of the documents counts them (address, title, text,
    /// price; its section label is shared by its neighbours).
    fn bytes(&self) -> usize {
        self.url.len() + self.title.len() + self.text.len() + self.price.len()
    }
}

/// About how many bytes a term with `postings` postings takes packed: the term, and a few
/// bytes per posting.
fn term_bytes(term: &str, postings: usize) -> usize {
    term.len() + 4 * postings
}

/// A term's occurrence in a document: the document's number, the weighted count of the
/// term in it, whether the term is in its title, and what the document's score needs
/// besides (its length in weighted words, whether it is a page as a whole), so a query
/// scores its documents before it loads them. The length is in the posting only where the
/// title has the term; elsewhere it is 0, and the term's part of lengths has it.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Posting {
    doc: u32,
    tf: u32,
    in_title: bool,
    len: u32,
    page: bool,
}

/// A term's postings, in the order of their documents. Packed small, as most of a large
/// index is postings, and by column, which compresses better: each document as its
/// distance from the one before, then each count with the two flags in its lowest bits,
/// then the length of each document whose title has the term.
#[derive(Debug, Clone, Default, PartialEq)]
struct Postings(Vec<Posting>);

/// Numbers in ascending order, packed as the gaps between them (the first from 0).
fn pack_gaps(numbers: impl Iterator<Item = u32>, w: &mut Writer) {
    let mut last = 0;
    for n in numbers {
        n.wrapping_sub(last).pack(w);
        last = n;
    }
}

/// `n` numbers packed by [`pack_gaps`].
fn unpack_gaps(n: usize, r: &mut Reader<'_>) -> impl Iterator<Item = u32> {
    let mut at = 0u32;
    (0..n).map(move |_| {
        at = at.saturating_add(u32::unpack(r));
        at
    })
}

/// The first document of each part of the documents, packed as gaps: the largest field
/// of a large index's manifest, whose gaps are a few documents each.
#[derive(Debug, Clone, Default, PartialEq)]
struct Firsts(Vec<u32>);

impl Pack for Firsts {
    fn pack(&self, w: &mut Writer) {
        self.0.len().pack(w);
        pack_gaps(self.0.iter().copied(), w);
    }

    fn unpack(r: &mut Reader<'_>) -> Self {
        let n = r.len();
        Firsts(unpack_gaps(n, r).collect())
    }
}

impl Pack for Postings {
    fn pack(&self, w: &mut Writer) {
        self.0.len().pack(w);
        pack_gaps(self.0.iter().map(|p| p.doc), w);
        for p in &self.0 {
            (u64::from(p.tf) << 2 | u64::from(p.in_title) << 1 | u64::from(p.page)).pack(w);
        }
        for p in self.0.iter().filter(|p| p.in_title) {
            p.len.pack(w);
        }
    }

    fn unpack(r: &mut Reader<'_>) -> Self {
        // A count no longer than the bytes left (else the reader stops and gives 0).
        let n = r.len();
        let mut out: Vec<Posting> = unpack_gaps(n, r)
            .map(|doc| Posting {
                doc,
                tf: 0,
                in_title: false,
                len: 0,
                page: false,
            })
            .collect();
        for p in &mut out {
            let flags = u64::unpack(r);
            p.tf = u32::try_from(flags >> 2).unwrap_or(u32::MAX);
            p.in_title = flags & 2 != 0;
            p.page = flags & 1 != 0;
        }
        for p in out.iter_mut().filter(|p| p.in_title) {
            p.len = u32::unpack(r);
        }
        Postings(out)
    }
}

/// A part of the terms: each term (a stem) of its range with its postings, in order.
type TermPart = Vec<(String, Postings)>;

/// The lengths a part of the terms leaves out of its postings: for each of its terms, the
/// length of each document whose title does not have the term, in the postings' order.
///
/// A length is 60 % of a large index's postings packed (every document's length is
/// different, and repeated in the postings of each of its terms), and a query seldom
/// needs them: documents whose title holds every word rank before all others and carry
/// their length in those postings, and the same document's length holds for its other
/// postings. So a query needs the lengths only when fewer of those documents than the
/// results shown match, and loads them only then; its results are the same.
type LenPart = Vec<Vec<u32>>;

/// A part of the documents: consecutive documents, from the one its number in
/// [`Index::doc_parts`] gives.
type DocPart = Vec<Entry>;

/// The full-text index of a site's documents in one language (see the module's
/// documentation for its parts).
///
/// The generator packs it (`pack`) into the search page and the WASM app reads it back.
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
#[derive(Debug, Clone, PartialEq, Pack)]
pub struct Index {
    lang: Lang,
    /// How many documents the index holds, and their lengths in weighted words in all.
    docs: u32,
    words: u64,
    /// The first term of each part of the terms: a term is in the last part whose first
    /// term is not after it.
    term_parts: Vec<String>,
    /// The number of the first document of each part of the documents.
    doc_parts: Firsts,
    /// The folder of the parts' files, from the page ("" while every part is loaded).
    folder: String,
    /// The parts, by their position in `term_parts` and `doc_parts`: those loaded. A part
    /// of the terms has its part of lengths at the same position.
    terms: Vec<Option<TermPart>>,
    lens: Vec<Option<LenPart>>,
    texts: Vec<Option<DocPart>>,
}

/// What a query finds ([`Index::find`]): the first hits among the parts loaded, how
/// many documents match in all, and the parts it needs that are not loaded, by name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub hits: Vec<Hit>,
    pub total: usize,
    pub missing: Vec<String>,
}

/// A document a query found.
#[derive(Debug, Clone, PartialEq, Eq)]
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

/// Spaces collapsed: runs of whitespace as one space, none at the ends (the words of
/// [`str::split_whitespace`] joined by spaces). A text whose only whitespace is the ASCII
/// space (most of a site's) is compacted in runs between double spaces, found as a
/// string search does: a large site's index spent a tenth of its time here a word at a
/// time.
fn collapse(text: String) -> String {
    if other_whitespace(&text) {
        let mut out = String::with_capacity(text.len());
        for word in text.split_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
        }
        return out;
    }
    let trimmed = text.trim_matches(' ');
    let Some(mut at) = double_space(trimmed.as_bytes()) else {
        return if trimmed.len() == text.len() {
            text
        } else {
            trimmed.to_owned()
        };
    };
    let mut out = String::with_capacity(trimmed.len());
    let mut rest = trimmed;
    loop {
        out.push_str(&rest[..=at]);
        rest = rest[at..].trim_start_matches(' ');
        match double_space(rest.as_bytes()) {
            Some(next) => at = next,
            None => break,
        }
    }
    out.push_str(rest);
    out
}

/// Where `text` first has two spaces in a row. Each block of bytes is looked at whole (a
/// loop the compiler runs on vectors; `str::find` set up a two-way search for each of the
/// texts' many double spaces, a tag's end and the next one's start).
fn double_space(text: &[u8]) -> Option<usize> {
    const BLOCK: usize = 64;
    let mut from = 0;
    while from + 1 < text.len() {
        let to = (from + BLOCK).min(text.len() - 1);
        let pairs = text[from..to].iter().zip(&text[from + 1..=to]);
        if pairs.fold(false, |seen, (&a, &b)| seen | (a == b' ' && b == b' ')) {
            return (from..to).find(|&i| text[i] == b' ' && text[i + 1] == b' ');
        }
        from = to;
    }
    None
}

/// Whether `text` has whitespace other than the ASCII space. Such a character is ASCII or
/// begins with one of the bytes 0xC2, 0xE1–0xE3 (U+0085, U+00A0, U+1680, U+2000–U+205F,
/// U+3000): those bytes are found a block at a time ([`first_byte`]), and only there is a
/// character decoded (`—` and `€` begin with 0xE2 too).
fn other_whitespace(text: &str) -> bool {
    let may_begin = |b: u8| matches!(b, b'\t'..=b'\r' | 0xC2 | 0xE1..=0xE3);
    let mut from = 0;
    while let Some(at) = first_byte(&text.as_bytes()[from..], may_begin) {
        // Each such byte begins a character: none is a continuation byte.
        let at = from + at;
        if text[at..].chars().next().is_some_and(char::is_whitespace) {
            return true;
        }
        from = at + 1;
    }
    false
}

/// The terms of an index being built, each numbered, with its postings. A word is
/// normalised and stemmed once however often it occurs, in whichever case ([`terms`] per
/// occurrence was most of a large site's build): the index is the same as reading each
/// document with [`terms`].
#[derive(Default)]
struct Stems {
    /// A word as a text has it (before it is normalised) → its term, or `None` for a stop
    /// word or one that normalises to nothing: most words by their bytes
    /// ([`ShortWord`]), the longer ones by a string of their own.
    words: FxHashMap<ShortWord, Option<u32>>,
    long_words: FxHashMap<Box<str>, Option<u32>>,
    /// A stem → its term.
    numbers: FxHashMap<String, u32>,
    /// By term: the stem, and the documents it occurs in with its weighted count.
    stems: Vec<String>,
    postings: Vec<Vec<Posting>>,
    /// The word being normalised.
    normal: String,
}

/// A word of up to [`ShortWord::MAX`] bytes as a key of its own: its bytes, zeros after
/// them, and its length in the last byte. Looking a word up compares three numbers in the
/// table itself, where a string key sent each lookup to the string's own memory and
/// `memcmp` (a large site's texts have tens of thousands of spellings, its serial
/// numbers one each: building a language's index of the 10,000-page corpus took 203 ms
/// with string keys, 186 ms with these).
#[derive(Clone, Copy, PartialEq, Eq)]
struct ShortWord([u64; 3]);

impl ShortWord {
    const MAX: usize = 23;

    /// The key of the word at `range` of `text`, if it is short enough.
    fn at(text: &[u8], range: Range<usize>) -> Option<ShortWord> {
        let len = range.len();
        if len > Self::MAX {
            return None;
        }
        let mut words = [0u64; 3];
        // Where the text goes on for the key's 24 bytes, they are read whole and the bytes
        // after the word masked off; near its end, the word is copied.
        if let Some(bytes) = text.get(range.start..range.start + 24) {
            for (i, (word, chunk)) in words.iter_mut().zip(bytes.chunks_exact(8)).enumerate() {
                let kept = len.saturating_sub(8 * i).min(8);
                let mask = u64::MAX.checked_shr(64 - 8 * kept as u32).unwrap_or(0);
                let mut eight = [0u8; 8];
                eight.copy_from_slice(chunk);
                *word = u64::from_le_bytes(eight) & mask;
            }
        } else {
            let mut buf = [0u8; 24];
            buf[..len].copy_from_slice(text.get(range)?);
            for (word, chunk) in words.iter_mut().zip(buf.chunks_exact(8)) {
                let mut eight = [0u8; 8];
                eight.copy_from_slice(chunk);
                *word = u64::from_le_bytes(eight);
            }
        }
        words[2] |= (len as u64) << 56;
        Some(ShortWord(words))
    }
}

impl std::hash::Hash for ShortWord {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        for word in self.0 {
            state.write_u64(word);
        }
    }
}

impl Stems {
    /// The term of the word at `range` of `text`, as the text has it.
    fn term(&mut self, lang: &Lang, text: &str, range: Range<usize>) -> Option<u32> {
        let word = text.get(range.clone()).unwrap_or_default();
        let key = ShortWord::at(text.as_bytes(), range);
        let known = match &key {
            Some(key) => self.words.get(key),
            None => self.long_words.get(word),
        };
        if let Some(&term) = known {
            return term;
        }
        normalise_into(word, &mut self.normal);
        let normal = self.normal.as_str();
        let term = (!normal.is_empty() && !is_stop_word(lang, normal)).then(|| {
            let stem = stem(lang, normal);
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
        match key {
            Some(key) => self.words.insert(key, term),
            None => self.long_words.insert(word.into(), term),
        };
        term
    }

    /// The terms in order, cut into parts of about [`TERM_PART_BYTES`]: each part's first
    /// term, the parts, and their parts of lengths (the lengths taken out of the postings
    /// whose document's title does not have the term).
    fn into_parts(self) -> (Vec<String>, Vec<TermPart>, Vec<LenPart>) {
        let terms: BTreeMap<String, Vec<Posting>> =
            self.stems.into_iter().zip(self.postings).collect();
        let mut firsts = Vec::new();
        let mut parts: Vec<TermPart> = Vec::new();
        let mut lens: Vec<LenPart> = Vec::new();
        let mut size = TERM_PART_BYTES;
        for (term, mut postings) in terms {
            if size >= TERM_PART_BYTES {
                firsts.push(term.clone());
                parts.push(TermPart::new());
                lens.push(LenPart::new());
                size = 0;
            }
            size += term_bytes(&term, postings.len());
            let taken = postings
                .iter_mut()
                .filter(|p| !p.in_title)
                .map(|p| std::mem::take(&mut p.len))
                .collect();
            if let (Some(part), Some(lens)) = (parts.last_mut(), lens.last_mut()) {
                part.push((term, Postings(postings)));
                lens.push(taken);
            }
        }
        (firsts, parts, lens)
    }
}

/// Documents in reading order cut into parts of about [`DOC_PART_BYTES`] of text: each
/// part's first document, and the parts.
fn doc_parts(entries: Vec<Entry>) -> (Vec<u32>, Vec<DocPart>) {
    let mut firsts = Vec::new();
    let mut parts: Vec<DocPart> = Vec::new();
    let mut size = DOC_PART_BYTES;
    for (n, entry) in (0u32..).zip(entries) {
        if size >= DOC_PART_BYTES {
            firsts.push(n);
            parts.push(DocPart::new());
            size = 0;
        }
        size += entry.bytes();
        if let Some(part) = parts.last_mut() {
            part.push(entry);
        }
    }
    (firsts, parts)
}

/// What a query found: the documents shown (their numbers and scores, best first), how
/// many match in all, and whether the order of those shown needs lengths not loaded.
type Ranked = (Vec<(u32, f64)>, usize, bool);

impl Index {
    /// The index of `docs`, a site's documents in `lang`, every part loaded. Documents
    /// keep their order: results that score the same come in it.
    pub fn build(lang: &Lang, docs: impl IntoIterator<Item = Document>) -> Index {
        let mut entries = Vec::new();
        let mut stems = Stems::default();
        // The weighted count of each term in the document being read, and the terms it
        // has (to clear them for the next one): a dense table rather than a map per
        // document, which a 10,000-page site paid for in string comparisons.
        // With each count, whether the title has the term.
        let mut counts: Vec<(u32, bool)> = Vec::new();
        let mut seen: Vec<u32> = Vec::new();
        let mut words = 0u64;
        // Positions are u32 (the pack stays small); no site has four billion documents.
        for (id, doc) in (0..u32::MAX).zip(docs) {
            let title = collapse(doc.title);
            let text = collapse(doc.text);
            let label = collapse(doc.section);
            let fields = [
                (&title, TITLE_WEIGHT),
                (&text, 1),
                (&doc.keywords, 1),
                (&label, SECTION_WEIGHT),
            ];
            for (field, weight) in fields {
                for range in word_ranges(field) {
                    let Some(term) = stems.term(lang, field, range) else {
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
            let len = seen
                .iter()
                .fold(0u32, |len, &t| len.saturating_add(counts[t as usize].0));
            let page = !doc.url.contains('#');
            for &term in &seen {
                let (tf, in_title) = std::mem::take(&mut counts[term as usize]);
                stems.postings[term as usize].push(Posting {
                    doc: id,
                    tf,
                    in_title,
                    len,
                    page,
                });
            }
            seen.clear();
            words += u64::from(len);
            entries.push(Entry {
                url: doc.url,
                title,
                section: label,
                text,
                price: doc.price,
            });
        }
        let docs = u32::try_from(entries.len()).unwrap_or(u32::MAX);
        let (term_parts, terms, lens) = stems.into_parts();
        let (doc_parts, texts) = doc_parts(entries);
        Index {
            lang: lang.clone(),
            docs,
            words,
            term_parts,
            doc_parts: Firsts(doc_parts),
            folder: String::new(),
            terms: terms.into_iter().map(Some).collect(),
            lens: lens.into_iter().map(Some).collect(),
            texts: texts.into_iter().map(Some).collect(),
        }
    }

    /// Takes every part out of the index, leaving its manifest: each part as `(name,
    /// packed text)`, to be written where [`Index::file`] says (once the folder is set by
    /// [`Index::set_folder`]) and read back by [`Index::load`].
    pub fn split(&mut self) -> Vec<(String, String)> {
        self.take_parts()
            .into_iter()
            .map(|part| (part.name.clone(), part.pack()))
            .collect()
    }

    /// [`Index::split`]'s parts, not yet packed: a generator packs and writes each on
    /// whichever core is free, and none needs the others' packed texts held meanwhile.
    pub fn take_parts(&mut self) -> Vec<Part> {
        let mut parts = taken('t', &mut self.terms, Content::Terms);
        parts.extend(taken('l', &mut self.lens, Content::Lens));
        parts.extend(taken('d', &mut self.texts, Content::Texts));
        parts
    }

    /// Sets the folder of the parts' files, from the page that carries the index (ending
    /// in `/`).
    pub fn set_folder(&mut self, folder: &str) {
        self.folder = folder.to_owned();
    }

    /// The address of part `name`'s file, from the page.
    pub fn file(&self, name: &str) -> String {
        format!("{}{name}.js", self.folder)
    }

    /// Adds part `name`, read from its packed text; a name the index has no part of is
    /// refused like a corrupt text.
    pub fn load(&mut self, name: &str, text: &str) -> Result<(), pack::Error> {
        let number = |prefix: char| name.strip_prefix(prefix)?.parse::<usize>().ok();
        if let Some(slot) = number('t').and_then(|n| self.terms.get_mut(n)) {
            *slot = Some(pack::from_text(text)?);
        } else if let Some(slot) = number('l').and_then(|n| self.lens.get_mut(n)) {
            *slot = Some(pack::from_text(text)?);
        } else if let Some(slot) = number('d').and_then(|n| self.texts.get_mut(n)) {
            *slot = Some(pack::from_text(text)?);
        } else {
            return Err(pack::Error {
                at: 0,
                problem: pack::Problem::Invalid("a part of the search index"),
            });
        }
        Ok(())
    }

    /// The parts `query` needs that are not loaded, by name: first those of its words'
    /// terms; once they are loaded, their lengths if the order of the first `limit`
    /// documents needs them; then the parts of those documents.
    pub fn missing(&self, query: &str, limit: usize) -> Vec<String> {
        self.find(query, limit).missing
    }

    /// What `query` finds in the parts loaded ([`Index::search_counted`]), and the parts
    /// it needs that are not ([`Index::missing`]), from one ranking of the documents: what
    /// the app asks on each keystroke.
    pub fn find(&self, query: &str, limit: usize) -> Found {
        let words = words(&self.lang, query);
        let parts: Vec<usize> = words.iter().flat_map(|w| self.term_parts_of(w)).collect();
        let mut missing = Vec::new();
        ask('t', &self.terms, parts.iter().copied(), &mut missing);
        let (ranked, total, needs_lens) = self.rank(&words, limit);
        if missing.is_empty() && needs_lens {
            ask('l', &self.lens, parts.iter().copied(), &mut missing);
        }
        if missing.is_empty() {
            let docs = ranked.iter().map(|&(doc, _)| self.doc_part(doc));
            ask('d', &self.texts, docs, &mut missing);
        }
        let hits = ranked
            .into_iter()
            .filter_map(|(doc, _)| self.hit(doc, &words))
            .collect();
        Found {
            hits,
            total,
            missing,
        }
    }

    /// The parts of the terms a word matches: the one that would hold its stem, and for
    /// a word being typed, the ones that hold the terms it begins.
    fn term_parts_of(&self, word: &Word) -> Vec<usize> {
        let mut parts = vec![self.term_part(&word.stem)];
        if let Some(p) = &word.prefix {
            let from = self.term_part(p);
            let more = self.term_parts[(from + 1).min(self.term_parts.len())..]
                .iter()
                .take_while(|first| first.starts_with(p.as_str()))
                .count();
            parts.extend(from..=from + more);
        }
        parts
    }

    /// The part of the terms that would hold `term`.
    fn term_part(&self, term: &str) -> usize {
        self.term_parts
            .partition_point(|first| first.as_str() <= term)
            .saturating_sub(1)
    }

    /// The part of the documents that holds document `doc`.
    fn doc_part(&self, doc: u32) -> usize {
        self.doc_parts
            .0
            .partition_point(|&first| first <= doc)
            .saturating_sub(1)
    }

    /// The language of the index.
    pub fn lang(&self) -> &Lang {
        &self.lang
    }

    /// How many documents the index holds.
    pub fn len(&self) -> usize {
        self.docs as usize
    }

    /// True if the index holds no document.
    pub fn is_empty(&self) -> bool {
        self.docs == 0
    }

    /// How many parts the index is cut into: of its terms, of its documents.
    pub fn part_count(&self) -> (usize, usize) {
        (self.term_parts.len(), self.doc_parts.0.len())
    }

    /// About how many bytes the index takes packed with every part (what a search page
    /// carrying it whole holds).
    pub fn size(&self) -> usize {
        let terms: usize = self
            .terms
            .iter()
            .flatten()
            .flatten()
            .map(|(t, p)| term_bytes(t, p.0.len()))
            .sum();
        let lens: usize = self.lens.iter().flatten().flatten().map(Vec::len).sum();
        let texts: usize = self
            .texts
            .iter()
            .flatten()
            .flatten()
            .map(|e| e.bytes() + e.section.len())
            .sum();
        terms + lens + texts
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
    ///
    /// Only loaded parts are searched: a word whose terms' part is not loaded matches
    /// nothing, and a document whose part is not loaded is not shown
    /// ([`Index::missing`] says what to load first).
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        self.search_counted(query, limit).0
    }

    /// [`search`](Index::search), with how many documents match in all (for "45 results",
    /// of which the first `limit` are shown).
    pub fn search_counted(&self, query: &str, limit: usize) -> (Vec<Hit>, usize) {
        let Found { hits, total, .. } = self.find(query, limit);
        (hits, total)
    }

    /// The first `limit` documents matching every word, with their scores, and the count
    /// of all that match.
    fn rank(&self, words: &[Word], limit: usize) -> Ranked {
        if words.is_empty() || self.docs == 0 {
            return (Vec::new(), 0, false);
        }
        let avg_len = (self.words as f64 / f64::from(self.docs)).max(1.0);
        let lens = self.lengths(words);
        let mut total: Option<Vec<Option<Score>>> = None;
        for word in words {
            let scores = self.scores(word, avg_len, &lens);
            total = Some(match total {
                None => scores,
                Some(so_far) => so_far
                    .into_iter()
                    .zip(scores)
                    .map(|(a, b)| {
                        let (a, b) = (a?, b?);
                        Some(Score {
                            score: a.score + b.score,
                            in_title: a.in_title && b.in_title,
                            page: a.page,
                            exact: a.exact && b.exact,
                        })
                    })
                    .collect(),
            });
        }
        let total = total.unwrap_or_default();
        let found = total.iter().flatten().count();
        // Documents whose title holds every word come first, and know their lengths:
        // the others' lengths matter only if fewer of them than `limit` match.
        let titled = total.iter().flatten().filter(|s| s.in_title).count();
        let needs_lens = titled < limit && total.iter().flatten().any(|s| !s.exact);
        let scored = (0u32..).zip(total).filter_map(|(doc, s)| {
            let s = s?;
            let page = if s.page { PAGE_BOOST } else { 1.0 };
            let tier = if s.in_title { TITLE_TIER } else { 0.0 };
            Some((doc, s.score * page + tier))
        });
        (best(scored, limit), found, needs_lens)
    }

    /// The terms a word matches, in order, among the parts loaded: each with its weight
    /// (1 for the word's stem, [`PREFIX_WEIGHT`] for a term it begins), its postings and
    /// the lengths its postings leave out (if their part is loaded).
    fn matched<'a>(
        &'a self,
        word: &'a Word,
    ) -> impl Iterator<Item = (f64, &'a Postings, Option<&'a Vec<u32>>)> + 'a {
        let mut parts = self.term_parts_of(word);
        parts.dedup();
        parts.into_iter().flat_map(move |n| {
            let lens = self.lens.get(n).and_then(Option::as_ref);
            let terms = self.terms.get(n).and_then(Option::as_ref);
            (0..)
                .zip(terms.into_iter().flatten())
                .filter_map(move |(i, (term, postings))| {
                    let exactly = word.matches(term)?;
                    let weight = if exactly { 1.0 } else { PREFIX_WEIGHT };
                    Some((weight, postings, lens.and_then(|l| l.get(i))))
                })
        })
    }

    /// The length of each document the words match, where a posting loaded tells it (the
    /// postings of a document whose title has the term, and those whose part of lengths
    /// is loaded); 0 where none does.
    fn lengths(&self, words: &[Word]) -> Vec<u32> {
        let mut lens = vec![0u32; self.docs as usize];
        for word in words {
            for (_, postings, left_out) in self.matched(word) {
                let mut left_out = left_out.into_iter().flatten();
                for p in &postings.0 {
                    let len = if p.in_title {
                        p.len
                    } else {
                        left_out.next().copied().unwrap_or(0)
                    };
                    if let Some(slot) = lens.get_mut(p.doc as usize).filter(|_| len > 0) {
                        *slot = len;
                    }
                }
            }
        }
        lens
    }

    /// Each document's score for one query word (BM25, documents of `avg_len` weighted
    /// words on average, of the lengths `lens` where known: `avg_len` stands in for the
    /// others, and their score is not exact), and whether its title has the word; none
    /// where the word does not occur.
    fn scores(&self, word: &Word, avg_len: f64, lens: &[u32]) -> Vec<Option<Score>> {
        let n = f64::from(self.docs);
        let mut scores: Vec<Option<Score>> = vec![None; self.docs as usize];
        for (weight, postings, _) in self.matched(word) {
            let df = postings.0.len() as f64;
            let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln().max(0.0);
            for p in &postings.0 {
                let known = lens.get(p.doc as usize).copied().unwrap_or(0);
                let (tf, len) = (f64::from(p.tf), f64::from(known));
                let len = if known > 0 { len } else { avg_len };
                let score =
                    weight * idf * tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * len / avg_len));
                if let Some(slot) = scores.get_mut(p.doc as usize) {
                    *slot = Some(match *slot {
                        None => Score {
                            score,
                            in_title: p.in_title,
                            page: p.page,
                            exact: known > 0,
                        },
                        Some(s) => Score {
                            score: s.score.max(score),
                            in_title: s.in_title || p.in_title,
                            page: s.page,
                            exact: s.exact && known > 0,
                        },
                    });
                }
            }
        }
        scores
    }

    /// The hit for document `doc`, with its matched words marked (none if its part is not
    /// loaded).
    fn hit(&self, doc: u32, words: &[Word]) -> Option<Hit> {
        let part = self.doc_part(doc);
        let first = *self.doc_parts.0.get(part)?;
        let entry = self
            .texts
            .get(part)?
            .as_ref()?
            .get((doc - first) as usize)?;
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
            section: entry.section.clone(),
            snippet,
            snippet_marks,
            title_marks,
            price: entry.price.clone(),
        })
    }
}

/// A part of an index taken out of it ([`Index::take_parts`]), to be packed.
#[derive(Debug)]
pub struct Part {
    /// Its kind and number (`t0`): [`Index::load`] takes it back by this name.
    pub name: String,
    content: Content,
}

#[derive(Debug)]
enum Content {
    Terms(TermPart),
    Lens(LenPart),
    Texts(DocPart),
}

impl Part {
    /// The part as text, as [`Index::split`] gives it.
    pub fn pack(&self) -> String {
        match &self.content {
            Content::Terms(part) => pack::to_text(part),
            Content::Lens(part) => pack::to_text(part),
            Content::Texts(part) => pack::to_text(part),
        }
    }
}

/// Every part of `parts` taken out, each named by `kind` and its number (`t0`): what
/// [`Index::take_parts`] gives of one kind.
fn taken<T>(kind: char, parts: &mut [Option<T>], content: fn(T) -> Content) -> Vec<Part> {
    let taken = parts.iter_mut().enumerate();
    taken
        .filter_map(|(n, part)| {
            Some(Part {
                name: format!("{kind}{n}"),
                content: content(part.take()?),
            })
        })
        .collect()
}

/// Adds to `missing` the name of each part of `parts` numbered in `numbers` that is not
/// loaded, each once: what [`Index::find`] asks for of one kind.
fn ask<T>(
    kind: char,
    parts: &[Option<T>],
    numbers: impl IntoIterator<Item = usize>,
    missing: &mut Vec<String>,
) {
    for n in numbers {
        let name = format!("{kind}{n}");
        if matches!(parts.get(n), Some(None)) && !missing.contains(&name) {
            missing.push(name);
        }
    }
}

/// A document's score for the query words so far: its BM25 sum, whether its title holds
/// every word, whether it is a page as a whole, whether its length was known (else the
/// sum is an estimate).
#[derive(Debug, Clone, Copy)]
struct Score {
    score: f64,
    in_title: bool,
    page: bool,
    exact: bool,
}

/// The `limit` best-scoring documents (their number and score), best first, of
/// `scores` given in the documents' order; ties keep that order. Each document goes in
/// after every one that scores as well: no sort of them all (and none in the app's
/// bundle for it).
fn best(scores: impl IntoIterator<Item = (u32, f64)>, limit: usize) -> Vec<(u32, f64)> {
    let mut ranked: Vec<(u32, f64)> = Vec::new();
    for (doc, score) in scores {
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
        assert_eq!(hits[0].snippet, whole(&index).1[1].text);
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

    /// Every term's postings (each with its document's length, from its part of lengths
    /// where it leaves it out) and every document, whichever part holds them.
    fn whole(index: &Index) -> (BTreeMap<String, Vec<Posting>>, Vec<Entry>) {
        let mut terms = BTreeMap::new();
        for (part, lens) in index.terms.iter().zip(&index.lens) {
            let (Some(part), Some(lens)) = (part, lens) else {
                continue;
            };
            for ((term, postings), lens) in part.iter().zip(lens) {
                let mut lens = lens.iter();
                let mut postings = postings.0.clone();
                for p in postings.iter_mut().filter(|p| !p.in_title) {
                    p.len = *lens.next().unwrap();
                }
                assert!(lens.next().is_none(), "{term}: lengths left over");
                terms.insert(term.clone(), postings);
            }
        }
        let docs = index.texts.iter().flatten().flatten().cloned().collect();
        (terms, docs)
    }

    #[test]
    fn the_packed_index_reads_back_and_answers_the_same() {
        let index = site();
        let text = pack::to_text(&index);
        let back: Index = pack::from_text(&text).unwrap();
        assert_eq!(back, index);
        assert_eq!(back.search("лаптоп ", 10), index.search("лаптоп ", 10));
        // A stem once, with its postings: document, weighted count, whether in the title,
        // the document's length, whether it is a page.
        let (terms, docs) = whole(&index);
        assert_eq!(
            terms["диспле"],
            [Posting {
                doc: 2,
                tf: 4,
                in_title: true,
                len: docs_len(&terms, 2),
                page: false
            }]
        );
        assert_eq!(docs[2].section, "Ценоразпис");
        // Postings pack as gaps, the flags in the count's lowest bits; a length only where
        // the title has the term (the part of lengths has the others).
        let postings = Postings(vec![
            Posting {
                doc: 3,
                tf: 2,
                in_title: true,
                len: 9,
                page: false,
            },
            Posting {
                doc: 300,
                tf: 1,
                in_title: false,
                len: 0,
                page: true,
            },
        ]);
        let back: Postings = pack::from_text(&pack::to_text(&postings)).unwrap();
        assert_eq!(back, postings);
    }

    /// Document `doc`'s length, from its postings.
    fn docs_len(terms: &BTreeMap<String, Vec<Posting>>, doc: u32) -> u32 {
        terms
            .values()
            .flatten()
            .find(|p| p.doc == doc)
            .map(|p| p.len)
            .unwrap()
    }

    /// A site of `n` documents, with words shared by all, by some and by few, and long
    /// enough texts for many parts.
    fn many(n: usize) -> Vec<Document> {
        let words = [
            "лаптоп",
            "гаранция",
            "дисплей",
            "батерия",
            "клавиатура",
            "сервиз",
        ];
        (0..n)
            .map(|i| {
                let text: Vec<String> = (0..40)
                    .map(|k| {
                        format!(
                            "{} дума{}",
                            words[(i * k + k) % words.len()],
                            (i * 7 + k) % 97
                        )
                    })
                    .collect();
                doc(
                    &if i % 5 == 0 {
                        format!("/p{i}")
                    } else {
                        format!("/p{}#c{i}", i - i % 5)
                    },
                    &format!("{} {i}", words[i % words.len()]),
                    &format!("Раздел {}", i / 10),
                    &text.join(" "),
                )
            })
            .collect()
    }

    #[test]
    fn a_split_index_finds_what_the_whole_one_does_once_its_parts_are_loaded() {
        let whole_index = Index::build(&bg(), many(400));
        let (t, d) = whole_index.part_count();
        assert!(t > 1 && d > 10, "{t} parts of terms, {d} of documents");
        let mut split = whole_index.clone();
        let files: BTreeMap<String, String> = split.split().into_iter().collect();
        split.set_folder("parts/");
        assert_eq!(files.len(), 2 * t + d);
        assert!(split.terms.iter().all(Option::is_none));
        assert!(split.lens.iter().all(Option::is_none));
        assert!(split.texts.iter().all(Option::is_none));
        assert_eq!(split.file("t0"), "parts/t0.js");
        let manifest = pack::to_text(&split).len();
        assert!(manifest < 1_000, "the manifest is {manifest} bytes");
        for query in [
            "лаптоп",
            "гаранция дисплей",
            "дума1",
            "дума4",
            "бат",
            "клав сервиз",
            "нищо",
        ] {
            for limit in [1, 5, 20, 400] {
                let mut loaded = split.clone();
                let mut rounds = 0;
                loop {
                    let missing = loaded.missing(query, limit);
                    if missing.is_empty() {
                        break;
                    }
                    for name in missing {
                        loaded.load(&name, &files[&name]).unwrap();
                    }
                    rounds += 1;
                }
                assert!(rounds <= 3, "{query}: {rounds} rounds");
                assert_eq!(
                    loaded.search_counted(query, limit),
                    whole_index.search_counted(query, limit),
                    "{query} {limit}"
                );
                // A word in the titles of more documents than are shown needs no lengths;
                // two words no title holds both of do.
                let lens = loaded.lens.iter().flatten().count();
                match (query, limit) {
                    ("лаптоп" | "гаранция дисплей", 400) | ("гаранция дисплей", _) =>
                    {
                        assert!(lens > 0, "{query} {limit}")
                    }
                    ("лаптоп", _) => assert_eq!(lens, 0, "{query} {limit}"),
                    _ => {}
                }
                // It loaded only what the query needs, not the whole index.
                if query != "нищо" && limit == 5 {
                    let texts = loaded.texts.iter().flatten().count();
                    assert!(texts <= 5, "{query}: {texts} parts");
                    assert!(loaded.terms.iter().flatten().count() < t, "{query}");
                }
            }
        }
        // Before its parts are loaded, a split index finds nothing, and says what to load.
        assert!(split.search("лаптоп", 5).is_empty());
        assert!(!split.missing("лаптоп", 5).is_empty());
        // A part that does not exist, or a corrupt one, is refused.
        let mut loaded = split.clone();
        assert!(loaded.load("t99999", &files["t0"]).is_err());
        assert!(loaded.load("x0", &files["t0"]).is_err());
        assert!(loaded.load("t0", "garbage").is_err());
        assert!(loaded.load("t0", &files["d0"]).is_err());
    }

    #[test]
    fn a_corrupt_part_does_not_panic() {
        // Postings past the last document, a count at the top of its range, a document
        // whose part says nothing: found or not, never a panic.
        let mut index = site();
        let part = index.terms[0].as_mut().unwrap();
        for (_, postings) in part.iter_mut() {
            postings.0.push(Posting {
                doc: 9,
                tf: 4,
                in_title: false,
                len: 0,
                page: true,
            });
            postings.0.push(Posting {
                doc: 0,
                tf: u32::MAX,
                in_title: true,
                len: u32::MAX,
                page: false,
            });
        }
        index.texts.iter_mut().for_each(|t| *t = None);
        assert!(index.search("лаптоп", 10).is_empty());
        // Three documents say "лаптоп", and the corrupt posting adds the first; the one
        // past the last document is not counted.
        assert_eq!(index.search_counted("лаптоп", 10).1, 4);
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

        /// Two words' keys are equal exactly when the words are, wherever they are in
        /// their texts (read whole mid-text, copied near the end), and only short words
        /// have one.
        #[test]
        fn short_words_are_keyed_by_their_bytes(
            text in "[аяa-c ]{0,60}",
            (a, b, c, d) in (0usize..61, 0usize..61, 0usize..61, 0usize..61),
        ) {
            let bytes = text.as_bytes();
            let range = |x: usize, y: usize| x.min(y).min(bytes.len())..x.max(y).min(bytes.len());
            let (first, second) = (range(a, b), range(c, d));
            let key = |r: Range<usize>| ShortWord::at(bytes, r);
            prop_assert_eq!(key(first.clone()).is_some(), first.len() <= ShortWord::MAX);
            if let (Some(x), Some(y)) = (key(first.clone()), key(second.clone())) {
                prop_assert_eq!(x == y, bytes[first] == bytes[second]);
            }
        }

        #[test]
        fn double_space_is_the_first_two_spaces_in_a_row(
            text in prop_oneof!["[ a-я]{0,300}", "[ a]{0,20}", any::<String>()],
        ) {
            prop_assert_eq!(double_space(text.as_bytes()), text.find("  "));
        }

        #[test]
        fn collapse_joins_the_words_split_whitespace_finds(
            text in prop_oneof![
                text(),
                "[a-я \t\n\r\u{b}\u{c}\u{85}\u{a0}\u{1680}\u{2000}-\u{200b}\u{2028}\u{2029}\u{202f}\u{205f}\u{3000}\u{c2a0}\u{e100}]{0,40}",
            ],
        ) {
            prop_assert_eq!(collapse(text.clone()), text.split_whitespace().collect::<Vec<_>>().join(" "));
        }

        #[test]
        fn the_best_are_those_a_stable_sort_by_score_puts_first(
            scores in prop::collection::vec(prop::option::of(0u8..6), 0..40),
            limit in 0usize..12,
        ) {
            // Few distinct scores: ties are the rule, not the exception.
            let scores: Vec<Option<f64>> = scores.into_iter().map(|s| s.map(|s| f64::from(s) / 2.0)).collect();
            let scored: Vec<(u32, f64)> = (0u32..)
                .zip(&scores)
                .filter_map(|(doc, s)| Some((doc, (*s)?)))
                .collect();
            let mut sorted = scored.clone();
            sorted.sort_by(|a, b| b.1.total_cmp(&a.1));
            sorted.truncate(limit);
            prop_assert_eq!(best(scored, limit), sorted);
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
            for (id, d) in (0u32..).zip(&docs) {
                let fields = [
                    (collapse(d.title.clone()), TITLE_WEIGHT),
                    (collapse(d.text.clone()), 1),
                    (d.keywords.clone(), 1),
                    (collapse(d.section.clone()), SECTION_WEIGHT),
                ];
                let mut counts: BTreeMap<String, (u32, bool)> = BTreeMap::new();
                for (field, weight) in &fields {
                    for t in terms(&lang, field) {
                        let (count, in_title) = counts.entry(t.stem).or_default();
                        *count += weight;
                        *in_title |= *weight == TITLE_WEIGHT;
                    }
                }
                let len = counts.values().map(|(c, _)| c).sum::<u32>();
                let page = !d.url.contains('#');
                for (stem, (tf, in_title)) in counts {
                    terms_of.entry(stem).or_default().push(Posting { doc: id, tf, in_title, len, page });
                }
                sections.push(fields[3].0.clone());
            }
            let index = Index::build(&lang, docs);
            let (terms, entries) = whole(&index);
            prop_assert_eq!(&terms, &terms_of);
            prop_assert_eq!(entries.into_iter().map(|e| e.section).collect::<Vec<_>>(), sections);
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
            // The index reads back from its packed form and answers the same.
            let back: Index = pack::from_text(&pack::to_text(&index)).unwrap();
            prop_assert_eq!(back.search(&query, 5), index.search(&query, 5));
        }
    }
}
