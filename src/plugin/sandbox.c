#include "plugin/sandbox.h"

#include "util/arena.h"

#include <lauxlib.h>
#include <lualib.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The hook runs every HOOK_STEP instructions, so a kill lands within a few
 * microseconds. (Any count hook makes Lua 5.4 trace every instruction, some
 * 30-50% on tight loops whatever the step; the hook itself adds little.) */
#define HOOK_STEP 1000UL
/* Allocations are charged to the budget at this rate (about what a VM
 * instruction costs in time against writing fresh memory). */
#define BYTES_PER_INSTRUCTION 16

enum kill { KILL_NONE, KILL_BUDGET, KILL_MEMORY };

struct lt_sandbox {
    lua_State *L;
    size_t used, cap; /* bytes */
    unsigned long budget, step, spent;
    int depth;       /* lt_sandbox_load/lt_sandbox_pcall calls running */
    int random_used; /* math.random or math.randomseed ran since the last reseed */
    enum kill killed;
    /* The last known position of the running plugin, for a memory kill. */
    char where_src[LUA_IDSIZE];
    int where_line;
    char kill_msg[LUA_IDSIZE + 128];
    lt_sandbox_loader loader;
    void *loader_ctx;
    /* Registry references. */
    int env_ref, declared_ref, readonly_ref, loaded_ref, seed_ref;
};

/* The address is the marker of a module being loaded, for circular requires. */
static const char loading_marker;

static lt_sandbox *sandbox_of(lua_State *L)
{
    void *ud;
    lua_getallocf(L, &ud);
    return ud;
}

static void remember(lt_sandbox *sb, const char *src, int line)
{
    snprintf(sb->where_src, sizeof sb->where_src, "%s", src);
    sb->where_line = line;
}

/* Finds the innermost Lua function from `level` out (a C function has no
 * line): the plugin code behind a C function such as table.insert. */
static int innermost_lua(lua_State *L, int level, lua_Debug *ar)
{
    for (; lua_getstack(L, level, ar); level++) {
        lua_getinfo(L, "Sl", ar);
        if (ar->currentline > 0)
            return 1;
    }
    return 0;
}

/* luaL_error, positioned at the plugin code even when a C function stands
 * between (table.insert(string, …) meets __newindex from C). */
static int plugin_error(lua_State *L, const char *fmt, ...)
{
    lua_Debug ar;
    va_list ap;
    if (innermost_lua(L, 1, &ar))
        lua_pushfstring(L, "%s:%d: ", ar.short_src, ar.currentline);
    else
        lua_pushliteral(L, "");
    va_start(ap, fmt);
    lua_pushvfstring(L, fmt, ap);
    va_end(ap);
    lua_concat(L, 2);
    return lua_error(L);
}

static void kill(lt_sandbox *sb, enum kill why)
{
    char rule[96];
    if (why == KILL_BUDGET)
        snprintf(rule, sizeof rule, "plugin ran too long (instruction budget of %lu exhausted)",
                 sb->budget);
    else if (sb->cap >= (1u << 20))
        snprintf(rule, sizeof rule, "plugin ran out of memory (cap of %zu MB reached)",
                 sb->cap >> 20);
    else
        snprintf(rule, sizeof rule, "plugin ran out of memory (cap of %zu bytes reached)", sb->cap);
    if (sb->where_line > 0)
        snprintf(sb->kill_msg, sizeof sb->kill_msg, "%s:%d: %s", sb->where_src, sb->where_line,
                 rule);
    else if (sb->where_src[0])
        snprintf(sb->kill_msg, sizeof sb->kill_msg, "%s: %s", sb->where_src, rule);
    else
        snprintf(sb->kill_msg, sizeof sb->kill_msg, "%s", rule);
    sb->killed = why;
}

static void budget_hook(lua_State *L, lua_Debug *ar);

/* Counts every byte of the state. While sandboxed code runs, growth past
 * the cap is refused: Lua then collects garbage, asks again, and raises a
 * memory error, which the sandbox makes a kill. Outside (setup, the host
 * filling tables) nothing is refused, so an unprotected API call never
 * meets a refusal it would turn into a panic. */
