/* lontar.yml: site settings. Every key is validated; an unknown key or a
 * value of the wrong type is reported at lontar.yml:line:col. Strings are
 * borrowed from the YAML tree (arena). */
#ifndef LT_LOAD_CONFIG_H
#define LT_LOAD_CONFIG_H

#include "load/yaml.h"
#include "util/arena.h"
#include "util/diag.h"

typedef struct lt_config {
    const char *title;
    const char *language; /* "id" (default) or "en" */
    const char *description;
    const char *base_url; /* optional; never needed for links */
    const char *theme;    /* default "default" */
    int unsafe;           /* markdown.unsafe: pass raw HTML through */
    const char **nav;     /* nav: top-level entries in this order */
    const lt_yaml **nav_nodes;
    size_t nav_n;
    const lt_yaml *params; /* params: free-form values for templates */
    const lt_yaml *root;
} lt_config;

/* Fills defaults, then reads text (may be NULL for no lontar.yml).
 * Returns 0, or -1 when errors were reported. */
int lt_config_load(lt_config *out, lt_arena *a, const char *text, size_t len, const char *path,
                   lt_diag *d);

#endif
