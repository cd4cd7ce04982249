/* The offline lint: checks what is written into the output for anything
 * that would break reading from a USB stick over file:// — a stylesheet,
 * script, image or frame loaded from the network, an absolute path, a link
 * to a folder (file:// shows a listing, not the page), fetch(), module
 * scripts and workers loaded from files. Findings are warnings (errors with
 * --strict) at the output file's path:line:col. Links that readers follow
 * to other sites (<a href="https://…">) are fine. */
#ifndef LT_PUBLISH_LINT_H
#define LT_PUBLISH_LINT_H

#include "util/diag.h"

#include <stddef.h>

/* shown: the path used in messages (OUT/rel). kind by extension of rel:
 * .html, .css, .js; other files are not checked. Returns the number of
 * findings. */
size_t lt_lint_output(const char *shown, const char *rel, const char *data, size_t len, lt_diag *d);

#endif
