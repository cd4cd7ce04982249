#include "util/fs.h"

#include "util/arena.h"
#include "util/buf.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int lt_fs_read(const char *path, char **out, size_t *out_len)
{
    int rc = 0;
    char *data = NULL;
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return -errno;
    struct stat st;
    if (fstat(fd, &st) < 0) {
        rc = -errno;
        goto done;
    }
    if (!S_ISREG(st.st_mode)) {
        rc = -EINVAL;
        goto done;
    }
    size_t cap = (size_t)st.st_size + 1, len = 0;
    data = lt_xmalloc(cap);
    for (;;) {
        char *to = data + len;
        size_t room = cap - len - 1;
        char probe;
        if (room == 0) {
            /* As long as fstat said: one byte tells whether the file grew
             * since, without copying the buffer for nothing. */
            to = &probe;
            room = 1;
        }
        ssize_t n = read(fd, to, room);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            rc = -errno;
            goto done;
        }
        if (n == 0)
            break;
        if (to == &probe) {
            cap *= 2;
            data = lt_xrealloc(data, cap);
            data[len] = probe;
        }
        len += (size_t)n;
    }
    data[len] = '\0';
    *out = data;
    *out_len = len;
    data = NULL;
done:
    free(data);
    close(fd);
    return rc;
}

int lt_fs_mkdirs(const char *path)
{
    char buf[PATH_MAX];
    size_t n = strlen(path);
    if (n == 0 || n >= sizeof buf)
        return n ? -ENAMETOOLONG : 0;
    memcpy(buf, path, n + 1);
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(buf, 0777) < 0 && errno != EEXIST)
            return -errno;
        *p = '/';
    }
    if (mkdir(buf, 0777) < 0 && errno != EEXIST)
        return -errno;
    return 0;
}

static int mkparents(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash || slash == path)
        return 0;
    char buf[PATH_MAX];
    size_t n = (size_t)(slash - path);
    if (n >= sizeof buf)
        return -ENAMETOOLONG;
    memcpy(buf, path, n);
    buf[n] = '\0';
    return lt_fs_mkdirs(buf);
}

int lt_fs_write(const char *path, const char *data, size_t len)
{
    /* The folder is there for most files of a site: make it only when the
     * open says it is missing, saving a mkdir per level per file. */
    const int flags = O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW;
    int rc = 0;
    int fd = open(path, flags, 0666);
    if (fd < 0 && errno == ENOENT) {
        rc = mkparents(path);
        if (rc)
            return rc;
        fd = open(path, flags, 0666);
    }
    if (fd < 0)
        return -errno;
    size_t off = 0;
    while (off < len) {
        ssize_t n = write(fd, data + off, len - off);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            rc = -errno;
            break;
        }
        off += (size_t)n;
    }
    if (close(fd) < 0 && !rc)
        rc = -errno;
    return rc;
}

int lt_fs_copy(const char *from, const char *to)
{
    char *data = NULL;
    size_t len = 0;
    int rc = lt_fs_read(from, &data, &len);
    if (rc)
        return rc;
    rc = lt_fs_write(to, data, len);
    free(data);
    return rc;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path) < 0 && errno != ENOENT ? -1 : 0;
}

int lt_fs_remove_tree(const char *path)
{
    struct stat st;
    if (lstat(path, &st) < 0)
        return errno == ENOENT ? 0 : -errno;
    if (nftw(path, remove_entry, 32, FTW_DEPTH | FTW_PHYS) < 0)
        return -errno;
    return 0;
}

int lt_fs_is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int lt_fs_exists(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0;
}

char *lt_fs_exe_dir(void)
{
    char buf[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n <= 0)
        return NULL;
    buf[n] = '\0';
    char *slash = strrchr(buf, '/');
    if (!slash)
        return NULL;
    *slash = '\0';
    return lt_xstrdup(buf);
}
