//! What a visitor of a built site pays for search and offline, measured from its files:
//!
//! ```sh
//! cargo run --release --example search_cost -- public bg "гаранция" "ремонт на лаптоп"
//! ```
//!
//! For each query, typed a letter at a time as the app searches it: the parts of the
//! language's index it loads (the app's own `Index::missing`: the words' parts at each
//! letter, the documents' parts for the first twenty results once the query is typed), and the bytes brotli of the search page and those parts; then
//! the service worker's precache on a first visit (its core: every file it lists, by
//! size and brotli). `bench/search-offline.sh` runs it on the neutral corpus.

use std::path::Path;

use tarif_engine::page::PageData;

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
        let mut loaded = index.clone();
        let mut parts = 0;
        let mut bytes = 0;
        let mut term_bytes = 0;
        for end in typed_ends(query) {
            // While typing, the app loads the words' parts; the documents' parts once the
            // query has settled (at the end here).
            let settled = end == query.len();
            loop {
                let mut missing = loaded.missing(&query[..end], 20);
                missing.retain(|name| settled || name.starts_with('t'));
                if missing.is_empty() {
                    break;
                }
                for name in missing {
                    let file = folder.join(loaded.file(&name));
                    let script = std::fs::read_to_string(&file).unwrap_or_else(|e| fail(&file, e));
                    let size = brotli(script.as_bytes());
                    bytes += size;
                    if name.starts_with('t') {
                        term_bytes += size;
                    }
                    parts += 1;
                    let text = tarif::site::render::part_text(&script)
                        .unwrap_or_else(|| fail(&file, "not a part's script"));
                    loaded
                        .load(&name, &text)
                        .unwrap_or_else(|e| fail(&file, format!("{e:?}")));
                }
            }
        }
        // Each keystroke's search once its parts are loaded (what the app does on input).
        let mut times: Vec<f64> = typed_ends(query)
            .map(|end| {
                let started = std::time::Instant::now();
                let _ = loaded.search_counted(&query[..end], 20);
                started.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        times.sort_by(f64::total_cmp);
        let (hits, total) = loaded.search_counted(query, 20);
        println!(
            "query {query:?}: {} of {total} results; {parts} parts, {bytes} bytes brotli ({term_bytes} of terms); with the page {} bytes brotli; a keystroke's search {:.1} ms median, {:.1} ms at most (native)",
            hits.len(),
            bytes + page_bytes,
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
