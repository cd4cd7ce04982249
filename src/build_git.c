/* lontar build in a git repository: committed content, read through
 * libgit2 without a checkout.
 *
 *   - lontar.yml committed at HEAD has versions: every selected tag and
 *     branch is built into OUT/<folder>, with OUT/index.html leading to the
 *     latest and OUT/versions.js listing them all;
 *   - --ref REF: that one ref, into OUT itself;
 *   - otherwise: HEAD, into OUT itself;
 *   - a folder the repository does not track: not built here (the caller
 *     builds its files on disk).
 *
 * Files changed in the working tree are not in such a build; the build
 * counts them so the reader is told.
 *
 * Each version is built with its own lontar.yml, plugins and theme as
 * committed at its ref. Page dates and authors come from one walk of the
 * history for all versions. A version's problems are reported with its
 * name; a problem shared by several versions is reported once, naming them
 * all. */
#include "build_site.h"

#include "load/config.h"
#include "publish/versions_root.h"
#include "source/repo.h"
#include "util/buf.h"

#include <git2.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct git_build {
    const lt_build_options *opt;
    const char *out_dir;
    lt_diag *d;
    lt_repo *repo;
    lt_version_list list;
    lt_config head_config; /* lontar.yml at HEAD: the version selection */
    int multi;
    lt_arena *arena;
    lt_history *history;
    lt_source **sources;
    lt_site_version *site_versions;
    const char **labels;
    size_t *order; /* display order, newest first */
    lt_snapshot *snapshots;
    lt_output out;
    int began;
    lt_reuse *reuse;      /* NULL: every version renders every page */
    lt_build_carry carry; /* the build of the version before, for the next to patch */
} git_build;

/* ---- choosing the versions ---- */

/* 1 when HEAD's tree has the site folder. */
static int committed_at_head(const git_build *g)
{
    git_object *head = NULL;
    git_tree *tree = NULL;
    int found = git_revparse_single(&head, g->repo->git, "HEAD^{commit}") == 0 &&
                lt_repo_site_tree(&tree, g->repo, (const git_commit *)head) == 0;
    git_tree_free(tree);
    git_object_free(head);
    return found;
}

/* How many files under the site folder differ from HEAD in the working
 * tree or the index (untracked ones too, ignored ones not). */
static size_t uncommitted_files(const lt_repo *r)
{
    if (r->bare)
        return 0;
    git_status_options o;
    git_status_options_init(&o, GIT_STATUS_OPTIONS_VERSION);
    o.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
    o.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS;
    char *prefix = (char *)r->prefix;
    if (*prefix) {
        o.pathspec.strings = &prefix;
        o.pathspec.count = 1;
    }
    git_status_list *list = NULL;
    size_t n = git_status_list_new(&list, r->git, &o) == 0 ? git_status_list_entrycount(list) : 0;
    git_status_list_free(list);
    return n;
}

/* lontar.yml as committed at HEAD: the version selection. */
static int read_head_config(git_build *g)
{
    lt_version_list head = {0};
    if (lt_repo_resolve(&head, g->repo, "HEAD", NULL, g->d) < 0)
        return -1;
    lt_source *src = lt_repo_source(g->repo, &head.items[0]);
    char *text = NULL;
    size_t len = 0;
    int rc = src ? lt_source_read(src, "lontar.yml", &text, &len) : -1;
    lt_config_load(&g->head_config, g->arena, rc == 0 ? text : NULL, len, "lontar.yml", g->d);
    free(text);
    lt_source_free(src);
    lt_version_list_free(&head);
    return 0;
}

static int select_versions(git_build *g)
{
    const lt_versions_config *vc = &g->head_config.versions;
    lt_version_rules rules = {
        .tags = vc->tags.items,
        .ntags = vc->tags.n,
        .branches = vc->branches.items,
        .nbranches = vc->branches.n,
        .prerelease = vc->has_prerelease ? (vc->prerelease.items ? vc->prerelease.items
                                                                 : (const char *const[]){NULL})
                                         : NULL,
        .nprerelease = vc->prerelease.n,
        .latest = vc->latest,
        .config_path = "lontar.yml",
    };
    if (g->opt->ref)
        return lt_repo_resolve(&g->list, g->repo, g->opt->ref, &rules, g->d);
    if (!vc->enabled)
        return lt_repo_resolve(&g->list, g->repo, "HEAD", &rules, g->d);
    g->multi = 1;
    return lt_repo_versions(&g->list, g->repo, &rules, g->d);
}

/* ---- what each version's build is told ---- */

static const lt_version *latest_version(const git_build *g)
{
    for (size_t i = 0; i < g->list.n; i++)
        if (g->list.items[i].latest)
            return &g->list.items[i];
    return &g->list.items[g->list.n - 1];
}

static const char *status_of(const git_build *g, const lt_version *v)
{
    if (v->latest)
        return "latest";
    if (v->kind != LT_VERSION_TAG)
        return "draft";
    if (v->prerelease || lt_repo_compare_versions(v->name, latest_version(g)->name) > 0)
        return "prerelease";
    return "old";
}

