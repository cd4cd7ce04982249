#include "resolve/xref.h"

#include "resolve/curriculum.h"
#include "util/buf.h"
#include "util/path.h"

#include <stdlib.h>
#include <string.h>

int lt_xref_target(const lt_site *s, const lt_page *from, const char *id, lt_arena *a,
                   const char **out_url, const char **out_title, lt_page **out_page)
{
    lt_page *p = lt_map_get(&s->by_id, id);
    *out_page = NULL;
    if (p && !p->failed && !p->draft) {
        *out_url = lt_path_relative(a, from->out_path, p->out_path);
        *out_title = p->title;
        *out_page = p;
        return 0;
    }
    const lt_competency *k = lt_map_get(&s->competencies_by_id, id);
    if (k) {
        if (k->page) {
            *out_url = lt_path_relative(a, from->out_path, k->page->out_path);
            *out_page = k->page;
        } else {
            const char *rel =
                lt_path_relative(a, from->out_path, s->config.curriculum.competencies_page);
            *out_url = lt_arena_printf(a, "%s#%s", rel, k->id);
        }
        *out_title = k->title;
        return 0;
    }
    return -1;
}

void lt_xref_backlink(lt_xref_ctx *x, lt_page *to, lt_page *from)
{
    if (!to->concept || to == from)
        return;
    lt_concept *c = to->concept;
    pthread_mutex_lock(x->backlinks_lock);
    int seen = 0;
    for (size_t i = 0; i < c->nbacklinks && !seen; i++)
        seen = c->backlinks[i] == from;
    if (!seen) {
        if (c->nbacklinks == c->backlinks_cap) {
            c->backlinks_cap = c->backlinks_cap ? c->backlinks_cap * 2 : 8;
            c->backlinks = lt_xrealloc(c->backlinks, c->backlinks_cap * sizeof *c->backlinks);
        }
        c->backlinks[c->nbacklinks++] = from;
    }
    pthread_mutex_unlock(x->backlinks_lock);
}

static int id_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.' || c == '/';
}

/* Finds the next `[[id]]` or `[[id|text]]` in s from `from`. */
static const char *find_ref(const char *s, size_t *out_len, const char **id, size_t *id_len,
                            const char **label, size_t *label_len)
{
    for (const char *p = strstr(s, "[["); p; p = strstr(p + 1, "[[")) {
        const char *q = p + 2;
        while (id_char(*q))
            q++;
        if (q == p + 2)
            continue;
        *id = p + 2;
        *id_len = (size_t)(q - p - 2);
        *label = NULL;
        *label_len = 0;
        if (*q == '|') {
            const char *end = strstr(q + 1, "]]");
            if (!end || end == q + 1)
                continue;
            *label = q + 1;
            *label_len = (size_t)(end - q - 1);
            q = end;
        }
        if (q[0] != ']' || q[1] != ']')
            continue;
        *out_len = (size_t)(q + 2 - p);
        return p;
    }
    return NULL;
}

static int inside_link(cmark_node *n)
{
    for (n = cmark_node_parent(n); n; n = cmark_node_parent(n))
        if (cmark_node_get_type(n) == CMARK_NODE_LINK || cmark_node_get_type(n) == CMARK_NODE_IMAGE)
            return 1;
    return 0;
}

static cmark_node *text_node(const char *s, size_t n)
{
    cmark_node *t = cmark_node_new(CMARK_NODE_TEXT);
    lt_buf b = LT_BUF_INIT;
    lt_buf_put(&b, s, n);
    cmark_node_set_literal(t, lt_buf_cstr(&b));
    lt_buf_free(&b);
    return t;
}

static int utf8_cols(const char *s, size_t n)
{
    int cols = 0;
    for (size_t i = 0; i < n; i++)
        cols += ((unsigned char)s[i] & 0xC0) != 0x80;
    return cols;
}

/* Replaces the references in one text node with links and text. */
static void expand(lt_xref_ctx *x, lt_page *p, cmark_node *node, lt_arena *a, lt_diag *d)
{
    const char *lit = cmark_node_get_literal(node);
    char *text = lt_arena_strdup(a, lit ? lit : "");
    const char *rest = text, *id, *label;
    size_t len, id_len, label_len;
    const char *ref = find_ref(rest, &len, &id, &id_len, &label, &label_len);
    if (!ref)
        return;
    int line = cmark_node_get_start_line(node) + p->line_offset;
    int col0 = cmark_node_get_start_column(node);
    for (; ref; ref = find_ref(rest, &len, &id, &id_len, &label, &label_len)) {
        if (ref > rest) {
            cmark_node *before = text_node(rest, (size_t)(ref - rest));
            cmark_node_insert_before(node, before);
        }
        char *key = lt_arena_strndup(a, id, id_len);
        const char *url, *title;
        lt_page *target;
        int col = col0 + utf8_cols(text, (size_t)(ref - text));
        if (lt_xref_target(x->site, p, key, a, &url, &title, &target) < 0) {
            lt_report_unknown_id(x->site, d, (lt_pos){p->src_path, line, col}, "reference", key);
            cmark_node_insert_before(node, text_node(ref, len));
        } else {
            cmark_node *link = cmark_node_new(CMARK_NODE_LINK);
            cmark_node_set_url(link, url);
            lt_link_target *t = lt_arena_alloc(a, sizeof *t);
            t->page = target;
            t->fragment = target ? NULL : key; /* a competency: its framework entry */
            cmark_node_set_user_data(link, t);
            if (label)
                cmark_node_append_child(link, text_node(label, label_len));
            else
                cmark_node_append_child(link, text_node(title, strlen(title)));
            cmark_node_insert_before(node, link);
            if (target)
                lt_xref_backlink(x, target, p);
        }
        rest = ref + len;
    }
    if (*rest)
        cmark_node_set_literal(node, rest);
    else
        cmark_node_free(node);
}

void lt_resolve_xrefs(lt_xref_ctx *x, lt_page *p, lt_arena *a, lt_diag *d)
{
    cmark_consolidate_text_nodes(p->doc);
    /* Collect first: the tree changes while references are expanded. */
    cmark_node **texts = NULL;
    size_t n = 0, cap = 0;
    cmark_iter *it = cmark_iter_new(p->doc);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *node = cmark_iter_get_node(it);
        if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(node) != CMARK_NODE_TEXT)
            continue;
        const char *lit = cmark_node_get_literal(node);
        if (!lit || !strstr(lit, "[[") || inside_link(node))
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            texts = lt_xrealloc(texts, cap * sizeof *texts);
        }
        texts[n++] = node;
    }
    cmark_iter_free(it);
    for (size_t i = 0; i < n; i++)
        expand(x, p, texts[i], a, d);
    free(texts);
}
