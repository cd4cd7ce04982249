/* What a version read from git adds to a site build: the changes page,
 * page dates and authors, changed marks, the version switcher, and the
 * handbook's stamp. */
#include "build_internal.h"

#include "render/changes_page.h"
#include "render/curriculum_pages.h"
#include "load/markdown.h"

#include <stdlib.h>
#include <string.h>

/* A versioned build's changes page; its body is written once the
 * curriculum is resolved (lt_build_add_version_data). */
lt_page *lt_build_add_changes_page(build *b)
{
    lt_site *s = b->site;
    const char *out = s->config.curriculum.changes_page;
    const char *src = lt_arena_printf(s->arena, "%.*s.md", (int)(strlen(out) - 5), out);
    lt_page *p = lt_map_get(&s->by_src, src);
    if (p && !p->failed) {
        p->special = LT_SPECIAL_CHANGES;
        return p;
    }
    p = lt_site_add_page(s, src);
    p->generated = 1;
    p->special = LT_SPECIAL_CHANGES;
    p->title = lt_special_title(p->special, s->config.language);
    p->weight = 110;
    p->has_weight = 1;
    p->doc = lt_markdown_parse("", 0, 0);
    return p;
}

static const char *renamed_since_previous(void *ctx, const char *old_path)
{
    build *b = ctx;
    return lt_version_map_renamed(b->ver->map, b->ver->previous_index, b->ver->index, old_path,
                                  b->d);
}

/* 1 when p's source differs from the previous version's (or is new). */
static int changed_since_previous(build *b, const lt_page *p)
{
    const lt_version_ctx *v = b->ver;
    if (!p->blob)
        return 0;
    const char *was = lt_version_map_blob(v->map, v->previous_index, p->src_path);
    if (!was) {
        const char *old =
            lt_version_map_renamed(v->map, v->index, v->previous_index, p->src_path, b->d);
        was = old ? lt_version_map_blob(v->map, v->previous_index, old) : NULL;
    }
    return !was || strcmp(was, p->blob) != 0;
}

/* Dates, authors, the changed mark and the version switcher of every page,
 * then the changes page's body. */
void lt_build_add_version_data(build *b)
{
    const lt_version_ctx *v = b->ver;
    lt_site *s = b->site;
    for (size_t i = 0; i < s->npages; i++) {
        lt_page *p = s->pages[i];
        const lt_file_history *h =
            p->generated ? NULL : lt_history_get(v->history, v->index, p->src_path);
        if (h) {
            p->updated = h->last->date;
            p->authors = h->authors;
            p->nauthors = h->nauthors;
        }
        if (v->previous)
            p->changed = changed_since_previous(b, p);
    }
    if (v->map)
        lt_version_map_links(v->map, v->index, s, v->order, v->labels, b->d);
    if (v->snapshot)
        lt_snapshot_take(v->snapshot, s, v->snapshot_arena);
    if (!b->changes)
        return;
    lt_delta *deltas = NULL;
    size_t n = 0;
    if (v->previous)
        n = lt_changes_compute(&deltas, v->previous, v->snapshot, renamed_since_previous, b,
                               s->arena);
    char *html = lt_changes_page_html(deltas, n, v->version->previous, b->changes->out_path,
                                      s->config.language, s->arena);
    cmark_node *block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK);
    cmark_node_set_on_enter(block, html);
    cmark_node_set_on_exit(block, "");
    cmark_node_append_child(b->changes->doc, block);
    free(html);
}

void lt_build_stamp_handbook(const build *b, lt_handbook_stamp *stamp)
{
    lt_handbook_stamp_from_env(stamp);
    if (!b->ver)
        return;
    stamp->version = b->ver->version->multi ? b->ver->version->label : NULL;
    stamp->date = (long long)b->ver->time;
    stamp->has_date = 1;
}
