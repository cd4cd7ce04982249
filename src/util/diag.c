#include "util/diag.h"

#include "util/arena.h"
#include "util/buf.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

typedef struct entry {
    lt_diag_entry e;
    size_t seq;
} entry;

struct lt_diag {
    pthread_mutex_t lock;
    entry *items;
    size_t len, cap, errors, warnings;
};

lt_diag *lt_diag_new(void)
{
    lt_diag *d = lt_xcalloc(1, sizeof *d);
    pthread_mutex_init(&d->lock, NULL);
    return d;
}

void lt_diag_free(lt_diag *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->len; i++) {
        free(d->items[i].e.path);
        free(d->items[i].e.message);
    }
    free(d->items);
    pthread_mutex_destroy(&d->lock);
    free(d);
}

void lt_diag_report(lt_diag *d, lt_severity sev, const char *path, int line, int col,
                    const char *fmt, ...)
{
    va_list ap, aq;
    va_start(ap, fmt);
    va_copy(aq, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *msg = lt_xmalloc((size_t)n + 1);
    vsnprintf(msg, (size_t)n + 1, fmt, aq);
    va_end(aq);

    pthread_mutex_lock(&d->lock);
    if (d->len == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 16;
        d->items = lt_xrealloc(d->items, d->cap * sizeof *d->items);
    }
    entry *it = &d->items[d->len];
    it->e.path = lt_xstrdup(path ? path : "");
    it->e.line = line;
    it->e.col = col;
    it->e.severity = sev;
    it->e.message = msg;
    it->seq = d->len++;
    if (sev == LT_ERROR)
        d->errors++;
    else
        d->warnings++;
    pthread_mutex_unlock(&d->lock);
}

size_t lt_diag_errors(const lt_diag *d)
{
    return d->errors;
}

size_t lt_diag_warnings(const lt_diag *d)
{
    return d->warnings;
}

void lt_diag_merge(lt_diag *d, const lt_diag *src)
{
    for (size_t i = 0; i < src->len; i++) {
        const lt_diag_entry *e = &src->items[i].e;
        lt_diag_report(d, e->severity, e->path, e->line, e->col, "%s", e->message);
    }
}

size_t lt_diag_count(const lt_diag *d)
{
    return d->len;
}

const lt_diag_entry *lt_diag_get(const lt_diag *d, size_t i)
{
    return i < d->len ? &d->items[i].e : NULL;
}

static int cmp_entry(const void *pa, const void *pb)
{
    const entry *a = pa, *b = pb;
    int c = strcmp(a->e.path, b->e.path);
    if (c)
        return c;
    if (a->e.line != b->e.line)
        return a->e.line < b->e.line ? -1 : 1;
    if (a->e.col != b->e.col)
        return a->e.col < b->e.col ? -1 : 1;
    c = strcmp(a->e.message, b->e.message);
    if (c)
        return c;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* Sorts, and drops exact repeats: plugin code runs once per render
 * thread, so a warning at a plugin's top level arrives once per thread. */
void lt_diag_sort(lt_diag *d)
{
    if (d->len < 2)
        return;
    qsort(d->items, d->len, sizeof *d->items, cmp_entry);
    size_t k = 1;
    for (size_t i = 1; i < d->len; i++) {
        lt_diag_entry *prev = &d->items[k - 1].e, *cur = &d->items[i].e;
        if (!strcmp(prev->path, cur->path) && prev->line == cur->line && prev->col == cur->col &&
            prev->severity == cur->severity && !strcmp(prev->message, cur->message)) {
            if (cur->severity == LT_ERROR)
                d->errors--;
            else
                d->warnings--;
            free(cur->path);
            free(cur->message);
            continue;
        }
        d->items[k++] = d->items[i];
    }
    d->len = k;
}

static void put_json_string(lt_buf *b, const char *s)
{
    lt_buf_putc(b, '"');
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            lt_buf_printf(b, "\\%c", c);
        else if (c == '\n')
            lt_buf_puts(b, "\\n");
        else if (c < 0x20)
            lt_buf_printf(b, "\\u%04x", c);
        else
            lt_buf_putc(b, (char)c);
    }
    lt_buf_putc(b, '"');
}

void lt_diag_print(lt_diag *d, FILE *out, lt_diag_format fmt, int strict)
{
    lt_diag_sort(d);
    lt_buf b = LT_BUF_INIT;
    for (size_t i = 0; i < d->len; i++) {
        const lt_diag_entry *e = &d->items[i].e;
        const char *sev = (e->severity == LT_ERROR || strict) ? "error" : "warning";
        lt_buf_clear(&b);
        if (fmt == LT_DIAG_JSON) {
            lt_buf_puts(&b, "{\"path\":");
            put_json_string(&b, e->path);
            lt_buf_printf(&b,
                          ",\"line\":%d,\"column\":%d,\"severity\":\"%s\",\"message\":", e->line,
                          e->col, sev);
            put_json_string(&b, e->message);
            lt_buf_puts(&b, "}\n");
        } else {
            /* A problem with a whole file (unreadable, binary) points at its start. */
            lt_buf_printf(&b, "%s:%d:%d: %s: %s\n", e->path, e->line > 0 ? e->line : 1,
                          e->col > 0 ? e->col : 1, sev, e->message);
        }
        fputs(lt_buf_cstr(&b), out);
    }
    lt_buf_free(&b);
}
