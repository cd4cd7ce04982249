#!/usr/bin/env bash
# What plugins cost a build: the 1,000-page corpus built three ways in one
# run, alternating, RUNS timed runs each after a warm-up:
#
#   none    no plugins
#   empty   a site plugin that loads and registers nothing
#   no-op   a site plugin with a no-op lontar.on("page") hook and a no-op
#           Text filter (every text node of every page goes through Lua)
#
#   bench/plugins.sh            RUNS timed runs per variant (default 7)
#   bench/plugins.sh --quick    one timed run per variant
#
# Environment (as bench/run.sh): RUNS, LONTAR (binary; default
# build/lontar), GEN_CORPUS (default ../shared/bench/gen_corpus.py beside the
# repository), BENCH_SEED (default kurikulum-1), LONTAR_THREADS.
#
# Prints the median wall time and the median CPU time (user + system) of
# each variant and their ratios against "none". The corpus is the one
# bench/run.sh uses (bench/out/corpus-1000-plain, generated when missing or
# stale); the variants are copies of it in a temporary folder in /dev/shm
# (bench/out/ without /dev/shm), removed at exit, where the sites are
# built too.
set -euo pipefail
export LONTAR_HANDBOOK_PDF=never # measure the site build, not WeasyPrint

. "$(dirname "$0")/lib.sh"
out_dir="$root/bench/out"
pages=1000

RUNS=${RUNS:-7}
[ $# -le 1 ] || { echo "bench: one argument at most (try --help)" >&2; exit 2; }
case "${1:-}" in
  "") ;;
  --quick) RUNS=1 ;;
  -h|--help) awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"; exit 0 ;;
  *) echo "bench: unknown argument '$1' (try --help)" >&2; exit 2 ;;
esac
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || { echo "bench: RUNS must be a positive integer (got '$RUNS')" >&2; exit 2; }

threads=${LONTAR_THREADS:-$(nproc)}

[ -x "$lontar" ] || die "lontar binary not found at $lontar (run 'make' or set LONTAR)"
[ -x /usr/bin/time ] || die "GNU time (/usr/bin/time) is needed: apt-get install time"
(( BASH_VERSINFO[0] >= 5 )) || die "bash 5 is needed (EPOCHREALTIME)"

# The corpus, shared with bench/run.sh: same folder, same stamp.
corpus="$out_dir/corpus-$pages-plain"
stamp="gen_corpus.py --format plain --pages $pages --seed $seed"
if [ "$(cat "$corpus/.bench-stamp" 2>/dev/null || true)" != "$stamp sha256=$(sha256sum "$gen" 2>/dev/null | cut -d' ' -f1)" ]; then
  [ -f "$gen" ] || die "corpus generator not found at $gen (set GEN_CORPUS)"
  log "generating the $pages-page corpus -> ${corpus#"$root"/}"
  rm -rf "$corpus" "$corpus.tmp"
  mkdir -p "$out_dir"
  python3 "$gen" --format plain --pages "$pages" --seed "$seed" --out "$corpus.tmp" >&2 ||
    die "corpus generator failed"
  echo "$stamp sha256=$(sha256sum "$gen" | cut -d' ' -f1)" >"$corpus.tmp/.bench-stamp"
  mv "$corpus.tmp" "$corpus"
fi

if [ -d /dev/shm ] && [ -w /dev/shm ]; then
  work=$(mktemp -d /dev/shm/lontar-bench-plugins.XXXXXX)
else
  mkdir -p "$out_dir"
  work=$(mktemp -d "$out_dir/plugins.XXXXXX")
fi
trap 'rm -rf "$work"' EXIT

# --- the three sites --------------------------------------------------------------
variants=(none empty no-op)
for v in "${variants[@]}"; do
  cp -r "$corpus" "$work/src-$v"
done
mkdir -p "$work/src-empty/plugins" "$work/src-no-op/plugins"
cat >"$work/src-empty/plugins/kosong.lua" <<'EOF'
-- Loads in every render thread's state and registers nothing.
local edition = lontar.edition
EOF
cat >"$work/src-no-op/plugins/diam.lua" <<'EOF'
-- Registers work that changes nothing.
lontar.on("page", function(page) end)
lontar.filter { Text = function(el) end }
EOF

# --- one timed run ------------------------------------------------------------------
# build_once VARIANT: sets wall (s) and cpu (user + system, s); dies on failure.
build_once() {
  local v=$1 dest="$work/out-$1" tfile="$work/time" tlog="$out_dir/last-plugins-$1.log" start rc=0
  rm -rf "$dest"
  start=$EPOCHREALTIME
  /usr/bin/time -f '%U %S' -o "$tfile" "$lontar" build "$work/src-$v" -o "$dest" -q >"$tlog" 2>&1 || rc=$?
  wall=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.3f", b - a }')
  if [ "$rc" -ne 0 ]; then
    tail -n 40 "$tlog" >&2
    die "lontar exited $rc building the '$v' site (output in ${tlog#"$root"/})"
  fi
  cpu=$(awk '{ printf "%.2f", $1 + $2 }' "$tfile")
  local html
  html=$(find "$dest" -type f -name '*.html' | wc -l)
  [ "$html" -ge "$pages" ] || die "the '$v' build wrote $html .html files for $pages pages"
}

mkdir -p "$out_dir"
declare -A walls cpus
for v in "${variants[@]}"; do
  log "$v: warm-up"
  build_once "$v"
done
# Rotate the order every round, so that no variant always runs first.
for ((i = 0; i < RUNS; i++)); do
  for ((k = 0; k < ${#variants[@]}; k++)); do
    v=${variants[(i + k) % ${#variants[@]}]}
    build_once "$v"
    log "$v: run $((i + 1))/$RUNS: ${wall} s wall, ${cpu} s CPU"
    walls[$v]+="$wall"$'\n'
    cpus[$v]+="$cpu"$'\n'
  done
done

# --- report ---------------------------------------------------------------------------
echo
echo "lontar: $("$lontar" version 2>&1) ($threads threads${LONTAR_THREADS:+, LONTAR_THREADS=$LONTAR_THREADS})"
echo "corpus: $pages pages, seed $seed; $RUNS timed runs per variant after one warm-up, order rotated; medians"
echo
printf '%-8s %10s %8s %10s %8s\n' variant 'wall s' ratio 'CPU s' ratio
base_wall=$(printf '%s' "${walls[none]}" | median)
base_cpu=$(printf '%s' "${cpus[none]}" | median)
for v in "${variants[@]}"; do
  w=$(printf '%s' "${walls[$v]}" | median)
  c=$(printf '%s' "${cpus[$v]}" | median)
  awk -v v="$v" -v w="$w" -v c="$c" -v bw="$base_wall" -v bc="$base_cpu" \
    'BEGIN { printf "%-8s %10.3f %7.3fx %10.2f %7.3fx\n", v, w, w / bw, c, (bc > 0 ? c / bc : 0) }'
done
