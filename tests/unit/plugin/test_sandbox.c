#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "plugin/sandbox.h"

#include <lauxlib.h>
#include <lualib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Every snippet runs as plugins/evil.lua under small limits, so a runaway
 * test ends in milliseconds. */
#define CAP ((size_t)16 << 20)
#define BUDGET 1000000UL
/* Filling the cap takes a few million instructions. */
#define MEMORY_BUDGET 20000000UL

static const struct {
    const char *name, *src;
} modules[] = {
    {"helper", "local M = {}\nfunction M.twice(x) return 2 * x end\nreturn M\n"},
    {"util.text", "return { shout = function(s) return s:upper() .. '!' end }\n"},
    {"broken", "local x = \n"},
    {"failing", "\nerror('no luck')\n"},
    {"cycle-a", "return require 'cycle-b'\n"},
    {"cycle-b", "return require 'cycle-a'\n"},
};
static int loader_calls;

static char *loader(void *ctx, const char *name, size_t *out_len, char **out_chunkname)
{
    (void)ctx;
    loader_calls++;
    for (size_t i = 0; i < sizeof modules / sizeof modules[0]; i++) {
        if (strcmp(modules[i].name, name) != 0)
            continue;
        *out_len = strlen(modules[i].src);
        *out_chunkname = malloc(strlen(name) + 16);
        sprintf(*out_chunkname, "@plugins/%s.lua", name);
        return strdup(modules[i].src);
    }
    return NULL;
}

static lt_sandbox *new_sandbox_with(unsigned long budget)
{
    lt_sandbox_limits limits = {CAP, budget};
    return lt_sandbox_new(&limits, loader, NULL);
}

static lt_sandbox *new_sandbox(void)
{
    return new_sandbox_with(BUDGET);
}

static char msg[512];

/* Runs src as plugins/evil.lua, leaving nresults on the stack on success and
 * the error in msg on failure. */
static int run(lt_sandbox *sb, const char *src, int nresults)
{
    lua_State *L = lt_sandbox_state(sb);
    int status = lt_sandbox_load(sb, src, strlen(src), "@plugins/evil.lua");
    if (status == LUA_OK)
        status = lt_sandbox_pcall(sb, 0, nresults);
    msg[0] = '\0';
    if (status != LUA_OK) {
        snprintf(msg, sizeof msg, "%s", lua_tostring(L, -1));
        lua_pop(L, 1);
    }
    return status;
}

/* The snippet fails with an error at plugins/evil.lua:line naming the rule. */
static void fails(lt_sandbox *sb, const char *src, int line, const char *rule)
{
    if (run(sb, src, 0) == LUA_OK)
        fail_msg("ran without error: %s", src);
    char where[64];
    snprintf(where, sizeof where, "plugins/evil.lua:%d:", line);
    if (!strstr(msg, where) || !strstr(msg, rule))
        fail_msg("error for `%s`\n  was: %s\n  want: %s … %s", src, msg, where, rule);
}

