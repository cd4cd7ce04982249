#include "render/handbook.h"

#include "publish/pdf.h"
#include "render/dates.h"
#include "render/handbook_html.h"
#include "util/buf.h"
#include "util/fs.h"
#include "util/suggest.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifndef LT_VERSION
#define LT_VERSION "0.0.0"
#endif

typedef struct {
    const lt_page *page;
    const char *part; /* title of a part that opens before this chapter, or NULL */
    int appendix;     /* 1 for appendix A, 2 for B, …; 0 in the body */
} chapter;

struct lt_handbook {
    lt_site *s;
    lt_handbook_stamp stamp;
    chapter *chapters;
    size_t nchapters;
    size_t npages;    /* the site's pages when the book was planned */
    long *chapter_of; /* by page order: index into chapters, or -1 */
    char **html;      /* by page order: the page as a chapter */
    char *css;        /* the theme's handbook.css */
    char *engine;     /* WeasyPrint, or NULL: no PDF */
    const char *pdf_path;
    int pdf_skipped;
};

/* The book's own words, in the site's language. */
typedef struct {
    const char *contents, *appendix, *module, *version, *edition[2];
    const char *page, *of, *see; /* "hlm. 3 dari 90", "(lihat hlm. 3)" */
    const char *language;        /* for month names */
} words;

static const words words_id = {
    "Daftar Isi", "Lampiran", "Modul",       "Versi", {"Edisi Peserta", "Edisi Pelatih"},
    "hlm. ",      " dari ",   "lihat hlm. ", "id"};

static const words words_en = {
    "Contents", "Appendix", "Module",  "Version", {"Participant Edition", "Trainer Edition"},
    "page ",    " of ",     "see p. ", "en"};

static const words *words_of(const lt_site *s)
{
    return strcmp(s->config.language, "en") == 0 ? &words_en : &words_id;
}

static int is_trainer(const lt_site *s)
{
    return strcmp(s->edition, "pelatih") == 0;
}

void lt_handbook_stamp_from_env(lt_handbook_stamp *out)
{
    memset(out, 0, sizeof *out);
    const char *env = getenv("SOURCE_DATE_EPOCH");
    char *end;
    errno = 0;
    long long t = env && *env ? strtoll(env, &end, 10) : 0;
    if (env && *env && !*end && !errno && t >= 0) {
        out->date = t;
        out->has_date = 1;
    }
}

/* ---- choosing the pages ---- */

static int is_built(const lt_site *s, const lt_page *p)
{
    return p->order < s->npages && s->pages[p->order] == p;
}

/* The pages a name in lontar.yml stands for: the page with that source
 * path, or every page in that folder, in reading order. */
static size_t named(const lt_site *s, const char *name, const lt_page **out)
{
    const lt_page *p = lt_map_get(&s->by_src, name);
    if (p && is_built(s, p)) {
        out[0] = p;
        return 1;
    }
    size_t n = strlen(name), k = 0;
    while (n > 1 && name[n - 1] == '/')
        n--;
    for (size_t i = 0; i < s->npages; i++) {
        const char *src = s->pages[i]->src_path;
        if (strncmp(src, name, n) == 0 && src[n] == '/')
            out[k++] = s->pages[i];
    }
    return k;
}

static void unknown_name(const lt_site *s, const lt_yaml *y, const char *where, lt_diag *d)
{
    const lt_map *maps[] = {&s->by_src, &s->sections_by_path, NULL};
    const char *near = lt_suggest(y->str, maps);
    lt_error(d, "lontar.yml", y->line, y->col, "%s: no page or folder '%s' in the site%s%s%s",
             where, y->str, near ? " (did you mean '" : "", near ? near : "", near ? "'?)" : "");
}

static void add_chapter(lt_handbook *h, const lt_page *p, const char **part, int appendix)
{
    h->chapter_of[p->order] = (long)h->nchapters;
    h->chapters[h->nchapters++] = (chapter){p, *part, appendix};
    *part = NULL;
}

/* A page goes into the body unless it is left out, already there, or one
 * of the generated pages (those are the appendices). */
static void add_body(lt_handbook *h, const lt_page *p, const char **part, const char *left_out)
{
    if (!left_out[p->order] && p->special == LT_SPECIAL_NONE && h->chapter_of[p->order] < 0)
        add_chapter(h, p, part, 0);
}