/* The version a version's changes page compares with: the tag before it;
 * for a branch, the latest version. */
static long previous_of(const git_build *g, size_t i)
{
    const lt_version *v = &g->list.items[i];
    if (v->kind == LT_VERSION_TAG)
        return i > 0 ? (long)i - 1 : -1;
    const lt_version *latest = latest_version(g);
    return latest == v ? -1 : (long)(latest - g->list.items);
}

static void describe_versions(git_build *g)
{
    size_t n = g->list.n;
    g->site_versions = lt_arena_alloc(g->arena, n * sizeof *g->site_versions);
    g->labels = lt_arena_alloc(g->arena, n * sizeof *g->labels);
    g->order = lt_arena_alloc(g->arena, n * sizeof *g->order);
    for (size_t i = 0; i < n; i++) {
        const lt_version *v = &g->list.items[i];
        g->labels[i] = lt_config_version_label(&g->head_config, v->name);
        long prev = g->multi ? previous_of(g, i) : -1;
        g->site_versions[i] = (lt_site_version){
            .name = v->name,
            .label = g->labels[i],
            .folder = v->folder,
            .kind = v->kind == LT_VERSION_TAG      ? "tag"
                    : v->kind == LT_VERSION_BRANCH ? "branch"
                                                   : "commit",
            .commit = v->commit_id,
            .date = v->date,
            .status = status_of(g, v),
            .multi = g->multi,
            .previous = prev >= 0 ? g->list.items[prev].name : NULL,
        };
    }
    lt_versions_display_order(g->site_versions, n, g->order);
}

/* ---- diagnostics ---- */

typedef struct shared_diag {
    const lt_diag_entry *e;
    lt_buf versions;
} shared_diag;

/* Copies every version's problems into d, each naming the versions that
 * have it. */
static void report(git_build *g, lt_diag **per_version)
{
    lt_map seen;
    lt_map_init(&seen);
    shared_diag *all = NULL;
    size_t n = 0, cap = 0;
    for (size_t v = 0; v < g->list.n; v++) {
        for (size_t i = 0; i < lt_diag_count(per_version[v]); i++) {
            const lt_diag_entry *e = lt_diag_get(per_version[v], i);
            char *key = lt_arena_printf(g->arena, "%d\x1f%s\x1f%d\x1f%d\x1f%s", (int)e->severity,
                                        e->path, e->line, e->col, e->message);
            size_t at = (size_t)(uintptr_t)lt_map_get(&seen, key); /* index + 1 */
            if (at) {
                lt_buf_printf(&all[at - 1].versions, ", %s", g->list.items[v].name);
                continue;
            }
            if (n == cap) {
                cap = cap ? cap * 2 : 64;
                all = lt_xrealloc(all, cap * sizeof *all);
            }
            all[n] = (shared_diag){e, LT_BUF_INIT};
            lt_buf_puts(&all[n].versions, g->list.items[v].name);
            lt_map_put(&seen, key, (void *)(uintptr_t)(n + 1));
            n++;
        }
    }
    for (size_t i = 0; i < n; i++) {
        const lt_diag_entry *e = all[i].e;
        int several = strchr(lt_buf_cstr(&all[i].versions), ',') != NULL;
        lt_diag_report(g->d, e->severity, e->path, e->line, e->col, "%s (in version%s %s)",
                       e->message, several ? "s" : "", lt_buf_cstr(&all[i].versions));
        lt_buf_free(&all[i].versions);
    }
    free(all);
    lt_map_free(&seen);
}

/* ---- building ---- */

static int open_history(git_build *g)
{
    int rc = lt_history_build(&g->history, g->repo, &g->list, g->d);
    if (rc == LT_HISTORY_SHALLOW)
        lt_warn(g->d, g->opt->src, 0, 0,
                "the repository is a shallow clone: pages show no last-updated dates or "
                "authors (fetch the whole history with 'git fetch --unshallow')");
    return rc < 0 ? -1 : 0;
}

/* Builds version i into its output (a view of OUT, or OUT itself). */
static int build_version(git_build *g, size_t i, lt_version_map *map, lt_diag *dv,
                         lt_build_result *res)
{
    lt_version_ctx ctx = {
        .version = &g->site_versions[i],
        .index = i,
        .time = g->list.items[i].time,
        .map = map,
        .labels = g->labels,
        .order = g->order,
        .history = g->history,
        .reuse = g->reuse,
        .carry = g->reuse ? &g->carry : NULL,
        .snapshot = g->multi ? &g->snapshots[i] : NULL,
        .snapshot_arena = g->arena,
    };
    long prev = g->multi ? previous_of(g, i) : -1;
    if (prev >= 0) {
        ctx.previous = &g->snapshots[prev];
        ctx.previous_index = (size_t)prev;
    }
    lt_output view = {0};
    lt_site_job job = {.opt = g->opt,
                       .src = g->sources[i],
                       .src_dir = g->opt->src,
                       .out_dir = g->out_dir,
                       .d = dv,
                       .ver = &ctx};
    if (g->began) {
        if (!g->multi)
            job.out = &g->out;
        else if (lt_output_sub(&g->out, g->list.items[i].folder, &view, dv) == 0)
            job.out = &view;
        else
            return 1;
    }
    int failed = lt_site_build(&job, res);
    if (g->reuse && job.out)
        lt_reuse_next(g->reuse, job.out->tmp);
    lt_output_free(&view);
    return failed;
}

