#!/usr/bin/env bash
# The offline search index end to end: a fixture site built by the real
# binary; its search/*.js files run in node as the browser would run them;
# trainer-only text stays out of the participant edition's index; the
# output is the same whatever the thread count; and the results page
# answers a query over file:// in Chromium.
. "$(dirname "$0")/lib.sh"
command -v node >/dev/null || fail "node is needed (scripts/install-deps.sh installs nodejs)"
site="$FIXTURES/search"

LONTAR_THREADS=1 run build "$site" -o "$WORK/peserta"
expect_status 0
out="$WORK/peserta"
expect_file "$out/search/meta.js"
expect_file "$out/search/p-0.js"
expect_file "$out/cari.html"
ls "$out"/search/t-*.js >/dev/null 2>&1 || fail "no term shards in $out/search"
ok

# Every page carries the box and the scripts; the results page too.
for page in index.html panduan/pelatihan-kader.html cari.html; do
  expect_contains "$out/$page" '<form class="search-form" role="search"'
  expect_contains "$out/$page" 'role="combobox"'
  expect_contains "$out/$page" 'assets/search.js"></script>'
done
expect_contains "$out/panduan/pelatihan-kader.html" 'action="../cari.html"'
expect_file "$out/assets/search.js"
expect_file "$out/assets/stemmer-id.js"

# No file over 100 KB.
big=$(find "$out/search" -type f -size +100k)
[ -z "$big" ] || fail "search files over 100 KB: $big"
ok

# node DIR: runs every index file against a stub lontarSearch, checks the
# files agree with each other, and prints every term, then for some terms
# the pages that have them, best first ("rank term: url url…").
cat >"$WORK/read-index.js" <<'JS'
var fs = require("fs"), vm = require("vm"), path = require("path");
var dir = path.join(process.argv[2], "search"), got = {};
var sandbox = {lontarSearch: {add: function (key, data) { got[key] = data; }}};
vm.createContext(sandbox);
fs.readdirSync(dir).sort().forEach(function (f) {
  vm.runInContext(fs.readFileSync(path.join(dir, f), "utf8"), sandbox, {filename: f});
  if (!got.hasOwnProperty(f.replace(/\.js$/, ""))) throw new Error(f + " did not add itself");
});
var meta = got.meta;
function check(c, what) { if (!c) throw new Error(what); }
check(meta.version === 1 && meta.levels > 0, "meta header");
var digits = " !#$%&')*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~";
var terms = {}, order = [];
meta.shards.forEach(function (s, i) {
  var data = got[s[0]];
  check(data, "shard " + s[0] + " missing");
  check(data[0] === s[1], "shard " + s[0] + " starts with " + data[0] + ", meta says " + s[1]);
  for (var k = 0; k < data.length; k += 3) {
    var t = data[k], acc = 0, prev = -1;
    if (!terms[t]) { terms[t] = {}; order.push(t); }
    for (var j = 0; j < data[k + 2].length; j++) {
      var v = digits.indexOf(data[k + 2].charAt(j));
      check(v >= 0, "bad digit in " + t);
      if (v >= 60) { acc = acc * 31 + v - 60; continue; }
      v += acc * 60; acc = 0;
      prev += 1 + Math.floor(v / meta.levels);
      check(prev < meta.pages, t + ": page " + prev + " past the end");
      terms[t][prev] = data[k + 1] * (v % meta.levels + 1);
    }
  }
});
var pages = [];
meta.chunks.forEach(function (c) {
  check(got[c[0]], "chunk " + c[0] + " missing");
  check(c[1] === pages.length, "chunk " + c[0] + " starts at " + c[1]);
  pages = pages.concat(got[c[0]]);
});
check(pages.length === meta.pages, "pages: " + pages.length + " != " + meta.pages);
order.sort();
order.forEach(function (t) { console.log(t); });
process.argv.slice(3).forEach(function (t) {
  var hits = Object.keys(terms[t] || {}).sort(function (a, b) {
    return terms[t][b] - terms[t][a] || a - b;
  });
  console.log("rank " + t + ": " + hits.map(function (p) { return pages[p][2]; }).join(" "));
});
JS
node "$WORK/read-index.js" "$out" latih daya >"$WORK/terms" || fail "index files do not load: $(cat "$WORK/terms")"
ok
has_term() { grep -qx -- "$1" "$WORK/terms" || fail "no term '$1' in the index"; ok; }
no_term() { if grep -qx -- "$1" "$WORK/terms"; then fail "term '$1' should not be in the index"; fi; ok; }
has_term latih      # pelatihan, dilatih, melatih
has_term daya       # pemberdayaan
has_term sejahtera  # kesejahteraan
has_term kader
has_term buku       # buku-buku
has_term kodesebaris
no_term blokkoderahasia # code blocks are not indexed
no_term yang            # stop word
no_term buku-buku
expect_contains "$WORK/terms" "rank latih: panduan/pelatihan-kader.html panduan/kesejahteraan.html"
expect_contains "$WORK/terms" "rank daya: panduan/pelatihan-kader.html"

# Trainer-only text: only in the trainer edition's index.
if grep -rq zirkonpelatih "$out/search"; then
  fail "trainer-only text (:::pelatih) is in the participant edition's search index"
fi
ok
LONTAR_THREADS=1 run build "$site" -o "$WORK/pelatih" --edition pelatih
expect_status 0
grep -rq zirkonpelatih "$WORK/pelatih/search" || fail "trainer edition's index lacks its own text"
ok

# The same bytes whatever the thread count.
LONTAR_THREADS=4 run build "$site" -o "$WORK/peserta4"
expect_status 0
diff -r "$out/search" "$WORK/peserta4/search" >/dev/null || fail "index differs between 1 and 4 threads"
ok

# The results page in a real browser over file://.
browser=$(command -v chromium || command -v chromium-browser || true)
[ -n "$browser" ] || fail "chromium is needed (scripts/install-deps.sh installs it)"
timeout 120 "$browser" --headless --no-sandbox --disable-gpu --virtual-time-budget=5000 \
  --user-data-dir="$WORK/chromium" --dump-dom "file://$out/cari.html?q=dilatih" \
  >"$WORK/results.html" 2>/dev/null || true
expect_contains "$WORK/results.html" '<h1>Hasil pencarian: dilatih</h1>'
expect_contains "$WORK/results.html" '<a href="panduan/pelatihan-kader.html"><span class="search-title"><mark>Pelatihan</mark> Kader Desa</span>'
expect_contains "$WORK/results.html" '<mark>melatih</mark>'
finish