static void choose_pages(lt_handbook *h, lt_diag *d)
{
    const lt_site *s = h->s;
    const lt_handbook_config *cfg = &s->config.handbook;
    size_t n = h->npages = s->npages;
    char *left_out = lt_xcalloc(n + 1, 1);
    const lt_page **found = lt_xcalloc(n + 1, sizeof *found);
    h->chapters = lt_xcalloc(n + 1, sizeof *h->chapters);
    h->chapter_of = lt_xmalloc((n + 1) * sizeof *h->chapter_of);
    h->html = lt_xcalloc(n + 1, sizeof *h->html);
    for (size_t i = 0; i < n; i++) {
        lt_page *p = s->pages[i];
        h->chapter_of[i] = -1;
        if (p->doc)
            p->has_text = cmark_node_first_child(p->doc) != NULL;
        /* A page with no text of its own (a folder without index.md, an
         * index.md with only front matter): its site page lists what is in
         * the folder, which the table of contents does. Modules and
         * concepts always have their boxes. */
        left_out[i] = !p->has_text && !p->module && !p->concept && p->special == LT_SPECIAL_NONE;
        const lt_yaml *v = lt_yaml_get(p->front, "handbook");
        int keep;
        if (!v || lt_yaml_is_null(v))
            continue;
        if (lt_yaml_bool(v, &keep) < 0)
            lt_error(d, p->src_path, v->line, v->col, "'handbook' must be true or false");
        else if (!keep)
            left_out[i] = 1;
    }
    for (size_t i = 0; cfg->exclude && i < cfg->exclude->n; i++) {
        const lt_yaml *y = cfg->exclude->items[i];
        size_t k = y->kind == LT_YAML_SCALAR ? named(s, y->str, found) : 1;
        if (!k)
            unknown_name(s, y, "handbook.exclude", d);
        for (size_t j = 0; y->kind == LT_YAML_SCALAR && j < k; j++)
            left_out[found[j]->order] = 1;
    }
    const char *part = NULL;
    for (size_t i = 0; i < cfg->nparts; i++) {
        const lt_yaml *list = cfg->parts[i].pages;
        part = cfg->parts[i].title;
        for (size_t k = 0; k < list->n; k++) {
            const lt_yaml *y = list->items[k];
            if (y->kind != LT_YAML_SCALAR)
                continue;
            size_t m = named(s, y->str, found);
            if (!m)
                unknown_name(s, y, cfg->parts[i].title ? "handbook.parts" : "handbook.pages", d);
            for (size_t j = 0; j < m; j++)
                add_body(h, found[j], &part, left_out);
        }
    }
    for (size_t i = 0; !cfg->nparts && i < n; i++)
        add_body(h, s->pages[i], &part, left_out);
    static const lt_special appendices[] = {LT_SPECIAL_GLOSSARY, LT_SPECIAL_COMPETENCIES,
                                            LT_SPECIAL_PATHS};
    int letter = 0;
    part = NULL; /* a last part left empty does not open the appendices */
    for (size_t k = 0; k < sizeof appendices / sizeof *appendices; k++)
        for (size_t i = 0; i < n; i++)
            if (s->pages[i]->special == appendices[k] && !left_out[i])
                add_chapter(h, s->pages[i], &part, ++letter);
    free(found);
    free(left_out);
}

/* ---- setting up ---- */

/* The handbook's files are written beside the pages: no page or file of
 * the site may have their names. */
static void check_free(const lt_site *s, const char *name, lt_diag *d)
{
    const lt_page *p = lt_map_get(&s->by_out, name);
    if (p && is_built(s, p))
        lt_error(d, p->src_path, p->id_line, p->id_col,
                 "this page would be written to %s, where the handbook goes (give it another "
                 "name or 'url')",
                 name);
    if (lt_map_get(&s->files_set, name))
        lt_error(d, name, 0, 0, "this file has the name of the handbook; rename it");
}

static void read_css(lt_handbook *h, const lt_theme *theme, lt_source *src, lt_diag *d)
{
    for (size_t i = 0; i < theme->nassets; i++) {
        const lt_asset *a = &theme->assets[i];
        if (strcmp(a->name, "handbook.css") != 0)
            continue;
        size_t len;
        int rc = a->fs_path ? lt_fs_read(a->fs_path, &h->css, &len)
                            : lt_source_read(src, a->src_path, &h->css, &len);
        if (rc < 0)
            lt_error(d, a->fs_path ? a->fs_path : a->src_path, 0, 0, "cannot read: %s",
                     strerror(-rc));
        return;
    }
    lt_error(d, "lontar.yml", 0, 0, "theme '%s' has no assets/handbook.css for the handbook",
             h->s->config.theme);
}

