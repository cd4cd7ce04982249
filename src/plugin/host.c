#include "plugin/host.h"

#include "load/markdown.h"
#include "plugin/ast.h"
#include "render/luadata.h"
#include "render/theme.h"
#include "util/buf.h"
#include "util/fs.h"
#include "util/path.h"

#include <lauxlib.h>
#include <stdlib.h>
#include <string.h>

struct lt_plugin_host {
    lt_plugins *p;
    lt_sandbox *sb;
    int worker;
    int registry_ref;    /* { on = {load={}, page={}}, filters = {}, directives = {} } */
    size_t current;      /* index of the plugin whose top level is running */
    const lt_page *page; /* being loaded on this thread */
    int nfilters, npage_hooks, nhelpers;
};

/* ---- reading plugin files ---- */

static int cmp_files(const void *a, const void *b)
{
    return strcmp(((const lt_plugin_file *)a)->name, ((const lt_plugin_file *)b)->name);
}

static void add_file(lt_plugins *p, const char *name, const char *shown, char *text, size_t len,
                     size_t *cap)
{
    if (p->nfiles == *cap) {
        *cap = *cap ? *cap * 2 : 8;
        p->files = lt_xrealloc(p->files, *cap * sizeof *p->files);
    }
    lt_plugin_file *f = &p->files[p->nfiles++];
    f->name = lt_arena_strdup(p->site->arena, name);
    f->chunkname = lt_arena_printf(p->site->arena, "@%s", shown);
    f->text = text;
    f->len = len;
}

int lt_plugins_load(lt_plugins *p, lt_site *s, lt_source *src, const char *const *site_files,
                    size_t nsite_files, lt_diag *d)
{
    memset(p, 0, sizeof *p);
    p->site = s;
    p->src = src;
    p->d = d;
    p->edition = s->edition;
    pthread_mutex_init(&p->lock, NULL);
    const lt_config *c = &s->config;
    p->limits.memory_bytes = (size_t)c->plugin_memory_mb * 1024 * 1024;
    p->limits.instructions =
        (unsigned long)(c->plugin_timeout_s * (double)LT_SANDBOX_INSTRUCTIONS_PER_SECOND);
    size_t before = lt_diag_errors(d), cap = 0;
    /* The site's own plugins: plugins/NAME.lua; names starting with '_' are
     * modules for require only. */
    for (size_t i = 0; i < nsite_files; i++) {
        const char *f = site_files[i];
        if (strncmp(f, "plugins/", 8) != 0 || strchr(f + 8, '/') || !lt_path_has_ext(f, ".lua") ||
            f[8] == '_')
            continue;
        char *text;
        size_t len;
        int rc = lt_source_read(src, f, &text, &len);
        if (rc < 0) {
            lt_error(d, f, 0, 0, "cannot read plugin: %s", strerror(-rc));
            continue;
        }
        char name[256];
        snprintf(name, sizeof name, "%.*s", (int)(strlen(f + 8) - 4), f + 8);
        add_file(p, name, f, text, len, &cap);
    }
    /* Plugins that ship with lontar, enabled by name. A site plugin of the
     * same name replaces the shipped one. */
    const char *data = lt_theme_data_dir();
    for (size_t i = 0; i < c->plugins.n; i++) {
        const char *name = c->plugins.items[i];
        int have = 0;
        for (size_t k = 0; k < p->nfiles && !have; k++)
            have = strcmp(p->files[k].name, name) == 0;
        if (have)
            continue;
        lt_buf path = LT_BUF_INIT;
        lt_buf_printf(&path, "%s/plugins/%s.lua", data ? data : ".", name);
        char *text;
        size_t len;
        if (!data || lt_fs_read(lt_buf_cstr(&path), &text, &len) < 0) {
            lt_error(d, "lontar.yml", 0, 0,
                     "unknown plugin '%s': no plugins/%s.lua in the site "
                     "or shipped with lontar",
                     name, name);
        } else {
            lt_buf shown = LT_BUF_INIT;
            lt_buf_printf(&shown, "plugins/%s.lua", name);
            add_file(p, name, lt_buf_cstr(&shown), text, len, &cap);
            lt_buf_free(&shown);
        }
        lt_buf_free(&path);
    }
    if (p->nfiles > 1)
        qsort(p->files, p->nfiles, sizeof *p->files, cmp_files);
    p->order = lt_xcalloc(p->nfiles + 1, sizeof *p->order);
    for (size_t i = 0; i < p->nfiles; i++)
        p->order[i] = i;
    return lt_diag_errors(d) > before ? -1 : 0;
}

void lt_plugins_free(lt_plugins *p)
{
    for (size_t i = 0; i < p->nfiles; i++)
        free(p->files[i].text);
    free(p->files);
    free(p->order);
    free(p->specs);
    free(p->pages);
    pthread_mutex_destroy(&p->lock);
    memset(p, 0, sizeof *p);
}

/* ---- diagnostics ---- */

/* Splits "@plugins/x.lua:12: message" (or "plugins/x.lua:12: …") into a
 * diagnostic. */
void lt_plugin_report(lt_diag *d, lua_State *L, const lt_page *page)
{
    const char *msg = lua_tostring(L, -1);
    char path[512] = "plugins";
    int line = 0;
    const char *text = msg ? msg : "error object is not a string";
    if (msg) {
        const char *colon = strchr(msg, ':');
        if (colon && colon - msg < (long)sizeof path && colon[1] >= '0' && colon[1] <= '9') {
            snprintf(path, sizeof path, "%.*s", (int)(colon - msg), msg[0] == '@' ? msg + 1 : msg);
            if (msg[0] == '@')
                path[colon - msg - 1] = '\0';
            line = atoi(colon + 1);
            const char *rest = strchr(colon + 1, ':');
            text = rest ? rest + 1 : "";
            while (*text == ' ')
                text++;
        }
    }
    if (page)
        lt_error(d, path, line, 1, "%s (while processing %s)", text, page->src_path);
    else
        lt_error(d, path, line, 1, "%s", text);
    lua_pop(L, 1);
}

