/* Thin file-system helpers over POSIX. Each returns 0 or -errno. */
#ifndef LT_UTIL_FS_H
#define LT_UTIL_FS_H

#include <stddef.h>

/* Reads a whole regular file into a malloc'd, NUL-terminated buffer that the
 * caller frees. */
int lt_fs_read(const char *path, char **out, size_t *out_len);
/* Creates `path` and its missing parents. */
int lt_fs_mkdirs(const char *path);
/* Writes bytes to path, creating parent folders. */
int lt_fs_write(const char *path, const char *data, size_t len);
/* Copies a regular file. */
int lt_fs_copy(const char *from, const char *to);
/* Removes a file or folder tree; a missing path is not an error. */
int lt_fs_remove_tree(const char *path);
int lt_fs_is_dir(const char *path);
int lt_fs_exists(const char *path);
/* Folder of the running executable (malloc'd), or NULL. */
char *lt_fs_exe_dir(void);

#endif
