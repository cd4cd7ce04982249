/* Patching the build of the version before, when a version differs from it
 * only in the text of some pages (and in static files): the usual case of
 * tags a few edits apart. Every other page keeps what the version before
 * read, resolved, indexed and rendered; only the changed pages are read
 * again, and the version data is made anew. The patch is taken only when
 * it gives what a build from scratch gives:
 *
 *   - the same files at the same paths, the same lontar.yml, theme and
 *     plugins (there are none: plugins may read anything) and competency
 *     files;
 *   - each changed page keeps its front matter, title, headings and
 *     activity time, which other pages show, and links to the same
 *     concepts, whose backlinks other pages list;
 *   - nothing was reported before, and the changed pages report nothing
 *     (a build from scratch would report every page's problems).
 *
 * Otherwise the version is built from scratch. e2e/test_versions compares
 * the output with LONTAR_REUSE=0, which builds every version from scratch. */
#include "build_internal.h"

#include "load/markdown.h"
#include "util/path.h"
#include "util/text.h"

#include <stdlib.h>
#include <string.h>

void lt_build_carry_end(lt_build_carry *carry)
{
    lt_build_free(carry->prev);
    carry->prev = NULL;
}

void lt_build_listed(build *b, const lt_source_entry *e)
{
    if (!b->ver || !b->ver->carry)
        return;
    if (b->nlisting == b->listing_cap) {
        b->listing_cap = b->listing_cap ? b->listing_cap * 2 : 256;
        b->listing = lt_xrealloc(b->listing, b->listing_cap * sizeof *b->listing);
    }
    lt_arena *a = b->site->arena;
    b->listing[b->nlisting++] = (lt_source_entry){lt_arena_strdup(a, e->path), e->kind,
                                                  e->id ? lt_arena_strdup(a, e->id) : NULL};
}

int lt_build_can_carry(const build *b)
{
    return b->plugins.nfiles == 0 && b->out && b->search && b->listing;
}

static int listed_again(void *ctx, const lt_source_entry *e)
{
    lt_build_listed(ctx, e);
    return 0;
}

static int same_yaml(const lt_yaml *a, const lt_yaml *b)
{
    if (!a || !b)
        return a == b;
    if (a->kind != b->kind || a->n != b->n)
        return 0;
    if (a->kind == LT_YAML_SCALAR)
        return a->plain == b->plain && a->len == b->len && memcmp(a->str, b->str, a->len) == 0;
    for (size_t i = 0; i < a->n; i++)
        if ((a->kind == LT_YAML_MAP && !same_yaml(a->keys[i], b->keys[i])) ||
            !same_yaml(a->items[i], b->items[i]))
            return 0;
    return 1;
}

/* 1 when what other pages show of a page is the same in was and now. */
static int same_outside(const lt_page *was, const lt_page *now)
{
    if (!same_yaml(was->front, now->front) || !lt_str_same(was->title, now->title) ||
        was->nheadings != now->nheadings || was->activity_minutes != now->activity_minutes)
        return 0;
    for (size_t i = 0; i < was->nheadings; i++)
        if (was->headings[i].level != now->headings[i].level ||
            strcmp(was->headings[i].id, now->headings[i].id) != 0 ||
            strcmp(was->headings[i].text, now->headings[i].text) != 0)
            return 0;
    return 1;
}

/* Reads a changed page again into p. 0, or -1 when the version must be
 * built from scratch. */
static int read_again(build *b, lt_page *p, lt_diag *scratch)
{
    char *data = NULL;
    size_t len = 0;
    if (lt_source_read(b->src, p->src_path, &data, &len) < 0) {
        free(data);
        return -1;
    }
    lt_page now = {.src_path = p->src_path};
    lt_load_opts opts = b->load_opts;
    opts.run_ctx = b->hosts[0];
    int rc = lt_page_load(&now, data, len, &opts, b->arenas[0], scratch);
    free(data);
    if (rc < 0 || lt_diag_count(scratch) > 0 || !same_outside(p, &now)) {
        if (now.doc)
            cmark_node_free(now.doc);
        return -1;
    }
    if (p->doc)
        cmark_node_free(p->doc);
    p->doc = now.doc;
    p->line_offset = now.line_offset;
    p->headings = now.headings; /* their lines may have moved */
    free(p->html);
    p->html = NULL;
    return 0;
}

/* The concepts that list p among their backlinks, as a bit per concept. */
static void backlinked_from(const lt_site *s, const lt_page *p, unsigned char *out)
{
    for (size_t i = 0; i < s->cur.nconcepts; i++) {
        const lt_concept *c = s->cur.concepts[i];
        out[i] = 0;
        for (size_t k = 0; k < c->nbacklinks && !out[i]; k++)
            out[i] = c->backlinks[k] == p;
    }
}

