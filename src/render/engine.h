/* The render engine: the theme's compiled templates in a render thread's
 * sandboxed Lua state (the same state its plugins run in, so templates can
 * call plugin helpers), and the page data each template sees (documented in
 * docs/themes.md). Ownership: lt_engine_new/lt_engine_free; the site, theme
 * and plugin host are borrowed and must outlive the engine. */
#ifndef LT_RENDER_ENGINE_H
#define LT_RENDER_ENGINE_H

#include "model/site.h"
#include "plugin/host.h"
#include "render/theme.h"
#include "util/buf.h"
#include "util/diag.h"

#include <stdatomic.h>

typedef struct lt_engine lt_engine;

/* `failed` is shared by all engines of a build: only the first template
 * error is reported, not the same error once per page. */
lt_engine *lt_engine_new(const lt_site *s, const lt_theme *t, lt_plugin_host *host,
                         atomic_int *failed);
void lt_engine_free(lt_engine *e);

/* Where a rendered page shows version data: the output of each version
 * partial (partials/versions.html, version-banner.html, updated.html,
 * changed.html, version-scripts.html) included from the page's templates. */
#define LT_VERSION_PARTS_MAX 16
typedef struct lt_version_part {
    size_t start, end; /* byte range in the page */
    int partial;       /* which partial */
} lt_version_part;

typedef struct lt_render_parts {
    lt_version_part items[LT_VERSION_PARTS_MAX];
    size_t n;
    /* The page read version data only inside those partials, included
     * without variables, and each renders alone exactly what it rendered
     * in the page: another version's page with the same inputs is this
     * output with the parts rendered again (lt_engine_splice). */
    int reusable;
} lt_render_parts;

/* Renders page p (whose body HTML is p->html) through its template into
 * out. parts (may be NULL) gets where version data went. Returns 0 or -1
 * (reported). */
int lt_engine_render(lt_engine *e, const lt_page *p, lt_buf *out, lt_render_parts *parts,
                     lt_diag *d);

/* Renders page p as the output `old` (another version's rendering of a page
 * with the same inputs, whose version parts are old_parts) with each version
 * part rendered again for p, into out; parts gets the new ranges. Returns 0,
 * or -1 when that fails (nothing reported: render p in full instead). */
int lt_engine_splice(lt_engine *e, const lt_page *p, const char *old, size_t old_len,
                     const lt_render_parts *old_parts, lt_buf *out, lt_render_parts *parts);

#endif
