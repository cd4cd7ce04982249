#!/usr/bin/env bash
# The command line: commands, help, exit statuses.
. "$(dirname "$0")/lib.sh"

run version
expect_status 0
expect_stdout "lontar "

for args in "help" "--help" "help build" "build --help" "version --help" "help version"; do
  # shellcheck disable=SC2086
  run $args
  expect_status 0
  expect_stdout "usage: lontar"
done
run build --help
expect_stdout "--strict"

run
expect_status 2
expect_stderr "no command given"
run frobnicate
expect_status 2
expect_stderr "unknown command: frobnicate"
run build --nope
expect_status 2
expect_stderr "unknown option: --nope"
run build a b
expect_status 2
run build -o
expect_status 2
run help nope
expect_status 2
run version extra
expect_status 2

# A missing source folder is a content error (1), not a usage error.
run build "$WORK/missing"
expect_status 1
expect_stderr "source folder does not exist"
expect_no_path "$WORK/missing"

# Default output folder is SRC/_site; the summary line names what was built.
cp -r "$FIXTURES/basic" "$WORK/site"
run build "$WORK/site"
expect_status 0
expect_file "$WORK/site/_site/index.html"
expect_stderr "lontar: built: 6 pages, 2 files, 0 warnings, 0 errors in"
# Building again skips its own output folder (no _site/_site).
run build "$WORK/site"
expect_status 0
expect_no_path "$WORK/site/_site/_site"
finish
