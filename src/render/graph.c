#include "render/graph.h"

#include "util/buf.h"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <string.h>

/* Characters per label line: about the width of three words, which keeps
 * the boxes narrow enough for a phone. */
#define WRAP 22

/* Fill lightness falls from dasar to mahir, so the levels stay apart in
 * greyscale too; the level is also spelt out in each label. */
static const struct level_style {
    const char *level, *fill, *font, *pen;
} level_styles[] = {
    {"dasar", "#deebf7", "#000000", "1"},
    {"lanjutan", "#6baed6", "#000000", "1.5"},
    {"mahir", "#08519c", "#ffffff", "2"},
};
static const struct level_style no_level = {NULL, "#ffffff", "#000000", "1"};

static const struct level_style *style_of(const char *level)
{
    for (size_t i = 0; level && i < sizeof level_styles / sizeof level_styles[0]; i++)
        if (strcmp(level, level_styles[i].level) == 0)
            return &level_styles[i];
    return &no_level;
}

/* cgraph 2.42 takes `char *` for names and values but copies them into its
 * own string pool, so const data is safe to pass. */
static void set(void *obj, const char *name, const char *value)
{
    agsafeset(obj, (char *)name, (char *)value, "");
}

static Agnode_t *node(Agraph_t *g, const char *id, int create)
{
    return agnode(g, (char *)id, create);
}

/* Graphviz expands \N, \G, \n and friends in labels and URLs; doubling
 * backslashes keeps user text literal. Graphviz 2.42 unescapes tooltips
 * twice (first \x to x, then the expansions), so they need `times` = 4. */
static void put_escaped_n(lt_buf *b, const char *s, size_t n, int times)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\\')
            for (int k = 1; k < times; k++)
                lt_buf_putc(b, '\\');
        lt_buf_putc(b, s[i]);
    }
}

