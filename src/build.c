#include "build_internal.h"

#include "load/config.h"
#include "load/markdown.h"
#include "load/page.h"
#include "load/schema.h"
#include "model/site.h"
#include "publish/output.h"
#include "render/case_export.h"
#include "render/curriculum_pages.h"
#include "plugin/host.h"
#include "render/engine.h"
#include "render/graph.h"
#include "render/handbook.h"
#include "render/page_body.h"
#include "render/search_index.h"
#include "render/theme.h"
#include "resolve/curriculum.h"
#include "resolve/links.h"
#include "resolve/structure.h"
#include "resolve/xref.h"
#include "source/source.h"
#include "util/buf.h"
#include "util/fs.h"
#include "util/parallel.h"
#include "util/path.h"
#include "util/text.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- listing the source ---- */

static int skip_dir(void *ctx, const char *path)
{
    build *b = ctx;
    const char *base = lt_path_base(path);
    if (base[0] == '.')
        return 1;
    return b->out_rel && strcmp(path, b->out_rel) == 0;
}

static int visit(void *ctx, const lt_source_entry *e)
{
    build *b = ctx;
    lt_build_listed(b, e);
    if (lt_path_base(e->path)[0] == '.')
        return 0;
    if (e->kind == LT_ENTRY_SYMLINK) {
        lt_warn(b->d, e->path, 0, 0, "symbolic link is not followed");
        return 0;
    }
    if (e->kind == LT_ENTRY_SUBMODULE) {
        lt_warn(b->d, e->path, 0, 0, "submodule is skipped: its content is another repository");
        return 0;
    }
    if (e->kind == LT_ENTRY_LFS) {
        lt_warn(b->d, e->path, 0, 0,
                "Git LFS pointer, not the file itself: skipped (commit the file to git, or "
                "build a checkout with --worktree after 'git lfs pull')");
        return 0;
    }
    if (e->kind != LT_ENTRY_FILE) {
        lt_warn(b->d, e->path, 0, 0, "not a regular file; skipped");
        return 0;
    }
    if (strncmp(e->path, "themes/", 7) == 0 || strncmp(e->path, "plugins/", 8) == 0) {
        if (b->naux == b->aux_cap) {
            b->aux_cap = b->aux_cap ? b->aux_cap * 2 : 16;
            b->aux_files = lt_xrealloc(b->aux_files, b->aux_cap * sizeof *b->aux_files);
        }
        b->aux_files[b->naux++] = lt_arena_strdup(b->site->arena, e->path);
        return 0;
    }
    if (strcmp(e->path, "lontar.yml") == 0)
        return 0;
    const char *why = lt_path_check(e->path, strlen(e->path));
    if (why) {
        lt_error(b->d, e->path, 0, 0, "file name cannot be published: %s", why);
        return 0;
    }
    if (lt_path_has_ext(e->path, ".md")) {
        lt_page *p = lt_site_add_page(b->site, e->path);
        p->blob = e->id ? lt_arena_strdup(b->site->arena, e->id) : NULL;
    } else
        lt_site_add_file(b->site, e->path);
    return 0;
}

void lt_build_list_source(build *b, lt_source_visit each)
{
    b->src->ops->list(b->src, skip_dir, each, b);
}

/* Folder of OUT relative to SRC, when OUT is inside SRC (so it is skipped). */
static const char *out_inside_src(lt_arena *a, const char *src, const char *out)
{
    char rs[PATH_MAX], ro[PATH_MAX];
    if (!realpath(src, rs))
        return NULL;
    /* OUT may not exist yet: resolve its parent and append the name. */
    char *dir = lt_path_dir(a, out);
    const char *base = lt_path_base(out);
    if (!realpath(*dir ? dir : ".", ro))
        return NULL;
    size_t n = strlen(rs);
    lt_buf full = LT_BUF_INIT;
    lt_buf_printf(&full, "%s/%s", ro, base);
    const char *f = lt_buf_cstr(&full);
    const char *rel = NULL;
    if (strncmp(f, rs, n) == 0 && f[n] == '/')
        rel = lt_arena_strdup(a, f + n + 1);
    lt_buf_free(&full);
    return rel;
}

/* ---- loading pages ---- */

