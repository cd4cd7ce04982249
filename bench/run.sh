#!/usr/bin/env bash
# Benchmarks lontar against Hugo on the same synthetic curriculum corpus.
#
#   bench/run.sh            1,000- and 10,000-page corpora, RUNS timed runs each
#   bench/run.sh --quick    1,000-page corpus only, one timed run
#
# Environment:
#   RUNS=N          timed runs per tool and corpus (default 3; --quick sets 1)
#   LONTAR=PATH     lontar binary (default: build/lontar in the repository)
#   GEN_CORPUS=PATH corpus generator (default: ../shared/bench/gen_corpus.py
#                   beside the repository)
#   BENCH_SEED=S    generator seed (default kurikulum-1)
#   LONTAR_THREADS  passed through to lontar (default: all CPUs)
#   BENCH_SITES=DIR where the built sites go (default: a temporary folder in
#                   /dev/shm, removed at exit; bench/out/sites without /dev/shm)
#
# Corpora go to bench/out/ (git-ignored). A corpus is generated again only when
# its stamp (generator arguments + generator checksum) changes. Built sites go
# to RAM by default: on a disk without a journal (like the CI machine's ext4),
# ext4 skips inodes freed in the last minutes when it allocates new ones, so
# deleting and rewriting 10,000 pages run after run made every run slower than
# the last (the 3rd run took 3x the 1st, for both tools).
# Every run must exit 0 and write at least as many .html files as the corpus
# has pages; otherwise the script stops with the tool's output.
set -euo pipefail
# The PDF handbook is a separate step (WeasyPrint, minutes on a 10,000-page
# corpus) that Hugo has no counterpart for: measure the site build only.
export LONTAR_HANDBOOK_PDF=never

. "$(dirname "$0")/lib.sh"
out_dir="$root/bench/out"

quick=0
for arg in "$@"; do
  case "$arg" in
    --quick) quick=1 ;;
    -h|--help) awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"; exit 0 ;;
    *) echo "bench: unknown argument '$arg' (try --help)" >&2; exit 2 ;;
  esac
done

if [ "$quick" -eq 1 ]; then
  RUNS=1
  sizes=(1000)
else
  RUNS=${RUNS:-3}
  sizes=(1000 10000)
fi
if ! [[ "$RUNS" =~ ^[1-9][0-9]*$ ]]; then
  echo "bench: RUNS must be a positive integer (got '$RUNS')" >&2
  exit 2
fi


# --- tools -------------------------------------------------------------------
apt_install() {
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || die "need root or sudo to install $*"
    sudo=sudo
  fi
  log "installing $* with apt-get"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >&2 ||
    { $sudo apt-get update -qq >&2 &&
      DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >&2; } ||
    die "could not install $*"
}

[ -f "$gen" ] || die "corpus generator not found at $gen (set GEN_CORPUS)"
[ -x "$lontar" ] || die "lontar binary not found at $lontar (run 'make' or set LONTAR)"
command -v python3 >/dev/null 2>&1 || apt_install python3
[ -x /usr/bin/time ] || apt_install time
command -v hugo >/dev/null 2>&1 || apt_install hugo
hugo_help=$(hugo help 2>&1 || true)
for flag in --quiet --source --destination; do
  grep -q -- "$flag" <<<"$hugo_help" || die "installed hugo has no $flag flag: $(hugo version 2>&1)"
done

lontar_version=$("$lontar" version 2>&1) || die "'$lontar version' failed: $lontar_version"
hugo_version=$(hugo version 2>&1) || die "'hugo version' failed: $hugo_version"
threads=${LONTAR_THREADS:-$(nproc)}

# --- corpora -------------------------------------------------------------------
# ensure_corpus FORMAT PAGES DIR: generate DIR unless its stamp matches.
ensure_corpus() {
  local format=$1 pages=$2 dir=$3 stamp want
  want="gen_corpus.py --format $format --pages $pages --seed $seed sha256=$(sha256sum "$gen" | cut -d' ' -f1)"
  stamp="$dir/.bench-stamp"
  if [ -d "$dir" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return 0
  fi
  log "generating $format corpus, $pages pages -> ${dir#"$root"/}"
  rm -rf "$dir" "$dir.tmp"
  python3 "$gen" --format "$format" --pages "$pages" --seed "$seed" --out "$dir.tmp" >&2 ||
    die "corpus generator failed ($format, $pages pages)"
  printf '%s\n' "$want" >"$dir.tmp/.bench-stamp"
  mv "$dir.tmp" "$dir"
}

# --- one timed run -------------------------------------------------------------
# run_tool TOOL SRC OUT PAGES: sets run_secs, run_kb, run_html; dies on failure.
run_tool() {
  local tool=$1 src=$2 dest=$3 pages=$4 tlog="$out_dir/last-$1.log" tfile="$out_dir/last-$1.time" rc=0
  rm -rf "$dest"
  case "$tool" in
    lontar) /usr/bin/time -f '%e %M' -o "$tfile" "$lontar" build "$src" -o "$dest" -q >"$tlog" 2>&1 || rc=$? ;;
    hugo)   /usr/bin/time -f '%e %M' -o "$tfile" hugo --quiet --source "$src" --destination "$dest" >"$tlog" 2>&1 || rc=$? ;;
  esac
  if [ "$rc" -ne 0 ]; then
    echo "----- $tool output (last 40 lines of $tlog) -----" >&2
    tail -n 40 "$tlog" >&2
    echo "-----" >&2
    die "$tool exited $rc building ${src#"$root"/}"
  fi
  read -r run_secs run_kb < <(tail -n 1 "$tfile")
  [[ "$run_secs" =~ ^[0-9.]+$ && "$run_kb" =~ ^[0-9]+$ ]] ||
    die "could not read GNU time output for $tool: $(cat "$tfile")"
  run_html=0
  [ -d "$dest" ] && run_html=$(find "$dest" -type f -name '*.html' | wc -l)
  if [ "$run_html" -lt "$pages" ]; then
    echo "----- $tool output ($tlog) -----" >&2
    tail -n 40 "$tlog" >&2
    die "$tool wrote $run_html .html files for a $pages-page corpus (${src#"$root"/})"
  fi
}

