/* Text helpers: UTF-8 validation with positions, slugs, line/column
 * arithmetic. */
#ifndef LT_UTIL_TEXT_H
#define LT_UTIL_TEXT_H

#include "util/buf.h"

#include <stddef.h>

/* Returns 1 when s[0..n) is valid UTF-8; otherwise 0 and the 1-based
 * line and column (in characters) of the first bad byte. */
int lt_utf8_valid(const char *s, size_t n, int *out_line, int *out_col);

/* Appends a URL- and id-safe slug of s: lower-case, Latin accents folded
 * to ASCII, runs of anything else but letters and digits become one '-'.
 * Non-Latin letters are kept as UTF-8. Empty input gives "bagian". */
void lt_slugify(lt_buf *out, const char *s, size_t n);

/* 1 when a and b are both NULL or the same string. */
int lt_str_same(const char *a, const char *b);

/* Value of a hex digit (either case), or -1. */
int lt_hex_value(char c);

/* Line and column (1-based, column in characters) of offset off in s. */
void lt_text_position(const char *s, size_t off, int *out_line, int *out_col);

#endif
