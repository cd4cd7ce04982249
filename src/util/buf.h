/* Growable byte buffer, always NUL-terminated. Ownership: the buffer owns
 * `data`; lt_buf_free releases it, lt_buf_detach hands it to the caller. */
#ifndef LT_UTIL_BUF_H
#define LT_UTIL_BUF_H

#include <stddef.h>

typedef struct lt_buf {
    char *data;
    size_t len, cap;
} lt_buf;

#define LT_BUF_INIT                                                                                \
    {                                                                                              \
        NULL, 0, 0                                                                                 \
    }

void lt_buf_grow(lt_buf *b, size_t extra);
void lt_buf_put(lt_buf *b, const char *s, size_t n);
void lt_buf_puts(lt_buf *b, const char *s);
void lt_buf_putc(lt_buf *b, char c);
void lt_buf_printf(lt_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends s with &, <, >, " and ' escaped for HTML text and attributes. */
void lt_buf_put_html(lt_buf *b, const char *s, size_t n);
void lt_buf_clear(lt_buf *b);
char *lt_buf_detach(lt_buf *b);
void lt_buf_free(lt_buf *b);
/* data, or "" for a buffer that never grew. */
const char *lt_buf_cstr(const lt_buf *b);

#endif
