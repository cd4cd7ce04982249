#include "render/engine.h"

#include "plugin/sandbox.h"
#include "render/dates.h"
#include "render/luadata.h"
#include "util/path.h"

#include <lauxlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct lt_engine {
    lua_State *L;
    lt_plugin_host *host;
    lt_sandbox *sb;
    const lt_site *site;
    const lt_theme *theme;
    atomic_int *failed;
    lt_buf *out;        /* where _w, _e and _s write during a render */
    const lt_page *cur; /* page being rendered */
    lt_arena *arena;
    int templates_ref, env_ref, navcache_ref, lookup_ref;
    /* While a render records its version parts: how deep inside a version
     * partial it is, and whether version data was read outside one. */
    lt_render_parts *parts;
    int vdepth, leak;
};

/* The partials that may show version data (docs/versions.md): a versioned
 * build re-renders only these when it reuses a page from the previous
 * version. */
static const char *const version_partials[] = {
    "partials/versions.html", "partials/version-banner.html",  "partials/updated.html",
    "partials/changed.html",  "partials/version-scripts.html", NULL};

static int version_partial(const char *name)
{
    for (int i = 0; version_partials[i]; i++)
        if (strcmp(version_partials[i], name) == 0)
            return i;
    return -1;
}

/* ---- output functions used by compiled templates ---- */

static lt_engine *engine_of(lua_State *L)
{
    return lua_touserdata(L, lua_upvalueindex(1));
}

static int l_write(lua_State *L)
{
    size_t n;
    const char *s = luaL_checklstring(L, 1, &n);
    lt_buf_put(engine_of(L)->out, s, n);
    return 0;
}

static const char *value_text(lua_State *L, size_t *n)
{
    switch (lua_type(L, 1)) {
    case LUA_TNIL:
        *n = 0;
        return "";
    case LUA_TSTRING:
    case LUA_TNUMBER:
        return lua_tolstring(L, 1, n);
    case LUA_TBOOLEAN:
        return lua_toboolean(L, 1) ? (*n = 4, "true") : (*n = 5, "false");
    default:
        luaL_error(L, "cannot write a %s into the page", luaL_typename(L, 1));
        return NULL;
    }
}

static int l_escaped(lua_State *L)
{
    size_t n;
    const char *s = value_text(L, &n);
    lt_buf_put_html(engine_of(L)->out, s, n);
    return 0;
}

static int l_raw(lua_State *L)
{
    size_t n;
    const char *s = value_text(L, &n);
    lt_buf_put(engine_of(L)->out, s, n);
    return 0;
}

/* include(name [, vars]): renders a partial with the current page data,
 * plus vars when given. */
static int l_include(lua_State *L)
{
    lt_engine *e = engine_of(L);
    const char *name = luaL_checkstring(L, 1);
    int vars = lua_istable(L, 2);
    lua_settop(L, vars ? 2 : 1);
    lua_rawgeti(L, LUA_REGISTRYINDEX, e->templates_ref);
    if (lua_getfield(L, -1, name) != LUA_TFUNCTION)
        return luaL_error(L, "include: no template named '%s'", name);
    lua_rawgeti(L, LUA_REGISTRYINDEX, e->env_ref);
    int part = e->parts ? version_partial(name) : -1;
    if (part >= 0 && (vars || e->parts->n == LT_VERSION_PARTS_MAX))
        e->leak = 1; /* not re-rendered alone: the page is not reused */
    if (part >= 0 && !vars && e->vdepth == 0 && !e->leak) {
        lt_version_part *vp = &e->parts->items[e->parts->n++];
        vp->partial = part;
        vp->start = e->out->len;
        e->vdepth++;
        lua_call(L, 1, 0);
        e->vdepth--;
        vp->end = e->out->len;
        return 0;
    }
    if (part >= 0)
        e->vdepth++;
    if (vars) {
        /* vars inherits from the current env while the partial runs */
        lua_pushvalue(L, 2);
        lua_createtable(L, 0, 1);
        lua_pushvalue(L, -3);
        lua_setfield(L, -2, "__index");
        lua_setmetatable(L, -2);
        lua_replace(L, -2);
        lua_pushvalue(L, -1);
        lua_rawseti(L, LUA_REGISTRYINDEX, e->env_ref);
    }
    lua_call(L, 1, 0);
    if (part >= 0)
        e->vdepth--;
    if (vars) {
        /* restore the caller's env: the metatable's __index */
        lua_getmetatable(L, 2);
        lua_getfield(L, -1, "__index");
        lua_rawseti(L, LUA_REGISTRYINDEX, e->env_ref);
        lua_pop(L, 1);
    }
    return 0;
}

