#include "render/handbook_html.h"

#include "util/path.h"

#include <string.h>
#include <strings.h>

#define MAX_ATTRS 32

typedef struct {
    const char *name, *val; /* val: NULL when the attribute has no value */
    size_t nlen, vlen;
} attr;

typedef struct {
    const char *name;
    size_t nlen;
    attr at[MAX_ATTRS];
    size_t n;
    int self_closing;
    const char *end; /* just after '>' */
} tag;

typedef struct {
    const char *id; /* "fn-1", as the list item has it */
    size_t idlen;
    const char *body; /* inside the <li> */
    size_t len;
    int used;
} footnote;

typedef struct {
    const lt_handbook_rewrite *r;
    const char *dir; /* folder of the page */
    footnote *notes;
    size_t nnotes;
    int in_note; /* rewriting a footnote's text */
    int in_xref; /* inside a link to a page of the handbook */
    lt_buf xref; /* its href */
    lt_buf url;  /* scratch */
} rewriter;

enum { URL_OTHER, URL_PAGE, URL_EXTERNAL };

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static int is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is(const char *s, size_t n, const char *lit)
{
    return strlen(lit) == n && strncasecmp(s, lit, n) == 0;
}

/* The next `lit` (ignoring case) from s. lit starts with a character that
 * has no case ('<', '-', ']', '>'), so only its occurrences are compared. */
static const char *find(const char *s, const char *end, const char *lit)
{
    size_t n = strlen(lit);
    while (s + n <= end && (s = memchr(s, lit[0], (size_t)(end - s) - n + 1))) {
        if (strncasecmp(s, lit, n) == 0)
            return s;
        s++;
    }
    return NULL;
}

/* Just past the next `lit` from s, or end. */
static const char *past(const char *s, const char *end, const char *lit)
{
    const char *at = find(s, end, lit);
    return at ? at + strlen(lit) : end;
}

/* s is at '<' followed by a letter. Returns 0, or -1 when it is not a
 * whole tag (then the '<' is text). */
static int parse_tag(const char *s, const char *end, tag *t)
{
    const char *p = s + 1;
    t->name = p;
    while (p < end && (is_alpha(*p) || (*p >= '0' && *p <= '9') || *p == '-' || *p == ':'))
        p++;
    t->nlen = (size_t)(p - t->name);
    t->n = 0;
    t->self_closing = 0;
    for (;;) {
        while (p < end && is_space(*p))
            p++;
        if (p >= end)
            return -1;
        if (*p == '>' || (*p == '/' && p + 1 < end && p[1] == '>')) {
            t->self_closing = *p == '/';
            t->end = p + 1 + t->self_closing;
            return 0;
        }
        attr a = {p, NULL, 0, 0};
        while (p < end && !is_space(*p) && *p != '=' && *p != '>' && *p != '/')
            p++;
        a.nlen = (size_t)(p - a.name);
        if (a.nlen == 0) {
            p++; /* a stray '/' or '=': skip it */
            continue;
        }
        const char *q = p;
        while (q < end && is_space(*q))
            q++;
        if (q < end && *q == '=') {
            q++;
            while (q < end && is_space(*q))
                q++;
            if (q < end && (*q == '"' || *q == '\'')) {
                const char *close = memchr(q + 1, *q, (size_t)(end - q - 1));
                if (!close)
                    return -1;
                a.val = q + 1;
                a.vlen = (size_t)(close - q - 1);
                p = close + 1;
            } else {
                a.val = q;
                while (q < end && !is_space(*q) && *q != '>')
                    q++;
                a.vlen = (size_t)(q - a.val);
                p = q;
            }
        }
        if (t->n == MAX_ATTRS)
            return -1;
        t->at[t->n++] = a;
    }
}

static const attr *get(const tag *t, const char *name)
{
    for (size_t i = 0; i < t->n; i++)
        if (is(t->at[i].name, t->at[i].nlen, name))
            return t->at[i].val ? &t->at[i] : NULL;
    return NULL;
}

static int has_class(const tag *t, const char *cls)
{
    const attr *a = get(t, "class");
    if (!a)
        return 0;
    size_t n = strlen(cls);
    for (const char *p = a->val, *end = a->val + a->vlen; p < end;) {
        while (p < end && is_space(*p))
            p++;
        const char *w = p;
        while (p < end && !is_space(*p))
            p++;
        if ((size_t)(p - w) == n && memcmp(w, cls, n) == 0)
            return 1;
    }
    return 0;
}

/* An attribute value as it was written; a '"' (possible when the author
 * quoted with ') is escaped, since values are written back in "…". */
