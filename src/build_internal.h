/* The state of one site build (build.c), shared with the files that add
 * to it: build_version.c (what a version from git adds) and build_reuse.c
 * (reusing the previous version's pages). Internal to the build. */
#ifndef LT_BUILD_INTERNAL_H
#define LT_BUILD_INTERNAL_H

#include "build_site.h"
#include "load/page.h"
#include "model/site.h"
#include "plugin/host.h"
#include "render/engine.h"
#include "render/handbook.h"
#include "render/search_index.h"
#include "render/theme.h"
#include "util/arena.h"
#include "util/sha1.h"

#include <pthread.h>
#include <stdatomic.h>

typedef struct build {
    const lt_build_options *opt;
    const lt_version_ctx *ver; /* NULL: not from git */
    lt_diag *d;
    lt_source *src;
    lt_site *site;
    const char *out_rel;    /* output folder relative to SRC when inside it */
    const char **aux_files; /* under themes/ and plugins/ */
    size_t naux, aux_cap;
    lt_arena **arenas; /* one per worker */
    lt_engine **engines;
    lt_plugins plugins;
    lt_plugin_host **hosts; /* one per worker */
    lt_theme theme;
    lt_output *out; /* NULL when only checking */
    int threads;
    const char *anchor_label;
    lt_load_opts load_opts; /* run_ctx is per thread: copied per page */
    atomic_int template_failed;
    lt_competency **competencies; /* from data files */
    size_t ncompetencies, competencies_cap;
    pthread_mutex_t backlinks_lock;
    char *prereq_svg;
    lt_search *search;
    lt_handbook *handbook;
    lt_handbook *carried_handbook; /* the version before's, when patched (build_carry.c) */
    lt_page *changes;              /* the changes page of a versioned build */
    lt_reuse *reuse;               /* set when pages of the previous version may be reused */
    atomic_size_t reused;
    unsigned char site_key[LT_SHA1_LEN]; /* what every page's output depends on */
    lt_source_entry *listing;            /* every entry of the source, in listing order */
    size_t nlisting, listing_cap;
    int quiet_before_versions; /* nothing reported before the version data */
    size_t diags_after_versions;
} build;

/* build.c */
void lt_build_free(build *b);
/* Lists b->src (dot folders and an OUT inside it left out) into each. */
void lt_build_list_source(build *b, lt_source_visit each);
/* Plugin filters, links and cross-references of one page. */
void lt_build_resolve_page(build *b, lt_page *p, int worker);
void lt_build_sort_backlinks(lt_site *s);

/* build_version.c */
/* Adds the changes page of a versioned build (its body comes later). */
lt_page *lt_build_add_changes_page(build *b);
/* Dates, authors, changed marks, the switcher and the changes page's body. */
void lt_build_add_version_data(build *b);
/* The handbook's version and date: the version's, never the clock. */
void lt_build_stamp_handbook(const build *b, lt_handbook_stamp *stamp);

/* build_reuse.c */
/* b->site_key: what every page's output depends on besides its own inputs. */
void lt_build_make_site_key(build *b);
/* Renders p, from the previous version's output when its inputs are the
 * same, and runs the offline lint on it (write it with
 * lt_output_write_linted). Returns 0 or -1 (reported). */
int lt_build_render_reusing(build *b, lt_page *p, int worker, lt_buf *html);

/* build_carry.c */
/* Records an entry of the source's listing. */
void lt_build_listed(build *b, const lt_source_entry *e);
/* 1 when the next version may patch b: no plugins, and nothing reported. */
int lt_build_can_carry(const build *b);
/* prev, patched into the version of job when only the text of some pages
 * (or static files) differs; else NULL, with prev freed. */
build *lt_build_carry_over(build *prev, const lt_site_job *job);

#endif
