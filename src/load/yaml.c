#include "load/yaml.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

typedef struct {
    lt_arena *a;
    yaml_parser_t parser;
    const char *path;
    int line_offset;
    lt_diag *d;
    int failed;
} reader;

static void report_parser_error(reader *r)
{
    const yaml_mark_t *m = r->parser.problem_mark.line || r->parser.problem_mark.column
                               ? &r->parser.problem_mark
                               : &r->parser.context_mark;
    const char *problem = r->parser.problem ? r->parser.problem : "invalid YAML";
    if (r->parser.context)
        lt_error(r->d, r->path, (int)m->line + 1 + r->line_offset, (int)m->column + 1,
                 "invalid YAML: %s %s started at line %d, column %d", problem, r->parser.context,
                 (int)r->parser.context_mark.line + 1 + r->line_offset,
                 (int)r->parser.context_mark.column + 1);
    else
        lt_error(r->d, r->path, (int)m->line + 1 + r->line_offset, (int)m->column + 1,
                 "invalid YAML: %s", problem);
    r->failed = 1;
}

static int next_event(reader *r, yaml_event_t *ev)
{
    if (!yaml_parser_parse(&r->parser, ev)) {
        report_parser_error(r);
        return -1;
    }
    return 0;
}

static lt_yaml *new_node(reader *r, lt_yaml_kind kind, const yaml_mark_t *m)
{
    lt_yaml *y = lt_arena_alloc(r->a, sizeof *y);
    y->kind = kind;
    y->line = (int)m->line + 1 + r->line_offset;
    y->col = (int)m->column + 1;
    return y;
}

/* Children are gathered in a malloc'd vector, then copied to the arena. */
typedef struct {
    lt_yaml **v;
    size_t n, cap;
} vec;

static void vec_push(vec *v, lt_yaml *y)
{
    if (v->n == v->cap) {
        v->cap = v->cap ? v->cap * 2 : 8;
        v->v = lt_xrealloc(v->v, v->cap * sizeof *v->v);
    }
    v->v[v->n++] = y;
}

static lt_yaml **vec_finish(reader *r, vec *v)
{
    lt_yaml **out = lt_arena_alloc(r->a, (v->n ? v->n : 1) * sizeof *out);
    if (v->n)
        memcpy(out, v->v, v->n * sizeof *out);
    free(v->v);
    return out;
}

static lt_yaml *read_node(reader *r, yaml_event_t *ev, int depth);

static lt_yaml *read_children(reader *r, lt_yaml *y, yaml_event_type_t end, int depth)
{
    vec keys = {0}, vals = {0};
    lt_yaml *result = y;
    for (;;) {
        yaml_event_t ev;
        if (next_event(r, &ev) < 0) {
            result = NULL;
            break;
        }
        if (ev.type == end) {
            yaml_event_delete(&ev);
            break;
        }
        lt_yaml *child = read_node(r, &ev, depth + 1);
        if (!child) {
            result = NULL;
            break;
        }
        if (y->kind == LT_YAML_MAP && keys.n == vals.n) {
            if (child->kind != LT_YAML_SCALAR) {
                lt_error(r->d, r->path, child->line, child->col, "mapping keys must be plain text");
                r->failed = 1;
                result = NULL;
                break;
            }
            for (size_t i = 0; i < keys.n; i++) {
                if (strcmp(keys.v[i]->str, child->str) == 0) {
                    lt_error(r->d, r->path, child->line, child->col,
                             "duplicate key '%s' (first at line %d)", child->str, keys.v[i]->line);
                    r->failed = 1;
                }
            }
            vec_push(&keys, child);
        } else {
            vec_push(&vals, child);
        }
    }
    y->n = vals.n;
    y->items = vec_finish(r, &vals);
    y->keys = y->kind == LT_YAML_MAP ? vec_finish(r, &keys) : (free(keys.v), NULL);
    return result;
}

