//! What a visitor of a built site pays for search and offline, measured from its files:
//!
//! ```sh
//! cargo run --release --example search_cost -- public bg "гаранция" "ремонт на лаптоп"
//! ```
//!
//! For each query, typed a letter at a time as the app searches it: the parts of the
//! language's index it loads (the app's own `Index::missing`, which the app asks once the
//! query has not changed for 250 ms: the words' parts, their lengths if the ranking needs
//! them, then the parts of the first results shown), and the bytes brotli of the search
//! page and those parts, for a query typed without a pause (or pasted) and for one typed
//! with a pause after each word; then the service worker's precache on a first visit (its
//! core: every file it lists, by size and brotli). `bench/search-offline.sh` runs it on
//! the neutral corpus.

use std::path::Path;

use tarif_engine::page::PageData;
use tarif_engine::search::{Index, RESULTS_SHOWN};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [site, lang, queries @ ..] = args.as_slice() else {
        eprintln!("usage: search_cost SITE LANG QUERY...");
        std::process::exit(2);
    };
    let site = Path::new(site);
    let page_file = site.join(lang).join("search/index.html");
    let page = std::fs::read_to_string(&page_file).unwrap_or_else(|e| fail(&page_file, e));
    let data = page
        .split_once("id=\"tarif-data\">")
        .and_then(|(_, rest)| rest.split_once("</script>"))
        .map(|(data, _)| data)
        .unwrap_or_else(|| fail(&page_file, "no data block"));
    let index = PageData::from_text(data)
        .ok()
        .and_then(|d| d.search)
        .map(|s| s.index)
        .unwrap_or_else(|| fail(&page_file, "no search index in its data"));
    let page_bytes = brotli(page.as_bytes());
    let (terms, docs) = index.part_count();
    println!(
        "{lang} search page: {} bytes, {page_bytes} brotli; index of {} documents in {terms} + {docs} parts",
        page.len(),
        index.len()
    );
    let folder = page_file.parent().unwrap_or(site);
    for query in queries {
        // Where the query settles: at its end; or after each word too.
        let pauses: Vec<usize> = query.match_indices(' ').map(|(i, _)| i + 1).collect();
        let (_, paused) = load(&index, folder, query, &pauses);
        let (loaded, cost) = load(&index, folder, query, &[]);
        // Each keystroke's search once its parts are loaded (what the app does on input).
        let mut times: Vec<f64> = typed_ends(query)
            .map(|end| {
                let started = std::time::Instant::now();
                let _ = loaded.search_counted(&query[..end], RESULTS_SHOWN);
                started.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        times.sort_by(f64::total_cmp);
        let (hits, total) = loaded.search_counted(query, RESULTS_SHOWN);
        println!(
            "query {query:?}: {} of {total} results; {} parts, {} bytes brotli ({} of terms, {} of lengths); with the page {} bytes brotli (with a pause after each word {}); a keystroke's search {:.1} ms median, {:.1} ms at most (native)",
            hits.len(),
            cost.parts,
            cost.bytes,
            cost.terms,
            cost.lens,
            cost.bytes + page_bytes,
            paused.bytes + page_bytes,
            times[times.len() / 2],
            times[times.len() - 1]
        );
    }
    let worker = std::fs::read_to_string(site.join("sw.js")).unwrap_or_default();
    let core: Vec<(String, String)> = worker
        .lines()
        .find_map(|l| l.strip_prefix("const FILES = "))
        .and_then(|l| serde_json::from_str(l.trim_end_matches(';')).ok())
        .unwrap_or_default();
    let (mut raw, mut compressed) = (0, 0);
    for (path, _) in &core {
        let bytes = std::fs::read(site.join(path)).unwrap_or_default();
        raw += bytes.len();
        compressed += brotli(&bytes);
    }
    println!(
        "first visit precache: {} files, {raw} bytes, {compressed} brotli",
        core.len()
    );
}

/// What the parts a query loaded cost: how many, and their bytes brotli in all, of the
/// terms and of the lengths.
#[derive(Default)]
struct Cost {
    parts: usize,
    bytes: usize,
    terms: usize,
    lens: usize,
}

/// `index` with the parts `query` loads when the visitor pauses where it ends and at
/// `pauses` (where it has stayed the same long enough for the app to load its parts),
/// read from `folder`; and their cost.
fn load(index: &Index, folder: &Path, query: &str, pauses: &[usize]) -> (Index, Cost) {
    let mut loaded = index.clone();
    let mut cost = Cost::default();
    for end in pauses.iter().copied().chain([query.len()]) {
        loop {
            let missing = loaded.missing(&query[..end], RESULTS_SHOWN);
            if missing.is_empty() {
                break;
            }
            for name in missing {
                let file = folder.join(loaded.file(&name));
                let script = std::fs::read_to_string(&file).unwrap_or_else(|e| fail(&file, e));
                let size = brotli(script.as_bytes());
                cost.bytes += size;
                match name.chars().next() {
                    Some('t') => cost.terms += size,
                    Some('l') => cost.lens += size,
                    _ => {}
                }
                cost.parts += 1;
                let text = tarif::site::render::part_text(&script)
                    .unwrap_or_else(|| fail(&file, "not a part's script"));
                loaded
                    .load(&name, &text)
                    .unwrap_or_else(|e| fail(&file, format!("{e:?}")));
            }
        }
    }
    (loaded, cost)
}

/// Where each beginning of `query` ends, as it is typed a letter at a time.
fn typed_ends(query: &str) -> impl Iterator<Item = usize> + '_ {
    query
        .char_indices()
        .map(|(i, _)| i)
        .skip(1)
        .chain([query.len()])
}

fn brotli(bytes: &[u8]) -> usize {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        ..Default::default()
    };
    let _ = brotli::BrotliCompress(&mut &bytes[..], &mut out, &params);
    out.len()
}

fn fail(file: &Path, e: impl std::fmt::Display) -> ! {
    eprintln!("{}: {e}", file.display());
    std::process::exit(1);
}
