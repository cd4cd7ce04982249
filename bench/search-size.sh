#!/usr/bin/env bash
# Size of the offline search index against the Markdown it indexes, on the
# generated benchmark corpus (issue 8's targets: the whole index under 15%
# of the Markdown, no file over 100 KB).
#
#   bench/search-size.sh          10,000 pages
#   bench/search-size.sh PAGES    another size
#
# Environment (as bench/run.sh, whose corpora it shares in bench/out/):
#   LONTAR=PATH     lontar binary (default: build/lontar in the repository)
#   GEN_CORPUS=PATH corpus generator (default: ../shared/bench/gen_corpus.py
#                   beside the repository)
#   BENCH_SEED=S    generator seed (default kurikulum-1)
# Prints the figures; exits 1 when a target is missed.
set -euo pipefail
export LONTAR_HANDBOOK_PDF=never # the PDF step is not part of this measure

BENCH_NAME=search-size
. "$(dirname "$0")/lib.sh"
pages=${1:-10000}
[[ "$pages" =~ ^[1-9][0-9]*$ ]] || { echo "search-size: PAGES must be a positive integer" >&2; exit 2; }
[ -f "$gen" ] || die "corpus generator not found at $gen (set GEN_CORPUS)"
[ -x "$lontar" ] || die "lontar binary not found at $lontar (run 'make' or set LONTAR)"

# The corpus, made again only when its stamp changes (same stamp as run.sh).
corpus="$root/bench/out/corpus-$pages-plain"
want="gen_corpus.py --format plain --pages $pages --seed $seed sha256=$(sha256sum "$gen" | cut -d' ' -f1)"
if ! [ -f "$corpus/.bench-stamp" ] || [ "$(cat "$corpus/.bench-stamp")" != "$want" ]; then
  echo "search-size: generating a $pages-page corpus -> ${corpus#"$root"/}" >&2
  rm -rf "$corpus" "$corpus.tmp"
  mkdir -p "$(dirname "$corpus")"
  python3 "$gen" --format plain --pages "$pages" --seed "$seed" --out "$corpus.tmp" >&2 ||
    die "corpus generator failed"
  printf '%s\n' "$want" >"$corpus.tmp/.bench-stamp"
  mv "$corpus.tmp" "$corpus"
fi

tmp_parent=/dev/shm
[ -d "$tmp_parent" ] && [ -w "$tmp_parent" ] || tmp_parent=${TMPDIR:-/tmp}
site=$(mktemp -d "$tmp_parent/lontar-search-size.XXXXXX")
trap 'rm -rf "$site"' EXIT
start=$(date +%s.%N)
"$lontar" build "$corpus" -o "$site/out" -q || die "lontar build failed"
secs=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')

md=$(find "$corpus" -name '*.md' -type f -printf '%s\n' | awk '{ s += $1 } END { print s }')
index=$(find "$site/out/search" -type f -printf '%s\n' | awk '{ s += $1 } END { print s }')
files=$(find "$site/out/search" -type f | wc -l)
read -r largest largest_name < <(find "$site/out/search" -type f -printf '%s %f\n' | sort -n | tail -n 1)
shards=$(find "$site/out/search" -name 't-*.js' -printf '%s\n' | awk '{ s += $1; n++ } END { print s, n }')
chunks=$(find "$site/out/search" -name 'p-*.js' -printf '%s\n' | awk '{ s += $1; n++ } END { print s, n }')
ratio=$(awk -v i="$index" -v m="$md" 'BEGIN { printf "%.1f", 100 * i / m }')

printf 'corpus:           %s pages (gen_corpus.py --format plain --seed %s)\n' "$pages" "$seed"
printf 'build:            %.1f s (whole site, index included)\n' "$secs"
printf 'markdown:         %s bytes\n' "$md"
printf 'index:            %s bytes in %s files (%s%% of the markdown; target < 15%%)\n' "$index" "$files" "$ratio"
printf '  term shards:    %s bytes in %s files\n' $shards
printf '  page chunks:    %s bytes in %s files\n' $chunks
printf '  meta.js:        %s bytes\n' "$(stat -c %s "$site/out/search/meta.js")"
printf 'largest file:     %s, %s bytes (target <= 102400)\n' "$largest_name" "$largest"

awk -v i="$index" -v m="$md" 'BEGIN { exit !(i * 100 < m * 15) }' || die "index is $ratio% of the markdown"
[ "$largest" -le 102400 ] || die "$largest_name is over 100 KB"
