# Shared by the benchmark scripts, which source it after `set -euo pipefail`:
# where things are, and the helpers they all use.
#
# Sets script_dir (bench/), root (the repository), seed (BENCH_SEED, default
# kurikulum-1), gen (GEN_CORPUS, default ../shared/bench/gen_corpus.py
# beside the repository) and lontar (LONTAR, default build/lontar; a
# relative LONTAR is taken relative to the repository root, like the
# default). Defines die, log and median. BENCH_NAME prefixes messages.
script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$script_dir/.." && pwd)
seed=${BENCH_SEED:-kurikulum-1}
gen=${GEN_CORPUS:-"$root/../shared/bench/gen_corpus.py"}
lontar=${LONTAR:-"$root/build/lontar"}
case "$lontar" in /*) ;; *) lontar="$root/$lontar" ;; esac
BENCH_NAME=${BENCH_NAME:-bench}

die() { echo "$BENCH_NAME: FAILED: $*" >&2; exit 1; }
log() { echo "$BENCH_NAME: $*" >&2; }

# median: the median of the numbers on stdin (the mean of the middle two,
# to 3 decimals, for an even count).
median() {
  sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
