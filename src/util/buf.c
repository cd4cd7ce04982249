#include "util/buf.h"

#include "util/arena.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void lt_buf_grow(lt_buf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra + 1)
        cap *= 2;
    b->data = lt_xrealloc(b->data, cap);
    b->cap = cap;
}

void lt_buf_put(lt_buf *b, const char *s, size_t n)
{
    lt_buf_grow(b, n);
    if (n)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void lt_buf_puts(lt_buf *b, const char *s)
{
    lt_buf_put(b, s, strlen(s));
}

void lt_buf_putc(lt_buf *b, char c)
{
    lt_buf_put(b, &c, 1);
}

void lt_buf_printf(lt_buf *b, const char *fmt, ...)
{
    va_list ap, aq;
    va_start(ap, fmt);
    va_copy(aq, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    lt_buf_grow(b, (size_t)n);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, aq);
    va_end(aq);
    b->len += (size_t)n;
}

void lt_buf_put_html(lt_buf *b, const char *s, size_t n)
{
    size_t start = 0;
    for (size_t i = 0; i < n; i++) {
        const char *rep = NULL;
        switch (s[i]) {
        case '&':
            rep = "&amp;";
            break;
        case '<':
            rep = "&lt;";
            break;
        case '>':
            rep = "&gt;";
            break;
        case '"':
            rep = "&quot;";
            break;
        case '\'':
            rep = "&#39;";
            break;
        default:
            continue;
        }
        lt_buf_put(b, s + start, i - start);
        lt_buf_puts(b, rep);
        start = i + 1;
    }
    lt_buf_put(b, s + start, n - start);
}

void lt_buf_clear(lt_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

char *lt_buf_detach(lt_buf *b)
{
    char *d = b->data ? b->data : lt_xstrdup("");
    b->data = NULL;
    b->len = b->cap = 0;
    return d;
}

void lt_buf_free(lt_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

const char *lt_buf_cstr(const lt_buf *b)
{
    return b->data ? b->data : "";
}
