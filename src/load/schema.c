#include "load/schema.h"

#include "util/path.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

typedef struct {
    const char *path;
    lt_arena *a;
    lt_diag *d;
    int bad;
} reader;

static lt_pos pos_of(reader *r, const lt_yaml *y)
{
    return (lt_pos){r->path, y ? y->line : 1, y ? y->col : 1};
}

static void bad(reader *r, const lt_yaml *y, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void bad(reader *r, const lt_yaml *y, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    lt_error(r->d, r->path, y->line, y->col, "%s", msg);
    r->bad = 1;
}

/* Reports keys of map that are not in keys (NULL-terminated). */
static void only_keys(reader *r, const lt_yaml *map, const char *const *keys, const char *what)
{
    for (size_t k = 0; k < map->n; k++) {
        int known = 0;
        for (int j = 0; keys[j] && !known; j++)
            known = strcmp(map->keys[k]->str, keys[j]) == 0;
        if (!known)
            bad(r, map->keys[k], "unknown key '%s' in %s", map->keys[k]->str, what);
    }
}

static const char *text(reader *r, const lt_yaml *map, const char *key)
{
    const lt_yaml *v = lt_yaml_get(map, key);
    if (!v || lt_yaml_is_null(v))
        return NULL;
    if (v->kind != LT_YAML_SCALAR) {
        bad(r, v, "'%s' must be text", key);
        return NULL;
    }
    return v->str;
}

static const char *required(reader *r, const lt_yaml *map, const char *key, const char *what,
                            const lt_yaml *at)
{
    const char *s = text(r, map, key);
    if (!s && !lt_yaml_get(map, key) && at)
        bad(r, at, "%s has no '%s'", what, key);
    else if (!s && lt_yaml_get(map, key) && lt_yaml_is_null(lt_yaml_get(map, key)))
        bad(r, lt_yaml_get(map, key), "'%s' of %s must not be empty", key, what);
    return s;
}

/* A value that must be one of a list (reports the allowed values). */
static const char *one_of(reader *r, const lt_yaml *map, const char *key, const lt_strings *allowed)
{
    const char *s = text(r, map, key);
    if (!s || lt_strings_has(allowed, s))
        return s;
    char list[512] = "";
    size_t used = 0;
    for (size_t i = 0; i < allowed->n && used < sizeof list - 64; i++)
        used += (size_t)snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "",
                                 allowed->items[i]);
    lt_error(r->d, r->path, lt_yaml_get(map, key)->line, lt_yaml_get(map, key)->col,
             "unknown %s '%s' (expected one of: %s)", key, s, list);
    r->bad = 1;
    return NULL;
}

/* A list of text values; positions optional. A single text value is a list
 * of one. */
static const char **texts(reader *r, const lt_yaml *map, const char *key, size_t *n,
                          lt_pos **out_pos)
{
    const lt_yaml *v = lt_yaml_get(map, key);
    *n = 0;
    if (out_pos)
        *out_pos = NULL;
    if (!v || lt_yaml_is_null(v))
        return NULL;
    const lt_yaml *one[1] = {v};
    const lt_yaml *const *items = one;
    size_t count = 1;
    if (v->kind == LT_YAML_SEQ) {
        items = (const lt_yaml *const *)v->items;
        count = v->n;
    } else if (v->kind != LT_YAML_SCALAR) {
        bad(r, v, "'%s' must be a list of text values", key);
        return NULL;
    }
    const char **out = lt_arena_alloc(r->a, (count + 1) * sizeof *out);
    lt_pos *pos = out_pos ? lt_arena_alloc(r->a, (count + 1) * sizeof *pos) : NULL;
    for (size_t i = 0; i < count; i++) {
        if (items[i]->kind != LT_YAML_SCALAR || lt_yaml_is_null(items[i])) {
            bad(r, items[i], "each item of '%s' must be text", key);
            continue;
        }
        if (pos)
            pos[*n] = pos_of(r, items[i]);
        out[(*n)++] = items[i]->str;
    }
    if (out_pos)
        *out_pos = pos;
    return out;
}

static const char **checked_methods(reader *r, const lt_yaml *map, size_t *n, const lt_config *cfg)
{
    lt_pos *pos;
    const char **m = texts(r, map, "methods", n, &pos);
    for (size_t i = 0; i < *n; i++)
        if (!lt_strings_has(&cfg->curriculum.methods, m[i])) {
            lt_error(r->d, r->path, pos[i].line, pos[i].col,
                     "unknown method '%s' (add it to curriculum.methods in lontar.yml if it is "
                     "meant)",
                     m[i]);
            r->bad = 1;
        }
    return m;
}

