/* Reusing the previous version's pages in a versioned build (see
 * render/reuse.h): the keys that say a page's inputs are the same, and the
 * render that takes the previous output when they are. */
#include "build_internal.h"

#include "util/buf.h"
#include "util/fs.h"

#include <stdlib.h>
#include <string.h>

static void hash_str(lt_sha1_ctx *c, const char *s)
{
    /* with its terminating NUL, so ("ab", "c") and ("a", "bc") differ */
    lt_sha1_update(c, s ? s : "", s ? strlen(s) + 1 : 1);
}

/* What every page's output depends on besides its own inputs: the settings,
 * the theme and the plugins, and the site's structure, which navigation,
 * breadcrumbs, previous/next links and section listings show (everything
 * push_nav and push_page in render/engine.c take from other pages). */
void lt_build_make_site_key(build *b)
{
    lt_site *s = b->site;
    lt_sha1_ctx c;
    lt_sha1_init(&c);
    /* Files by their blob ids: equal ids, equal bytes. */
    hash_str(&c, lt_version_map_blob(b->ver->map, b->ver->index, "lontar.yml"));
    hash_str(&c, s->edition);
    hash_str(&c, s->handbook_html);
    hash_str(&c, s->handbook_pdf);
    for (size_t i = 0; i < b->naux; i++) {
        hash_str(&c, b->aux_files[i]);
        hash_str(&c, lt_version_map_blob(b->ver->map, b->ver->index, b->aux_files[i]));
    }
    for (size_t i = 0; i < b->theme.ntemplates; i++) {
        hash_str(&c, b->theme.templates[i].name);
        lt_sha1_update(&c, b->theme.templates[i].lua, b->theme.templates[i].lua_len);
    }
    for (size_t i = 0; i < s->npages; i++) {
        const lt_page *p = s->pages[i];
        hash_str(&c, p->out_path);
        hash_str(&c, p->title);
        hash_str(&c, p->description);
        hash_str(&c, p->section ? p->section->path : NULL);
        lt_sha1_update(&c, &p->is_index, sizeof p->is_index);
    }
    for (size_t i = 0; i < s->nsections; i++) {
        hash_str(&c, s->sections[i]->path);
        hash_str(&c, s->sections[i]->title);
        hash_str(&c, s->sections[i]->index ? s->sections[i]->index->out_path : NULL);
    }
    lt_sha1_final(&c, b->site_key);
}

/* A page's inputs: the site's, its source and its body as rendered. */
static void page_key(const build *b, const lt_page *p, unsigned char out[LT_SHA1_LEN])
{
    lt_sha1_ctx c;
    lt_sha1_init(&c);
    lt_sha1_update(&c, b->site_key, LT_SHA1_LEN);
    const char *fields[] = {
        p->out_path,    p->src_path, p->blob,          p->title,
        p->description, p->id,       p->template_name, lt_page_kind_name(p->kind)};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        hash_str(&c, fields[i]);
    /* The body by its digest, taken when it was rendered: a page carried
     * over from the version before is not hashed again. */
    lt_sha1_update(&c, p->html_sha1, sizeof p->html_sha1);
    lt_sha1_update(&c, &p->is_index, sizeof p->is_index);
    lt_sha1_final(&c, out);
}

/* The offline lint of a spliced page: of its new parts alone when the
 * rest, the version before's, was clean. Returns the findings, reported in
 * full at the page's own lines. */
static size_t lint_spliced(build *b, const lt_page *p, const lt_reuse_entry *was,
                           const lt_render_parts *parts, const lt_buf *html)
{
    if (was->lint_clean) {
        lt_diag *scratch = lt_diag_new();
        for (size_t i = 0; i < parts->n; i++)
            lt_output_lint(b->out, p->out_path, html->data + parts->items[i].start,
                           parts->items[i].end - parts->items[i].start, scratch);
        size_t found = lt_diag_count(scratch);
        lt_diag_free(scratch);
        if (!found)
            return 0;
    }
    return lt_output_lint(b->out, p->out_path, html->data, html->len, b->d);
}

/* Renders p into html from the previous version's output when its inputs
 * are the same, else through its templates, and lints it; records what the
 * next version needs. */
int lt_build_render_reusing(build *b, lt_page *p, int worker, lt_buf *html)
{
    unsigned char key[LT_SHA1_LEN];
    page_key(b, p, key);
    lt_render_parts parts;
    const lt_reuse_entry *was = lt_reuse_get(b->reuse, p->out_path);
    if (was && was->parts.reusable && memcmp(was->key, key, LT_SHA1_LEN) == 0) {
        char *old = NULL;
        size_t len = 0;
        lt_buf path = LT_BUF_INIT;
        lt_buf_printf(&path, "%s/%s", lt_reuse_dir(b->reuse), p->out_path);
        int done =
            lt_fs_read(lt_buf_cstr(&path), &old, &len) == 0 &&
            lt_engine_splice(b->engines[worker], p, old, len, &was->parts, html, &parts) == 0;
        free(old);
        lt_buf_free(&path);
        if (done) {
            atomic_fetch_add(&b->reused, 1);
            size_t found = lint_spliced(b, p, was, &parts, html);
            lt_reuse_put(b->reuse, p->out_path, key, &parts, found == 0);
            return 0;
        }
        lt_buf_clear(html);
    }
    int rc = lt_engine_render(b->engines[worker], p, html, &parts, b->d);
    if (rc == 0) {
        size_t found =
            lt_output_lint(b->out, p->out_path, html->data ? html->data : "", html->len, b->d);
        lt_reuse_put(b->reuse, p->out_path, key, &parts, found == 0);
    }
    return rc;
}