static void *sandbox_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    lt_sandbox *sb = ud;
    size_t old = ptr ? osize : 0; /* without a block, osize is a type tag */
    if (nsize == 0) {
        free(ptr);
        sb->used -= old;
        return NULL;
    }
    if (nsize > old && sb->depth > 0) {
        size_t grow = nsize - old;
        if (sb->used > sb->cap || grow > sb->cap - sb->used) {
            /* Lua raises "not enough memory" without a position, and the
             * stack is gone by the time anything sees the error; read it
             * now. Only for a fresh block: a grown block may be the Lua
             * stack itself, whose pointers Lua 5.4.6+ keeps as offsets
             * while it moves. */
            lua_Debug ar;
            if (!ptr && innermost_lua(sb->L, 0, &ar))
                remember(sb, ar.short_src, ar.currentline);
            return NULL;
        }
        sb->spent += grow / BYTES_PER_INSTRUCTION;
        /* Spent by allocating: check at the next instruction rather than
         * up to HOOK_STEP instructions (and as many allocations) later.
         * lua_sethook is safe at any point; lua.c calls it from a signal
         * handler. */
        if (sb->spent >= sb->budget)
            lua_sethook(sb->L, budget_hook, LUA_MASKCOUNT, 1);
    }
    void *p = realloc(ptr, nsize);
    if (!p) {
        if (nsize > old)
            return NULL;
        p = ptr; /* Lua assumes shrinking never fails; keep the larger block */
    }
    sb->used = sb->used - old + nsize;
    return p;
}

static void budget_hook(lua_State *L, lua_Debug *ar)
{
    lt_sandbox *sb = sandbox_of(L);
    lua_getinfo(L, "Sl", ar);
    remember(sb, ar->short_src, ar->currentline);
    sb->spent += sb->step;
    if (sb->killed == KILL_NONE) {
        if (sb->spent < sb->budget)
            return;
        kill(sb, KILL_BUDGET);
    }
    /* Once killed, every tick raises again: message handlers and __close
     * metamethods that run after the kill get HOOK_STEP instructions. */
    lua_pushstring(L, sb->kill_msg);
    lua_error(L);
}

/* Raises the error on top after a protected call inside the sandbox,
 * noting a memory error as a kill. */
static int rethrow(lt_sandbox *sb, lua_State *L, int status)
{
    if (status == LUA_ERRMEM && sb->killed == KILL_NONE)
        kill(sb, KILL_MEMORY);
    return lua_error(L);
}

/* Makes the globals of the main chunk on top the table at env_idx, or the
 * sandbox env when env_idx is 0. A main chunk's one upvalue is _ENV. */
static void bind_env(lt_sandbox *sb, lua_State *L, int env_idx)
{
    if (env_idx)
        lua_pushvalue(L, env_idx);
    else
        lua_rawgeti(L, LUA_REGISTRYINDEX, sb->env_ref);
    lua_setupvalue(L, -2, 1);
}

/* The name of the read-only table at idx, or NULL when it is writable.
 * Leaves a value on the stack. */
static const char *readonly_name(lt_sandbox *sb, lua_State *L, int idx)
{
    idx = lua_absindex(L, idx);
    lua_rawgeti(L, LUA_REGISTRYINDEX, sb->readonly_ref);
    lua_pushvalue(L, idx);
    lua_rawget(L, -2);
    lua_remove(L, -2);
    return lua_tostring(L, -1);
}

static int readonly_assign(lua_State *L)
{
    const char *name = readonly_name(sandbox_of(L), L, 1);
    return plugin_error(L, "attempt to modify read-only table '%s'", name);
}

static int readonly_next(lua_State *L)
{
    lua_settop(L, 2);
    if (lua_next(L, lua_upvalueindex(1)))
        return 2;
    lua_pushnil(L);
    return 1;
}

