/* Runs fn(ctx, i, worker) for i in [0, n) on up to `threads` threads; items
 * are handed out one at a time from a shared counter, so uneven pages
 * balance. `worker` (0..threads-1) indexes per-thread state such as a Lua
 * state or an arena. */
#ifndef LT_UTIL_PARALLEL_H
#define LT_UTIL_PARALLEL_H

#include <stddef.h>

typedef void (*lt_parallel_fn)(void *ctx, size_t i, int worker);

void lt_parallel_for(size_t n, int threads, lt_parallel_fn fn, void *ctx);
/* Number of worker threads to use: LONTAR_THREADS, else online CPUs (1..64). */
int lt_parallel_threads(void);

#endif
