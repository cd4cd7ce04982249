#include "plugin/ast.h"

#include <cmark-gfm-extension_api.h>
#include <lauxlib.h>
#include <string.h>

/* Element names by cmark type; strikethrough is an extension node and is
 * told apart by its type string. */
const char *lt_ast_type_name(cmark_node *n)
{
    switch (cmark_node_get_type(n)) {
    case CMARK_NODE_PARAGRAPH:
        return "Para";
    case CMARK_NODE_HEADING:
        return "Heading";
    case CMARK_NODE_CODE_BLOCK:
        return "CodeBlock";
    case CMARK_NODE_BLOCK_QUOTE:
        return "BlockQuote";
    case CMARK_NODE_LIST:
        return cmark_node_get_list_type(n) == CMARK_ORDERED_LIST ? "OrderedList" : "BulletList";
    case CMARK_NODE_ITEM:
        return "Item";
    case CMARK_NODE_THEMATIC_BREAK:
        return "HorizontalRule";
    case CMARK_NODE_HTML_BLOCK:
        return "RawBlock";
    case CMARK_NODE_TEXT:
        return "Text";
    case CMARK_NODE_CODE:
        return "Code";
    case CMARK_NODE_EMPH:
        return "Emph";
    case CMARK_NODE_STRONG:
        return "Strong";
    case CMARK_NODE_LINK:
        return "Link";
    case CMARK_NODE_IMAGE:
        return "Image";
    case CMARK_NODE_SOFTBREAK:
        return "SoftBreak";
    case CMARK_NODE_LINEBREAK:
        return "LineBreak";
    case CMARK_NODE_HTML_INLINE:
        return "RawInline";
    default:
        if (strcmp(cmark_node_get_type_string(n), "strikethrough") == 0)
            return "Strikethrough";
        return "Other";
    }
}

static void set_str(lua_State *L, const char *key, const char *v)
{
    lua_pushstring(L, v ? v : "");
    lua_setfield(L, -2, key);
}

void lt_ast_push(lua_State *L, cmark_node *n, int line_offset)
{
    const char *t = lt_ast_type_name(n);
    lua_createtable(L, 0, 6);
    set_str(L, "t", t);
    lua_createtable(L, 0, 2);
    lua_pushinteger(L, cmark_node_get_start_line(n) + line_offset);
    lua_setfield(L, -2, "line");
    lua_pushinteger(L, cmark_node_get_start_column(n));
    lua_setfield(L, -2, "col");
    lua_setfield(L, -2, "pos");
    /* The node itself, so an opaque element (a table, say) handed back
     * keeps what the element table cannot show. */
    lua_pushlightuserdata(L, n);
    lua_setfield(L, -2, "_node");
    switch (cmark_node_get_type(n)) {
    case CMARK_NODE_TEXT:
    case CMARK_NODE_CODE:
    case CMARK_NODE_HTML_BLOCK:
    case CMARK_NODE_HTML_INLINE:
        set_str(L, "text", cmark_node_get_literal(n));
        return;
    case CMARK_NODE_CODE_BLOCK:
        set_str(L, "text", cmark_node_get_literal(n));
        set_str(L, "lang", cmark_node_get_fence_info(n));
        return;
    case CMARK_NODE_HEADING:
        lua_pushinteger(L, cmark_node_get_heading_level(n));
        lua_setfield(L, -2, "level");
        break;
    case CMARK_NODE_LIST:
        lua_pushinteger(L, cmark_node_get_list_start(n));
        lua_setfield(L, -2, "start");
        break;
    case CMARK_NODE_LINK:
        set_str(L, "url", cmark_node_get_url(n));
        set_str(L, "title", cmark_node_get_title(n));
        break;
    case CMARK_NODE_IMAGE:
        set_str(L, "src", cmark_node_get_url(n));
        set_str(L, "title", cmark_node_get_title(n));
        break;
    default:
        break;
    }
    if (strcmp(t, "Other") == 0)
        return;
    lua_newtable(L);
    lua_Integer i = 1;
    for (cmark_node *c = cmark_node_first_child(n); c; c = cmark_node_next(c)) {
        /* The self-link lontar adds to headings is not the author's text. */
        if (cmark_node_get_type(c) == CMARK_NODE_CUSTOM_INLINE)
            continue;
        lt_ast_push(L, c, line_offset);
        lua_rawseti(L, -2, i++);
    }
    lua_setfield(L, -2, "content");
}

