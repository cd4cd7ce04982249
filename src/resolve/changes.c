#include "resolve/changes.h"

#include "util/buf.h"
#include "util/map.h"
#include "util/text.h"

#include <stdlib.h>
#include <string.h>

/* ---- snapshot ---- */

static void join(lt_buf *b, const char *s, int *first)
{
    if (!*first)
        lt_buf_puts(b, "; ");
    lt_buf_puts(b, s ? s : "");
    *first = 0;
}

static const char *module_field(const lt_module *m, int field, lt_arena *a)
{
    lt_buf b = LT_BUF_INIT;
    int first = 1;
    switch (field) {
    case LT_FIELD_JP:
        if (m->duration_jp > 0)
            lt_buf_printf(&b, "%g", m->duration_jp);
        break;
    case LT_FIELD_OBJECTIVES:
        for (size_t i = 0; i < m->nobjectives; i++)
            join(&b, m->objectives[i].text, &first);
        break;
    case LT_FIELD_COMPETENCIES:
        for (size_t i = 0; i < m->ncompetencies; i++)
            join(&b, m->competencies[i].id, &first);
        break;
    case LT_FIELD_PREREQUISITES:
        for (size_t i = 0; i < m->nprerequisites; i++)
            join(&b, m->prerequisites[i].id, &first);
        break;
    }
    char *s = lt_arena_strdup(a, lt_buf_cstr(&b));
    lt_buf_free(&b);
    return s;
}

/* A data-file competency has no blob of its own: its fields stand in. */
static const char *competency_content(const lt_competency *k, lt_arena *a)
{
    lt_buf b = LT_BUF_INIT;
    const char *parts[] = {k->title, k->domain, k->scope, k->parent_id, k->level, k->description};
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
        lt_buf_printf(&b, "%s\x1f", parts[i] ? parts[i] : "");
    for (size_t i = 0; i < k->nindicators; i++)
        lt_buf_printf(&b, "%s\x1f", k->indicators[i]);
    char *s = lt_arena_strdup(a, lt_buf_cstr(&b));
    lt_buf_free(&b);
    return s;
}

static const char *copy(lt_arena *a, const char *s)
{
    return s ? lt_arena_strdup(a, s) : NULL;
}

static void from_page(lt_snap_item *it, const lt_page *p, lt_arena *a)
{
    it->src = copy(a, p->src_path);
    it->out = copy(a, p->out_path);
    it->content = copy(a, p->blob);
    const lt_yaml *al = p->front ? lt_yaml_get(p->front, "aliases") : NULL;
    if (al && al->kind == LT_YAML_SEQ) {
        it->aliases = lt_arena_alloc(a, (al->n + 1) * sizeof *it->aliases);
        for (size_t i = 0; i < al->n; i++)
            if (al->items[i]->kind == LT_YAML_SCALAR)
                it->aliases[it->naliases++] = lt_arena_strdup(a, al->items[i]->str);
    }
}

void lt_snapshot_take(lt_snapshot *out, const lt_site *s, lt_arena *a)
{
    const lt_curriculum *c = &s->cur;
    out->n = 0;
    out->items =
        lt_arena_alloc(a, (c->nmodules + c->nconcepts + c->ncompetencies + 1) * sizeof *out->items);
    for (size_t i = 0; i < c->nmodules; i++) {
        const lt_module *m = c->modules[i];
        lt_snap_item *it = &out->items[out->n++];
        memset(it, 0, sizeof *it);
        it->kind = LT_ITEM_MODULE;
        it->id = copy(a, m->id);
        it->title = copy(a, m->title);
        from_page(it, m->page, a);
        for (int f = 0; f < LT_FIELDS; f++)
            it->fields[f] = module_field(m, f, a);
    }
    for (size_t i = 0; i < c->nconcepts; i++) {
        const lt_concept *k = c->concepts[i];
        lt_snap_item *it = &out->items[out->n++];
        memset(it, 0, sizeof *it);
        it->kind = LT_ITEM_CONCEPT;
        it->id = copy(a, k->id);
        it->title = copy(a, k->title);
        from_page(it, k->page, a);
    }
    for (size_t i = 0; i < c->ncompetencies; i++) {
        const lt_competency *k = c->competencies[i];
        lt_snap_item *it = &out->items[out->n++];
        memset(it, 0, sizeof *it);
        it->kind = LT_ITEM_COMPETENCY;
        it->id = copy(a, k->id);
        it->title = copy(a, k->title);
        if (k->page)
            from_page(it, k->page, a);
        else
            it->content = competency_content(k, a);
    }
}

