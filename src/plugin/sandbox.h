/* The Lua sandbox every plugin and template runs in. A sandboxed state has
 * only: base (without dofile, loadfile, collectgarbage, warn, and load of
 * binary chunks), string (without dump), table, math (random seeded the
 * same every call), utf8, and os.date/os.time/os.clock. No io, no
 * os.execute/getenv/remove/exit, no package, no debug, no coroutine, no C
 * modules. `print` raises an error that points to lontar.log.info: nothing
 * a plugin does goes to the build's stdout.
 *
 * Library tables (and _ENV itself) are read-only, also to rawset: plugins
 * and templates share a state, so none may change `string.format` for the
 * others. getmetatable("") gives a read-only view, never the real string
 * metatable. Reading an undeclared global is the error `undeclared global
 * 'x'`, writing one `assignment to undeclared global 'x'`; plugins use
 * locals, and the host adds its API with lt_sandbox_declare. setmetatable
 * refuses `__gc` metamethods: a finalizer would run outside any budget.
 *
 * `require "name"` loads Lua text through the loader the caller gives (the
 * site's plugins/ folder); names are [A-Za-z0-9_.-]+ without "..". Each
 * module runs once per state, with the sandbox env, and is cached.
 *
 * Limits: a memory cap per state (a counting allocator, enforced while a
 * lt_sandbox_load or lt_sandbox_pcall is running) and an instruction budget
 * per call, checked every 1000 VM instructions. Bytes a call allocates are
 * charged to the budget too (one instruction per 16 bytes), so a loop of
 * huge string.rep calls, whose work is in C, still ends. Once a call runs
 * out of either, it is killed: the error `file:line: plugin ran too long
 * (instruction budget of N exhausted)` or `file:line: plugin ran out of
 * memory (cap of N MB reached)` passes through the sandbox's pcall and
 * xpcall and reaches the caller of lt_sandbox_pcall; the state stays usable
 * for the next call. Work inside one C function is not interrupted: a
 * pathological pattern (string.find on a long subject with many `.-`) can
 * outlast the budget.
 *
 * Determinism: math.random restarts from seed 0 at every lt_sandbox_pcall
 * (math.randomseed needs an explicit integer seed), so output does not
 * depend on which render thread ran what before. os.date, os.time and
 * os.clock read the clock; they are the only such functions. Not
 * deterministic across runs either: the order of `pairs` over string keys
 * (Lua seeds its string hash per state) and tostring of tables/functions
 * (addresses).
 *
 * Threads: one sandbox per thread; a sandbox is not thread-safe.
 * Ownership: lt_sandbox_new/lt_sandbox_free; the lua_State is borrowed
 * from the sandbox. */
#ifndef LT_PLUGIN_SANDBOX_H
#define LT_PLUGIN_SANDBOX_H

#include <lua.h>
#include <stddef.h>

/* Lua VM instructions per second of CPU time, the rate plugins.timeout_s
 * is turned into a budget with. Measured on an AMD EPYC core with Lua 5.4.4
 * under the budget hook: 140-160 M/s for tight loops, 90 M/s for
 * recursive calls, 18-32 M/s for string- and table-heavy code (allocation
 * charges included). 50 M/s is in the middle: a runaway loop is stopped
 * after about a third of timeout_s, heavy honest work gets up to three
 * times it. A budget in instructions rather than seconds makes a plugin
 * fit or not the same on every machine. */
#define LT_SANDBOX_INSTRUCTIONS_PER_SECOND 50000000UL
#define LT_SANDBOX_DEFAULT_MEMORY ((size_t)256 << 20) /* plugins.memory_mb */
#define LT_SANDBOX_DEFAULT_SECONDS 10                 /* plugins.timeout_s */

typedef struct lt_sandbox lt_sandbox;

/* A zero field takes its default. */
typedef struct lt_sandbox_limits {
    size_t memory_bytes;        /* total for the state */
    unsigned long instructions; /* per lt_sandbox_pcall */
} lt_sandbox_limits;

/* Reads a module for `require name`: returns malloc'd Lua source and its
 * malloc'd chunk name ("@plugins/name.lua"), or NULL when there is no such
 * module. Both are freed by the sandbox. */
typedef char *(*lt_sandbox_loader)(void *ctx, const char *name, size_t *out_len,
                                   char **out_chunkname);

/* limits may be NULL (all defaults); loader may be NULL (every require
 * fails). Aborts when out of memory, like lt_xmalloc. */
lt_sandbox *lt_sandbox_new(const lt_sandbox_limits *limits, lt_sandbox_loader loader,
                           void *loader_ctx);
void lt_sandbox_free(lt_sandbox *sb);
lua_State *lt_sandbox_state(lt_sandbox *sb);

/* Pushes the table the sandbox's code sees as its globals (_ENV). */
void lt_sandbox_push_env(lt_sandbox *sb);
/* Declares global `name` with the value on top of the stack (popped). A
 * declared global is readable by every chunk of the state and writable by
 * none; a table stays writable unless made read-only first. */
void lt_sandbox_declare(lt_sandbox *sb, const char *name);
/* 1 when global `name` is declared. */
int lt_sandbox_declared(lt_sandbox *sb, const char *name);
/* Replaces the table on top of the stack with a read-only view of it: reads,
 * `#`, pairs go through; writes and rawset raise `attempt to modify
 * read-only table 'name'`. Shallow: tables inside stay as they are. Never
 * write into a view from C (lua_setfield raises). */
void lt_sandbox_readonly(lt_sandbox *sb, const char *name);

/* Loads text-only source as a chunk whose globals are the sandbox env.
 * On error returns non-zero with the message on the stack. */
int lt_sandbox_load(lt_sandbox *sb, const char *src, size_t len, const char *chunkname);

/* lua_pcall with the instruction budget reset and enforced, and the kill
 * made final. Returns a LUA_* status; on error the message (with the
 * plugin's file:line) is on the stack: LUA_ERRMEM when the memory cap
 * killed the call, LUA_ERRRUN for the budget and for ordinary errors.
 *
 * A C function called from the sandbox may call lt_sandbox_pcall again
 * (say, a filter callback): the nested call shares the outer call's budget,
 * and on error the C function must raise the message again (lua_error)
 * rather than swallow it. */
int lt_sandbox_pcall(lt_sandbox *sb, int nargs, int nresults);

#endif
