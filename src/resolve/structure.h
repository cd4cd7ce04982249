/* Gives every loaded page its output path and place in the site: ids are
 * registered (duplicates reported), folders become sections, sections are
 * ordered by weight then name (or by lontar.yml's nav list at the top), and
 * pages get their reading order with previous/next links. Runs on one
 * thread after loading. */
#ifndef LT_RESOLVE_STRUCTURE_H
#define LT_RESOLVE_STRUCTURE_H

#include "model/site.h"
#include "util/diag.h"

int lt_resolve_structure(lt_site *s, lt_diag *d);

/* Gives pages without one their output path (dir/page.md → dir/page.html,
 * index.md and _index.md → index.html). */
void lt_resolve_out_paths(lt_site *s);

#endif
