/* The Lua sandbox every plugin and template runs in. A sandboxed state has
 * only: base (without dofile, loadfile, and load of binary chunks), string
 * (without dump), table, math (random seeded the same every build), utf8,
 * and os.date/os.time/os.clock. No io, no os.execute/getenv/remove, no
 * package, no debug, no C modules. Library tables are read-only, the string
 * metatable is locked, and reading or writing an undeclared global is an
 * error. `require` loads Lua modules only through the loader the caller
 * gives (the site's plugins/ folder).
 *
 * Limits: a memory cap per state (a counting allocator) and an instruction
 * budget per call. A call that runs out is stopped with an error that
 * pcall/xpcall inside the sandbox cannot swallow.
 *
 * Ownership: lt_sandbox_new/lt_sandbox_free; the lua_State is borrowed
 * from the sandbox. */
#ifndef LT_PLUGIN_SANDBOX_H
#define LT_PLUGIN_SANDBOX_H

#include <lua.h>
#include <stddef.h>

typedef struct lt_sandbox lt_sandbox;

typedef struct lt_sandbox_limits {
    size_t memory_bytes;       /* plugins.memory_mb, default 256 MB */
    unsigned long instructions; /* per call; from plugins.timeout_s, default 10 s */
} lt_sandbox_limits;

/* Reads a module for `require name`: returns malloc'd Lua source and its
 * chunk name ("@plugins/name.lua"), or NULL when there is no such module. */
typedef char *(*lt_sandbox_loader)(void *ctx, const char *name, size_t *out_len,
                                   char **out_chunkname);

lt_sandbox *lt_sandbox_new(const lt_sandbox_limits *limits, lt_sandbox_loader loader,
                           void *loader_ctx);
void lt_sandbox_free(lt_sandbox *sb);
lua_State *lt_sandbox_state(lt_sandbox *sb);

/* The table the sandbox's code sees as its globals (on the stack). Callers
 * add their API (e.g. the `lontar` table) with lt_sandbox_declare. */
void lt_sandbox_push_env(lt_sandbox *sb);
/* Declares global `name` with the value on top of the stack (popped). */
void lt_sandbox_declare(lt_sandbox *sb, const char *name);

/* Loads text-only source as a chunk whose globals are the sandbox env.
 * On error returns non-zero with the message on the stack. */
int lt_sandbox_load(lt_sandbox *sb, const char *src, size_t len, const char *chunkname);

/* lua_pcall with the instruction budget reset and enforced, and the kill
 * made final. Returns a LUA_* status; on error the message (with the
 * plugin's file:line) is on the stack. */
int lt_sandbox_pcall(lt_sandbox *sb, int nargs, int nresults);

#endif
