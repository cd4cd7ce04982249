#include "source/history.h"

#include "util/buf.h"
#include "util/map.h"

#include <git2.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* One file at one version. */
typedef struct {
    int present;
    lt_file_history info;
    const char **names; /* info.authors while building; interned strings */
    size_t cap;
} slot;

typedef struct {
    const char *path; /* its key in lt_history.files */
    slot *slots;      /* one per version */
} file_rec;

struct lt_history {
    size_t nversions;
    lt_map files; /* site path → file_rec */
    lt_arena *arena;
};

/* A commit that changed at least one file of a version. */
typedef struct {
    lt_history_commit info;
    const char *author;
} commit_rec;

/* Which versions reach a commit, known before the commit comes up. A
 * version reaches a commit for a path when `git log VERSION -- path` walks
 * through it: at a merge that has the content of one of its parents at the
 * path, that log follows only the first such parent. So the set depends on
 * the path: `base` holds it for every path but those in `special`, where a
 * merge above made it differ. Those are few, and short-lived: they meet the
 * base again where the merged branch forked. */
typedef struct {
    uint64_t *base;
    lt_map special; /* file path → bitset */
} commit_state;

/* A file path of some version that differs between a commit and its first
 * parent. */
typedef struct {
    file_rec *file;
    int present; /* 0: the commit removed it */
    git_oid blob;
    git_filemode_t mode;
} change;

typedef struct {
    lt_history *h;
    lt_repo *r;
    git_mailmap *mailmap;
    lt_map names;  /* author name → the same interned string */
    lt_map states; /* hex commit id → commit_state */
    size_t words;  /* of a bitset */
    uint64_t *none;
    lt_buf path;
    change *changes;
    size_t nchanges, cap;
    lt_diag *d;
} walk_state;

static const char *git_message(void)
{
    const git_error *e = git_error_last();
    return e && e->message ? e->message : "unknown libgit2 error";
}

static int is_file_mode(git_filemode_t mode)
{
    return mode == GIT_FILEMODE_BLOB || mode == GIT_FILEMODE_BLOB_EXECUTABLE ||
           mode == GIT_FILEMODE_LINK;
}

/* ---- the files of every version ----------------------------------------- */

typedef struct {
    lt_history *h;
    size_t version;
} tree_walk_ctx;

static int add_version_file(const char *root, const git_tree_entry *e, void *payload)
{
    tree_walk_ctx *c = payload;
    lt_history *h = c->h;
    if (!is_file_mode(git_tree_entry_filemode(e)))
        return 0;
    char *path = lt_arena_printf(h->arena, "%s%s", root, git_tree_entry_name(e));
    file_rec *f = lt_map_get(&h->files, path);
    if (!f) {
        f = lt_arena_alloc(h->arena, sizeof *f);
        f->path = path;
        f->slots = lt_arena_alloc(h->arena, h->nversions * sizeof *f->slots);
        lt_map_put(&h->files, path, f);
    }
    f->slots[c->version].present = 1;
    return 0;
}

/* ---- sets of versions --------------------------------------------------- */

static uint64_t *bits_new(walk_state *w)
{
    return lt_arena_alloc(w->h->arena, w->words * sizeof(uint64_t));
}

static void bits_or(uint64_t *to, const uint64_t *from, size_t words)
{
    for (size_t i = 0; i < words; i++)
        to[i] |= from[i];
}

static commit_state *state_get(walk_state *w, const git_oid *id)
{
    char hex[GIT_OID_HEXSZ + 1];
    git_oid_tostr(hex, sizeof hex, id);
    commit_state *s = lt_map_get(&w->states, hex);
    if (!s) {
        s = lt_arena_alloc(w->h->arena, sizeof *s);
        s->base = bits_new(w);
        lt_map_init(&s->special);
        lt_map_put(&w->states, lt_arena_strdup(w->h->arena, hex), s);
    }
    return s;
}