# --- main ------------------------------------------------------------------------
mkdir -p "$out_dir"
if [ -n "${BENCH_SITES:-}" ]; then
  site_root=$BENCH_SITES
  mkdir -p "$site_root"
elif [ -d /dev/shm ] && [ -w /dev/shm ]; then
  site_root=$(mktemp -d /dev/shm/lontar-bench.XXXXXX)
  trap 'rm -rf "$site_root"' EXIT
else
  site_root="$out_dir/sites"
  mkdir -p "$site_root"
fi
declare -A med max_kb html
for n in "${sizes[@]}"; do
  ensure_corpus plain "$n" "$out_dir/corpus-$n-plain"
  ensure_corpus hugo "$n" "$out_dir/corpus-$n-hugo"
done

for n in "${sizes[@]}"; do
  declare -A times=([lontar]="" [hugo]="")
  declare -A peak=([lontar]=0 [hugo]=0)
  declare -A src=([lontar]="$out_dir/corpus-$n-plain" [hugo]="$out_dir/corpus-$n-hugo")
  for tool in lontar hugo; do
    log "$n pages: $tool warm-up"
    run_tool "$tool" "${src[$tool]}" "$site_root/site-$n-$tool" "$n"
  done
  # Alternate the tools so that machine noise hits both alike.
  for ((i = 1; i <= RUNS; i++)); do
    for tool in lontar hugo; do
      run_tool "$tool" "${src[$tool]}" "$site_root/site-$n-$tool" "$n"
      log "$n pages: $tool run $i/$RUNS: ${run_secs} s, $((run_kb / 1024)) MB, $run_html html"
      times[$tool]+="$run_secs"$'\n'
      [ "$run_kb" -gt "${peak[$tool]}" ] && peak[$tool]=$run_kb
      html[$n,$tool]=$run_html
    done
  done
  for tool in lontar hugo; do
    med[$n,$tool]=$(printf '%s' "${times[$tool]}" | median)
    max_kb[$n,$tool]=${peak[$tool]}
  done
  unset times peak src
done

# --- report ------------------------------------------------------------------------
echo
echo "lontar: $lontar_version ($threads threads${LONTAR_THREADS:+, LONTAR_THREADS=$LONTAR_THREADS})"
echo "hugo:   $hugo_version"
echo "runs:   $RUNS timed per tool and corpus after one warm-up; median wall time; peak = max RSS over timed runs"
echo "seed:   $seed; CPUs: $(nproc); sites written to $site_root"
echo
printf '%-8s %-7s %7s %10s %10s %9s %8s\n' corpus tool pages 'median s' 'pages/s' 'peak MB' 'html'
for n in "${sizes[@]}"; do
  for tool in lontar hugo; do
    awk -v c="$n" -v t="$tool" -v p="$n" -v s="${med[$n,$tool]}" -v kb="${max_kb[$n,$tool]}" -v h="${html[$n,$tool]}" \
      'BEGIN { printf "%-8s %-7s %7d %10.2f %10s %9.1f %8d\n", c, t, p, s,
               (s > 0 ? sprintf("%.0f", p / s) : "inf"), kb / 1024, h }'
  done
done
echo
for n in "${sizes[@]}"; do
  awk -v c="$n" -v sl="${med[$n,lontar]}" -v sh="${med[$n,hugo]}" \
      -v ml="${max_kb[$n,lontar]}" -v mh="${max_kb[$n,hugo]}" \
    'BEGIN {
       speed = (sl > 0 ? sprintf("%.2fx", sh / sl) : "n/a (lontar under 0.01 s)")
       printf "ratio %-6s lontar/hugo pages/s: %s   lontar/hugo peak memory: %.2fx\n", c, speed, ml / mh
     }'
done
