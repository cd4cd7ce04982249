#include "util/arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LT_ARENA_BLOCK (64 * 1024)

typedef struct block {
    struct block *next;
    size_t used, cap;
    max_align_t data[];
} block;

struct lt_arena {
    block *head;
};

void *lt_xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (!p) {
        fputs("lontar: out of memory\n", stderr);
        abort();
    }
    return p;
}

void *lt_xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p) {
        fputs("lontar: out of memory\n", stderr);
        abort();
    }
    return p;
}

void *lt_xrealloc(void *p, size_t size)
{
    void *q = realloc(p, size ? size : 1);
    if (!q) {
        fputs("lontar: out of memory\n", stderr);
        abort();
    }
    return q;
}

char *lt_xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = lt_xmalloc(n);
    memcpy(d, s, n);
    return d;
}

lt_arena *lt_arena_new(void)
{
    return lt_xcalloc(1, sizeof(lt_arena));
}

void lt_arena_free(lt_arena *a)
{
    if (!a)
        return;
    block *b = a->head;
    while (b) {
        block *next = b->next;
        free(b);
        b = next;
    }
    free(a);
}

void *lt_arena_alloc(lt_arena *a, size_t size)
{
    size_t align = sizeof(max_align_t);
    size = (size + align - 1) / align * align;
    block *b = a->head;
    if (!b || b->cap - b->used < size) {
        size_t cap = size > LT_ARENA_BLOCK ? size : LT_ARENA_BLOCK;
        block *nb = lt_xmalloc(sizeof(block) + cap);
        nb->used = 0;
        nb->cap = cap;
        /* A large one-off allocation goes behind the current block so the
         * current block's free space is not wasted. */
        if (b && size > LT_ARENA_BLOCK) {
            nb->next = b->next;
            b->next = nb;
        } else {
            nb->next = b;
            a->head = nb;
        }
        b = nb;
    }
    void *p = (char *)b->data + b->used;
    b->used += size;
    memset(p, 0, size);
    return p;
}

char *lt_arena_strndup(lt_arena *a, const char *s, size_t n)
{
    char *d = lt_arena_alloc(a, n + 1);
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

char *lt_arena_strdup(lt_arena *a, const char *s)
{
    return lt_arena_strndup(a, s, strlen(s));
}

char *lt_arena_printf(lt_arena *a, const char *fmt, ...)
{
    va_list ap, aq;
    va_start(ap, fmt);
    va_copy(aq, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *d = lt_arena_alloc(a, (size_t)n + 1);
    vsnprintf(d, (size_t)n + 1, fmt, aq);
    va_end(aq);
    return d;
}