static lt_depth depth_of(const char *s)
{
    if (!s || !*s)
        return LT_DEPTH_NONE;
    if (s[1])
        return (lt_depth)-1;
    switch (s[0]) {
    case 'I':
        return LT_DEPTH_I;
    case 'R':
        return LT_DEPTH_R;
    case 'M':
        return LT_DEPTH_M;
    case 'A':
        return LT_DEPTH_A;
    default:
        return (lt_depth)-1;
    }
}

static void add_coverage(reader *r, lt_module *m, const lt_yaml *key, const lt_yaml *val,
                         size_t *cap)
{
    if (key->kind != LT_YAML_SCALAR || lt_yaml_is_null(key)) {
        bad(r, key, "competency ids must be text");
        return;
    }
    const char *ds = NULL;
    if (val && !lt_yaml_is_null(val)) {
        if (val->kind != LT_YAML_SCALAR) {
            bad(r, val, "depth of '%s' must be one of I, R, M, A", key->str);
            return;
        }
        ds = val->str;
    }
    lt_depth depth = depth_of(ds);
    if ((int)depth < 0) {
        bad(r, val, "unknown depth '%s' for '%s' (expected I, R, M or A)", ds, key->str);
        return;
    }
    for (size_t i = 0; i < m->ncompetencies; i++)
        if (strcmp(m->competencies[i].id, key->str) == 0) {
            bad(r, key, "competency '%s' is listed twice", key->str);
            return;
        }
    if (m->ncompetencies == *cap) {
        *cap = *cap ? *cap * 2 : 8;
        lt_coverage *grown = lt_arena_alloc(r->a, *cap * sizeof *grown);
        if (m->ncompetencies)
            memcpy(grown, m->competencies, m->ncompetencies * sizeof *grown);
        m->competencies = grown;
    }
    m->competencies[m->ncompetencies++] = (lt_coverage){key->str, depth, pos_of(r, key), NULL};
}

/* competencies: {TG01: M, KD1: I} or [TG01, {KD1: I}] */
static void read_coverage(reader *r, lt_module *m, const lt_yaml *v)
{
    size_t cap = 0;
    if (!v || lt_yaml_is_null(v))
        return;
    if (v->kind == LT_YAML_MAP) {
        for (size_t i = 0; i < v->n; i++)
            add_coverage(r, m, v->keys[i], v->items[i], &cap);
    } else if (v->kind == LT_YAML_SEQ) {
        for (size_t i = 0; i < v->n; i++) {
            const lt_yaml *it = v->items[i];
            if (it->kind == LT_YAML_SCALAR)
                add_coverage(r, m, it, NULL, &cap);
            else if (it->kind == LT_YAML_MAP && it->n == 1)
                add_coverage(r, m, it->keys[0], it->items[0], &cap);
            else
                bad(r, it, "each competency is an id or 'id: depth'");
        }
    } else {
        bad(r, v, "'competencies' must map competency ids to depths (I, R, M, A)");
    }
}

static void read_objectives(reader *r, lt_module *m, const lt_yaml *v)
{
    if (!v || lt_yaml_is_null(v))
        return;
    if (v->kind != LT_YAML_SEQ) {
        bad(r, v, "'objectives' must be a list");
        return;
    }
    m->objectives = lt_arena_alloc(r->a, (v->n + 1) * sizeof *m->objectives);
    for (size_t i = 0; i < v->n; i++) {
        const lt_yaml *it = v->items[i];
        lt_objective *o = &m->objectives[m->nobjectives];
        o->pos = pos_of(r, it);
        if (it->kind == LT_YAML_SCALAR && !lt_yaml_is_null(it)) {
            o->text = it->str;
        } else if (it->kind == LT_YAML_MAP) {
            static const char *keys[] = {"id", "text", NULL};
            only_keys(r, it, keys, "an objective");
            o->id = text(r, it, "id");
            o->text = required(r, it, "text", "an objective", it);
            if (!o->text)
                continue;
        } else {
            bad(r, it, "an objective is text, or a mapping with id and text");
            continue;
        }
        m->nobjectives++;
    }
}