static const uint64_t *reach_of(const commit_state *s, const char *path)
{
    const uint64_t *bits = lt_map_get(&s->special, path);
    return bits ? bits : s->base;
}

/* Drops the special sets that came back to the base set. */
static void prune(walk_state *w, commit_state *s)
{
    if (!s->special.len)
        return;
    lt_map kept;
    lt_map_init(&kept);
    for (size_t i = 0; i < s->special.cap; i++)
        if (s->special.keys[i] &&
            memcmp(s->special.values[i], s->base, w->words * sizeof(uint64_t)) != 0)
            lt_map_put(&kept, s->special.keys[i], s->special.values[i]);
    lt_map_free(&s->special);
    s->special = kept;
}

/* Adds what a child passes to a parent: `generic` (NULL: nothing) for every
 * path, except the paths in `special`, which pass their own set. */
static void contribute(walk_state *w, commit_state *to, const uint64_t *generic,
                       const lt_map *special)
{
    for (size_t i = 0; generic && i < to->special.cap; i++)
        if (to->special.keys[i] && !lt_map_get(special, to->special.keys[i]))
            bits_or(to->special.values[i], generic, w->words);
    for (size_t i = 0; i < special->cap; i++) {
        if (!special->keys[i])
            continue;
        uint64_t *bits = lt_map_get(&to->special, special->keys[i]);
        if (!bits) {
            bits = bits_new(w);
            memcpy(bits, to->base, w->words * sizeof(uint64_t));
            lt_map_put(&to->special, special->keys[i], bits);
        }
        bits_or(bits, special->values[i], w->words);
    }
    if (generic)
        bits_or(to->base, generic, w->words);
}

/* ---- one commit --------------------------------------------------------- */

static const char *intern_name(walk_state *w, const char *name)
{
    const char *s = lt_map_get(&w->names, name);
    if (!s) {
        s = lt_arena_strdup(w->h->arena, name);
        lt_map_put(&w->names, s, (void *)s);
    }
    return s;
}

static commit_rec *commit_record(walk_state *w, const git_commit *commit)
{
    commit_rec *c = lt_arena_alloc(w->h->arena, sizeof *c);
    git_oid_tostr(c->info.id, sizeof c->info.id, git_commit_id(commit));
    c->info.time = (int64_t)git_commit_time(commit);
    c->info.offset = git_commit_time_offset(commit);
    lt_repo_format_time(c->info.date, c->info.time, c->info.offset);
    git_signature *sig = NULL;
    /* Never the e-mail address: only the (mailmapped) name is kept. */
    if (git_commit_author_with_mailmap(&sig, commit, w->mailmap) == 0 && sig->name && *sig->name)
        c->author = intern_name(w, sig->name);
    git_signature_free(sig);
    return c;
}

static void add_author(slot *s, const char *name)
{
    for (size_t i = 0; i < s->info.nauthors; i++)
        if (s->names[i] == name)
            return;
    if (s->info.nauthors == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 4;
        s->names = lt_xrealloc(s->names, s->cap * sizeof *s->names);
    }
    s->names[s->info.nauthors++] = name;
}

/* Credits a commit's change of a file to every version that reaches it. */
static void credit(const change *c, const commit_rec *rec, const uint64_t *reach, size_t words)
{
    for (size_t word = 0; word < words; word++) {
        for (uint64_t bits = reach[word]; bits; bits &= bits - 1) {
            slot *s = &c->file->slots[word * 64 + (size_t)__builtin_ctzll(bits)];
            if (!s->present)
                continue;
            if (rec->author)
                add_author(s, rec->author);
            /* Newest first: only the version's own content can come up
             * first, as every other change on its log is an ancestor. */
            if (!s->info.last && c->present)
                s->info.last = &rec->info;
        }
    }
}

