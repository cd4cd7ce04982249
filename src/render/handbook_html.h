/* A page's body HTML as it goes into the handbook, one document holding
 * many pages. Works on the HTML the site page was rendered with, so the
 * boxes and tables lontar generates (module summaries, the framework, the
 * glossary, the prerequisite graph) are rewritten with the author's text:
 *
 * - every id becomes p-N--id (N: the page's anchor number), so ids stay
 *   unique across pages;
 * - a link to a page in the handbook becomes #p-M (or #p-M--fragment) with
 *   class "xref", followed by <span class="xref-page" data-href="#p-M">,
 *   which the stylesheet prints as "(lihat hlm. 12)";
 * - a link to anything else (a file, a page left out) is made relative to
 *   the handbook at the site root, as are image sources;
 * - an external link whose text is not its URL gets class "url", so the
 *   URL can be printed after it;
 * - heading self-links become empty anchors (the id is kept);
 * - footnotes move from the list at the end to their reference, as
 *   <span class="footnote">, which the stylesheet floats to the page foot.
 *
 * The HTML is cmark-gfm's output, lontar's own, or raw HTML an author wrote
 * (markdown.unsafe): tags are scanned, never parsed into a tree. */
#ifndef LT_RENDER_HANDBOOK_HTML_H
#define LT_RENDER_HANDBOOK_HTML_H

#include "util/arena.h"
#include "util/buf.h"

#include <stddef.h>

typedef struct lt_handbook_rewrite {
    const char *page_path; /* site path of the page ("modul/m1.html") */
    long anchor;           /* its anchor number N */
    /* Anchor number of the page at site path `path`, or -1 when that page
     * is not in the handbook. */
    long (*anchor_of)(void *ctx, const char *path);
    void *ctx;
    lt_arena *a; /* scratch */
} lt_handbook_rewrite;

/* Appends the handbook form of html[0..len) to out. */
void lt_handbook_rewrite_html(lt_buf *out, const char *html, size_t len,
                              const lt_handbook_rewrite *r);

#endif