/* __pairs iterates the real table without handing it out. */
static int readonly_pairs(lua_State *L)
{
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_pushvalue(L, 1);
    lua_pushnil(L);
    return 3;
}

static int readonly_len(lua_State *L)
{
    lua_pushinteger(L, (lua_Integer)lua_rawlen(L, lua_upvalueindex(1)));
    return 1;
}

void lt_sandbox_readonly(lt_sandbox *sb, const char *name)
{
    lua_State *L = sb->L;
    int real = lua_gettop(L);
    lua_newtable(L); /* the view: always empty, so every write meets __newindex */
    lua_createtable(L, 0, 5);
    lua_pushvalue(L, real);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, readonly_assign);
    lua_setfield(L, -2, "__newindex");
    lua_pushvalue(L, real);
    lua_pushcclosure(L, readonly_next, 1);
    lua_pushcclosure(L, readonly_pairs, 1);
    lua_setfield(L, -2, "__pairs");
    lua_pushvalue(L, real);
    lua_pushcclosure(L, readonly_len, 1);
    lua_setfield(L, -2, "__len");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, -2);
    lua_rawgeti(L, LUA_REGISTRYINDEX, sb->readonly_ref);
    lua_pushvalue(L, -2);
    lua_pushstring(L, name ? name : "?"); /* a nil would leave it writable to rawset */
    lua_rawset(L, -3);
    lua_pop(L, 1);
    lua_replace(L, real);
}

/* Names a global for an error message (keys need not be strings). */
static const char *key_name(lua_State *L, int idx)
{
    return lua_type(L, idx) == LUA_TSTRING ? lua_tostring(L, idx) : luaL_tolstring(L, idx, NULL);
}

/* __index of the declared table, reached after a global is not found. */
static int env_undeclared(lua_State *L)
{
    return plugin_error(L, "undeclared global '%s'", key_name(L, 2));
}

/* __newindex of the env. */
static int env_assign(lua_State *L)
{
    lt_sandbox *sb = sandbox_of(L);
    lua_rawgeti(L, LUA_REGISTRYINDEX, sb->declared_ref);
    lua_pushvalue(L, 2);
    if (lua_rawget(L, -2) != LUA_TNIL)
        return plugin_error(L, "assignment to read-only global '%s'", key_name(L, 2));
    return plugin_error(L, "assignment to undeclared global '%s'", key_name(L, 2));
}

static int finish_pcall(lua_State *L, int status, int extra)
{
    if (status == LUA_OK)
        return lua_gettop(L) - extra;
    lt_sandbox *sb = sandbox_of(L);
    if (status == LUA_ERRMEM || sb->killed != KILL_NONE)
        return rethrow(sb, L, status);
    lua_pushboolean(L, 0);
    lua_pushvalue(L, -2);
    return 2;
}

/* pcall and xpcall as in lbaselib.c, except that a kill passes through.
 * Without coroutines there is nothing to yield, so no continuations. */
static int sandbox_pcall(lua_State *L)
{
    luaL_checkany(L, 1);
    lua_pushboolean(L, 1);
    lua_insert(L, 1);
    return finish_pcall(L, lua_pcall(L, lua_gettop(L) - 2, LUA_MULTRET, 0), 0);
}

/* The plugin's message handler, skipped after a kill: an error raised by a
 * hook reaches the handler while Lua keeps hooks off, so a handler that
 * loops would never be stopped. */
static int xpcall_handler(lua_State *L)
{
    if (sandbox_of(L)->killed != KILL_NONE)
        return 1;
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, 1);
    return 1;
}

static int sandbox_xpcall(lua_State *L)
{
    int n = lua_gettop(L);
    luaL_checktype(L, 2, LUA_TFUNCTION);
    lua_pushvalue(L, 2);
    lua_pushcclosure(L, xpcall_handler, 1);
    lua_replace(L, 2);
    lua_pushboolean(L, 1);
    lua_pushvalue(L, 1);
    lua_rotate(L, 3, 2);
    return finish_pcall(L, lua_pcall(L, n - 2, LUA_MULTRET, 2), 2);
}