/* url(site_path): a relative URL from the current page to a site path. */
static int l_url(lua_State *L)
{
    lt_engine *e = engine_of(L);
    const char *to = luaL_checkstring(L, 1);
    lua_pushstring(L, lt_path_relative(e->arena, e->cur->out_path, to));
    return 1;
}

/* ---- state set-up ---- */

/* A template's globals: declared sandbox globals, read without the
 * sandbox's "undeclared global" error, so a template can test an optional
 * variable (`{% if layout then %}`) as in other template languages. */
static int l_lookup(lua_State *L)
{
    lua_pushvalue(L, 2);
    lua_rawget(L, lua_upvalueindex(1));
    return 1;
}

static int l_missing_string(lua_State *L)
{
    lua_pushvalue(L, 2);
    return 1;
}

static void declare_fn(lt_engine *e, const char *name, lua_CFunction fn)
{
    lua_pushlightuserdata(e->L, e);
    lua_pushcclosure(e->L, fn, 1);
    lt_sandbox_declare(e->sb, name);
}

/* __index of page and site for their version fields (upvalues: the
 * engine, the table that holds the fields): reading one outside a version
 * partial makes the page's output depend on the version as a whole. */
static int l_version_field(lua_State *L)
{
    lt_engine *e = lua_touserdata(L, lua_upvalueindex(1));
    static const char *const keys[] = {"versions", "latest", "updated", "changed", "version", NULL};
    const char *k = lua_type(L, 2) == LUA_TSTRING ? lua_tostring(L, 2) : "";
    for (int i = 0; keys[i]; i++)
        if (strcmp(keys[i], k) == 0 && e->vdepth == 0)
            e->leak = 1;
    lua_pushvalue(L, 2);
    lua_rawget(L, lua_upvalueindex(2));
    return 1;
}

/* Only a build of several versions reuses pages, so only there are the
 * version fields tracked (an __index call on every field a template finds
 * missing); elsewhere they are plain fields. */
static int tracks_versions(const lt_engine *e)
{
    return e->site->version && e->site->version->multi;
}

/* Gives the table below the top of the stack the fields of the table on
 * top, as tracked version fields; pops the fields' table. */
static void hide_version_fields(lt_engine *e)
{
    lua_State *L = e->L;
    lua_createtable(L, 0, 1);
    lua_pushlightuserdata(L, e);
    lua_pushvalue(L, -3);
    lua_pushcclosure(L, l_version_field, 2);
    lua_setfield(L, -2, "__index");
    lua_setmetatable(L, -3);
    lua_pop(L, 1);
}

/* What every template sees besides its page: the output functions and
 * helpers, the site and the UI strings, declared as globals of the sandbox
 * (which also gives templates the safe standard library and the plugins'
 * helpers). */
