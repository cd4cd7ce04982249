#!/usr/bin/env bash
# Versions from git: a fixture repository with three tags and a branch (a
# page renamed, one removed, one changed only in the last tag), built
# through libgit2. Checks the layout, OUT/index.html, versions.js, the
# switcher's targets and fallbacks, the banners, each page's date and
# authors at each tag, the changes pages, reproducibility, and the bad
# inputs: unknown ref, pattern matching nothing, symbolic link, submodule,
# LFS pointer, errors in one version, bare repository, no commits, shallow
# clone, content not committed.
. "$(dirname "$0")/lib.sh"
command -v git >/dev/null || fail "git is needed to make the fixture repositories"

repo="$WORK/repo"
export GIT_CONFIG_NOSYSTEM=1 HOME="$WORK/home"
mkdir -p "$HOME"
git config --global user.name "Siti Aminah"
git config --global user.email "siti@example.org"
git config --global init.defaultBranch main
git config --global protocol.file.allow always

# commit DATE MESSAGE [AUTHOR]: commits everything with that date.
commit() {
  git -C "$repo" add -A
  GIT_AUTHOR_DATE="$1" GIT_COMMITTER_DATE="$1" git -C "$repo" \
    -c user.name="${3:-Siti Aminah}" commit -qm "$2"
}
page() { write "$repo/$1" "$2"; }

mkdir -p "$repo" && git -C "$repo" init -q
page lontar.yml 'title: Kurikulum Uji
versions:
  tags: ["v*"]
  branches: [main]
  labels:
    main: Draf
'
page index.md $'---\ntitle: Beranda\n---\nSelamat datang.\n'
page modul/m1.md $'---\nid: M1\ntitle: Modul Satu\nlevel: dasar\nduration: 4\nobjectives: [Memahami dasar]\n---\nIsi modul satu.\n'
page modul/m2.md $'---\nid: M2\ntitle: Modul Dua\nlevel: dasar\nduration: 2\n---\nIsi modul dua.\n'
page modul/index.md $'---\ntitle: Modul Pelatihan\n---\nDaftar modul.\n'
page konsep/k1.md $'---\nid: K1\ntitle: Kesejahteraan\n---\nArti kesejahteraan sosial.\n'
page panduan/lama.md $'---\ntitle: Panduan Lama\n---\nHalaman ini dihapus di versi berikutnya.\n'
page panduan/pindah.md $'---\ntitle: Panduan Lapangan\n---\nLangkah pertama kunjungan rumah.\nLangkah kedua pencatatan.\nLangkah ketiga rujukan.\nLangkah keempat tindak lanjut.\n'
page panduan/alias.md $'---\nid: panduan-a\ntitle: Panduan A\n---\nHalaman yang berganti id.\n'
commit 2024-01-10T09:00:00+07:00 "v1.0"
git -C "$repo" tag v1.0

# v1.1: M2 removed, M3 added, K1 moved (same id), a page renamed by git, a
# page removed, a page that takes another's place by its aliases.
git -C "$repo" rm -q modul/m2.md panduan/lama.md panduan/alias.md
git -C "$repo" mv panduan/pindah.md panduan/lapangan.md
git -C "$repo" mv konsep/k1.md konsep/kesejahteraan.md
page modul/m3.md $'---\nid: M3\ntitle: Modul Tiga\nlevel: lanjutan\nduration: 3\nprerequisites: [M1]\n---\nIsi modul tiga.\n'
page panduan/baru.md $'---\nid: panduan-b\ntitle: Panduan B\naliases: [panduan-a]\n---\nPengganti panduan A.\n'
commit 2024-02-10T09:00:00+07:00 "v1.1" "Budi Santoso"
git -C "$repo" tag -a v1.1 -m "Rilis 1.1"

# v2.0: only M1 changes (duration and objectives).
page modul/m1.md $'---\nid: M1\ntitle: Modul Satu\ndescription: Dasar-dasar pekerjaan sosial\nlevel: dasar\nduration: 6\nobjectives: [Memahami dasar, Menerapkan dasar]\n---\nIsi modul satu, diperluas.\n'
commit 2024-03-10T09:00:00+07:00 "v2.0" "Rina Wulandari"
git -C "$repo" tag v2.0
# main moves on: a draft change to the home page.
page index.md $'---\ntitle: Beranda\n---\nSelamat datang di draf.\n'
commit 2024-04-01T09:00:00+07:00 "draf"