static void put_value(lt_buf *out, const char *v, size_t n)
{
    for (const char *end = v + n; v < end;) {
        const char *q = memchr(v, '"', (size_t)(end - v));
        if (!q) {
            lt_buf_put(out, v, (size_t)(end - v));
            break;
        }
        lt_buf_put(out, v, (size_t)(q - v));
        lt_buf_puts(out, "&quot;");
        v = q + 1;
    }
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = (char)(c | 0x20);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Fragments and paths are percent-encoded in href but written plainly in
 * ids and site paths. */
static void put_decoded(lt_buf *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '%' && i + 2 < n && hexval(s[i + 1]) >= 0 && hexval(s[i + 2]) >= 0) {
            char c = (char)(hexval(s[i + 1]) * 16 + hexval(s[i + 2]));
            i += 2;
            if (c == '"' || c == '<' || c == '&' || c == '\0')
                lt_buf_printf(out, "&#%d;", c ? c : 0xFFFD);
            else
                lt_buf_putc(out, c);
        } else {
            lt_buf_putc(out, s[i]);
        }
    }
}

static int is_external(const char *v, size_t n)
{
    if (n >= 2 && v[0] == '/' && v[1] == '/')
        return 1;
    size_t i = 0;
    if (!n || !is_alpha(v[0]))
        return 0;
    while (i < n && (is_alpha(v[i]) || (v[i] >= '0' && v[i] <= '9') || v[i] == '+' || v[i] == '-' ||
                     v[i] == '.'))
        i++;
    return i < n && v[i] == ':';
}

/* The handbook id of id[0..n) on page `page` (p-N, or p-N--id); the id as
 * an attribute has it, or percent-encoded as in a URL's fragment. */
static void put_id(lt_buf *out, long page, const char *id, size_t n, int encoded)
{
    lt_buf_printf(out, "p-%ld", page);
    if (!n)
        return;
    lt_buf_puts(out, "--");
    if (encoded)
        put_decoded(out, id, n);
    else
        put_value(out, id, n);
}

/* Writes the handbook form of the URL v[0..n) to out. Links (to_pages)
 * to a page in the handbook become in-document anchors; anything else
 * relative is made relative to the site root, where the handbook is. */
static int put_url(rewriter *w, lt_buf *out, const char *v, size_t n, int to_pages)
{
    if (!n || is_external(v, n)) {
        put_value(out, v, n);
        return n ? URL_EXTERNAL : URL_OTHER;
    }
    if (v[0] == '#' && to_pages) {
        lt_buf_putc(out, '#');
        put_id(out, w->r->anchor, v + 1, n - 1, 1);
        return URL_PAGE;
    }
    size_t k = 0;
    while (k < n && v[k] != '?' && v[k] != '#')
        k++;
    char *site = k ? lt_path_join(w->r->a, w->dir, lt_arena_strndup(w->r->a, v, k)) : NULL;
    if (!site) {
        put_value(out, v, n);
        return URL_OTHER;
    }
    if (to_pages) {
        lt_buf_clear(&w->url);
        put_decoded(&w->url, site, strlen(site));
        long page = w->r->anchor_of(w->r->ctx, lt_buf_cstr(&w->url));
        if (page >= 0) {
            const char *hash = memchr(v + k, '#', n - k);
            lt_buf_putc(out, '#');
            put_id(out, page, hash ? hash + 1 : "", hash ? (size_t)(v + n - hash - 1) : 0, 1);
            return URL_PAGE;
        }
    }
    put_value(out, site, strlen(site));
    put_value(out, v + k, n - k);
    return URL_OTHER;
}

/* 1 when the text right after an <a> tag is the link's own URL (an
 * autolink): printing the URL again after it would say it twice. */
static int text_is_url(const char *s, const char *end, const attr *href)
{
    const char *lt = memchr(s, '<', (size_t)(end - s));
    size_t n = (size_t)((lt ? lt : end) - s);
    const char *u = href->val;
    size_t un = href->vlen;
    if (un > 7 && strncmp(u, "mailto:", 7) == 0)
        u += 7, un -= 7;
    return n == un && memcmp(s, u, n) == 0;
}

/* Writes tag t back with its ids and URLs rewritten. href: the rewritten
 * href when the caller made it already, else NULL. */
