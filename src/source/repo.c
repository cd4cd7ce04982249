#include "source/repo.h"

#include "util/map.h"
#include "util/suggest.h"

#include <ctype.h>
#include <fnmatch.h>
#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#define MAX_COMPONENTS 16

static const char *const default_prerelease[] = {"*-alpha*", "*-beta*", "*-rc*", "*-pre*"};

/* A tag or branch that may become a version. */
typedef struct {
    const char *name;
    const char *ref;
    lt_version_kind kind;
} candidate;

static const char *git_message(void)
{
    const git_error *e = git_error_last();
    return e && e->message ? e->message : "unknown libgit2 error";
}

void lt_repo_format_time(char out[LT_ISO_DATE_SIZE], int64_t time, int offset)
{
    time_t local = (time_t)(time + (int64_t)offset * 60);
    struct tm tm;
    gmtime_r(&local, &tm);
    size_t n = strftime(out, LT_ISO_DATE_SIZE, "%Y-%m-%dT%H:%M:%S", &tm);
    unsigned off = offset < 0 ? (unsigned)-(int64_t)offset : (unsigned)offset;
    snprintf(out + n, LT_ISO_DATE_SIZE - n, "%c%02u:%02u", offset < 0 ? '-' : '+', off / 60 % 100,
             off % 60);
}

/* ---- opening ---------------------------------------------------------- */

/* Path of `path` below the working tree top `workdir`, or "" when it is the
 * top itself or not inside it. Both are resolved first: the user may give a
 * relative path or one through a symbolic link. */
static const char *site_prefix(lt_arena *a, const char *path, const char *workdir)
{
    const char *prefix = "";
    char *real = realpath(path, NULL);
    char *top = realpath(workdir, NULL);
    if (!real || !top)
        goto done;
    size_t n = strlen(top);
    if (strncmp(real, top, n) == 0 && real[n] == '/' && real[n + 1])
        prefix = lt_arena_strdup(a, real + n + 1);
done:
    free(real);
    free(top);
    return prefix;
}

int lt_repo_open(lt_repo **out, const char *path, int search_parents, lt_diag *d)
{
    git_repository *git = NULL;
    *out = NULL;
    git_libgit2_init();
    /* git refuses a repository another user owns because its config can
     * run commands; lontar only reads objects and refs and runs nothing, so
     * a checkout made by another account (a CI runner's, a shared folder)
     * is read like any other instead of passing for a plain folder. */
    git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, 0);
    int rc = git_repository_open_ext(&git, path, search_parents ? 0 : GIT_REPOSITORY_OPEN_NO_SEARCH,
                                     NULL);
    if (rc == GIT_ENOTFOUND) {
        rc = LT_REPO_NONE;
        goto fail;
    }
    if (rc < 0) {
        lt_error(d, path, 0, 0, "cannot open the git repository: %s", git_message());
        rc = -1;
        goto fail;
    }
    rc = git_repository_is_empty(git);
    if (rc != 0) {
        if (rc > 0)
            lt_error(d, path, 0, 0,
                     "the git repository has no commits yet: commit the content first, or "
                     "build the working tree with --worktree");
        else
            lt_error(d, path, 0, 0, "cannot read the git repository: %s", git_message());
        rc = -1;
        goto fail;
    }
    lt_repo *r = lt_xcalloc(1, sizeof *r);
    r->git = git;
    r->arena = lt_arena_new();
    r->path = lt_arena_strdup(r->arena, path);
    r->bare = git_repository_is_bare(git);
    r->shallow = git_repository_is_shallow(git) == 1;
    r->prefix = r->bare ? "" : site_prefix(r->arena, path, git_repository_workdir(git));
    r->cache = lt_source_git_cache_new();
    *out = r;
    return 0;
fail:
    git_repository_free(git);
    git_libgit2_shutdown();
    return rc;
}

void lt_repo_free(lt_repo *r)
{
    if (!r)
        return;
    git_repository_free(r->git);
    lt_source_git_cache_free(r->cache);
    lt_arena_free(r->arena);
    free(r);
    git_libgit2_shutdown();
}

