/* What changed in the curriculum between two versions: modules, concepts
 * and competencies added, removed, renamed and changed, matched by id.
 *
 * A snapshot keeps what the comparison needs of one version's curriculum,
 * so the version's site can be freed before the next one is built. An item
 * whose id is gone counts as renamed when an item that is new has it among
 * its aliases, or its file was renamed (git's rename detection); an item
 * that kept its id but moved to another file is renamed too. Changed means
 * the file's content (its blob id) or, for a competency of a data file,
 * its fields differ. Ownership: everything is allocated in the arena given. */
#ifndef LT_RESOLVE_CHANGES_H
#define LT_RESOLVE_CHANGES_H

#include "model/site.h"
#include "util/arena.h"

typedef enum { LT_ITEM_MODULE, LT_ITEM_CONCEPT, LT_ITEM_COMPETENCY, LT_ITEM_KINDS } lt_item_kind;

/* The module fields the changes page lists old → new. */
enum { LT_FIELD_JP, LT_FIELD_OBJECTIVES, LT_FIELD_COMPETENCIES, LT_FIELD_PREREQUISITES, LT_FIELDS };

typedef struct lt_snap_item {
    lt_item_kind kind;
    const char *id, *title;
    const char *src;     /* source path, NULL for a competency of a data file */
    const char *out;     /* output path, NULL when it has no page */
    const char *content; /* blob id, or the fields of a data-file competency */
    const char **aliases;
    size_t naliases;
    const char *fields[LT_FIELDS]; /* modules: each field as one line of text */
} lt_snap_item;

typedef struct lt_snapshot {
    lt_snap_item *items; /* modules, then concepts, then competencies */
    size_t n;
} lt_snapshot;

/* Takes the snapshot of a site whose curriculum is resolved. */
void lt_snapshot_take(lt_snapshot *out, const lt_site *s, lt_arena *a);

typedef enum { LT_DELTA_ADDED, LT_DELTA_REMOVED, LT_DELTA_RENAMED, LT_DELTA_CHANGED } lt_delta_kind;

typedef struct lt_delta {
    lt_delta_kind kind;
    const lt_snap_item *old_item; /* NULL when added */
    const lt_snap_item *new_item; /* NULL when removed */
    int content_changed;          /* renamed items: the content changed too */
    unsigned fields;              /* modules: bit (1 << LT_FIELD_*) per changed field */
} lt_delta;

/* Where a file of the old version went in the new one (git's rename
 * detection), or NULL. */
typedef const char *(*lt_renamed_fn)(void *ctx, const char *old_path);

/* The differences, by kind, then added, removed, renamed, changed, then
 * id. Returns how many (in *out, allocated in a). */
size_t lt_changes_compute(lt_delta **out, const lt_snapshot *from, const lt_snapshot *to,
                          lt_renamed_fn renamed, void *ctx, lt_arena *a);

#endif
