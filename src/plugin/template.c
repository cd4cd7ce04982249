#include "plugin/template.h"

#include <string.h>

static int count_lines(const char *s, size_t n)
{
    int lines = 0;
    for (size_t i = 0; i < n; i++)
        lines += s[i] == '\n';
    return lines;
}

/* Text as a Lua string literal; the newlines it held follow the call so the
 * next chunk starts on the template's line. */
static void emit_text(lt_buf *out, const char *s, size_t n)
{
    if (n == 0)
        return;
    lt_buf_puts(out, "_w(\"");
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '\\':
            lt_buf_puts(out, "\\\\");
            break;
        case '"':
            lt_buf_puts(out, "\\\"");
            break;
        case '\n':
            lt_buf_puts(out, "\\n");
            break;
        case '\r':
            lt_buf_puts(out, "\\r");
            break;
        case '\0':
            lt_buf_puts(out, "\\0");
            break;
        default:
            lt_buf_putc(out, (char)c);
        }
    }
    lt_buf_puts(out, "\") ");
    for (int k = count_lines(s, n); k > 0; k--)
        lt_buf_putc(out, '\n');
}

/* Finds `close` in s[from..n); returns its offset or (size_t)-1. */
static size_t find(const char *s, size_t n, size_t from, const char *close)
{
    size_t cl = strlen(close);
    for (size_t i = from; i + cl <= n; i++)
        if (memcmp(s + i, close, cl) == 0)
            return i;
    return (size_t)-1;
}

int lt_template_compile(const char *src, size_t len, lt_buf *out, int *err_line,
                        const char **err_msg)
{
    lt_buf_puts(out, "local _ENV = ...; local _w, _e, _s = _w, _e, _s; ");
    size_t i = 0, text = 0;
    while (i < len) {
        const char *open = NULL, *close = NULL;
        size_t skip = 0;
        if (src[i] == '{' && i + 1 < len) {
            if (i + 2 < len && src[i + 1] == '{' && src[i + 2] == '{') {
                open = "_s(", close = "}}}", skip = 3;
            } else if (src[i + 1] == '{') {
                open = "_e(", close = "}}", skip = 2;
            } else if (src[i + 1] == '%') {
                open = "", close = "%}", skip = 2;
            } else if (src[i + 1] == '#') {
                open = NULL, close = "#}", skip = 2;
            }
        }
        if (!close) {
            i++;
            continue;
        }
        emit_text(out, src + text, i - text);
        size_t body = i + skip;
        size_t end = find(src, len, body, close);
        if (end == (size_t)-1) {
            *err_line = 1 + count_lines(src, i);
            *err_msg = src[i + 1] == '#'   ? "comment '{#' is never closed with '#}'"
                       : src[i + 1] == '%' ? "tag '{%' is never closed with '%}'"
                                           : "expression '{{' is never closed with '}}'";
            return -1;
        }
        if (src[i + 1] == '#') {
            for (int k = count_lines(src + body, end - body); k > 0; k--)
                lt_buf_putc(out, '\n');
        } else {
            lt_buf_puts(out, open);
            lt_buf_put(out, src + body, end - body);
            lt_buf_puts(out, *open ? ") " : " ");
        }
        i = text = end + strlen(close);
    }
    emit_text(out, src + text, len - text);
    return 0;
}
