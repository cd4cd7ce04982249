/* Reusing pages across the versions of one build. Versions are built one
 * after another; a page whose inputs are the same as in the version built
 * just before (same key: see build_reuse.c) is not rendered through
 * its templates again: the previous version's output is taken, with only
 * its version parts rendered again (render/engine.h). Ten versions that
 * differ in a few pages cost little more than one.
 *
 * Ownership: lt_reuse_new/_free. lt_reuse_put is thread-safe; the rest is
 * called between versions or read-only while a version renders. */
#ifndef LT_RENDER_REUSE_H
#define LT_RENDER_REUSE_H

#include "render/engine.h"
#include "util/sha1.h"

typedef struct lt_reuse lt_reuse;

typedef struct lt_reuse_entry {
    unsigned char key[LT_SHA1_LEN];
    lt_render_parts parts;
    int lint_clean; /* the offline lint found nothing in the page */
} lt_reuse_entry;

lt_reuse *lt_reuse_new(void);
void lt_reuse_free(lt_reuse *r);

/* Ends a version whose pages were written under dir: what it recorded
 * becomes what the next version may reuse. */
void lt_reuse_next(lt_reuse *r, const char *dir);

/* The previous version's entry for a page, or NULL. */
const lt_reuse_entry *lt_reuse_get(const lt_reuse *r, const char *out_path);
/* Where the previous version's pages are, or NULL before the first. */
const char *lt_reuse_dir(const lt_reuse *r);
/* Records this version's rendering of a page. */
void lt_reuse_put(lt_reuse *r, const char *out_path, const unsigned char key[LT_SHA1_LEN],
                  const lt_render_parts *parts, int lint_clean);

#endif