int lt_repo_site_tree(git_tree **out, const lt_repo *r, const git_commit *commit)
{
    git_tree *root = NULL;
    git_tree_entry *e = NULL;
    *out = NULL;
    int rc = git_commit_tree(&root, commit);
    if (rc < 0 || !*r->prefix) {
        *out = root;
        return rc;
    }
    rc = git_tree_entry_bypath(&e, root, r->prefix);
    if (rc == 0 && git_tree_entry_type(e) != GIT_OBJECT_TREE)
        rc = GIT_ENOTFOUND;
    if (rc == 0)
        rc = git_tree_lookup(out, r->git, git_tree_entry_id(e));
    git_tree_entry_free(e);
    git_tree_free(root);
    return rc;
}

/* ---- names and order ---------------------------------------------------- */

typedef struct {
    const char *num[MAX_COMPONENTS];
    size_t len[MAX_COMPONENTS];
    size_t n;
    const char *suffix;
} vnum;

static void parse_version(const char *s, vnum *v)
{
    v->n = 0;
    if ((*s == 'v' || *s == 'V') && isdigit((unsigned char)s[1]))
        s++;
    while (isdigit((unsigned char)*s) && v->n < MAX_COMPONENTS) {
        const char *start = s;
        while (isdigit((unsigned char)*s))
            s++;
        while (start < s - 1 && *start == '0')
            start++;
        v->num[v->n] = start;
        v->len[v->n] = (size_t)(s - start);
        v->n++;
        if (*s == '.' && isdigit((unsigned char)s[1]))
            s++;
        else
            break;
    }
    v->suffix = s;
}

/* Digit strings without leading zeros, by value whatever their length. */
static int cmp_number(const char *a, size_t na, const char *b, size_t nb)
{
    if (na != nb)
        return na < nb ? -1 : 1;
    return memcmp(a, b, na);
}

/* Digit runs by value, everything else byte by byte ("rc2" < "rc10"). */
static int cmp_natural(const char *a, const char *b)
{
    while (*a && *b) {
        if (isdigit((unsigned char)*a) && isdigit((unsigned char)*b)) {
            while (*a == '0' && isdigit((unsigned char)a[1]))
                a++;
            while (*b == '0' && isdigit((unsigned char)b[1]))
                b++;
            size_t na = 0, nb = 0;
            while (isdigit((unsigned char)a[na]))
                na++;
            while (isdigit((unsigned char)b[nb]))
                nb++;
            int c = cmp_number(a, na, b, nb);
            if (c)
                return c;
            a += na;
            b += nb;
            continue;
        }
        if (*a != *b)
            return (unsigned char)*a - (unsigned char)*b;
        a++, b++;
    }
    return (unsigned char)*a - (unsigned char)*b;
}

static int sign(int c)
{
    return (c > 0) - (c < 0);
}

int lt_repo_compare_versions(const char *a, const char *b)
{
    vnum x, y;
    parse_version(a, &x);
    parse_version(b, &y);
    if ((x.n > 0) != (y.n > 0))
        return x.n > 0 ? 1 : -1;
    if (x.n > 0) {
        size_t n = x.n > y.n ? x.n : y.n;
        for (size_t i = 0; i < n; i++) {
            int c = cmp_number(i < x.n ? x.num[i] : "0", i < x.n ? x.len[i] : 1,
                               i < y.n ? y.num[i] : "0", i < y.n ? y.len[i] : 1);
            if (c)
                return sign(c);
        }
        int rx = !*x.suffix || *x.suffix == '+', ry = !*y.suffix || *y.suffix == '+';
        if (rx != ry)
            return rx - ry;
        int c = cmp_natural(x.suffix, y.suffix);
        if (c)
            return sign(c);
    }
    return sign(strcmp(a, b));
}

static int match_one(const char *pattern, const char *name)
{
    return fnmatch(pattern, name, 0) == 0;
}

/* The selection rule of lt_repo_match; hits[i] is set for each pattern that
 * matches name (when hits is not NULL). */