/* load(s [, chunkname [, mode [, env]]]): text only, whatever the mode;
 * the chunk's globals are env if given, else the sandbox env. */
static int sandbox_load(lua_State *L)
{
    lt_sandbox *sb = sandbox_of(L);
    size_t len;
    const char *src = luaL_checklstring(L, 1, &len);
    const char *chunkname = luaL_optstring(L, 2, src);
    int status = luaL_loadbufferx(L, src, len, chunkname, "t");
    if (status == LUA_ERRMEM)
        return rethrow(sb, L, status);
    if (status != LUA_OK) {
        lua_pushnil(L);
        lua_insert(L, -2);
        return 2;
    }
    bind_env(sb, L, lua_isnone(L, 4) ? 0 : 4);
    return 1;
}

static int sandbox_rawset(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    luaL_checkany(L, 2);
    luaL_checkany(L, 3);
    const char *name = readonly_name(sandbox_of(L), L, 1);
    if (name)
        return plugin_error(L, "attempt to modify read-only table '%s'", name);
    lua_settop(L, 3);
    lua_rawset(L, 1);
    return 1;
}

/* setmetatable as in lbaselib.c, without __gc: a finalizer runs whenever
 * the collector gets to it, outside any budget (at the latest in
 * lua_close). Lua marks an object for finalization only if __gc is in its
 * metatable when it is set, so checking here is enough. */
static int sandbox_setmetatable(lua_State *L)
{
    int t = lua_type(L, 2);
    luaL_checktype(L, 1, LUA_TTABLE);
    luaL_argexpected(L, t == LUA_TNIL || t == LUA_TTABLE, 2, "nil or table");
    if (luaL_getmetafield(L, 1, "__metatable") != LUA_TNIL)
        return plugin_error(L, "cannot change a protected metatable");
    if (t == LUA_TTABLE) {
        lua_pushliteral(L, "__gc");
        if (lua_rawget(L, 2) != LUA_TNIL)
            return plugin_error(L, "__gc metamethods are not allowed in plugins");
    }
    lua_settop(L, 2);
    lua_setmetatable(L, 1);
    return 1;
}

static int sandbox_print(lua_State *L)
{
    return plugin_error(L, "print is not available in plugins (use lontar.log.info)");
}

/* Calls the real function (upvalue 1) with the arguments, noting that the
 * random sequence moved on: the next call starts it again from its seed. */
static int call_random(lua_State *L)
{
    sandbox_of(L)->random_used = 1;
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
    return lua_gettop(L);
}

/* math.randomseed with an explicit seed only: without one, Lua seeds from
 * the clock. */
static int sandbox_randomseed(lua_State *L)
{
    luaL_checkinteger(L, 1);
    luaL_optinteger(L, 2, 0);
    return call_random(L);
}

static int valid_module_name(const char *s, size_t len)
{
    if (len == 0 || strlen(s) != len || strstr(s, ".."))
        return 0;
    for (; *s; s++) {
        char c = *s;
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '.' || c == '-'))
            return 0;
    }
    return 1;
}

