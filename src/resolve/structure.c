#include "resolve/structure.h"

#include "util/buf.h"
#include "util/path.h"

#include <stdlib.h>
#include <string.h>

static int is_index_name(const char *base)
{
    return strcmp(base, "index.md") == 0 || strcmp(base, "_index.md") == 0;
}

static const char *default_out_path(lt_site *s, lt_page *p)
{
    const char *base = lt_path_base(p->src_path);
    char *dir = lt_path_dir(s->arena, p->src_path);
    if (is_index_name(base))
        return *dir ? lt_arena_printf(s->arena, "%s/index.html", dir) : "index.html";
    size_t n = strlen(p->src_path) - 3; /* ".md" */
    return lt_arena_printf(s->arena, "%.*s.html", (int)n, p->src_path);
}

void lt_resolve_out_paths(lt_site *s)
{
    for (size_t i = 0; i < s->npages; i++)
        if (!s->pages[i]->out_path)
            s->pages[i]->out_path = default_out_path(s, s->pages[i]);
}

static void register_ids(lt_site *s, lt_diag *d)
{
    lt_resolve_out_paths(s);
    for (size_t i = 0; i < s->npages; i++) {
        lt_page *p = s->pages[i];
        lt_page *other = lt_map_put(&s->by_out, p->out_path, p);
        if (other) {
            lt_error(d, p->src_path, p->id_line ? p->id_line : 1, 1,
                     "output file '%s' is also written by %s", p->out_path, other->src_path);
            lt_map_put(&s->by_out, p->out_path, other);
        }
        if (!p->id) {
            size_t n = strlen(p->src_path) - 3;
            p->id = lt_arena_strndup(s->arena, p->src_path, n);
        }
        other = lt_map_put(&s->by_id, p->id, p);
        if (other) {
            /* Report at the explicit id; keep the first page registered. */
            lt_page *at = p->id_line ? p : other;
            lt_page *first = at == p ? other : p;
            lt_error(d, at->src_path, at->id_line ? at->id_line : 1, at->id_col ? at->id_col : 1,
                     "duplicate page id '%s' (also used by %s)", p->id, first->src_path);
            lt_map_put(&s->by_id, p->id, other);
        }
    }
}

static void place_pages(lt_site *s)
{
    for (size_t i = 0; i < s->npages; i++) {
        lt_page *p = s->pages[i];
        char *dir = lt_path_dir(s->arena, p->src_path);
        lt_section *sec = lt_site_section(s, dir);
        p->section = sec;
        if (is_index_name(lt_path_base(p->src_path)) && !sec->index) {
            p->is_index = 1;
            sec->index = p;
            if (p->title)
                sec->title = p->title;
            sec->weight = p->weight;
            sec->has_weight = p->has_weight;
            continue;
        }
        if (sec->nentries == sec->cap) {
            sec->cap = sec->cap ? sec->cap * 2 : 8;
            sec->entries = lt_xrealloc(sec->entries, sec->cap * sizeof *sec->entries);
        }
        sec->entries[sec->nentries++] = (lt_entry){p, NULL, -1};
    }
}

static const char *entry_name(const lt_entry *e)
{
    return e->page ? lt_path_base(e->page->src_path) : lt_path_base(e->section->path);
}

static int entry_weight(const lt_entry *e, double *w)
{
    *w = e->page ? e->page->weight : e->section->weight;
    return e->page ? e->page->has_weight : e->section->has_weight;
}

/* Position of a top-level entry in lontar.yml's nav list, or -1. */
static int nav_rank(const lt_config *c, const lt_entry *e)
{
    const char *name = e->page ? e->page->src_path : e->section->path;
    for (size_t i = 0; i < c->nav_n; i++)
        if (strcmp(c->nav[i], name) == 0)
            return (int)i;
    return -1;
}