static int select_name(const char *const *patterns, size_t n, const char *name, char *hits)
{
    int in = n > 0 && patterns[0][0] == '!';
    for (size_t i = 0; i < n; i++) {
        int neg = patterns[i][0] == '!';
        if (match_one(patterns[i] + neg, name)) {
            in = !neg;
            if (hits)
                hits[i] = 1;
        }
    }
    return in;
}

int lt_repo_match(const char *const *patterns, size_t n, const char *name)
{
    return select_name(patterns, n, name, NULL);
}

char *lt_repo_folder(lt_arena *a, const char *name, const char **why)
{
    *why = NULL;
    if (!*name)
        *why = "the name is empty";
    else if (name[0] == '.')
        *why = "a folder name may not start with '.'";
    else if (strcasecmp(name, "index.html") == 0 || strcasecmp(name, "versions.js") == 0)
        *why = "the output root already has a file of that name";
    for (const char *p = name; *p && !*why; p++) {
        char c = *p;
        int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 strchr(".-_+/", c);
        if (!ok)
            *why = "only ASCII letters, digits, '.', '-', '_', '+' and '/' may appear in a "
                   "version folder name";
    }
    if (*why)
        return NULL;
    char *folder = lt_arena_strdup(a, name);
    for (char *p = folder; *p; p++)
        if (*p == '/')
            *p = '-';
    return folder;
}

static int is_prerelease(const lt_version_rules *rules, const char *name)
{
    const char *const *pats = default_prerelease;
    size_t n = sizeof default_prerelease / sizeof *default_prerelease;
    if (rules && rules->prerelease) {
        pats = rules->prerelease;
        n = rules->nprerelease;
    }
    for (size_t i = 0; i < n; i++)
        if (match_one(pats[i], name))
            return 1;
    return 0;
}

/* ---- refs ------------------------------------------------------------- */

/* Tag or branch for a full ref name, or 0 for a ref that is neither. */
static int classify(const char *ref, lt_version_kind *kind, const char **name)
{
    static const struct {
        const char *prefix;
        lt_version_kind kind;
    } kinds[] = {{"refs/tags/", LT_VERSION_TAG},
                 {"refs/heads/", LT_VERSION_BRANCH},
                 {"refs/remotes/origin/", LT_VERSION_BRANCH}};
    for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++) {
        size_t n = strlen(kinds[i].prefix);
        if (strncmp(ref, kinds[i].prefix, n) == 0 && ref[n]) {
            /* origin/HEAD only points at another remote branch. */
            if (i == 2 && strcmp(ref + n, "HEAD") == 0)
                return 0;
            *kind = kinds[i].kind;
            *name = ref + n;
            return 1;
        }
    }
    return 0;
}

static int cmp_candidates(const void *pa, const void *pb)
{
    const candidate *a = pa, *b = pb;
    if (a->kind != b->kind)
        return a->kind == LT_VERSION_TAG ? -1 : 1;
    int c = strcmp(a->name, b->name);
    /* A local branch before origin's branch of the same name. */
    return c ? c : strcmp(a->ref, b->ref);
}

/* Every tag and branch, sorted by kind then name, local branches shadowing
 * origin's. Strings in a. Returns the count, or -1 (reported). */