static void declare_globals(lt_engine *e)
{
    lua_State *L = e->L;
    declare_fn(e, "_w", l_write);
    declare_fn(e, "_e", l_escaped);
    declare_fn(e, "_s", l_raw);
    declare_fn(e, "include", l_include);
    declare_fn(e, "url", l_url);

    const lt_config *c = &e->site->config;
    lua_newtable(L);
    lt_lua_set_string(L, "title", c->title);
    lt_lua_set_string(L, "description", c->description);
    lt_lua_set_string(L, "language", c->language);
    lt_lua_set_string(L, "base_url", c->base_url);
    lt_lua_set_string(L, "institute", c->institute);
    lt_lua_set_string(L, "edition", e->site->edition);
    lt_lua_set_string(L, "handbook", e->site->handbook_html);
    lt_lua_set_string(L, "handbook_pdf", e->site->handbook_pdf);
    if (tracks_versions(e))
        lua_createtable(L, 0, 1);
    if (e->site->version) {
        lt_lua_push_version(L, e->site->version, c->curriculum.changes_page);
        lua_setfield(L, -2, "version");
    }
    if (tracks_versions(e))
        hide_version_fields(e);
    lt_lua_push_yaml(L, c->params);
    if (lua_isnil(L, -1)) {
        lua_pop(L, 1);
        lua_newtable(L);
    }
    lua_setfield(L, -2, "params");
    /* Read-only, like t: a page hook must not change what later pages see. */
    lt_sandbox_readonly(e->sb, "site");
    lt_sandbox_declare(e->sb, "site");

    /* UI strings: later files override earlier ones; a missing string shows
     * its own key so the gap is visible. */
    lua_newtable(L);
    for (size_t i = 0; i < e->theme->ni18n; i++) {
        const lt_yaml *y = e->theme->i18n[i];
        for (size_t k = 0; k < y->n; k++) {
            lt_lua_push_yaml(L, y->items[k]);
            lua_setfield(L, -2, y->keys[k]->str);
        }
    }
    lua_newtable(L);
    lua_pushcfunction(L, l_missing_string);
    lua_setfield(L, -2, "__index");
    lua_setmetatable(L, -2);
    lt_sandbox_readonly(e->sb, "t");
    lt_sandbox_declare(e->sb, "t");

    lua_pushstring(L, LT_VERSION);
    lt_sandbox_declare(e->sb, "lontar_version");
}

static void load_templates(lt_engine *e)
{
    lua_State *L = e->L;
    lua_newtable(L);
    for (size_t i = 0; i < e->theme->ntemplates; i++) {
        const lt_template_src *t = &e->theme->templates[i];
        char chunk[1024];
        snprintf(chunk, sizeof chunk, "@%s", t->path);
        if (luaL_loadbufferx(L, t->lua, t->lua_len, chunk, "t") != LUA_OK) {
            /* Reported at render time, with the template's own position. */
            lua_pushstring(L, lua_tostring(L, -1));
            lua_remove(L, -2);
        }
        lua_setfield(L, -2, t->name);
    }
    e->templates_ref = luaL_ref(L, LUA_REGISTRYINDEX);
}

lt_engine *lt_engine_new(const lt_site *s, const lt_theme *t, lt_plugin_host *host,
                         atomic_int *failed)
{
    lt_engine *e = lt_xcalloc(1, sizeof *e);
    e->site = s;
    e->theme = t;
    e->host = host;
    e->sb = lt_plugin_host_sandbox(host);
    e->failed = failed;
    e->arena = lt_arena_new();
    e->L = lt_sandbox_state(e->sb);
    declare_globals(e);
    /* The sandbox env's __index is the table of declared globals. */
    lt_sandbox_push_env(e->sb);
    lua_getmetatable(e->L, -1);
    lua_getfield(e->L, -1, "__index");
    lua_pushcclosure(e->L, l_lookup, 1);
    e->lookup_ref = luaL_ref(e->L, LUA_REGISTRYINDEX);
    lua_pop(e->L, 2);
    load_templates(e);
    lua_newtable(e->L);
    e->navcache_ref = luaL_ref(e->L, LUA_REGISTRYINDEX);
    lua_pushnil(e->L);
    e->env_ref = luaL_ref(e->L, LUA_REGISTRYINDEX);
    return e;
}

