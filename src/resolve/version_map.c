#include "resolve/version_map.h"

#include "load/config.h"
#include "load/page.h"
#include "load/yaml.h"
#include "source/history.h"
#include "util/buf.h"
#include "util/path.h"

#include <stdlib.h>
#include <string.h>

/* What the front matter of one blob says about the page's identity. */
typedef struct fm_info {
    const char *id;  /* explicit id, or NULL */
    const char *url; /* explicit output path, or NULL */
    const char **aliases;
    size_t naliases;
    int draft;
} fm_info;

typedef struct cat_page {
    const char *src, *out, *id;
    const fm_info *fm;
} cat_page;

/* One version's pages. */
typedef struct catalog {
    lt_map by_out, by_id, by_src, by_alias, dirs, blobs, plugins;
    lt_config config;
} catalog;

struct lt_version_map {
    lt_repo *repo;
    const lt_version_list *versions;
    catalog *cats;
    size_t n;
    lt_map fm_by_blob; /* blob id → fm_info, shared by all versions */
    lt_map *renames;   /* [from * n + to]: old path → new path, once computed */
    char *renames_done;
    lt_arena *arena;
};

/* ---- catalogs ---- */

/* The maps of a catalog, to set up and free them together. */
#define CATALOG_MAPS 7
static void catalog_maps(catalog *c, lt_map *out[CATALOG_MAPS])
{
    lt_map *maps[CATALOG_MAPS] = {&c->by_out, &c->by_id, &c->by_src, &c->by_alias,
                                  &c->dirs,   &c->blobs, &c->plugins};
    memcpy(out, maps, sizeof maps);
}

static const char *text_value(const lt_yaml *fm, const char *key)
{
    const lt_yaml *v = lt_yaml_get(fm, key);
    return v && v->kind == LT_YAML_SCALAR && !lt_yaml_is_null(v) ? v->str : NULL;
}

/* Front matter read leniently: the version's own build reports its errors. */
static fm_info *read_fm(lt_arena *a, const char *data, size_t len)
{
    fm_info *info = lt_arena_alloc(a, sizeof *info);
    memset(info, 0, sizeof *info);
    lt_diag *quiet = lt_diag_new();
    const char *fm, *body;
    size_t fm_len, body_len;
    int body_line;
    lt_yaml *root = NULL;
    if (lt_frontmatter_split(data, len, "", quiet, &fm, &fm_len, &body, &body_len, &body_line) ==
            0 &&
        fm && lt_yaml_parse(a, fm, fm_len, "", 1, quiet, &root) == 0 && root &&
        root->kind == LT_YAML_MAP) {
        info->id = text_value(root, "id");
        info->url = text_value(root, "url");
        const lt_yaml *dr = lt_yaml_get(root, "draft");
        if (dr)
            lt_yaml_bool(dr, &info->draft);
        const lt_yaml *al = lt_yaml_get(root, "aliases");
        if (al && al->kind == LT_YAML_SEQ) {
            info->aliases = lt_arena_alloc(a, (al->n + 1) * sizeof *info->aliases);
            for (size_t i = 0; i < al->n; i++)
                if (al->items[i]->kind == LT_YAML_SCALAR)
                    info->aliases[info->naliases++] = al->items[i]->str;
        } else if (al && al->kind == LT_YAML_SCALAR) {
            info->aliases = lt_arena_alloc(a, sizeof *info->aliases);
            info->aliases[info->naliases++] = al->str;
        }
    }
    lt_diag_free(quiet);
    return info;
}

static const char *out_path_of(lt_arena *a, const char *src, const fm_info *fm)
{
    if (fm->url)
        return fm->url;
    const char *base = lt_path_base(src);
    if (strcmp(base, "index.md") == 0 || strcmp(base, "_index.md") == 0) {
        char *dir = lt_path_dir(a, src);
        return *dir ? lt_arena_printf(a, "%s/index.html", dir) : "index.html";
    }
    return lt_arena_printf(a, "%.*s.html", (int)(strlen(src) - 3), src);
}

typedef struct list_ctx {
    lt_version_map *m;
    catalog *c;
    lt_source *src;
    int drafts;
} list_ctx;

static int skip_hidden(void *ctx, const char *path)
{
    (void)ctx;
    return lt_path_base(path)[0] == '.';
}

/* Every folder above path, up to the root (""), is a section. */
static void add_dirs(lt_arena *a, lt_map *dirs, const char *path)
{
    const char *dir = lt_path_dir(a, path);
    while (!lt_map_get(dirs, dir)) {
        lt_map_put(dirs, dir, (void *)dir);
        if (!*dir)
            break;
        dir = lt_path_dir(a, dir);
    }
}

