#!/usr/bin/env bash
# A small site end to end: pages, sections, static files, links, headings.
. "$(dirname "$0")/lib.sh"

out="$WORK/out"
run build "$FIXTURES/basic" -o "$out"
expect_status 0

for f in index.html panduan/index.html panduan/langkah-satu.html panduan/langkah-dua.html \
  tanpa-indeks/halaman.html tanpa-indeks/index.html unduhan/formulir.pdf unduhan/peta.png \
  assets/style.css; do
  expect_file "$out/$f"
done
cmp "$FIXTURES/basic/unduhan/peta.png" "$out/unduhan/peta.png" || fail "static file changed"
ok

# .md links become relative .html links; folder links name index.html.
expect_contains "$out/index.html" '<a href="panduan/index.html">panduan</a>'
expect_contains "$out/index.html" '<a href="panduan/langkah-dua.html#catatan-penting">langkah kedua</a>'
expect_contains "$out/index.html" '<a href="unduhan/formulir.pdf">formulir</a>'
expect_contains "$out/index.html" '<img src="unduhan/peta.png" alt="peta" />'
expect_contains "$out/index.html" '<a href="https://example.org/">https://example.org/</a>'
expect_contains "$out/tanpa-indeks/halaman.html" '<a href="../panduan/index.html">bagian panduan</a>'

# Headings: stable, unique ids with a self-link.
expect_contains "$out/panduan/langkah-dua.html" '<h2>Catatan Penting<a class="heading-anchor" id="catatan-penting" href="#catatan-penting" aria-label="Tautan ke bagian ini">#</a></h2>'
expect_contains "$out/panduan/langkah-dua.html" 'id="catatan-penting-1"'
expect_contains "$out/panduan/langkah-dua.html" '<a href="langkah-satu.html#tujuan">langkah satu</a>'

# GFM: table, strikethrough, task list, footnotes.
p="$out/panduan/langkah-satu.html"
expect_contains "$p" '<td><del>b</del></td>'
expect_contains "$p" '<input type="checkbox" checked="" disabled="" /> selesai'
expect_contains "$p" '<section class="footnotes" data-footnotes>'

# Title falls back to the first heading; section titles from _index.md.
expect_contains "$out/tanpa-indeks/halaman.html" '<title>Halaman Tanpa Judul di Front Matter'
expect_contains "$out/panduan/index.html" '<title>Panduan'

# Navigation: weight order then name; nav: in lontar.yml orders the top.
expect_contains "$out/panduan/langkah-satu.html" 'href="langkah-dua.html"'
expect_contains "$out/panduan/langkah-dua.html" 'rel="prev" href="langkah-satu.html"'
expect_contains "$out/panduan/langkah-dua.html" 'rel="next" href="../tanpa-indeks/index.html"'
expect_contains "$out/index.html" 'rel="next" href="panduan/index.html"'

# Every URL in the output is relative: no absolute paths, no network assets.
if grep -rEo '(href|src)="(/|https?://)[^"]*"' "$out" --include='*.html' | grep -v 'href="https://example.org/"'; then
  fail "absolute or network URL in output"
fi
ok
expect_contains "$out/panduan/langkah-satu.html" 'href="../assets/style.css"'
# A section page lists each entry with its description.
write "$WORK/desc/index.md" $'---\ntitle: Beranda\n---\nHalo.\n'
write "$WORK/desc/bagian/a.md" $'---\ntitle: Modul A\ndescription: Dasar <kesejahteraan> sosial\n---\nIsi.\n'
write "$WORK/desc/bagian/b.md" $'---\ntitle: Modul B\n---\nIsi.\n'
run build "$WORK/desc" -o "$WORK/desc-out"
expect_status 0
expect_contains "$WORK/desc-out/bagian/index.html" '<a href="a.html">Modul A</a><br><span class="child-description">Dasar &lt;kesejahteraan&gt; sosial</span></li>'
expect_contains "$WORK/desc-out/bagian/index.html" '<a href="b.html">Modul B</a></li>'
finish