typedef struct {
    const char *name;
    cmark_node_type type;
} kind;

static const kind kinds[] = {{"Para", CMARK_NODE_PARAGRAPH},
                             {"Heading", CMARK_NODE_HEADING},
                             {"CodeBlock", CMARK_NODE_CODE_BLOCK},
                             {"BlockQuote", CMARK_NODE_BLOCK_QUOTE},
                             {"BulletList", CMARK_NODE_LIST},
                             {"OrderedList", CMARK_NODE_LIST},
                             {"Item", CMARK_NODE_ITEM},
                             {"HorizontalRule", CMARK_NODE_THEMATIC_BREAK},
                             {"RawBlock", CMARK_NODE_HTML_BLOCK},
                             {"Text", CMARK_NODE_TEXT},
                             {"Code", CMARK_NODE_CODE},
                             {"Emph", CMARK_NODE_EMPH},
                             {"Strong", CMARK_NODE_STRONG},
                             {"Link", CMARK_NODE_LINK},
                             {"Image", CMARK_NODE_IMAGE},
                             {"SoftBreak", CMARK_NODE_SOFTBREAK},
                             {"LineBreak", CMARK_NODE_LINEBREAK},
                             {"RawInline", CMARK_NODE_HTML_INLINE},
                             {NULL, CMARK_NODE_NONE}};

/* Elements are read raw: lt_ast_build runs outside any protected call and
 * holds new cmark nodes, so no metamethod of the plugin's tables may run
 * (its error would have nothing to catch it, and would leak the nodes). */
static int raw_field(lua_State *L, int idx, const char *key)
{
    lua_pushstring(L, key);
    return lua_rawget(L, idx);
}

/* The string (or number) field `key` of the table at idx (absolute), or
 * NULL. Use it at once: a number's text lives only until Lua next
 * allocates. */
static const char *field(lua_State *L, int idx, const char *key)
{
    raw_field(L, idx, key);
    const char *s = lua_isstring(L, -1) ? lua_tostring(L, -1) : NULL;
    lua_pop(L, 1);
    return s;
}

static lua_Integer int_field(lua_State *L, int idx, const char *key, lua_Integer dflt)
{
    raw_field(L, idx, key);
    lua_Integer v = lua_isinteger(L, -1) ? lua_tointeger(L, -1) : dflt;
    lua_pop(L, 1);
    return v;
}

