/* "Did you mean" for unknown ids: the closest candidate by edit distance
 * (case-insensitive), when it is close enough to be a likely typo. */
#ifndef LT_UTIL_SUGGEST_H
#define LT_UTIL_SUGGEST_H

#include "util/map.h"

#include <stddef.h>

/* The closest key of any of the maps (NULL-terminated list), or NULL. */
const char *lt_suggest(const char *word, const lt_map *const *maps);
/* Edit distance between a and b, ignoring ASCII case; stops counting at
 * limit + 1. */
size_t lt_edit_distance(const char *a, const char *b, size_t limit);

#endif
