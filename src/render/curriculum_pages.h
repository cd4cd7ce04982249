/* The HTML lontar writes from the curriculum: the summary box that opens a
 * module page, the references box of a concept page, and the bodies of the
 * competency framework, learning paths and glossary pages. Every link is
 * relative to the page the HTML goes on. Results are malloc'd. */
#ifndef LT_RENDER_CURRICULUM_PAGES_H
#define LT_RENDER_CURRICULUM_PAGES_H

#include "model/site.h"
#include "util/arena.h"

char *lt_html_module_summary(const lt_site *s, const lt_page *p, lt_arena *a);
char *lt_html_concept_refs(const lt_site *s, const lt_page *p, lt_arena *a);
char *lt_html_competencies(const lt_site *s, const lt_page *p, lt_arena *a);
/* prereq_svg: the prerequisite graph for this page (may be NULL). */
char *lt_html_paths(const lt_site *s, const lt_page *p, const char *prereq_svg, lt_arena *a);
char *lt_html_glossary(const lt_site *s, const lt_page *p, lt_arena *a);

/* Default title of a generated page. */
const char *lt_special_title(lt_special which, const char *language);

#endif
