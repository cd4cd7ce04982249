/* Version maps: which page of another version a page's version switcher
 * leads to.
 *
 * Before any version is built, every version gets a catalog: its pages
 * (source path, output path, id, aliases, blob id) read from its tree and
 * front matter alone, with the front matter of a blob read once for all
 * versions. A page of version X is then found in version Y by, in order:
 * its id; an `aliases` entry (an old id or path) on either side; git's
 * rename detection between the two trees. A page lontar generates (a
 * folder index, the curriculum pages, a plugin's page) is found at the same
 * output path when Y makes it too. Failing that, the switcher leads to the
 * nearest parent section that Y has, else to Y's home page, and says so.
 *
 * Ownership: lt_version_map_new/_free. The repository, the versions and the
 * sources are borrowed. Not thread-safe: compute the links of a version
 * (lt_version_map_links) before rendering it. */
#ifndef LT_RESOLVE_VERSION_MAP_H
#define LT_RESOLVE_VERSION_MAP_H

#include "model/site.h"
#include "source/repo.h"
#include "util/diag.h"

typedef struct lt_version_map lt_version_map;

/* Catalogs every version of `versions` (sources[i] is version i's source).
 * drafts: pages marked draft count as pages (lontar build --drafts). What
 * cannot be read is left out quietly: each version's own build reports it. */
lt_version_map *lt_version_map_new(lt_repo *r, const lt_version_list *versions,
                                   lt_source *const *sources, int drafts);
void lt_version_map_free(lt_version_map *m);

/* Fills every page's switcher (p->versions) for version `index` of the
 * map, listing the versions in display order (order[0..n), see
 * lt_versions_display_order) with labels from labels[i] (one per
 * version). Allocates in the site's arena. */
void lt_version_map_links(lt_version_map *m, size_t index, lt_site *s, const size_t *order,
                          const char *const *labels, lt_diag *d);

/* The blob id of site path `path` in version `index`, or NULL. */
const char *lt_version_map_blob(const lt_version_map *m, size_t index, const char *path);

/* Where the file at `path` in version `from` went in version `to` by git's
 * rename detection (NULL when it was not renamed). */
const char *lt_version_map_renamed(lt_version_map *m, size_t from, size_t to, const char *path,
                                   lt_diag *d);

/* The page with `id` in version `index`: its source path, or NULL. */
const char *lt_version_map_page_by_id(const lt_version_map *m, size_t index, const char *id);

#endif