static int sandbox_require(lua_State *L)
{
    lt_sandbox *sb = sandbox_of(L);
    size_t len;
    const char *name = luaL_checklstring(L, 1, &len);
    if (!valid_module_name(name, len))
        return plugin_error(L, "invalid module name '%s' (letters, digits, '_', '.', '-')", name);
    lua_settop(L, 1);
    lua_rawgeti(L, LUA_REGISTRYINDEX, sb->loaded_ref); /* 2 */
    lua_pushvalue(L, 1);
    if (lua_rawget(L, 2) != LUA_TNIL) {
        if (lua_touserdata(L, -1) == &loading_marker)
            return plugin_error(L, "circular require of module '%s'", name);
        return 1;
    }
    lua_pop(L, 1);

    size_t src_len = 0;
    char *chunkname = NULL;
    char *src = sb->loader ? sb->loader(sb->loader_ctx, name, &src_len, &chunkname) : NULL;
    if (!src) {
        free(chunkname);
        return plugin_error(L, "module '%s' not found in the site's plugins/ folder", name);
    }
    int status = luaL_loadbufferx(L, src, src_len, chunkname ? chunkname : name, "t");
    free(src);
    free(chunkname);
    if (status != LUA_OK)
        return rethrow(sb, L, status);
    bind_env(sb, L, 0);

    lua_pushvalue(L, 1);
    lua_pushlightuserdata(L, (void *)&loading_marker);
    lua_rawset(L, 2);
    lua_pushvalue(L, 1);
    status = lua_pcall(L, 1, 1, 0);
    if (status != LUA_OK) {
        /* Forget the half-loaded module so a later require tries again. */
        lua_pushvalue(L, 1);
        lua_pushnil(L);
        lua_rawset(L, 2);
        return rethrow(sb, L, status);
    }
    if (lua_isnil(L, -1)) {
        lua_pop(L, 1);
        lua_pushboolean(L, 1);
    }
    lua_pushvalue(L, 1);
    lua_pushvalue(L, -2);
    lua_rawset(L, 2);
    return 1;
}

static const char *const base_names[] = {
    "assert", "error",  "getmetatable", "ipairs", "next",     "pairs",    "rawequal", "rawget",
    "rawlen", "select", "tonumber",     "type",   "tostring", "_VERSION", NULL,
};
static const char *const string_names[] = {
    "byte", "char", "find",    "format", "gmatch", "gsub",     "len",    "lower", "match",
    "pack", "rep",  "reverse", "sub",    "upper",  "packsize", "unpack", NULL,
};
static const char *const table_names[] = {
    "concat", "insert", "move", "pack", "remove", "sort", "unpack", NULL,
};
static const char *const math_names[] = {
    "abs",  "acos",   "asin", "atan", "ceil", "cos",        "deg",        "exp",  "floor",
    "fmod", "huge",   "log",  "max",  "min",  "maxinteger", "mininteger", "modf", "pi",
    "rad",  "random", "sin",  "sqrt", "tan",  "tointeger",  "type",       "ult",  NULL,
};
static const char *const utf8_names[] = {
    "char", "charpattern", "codes", "codepoint", "len", "offset", NULL,
};
static const char *const os_names[] = {"clock", "date", "time", NULL};

/* Leaves a new table with the allowed fields of library `name` on top
 * (allowlists, so a newer Lua adds nothing unseen), the library below.
 * The whole library is also a global of the real _G, which no sandboxed
 * chunk can reach, for host code that runs plain Lua (luaL_dostring). */
static void open_library(lua_State *L, const char *name, lua_CFunction open,
                         const char *const *names)
{
    luaL_requiref(L, name, open, 1);
    lua_newtable(L);
    for (; *names; names++) {
        lua_getfield(L, -2, *names);
        lua_setfield(L, -2, *names);
    }
}

/* Declares the table on top as library `name`, read-only. */
static void declare_library(lt_sandbox *sb, const char *name)
{
    lt_sandbox_readonly(sb, name);
    lt_sandbox_declare(sb, name);
}

static int new_ref_table(lua_State *L)
{
    lua_newtable(L);
    return luaL_ref(L, LUA_REGISTRYINDEX);
}