/* Reads a file of the source into *out (malloc'd); -1 after reporting it. */
static int read_source(build *b, const char *path, char **out, size_t *len)
{
    int rc = lt_source_read(b->src, path, out, len);
    if (rc < 0)
        lt_error(b->d, path, 0, 0, "cannot read file: %s", strerror(-rc));
    return rc < 0 ? -1 : 0;
}

static void load_one(void *ctx, size_t i, int worker)
{
    build *b = ctx;
    lt_page *p = b->site->pages[i];
    char *data = NULL;
    size_t len = 0;
    if (read_source(b, p->src_path, &data, &len) < 0) {
        p->failed = 1;
        return;
    }
    const lt_config *cfg = &b->site->config;
    lt_load_opts opts = b->load_opts;
    opts.run_ctx = b->hosts[worker];
    lt_plugin_host_set_page(b->hosts[worker], p);
    if (lt_page_load(p, data, len, &opts, b->arenas[worker], b->d) == 0) {
        /* A schema error fails the build but keeps the page, so other pages'
         * references to it do not turn into errors of their own. */
        p->kind = lt_schema_kind(p, cfg, b->d);
        lt_schema_read_page(p, cfg, b->arenas[worker], b->d);
    }
    free(data);
}

/* 1 when path is a competency data file: YAML in a competency folder. */
static int is_competency_file(const lt_config *cfg, const char *path)
{
    if (!lt_path_has_ext(path, ".yml") && !lt_path_has_ext(path, ".yaml"))
        return 0;
    const char *slash = strchr(path, '/');
    if (!slash)
        return 0;
    for (size_t i = 0; i < cfg->curriculum.competency_folders.n; i++) {
        const char *f = cfg->curriculum.competency_folders.items[i];
        if (strlen(f) == (size_t)(slash - path) && strncmp(path, f, strlen(f)) == 0)
            return 1;
    }
    return 0;
}

/* Every thread gets a sandboxed Lua state with the plugins run in it; the
 * first is made alone, as its registrations decide the build-wide things. */
static char *run_plugin_directive(void *ctx, const lt_directive_spec *spec,
                                  const lt_directive_info *info, const char *body, int line)
{
    (void)spec;
    lt_plugin_host *h = ctx;
    return lt_plugin_run_directive(h, lt_plugin_host_page(h), info->name, info, body, line);
}

static void start_plugins(build *b)
{
    lt_plugins_load(&b->plugins, b->site, b->src, b->aux_files, b->naux, b->d);
    b->hosts = lt_xcalloc((size_t)b->threads, sizeof *b->hosts);
    for (int t = 0; t < b->threads; t++)
        b->hosts[t] = lt_plugin_host_new(&b->plugins, t);
    b->load_opts =
        (lt_load_opts){.cfg = &b->site->config,
                       .anchor_label = b->anchor_label,
                       .edition = b->site->edition,
                       .extra_directives = (const lt_directive_spec *const *)b->plugins.specs,
                       .run_directive = run_plugin_directive};
}

/* The load hooks see every page (with its output path) and may ask for
 * new ones, which then go through the same pipeline as any other. */
static void add_plugin_pages(build *b)
{
    lt_site *s = b->site;
    lt_resolve_out_paths(s);
    lt_plugin_run_load_hooks(b->hosts[0], b->competencies, b->ncompetencies);
    for (size_t i = 0; i < b->plugins.npages; i++) {
        const lt_plugin_page *pg = &b->plugins.pages[i];
        if (lt_map_get(&s->by_src, pg->path)) {
            lt_error(b->d, pg->pos.path, pg->pos.line, pg->pos.col,
                     "lontar.page: '%s' is made twice", pg->path);
            continue;
        }
        lt_page *p = lt_site_add_page(s, pg->path);
        p->out_path = pg->path;
        p->id = lt_arena_strndup(s->arena, pg->path, strlen(pg->path) - 5); /* ".html" */
        p->generated = 1;
        const char *base = lt_path_base(pg->pos.path);
        size_t stem = strlen(base) - (lt_path_has_ext(base, ".lua") ? 4 : 0);
        p->plugin = lt_arena_strndup(s->arena, base, stem);
        if (pg->markdown) {
            lt_load_opts opts = b->load_opts;
            opts.run_ctx = b->hosts[0];
            lt_plugin_host_set_page(b->hosts[0], p);
            lt_page_load(p, pg->markdown, strlen(pg->markdown), &opts, s->arena, b->d);
        } else {
            p->doc = lt_markdown_parse("", 0, 0);
            cmark_node *html = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK);
            cmark_node_set_on_enter(html, pg->html);
            cmark_node_set_on_exit(html, "");
            cmark_node_append_child(p->doc, html);
        }
        p->title = pg->title;
        p->template_name = pg->template_name;
        p->weight = pg->weight;
        p->has_weight = pg->has_weight;
        p->data = pg->data;
        if (!pg->handbook)
            p->front = lt_yaml_flag(s->arena, "handbook", 0);
    }
}

