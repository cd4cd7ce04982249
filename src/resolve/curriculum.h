/* Links the curriculum after the site's structure is known: competency
 * hierarchy, module coverage and prerequisites (with cycles reported as the
 * whole cycle), prerequisite order, session time checks and coverage gaps.
 * Runs on one thread. */
#ifndef LT_RESOLVE_CURRICULUM_H
#define LT_RESOLVE_CURRICULUM_H

#include "model/site.h"
#include "util/diag.h"

/* comps: competencies from data files (already read), in file order. */
int lt_resolve_curriculum(lt_site *s, lt_competency **comps, size_t ncomps, lt_diag *d);

/* Reports an unknown id at pos with a "did you mean" when one is close. */
void lt_report_unknown_id(const lt_site *s, lt_diag *d, lt_pos pos, const char *what,
                          const char *id);

#endif
