/* A git repository as the origin of versions: open it (bare or not), list
 * its tags and branches, select versions with glob patterns, order them by
 * version number and pick the latest. Everything goes through libgit2: no
 * `git` process, no checkout.
 *
 * Version folders: a version is published in OUT/<folder>, where folder is
 * the tag or branch name with every '/' replaced by '-' ("release/2024" →
 * "release-2024"), so each version sits exactly one level below OUT. A name
 * that cannot be a portable folder and URL segment is an error naming the
 * ref; so are two versions whose folders differ only in case (they would
 * clash on FAT and macOS file systems). A commit given by id gets the first
 * 12 hex digits of its id as its folder.
 *
 * Ownership: lt_repo_open/lt_repo_free. lt_repo_versions and lt_repo_resolve
 * fill an lt_version_list, released with lt_version_list_free; its strings
 * and trees live as long as the list. None of this is thread-safe. */
#ifndef LT_SOURCE_REPO_H
#define LT_SOURCE_REPO_H

#include "source/source.h"
#include "util/arena.h"
#include "util/diag.h"

#include <git2/oid.h>
#include <git2/types.h>
#include <stddef.h>
#include <stdint.h>

/* Size of an ISO 8601 date with offset, "2024-03-01T10:15:00+07:00", with
 * room for unusual years. */
#define LT_ISO_DATE_SIZE 40

typedef struct lt_repo {
    git_repository *git;
    const char *path; /* as given to lt_repo_open, for messages */
    /* The site folder relative to the top of the working tree, without
     * slashes at either end ("docs/kurikulum"); "" when the site is the whole
     * repository, and always in a bare one. Version trees are the subtree at
     * this path. */
    const char *prefix;
    int bare;
    int shallow; /* history is cut off: warn and leave dates out */
    lt_arena *arena;
    lt_source_git_cache *cache; /* shared by the sources of lt_repo_source */
} lt_repo;

/* lt_repo_open: there is no repository at the path. */
#define LT_REPO_NONE 1

/* Opens the repository at path (a working tree or a bare repository); with
 * search_parents, also a repository that holds path in a subfolder. Returns
 * 0; LT_REPO_NONE when there is none (nothing reported: build path as a plain
 * folder); or -1 after reporting an error at `path` to d, including a
 * repository with no commits yet. Takes a git_libgit2_init reference that
 * lt_repo_free gives back. */
int lt_repo_open(lt_repo **out, const char *path, int search_parents, lt_diag *d);
void lt_repo_free(lt_repo *r);

/* The site folder (r->prefix) in a commit's tree. Returns 0, GIT_ENOTFOUND
 * when the commit has no such folder, or another libgit2 error. */
int lt_repo_site_tree(git_tree **out, const lt_repo *r, const git_commit *commit);

typedef enum { LT_VERSION_TAG, LT_VERSION_BRANCH, LT_VERSION_COMMIT } lt_version_kind;

typedef struct lt_version {
    /* Tag or branch name ("v1.0", "release/2024"; a remote-tracking branch of
     * origin is named without "origin/"), or the text given to --ref for a
     * commit named otherwise. */
    const char *name;
    const char *folder; /* output folder, see the top of this header */
    const char *ref;    /* full ref name ("refs/tags/v1.0"); NULL for a commit */
    lt_version_kind kind;
    int prerelease; /* a tag that matches a pre-release pattern */
    int latest;     /* the version OUT/index.html leads to; exactly one */
    git_oid commit; /* annotated tags peeled to their commit */
    char commit_id[GIT_OID_HEXSZ + 1];
    int64_t time;                /* committer time, seconds since the epoch */
    int offset;                  /* the committer's UTC offset in minutes */
    char date[LT_ISO_DATE_SIZE]; /* time in ISO 8601 with that offset */
    git_tree *tree;              /* the site folder at this commit */
} lt_version;

typedef struct lt_version_list {
    /* Tags first, oldest version number first (lt_repo_compare_versions),
     * then branches by name. */
    lt_version *items;
    size_t n;
    lt_arena *arena;
} lt_version_list;

/* versions.* in lontar.yml. A pattern list is applied in order and the last
 * pattern that matches a name decides: a plain pattern selects it, a
 * "!pattern" drops it; a list that starts with "!" starts from every name.
 * Patterns are fnmatch(3) globs where '*' also matches '/'. */
typedef struct lt_version_rules {
    const char *const *tags;
    size_t ntags;
    const char *const *branches;
    size_t nbranches;
    /* Tags that are pre-releases; NULL: "*-alpha*", "*-beta*", "*-rc*",
     * "*-pre*". A non-NULL empty list means none. */
    const char *const *prerelease;
    size_t nprerelease;
    /* Name of the latest version; NULL: the highest tag by version number
     * that is not a pre-release. */
    const char *latest;
    const char *config_path; /* where the rules come from, for messages */
} lt_version_rules;

/* Selects the versions. Branches are the local ones, plus those of the
 * remote "origin" that have no local branch of the same name (a fresh clone
 * in CI). Returns 0, or -1 after reporting every problem to d: a plain
 * pattern that matches no name, nothing selected, a tag that is not a
 * commit, a name unsafe as a folder, two versions in one folder, a version
 * without the site folder, an unknown versions.latest. */
int lt_repo_versions(lt_version_list *out, lt_repo *r, const lt_version_rules *rules, lt_diag *d);
/* --ref REF: one version from a tag, a branch or any revision git
 * understands ("v1.0", "main", "HEAD~2", a commit id), marked latest. rules
 * may be NULL (default pre-release patterns). Returns 0 or -1 (reported,
 * with a "did you mean" for a near-miss of a tag or branch name). */
int lt_repo_resolve(lt_version_list *out, lt_repo *r, const char *spec,
                    const lt_version_rules *rules, lt_diag *d);
void lt_version_list_free(lt_version_list *l);

/* The source of one version (lt_source_free it before lt_repo_free). The
 * sources of one repository share what they learn about common blobs. NULL
 * when the object database cannot be opened. */
lt_source *lt_repo_source(lt_repo *r, const lt_version *v);

/* Version-number order of two tag names, <0, 0 or >0. An optional 'v' is
 * ignored; dot-separated numbers compare by value, a missing one counting as
 * 0 ("2024.1" < "2024.10", "v1.2" == "v1.2.0" before the tie-break); a
 * suffix other than "+build" makes a pre-release that sorts before its
 * release, suffixes comparing digit runs by value ("1.0-rc2" < "1.0-rc10" <
 * "1.0"). Names that are not version numbers sort before those that are.
 * Ties are broken by byte order, so the order is total. */
int lt_repo_compare_versions(const char *a, const char *b);
/* 1 when the pattern list (see lt_version_rules) selects name, else 0. */
int lt_repo_match(const char *const *patterns, size_t n, const char *name);
/* The folder for a tag or branch name (in a), or NULL with *why set when the
 * name cannot be one: only ASCII letters, digits, '.', '-', '_', '+' and '/'
 * (which becomes '-') may appear, the name may not start with '.', and
 * "index.html" and "versions.js" are taken by the output root. */
char *lt_repo_folder(lt_arena *a, const char *name, const char **why);
/* ISO 8601 with the commit's own offset: "2024-03-01T10:15:00+07:00"
 * ("+00:00" for UTC, never "Z"). */
void lt_repo_format_time(char out[LT_ISO_DATE_SIZE], int64_t time, int offset);

#endif
