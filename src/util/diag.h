/* The one diagnostics sink of a build. Every problem in user content goes
 * here as path:line:col plus a message; nothing is printed until
 * lt_diag_print, which sorts by position so output is the same whatever the
 * thread order. Thread-safe. Ownership: lt_diag_new/lt_diag_free; messages
 * are copied. */
#ifndef LT_UTIL_DIAG_H
#define LT_UTIL_DIAG_H

#include <stddef.h>
#include <stdio.h>

typedef enum { LT_WARNING, LT_ERROR } lt_severity;

typedef struct lt_diag lt_diag;

typedef struct lt_diag_entry {
    char *path;    /* relative to the source root, or a config/theme path */
    int line, col; /* 1-based; 0 when unknown */
    lt_severity severity;
    char *message;
} lt_diag_entry;

lt_diag *lt_diag_new(void);
void lt_diag_free(lt_diag *d);

void lt_diag_report(lt_diag *d, lt_severity sev, const char *path, int line, int col,
                    const char *fmt, ...) __attribute__((format(printf, 6, 7)));
#define lt_error(d, path, line, col, ...) lt_diag_report(d, LT_ERROR, path, line, col, __VA_ARGS__)
#define lt_warn(d, path, line, col, ...) lt_diag_report(d, LT_WARNING, path, line, col, __VA_ARGS__)

/* Copies every entry of src into d. */
void lt_diag_merge(lt_diag *d, const lt_diag *src);

size_t lt_diag_errors(const lt_diag *d);
size_t lt_diag_warnings(const lt_diag *d);
size_t lt_diag_count(const lt_diag *d);
/* Borrowed; valid until the next report. Sorted after lt_diag_sort. */
const lt_diag_entry *lt_diag_get(const lt_diag *d, size_t i);
void lt_diag_sort(lt_diag *d);

typedef enum { LT_DIAG_TEXT, LT_DIAG_JSON } lt_diag_format;
/* Sorts, then prints every entry. With strict, warnings print as errors. */
void lt_diag_print(lt_diag *d, FILE *out, lt_diag_format fmt, int strict);

#endif
