#!/usr/bin/env bash
# Plugins end to end: pages, hooks, filters, directives, helpers, read, log,
# the shipped kuis plugin, and sandbox rules stopping a plugin with its
# file:line while the previous output stays as it was.
. "$(dirname "$0")/lib.sh"
export LONTAR_HANDBOOK_PDF=never

site="$FIXTURES/plugins"
out="$WORK/out"
run build "$site" -o "$out"
expect_status 0
expect_stderr "plugins/b_filter.lua:8:1: warning: peringatan dari plugin"
[ "$(grep -c 'peringatan dari plugin' "$WORK/stderr")" -eq 1 ] || fail "warning repeated per thread"
ok
p="$out/index.html"
expect_contains "$p" 'Teks DIGANTI di sini'          # Text filter
expect_not_contains "$p" 'hapus ini'                 # Emph filter returned {}
expect_contains "$p" 'title="eksternal"'             # Link filter changed a field
expect_contains "$p" 'Yang <del>dicoret</del> tetap.' # Strikethrough handed back
expect_contains "$p" '<div class="ringkas" data-n="3"><p>Isi <strong>ringkas</strong>.</p>'
expect_contains "$p" '<meta name="sapaan" content="Halo dunia">'   # helper in a template
expect_contains "$out/tambahan.html" 'Dibuat plugin; angka: 42'     # lontar.page + lontar.read
# page hooks, in plugin order: b_filter declared after = {"c_direktif"}
expect_contains "$out/tambahan.html" '<title>Halaman Tambahan (diperiksa) [b]'
# kuis: participants get a hashed key, never the marked answer.
expect_contains "$p" 'data-kunci="'
expect_not_contains "$p" 'kuis-kunci'
run build "$site" -o "$WORK/trainer" --edition pelatih
expect_status 0
expect_contains "$WORK/trainer/index.html" 'class="kuis-kunci"'
expect_contains "$WORK/trainer/index.html" 'Kunci jawaban (pelatih): 1: b'

# Sandbox: each attempt fails the build with the plugin's file and line.
try_plugin() { # CODE EXPECTED-MESSAGE
  local s="$WORK/evil"
  rm -rf "$s"
  mkdir -p "$s/plugins"
  printf '# x\n' >"$s/index.md"
  printf 'plugins:\n  memory_mb: 32\n  timeout_s: 0.2\n' >"$s/lontar.yml"
  printf 'local x = 1\n%s\n' "$1" >"$s/plugins/evil.lua"
  run build "$s" -o "$WORK/evil-out"
  expect_status 1
  expect_stderr "plugins/evil.lua:2:1: error: $2"
  expect_no_path "$WORK/evil-out"
}
try_plugin 'io.open("/etc/passwd")' "undeclared global 'io'"
try_plugin 'os.execute("touch /tmp/lontar-pwned")' "attempt to call a nil value (field 'execute')"
try_plugin 'require "os"' "module 'os'"
try_plugin 'package.loadlib("x", "y")' "undeclared global 'package'"
try_plugin 'string.dump(print)' "attempt to call a nil value (field 'dump')"
try_plugin 'debug.sethook()' "undeclared global 'debug'"
try_plugin 'while true do end' "plugin ran too long"
try_plugin 'while true do pcall(function() while true do end end) end' "plugin ran too long"
try_plugin 'local t = {} while true do t[#t + 1] = ("x"):rep(1000) .. #t end' "plugin ran"
try_plugin 'getmetatable("").__index = {}' "attempt to modify read-only table 'string metatable'"
try_plugin 'jahat = 1' "assignment to undeclared global 'jahat'"
[ ! -e /tmp/lontar-pwned ] || fail "os.execute ran"
ok

# The lontar table is read-only, lontar.log too, and a helper cannot take
# a name already in use: no plugin takes the API away from the plugins
# after it or from the templates. The build fails naming the plugin's
# line, and the previous output stays byte for byte as it was.
ro_fixture="$FIXTURES/plugins-readonly"
ro_out="$WORK/ro-out"
cp -r "$ro_fixture/site" "$WORK/ro"
run build "$WORK/ro" -o "$ro_out"
expect_status 0
expect_contains "$ro_out/index.html" '<meta name="sapaan" content="Halo warga">'
tree_sum() { (cd "$1" && find . -type f -exec sha256sum {} + | sort | sha256sum); }
ro_before=$(tree_sum "$ro_out")
try_readonly() { # PLUGIN EXPECTED-DIAGNOSTIC
  rm -rf "$WORK/ro"
  cp -r "$ro_fixture/site" "$WORK/ro"
  cp "$ro_fixture/jahat/$1.lua" "$WORK/ro/plugins/"
  run build "$WORK/ro" -o "$ro_out"
  expect_status 1
  expect_stderr "$2"
  [ "$(tree_sum "$ro_out")" = "$ro_before" ] || fail "$1: the previous output changed"
  ok
}
try_readonly ganti_page "plugins/ganti_page.lua:2:1: error: attempt to modify read-only table 'lontar'"
try_readonly ganti_log "plugins/ganti_log.lua:2:1: error: attempt to modify read-only table 'lontar.log'"
try_readonly rawset_on "plugins/rawset_on.lua:3:1: error: attempt to modify read-only table 'lontar'"
try_readonly timpa_sapa "plugins/timpa_sapa.lua:2:1: error: lontar.helper: 'sapa' is already defined"
try_readonly ganti_pairs "plugins/ganti_pairs.lua:2:1: error: lontar.helper: 'pairs' is already defined"
try_readonly ganti_site "plugins/ganti_site.lua:3:1: error: attempt to modify read-only table 'site'"
try_readonly timpa_url "plugins/timpa_url.lua:2:1: error: lontar.helper: 'url' is already defined"

# The memory cap met inside lontar.markdown and lontar.read: the build
# stops at the plugin's line, and (under LeakSanitizer) nothing the C side
# had allocated is lost when the error leaves it.
cp -r "$FIXTURES/plugins-memory" "$WORK/boros"
mkdir -p "$WORK/boros/data"
head -c 4000000 /dev/zero | tr '\0' x >"$WORK/boros/data/besar.txt"
run build "$WORK/boros" -o "$WORK/boros-out"
expect_status 1
expect_stderr "plugins/besar_markdown.lua:2:1: error: plugin ran out of memory (cap of 3 MB reached)"
expect_stderr "plugins/besar_read.lua:2:1: error: plugin ran out of memory (cap of 3 MB reached)"
expect_no_path "$WORK/boros-out"
# Under ASan a leak also exits 1: only the report tells them apart.
if grep -q "LeakSanitizer" "$WORK/stderr"; then fail "memory leaked: $(head -c 2000 "$WORK/stderr")"; fi
ok
finish