/* Competency data files are read, not published. */
static void read_competency_files(build *b)
{
    lt_site *s = b->site;
    size_t keep = 0;
    for (size_t i = 0; i < s->nfiles; i++) {
        const char *path = s->files[i];
        if (!is_competency_file(&s->config, path)) {
            s->files[keep++] = path;
            continue;
        }
        lt_map_put(&s->files_set, path, NULL);
        char *text = NULL;
        size_t len = 0;
        if (read_source(b, path, &text, &len) == 0)
            lt_schema_read_competency_file(path, text, len, &s->config, s->arena, b->d,
                                           &b->competencies, &b->ncompetencies,
                                           &b->competencies_cap);
        free(text);
    }
    s->nfiles = keep;
}

/* The framework, learning-paths and glossary pages, when the site has
 * something to put on them. An author's page at the same path keeps its
 * text; the generated part follows it. */
static void add_special_pages(build *b)
{
    lt_site *s = b->site;
    size_t modules = 0, concepts = 0;
    for (size_t i = 0; i < s->npages; i++) {
        modules += s->pages[i]->kind == LT_PAGE_MODULE;
        concepts += s->pages[i]->kind == LT_PAGE_CONCEPT;
    }
    const lt_curriculum_config *cc = &s->config.curriculum;
    struct {
        lt_special which;
        const char *out;
        int wanted;
    } specials[] = {
        {LT_SPECIAL_COMPETENCIES, cc->competencies_page, modules || b->ncompetencies},
        {LT_SPECIAL_PATHS, cc->paths_page, modules > 0},
        {LT_SPECIAL_GLOSSARY, cc->glossary_page, concepts > 0},
    };
    for (size_t k = 0; k < sizeof specials / sizeof specials[0]; k++) {
        if (!specials[k].wanted)
            continue;
        const char *out = specials[k].out;
        size_t stem = strlen(out) - 5; /* ".html" */
        const char *src = lt_arena_printf(s->arena, "%.*s.md", (int)stem, out);
        lt_page *p = lt_map_get(&s->by_src, src);
        if (!p && strcmp(lt_path_base(out), "index.html") == 0)
            p = lt_map_get(&s->by_src,
                           lt_arena_printf(s->arena, "%.*s_index.md", (int)(stem - 5), out));
        if (p && !p->failed) {
            p->special = specials[k].which;
            continue;
        }
        p = lt_site_add_page(s, src);
        p->generated = 1;
        p->special = specials[k].which;
        p->title = lt_special_title(p->special, s->config.language);
        p->weight = 100 + (double)k;
        p->has_weight = 1;
        p->doc = lt_markdown_parse("", 0, 0);
    }
    if (b->ver && b->ver->version->multi)
        b->changes = lt_build_add_changes_page(b);
}

/* Drops pages that failed to load or are drafts from the page list (they
 * stay in the source map, so links to them are reported sensibly). */
static void keep_buildable(build *b)
{
    lt_site *s = b->site;
    size_t k = 0;
    for (size_t i = 0; i < s->npages; i++) {
        lt_page *p = s->pages[i];
        if (p->failed || (p->draft && !b->opt->drafts))
            continue;
        if (p->draft)
            p->draft = 0;
        s->pages[k++] = p;
    }
    s->npages = k;
}

/* A folder without index.md still gets an index.html that lists what is in
 * it, so every folder link works from file://. */