static void put_tag(rewriter *w, lt_buf *out, const tag *t, const char *add_class,
                    const lt_buf *href)
{
    int class_done = 0;
    lt_buf_putc(out, '<');
    lt_buf_put(out, t->name, t->nlen);
    for (size_t i = 0; i < t->n; i++) {
        const attr *a = &t->at[i];
        lt_buf_putc(out, ' ');
        lt_buf_put(out, a->name, a->nlen);
        if (!a->val)
            continue;
        lt_buf_puts(out, "=\"");
        if (is(a->name, a->nlen, "id")) {
            put_id(out, w->r->anchor, a->val, a->vlen, 0);
        } else if (href && is(a->name, a->nlen, "href")) {
            lt_buf_put(out, href->data, href->len);
        } else if (is(a->name, a->nlen, "href") || is(a->name, a->nlen, "xlink:href")) {
            put_url(w, out, a->val, a->vlen, 1);
        } else if (is(a->name, a->nlen, "src")) {
            put_url(w, out, a->val, a->vlen, 0);
        } else {
            put_value(out, a->val, a->vlen);
            if (add_class && is(a->name, a->nlen, "class")) {
                lt_buf_printf(out, " %s", add_class);
                class_done = 1;
            }
        }
        lt_buf_putc(out, '"');
    }
    if (add_class && !class_done)
        lt_buf_printf(out, " class=\"%s\"", add_class);
    lt_buf_puts(out, t->self_closing ? "/>" : ">");
}

/* 1 when the tag has an attribute this rewriter changes. */
static int needs_rewrite(const tag *t)
{
    return get(t, "id") || get(t, "href") || get(t, "xlink:href") || get(t, "src");
}

static void rewrite(rewriter *w, lt_buf *out, const char *s, const char *end);

/* <sup class="footnote-ref"><a href="#fn-1" id="fnref-1" …>1</a></sup>:
 * the first reference to a note carries its text; a later one shows that
 * note's number. WeasyPrint counts a note at its end, so the number is read
 * at an empty anchor (id p-N--fn-1--after) just after the note. Returns
 * where to go on, or NULL to keep the tag. */
static const char *footnote_ref(rewriter *w, lt_buf *out, const tag *sup, const char *end)
{
    const char *a = sup->end;
    tag link;
    if (a >= end || *a != '<' || parse_tag(a, end, &link) < 0 || !is(link.name, link.nlen, "a"))
        return NULL;
    const attr *href = get(&link, "href");
    if (!href || href->vlen < 2 || href->val[0] != '#')
        return NULL;
    footnote *fn = NULL;
    for (size_t i = 0; i < w->nnotes && !fn; i++)
        if (w->notes[i].idlen == href->vlen - 1 &&
            memcmp(w->notes[i].id, href->val + 1, href->vlen - 1) == 0)
            fn = &w->notes[i];
    if (!fn)
        return NULL;
    lt_buf_puts(out, fn->used ? "<span class=\"footnote-again\" data-href=\"#"
                              : "<span class=\"footnote\" id=\"");
    put_id(out, w->r->anchor, fn->id, fn->idlen, 0);
    if (fn->used) {
        lt_buf_puts(out, "--after\"></span>");
    } else {
        fn->used = 1;
        lt_buf_puts(out, "\">");
        w->in_note = 1;
        rewrite(w, out, fn->body, fn->body + fn->len);
        w->in_note = 0;
        /* what stood before the back links and the list item's end */
        while (out->len && is_space(out->data[out->len - 1]))
            out->data[--out->len] = '\0';
        lt_buf_puts(out, "</span><span id=\"");
        put_id(out, w->r->anchor, fn->id, fn->idlen, 0);
        lt_buf_puts(out, "--after\"></span>");
    }
    return past(link.end, end, "</sup>");
}

/* In a footnote: paragraphs become lines of one inline note. */
static void note_paragraph_end(lt_buf *out, const char *rest, const char *end)
{
    while (rest < end && is_space(*rest))
        rest++;
    if (rest < end)
        lt_buf_puts(out, "<br>");
}