/* Builds the env, in protected mode (lt_sandbox_new). */
static int open_sandbox(lua_State *L)
{
    lt_sandbox *sb = sandbox_of(L);

    lua_newtable(L);
    lua_createtable(L, 0, 1);
    lua_pushliteral(L, "k");
    lua_setfield(L, -2, "__mode");
    lua_setmetatable(L, -2);
    sb->readonly_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    sb->loaded_ref = new_ref_table(L);

    /* env -> declared -> error: a declared global costs a table lookup,
     * only a miss calls into C. */
    lua_newtable(L);
    lua_createtable(L, 0, 1);
    lua_pushcfunction(L, env_undeclared);
    lua_setfield(L, -2, "__index");
    lua_setmetatable(L, -2);
    lua_pushvalue(L, -1);
    sb->declared_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    lua_newtable(L);
    lua_createtable(L, 0, 3);
    lua_pushvalue(L, -3);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, env_assign);
    lua_setfield(L, -2, "__newindex");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, -2);
    lua_remove(L, -2);
    lua_rawgeti(L, LUA_REGISTRYINDEX, sb->readonly_ref); /* rawset(_ENV, …) is a write too */
    lua_pushvalue(L, -2);
    lua_pushliteral(L, "_ENV");
    lua_rawset(L, -3);
    lua_pop(L, 1);
    sb->env_ref = luaL_ref(L, LUA_REGISTRYINDEX);

    luaL_requiref(L, "_G", luaopen_base, 0);
    for (const char *const *n = base_names; *n; n++) {
        lua_getfield(L, -1, *n);
        lt_sandbox_declare(sb, *n);
    }
    static const luaL_Reg replaced[] = {
        {"pcall", sandbox_pcall},
        {"xpcall", sandbox_xpcall},
        {"load", sandbox_load},
        {"rawset", sandbox_rawset},
        {"require", sandbox_require},
        {"print", sandbox_print},
        {"setmetatable", sandbox_setmetatable},
        {NULL, NULL},
    };
    for (const luaL_Reg *r = replaced; r->name; r++) {
        lua_pushcfunction(L, r->func);
        lt_sandbox_declare(sb, r->name);
    }
    lua_pop(L, 1);
    lt_sandbox_push_env(sb);
    lt_sandbox_declare(sb, "_G");

    open_library(L, LUA_STRLIBNAME, luaopen_string, string_names);
    /* Methods on strings find the copy without dump; getmetatable("") gets
     * a read-only view whose __index is the read-only string table. */
    lua_pushliteral(L, "");
    lua_getmetatable(L, -1);
    lua_pushvalue(L, -3);
    lua_setfield(L, -2, "__index");
    lua_pushvalue(L, -3);
    lt_sandbox_readonly(sb, LUA_STRLIBNAME);
    lua_createtable(L, 0, 1);
    lua_pushvalue(L, -2);
    lua_setfield(L, -2, "__index");
    lt_sandbox_readonly(sb, "string metatable");
    lua_setfield(L, -3, "__metatable");
    lt_sandbox_declare(sb, LUA_STRLIBNAME);
    lua_pop(L, 4);

    open_library(L, LUA_TABLIBNAME, luaopen_table, table_names);
    declare_library(sb, LUA_TABLIBNAME);
    lua_pop(L, 1);

    open_library(L, LUA_MATHLIBNAME, luaopen_math, math_names);
    lua_getfield(L, -2, "randomseed");
    lua_pushvalue(L, -1);
    sb->seed_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    lua_pushcclosure(L, sandbox_randomseed, 1);
    lua_setfield(L, -2, "randomseed");
    lua_getfield(L, -2, "random");
    lua_pushcclosure(L, call_random, 1);
    lua_setfield(L, -2, "random");
    declare_library(sb, LUA_MATHLIBNAME);
    lua_pop(L, 1);

    open_library(L, LUA_UTF8LIBNAME, luaopen_utf8, utf8_names);
    declare_library(sb, LUA_UTF8LIBNAME);
    lua_pop(L, 1);

    open_library(L, LUA_OSLIBNAME, luaopen_os, os_names);
    declare_library(sb, LUA_OSLIBNAME);
    lua_pop(L, 1);
    return 0;
}

