/* The output folder. A build writes into a fresh temporary folder beside
 * OUT and swaps it in only when the build succeeded, so a failed build
 * leaves the previous output as it was. Every path written is checked to
 * stay inside the folder. An existing OUT is only ever replaced when lontar
 * made it (it holds the marker file .lontar-output) or it is empty. Every
 * file written goes through the offline lint (publish/lint.h). */
#ifndef LT_PUBLISH_OUTPUT_H
#define LT_PUBLISH_OUTPUT_H

#include "util/diag.h"

#include <stddef.h>

typedef struct lt_output {
    char *final; /* OUT as given */
    char *tmp;   /* the folder being written */
} lt_output;

/* Checks OUT against SRC and creates the temporary folder. */
int lt_output_begin(lt_output *o, const char *out_dir, const char *src_dir, lt_diag *d);
/* Writes rel (a site-relative path, checked) with the given bytes, after
 * the offline lint (publish/lint.h) reads them. */
int lt_output_write(lt_output *o, const char *rel, const char *data, size_t len, lt_diag *d);
/* The same for bytes the caller has linted with lt_output_lint. */
int lt_output_write_linted(lt_output *o, const char *rel, const char *data, size_t len, lt_diag *d);
/* The offline lint of what would be written to rel; returns the findings. */
size_t lt_output_lint(const lt_output *o, const char *rel, const char *data, size_t len,
                      lt_diag *d);
/* Copies a file from disk to rel. */
int lt_output_copy(lt_output *o, const char *rel, const char *from, lt_diag *d);
/* A view of the subfolder `folder` of o, for one version of a versioned
 * build: writes land in o's temporary folder, under folder/. Creates the
 * subfolder. Never commit a view; lt_output_free it. */
int lt_output_sub(lt_output *o, const char *folder, lt_output *view, lt_diag *d);
/* Swaps the new folder in. */
int lt_output_commit(lt_output *o, lt_diag *d);
/* Removes the temporary folder; OUT is untouched. */
void lt_output_abort(lt_output *o);
void lt_output_free(lt_output *o);

#endif
