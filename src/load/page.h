/* Loads one Markdown page from its bytes: checks the text (binary, UTF-8,
 * BOM), splits and validates front matter, parses the body with cmark-gfm,
 * and gives headings their ids. Safe to run on many threads at once, each
 * with its own arena. */
#ifndef LT_LOAD_PAGE_H
#define LT_LOAD_PAGE_H

#include "load/config.h"
#include "load/directive.h"
#include "model/site.h"
#include "util/arena.h"
#include "util/diag.h"

/* Splits front matter off text. On return *out_fm is the YAML text (NULL if
 * none), *out_body the Markdown and *out_body_line its first line. Returns
 * 0, or -1 (reported) when the front matter is not closed. */
int lt_frontmatter_split(const char *text, size_t len, const char *path, lt_diag *d,
                         const char **out_fm, size_t *out_fm_len, const char **out_body,
                         size_t *out_body_len, int *out_body_line);

/* What loading needs besides the page's bytes. */
typedef struct lt_load_opts {
    const lt_config *cfg;
    const char *anchor_label;                         /* accessible name of heading self-links */
    const char *edition;                              /* peserta | pelatih */
    const lt_directive_spec *const *extra_directives; /* from plugins, or NULL */
    char *(*run_directive)(void *ctx, const lt_directive_spec *spec, const lt_directive_info *info,
                           const char *body, int line);
    void *run_ctx; /* set per thread */
} lt_load_opts;

/* Fills p from data: parse, directives (this edition's), heading ids.
 * Returns 0, or -1 with diagnostics reported and p->failed set. */
int lt_page_load(lt_page *p, const char *data, size_t len, const lt_load_opts *opts, lt_arena *a,
                 lt_diag *d);

#endif
