#include "render/page_body.h"

#include "render/curriculum_pages.h"

#include <stdlib.h>

static cmark_node *html_block(char *html)
{
    cmark_node *n = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK);
    cmark_node_set_on_enter(n, html);
    cmark_node_set_on_exit(n, "");
    free(html);
    return n;
}

void lt_page_body_extend(const lt_site *s, lt_page *p, const char *prereq_svg, lt_arena *a)
{
    if (p->module) {
        cmark_node *box = html_block(lt_html_module_summary(s, p, a));
        cmark_node *first = cmark_node_first_child(p->doc);
        if (first)
            cmark_node_insert_before(first, box);
        else
            cmark_node_append_child(p->doc, box);
    }
    if (p->concept)
        cmark_node_append_child(p->doc, html_block(lt_html_concept_refs(s, p, a)));
    switch (p->special) {
    case LT_SPECIAL_COMPETENCIES:
        cmark_node_append_child(p->doc, html_block(lt_html_competencies(s, p, a)));
        break;
    case LT_SPECIAL_PATHS:
        cmark_node_append_child(p->doc, html_block(lt_html_paths(s, p, prereq_svg, a)));
        break;
    case LT_SPECIAL_GLOSSARY:
        cmark_node_append_child(p->doc, html_block(lt_html_glossary(s, p, a)));
        break;
    case LT_SPECIAL_CHANGES: /* written by the build, which knows the versions */
    case LT_SPECIAL_NONE:
        break;
    }
}
