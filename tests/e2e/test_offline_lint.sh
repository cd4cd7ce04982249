#!/usr/bin/env bash
# The offline lint: anything in the output that would break reading from a
# USB stick is a warning, and fails the build with --strict.
. "$(dirname "$0")/lib.sh"

s="$WORK/site"
write "$s/index.md" $'# Beranda\n\nLihat [peta](https://example.org/peta) di internet.\n'
write "$s/themes/default/templates/partials/head-extra.html" \
  $'<script src="https://cdn.example.org/lib.js"></script>\n<link rel="stylesheet" href="/gaya.css">\n'
write "$s/gambar/gaya.css" $'@import url("https://fonts.example.org/x.css");\n'
run build "$s" -o "$WORK/out"
expect_status 0
expect_stderr "out/index.html:"
expect_stderr "warning: loads 'https://cdn.example.org/lib.js' from the network; offline readers will not get it"
expect_stderr "warning: absolute path '/gaya.css' does not work from a USB stick"
expect_stderr "out/gambar/gaya.css:1:1: warning: @import pulls in another stylesheet; inline it instead"
# A link the reader follows to another site is fine.
if grep -q "example.org/peta" "$WORK/stderr"; then fail "navigation link was flagged"; fi
ok
cp -r "$WORK/out" "$WORK/before"
run build "$s" -o "$WORK/out" --strict
expect_status 1
expect_stderr "error: loads 'https://cdn.example.org/lib.js' from the network"
diff -r "$WORK/before" "$WORK/out" >/dev/null || fail "strict failure changed the output"
ok

# The default theme and the bundled fixtures are clean.
run build "$FIXTURES/curriculum" -o "$WORK/clean" --strict
expect_status 0
finish
