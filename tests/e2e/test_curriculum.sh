#!/usr/bin/env bash
# The curriculum model: typed pages, cross-references, generated pages,
# and `lontar check`.
. "$(dirname "$0")/lib.sh"

site="$FIXTURES/curriculum"
out="$WORK/out"
run build "$site" -o "$out"
expect_status 0

# Cross-references: title as default text, custom text, competency anchors;
# code spans and code blocks untouched.
expect_contains "$out/index.html" '<a href="modul/m1.html">Dasar Pendampingan</a>'
expect_contains "$out/index.html" '<a href="modul/m2.html">modul kedua</a>'
expect_contains "$out/index.html" '<a href="kompetensi/index.html#K1">Mendampingi keluarga</a>'
expect_contains "$out/index.html" '<code>[[M9]]</code>'
expect_contains "$out/index.html" '[[tidak-diproses]]'
expect_contains "$out/modul/m2.html" '<a href="../konsep/pemberdayaan.html">konsep pemberdayaan</a>'

# Module summary box.
m1="$out/modul/m1.html"
expect_contains "$m1" '<dt>Durasi</dt><dd>2 JP (1 jam 30 menit)</dd>'
expect_contains "$m1" '<li id="obj-M1.1">Peserta mampu menjelaskan pendampingan.</li>'
expect_contains "$m1" '<a href="../kompetensi/index.html#K2">K2</a> Bersikap tidak menghakimi <span class="depth depth-M" title="dikuasai">M</span>'
expect_contains "$m1" '<tr><td>2</td><td>Diskusi kasus</td><td>diskusi</td></tr>'
expect_contains "$out/modul/m3.html" '<dt>Prasyarat</dt><dd><a href="m2.html">M2</a> Pendampingan Lanjut, <a href="m1.html">M1</a> Dasar Pendampingan</dd>'
# Session timing is for trainers only.
expect_not_contains "$m1" '<th scope="col">Menit</th>'

# Framework and coverage matrix.
k="$out/kompetensi/index.html"
expect_contains "$k" '<li id="K1"><span class="competency-id">K1</span> <span class="competency-title">Mendampingi keluarga</span> <span class="competency-tags">keterampilan · mikro · dasar</span>'
expect_contains "$k" '<th scope="rowgroup" colspan="5">U1 Unit pendampingan</th>'
expect_contains "$k" '<td class="depth-I" title="diperkenalkan">I</td><td class="depth-M" title="dikuasai">M</td><td class="depth-A" title="dinilai">A</td><td>3</td></tr>'
expect_contains "$k" '<tfoot><tr><th scope="row">Jumlah kompetensi</th><td>2</td><td>2</td><td>1</td>'
expect_contains "$k" 'class="coverage-complete"'

# Learning paths in prerequisite order.
j="$out/jalur/index.html"
grep -o 'learning-path">.*' -A3 "$j" >/dev/null
order=$(grep -o '<li><a href="../modul/m[0-9].html">M[0-9]</a> [^<]*</li>' "$j" | tail -3 | grep -o 'M[0-9]' | tr -d '\n')
[ "$order" = "M1M2M3" ] || fail "prerequisite order is '$order'"
ok

# The prerequisite graph, inline SVG with links to the modules.
expect_contains "$j" 'role="img"'
expect_contains "$j" 'xlink:href="../modul/m1.html"'
if grep -q '<?xml\|<!DOCTYPE svg' "$j"; then fail "SVG prolog left in the page"; fi
ok

# CASE 1.1 export: required fields, UUIDv5 identifiers, hierarchy and coverage.
python3 - "$out/kompetensi/case.json" <<'PY' || fail "case.json is not a valid CASE package"
import json, re, sys
pkg = json.load(open(sys.argv[1]))
uuid = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
doc = pkg["CFDocument"]
for k in ("identifier", "uri", "creator", "title", "lastChangeDateTime"):
    assert doc[k], k
assert uuid.match(doc["identifier"])
items = pkg["CFItems"]
assert [i["humanCodingScheme"] for i in items] == ["U1", "K1", "K2"], items
for i in items:
    for k in ("identifier", "uri", "fullStatement", "lastChangeDateTime"):
        assert i[k], k
    assert uuid.match(i["identifier"])
assoc = pkg["CFAssociations"]
kinds = [a["associationType"] for a in assoc]
assert kinds.count("isChildOf") == 3 and kinds.count("isRelatedTo") == 5, kinds
for a in assoc:
    for k in ("identifier", "uri", "associationType", "originNodeURI", "destinationNodeURI", "lastChangeDateTime"):
        assert a[k], k
    for end in ("originNodeURI", "destinationNodeURI"):
        assert set(a[end]) >= {"title", "identifier", "uri"}, a[end]
PY
ok
# Identifiers are stable: a second build gives the same file.
run build "$site" -o "$WORK/out2"
cmp "$out/kompetensi/case.json" "$WORK/out2/kompetensi/case.json" || fail "case.json differs between builds"
ok