out="$WORK/out"
run build "$repo" -o "$out"
expect_status 0
expect_stderr "built: 4 versions"
expect_stderr "pages reused from the version built before"
for v in v1.0 v1.1 v2.0 main; do expect_file "$out/$v/index.html"; done

# OUT/index.html leads to the latest release, with and without refresh.
expect_contains "$out/index.html" '<meta http-equiv="refresh" content="0; url=v2.0/index.html">'
expect_contains "$out/index.html" '<a href="v2.0/index.html">'
# versions.js: newest first, labels, statuses.
expect_contains "$out/versions.js" 'window.lontarVersions = {"latest":"v2.0"'
grep -o '"name":"[^"]*"' "$out/versions.js" | tr '\n' ' ' | grep -qF '"name":"v2.0" "name":"v1.1" "name":"v1.0" "name":"main"' ||
  fail "versions.js order: $(cat "$out/versions.js")"
ok
expect_contains "$out/versions.js" '"name":"main","label":"Draf","folder":"main","kind":"branch","status":"draft"'
expect_contains "$out/versions.js" '"name":"v1.0","label":"v1.0","folder":"v1.0","kind":"tag","status":"old","date":"2024-01-10T09:00:00+07:00"'
# Every page loads it from the output root.
expect_contains "$out/v1.0/panduan/pindah.html" '<script src="../../versions.js"></script>'

# The switcher: the same page by git rename, by id, by alias; else the
# nearest section, else home; always relative.
sw() { sed -n '/<details class="version-switcher"/,/<\/details>/p' "$1"; }
sw "$out/v1.0/panduan/pindah.html" >"$WORK/sw"
expect_contains "$WORK/sw" '<a href="../../v1.1/panduan/lapangan.html" data-version="v1.1">v1.1</a>'
expect_contains "$WORK/sw" '<a href="../../v1.0/panduan/pindah.html" data-version="v1.0" aria-current="page">v1.0</a>'
expect_contains "$WORK/sw" '<a href="../../main/panduan/lapangan.html" data-version="main">Draf</a>'
sw "$out/v1.1/panduan/lapangan.html" >"$WORK/sw"
expect_contains "$WORK/sw" '<a href="../../v1.0/panduan/pindah.html" data-version="v1.0">v1.0</a>'
sw "$out/v1.0/konsep/k1.html" >"$WORK/sw"
expect_contains "$WORK/sw" '<a href="../../v2.0/konsep/kesejahteraan.html" data-version="v2.0">v2.0</a>'
sw "$out/v1.0/panduan/alias.html" >"$WORK/sw"
expect_contains "$WORK/sw" '<a href="../../v1.1/panduan/baru.html" data-version="v1.1">v1.1</a>'
sw "$out/v1.1/panduan/baru.html" >"$WORK/sw"
expect_contains "$WORK/sw" '<a href="../../v1.0/panduan/alias.html" data-version="v1.0">v1.0</a>'
sw "$out/v1.0/panduan/lama.html" >"$WORK/sw"
expect_contains "$WORK/sw" '<a href="../../v2.0/panduan/index.html" data-version="v2.0">v2.0</a> <span class="version-tag">terbaru</span> <span class="version-note">(halaman ini tidak ada di versi itu: ke bagian terdekat)</span>'
sw "$out/v1.0/modul/m2.html" >"$WORK/sw"
expect_contains "$WORK/sw" '<a href="../../v1.1/modul/index.html" data-version="v1.1">v1.1</a>'
sw "$out/v2.0/modul/m3.html" >"$WORK/sw"
expect_contains "$WORK/sw" '<a href="../../v1.0/modul/index.html" data-version="v1.0">v1.0</a>'
# A page whose folder the other version lacks falls back to its home.
git -C "$repo" checkout -q -b fitur v1.0
page lampiran/formulir.md $'---\ntitle: Formulir\n---\nFormulir kunjungan.\n'
commit 2024-01-20T09:00:00+07:00 "lampiran"
git -C "$repo" checkout -q main
sed -i 's/branches: \[main\]/branches: [main, fitur]/' "$repo/lontar.yml"
commit 2024-04-02T09:00:00+07:00 "fitur dipublikasikan"
run build "$repo" -o "$WORK/out-fitur"
expect_status 0
sw "$WORK/out-fitur/fitur/lampiran/formulir.html" >"$WORK/sw"
expect_contains "$WORK/sw" '<a href="../../v2.0/index.html" data-version="v2.0">v2.0</a> <span class="version-tag">terbaru</span> <span class="version-note">(halaman ini tidak ada di versi itu: ke beranda)</span>'
git -C "$repo" reset -q --hard HEAD~1