static void add_section_indexes(build *b)
{
    lt_site *s = b->site;
    size_t n = s->npages;
    for (size_t i = 0; i < n; i++) {
        const char *dir = lt_path_dir(s->arena, s->pages[i]->src_path);
        while (1) {
            lt_site_section(s, dir);
            if (!*dir)
                break;
            dir = lt_path_dir(s->arena, dir);
        }
    }
    for (size_t i = 0; i < s->nsections; i++) {
        lt_section *sec = s->sections[i];
        const char *idx =
            *sec->path ? lt_arena_printf(s->arena, "%s/index.md", sec->path) : "index.md";
        const char *alt =
            *sec->path ? lt_arena_printf(s->arena, "%s/_index.md", sec->path) : "_index.md";
        lt_page *have = lt_map_get(&s->by_src, idx);
        if (!have)
            have = lt_map_get(&s->by_src, alt);
        if (have && !have->failed && !have->draft)
            continue;
        if (have)
            continue; /* broken index: its error is reported; no stand-in */
        lt_page *p = lt_site_add_page(s, idx);
        p->generated = 1;
        p->doc = lt_markdown_parse("", 0, 0);
    }
}

/* ---- rendering ---- */

/* Phase one on every page: links and cross-references (which also collect
 * the backlinks that concept pages show in phase two). */
void lt_build_resolve_page(build *b, lt_page *p, int worker)
{
    lt_xref_ctx x = {b->site, &b->backlinks_lock};
    lt_plugin_run_filters(b->hosts[worker], p);
    lt_resolve_links(b->site, p, b->arenas[worker], b->d);
    lt_resolve_xrefs(&x, p, b->arenas[worker], b->d);
}

static void resolve_one(void *ctx, size_t i, int worker)
{
    build *b = ctx;
    lt_build_resolve_page(b, b->site->pages[i], worker);
}

static int cmp_reading_order(const void *a, const void *b)
{
    const lt_page *x = *(lt_page *const *)a, *y = *(lt_page *const *)b;
    return x->order < y->order ? -1 : x->order > y->order;
}

/* Backlinks were gathered by many threads: put them in reading order. */
void lt_build_sort_backlinks(lt_site *s)
{
    for (size_t i = 0; i < s->cur.nconcepts; i++) {
        lt_concept *c = s->cur.concepts[i];
        if (c->nbacklinks > 1)
            qsort(c->backlinks, c->nbacklinks, sizeof *c->backlinks, cmp_reading_order);
    }
}

static void render_page(build *b, lt_page *p, int worker)
{
    /* A page carried over from the previous version (build_carry.c) keeps
     * its body; its document is gone. */
    if (p->doc || !p->html) {
        free(p->html);
        lt_page_body_extend(b->site, p, b->prereq_svg, b->arenas[worker]);
        p->html = lt_markdown_render_page(p->doc, b->site->config.unsafe, b->site->config.language);
        if (b->reuse)
            lt_sha1(p->html, strlen(p->html), p->html_sha1);
        lt_handbook_add_page(b->handbook, p, b->arenas[worker]);
    }
    lt_buf html = LT_BUF_INIT;
    /* Pages lontar writes from the whole site are always rendered. */
    int reuse = b->reuse && p->blob && !p->generated && !p->special;
    int rc = reuse ? lt_build_render_reusing(b, p, worker, &html)
                   : lt_engine_render(b->engines[worker], p, &html, NULL, b->d);
    if (rc == 0 && reuse)
        lt_output_write_linted(b->out, p->out_path, html.data ? html.data : "", html.len, b->d);
    else if (rc == 0)
        lt_output_write(b->out, p->out_path, html.data ? html.data : "", html.len, b->d);
    lt_buf_free(&html);
    /* The body is in the written page now; free it early to keep peak
     * memory down on large sites, unless the next version may carry the
     * page over. */
    if (!b->ver || !b->ver->carry) {
        free(p->html);
        p->html = NULL;
    }
    if (p->doc)
        cmark_node_free(p->doc);
    p->doc = NULL;
}

static void render_one(void *ctx, size_t i, int worker)
{
    build *b = ctx;
    /* Indexed before lontar's own boxes join the tree: the author's text.
     * A carried page is in the index already. */
    if (b->site->pages[i]->doc)
        lt_search_add_page(b->search, b->site->pages[i], worker);
    render_page(b, b->site->pages[i], worker);
}

/* A file of the source to rel: copied from disk for a folder, read from
 * the object database for git. */
static void copy_source_file(build *b, const char *rel, const char *src_path)
{
    char *from = lt_source_fs_path(b->src, src_path);
    if (from) {
        lt_output_copy(b->out, rel, from, b->d);
        free(from);
        return;
    }
    char *data = NULL;
    size_t len = 0;
    if (read_source(b, src_path, &data, &len) == 0)
        lt_output_write(b->out, rel, data, len, b->d);
    free(data);
}