/* Versions are built oldest first, so the changes page of each can compare
 * with the snapshot of the one before; a branch compares with the latest
 * tag, built before any branch. */
static int build_all(git_build *g, lt_build_result *res)
{
    size_t n = g->list.n;
    g->sources = lt_xcalloc(n, sizeof *g->sources);
    g->snapshots = lt_arena_alloc(g->arena, n * sizeof *g->snapshots);
    memset(g->snapshots, 0, n * sizeof *g->snapshots);
    lt_diag **per_version = lt_xcalloc(n, sizeof *per_version);
    int failed = 0;
    for (size_t i = 0; i < n; i++) {
        g->sources[i] = lt_repo_source(g->repo, &g->list.items[i]);
        if (!g->sources[i]) {
            lt_error(g->d, g->opt->src, 0, 0, "cannot read the git object database");
            failed = 1;
            goto done;
        }
    }
    describe_versions(g);
    lt_version_map *map =
        g->multi ? lt_version_map_new(g->repo, &g->list, g->sources, g->opt->drafts) : NULL;
    for (size_t i = 0; i < n; i++) {
        lt_build_result r;
        per_version[i] = lt_diag_new();
        failed |= build_version(g, i, map, per_version[i], &r);
        res->pages += r.pages;
        res->files += r.files;
        res->reused += r.reused;
        res->carried += r.carried;
        res->pdf_seconds += r.pdf_seconds;
        res->pdf_skipped |= r.pdf_skipped;
    }
    res->versions = n;
    lt_version_map_free(map);
    if (g->multi || g->opt->ref)
        report(g, per_version);
    else
        lt_diag_merge(g->d, per_version[0]);
    if (g->multi && g->began && !failed) {
        lt_versions_root root = {.versions = g->site_versions,
                                 .n = n,
                                 .latest = (size_t)(latest_version(g) - g->list.items),
                                 .title = g->head_config.title,
                                 .language = g->head_config.language};
        failed |= lt_versions_root_write(&root, &g->out, g->d) < 0;
    }
done:
    for (size_t i = 0; i < n; i++) {
        lt_source_free(g->sources[i]);
        lt_diag_free(per_version[i]);
    }
    free(per_version);
    free(g->sources);
    return failed;
}

int lt_build_git(const lt_build_options *opt, const char *out_dir, lt_diag *d, lt_build_result *res)
{
    git_build g = {.opt = opt, .out_dir = out_dir, .d = d};
    int rc = lt_repo_open(&g.repo, opt->src, 1, d);
    if (rc == LT_REPO_NONE)
        return LT_BUILD_NOT_GIT;
    if (rc < 0)
        return 1;
    if (!opt->ref && !committed_at_head(&g)) {
        /* A folder git does not track yet (new, or ignored like a
         * generated corpus): its files on disk are all there is. */
        lt_repo_free(g.repo);
        res->uncommitted = 1;
        return LT_BUILD_NOT_GIT;
    }
    g.arena = lt_arena_new();
    int failed = 1;
    if (read_head_config(&g) < 0 || lt_diag_errors(d) > 0 || select_versions(&g) < 0 ||
        open_history(&g) < 0)
        goto done;
    if (!opt->check_only) {
        if (lt_output_begin(&g.out, out_dir, opt->src, d) < 0)
            goto done;
        g.began = 1;
        /* LONTAR_REUSE=0 renders every page of every version (the tests
         * compare the two). */
        const char *env = getenv("LONTAR_REUSE");
        if (g.multi && !(env && strcmp(env, "0") == 0))
            g.reuse = lt_reuse_new();
    }
    failed = build_all(&g, res);
    if (!opt->ref)
        res->uncommitted_files = uncommitted_files(g.repo);
    lt_diag_sort(d);
    if (lt_diag_errors(d) > 0 || (opt->strict && lt_diag_warnings(d) > 0))
        failed = 1;
    if (g.began && (failed || lt_output_commit(&g.out, d) < 0)) {
        lt_output_abort(&g.out);
        failed = 1;
    }
done:
    lt_output_free(&g.out);
    lt_build_carry_end(&g.carry);
    lt_reuse_free(g.reuse);
    lt_history_free(g.history);
    lt_version_list_free(&g.list);
    lt_repo_free(g.repo);
    lt_arena_free(g.arena);
    return failed;
}