cmark_node *lt_ast_build(lua_State *L, int idx, const char **err)
{
    idx = lua_absindex(L, idx);
    if (!lua_istable(L, idx)) {
        *err = "an element must be a table";
        return NULL;
    }
    const char *t = field(L, idx, "t");
    if (!t) {
        *err = "an element needs a type tag 't'";
        return NULL;
    }
    if (strcmp(t, "Other") == 0 || strcmp(t, "Strikethrough") == 0) {
        raw_field(L, idx, "_node");
        cmark_node *orig = lua_touserdata(L, -1);
        lua_pop(L, 1);
        if (!orig) {
            *err = "this element type cannot be built by a filter";
            return NULL;
        }
        cmark_node_unlink(orig);
        return orig;
    }
    const kind *k = kinds;
    while (k->name && strcmp(k->name, t) != 0)
        k++;
    if (!k->name) {
        *err = "unknown element type";
        return NULL;
    }
    cmark_node *n = cmark_node_new(k->type);
    switch (k->type) {
    case CMARK_NODE_TEXT:
    case CMARK_NODE_CODE:
    case CMARK_NODE_HTML_BLOCK:
    case CMARK_NODE_HTML_INLINE:
        cmark_node_set_literal(n, field(L, idx, "text") ? field(L, idx, "text") : "");
        return n;
    case CMARK_NODE_CODE_BLOCK:
        cmark_node_set_literal(n, field(L, idx, "text") ? field(L, idx, "text") : "");
        cmark_node_set_fence_info(n, field(L, idx, "lang") ? field(L, idx, "lang") : "");
        cmark_node_set_fenced(n, 1, 3, 0, '`');
        return n;
    case CMARK_NODE_HEADING:
        cmark_node_set_heading_level(n, (int)int_field(L, idx, "level", 2));
        break;
    case CMARK_NODE_LIST:
        cmark_node_set_list_type(n, strcmp(t, "OrderedList") == 0 ? CMARK_ORDERED_LIST
                                                                  : CMARK_BULLET_LIST);
        cmark_node_set_list_start(n, (int)int_field(L, idx, "start", 1));
        cmark_node_set_list_tight(n, 1);
        break;
    case CMARK_NODE_LINK:
        cmark_node_set_url(n, field(L, idx, "url") ? field(L, idx, "url") : "");
        cmark_node_set_title(n, field(L, idx, "title") ? field(L, idx, "title") : "");
        break;
    case CMARK_NODE_IMAGE:
        cmark_node_set_url(n, field(L, idx, "src") ? field(L, idx, "src") : "");
        cmark_node_set_title(n, field(L, idx, "title") ? field(L, idx, "title") : "");
        break;
    default:
        break;
    }
    raw_field(L, idx, "content");
    if (lua_istable(L, -1)) {
        lua_Integer len = (lua_Integer)lua_rawlen(L, -1);
        for (lua_Integer i = 1; i <= len; i++) {
            lua_rawgeti(L, -1, i);
            cmark_node *c = lt_ast_build(L, -1, err);
            lua_pop(L, 1);
            if (!c || !cmark_node_append_child(n, c)) {
                if (c) {
                    *err = "an element cannot hold that child here";
                    cmark_node_free(c);
                }
                lua_pop(L, 1);
                cmark_node_free(n);
                return NULL;
            }
        }
    }
    lua_pop(L, 1);
    return n;
}

/* Constructor: lontar.<Type>(...) builds an element table; the positional
 * arguments follow Pandoc (content first, then the type's fields). */
static int construct(lua_State *L)
{
    const char *t = lua_tostring(L, lua_upvalueindex(1));
    int nargs = lua_gettop(L);
    lua_createtable(L, 0, 4);
    lua_pushstring(L, t);
    lua_setfield(L, -2, "t");
    static const struct {
        const char *t;
        const char *args[3];
    } shapes[] = {{"Text", {"text"}},
                  {"Code", {"text"}},
                  {"RawInline", {"text"}},
                  {"RawBlock", {"text"}},
                  {"CodeBlock", {"text", "lang"}},
                  {"Link", {"content", "url", "title"}},
                  {"Image", {"content", "src", "title"}},
                  {"Heading", {"level", "content"}},
                  {"OrderedList", {"content", "start"}},
                  {NULL, {"content"}}};
    int s = 0;
    while (shapes[s].t && strcmp(shapes[s].t, t) != 0)
        s++;
    for (int i = 0; i < 3 && shapes[s].args[i] && i < nargs; i++) {
        lua_pushvalue(L, i + 1);
        /* A bare string as content reads as one Text element. */
        if (strcmp(shapes[s].args[i], "content") == 0 && lua_type(L, -1) == LUA_TSTRING) {
            lua_createtable(L, 1, 0);
            lua_createtable(L, 0, 2);
            lua_pushstring(L, "Text");
            lua_setfield(L, -2, "t");
            lua_pushvalue(L, -3);
            lua_setfield(L, -2, "text");
            lua_rawseti(L, -2, 1);
            lua_remove(L, -2);
        }
        lua_setfield(L, -2, shapes[s].args[i]);
    }
    return 1;
}

void lt_ast_constructors(lua_State *L, int idx)
{
    idx = lua_absindex(L, idx);
    for (const kind *k = kinds; k->name; k++) {
        lua_pushstring(L, k->name);
        lua_pushcclosure(L, construct, 1);
        lua_setfield(L, idx, k->name);
    }
}