static void copy_files(build *b)
{
    lt_site *s = b->site;
    for (size_t i = 0; i < s->nfiles; i++)
        copy_source_file(b, s->files[i], s->files[i]);
    for (size_t i = 0; i < b->theme.nassets; i++) {
        const lt_asset *a = &b->theme.assets[i];
        char *rel = lt_arena_printf(s->arena, "assets/%s", a->name);
        if (a->fs_path)
            lt_output_copy(b->out, rel, a->fs_path, b->d);
        else
            copy_source_file(b, rel, a->src_path);
    }
}

static const char *module_href(void *ctx, const lt_module *m)
{
    build *b = ctx;
    const char *from = b->site->config.curriculum.paths_page;
    return lt_path_relative(b->site->arena, from, m->page->out_path);
}

/* Graphviz is not thread-safe: the graph is made once, before rendering. */
static void make_prereq_graph(build *b)
{
    const lt_site *s = b->site;
    if (!s->cur.nmodules)
        return;
    const char *title = strcmp(s->config.language, "en") == 0 ? "Prerequisite graph of the modules"
                                                              : "Grafik prasyarat modul";
    b->prereq_svg = lt_graph_prereq_svg(&s->cur, module_href, b, title);
}

/* The date the build stands for: never the clock. The commit's time for a
 * version from git; else SOURCE_DATE_EPOCH when set (the reproducible-builds
 * convention), else the epoch itself. */
static const char *build_date(const build *b, lt_arena *a)
{
    const char *env = getenv("SOURCE_DATE_EPOCH");
    time_t t = env && *env ? (time_t)strtoll(env, NULL, 10) : 0;
    if (b->ver)
        t = (time_t)b->ver->time;
    struct tm tm;
    gmtime_r(&t, &tm);
    char buf[32];
    strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return lt_arena_strdup(a, buf);
}

