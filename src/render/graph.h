/* The prerequisite graph of the modules as inline SVG, laid out in-process by
 * Graphviz's dot engine (libgvc + libcgraph; no `dot` process).
 *
 * Not thread-safe: Graphviz keeps global state, so call this from one thread
 * only, and never while another thread uses Graphviz.
 *
 * The markup is ready to paste into HTML: no XML declaration, DOCTYPE,
 * comments or element ids (so several graphs can share a page);
 * role="img", aria-label and a first-child <title> carry `title`; a viewBox
 * with width="100%" and a max-width of the natural size lets it shrink on a
 * phone without growing past its drawn size. Modules are boxes named by id,
 * top to bottom in prerequisite order (a tall, narrow graph suits phones and
 * portrait pages better than a wide one), labelled "M1 · level" over the
 * wrapped title, filled by level in steps of lightness that survive greyscale
 * printing, and linked to their pages. Edges run from prerequisite to module.
 * The same curriculum gives byte-identical SVG on the same machine (text is
 * measured with the system's fonts, so other machines may place it
 * differently). */
#ifndef LT_RENDER_GRAPH_H
#define LT_RENDER_GRAPH_H

#include "model/curriculum.h"

/* Relative URL of module m from the page the SVG goes on; borrowed, read
 * before the next call. NULL leaves the node unlinked. */
typedef const char *(*lt_graph_href_fn)(void *ctx, const lt_module *m);

/* Returns malloc'd SVG markup that the caller frees, or NULL when Graphviz
 * fails (its message goes to stderr). href may be NULL for no links. */
char *lt_graph_prereq_svg(const lt_curriculum *c, lt_graph_href_fn href, void *ctx,
                          const char *title);

#endif
