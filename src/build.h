/* lontar's library entry point: runs the pipeline source → load → model →
 * resolve → render → publish once. main.c is a thin CLI over this. */
#ifndef LT_BUILD_H
#define LT_BUILD_H

#include "util/diag.h"

#include <stddef.h>

typedef struct lt_build_options {
    const char *src;     /* source folder */
    const char *out;     /* output folder; NULL: SRC/_site */
    int strict;          /* warnings fail the build */
    int drafts;          /* build pages marked draft: true */
    int threads;         /* 0: lt_parallel_threads() */
    int check_only;      /* validate, write nothing */
    const char *edition; /* "peserta" (default) or "pelatih" */
    /* In a git repository lontar reads committed content (see build_git.c). */
    int worktree;    /* read the working tree as a plain folder instead */
    const char *ref; /* build this one ref only; NULL: per lontar.yml */
} lt_build_options;

typedef struct lt_build_result {
    size_t pages, files;      /* summed over the versions */
    size_t versions;          /* versions built from git; 0 for a folder */
    size_t reused;            /* pages taken from the version built before */
    size_t carried;           /* versions patched from the one built before, not read again */
    int uncommitted;          /* SRC is in a git repository that does not track it */
    size_t uncommitted_files; /* built from git: files changed on disk, not in the build */
    size_t errors, warnings;
    double seconds;     /* the whole build, PDF included */
    double pdf_seconds; /* making the handbook's PDF; 0 when none was made */
    int pdf_skipped;    /* handbook.pdf is auto and WeasyPrint is not installed */
} lt_build_result;

/* Returns 0 on success, 1 when the content has errors (all reported to d). */
int lt_build_run(const lt_build_options *opt, lt_diag *d, lt_build_result *out);

#endif