/* kompetensi/case.json beside the framework page. */
static void write_case_export(build *b)
{
    lt_site *s = b->site;
    if (!s->cur.ncompetencies)
        return;
    const char *base = s->config.curriculum.case_namespace ? s->config.curriculum.case_namespace
                                                           : s->config.base_url;
    if (!base) {
        lt_buf slug = LT_BUF_INIT;
        lt_slugify(&slug, s->config.title, strlen(s->config.title));
        base = lt_arena_printf(s->arena, "urn:lontar:%s", lt_buf_cstr(&slug));
        lt_buf_free(&slug);
    }
    char *json = lt_case_export(&s->cur, s->config.title,
                                s->config.institute ? s->config.institute : s->config.title, base,
                                build_date(b, s->arena));
    if (!json) {
        lt_error(b->d, "lontar.yml", 0, 0,
                 "cannot export the competency framework: '%s' is not an absolute URI (set "
                 "base_url or curriculum.case_namespace)",
                 base);
        return;
    }
    const char *dir = lt_path_dir(s->arena, s->config.curriculum.competencies_page);
    const char *rel = *dir ? lt_arena_printf(s->arena, "%s/case.json", dir) : "case.json";
    lt_output_write(b->out, rel, json, strlen(json), b->d);
    free(json);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void read_config(build *b)
{
    char *text = NULL;
    size_t len = 0;
    int rc = lt_source_read(b->src, "lontar.yml", &text, &len);
    if (rc < 0 && rc != -ENOENT)
        lt_error(b->d, "lontar.yml", 0, 0, "cannot read: %s", strerror(-rc));
    /* A version chosen by name must be a site: a tag from before the site
     * existed, or a ref of another project, is an error. */
    if (rc == -ENOENT && b->ver && (b->ver->version->multi || b->opt->ref))
        lt_error(b->d, "lontar.yml", 0, 0, "this version has no lontar.yml");
    lt_config_load(&b->site->config, b->site->arena, rc == 0 ? text : NULL, len, "lontar.yml",
                   b->d);
    free(text);
}

/* ---- the pipeline ---- */

static build *build_new(const lt_site_job *job)
{
    build *b = lt_xcalloc(1, sizeof *b);
    b->opt = job->opt;
    b->ver = job->ver;
    b->d = job->d;
    b->src = job->src;
    b->out = job->out;
    atomic_init(&b->template_failed, 0);
    atomic_init(&b->reused, 0);
    pthread_mutex_init(&b->backlinks_lock, NULL);
    b->threads = b->opt->threads > 0 ? b->opt->threads : lt_parallel_threads();
    b->site = lt_site_new();
    if (b->opt->edition)
        b->site->edition = b->opt->edition;
    b->site->version = b->ver ? b->ver->version : NULL; /* the load hooks see it */
    b->arenas = lt_xcalloc((size_t)b->threads, sizeof *b->arenas);
    b->engines = lt_xcalloc((size_t)b->threads, sizeof *b->engines);
    for (int t = 0; t < b->threads; t++)
        b->arenas[t] = lt_arena_new();
    return b;
}

void lt_build_free(build *b)
{
    if (!b)
        return;
    for (int t = 0; t < b->threads; t++) {
        lt_engine_free(b->engines[t]);
        if (b->hosts)
            lt_plugin_host_free(b->hosts[t]);
    }
    free(b->engines);
    free(b->hosts);
    lt_plugins_free(&b->plugins);
    free(b->aux_files);
    free(b->listing);
    free(b->competencies);
    free(b->prereq_svg);
    lt_search_free(b->search);
    lt_handbook_free(b->handbook);
    lt_handbook_free(b->carried_handbook);
    pthread_mutex_destroy(&b->backlinks_lock);
    lt_theme_free(&b->theme);
    /* Pages hold records from the worker arenas: free the site first. */
    lt_site_free(b->site);
    for (int t = 0; t < b->threads; t++)
        lt_arena_free(b->arenas[t]);
    free(b->arenas);
    free(b);
}

/* Everything before rendering: the site read, linked and checked. Returns
 * 0, or -1 when the theme cannot be loaded (reported). */
static int load_site(build *b, const lt_site_job *job)
{
    read_config(b);
    b->anchor_label = strcmp(b->site->config.language, "en") == 0 ? "Link to this section"
                                                                  : "Tautan ke bagian ini";
    b->out_rel = out_inside_src(b->site->arena, job->src_dir, job->out_dir);
    lt_build_list_source(b, visit);
    start_plugins(b);

    lt_parallel_for(b->site->npages, b->threads, load_one, b);
    keep_buildable(b);
    read_competency_files(b);
    add_plugin_pages(b);
    add_special_pages(b);
    add_section_indexes(b);
    lt_resolve_structure(b->site, b->d);
    lt_resolve_curriculum(b->site, b->competencies, b->ncompetencies, b->d);
    b->quiet_before_versions = lt_diag_count(b->d) == 0;
    if (b->ver)
        lt_build_add_version_data(b);
    b->diags_after_versions = lt_diag_count(b->d);
    lt_parallel_for(b->site->npages, b->threads, resolve_one, b);
    lt_build_sort_backlinks(b->site);
    if (lt_theme_load(&b->theme, b->site->config.theme, b->site->config.language, b->src,
                      b->aux_files, b->naux, b->site->arena, b->d) < 0)
        return -1;
    if (b->out)
        make_prereq_graph(b);
    return 0;
}

/* The pages, the search index, the files and the handbook into OUT. */
static void write_site(build *b, lt_build_result *res)
{
    lt_handbook_stamp stamp;
    lt_build_stamp_handbook(b, &stamp);
    b->handbook = lt_handbook_new(b->site, &b->theme, b->src, &stamp, b->d);
    res->pdf_skipped = lt_handbook_pdf_skipped(b->handbook);
    if (b->carried_handbook) {
        /* Pages carried over keep their chapters too. */
        for (size_t i = 0; i < b->site->npages; i++)
            if (!b->site->pages[i]->doc)
                lt_handbook_take_chapter(b->handbook, b->carried_handbook, b->site->pages[i]);
        lt_handbook_free(b->carried_handbook);
        b->carried_handbook = NULL;
    }
    if (!b->out)
        return;
    for (int t = 0; t < b->threads; t++)
        b->engines[t] = lt_engine_new(b->site, &b->theme, b->hosts[t], &b->template_failed);
    /* Page hooks and helpers may make a page depend on anything. */
    if (b->ver && b->ver->reuse && !lt_plugin_host_shapes_pages(b->hosts[0])) {
        b->reuse = b->ver->reuse;
        lt_build_make_site_key(b);
    }
    if (!b->search)
        b->search = lt_search_new(b->threads);
    lt_parallel_for(b->site->npages, b->threads, render_one, b);
    lt_page *results = lt_search_results_page(b->site);
    if (results) {
        render_page(b, results, 0);
        /* Not one of the site's pages: the site does not free its body. */
        free(results->html);
        results->html = NULL;
    }
    lt_search_write(b->search, b->site, b->out, b->d);
    copy_files(b);
    write_case_export(b);
    /* Last: WeasyPrint reads the images the pages use from the output. */
    lt_handbook_write(b->handbook, b->out, b->d, &res->pdf_seconds);
}

int lt_site_build(const lt_site_job *job, lt_build_result *res)
{
    double t0 = now();
    memset(res, 0, sizeof *res);
    lt_markdown_init();
    lt_build_carry *carry = job->ver ? job->ver->carry : NULL;
    build *b = carry && carry->prev ? lt_build_carry_over(carry->prev, job) : NULL;
    if (carry)
        carry->prev = NULL; /* patched into b, or freed */
    int loaded = 0;
    if (b) {
        res->carried = 1;
        loaded = 1;
    } else {
        b = build_new(job);
        loaded = load_site(b, job) == 0;
    }
    if (loaded) {
        write_site(b, res);
        res->pages = b->site->npages;
        res->files = b->site->nfiles;
        res->reused = atomic_load(&b->reused);
    }
    /* Whether the next version may patch this build, counted before the
     * sort below drops repeats. */
    int quiet =
        loaded && b->quiet_before_versions && lt_diag_count(b->d) == b->diags_after_versions;
    lt_diag_sort(b->d); /* drops repeats, so the counts are of distinct problems */
    res->errors = lt_diag_errors(b->d);
    res->warnings = lt_diag_warnings(b->d);
    if (carry && quiet && lt_build_can_carry(b))
        carry->prev = b;
    else
        lt_build_free(b);
    res->seconds = now() - t0;
    return res->errors > 0 || (job->opt->strict && res->warnings > 0) ? 1 : 0;
}

/* A plain folder, or a working tree (--worktree). */
static int build_folder(const lt_build_options *opt, const char *out_dir, lt_diag *d,
                        lt_build_result *res)
{
    lt_output out = {0};
    lt_site_job job = {.opt = opt, .src_dir = opt->src, .out_dir = out_dir, .d = d};
    if (!opt->check_only) {
        if (lt_output_begin(&out, out_dir, opt->src, d) < 0) {
            lt_output_free(&out);
            lt_diag_sort(d);
            res->errors = lt_diag_errors(d);
            return 1;
        }
        job.out = &out;
    }
    job.src = lt_source_fs_new(opt->src);
    int failed = lt_site_build(&job, res);
    lt_source_free(job.src);
    if (job.out) {
        if (failed || lt_output_commit(&out, d) < 0) {
            lt_output_abort(&out);
            failed = 1;
            res->errors = lt_diag_errors(d);
        }
        lt_output_free(&out);
    }
    return failed;
}

int lt_build_run(const lt_build_options *opt, lt_diag *d, lt_build_result *res)
{
    double t0 = now();
    memset(res, 0, sizeof *res);
    char *out_dir = opt->out ? lt_xstrdup(opt->out) : NULL;
    if (!out_dir) {
        lt_buf o = LT_BUF_INIT;
        lt_buf_printf(&o, "%s/_site", opt->src);
        out_dir = lt_buf_detach(&o);
    }
    int failed, uncommitted = 0;
    if (!lt_fs_is_dir(opt->src)) {
        lt_error(d, opt->src, 0, 0, "source folder does not exist");
        failed = 1;
    } else {
        failed = opt->worktree ? LT_BUILD_NOT_GIT : lt_build_git(opt, out_dir, d, res);
        uncommitted = res->uncommitted;
        if (failed == LT_BUILD_NOT_GIT) {
            if (opt->ref) {
                lt_error(d, opt->src, 0, 0,
                         "--ref needs a git repository, and this folder is "
                         "not in one");
                failed = 1;
            } else {
                failed = build_folder(opt, out_dir, d, res);
            }
        }
    }
    lt_diag_sort(d);
    res->errors = lt_diag_errors(d);
    res->warnings = lt_diag_warnings(d);
    if (failed)
        res->pages = res->files = 0;
    res->uncommitted = uncommitted;
    free(out_dir);
    res->seconds = now() - t0;
    return failed ? 1 : 0;
}
