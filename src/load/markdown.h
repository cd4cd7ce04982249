/* cmark-gfm set up the one way lontar uses it: GFM tables, strikethrough,
 * autolinks, task lists and footnotes. lt_markdown_init must run once before
 * any thread parses. */
#ifndef LT_LOAD_MARKDOWN_H
#define LT_LOAD_MARKDOWN_H

#include <cmark-gfm.h>
#include <stddef.h>

void lt_markdown_init(void);
/* Parse options shared by parsing and rendering. */
int lt_markdown_options(int unsafe);
/* A new document; the caller frees it with cmark_node_free. */
cmark_node *lt_markdown_parse(const char *text, size_t len, int unsafe);
/* HTML of a document (malloc'd). */
char *lt_markdown_render(cmark_node *doc, int unsafe);
/* lt_markdown_render for a page of a site in `language` ("id" or "en"):
 * the footnote back-links' accessible name, which cmark-gfm writes in
 * English, is in the site's language. */
char *lt_markdown_render_page(cmark_node *doc, int unsafe, const char *language);

#endif