static void read_sessions(reader *r, lt_module *m, const lt_yaml *v, const lt_config *cfg)
{
    if (!v || lt_yaml_is_null(v))
        return;
    if (v->kind != LT_YAML_SEQ) {
        bad(r, v, "'sessions' must be a list");
        return;
    }
    m->sessions = lt_arena_alloc(r->a, (v->n + 1) * sizeof *m->sessions);
    for (size_t i = 0; i < v->n; i++) {
        const lt_yaml *it = v->items[i];
        if (it->kind != LT_YAML_MAP) {
            bad(r, it, "a session is a mapping with title, minutes and methods");
            continue;
        }
        static const char *keys[] = {"title", "minutes", "methods", NULL};
        only_keys(r, it, keys, "a session");
        lt_session *s = &m->sessions[m->nsessions];
        s->pos = pos_of(r, it);
        s->title = required(r, it, "title", "a session", it);
        const lt_yaml *min = lt_yaml_get(it, "minutes");
        long minutes = 0;
        if (!min)
            bad(r, it, "a session has no 'minutes'");
        else if (lt_yaml_int(min, &minutes) < 0 || minutes <= 0)
            bad(r, min, "'minutes' must be a positive whole number");
        s->minutes = (int)minutes;
        s->methods = checked_methods(r, it, &s->nmethods, cfg);
        if (s->title)
            m->nsessions++;
    }
}

static void read_module(reader *r, lt_page *p, const lt_config *cfg)
{
    const lt_yaml *fm = p->front;
    lt_module *m = lt_arena_alloc(r->a, sizeof *m);
    const char *name = p->id ? p->id : p->src_path; /* for messages */
    m->page = p;
    m->id = p->id;
    m->title = p->title;
    const lt_yaml *first = fm && fm->n ? fm->keys[0] : NULL;
    lt_pos top = first ? pos_of(r, first) : (lt_pos){r->path, 1, 1};
    m->level = one_of(r, fm, "level", &cfg->curriculum.levels);
    if (!lt_yaml_get(fm, "level"))
        lt_warn(r->d, r->path, top.line, top.col, "module '%s' has no level", name);
    const lt_yaml *dur = lt_yaml_get(fm, "duration");
    if (!dur || lt_yaml_is_null(dur)) {
        lt_warn(r->d, r->path, top.line, top.col, "module '%s' has no duration (in JP)", name);
    } else if (lt_yaml_number(dur, &m->duration_jp) < 0 || m->duration_jp <= 0) {
        bad(r, dur, "'duration' must be a positive number of JP");
        m->duration_jp = 0;
    } else {
        m->duration_pos = pos_of(r, dur);
    }
    read_objectives(r, m, lt_yaml_get(fm, "objectives"));
    if (!m->nobjectives && !lt_yaml_get(fm, "objectives"))
        lt_warn(r->d, r->path, top.line, top.col, "module '%s' has no objectives", name);
    read_coverage(r, m, lt_yaml_get(fm, "competencies"));
    size_t n;
    lt_pos *pos;
    const char **pre = texts(r, fm, "prerequisites", &n, &pos);
    m->prerequisites = lt_arena_alloc(r->a, (n + 1) * sizeof *m->prerequisites);
    for (size_t i = 0; i < n; i++)
        m->prerequisites[m->nprerequisites++] = (lt_prereq){pre[i], pos[i], NULL};
    m->methods = checked_methods(r, fm, &m->nmethods, cfg);
    read_sessions(r, m, lt_yaml_get(fm, "sessions"), cfg);
    m->assessment = text(r, fm, "assessment");
    m->activity_minutes = p->activity_minutes;
    p->module = m;
}

static void read_concept(reader *r, lt_page *p)
{
    const lt_yaml *fm = p->front;
    lt_concept *c = lt_arena_alloc(r->a, sizeof *c);
    c->page = p;
    c->id = p->id;
    c->title = p->title;
    c->summary = text(r, fm, "summary");
    c->aliases = texts(r, fm, "aliases", &c->naliases, NULL);
    c->related = texts(r, fm, "related", &c->nrelated, &c->related_pos);
    c->sources = texts(r, fm, "sources", &c->nsources, NULL);
    p->concept = c;
}

/* Fields shared by competency pages and data-file items. */
static lt_competency *read_competency(reader *r, const lt_yaml *map, const lt_config *cfg)
{
    static const char *domain_names[] = {"pengetahuan", "keterampilan", "nilai"};
    static const char *scope_names[] = {"mikro", "mezzo", "makro"};
    static const lt_strings domains = {domain_names, 3};
    static const lt_strings scopes = {scope_names, 3};
    lt_competency *c = lt_arena_alloc(r->a, sizeof *c);
    c->pos = pos_of(r, map);
    c->domain = one_of(r, map, "domain", &domains);
    c->scope = one_of(r, map, "scope", &scopes);
    c->parent_id = text(r, map, "parent");
    if (c->parent_id)
        c->parent_pos = pos_of(r, lt_yaml_get(map, "parent"));
    c->level = one_of(r, map, "level", &cfg->curriculum.levels);
    c->description = text(r, map, "description");
    c->indicators = texts(r, map, "indicators", &c->nindicators, NULL);
    return c;
}