static long list_candidates(candidate **out, lt_repo *r, lt_arena *a, lt_diag *d)
{
    git_reference_iterator *it = NULL;
    git_reference *ref = NULL;
    candidate *c = NULL;
    size_t n = 0, cap = 0;
    long rc = 0;
    int err;
    *out = NULL;
    if (git_reference_iterator_new(&it, r->git) < 0)
        goto fail;
    while ((err = git_reference_next(&ref, it)) == 0) {
        lt_version_kind kind;
        const char *name;
        const char *full = git_reference_name(ref);
        if (classify(full, &kind, &name)) {
            if (n == cap) {
                cap = cap ? cap * 2 : 32;
                c = lt_xrealloc(c, cap * sizeof *c);
            }
            c[n].ref = lt_arena_strdup(a, full);
            c[n].name = c[n].ref + (name - full);
            c[n].kind = kind;
            n++;
        }
        git_reference_free(ref);
        ref = NULL;
    }
    if (err != GIT_ITEROVER)
        goto fail;
    qsort(c, n, sizeof *c, cmp_candidates);
    size_t kept = 0;
    for (size_t i = 0; i < n; i++)
        if (!kept || c[kept - 1].kind != c[i].kind || strcmp(c[kept - 1].name, c[i].name) != 0)
            c[kept++] = c[i];
    *out = c;
    rc = (long)kept;
    goto done;
fail:
    lt_error(d, r->path, 0, 0, "cannot list the tags and branches: %s", git_message());
    free(c);
    rc = -1;
done:
    git_reference_iterator_free(it);
    return rc;
}

static const char *kind_word(lt_version_kind kind)
{
    return kind == LT_VERSION_TAG ? "tag" : kind == LT_VERSION_BRANCH ? "branch" : "commit";
}

/* Fills everything that comes from the commit. Returns 0 or -1 (reported). */
static int fill_from_commit(lt_version *v, lt_repo *r, const git_commit *commit, lt_diag *d)
{
    git_oid_cpy(&v->commit, git_commit_id(commit));
    git_oid_tostr(v->commit_id, sizeof v->commit_id, &v->commit);
    v->time = (int64_t)git_commit_time(commit);
    v->offset = git_commit_time_offset(commit);
    lt_repo_format_time(v->date, v->time, v->offset);
    int rc = lt_repo_site_tree(&v->tree, r, commit);
    if (rc == GIT_ENOTFOUND) {
        lt_error(d, r->path, 0, 0, "%s '%s' has no folder '%s'", kind_word(v->kind), v->name,
                 r->prefix);
        return -1;
    }
    if (rc < 0) {
        lt_error(d, r->path, 0, 0, "cannot read %s '%s': %s", kind_word(v->kind), v->name,
                 git_message());
        return -1;
    }
    return 0;
}

/* Fills a version from a tag or branch ref. Returns 0 or -1 (reported). */
static int fill_from_ref(lt_version *v, lt_repo *r, const char *refname, lt_diag *d)
{
    git_reference *ref = NULL;
    git_object *obj = NULL;
    int rc = -1;
    if (git_reference_lookup(&ref, r->git, refname) < 0 ||
        git_reference_peel(&obj, ref, GIT_OBJECT_COMMIT) < 0) {
        lt_error(d, r->path, 0, 0, "%s '%s' does not point to a commit: %s", kind_word(v->kind),
                 v->name, git_message());
        goto done;
    }
    rc = fill_from_commit(v, r, (const git_commit *)obj, d);
done:
    git_object_free(obj);
    git_reference_free(ref);
    return rc;
}

static int cmp_versions(const void *pa, const void *pb)
{
    const lt_version *a = pa, *b = pb;
    if (a->kind != b->kind)
        return a->kind < b->kind ? -1 : 1;
    if (a->kind == LT_VERSION_TAG)
        return lt_repo_compare_versions(a->name, b->name);
    return strcmp(a->name, b->name);
}

/* Reports versions whose folders clash, even only by case. */
static int check_folders(const lt_version_list *l, lt_repo *r, lt_diag *d)
{
    int rc = 0;
    for (size_t i = 0; i < l->n; i++)
        for (size_t j = i + 1; j < l->n; j++)
            if (strcasecmp(l->items[i].folder, l->items[j].folder) == 0) {
                lt_error(d, r->path, 0, 0,
                         "%s '%s' and %s '%s' would both be published in folder '%s'",
                         kind_word(l->items[i].kind), l->items[i].name, kind_word(l->items[j].kind),
                         l->items[j].name, l->items[i].folder);
                rc = -1;
            }
    return rc;
}

