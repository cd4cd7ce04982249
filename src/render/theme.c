#include "render/theme.h"

#include "plugin/template.h"
#include "util/buf.h"
#include "util/fs.h"
#include "util/path.h"

#include <stdlib.h>
#include <string.h>

const char *lt_theme_data_dir(void)
{
    static char found[4096];
    if (found[0])
        return found;
    const char *candidates[3] = {getenv("LONTAR_DATA_DIR"), NULL, LT_SOURCE_DATA_DIR};
    char *exe = lt_fs_exe_dir();
    lt_buf installed = LT_BUF_INIT;
    if (exe) {
        lt_buf_printf(&installed, "%s/../share/lontar", exe);
        candidates[1] = lt_buf_cstr(&installed);
    }
    for (int i = 0; i < 3 && !found[0]; i++) {
        if (!candidates[i] || !*candidates[i])
            continue;
        lt_buf probe = LT_BUF_INIT;
        lt_buf_printf(&probe, "%s/themes/default/templates/page.html", candidates[i]);
        if (lt_fs_exists(lt_buf_cstr(&probe)) && strlen(candidates[i]) < sizeof found)
            strcpy(found, candidates[i]);
        lt_buf_free(&probe);
    }
    free(exe);
    lt_buf_free(&installed);
    return found[0] ? found : NULL;
}

typedef struct {
    lt_theme *t;
    lt_arena *a;
    lt_diag *d;
    size_t tcap, acap, icap;
    const char *lang;
} loader;

static void add_template(loader *l, const char *name, const char *path, const char *text,
                         size_t len)
{
    lt_buf lua = LT_BUF_INIT;
    int line;
    const char *msg;
    if (lt_template_compile(text, len, &lua, &line, &msg) < 0) {
        lt_error(l->d, path, line, 1, "%s", msg);
        lt_buf_free(&lua);
        return;
    }
    lt_template_src *slot = NULL;
    for (size_t i = 0; i < l->t->ntemplates; i++)
        if (strcmp(l->t->templates[i].name, name) == 0)
            slot = &l->t->templates[i];
    if (!slot) {
        if (l->t->ntemplates == l->tcap) {
            l->tcap = l->tcap ? l->tcap * 2 : 16;
            l->t->templates = lt_xrealloc(l->t->templates, l->tcap * sizeof *slot);
        }
        slot = &l->t->templates[l->t->ntemplates++];
        slot->name = lt_arena_strdup(l->a, name);
    } else {
        free(slot->lua);
    }
    slot->path = lt_arena_strdup(l->a, path);
    slot->lua_len = lua.len;
    slot->lua = lt_buf_detach(&lua);
}

static void add_asset(loader *l, const char *name, const char *fs_path, const char *src_path)
{
    lt_asset *slot = NULL;
    for (size_t i = 0; i < l->t->nassets; i++)
        if (strcmp(l->t->assets[i].name, name) == 0)
            slot = &l->t->assets[i];
    if (!slot) {
        if (l->t->nassets == l->acap) {
            l->acap = l->acap ? l->acap * 2 : 16;
            l->t->assets = lt_xrealloc(l->t->assets, l->acap * sizeof *slot);
        }
        slot = &l->t->assets[l->t->nassets++];
        slot->name = lt_arena_strdup(l->a, name);
    }
    slot->fs_path = fs_path ? lt_arena_strdup(l->a, fs_path) : NULL;
    slot->src_path = src_path ? lt_arena_strdup(l->a, src_path) : NULL;
}

static void add_i18n(loader *l, const char *path, const char *text, size_t len)
{
    lt_yaml *y;
    if (lt_yaml_parse(l->a, text, len, path, 0, l->d, &y) < 0 || !y)
        return;
    if (y->kind != LT_YAML_MAP) {
        lt_error(l->d, path, y->line, y->col, "UI strings must be a mapping of names to text");
        return;
    }
    if (l->t->ni18n == l->icap) {
        l->icap = l->icap ? l->icap * 2 : 4;
        l->t->i18n = lt_xrealloc(l->t->i18n, l->icap * sizeof *l->t->i18n);
        l->t->i18n_paths = lt_xrealloc(l->t->i18n_paths, l->icap * sizeof *l->t->i18n_paths);
    }
    l->t->i18n_paths[l->t->ni18n] = lt_arena_strdup(l->a, path);
    l->t->i18n[l->t->ni18n++] = y;
}

