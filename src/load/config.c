#include "load/config.h"

#include "util/path.h"

#include <string.h>
#include <strings.h>

static const char *known_keys[] = {"title",    "language", "description", "base_url",  "theme",
                                   "markdown", "nav",      "params",      "institute", "curriculum",
                                   "plugins",  "handbook", "versions",    NULL};

static int is_known(const char *key, const char **keys)
{
    for (int i = 0; keys[i]; i++)
        if (strcmp(keys[i], key) == 0)
            return 1;
    return 0;
}

/* Reports unknown keys of a mapping; returns the number reported. */
int lt_config_check_keys(const lt_yaml *map, const char **keys, const char *where, const char *path,
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

int lt_strings_has(const lt_strings *list, const char *s)
{
    for (size_t i = 0; i < list->n; i++)
        if (strcmp(list->items[i], s) == 0)
            return 1;
    return 0;
}

static lt_strings strings_of(lt_arena *a, const char *const *items)
{
    lt_strings s = {0};
    while (items[s.n])
        s.n++;
    s.items = lt_arena_alloc(a, (s.n + 1) * sizeof *s.items);
    memcpy(s.items, items, s.n * sizeof *s.items);
    return s;
}

/* Reads a list of text values (a single text value counts as a list of one). */
void lt_config_get_strings(const lt_yaml *map, const char *key, lt_strings *out, lt_arena *a,
                           const char *path, lt_diag *d)
{
    const lt_yaml *v = lt_yaml_get(map, key);
    if (!v || lt_yaml_is_null(v))
        return;
    if (v->kind == LT_YAML_SCALAR) {
        const char *one[] = {v->str, NULL};
        *out = strings_of(a, one);
        return;
    }
    if (v->kind != LT_YAML_SEQ) {
        lt_error(d, path, v->line, v->col, "'%s' must be a list of text values", key);
        return;
    }
    out->n = 0;
    out->items = lt_arena_alloc(a, (v->n + 1) * sizeof *out->items);
    for (size_t i = 0; i < v->n; i++)
        if (lt_yaml_expect(v->items[i], LT_YAML_SCALAR, path, "a text value", d) == 0)
            out->items[out->n++] = v->items[i]->str;
}

static void curriculum_defaults(lt_curriculum_config *c, lt_arena *a)
{
    static const char *modules[] = {"modules", "modul", NULL};
    static const char *concepts[] = {"concepts", "konsep", NULL};
    static const char *competencies[] = {"competencies", "kompetensi", NULL};
    static const char *levels[] = {"dasar", "lanjutan", "mahir", NULL};
    static const char *methods[] = {
        "ceramah",        "diskusi",          "curah-pendapat",  "studi-kasus", "role-play",
        "simulasi",       "praktik-lapangan", "praktik-terbaik", "dialog",      "audio-visual",
        "latihan",        "refleksi",         "demonstrasi",     "permainan",   "presentasi",
        "kerja-kelompok", "tanya-jawab",      "penugasan",       NULL};
    c->module_folders = strings_of(a, modules);
    c->concept_folders = strings_of(a, concepts);
    c->competency_folders = strings_of(a, competencies);
    c->levels = strings_of(a, levels);
    c->methods = strings_of(a, methods);
    c->jp_minutes = 45;
    c->competencies_page = "kompetensi/index.html";
    c->paths_page = "jalur/index.html";
    c->glossary_page = "glosarium/index.html";
    c->changes_page = "perubahan/index.html";
}

static void get_page_path(const lt_yaml *map, const char *key, const char **out, const char *path,
                          lt_diag *d)
{
    const lt_yaml *v = lt_yaml_get(map, key);
    if (!v || lt_yaml_is_null(v))
        return;
    const char *why =
        v->kind == LT_YAML_SCALAR ? lt_path_check(v->str, v->len) : "it must be a relative path";
    if (!why && !lt_path_has_ext(v->str, ".html"))
        why = "it must end in .html";
    if (why) {
        lt_error(d, path, v->line, v->col, "'curriculum.pages.%s' is not allowed: %s", key, why);
        return;
    }
    *out = v->str;
}

static void read_curriculum(lt_curriculum_config *c, const lt_yaml *cur, lt_arena *a,
                            const char *path, lt_diag *d)
{
    static const char *keys[] = {"folders", "levels",         "methods", "jp_minutes",
                                 "pages",   "case_namespace", NULL};
    static const char *folder_keys[] = {"module", "concept", "competency", NULL};
    static const char *page_keys[] = {"competencies", "paths", "glossary", "changes", NULL};
    if (cur->kind != LT_YAML_MAP) {
        lt_error(d, path, cur->line, cur->col, "'curriculum' must be a mapping");
        return;
    }
    lt_config_check_keys(cur, keys, "curriculum", path, d);
    const lt_yaml *f = lt_yaml_get(cur, "folders");
    if (f && !lt_yaml_is_null(f)) {
        if (f->kind != LT_YAML_MAP) {
            lt_error(d, path, f->line, f->col, "'curriculum.folders' must be a mapping");
        } else {
            lt_config_check_keys(f, folder_keys, "curriculum.folders", path, d);
            lt_config_get_strings(f, "module", &c->module_folders, a, path, d);
            lt_config_get_strings(f, "concept", &c->concept_folders, a, path, d);
            lt_config_get_strings(f, "competency", &c->competency_folders, a, path, d);
        }
    }
    lt_config_get_strings(cur, "levels", &c->levels, a, path, d);
    lt_config_get_strings(cur, "methods", &c->methods, a, path, d);
    const lt_yaml *jp = lt_yaml_get(cur, "jp_minutes");
    long minutes;
    if (jp && !lt_yaml_is_null(jp)) {
        if (lt_yaml_int(jp, &minutes) < 0 || minutes < 1 || minutes > 600)
            lt_error(d, path, jp->line, jp->col,
                     "'curriculum.jp_minutes' must be a whole number of minutes (1-600)");
        else
            c->jp_minutes = (int)minutes;
    }
    const lt_yaml *pages = lt_yaml_get(cur, "pages");
    if (pages && !lt_yaml_is_null(pages)) {
        if (pages->kind != LT_YAML_MAP) {
            lt_error(d, path, pages->line, pages->col, "'curriculum.pages' must be a mapping");
        } else {
            lt_config_check_keys(pages, page_keys, "curriculum.pages", path, d);
            get_page_path(pages, "competencies", &c->competencies_page, path, d);
            get_page_path(pages, "paths", &c->paths_page, path, d);
            get_page_path(pages, "glossary", &c->glossary_page, path, d);
            get_page_path(pages, "changes", &c->changes_page, path, d);
        }
    }
    const lt_yaml *ns = lt_yaml_get(cur, "case_namespace");
    if (ns && !lt_yaml_is_null(ns)) {
        if (ns->kind != LT_YAML_SCALAR)
            lt_error(d, path, ns->line, ns->col, "'curriculum.case_namespace' must be text");
        else
            c->case_namespace = ns->str;
    }
}

/* plugins: [jadwal, kuis] or {enable: [...], memory_mb: N, timeout_s: N} */
static void read_plugins(lt_config *out, const lt_yaml *v, lt_arena *a, const char *path,
                         lt_diag *d)
{
    static const char *keys[] = {"enable", "memory_mb", "timeout_s", NULL};
    const lt_yaml *list = v;
    if (v->kind == LT_YAML_MAP) {
        lt_config_check_keys(v, keys, "plugins", path, d);
        list = lt_yaml_get(v, "enable");
        const lt_yaml *mem = lt_yaml_get(v, "memory_mb");
        long mb;
        if (mem && (lt_yaml_int(mem, &mb) < 0 || mb < 1 || mb > 65536))
            lt_error(d, path, mem->line, mem->col,
                     "'plugins.memory_mb' must be a whole number of megabytes (1-65536)");
        else if (mem)
            out->plugin_memory_mb = (int)mb;
        const lt_yaml *t = lt_yaml_get(v, "timeout_s");
        double s;
        if (t && (lt_yaml_number(t, &s) < 0 || s <= 0 || s > 3600))
            lt_error(d, path, t->line, t->col, "'plugins.timeout_s' must be seconds (0-3600)");
        else if (t)
            out->plugin_timeout_s = s;
    }
    if (!list || lt_yaml_is_null(list))
        return;
    if (list->kind != LT_YAML_SEQ) {
        lt_error(d, path, list->line, list->col, "'plugins' must list plugin names");
        return;
    }
    out->plugins.items = lt_arena_alloc(a, (list->n + 1) * sizeof *out->plugins.items);
    for (size_t i = 0; i < list->n; i++) {
        const lt_yaml *it = list->items[i];
        if (lt_yaml_expect(it, LT_YAML_SCALAR, path, "a plugin name", d) < 0)
            continue;
        if (strchr(it->str, '/') || strchr(it->str, '.')) {
            lt_error(d, path, it->line, it->col, "plugin name '%s' must be a plain name", it->str);
            continue;
        }
        out->plugins.items[out->plugins.n++] = it->str;
    }
}

/* A list of page and folder names; reports items that are not text. */
static const lt_yaml *page_list(const lt_yaml *v, const char *what, const char *path, lt_diag *d)
{
    if (!v || lt_yaml_is_null(v))
        return NULL;
    if (v->kind != LT_YAML_SEQ) {
        lt_error(d, path, v->line, v->col, "'%s' must be a list of pages and folders", what);
        return NULL;
    }
    for (size_t i = 0; i < v->n; i++)
        lt_yaml_expect(v->items[i], LT_YAML_SCALAR, path, "a page or folder name", d);
    return v;
}

static void read_handbook_parts(lt_handbook_config *h, const lt_yaml *v, lt_arena *a,
                                const char *path, lt_diag *d)
{
    static const char *keys[] = {"title", "pages", NULL};
    if (v->kind != LT_YAML_SEQ) {
        lt_error(d, path, v->line, v->col, "'handbook.parts' must be a list of parts");
        return;
    }
    h->parts = lt_arena_alloc(a, (v->n + 1) * sizeof *h->parts);
    for (size_t i = 0; i < v->n; i++) {
        const lt_yaml *it = v->items[i];
        if (it->kind != LT_YAML_MAP) {
            lt_error(d, path, it->line, it->col, "a part is a mapping with 'title' and 'pages'");
            continue;
        }
        lt_config_check_keys(it, keys, "a handbook part", path, d);
        const char *title = NULL;
        get_string(it, "title", &title, path, d);
        const lt_yaml *pages = page_list(lt_yaml_get(it, "pages"), "pages", path, d);
        if (!lt_yaml_get(it, "title") || !lt_yaml_get(it, "pages"))
            lt_error(d, path, it->line, it->col, "a part needs a 'title' and 'pages'");
        if (!title || !pages)
            continue;
        h->parts[h->nparts++] = (lt_handbook_part){title, pages};
    }
}

/* handbook: false, or {pdf, paper, timeout_s, parts | pages, exclude} */
static void read_handbook(lt_handbook_config *h, const lt_yaml *v, lt_arena *a, const char *path,
                          lt_diag *d)
{
    static const char *keys[] = {"pdf", "paper", "timeout_s", "parts", "pages", "exclude", NULL};
    if (v->kind == LT_YAML_SCALAR && lt_yaml_bool(v, &h->enabled) == 0)
        return;
    if (v->kind != LT_YAML_MAP) {
        lt_error(d, path, v->line, v->col, "'handbook' must be a mapping, or false");
        return;
    }
    lt_config_check_keys(v, keys, "handbook", path, d);
    const lt_yaml *pdf = lt_yaml_get(v, "pdf");
    const char *mode = lt_yaml_str(pdf);
    if (pdf && !lt_yaml_is_null(pdf)) {
        int on;
        h->pdf_node = pdf;
        /* YAML reads a bare never/always as text but yes/no as booleans. */
        if (mode && strcmp(mode, "auto") == 0)
            h->pdf = LT_PDF_AUTO;
        else if (mode && strcmp(mode, "always") == 0)
            h->pdf = LT_PDF_ALWAYS;
        else if (mode && strcmp(mode, "never") == 0)
            h->pdf = LT_PDF_NEVER;
        else if (lt_yaml_bool(pdf, &on) == 0)
            h->pdf = on ? LT_PDF_ALWAYS : LT_PDF_NEVER;
        else
            lt_error(d, path, pdf->line, pdf->col, "'handbook.pdf' must be auto, always or never");
    }
    const lt_yaml *paper = lt_yaml_get(v, "paper");
    if (paper && !lt_yaml_is_null(paper)) {
        static const char *sizes[] = {"A4", "A5", "letter", NULL};
        const char *p = lt_yaml_str(paper);
        h->paper = NULL;
        for (int i = 0; p && sizes[i] && !h->paper; i++)
            if (strcasecmp(p, sizes[i]) == 0)
                h->paper = sizes[i];
        if (!h->paper) {
            lt_error(d, path, paper->line, paper->col, "'handbook.paper' must be A4, A5 or letter");
            h->paper = "A4";
        }
    }
    const lt_yaml *t = lt_yaml_get(v, "timeout_s");
    double secs;
    if (t && (lt_yaml_number(t, &secs) < 0 || secs <= 0 || secs > 86400))
        lt_error(d, path, t->line, t->col, "'handbook.timeout_s' must be seconds (0-86400)");
    else if (t)
        h->timeout_s = secs;
    const lt_yaml *parts = lt_yaml_get(v, "parts");
    const lt_yaml *pages = page_list(lt_yaml_get(v, "pages"), "handbook.pages", path, d);
    if (parts && !lt_yaml_is_null(parts) && pages)
        lt_error(d, path, pages->line, pages->col,
                 "give either 'handbook.parts' or 'handbook.pages', not both");
    else if (parts && !lt_yaml_is_null(parts))
        read_handbook_parts(h, parts, a, path, d);
    else if (pages) {
        h->parts = lt_arena_alloc(a, sizeof *h->parts);
        h->parts[0] = (lt_handbook_part){NULL, pages};
        h->nparts = 1;
    }
    h->exclude = page_list(lt_yaml_get(v, "exclude"), "handbook.exclude", path, d);
}

int lt_config_load(lt_config *out, lt_arena *a, const char *text, size_t len, const char *path,
                   lt_diag *d)
{
    memset(out, 0, sizeof *out);
    out->title = "lontar";
    out->language = "id";
    out->description = "";
    out->theme = "default";
    curriculum_defaults(&out->curriculum, a);
    out->plugin_memory_mb = 256;
    out->plugin_timeout_s = 10;
    out->handbook.enabled = 1;
    out->handbook.paper = "A4";
    out->handbook.timeout_s = 300;
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
    lt_config_check_keys(root, known_keys, NULL, path, d);
    get_string(root, "title", &out->title, path, d);
    get_string(root, "description", &out->description, path, d);
    get_string(root, "base_url", &out->base_url, path, d);
    get_string(root, "theme", &out->theme, path, d);
    get_string(root, "institute", &out->institute, path, d);
    const lt_yaml *cur = lt_yaml_get(root, "curriculum");
    if (cur && !lt_yaml_is_null(cur))
        read_curriculum(&out->curriculum, cur, a, path, d);
    const lt_yaml *plugins = lt_yaml_get(root, "plugins");
    if (plugins && !lt_yaml_is_null(plugins))
        read_plugins(out, plugins, a, path, d);
    const lt_yaml *versions = lt_yaml_get(root, "versions");
    if (versions)
        lt_config_read_versions(out, versions, a, path, d);
    const lt_yaml *handbook = lt_yaml_get(root, "handbook");
    if (handbook && !lt_yaml_is_null(handbook))
        read_handbook(&out->handbook, handbook, a, path, d);
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
            lt_config_check_keys(md, md_keys, "markdown", path, d);
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