/* The branch HEAD points to, or NULL (detached, or unreadable). */
static const char *head_branch(lt_repo *r, lt_arena *a)
{
    git_reference *head = NULL;
    const char *name = NULL;
    if (git_repository_head(&head, r->git) == 0 && git_reference_is_branch(head))
        name = lt_arena_strdup(a, git_reference_shorthand(head));
    git_reference_free(head);
    return name;
}

static lt_version *pick_latest(lt_version_list *l, lt_repo *r)
{
    lt_version *tag = NULL;
    for (size_t i = 0; i < l->n; i++) {
        lt_version *v = &l->items[i];
        vnum num;
        parse_version(v->name, &num);
        if (v->kind == LT_VERSION_TAG && !v->prerelease && num.n > 0)
            tag = v;
    }
    if (tag)
        return tag;
    /* No release yet: the highest tag of any kind, else the branch HEAD
     * names, else the first branch. */
    for (size_t i = l->n; i-- > 0;)
        if (l->items[i].kind == LT_VERSION_TAG)
            return &l->items[i];
    const char *head = head_branch(r, l->arena);
    for (size_t i = 0; head && i < l->n; i++)
        if (strcmp(l->items[i].name, head) == 0)
            return &l->items[i];
    return l->n ? &l->items[0] : NULL;
}

static void report_unmatched(const lt_version_rules *rules, const char *const *patterns, size_t n,
                             const char *hits, const char *what, lt_diag *d)
{
    for (size_t i = 0; i < n; i++)
        if (!hits[i] && patterns[i][0] != '!')
            lt_error(d, rules->config_path, 0, 0, "versions.%s: pattern '%s' matches no %s", what,
                     patterns[i], what[0] == 't' ? "tag" : "branch");
}

static void list_init(lt_version_list *out)
{
    out->items = NULL;
    out->n = 0;
    out->arena = lt_arena_new();
}

int lt_repo_versions(lt_version_list *out, lt_repo *r, const lt_version_rules *rules, lt_diag *d)
{
    candidate *c = NULL;
    char *tag_hits = lt_xcalloc(rules->ntags + 1, 1);
    char *branch_hits = lt_xcalloc(rules->nbranches + 1, 1);
    size_t errors = lt_diag_errors(d);
    int rc = -1;
    list_init(out);
    long n = list_candidates(&c, r, out->arena, d);
    if (n < 0)
        goto done;
    out->items = lt_xcalloc((size_t)n, sizeof *out->items);
    for (long i = 0; i < n; i++) {
        int tag = c[i].kind == LT_VERSION_TAG;
        if (!select_name(tag ? rules->tags : rules->branches, tag ? rules->ntags : rules->nbranches,
                         c[i].name, tag ? tag_hits : branch_hits))
            continue;
        lt_version *v = &out->items[out->n];
        v->name = c[i].name;
        v->ref = c[i].ref;
        v->kind = c[i].kind;
        v->prerelease = tag && is_prerelease(rules, v->name);
        const char *why;
        v->folder = lt_repo_folder(out->arena, v->name, &why);
        if (!v->folder) {
            lt_error(d, r->path, 0, 0, "%s '%s' cannot be published as a version folder: %s",
                     kind_word(v->kind), v->name, why);
            continue;
        }
        /* A failed version leaves no tree behind and its slot is reused. */
        if (fill_from_ref(v, r, v->ref, d) == 0)
            out->n++;
    }
    report_unmatched(rules, rules->tags, rules->ntags, tag_hits, "tags", d);
    report_unmatched(rules, rules->branches, rules->nbranches, branch_hits, "branches", d);
    if (lt_diag_errors(d) > errors)
        goto done;
    if (out->n == 0) {
        lt_error(d, rules->config_path, 0, 0,
                 "versions.tags and versions.branches select no tag or branch");
        goto done;
    }
    qsort(out->items, out->n, sizeof *out->items, cmp_versions);
    if (check_folders(out, r, d) < 0)
        goto done;
    lt_version *latest = NULL;
    for (size_t i = 0; rules->latest && i < out->n && !latest; i++)
        if (strcmp(out->items[i].name, rules->latest) == 0)
            latest = &out->items[i];
    if (rules->latest && !latest) {
        lt_error(d, rules->config_path, 0, 0,
                 "versions.latest: '%s' is not one of the selected versions", rules->latest);
        goto done;
    }
    if (!latest)
        latest = pick_latest(out, r);
    latest->latest = 1;
    rc = 0;
done:
    free(c);
    free(tag_hits);
    free(branch_hits);
    return rc;
}

