/* Plugins: Lua files from the site's plugins/ folder and the plugins that
 * ship with lontar (enabled by name in lontar.yml), run in a sandbox, one
 * Lua state per render thread. Each state runs every plugin's top-level
 * code, which registers what the plugin adds through the `lontar` table
 * (docs/plugins.md): pages, hooks, AST filters, directives and template
 * helpers. The first state's registrations decide what is build-wide
 * (pages, directive names, plugin order); every state keeps its own Lua
 * functions to call on its thread.
 *
 * Order: file-name order, unless a plugin returns { after = {"other"} }.
 * Ownership: lt_plugins_load/lt_plugins_free for the build-wide set,
 * lt_plugin_host_new/lt_plugin_host_free per thread. */
#ifndef LT_PLUGIN_HOST_H
#define LT_PLUGIN_HOST_H

#include "load/directive.h"
#include "model/site.h"
#include "plugin/sandbox.h"
#include "source/source.h"
#include "util/diag.h"

#include <pthread.h>

typedef struct lt_plugin_file {
    const char *name;      /* "jadwal" */
    const char *chunkname; /* "@plugins/jadwal.lua" */
    char *text;
    size_t len;
} lt_plugin_file;

/* A page asked for with lontar.page{}. */
typedef struct lt_plugin_page {
    const char *path; /* output path, checked */
    const char *title;
    const char *markdown; /* or html */
    const char *html;
    const char *template_name;
    double weight;
    int has_weight;
    int handbook;  /* 0: leave out of the handbook */
    lt_yaml *data; /* page.data for templates */
    lt_pos pos;    /* the plugin line that asked */
} lt_plugin_page;

typedef struct lt_plugins {
    lt_plugin_file *files;
    size_t nfiles;
    size_t *order; /* run order, indices into files (set by the first host) */
    lt_sandbox_limits limits;
    lt_site *site;
    lt_source *src;
    lt_diag *d;
    const char *edition;
    /* from the first host */
    lt_directive_spec **specs; /* NULL-terminated */
    size_t nspecs;
    lt_plugin_page *pages;
    size_t npages, pages_cap;
    int accept_pages; /* lontar.page{} is taken only while this is set */
    pthread_mutex_t lock;
} lt_plugins;

typedef struct lt_plugin_host lt_plugin_host;

/* Reads the enabled plugins. Returns 0, or -1 with errors reported. */
int lt_plugins_load(lt_plugins *p, lt_site *s, lt_source *src, const char *const *site_files,
                    size_t nsite_files, lt_diag *d);
void lt_plugins_free(lt_plugins *p);

/* A sandboxed state with every plugin run in order. The first host
 * (worker 0) must be made before the others. */
lt_plugin_host *lt_plugin_host_new(lt_plugins *p, int worker);
void lt_plugin_host_free(lt_plugin_host *h);
lt_sandbox *lt_plugin_host_sandbox(lt_plugin_host *h);

/* Runs the "load" hooks with the site's data (first host only); pages they
 * ask for are collected in p->pages. comps: competencies from data files. */
int lt_plugin_run_load_hooks(lt_plugin_host *h, lt_competency **comps, size_t ncomps);
/* Runs the AST filters over a page's tree. */
int lt_plugin_run_filters(lt_plugin_host *h, lt_page *p);
/* Runs the "page" hooks on the page table on top of the Lua stack. */
int lt_plugin_run_page_hooks(lt_plugin_host *h, const lt_page *p);
/* 1 when the plugins registered page hooks or template helpers: code that
 * may make a page's HTML depend on anything, so a versioned build renders
 * every page of every version instead of reusing an identical one. */
int lt_plugin_host_shapes_pages(const lt_plugin_host *h);
/* Runs a plugin directive: pushes nothing; returns malloc'd HTML or NULL
 * on error (reported). body: rendered HTML (body="markdown") or the raw
 * text (body="raw"). */
char *lt_plugin_run_directive(lt_plugin_host *h, const lt_page *p, const char *name,
                              const lt_directive_info *info, const char *body, int line);
/* The page being loaded on this host's thread (for plugin directives'
 * messages). */
void lt_plugin_host_set_page(lt_plugin_host *h, const lt_page *p);
const lt_page *lt_plugin_host_page(const lt_plugin_host *h);

/* 1 when the plugins have anything to do for pages (filters or page hooks):
 * lets the build skip the work entirely otherwise. */
int lt_plugin_has_filters(const lt_plugin_host *h);

/* Reports a Lua error (message on the stack, popped) as a diagnostic at the
 * plugin's file:line, naming the page when there is one. */
void lt_plugin_report(lt_diag *d, lua_State *L, const lt_page *page);

#endif