# Glossary A–Z and backlinks in reading order.
g="$out/glosarium/index.html"
expect_contains "$g" '<dt id="partisipasi"><a href="../konsep/partisipasi.html">Partisipasi</a></dt>'
expect_contains "$g" '<dt id="pemberdayaan"><a href="../konsep/pemberdayaan.html">Pemberdayaan</a> <span class="aliases">(empowerment)</span></dt>'
grep -q 'id="huruf-P"' "$g" || fail "no letter heading"
ok
p="$out/konsep/pemberdayaan.html"
expect_contains "$p" '<li><a href="../index.html">Beranda Kurikulum</a></li>
<li><a href="../modul/m1.html">Dasar Pendampingan</a></li>
<li><a href="../modul/m2.html">Pendampingan Lanjut</a></li>'
expect_contains "$p" '<li>Suharto, E. (2006). <em>Membangun Masyarakat Memberdayakan Rakyat</em>.</li>'

# check: nothing written, passes.
run check "$site" --strict
expect_status 0
expect_stderr "lontar: check passed: 0 warnings, 0 errors"
expect_no_path "$site/_site"

# ---- bad curricula: exact diagnostics and positions ----
bad="$WORK/bad"
cp -r "$site" "$bad"
cat >"$bad/modul/m2.md" <<'MD'
---
id: M2
title: Pendampingan Lanjut
level: menengah
duration: dua
competencies:
  K1: X
  K3: M
prerequisites: [M3]
methods: [ceramah, tarian]
---
Lihat [[pemberdayan]] dan [[M7]].
MD
cat >"$bad/modul/m4.md" <<'MD'
---
id: M4
title: Tanpa detail
sessions:
  - title: Satu
    minutes: 30
MD
printf -- '---\nid: M5\ntitle: Sesi\nlevel: dasar\nduration: 2\nobjectives: [x]\nsessions:\n  - title: Satu\n    minutes: 45\n---\n' >"$bad/modul/m5.md"
printf -- '---\nid: K2\ntitle: Bentrok\n---\n' >"$bad/dup.md"
run check "$bad"
expect_status 1
expect_stderr "modul/m2.md:4:8: error: unknown level 'menengah' (expected one of: dasar, lanjutan, mahir)"
expect_stderr "modul/m2.md:5:11: error: 'duration' must be a positive number of JP"
expect_stderr "modul/m2.md:7:7: error: unknown depth 'X' for 'K1' (expected I, R, M or A)"
expect_stderr "modul/m2.md:8:3: error: unknown competency 'K3' (did you mean 'K1'?)"
expect_stderr "modul/m2.md:9:17: error: prerequisite cycle: M3 → M2 → M3"
expect_stderr "modul/m2.md:10:20: error: unknown method 'tarian'"
expect_stderr "modul/m2.md:12:7: error: unknown reference 'pemberdayan' (did you mean 'pemberdayaan'?)"
expect_stderr "modul/m2.md:12:27: error: unknown reference 'M7' (did you mean 'M1'?)"
expect_stderr "modul/m4.md:1:1: error: front matter opened with '---' is never closed"
expect_stderr "modul/m5.md:5:11: error: sessions of module 'M5' add up to 45 minutes, but its duration of 2 JP is 90 minutes"
expect_stderr "kompetensi/kerangka.yml:13:3: error: duplicate id 'K2' (also used by dup.md)"

# Warnings: a module without level, duration, objectives; competency gaps.
warn="$WORK/warn"
cp -r "$site" "$warn"
printf -- '---\nid: M1\ntitle: Minimal\n---\nIsi.\n' >"$warn/modul/m1.md"
printf -- '- id: K9\n  title: Tidak dicakup\n' >>"$warn/kompetensi/kerangka.yml"
run check "$warn"
expect_status 0
expect_stderr "modul/m1.md:2:1: warning: module 'M1' has no level"
expect_stderr "modul/m1.md:2:1: warning: module 'M1' has no duration (in JP)"
expect_stderr "modul/m1.md:2:1: warning: module 'M1' has no objectives"
expect_stderr "kompetensi/kerangka.yml:18:3: warning: competency 'K9' is covered by no module"
expect_stderr "kompetensi/kerangka.yml:13:3: warning: competency 'K2' never reaches depth M (mastered) in any module"
run check "$warn" --strict
expect_status 1
expect_stderr "modul/m1.md:2:1: error: module 'M1' has no level"
run build "$warn" -o "$WORK/warn-out"
expect_status 0
expect_contains "$WORK/warn-out/kompetensi/index.html" '<tr class="gap"><th scope="row"><a href="index.html#K9">K9</a> Tidak dicakup</th>'
# JSON lines for editors and CI.
run check "$warn" --format json
expect_status 0
expect_stdout '{"path":"kompetensi/kerangka.yml","line":18,"column":3,"severity":"warning","message":"competency '"'"'K9'"'"' is covered by no module"}'
n=$(grep -c '^{"path":' "$WORK/stdout")
[ "$n" -eq 5 ] || fail "expected 5 JSON diagnostics, got $n"
ok
finish
