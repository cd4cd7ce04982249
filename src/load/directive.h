/* `:::name [argument]` … `:::` container directives, parsed by a cmark-gfm
 * syntax extension (so they nest, take more colons on outer fences, and are
 * never seen inside code blocks), then checked against the known directives
 * and turned into plain HTML containers.
 *
 *   :::studi-kasus Banjir di Kampung Melayu
 *   :durasi: 30
 *   Markdown body …
 *   :::
 *
 * Option lines (`:key: value`) directly after the opening fence belong to
 * the directive. */
#ifndef LT_LOAD_DIRECTIVE_H
#define LT_LOAD_DIRECTIVE_H

#include "util/diag.h"

#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>
#include <stddef.h>

/* The extension; created once (lt_markdown_init calls this before any
 * thread parses) and attached to every parser before "table". */
cmark_syntax_extension *lt_directive_extension(void);

typedef enum { LT_OPT_TEXT, LT_OPT_INT } lt_option_type;

typedef struct lt_option_spec {
    const char *name;
    lt_option_type type;
} lt_option_spec;

typedef enum {
    LT_DIR_ADMONITION, /* catatan, tip, peringatan */
    LT_DIR_ACTIVITY,   /* diskusi, latihan, studi-kasus, role-play */
    LT_DIR_EDITION,    /* pelatih, peserta */
    LT_DIR_CUSTOM      /* added by a plugin */
} lt_directive_kind;

typedef struct lt_directive_spec {
    const char *name;
    lt_directive_kind kind;
    const char *title_id;          /* default title, Indonesian */
    const char *title_en;          /* default title, English */
    const lt_option_spec *options; /* terminated by {NULL} */
    int raw_body;                  /* custom: run() gets the body's text, not its HTML */
} lt_directive_spec;

/* The built-in directives, terminated by {NULL}. */
extern const lt_directive_spec lt_builtin_directives[];

typedef struct lt_directive_option {
    const char *key, *value;
    int line, col; /* in the Markdown body (add the page's line offset) */
} lt_directive_option;

/* What the parser recorded for one directive node (borrowed from the node). */
typedef struct lt_directive_info {
    const char *name;
    const char *arg; /* "" when none */
    lt_directive_option *options;
    size_t noptions;
    int closed; /* 0: ran to the end of its parent without a closing fence */
} lt_directive_info;

/* NULL unless node is a directive node straight from the parser. */
const lt_directive_info *lt_directive_get(cmark_node *node);

/* name and title are borrowed from the specs and the document's nodes:
 * valid while both live. */
typedef struct lt_activity {
    const char *name;  /* diskusi, latihan, studi-kasus, role-play */
    const char *title; /* the argument, else the default title */
    int minutes;       /* :durasi:, 0 when not given */
    int line;
} lt_activity;

typedef struct lt_directive_ctx {
    const char *path;                      /* for diagnostics */
    int line_offset;                       /* added to node lines */
    const char *edition;                   /* "peserta" or "pelatih" */
    const char *language;                  /* "id" or "en": default titles */
    const lt_directive_spec *const *extra; /* plugin directives, NULL-terminated, or NULL */
    /* Renders a plugin directive: returns malloc'd HTML that replaces the
     * block, or NULL after reporting an error. body is the block's HTML, or
     * its source text for raw_body specs. */
    char *(*run)(void *run_ctx, const lt_directive_spec *spec, const lt_directive_info *info,
                 const char *body, int line);
    void *run_ctx;
    const char *source; /* the Markdown the tree was parsed from (raw bodies) */
    size_t source_len;
    lt_diag *d;
    /* out: activities found, in document order (malloc'd array; caller frees) */
    lt_activity *activities;
    size_t nactivities;
} lt_directive_ctx;

/* Checks every directive of doc (unknown names and options, option types,
 * unclosed fences) and rewrites each into an HTML container (a
 * CMARK_NODE_CUSTOM_BLOCK); edition blocks of the other edition are removed
 * with everything inside them. Returns the number of errors reported. */
int lt_directives_apply(cmark_node *doc, lt_directive_ctx *ctx);

/* Turns any directive node left in doc into a plain <div>: for Markdown
 * that never went through lt_directives_apply (a plugin's
 * lontar.markdown), which cmark could not render otherwise. */
void lt_directives_plain(cmark_node *doc);

#endif
