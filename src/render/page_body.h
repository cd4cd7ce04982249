/* Adds what lontar writes to a page's own Markdown before it is rendered:
 * the module summary box first, a concept's references box last, and the
 * generated body of the framework, learning-paths and glossary pages after
 * whatever the author wrote there. Each goes into the cmark tree as a custom
 * block, so the page renders in one pass. */
#ifndef LT_RENDER_PAGE_BODY_H
#define LT_RENDER_PAGE_BODY_H

#include "model/site.h"
#include "util/arena.h"

/* prereq_svg: the prerequisite graph, made for the learning-paths page. */
void lt_page_body_extend(const lt_site *s, lt_page *p, const char *prereq_svg, lt_arena *a);

#endif
