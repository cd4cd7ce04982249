#include "model/site.h"

#include "util/path.h"

#include <stdlib.h>
#include <string.h>

const char *lt_page_kind_name(lt_page_kind kind)
{
    static const char *names[] = {"page", "module", "concept", "competency"};
    return names[kind];
}

lt_site *lt_site_new(void)
{
    lt_site *s = lt_xcalloc(1, sizeof *s);
    s->arena = lt_arena_new();
    lt_map_init(&s->by_src);
    lt_map_init(&s->by_out);
    lt_map_init(&s->by_id);
    lt_map_init(&s->sections_by_path);
    lt_map_init(&s->files_set);
    lt_map_init(&s->competencies_by_id);
    s->edition = "peserta";
    s->root = lt_site_section(s, "");
    return s;
}

void lt_site_free(lt_site *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->npages; i++) {
        if (s->pages[i]->doc)
            cmark_node_free(s->pages[i]->doc);
        free(s->pages[i]->html);
    }
    for (size_t i = 0; i < s->nsections; i++)
        free(s->sections[i]->entries);
    free(s->pages);
    free(s->sections);
    free(s->files);
    lt_map_free(&s->by_src);
    lt_map_free(&s->by_out);
    lt_map_free(&s->by_id);
    lt_map_free(&s->sections_by_path);
    lt_map_free(&s->files_set);
    lt_map_free(&s->competencies_by_id);
    for (size_t i = 0; i < s->cur.ncompetencies; i++)
        free(s->cur.competencies[i]->children);
    for (size_t i = 0; i < s->cur.nconcepts; i++)
        free(s->cur.concepts[i]->backlinks);
    free(s->cur.modules);
    free(s->cur.concepts);
    free(s->cur.competencies);
    free(s->cur.topo_order);
    lt_arena_free(s->arena);
    free(s);
}

lt_page *lt_site_add_page(lt_site *s, const char *src_path)
{
    lt_page *p = lt_arena_alloc(s->arena, sizeof *p);
    p->src_path = lt_arena_strdup(s->arena, src_path);
    if (s->npages == s->pages_cap) {
        s->pages_cap = s->pages_cap ? s->pages_cap * 2 : 256;
        s->pages = lt_xrealloc(s->pages, s->pages_cap * sizeof *s->pages);
    }
    s->pages[s->npages++] = p;
    lt_map_put(&s->by_src, p->src_path, p);
    return p;
}

void lt_site_add_file(lt_site *s, const char *src_path)
{
    const char *path = lt_arena_strdup(s->arena, src_path);
    if (s->nfiles == s->files_cap) {
        s->files_cap = s->files_cap ? s->files_cap * 2 : 64;
        s->files = lt_xrealloc(s->files, s->files_cap * sizeof *s->files);
    }
    s->files[s->nfiles++] = path;
    lt_map_put(&s->files_set, path, (void *)path);
}

lt_section *lt_site_section(lt_site *s, const char *path)
{
    lt_section *sec = lt_map_get(&s->sections_by_path, path);
    if (sec)
        return sec;
    sec = lt_arena_alloc(s->arena, sizeof *sec);
    sec->path = lt_arena_strdup(s->arena, path);
    sec->title = lt_path_base(sec->path);
    if (*path) {
        char *parent = lt_path_dir(s->arena, path);
        sec->parent = lt_site_section(s, parent);
        sec->depth = sec->parent->depth + 1;
        lt_section *par = sec->parent;
        if (par->nentries == par->cap) {
            par->cap = par->cap ? par->cap * 2 : 8;
            par->entries = lt_xrealloc(par->entries, par->cap * sizeof *par->entries);
        }
        par->entries[par->nentries++] = (lt_entry){NULL, sec, -1};
    }
    if (s->nsections == s->sections_cap) {
        s->sections_cap = s->sections_cap ? s->sections_cap * 2 : 32;
        s->sections = lt_xrealloc(s->sections, s->sections_cap * sizeof *s->sections);
    }
    s->sections[s->nsections++] = sec;
    lt_map_put(&s->sections_by_path, sec->path, sec);
    return sec;
}

int lt_page_has_anchor(const lt_page *p, const char *anchor)
{
    for (size_t i = 0; i < p->nheadings; i++)
        if (strcmp(p->headings[i].id, anchor) == 0)
            return 1;
    /* cmark-gfm's footnote anchors: fn-<label> and fnref-<label>[-n]. */
    if (strncmp(anchor, "fn-", 3) == 0 || strncmp(anchor, "fnref-", 6) == 0)
        return 1;
    return 0;
}