/* "did you mean" over the tag and branch names. */
static void report_unknown(lt_repo *r, const char *spec, lt_arena *a, lt_diag *d)
{
    candidate *c = NULL;
    lt_map names;
    lt_map_init(&names);
    lt_diag *quiet = lt_diag_new();
    long n = list_candidates(&c, r, a, quiet);
    for (long i = 0; i < n; i++)
        lt_map_put(&names, c[i].name, &c[i]);
    const lt_map *maps[] = {&names, NULL};
    const char *near = lt_suggest(spec, maps);
    if (near)
        lt_error(d, r->path, 0, 0, "unknown ref '%s'; did you mean '%s'?", spec, near);
    else
        lt_error(d, r->path, 0, 0, "unknown ref '%s': not a tag, branch or commit", spec);
    lt_diag_free(quiet);
    lt_map_free(&names);
    free(c);
}

int lt_repo_resolve(lt_version_list *out, lt_repo *r, const char *spec,
                    const lt_version_rules *rules, lt_diag *d)
{
    git_object *obj = NULL, *peeled = NULL;
    git_reference *ref = NULL, *resolved = NULL;
    int rc = -1;
    list_init(out);
    out->items = lt_xcalloc(1, sizeof *out->items);
    lt_version *v = &out->items[0];

    if (git_revparse_ext(&obj, &ref, r->git, spec) < 0) {
        /* Version selection finds origin's branches too; so does --ref. */
        char *remote = lt_arena_printf(out->arena, "refs/remotes/origin/%s", spec);
        if (git_reference_lookup(&ref, r->git, remote) < 0 ||
            git_reference_peel(&obj, ref, GIT_OBJECT_COMMIT) < 0) {
            report_unknown(r, spec, out->arena, d);
            goto done;
        }
    }
    if (git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT) < 0) {
        lt_error(d, r->path, 0, 0, "ref '%s' does not point to a commit", spec);
        goto done;
    }
    /* HEAD or another symbolic ref stands for the branch it points to. */
    if (ref && git_reference_resolve(&resolved, ref) == 0 &&
        classify(git_reference_name(resolved), &v->kind, &v->name)) {
        v->ref = lt_arena_strdup(out->arena, git_reference_name(resolved));
        v->name = v->ref + (v->name - git_reference_name(resolved));
        v->prerelease = v->kind == LT_VERSION_TAG && is_prerelease(rules, v->name);
        const char *why;
        v->folder = lt_repo_folder(out->arena, v->name, &why);
        if (!v->folder) {
            lt_error(d, r->path, 0, 0, "%s '%s' cannot be published as a version folder: %s",
                     kind_word(v->kind), v->name, why);
            goto done;
        }
    } else {
        char id[13];
        git_oid_tostr(id, sizeof id, git_object_id(peeled));
        v->kind = LT_VERSION_COMMIT;
        v->name = lt_arena_strdup(out->arena, spec);
        v->folder = lt_arena_strdup(out->arena, id);
    }
    if (fill_from_commit(v, r, (const git_commit *)peeled, d) < 0)
        goto done;
    v->latest = 1;
    out->n = 1;
    rc = 0;
done:
    git_reference_free(resolved);
    git_reference_free(ref);
    git_object_free(peeled);
    git_object_free(obj);
    return rc;
}

lt_source *lt_repo_source(lt_repo *r, const lt_version *v)
{
    return lt_source_git_new_cached(r->git, v->tree, v->name, r->cache);
}

void lt_version_list_free(lt_version_list *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->n; i++)
        git_tree_free(l->items[i].tree);
    free(l->items);
    lt_arena_free(l->arena);
    memset(l, 0, sizeof *l);
}