static lt_yaml *read_node(reader *r, yaml_event_t *ev, int depth)
{
    lt_yaml *y = NULL;
    if (depth > 64) {
        lt_error(r->d, r->path, (int)ev->start_mark.line + 1 + r->line_offset,
                 (int)ev->start_mark.column + 1, "YAML nested too deeply");
        r->failed = 1;
        yaml_event_delete(ev);
        return NULL;
    }
    switch (ev->type) {
    case YAML_SCALAR_EVENT:
        if (ev->data.scalar.anchor)
            goto anchor;
        y = new_node(r, LT_YAML_SCALAR, &ev->start_mark);
        y->str =
            lt_arena_strndup(r->a, (const char *)ev->data.scalar.value, ev->data.scalar.length);
        y->len = ev->data.scalar.length;
        y->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
        yaml_event_delete(ev);
        return y;
    case YAML_SEQUENCE_START_EVENT:
        if (ev->data.sequence_start.anchor)
            goto anchor;
        y = new_node(r, LT_YAML_SEQ, &ev->start_mark);
        yaml_event_delete(ev);
        return read_children(r, y, YAML_SEQUENCE_END_EVENT, depth);
    case YAML_MAPPING_START_EVENT:
        if (ev->data.mapping_start.anchor)
            goto anchor;
        y = new_node(r, LT_YAML_MAP, &ev->start_mark);
        yaml_event_delete(ev);
        return read_children(r, y, YAML_MAPPING_END_EVENT, depth);
    case YAML_ALIAS_EVENT:
        goto anchor;
    default:
        lt_error(r->d, r->path, (int)ev->start_mark.line + 1 + r->line_offset,
                 (int)ev->start_mark.column + 1, "unexpected YAML event");
        r->failed = 1;
        yaml_event_delete(ev);
        return NULL;
    }
anchor:
    lt_error(r->d, r->path, (int)ev->start_mark.line + 1 + r->line_offset,
             (int)ev->start_mark.column + 1, "YAML anchors and aliases are not supported");
    r->failed = 1;
    yaml_event_delete(ev);
    return NULL;
}

int lt_yaml_parse(lt_arena *a, const char *src, size_t len, const char *path, int line_offset,
                  lt_diag *d, lt_yaml **out)
{
    reader r = {.a = a, .path = path, .line_offset = line_offset, .d = d};
    *out = NULL;
    if (!yaml_parser_initialize(&r.parser))
        abort();
    yaml_parser_set_input_string(&r.parser, (const unsigned char *)src, len);
    yaml_event_t ev;
    /* stream start, then document start or stream end */
    for (;;) {
        if (next_event(&r, &ev) < 0)
            goto done;
        yaml_event_type_t t = ev.type;
        yaml_event_delete(&ev);
        if (t == YAML_DOCUMENT_START_EVENT)
            break;
        if (t == YAML_STREAM_END_EVENT)
            goto done;
    }
    if (next_event(&r, &ev) < 0)
        goto done;
    if (ev.type == YAML_DOCUMENT_END_EVENT) {
        yaml_event_delete(&ev);
        goto done;
    }
    *out = read_node(&r, &ev, 0);
    if (!*out)
        goto done;
    /* Reject a second document: it would be silently ignored otherwise. */
    if (next_event(&r, &ev) < 0)
        goto done;
    yaml_event_delete(&ev);
    if (next_event(&r, &ev) < 0)
        goto done;
    if (ev.type == YAML_DOCUMENT_START_EVENT) {
        lt_error(d, path, (int)ev.start_mark.line + 1 + line_offset, (int)ev.start_mark.column + 1,
                 "only one YAML document is allowed here");
        r.failed = 1;
    }
    yaml_event_delete(&ev);
done:
    yaml_parser_delete(&r.parser);
    if (r.failed)
        *out = NULL;
    return r.failed ? -1 : 0;
}

