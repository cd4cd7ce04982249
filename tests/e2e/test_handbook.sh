#!/usr/bin/env bash
# The handbook: the print edition and its PDF in both editions, checked in
# the PDF itself (table of contents against the pages modules start on,
# running headers, footnotes, cross-references, fonts, bookmarks), the
# handbook settings, and the bundled curriculum's handbooks.
. "$(dirname "$0")/lib.sh"

# The other tests skip the PDF (tests/CMakeLists.txt); this one makes it.
unset LONTAR_HANDBOOK_PDF
for tool in weasyprint pdftotext pdfinfo pdffonts; do
  command -v "$tool" >/dev/null ||
    fail "$tool is not installed: run scripts/install-deps.sh (weasyprint, poppler-utils)"
done

# The bundled curriculum takes the longest: both editions build in the
# background while the fixture is checked.
content=$(copy_content)
"$LONTAR" build "$content" -o "$WORK/content-peserta" >"$WORK/content-peserta.log" 2>&1 &
content_peserta=$!
"$LONTAR" build "$content" -o "$WORK/content-pelatih" --edition pelatih \
  >"$WORK/content-pelatih.log" 2>&1 &
content_pelatih=$!

site="$FIXTURES/handbook"
peserta="$WORK/peserta"
pelatih="$WORK/pelatih"
run build "$site" -o "$peserta" --strict
expect_status 0
expect_stderr "(PDF "
if grep -q "weasyprint:" "$WORK/stderr"; then fail "WeasyPrint complained: $(cat "$WORK/stderr")"; fi
ok
run build "$site" -o "$pelatih" --edition pelatih --strict
expect_status 0

# Each build has the handbook of its own edition only.
expect_file "$peserta/handbook.html"
expect_file "$peserta/handbook.pdf"
expect_no_path "$peserta/handbook-pelatih.html"
expect_no_path "$peserta/handbook-pelatih.pdf"
expect_file "$pelatih/handbook-pelatih.html"
expect_file "$pelatih/handbook-pelatih.pdf"
expect_no_path "$pelatih/handbook.html"
expect_no_path "$pelatih/handbook.pdf"

# Every page links to its edition's handbook.
expect_contains "$peserta/modul/m1.html" '<a href="../handbook.pdf">Unduh buku pegangan (PDF)</a>'
expect_contains "$peserta/modul/m1.html" '<a href="../handbook.html">'
expect_contains "$pelatih/index.html" '<a href="handbook-pelatih.pdf">'
expect_contains "$pelatih/index.html" '<a href="handbook-pelatih.html">'

# The print edition: one file, ids unique per page, footnotes at their
# reference, links into the book, relative images, nothing left out shown.
h="$peserta/handbook.html"
expect_contains "$h" '<html lang="id">'
expect_contains "$h" '<meta name="author" content="Balai Uji Kesejahteraan Sosial">'
expect_contains "$h" '<p class="cover-edition">Edisi Peserta</p>'
expect_contains "$h" '<span class="footnote" id="p-'
expect_contains "$h" 'class="footnote-again"'
expect_not_contains "$h" '<section class="footnotes"'
expect_not_contains "$h" 'footnote-backref'
expect_contains "$h" 'class="xref">Pendampingan Lanjut</a><span class="xref-page" data-href="#p-'
expect_contains "$h" '<a href="https://contoh.example.org/panduan" class="url">'
expect_contains "$h" '<a href="https://contoh.example.org/">https://contoh.example.org/</a>'
expect_contains "$h" 'src="gambar/alur.svg"'
expect_not_contains "$h" '<link rel="stylesheet"'
expect_not_contains "$h" 'CATATAN-PANITIA-SAJA'
expect_not_contains "$h" 'Beranda Uji'
expect_not_contains "$h" '<p class="cover-date">'
ids=$(grep -o ' id="[^"]*"' "$h" | sort | uniq -d)
[ -z "$ids" ] || fail "ids used twice in the handbook: $ids"
ok
# The same sources make the same book: the date is never the clock.
LONTAR_HANDBOOK_PDF=never run build "$site" -o "$WORK/again"
expect_status 0
cmp -s "$h" "$WORK/again/handbook.html" || fail "handbook.html differs between two builds"
ok
SOURCE_DATE_EPOCH=1704067200 LONTAR_HANDBOOK_PDF=never run build "$site" -o "$WORK/dated"
expect_status 0
expect_contains "$WORK/dated/handbook.html" '<p class="cover-date">1 Januari 2024</p>'
expect_contains "$WORK/dated/handbook.html" '<meta name="dcterms.created" content="2024-01-01T00:00:00Z">'