static void add_page(list_ctx *x, const char *path, const char *blob)
{
    lt_version_map *m = x->m;
    fm_info *fm = lt_map_get(&m->fm_by_blob, blob);
    if (!fm) {
        char *data = NULL;
        size_t len = 0;
        if (lt_source_read(x->src, path, &data, &len) < 0)
            return; /* the version's own build reports it */
        fm = read_fm(m->arena, data, len);
        free(data);
        lt_map_put(&m->fm_by_blob, lt_arena_strdup(m->arena, blob), fm);
    }
    if (fm->draft && !x->drafts)
        return;
    cat_page *p = lt_arena_alloc(m->arena, sizeof *p);
    p->src = lt_arena_strdup(m->arena, path);
    p->out = out_path_of(m->arena, p->src, fm);
    p->id = fm->id ? fm->id : lt_arena_strndup(m->arena, path, strlen(path) - 3);
    p->fm = fm;
    catalog *c = x->c;
    lt_map_put(&c->by_src, p->src, p);
    lt_map_put(&c->by_out, p->out, p);
    lt_map_put(&c->by_id, p->id, p);
    for (size_t i = 0; i < fm->naliases; i++)
        lt_map_put(&c->by_alias, fm->aliases[i], p);
    add_dirs(m->arena, &c->dirs, p->src);
}

static int visit(void *ctx, const lt_source_entry *e)
{
    list_ctx *x = ctx;
    if (e->kind != LT_ENTRY_FILE || lt_path_base(e->path)[0] == '.')
        return 0;
    lt_arena *a = x->m->arena;
    lt_map_put(&x->c->blobs, lt_arena_strdup(a, e->path), lt_arena_strdup(a, e->id));
    if (strncmp(e->path, "plugins/", 8) == 0 && lt_path_has_ext(e->path, ".lua")) {
        const char *base = lt_path_base(e->path);
        const char *name = lt_arena_strndup(a, base, strlen(base) - 4);
        lt_map_put(&x->c->plugins, name, (void *)name);
    } else if (strncmp(e->path, "themes/", 7) != 0 && lt_path_has_ext(e->path, ".md")) {
        add_page(x, e->path, e->id);
    }
    return 0;
}

static void read_config(lt_version_map *m, catalog *c, lt_source *src)
{
    char *text = NULL;
    size_t len = 0;
    lt_diag *quiet = lt_diag_new();
    int rc = lt_source_read(src, "lontar.yml", &text, &len);
    lt_config_load(&c->config, m->arena, rc == 0 ? text : NULL, len, "lontar.yml", quiet);
    lt_diag_free(quiet);
    free(text);
    for (size_t i = 0; i < c->config.plugins.n; i++)
        lt_map_put(&c->plugins, c->config.plugins.items[i], (void *)c->config.plugins.items[i]);
}

lt_version_map *lt_version_map_new(lt_repo *r, const lt_version_list *versions,
                                   lt_source *const *sources, int drafts)
{
    lt_version_map *m = lt_xcalloc(1, sizeof *m);
    m->repo = r;
    m->versions = versions;
    m->n = versions->n;
    m->arena = lt_arena_new();
    lt_map_init(&m->fm_by_blob);
    m->cats = lt_xcalloc(m->n, sizeof *m->cats);
    m->renames = lt_xcalloc(m->n * m->n, sizeof *m->renames);
    m->renames_done = lt_xcalloc(m->n * m->n, 1);
    for (size_t i = 0; i < m->n; i++) {
        catalog *c = &m->cats[i];
        lt_map *maps[CATALOG_MAPS];
        catalog_maps(c, maps);
        for (size_t k = 0; k < CATALOG_MAPS; k++)
            lt_map_init(maps[k]);
        read_config(m, c, sources[i]);
        list_ctx x = {m, c, sources[i], drafts};
        sources[i]->ops->list(sources[i], skip_hidden, visit, &x);
    }
    return m;
}

void lt_version_map_free(lt_version_map *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->n; i++) {
        catalog *c = &m->cats[i];
        lt_map *maps[CATALOG_MAPS];
        catalog_maps(c, maps);
        for (size_t k = 0; k < CATALOG_MAPS; k++)
            lt_map_free(maps[k]);
    }
    for (size_t i = 0; i < m->n * m->n; i++)
        lt_map_free(&m->renames[i]);
    lt_map_free(&m->fm_by_blob);
    free(m->renames);
    free(m->renames_done);
    free(m->cats);
    lt_arena_free(m->arena);
    free(m);
}

const char *lt_version_map_blob(const lt_version_map *m, size_t index, const char *path)
{
    return lt_map_get(&m->cats[index].blobs, path);
}

const char *lt_version_map_page_by_id(const lt_version_map *m, size_t index, const char *id)
{
    const cat_page *p = lt_map_get(&m->cats[index].by_id, id);
    return p ? p->src : NULL;
}