# Banners: an old release links to the same page in the latest; a branch is
# a draft; the latest has none.
expect_contains "$out/v1.0/panduan/pindah.html" '<div class="version-banner version-old" role="note">Anda membaca versi lama. <a href="../../v2.0/panduan/lapangan.html">Baca halaman ini di versi terbaru (v2.0)</a></div>'
expect_contains "$out/main/index.html" '<div class="version-banner version-draft" role="note">'
expect_not_contains "$out/v2.0/index.html" 'version-banner'

# Dates and authors as of each version's commit; never an e-mail address.
upd() { grep -o '<p class="page-updated">.*</p>' "$1"; }
[ "$(upd "$out/v1.1/modul/m1.html")" = '<p class="page-updated">Terakhir diperbarui: <time datetime="2024-01-10T09:00:00+07:00">10 Januari 2024</time> · Penulis: Siti Aminah</p>' ] ||
  fail "v1.1 M1 date: $(upd "$out/v1.1/modul/m1.html")"
ok
[ "$(upd "$out/v2.0/modul/m1.html")" = '<p class="page-updated">Terakhir diperbarui: <time datetime="2024-03-10T09:00:00+07:00">10 Maret 2024</time> · Penulis: Rina Wulandari, Siti Aminah</p>' ] ||
  fail "v2.0 M1 date: $(upd "$out/v2.0/modul/m1.html")"
ok
expect_contains "$out/v2.0/modul/m3.html" '<time datetime="2024-02-10T09:00:00+07:00">'
expect_contains "$out/v2.0/index.html" '<time datetime="2024-01-10T09:00:00+07:00">'
expect_contains "$out/main/index.html" '<time datetime="2024-04-01T09:00:00+07:00">'
if grep -rq "example.org" "$out"; then fail "an e-mail address is in the output"; fi
ok

# Changed marks: against the previous version (a branch: the latest).
expect_contains "$out/v2.0/modul/m1.html" '<span class="badge-changed">diubah di versi ini</span>'
expect_not_contains "$out/v2.0/modul/m3.html" 'badge-changed'
expect_contains "$out/v1.1/modul/m3.html" 'badge-changed'
expect_not_contains "$out/v1.1/panduan/lapangan.html" 'badge-changed'
expect_not_contains "$out/v1.0/modul/m1.html" 'badge-changed'
expect_contains "$out/main/index.html" 'badge-changed'

# The changes pages.
c="$out/v1.1/perubahan/index.html"
expect_contains "$c" '<p>Perubahan dibandingkan dengan versi <strong>v1.0</strong>.</p>'
expect_contains "$c" '<h3>Ditambahkan</h3>'
expect_contains "$c" '<a href="../modul/m3.html"><code>M3</code> Modul Tiga</a>'
expect_contains "$c" '<li><code>M2</code> Modul Dua</li>'
expect_contains "$c" '<li><code>K1</code> Kesejahteraan (<code>konsep/k1.md</code>) → <a href="../konsep/kesejahteraan.html"><code>K1</code> Kesejahteraan</a> (<code>konsep/kesejahteraan.md</code>)</li>'
c="$out/v2.0/perubahan/index.html"
expect_contains "$c" '<li><span class="changes-field">JP</span>: <del>4</del> → <ins>6</ins></li>'
expect_contains "$c" '<li><span class="changes-field">Tujuan</span>: <del>Memahami dasar</del> → <ins>Memahami dasar; Menerapkan dasar</ins></li>'
expect_not_contains "$c" 'M3'
expect_contains "$out/v1.0/perubahan/index.html" 'Ini versi pertama'