/* handbook.pdf, which LONTAR_HANDBOOK_PDF overrides for one run (say, to
 * skip the PDF while editing). */
static void find_engine(lt_handbook *h, lt_diag *d)
{
    const lt_handbook_config *cfg = &h->s->config.handbook;
    lt_pdf_mode mode = cfg->pdf;
    const char *env = getenv("LONTAR_HANDBOOK_PDF");
    const char *where = "lontar.yml";
    int line = cfg->pdf_node ? cfg->pdf_node->line : 0,
        col = cfg->pdf_node ? cfg->pdf_node->col : 0;
    if (env && *env) {
        where = "LONTAR_HANDBOOK_PDF";
        line = col = 0;
        if (strcmp(env, "auto") == 0)
            mode = LT_PDF_AUTO;
        else if (strcmp(env, "always") == 0)
            mode = LT_PDF_ALWAYS;
        else if (strcmp(env, "never") == 0)
            mode = LT_PDF_NEVER;
        else
            lt_error(d, where, 0, 0, "must be auto, always or never, not '%s'", env);
    }
    if (mode == LT_PDF_NEVER)
        return;
    h->engine = lt_pdf_find_engine();
    if (h->engine)
        return;
    if (mode == LT_PDF_ALWAYS)
        lt_error(d, where, line, col,
                 "handbook.pdf is 'always' but WeasyPrint is not installed (no 'weasyprint' on "
                 "PATH; install the weasyprint package, or set handbook.pdf to auto)");
    else
        h->pdf_skipped = 1;
}

lt_handbook *lt_handbook_new(lt_site *s, const lt_theme *theme, lt_source *src,
                             const lt_handbook_stamp *stamp, lt_diag *d)
{
    if (!s->config.handbook.enabled)
        return NULL;
    lt_handbook *h = lt_xcalloc(1, sizeof *h);
    h->s = s;
    h->stamp = *stamp;
    int trainer = is_trainer(s);
    s->handbook_html = trainer ? "handbook-pelatih.html" : "handbook.html";
    h->pdf_path = trainer ? "handbook-pelatih.pdf" : "handbook.pdf";
    check_free(s, s->handbook_html, d);
    check_free(s, h->pdf_path, d);
    choose_pages(h, d);
    read_css(h, theme, src, d);
    find_engine(h, d);
    s->handbook_pdf = h->engine ? h->pdf_path : NULL;
    return h;
}

void lt_handbook_free(lt_handbook *h)
{
    if (!h)
        return;
    for (size_t i = 0; i < h->npages; i++)
        free(h->html[i]);
    free(h->html);
    free(h->chapters);
    free(h->chapter_of);
    free(h->css);
    free(h->engine);
    free(h);
}

int lt_handbook_pdf_skipped(const lt_handbook *h)
{
    return h && h->pdf_skipped;
}

/* ---- one page ---- */

/* 1 when p is a chapter (pages made later, such as the search page, are
 * not). */
static int in_book(const lt_handbook *h, const lt_page *p)
{
    return p->order < h->npages && h->s->pages[p->order] == p && h->chapter_of[p->order] >= 0;
}

void lt_handbook_take_chapter(lt_handbook *h, lt_handbook *from, const lt_page *p)
{
    if (!h || !from || !in_book(h, p) || !in_book(from, p))
        return;
    const chapter *a = &h->chapters[h->chapter_of[p->order]];
    const chapter *b = &from->chapters[from->chapter_of[p->order]];
    if (a->appendix != b->appendix || h->chapter_of[p->order] != from->chapter_of[p->order])
        return;
    free(h->html[p->order]);
    h->html[p->order] = from->html[p->order];
    from->html[p->order] = NULL;
}

static long anchor_of(void *ctx, const char *path)
{
    const lt_handbook *h = ctx;
    const lt_page *p = lt_map_get(&h->s->by_out, path);
    return p && in_book(h, p) ? (long)p->order : -1;
}

static void esc(lt_buf *b, const char *s)
{
    lt_buf_put_html(b, s, strlen(s));
}

/* "Lampiran A", "Modul M1": the line above a chapter's title. */
static void chapter_label(lt_buf *b, const lt_handbook *h, const chapter *c)
{
    const words *w = words_of(h->s);
    if (c->appendix)
        lt_buf_printf(b, "%s %c", w->appendix, 'A' + (c->appendix - 1) % 26);
    else if (c->page->module) {
        lt_buf_printf(b, "%s ", w->module);
        esc(b, c->page->module->id);
    }
}