static void put_escaped(lt_buf *b, const char *s, size_t n)
{
    put_escaped_n(b, s, n, 2);
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Greedy word wrap at WRAP characters (UTF-8 aware); a longer word gets a
 * line of its own. Lines are joined with Graphviz's centred break "\n". */
static void put_wrapped(lt_buf *b, const char *s)
{
    size_t col = 0;
    while (*s) {
        while (is_space(*s))
            s++;
        if (!*s)
            break;
        const char *word = s;
        size_t chars = 0;
        for (; *s && !is_space(*s); s++)
            chars += ((unsigned char)*s & 0xc0) != 0x80;
        if (col && col + 1 + chars > WRAP) {
            lt_buf_puts(b, "\\n");
            col = 0;
        } else if (col) {
            lt_buf_putc(b, ' ');
            col++;
        }
        put_escaped(b, word, (size_t)(s - word));
        col += chars;
    }
}

static void add_module(Agraph_t *g, const lt_module *m, lt_graph_href_fn href, void *ctx)
{
    Agnode_t *n = node(g, m->id, 1);
    const char *title = m->title ? m->title : m->id;
    const struct level_style *st = style_of(m->level);
    lt_buf b = LT_BUF_INIT;

    put_escaped(&b, m->id, strlen(m->id));
    if (m->level) {
        lt_buf_puts(&b, " \xc2\xb7 "); /* middle dot */
        put_escaped(&b, m->level, strlen(m->level));
    }
    lt_buf_puts(&b, "\\n");
    put_wrapped(&b, title);
    set(n, "label", lt_buf_cstr(&b));

    set(n, "fillcolor", st->fill);
    set(n, "fontcolor", st->font);
    set(n, "penwidth", st->pen);

    const char *url = href ? href(ctx, m) : NULL;
    if (url) {
        lt_buf_clear(&b);
        put_escaped(&b, url, strlen(url));
        set(n, "URL", lt_buf_cstr(&b));
        lt_buf_clear(&b);
        put_escaped_n(&b, title, strlen(title), 4);
        set(n, "tooltip", lt_buf_cstr(&b));
    }
    lt_buf_free(&b);
}

static Agraph_t *build_graph(const lt_curriculum *c, lt_graph_href_fn href, void *ctx,
                             const char *title)
{
    Agraph_t *g = agopen((char *)title, Agstrictdirected, NULL);
    set(g, "rankdir", "TB");
    set(g, "nodesep", "0.25");
    set(g, "ranksep", "0.35");
    set(g, "fontname", "sans-serif");
    agattr(g, AGNODE, "shape", "box");
    agattr(g, AGNODE, "style", "rounded,filled");
    agattr(g, AGNODE, "color", "#333333");
    agattr(g, AGNODE, "fontname", "sans-serif");
    agattr(g, AGNODE, "fontsize", "11");
    agattr(g, AGNODE, "margin", "0.12,0.06");
    agattr(g, AGEDGE, "color", "#444444");

    /* Nodes first, in reading order, so modules without any prerequisite
     * link still appear and ties in a rank keep the authors' order. The
     * graph is strict: a prerequisite listed twice gives one edge. */
    for (size_t i = 0; i < c->nmodules; i++)
        add_module(g, c->modules[i], href, ctx);
    for (size_t i = 0; i < c->nmodules; i++) {
        const lt_module *m = c->modules[i];
        Agnode_t *to = node(g, m->id, 0);
        for (size_t k = 0; k < m->nprerequisites; k++)
            if (m->prerequisites[k].target)
                agedge(g, node(g, m->prerequisites[k].target->id, 0), to, NULL, 1);
    }
    return g;
}

static int starts_with(const char *s, const char *end, const char *prefix)
{
    size_t n = strlen(prefix);
    return (size_t)(end - s) >= n && memcmp(s, prefix, n) == 0;
}

/* End of the markup construct at s that closes with `close`, plus the
 * newline Graphviz writes after it; `end` when unterminated. */
static const char *skip_past(const char *s, const char *end, const char *close)
{
    size_t n = strlen(close);
    for (; s < end; s++)
        if (starts_with(s, end, close)) {
            s += n;
            return s < end && *s == '\n' ? s + 1 : s;
        }
    return end;
}

/* Width of a Graphviz viewBox "x y w h" in its own units (points), rounded
 * up; read by hand so the C library's locale cannot move the decimal point. */
static long viewbox_width(const char *v, const char *end)
{
    for (int field = 0; field < 2; field++) {
        while (v < end && *v != ' ')
            v++;
        while (v < end && *v == ' ')
            v++;
    }
    long whole = 0;
    for (; v < end && *v >= '0' && *v <= '9'; v++)
        whole = whole * 10 + (*v - '0');
    if (v < end && *v == '.')
        for (v++; v < end && *v >= '0' && *v <= '9'; v++)
            if (*v != '0')
                return whole + 1;
    return whole;
}

static int attr_is(const char *attr, size_t len, const char *name)
{
    return len == strlen(name) && memcmp(attr, name, len) == 0;
}

/* Copies one start or end tag [s, end) minus its id attribute; the root
 * <svg> also loses width and height and gains the sizing and accessibility
 * attributes and a <title>. Graphviz escapes quotes inside values. */
static void put_tag(lt_buf *out, const char *s, const char *end, const char *title)
{
    const char *name = s + 1;
    const char *p = name;
    while (p < end && !is_space(*p) && *p != '>' && *p != '/')
        p++;
    int root = p - name == 3 && memcmp(name, "svg", 3) == 0;
    long width_pt = 0;
    lt_buf_put(out, s, (size_t)(p - s));
    for (;;) {
        while (p < end && is_space(*p))
            p++;
        if (p >= end || *p == '>' || *p == '/')
            break;
        const char *attr = p;
        while (p < end && *p != '=' && !is_space(*p) && *p != '>')
            p++;
        size_t alen = (size_t)(p - attr);
        const char *val = p;
        if (p + 1 < end && *p == '=' && (p[1] == '"' || p[1] == '\'')) {
            const char *q = memchr(p + 2, p[1], (size_t)(end - p - 2));
            p = q ? q + 1 : end;
        } else {
            while (p < end && !is_space(*p) && *p != '>')
                p++;
        }
        if (attr_is(attr, alen, "id") ||
            (root && (attr_is(attr, alen, "width") || attr_is(attr, alen, "height"))))
            continue;
        if (root && attr_is(attr, alen, "viewBox") && p - val > 2)
            width_pt = viewbox_width(val + 2, p - 1);
        lt_buf_putc(out, ' ');
        lt_buf_put(out, attr, (size_t)(p - attr));
    }
    if (root) {
        /* 4/3 CSS px per point, rounded up. */
        lt_buf_printf(out, " width=\"100%%\" style=\"max-width:%ldpx\"", (width_pt * 4 + 2) / 3);
        lt_buf_puts(out, " class=\"lt-graph\" role=\"img\" aria-label=\"");
        lt_buf_put_html(out, title, strlen(title));
        lt_buf_puts(out, "\">\n<title>");
        lt_buf_put_html(out, title, strlen(title));
        lt_buf_puts(out, "</title>");
        return;
    }
    lt_buf_put(out, p, (size_t)(end - p));
}

/* Just past the '>' that closes the tag at s, skipping quoted values. */
static const char *tag_end(const char *s, const char *end)
{
    char quote = 0;
    for (; s < end; s++) {
        if (quote) {
            if (*s == quote)
                quote = 0;
        } else if (*s == '"' || *s == '\'') {
            quote = *s;
        } else if (*s == '>') {
            return s + 1;
        }
    }
    return end;
}

/* Graphviz's SVG document made fit to inline into HTML. */
static char *inline_svg(const char *svg, size_t len, const char *title)
{
    lt_buf out = LT_BUF_INIT;
    const char *s = svg, *end = svg + len;
    while (s < end) {
        const char *lt = memchr(s, '<', (size_t)(end - s));
        if (!lt) {
            lt_buf_put(&out, s, (size_t)(end - s));
            break;
        }
        lt_buf_put(&out, s, (size_t)(lt - s));
        if (starts_with(lt, end, "<!--")) {
            s = skip_past(lt, end, "-->");
        } else if (starts_with(lt, end, "<?")) {
            s = skip_past(lt, end, "?>");
        } else if (starts_with(lt, end, "<!")) {
            s = skip_past(lt, end, ">");
        } else {
            s = tag_end(lt, end);
            put_tag(&out, lt, s, title);
        }
    }
    return lt_buf_detach(&out);
}

/* One Graphviz context for the whole process, never freed. Graphviz 2.42's
 * pango text-layout plugin keeps a pointer to the last font name it
 * measured, and that string belongs to the context: after gvFreeContext
 * and a new gvContext, the next layout reads freed memory. */
static GVC_t *context(void)
{
    static GVC_t *gvc;
    if (!gvc)
        gvc = gvContext();
    return gvc;
}

char *lt_graph_prereq_svg(const lt_curriculum *c, lt_graph_href_fn href, void *ctx,
                          const char *title)
{
    char *result = NULL, *data = NULL;
    unsigned int len = 0;
    int laid_out = 0;
    GVC_t *gvc = context();
    Agraph_t *g = build_graph(c, href, ctx, title);

    if (gvLayout(gvc, g, "dot") != 0)
        goto done;
    laid_out = 1;
    if (gvRenderData(gvc, g, "svg", &data, &len) != 0)
        goto done;
    result = inline_svg(data, len, title);

done:
    if (data)
        gvFreeRenderData(data);
    if (laid_out)
        gvFreeLayout(gvc, g);
    agclose(g);
    return result;
}
