/* lontar.yml: site settings. Every key is validated; an unknown key or a
 * value of the wrong type is reported at lontar.yml:line:col. Strings are
 * borrowed from the YAML tree (arena). */
#ifndef LT_LOAD_CONFIG_H
#define LT_LOAD_CONFIG_H

#include "load/yaml.h"
#include "util/arena.h"
#include "util/diag.h"

typedef struct lt_strings {
    const char **items;
    size_t n;
} lt_strings;

/* curriculum: in lontar.yml (see docs/configuration.md). */
typedef struct lt_curriculum_config {
    lt_strings module_folders;     /* default: modules, modul */
    lt_strings concept_folders;    /* default: concepts, konsep */
    lt_strings competency_folders; /* default: competencies, kompetensi */
    lt_strings levels;             /* default: dasar, lanjutan, mahir */
    lt_strings methods;            /* allowed teaching methods */
    int jp_minutes;                /* minutes per JP, default 45 */
    const char *competencies_page; /* default kompetensi/index.html */
    const char *paths_page;        /* default jalur/index.html */
    const char *glossary_page;     /* default glosarium/index.html */
    const char *changes_page;      /* default perubahan/index.html */
    const char *case_namespace;    /* CASE identifiers; default base_url */
} lt_curriculum_config;

typedef enum { LT_PDF_AUTO, LT_PDF_ALWAYS, LT_PDF_NEVER } lt_pdf_mode;

/* A part of the handbook: a title and the pages and folders it holds. */
typedef struct lt_handbook_part {
    const char *title;    /* NULL: chapters listed without parts (handbook.pages) */
    const lt_yaml *pages; /* a sequence of text values (pages, folders) */
} lt_handbook_part;

/* handbook: in lontar.yml (see docs/handbook.md). Page and folder names are
 * kept as YAML nodes: they are checked against the site once it is loaded,
 * and reported at their own position. */
typedef struct lt_handbook_config {
    int enabled;             /* handbook: false turns the handbook off */
    lt_pdf_mode pdf;         /* default auto */
    const lt_yaml *pdf_node; /* where pdf was set, or NULL */
    const char *paper;       /* CSS page size: "A4" (default), "A5", "letter" */
    double timeout_s;        /* PDF engine time limit, default 300 */
    lt_handbook_part *parts; /* NULL: the site's reading order */
    size_t nparts;
    const lt_yaml *exclude; /* a sequence of pages and folders, or NULL */
} lt_handbook_config;

/* versions: in lontar.yml (see docs/versions.md). Read from the lontar.yml
 * committed at HEAD; a version's own copy is read for its other settings. */
typedef struct lt_versions_config {
    int enabled;         /* the key is present: publish every selected version */
    lt_strings tags;     /* glob patterns, "!" to exclude */
    lt_strings branches; /* glob patterns, "!" to exclude */
    lt_strings prerelease;
    int has_prerelease;    /* prerelease was given (possibly empty) */
    const char *latest;    /* NULL: the highest released tag */
    const lt_yaml *labels; /* mapping of version name to the label readers see */
} lt_versions_config;

typedef struct lt_config {
    const char *title;
    const char *language; /* "id" (default) or "en" */
    const char *description;
    const char *base_url; /* optional; never needed for links */
    const char *theme;    /* default "default" */
    int unsafe;           /* markdown.unsafe: pass raw HTML through */
    const char **nav;     /* nav: top-level entries in this order */
    const lt_yaml **nav_nodes;
    size_t nav_n;
    const lt_yaml *params;   /* params: free-form values for templates */
    const char *institute;   /* shown on the handbook cover */
    lt_strings plugins;      /* built-in plugins to enable */
    int plugin_memory_mb;    /* per Lua state, default 256 */
    double plugin_timeout_s; /* per plugin call, default 10 */
    lt_curriculum_config curriculum;
    lt_handbook_config handbook;
    lt_versions_config versions;
    const lt_yaml *root;
} lt_config;

/* 1 when s is one of list's items. */
int lt_strings_has(const lt_strings *list, const char *s);

/* The label of version `name` (versions.labels), or name itself. */
const char *lt_config_version_label(const lt_config *c, const char *name);

/* Helpers shared by the readers of lontar.yml's parts. check_keys reports
 * unknown keys of a mapping and returns how many; get_strings reads a list
 * of text values (one text value counts as a list of one). */
int lt_config_check_keys(const lt_yaml *map, const char **keys, const char *where, const char *path,
                         lt_diag *d);
void lt_config_get_strings(const lt_yaml *map, const char *key, lt_strings *out, lt_arena *a,
                           const char *path, lt_diag *d);

/* Reads versions: into out->versions (config_versions.c). */
void lt_config_read_versions(lt_config *out, const lt_yaml *v, lt_arena *a, const char *path,
                             lt_diag *d);

/* Fills defaults, then reads text (may be NULL for no lontar.yml).
 * Returns 0, or -1 when errors were reported. */
int lt_config_load(lt_config *out, lt_arena *a, const char *text, size_t len, const char *path,
                   lt_diag *d);

#endif