static void add_change(walk_state *w, const git_tree_entry *e)
{
    file_rec *f = lt_map_get(&w->h->files, lt_buf_cstr(&w->path));
    if (!f)
        return;
    if (w->nchanges == w->cap) {
        w->cap = w->cap ? w->cap * 2 : 64;
        w->changes = lt_xrealloc(w->changes, w->cap * sizeof *w->changes);
    }
    change *c = &w->changes[w->nchanges++];
    memset(c, 0, sizeof *c);
    c->file = f;
    c->present = e != NULL;
    if (e) {
        git_oid_cpy(&c->blob, git_tree_entry_id(e));
        c->mode = git_tree_entry_filemode(e);
    }
}

static void push_name(lt_buf *path, size_t base, const char *name)
{
    path->len = base;
    if (base)
        lt_buf_putc(path, '/');
    lt_buf_puts(path, name);
}

static int lookup_subtree(git_tree **out, walk_state *w, const git_tree_entry *e)
{
    *out = NULL;
    if (!e || git_tree_entry_type(e) != GIT_OBJECT_TREE)
        return 0;
    return git_tree_lookup(out, w->r->git, git_tree_entry_id(e));
}

/* Collects the files whose blob or mode differs between `from` and `to`
 * (either may be NULL: an empty tree), descending only into subtrees whose
 * ids differ. A file only in `from` was removed, which changes it too, as
 * for `git log -- path`. */
static int diff_trees(walk_state *w, const git_tree *from, const git_tree *to)
{
    size_t base = w->path.len;
    int rc = 0;
    for (size_t i = 0, n = to ? git_tree_entrycount(to) : 0; i < n && rc == 0; i++) {
        const git_tree_entry *e = git_tree_entry_byindex(to, i);
        const git_tree_entry *old =
            from ? git_tree_entry_byname(from, git_tree_entry_name(e)) : NULL;
        if (old && git_oid_equal(git_tree_entry_id(old), git_tree_entry_id(e)) &&
            git_tree_entry_filemode(old) == git_tree_entry_filemode(e))
            continue;
        push_name(&w->path, base, git_tree_entry_name(e));
        git_tree *sub_to = NULL, *sub_from = NULL;
        if (lookup_subtree(&sub_to, w, e) < 0 || lookup_subtree(&sub_from, w, old) < 0)
            rc = -1;
        else if (sub_to || sub_from)
            rc = diff_trees(w, sub_from, sub_to);
        /* A file replaced by a folder, or the reverse, changed too. */
        if (rc == 0 && is_file_mode(git_tree_entry_filemode(e)))
            add_change(w, e);
        else if (rc == 0 && old && is_file_mode(git_tree_entry_filemode(old)))
            add_change(w, NULL);
        git_tree_free(sub_from);
        git_tree_free(sub_to);
    }
    for (size_t i = 0, n = from ? git_tree_entrycount(from) : 0; i < n && rc == 0; i++) {
        const git_tree_entry *old = git_tree_entry_byindex(from, i);
        if (to && git_tree_entry_byname(to, git_tree_entry_name(old)))
            continue;
        push_name(&w->path, base, git_tree_entry_name(old));
        git_tree *sub_from = NULL;
        if (lookup_subtree(&sub_from, w, old) < 0)
            rc = -1;
        else if (sub_from)
            rc = diff_trees(w, sub_from, NULL);
        else if (is_file_mode(git_tree_entry_filemode(old)))
            add_change(w, NULL);
        git_tree_free(sub_from);
    }
    w->path.len = base;
    if (w->path.data)
        w->path.data[base] = '\0';
    return rc;
}

/* For a path where a merge differs from its first parent: the index of the
 * first other parent with the merge's content there, the only one that
 * `git log -- path` follows; -1 when the merge differs from every parent,
 * that is, changed the file itself. */