/* ---- comparison ---- */

static const char *key(lt_arena *a, const lt_snap_item *it)
{
    return lt_arena_printf(a, "%d:%s", (int)it->kind, it->id);
}

static int has_alias(const lt_snap_item *it, const char *id)
{
    for (size_t i = 0; i < it->naliases; i++)
        if (strcmp(it->aliases[i], id) == 0)
            return 1;
    return 0;
}

/* An item that is new and took the place of the removed item `old`. */
static const lt_snap_item *successor(const lt_snap_item *old, const lt_snapshot *to,
                                     const char *moved_to, const char *taken)
{
    for (size_t j = 0; j < to->n; j++) {
        const lt_snap_item *it = &to->items[j];
        if (taken[j] || it->kind != old->kind)
            continue;
        if (has_alias(it, old->id) || (moved_to && it->src && strcmp(moved_to, it->src) == 0))
            return it;
    }
    return NULL;
}

static void fill(lt_delta *dl, lt_delta_kind kind, const lt_snap_item *o, const lt_snap_item *n)
{
    memset(dl, 0, sizeof *dl);
    dl->kind = kind;
    dl->old_item = o;
    dl->new_item = n;
    if (o && n) {
        dl->content_changed = !lt_str_same(o->content, n->content);
        if (o->kind == LT_ITEM_MODULE)
            for (int f = 0; f < LT_FIELDS; f++)
                if (!lt_str_same(o->fields[f], n->fields[f]))
                    dl->fields |= 1u << f;
    }
}

static int delta_order(const lt_delta *d)
{
    const lt_snap_item *it = d->new_item ? d->new_item : d->old_item;
    return (int)it->kind * 4 + (int)d->kind;
}

static int cmp_delta(const void *a, const void *b)
{
    const lt_delta *x = a, *y = b;
    int dx = delta_order(x), dy = delta_order(y);
    if (dx != dy)
        return dx - dy;
    const lt_snap_item *ix = x->new_item ? x->new_item : x->old_item;
    const lt_snap_item *iy = y->new_item ? y->new_item : y->old_item;
    return strcmp(ix->id, iy->id);
}

size_t lt_changes_compute(lt_delta **out, const lt_snapshot *from, const lt_snapshot *to,
                          lt_renamed_fn renamed, void *ctx, lt_arena *a)
{
    lt_map old_by_key, new_by_key;
    lt_map_init(&old_by_key);
    lt_map_init(&new_by_key);
    for (size_t i = 0; i < from->n; i++)
        lt_map_put(&old_by_key, key(a, &from->items[i]), &from->items[i]);
    for (size_t j = 0; j < to->n; j++)
        lt_map_put(&new_by_key, key(a, &to->items[j]), &to->items[j]);
    lt_delta *d = lt_arena_alloc(a, (from->n + to->n + 1) * sizeof *d);
    size_t n = 0;
    char *taken = lt_xcalloc(to->n + 1, 1);
    for (size_t j = 0; j < to->n; j++)
        taken[j] = lt_map_get(&old_by_key, key(a, &to->items[j])) != NULL;
    for (size_t i = 0; i < from->n; i++) {
        const lt_snap_item *o = &from->items[i];
        const lt_snap_item *nw = lt_map_get(&new_by_key, key(a, o));
        if (nw) {
            if (!lt_str_same(o->src, nw->src) && o->src && nw->src)
                fill(&d[n++], LT_DELTA_RENAMED, o, nw);
            else if (!lt_str_same(o->content, nw->content))
                fill(&d[n++], LT_DELTA_CHANGED, o, nw);
            continue;
        }
        const char *moved = o->src && renamed ? renamed(ctx, o->src) : NULL;
        nw = successor(o, to, moved, taken);
        if (nw) {
            taken[nw - to->items] = 1;
            fill(&d[n++], LT_DELTA_RENAMED, o, nw);
        } else {
            fill(&d[n++], LT_DELTA_REMOVED, o, NULL);
        }
    }
    for (size_t j = 0; j < to->n; j++)
        if (!taken[j])
            fill(&d[n++], LT_DELTA_ADDED, NULL, &to->items[j]);
    free(taken);
    lt_map_free(&old_by_key);
    lt_map_free(&new_by_key);
    qsort(d, n, sizeof *d, cmp_delta);
    *out = d;
    return n;
}