lt_page_kind lt_schema_kind(const lt_page *p, const lt_config *cfg, lt_diag *d)
{
    const lt_yaml *t = lt_yaml_get(p->front, "type");
    if (t && !lt_yaml_is_null(t)) {
        const char *s = t->kind == LT_YAML_SCALAR ? t->str : "";
        if (strcmp(s, "module") == 0)
            return LT_PAGE_MODULE;
        if (strcmp(s, "concept") == 0)
            return LT_PAGE_CONCEPT;
        if (strcmp(s, "competency") == 0)
            return LT_PAGE_COMPETENCY;
        if (strcmp(s, "page") == 0)
            return LT_PAGE_PLAIN;
        lt_error(d, p->src_path, t->line, t->col,
                 "unknown type '%s' (expected module, concept, competency or page)", s);
        return LT_PAGE_PLAIN;
    }
    const char *base = lt_path_base(p->src_path);
    if (strcmp(base, "index.md") == 0 || strcmp(base, "_index.md") == 0)
        return LT_PAGE_PLAIN;
    const char *slash = strchr(p->src_path, '/');
    if (!slash)
        return LT_PAGE_PLAIN;
    char top[256];
    size_t n = (size_t)(slash - p->src_path);
    if (n >= sizeof top)
        return LT_PAGE_PLAIN;
    memcpy(top, p->src_path, n);
    top[n] = '\0';
    if (lt_strings_has(&cfg->curriculum.module_folders, top))
        return LT_PAGE_MODULE;
    if (lt_strings_has(&cfg->curriculum.concept_folders, top))
        return LT_PAGE_CONCEPT;
    if (lt_strings_has(&cfg->curriculum.competency_folders, top))
        return LT_PAGE_COMPETENCY;
    return LT_PAGE_PLAIN;
}

int lt_schema_read_page(lt_page *p, const lt_config *cfg, lt_arena *a, lt_diag *d)
{
    reader r = {p->src_path, a, d, 0};
    if (p->kind == LT_PAGE_PLAIN)
        return 0;
    static const char *names[] = {"", "module", "concept", "competency"};
    lt_yaml empty = {.kind = LT_YAML_MAP, .line = 1, .col = 1};
    if (!p->front)
        p->front = &empty;
    const lt_yaml *at = p->front->n ? p->front->keys[0] : p->front;
    if (!p->id_line)
        bad(&r, at, "%s page has no 'id' in its front matter", names[p->kind]);
    if (!lt_yaml_str(lt_yaml_get(p->front, "title")))
        bad(&r, at, "%s page has no 'title' in its front matter", names[p->kind]);
    if (p->kind == LT_PAGE_MODULE)
        read_module(&r, p, cfg);
    else if (p->kind == LT_PAGE_CONCEPT)
        read_concept(&r, p);
    else {
        p->competency = read_competency(&r, p->front, cfg);
        p->competency->id = p->id;
        p->competency->title = p->title;
        p->competency->page = p;
    }
    if (p->front == &empty)
        p->front = NULL;
    return r.bad ? -1 : 0;
}

int lt_schema_read_competency_file(const char *path, const char *src, size_t len,
                                   const lt_config *cfg, lt_arena *a, lt_diag *d,
                                   lt_competency ***out, size_t *n, size_t *cap)
{
    reader r = {path, a, d, 0};
    lt_yaml *y;
    if (lt_yaml_parse(a, src, len, path, 0, d, &y) < 0)
        return -1;
    if (!y)
        return 0;
    if (y->kind != LT_YAML_SEQ) {
        lt_error(d, path, y->line, y->col, "a competency file is a list of competencies");
        return -1;
    }
    static const char *keys[] = {"id",    "title",       "domain",     "scope", "parent",
                                 "level", "description", "indicators", NULL};
    for (size_t i = 0; i < y->n; i++) {
        const lt_yaml *it = y->items[i];
        if (it->kind != LT_YAML_MAP) {
            bad(&r, it, "a competency is a mapping with id and title");
            continue;
        }
        only_keys(&r, it, keys, "a competency");
        const char *id = required(&r, it, "id", "a competency", it);
        const char *title = required(&r, it, "title", "a competency", it);
        if (!id || !title)
            continue;
        lt_competency *c = read_competency(&r, it, cfg);
        c->id = id;
        c->title = title;
        if (*n == *cap) {
            *cap = *cap ? *cap * 2 : 32;
            *out = lt_xrealloc(*out, *cap * sizeof **out);
        }
        (*out)[(*n)++] = c;
    }
    return r.bad ? -1 : 0;
}
