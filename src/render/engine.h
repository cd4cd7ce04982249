/* The render engine: one Lua state per render thread, holding the theme's
 * compiled templates, and the page data each template sees (documented in
 * docs/themes.md). Ownership: lt_engine_new/lt_engine_free; the site and
 * theme are borrowed and must outlive the engine. */
#ifndef LT_RENDER_ENGINE_H
#define LT_RENDER_ENGINE_H

#include "model/site.h"
#include "render/theme.h"
#include "util/buf.h"
#include "util/diag.h"

#include <stdatomic.h>

typedef struct lt_engine lt_engine;

/* `failed` is shared by all engines of a build: only the first template
 * error is reported, not the same error once per page. */
lt_engine *lt_engine_new(const lt_site *s, const lt_theme *t, atomic_int *failed);
void lt_engine_free(lt_engine *e);

/* Renders page p (whose body HTML is p->html) through its template into
 * out. Returns 0 or -1 (reported). */
int lt_engine_render(lt_engine *e, const lt_page *p, lt_buf *out, lt_diag *d);

#endif
