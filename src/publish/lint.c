#include "publish/lint.h"

#include "util/path.h"
#include "util/text.h"

#include <ctype.h>
#include <string.h>

typedef struct {
    const char *shown;
    const char *data;
    size_t len;
    lt_diag *d;
    size_t found;
} linter;

static void report(linter *l, const char *at, const char *fmt, const char *what)
{
    int line, col;
    lt_text_position(l->data, (size_t)(at - l->data), &line, &col);
    lt_warn(l->d, l->shown, line, col, fmt, what);
    l->found++;
}

static int starts_with_ci(const char *s, const char *end, const char *prefix)
{
    size_t n = strlen(prefix);
    if ((size_t)(end - s) < n)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (tolower((unsigned char)s[i]) != prefix[i])
            return 0;
    return 1;
}

static int is_network(const char *v, const char *end)
{
    return starts_with_ci(v, end, "http://") || starts_with_ci(v, end, "https://") ||
           starts_with_ci(v, end, "//");
}

/* Checks one URL that the browser loads or the reader follows. */
static void check_url(linter *l, const char *v, const char *end, int loads)
{
    char url[512];
    size_t n = (size_t)(end - v) < sizeof url - 1 ? (size_t)(end - v) : sizeof url - 1;
    memcpy(url, v, n);
    url[n] = '\0';
    if (is_network(v, end)) {
        if (loads)
            report(l, v, "loads '%s' from the network; offline readers will not get it", url);
        return;
    }
    if (n && (v[0] == '/' || v[0] == '\\')) {
        report(l, v, "absolute path '%s' does not work from a USB stick", url);
        return;
    }
    if (starts_with_ci(v, end, "file:")) {
        report(l, v, "'%s' points at this computer's files", url);
        return;
    }
    size_t path_len = strcspn(url, "?#");
    if (!loads && path_len &&
        (url[path_len - 1] == '/' || (path_len == 1 && url[0] == '.') ||
         (path_len == 2 && url[0] == '.' && url[1] == '.')))
        report(l, v, "link '%s' names a folder; over file:// write its index.html", url);
}

/* Name of the tag an attribute at `at` belongs to (lower-case). */
static void tag_of(const char *data, const char *at, char *out, size_t cap)
{
    const char *lt = at;
    while (lt > data && *lt != '<')
        lt--;
    size_t i = 0;
    for (const char *s = lt + 1; i + 1 < cap && (isalnum((unsigned char)*s)); s++)
        out[i++] = (char)tolower((unsigned char)*s);
    out[i] = '\0';
}

static void lint_js(linter *l, const char *from, const char *end);

static void lint_html(linter *l)
{
    const char *end = l->data + l->len;
    for (const char *s = l->data; s < end; s++) {
        if (*s == '<' && starts_with_ci(s, end, "<script") && memchr(s, '>', (size_t)(end - s))) {
            const char *close = memchr(s, '>', (size_t)(end - s));
            for (const char *t = s; t + 13 <= close; t++)
                if (starts_with_ci(t, close, "type=\"module\""))
                    report(l, t, "%s: module scripts do not load over file://", "type=\"module\"");
            /* An inline script's own code. */
            const char *stop = close;
            while (stop < end && !starts_with_ci(stop, end, "</script"))
                stop++;
            lint_js(l, close, stop);
        }
        int is_src = starts_with_ci(s, end, " src=\"");
        int is_href = starts_with_ci(s, end, " href=\"");
        if (!is_src && !is_href)
            continue;
        const char *v = s + (is_src ? 6 : 7);
        const char *q = memchr(v, '"', (size_t)(end - v));
        if (!q)
            break;
        char tag[16];
        tag_of(l->data, s, tag, sizeof tag);
        /* <a href> is navigation; everything else is loaded by the page. */
        int loads = is_src || strcmp(tag, "link") == 0;
        check_url(l, v, q, loads);
        s = q;
    }
}

static void lint_css(linter *l)
{
    const char *end = l->data + l->len;
    for (const char *s = l->data; s < end; s++) {
        if (starts_with_ci(s, end, "url(")) {
            const char *v = s + 4;
            while (v < end && (*v == '"' || *v == '\'' || *v == ' '))
                v++;
            const char *q = v;
            while (q < end && *q != ')' && *q != '"' && *q != '\'')
                q++;
            if (!starts_with_ci(v, end, "data:"))
                check_url(l, v, q, 1);
        } else if (starts_with_ci(s, end, "@import")) {
            report(l, s, "%s pulls in another stylesheet; inline it instead", "@import");
        }
    }
}

static void lint_js(linter *l, const char *from, const char *end)
{
    static const char *banned[] = {"fetch(", "XMLHttpRequest", "importScripts(", "import(", NULL};
    for (const char *s = from; s < end; s++)
        for (int i = 0; banned[i]; i++)
            if (*s == banned[i][0] && (size_t)(end - s) >= strlen(banned[i]) &&
                memcmp(s, banned[i], strlen(banned[i])) == 0 &&
                (s == l->data || !(isalnum((unsigned char)s[-1]) || s[-1] == '_' || s[-1] == '.' ||
                                   s[-1] == '$')))
                report(l, s, "'%s' is blocked over file://", banned[i]);
}

size_t lt_lint_output(const char *shown, const char *rel, const char *data, size_t len,
                      lt_diag *d)
{
    linter l = {shown, data, len, d, 0};
    if (lt_path_has_ext(rel, ".html"))
        lint_html(&l);
    else if (lt_path_has_ext(rel, ".css"))
        lint_css(&l);
    else if (lt_path_has_ext(rel, ".js"))
        lint_js(&l, data, data + len);
    return l.found;
}