const char *lt_version_map_renamed(lt_version_map *m, size_t from, size_t to, const char *path,
                                   lt_diag *d)
{
    size_t k = from * m->n + to;
    if (!m->renames_done[k]) {
        m->renames_done[k] = 1;
        lt_map_init(&m->renames[k]);
        lt_change *ch = NULL;
        size_t n = 0;
        if (lt_history_diff(&ch, &n, m->repo, m->versions->items[from].tree,
                            m->versions->items[to].tree, m->arena, d) == 0)
            for (size_t i = 0; i < n; i++)
                if (ch[i].kind == LT_CHANGE_RENAMED)
                    lt_map_put(&m->renames[k], ch[i].old_path, (void *)ch[i].new_path);
    }
    return lt_map_get(&m->renames[k], path);
}

/* ---- switcher targets ---- */

/* The output path of page p (of version `from`) in version `to`, or NULL. */
static const char *same_page(lt_version_map *m, size_t from, const lt_page *p, size_t to,
                             lt_diag *d)
{
    const catalog *y = &m->cats[to];
    const cat_page *hit = NULL;
    if (p->generated) {
        if (lt_map_get(&y->by_out, p->out_path))
            return p->out_path;
        const char *base = lt_path_base(p->out_path);
        if (strcmp(base, "index.html") == 0 && !p->special && !p->plugin) {
            char *dir = lt_path_dir(m->arena, p->out_path);
            return lt_map_get(&y->dirs, dir) ? p->out_path : NULL;
        }
        const lt_curriculum_config *cc = &y->config.curriculum;
        const char *special_out[] = {cc->competencies_page, cc->paths_page, cc->glossary_page,
                                     cc->changes_page};
        if (p->special)
            return strcmp(special_out[p->special - 1], p->out_path) == 0 ? p->out_path : NULL;
        return p->plugin && lt_map_get(&y->plugins, p->plugin) ? p->out_path : NULL;
    }
    hit = lt_map_get(&y->by_id, p->id);
    if (!hit)
        hit = lt_map_get(&y->by_alias, p->id);
    if (!hit) {
        const cat_page *mine = lt_map_get(&m->cats[from].by_src, p->src_path);
        for (size_t i = 0; mine && !hit && i < mine->fm->naliases; i++) {
            const char *a = mine->fm->aliases[i];
            hit = lt_map_get(&y->by_id, a);
            if (!hit)
                hit = lt_map_get(&y->by_src, lt_arena_printf(m->arena, "%s.md", a));
        }
    }
    if (!hit) {
        const char *moved = lt_version_map_renamed(m, from, to, p->src_path, d);
        if (moved)
            hit = lt_map_get(&y->by_src, moved);
    }
    if (!hit && p->is_index && lt_map_get(&y->dirs, lt_path_dir(m->arena, p->out_path)))
        return p->out_path; /* the same section, whatever its index is called */
    return hit ? hit->out : NULL;
}

/* The nearest folder above the page that version `to` has a section for. */
static const char *nearest_section(lt_version_map *m, const lt_page *p, size_t to,
                                   lt_vlink_kind *kind)
{
    const char *dir = lt_path_dir(m->arena, p->out_path);
    if (strcmp(lt_path_base(p->out_path), "index.html") == 0 && *dir)
        dir = lt_path_dir(m->arena, dir);
    for (; *dir; dir = lt_path_dir(m->arena, dir)) {
        if (lt_map_get(&m->cats[to].dirs, dir)) {
            *kind = LT_VLINK_SECTION;
            return lt_arena_printf(m->arena, "%s/index.html", dir);
        }
    }
    *kind = LT_VLINK_HOME;
    return "index.html";
}

void lt_version_map_links(lt_version_map *m, size_t index, lt_site *s, const size_t *order,
                          const char *const *labels, lt_diag *d)
{
    for (size_t i = 0; i < s->npages; i++) {
        lt_page *p = s->pages[i];
        const char *root = lt_path_root_prefix(s->arena, p->out_path);
        p->versions = lt_arena_alloc(s->arena, m->n * sizeof *p->versions);
        p->nversions = m->n;
        for (size_t k = 0; k < m->n; k++) {
            size_t v = order[k];
            const lt_version *ver = &m->versions->items[v];
            lt_version_link *l = &p->versions[k];
            l->name = ver->name;
            l->label = labels[v];
            l->current = v == index;
            l->latest = ver->latest;
            l->kind = LT_VLINK_PAGE;
            const char *target = v == index ? p->out_path : same_page(m, index, p, v, d);
            if (!target)
                target = nearest_section(m, p, v, &l->kind);
            l->url = lt_arena_printf(s->arena, "%s../%s/%s", root, ver->folder, target);
        }
    }
}
