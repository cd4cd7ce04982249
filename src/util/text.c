#include "util/text.h"

#include <string.h>

static size_t utf8_seq(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    size_t len;
    unsigned int cp;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
        cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        cp = c & 0x07;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    /* Overlong forms, surrogates and values past U+10FFFF. */
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return len;
}

int lt_utf8_valid(const char *str, size_t n, int *out_line, int *out_col)
{
    const unsigned char *s = (const unsigned char *)str;
    int line = 1, col = 1;
    size_t i = 0;
    while (i < n) {
        size_t len = utf8_seq(s + i, n - i);
        if (len == 0) {
            *out_line = line;
            *out_col = col;
            return 0;
        }
        if (s[i] == '\n') {
            line++;
            col = 1;
        } else {
            col++;
        }
        i += len;
    }
    return 1;
}

void lt_text_position(const char *s, size_t off, int *out_line, int *out_col)
{
    int line = 1, col = 1;
    for (size_t i = 0; i < off && s[i]; i++) {
        if (s[i] == '\n') {
            line++;
            col = 1;
        } else if (((unsigned char)s[i] & 0xC0) != 0x80) {
            col++;
        }
    }
    *out_line = line;
    *out_col = col;
}

/* ASCII for U+00C0..U+00FF, '\0' where there is no single-letter fold. */
static const char latin1_fold[64] = "aaaaaaaceeeeiiii"
                                    "dnooooo\0ouuuuyts"
                                    "aaaaaaaceeeeiiii"
                                    "dnooooo\0ouuuuyty";

void lt_slugify(lt_buf *out, const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t start = out->len;
    int dash = 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = s[i];
        if (c < 0x80) {
            i++;
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_') {
            } else if (c >= 'A' && c <= 'Z') {
                c = (unsigned char)(c - 'A' + 'a');
            } else {
                dash = out->len > start;
                continue;
            }
            if (dash)
                lt_buf_putc(out, '-');
            dash = 0;
            lt_buf_putc(out, (char)c);
            continue;
        }
        size_t len = utf8_seq(s + i, n - i);
        if (len == 0) {
            i++;
            continue;
        }
        char fold = c == 0xC3 ? latin1_fold[s[i + 1] - 0x80] : 0;
        /* U+00A0..U+00BF, the signs × and ÷, and general punctuation
         * (U+2000..U+206F) separate words. */
        int punct = c == 0xC2 || (c == 0xC3 && !fold) || (c == 0xE2 && s[i + 1] == 0x80);
        if (punct) {
            dash = out->len > start;
        } else {
            if (dash)
                lt_buf_putc(out, '-');
            dash = 0;
            if (fold)
                lt_buf_putc(out, fold);
            else
                lt_buf_put(out, (const char *)s + i, len);
        }
        i += len;
    }
    if (out->len == start)
        lt_buf_puts(out, "bagian");
}

int lt_str_same(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

int lt_hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}