void lt_handbook_add_page(lt_handbook *h, const lt_page *p, lt_arena *a)
{
    if (!h || !in_book(h, p))
        return;
    const chapter *c = &h->chapters[h->chapter_of[p->order]];
    const char *body = p->html ? p->html : "";
    lt_buf b = LT_BUF_INIT;
    lt_buf_printf(&b, "<article class=\"chapter%s%s%s\" id=\"p-%zu\">\n",
                  p->module ? " chapter-module" : "", c->appendix ? " appendix" : "",
                  c->appendix == 1 ? " appendix-first" : "", p->order);
    if (c->appendix || p->module) {
        lt_buf_puts(&b, "<p class=\"chapter-label\">");
        chapter_label(&b, h, c);
        lt_buf_puts(&b, "</p>\n");
    }
    /* A body that opens with its own level-1 heading has its title there,
     * as the site page shows it. */
    lt_buf_puts(&b, "<h1 class=\"chapter-title\">");
    if (strncmp(body, "<h1>", 4) == 0) {
        body += 4;
    } else {
        esc(&b, p->title ? p->title : p->src_path);
        lt_buf_puts(&b, "</h1>\n");
    }
    lt_handbook_rewrite r = {p->out_path, (long)p->order, anchor_of, h, a};
    lt_handbook_rewrite_html(&b, body, strlen(body), &r);
    lt_buf_puts(&b, "</article>\n");
    h->html[p->order] = lt_buf_detach(&b);
}

/* ---- the book ---- */

static void put_date(lt_buf *b, const words *w, long long date)
{
    time_t t = (time_t)date;
    struct tm tm;
    gmtime_r(&t, &tm);
    lt_buf_printf(b, "%d %s %d", tm.tm_mday, lt_month_name(tm.tm_mon + 1, w->language),
                  tm.tm_year + 1900);
}

static void put_meta(lt_buf *b, const char *name, const char *content)
{
    lt_buf_printf(b, "<meta name=\"%s\" content=\"", name);
    esc(b, content);
    lt_buf_puts(b, "\">\n");
}

/* The page size and the texts of the page numbers come before the theme's
 * stylesheet, so a theme can restyle them. */
static void put_page_style(lt_buf *b, const lt_handbook *h)
{
    const words *w = words_of(h->s);
    lt_buf_printf(b,
                  "<style>\n@page { size: %s; @bottom-center { content: \"%s\" counter(page) "
                  "\"%s\" counter(pages); } }\n"
                  ".xref-page::before { content: \" (%s\" target-counter(attr(data-href), page); "
                  "}\n.xref-page::after { content: \")\"; }\n"
                  "</style>\n",
                  h->s->config.handbook.paper, w->page, w->of, w->see);
}

static void put_head(lt_buf *b, const lt_handbook *h)
{
    const lt_config *c = &h->s->config;
    const words *w = words_of(h->s);
    lt_buf_printf(b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n",
                  c->language);
    lt_buf_puts(b, "<title>");
    esc(b, c->title);
    lt_buf_puts(b, "</title>\n");
    if (c->institute)
        put_meta(b, "author", c->institute);
    if (c->description && *c->description)
        put_meta(b, "description", c->description);
    put_meta(b, "generator", "lontar " LT_VERSION);
    if (h->stamp.has_date) {
        time_t t = (time_t)h->stamp.date;
        struct tm tm;
        char iso[32];
        gmtime_r(&t, &tm);
        strftime(iso, sizeof iso, "%Y-%m-%dT%H:%M:%SZ", &tm);
        put_meta(b, "dcterms.created", iso);
        put_meta(b, "dcterms.modified", iso);
    }
    if (h->stamp.version)
        put_meta(b, "version", h->stamp.version);
    put_meta(b, "edition", w->edition[is_trainer(h->s)]);
    put_page_style(b, h);
    lt_buf_puts(b, "<style>\n");
    lt_buf_puts(b, h->css ? h->css : "");
    lt_buf_puts(b, "</style>\n</head>\n");
}

