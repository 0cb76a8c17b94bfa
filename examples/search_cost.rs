//! What a visitor of a built site pays for search and offline, measured from its files:
//!
//! ```sh
//! cargo run --release --example search_cost -- public bg "гаранция" "ремонт на лаптоп"
//! ```
//!
//! For each query, typed a letter at a time as the app searches it: the parts of the
//! language's index it loads (the app's own `Index::missing`, run to the end for the
//! first twenty results), and the bytes brotli of the search page and those parts; then
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
        let typed: Vec<usize> = query
            .char_indices()
            .map(|(i, _)| i)
            .skip(1)
            .chain([query.len()])
            .collect();
        for end in typed {
            loop {
                let missing = loaded.missing(&query[..end], 20);
                if missing.is_empty() {
                    break;
                }
                for name in missing {
                    let file = folder.join(loaded.file(&name));
                    let script = std::fs::read_to_string(&file).unwrap_or_else(|e| fail(&file, e));
                    bytes += brotli(script.as_bytes());
                    parts += 1;
                    let text = script
                        .split_once("]=")
                        .and_then(|(_, json)| {
                            serde_json::from_str::<String>(json.trim_end().trim_end_matches(';'))
                                .ok()
                        })
                        .unwrap_or_else(|| fail(&file, "not a part's script"));
                    loaded
                        .load(&name, &text)
                        .unwrap_or_else(|e| fail(&file, format!("{e:?}")));
                }
            }
        }
        let (hits, total) = loaded.search_counted(query, 20);
        println!(
            "query {query:?}: {} of {total} results; {parts} parts, {bytes} bytes brotli; with the page {} bytes brotli",
            hits.len(),
            bytes + page_bytes
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
