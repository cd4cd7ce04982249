/* The handbook: the site's pages as one printable book, the print edition
 * (handbook.html, or handbook-pelatih.html in a trainer build), and its PDF
 * made by WeasyPrint. A cover, a table of contents with page numbers, the
 * chapters (the site's reading order, or the parts in lontar.yml), then the
 * glossary, the competency framework with its coverage matrix and the
 * learning paths with the prerequisite graph as appendices.
 *
 * lt_handbook_new chooses the pages before rendering; lt_handbook_add_page
 * takes each page's body as the render threads make it; lt_handbook_write
 * assembles the book and makes the PDF afterwards, on one thread.
 * Ownership: lt_handbook_new/lt_handbook_free; the site, theme and source
 * are borrowed and must outlive the handbook. */
#ifndef LT_RENDER_HANDBOOK_H
#define LT_RENDER_HANDBOOK_H

#include "model/site.h"
#include "publish/output.h"
#include "render/theme.h"
#include "source/source.h"
#include "util/arena.h"
#include "util/diag.h"

typedef struct lt_handbook lt_handbook;

/* What the cover says about the build it comes from. */
typedef struct lt_handbook_stamp {
    const char *version; /* NULL: not shown */
    long long date;      /* seconds since 1970 (UTC), when has_date */
    int has_date;
} lt_handbook_stamp;

/* The stamp of a build from a folder: no version, and the date from
 * SOURCE_DATE_EPOCH when it is set, else none; never the clock, so the
 * same sources make the same book. Versioned builds set their tag and the
 * commit date instead. */
void lt_handbook_stamp_from_env(lt_handbook_stamp *out);

/* Checks the handbook settings against the site, chooses the pages, reads
 * the theme's handbook.css and looks for WeasyPrint. Sets s->handbook_html
 * and s->handbook_pdf, which the templates link to. Returns NULL when the
 * site has no handbook (handbook: false). Problems are reported to d. */
lt_handbook *lt_handbook_new(lt_site *s, const lt_theme *theme, lt_source *src,
                             const lt_handbook_stamp *stamp, lt_diag *d);
void lt_handbook_free(lt_handbook *h);

/* Takes p's body (p->html, as rendered for the site) when p is in the
 * handbook. Safe to call from many threads for different pages. a: the
 * calling thread's arena. h may be NULL. */
void lt_handbook_add_page(lt_handbook *h, const lt_page *p, lt_arena *a);
/* Moves p's chapter from `from`, a book of the same site with the same
 * plan (the version before, patched: build_carry.c), instead of making it
 * again from p's body. Nothing when p is not a chapter of both. */
void lt_handbook_take_chapter(lt_handbook *h, lt_handbook *from, const lt_page *p);

/* Writes the print edition into out, then makes its PDF in out's folder.
 * *out_pdf_seconds: the time the PDF took (0 when none was made). Returns
 * 0, or -1 with errors reported. h may be NULL. */
int lt_handbook_write(lt_handbook *h, lt_output *out, lt_diag *d, double *out_pdf_seconds);

/* 1 when handbook.pdf is auto and WeasyPrint is not installed, so the
 * build made no PDF (and says so once). */
int lt_handbook_pdf_skipped(const lt_handbook *h);

#endif