# Reproducible: the same repository state gives the same bytes.
run build "$repo" -o "$WORK/again"
expect_status 0
diff -r "$out" "$WORK/again" >/dev/null || fail "versioned output is not reproducible"
ok
# Pages reused from the version built before are the bytes a full render
# of every page gives: modul/index.md did not change in v2.0, but the
# listing on it shows M1's new description.
expect_contains "$out/v2.0/modul/index.html" 'Dasar-dasar pekerjaan sosial'
expect_not_contains "$out/v1.1/modul/index.html" 'Dasar-dasar pekerjaan sosial' 
LONTAR_REUSE=0 run build "$repo" -o "$WORK/no-reuse"
expect_status 0
diff -r "$out" "$WORK/no-reuse" >/dev/null || fail "reused pages differ from rendered ones:
$(diff -r "$out" "$WORK/no-reuse" | head -20)"
ok

# A tag that changes only the text of pages (or a static file) patches the
# build of the tag before; one that changes what other pages show (here a
# concept link, which adds a backlink) is built from scratch. Either way
# the bytes are those of a build from scratch.
crepo="$WORK/carry"
mkdir -p "$crepo" && git -C "$crepo" init -q
cpage() { write "$crepo/$1" "$2"; }
ccommit() {
  git -C "$crepo" add -A
  GIT_AUTHOR_DATE="$1" GIT_COMMITTER_DATE="$1" git -C "$crepo" commit -qm "$1"
  git -C "$crepo" tag "$2"
}
cpage lontar.yml $'title: Kurikulum Tambal\nversions:\n  tags: ["v*"]\n'
cpage index.md $'---\ntitle: Beranda\n---\nSelamat datang.\n'
cpage modul/m1.md $'---\nid: M1\ntitle: Modul Satu\nlevel: dasar\nduration: 4\nobjectives: [Memahami dasar]\n---\n## Kegiatan\n\nIsi modul satu.\n'
cpage modul/m2.md $'---\nid: M2\ntitle: Modul Dua\nlevel: dasar\nduration: 2\nobjectives: [Memahami lanjut]\n---\nIsi modul dua.\n'
cpage konsep/k1.md $'---\nid: K1\ntitle: Kesejahteraan\n---\nArti kesejahteraan sosial.\n'
cpage gambar/peta.txt 'peta pertama'
ccommit 2024-01-10T09:00:00+07:00 v1
cpage modul/m1.md $'---\nid: M1\ntitle: Modul Satu\nlevel: dasar\nduration: 4\nobjectives: [Memahami dasar]\n---\n## Kegiatan\n\nIsi modul satu yang ditulis ulang.\n'
cpage gambar/peta.txt 'peta kedua'
ccommit 2024-02-10T09:00:00+07:00 v2
cpage modul/m2.md $'---\nid: M2\ntitle: Modul Dua\nlevel: dasar\nduration: 2\nobjectives: [Memahami lanjut]\n---\nIsi modul dua tentang [[K1]].\n'
ccommit 2024-03-10T09:00:00+07:00 v3
cpage konsep/k1.md $'---\nid: K1\ntitle: Kesejahteraan\n---\nArti kesejahteraan sosial, diperjelas.\n'
ccommit 2024-04-10T09:00:00+07:00 v4
run build "$crepo" -o "$WORK/carry-out"
expect_status 0
expect_stderr "built: 4 versions"
expect_stderr "(2 versions read only where changed)"
expect_contains "$WORK/carry-out/v2/modul/m1.html" 'Isi modul satu yang ditulis ulang.'
expect_contains "$WORK/carry-out/v2/gambar/peta.txt" 'peta kedua'
expect_contains "$WORK/carry-out/v3/konsep/k1.html" 'href="../modul/m2.html"'
expect_not_contains "$WORK/carry-out/v2/konsep/k1.html" 'href="../modul/m2.html"'
expect_contains "$WORK/carry-out/v4/konsep/k1.html" 'diperjelas'
LONTAR_REUSE=0 run build "$crepo" -o "$WORK/carry-scratch"
expect_status 0
expect_not_contains "$WORK/stderr" 'read only where changed'
diff -r "$WORK/carry-out" "$WORK/carry-scratch" >/dev/null || fail "patched versions differ from built ones:
$(diff -r "$WORK/carry-out" "$WORK/carry-scratch" | head -20)"
ok
# A problem in a changed page is reported as a build from scratch would.
cpage modul/m1.md $'---\nid: M1\ntitle: Modul Satu\nlevel: dasar\nduration: 4\nobjectives: [Memahami dasar]\n---\n## Kegiatan\n\nLihat [[K9]].\n'
ccommit 2024-05-10T09:00:00+07:00 v5
run build "$crepo" -o "$WORK/carry-out"
expect_status 1
grep -qE '^modul/m1\.md:10:[0-9]+: error: .*K9.*\(in version v5\)$' "$WORK/stderr" ||
  fail "the error in a patched version is not reported: $(cat "$WORK/stderr")"
