#include "source/source.h"

#include "util/arena.h"
#include "util/buf.h"
#include "util/fs.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct {
    lt_source base;
    char *root;
} fs_source;

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int walk(fs_source *s, lt_buf *rel, int (*skip_dir)(void *, const char *),
                lt_source_visit visit, void *ctx)
{
    int rc = 0;
    char *abs = lt_source_fs_path(&s->base, lt_buf_cstr(rel));
    DIR *dir = opendir(abs);
    char **names = NULL;
    size_t n = 0, cap = 0;
    if (!dir) {
        rc = -errno;
        goto done;
    }
    struct dirent *de;
    while ((de = readdir(dir))) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 32;
            names = lt_xrealloc(names, cap * sizeof *names);
        }
        names[n++] = lt_xstrdup(de->d_name);
    }
    qsort(names, n, sizeof *names, cmp_names);
    size_t base_len = rel->len;
    for (size_t i = 0; i < n && rc == 0; i++) {
        rel->len = base_len;
        if (base_len)
            lt_buf_putc(rel, '/');
        lt_buf_puts(rel, names[i]);
        char *child = lt_source_fs_path(&s->base, lt_buf_cstr(rel));
        struct stat st;
        if (lstat(child, &st) < 0) {
            lt_source_entry e = {lt_buf_cstr(rel), LT_ENTRY_OTHER};
            rc = visit(ctx, &e);
        } else if (S_ISDIR(st.st_mode)) {
            if (!skip_dir || !skip_dir(ctx, lt_buf_cstr(rel)))
                rc = walk(s, rel, skip_dir, visit, ctx);
        } else {
            lt_source_entry e = {lt_buf_cstr(rel),
                                 S_ISREG(st.st_mode)   ? LT_ENTRY_FILE
                                 : S_ISLNK(st.st_mode) ? LT_ENTRY_SYMLINK
                                                       : LT_ENTRY_OTHER};
            rc = visit(ctx, &e);
        }
        free(child);
    }
    rel->len = base_len;
    if (rel->data)
        rel->data[base_len] = '\0';
done:
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    if (dir)
        closedir(dir);
    free(abs);
    return rc;
}

static int fs_list(lt_source *base, int (*skip_dir)(void *, const char *), lt_source_visit visit,
                   void *ctx)
{
    lt_buf rel = LT_BUF_INIT;
    int rc = walk((fs_source *)base, &rel, skip_dir, visit, ctx);
    lt_buf_free(&rel);
    return rc;
}

static int fs_read(lt_source *base, const char *path, char **out, size_t *out_len)
{
    char *abs = lt_source_fs_path(base, path);
    int rc = lt_fs_read(abs, out, out_len);
    free(abs);
    return rc;
}

static void fs_free(lt_source *base)
{
    fs_source *s = (fs_source *)base;
    free(s->root);
    free(s);
}

static const lt_source_ops fs_ops = {fs_list, fs_read, fs_free};

lt_source *lt_source_fs_new(const char *root)
{
    fs_source *s = lt_xcalloc(1, sizeof *s);
    s->base.ops = &fs_ops;
    s->root = lt_xstrdup(root);
    s->base.name = s->root;
    return &s->base;
}

char *lt_source_fs_path(lt_source *base, const char *path)
{
    if (base->ops != &fs_ops)
        return NULL;
    fs_source *s = (fs_source *)base;
    lt_buf b = LT_BUF_INIT;
    lt_buf_puts(&b, s->root);
    if (*path) {
        lt_buf_putc(&b, '/');
        lt_buf_puts(&b, path);
    }
    return lt_buf_detach(&b);
}
