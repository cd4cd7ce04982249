#!/usr/bin/env bash
# Multi-version build against a single-version build, in the same run.
#
#   bench/versions.sh            10,000-page corpus, 10 tags
#   bench/versions.sh --quick    1,000-page corpus, 10 tags
#
# Makes a git repository from the synthetic corpus with 10 tags, each
# changing 1% of the pages (a paragraph appended), then times:
#   one:  lontar build REPO --ref v10   (the newest tag alone)
#   all:  lontar build REPO             (versions: tags v*, all 10)
#   all, from scratch: the same with LONTAR_REUSE=0 (every version
#         loaded and every page rendered through its templates; nothing
#         reused or carried over from the version before)
# and prints all/one. Target: all 10 versions in at most 3x one.
#
# Environment: RUNS (timed runs each, default 3), LONTAR, GEN_CORPUS,
# BENCH_SEED, LONTAR_THREADS, as in bench/run.sh.
set -euo pipefail
export LONTAR_HANDBOOK_PDF=never

. "$(dirname "$0")/lib.sh"
pages=10000
[ "${1:-}" = "--quick" ] && pages=1000
RUNS=${RUNS:-3}
tags=10
[ -f "$gen" ] || die "corpus generator not found at $gen (set GEN_CORPUS)"
[ -x "$lontar" ] || die "lontar binary not found at $lontar (run 'make' or set LONTAR)"
[ -x /usr/bin/time ] || die "GNU time is needed (apt-get install time)"

# The repository: made again when the generator, seed or size change.
repo="$root/bench/out/versions-$pages"
want="gen_corpus.py --pages $pages --seed $seed tags=$tags sha256=$(sha256sum "$gen" | cut -d' ' -f1)"
if [ "$(cat "$repo/.git/bench-stamp" 2>/dev/null)" != "$want" ]; then
  log "making a $tags-tag repository of $pages pages -> ${repo#"$root"/}"
  rm -rf "$repo"
  python3 "$gen" --format plain --pages "$pages" --seed "$seed" --out "$repo" >&2
  printf 'versions:\n  tags: ["v*"]\n' >>"$repo/lontar.yml"
  export GIT_AUTHOR_NAME=Bench GIT_AUTHOR_EMAIL=bench@example.org
  export GIT_COMMITTER_NAME=Bench GIT_COMMITTER_EMAIL=bench@example.org
  git -C "$repo" init -q -b main
  mapfile -t files < <(cd "$repo" && find . -name '*.md' ! -name 'index.md' | LC_ALL=C sort)
  per_tag=$((${#files[@]} / 100))
  for t in $(seq 1 "$tags"); do
    if [ "$t" -gt 1 ]; then
      # 1% of the pages, a different slice each tag.
      for k in $(seq 0 $((per_tag - 1))); do
        f=${files[$(((t * 7919 + k * 104729) % ${#files[@]}))]}
        printf '\nParagraf tambahan di versi %d.\n' "$t" >>"$repo/$f"
      done
    fi
    git -C "$repo" add -A
    GIT_AUTHOR_DATE="2024-01-$((t + 9))T10:00:00+07:00" GIT_COMMITTER_DATE="2024-01-$((t + 9))T10:00:00+07:00" \
      git -C "$repo" commit -qm "versi $t"
    git -C "$repo" tag "v$t"
  done
  printf '%s\n' "$want" >"$repo/.git/bench-stamp"
fi

sites=$(mktemp -d /dev/shm/lontar-versions.XXXXXX 2>/dev/null || mktemp -d)
trap 'rm -rf "$sites"' EXIT

# timed LABEL [VAR=VALUE] ARGS...: appends "seconds peak_kb" of one build
# to $sites/LABEL.
timed() {
  local label=$1
  shift
  rm -rf "$sites/out"
  local vars=()
  while [[ "${1:-}" == *=* ]]; do vars+=("$1"); shift; done
  env "${vars[@]}" /usr/bin/time -f '%e %M' -o "$sites/time" "$lontar" build "$repo" -o "$sites/out" -q "$@" \
    >"$sites/log" 2>&1 || { cat "$sites/log" >&2; die "lontar build $* failed"; }
  tail -n 1 "$sites/time" >>"$sites/$label"
}

log "$("$lontar" version), $pages pages, $tags tags, $RUNS runs each, ${LONTAR_THREADS:-$(nproc)} threads"
for r in $(seq 1 "$RUNS"); do
  timed one --ref "v$tags"
  timed all
  timed norender LONTAR_REUSE=0
done
one=$(cut -d' ' -f1 "$sites/one" | median)
all=$(cut -d' ' -f1 "$sites/all" | median)
norender=$(cut -d' ' -f1 "$sites/norender" | median)
one_mb=$(($(cut -d' ' -f2 "$sites/one" | median | cut -d. -f1) / 1024))
all_mb=$(($(cut -d' ' -f2 "$sites/all" | median | cut -d. -f1) / 1024))
printf '| build | seconds (median of %d) | peak memory |\n|---|---|---|\n' "$RUNS"
printf '| one version (--ref v%d) | %s | %d MB |\n' "$tags" "$one" "$one_mb"
printf '| all %d versions | %s | %d MB |\n' "$tags" "$all" "$all_mb"
printf '| all %d versions, each built from scratch (LONTAR_REUSE=0) | %s | |\n' "$tags" "$norender"
awk -v a="$all" -v o="$one" -v n="$tags" 'BEGIN { printf "all %d versions / one version: %.2fx (target: at most 3x)\n", n, a / o }'