/* Where the Lua code that called into lontar is: its file and line. */
static lt_pos caller_pos(lua_State *L, lt_arena *a)
{
    lua_Debug ar;
    lt_pos pos = {"plugins", 0, 1};
    for (int level = 1; lua_getstack(L, level, &ar); level++) {
        lua_getinfo(L, "Sl", &ar);
        if (ar.currentline > 0 && ar.source[0] == '@') {
            pos.path = lt_arena_strdup(a, ar.source + 1);
            pos.line = ar.currentline;
            break;
        }
    }
    return pos;
}

static lt_plugin_host *host_of(lua_State *L)
{
    return lua_touserdata(L, lua_upvalueindex(1));
}

/* ---- Lua values to YAML trees (page data crosses Lua states this way) ---- */

static lt_yaml *to_yaml(lua_State *L, int idx, lt_arena *a, int depth)
{
    idx = lua_absindex(L, idx);
    lt_yaml *y = lt_arena_alloc(a, sizeof *y);
    if (depth > 32)
        luaL_error(L, "page data nested too deeply");
    switch (lua_type(L, idx)) {
    case LUA_TBOOLEAN:
        y->kind = LT_YAML_SCALAR;
        y->plain = 1;
        y->str = lua_toboolean(L, idx) ? "true" : "false";
        break;
    case LUA_TNUMBER:
    case LUA_TSTRING: {
        size_t n;
        lua_pushvalue(L, idx);
        const char *s = lua_tolstring(L, -1, &n);
        y->kind = LT_YAML_SCALAR;
        y->plain = lua_type(L, idx) == LUA_TNUMBER;
        y->str = lt_arena_strndup(a, s, n);
        y->len = n;
        lua_pop(L, 1);
        break;
    }
    case LUA_TTABLE: {
        size_t n = lua_rawlen(L, idx), count = 0;
        lua_pushnil(L);
        while (lua_next(L, idx)) {
            count++;
            lua_pop(L, 1);
        }
        int is_list = n > 0 && n == count;
        y->kind = is_list || count == 0 ? LT_YAML_SEQ : LT_YAML_MAP;
        y->items = lt_arena_alloc(a, (count + 1) * sizeof *y->items);
        if (is_list) {
            for (size_t i = 1; i <= n; i++) {
                lua_rawgeti(L, idx, (lua_Integer)i);
                y->items[y->n++] = to_yaml(L, -1, a, depth + 1);
                lua_pop(L, 1);
            }
            break;
        }
        y->keys = lt_arena_alloc(a, (count + 1) * sizeof *y->keys);
        /* Keys in byte order, so page data is the same from build to build. */
        lua_pushnil(L);
        while (lua_next(L, idx)) {
            lua_pop(L, 1);
            if (lua_type(L, -1) != LUA_TSTRING)
                luaL_error(L, "page data keys must be strings");
            lt_yaml *k = lt_arena_alloc(a, sizeof *k);
            k->kind = LT_YAML_SCALAR;
            k->str = lt_arena_strdup(a, lua_tostring(L, -1));
            size_t at = y->n;
            while (at > 0 && strcmp(y->keys[at - 1]->str, k->str) > 0) {
                y->keys[at] = y->keys[at - 1];
                y->items[at] = y->items[at - 1];
                at--;
            }
            lua_pushvalue(L, -1);
            lua_rawget(L, idx);
            y->keys[at] = k;
            y->items[at] = to_yaml(L, -1, a, depth + 1);
            lua_pop(L, 1);
            y->n++;
        }
        break;
    }
    default:
        y->kind = LT_YAML_SCALAR;
        y->plain = 1;
        y->str = "~";
        break;
    }
    return y;
}

/* ---- the lontar table ---- */

static const char *opt_string(lua_State *L, int t, const char *key, lt_arena *a)
{
    lua_getfield(L, t, key);
    const char *s = NULL;
    if (!lua_isnil(L, -1)) {
        if (lua_type(L, -1) != LUA_TSTRING)
            luaL_error(L, "lontar.page: '%s' must be a string", key);
        s = lt_arena_strdup(a, lua_tostring(L, -1));
    }
    lua_pop(L, 1);
    return s;
}

/* lontar.page{ path=, title=, markdown= | html=, template=, weight=, data=,
 * handbook= } */
