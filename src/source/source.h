/* One interface over where content comes from: a folder on disk or a git
 * tree read straight from the object database. Paths are site-relative with
 * '/' separators. Ownership: lt_source_*_new / lt_source_free. */
#ifndef LT_SOURCE_SOURCE_H
#define LT_SOURCE_SOURCE_H

#include "util/diag.h"

#include <git2/types.h>
#include <stddef.h>

typedef enum {
    LT_ENTRY_FILE,
    LT_ENTRY_SYMLINK,   /* never followed */
    LT_ENTRY_OTHER,     /* device, socket, unreadable entry... */
    LT_ENTRY_SUBMODULE, /* git: a commit entry (gitlink, mode 160000) */
    LT_ENTRY_LFS,       /* git: a Git LFS pointer in place of the real file */
} lt_entry_kind;

typedef struct lt_source_entry {
    const char *path; /* borrowed for the duration of the callback */
    lt_entry_kind kind;
    /* Stable content id, borrowed like path: the object id in 40 hex digits
     * (the blob for files, symlinks and LFS pointers, the commit for a
     * submodule). Equal ids mean equal bytes, across versions too. NULL in a
     * folder source. */
    const char *id;
} lt_source_entry;

typedef int (*lt_source_visit)(void *ctx, const lt_source_entry *e);

typedef struct lt_source lt_source;

typedef struct lt_source_ops {
    /* Calls visit for every file entry, in byte order of the full path
     * ("a-b.md" < "a.md" < "a/x.md"), skipping folders for which skip_dir
     * returns 1. Stops at and returns the first non-zero result of visit. */
    int (*list)(lt_source *s, int (*skip_dir)(void *ctx, const char *path), lt_source_visit visit,
                void *ctx);
    /* Reads a file; *out is malloc'd and NUL-terminated. Returns 0 or -errno.
     * Safe to call from several threads at once. */
    int (*read)(lt_source *s, const char *path, char **out, size_t *out_len);
    void (*free)(lt_source *s);
} lt_source_ops;

struct lt_source {
    const lt_source_ops *ops;
    const char *name; /* shown in messages */
};

/* A folder on disk. `root` is copied. */
lt_source *lt_source_fs_new(const char *root);
/* Absolute path of a site path in a folder source (malloc'd), for copying
 * files without reading them into memory; NULL for other sources. */
char *lt_source_fs_path(lt_source *s, const char *path);

/* One git tree, read through the object database: no checkout, no
 * temporary files. `repo` is borrowed and must outlive the source; the
 * source keeps its own reference to `tree`; `name` (for messages, e.g.
 * "v1.0") is copied. read refuses symlinks (-ELOOP), folders and submodules
 * (-EISDIR); an LFS pointer reads as the pointer text. list must not run
 * while another thread uses the same source. NULL when the object database
 * cannot be opened (git_error_last() says why). */
lt_source *lt_source_git_new(git_repository *repo, const git_tree *tree, const char *name);

/* What the git sources of one build learnt about blobs, shared by the
 * sources of several versions of the same repository for the blobs they
 * have in common: whether a blob is an LFS pointer (telling costs a read of
 * its header, more than the rest of a listing), and the bytes of the text
 * files read so far (blobs up to 256 KB), so content shared by versions is
 * read from the object database once. Thread-safe. Ownership: _new/_free;
 * it must outlive its sources. */
typedef struct lt_source_git_cache lt_source_git_cache;
lt_source_git_cache *lt_source_git_cache_new(void);
void lt_source_git_cache_free(lt_source_git_cache *c);
/* lt_source_git_new with a shared cache (NULL: none). */
lt_source *lt_source_git_new_cached(git_repository *repo, const git_tree *tree, const char *name,
                                    lt_source_git_cache *cache);

/* 1 when data is a Git LFS pointer file (small, and its first line is
 * "version https://git-lfs.github.com/spec/v1"), else 0. */
int lt_source_is_lfs_pointer(const char *data, size_t len);

static inline int lt_source_read(lt_source *s, const char *path, char **out, size_t *out_len)
{
    return s->ops->read(s, path, out, out_len);
}

static inline void lt_source_free(lt_source *s)
{
    if (s)
        s->ops->free(s);
}

#endif
