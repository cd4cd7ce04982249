#include "source/source.h"

#include "util/arena.h"
#include "util/buf.h"
#include "util/map.h"

#include <errno.h>
#include <git2.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* git-lfs itself treats nothing this large as a pointer, so bigger blobs are
 * never read just to look at their first line. */
#define LFS_POINTER_MAX 1024
#define LFS_VERSION_LINE "version https://git-lfs.github.com/spec/v1"

/* Blobs up to this size are kept once read, for the other versions that
 * have them: text, not images and downloads. */
#define KEEP_BLOB_MAX (256 * 1024)

/* A blob's bytes, NUL-terminated. */
typedef struct kept_blob {
    char *data;
    size_t len;
} kept_blob;

struct lt_source_git_cache {
    pthread_mutex_t lock;
    lt_map lfs;   /* hex blob id → the kind it lists as */
    lt_map blobs; /* hex blob id → kept_blob */
    lt_arena *arena;
};

typedef struct {
    lt_source base;
    char *name;
    lt_source_git_cache *cache;
    git_tree *tree;
    git_odb *odb;
    /* libgit2 objects such as the tree must not be used by two threads at
     * once, while the object database locks itself: the lock covers the path
     * lookup in the shared tree only, so blobs inflate in parallel. */
    pthread_mutex_t lock;
    /* Full path → git_oid of every regular blob seen by list, so a read of a
     * listed path skips the serialized lookup in the tree. Written only by
     * list, which never runs alongside another use of the source; read
     * without a lock. Keys and ids live in `arena`. */
    lt_map blob_ids;
    lt_arena *arena;
} git_source;

typedef struct {
    git_source *s;
    int (*skip_dir)(void *, const char *);
    lt_source_visit visit;
    void *ctx;
    lt_buf path;
} list_state;

int lt_source_is_lfs_pointer(const char *data, size_t len)
{
    size_t n = sizeof LFS_VERSION_LINE - 1;
    return len < LFS_POINTER_MAX && len > n && memcmp(data, LFS_VERSION_LINE, n) == 0 &&
           (data[n] == '\n' || data[n] == '\r');
}

/* Git orders tree entries as if a subtree's name ended in '/'; walking in
 * that order yields full paths in byte order. Trees written by git are
 * already sorted so; sorting again guards against trees from other tools. */
static int cmp_entries(const void *pa, const void *pb)
{
    const git_tree_entry *a = *(const git_tree_entry *const *)pa;
    const git_tree_entry *b = *(const git_tree_entry *const *)pb;
    const unsigned char *x = (const unsigned char *)git_tree_entry_name(a);
    const unsigned char *y = (const unsigned char *)git_tree_entry_name(b);
    while (*x && *x == *y)
        x++, y++;
    int cx = *x ? *x : (git_tree_entry_type(a) == GIT_OBJECT_TREE ? '/' : 0);
    int cy = *y ? *y : (git_tree_entry_type(b) == GIT_OBJECT_TREE ? '/' : 0);
    return cx - cy;
}

/* LT_ENTRY_LFS or LT_ENTRY_FILE for a blob; `hex` is its id. */
static lt_entry_kind blob_kind(git_source *s, const git_oid *id, const char *hex)
{
    size_t size = 0;
    git_object_t type;
    git_odb_object *obj = NULL;
    lt_entry_kind kind = LT_ENTRY_FILE;
    lt_source_git_cache *c = s->cache;
    if (c) {
        pthread_mutex_lock(&c->lock);
        void *known = lt_map_get(&c->lfs, hex);
        pthread_mutex_unlock(&c->lock);
        if (known)
            return (lt_entry_kind)((uintptr_t)known - 1);
    }
    /* An unreadable blob is not an LFS pointer; read reports the failure. */
    if (git_odb_read_header(&size, &type, s->odb, id) == 0 && size < LFS_POINTER_MAX &&
        git_odb_read(&obj, s->odb, id) == 0 &&
        lt_source_is_lfs_pointer(git_odb_object_data(obj), git_odb_object_size(obj)))
        kind = LT_ENTRY_LFS;
    git_odb_object_free(obj);
    if (c) {
        pthread_mutex_lock(&c->lock);
        /* Stored off by one: a NULL value means "not known yet". */
        if (!lt_map_get(&c->lfs, hex))
            lt_map_put(&c->lfs, lt_arena_strdup(c->arena, hex), (void *)((uintptr_t)kind + 1));
        pthread_mutex_unlock(&c->lock);
    }
    return kind;
}

