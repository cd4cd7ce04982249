/* The template compiler: turns a template into the source of a Lua chunk,
 * compiled once per Lua state and then called for every page.
 *
 *   {{ expr }}    the value of a Lua expression, HTML-escaped
 *   {{{ expr }}}  the value, unescaped (an explicit opt-in for HTML)
 *   {% stmt %}    Lua statements: if/for/end, local, include "name.html"
 *   {# text #}    a comment
 *
 * The generated chunk keeps every template line on the same Lua line, so a
 * Lua error names the template's own path:line. Its first statement binds
 * `_ENV` to the chunk's argument (the page's data table). */
#ifndef LT_PLUGIN_TEMPLATE_H
#define LT_PLUGIN_TEMPLATE_H

#include "util/buf.h"

#include <stddef.h>

/* Appends Lua source to out. Returns 0, or -1 with *err_line and *err_msg
 * (static text) set for an unclosed tag. */
int lt_template_compile(const char *src, size_t len, lt_buf *out, int *err_line,
                        const char **err_msg);

#endif
