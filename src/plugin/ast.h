/* cmark nodes as Lua tables, after Pandoc's Lua filters: an element is a
 * table with a type tag `t` ("Para", "Link", "Text", …), its fields, its
 * children in `content`, and `pos = {line, col}` in the page's file.
 *
 *   Block:  Para, Heading{level}, CodeBlock{text, lang}, BlockQuote,
 *           BulletList, OrderedList{start}, Item, HorizontalRule,
 *           RawBlock{text}, and Table/Other (opaque: kept as they are)
 *   Inline: Text{text}, Code{text}, Emph, Strong, Strikethrough,
 *           Link{url, title}, Image{src, title}, SoftBreak, LineBreak,
 *           RawInline{text}
 *
 * A filter function returns nothing to keep the element, an element to
 * replace it, a list of elements to splice in, or {} to delete it. */
#ifndef LT_PLUGIN_AST_H
#define LT_PLUGIN_AST_H

#include <cmark-gfm.h>
#include <lua.h>

/* The type tag of a node ("Other" for node types filters cannot build). */
const char *lt_ast_type_name(cmark_node *n);
/* Pushes node as an element table; line_offset is added to its lines. */
void lt_ast_push(lua_State *L, cmark_node *n, int line_offset);
/* Builds a new node from the element table at idx (an opaque element
 * gives back its original node, unlinked). Returns NULL and pushes nothing
 * on a malformed element; *err names the problem. */
cmark_node *lt_ast_build(lua_State *L, int idx, const char **err);
/* Registers constructors (Para, Text, Link, …) as fields of the table at
 * idx, e.g. lontar.Link(content, url). */
void lt_ast_constructors(lua_State *L, int idx);

#endif