expect_contains "$WORK/carry-out/v4/konsep/k1.html" 'diperjelas'
ok

# --ref: one version into OUT itself, still with dates, no switcher.
run build "$repo" --ref v1.1 -o "$WORK/one"
expect_status 0
expect_file "$WORK/one/panduan/lapangan.html"
expect_no_path "$WORK/one/versions.js"
expect_contains "$WORK/one/modul/m3.html" '<time datetime="2024-02-10T09:00:00+07:00">'
expect_not_contains "$WORK/one/modul/m3.html" 'version-switcher'

# --worktree: uncommitted files count; committed builds ignore them.
page panduan/belum.md $'---\ntitle: Belum Dikomit\n---\nDraf lokal.\n'
run build "$repo" --worktree -o "$WORK/wt"
expect_status 0
expect_file "$WORK/wt/panduan/belum.html"
run build "$repo" --ref main -o "$WORK/committed"
expect_status 0
expect_no_path "$WORK/committed/panduan/belum.html"
run build "$repo" -o "$WORK/committed-all"
expect_status 0
expect_stderr "note: 1 file changed on disk but not committed is not in this build"
expect_no_path "$WORK/committed-all/v2.0/panduan/belum.html"
rm "$repo/panduan/belum.md"

# Plugins run as committed at each ref and see the version.
git -C "$repo" checkout -q -b dengan-plugin main
page plugins/versi.lua 'lontar.on("load", function(site)
  lontar.page{ path = "versi.html", title = "Versi",
               markdown = "Versi ini: " .. site.version.name .. " (" .. site.version.kind .. ")" }
end)
'
commit 2024-04-02T09:00:00+07:00 "plugin"
git -C "$repo" checkout -q main
run build "$repo" --ref dengan-plugin -o "$WORK/plugin"
expect_status 0
expect_contains "$WORK/plugin/versi.html" 'Versi ini: dengan-plugin (branch)'
run build "$repo" --ref v2.0 -o "$WORK/no-plugin"
expect_status 0
expect_no_path "$WORK/no-plugin/versi.html"

# ---- bad input ----

run build "$repo" --ref v9.9 -o "$WORK/bad"
expect_status 1
expect_stderr "v9.9"
expect_no_path "$WORK/bad"

cp -r "$out" "$WORK/before"
sed -i 's/tags: \["v\*"\]/tags: ["rilis-*"]/' "$repo/lontar.yml"
commit 2024-04-03T09:00:00+07:00 "pola salah"
run build "$repo" -o "$out"
expect_status 1
expect_stderr "lontar.yml:"
expect_stderr "rilis-*"
diff -r "$out" "$WORK/before" >/dev/null || fail "a failed build changed the previous output"
ok
git -C "$repo" reset -q --hard HEAD~1

# Errors in one version name it, with path:line:col.
git -C "$repo" checkout -q -b rusak
page modul/m1.md $'---\nid: M1\ntitle: Modul Satu\nlevel: dasar\nduration: banyak\n---\nIsi.\n'
commit 2024-04-04T09:00:00+07:00 "rusak"
git -C "$repo" checkout -q main
sed -i 's/branches: \[main\]/branches: [main, rusak]/' "$repo/lontar.yml"
commit 2024-04-05T09:00:00+07:00 "cabang rusak"
run build "$repo" -o "$out"
expect_status 1
grep -qE '^modul/m1\.md:5:[0-9]+: error: .*\(in version rusak\)$' "$WORK/stderr" ||
  fail "the error does not name the version: $(cat "$WORK/stderr")"
