#include "util/path.h"

#include "util/buf.h"

#include <string.h>

const char *lt_path_check(const char *p, size_t n)
{
    if (n == 0)
        return "empty path";
    if (memchr(p, '\0', n))
        return "path contains a NUL byte";
    if (p[0] == '/' || p[0] == '\\')
        return "absolute path";
    if (n >= 2 && p[1] == ':')
        return "absolute path";
    size_t seg = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i == n || p[i] == '/' || p[i] == '\\') {
            size_t len = i - seg;
            if (len == 2 && p[seg] == '.' && p[seg + 1] == '.')
                return "path climbs out of its folder with '..'";
            if (len == 0 && i != n)
                return "path has an empty segment";
            seg = i + 1;
        } else if ((unsigned char)p[i] < 0x20) {
            return "path contains a control character";
        }
    }
    return NULL;
}

char *lt_path_join(lt_arena *a, const char *dir, const char *rel)
{
    lt_buf b = LT_BUF_INIT;
    const char *parts[2] = {dir ? dir : "", rel ? rel : ""};
    /* Segment stack as offsets into b. */
    size_t stack[256];
    size_t depth = 0;
    char *out = NULL;
    for (int k = 0; k < 2; k++) {
        const char *s = parts[k];
        while (*s) {
            const char *e = strchr(s, '/');
            size_t len = e ? (size_t)(e - s) : strlen(s);
            if (len == 0 || (len == 1 && s[0] == '.')) {
                /* skip */
            } else if (len == 2 && s[0] == '.' && s[1] == '.') {
                if (depth == 0)
                    goto done;
                b.len = stack[--depth];
                if (b.data)
                    b.data[b.len] = '\0';
            } else {
                if (depth == sizeof stack / sizeof stack[0])
                    goto done;
                stack[depth++] = b.len;
                if (b.len)
                    lt_buf_putc(&b, '/');
                lt_buf_put(&b, s, len);
            }
            s += len;
            if (*s == '/')
                s++;
        }
    }
    out = lt_arena_strdup(a, lt_buf_cstr(&b));
done:
    lt_buf_free(&b);
    return out;
}

char *lt_path_dir(lt_arena *a, const char *p)
{
    const char *slash = strrchr(p, '/');
    return slash ? lt_arena_strndup(a, p, (size_t)(slash - p)) : lt_arena_strdup(a, "");
}

const char *lt_path_base(const char *p)
{
    const char *slash = strrchr(p, '/');
    return slash ? slash + 1 : p;
}

const char *lt_path_ext(const char *p)
{
    const char *base = lt_path_base(p);
    const char *dot = strrchr(base, '.');
    return dot && dot != base ? dot : base + strlen(base);
}

int lt_path_has_ext(const char *p, const char *ext)
{
    return strcmp(lt_path_ext(p), ext) == 0;
}

char *lt_path_relative(lt_arena *a, const char *from, const char *to)
{
    /* Length of the common folder prefix (ending at a '/'). */
    size_t common = 0;
    for (size_t i = 0; from[i] && to[i] && from[i] == to[i]; i++)
        if (from[i] == '/')
            common = i + 1;
    lt_buf b = LT_BUF_INIT;
    for (const char *s = from + common; *s; s++)
        if (*s == '/')
            lt_buf_puts(&b, "../");
    lt_buf_puts(&b, to + common);
    char *out = lt_arena_strdup(a, lt_buf_cstr(&b));
    lt_buf_free(&b);
    return out;
}

char *lt_path_root_prefix(lt_arena *a, const char *from)
{
    lt_buf b = LT_BUF_INIT;
    for (const char *s = from; *s; s++)
        if (*s == '/')
            lt_buf_puts(&b, "../");
    char *out = lt_arena_strdup(a, lt_buf_cstr(&b));
    lt_buf_free(&b);
    return out;
}