# The PDF, read back: page count and size, metadata, embedded fonts,
# bookmarks, the table of contents against the pages chapters start on,
# running headers, footnotes at the foot of their page, page references.
check_pdf() {
  python3 - "$@" <<'PY'
import re, subprocess, sys

pdf, title, min_pages, max_pages = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
def run(*cmd):
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
def fail(msg):
    sys.exit(f"{pdf}: {msg}")

info = dict(l.split(":", 1) for l in run("pdfinfo", pdf).splitlines() if ":" in l)
n = int(info["Pages"])
if not min_pages <= n <= max_pages:
    fail(f"{n} pages, expected {min_pages}-{max_pages}")
if "(A4)" not in info["Page size"]:
    fail(f"page size {info['Page size']}")
if info["Title"].strip() != title:
    fail(f"title {info['Title']!r}")

fonts = run("pdffonts", pdf).splitlines()[2:]
if not fonts or any(f.split()[-5] != "yes" for f in fonts):
    fail("fonts not embedded:\n" + "\n".join(fonts))

pages = run("pdftotext", "-layout", pdf, "-").split("\f")[:n]
def flat(text):  # one line, hyphenation undone
    return re.sub(r"\u2010\s+", "", " ".join(text.split()))
toc_at = next(i for i, p in enumerate(pages) if i > 0 and "Daftar Isi" in p)
toc_end = toc_at + 1
while toc_end < n and re.search(r"\.{5,} ?\d+", pages[toc_end]):
    toc_end += 1
toc = flat(" ".join(pages[toc_at:toc_end]))
entries = re.findall(r"Modul (M\d+) .*?\.{3,} ?(\d+)", toc)
if not entries:
    fail("no modules in the table of contents:\n" + pages[toc_at])
for module, number in entries:
    start = next((i + 1 for i, p in enumerate(pages) if re.search(rf"\bMODUL {module}\b", p)),
                 None)
    if start != int(number):
        fail(f"contents say {module} starts on page {number}, it starts on {start}")
    if start % 2 != 1:
        fail(f"{module} starts on page {start}, a left-hand page")
    if f"hlm. {start} dari {n}" not in flat(pages[start - 1]):
        fail(f"page {start} does not say it is page {start} of {n}")
    # A page reference to a module names the page it starts on.
    for i, p in enumerate(pages[toc_end:]):
        for ref in re.findall(r"\b%s\b \(lihat hlm\. (\d+)\)" % module, flat(p)):
            if int(ref) != start:
                fail(f"page {toc_end + 1 + i} refers to {module} as page {ref}, not {start}")
print(" ".join(f"{m}={p}" for m, p in entries))
PY
}
check_pdf "$peserta/handbook.pdf" "Buku Pegangan Uji" 12 40 >"$WORK/modules" || fail "participant PDF"
ok
check_pdf "$pelatih/handbook-pelatih.pdf" "Buku Pegangan Uji" 12 40 >/dev/null || fail "trainer PDF"
ok
[ "$(cat "$WORK/modules")" != "" ] || fail "no module pages found"

python3 - "$peserta/handbook.pdf" "$(cat "$WORK/modules")" <<'PY' || fail "fixture PDF layout"
import re, subprocess, sys
pdf, modules = sys.argv[1], dict(m.split("=") for m in sys.argv[2].split())
text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True,
                      check=True).stdout
pages = text.split("\f")
def top(i):  # the running header: first line of page i (1-based)
    return next(l for l in pages[i - 1].splitlines() if l.strip()).strip()