const lt_yaml *lt_yaml_key(const lt_yaml *map, const char *key)
{
    if (!map || map->kind != LT_YAML_MAP)
        return NULL;
    for (size_t i = 0; i < map->n; i++)
        if (strcmp(map->keys[i]->str, key) == 0)
            return map->keys[i];
    return NULL;
}

const lt_yaml *lt_yaml_get(const lt_yaml *map, const char *key)
{
    if (!map || map->kind != LT_YAML_MAP)
        return NULL;
    for (size_t i = 0; i < map->n; i++)
        if (strcmp(map->keys[i]->str, key) == 0)
            return map->items[i];
    return NULL;
}

int lt_yaml_is_null(const lt_yaml *y)
{
    return !y || (y->kind == LT_YAML_SCALAR && y->plain &&
                  (y->len == 0 || strcmp(y->str, "~") == 0 || strcmp(y->str, "null") == 0 ||
                   strcmp(y->str, "Null") == 0 || strcmp(y->str, "NULL") == 0));
}

int lt_yaml_bool(const lt_yaml *y, int *out)
{
    if (!y || y->kind != LT_YAML_SCALAR || !y->plain)
        return -1;
    static const char *yes[] = {"true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", NULL};
    static const char *no[] = {"false", "False", "FALSE", "no", "No", "NO", "off", "Off", NULL};
    for (int i = 0; yes[i]; i++)
        if (strcmp(y->str, yes[i]) == 0)
            return *out = 1, 0;
    for (int i = 0; no[i]; i++)
        if (strcmp(y->str, no[i]) == 0)
            return *out = 0, 0;
    return -1;
}

int lt_yaml_int(const lt_yaml *y, long *out)
{
    if (!y || y->kind != LT_YAML_SCALAR || !y->plain || y->len == 0)
        return -1;
    char *end;
    errno = 0;
    long v = strtol(y->str, &end, 10);
    if (*end || errno)
        return -1;
    *out = v;
    return 0;
}

int lt_yaml_number(const lt_yaml *y, double *out)
{
    if (!y || y->kind != LT_YAML_SCALAR || !y->plain || y->len == 0)
        return -1;
    char *end;
    errno = 0;
    double v = strtod(y->str, &end);
    if (*end || errno || y->str[0] == ' ')
        return -1;
    /* strtod also takes "inf", "nan" and hex: only decimal numbers here. */
    for (const char *s = y->str; *s; s++)
        if (!strchr("0123456789+-.eE", *s))
            return -1;
    *out = v;
    return 0;
}

const char *lt_yaml_str(const lt_yaml *y)
{
    if (!y || y->kind != LT_YAML_SCALAR || lt_yaml_is_null(y))
        return NULL;
    return y->str;
}

int lt_yaml_expect(const lt_yaml *y, lt_yaml_kind kind, const char *path, const char *what,
                   lt_diag *d)
{
    if (y && y->kind == kind && !(kind == LT_YAML_SCALAR && lt_yaml_is_null(y)))
        return 0;
    if (y)
        lt_error(d, path, y->line, y->col, "expected %s", what);
    return -1;
}

const lt_yaml *lt_yaml_flag(lt_arena *a, const char *key, int value)
{
    lt_yaml *map = lt_arena_alloc(a, sizeof *map), *k = lt_arena_alloc(a, sizeof *k),
            *v = lt_arena_alloc(a, sizeof *v);
    k->kind = v->kind = LT_YAML_SCALAR;
    k->str = lt_arena_strdup(a, key);
    k->len = strlen(key);
    v->str = value ? "true" : "false";
    v->len = strlen(v->str);
    v->plain = 1;
    map->kind = LT_YAML_MAP;
    map->n = 1;
    map->keys = lt_arena_alloc(a, sizeof *map->keys);
    map->items = lt_arena_alloc(a, sizeof *map->items);
    map->keys[0] = k;
    map->items[0] = v;
    return map;
}