lt_sandbox *lt_sandbox_new(const lt_sandbox_limits *limits, lt_sandbox_loader loader,
                           void *loader_ctx)
{
    lt_sandbox *sb = lt_xcalloc(1, sizeof *sb);
    sb->cap = limits && limits->memory_bytes ? limits->memory_bytes : LT_SANDBOX_DEFAULT_MEMORY;
    sb->budget = limits && limits->instructions
                     ? limits->instructions
                     : LT_SANDBOX_DEFAULT_SECONDS * LT_SANDBOX_INSTRUCTIONS_PER_SECOND;
    sb->step = sb->budget < HOOK_STEP ? sb->budget : HOOK_STEP;
    sb->random_used = 1; /* luaopen_math seeds from the clock */
    sb->loader = loader;
    sb->loader_ctx = loader_ctx;
    sb->L = lua_newstate(sandbox_alloc, sb);
    /* Nothing is refused during setup: only a real malloc failure stops it. */
    if (!sb->L)
        goto oom;
    lua_pushcfunction(sb->L, open_sandbox);
    if (lua_pcall(sb->L, 0, 0, 0) != LUA_OK)
        goto oom;
    return sb;
oom:
    fputs("lontar: out of memory\n", stderr);
    abort();
}

void lt_sandbox_free(lt_sandbox *sb)
{
    if (!sb)
        return;
    lua_close(sb->L);
    free(sb);
}

lua_State *lt_sandbox_state(lt_sandbox *sb)
{
    return sb->L;
}

void lt_sandbox_push_env(lt_sandbox *sb)
{
    lua_rawgeti(sb->L, LUA_REGISTRYINDEX, sb->env_ref);
}

void lt_sandbox_declare(lt_sandbox *sb, const char *name)
{
    lua_State *L = sb->L;
    lua_rawgeti(L, LUA_REGISTRYINDEX, sb->declared_ref);
    lua_insert(L, -2);
    lua_setfield(L, -2, name); /* the declared table has no __newindex */
    lua_pop(L, 1);
}

int lt_sandbox_declared(lt_sandbox *sb, const char *name)
{
    lua_State *L = sb->L;
    lua_rawgeti(L, LUA_REGISTRYINDEX, sb->declared_ref);
    lua_pushstring(L, name);
    int found = lua_rawget(L, -2) != LUA_TNIL;
    lua_pop(L, 2);
    return found;
}

int lt_sandbox_load(lt_sandbox *sb, const char *src, size_t len, const char *chunkname)
{
    sb->depth++;
    int status = luaL_loadbufferx(sb->L, src, len, chunkname, "t");
    sb->depth--;
    if (status == LUA_OK)
        bind_env(sb, sb->L, 0);
    return status;
}

/* A fresh budget, the random sequence from its start, and the called
 * function's file as the position until the hook knows better. Reseeding
 * only after math.random ran keeps small calls (a filter on every text
 * node) cheap. */
static void start_call(lt_sandbox *sb, int nargs)
{
    lua_State *L = sb->L;
    lua_Debug ar;
    sb->spent = 0;
    sb->killed = KILL_NONE;
    luaL_checkstack(L, 2, NULL);
    if (sb->random_used) {
        lua_rawgeti(L, LUA_REGISTRYINDEX, sb->seed_ref);
        lua_pushinteger(L, 0);
        lua_call(L, 1, 0);
        sb->random_used = 0;
    }
    lua_pushvalue(L, -(nargs + 1));
    lua_getinfo(L, ">S", &ar);
    remember(sb, ar.short_src, ar.linedefined);
    lua_sethook(L, budget_hook, LUA_MASKCOUNT, (int)sb->step);
}

int lt_sandbox_pcall(lt_sandbox *sb, int nargs, int nresults)
{
    lua_State *L = sb->L;
    int outermost = sb->depth == 0;
    int base = lua_gettop(L) - nargs - 1;
    if (outermost)
        start_call(sb, nargs);
    sb->depth++;
    int status = lua_pcall(L, nargs, nresults, 0);
    sb->depth--;
    if (status == LUA_ERRMEM && sb->killed == KILL_NONE)
        kill(sb, KILL_MEMORY);
    if (!outermost)
        return status;
    lua_sethook(L, NULL, 0, 0);
    if (sb->killed == KILL_NONE)
        return status;
    /* The kill's own message, whatever a handler made of it on the way
     * out; and an error even if some C function swallowed the kill. */
    lua_settop(L, base);
    lua_pushstring(L, sb->kill_msg);
    return sb->killed == KILL_MEMORY ? LUA_ERRMEM : LUA_ERRRUN;
}
