#include "load/markdown.h"

#include "load/directive.h"
#include "util/buf.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static const char *ext_names[] = {"table", "strikethrough", "autolink", "tasklist", NULL};
static cmark_syntax_extension *exts[4];
static cmark_llist *ext_list;

/* cmark-gfm keeps the inline parser's table of special characters in one
 * global array: each parse adds its extensions' characters ('~' for
 * strikethrough, ':' for autolinks...) when it starts on inlines and removes
 * them when it is done, so a parse that finishes on one thread takes them
 * away from a parse still running on another, which then misses its
 * strikethroughs and links. Inline parsing (in cmark_parser_finish) runs
 * one at a time; block parsing stays parallel. Recursive: a directive may
 * parse Markdown of its own. */
static pthread_mutex_t inlines_lock = PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP;

void lt_markdown_init(void)
{
    if (ext_list)
        return;
    cmark_gfm_core_extensions_ensure_registered();
    lt_directive_extension();
    cmark_mem *mem = cmark_get_default_mem_allocator();
    for (int i = 0; ext_names[i]; i++) {
        exts[i] = cmark_find_syntax_extension(ext_names[i]);
        if (!exts[i])
            abort();
        ext_list = cmark_llist_append(mem, ext_list, exts[i]);
    }
}

int lt_markdown_options(int unsafe)
{
    return CMARK_OPT_FOOTNOTES | (unsafe ? CMARK_OPT_UNSAFE : 0);
}

cmark_node *lt_markdown_parse(const char *text, size_t len, int unsafe)
{
    cmark_parser *p = cmark_parser_new(lt_markdown_options(unsafe));
    /* Before "table": otherwise a ':::' line reads as a table row. */
    cmark_parser_attach_syntax_extension(p, lt_directive_extension());
    for (int i = 0; ext_names[i]; i++)
        cmark_parser_attach_syntax_extension(p, exts[i]);
    cmark_parser_feed(p, text, len);
    pthread_mutex_lock(&inlines_lock);
    cmark_node *doc = cmark_parser_finish(p);
    pthread_mutex_unlock(&inlines_lock);
    cmark_parser_free(p);
    return doc;
}

char *lt_markdown_render_page(cmark_node *doc, int unsafe, const char *language)
{
    static const char english[] = "aria-label=\"Back to content\"";
    static const char indonesian[] = "aria-label=\"Kembali ke teks\"";
    char *html = lt_markdown_render(doc, unsafe);
    if (strcmp(language, "en") == 0 || !strstr(html, english))
        return html;
    lt_buf out = LT_BUF_INIT;
    const char *at = html, *hit;
    while ((hit = strstr(at, english))) {
        lt_buf_put(&out, at, (size_t)(hit - at));
        lt_buf_puts(&out, indonesian);
        at = hit + sizeof english - 1;
    }
    lt_buf_puts(&out, at);
    free(html);
    return lt_buf_detach(&out);
}

char *lt_markdown_render(cmark_node *doc, int unsafe)
{
    lt_directives_plain(doc);
    return cmark_render_html(doc, lt_markdown_options(unsafe), ext_list);
}
