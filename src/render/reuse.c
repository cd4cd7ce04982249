#include "render/reuse.h"

#include "util/arena.h"
#include "util/map.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

typedef struct generation {
    lt_map entries; /* out path → lt_reuse_entry */
    lt_arena *arena;
} generation;

struct lt_reuse {
    generation prev, cur;
    char *dir;
    pthread_mutex_t lock;
};

static void generation_init(generation *g)
{
    lt_map_init(&g->entries);
    g->arena = lt_arena_new();
}

static void generation_free(generation *g)
{
    lt_map_free(&g->entries);
    lt_arena_free(g->arena);
}

lt_reuse *lt_reuse_new(void)
{
    lt_reuse *r = lt_xcalloc(1, sizeof *r);
    generation_init(&r->prev);
    generation_init(&r->cur);
    pthread_mutex_init(&r->lock, NULL);
    return r;
}

void lt_reuse_free(lt_reuse *r)
{
    if (!r)
        return;
    generation_free(&r->prev);
    generation_free(&r->cur);
    pthread_mutex_destroy(&r->lock);
    free(r->dir);
    free(r);
}

void lt_reuse_next(lt_reuse *r, const char *dir)
{
    generation_free(&r->prev);
    r->prev = r->cur;
    generation_init(&r->cur);
    free(r->dir);
    r->dir = lt_xstrdup(dir);
}

const lt_reuse_entry *lt_reuse_get(const lt_reuse *r, const char *out_path)
{
    return lt_map_get(&r->prev.entries, out_path);
}

const char *lt_reuse_dir(const lt_reuse *r)
{
    return r->dir;
}

void lt_reuse_put(lt_reuse *r, const char *out_path, const unsigned char key[LT_SHA1_LEN],
                  const lt_render_parts *parts, int lint_clean)
{
    pthread_mutex_lock(&r->lock);
    lt_reuse_entry *e = lt_arena_alloc(r->cur.arena, sizeof *e);
    memcpy(e->key, key, LT_SHA1_LEN);
    e->parts = *parts;
    e->lint_clean = lint_clean;
    lt_map_put(&r->cur.entries, lt_arena_strdup(r->cur.arena, out_path), e);
    pthread_mutex_unlock(&r->lock);
}
