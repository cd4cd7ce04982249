/* The root of a versioned output: OUT/index.html, which sends the reader to
 * the latest version (a meta refresh and a plain link, so it works from
 * file:// without JavaScript), and OUT/versions.js, which every page loads
 * with a <script> tag: it sets window.lontarVersions, so a page built
 * earlier learns of versions published after it. */
#ifndef LT_PUBLISH_VERSIONS_ROOT_H
#define LT_PUBLISH_VERSIONS_ROOT_H

#include "model/site.h"
#include "publish/output.h"

typedef struct lt_versions_root {
    const lt_site_version *versions; /* in build order: tags oldest first, then branches */
    size_t n;
    size_t latest;        /* index of the latest version */
    const char *title;    /* the site's title, from lontar.yml at HEAD */
    const char *language; /* "id" or "en" */
} lt_versions_root;

/* Writes both files into out's root. Returns 0 or -1 (reported). */
int lt_versions_root_write(const lt_versions_root *r, lt_output *out, lt_diag *d);

/* The versions newest first, as switchers list them: tags from the
 * highest down, then branches by name. Fills order[0..n). */
void lt_versions_display_order(const lt_site_version *versions, size_t n, size_t *order);

#endif