ok
# lontar check checks every version the same way, writing nothing.
run check "$repo" --format json
expect_status 1
expect_stdout '"path":"modul/m1.md","line":5'
expect_stdout '(in version rusak)'
diff -r "$out" "$WORK/before" >/dev/null || fail "a failed build changed the previous output"
ok
git -C "$repo" reset -q --hard HEAD~1

# A version without lontar.yml is not a site: an error naming it.
git -C "$repo" checkout -q -b kosong v1.0
git -C "$repo" rm -q lontar.yml
commit 2024-04-04T10:00:00+07:00 "tanpa lontar.yml"
git -C "$repo" checkout -q main
run build "$repo" --ref kosong -o "$WORK/kosong"
expect_status 1
expect_stderr "lontar.yml:1:1: error: this version has no lontar.yml (in version kosong)"
git -C "$repo" branch -q -D kosong

# A symbolic link, a submodule and an LFS pointer: warnings naming them.
ln -s index.md "$repo/tautan.md"
git -C "$repo" -c protocol.file.allow=always submodule add -q "$repo" vendor/sub 2>/dev/null
printf 'version https://git-lfs.github.com/spec/v1\noid sha256:%064d\nsize 123\n' 0 >"$repo/gambar.png"
commit 2024-04-06T09:00:00+07:00 "aneh"
run build "$repo" --ref main -o "$WORK/odd"
expect_status 0
expect_stderr "tautan.md:1:1: warning: symbolic link is not followed"
expect_stderr "vendor/sub:1:1: warning: submodule is skipped"
expect_stderr "gambar.png:1:1: warning: Git LFS pointer"
expect_no_path "$WORK/odd/tautan.html"
expect_no_path "$WORK/odd/gambar.png"

# A bare repository works the same.
git clone -q --bare "$repo" "$WORK/bare.git"
run build "$WORK/bare.git" --ref v2.0 -o "$WORK/from-bare"
expect_status 0
cmp "$WORK/from-bare/modul/m1.html" "$WORK/one/modul/m1.html" >/dev/null 2>&1 && fail "v2.0 and v1.1 should differ"
expect_contains "$WORK/from-bare/modul/m1.html" '<time datetime="2024-03-10T09:00:00+07:00">'

# A repository another account owns (a CI runner's checkout) is read the
# same: lontar runs nothing from its config. Changing the owner needs root.
if [ "$(id -u)" -eq 0 ]; then
  cp -r "$WORK/bare.git" "$WORK/foreign.git"
  chown -R nobody "$WORK/foreign.git"
  run build "$WORK/foreign.git" --ref v2.0 -o "$WORK/from-foreign"
  expect_status 0
  cmp "$WORK/from-foreign/modul/m1.html" "$WORK/from-bare/modul/m1.html" >/dev/null ||
    fail "a repository owned by another account builds differently"
  ok
else
  echo "$(basename "$0"): not root, so the check of a repository another account owns did not run" >&2
fi

# A shallow clone: a warning, and no dates rather than wrong ones.
git clone -q --depth 1 "file://$repo" "$WORK/shallow"
run build "$WORK/shallow" --ref main -o "$WORK/from-shallow"
expect_status 0
expect_stderr "shallow clone"
expect_not_contains "$WORK/from-shallow/index.html" '<time'

# A repository with no commits, and a folder not committed yet.
mkdir "$WORK/empty" && git -C "$WORK/empty" init -q
write "$WORK/empty/index.md" "# Halo"
run build "$WORK/empty" -o "$WORK/out-empty"
expect_status 1
expect_stderr "has no commits yet"
# A folder the repository does not track (new, or ignored) builds from
# disk, with a note; --ref there is an error.
mkdir "$repo/baru"
write "$repo/baru/index.md" "# Baru"
run build "$repo/baru" -o "$WORK/out-new"
expect_status 0
expect_stderr "does not track it: built the files on disk"
expect_file "$WORK/out-new/index.html"
run build "$repo/baru" --ref main -o "$WORK/out-new-ref"
expect_status 1
expect_stderr "has no folder 'baru'"
finish
