#!/usr/bin/env bash
# Output safety: the build writes only inside OUT (plus its temporary
# sibling), swaps atomically, never replaces a folder it did not make, and is
# reproducible byte for byte.
. "$(dirname "$0")/lib.sh"

cp -r "$FIXTURES/basic" "$WORK/site"
mkdir "$WORK/parent"
snapshot() { (cd "$WORK" && find . -path ./parent/out -prune -o ! -name stdout ! -name stderr -print | LC_ALL=C sort); }
before=$(snapshot)
run build "$WORK/site" -o "$WORK/parent/out"
expect_status 0
after=$(snapshot)
[ "$before" = "$(echo "$after" | grep -v '^./parent/out$')" ] || fail "files written outside OUT:
$(diff <(echo "$before") <(echo "$after"))"
ok
expect_file "$WORK/parent/out/.lontar-output"

# Reproducible: a second build gives byte-identical output.
run build "$WORK/site" -o "$WORK/again"
expect_status 0
diff -r "$WORK/parent/out" "$WORK/again" >/dev/null || fail "output is not reproducible"
ok
# ...also with a different number of threads.
run build "$WORK/site" -o "$WORK/one-thread" -j 1
expect_status 0
diff -r "$WORK/parent/out" "$WORK/one-thread" >/dev/null || fail "output depends on threads"
ok

# A rebuild replaces the old output (stale files go away).
echo stale >"$WORK/parent/out/stale.html"
run build "$WORK/site" -o "$WORK/parent/out"
expect_status 0
expect_no_path "$WORK/parent/out/stale.html"

# A folder lontar did not make is never replaced.
mkdir -p "$WORK/mine"
echo precious >"$WORK/mine/thesis.txt"
run build "$WORK/site" -o "$WORK/mine"
expect_status 1
expect_stderr "output folder exists and was not made by lontar"
expect_contains "$WORK/mine/thesis.txt" precious
# An empty folder is fine.
mkdir "$WORK/empty"
run build "$WORK/site" -o "$WORK/empty"
expect_status 0
expect_file "$WORK/empty/index.html"
# OUT may not contain the source.
run build "$WORK/site" -o "$WORK"
expect_status 1
# A file in the way is an error, left alone.
echo file >"$WORK/afile"
run build "$WORK/site" -o "$WORK/afile"
expect_status 1
expect_stderr "output folder exists and is not a folder"
expect_contains "$WORK/afile" file
# Pages parsed on several threads at once keep their GFM extensions:
# cmark-gfm's inline parser shares one global table of special characters.
mkdir -p "$WORK/many"
for i in $(seq 1 300); do
  printf -- '---\ntitle: Halaman %d\n---\nTeks ~~lama~~ baru, lihat https://contoh.id/%d dan *ini*.\n' "$i" "$i" >"$WORK/many/h$i.md"
done
run build "$WORK/many" -o "$WORK/many-out" -j 4
expect_status 0
for i in $(seq 1 300); do
  grep -qF '<del>lama</del>' "$WORK/many-out/h$i.html" || fail "h$i.html lost its strikethrough"
  grep -qF "<a href=\"https://contoh.id/$i\">" "$WORK/many-out/h$i.html" || fail "h$i.html lost its autolink"
done
ok
finish
