#include "publish/output.h"

#include "publish/lint.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/fs.h"
#include "util/path.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MARKER ".lontar-output"

static int dir_is_empty(const char *path)
{
    DIR *d = opendir(path);
    if (!d)
        return 0;
    int empty = 1;
    struct dirent *de;
    while ((de = readdir(d)))
        if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
            empty = 0;
    closedir(d);
    return empty;
}

/* Sibling of `path` named .<base>.<tag>-<pid>. */
static char *sibling(const char *path, const char *tag)
{
    lt_buf b = LT_BUF_INIT;
    const char *slash = strrchr(path, '/');
    if (slash)
        lt_buf_put(&b, path, (size_t)(slash - path + 1));
    lt_buf_printf(&b, ".%s.%s-%ld", slash ? slash + 1 : path, tag, (long)getpid());
    return lt_buf_detach(&b);
}

/* 1 when `inner` is `outer` or inside it (both resolved). */
static int is_within(const char *inner, const char *outer)
{
    size_t n = strlen(outer);
    return strncmp(inner, outer, n) == 0 &&
           (inner[n] == '/' || inner[n] == '\0' || (n == 1 && outer[0] == '/'));
}

int lt_output_begin(lt_output *o, const char *out_dir, const char *src_dir, lt_diag *d)
{
    memset(o, 0, sizeof *o);
    size_t n = strlen(out_dir);
    while (n > 1 && out_dir[n - 1] == '/')
        n--;
    char *final = lt_xmalloc(n + 1);
    memcpy(final, out_dir, n);
    final[n] = '\0';
    o->final = final;

    struct stat st;
    if (lstat(final, &st) == 0) {
        if (!S_ISDIR(st.st_mode)) {
            lt_error(d, final, 0, 0, "output folder exists and is not a folder");
            return -1;
        }
        lt_buf marker = LT_BUF_INIT;
        lt_buf_printf(&marker, "%s/" MARKER, final);
        int ours = lt_fs_exists(lt_buf_cstr(&marker));
        lt_buf_free(&marker);
        if (!ours && !dir_is_empty(final)) {
            lt_error(d, final, 0, 0,
                     "output folder exists and was not made by lontar; remove it or choose "
                     "another folder with -o");
            return -1;
        }
        char real_out[PATH_MAX], real_src[PATH_MAX];
        if (realpath(final, real_out) && realpath(src_dir, real_src) &&
            is_within(real_src, real_out)) {
            lt_error(d, final, 0, 0, "output folder must not contain the source folder");
            return -1;
        }
    }
    o->tmp = sibling(final, "tmp");
    lt_fs_remove_tree(o->tmp);
    int rc = lt_fs_mkdirs(o->tmp);
    if (rc < 0) {
        lt_error(d, o->tmp, 0, 0, "cannot create the output folder: %s", strerror(-rc));
        return -1;
    }
    return lt_output_write(o, MARKER, "", 0, d);
}

static char *target(lt_output *o, const char *rel, lt_diag *d)
{
    const char *why = lt_path_check(rel, strlen(rel));
    if (why) {
        lt_error(d, rel, 0, 0, "refusing to write '%s': %s", rel, why);
        return NULL;
    }
    lt_buf b = LT_BUF_INIT;
    lt_buf_printf(&b, "%s/%s", o->tmp, rel);
    return lt_buf_detach(&b);
}

size_t lt_output_lint(const lt_output *o, const char *rel, const char *data, size_t len, lt_diag *d)
{
    lt_buf shown = LT_BUF_INIT;
    lt_buf_printf(&shown, "%s/%s", o->final, rel);
    size_t n = lt_lint_output(lt_buf_cstr(&shown), rel, data, len, d);
    lt_buf_free(&shown);
    return n;
}

static int write_file(lt_output *o, const char *rel, const char *data, size_t len, int lint,
                      lt_diag *d)
{
    char *path = target(o, rel, d);
    if (!path)
        return -1;
    if (lint)
        lt_output_lint(o, rel, data, len, d);
    int rc = lt_fs_write(path, data, len);
    if (rc < 0)
        lt_error(d, rel, 0, 0, "cannot write output file: %s", strerror(-rc));
    free(path);
    return rc < 0 ? -1 : 0;
}

int lt_output_write(lt_output *o, const char *rel, const char *data, size_t len, lt_diag *d)
{
    return write_file(o, rel, data, len, 1, d);
}

int lt_output_write_linted(lt_output *o, const char *rel, const char *data, size_t len, lt_diag *d)
{
    return write_file(o, rel, data, len, 0, d);
}

int lt_output_copy(lt_output *o, const char *rel, const char *from, lt_diag *d)
{
    char *path = target(o, rel, d);
    if (!path)
        return -1;
    char *data = NULL;
    size_t len = 0;
    int rc = lt_fs_read(from, &data, &len);
    if (rc == 0) {
        lt_output_lint(o, rel, data, len, d);
        rc = lt_fs_write(path, data, len);
    }
    if (rc < 0)
        lt_error(d, rel, 0, 0, "cannot copy file: %s", strerror(-rc));
    free(data);
    free(path);
    return rc < 0 ? -1 : 0;
}

int lt_output_sub(lt_output *o, const char *folder, lt_output *view, lt_diag *d)
{
    memset(view, 0, sizeof *view);
    char *tmp = target(o, folder, d);
    if (!tmp)
        return -1;
    lt_buf final = LT_BUF_INIT;
    lt_buf_printf(&final, "%s/%s", o->final, folder);
    view->final = lt_buf_detach(&final);
    view->tmp = tmp;
    int rc = lt_fs_mkdirs(tmp);
    if (rc < 0) {
        lt_error(d, view->final, 0, 0, "cannot create the output folder: %s", strerror(-rc));
        return -1;
    }
    return 0;
}

int lt_output_commit(lt_output *o, lt_diag *d)
{
    if (lt_fs_exists(o->final)) {
        /* Exchange the two folders in one step, then drop the old one. */
        if (renameat2(AT_FDCWD, o->tmp, AT_FDCWD, o->final, RENAME_EXCHANGE) < 0) {
            char *old = sibling(o->final, "old");
            if (rename(o->final, old) < 0 || rename(o->tmp, o->final) < 0) {
                lt_error(d, o->final, 0, 0, "cannot replace the output folder: %s",
                         strerror(errno));
                free(old);
                return -1;
            }
            lt_fs_remove_tree(old);
            free(old);
            return 0;
        }
        lt_fs_remove_tree(o->tmp);
        return 0;
    }
    if (rename(o->tmp, o->final) < 0) {
        lt_error(d, o->final, 0, 0, "cannot create the output folder: %s", strerror(errno));
        return -1;
    }
    return 0;
}

void lt_output_abort(lt_output *o)
{
    if (o->tmp)
        lt_fs_remove_tree(o->tmp);
}

void lt_output_free(lt_output *o)
{
    free(o->final);
    free(o->tmp);
    memset(o, 0, sizeof *o);
}
