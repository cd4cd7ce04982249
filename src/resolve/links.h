/* Rewrites a page's relative links and images on its cmark AST: a link to
 * another page's .md file (or its folder) becomes a relative link to that
 * page's HTML, a link to a static file is checked, and every #anchor is
 * checked against the target's heading ids. Problems are reported at the
 * link's path:line:col. Safe to run on many pages at once. */
#ifndef LT_RESOLVE_LINKS_H
#define LT_RESOLVE_LINKS_H

#include "model/site.h"
#include "util/arena.h"
#include "util/diag.h"

void lt_resolve_links(const lt_site *s, lt_page *p, lt_arena *a, lt_diag *d);

/* 1 when url has a scheme ("https:", "mailto:") or starts with "//". */
int lt_url_is_external(const char *url);

#endif