/* Remembers the blob id of a listed path for git_read. The tree never
 * changes, so a path recorded by an earlier list is already right. */
static void record_blob(git_source *s, const char *path, const git_oid *id)
{
    if (lt_map_get(&s->blob_ids, path))
        return;
    git_oid *copy = lt_arena_alloc(s->arena, sizeof *copy);
    git_oid_cpy(copy, id);
    lt_map_put(&s->blob_ids, lt_arena_strdup(s->arena, path), copy);
}

static int walk(list_state *st, const git_tree *tree)
{
    size_t n = git_tree_entrycount(tree);
    const git_tree_entry **entries = lt_xmalloc(n * sizeof *entries);
    size_t base_len = st->path.len;
    int rc = 0;
    for (size_t i = 0; i < n; i++)
        entries[i] = git_tree_entry_byindex(tree, i);
    qsort(entries, n, sizeof *entries, cmp_entries);
    for (size_t i = 0; i < n && rc == 0; i++) {
        const git_tree_entry *e = entries[i];
        st->path.len = base_len;
        if (base_len)
            lt_buf_putc(&st->path, '/');
        lt_buf_puts(&st->path, git_tree_entry_name(e));
        const char *path = lt_buf_cstr(&st->path);
        char id[GIT_OID_HEXSZ + 1];
        git_oid_tostr(id, sizeof id, git_tree_entry_id(e));
        lt_source_entry out = {path, LT_ENTRY_OTHER, id};
        switch (git_tree_entry_filemode(e)) {
        case GIT_FILEMODE_TREE: {
            if (st->skip_dir && st->skip_dir(st->ctx, path))
                continue;
            git_tree *sub = NULL;
            if (git_tree_lookup(&sub, git_tree_owner(tree), git_tree_entry_id(e)) < 0) {
                rc = -EIO;
                break;
            }
            rc = walk(st, sub);
            git_tree_free(sub);
            continue;
        }
        case GIT_FILEMODE_BLOB:
        case GIT_FILEMODE_BLOB_EXECUTABLE:
            record_blob(st->s, path, git_tree_entry_id(e));
            out.kind = blob_kind(st->s, git_tree_entry_id(e), id);
            break;
        case GIT_FILEMODE_LINK:
            out.kind = LT_ENTRY_SYMLINK;
            break;
        case GIT_FILEMODE_COMMIT:
            out.kind = LT_ENTRY_SUBMODULE;
            break;
        default:
            break;
        }
        if (rc == 0)
            rc = st->visit(st->ctx, &out);
    }
    st->path.len = base_len;
    if (st->path.data)
        st->path.data[base_len] = '\0';
    free(entries);
    return rc;
}

static int git_list(lt_source *base, int (*skip_dir)(void *, const char *), lt_source_visit visit,
                    void *ctx)
{
    list_state st = {(git_source *)base, skip_dir, visit, ctx, LT_BUF_INIT};
    int rc = walk(&st, st.s->tree);
    lt_buf_free(&st.path);
    return rc;
}

/* A copy of a kept blob into *out; 0 when it is not kept. */
static int take_kept(lt_source_git_cache *c, const char *hex, char **out, size_t *out_len)
{
    if (!c)
        return 0;
    pthread_mutex_lock(&c->lock);
    const kept_blob *k = lt_map_get(&c->blobs, hex);
    if (k) {
        *out = lt_xmalloc(k->len + 1);
        memcpy(*out, k->data, k->len + 1);
        *out_len = k->len;
    }
    pthread_mutex_unlock(&c->lock);
    return k != NULL;
}

static void keep(lt_source_git_cache *c, const char *hex, const char *data, size_t len)
{
    if (!c || len > KEEP_BLOB_MAX)
        return;
    pthread_mutex_lock(&c->lock);
    if (!lt_map_get(&c->blobs, hex)) {
        kept_blob *k = lt_arena_alloc(c->arena, sizeof *k);
        k->data = lt_arena_alloc(c->arena, len + 1);
        memcpy(k->data, data, len + 1);
        k->len = len;
        lt_map_put(&c->blobs, lt_arena_strdup(c->arena, hex), k);
    }
    pthread_mutex_unlock(&c->lock);
}

/* The blob `id` into *out: kept bytes when another version read them, else
 * from the object database. */