static int followed_parent(git_tree *const *parents, size_t n, const change *c)
{
    for (size_t k = 1; k < n; k++) {
        git_tree_entry *e = NULL;
        int found = parents[k] && git_tree_entry_bypath(&e, parents[k], c->file->path) == 0 &&
                    is_file_mode(git_tree_entry_filemode(e));
        int same = c->present ? found && git_oid_equal(git_tree_entry_id(e), &c->blob) &&
                                    git_tree_entry_filemode(e) == c->mode
                              : !found;
        git_tree_entry_free(e);
        if (same)
            return (int)k;
    }
    return -1;
}

/* The site tree of a commit; NULL (and 0) when it has no site folder. */
static int site_tree(git_tree **out, walk_state *w, const git_commit *c)
{
    int rc = lt_repo_site_tree(out, w->r, c);
    return rc == GIT_ENOTFOUND ? 0 : rc;
}

static int same_tree(const git_tree *a, const git_tree *b)
{
    return a && b ? git_oid_equal(git_tree_id(a), git_tree_id(b)) : a == b;
}

/* Credits the commit's changes to the versions that reach it, then passes
 * those versions on to its parents. */
static int visit_commit(walk_state *w, const git_oid *id)
{
    commit_state *st = state_get(w, id);
    git_commit *commit = NULL;
    git_tree *tree = NULL;
    git_tree **ptrees = NULL; /* the parents' site trees */
    lt_map *special = NULL;   /* per parent */
    commit_rec *rec = NULL;
    size_t n = 0;
    int rc = -1;
    if (git_commit_lookup(&commit, w->r->git, id) < 0 || site_tree(&tree, w, commit) < 0)
        goto done;
    n = git_commit_parentcount(commit);
    ptrees = lt_xcalloc(n, sizeof *ptrees);
    special = lt_xcalloc(n, sizeof *special);
    for (size_t k = 0; k < n; k++) {
        git_commit *parent = NULL;
        int err = git_commit_parent(&parent, commit, (unsigned)k);
        if (err == 0)
            err = site_tree(&ptrees[k], w, parent);
        git_commit_free(parent);
        if (err < 0)
            goto done;
    }
    w->nchanges = 0;
    if (!same_tree(n ? ptrees[0] : NULL, tree) && diff_trees(w, n ? ptrees[0] : NULL, tree) < 0)
        goto done;

    prune(w, st);
    for (size_t i = 0; n && i < st->special.cap; i++)
        if (st->special.keys[i])
            lt_map_put(&special[0], st->special.keys[i], st->special.values[i]);
    for (size_t i = 0; i < w->nchanges; i++) {
        const change *c = &w->changes[i];
        int k = n > 1 ? followed_parent(ptrees, n, c) : -1;
        uint64_t *reach = (uint64_t *)reach_of(st, c->file->path);
        if (k < 0) {
            if (!rec)
                rec = commit_record(w, commit);
            credit(c, rec, reach, w->words);
            for (size_t j = 1; j < n; j++)
                lt_map_put(&special[j], c->file->path, reach);
        } else {
            lt_map_put(&special[0], c->file->path, w->none);
            lt_map_put(&special[k], c->file->path, reach);
        }
    }
    /* A merge passes its generic set to its first parent only: at every
     * path where it matches that parent, which is nearly all of them. */
    for (size_t k = 0; k < n; k++)
        contribute(w, state_get(w, git_commit_parent_id(commit, (unsigned)k)),
                   k == 0 ? st->base : NULL, &special[k]);
    rc = 0;
done:
    if (rc < 0)
        lt_error(w->d, w->r->path, 0, 0, "cannot read the history: %s", git_message());
    for (size_t k = 0; k < n; k++) {
        git_tree_free(ptrees[k]);
        lt_map_free(&special[k]);
    }
    free(ptrees);
    free(special);
    lt_map_free(&st->special);
    git_tree_free(tree);
    git_commit_free(commit);
    return rc;
}

