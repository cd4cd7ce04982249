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

typedef struct {
    char *name;
    struct stat st;
    int ok; /* lstat succeeded */
} fs_child;

/* A folder sorts as if its name ended in '/', so that the visit order is the
 * byte order of full paths ("a-b.md" < "a.md" < "a/x.md"), as in a git tree. */
static int cmp_children(const void *pa, const void *pb)
{
    const fs_child *a = pa, *b = pb;
    const unsigned char *x = (const unsigned char *)a->name, *y = (const unsigned char *)b->name;
    while (*x && *x == *y)
        x++, y++;
    int cx = *x ? *x : (a->ok && S_ISDIR(a->st.st_mode) ? '/' : 0);
    int cy = *y ? *y : (b->ok && S_ISDIR(b->st.st_mode) ? '/' : 0);
    return cx - cy;
}

static int walk(fs_source *s, lt_buf *rel, int (*skip_dir)(void *, const char *),
                lt_source_visit visit, void *ctx)
{
    int rc = 0;
    char *abs = lt_source_fs_path(&s->base, lt_buf_cstr(rel));
    DIR *dir = opendir(abs);
    fs_child *kids = NULL;
    size_t n = 0, cap = 0, base_len = rel->len;
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
            kids = lt_xrealloc(kids, cap * sizeof *kids);
        }
        fs_child *k = &kids[n++];
        k->name = lt_xstrdup(de->d_name);
        rel->len = base_len;
        if (base_len)
            lt_buf_putc(rel, '/');
        lt_buf_puts(rel, k->name);
        char *child = lt_source_fs_path(&s->base, lt_buf_cstr(rel));
        k->ok = lstat(child, &k->st) == 0;
        free(child);
    }
    qsort(kids, n, sizeof *kids, cmp_children);
    for (size_t i = 0; i < n && rc == 0; i++) {
        rel->len = base_len;
        if (base_len)
            lt_buf_putc(rel, '/');
        lt_buf_puts(rel, kids[i].name);
        if (!kids[i].ok) {
            lt_source_entry e = {lt_buf_cstr(rel), LT_ENTRY_OTHER, NULL};
            rc = visit(ctx, &e);
        } else if (S_ISDIR(kids[i].st.st_mode)) {
            if (!skip_dir || !skip_dir(ctx, lt_buf_cstr(rel)))
                rc = walk(s, rel, skip_dir, visit, ctx);
        } else {
            mode_t m = kids[i].st.st_mode;
            lt_source_entry e = {lt_buf_cstr(rel),
                                 S_ISREG(m)   ? LT_ENTRY_FILE
                                 : S_ISLNK(m) ? LT_ENTRY_SYMLINK
                                              : LT_ENTRY_OTHER,
                                 NULL};
            rc = visit(ctx, &e);
        }
    }
    rel->len = base_len;
    if (rel->data)
        rel->data[base_len] = '\0';
done:
    for (size_t i = 0; i < n; i++)
        free(kids[i].name);
    free(kids);
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
