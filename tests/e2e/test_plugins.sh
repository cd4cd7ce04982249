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
expect_stderr "plugins/b_filter.lua:6:1: warning: peringatan dari plugin"
[ "$(grep -c 'peringatan dari plugin' "$WORK/stderr")" -eq 1 ] || fail "warning repeated per thread"
ok
p="$out/index.html"
expect_contains "$p" 'Teks DIGANTI di sini'          # Text filter
expect_not_contains "$p" 'hapus ini'                 # Emph filter returned {}
expect_contains "$p" 'title="eksternal"'             # Link filter changed a field
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
finish