/* The .mailmap committed at the root of the latest version, or NULL. */
static git_mailmap *load_mailmap(lt_repo *r, const lt_version_list *versions)
{
    const lt_version *latest = versions->n ? &versions->items[versions->n - 1] : NULL;
    for (size_t i = 0; i < versions->n; i++)
        if (versions->items[i].latest)
            latest = &versions->items[i];
    git_commit *c = NULL;
    git_tree *root = NULL;
    git_tree_entry *e = NULL;
    git_blob *blob = NULL;
    git_mailmap *mm = NULL;
    if (!latest || git_commit_lookup(&c, r->git, &latest->commit) < 0 ||
        git_commit_tree(&root, c) < 0 || git_tree_entry_bypath(&e, root, ".mailmap") < 0 ||
        git_tree_entry_type(e) != GIT_OBJECT_BLOB ||
        git_blob_lookup(&blob, r->git, git_tree_entry_id(e)) < 0)
        goto done;
    /* A malformed .mailmap only loses the name mapping. */
    if (git_mailmap_from_buffer(&mm, git_blob_rawcontent(blob), (size_t)git_blob_rawsize(blob)) < 0)
        mm = NULL;
done:
    git_blob_free(blob);
    git_tree_entry_free(e);
    git_tree_free(root);
    git_commit_free(c);
    return mm;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int lt_history_build(lt_history **out, lt_repo *r, const lt_version_list *versions, lt_diag *d)
{
    git_revwalk *walk = NULL;
    int rc = -1;
    *out = NULL;
    if (r->shallow)
        return LT_HISTORY_SHALLOW;
    lt_history *h = lt_xcalloc(1, sizeof *h);
    h->nversions = versions->n;
    h->arena = lt_arena_new();
    lt_map_init(&h->files);
    walk_state w = {.h = h, .r = r, .d = d, .words = (versions->n + 63) / 64};
    w.none = bits_new(&w);
    lt_map_init(&w.names);
    lt_map_init(&w.states);
    w.mailmap = load_mailmap(r, versions);

    if (git_revwalk_new(&walk, r->git) < 0 ||
        git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME) < 0)
        goto fail;
    for (size_t v = 0; v < versions->n; v++) {
        const lt_version *ver = &versions->items[v];
        tree_walk_ctx c = {h, v};
        if (git_tree_walk(ver->tree, GIT_TREEWALK_PRE, add_version_file, &c) < 0 ||
            git_revwalk_push(walk, &ver->commit) < 0)
            goto fail;
        state_get(&w, &ver->commit)->base[v / 64] |= (uint64_t)1 << (v % 64);
    }
    /* Topological order hands out every child before its parents, so what
     * reaches a commit is complete when it comes up. */
    git_oid id;
    int err;
    while ((err = git_revwalk_next(&id, walk)) == 0)
        if (visit_commit(&w, &id) < 0)
            goto done;
    if (err != GIT_ITEROVER)
        goto fail;
    for (size_t i = 0; i < h->files.cap; i++) {
        file_rec *f = h->files.values[i];
        for (size_t v = 0; h->files.keys[i] && v < h->nversions; v++) {
            slot *s = &f->slots[v];
            if (s->info.nauthors > 1)
                qsort(s->names, s->info.nauthors, sizeof *s->names, cmp_names);
            s->info.authors = s->names;
        }
    }
    *out = h;
    h = NULL;
    rc = 0;
    goto done;
fail:
    lt_error(d, r->path, 0, 0, "cannot read the history: %s", git_message());
done:
    /* Commits the walk did not reach after a failure still hold their map. */
    for (size_t i = 0; i < w.states.cap; i++)
        if (w.states.keys[i])
            lt_map_free(&((commit_state *)w.states.values[i])->special);
    lt_history_free(h);
    git_revwalk_free(walk);
    git_mailmap_free(w.mailmap);
    lt_map_free(&w.names);
    lt_map_free(&w.states);
    lt_buf_free(&w.path);
    free(w.changes);
    return rc;
}