static int cmp_entries(const void *pa, const void *pb)
{
    const lt_entry *a = pa, *b = pb;
    int ra = a->rank, rb = b->rank;
    if (ra != rb) {
        if (ra < 0 || rb < 0)
            return ra < 0 ? 1 : -1;
        return ra < rb ? -1 : 1;
    }
    double wa, wb;
    int ha = entry_weight(a, &wa), hb = entry_weight(b, &wb);
    /* Weighted entries come first, lightest first; then by file name. */
    if (ha != hb)
        return ha ? -1 : 1;
    if (ha && wa != wb)
        return wa < wb ? -1 : 1;
    return strcmp(entry_name(a), entry_name(b));
}

static void check_nav_config(lt_site *s, lt_diag *d)
{
    const lt_config *c = &s->config;
    for (size_t i = 0; i < c->nav_n; i++) {
        int found = 0;
        for (size_t k = 0; k < s->root->nentries && !found; k++) {
            const lt_entry *e = &s->root->entries[k];
            found = strcmp(e->page ? e->page->src_path : e->section->path, c->nav[i]) == 0;
        }
        if (!found)
            lt_error(d, "lontar.yml", c->nav_nodes[i]->line, c->nav_nodes[i]->col,
                     "nav entry '%s' is not a top-level page or folder", c->nav[i]);
    }
}

static void reading_order(lt_section *sec, lt_page ***order, size_t *n)
{
    if (sec->index)
        (*order)[(*n)++] = sec->index;
    for (size_t i = 0; i < sec->nentries; i++) {
        if (sec->entries[i].page)
            (*order)[(*n)++] = sec->entries[i].page;
        else
            reading_order(sec->entries[i].section, order, n);
    }
}

/* Sections without an index page still need a title: their folder name,
 * with '-' and '_' read as spaces and the first letter upper-cased. */
static void default_titles(lt_site *s)
{
    for (size_t i = 0; i < s->nsections; i++) {
        lt_section *sec = s->sections[i];
        if (sec->index && sec->index->title)
            continue;
        if (!*sec->path) {
            sec->title = s->config.title;
            continue;
        }
        char *t = lt_arena_strdup(s->arena, lt_path_base(sec->path));
        for (char *c = t; *c; c++)
            if (*c == '-' || *c == '_')
                *c = ' ';
        if (*t >= 'a' && *t <= 'z')
            *t = (char)(*t - 'a' + 'A');
        sec->title = t;
    }
    for (size_t i = 0; i < s->npages; i++) {
        lt_page *p = s->pages[i];
        if (p->title)
            continue;
        if (p->is_index) {
            p->title = p->section->title;
            continue;
        }
        const char *base = lt_path_base(p->src_path);
        p->title = lt_arena_strndup(s->arena, base, strlen(base) - 3);
    }
}

int lt_resolve_structure(lt_site *s, lt_diag *d)
{
    size_t before = lt_diag_errors(d);
    register_ids(s, d);
    place_pages(s);
    check_nav_config(s, d);
    for (size_t i = 0; i < s->nsections; i++) {
        lt_section *sec = s->sections[i];
        for (size_t k = 0; k < sec->nentries; k++)
            sec->entries[k].rank = *sec->path ? -1 : nav_rank(&s->config, &sec->entries[k]);
        if (sec->nentries > 1)
            qsort(sec->entries, sec->nentries, sizeof *sec->entries, cmp_entries);
    }
    default_titles(s);

    lt_page **order = lt_xcalloc(s->npages + 1, sizeof *order);
    size_t n = 0;
    reading_order(s->root, &order, &n);
    for (size_t i = 0; i < n; i++) {
        order[i]->order = i;
        order[i]->prev = i ? order[i - 1] : NULL;
        order[i]->next = i + 1 < n ? order[i + 1] : NULL;
    }
    free(s->pages);
    s->pages = order;
    s->npages = n;
    s->pages_cap = s->npages + 1;
    return lt_diag_errors(d) > before ? -1 : 0;
}
