#include "render/changes_page.h"

#include "util/buf.h"
#include "util/path.h"

#include <string.h>

typedef struct texts {
    const char *intro, *first, *nothing, *kinds[LT_ITEM_KINDS], *deltas[4], *fields[LT_FIELDS],
        *none, *also_changed;
} texts;

static const texts id_texts = {
    "Perubahan dibandingkan dengan versi",
    "Ini versi pertama: belum ada versi sebelumnya untuk dibandingkan.",
    "Tidak ada modul, konsep, atau kompetensi yang berubah.",
    {"Modul", "Konsep", "Kompetensi"},
    {"Ditambahkan", "Dihapus", "Diganti nama atau dipindah", "Diubah"},
    {"JP", "Tujuan", "Kompetensi", "Prasyarat"},
    "(kosong)",
    "isinya juga diubah",
};

static const texts en_texts = {
    "Changes since version",
    "This is the first version: there is no earlier version to compare with.",
    "No module, concept or competency changed.",
    {"Modules", "Concepts", "Competencies"},
    {"Added", "Removed", "Renamed or moved", "Changed"},
    {"JP", "Objectives", "Competencies", "Prerequisites"},
    "(none)",
    "its content changed too",
};

static void put_text(lt_buf *b, const char *s)
{
    lt_buf_put_html(b, s, strlen(s));
}

/* "M1 — Title", linked to the item's page when it has one in this
 * version. */
static void put_item(lt_buf *b, const lt_snap_item *it, int linked, const char *page_out,
                     lt_arena *a)
{
    if (linked && it->out)
        lt_buf_printf(b, "<a href=\"%s\">", lt_path_relative(a, page_out, it->out));
    lt_buf_puts(b, "<code>");
    put_text(b, it->id);
    lt_buf_puts(b, "</code>");
    if (it->title && strcmp(it->title, it->id) != 0) {
        lt_buf_puts(b, " ");
        put_text(b, it->title);
    }
    if (linked && it->out)
        lt_buf_puts(b, "</a>");
}

/* " (<code>path</code>)" */
static void put_path(lt_buf *b, const char *path)
{
    lt_buf_puts(b, " (<code>");
    put_text(b, path);
    lt_buf_puts(b, "</code>)");
}

static void put_value(lt_buf *b, const char *v, const texts *t)
{
    put_text(b, v && *v ? v : t->none);
}

static void put_delta(lt_buf *b, const lt_delta *dl, const texts *t, const char *page_out,
                      lt_arena *a)
{
    lt_buf_puts(b, "<li>");
    if (dl->kind == LT_DELTA_RENAMED) {
        put_item(b, dl->old_item, 0, page_out, a);
        if (strcmp(dl->old_item->id, dl->new_item->id) == 0 && dl->old_item->src)
            put_path(b, dl->old_item->src);
        lt_buf_puts(b, " → ");
        put_item(b, dl->new_item, 1, page_out, a);
        if (dl->new_item->src)
            put_path(b, dl->new_item->src);
        if (dl->content_changed && !dl->fields)
            lt_buf_printf(b, "; %s", t->also_changed);
    } else {
        put_item(b, dl->new_item ? dl->new_item : dl->old_item, dl->kind != LT_DELTA_REMOVED,
                 page_out, a);
    }
    if (dl->fields) {
        lt_buf_puts(b, "\n<ul class=\"changes-fields\">\n");
        for (int f = 0; f < LT_FIELDS; f++) {
            if (!(dl->fields & (1u << f)))
                continue;
            lt_buf_printf(b, "<li><span class=\"changes-field\">%s</span>: <del>", t->fields[f]);
            put_value(b, dl->old_item->fields[f], t);
            lt_buf_puts(b, "</del> → <ins>");
            put_value(b, dl->new_item->fields[f], t);
            lt_buf_puts(b, "</ins></li>\n");
        }
        lt_buf_puts(b, "</ul>\n");
    }
    lt_buf_puts(b, "</li>\n");
}

char *lt_changes_page_html(const lt_delta *deltas, size_t n, const char *previous,
                           const char *page_out, const char *language, lt_arena *a)
{
    const texts *t = strcmp(language, "en") == 0 ? &en_texts : &id_texts;
    lt_buf b = LT_BUF_INIT;
    lt_buf_puts(&b, "<div class=\"changes\">\n");
    if (!previous) {
        lt_buf_printf(&b, "<p>%s</p>\n", t->first);
    } else {
        lt_buf_printf(&b, "<p>%s <strong>", t->intro);
        put_text(&b, previous);
        lt_buf_puts(&b, "</strong>.</p>\n");
        if (!n)
            lt_buf_printf(&b, "<p>%s</p>\n", t->nothing);
    }
    int kind = -1, delta = -1;
    for (size_t i = 0; i < n; i++) {
        const lt_delta *dl = &deltas[i];
        const lt_snap_item *it = dl->new_item ? dl->new_item : dl->old_item;
        if ((int)it->kind != kind) {
            if (delta >= 0)
                lt_buf_puts(&b, "</ul>\n");
            kind = (int)it->kind;
            delta = -1;
            lt_buf_printf(&b, "<h2>%s</h2>\n", t->kinds[kind]);
        }
        if ((int)dl->kind != delta) {
            if (delta >= 0)
                lt_buf_puts(&b, "</ul>\n");
            delta = (int)dl->kind;
            lt_buf_printf(&b, "<h3>%s</h3>\n<ul class=\"changes-%d\">\n", t->deltas[delta], delta);
        }
        put_delta(&b, dl, t, page_out, a);
    }
    if (delta >= 0)
        lt_buf_puts(&b, "</ul>\n");
    lt_buf_puts(&b, "</div>\n");
    return lt_buf_detach(&b);
}
