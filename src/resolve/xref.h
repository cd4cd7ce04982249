/* Cross-references: `[[id]]` and `[[id|text]]` in a page's text become links
 * to the module, concept, competency or page with that id (its title is the
 * default text). Done on cmark text nodes, so code spans and code blocks are
 * never touched. An unknown id is reported at the reference's position,
 * with a "did you mean". References to concepts are recorded as backlinks.
 * Safe to run on many pages at once. */
#ifndef LT_RESOLVE_XREF_H
#define LT_RESOLVE_XREF_H

#include "model/site.h"
#include "util/arena.h"
#include "util/diag.h"

#include <pthread.h>

typedef struct lt_xref_ctx {
    lt_site *site;
    pthread_mutex_t *backlinks_lock;
} lt_xref_ctx;

void lt_resolve_xrefs(lt_xref_ctx *x, lt_page *p, lt_arena *a, lt_diag *d);

/* Where a reference to id points from page `from`: a relative URL, and the
 * target's title. Returns 0, or -1 when the id is unknown. */
int lt_xref_target(const lt_site *s, const lt_page *from, const char *id, lt_arena *a,
                   const char **out_url, const char **out_title, lt_page **out_page);

/* Records that page `from` refers to concept page `to` (once). */
void lt_xref_backlink(lt_xref_ctx *x, lt_page *to, lt_page *from);

#endif