static void rewrite(rewriter *w, lt_buf *out, const char *s, const char *end)
{
    const char *text = s; /* start of what is copied as it is */
    const char *p = s;
    while (p < end && (p = memchr(p, '<', (size_t)(end - p)))) {
        const char *next;
        tag t;
        if (end - p >= 4 && memcmp(p, "<!--", 4) == 0) {
            p = past(p + 4, end, "-->");
            continue;
        }
        if (end - p >= 9 && memcmp(p, "<![CDATA[", 9) == 0) {
            p = past(p + 9, end, "]]>");
            continue;
        }
        if (p + 1 < end && (p[1] == '!' || p[1] == '?' || p[1] == '/')) {
            next = past(p + 1, end, ">");
            if (w->in_note && end - p >= 4 && strncasecmp(p, "</p>", 4) == 0) {
                lt_buf_put(out, text, (size_t)(p - text));
                note_paragraph_end(out, next, end);
                text = next;
            } else if (w->in_xref && end - p >= 4 && strncasecmp(p, "</a>", 4) == 0) {
                /* The page number goes in a box of its own after the
                 * link: WeasyPrint 57 drops the space after a box whose
                 * ::after holds a target-counter(). */
                lt_buf_put(out, text, (size_t)(next - text));
                lt_buf_puts(out, "<span class=\"xref-page\" data-href=\"");
                lt_buf_put(out, w->xref.data, w->xref.len);
                lt_buf_puts(out, "\"></span>");
                w->in_xref = 0;
                text = next;
            }
            p = next;
            continue;
        }
        if (p + 1 >= end || !is_alpha(p[1]) || parse_tag(p, end, &t) < 0) {
            p++;
            continue;
        }
        if (is(t.name, t.nlen, "script") || is(t.name, t.nlen, "style")) {
            p = past(t.end, end, is(t.name, t.nlen, "script") ? "</script>" : "</style>");
            continue;
        }
        lt_buf_put(out, text, (size_t)(p - text));
        next = t.end;
        if (w->in_note && is(t.name, t.nlen, "p")) {
            /* dropped: the note is one inline box */
        } else if (is(t.name, t.nlen, "a") && has_class(&t, "heading-anchor")) {
            const attr *id = get(&t, "id");
            lt_buf_puts(out, "<span id=\"");
            put_id(out, w->r->anchor, id ? id->val : "", id ? id->vlen : 0, 0);
            lt_buf_puts(out, "\"></span>");
            next = past(t.end, end, "</a>");
        } else if (is(t.name, t.nlen, "a") && has_class(&t, "footnote-backref")) {
            next = past(t.end, end, "</a>");
        } else if (is(t.name, t.nlen, "sup") && has_class(&t, "footnote-ref") && !w->in_note &&
                   (next = footnote_ref(w, out, &t, end))) {
            /* written by footnote_ref */
        } else if (is(t.name, t.nlen, "a") && get(&t, "href")) {
            next = t.end;
            const attr *href = get(&t, "href");
            lt_buf_clear(&w->xref);
            int kind = put_url(w, &w->xref, href->val, href->vlen, 1);
            const char *cls = kind == URL_PAGE                                         ? "xref"
                              : kind == URL_EXTERNAL && !text_is_url(t.end, end, href) ? "url"
                                                                                       : NULL;
            put_tag(w, out, &t, cls, &w->xref);
            w->in_xref = kind == URL_PAGE;
        } else if (needs_rewrite(&t)) {
            next = t.end;
            put_tag(w, out, &t, NULL, NULL);
        } else {
            next = t.end;
            lt_buf_put(out, p, (size_t)(t.end - p));
        }
        p = text = next;
    }
    lt_buf_put(out, text, (size_t)(end - text));
}

/* Finds cmark-gfm's footnote list (<section class="footnotes" …> at the
 * end) and returns where it starts (or end when there is none). */
static const char *read_footnotes(rewriter *w, const char *s, const char *end)
{
    const char *sec = find(s, end, "<section class=\"footnotes\"");
    if (!sec)
        return end;
    size_t cap = 0;
    for (const char *p = sec; (p = find(p, end, "<li id=\""));) {
        const char *id = p + 8;
        const char *q = memchr(id, '"', (size_t)(end - id));
        const char *body = q ? memchr(q, '>', (size_t)(end - q)) : NULL;
        if (!body)
            break;
        body++;
        /* The item ends at its own </li>: a note may hold a list. */
        int depth = 1;
        const char *e = body;
        while (depth > 0 && (e = memchr(e, '<', (size_t)(end - e)))) {
            if (end - e >= 4 && strncasecmp(e, "<li", 3) == 0 && (e[3] == '>' || is_space(e[3])))
                depth++;
            else if (end - e >= 5 && strncasecmp(e, "</li>", 5) == 0)
                depth--;
            if (depth > 0)
                e++;
        }
        if (!e)
            break;
        if (w->nnotes == cap) {
            cap = cap ? cap * 2 : 8;
            footnote *grown = lt_arena_alloc(w->r->a, cap * sizeof *grown);
            if (w->nnotes)
                memcpy(grown, w->notes, w->nnotes * sizeof *grown);
            w->notes = grown;
        }
        while (body < e && is_space(*body))
            body++;
        w->notes[w->nnotes++] = (footnote){id, (size_t)(q - id), body, (size_t)(e - body), 0};
        p = e + 5;
    }
    return sec;
}

void lt_handbook_rewrite_html(lt_buf *out, const char *html, size_t len,
                              const lt_handbook_rewrite *r)
{
    rewriter w = {r, lt_path_dir(r->a, r->page_path), NULL, 0, 0, 0, LT_BUF_INIT, LT_BUF_INIT};
    const char *end = html + len;
    const char *notes = read_footnotes(&w, html, end);
    rewrite(&w, out, html, notes);
    lt_buf_free(&w.xref);
    lt_buf_free(&w.url);
}