m1, m2 = int(modules["M1"]), int(modules["M2"])
assert m2 - m1 >= 3, f"M1 spans {m2 - m1} pages; the test needs at least 3"
assert top(m1 + 1) == "Buku Pegangan Uji", f"left-hand header: {top(m1 + 1)!r}"
assert top(m1 + 2) == "Dasar Pendampingan", f"right-hand header: {top(m1 + 2)!r}"
flat = [re.sub(r"\u2010\s+", "", " ".join(p.split())) for p in pages]
at = lambda s: [i + 1 for i, p in enumerate(flat) if s in p]
call, note = at("KALIMAT-BERCATATAN"), at("CATATAN-KAKI-SATU")
assert call and call == note, f"footnote on page {note}, its reference on {call}"
lines = pages[call[0] - 1].splitlines()
assert [i for i, l in enumerate(lines) if "CATATAN-KAKI-SATU" in l][0] > \
    [i for i, l in enumerate(lines) if "KALIMAT-BERCATATAN" in l][0], "footnote above its text"
assert f"Pendampingan Lanjut (lihat hlm. {m2})" in flat[m1 - 1], "page reference to M2"
assert "langkah kedua (lihat hlm. " in flat[m1 - 1], "page reference to a heading"
assert "(https://contoh.example.org/panduan)" in " ".join(flat), "external URL printed"
PY
ok

# Bookmarks: parts, chapters and their sections; not lontar's boxes.
pdfraw="$WORK/raw.pdf"
cp "$peserta/handbook.pdf" "$pdfraw"
grep -aq '/Outlines' "$pdfraw" || fail "the PDF has no bookmarks"
grep -aq '/Title (Dasar Pendampingan)' "$pdfraw" || fail "no bookmark for M1"
grep -aq '/Title (Langkah kedua)' "$pdfraw" || fail "no bookmark for a section"
if grep -aq '/Title (Tujuan pembelajaran)' "$pdfraw"; then fail "module summary bookmarked"; fi
ok

# Editions: trainer notes only in the trainer's book. text_of: the PDF's
# text on one line, lines broken at a hyphen or by hyphenation joined.
text_of() {
  pdftotext "$1" - | python3 -c 'import re, sys
print(re.sub(r"(?<=[-\u2010])\s+", "", " ".join(sys.stdin.read().split())).replace("\u2010", ""))'
}
if text_of "$peserta/handbook.pdf" | grep -q "PENANDA-PELATIH-7731"; then
  fail "the participant PDF has the trainer marker"
fi
text_of "$pelatih/handbook-pelatih.pdf" | grep -q "PENANDA-PELATIH-7731" ||
  fail "the trainer PDF lacks the trainer marker"
ok

# ---- settings ----

# with_handbook NAME LINES: a copy of the fixture with LINES under handbook:.
with_handbook() {
  cp -r "$site" "$WORK/$1"
  python3 - "$WORK/$1/lontar.yml" "$2" <<'PY'
import sys
path, lines = sys.argv[1], sys.argv[2]
text = open(path).read().replace("handbook:\n", "handbook:\n" + lines + "\n", 1)
open(path, "w").write(text)
PY
}

with_handbook never "  pdf: never"
run build "$WORK/never" -o "$WORK/never-out"
expect_status 0
expect_file "$WORK/never-out/handbook.html"
expect_no_path "$WORK/never-out/handbook.pdf"
expect_not_contains "$WORK/never-out/index.html" 'handbook.pdf'
expect_contains "$WORK/never-out/index.html" '<a href="handbook.html">Buku pegangan versi cetak</a>'
if grep -q "(PDF" "$WORK/stderr"; then fail "a PDF time without a PDF"; fi
ok

with_handbook always "  pdf: always"
PATH=/nonexistent run build "$WORK/always" -o "$WORK/always-out"
expect_status 1
expect_stderr "lontar.yml:5:8: error: handbook.pdf is 'always' but WeasyPrint is not installed"
expect_no_path "$WORK/always-out"

# auto without WeasyPrint: the site and print edition, and a note (not a
# warning: --strict passes).
PATH=/nonexistent run build "$site" -o "$WORK/auto-out" --strict
expect_status 0
expect_stderr "lontar: note: no handbook PDF: WeasyPrint is not installed"
expect_file "$WORK/auto-out/handbook.html"
expect_no_path "$WORK/auto-out/handbook.pdf"
expect_not_contains "$WORK/auto-out/index.html" 'handbook.pdf'