/* The snippet runs and returns true. */
static void passes(lt_sandbox *sb, const char *src)
{
    if (run(sb, src, 1) != LUA_OK)
        fail_msg("`%s` failed: %s", src, msg);
    lua_State *L = lt_sandbox_state(sb);
    if (!lua_toboolean(L, -1))
        fail_msg("`%s` returned false", src);
    lua_pop(L, 1);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void no_io(void **state)
{
    lt_sandbox *sb = new_sandbox();
    fails(sb, "local x = 1\nlocal f = io.open('/etc/passwd')\n", 2, "undeclared global 'io'");
    fails(sb, "dofile('/etc/passwd')", 1, "undeclared global 'dofile'");
    fails(sb, "loadfile('/etc/passwd')", 1, "undeclared global 'loadfile'");
    lt_sandbox_free(sb);
}

static void os_only_date_time_clock(void **state)
{
    lt_sandbox *sb = new_sandbox();
    fails(sb, "os.execute('true')", 1, "attempt to call a nil value (field 'execute')");
    fails(sb, "\nreturn os.getenv('HOME')", 2, "attempt to call a nil value (field 'getenv')");
    fails(sb, "os.remove('x')", 1, "(field 'remove')");
    fails(sb, "os.exit(1)", 1, "(field 'exit')");
    passes(sb, "return type(os.time()) == 'number' and type(os.clock()) == 'number'"
               " and #os.date('!%Y-%m-%d', 0) == 10");
    lt_sandbox_free(sb);
}

static void no_package_debug_or_c_modules(void **state)
{
    lt_sandbox *sb = new_sandbox();
    fails(sb, "package.loadlib('libc.so.6', 'system')", 1, "undeclared global 'package'");
    fails(sb, "debug.sethook()", 1, "undeclared global 'debug'");
    fails(sb, "coroutine.wrap(print)", 1, "undeclared global 'coroutine'");
    fails(sb, "collectgarbage('stop')", 1, "undeclared global 'collectgarbage'");
    fails(sb, "\n\nprint('hi')", 3, "print is not available in plugins");
    lt_sandbox_free(sb);
}

static void require_only_plugins(void **state)
{
    lt_sandbox *sb = new_sandbox();
    fails(sb, "require 'os'", 1, "module 'os' not found");
    fails(sb, "require 'io'", 1, "module 'io' not found");
    fails(sb, "require '../../etc/passwd'", 1, "invalid module name '../../etc/passwd'");
    fails(sb, "require 'a/b'", 1, "invalid module name");
    fails(sb, "require 'a..b'", 1, "invalid module name");
    fails(sb, "require ''", 1, "invalid module name");
    fails(sb, "require 'helper\\0x'", 1, "invalid module name");
    lt_sandbox_free(sb);
}

static void require_loads_a_module_once(void **state)
{
    lt_sandbox *sb = new_sandbox();
    loader_calls = 0;
    passes(sb,
           "local a = require 'helper'\n"
           "local b = require 'helper'\n"
           "return a == b and a.twice(21) == 42 and require('util.text').shout('hai') == 'HAI!'");
    assert_int_equal(loader_calls, 2);
    passes(sb, "return require('helper').twice(1) == 2");
    assert_int_equal(loader_calls, 2);
    lt_sandbox_free(sb);
}

static void require_errors_name_the_module(void **state)
{
    lt_sandbox *sb = new_sandbox();
    assert_int_not_equal(run(sb, "require 'broken'", 0), LUA_OK);
    assert_non_null(strstr(msg, "plugins/broken.lua:"));
    assert_int_not_equal(run(sb, "require 'failing'", 0), LUA_OK);
    assert_non_null(strstr(msg, "plugins/failing.lua:2: no luck"));
    /* A failed module is not cached as loaded. */
    assert_int_not_equal(run(sb, "require 'failing'", 0), LUA_OK);
    assert_non_null(strstr(msg, "no luck"));
    assert_int_not_equal(run(sb, "require 'cycle-a'", 0), LUA_OK);
    assert_non_null(strstr(msg, "plugins/cycle-b.lua:1: circular require of module 'cycle-a'"));
    lt_sandbox_free(sb);
}

static void no_binary_chunks(void **state)
{
    lt_sandbox *sb = new_sandbox();
    fails(sb, "local f = load(string.dump(function() end))", 1,
          "attempt to call a nil value (field 'dump')");
    fails(sb, "local f = ('').dump(function() end)", 1, "(field 'dump')");

    /* A real precompiled chunk, made outside the sandbox. */
    lua_State *plain = luaL_newstate();
    luaL_openlibs(plain);
    assert_int_equal(luaL_dostring(plain, "return string.dump(function() return 1 end)"), 0);
    size_t len;
    const char *bin = lua_tolstring(plain, -1, &len);
    assert_memory_equal(bin, "\033Lua", 4);
    lua_State *L = lt_sandbox_state(sb);
    lua_pushlstring(L, bin, len);
    lt_sandbox_declare(sb, "chunk");
    lua_close(plain);
    fails(sb, "local f, err = load(chunk, 'c', 'b')\nif not f then error(err) end", 2,
          "attempt to load a binary chunk");
    fails(sb, "local f, err = load('\\27Lua junk')\nerror(err)", 2,
          "attempt to load a binary chunk");
    /* The host's own entry point refuses it too. */
    lt_sandbox_push_env(sb);
    lua_getfield(L, -1, "chunk");
    const char *b = lua_tolstring(L, -1, &len);
    assert_int_not_equal(lt_sandbox_load(sb, b, len, "@plugins/evil.lua"), LUA_OK);
    assert_non_null(strstr(lua_tostring(L, -1), "binary chunk"));
    lua_pop(L, 3);
    lt_sandbox_free(sb);
}

static void load_gets_the_sandbox_env(void **state)
{
    lt_sandbox *sb = new_sandbox();
    fails(sb, "load('x = 1', '@plugins/evil.lua')()", 1, "assignment to undeclared global 'x'");
    fails(sb, "\n\nlocal f = load('return io', '@plugins/evil.lua')\nreturn f().open", 1,
          "undeclared global 'io'");
    passes(sb, "local t = {}\nload('y = 2', 'n', 't', t)()\nreturn t.y == 2");
    passes(sb, "return load('return ...')(7) == 7");
    passes(sb, "local f, err = load('return +')\nreturn f == nil and err:find('near') ~= nil");
    lt_sandbox_free(sb);
}

static void infinite_loop_stops_within_budget(void **state)
{
    lt_sandbox *sb = new_sandbox();
    double t0 = now();
    fails(sb, "local n = 0\nwhile true do end", 2,
          "plugin ran too long (instruction budget of 1000000 exhausted)");
    /* 1e6 instructions take milliseconds, even under sanitizers. */
    assert_true(now() - t0 < 2.0);
    lt_sandbox_free(sb);
}

static void pcall_cannot_swallow_the_kill(void **state)
{
    lt_sandbox *sb = new_sandbox();
    fails(sb,
          "local n = 0\n"
          "while true do\n"
          "  pcall(function() while true do end end)\n"
          "  n = n + 1\n"
          "end\n",
          3, "plugin ran too long");
    fails(sb,
          "for i = 1, 1e9 do\n"
          "  xpcall(function() while true do end end, function(e) while true do end end)\n"
          "end\n",
          2, "plugin ran too long");
    fails(sb,
          "local ok, e = pcall(error, 'x')\n"
          "assert(not ok and e == 'x')\n"
          "while true do local ok = pcall(function() for i = 1, 1e9 do end end) end\n",
          3, "plugin ran too long");
    fails(sb,
          "local guard <close> = setmetatable({}, {__close = function() while true do end end})\n"
          "while true do end\n",
          2, "plugin ran too long");
    lt_sandbox_free(sb);
}

static void huge_string_hits_the_memory_cap(void **state)
{
    lt_sandbox *sb = new_sandbox_with(MEMORY_BUDGET);
    /* Over INT_MAX, Lua's string library refuses before allocating. */
    fails(sb, "local s = string.rep('x', 1e10)", 1, "resulting string too large");
    fails(sb, "local a = 1\nlocal s = string.rep('x', 1e9)\n", 2,
          "plugin ran out of memory (cap of 16 MB reached)");
    fails(sb,
          "local ok = pcall(string.rep, 'x', 1e9)\n"
          "local t = {}\n"
          "for i = 1, 100 do t[i] = tostring(i) end\n"
          "return 'survived'\n",
          1, "plugin ran out of memory");
    fails(sb, "local ok = pcall(load, string.rep('x', 1e9))", 1, "plugin ran out of memory");
    lt_sandbox_free(sb);
}

static void growing_table_hits_the_memory_cap(void **state)
{
    lt_sandbox *sb = new_sandbox_with(MEMORY_BUDGET);
    fails(sb, "local t = {}\nwhile true do t[#t + 1] = {} end\n", 2,
          "plugin ran out of memory (cap of 16 MB reached)");
    fails(sb,
          "local t = {}\n"
          "pcall(function() while true do t[#t + 1] = 'item' .. #t end end)\n"
          "t = nil\n"
          "return 'survived'\n",
          2, "plugin ran out of memory");
    lt_sandbox_free(sb);
}

/* The work of string.rep is in C, one instruction per call; the bytes it
 * allocates are what stops it. */
static void allocation_counts_against_budget(void **state)
{
    lt_sandbox *sb = new_sandbox();
    double t0 = now();
    fails(sb, "for i = 1, 1e6 do\n  local s = string.rep('x', 1e6)\nend\n", 1,
          "plugin ran too long");
    assert_true(now() - t0 < 2.0);
    lt_sandbox_free(sb);
}

static void string_metatable_is_locked(void **state)
{
    lt_sandbox *sb = new_sandbox();
    fails(sb, "getmetatable('').__index = {}", 1,
          "attempt to modify read-only table 'string metatable'");
    fails(sb, "getmetatable('').__index.upper = nil", 1,
          "attempt to modify read-only table 'string'");
    fails(sb, "rawset(getmetatable(''), '__index', {})", 1, "read-only table 'string metatable'");
    fails(sb, "setmetatable('', {})", 1, "bad argument #1 to 'setmetatable'");
    fails(sb, "setmetatable(getmetatable(''), {})", 1, "cannot change a protected metatable");
    passes(sb, "return getmetatable('').__index == string and ('a'):upper() == 'A'");
    lt_sandbox_free(sb);
}

static void library_tables_are_read_only(void **state)
{
    lt_sandbox *sb = new_sandbox();
    fails(sb, "string.upper = nil", 1, "attempt to modify read-only table 'string'");
    fails(sb, "\nrawset(string, 'upper', function() return 'pwned' end)", 2,
          "attempt to modify read-only table 'string'");
    fails(sb, "math.pi = 3", 1, "read-only table 'math'");
    fails(sb, "table.insert(os, 'x')", 1, "read-only table 'os'");
    fails(sb, "setmetatable(table, nil)", 1, "cannot change a protected metatable");
    /* Nothing stuck: methods and functions are the real ones still. */
    passes(sb, "return ('a'):upper() == 'A' and string.upper('b') == 'B'"
               " and rawget(string, 'upper') == nil and math.pi > 3.14");
    lt_sandbox_free(sb);
}

static void globals_must_be_declared(void **state)
{
    lt_sandbox *sb = new_sandbox();
    fails(sb, "local a = 1\nx = 1\n", 2, "assignment to undeclared global 'x'");
    fails(sb, "function helper() end", 1, "assignment to undeclared global 'helper'");
    fails(sb, "string = nil", 1, "assignment to read-only global 'string'");
    fails(sb, "local y = x + 1", 1, "undeclared global 'x'");
    fails(sb, "_ENV[1] = true", 1, "assignment to undeclared global '1'");
    lt_sandbox_free(sb);
}

static void env_tricks_fail(void **state)
{
    lt_sandbox *sb = new_sandbox();
    fails(sb, "setmetatable(_G, nil)", 1, "cannot change a protected metatable");
    fails(sb, "setmetatable(_ENV, {})", 1, "cannot change a protected metatable");
    fails(sb, "local e = _ENV\ne.x = 1", 2, "assignment to undeclared global 'x'");
    fails(sb, "rawset(_ENV, 'x', 1)", 1, "attempt to modify read-only table '_ENV'");
    fails(sb, "local t = setmetatable({}, {__gc = function() while true do end end})", 1,
          "__gc metamethods are not allowed");
    passes(sb, "return _G == _ENV and getmetatable(_ENV) == false and rawget(_ENV, 'x') == nil");
    passes(sb, "local _ENV = {y = 1}\nreturn y == 1");
    lt_sandbox_free(sb);
}

static const char *const random_src = "local t = {}\n"
                                      "for i = 1, 8 do t[i] = math.random(1, 1000000) end\n"
                                      "return table.concat(t, ',')";

static void random_is_deterministic(void **state)
{
    char first[256], again[256], other[256];
    lt_sandbox *a = new_sandbox();
    assert_int_equal(run(a, random_src, 1), LUA_OK);
    snprintf(first, sizeof first, "%s", lua_tostring(lt_sandbox_state(a), -1));
    lua_pop(lt_sandbox_state(a), 1);
    assert_int_equal(run(a, random_src, 1), LUA_OK);
    snprintf(again, sizeof again, "%s", lua_tostring(lt_sandbox_state(a), -1));
    lua_pop(lt_sandbox_state(a), 1);
    lt_sandbox *b = new_sandbox();
    assert_int_equal(run(b, random_src, 1), LUA_OK);
    snprintf(other, sizeof other, "%s", lua_tostring(lt_sandbox_state(b), -1));
    lua_pop(lt_sandbox_state(b), 1);
    assert_string_equal(first, again);
    assert_string_equal(first, other);

    fails(a, "math.randomseed()", 1, "bad argument #1 to 'randomseed'");
    passes(a, "math.randomseed(42)\nlocal x = math.random()\n"
              "math.randomseed(42)\nreturn math.random() == x");
    lt_sandbox_free(a);
    lt_sandbox_free(b);
}

static void allowed_things_work(void **state)
{
    lt_sandbox *sb = new_sandbox();
    passes(sb, "local t = {3, 1, 2}\n"
               "table.sort(t)\n"
               "local s = ('%s-%d'):format('jp', 2) .. utf8.char(228)\n"
               "local n = 0\n"
               "for k in pairs(string) do if k == 'upper' then n = n + 1 end end\n"
               "return table.concat(t) == '123' and s == 'jp-2\\xc3\\xa4' and n == 1\n"
               "  and ('a,b'):gsub(',', ';') == 'a;b' and #table == 0 and math.floor(2.5) == 2\n"
               "  and select('#', pcall(error)) == 2 and select(2, pcall(error, 'e', 0)) == 'e'\n"
               "  and select(2, xpcall(error, function(m) return 'h:' .. m end, 'x', 0)) == 'h:x'\n"
               "  and tostring(nil) == 'nil' and next({}) == nil and rawlen({1}) == 1");
    passes(sb, "local t = setmetatable({}, {__index = function(_, k) return k .. '!' end})\n"
               "rawset(t, 'a', 1)\nreturn t.b == 'b!' and t.a == 1");
    lt_sandbox_free(sb);
}

static void declared_globals_are_readable(void **state)
{
    lt_sandbox *sb = new_sandbox();
    lua_State *L = lt_sandbox_state(sb);
    lua_newtable(L);
    lua_pushliteral(L, "0.1");
    lua_setfield(L, -2, "version");
    lt_sandbox_declare(sb, "lontar");
    passes(sb, "return lontar.version == '0.1'");
    fails(sb, "lontar = nil", 1, "assignment to read-only global 'lontar'");
    lt_sandbox_push_env(sb);
    lua_getfield(L, -1, "lontar");
    assert_string_equal(lua_typename(L, lua_type(L, -1)), "table");
    lua_pop(L, 2);
    lt_sandbox_free(sb);
}

static int call_nothing(lua_State *L)
{
    (void)L;
    return 0;
}

static void host_tables_can_be_read_only(void **state)
{
    lt_sandbox *sb = new_sandbox();
    lua_State *L = lt_sandbox_state(sb);
    lua_newtable(L);
    lua_pushliteral(L, "Modul 1");
    lua_rawseti(L, -2, 1);
    lua_pushliteral(L, "Modul 2");
    lua_rawseti(L, -2, 2);
    lt_sandbox_readonly(sb, "site.pages");
    lt_sandbox_declare(sb, "pages");
    passes(sb, "local n = 0\nfor _, p in pairs(pages) do n = n + #p end\n"
               "for i, p in ipairs(pages) do n = n + i end\n"
               "return #pages == 2 and pages[2] == 'Modul 2' and n == 17");
    fails(sb, "pages[3] = 'x'", 1, "attempt to modify read-only table 'site.pages'");
    fails(sb, "table.remove(pages)", 1, "read-only table 'site.pages'");
    lt_sandbox_free(sb);
}

/* The host's API table as host.c makes it: a read-only table inside a
 * read-only table, declared as a global. */
static void nested_read_only_tables(void **state)
{
    lt_sandbox *sb = new_sandbox();
    lua_State *L = lt_sandbox_state(sb);
    lua_newtable(L);
    lua_pushcfunction(L, call_nothing);
    lua_setfield(L, -2, "page");
    lua_newtable(L);
    lua_pushcfunction(L, call_nothing);
    lua_setfield(L, -2, "warn");
    lt_sandbox_readonly(sb, "lontar.log");
    lua_setfield(L, -2, "log");
    lt_sandbox_readonly(sb, "lontar");
    lt_sandbox_declare(sb, "lontar");
    assert_true(lt_sandbox_declared(sb, "lontar"));
    assert_false(lt_sandbox_declared(sb, "lontar.log"));
    fails(sb, "local x = 1\nlontar.page = nil", 2, "attempt to modify read-only table 'lontar'");
    fails(sb, "lontar.log.warn = print", 1, "attempt to modify read-only table 'lontar.log'");
    fails(sb, "rawset(lontar.log, 'warn', nil)", 1, "read-only table 'lontar.log'");
    fails(sb, "lontar.baru = 1", 1, "read-only table 'lontar'");
    fails(sb, "setmetatable(lontar.log, nil)", 1, "cannot change a protected metatable");
    passes(sb, "lontar.page()\nlontar.log.warn()\n"
               "return type(lontar.page) == 'function' and type(lontar.log.warn) == 'function'");
    lt_sandbox_free(sb);
}

/* Host code may run plain Lua on the state; the real globals it sees stay
 * out of the sandbox's reach. */
static void host_code_sees_the_real_globals(void **state)
{
    lt_sandbox *sb = new_sandbox();
    lua_State *L = lt_sandbox_state(sb);
    assert_int_equal(luaL_dostring(L, "return type(string.dump) .. table.concat({1, 2})"), 0);
    assert_string_equal(lua_tostring(L, -1), "function12");
    lua_pop(L, 1);
    passes(sb, "return string.dump == nil and _G == _ENV");
    lt_sandbox_free(sb);
}

static lt_sandbox *callback_sandbox;

/* Like an API function that runs a plugin's callback: the nested call
 * shares the outer budget, and its error is raised again. */
static int call_back(lua_State *L)
{
    lua_settop(L, 1);
    if (lt_sandbox_pcall(callback_sandbox, 0, 1) != LUA_OK)
        return lua_error(L);
    return 1;
}

static void nested_calls_share_the_budget(void **state)
{
    lt_sandbox *sb = callback_sandbox = new_sandbox();
    lua_pushcfunction(lt_sandbox_state(sb), call_back);
    lt_sandbox_declare(sb, "call_back");
    passes(sb, "return call_back(function() return true end)");
    fails(sb, "\nlocal n = 0\nwhile true do pcall(call_back, function() n = n + 1 end) end", 3,
          "plugin ran too long");
    fails(sb, "call_back(function()\n  while true do end\nend)", 2, "plugin ran too long");
    lt_sandbox_free(sb);
}

static void killed_sandbox_is_usable(void **state)
{
    lt_sandbox *sb = new_sandbox_with(MEMORY_BUDGET);
    fails(sb, "while true do end", 1, "plugin ran too long");
    passes(sb, "local n = 0\nfor i = 1, 1000 do n = n + i end\nreturn n == 500500");
    fails(sb, "local t = {}\nwhile true do t[#t + 1] = {} end", 2, "plugin ran out of memory");
    passes(sb, "local t = {}\nfor i = 1, 10000 do t[i] = {i} end\nreturn #t == 10000");
    lt_sandbox_free(sb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(no_io),
        cmocka_unit_test(os_only_date_time_clock),
        cmocka_unit_test(no_package_debug_or_c_modules),
        cmocka_unit_test(require_only_plugins),
        cmocka_unit_test(require_loads_a_module_once),
        cmocka_unit_test(require_errors_name_the_module),
        cmocka_unit_test(no_binary_chunks),
        cmocka_unit_test(load_gets_the_sandbox_env),
        cmocka_unit_test(infinite_loop_stops_within_budget),
        cmocka_unit_test(pcall_cannot_swallow_the_kill),
        cmocka_unit_test(huge_string_hits_the_memory_cap),
        cmocka_unit_test(growing_table_hits_the_memory_cap),
        cmocka_unit_test(allocation_counts_against_budget),
        cmocka_unit_test(string_metatable_is_locked),
        cmocka_unit_test(library_tables_are_read_only),
        cmocka_unit_test(globals_must_be_declared),
        cmocka_unit_test(env_tricks_fail),
        cmocka_unit_test(random_is_deterministic),
        cmocka_unit_test(allowed_things_work),
        cmocka_unit_test(declared_globals_are_readable),
        cmocka_unit_test(host_tables_can_be_read_only),
        cmocka_unit_test(nested_read_only_tables),
        cmocka_unit_test(host_code_sees_the_real_globals),
        cmocka_unit_test(nested_calls_share_the_budget),
        cmocka_unit_test(killed_sandbox_is_usable),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