static void drop_backlinks(lt_site *s, const lt_page *p)
{
    for (size_t i = 0; i < s->cur.nconcepts; i++) {
        lt_concept *c = s->cur.concepts[i];
        size_t keep = 0;
        for (size_t k = 0; k < c->nbacklinks; k++)
            if (c->backlinks[k] != p)
                c->backlinks[keep++] = c->backlinks[k];
        c->nbacklinks = keep;
    }
}

/* Resolves the changed pages again; -1 when one links to other concepts
 * than before, which changes those concepts' pages. */
static int resolve_again(build *b, lt_page **changed, size_t n)
{
    lt_site *s = b->site;
    size_t nc = s->cur.nconcepts;
    unsigned char *before = lt_xmalloc(nc + 1), *after = lt_xmalloc(nc + 1);
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        backlinked_from(s, changed[i], before);
        drop_backlinks(s, changed[i]);
        lt_build_resolve_page(b, changed[i], 0);
        backlinked_from(s, changed[i], after);
        rc = memcmp(before, after, nc) == 0 ? 0 : -1;
    }
    free(before);
    free(after);
    lt_build_sort_backlinks(s);
    return rc;
}

/* The pages whose text changed since the version before, into *out; -1
 * when anything else changed. */
static int changed_pages(build *b, const lt_source_entry *was, size_t nwas, lt_page ***out,
                         size_t *nout)
{
    lt_site *s = b->site;
    if (b->nlisting != nwas)
        return -1;
    for (size_t i = 0; i < nwas; i++) {
        const lt_source_entry *now = &b->listing[i];
        if (strcmp(was[i].path, now->path) != 0 || was[i].kind != now->kind)
            return -1;
        if (lt_str_same(was[i].id, now->id))
            continue;
        if (now->kind != LT_ENTRY_FILE)
            return -1;
        if (!lt_path_has_ext(now->path, ".md")) {
            /* Static files are copied from the version's own tree; any
             * other file (lontar.yml, the theme, a competency file, which
             * files_set holds with no value) may change every page. */
            if (!lt_map_get(&s->files_set, now->path))
                return -1;
            continue;
        }
        lt_page *p = lt_map_get(&s->by_src, now->path);
        if (!p || p->failed || p->generated || (p->draft && !b->opt->drafts))
            return -1;
        p->blob = now->id;
        *out = lt_xrealloc(*out, (*nout + 1) * sizeof **out);
        (*out)[(*nout)++] = p;
    }
    return 0;
}

/* Points b at the version of job and gives it that version's data. */
static void switch_version(build *b, const lt_site_job *job)
{
    lt_site *s = b->site;
    b->ver = job->ver;
    b->d = job->d;
    b->out = job->out;
    s->version = job->ver->version;
    atomic_store(&b->reused, 0);
    atomic_store(&b->template_failed, 0);
    b->reuse = NULL;
    for (int t = 0; t < b->threads; t++) {
        lt_engine_free(b->engines[t]);
        b->engines[t] = NULL;
    }
    b->carried_handbook = b->handbook;
    b->handbook = NULL;
    for (size_t i = 0; i < s->npages; i++) {
        lt_page *p = s->pages[i];
        p->updated = NULL;
        p->authors = NULL;
        p->nauthors = 0;
        p->changed = 0;
        p->versions = NULL;
        p->nversions = 0;
    }
    if (b->changes) {
        /* Its body is this version's: made again. */
        lt_search_forget(b->search, b->changes);
        free(b->changes->html);
        b->changes->html = NULL;
        if (b->changes->doc)
            cmark_node_free(b->changes->doc);
        b->changes->doc = lt_markdown_parse("", 0, 0);
    }
    b->quiet_before_versions = 1;
    lt_build_add_version_data(b);
    b->diags_after_versions = lt_diag_count(b->d);
}

build *lt_build_carry_over(build *b, const lt_site_job *job)
{
    lt_source_entry *was = b->listing;
    size_t nwas = b->nlisting;
    b->listing = NULL;
    b->nlisting = b->listing_cap = 0;
    b->src = job->src;
    b->ver = job->ver; /* lt_build_listed records for the next version */
    lt_build_list_source(b, listed_again);

    lt_diag *scratch = lt_diag_new();
    lt_diag *d = b->d;
    b->d = scratch; /* a problem in a changed page: built from scratch */
    lt_page **changed = NULL;
    size_t nchanged = 0;
    int rc = changed_pages(b, was, nwas, &changed, &nchanged);
    for (size_t i = 0; i < nchanged && rc == 0; i++)
        rc = read_again(b, changed[i], scratch);
    if (rc == 0)
        rc = resolve_again(b, changed, nchanged);
    if (rc == 0 && lt_diag_count(scratch) > 0)
        rc = -1;
    b->d = d;
    lt_diag_free(scratch);
    free(was);
    if (rc < 0) {
        free(changed);
        lt_build_free(b);
        return NULL;
    }
    for (size_t i = 0; i < nchanged; i++)
        lt_search_forget(b->search, changed[i]);
    free(changed);
    switch_version(b, job);
    return b;
}