static void put_cover(lt_buf *b, const lt_handbook *h)
{
    const lt_config *c = &h->s->config;
    const words *w = words_of(h->s);
    lt_buf_puts(b, "<section class=\"cover\">\n");
    if (c->institute) {
        lt_buf_puts(b, "<p class=\"cover-institute\">");
        esc(b, c->institute);
        lt_buf_puts(b, "</p>\n");
    }
    lt_buf_puts(b, "<h1 class=\"cover-title\">");
    esc(b, c->title);
    lt_buf_puts(b, "</h1>\n");
    if (c->description && *c->description) {
        lt_buf_puts(b, "<p class=\"cover-description\">");
        esc(b, c->description);
        lt_buf_puts(b, "</p>\n");
    }
    lt_buf_printf(b, "<p class=\"cover-edition\">%s</p>\n", w->edition[is_trainer(h->s)]);
    if (h->stamp.version) {
        lt_buf_printf(b, "<p class=\"cover-version\">%s ", w->version);
        esc(b, h->stamp.version);
        lt_buf_puts(b, "</p>\n");
    }
    if (h->stamp.has_date) {
        lt_buf_puts(b, "<p class=\"cover-date\">");
        put_date(b, w, h->stamp.date);
        lt_buf_puts(b, "</p>\n");
    }
    lt_buf_puts(b, "</section>\n");
}

static void put_toc(lt_buf *b, const lt_handbook *h)
{
    const words *w = words_of(h->s);
    lt_buf_printf(b, "<nav class=\"toc\">\n<h1 class=\"toc-title\">%s</h1>\n<ol>\n", w->contents);
    size_t part = 0;
    for (size_t i = 0; i < h->nchapters; i++) {
        const chapter *c = &h->chapters[i];
        if (c->part) {
            lt_buf_printf(b, "<li class=\"toc-part\"><a href=\"#part-%zu\">", ++part);
            esc(b, c->part);
            lt_buf_puts(b, "</a></li>\n");
        }
        lt_buf_printf(b, "<li class=\"toc-%s\"><a href=\"#p-%zu\">",
                      c->appendix ? "appendix" : "chapter", c->page->order);
        if (c->appendix || c->page->module) {
            lt_buf_puts(b, "<span class=\"toc-label\">");
            chapter_label(b, h, c);
            lt_buf_puts(b, "</span> ");
        }
        esc(b, c->page->title ? c->page->title : c->page->src_path);
        lt_buf_puts(b, "</a></li>\n");
    }
    lt_buf_puts(b, "</ol>\n</nav>\n");
}

int lt_handbook_write(lt_handbook *h, lt_output *out, lt_diag *d, double *out_pdf_seconds)
{
    *out_pdf_seconds = 0;
    if (!h)
        return 0;
    lt_buf b = LT_BUF_INIT, html = LT_BUF_INIT, pdf = LT_BUF_INIT;
    int rc = -1;
    put_head(&b, h);
    lt_buf_printf(
        &b, "<body class=\"handbook edition-%s%s\">\n", h->s->edition,
        h->s->config.handbook.nparts && h->s->config.handbook.parts[0].title ? " has-parts" : "");
    put_cover(&b, h);
    put_toc(&b, h);
    /* The chapters make most of the file, tens of megabytes on a large
     * site: room for them at once rather than by doubling. */
    size_t body_len = 0;
    for (size_t i = 0; i < h->nchapters; i++) {
        const char *text = h->html[h->chapters[i].page->order];
        body_len += text ? strlen(text) : 0;
    }
    lt_buf_grow(&b, body_len + 64 * h->nchapters);
    size_t part = 0;
    for (size_t i = 0; i < h->nchapters; i++) {
        const chapter *c = &h->chapters[i];
        if (c->part) {
            lt_buf_printf(&b, "<section class=\"part\" id=\"part-%zu\">\n<h1 class=\"part-title\">",
                          ++part);
            esc(&b, c->part);
            lt_buf_puts(&b, "</h1>\n</section>\n");
        }
        const char *text = h->html[c->page->order];
        lt_buf_puts(&b, text ? text : "");
    }
    lt_buf_puts(&b, "</body>\n</html>\n");
    const char *name = h->s->handbook_html;
    if (lt_output_write(out, name, b.data, b.len, d) < 0)
        goto done;
    rc = 0;
    /* A build that failed already is not published: skip the slow part. */
    if (!h->engine || lt_diag_errors(d))
        goto done;
    lt_buf_printf(&html, "%s/%s", out->tmp, name);
    lt_buf_printf(&pdf, "%s/%s", out->tmp, h->pdf_path);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    rc = lt_pdf_make(h->engine, lt_buf_cstr(&html), lt_buf_cstr(&pdf), name,
                     h->s->config.handbook.timeout_s, d);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    *out_pdf_seconds = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
done:
    lt_buf_free(&b);
    lt_buf_free(&html);
    lt_buf_free(&pdf);
    return rc;
}
