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
# service worker's first-visit precache, raw and brotli. The e2e test
# tests/e2e/scale.rs checks the same in Chromium on a generated site.
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

measure() {
  local name=$1 site=$2
  echo "== $name: $(find "$site" -type f | wc -l) files, $(du -sb "$site" | cut -f1) bytes"
  "$COST" "$site" bg "гаранция" "ремонт на лаптоп" "резервно копие"
  "$COST" "$site" ru "гарантия" "замена экрана" "доставка"
  "$COST" "$site" en "warranty" "battery replacement" "delivery" | grep -v "^first visit"
}

"$TARIF" build --quiet --out "$OUT/default-site"
measure "default site" "$OUT/default-site"
for n in "${SIZES[@]}"; do
  corpus="$OUT/c$n"
  if [ ! -d "$corpus-tarif" ]; then
    python3 "$CORPUS_TOOLS/make-corpus.py" "$n" "$corpus" --seed 1 > /dev/null
    python3 "$CORPUS_TOOLS/adapt_tarif.py" "$corpus" "$corpus-tarif" > /dev/null
  fi
  "$TARIF" build --quiet --root "$corpus-tarif" --out "$OUT/o$n"
  measure "$n pages" "$OUT/o$n"
done
