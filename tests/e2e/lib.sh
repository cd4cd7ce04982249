# Shared helpers for end-to-end tests: each test script sources this, builds
# fixture sites with the real binary ($LONTAR) and asserts on exit codes,
# diagnostics and exact output fragments.
set -euo pipefail
: "${LONTAR:?set LONTAR to the lontar binary}"
: "${LT_SOURCE_DIR:?set LT_SOURCE_DIR to the repository root}"
WORK=$(mktemp -d)
trap 'chmod -R u+rwX "$WORK" 2>/dev/null; rm -rf "$WORK"' EXIT
# Fixtures are built from a copy outside the repository: inside it, lontar
# would read them from git (committed content, dates from this project's
# history), and the tests must not depend on how the checkout was made.
cp -r "$LT_SOURCE_DIR/tests/fixtures" "$WORK/fixtures"
FIXTURES="$WORK/fixtures"
# copy_content: a copy of the bundled curriculum in $WORK/content.
copy_content() {
  [ -d "$WORK/content" ] || cp -r "$LT_SOURCE_DIR/content" "$WORK/content"
  echo "$WORK/content"
}
STATUS=0
CHECKS=0

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

ok() {
  CHECKS=$((CHECKS + 1))
}

# write FILE TEXT: creates FILE (and its folders) with exactly TEXT.
write() {
  mkdir -p "$(dirname "$1")"
  printf '%s' "$2" >"$1"
}

# run ARGS...: runs lontar, keeping its exit status and output.
run() {
  set +e
  "$LONTAR" "$@" >"$WORK/stdout" 2>"$WORK/stderr"
  STATUS=$?
  set -e
}

expect_status() {
  [ "$STATUS" -eq "$1" ] || fail "exit status $STATUS, expected $1. stderr:
$(cat "$WORK/stderr")"
  ok
}

expect_stderr() {
  grep -qF -- "$1" "$WORK/stderr" || fail "stderr lacks '$1'. stderr:
$(cat "$WORK/stderr")"
  ok
}

expect_stdout() {
  grep -qF -- "$1" "$WORK/stdout" || fail "stdout lacks '$1'. stdout:
$(cat "$WORK/stdout")"
  ok
}

expect_file() {
  [ -f "$1" ] || fail "missing file $1"
  ok
}

expect_no_path() {
  [ ! -e "$1" ] || fail "$1 should not exist"
  ok
}

expect_contains() {
  [ -f "$1" ] || fail "missing file $1"
  grep -qF -- "$2" "$1" || fail "$1 lacks '$2'"
  ok
}

expect_not_contains() {
  if grep -qF -- "$2" "$1"; then fail "$1 should not contain '$2'"; fi
  ok
}

# The number of lines of stderr that are diagnostics.
diagnostic_count() {
  grep -cE '^[^ ]+:[0-9]+:[0-9]+: (error|warning): ' "$WORK/stderr" || true
}

finish() {
  echo "$(basename "$0"): $CHECKS checks passed"
}
