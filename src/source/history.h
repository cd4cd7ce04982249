/* Page history for a whole multi-version build, and what changed between
 * two versions.
 *
 * lt_history_build makes ONE walk of the commit graph reachable from all the
 * versions (libgit2 revwalk, topological, newest first), comparing each
 * commit with its first parent by recursing only into subtrees whose ids
 * differ. For every file of every version it gives what
 * `git log VERSION -- path` would (default history simplification):
 *
 *   - last: the commit `git log -1 VERSION -- path` shows, i.e. the one
 *     that gave the file the content it has in that version; its committer
 *     time in ISO 8601 with the committer's own offset
 *     ("2024-03-01T10:15:00+07:00");
 *   - authors: the names, never e-mail addresses, of the authors of every
 *     commit that log shows (adding, editing or removing the file), after
 *     the .mailmap committed at the root of the latest version.
 *
 * So a clean merge is no change: the commits of the merged branch keep the
 * credit, not the one who merged; a merge that kept one side's content does
 * not credit the other side. Files are followed by path, like git log
 * without --follow: a renamed file starts a new history (see lt_history_diff
 * for renames). Dates come from commits only, never from the clock.
 *
 * Ownership: lt_history_build/lt_history_free; results are borrowed from the
 * history. Building is not thread-safe; once built, lookups are. */
#ifndef LT_SOURCE_HISTORY_H
#define LT_SOURCE_HISTORY_H

#include "source/repo.h"

#include <stddef.h>
#include <stdint.h>

typedef struct lt_history lt_history;

typedef struct lt_history_commit {
    char id[GIT_OID_HEXSZ + 1];
    int64_t time; /* committer time, seconds since the epoch */
    int offset;   /* the committer's UTC offset in minutes */
    char date[LT_ISO_DATE_SIZE];
} lt_history_commit;

typedef struct lt_file_history {
    const lt_history_commit *last;
    const char *const *authors; /* byte order, each name once */
    size_t nauthors;
} lt_file_history;

/* lt_history_build: the repository is a shallow clone, whose history is cut
 * off; nothing was computed, nothing reported (the caller warns and leaves
 * dates out rather than print wrong ones). */
#define LT_HISTORY_SHALLOW 1

/* History of every file of every version in `versions` (their index is the
 * version number for lt_history_get). Returns 0, LT_HISTORY_SHALLOW with
 * *out NULL, or -1 after reporting a libgit2 failure to d. */
int lt_history_build(lt_history **out, lt_repo *r, const lt_version_list *versions, lt_diag *d);
/* A site path of version `version`; NULL when the version has no such file
 * (or h is NULL, after LT_HISTORY_SHALLOW). */
const lt_file_history *lt_history_get(const lt_history *h, size_t version, const char *path);
void lt_history_free(lt_history *h);

typedef enum {
    LT_CHANGE_ADDED,
    LT_CHANGE_REMOVED,
    LT_CHANGE_MODIFIED, /* also a file that became a link or the reverse */
    LT_CHANGE_RENAMED,  /* same blob moved, or a similar file (git's -M50%) */
} lt_change_kind;

typedef struct lt_change {
    lt_change_kind kind;
    const char *old_path; /* NULL when added */
    const char *new_path; /* NULL when removed */
    int similarity;       /* renames: 50..100, 100 for the same blob */
} lt_change;

/* Every file that differs between two site trees (e.g. two versions' trees),
 * with renames found: by blob id first, then by content similarity. Sorted
 * by path (new_path, or old_path for a removal). The array and its strings
 * are allocated in a. Returns 0 or -1 (reported to d). */
int lt_history_diff(lt_change **out, size_t *n, lt_repo *r, const git_tree *from,
                    const git_tree *to, lt_arena *a, lt_diag *d);

#endif