static int read_blob(git_source *s, const git_oid *id, char **out, size_t *out_len)
{
    git_odb_object *obj = NULL;
    int rc = 0;
    char hex[GIT_OID_HEXSZ + 1];
    git_oid_tostr(hex, sizeof hex, id);
    if (take_kept(s->cache, hex, out, out_len))
        goto done;
    if (git_odb_read(&obj, s->odb, id) < 0 || git_odb_object_type(obj) != GIT_OBJECT_BLOB) {
        rc = -EIO;
        goto done;
    }
    size_t len = git_odb_object_size(obj);
    char *data = lt_xmalloc(len + 1);
    memcpy(data, git_odb_object_data(obj), len);
    data[len] = '\0';
    *out = data;
    *out_len = len;
    keep(s->cache, hex, data, len);
done:
    git_odb_object_free(obj);
    return rc;
}

/* The blob id of `path` looked up in the tree, for paths list has not
 * recorded: not listed yet, or not a regular file (hence the errors). */
static int lookup_blob(git_source *s, const char *path, git_oid *out)
{
    git_tree_entry *e = NULL;
    int rc = 0;
    pthread_mutex_lock(&s->lock);
    int found = git_tree_entry_bypath(&e, s->tree, path);
    pthread_mutex_unlock(&s->lock);
    if (found < 0) {
        rc = found == GIT_ENOTFOUND ? -ENOENT : -EIO;
        goto done;
    }
    switch (git_tree_entry_filemode(e)) {
    case GIT_FILEMODE_BLOB:
    case GIT_FILEMODE_BLOB_EXECUTABLE:
        git_oid_cpy(out, git_tree_entry_id(e));
        break;
    case GIT_FILEMODE_LINK:
        /* The blob holds the link target; a link is never followed. */
        rc = -ELOOP;
        break;
    case GIT_FILEMODE_TREE:
    case GIT_FILEMODE_COMMIT:
        rc = -EISDIR;
        break;
    default:
        rc = -EIO;
        break;
    }
done:
    git_tree_entry_free(e);
    return rc;
}

static int git_read(lt_source *base, const char *path, char **out, size_t *out_len)
{
    git_source *s = (git_source *)base;
    git_oid id;
    *out = NULL;
    *out_len = 0;
    const git_oid *listed = lt_map_get(&s->blob_ids, path);
    if (!listed) {
        int rc = lookup_blob(s, path, &id);
        if (rc < 0)
            return rc;
        listed = &id;
    }
    return read_blob(s, listed, out, out_len);
}

static void git_free(lt_source *base)
{
    git_source *s = (git_source *)base;
    git_tree_free(s->tree);
    git_odb_free(s->odb);
    pthread_mutex_destroy(&s->lock);
    lt_map_free(&s->blob_ids);
    lt_arena_free(s->arena);
    free(s->name);
    free(s);
}

static const lt_source_ops git_ops = {git_list, git_read, git_free};

lt_source *lt_source_git_new_cached(git_repository *repo, const git_tree *tree, const char *name,
                                    lt_source_git_cache *cache)
{
    git_source *s = lt_xcalloc(1, sizeof *s);
    /* git_tree_dup only takes a new reference; the tree is not modified. */
    if (git_repository_odb(&s->odb, repo) < 0 || git_tree_dup(&s->tree, (git_tree *)tree) < 0) {
        git_odb_free(s->odb);
        free(s);
        return NULL;
    }
    pthread_mutex_init(&s->lock, NULL);
    lt_map_init(&s->blob_ids);
    s->arena = lt_arena_new();
    s->base.ops = &git_ops;
    s->name = lt_xstrdup(name);
    s->base.name = s->name;
    s->cache = cache;
    return &s->base;
}

lt_source *lt_source_git_new(git_repository *repo, const git_tree *tree, const char *name)
{
    return lt_source_git_new_cached(repo, tree, name, NULL);
}

lt_source_git_cache *lt_source_git_cache_new(void)
{
    lt_source_git_cache *c = lt_xcalloc(1, sizeof *c);
    pthread_mutex_init(&c->lock, NULL);
    lt_map_init(&c->lfs);
    lt_map_init(&c->blobs);
    c->arena = lt_arena_new();
    return c;
}

void lt_source_git_cache_free(lt_source_git_cache *c)
{
    if (!c)
        return;
    pthread_mutex_destroy(&c->lock);
    lt_map_free(&c->lfs);
    lt_map_free(&c->blobs);
    lt_arena_free(c->arena);
    free(c);
}
