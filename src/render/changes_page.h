/* The body of a version's changes page (curriculum.pages.changes, default
 * perubahan/index.html): the differences from resolve/changes.h, grouped by
 * modules, concepts and competencies, then by added, removed, renamed and
 * changed, with a module's changed fields as old → new. */
#ifndef LT_RENDER_CHANGES_PAGE_H
#define LT_RENDER_CHANGES_PAGE_H

#include "resolve/changes.h"

/* HTML (malloc'd). previous: the version compared with, NULL for the
 * first version. page_out: the changes page's output path, for relative
 * links. language: "id" or "en". */
char *lt_changes_page_html(const lt_delta *deltas, size_t n, const char *previous,
                           const char *page_out, const char *language, lt_arena *a);

#endif
