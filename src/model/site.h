/* The typed site: pages, sections and static files, filled by load/, linked
 * by resolve/, read by render/. Everything hangs off the site's arena and is
 * freed with lt_site_free; cmark documents are freed there too. */
#ifndef LT_MODEL_SITE_H
#define LT_MODEL_SITE_H

#include "load/config.h"
#include "model/curriculum.h"
#include "load/yaml.h"
#include "util/arena.h"
#include "util/map.h"
#include "util/sha1.h"

#include <cmark-gfm.h>
#include <stddef.h>

typedef struct lt_section lt_section;

typedef struct lt_heading {
    int level;
    const char *id;   /* unique within the page */
    const char *text; /* plain text */
    int line;
} lt_heading;

typedef enum { LT_PAGE_PLAIN, LT_PAGE_MODULE, LT_PAGE_CONCEPT, LT_PAGE_COMPETENCY } lt_page_kind;

/* Pages whose body lontar writes from the curriculum (after any text the
 * author wrote on the same page). */
typedef enum {
    LT_SPECIAL_NONE,
    LT_SPECIAL_COMPETENCIES,
    LT_SPECIAL_PATHS,
    LT_SPECIAL_GLOSSARY,
    LT_SPECIAL_CHANGES /* what changed since the previous version */
} lt_special;

/* How a version switcher entry found its target in another version. */
typedef enum {
    LT_VLINK_PAGE,    /* the same page (by id, path, alias or git rename) */
    LT_VLINK_SECTION, /* not there: the nearest parent section */
    LT_VLINK_HOME,    /* not there, nor any parent section: the home page */
} lt_vlink_kind;

/* One entry of a page's version switcher. */
typedef struct lt_version_link {
    const char *name;  /* tag or branch */
    const char *label; /* as readers see it */
    const char *url;   /* relative to the page */
    lt_vlink_kind kind;
    int current, latest;
} lt_version_link;

/* The version a site is built from, when it comes from git. */
typedef struct lt_site_version {
    const char *name, *label, *folder;
    const char *kind;   /* "tag", "branch" or "commit" */
    const char *commit; /* 40 hex digits */
    const char *date;   /* commit time, ISO 8601 */
    /* "latest"; "old" (a release before the latest); "prerelease" (a tag
     * after it, or marked so); "draft" (a branch or a commit) */
    const char *status;
    int multi;            /* published beside other versions in OUT/<folder> */
    const char *previous; /* the version the changes page compares with, or NULL */
} lt_site_version;

typedef struct lt_page {
    const char *src_path; /* "modul/m1.md" */
    const char *out_path; /* "modul/m1.html" */
    const char *id;       /* front matter id, else src_path without ".md" */
    int id_line, id_col;  /* where an explicit id was written (0 if derived) */
    const char *title;
    const char *description;
    const char *template_name; /* NULL: chosen by kind */
    double weight;
    int has_weight;
    int draft;
    int is_index;       /* index.md / _index.md of its folder */
    int generated;      /* made by lontar (a folder without index.md), no source */
    const char *plugin; /* the plugin whose lontar.page{} made it, or NULL */
    lt_page_kind kind;
    lt_special special;
    lt_module *module;         /* kind == LT_PAGE_MODULE */
    lt_concept *concept;       /* kind == LT_PAGE_CONCEPT */
    lt_competency *competency; /* kind == LT_PAGE_COMPETENCY */
    lt_section *section;
    const lt_yaml *front; /* whole front matter mapping, or NULL */
    const lt_yaml *data;  /* page.data from a plugin's lontar.page{}, or NULL */
    cmark_node *doc;
    int line_offset; /* add to cmark lines to get file lines */
    lt_heading *headings;
    size_t nheadings;
    char *html; /* rendered body (malloc'd) */
    /* Digest of html, in a build that reuses pages (build_reuse.c). */
    unsigned char html_sha1[LT_SHA1_LEN];
    struct lt_page *prev, *next;
    size_t order;         /* position in reading order */
    int failed;           /* could not be loaded; skipped by later stages */
    int activity_minutes; /* sum of the :durasi: of its activities */
    /* The body has any content, as the handbook found it before rendering
     * (kept for a page carried over to the next version: build_carry.c). */
    int has_text;
    const char *blob; /* git blob id of the source, or NULL */
    /* From git history, as of this version's commit (NULL/0 when unknown):
     * the last change's time in ISO 8601 and the authors' names. */
    const char *updated;
    const char *const *authors;
    size_t nauthors;
    int changed;               /* differs from the previous version (a versioned build) */
    lt_version_link *versions; /* the switcher, one per version */
    size_t nversions;
} lt_page;

/* What a resolved link points at, kept as the cmark node's user data so
 * later stages (the handbook) can point the same link somewhere else. */
typedef struct lt_link_target {
    const lt_page *page;
    const char *fragment; /* heading id, or NULL */
} lt_link_target;

/* A sidebar entry: exactly one of page or section is set. */
typedef struct lt_entry {
    lt_page *page;
    lt_section *section;
    int rank; /* position in lontar.yml's nav list, -1 when not listed */
} lt_entry;

struct lt_section {
    const char *path; /* folder, "" for the root */
    const char *title;
    lt_page *index; /* may be NULL: then the section has a generated index */
    lt_section *parent;
    lt_entry *entries; /* pages and sub-sections in navigation order */
    size_t nentries, cap;
    double weight;
    int has_weight;
    int depth;
};

typedef struct lt_site {
    lt_arena *arena;
    lt_config config;
    lt_page **pages; /* in source path order; then reading order after resolve */
    size_t npages, pages_cap;
    lt_section *root;
    lt_section **sections;
    size_t nsections, sections_cap;
    const char **files; /* static files to copy, source paths */
    size_t nfiles, files_cap;
    lt_map by_src, by_out, by_id, sections_by_path, files_set;
    lt_curriculum cur;
    lt_map competencies_by_id;      /* competencies from data files and pages */
    const char *edition;            /* "peserta" or "pelatih" */
    const char *handbook_html;      /* this edition's print edition, NULL when none */
    const char *handbook_pdf;       /* its PDF, NULL when none is made */
    const lt_site_version *version; /* NULL: not built from git */
} lt_site;

/* "page", "module", "concept" or "competency", as templates and plugins
 * see a page's kind. */
const char *lt_page_kind_name(lt_page_kind kind);

lt_site *lt_site_new(void);
void lt_site_free(lt_site *s);

lt_page *lt_site_add_page(lt_site *s, const char *src_path);
void lt_site_add_file(lt_site *s, const char *src_path);
/* The section of folder `path`, created with its parents when missing. */
lt_section *lt_site_section(lt_site *s, const char *path);

/* Looks up a heading id on a page (also footnote anchors). */
int lt_page_has_anchor(const lt_page *p, const char *anchor);

#endif
