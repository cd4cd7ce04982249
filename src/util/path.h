/* Site-relative paths: '/'-separated, no leading '/', no '.' or '..'
 * segments. Every output path passes lt_path_check before anything is
 * written, which is what keeps the build inside its output folder. */
#ifndef LT_UTIL_PATH_H
#define LT_UTIL_PATH_H

#include "util/arena.h"

#include <stddef.h>

/* Returns NULL when `p` (length n, may hold NUL bytes) is a safe relative
 * path, else a static message saying why not. */
const char *lt_path_check(const char *p, size_t n);

/* Joins dir and rel lexically, resolving '.' and '..' segments. Returns NULL
 * when '..' would climb above the root. Result in the arena. */
char *lt_path_join(lt_arena *a, const char *dir, const char *rel);

/* Folder part of a relative path ("a/b/c.md" → "a/b", "c.md" → ""). */
char *lt_path_dir(lt_arena *a, const char *p);
/* Last segment ("a/b/c.md" → "c.md"). Borrowed pointer into p. */
const char *lt_path_base(const char *p);
/* Extension with the dot, or "" (borrowed into p). */
const char *lt_path_ext(const char *p);
int lt_path_has_ext(const char *p, const char *ext);

/* Relative URL from the folder of page `from` to site path `to`
 * ("a/b.html", "c/index.html" → "../c/index.html"). */
char *lt_path_relative(lt_arena *a, const char *from, const char *to);
/* "../" repeated once per folder level of `from` ("" at the root). */
char *lt_path_root_prefix(lt_arena *a, const char *from);

#endif
