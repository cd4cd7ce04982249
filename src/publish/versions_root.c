#include "publish/versions_root.h"

#include "util/buf.h"

#include <string.h>

void lt_versions_display_order(const lt_site_version *versions, size_t n, size_t *order)
{
    size_t k = 0, tags = 0;
    while (tags < n && strcmp(versions[tags].kind, "branch") != 0)
        tags++;
    for (size_t i = tags; i > 0; i--)
        order[k++] = i - 1;
    for (size_t i = tags; i < n; i++)
        order[k++] = i;
}

/* A JSON string: the names and labels come from refs and lontar.yml. */
static void put_json(lt_buf *b, const char *s)
{
    lt_buf_putc(b, '"');
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            lt_buf_printf(b, "\\%c", c);
        else if (c < 0x20 || c == '<' || c == '>' || c == '&')
            lt_buf_printf(b, "\\u%04x", c); /* also keeps "</script>" out */
        else
            lt_buf_putc(b, (char)c);
    }
    lt_buf_putc(b, '"');
}

static void put_field(lt_buf *b, const char *key, const char *value, int comma)
{
    lt_buf_printf(b, "%s\"%s\":", comma ? "," : "", key);
    if (value)
        put_json(b, value);
    else
        lt_buf_puts(b, "null");
}

static void write_js(const lt_versions_root *r, lt_buf *b)
{
    size_t order[r->n ? r->n : 1];
    lt_versions_display_order(r->versions, r->n, order);
    lt_buf_puts(b, "/* The versions of this site, newest first (made by lontar). */\n"
                   "window.lontarVersions = {");
    put_field(b, "latest", r->versions[r->latest].folder, 0);
    lt_buf_puts(b, ",\"versions\":[\n");
    for (size_t k = 0; k < r->n; k++) {
        const lt_site_version *v = &r->versions[order[k]];
        lt_buf_puts(b, k ? ",\n{" : "{");
        put_field(b, "name", v->name, 0);
        put_field(b, "label", v->label, 1);
        put_field(b, "folder", v->folder, 1);
        put_field(b, "kind", v->kind, 1);
        put_field(b, "status", v->status, 1);
        put_field(b, "date", v->date, 1);
        lt_buf_puts(b, "}");
    }
    lt_buf_puts(b, "\n]};\n");
}

static void write_index(const lt_versions_root *r, lt_buf *b)
{
    int en = strcmp(r->language, "en") == 0;
    const lt_site_version *latest = &r->versions[r->latest];
    lt_buf_printf(b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n",
                  en ? "en" : "id");
    lt_buf_puts(b, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                   "<title>");
    lt_buf_put_html(b, r->title, strlen(r->title));
    /* Folder names are checked to be plain ASCII (source/repo.h). */
    lt_buf_printf(b, "</title>\n<meta http-equiv=\"refresh\" content=\"0; url=%s/index.html\">\n",
                  latest->folder);
    lt_buf_puts(b, "</head>\n<body>\n<h1>");
    lt_buf_put_html(b, r->title, strlen(r->title));
    lt_buf_printf(b, "</h1>\n<p><a href=\"%s/index.html\">%s ", latest->folder,
                  en ? "Open the latest version," : "Buka versi terbaru,");
    lt_buf_put_html(b, latest->label, strlen(latest->label));
    lt_buf_printf(b, "</a></p>\n<h2>%s</h2>\n<ul>\n", en ? "All versions" : "Semua versi");
    size_t order[r->n ? r->n : 1];
    lt_versions_display_order(r->versions, r->n, order);
    for (size_t k = 0; k < r->n; k++) {
        const lt_site_version *v = &r->versions[order[k]];
        lt_buf_printf(b, "<li><a href=\"%s/index.html\">", v->folder);
        lt_buf_put_html(b, v->label, strlen(v->label));
        lt_buf_puts(b, "</a></li>\n");
    }
    lt_buf_puts(b, "</ul>\n</body>\n</html>\n");
}

int lt_versions_root_write(const lt_versions_root *r, lt_output *out, lt_diag *d)
{
    lt_buf js = LT_BUF_INIT, html = LT_BUF_INIT;
    write_js(r, &js);
    write_index(r, &html);
    int rc = lt_output_write(out, "versions.js", js.data, js.len, d);
    if (rc == 0)
        rc = lt_output_write(out, "index.html", html.data, html.len, d);
    lt_buf_free(&js);
    lt_buf_free(&html);
    return rc;
}
