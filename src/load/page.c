#include "load/page.h"

#include "load/markdown.h"
#include "util/buf.h"
#include "util/path.h"
#include "util/text.h"

#include <cmark-gfm-extension_api.h>
#include <stdlib.h>
#include <string.h>

/* Length of a line ending at s (0 if s is not at a line end). */
static size_t eol_len(const char *s, const char *end)
{
    if (s < end && *s == '\n')
        return 1;
    if (s + 1 < end && s[0] == '\r' && s[1] == '\n')
        return 2;
    return s == end ? 0 : (size_t)-1;
}

/* 1 when the line at s is exactly `fence` followed by a line end or EOF. */
static int is_fence_line(const char *s, const char *end, const char *fence, size_t *out_len)
{
    size_t n = strlen(fence);
    if ((size_t)(end - s) < n || memcmp(s, fence, n) != 0)
        return 0;
    const char *p = s + n;
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    size_t e = eol_len(p, end);
    if (e == (size_t)-1)
        return 0;
    *out_len = (size_t)(p - s) + e;
    return 1;
}

int lt_frontmatter_split(const char *text, size_t len, const char *path, lt_diag *d,
                         const char **out_fm, size_t *out_fm_len, const char **out_body,
                         size_t *out_body_len, int *out_body_line)
{
    const char *end = text + len;
    size_t open_len;
    *out_fm = NULL;
    *out_fm_len = 0;
    *out_body = text;
    *out_body_len = len;
    *out_body_line = 1;
    if (!is_fence_line(text, end, "---", &open_len) || open_len == 3)
        return 0;
    const char *fm = text + open_len;
    int line = 2;
    for (const char *s = fm; s < end;) {
        size_t close_len;
        if (is_fence_line(s, end, "---", &close_len) || is_fence_line(s, end, "...", &close_len)) {
            *out_fm = fm;
            *out_fm_len = (size_t)(s - fm);
            *out_body = s + close_len;
            *out_body_len = (size_t)(end - *out_body);
            *out_body_line = line + 1;
            return 0;
        }
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        if (!nl)
            break;
        s = nl + 1;
        line++;
    }
    lt_error(d, path, 1, 1, "front matter opened with '---' is never closed");
    return -1;
}

static int valid_id(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_' || c == '.' || c == '/'))
            return 0;
    }
    return 1;
}

static const char *fm_string(const lt_yaml *fm, const char *key, const char *path, lt_diag *d,
                             int *bad)
{
    const lt_yaml *v = lt_yaml_get(fm, key);
    if (!v || lt_yaml_is_null(v))
        return NULL;
    if (v->kind != LT_YAML_SCALAR) {
        lt_error(d, path, v->line, v->col, "'%s' must be text", key);
        *bad = 1;
        return NULL;
    }
    return v->str;
}

static int read_front_matter(lt_page *p, const lt_yaml *fm, lt_arena *a, lt_diag *d)
{
    int bad = 0;
    const char *path = p->src_path;
    if (fm->kind != LT_YAML_MAP) {
        lt_error(d, path, fm->line, fm->col, "front matter must be a mapping of keys to values");
        return -1;
    }
    p->front = fm;
    p->title = fm_string(fm, "title", path, d, &bad);
    p->description = fm_string(fm, "description", path, d, &bad);
    p->template_name = fm_string(fm, "template", path, d, &bad);
    const char *id = fm_string(fm, "id", path, d, &bad);
    if (id) {
        const lt_yaml *v = lt_yaml_get(fm, "id");
        if (!valid_id(id)) {
            lt_error(d, path, v->line, v->col,
                     "id '%s' may hold only letters, digits, '-', '_', '.' and '/'", id);
            bad = 1;
        } else {
            p->id = id;
            p->id_line = v->line;
            p->id_col = v->col;
        }
    }
    const lt_yaml *w = lt_yaml_get(fm, "weight");
    if (w && !lt_yaml_is_null(w)) {
        if (lt_yaml_number(w, &p->weight) < 0) {
            lt_error(d, path, w->line, w->col, "'weight' must be a number");
            bad = 1;
        } else {
            p->has_weight = 1;
        }
    }
    const lt_yaml *dr = lt_yaml_get(fm, "draft");
    if (dr && !lt_yaml_is_null(dr) && lt_yaml_bool(dr, &p->draft) < 0) {
        lt_error(d, path, dr->line, dr->col, "'draft' must be true or false");
        bad = 1;
    }
    const char *url = fm_string(fm, "url", path, d, &bad);
    if (url) {
        const lt_yaml *v = lt_yaml_get(fm, "url");
        const char *why = lt_path_check(url, v->len);
        if (!why && !lt_path_has_ext(url, ".html"))
            why = "it must end in .html";
        if (why) {
            lt_error(d, path, v->line, v->col, "output path '%s' is not allowed: %s", url, why);
            bad = 1;
        } else {
            p->out_path = lt_arena_strdup(a, url);
        }
    }
    return bad ? -1 : 0;
}

static void plain_text(cmark_node *n, lt_buf *out)
{
    for (cmark_node *c = cmark_node_first_child(n); c; c = cmark_node_next(c)) {
        cmark_node_type t = cmark_node_get_type(c);
        if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE)
            lt_buf_puts(out, cmark_node_get_literal(c));
        else if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK)
            lt_buf_putc(out, ' ');
        else
            plain_text(c, out);
    }
}

