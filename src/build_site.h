/* One site build: the whole pipeline over one source into one output
 * folder. build.c runs it once for a plain folder; build_git.c runs it once
 * per version read from git. Internal to the build; main.c uses build.h. */
#ifndef LT_BUILD_SITE_H
#define LT_BUILD_SITE_H

#include "build.h"
#include "model/site.h"
#include "publish/output.h"
#include "render/reuse.h"
#include "resolve/changes.h"
#include "resolve/version_map.h"
#include "source/history.h"
#include "source/source.h"

/* The build of the version built just before, kept so that the next one
 * can patch it instead of reading every page again (build_carry.c). */
typedef struct lt_build_carry {
    struct build *prev; /* NULL: nothing to patch */
} lt_build_carry;

/* Frees what carry holds. */
void lt_build_carry_end(lt_build_carry *carry);

/* What a version's build knows of the other versions. */
typedef struct lt_version_ctx {
    const lt_site_version *version; /* becomes site->version */
    size_t index;                   /* in the version list */
    int64_t time;                   /* commit time, for dates that must not be the clock */
    lt_version_map *map;            /* switcher targets; NULL for a single version */
    const char *const *labels;      /* one per version */
    const size_t *order;            /* the versions in display order */
    const lt_history *history;      /* NULL: no dates (a shallow clone) */
    const lt_snapshot *previous;    /* the version compared with, or NULL */
    size_t previous_index;
    lt_reuse *reuse; /* pages of the version built before; NULL: render all */
    /* in: the build before, or none; out: this one, when it may be patched */
    lt_build_carry *carry;
    lt_snapshot *snapshot; /* out: this version's curriculum, allocated in snapshot_arena */
    lt_arena *snapshot_arena;
} lt_version_ctx;

typedef struct lt_site_job {
    const lt_build_options *opt;
    lt_source *src;
    const char *src_dir; /* SRC on disk: an OUT inside it is not read */
    const char *out_dir; /* OUT as given */
    lt_output *out;      /* begun; NULL when only checking */
    lt_diag *d;
    const lt_version_ctx *ver; /* NULL: not from git */
} lt_site_job;

/* Returns 0, or 1 when the content has errors (reported to job->d, which
 * is sorted on return). res gets the counts of this site alone. */
int lt_site_build(const lt_site_job *job, lt_build_result *res);

/* lt_build_run in a git repository: 0 or 1 as lt_build_run, or
 * LT_BUILD_NOT_GIT when SRC is not in one (nothing reported). */
#define LT_BUILD_NOT_GIT 2
int lt_build_git(const lt_build_options *opt, const char *out_dir, lt_diag *d,
                 lt_build_result *res);

#endif
