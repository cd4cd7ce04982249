/* YAML documents as a small tree with source positions, read with libyaml's
 * event API. Used for lontar.yml, front matter and data files. Nodes live in
 * the arena given to lt_yaml_parse. Anchors and aliases are rejected:
 * curriculum files have no use for them and they hide where a value came
 * from. */
#ifndef LT_LOAD_YAML_H
#define LT_LOAD_YAML_H

#include "util/arena.h"
#include "util/diag.h"

#include <stddef.h>

typedef enum { LT_YAML_SCALAR, LT_YAML_SEQ, LT_YAML_MAP } lt_yaml_kind;

typedef struct lt_yaml {
    lt_yaml_kind kind;
    int line, col;          /* 1-based, in the file (line offset applied) */
    const char *str;        /* scalar text (NUL-terminated) */
    size_t len;             /* scalar length */
    int plain;              /* scalar was unquoted (so may be a number, bool, null) */
    size_t n;               /* items of a sequence, or pairs of a mapping */
    struct lt_yaml **items; /* sequence items, or mapping values */
    struct lt_yaml **keys;  /* mapping keys (scalars) */
} lt_yaml;

/* Parses the first document of src. line_offset is added to every line
 * (front matter starts below the opening '---'). Errors go to d at `path`.
 * *out is NULL for an empty document. Returns 0 or -1 on a syntax error. */
int lt_yaml_parse(lt_arena *a, const char *src, size_t len, const char *path, int line_offset,
                  lt_diag *d, lt_yaml **out);

/* Value of `key` in a mapping, or NULL (also for a non-mapping). */
const lt_yaml *lt_yaml_get(const lt_yaml *map, const char *key);
/* Key node of `key` (for positions), or NULL. */
const lt_yaml *lt_yaml_key(const lt_yaml *map, const char *key);

int lt_yaml_is_null(const lt_yaml *y);
/* Typed reads of a scalar; return 0 when it is that type. */
int lt_yaml_bool(const lt_yaml *y, int *out);
int lt_yaml_int(const lt_yaml *y, long *out);
int lt_yaml_number(const lt_yaml *y, double *out);
/* The scalar text when y is a scalar that is not null, else NULL. */
const char *lt_yaml_str(const lt_yaml *y);

/* A mapping of one key to a boolean ({key: true}), made in the arena. */
const lt_yaml *lt_yaml_flag(lt_arena *a, const char *key, int value);

/* Reports "expected <what>" at y unless y has that kind; returns 0 when ok. */
int lt_yaml_expect(const lt_yaml *y, lt_yaml_kind kind, const char *path, const char *what,
                   lt_diag *d);

#endif
