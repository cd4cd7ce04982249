#include "util/map.h"

#include "util/arena.h"

#include <stdlib.h>
#include <string.h>

size_t lt_hash(const char *s)
{
    size_t h = (size_t)1469598103934665603ULL;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= (size_t)1099511628211ULL;
    }
    return h;
}

void lt_map_init(lt_map *m)
{
    memset(m, 0, sizeof *m);
}

void lt_map_free(lt_map *m)
{
    free(m->keys);
    free(m->values);
    memset(m, 0, sizeof *m);
}

static void grow(lt_map *m)
{
    size_t cap = m->cap ? m->cap * 2 : 64;
    const char **keys = lt_xcalloc(cap, sizeof *keys);
    void **values = lt_xcalloc(cap, sizeof *values);
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->keys[i])
            continue;
        size_t j = lt_hash(m->keys[i]) & (cap - 1);
        while (keys[j])
            j = (j + 1) & (cap - 1);
        keys[j] = m->keys[i];
        values[j] = m->values[i];
    }
    free(m->keys);
    free(m->values);
    m->keys = keys;
    m->values = values;
    m->cap = cap;
}

void *lt_map_put(lt_map *m, const char *key, void *value)
{
    if ((m->len + 1) * 2 > m->cap)
        grow(m);
    size_t j = lt_hash(key) & (m->cap - 1);
    while (m->keys[j]) {
        if (strcmp(m->keys[j], key) == 0) {
            void *old = m->values[j];
            m->values[j] = value;
            return old;
        }
        j = (j + 1) & (m->cap - 1);
    }
    m->keys[j] = key;
    m->values[j] = value;
    m->len++;
    return NULL;
}

void *lt_map_get(const lt_map *m, const char *key)
{
    if (!m->cap)
        return NULL;
    size_t j = lt_hash(key) & (m->cap - 1);
    while (m->keys[j]) {
        if (strcmp(m->keys[j], key) == 0)
            return m->values[j];
        j = (j + 1) & (m->cap - 1);
    }
    return NULL;
}
