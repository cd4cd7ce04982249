/* Values handed to Lua: YAML trees become Lua tables with typed scalars. */
#ifndef LT_RENDER_LUADATA_H
#define LT_RENDER_LUADATA_H

#include "load/yaml.h"
#include "model/site.h"

#include <lua.h>

/* Pushes y (nil for NULL): plain scalars become booleans, integers or
 * numbers where they read as one, null becomes nil, everything else text. */
void lt_lua_push_yaml(lua_State *L, const lt_yaml *y);
/* t[key] = s (nil when s is NULL) for the table on top of the stack. */
void lt_lua_set_string(lua_State *L, const char *key, const char *s);

/* Pushes site.version (see docs/themes.md): a table of the version's name,
 * label, folder, kind, commit, date, status, previous, multi and, for a
 * versioned build, changes (the changes page's path). */
void lt_lua_push_version(lua_State *L, const lt_site_version *v, const char *changes_page);

#endif
