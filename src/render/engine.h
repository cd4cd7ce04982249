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

/* Renders page p (whose body HTML is p->html) through its template into
 * out. Returns 0 or -1 (reported). */
int lt_engine_render(lt_engine *e, const lt_page *p, lt_buf *out, lt_diag *d);

#endif
