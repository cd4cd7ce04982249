#include "render/luadata.h"

void lt_lua_set_string(lua_State *L, const char *key, const char *s)
{
    if (s)
        lua_pushstring(L, s);
    else
        lua_pushnil(L);
    lua_setfield(L, -2, key);
}

void lt_lua_push_yaml(lua_State *L, const lt_yaml *y)
{
    if (!y || lt_yaml_is_null(y)) {
        lua_pushnil(L);
        return;
    }
    switch (y->kind) {
    case LT_YAML_SCALAR: {
        int b;
        long i;
        double n;
        if (lt_yaml_bool(y, &b) == 0)
            lua_pushboolean(L, b);
        else if (lt_yaml_int(y, &i) == 0)
            lua_pushinteger(L, (lua_Integer)i);
        else if (lt_yaml_number(y, &n) == 0)
            lua_pushnumber(L, n);
        else
            lua_pushlstring(L, y->str, y->len);
        return;
    }
    case LT_YAML_SEQ:
        lua_createtable(L, (int)y->n, 0);
        for (size_t i = 0; i < y->n; i++) {
            lt_lua_push_yaml(L, y->items[i]);
            lua_rawseti(L, -2, (lua_Integer)i + 1);
        }
        return;
    case LT_YAML_MAP:
        lua_createtable(L, 0, (int)y->n);
        for (size_t i = 0; i < y->n; i++) {
            lt_lua_push_yaml(L, y->items[i]);
            lua_setfield(L, -2, y->keys[i]->str);
        }
        return;
    }
}

void lt_lua_push_version(lua_State *L, const lt_site_version *v, const char *changes_page)
{
    lua_createtable(L, 0, 10);
    lt_lua_set_string(L, "name", v->name);
    lt_lua_set_string(L, "label", v->label);
    lt_lua_set_string(L, "folder", v->folder);
    lt_lua_set_string(L, "kind", v->kind);
    lt_lua_set_string(L, "commit", v->commit);
    lt_lua_set_string(L, "date", v->date);
    lt_lua_set_string(L, "status", v->status);
    lt_lua_set_string(L, "previous", v->previous);
    lt_lua_set_string(L, "changes", v->multi ? changes_page : NULL);
    lua_pushboolean(L, v->multi);
    lua_setfield(L, -2, "multi");
}