void lt_engine_free(lt_engine *e)
{
    if (!e)
        return;
    lt_arena_free(e->arena);
    free(e);
}

/* ---- page data ---- */

static void push_link(lt_engine *e, const char *title, const char *out_path)
{
    lua_State *L = e->L;
    lua_createtable(L, 0, 3);
    lt_lua_set_string(L, "title", title);
    lt_lua_set_string(L, "path", out_path);
    lt_lua_set_string(L, "url", lt_path_relative(e->arena, e->cur->out_path, out_path));
}

static const char *section_out(const lt_section *sec)
{
    return sec->index ? sec->index->out_path : NULL;
}

/* 1 when sec is `of` or one of its ancestors. */
static int contains(const lt_section *sec, const lt_section *of)
{
    for (; of; of = of->parent)
        if (of == sec)
            return 1;
    return 0;
}

/* Entries of sec as a list; open sections (on the path to the current
 * page) list their own entries, closed ones do not, which keeps the sidebar
 * small on large sites. */
static void push_entries(lt_engine *e, const lt_section *sec)
{
    lua_State *L = e->L;
    lua_createtable(L, (int)sec->nentries, 0);
    for (size_t i = 0; i < sec->nentries; i++) {
        const lt_entry *en = &sec->entries[i];
        const lt_page *about = en->page ? en->page : en->section->index;
        if (en->page) {
            push_link(e, en->page->title, en->page->out_path);
            lt_lua_set_string(L, "kind", "page");
        } else if (!en->section->nentries && en->section->index) {
            /* A folder holding only its index page reads as a page. */
            push_link(e, en->section->title, section_out(en->section));
            lt_lua_set_string(L, "kind", "page");
        } else {
            push_link(e, en->section->title, section_out(en->section));
            lt_lua_set_string(L, "kind", "section");
            int open = contains(en->section, e->cur->section);
            lua_pushboolean(L, open);
            lua_setfield(L, -2, "open");
            if (open) {
                push_entries(e, en->section);
                lua_setfield(L, -2, "children");
            }
        }
        /* build_reuse.c's site key hashes what entries show of other pages */
        lt_lua_set_string(L, "description", about ? about->description : NULL);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
}

/* The sidebar is the same for every page of a section that lives in the
 * section's folder, so it is built once per section and thread. */
static void push_nav(lt_engine *e)
{
    lua_State *L = e->L;
    const lt_page *p = e->cur;
    const char *dir = lt_path_dir(e->arena, p->out_path);
    int cacheable = strcmp(dir, p->section->path) == 0;
    lua_rawgeti(L, LUA_REGISTRYINDEX, e->navcache_ref);
    if (cacheable && lua_getfield(L, -1, p->section->path) == LUA_TTABLE) {
        lua_remove(L, -2);
        return;
    }
    if (cacheable)
        lua_pop(L, 1);
    push_entries(e, e->site->root);
    if (cacheable) {
        lua_pushvalue(L, -1);
        lua_setfield(L, -3, p->section->path);
    }
    lua_remove(L, -2);
}

/* "2024-03-01T10:15:00+07:00" → "1 Maret 2024" (or "1 March 2024"). */
static const char *date_text(lt_engine *e, const char *iso)
{
    int y, m, d;
    if (sscanf(iso, "%d-%d-%d", &y, &m, &d) != 3 || m < 1 || m > 12)
        return iso;
    return lt_arena_printf(e->arena, "%d %s %d", d, lt_month_name(m, e->site->config.language), y);
}

/* page.updated, page.changed and the version switcher (page.versions,
 * page.latest), from git. */
static void push_page_history(lt_engine *e)
{
    lua_State *L = e->L;
    const lt_page *p = e->cur;
    if (tracks_versions(e))
        lua_createtable(L, 0, 4);
    if (p->updated) {
        lua_createtable(L, 0, 3);
        lt_lua_set_string(L, "datetime", p->updated);
        lt_lua_set_string(L, "date", date_text(e, p->updated));
        lua_createtable(L, (int)p->nauthors, 0);
        for (size_t i = 0; i < p->nauthors; i++) {
            lua_pushstring(L, p->authors[i]);
            lua_rawseti(L, -2, (lua_Integer)i + 1);
        }
        lua_setfield(L, -2, "authors");
        lua_setfield(L, -2, "updated");
    }
    lua_pushboolean(L, p->changed);
    lua_setfield(L, -2, "changed");
    static const char *how[] = {NULL, "section", "home"};
    lua_createtable(L, (int)p->nversions, 0);
    for (size_t i = 0; i < p->nversions; i++) {
        const lt_version_link *l = &p->versions[i];
        lua_createtable(L, 0, 6);
        lt_lua_set_string(L, "name", l->name);
        lt_lua_set_string(L, "label", l->label);
        lt_lua_set_string(L, "url", l->url);
        lt_lua_set_string(L, "fallback", how[l->kind]);
        lua_pushboolean(L, l->current);
        lua_setfield(L, -2, "current");
        lua_pushboolean(L, l->latest);
        lua_setfield(L, -2, "latest");
        if (l->latest) {
            lua_pushvalue(L, -1);
            lua_setfield(L, -4, "latest");
        }
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    if (p->nversions)
        lua_setfield(L, -2, "versions");
    else
        lua_pop(L, 1);
    if (tracks_versions(e))
        hide_version_fields(e);
}

/* The page's name and place, on the table on top of the stack. */
static void set_page_identity(lt_engine *e)
{
    lua_State *L = e->L;
    const lt_page *p = e->cur;
    lt_lua_set_string(L, "title", p->title);
    lt_lua_set_string(L, "description", p->description);
    lt_lua_set_string(L, "id", p->id);
    lt_lua_set_string(L, "path", p->out_path);
    lt_lua_set_string(L, "source", p->generated ? NULL : p->src_path);
    lt_lua_set_string(L, "url", lt_path_base(p->out_path));
    lt_lua_set_string(L, "kind", lt_page_kind_name(p->kind));
    lua_pushboolean(L, p->is_index);
    lua_setfield(L, -2, "is_section");
    lua_pushboolean(L, p->section == e->site->root && p->is_index);
    lua_setfield(L, -2, "is_home");
}

static void push_page(lt_engine *e)
{
    lua_State *L = e->L;
    const lt_page *p = e->cur;
    lua_createtable(L, 0, 24);
    set_page_identity(e);
    lt_lua_set_string(L, "content", p->html ? p->html : "");

    lt_lua_push_yaml(L, p->front);
    if (lua_isnil(L, -1)) {
        lua_pop(L, 1);
        lua_newtable(L);
    }
    lua_setfield(L, -2, "params");
    lt_lua_push_yaml(L, p->data);
    if (lua_isnil(L, -1)) {
        lua_pop(L, 1);
        lua_newtable(L);
    }
    lua_setfield(L, -2, "data");

    lua_createtable(L, (int)p->nheadings, 0);
    for (size_t i = 0; i < p->nheadings; i++) {
        lua_createtable(L, 0, 3);
        lua_pushinteger(L, p->headings[i].level);
        lua_setfield(L, -2, "level");
        lt_lua_set_string(L, "id", p->headings[i].id);
        lt_lua_set_string(L, "title", p->headings[i].text);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    lua_setfield(L, -2, "toc");

    if (p->prev) {
        push_link(e, p->prev->title, p->prev->out_path);
        lua_setfield(L, -2, "prev");
    }
    if (p->next) {
        push_link(e, p->next->title, p->next->out_path);
        lua_setfield(L, -2, "next");
    }

    /* Breadcrumbs: the sections above the page, root first. A section's
     * own index page stops at its parent. */
    const lt_section *chain[64];
    int n = 0;
    const lt_section *sec = p->is_index ? p->section->parent : p->section;
    for (; sec && n < 64; sec = sec->parent)
        chain[n++] = sec;
    lua_createtable(L, n, 0);
    for (int i = n - 1, k = 1; i >= 0; i--, k++) {
        push_link(e, chain[i]->title, section_out(chain[i]));
        lua_rawseti(L, -2, k);
    }
    lua_setfield(L, -2, "breadcrumbs");

    if (p->is_index) {
        push_entries(e, p->section);
        lua_setfield(L, -2, "children");
    }
    push_page_history(e);
}

static const char *template_for(const lt_engine *e, const lt_page *p)
{
    if (p->template_name)
        return p->template_name;
    if (p->is_index && p->section == e->site->root && lt_theme_template(e->theme, "home.html"))
        return "home.html";
    if (p->is_index && lt_theme_template(e->theme, "section.html"))
        return "section.html";
    return "page.html";
}

/* Splits "path:line: message" from a Lua error into a diagnostic. */
static void report_lua_error(lt_engine *e, const char *msg, const char *tpl_path, lt_diag *d)
{
    if (atomic_exchange(e->failed, 1))
        return;
    const char *path = tpl_path;
    int line = 0;
    char *copy = lt_arena_strdup(e->arena, msg);
    char *colon = strchr(copy, ':');
    if (colon && colon[1] >= '0' && colon[1] <= '9') {
        *colon = '\0';
        path = copy;
        line = atoi(colon + 1);
        msg = strchr(colon + 1, ':');
        msg = msg ? msg + 1 : "";
        while (*msg == ' ')
            msg++;
    }
    lt_error(d, path, line, 1, "%s (while rendering %s)", msg, e->cur->src_path);
}

/* Completes the env on top of the stack with root, puts it over the shared
 * globals and makes it the current one. */
static void finish_env(lt_engine *e, const lt_page *p)
{
    lua_State *L = e->L;
    lua_pushstring(L, lt_path_root_prefix(e->arena, p->out_path));
    lua_setfield(L, -2, "root");
    lua_createtable(L, 0, 1);
    lua_rawgeti(L, LUA_REGISTRYINDEX, e->lookup_ref);
    lua_setfield(L, -2, "__index");
    lua_setmetatable(L, -2);
    lua_pushvalue(L, -1);
    lua_rawseti(L, LUA_REGISTRYINDEX, e->env_ref);
}

/* Pushes the template env of page p (its own variables over the shared
 * globals) and makes it the current one. Returns 0, or -1 when a page hook
 * failed (reported). */
static int push_env(lt_engine *e, const lt_page *p)
{
    lua_State *L = e->L;
    lua_createtable(L, 0, 4);
    push_page(e);
    if (lt_plugin_run_page_hooks(e->host, p) < 0)
        return -1;
    lua_setfield(L, -2, "page");
    push_nav(e);
    lua_setfield(L, -2, "nav");
    finish_env(e, p);
    return 0;
}

/* The env the version partials are rendered in alone: root, and page with
 * its name, place and version fields only. A partial that needs more shows
 * it when the page is recorded (parts_stand_alone), and the page is then
 * not reused. */
static void push_parts_env(lt_engine *e, const lt_page *p)
{
    lua_State *L = e->L;
    lua_createtable(L, 0, 2);
    lua_createtable(L, 0, 12);
    set_page_identity(e);
    push_page_history(e);
    lua_setfield(L, -2, "page");
    finish_env(e, p);
}

/* Renders each recorded version partial alone into bufs[i]. Returns 0 or
 * -1 (an error: the caller renders in full). */
static int render_parts(lt_engine *e, const lt_page *p, const lt_render_parts *parts, lt_buf *bufs)
{
    lua_State *L = e->L;
    int rc = 0;
    e->cur = p;
    e->vdepth = 1; /* reading version data is what these partials are for */
    push_parts_env(e, p);
    int env = lua_gettop(L);
    for (size_t i = 0; i < parts->n && rc == 0; i++) {
        e->out = &bufs[i];
        lua_rawgeti(L, LUA_REGISTRYINDEX, e->templates_ref);
        lua_getfield(L, -1, version_partials[parts->items[i].partial]);
        lua_pushvalue(L, env);
        if (lua_type(L, -2) != LUA_TFUNCTION || lt_sandbox_pcall(e->sb, 1, 0) != LUA_OK)
            rc = -1;
        lua_settop(L, env);
    }
    lua_settop(L, 0);
    e->vdepth = 0;
    e->out = NULL;
    return rc;
}

/* 1 when each version partial alone renders what the whole page did. */
static int parts_stand_alone(lt_engine *e, const lt_page *p, const lt_buf *out,
                             const lt_render_parts *parts)
{
    lt_buf bufs[LT_VERSION_PARTS_MAX] = {0};
    int same = render_parts(e, p, parts, bufs) == 0;
    for (size_t i = 0; i < parts->n; i++) {
        const lt_version_part *vp = &parts->items[i];
        same = same && bufs[i].len == vp->end - vp->start &&
               (!bufs[i].len || memcmp(bufs[i].data, out->data + vp->start, bufs[i].len) == 0);
        lt_buf_free(&bufs[i]);
    }
    return same;
}

int lt_engine_render(lt_engine *e, const lt_page *p, lt_buf *out, lt_render_parts *parts,
                     lt_diag *d)
{
    lua_State *L = e->L;
    int rc = 0;
    e->cur = p;
    e->out = out;
    e->parts = parts;
    e->vdepth = e->leak = 0;
    if (parts)
        parts->n = 0;
    const char *name = template_for(e, p);
    const lt_template_src *src = lt_theme_template(e->theme, name);
    lua_rawgeti(L, LUA_REGISTRYINDEX, e->templates_ref);
    int type = lua_getfield(L, -1, name);
    if (type != LUA_TFUNCTION) {
        if (type == LUA_TSTRING)
            report_lua_error(e, lua_tostring(L, -1), src ? src->path : name, d);
        else
            lt_error(d, p->src_path, p->id_line, 1, "template '%s' does not exist", name);
        rc = -1;
        goto done;
    }
    if (push_env(e, p) < 0) {
        rc = -1;
        goto done;
    }
    if (lt_sandbox_pcall(e->sb, 1, 0) != LUA_OK) {
        report_lua_error(e, lua_tostring(L, -1), src ? src->path : name, d);
        rc = -1;
    }
done:
    lua_settop(L, 0);
    e->out = NULL;
    e->parts = NULL;
    if (parts)
        parts->reusable = rc == 0 && !e->leak && parts_stand_alone(e, p, out, parts);
    return rc;
}

int lt_engine_splice(lt_engine *e, const lt_page *p, const char *old, size_t old_len,
                     const lt_render_parts *old_parts, lt_buf *out, lt_render_parts *parts)
{
    lt_buf bufs[LT_VERSION_PARTS_MAX] = {0};
    int rc = render_parts(e, p, old_parts, bufs);
    size_t at = 0;
    *parts = *old_parts;
    for (size_t i = 0; rc == 0 && i < old_parts->n; i++) {
        const lt_version_part *vp = &old_parts->items[i];
        if (vp->start < at || vp->end < vp->start || vp->end > old_len) {
            rc = -1;
            break;
        }
        lt_buf_put(out, old + at, vp->start - at);
        parts->items[i].start = out->len;
        lt_buf_put(out, bufs[i].data ? bufs[i].data : "", bufs[i].len);
        parts->items[i].end = out->len;
        at = vp->end;
    }
    if (rc == 0)
        lt_buf_put(out, old + at, old_len - at);
    for (size_t i = 0; i < old_parts->n; i++)
        lt_buf_free(&bufs[i]);
    return rc;
}
