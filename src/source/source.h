/* One interface over where content comes from: a folder on disk today, a
 * git tree from the object database later. Paths are site-relative with
 * '/' separators. Ownership: lt_source_*_new / lt_source_free. */
#ifndef LT_SOURCE_SOURCE_H
#define LT_SOURCE_SOURCE_H

#include "util/diag.h"

#include <stddef.h>

typedef enum { LT_ENTRY_FILE, LT_ENTRY_SYMLINK, LT_ENTRY_OTHER } lt_entry_kind;

typedef struct lt_source_entry {
    const char *path; /* borrowed for the duration of the callback */
    lt_entry_kind kind;
} lt_source_entry;

typedef int (*lt_source_visit)(void *ctx, const lt_source_entry *e);

typedef struct lt_source lt_source;

typedef struct lt_source_ops {
    /* Calls visit for every file entry, in byte order
     * of path, skipping folders for which skip_dir returns 1. */
    int (*list)(lt_source *s, int (*skip_dir)(void *ctx, const char *path), lt_source_visit visit,
                void *ctx);
    /* Reads a file; *out is malloc'd and NUL-terminated. Returns 0 or -errno. */
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