const lt_file_history *lt_history_get(const lt_history *h, size_t version, const char *path)
{
    if (!h || version >= h->nversions)
        return NULL;
    file_rec *f = lt_map_get(&h->files, path);
    if (!f || !f->slots[version].present || !f->slots[version].info.last)
        return NULL;
    return &f->slots[version].info;
}

void lt_history_free(lt_history *h)
{
    if (!h)
        return;
    for (size_t i = 0; i < h->files.cap; i++) {
        if (!h->files.keys[i])
            continue;
        file_rec *f = h->files.values[i];
        for (size_t v = 0; v < h->nversions; v++)
            free(f->slots[v].names);
    }
    lt_map_free(&h->files);
    lt_arena_free(h->arena);
    free(h);
}

/* ---- differences between two trees -------------------------------------- */

typedef struct {
    git_delta_t status;
    const char *old_path, *new_path;
    git_oid old_id, new_id;
    char old_hex[GIT_OID_HEXSZ + 1]; /* key for the exact pass */
    const char *renamed_from;        /* an addition matched to a removal */
    int similarity;
    int matched; /* a removal matched to an addition */
} delta_rec;

static int cmp_changes(const void *pa, const void *pb)
{
    const lt_change *a = pa, *b = pb;
    const char *x = a->new_path ? a->new_path : a->old_path;
    const char *y = b->new_path ? b->new_path : b->old_path;
    int c = strcmp(x, y);
    return c ? c : (int)a->kind - (int)b->kind;
}

/* Removals by blob id, then by path, so equal blobs are adjacent. */
static int cmp_removals(const void *pa, const void *pb)
{
    const delta_rec *a = *(const delta_rec *const *)pa, *b = *(const delta_rec *const *)pb;
    int c = git_oid_cmp(&a->old_id, &b->old_id);
    return c ? c : strcmp(a->old_path, b->old_path);
}

/* Pairs each addition, in path order, with the first unmatched removal of
 * the same blob. */
static void match_exact(delta_rec *d, size_t n)
{
    delta_rec **removals = lt_xmalloc((n ? n : 1) * sizeof *removals);
    size_t nr = 0;
    lt_map first; /* hex blob id → index of its first removal */
    lt_map_init(&first);
    for (size_t i = 0; i < n; i++)
        if (d[i].status == GIT_DELTA_DELETED)
            removals[nr++] = &d[i];
    qsort(removals, nr, sizeof *removals, cmp_removals);
    for (size_t i = nr; i-- > 0;)
        lt_map_put(&first, removals[i]->old_hex, (void *)(uintptr_t)(i + 1));
    for (size_t i = 0; i < n; i++) {
        if (d[i].status != GIT_DELTA_ADDED)
            continue;
        char hex[GIT_OID_HEXSZ + 1];
        git_oid_tostr(hex, sizeof hex, &d[i].new_id);
        size_t j = (size_t)(uintptr_t)lt_map_get(&first, hex);
        if (!j--)
            continue;
        while (j < nr && removals[j]->matched && git_oid_equal(&removals[j]->old_id, &d[i].new_id))
            j++;
        if (j == nr || !git_oid_equal(&removals[j]->old_id, &d[i].new_id))
            continue;
        removals[j]->matched = 1;
        d[i].renamed_from = removals[j]->old_path;
        d[i].similarity = 100;
    }
    lt_map_free(&first);
    free(removals);
}

/* Takes libgit2's similarity renames between an addition and a removal that
 * the exact pass left alone. Returns 0 or a libgit2 error. */