static int l_page(lua_State *L)
{
    lt_plugin_host *h = host_of(L);
    lt_plugins *p = h->p;
    luaL_checktype(L, 1, LUA_TTABLE);
    /* Every thread runs the same plugin code; the first one's pages count. */
    if (h->worker != 0 || !p->accept_pages)
        return 0;
    lt_arena *a = p->site->arena;
    lt_plugin_page pg = {0};
    pg.pos = caller_pos(L, a);
    pg.path = opt_string(L, 1, "path", a);
    pg.title = opt_string(L, 1, "title", a);
    pg.markdown = opt_string(L, 1, "markdown", a);
    pg.html = opt_string(L, 1, "html", a);
    pg.template_name = opt_string(L, 1, "template", a);
    if (!pg.path)
        return luaL_error(L, "lontar.page: 'path' is required");
    const char *why = lt_path_check(pg.path, strlen(pg.path));
    if (!why && !lt_path_has_ext(pg.path, ".html"))
        why = "it must end in .html";
    if (why)
        return luaL_error(L, "lontar.page: path '%s' is not allowed: %s", pg.path, why);
    if (!pg.title)
        return luaL_error(L, "lontar.page: 'title' is required");
    if (!!pg.markdown == !!pg.html)
        return luaL_error(L, "lontar.page: give exactly one of 'markdown' or 'html'");
    lua_getfield(L, 1, "weight");
    if (!lua_isnil(L, -1)) {
        if (!lua_isnumber(L, -1))
            return luaL_error(L, "lontar.page: 'weight' must be a number");
        pg.weight = lua_tonumber(L, -1);
        pg.has_weight = 1;
    }
    lua_pop(L, 1);
    lua_getfield(L, 1, "handbook");
    pg.handbook = lua_isnil(L, -1) || lua_toboolean(L, -1);
    lua_pop(L, 1);
    lua_getfield(L, 1, "data");
    if (!lua_isnil(L, -1))
        pg.data = to_yaml(L, -1, a, 0);
    lua_pop(L, 1);
    if (p->npages == p->pages_cap) {
        p->pages_cap = p->pages_cap ? p->pages_cap * 2 : 8;
        p->pages = lt_xrealloc(p->pages, p->pages_cap * sizeof *p->pages);
    }
    p->pages[p->npages++] = pg;
    return 0;
}

/* Appends fn (at idx) to registry[field][key] with the running plugin. */
static void add_handler(lt_plugin_host *h, lua_State *L, const char *field, const char *key,
                        int idx)
{
    lua_rawgeti(L, LUA_REGISTRYINDEX, h->registry_ref);
    lua_getfield(L, -1, field);
    if (key) {
        if (lua_getfield(L, -1, key) != LUA_TTABLE) {
            lua_pop(L, 1);
            lua_newtable(L);
            lua_pushvalue(L, -1);
            lua_setfield(L, -3, key);
        }
    }
    lua_createtable(L, 0, 2);
    lua_pushvalue(L, idx);
    lua_setfield(L, -2, "fn");
    lua_pushinteger(L, (lua_Integer)h->current);
    lua_setfield(L, -2, "plugin");
    lua_rawseti(L, -2, (lua_Integer)lua_rawlen(L, -2) + 1);
    lua_pop(L, key ? 3 : 2);
}

static int l_on(lua_State *L)
{
    lt_plugin_host *h = host_of(L);
    const char *event = luaL_checkstring(L, 1);
    luaL_checktype(L, 2, LUA_TFUNCTION);
    if (strcmp(event, "load") && strcmp(event, "page"))
        return luaL_error(L, "lontar.on: unknown event '%s' (expected load or page)", event);
    add_handler(h, L, "on", event, 2);
    if (!strcmp(event, "page"))
        h->npage_hooks++;
    return 0;
}

static int l_filter(lua_State *L)
{
    lt_plugin_host *h = host_of(L);
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_pushnil(L);
    while (lua_next(L, 1)) {
        if (lua_type(L, -2) != LUA_TSTRING || !lua_isfunction(L, -1))
            return luaL_error(L, "lontar.filter: give element names mapped to functions");
        lua_pop(L, 1);
    }
    add_handler(h, L, "filters", NULL, 1);
    h->nfilters++;
    return 0;
}