/* Sorts one theme file (path relative to the theme folder) into its kind. */
static void add_file(loader *l, const char *rel, const char *shown, const char *fs_path,
                     lt_source *src, const char *src_path)
{
    int is_tpl = strncmp(rel, "templates/", 10) == 0;
    int is_i18n = strncmp(rel, "i18n/", 5) == 0;
    if (strncmp(rel, "assets/", 7) == 0) {
        add_asset(l, rel + 7, fs_path, src_path);
        return;
    }
    if (!is_tpl && !is_i18n)
        return;
    if (is_i18n) {
        char want[32];
        snprintf(want, sizeof want, "i18n/%s.yml", l->lang);
        if (strcmp(rel, want) != 0)
            return;
    }
    char *text = NULL;
    size_t len = 0;
    int rc =
        fs_path ? lt_fs_read(fs_path, &text, &len) : lt_source_read(src, src_path, &text, &len);
    if (rc < 0) {
        lt_error(l->d, shown, 1, 1, "cannot read theme file: %s", strerror(-rc));
        return;
    }
    if (is_tpl)
        add_template(l, rel + 10, shown, text, len);
    else
        add_i18n(l, shown, text, len);
    free(text);
}

typedef struct {
    loader *l;
    const char *root;
} builtin_walk;

static int visit_builtin(void *ctx, const lt_source_entry *e)
{
    builtin_walk *w = ctx;
    if (e->kind != LT_ENTRY_FILE)
        return 0;
    lt_buf abs = LT_BUF_INIT;
    lt_buf_printf(&abs, "%s/%s", w->root, e->path);
    add_file(w->l, e->path, lt_buf_cstr(&abs), lt_buf_cstr(&abs), NULL, NULL);
    lt_buf_free(&abs);
    return 0;
}

static void load_builtin(loader *l, const char *data_dir, const char *name)
{
    lt_buf root = LT_BUF_INIT;
    lt_buf_printf(&root, "%s/themes/%s", data_dir, name);
    if (lt_fs_is_dir(lt_buf_cstr(&root))) {
        lt_source *fs = lt_source_fs_new(lt_buf_cstr(&root));
        builtin_walk w = {l, lt_buf_cstr(&root)};
        fs->ops->list(fs, NULL, visit_builtin, &w);
        lt_source_free(fs);
    }
    lt_buf_free(&root);
}

int lt_theme_load(lt_theme *out, const char *name, const char *lang, lt_source *src,
                  const char *const *site_files, size_t nsite_files, lt_arena *a, lt_diag *d)
{
    memset(out, 0, sizeof *out);
    size_t before = lt_diag_errors(d);
    loader l = {.t = out, .a = a, .d = d, .lang = lang};
    out->data_dir = lt_theme_data_dir();
    if (!out->data_dir) {
        lt_error(d, "lontar", 0, 0,
                 "cannot find the default theme (set LONTAR_DATA_DIR to the folder holding "
                 "themes/)");
        return -1;
    }
    load_builtin(&l, out->data_dir, "default");
    if (strcmp(name, "default") != 0)
        load_builtin(&l, out->data_dir, name);
    size_t prefix_len = strlen("themes/") + strlen(name) + 1;
    for (size_t i = 0; i < nsite_files; i++) {
        const char *p = site_files[i];
        if (strncmp(p, "themes/", 7) != 0 || strncmp(p + 7, name, strlen(name)) != 0 ||
            p[prefix_len - 1] != '/')
            continue;
        add_file(&l, p + prefix_len, p, NULL, src, p);
    }
    if (!lt_theme_template(out, "page.html"))
        lt_error(d, "lontar.yml", 0, 0, "theme '%s' has no templates/page.html", name);
    return lt_diag_errors(d) > before ? -1 : 0;
}

void lt_theme_free(lt_theme *t)
{
    for (size_t i = 0; i < t->ntemplates; i++)
        free(t->templates[i].lua);
    free(t->templates);
    free(t->assets);
    free(t->i18n);
    free(t->i18n_paths);
    memset(t, 0, sizeof *t);
}

const lt_template_src *lt_theme_template(const lt_theme *t, const char *name)
{
    for (size_t i = 0; i < t->ntemplates; i++)
        if (strcmp(t->templates[i].name, name) == 0)
            return &t->templates[i];
    return NULL;
}
