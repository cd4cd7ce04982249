#!/usr/bin/env bash
# Every kind of bad input gives path:line:col diagnostics, exit 1, and no
# output; the previous output stays as it was.
. "$(dirname "$0")/lib.sh"

# new_site NAME: a fresh valid site at $WORK/NAME with a previous good build
# in $WORK/NAME-out.
new_site() {
  S="$WORK/$1"
  O="$WORK/$1-out"
  write "$S/index.md" $'# Beranda\n\nTeks.\n'
  run build "$S" -o "$O"
  expect_status 0
  cp -r "$O" "$O.before"
}

# expect_failed_build: exit 1, the previous output unchanged, no temp folders.
expect_failed_build() {
  run build "$S" -o "$O"
  expect_status 1
  diff -r "$O.before" "$O" >/dev/null || fail "previous output changed"
  ok
  [ -z "$(find "$WORK" -maxdepth 1 -name '.*tmp-*')" ] || fail "temporary folder left behind"
  ok
}

# 1. invalid YAML in front matter: error at its line.
new_site fm_yaml
write "$S/rusak.md" $'---\ntitle: Judul\nid: [tidak ditutup\n---\nIsi\n'
expect_failed_build
expect_stderr "rusak.md:4:1: error: invalid YAML: did not find expected ',' or ']' while parsing a flow sequence started at line 3, column 5"

# 2. invalid YAML in lontar.yml.
new_site cfg_yaml
write "$S/lontar.yml" $'title: Situs\n  language: id\n'
expect_failed_build
expect_stderr "lontar.yml:2:11: error: invalid YAML: mapping values are not allowed in this context"

# 2b. unknown key and wrong type in lontar.yml.
new_site cfg_keys
write "$S/lontar.yml" $'title: Situs\nbahasa: id\nmarkdown:\n  unsafe: kadang\n'
expect_failed_build
expect_stderr "lontar.yml:2:1: error: unknown key 'bahasa'"
expect_stderr "lontar.yml:4:11: error: 'markdown.unsafe' must be true or false"

# 3. unterminated front matter.
new_site fm_open
write "$S/terbuka.md" $'---\ntitle: Tanpa penutup\n\n# Isi\n'
expect_failed_build
expect_stderr "terbuka.md:1:1: error: front matter opened with '---' is never closed"

# 4. invalid UTF-8, with its position.
new_site utf8
printf '# Judul\n\nKata ca\xffu\n' >"$S/latin1.md"
expect_failed_build
expect_stderr "latin1.md:3:8: error: invalid UTF-8"

# 5. binary file named .md.
new_site binary
printf '\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR' >"$S/gambar.md"
expect_failed_build
expect_stderr "gambar.md:3:1: error: binary data (a NUL byte) in a Markdown file"

# 6. broken link and missing anchor.
new_site links
write "$S/a.md" $'# A\n\nLihat [B](b.md) dan [bagian](index.md#tidak-ada).\n'
expect_failed_build
expect_stderr "a.md:3:7: error: broken link 'b.md': b.md does not exist"
expect_stderr "a.md:3:21: error: broken link 'index.md#tidak-ada': index.md has no heading with id 'tidak-ada'"

# 7. duplicate page id.
new_site dup
write "$S/satu.md" $'---\nid: M1\n---\n# Satu\n'
write "$S/dua.md" $'---\ntitle: Dua\nid: M1\n---\n'
expect_failed_build
expect_stderr "satu.md:2:5: error: duplicate page id 'M1' (also used by dua.md)"

# 8. an output path that would escape OUT.
new_site escape
write "$S/lari.md" $'---\nurl: ../../lari.html\n---\n# Lari\n'
expect_failed_build
expect_stderr "lari.md:2:6: error: output path '../../lari.html' is not allowed: path climbs out of its folder with '..'"
expect_no_path "$WORK/lari.html"
write "$S/lari.md" $'---\nurl: /tmp/lari.html\n---\n# Lari\n'
expect_failed_build
expect_stderr "error: output path '/tmp/lari.html' is not allowed: absolute path"

# 9. an unreadable file (run as an unprivileged user when we are root).
new_site unreadable
write "$S/rahasia.md" $'# Rahasia\n'
chmod 000 "$S/rahasia.md"
if [ "$(id -u)" -eq 0 ]; then
  chmod 755 "$WORK"
  chmod -R a+rwX "$S" "$O" "$O.before"
  chmod 000 "$S/rahasia.md"
  chmod 777 "$WORK"
  set +e
  setpriv --reuid=65534 --regid=65534 --clear-groups "$LONTAR" build "$S" -o "$O" \
    >"$WORK/stdout" 2>"$WORK/stderr"
  STATUS=$?
  set -e
  chmod 700 "$WORK"
  expect_status 1
else
  expect_failed_build
fi
expect_stderr "rahasia.md:1:1: error: cannot read file: Permission denied"
diff -r "$O.before" "$O" >/dev/null || fail "previous output changed"
ok
chmod 644 "$S/rahasia.md"

# 10. many problems at once: all are reported, not only the first.
new_site many
write "$S/a.md" $'---\nweight: berat\n---\n# A\n'
write "$S/b.md" $'---\ndraft: mungkin\n---\n# B\n'
write "$S/c.md" $'# C\n\n[x](tidak-ada.md)\n'
expect_failed_build
[ "$(diagnostic_count)" -eq 3 ] || fail "expected 3 diagnostics, got: $(cat "$WORK/stderr")"
ok
expect_stderr "a.md:2:9: error: 'weight' must be a number"
expect_stderr "b.md:2:8: error: 'draft' must be true or false"
expect_stderr "lontar: build failed: 0 pages, 0 files, 0 warnings, 3 errors"

# 11. UTF-8 BOM and CRLF line endings are accepted and read as usual.
new_site crlf
printf '\xef\xbb\xbf---\r\ntitle: Judul CRLF\r\n---\r\n## Bagian Satu\r\n\r\nBaris [tautan](index.md#beranda).\r\n' >"$S/crlf.md"
run build "$S" -o "$O"
expect_status 0
expect_contains "$O/crlf.html" "<title>Judul CRLF"
expect_contains "$O/crlf.html" 'id="bagian-satu"'
expect_contains "$O/crlf.html" '<a href="index.html#beranda">tautan</a>'

# 12. an empty file is a warning (the page is built, titled by its name);
#     --strict turns the warning into a failure.
new_site empty
: >"$S/kosong.md"
run build "$S" -o "$O"
expect_status 0
expect_stderr "kosong.md:1:1: warning: empty page"
expect_contains "$O/kosong.html" "<title>kosong"
cp -r "$O" "$WORK/empty-good"
run build "$S" -o "$O" --strict
expect_status 1
expect_stderr "kosong.md:1:1: error: empty page"
diff -r "$WORK/empty-good" "$O" >/dev/null || fail "strict failure changed the output"
ok

# 13. a symbolic link is not followed.
new_site symlink
ln -s /etc/passwd "$S/passwd.md"
run build "$S" -o "$O"
expect_status 0
expect_stderr "passwd.md:1:1: warning: symbolic link is not followed"
expect_no_path "$O/passwd.html"
finish
