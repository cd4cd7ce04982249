#include "load/config.h"

#include <string.h>

static const char *known_keys[] = {"title",    "language", "description", "base_url", "theme",
                                   "markdown", "nav",      "params",      NULL};

static int is_known(const char *key, const char **keys)
{
    for (int i = 0; keys[i]; i++)
        if (strcmp(keys[i], key) == 0)
            return 1;
    return 0;
}

/* Reports unknown keys of a mapping; returns the number reported. */
static int check_keys(const lt_yaml *map, const char **keys, const char *where, const char *path,
                      lt_diag *d)
{
    int bad = 0;
    for (size_t i = 0; i < map->n; i++) {
        if (!is_known(map->keys[i]->str, keys)) {
            lt_error(d, path, map->keys[i]->line, map->keys[i]->col, "unknown key '%s'%s%s",
                     map->keys[i]->str, where ? " in " : "", where ? where : "");
            bad++;
        }
    }
    return bad;
}

static int get_string(const lt_yaml *root, const char *key, const char **out, const char *path,
                      lt_diag *d)
{
    const lt_yaml *v = lt_yaml_get(root, key);
    if (!v || lt_yaml_is_null(v))
        return 0;
    if (v->kind != LT_YAML_SCALAR) {
        lt_error(d, path, v->line, v->col, "'%s' must be text", key);
        return -1;
    }
    *out = v->str;
    return 0;
}

int lt_config_load(lt_config *out, lt_arena *a, const char *text, size_t len, const char *path,
                   lt_diag *d)
{
    memset(out, 0, sizeof *out);
    out->title = "lontar";
    out->language = "id";
    out->description = "";
    out->theme = "default";
    if (!text)
        return 0;
    size_t before = lt_diag_errors(d);
    lt_yaml *root;
    if (lt_yaml_parse(a, text, len, path, 0, d, &root) < 0)
        return -1;
    if (!root)
        return 0;
    if (root->kind != LT_YAML_MAP) {
        lt_error(d, path, root->line, root->col, "lontar.yml must be a mapping of settings");
        return -1;
    }
    out->root = root;
    check_keys(root, known_keys, NULL, path, d);
    get_string(root, "title", &out->title, path, d);
    get_string(root, "description", &out->description, path, d);
    get_string(root, "base_url", &out->base_url, path, d);
    get_string(root, "theme", &out->theme, path, d);
    if (get_string(root, "language", &out->language, path, d) == 0 &&
        strcmp(out->language, "id") != 0 && strcmp(out->language, "en") != 0) {
        const lt_yaml *v = lt_yaml_get(root, "language");
        lt_error(d, path, v->line, v->col, "unknown language '%s' (expected id or en)",
                 out->language);
    }
    const char *theme_err = NULL;
    if (strchr(out->theme, '/') || strcmp(out->theme, "..") == 0 || strcmp(out->theme, ".") == 0 ||
        !*out->theme)
        theme_err = out->theme;
    if (theme_err) {
        const lt_yaml *v = lt_yaml_get(root, "theme");
        lt_error(d, path, v->line, v->col, "theme must be a plain folder name, not '%s'",
                 theme_err);
    }

    const lt_yaml *md = lt_yaml_get(root, "markdown");
    if (md && !lt_yaml_is_null(md)) {
        static const char *md_keys[] = {"unsafe", NULL};
        if (md->kind != LT_YAML_MAP) {
            lt_error(d, path, md->line, md->col, "'markdown' must be a mapping");
        } else {
            check_keys(md, md_keys, "markdown", path, d);
            const lt_yaml *u = lt_yaml_get(md, "unsafe");
            if (u && lt_yaml_bool(u, &out->unsafe) < 0)
                lt_error(d, path, u->line, u->col, "'markdown.unsafe' must be true or false");
        }
    }

    const lt_yaml *nav = lt_yaml_get(root, "nav");
    if (nav && !lt_yaml_is_null(nav)) {
        if (nav->kind != LT_YAML_SEQ) {
            lt_error(d, path, nav->line, nav->col,
                     "'nav' must be a list of top-level pages or folders");
        } else {
            out->nav = lt_arena_alloc(a, (nav->n + 1) * sizeof *out->nav);
            out->nav_nodes = lt_arena_alloc(a, (nav->n + 1) * sizeof *out->nav_nodes);
            for (size_t i = 0; i < nav->n; i++) {
                const lt_yaml *it = nav->items[i];
                if (lt_yaml_expect(it, LT_YAML_SCALAR, path, "a page or folder name", d) < 0)
                    continue;
                out->nav_nodes[out->nav_n] = it;
                out->nav[out->nav_n++] = it->str;
            }
        }
    }

    const lt_yaml *params = lt_yaml_get(root, "params");
    if (params && !lt_yaml_is_null(params)) {
        if (params->kind != LT_YAML_MAP)
            lt_error(d, path, params->line, params->col, "'params' must be a mapping");
        else
            out->params = params;
    }
    return lt_diag_errors(d) > before ? -1 : 0;
}