static int match_similar(git_diff *diff, delta_rec *d, size_t n)
{
    lt_map added, removed; /* path → unmatched delta_rec */
    int rc = 0;
    lt_map_init(&added);
    lt_map_init(&removed);
    for (size_t i = 0; i < n; i++) {
        if (d[i].status == GIT_DELTA_ADDED && !d[i].renamed_from)
            lt_map_put(&added, d[i].new_path, &d[i]);
        else if (d[i].status == GIT_DELTA_DELETED && !d[i].matched)
            lt_map_put(&removed, d[i].old_path, &d[i]);
    }
    /* Measuring similarity reads every candidate blob: not for nothing. */
    if (!added.len || !removed.len)
        goto done;
    git_diff_find_options find;
    git_diff_find_options_init(&find, GIT_DIFF_FIND_OPTIONS_VERSION);
    find.flags = GIT_DIFF_FIND_RENAMES;
    /* git's default, set here so that the user's diff.renameLimit cannot
     * change the output. */
    find.rename_limit = 1000;
    rc = git_diff_find_similar(diff, &find);
    for (size_t i = 0, m = rc < 0 ? 0 : git_diff_num_deltas(diff); i < m; i++) {
        const git_diff_delta *g = git_diff_get_delta(diff, i);
        if (g->status != GIT_DELTA_RENAMED)
            continue;
        delta_rec *to = lt_map_get(&added, g->new_file.path);
        delta_rec *from = lt_map_get(&removed, g->old_file.path);
        if (!to || !from || to->renamed_from || from->matched)
            continue;
        from->matched = 1;
        to->renamed_from = from->old_path;
        to->similarity = g->similarity;
    }
done:
    lt_map_free(&added);
    lt_map_free(&removed);
    return rc;
}

int lt_history_diff(lt_change **out, size_t *n, lt_repo *r, const git_tree *from,
                    const git_tree *to, lt_arena *a, lt_diag *d)
{
    git_diff *diff = NULL;
    delta_rec *recs = NULL;
    int rc = -1;
    *out = NULL;
    *n = 0;
    git_diff_options opts;
    git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION);
    opts.flags = GIT_DIFF_INCLUDE_TYPECHANGE;
    /* The trees are only read; libgit2 takes them without const. */
    if (git_diff_tree_to_tree(&diff, r->git, (git_tree *)from, (git_tree *)to, &opts) < 0)
        goto fail;
    size_t m = git_diff_num_deltas(diff);
    recs = lt_xcalloc(m, sizeof *recs);
    for (size_t i = 0; i < m; i++) {
        const git_diff_delta *g = git_diff_get_delta(diff, i);
        recs[i].status = g->status;
        recs[i].old_path = lt_arena_strdup(a, g->old_file.path);
        recs[i].new_path = lt_arena_strdup(a, g->new_file.path);
        git_oid_cpy(&recs[i].old_id, &g->old_file.id);
        git_oid_cpy(&recs[i].new_id, &g->new_file.id);
        git_oid_tostr(recs[i].old_hex, sizeof recs[i].old_hex, &g->old_file.id);
    }
    match_exact(recs, m);
    if (match_similar(diff, recs, m) < 0)
        goto fail;

    lt_change *changes = lt_arena_alloc(a, (m ? m : 1) * sizeof *changes);
    size_t k = 0;
    for (size_t i = 0; i < m; i++) {
        delta_rec *x = &recs[i];
        lt_change *c = &changes[k];
        switch (x->status) {
        case GIT_DELTA_ADDED:
            c->kind = x->renamed_from ? LT_CHANGE_RENAMED : LT_CHANGE_ADDED;
            c->old_path = x->renamed_from;
            c->new_path = x->new_path;
            c->similarity = x->similarity;
            break;
        case GIT_DELTA_DELETED:
            if (x->matched)
                continue;
            c->kind = LT_CHANGE_REMOVED;
            c->old_path = x->old_path;
            break;
        default:
            c->kind = LT_CHANGE_MODIFIED;
            c->old_path = x->old_path;
            c->new_path = x->new_path;
            break;
        }
        k++;
    }
    qsort(changes, k, sizeof *changes, cmp_changes);
    *out = changes;
    *n = k;
    rc = 0;
    goto done;
fail:
    lt_error(d, r->path, 0, 0, "cannot compare the versions: %s", git_message());
done:
    free(recs);
    git_diff_free(diff);
    return rc;
}
