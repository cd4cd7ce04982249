/* String-keyed hash map (open addressing). Keys are borrowed: they must
 * outlive the map (use arena strings). Not thread-safe for writes; any
 * number of readers once built. */
#ifndef LT_UTIL_MAP_H
#define LT_UTIL_MAP_H

#include <stddef.h>

typedef struct lt_map {
    const char **keys;
    void **values;
    size_t cap, len;
} lt_map;

void lt_map_init(lt_map *m);
void lt_map_free(lt_map *m);
/* Sets key to value; returns the previous value or NULL. */
void *lt_map_put(lt_map *m, const char *key, void *value);
void *lt_map_get(const lt_map *m, const char *key);
/* FNV-1a, also used for cache keys elsewhere. */
size_t lt_hash(const char *s);

#endif
