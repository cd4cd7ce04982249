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

/* 1 when s (up to end) starts with prefix, ignoring ASCII case in s;
 * prefix is lower-case. */
static int starts_with_ci(const char *s, const char *end, const char *prefix)
{
    for (; *prefix; prefix++, s++)
        if (s >= end || tolower((unsigned char)*s) != *prefix)
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

/* The tag name starting at s (lower-case). */
static void tag_of(const char *s, char *out, size_t cap)
{
    size_t i = 0;
    for (; i + 1 < cap && isalnum((unsigned char)*s); s++)
        out[i++] = (char)tolower((unsigned char)*s);
    out[i] = '\0';
}

static void lint_js(linter *l, const char *from, const char *end);

/* Checks the src and href attributes of one tag, s[0] == '<' .. gt. */
static void lint_tag(linter *l, const char *s, const char *gt)
{
    char tag[16];
    tag_of(s + 1, tag, sizeof tag);
    for (const char *a = s; a < gt; a++) {
        if (*a != ' ' && *a != '\n')
            continue;
        int is_src = starts_with_ci(a + 1, gt, "src=\"");
        int is_href = !is_src && starts_with_ci(a + 1, gt, "href=\"");
        if (!is_src && !is_href)
            continue;
        const char *v = a + (is_src ? 6 : 7);
        const char *q = memchr(v, '"', (size_t)(gt - v));
        if (!q)
            return;
        /* <a href> is navigation; everything else is loaded by the page. */
        check_url(l, v, q, is_src || strcmp(tag, "link") == 0);
        a = q;
    }
}

static void lint_html(linter *l)
{
    const char *end = l->data + l->len;
    for (const char *s = memchr(l->data, '<', l->len); s; s = memchr(s, '<', (size_t)(end - s))) {
        /* Quoted attribute values never hold '>' in lontar's output (it
         * escapes them), so the tag ends at the next '>'. */
        const char *gt = memchr(s, '>', (size_t)(end - s));
        if (!gt)
            break;
        lint_tag(l, s, gt);
        if (starts_with_ci(s, gt, "<script")) {
            for (const char *t = s; t + 13 <= gt; t++)
                if (starts_with_ci(t, gt, "type=\"module\""))
                    report(l, t, "%s: module scripts do not load over file://", "type=\"module\"");
            /* An inline script's own code. */
            const char *stop = gt;
            while (stop < end && !(*stop == '<' && starts_with_ci(stop, end, "</script")))
                stop++;
            lint_js(l, gt, stop);
            s = stop;
            continue;
        }
        s = gt;
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
                (s == l->data ||
                 !(isalnum((unsigned char)s[-1]) || s[-1] == '_' || s[-1] == '.' || s[-1] == '$')))
                report(l, s, "'%s' is blocked over file://", banned[i]);
}

size_t lt_lint_output(const char *shown, const char *rel, const char *data, size_t len, lt_diag *d)
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
