#include "resolve/links.h"

#include "util/buf.h"
#include "util/path.h"
#include "util/text.h"

#include <string.h>

int lt_url_is_external(const char *url)
{
    if (url[0] == '/' && url[1] == '/')
        return 1;
    const char *s = url;
    if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')))
        return 0;
    while ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
           *s == '+' || *s == '-' || *s == '.')
        s++;
    return *s == ':';
}

/* Percent-decodes s[0..n) into the arena. A decoded NUL is kept so the
 * path check can refuse it. */
static char *decode(lt_arena *a, const char *s, size_t n, size_t *out_len)
{
    char *d = lt_arena_alloc(a, n + 1);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '%' && i + 2 < n && lt_hex_value(s[i + 1]) >= 0 &&
            lt_hex_value(s[i + 2]) >= 0) {
            d[k++] = (char)(lt_hex_value(s[i + 1]) * 16 + lt_hex_value(s[i + 2]));
            i += 2;
        } else {
            d[k++] = s[i];
        }
    }
    d[k] = '\0';
    *out_len = k;
    return d;
}

typedef struct {
    const lt_site *s;
    lt_page *p;
    lt_arena *a;
    lt_diag *d;
    const char *src_dir;
    int line, col;
} ctx;

static void check_anchor(ctx *c, const lt_page *target, const char *frag, const char *url)
{
    if (!frag || !*frag)
        return;
    if (!lt_page_has_anchor(target, frag))
        lt_error(c->d, c->p->src_path, c->line, c->col,
                 "broken link '%s': %s has no heading with id '%s'", url, target->src_path, frag);
}

static void set_target(ctx *c, cmark_node *node, const lt_page *page, const char *frag)
{
    lt_link_target *t = lt_arena_alloc(c->a, sizeof *t);
    t->page = page;
    t->fragment = frag && *frag ? frag : NULL;
    cmark_node_set_user_data(node, t);
}

static void set_url(ctx *c, cmark_node *node, const char *out_target, const char *query,
                    const char *frag)
{
    lt_buf b = LT_BUF_INIT;
    lt_buf_puts(&b, lt_path_relative(c->a, c->p->out_path, out_target));
    if (query)
        lt_buf_puts(&b, query);
    if (frag) {
        lt_buf_putc(&b, '#');
        lt_buf_puts(&b, frag);
    }
    cmark_node_set_url(node, lt_buf_cstr(&b));
    lt_buf_free(&b);
}

static void resolve_one(ctx *c, cmark_node *node)
{
    const char *url = cmark_node_get_url(node);
    if (!url || !*url || lt_url_is_external(url))
        return;
    c->line = cmark_node_get_start_line(node) + c->p->line_offset;
    c->col = cmark_node_get_start_column(node);
    if (url[0] == '#') {
        size_t n;
        char *frag = decode(c->a, url + 1, strlen(url + 1), &n);
        check_anchor(c, c->p, frag, url);
        set_target(c, node, c->p, frag);
        return;
    }
    if (url[0] == '/' || url[0] == '\\') {
        lt_error(c->d, c->p->src_path, c->line, c->col,
                 "absolute link '%s': write it relative to this page so it works offline", url);
        return;
    }
    size_t path_len = strcspn(url, "?#");
    const char *query = NULL, *frag = NULL;
    if (url[path_len] == '?') {
        size_t q = strcspn(url + path_len, "#");
        query = lt_arena_strndup(c->a, url + path_len, q);
        if (url[path_len + q] == '#')
            frag = url + path_len + q + 1;
    } else if (url[path_len] == '#') {
        frag = url + path_len + 1;
    }
    if (frag) {
        size_t n;
        frag = decode(c->a, frag, strlen(frag), &n);
    }
    size_t n;
    char *path = decode(c->a, url, path_len, &n);
    if (n != strlen(path)) {
        lt_error(c->d, c->p->src_path, c->line, c->col, "link '%s' contains a NUL byte", url);
        return;
    }
    if (n == 0) {
        check_anchor(c, c->p, frag, url);
        set_target(c, node, c->p, frag);
        return;
    }
    char *target = lt_path_join(c->a, c->src_dir, path);
    if (!target) {
        lt_error(c->d, c->p->src_path, c->line, c->col, "link '%s' points outside the site", url);
        return;
    }
    const lt_page *page = lt_map_get(&c->s->by_src, target);
    if (!page)
        page = lt_map_get(&c->s->by_out, target);
    if (!page) {
        const lt_section *sec = lt_map_get(&c->s->sections_by_path, target);
        if (sec && sec->index)
            page = sec->index;
        else if (sec) {
            lt_error(c->d, c->p->src_path, c->line, c->col,
                     "broken link '%s': folder '%s' has no index.md", url, target);
            return;
        }
    }
    if (page) {
        if (page->failed)
            return; /* its own errors are reported already */
        if (page->draft) {
            lt_error(c->d, c->p->src_path, c->line, c->col,
                     "broken link '%s': %s is a draft and is not built", url, page->src_path);
            return;
        }
        check_anchor(c, page, frag, url);
        set_url(c, node, page->out_path, query, frag);
        set_target(c, node, page, frag);
        return;
    }
    if (lt_map_get(&c->s->files_set, target)) {
        set_url(c, node, target, query, frag);
        return;
    }
    lt_error(c->d, c->p->src_path, c->line, c->col, "broken link '%s': %s does not exist", url,
             target);
}

void lt_resolve_links(const lt_site *s, lt_page *p, lt_arena *a, lt_diag *d)
{
    ctx c = {s, p, a, d, lt_path_dir(a, p->src_path), 0, 0};
    cmark_iter *it = cmark_iter_new(p->doc);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *node = cmark_iter_get_node(it);
        cmark_node_type t = cmark_node_get_type(node);
        if (ev == CMARK_EVENT_ENTER && (t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE))
            resolve_one(&c, node);
    }
    cmark_iter_free(it);
}
