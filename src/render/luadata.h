/* Values handed to Lua: YAML trees become Lua tables with typed scalars. */
#ifndef LT_RENDER_LUADATA_H
#define LT_RENDER_LUADATA_H

#include "load/yaml.h"

#include <lua.h>

/* Pushes y (nil for NULL): plain scalars become booleans, integers or
 * numbers where they read as one, null becomes nil, everything else text. */
void lt_lua_push_yaml(lua_State *L, const lt_yaml *y);
/* t[key] = s (nil when s is NULL) for the table on top of the stack. */
void lt_lua_set_string(lua_State *L, const char *key, const char *s);

#endif
