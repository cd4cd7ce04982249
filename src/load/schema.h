/* Typed content: reads modules, concepts and competencies from front matter
 * and competency data files, checking each field's type and allowed values
 * (errors at path:line:col). Only id and title are required; a module
 * without level, duration or objectives gets a warning. */
#ifndef LT_LOAD_SCHEMA_H
#define LT_LOAD_SCHEMA_H

#include "load/config.h"
#include "model/site.h"
#include "util/arena.h"
#include "util/diag.h"

/* The kind of page p is: its `type:` front matter, else its top folder.
 * Folder index pages are plain pages. Reports an unknown type. */
lt_page_kind lt_schema_kind(const lt_page *p, const lt_config *cfg, lt_diag *d);

/* Reads p's typed fields into p->module / p->concept / p->competency
 * according to p->kind. Thread-safe with a per-thread arena. Returns 0 or
 * -1 when errors were reported. */
int lt_schema_read_page(lt_page *p, const lt_config *cfg, lt_arena *a, lt_diag *d);

/* Reads a competency data file: a YAML list of competencies. Appends them
 * to *out (malloc'd array grown as needed). */
int lt_schema_read_competency_file(const char *path, const char *text, size_t len,
                                   const lt_config *cfg, lt_arena *a, lt_diag *d,
                                   lt_competency ***out, size_t *n, size_t *cap);

#endif
