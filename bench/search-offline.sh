#!/usr/bin/env bash
# What search and offline cost a visitor (issue 18), on the default site and on the
# neutral corpus (../shared/bench: made for no generator) at each size given:
#
#   bench/search-offline.sh [SIZE ...]     default sizes: 1000 10000
#
# Builds each site with the release tarif, then runs examples/search_cost.rs on it: for
# a few queries per language, typed a letter at a time as the app searches, the parts of
# the index loaded and the bytes brotli of the search page and those parts (the app's own
# engine decides what to load, so these are the bytes the browser fetches); then the
# service worker's first-visit precache, raw and brotli. Then, where chromedriver is
# installed (`cargo xtask test` installs it), the same queries typed in Chromium on a
# fresh visit to each site (the e2e harness's ignored measurement in
# tests/e2e/scale.rs): the bytes brotli of every file they loaded but the app's. The
# e2e test tests/e2e/scale.rs checks the same in Chromium on a generated site.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=("$@")
[ $# -eq 0 ] && SIZES=(1000 10000)
CORPUS_TOOLS=${CORPUS_TOOLS:-$PWD/../shared/bench}
OUT=${BENCH_OUT:-$PWD/bench/out}
mkdir -p "$OUT"
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$PWD/target}
cargo build --release --quiet --bin tarif --example search_cost
TARIF=$CARGO_TARGET_DIR/release/tarif
COST=$CARGO_TARGET_DIR/release/examples/search_cost
echo "tarif $(git rev-parse --short HEAD 2>/dev/null || echo '?'), load $(cut -d' ' -f1-3 /proc/loadavg)"

# The queries, three per language, each as lang:query.
QUERIES=("bg:гаранция" "bg:ремонт на лаптоп" "bg:резервно копие"
  "ru:гарантия" "ru:замена экрана" "ru:доставка"
  "en:warranty" "en:battery replacement" "en:delivery")
queries_of() { for q in "${QUERIES[@]}"; do [ "${q%%:*}" = "$1" ] && printf '%s\0' "${q#*:}"; done; }

measure() {
  local name=$1 site=$2 lang list
  echo "== $name: $(find "$site" -type f | wc -l) files, $(du -sb "$site" | cut -f1) bytes"
  for lang in bg ru en; do
    mapfile -d '' list < <(queries_of "$lang")
    "$COST" "$site" "$lang" "${list[@]}" | if [ "$lang" = bg ]; then cat; else grep -v "^first visit"; fi
  done
}

# The first query of a fresh visit in Chromium, for each query.
in_chromium() {
  command -v chromedriver > /dev/null || return 0
  local joined
  joined=$(IFS='|'; echo "${QUERIES[*]}")
  TARIF_SEARCH_SITE=$1 TARIF_SEARCH_QUERIES=$joined cargo test -q --test e2e -- --ignored \
    the_first_query_of_a_built_site_in_chromium --nocapture 2>&1 | grep "^in Chromium" || true
}

"$TARIF" build --quiet --out "$OUT/default-site"
measure "default site" "$OUT/default-site"
in_chromium "$OUT/default-site"
for n in "${SIZES[@]}"; do
  corpus="$OUT/c$n"
  if [ ! -d "$corpus-tarif" ]; then
    python3 "$CORPUS_TOOLS/make-corpus.py" "$n" "$corpus" --seed 1 > /dev/null
    python3 "$CORPUS_TOOLS/adapt_tarif.py" "$corpus" "$corpus-tarif" > /dev/null
  fi
  "$TARIF" build --quiet --root "$corpus-tarif" --out "$OUT/o$n"
  measure "$n pages" "$OUT/o$n"
  in_chromium "$OUT/o$n"
done