# A time limit: WeasyPrint is stopped, the build fails.
with_handbook slow "  timeout_s: 0.001"
run build "$WORK/slow" -o "$WORK/slow-out"
expect_status 1
expect_stderr "handbook.html:1:1: error: weasyprint did not finish within 0.001 s"

# WeasyPrint's messages become warnings at handbook.html.
write "$WORK/broken/lontar.yml" "title: Rusak"
write "$WORK/broken/index.md" "![gambar](rusak.png)"
write "$WORK/broken/rusak.png" "bukan gambar"
run build "$WORK/broken" -o "$WORK/broken-out"
expect_status 0
expect_stderr "handbook.html:1:1: warning: weasyprint: "

cp -r "$site" "$WORK/off"
printf 'title: Mati\nhandbook: false\n' >"$WORK/off/lontar.yml"
LONTAR_HANDBOOK_PDF=never run build "$WORK/off" -o "$WORK/off-out"
expect_status 0
expect_no_path "$WORK/off-out/handbook.html"
expect_not_contains "$WORK/off-out/index.html" 'handbook.html'

# Every mistake in the settings, at its position.
cp -r "$site" "$WORK/bad"
cat >"$WORK/bad/lontar.yml" <<'EOF'
title: Salah
handbook:
  pdf: kadang
  paper: B5
  pages: [pengantar.md, modl]
  exclude: [tidak-ada.md]
  warna: merah
EOF
write "$WORK/bad/lain.md" $'---\nhandbook: mungkin\n---\nIsi.\n'
LONTAR_HANDBOOK_PDF=sometimes run check "$WORK/bad"
expect_status 1
expect_stderr "lontar.yml:3:8: error: 'handbook.pdf' must be auto, always or never"
expect_stderr "lontar.yml:4:10: error: 'handbook.paper' must be A4, A5 or letter"
expect_stderr "lontar.yml:5:25: error: handbook.pages: no page or folder 'modl' in the site (did you mean 'modul'?)"
expect_stderr "lontar.yml:6:13: error: handbook.exclude: no page or folder 'tidak-ada.md' in the site"
expect_stderr "lontar.yml:7:3: error: unknown key 'warna' in handbook"
expect_stderr "lain.md:2:11: error: 'handbook' must be true or false"
expect_stderr "LONTAR_HANDBOOK_PDF:1:1: error: must be auto, always or never, not 'sometimes'"

# A4 is the default; A5 and letter change the page.
cp -r "$site" "$WORK/a5"
sed -i 's/paper: A4/paper: a5/' "$WORK/a5/lontar.yml"
LONTAR_HANDBOOK_PDF=never run build "$WORK/a5" -o "$WORK/a5-out"
expect_status 0
expect_contains "$WORK/a5-out/handbook.html" '@page { size: A5;'

# ---- the bundled curriculum ----

wait "$content_peserta" || fail "content (peserta): $(cat "$WORK/content-peserta.log")"
wait "$content_pelatih" || fail "content (pelatih): $(cat "$WORK/content-pelatih.log")"
cat "$WORK/content-peserta.log" "$WORK/content-pelatih.log" >&2
title=$(sed -n 's/^title: //p' "$content/lontar.yml")
check_pdf "$WORK/content-peserta/handbook.pdf" "$title" 40 400 || fail "content PDF"
check_pdf "$WORK/content-pelatih/handbook-pelatih.pdf" "$title" 40 400 || fail "content PDF"
expect_no_path "$WORK/content-peserta/handbook-pelatih.pdf"
# A trainer note of module 5, only in the trainer's book.
note="bukan terapis klinis"
if text_of "$WORK/content-peserta/handbook.pdf" | grep -q "$note"; then
  fail "the participant handbook has a trainer note"
fi
text_of "$WORK/content-pelatih/handbook-pelatih.pdf" | grep -q "$note" ||
  fail "the trainer handbook lacks its notes"
ok

finish
