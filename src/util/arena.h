/* Bump allocator for strings and small records that live until the end of a
 * build. Not thread-safe: each worker thread owns its own arena.
 * Ownership: lt_arena_new/lt_arena_free; everything allocated from an arena is
 * freed with it. Allocation failure aborts (a CLI, like cmark). */
#ifndef LT_UTIL_ARENA_H
#define LT_UTIL_ARENA_H

#include <stddef.h>

typedef struct lt_arena lt_arena;

lt_arena *lt_arena_new(void);
void lt_arena_free(lt_arena *a);

/* Zeroed memory, aligned for any type. */
void *lt_arena_alloc(lt_arena *a, size_t size);
char *lt_arena_strdup(lt_arena *a, const char *s);
char *lt_arena_strndup(lt_arena *a, const char *s, size_t n);
/* printf into the arena. */
char *lt_arena_printf(lt_arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Abort with a message when malloc fails. */
void *lt_xmalloc(size_t size);
void *lt_xcalloc(size_t n, size_t size);
void *lt_xrealloc(void *p, size_t size);
char *lt_xstrdup(const char *s);

#endif