/* lontar.directive{ name=, options={key="int"|"text"}, body="markdown"|"raw", run=fn } */
static int l_directive(lua_State *L)
{
    lt_plugin_host *h = host_of(L);
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_getfield(L, 1, "name");
    const char *name = lua_tostring(L, -1);
    lua_pop(L, 1);
    if (!name || !*name || strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789-") != strlen(name))
        return luaL_error(L, "lontar.directive: 'name' must be lower-case letters, digits, '-'");
    for (const lt_directive_spec *b = lt_builtin_directives; b->name; b++)
        if (!strcmp(b->name, name))
            return luaL_error(L, "lontar.directive: ':::%s' is built in", name);
    lua_getfield(L, 1, "body");
    const char *body = lua_isnil(L, -1) ? "markdown" : lua_tostring(L, -1);
    if (!body || (strcmp(body, "markdown") && strcmp(body, "raw")))
        return luaL_error(L, "lontar.directive: 'body' must be \"markdown\" or \"raw\"");
    lua_pop(L, 1);
    /* Only the function is kept: pages are loaded outside any protected
     * call, where a metamethod of the plugin's table must not run. */
    lua_rawgeti(L, LUA_REGISTRYINDEX, h->registry_ref);
    lua_getfield(L, -1, "directives");
    if (lua_getfield(L, 1, "run") != LUA_TFUNCTION)
        return luaL_error(L, "lontar.directive: 'run' must be a function");
    lua_setfield(L, -2, name);
    lua_pop(L, 2);
    if (h->worker != 0)
        return 0;
    /* The first state's directives are the build's: the directive checker
     * needs their names and typed options on every thread. */
    lt_plugins *p = h->p;
    lt_arena *a = p->site->arena;
    lt_directive_spec *spec = lt_arena_alloc(a, sizeof *spec);
    spec->name = lt_arena_strdup(a, name);
    spec->kind = LT_DIR_CUSTOM;
    spec->raw_body = strcmp(body, "raw") == 0;
    spec->title_id = spec->title_en = spec->name;
    size_t nopt = 0;
    lua_getfield(L, 1, "options");
    if (lua_istable(L, -1)) {
        lua_pushnil(L);
        while (lua_next(L, -2)) {
            nopt++;
            lua_pop(L, 1);
        }
    }
    lt_option_spec *opts = lt_arena_alloc(a, (nopt + 1) * sizeof *opts);
    size_t k = 0;
    if (lua_istable(L, -1)) {
        lua_pushnil(L);
        while (lua_next(L, -2)) {
            const char *type = lua_tostring(L, -1);
            if (lua_type(L, -2) != LUA_TSTRING || !type ||
                (strcmp(type, "int") && strcmp(type, "text")))
                return luaL_error(L, "lontar.directive: options map names to \"int\" or \"text\"");
            opts[k].name = lt_arena_strdup(a, lua_tostring(L, -2));
            opts[k].type = strcmp(type, "int") ? LT_OPT_TEXT : LT_OPT_INT;
            k++;
            lua_pop(L, 1);
        }
    }
    lua_pop(L, 1);
    spec->options = opts;
    p->specs = lt_xrealloc(p->specs, (p->nspecs + 2) * sizeof *p->specs);
    p->specs[p->nspecs++] = spec;
    p->specs[p->nspecs] = NULL;
    return 0;
}

/* lontar.helper(name, fn). A name already declared (a library, a global
 * of the sandbox, another plugin's helper) is refused: a helper must not
 * replace what the other plugins and the templates call. */
static int l_helper(lua_State *L)
{
    lt_plugin_host *h = host_of(L);
    const char *name = luaL_checkstring(L, 1);
    luaL_checktype(L, 2, LUA_TFUNCTION);
    if (lt_sandbox_declared(h->sb, name))
        return luaL_error(L, "lontar.helper: '%s' is already defined", name);
    lua_pushvalue(L, 2);
    lt_sandbox_declare(h->sb, name);
    h->nhelpers++;
    return 0;
}

/* ---- malloc'd memory across Lua calls ----
 *
 * Any Lua call that allocates can meet the memory cap, and the error
 * longjmps out of the C function past its free(). So a C function of the
 * API first pushes a box, then keeps what it mallocs in it: if an error
 * comes, the box becomes garbage and its __gc frees the rest. (A C
 * finalizer runs no plugin code, so the sandbox's rule against __gc does
 * not apply.) */

#define HELD_METATABLE "lontar.held"

typedef struct {
    cmark_node *doc;
    char *text;
} held;

static void held_release(held *b)
{
    if (b->doc)
        cmark_node_free(b->doc);
    free(b->text);
    b->doc = NULL;
    b->text = NULL;
}

static int held_gc(lua_State *L)
{
    held_release(lua_touserdata(L, 1));
    return 0;
}

/* Pushes an empty box; holds nothing until the caller fills it. */
static held *push_held(lua_State *L)
{
    held *b = lua_newuserdatauv(L, sizeof *b, 0);
    b->doc = NULL;
    b->text = NULL;
    luaL_setmetatable(L, HELD_METATABLE);
    return b;
}

/* Registers the box's metatable (at set-up, where nothing is refused). */
static void register_held(lua_State *L)
{
    luaL_newmetatable(L, HELD_METATABLE);
    lua_pushcfunction(L, held_gc);
    lua_setfield(L, -2, "__gc");
    lua_pop(L, 1);
}

static int l_markdown(lua_State *L)
{
    lt_plugin_host *h = host_of(L);
    int unsafe = h->p->site->config.unsafe;
    size_t n;
    const char *text = luaL_checklstring(L, 1, &n);
    held *b = push_held(L);
    b->doc = lt_markdown_parse(text, n, unsafe);
    b->text = lt_markdown_render(b->doc, unsafe);
    lua_pushstring(L, b->text);
    held_release(b);
    return 1;
}

/* lontar.read(path): a file of the site, through the source (so a versioned
 * build reads the version being built). */
static int l_read(lua_State *L)
{
    lt_plugin_host *h = host_of(L);
    size_t n;
    const char *path = luaL_checklstring(L, 1, &n);
    const char *why = lt_path_check(path, n);
    if (why)
        return luaL_error(L, "lontar.read: '%s' is not a path inside the site: %s", path, why);
    held *b = push_held(L);
    char *text;
    size_t len;
    int rc = lt_source_read(h->p->src, path, &text, &len);
    if (rc < 0)
        return luaL_error(L, "lontar.read: cannot read '%s': %s", path, strerror(-rc));
    b->text = text;
    lua_pushlstring(L, text, len);
    held_release(b);
    return 1;
}

static int log_at(lua_State *L, lt_severity sev, int note)
{
    lt_plugin_host *h = host_of(L);
    const char *msg = luaL_checkstring(L, 1);
    lt_pos pos = caller_pos(L, h->p->site->arena);
    if (lua_istable(L, 2)) {
        /* An element: report at the content position, naming the plugin. */
        lua_getfield(L, 2, "pos");
        if (lua_istable(L, -1)) {
            lua_getfield(L, -1, "line");
            lua_getfield(L, -2, "col");
            lua_getfield(L, -3, "path");
            int line = (int)lua_tointeger(L, -3), col = (int)lua_tointeger(L, -2);
            const char *path = lua_tostring(L, -1);
            if (path && line > 0) {
                lt_diag_report(h->p->d, sev, path, line, col, "%s (%s:%d)", msg, pos.path,
                               pos.line);
                return 0;
            }
        }
    }
    if (note)
        fprintf(stderr, "%s:%d: note: %s\n", pos.path, pos.line, msg);
    else
        lt_diag_report(h->p->d, sev, pos.path, pos.line, 1, "%s", msg);
    return 0;
}

static int l_log_info(lua_State *L)
{
    /* Only the first thread speaks, or a note would print once per thread. */
    return host_of(L)->worker == 0 ? log_at(L, LT_WARNING, 1) : 0;
}

static int l_log_warn(lua_State *L)
{
    return log_at(L, LT_WARNING, 0);
}

static int l_log_error(lua_State *L)
{
    return log_at(L, LT_ERROR, 0);
}

static void set_fn(lua_State *L, lt_plugin_host *h, const char *name, lua_CFunction fn)
{
    lua_pushlightuserdata(L, h);
    lua_pushcclosure(L, fn, 1);
    lua_setfield(L, -2, name);
}

/* The lontar table and lontar.log, read-only: plugins share the state, so
 * none may replace lontar.page or lontar.log.warn for the plugins after it
 * or for the templates. */
static void declare_api(lt_plugin_host *h)
{
    lua_State *L = lt_sandbox_state(h->sb);
    register_held(L);
    lua_newtable(L);
    set_fn(L, h, "page", l_page);
    set_fn(L, h, "on", l_on);
    set_fn(L, h, "filter", l_filter);
    set_fn(L, h, "directive", l_directive);
    set_fn(L, h, "helper", l_helper);
    set_fn(L, h, "markdown", l_markdown);
    set_fn(L, h, "read", l_read);
    lua_newtable(L);
    set_fn(L, h, "info", l_log_info);
    set_fn(L, h, "warn", l_log_warn);
    set_fn(L, h, "error", l_log_error);
    lt_sandbox_readonly(h->sb, "lontar.log");
    lua_setfield(L, -2, "log");
    lt_ast_constructors(L, -1);
    lua_pushstring(L, h->p->edition);
    lua_setfield(L, -2, "edition");
    lt_sandbox_readonly(h->sb, "lontar");
    lt_sandbox_declare(h->sb, "lontar");
}

/* ---- require: modules from the site's plugins/ folder ---- */

static char *load_module(void *ctx, const char *name, size_t *out_len, char **out_chunkname)
{
    lt_plugins *p = ctx;
    lt_buf path = LT_BUF_INIT;
    lt_buf_printf(&path, "plugins/%s.lua", name);
    char *text = NULL;
    if (lt_source_read(p->src, lt_buf_cstr(&path), &text, out_len) == 0) {
        lt_buf chunk = LT_BUF_INIT;
        lt_buf_printf(&chunk, "@%s", lt_buf_cstr(&path));
        *out_chunkname = lt_buf_detach(&chunk);
    }
    lt_buf_free(&path);
    return text;
}

/* ---- running plugins ---- */

/* Orders plugins by their `after` lists (returned from the chunk), keeping
 * file-name order among the free ones. Reports unknown names and cycles. */
static void order_plugins(lt_plugin_host *h, int results_ref)
{
    lua_State *L = lt_sandbox_state(h->sb);
    lt_plugins *p = h->p;
    size_t n = p->nfiles;
    int *placed = lt_xcalloc(n + 1, sizeof *placed);
    lua_rawgeti(L, LUA_REGISTRYINDEX, results_ref);
    for (size_t k = 0; k < n; k++) {
        size_t pick = n;
        for (size_t i = 0; i < n && pick == n; i++) {
            if (placed[i])
                continue;
            int ready = 1;
            lua_rawgeti(L, -1, (lua_Integer)i + 1);
            if (lua_istable(L, -1) && lua_getfield(L, -1, "after") == LUA_TTABLE) {
                for (lua_Integer j = 1; j <= (lua_Integer)lua_rawlen(L, -1); j++) {
                    lua_rawgeti(L, -1, j);
                    const char *dep = lua_tostring(L, -1);
                    for (size_t x = 0; dep && x < n; x++)
                        if (!strcmp(p->files[x].name, dep) && !placed[x])
                            ready = 0;
                    lua_pop(L, 1);
                }
            }
            lua_settop(L, lua_gettop(L) - (lua_istable(L, -1) ? 2 : 1));
            if (ready)
                pick = i;
        }
        if (pick == n) {
            lt_error(p->d, "plugins", 0, 0, "plugins wait for each other in a cycle ('after')");
            for (size_t i = 0; i < n; i++)
                if (!placed[i])
                    p->order[k++] = i, placed[i] = 1;
            break;
        }
        placed[pick] = 1;
        p->order[k] = pick;
    }
    lua_pop(L, 1);
    free(placed);
}

lt_plugin_host *lt_plugin_host_new(lt_plugins *p, int worker)
{
    lt_plugin_host *h = lt_xcalloc(1, sizeof *h);
    h->p = p;
    h->worker = worker;
    h->sb = lt_sandbox_new(&p->limits, load_module, p);
    lua_State *L = lt_sandbox_state(h->sb);
    lua_newtable(L);
    lua_newtable(L);
    lua_newtable(L);
    lua_setfield(L, -2, "load");
    lua_newtable(L);
    lua_setfield(L, -2, "page");
    lua_setfield(L, -2, "on");
    lua_newtable(L);
    lua_setfield(L, -2, "filters");
    lua_newtable(L);
    lua_setfield(L, -2, "directives");
    h->registry_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    declare_api(h);
    /* The names render/engine.c gives templates later, held so that
     * lontar.helper refuses them rather than see its helper replaced. */
    static const char *const template_names[] = {
        "_w", "_e", "_s", "include", "url", "site", "t", "lontar_version", NULL};
    for (int i = 0; template_names[i]; i++) {
        lua_pushboolean(L, 0);
        lt_sandbox_declare(h->sb, template_names[i]);
    }
    lua_newtable(L);
    int results = lua_gettop(L);
    for (size_t i = 0; i < p->nfiles; i++) {
        const lt_plugin_file *f = &p->files[i];
        h->current = i;
        if (lt_sandbox_load(h->sb, f->text, f->len, f->chunkname) != LUA_OK ||
            lt_sandbox_pcall(h->sb, 0, 1) != LUA_OK) {
            if (worker == 0)
                lt_plugin_report(p->d, L, NULL);
            else
                lua_pop(L, 1);
            lua_pushboolean(L, 0);
        }
        lua_rawseti(L, results, (lua_Integer)i + 1);
    }
    int results_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    if (worker == 0)
        order_plugins(h, results_ref);
    luaL_unref(L, LUA_REGISTRYINDEX, results_ref);
    return h;
}

void lt_plugin_host_free(lt_plugin_host *h)
{
    if (!h)
        return;
    lt_sandbox_free(h->sb);
    free(h);
}

lt_sandbox *lt_plugin_host_sandbox(lt_plugin_host *h)
{
    return h->sb;
}

void lt_plugin_host_set_page(lt_plugin_host *h, const lt_page *p)
{
    h->page = p;
}

const lt_page *lt_plugin_host_page(const lt_plugin_host *h)
{
    return h->page;
}

int lt_plugin_has_filters(const lt_plugin_host *h)
{
    return h->nfilters > 0;
}

/* Pushes the handlers registered under registry[field][key], in plugin
 * order, as a list of functions. */
static void push_handlers(lt_plugin_host *h, const char *field, const char *key)
{
    lua_State *L = lt_sandbox_state(h->sb);
    lua_newtable(L);
    int out = lua_gettop(L);
    lua_rawgeti(L, LUA_REGISTRYINDEX, h->registry_ref);
    lua_getfield(L, -1, field);
    if (key)
        lua_getfield(L, -1, key);
    int list = lua_gettop(L);
    lua_Integer len = (lua_Integer)lua_rawlen(L, list), k = 1;
    for (size_t o = 0; o < h->p->nfiles; o++)
        for (lua_Integer i = 1; i <= len; i++) {
            lua_rawgeti(L, list, i);
            lua_getfield(L, -1, "plugin");
            size_t plugin = (size_t)lua_tointeger(L, -1);
            lua_pop(L, 1);
            if (plugin == h->p->order[o]) {
                lua_getfield(L, -1, "fn");
                lua_rawseti(L, out, k++);
            }
            lua_pop(L, 1);
        }
    lua_settop(L, out);
}

static void push_strings(lua_State *L, const char *const *items, size_t n)
{
    lua_createtable(L, (int)n, 0);
    for (size_t i = 0; i < n; i++) {
        lua_pushstring(L, items[i]);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
}

static void push_module(lua_State *L, const lt_module *m)
{
    lua_createtable(L, 0, 12);
    lt_lua_set_string(L, "id", m->id);
    lt_lua_set_string(L, "title", m->title);
    lt_lua_set_string(L, "level", m->level);
    lt_lua_set_string(L, "path", m->page->out_path);
    lt_lua_set_string(L, "source", m->page->src_path);
    lua_pushnumber(L, m->duration_jp);
    lua_setfield(L, -2, "duration");
    lt_lua_set_string(L, "assessment", m->assessment);
    lua_pushnumber(L, m->page->has_weight ? m->page->weight : 0);
    lua_setfield(L, -2, "weight");
    push_strings(L, m->methods, m->nmethods);
    lua_setfield(L, -2, "methods");
    lua_createtable(L, (int)m->nobjectives, 0);
    for (size_t i = 0; i < m->nobjectives; i++) {
        lua_createtable(L, 0, 2);
        lt_lua_set_string(L, "id", m->objectives[i].id);
        lt_lua_set_string(L, "text", m->objectives[i].text);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    lua_setfield(L, -2, "objectives");
    lua_createtable(L, (int)m->ncompetencies, 0);
    for (size_t i = 0; i < m->ncompetencies; i++) {
        static const char *depth[] = {"", "I", "R", "M", "A"};
        lua_createtable(L, 0, 2);
        lt_lua_set_string(L, "id", m->competencies[i].id);
        lt_lua_set_string(L, "depth", depth[m->competencies[i].depth]);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    lua_setfield(L, -2, "competencies");
    lua_createtable(L, (int)m->nprerequisites, 0);
    for (size_t i = 0; i < m->nprerequisites; i++) {
        lua_pushstring(L, m->prerequisites[i].id);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    lua_setfield(L, -2, "prerequisites");
    lua_createtable(L, (int)m->nsessions, 0);
    for (size_t i = 0; i < m->nsessions; i++) {
        lua_createtable(L, 0, 3);
        lt_lua_set_string(L, "title", m->sessions[i].title);
        lua_pushinteger(L, m->sessions[i].minutes);
        lua_setfield(L, -2, "minutes");
        push_strings(L, m->sessions[i].methods, m->sessions[i].nmethods);
        lua_setfield(L, -2, "methods");
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    lua_setfield(L, -2, "sessions");
}

static void push_competency(lua_State *L, const lt_competency *k)
{
    lua_createtable(L, 0, 9);
    lt_lua_set_string(L, "id", k->id);
    lt_lua_set_string(L, "title", k->title);
    lt_lua_set_string(L, "domain", k->domain);
    lt_lua_set_string(L, "scope", k->scope);
    lt_lua_set_string(L, "parent", k->parent_id);
    lt_lua_set_string(L, "level", k->level);
    lt_lua_set_string(L, "description", k->description);
    push_strings(L, k->indicators, k->nindicators);
    lua_setfield(L, -2, "indicators");
}

/* The site as the load hooks see it: copies, so changing them changes
 * nothing. Pages are in source order; modules sorted by weight then id. */
static void push_site(lt_plugin_host *h, lt_competency **comps, size_t ncomps)
{
    lua_State *L = lt_sandbox_state(h->sb);
    const lt_site *s = h->p->site;
    lua_createtable(L, 0, 8);
    lua_createtable(L, (int)s->npages, 0);
    lua_newtable(L); /* modules */
    lua_newtable(L); /* concepts */
    lua_Integer np = 1, nm = 1, nc = 1;
    for (size_t i = 0; i < s->npages; i++) {
        const lt_page *p = s->pages[i];
        lua_createtable(L, 0, 6);
        lt_lua_set_string(L, "id", p->id);
        lt_lua_set_string(L, "title", p->title);
        lt_lua_set_string(L, "source", p->src_path);
        lt_lua_set_string(L, "kind", lt_page_kind_name(p->kind));
        lt_lua_push_yaml(L, p->front);
        lua_setfield(L, -2, "params");
        lua_rawseti(L, -4, np++);
        if (p->module) {
            push_module(L, p->module);
            lua_rawseti(L, -3, nm++);
        }
        if (p->concept) {
            lua_createtable(L, 0, 4);
            lt_lua_set_string(L, "id", p->concept->id);
            lt_lua_set_string(L, "title", p->concept->title);
            lt_lua_set_string(L, "summary", p->concept->summary);
            lt_lua_set_string(L, "source", p->src_path);
            lua_rawseti(L, -2, nc++);
        }
    }
    lua_setfield(L, -4, "concepts");
    /* modules by weight, then id: the order a timetable wants */
    luaL_dostring(L, "return function(m) table.sort(m, function(a, b) if a.weight ~= b.weight "
                     "then return a.weight < b.weight end return a.id < b.id end) return m end");
    lua_insert(L, -2);
    lua_call(L, 1, 1);
    lua_setfield(L, -3, "modules");
    lua_setfield(L, -2, "pages");
    lua_createtable(L, (int)ncomps, 0);
    for (size_t i = 0; i < ncomps; i++) {
        push_competency(L, comps[i]);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    for (size_t i = 0, k = ncomps + 1; i < s->npages; i++)
        if (s->pages[i]->competency) {
            push_competency(L, s->pages[i]->competency);
            lua_rawseti(L, -2, (lua_Integer)k++);
        }
    lua_setfield(L, -2, "competencies");
    lt_lua_push_yaml(L, s->config.root);
    lua_setfield(L, -2, "config");
    lt_lua_set_string(L, "edition", s->edition);
    if (s->version) {
        lt_lua_push_version(L, s->version, s->config.curriculum.changes_page);
        lua_setfield(L, -2, "version");
    }
    lua_pushinteger(L, s->config.curriculum.jp_minutes);
    lua_setfield(L, -2, "jp_minutes");
}

int lt_plugin_run_load_hooks(lt_plugin_host *h, lt_competency **comps, size_t ncomps)
{
    lua_State *L = lt_sandbox_state(h->sb);
    int rc = 0;
    h->p->accept_pages = 1;
    push_handlers(h, "on", "load");
    int list = lua_gettop(L);
    for (lua_Integer i = 1; i <= (lua_Integer)lua_rawlen(L, list); i++) {
        lua_rawgeti(L, list, i);
        push_site(h, comps, ncomps);
        if (lt_sandbox_pcall(h->sb, 1, 0) != LUA_OK) {
            lt_plugin_report(h->p->d, L, NULL);
            rc = -1;
        }
    }
    lua_settop(L, list - 1);
    /* lontar.page{} at a plugin's top level counted too (first state). */
    h->p->accept_pages = 0;
    return rc;
}

/* ---- AST filters ---- */

typedef struct {
    lt_plugin_host *h;
    lt_page *page;
    int ok;
} filter_run;

/* Applies the filter functions (list at `fns`) to node n's children first,
 * then to n itself, as Pandoc does. Returns the node that now stands where
 * n stood (NULL when n was deleted).
 *
 * This runs outside any protected call: only lt_sandbox_pcall may run
 * plugin code, so the plugin's tables are read raw, past any metamethod
 * (an error there would have nothing to catch it). */
/* 1 when the element on top of the stack is node n handed back as it
 * came: an element a filter cannot build (Other, Strikethrough) stands for
 * its node, so n stays where it is. */
static int returns_itself(lua_State *L, cmark_node *n)
{
    lua_pushliteral(L, "t");
    lua_rawget(L, -2);
    const char *t = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "";
    int opaque = strcmp(t, "Other") == 0 || strcmp(t, "Strikethrough") == 0;
    lua_pop(L, 1);
    lua_pushliteral(L, "_node");
    lua_rawget(L, -2);
    int same = opaque && lua_touserdata(L, -1) == n;
    lua_pop(L, 1);
    return same;
}

static cmark_node *filter_node(filter_run *r, cmark_node *n, int fns)
{
    lua_State *L = lt_sandbox_state(r->h->sb);
    for (cmark_node *c = cmark_node_first_child(n); c && r->ok;) {
        cmark_node *next = cmark_node_next(c);
        filter_node(r, c, fns);
        c = next;
    }
    if (!r->ok || cmark_node_get_type(n) == CMARK_NODE_DOCUMENT)
        return n;
    const char *t = lt_ast_type_name(n);
    cmark_node *current = n;
    for (lua_Integer i = 1; i <= (lua_Integer)lua_rawlen(L, fns) && current; i++) {
        lua_rawgeti(L, fns, i);
        lua_pushstring(L, t);
        if (lua_rawget(L, -2) != LUA_TFUNCTION) {
            lua_pop(L, 2);
            continue;
        }
        lua_remove(L, -2);
        lt_ast_push(L, current, r->page->line_offset);
        lua_pushstring(L, r->page->src_path);
        lua_setfield(L, -2, "path");
        if (lt_sandbox_pcall(r->h->sb, 1, 1) != LUA_OK) {
            lt_plugin_report(r->h->p->d, L, r->page);
            r->ok = 0;
            return current;
        }
        if (lua_isnil(L, -1)) {
            lua_pop(L, 1);
            continue;
        }
        if (!lua_istable(L, -1)) {
            lt_error(r->h->p->d, r->page->src_path,
                     cmark_node_get_start_line(current) + r->page->line_offset, 1,
                     "a %s filter returned a %s, not an element or a list", t,
                     luaL_typename(L, -1));
            lua_pop(L, 1);
            r->ok = 0;
            return current;
        }
        /* An element (has t) replaces; a list (maybe empty) is spliced in. */
        lua_pushliteral(L, "t");
        int single = lua_rawget(L, -2) != LUA_TNIL;
        lua_pop(L, 1);
        if (single && returns_itself(L, current)) {
            lua_pop(L, 1);
            continue;
        }
        lua_Integer count = single ? 1 : (lua_Integer)lua_rawlen(L, -1);
        cmark_node *first = NULL;
        for (lua_Integer k = 1; k <= count; k++) {
            if (!single)
                lua_rawgeti(L, -1, k);
            const char *err = NULL;
            cmark_node *made = lt_ast_build(L, -1, &err);
            if (!single)
                lua_pop(L, 1);
            if (!made || !cmark_node_insert_before(current, made)) {
                lt_error(r->h->p->d, r->page->src_path,
                         cmark_node_get_start_line(current) + r->page->line_offset, 1,
                         "a %s filter returned an element that does not fit here: %s", t,
                         err ? err : "wrong kind of element for this place");
                if (made)
                    cmark_node_free(made);
                r->ok = 0;
                lua_pop(L, 1);
                return current;
            }
            if (!first)
                first = made;
        }
        lua_pop(L, 1);
        cmark_node_free(current);
        current = first;
        /* Later filters see what the earlier one made (its first element). */
        if (current)
            t = lt_ast_type_name(current);
    }
    return current;
}

int lt_plugin_run_filters(lt_plugin_host *h, lt_page *p)
{
    if (!h->nfilters || !p->doc)
        return 0;
    lua_State *L = lt_sandbox_state(h->sb);
    push_handlers(h, "filters", NULL);
    filter_run r = {h, p, 1};
    filter_node(&r, p->doc, lua_gettop(L));
    lua_pop(L, 1);
    return r.ok ? 0 : -1;
}

int lt_plugin_host_shapes_pages(const lt_plugin_host *h)
{
    return h->npage_hooks > 0 || h->nhelpers > 0;
}

int lt_plugin_run_page_hooks(lt_plugin_host *h, const lt_page *p)
{
    if (!h->npage_hooks)
        return 0;
    lua_State *L = lt_sandbox_state(h->sb);
    int page = lua_gettop(L), rc = 0;
    push_handlers(h, "on", "page");
    int list = lua_gettop(L);
    for (lua_Integer i = 1; i <= (lua_Integer)lua_rawlen(L, list) && rc == 0; i++) {
        lua_rawgeti(L, list, i);
        lua_pushvalue(L, page);
        if (lt_sandbox_pcall(h->sb, 1, 0) != LUA_OK) {
            lt_plugin_report(h->p->d, L, p);
            rc = -1;
        }
    }
    lua_settop(L, page);
    return rc;
}

char *lt_plugin_run_directive(lt_plugin_host *h, const lt_page *p, const char *name,
                              const lt_directive_info *info, const char *body, int line)
{
    lua_State *L = lt_sandbox_state(h->sb);
    int top = lua_gettop(L);
    char *html = NULL;
    lua_rawgeti(L, LUA_REGISTRYINDEX, h->registry_ref);
    lua_getfield(L, -1, "directives");
    if (lua_getfield(L, -1, name) != LUA_TFUNCTION)
        goto done;
    lua_createtable(L, 0, 6);
    lt_lua_set_string(L, "name", name);
    lt_lua_set_string(L, "arg", info->arg);
    lt_lua_set_string(L, "body", body);
    lt_lua_set_string(L, "edition", h->p->edition);
    lua_createtable(L, 0, (int)info->noptions);
    for (size_t i = 0; i < info->noptions; i++) {
        /* Whole numbers (the "int" options) reach Lua as integers. */
        const char *v = info->options[i].value;
        if (*v && strspn(v, "0123456789") == strlen(v) && strlen(v) < 18)
            lua_pushinteger(L, strtoll(v, NULL, 10));
        else
            lua_pushstring(L, v);
        lua_setfield(L, -2, info->options[i].key);
    }
    lua_setfield(L, -2, "options");
    lua_createtable(L, 0, 3);
    lt_lua_set_string(L, "path", p->src_path);
    lua_pushinteger(L, line);
    lua_setfield(L, -2, "line");
    lua_pushinteger(L, 1);
    lua_setfield(L, -2, "col");
    lua_setfield(L, -2, "pos");
    if (lt_sandbox_pcall(h->sb, 1, 1) != LUA_OK) {
        lt_plugin_report(h->p->d, L, p);
        goto done;
    }
    if (lua_type(L, -1) != LUA_TSTRING) {
        lt_error(h->p->d, p->src_path, line, 1, "directive ':::%s' must return HTML text", name);
        goto done;
    }
    html = lt_xstrdup(lua_tostring(L, -1));
done:
    lua_settop(L, top);
    return html;
}