/* Gives every heading a unique id and a self-link. The link is a custom
 * inline appended to the heading, so cmark's own heading HTML is kept. */
static void index_headings(lt_page *p, const char *anchor_label, lt_arena *a)
{
    size_t n = 0, cap = 0;
    lt_heading *hs = NULL;
    lt_buf text = LT_BUF_INIT, slug = LT_BUF_INIT, html = LT_BUF_INIT;
    cmark_iter *it = cmark_iter_new(p->doc);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *node = cmark_iter_get_node(it);
        if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(node) != CMARK_NODE_HEADING)
            continue;
        lt_buf_clear(&text);
        plain_text(node, &text);
        lt_buf_clear(&slug);
        lt_slugify(&slug, text.data ? text.data : "", text.len);
        size_t base = slug.len;
        for (int k = 1;; k++) {
            int taken = 0;
            for (size_t i = 0; i < n && !taken; i++)
                taken = strcmp(hs[i].id, lt_buf_cstr(&slug)) == 0;
            if (!taken)
                break;
            slug.len = base;
            lt_buf_printf(&slug, "-%d", k);
        }
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            lt_heading *grown = lt_arena_alloc(a, cap * sizeof *grown);
            if (n)
                memcpy(grown, hs, n * sizeof *grown);
            hs = grown;
        }
        hs[n].level = cmark_node_get_heading_level(node);
        hs[n].id = lt_arena_strdup(a, lt_buf_cstr(&slug));
        hs[n].text = lt_arena_strdup(a, lt_buf_cstr(&text));
        hs[n].line = cmark_node_get_start_line(node) + p->line_offset;
        lt_buf_clear(&html);
        lt_buf_puts(&html, "<a class=\"heading-anchor\" id=\"");
        lt_buf_put_html(&html, slug.data, slug.len);
        lt_buf_puts(&html, "\" href=\"#");
        lt_buf_put_html(&html, slug.data, slug.len);
        lt_buf_puts(&html, "\" aria-label=\"");
        lt_buf_puts(&html, anchor_label);
        lt_buf_puts(&html, "\">#</a>");
        cmark_node *link = cmark_node_new(CMARK_NODE_CUSTOM_INLINE);
        cmark_node_set_on_enter(link, lt_buf_cstr(&html));
        cmark_node_set_on_exit(link, "");
        cmark_node_append_child(node, link);
        n++;
    }
    cmark_iter_free(it);
    lt_buf_free(&text);
    lt_buf_free(&slug);
    lt_buf_free(&html);
    p->headings = hs;
    p->nheadings = n;
}

/* Runs the directives of p's tree for this edition. */
static void apply_directives(lt_page *p, const char *body, size_t len, const lt_load_opts *o,
                             lt_diag *d)
{
    lt_directive_ctx dc = {.path = p->src_path,
                           .line_offset = p->line_offset,
                           .edition = o->edition ? o->edition : "peserta",
                           .language = o->cfg->language,
                           .extra = o->extra_directives,
                           .run = o->run_directive,
                           .run_ctx = o->run_ctx,
                           .source = body,
                           .source_len = len,
                           .d = d};
    lt_directives_apply(p->doc, &dc);
    for (size_t i = 0; i < dc.nactivities; i++)
        p->activity_minutes += dc.activities[i].minutes;
    free(dc.activities);
}

int lt_page_load(lt_page *p, const char *data, size_t len, const lt_load_opts *opts, lt_arena *a,
                 lt_diag *d)
{
    const lt_config *cfg = opts->cfg;
    const char *path = p->src_path;
    const char *nul = memchr(data, '\0', len);
    if (nul) {
        int line, col;
        lt_text_position(data, (size_t)(nul - data), &line, &col);
        lt_error(d, path, line, col, "binary data (a NUL byte) in a Markdown file");
        goto fail;
    }
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        data += 3;
        len -= 3;
    }
    int line, col;
    if (!lt_utf8_valid(data, len, &line, &col)) {
        lt_error(d, path, line, col, "invalid UTF-8");
        goto fail;
    }
    const char *fm, *body;
    size_t fm_len, body_len;
    int body_line;
    if (lt_frontmatter_split(data, len, path, d, &fm, &fm_len, &body, &body_len, &body_line) < 0)
        goto fail;
    if (fm) {
        lt_yaml *y;
        if (lt_yaml_parse(a, fm, fm_len, path, 1, d, &y) < 0)
            goto fail;
        if (y && read_front_matter(p, y, a, d) < 0)
            goto fail;
    }
    p->line_offset = body_line - 1;
    p->doc = lt_markdown_parse(body, body_len, cfg->unsafe);
    apply_directives(p, body, body_len, opts, d);
    index_headings(p, opts->anchor_label, a);
    if (!p->title && p->nheadings)
        p->title = p->headings[0].text;
    if (len == 0 || (!fm && body_len == 0))
        lt_warn(d, path, 1, 1, "empty page");
    return 0;
fail:
    p->failed = 1;
    return -1;
}
