/* The theme: templates, UI strings and assets. The default theme ships with
 * lontar (found at run time: $LONTAR_DATA_DIR, then ../share/lontar beside
 * the executable, then the source tree it was built from); a site overrides
 * any file by putting one with the same name under its own
 * themes/<theme>/. Templates are compiled to Lua source once here; every
 * render thread loads that source into its own Lua state. */
#ifndef LT_RENDER_THEME_H
#define LT_RENDER_THEME_H

#include "load/yaml.h"
#include "source/source.h"
#include "util/arena.h"
#include "util/diag.h"

#include <stddef.h>

typedef struct lt_template_src {
    const char *name; /* "page.html", "partials/nav.html" */
    const char *path; /* shown in errors */
    char *lua;        /* compiled chunk (malloc'd) */
    size_t lua_len;
} lt_template_src;

typedef struct lt_asset {
    const char *name;     /* relative to assets/, e.g. "style.css" */
    const char *fs_path;  /* built-in file on disk, or NULL */
    const char *src_path; /* file of the site's source, or NULL */
} lt_asset;

typedef struct lt_theme {
    const char *data_dir;
    lt_template_src *templates;
    size_t ntemplates;
    lt_asset *assets;
    size_t nassets;
    const lt_yaml **i18n; /* built-in strings, then the site's (override) */
    const char **i18n_paths;
    size_t ni18n;
} lt_theme;

/* Folder holding themes/ and plugins/ that ship with lontar, or NULL. */
const char *lt_theme_data_dir(void);

/* Loads theme `name` for language `lang`. site_files lists the site's own
 * files under themes/<name>/ (source paths), read through src. Returns 0 or
 * -1 with errors reported. */
int lt_theme_load(lt_theme *out, const char *name, const char *lang, lt_source *src,
                  const char *const *site_files, size_t nsite_files, lt_arena *a, lt_diag *d);
void lt_theme_free(lt_theme *t);

const lt_template_src *lt_theme_template(const lt_theme *t, const char *name);

#endif
