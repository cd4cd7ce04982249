#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "plugin/template.h"

#include <lauxlib.h>
#include <lualib.h>
#include <string.h>

/* Compiles and runs a template with _w/_e/_s that collect output in Lua. */
static char result[4096];

static const char *run(const char *tpl, const char *vars_lua)
{
    lt_buf lua = LT_BUF_INIT;
    int line;
    const char *msg;
    assert_int_equal(lt_template_compile(tpl, strlen(tpl), &lua, &line, &msg), 0);
    lua_State *L = luaL_newstate();
    luaL_openlibs(L);
    const char *prelude =
        "out = {}\n"
        "function esc(s) return (tostring(s):gsub('[&<>\"\\']', {['&']='&amp;',['<']='&lt;',"
        "['>']='&gt;',['\"']='&quot;',[\"'\"]='&#39;'})) end\n";
    assert_int_equal(luaL_dostring(L, prelude), 0);
    assert_int_equal(luaL_loadbuffer(L, lua.data, lua.len, "=tpl"), 0);
    lua_pushvalue(L, -1);
    lua_setglobal(L, "tplfn");
    lua_pop(L, 1);
    char call[1024];
    snprintf(call, sizeof call,
             "local env = %s\n"
             "env._w = function(s) out[#out+1] = s end\n"
             "env._e = function(s) if s ~= nil then out[#out+1] = esc(s) end end\n"
             "env._s = function(s) if s ~= nil then out[#out+1] = tostring(s) end end\n"
             "setmetatable(env, {__index = _G})\n"
             "tplfn(env)\n"
             "return table.concat(out)",
             vars_lua);
    if (luaL_dostring(L, call) != 0)
        fail_msg("lua: %s", lua_tostring(L, -1));
    snprintf(result, sizeof result, "%s", lua_tostring(L, -1));
    lua_close(L);
    lt_buf_free(&lua);
    return result;
}

static void escapes_expressions(void **state)
{
    (void)state;
    assert_string_equal(run("<p>{{ x }}</p>", "{x = '<b>&\"'}"), "<p>&lt;b&gt;&amp;&quot;</p>");
    assert_string_equal(run("{{{ x }}}", "{x = '<b>'}"), "<b>");
    assert_string_equal(run("a{{ nothing }}b", "{}"), "ab");
}

static void statements_and_comments(void **state)
{
    (void)state;
    assert_string_equal(run("{% for i = 1, 3 do %}[{{ i }}]{% end %}", "{}"), "[1][2][3]");
    assert_string_equal(run("x{# a {{ comment }} #}y", "{}"), "xy");
    assert_string_equal(run("{% if ok then %}yes{% else %}no{% end %}", "{ok = false}"), "no");
    assert_string_equal(run("q\"\\\n\tz", "{}"), "q\"\\\n\tz");
}

static void keeps_template_lines(void **state)
{
    (void)state;
    const char *tpl = "line1\n{{ a }}\n{# two\nlines #}\n{% local x = nil %}\n{{ x.y }}\n";
    lt_buf lua = LT_BUF_INIT;
    int line;
    const char *msg;
    assert_int_equal(lt_template_compile(tpl, strlen(tpl), &lua, &line, &msg), 0);
    lua_State *L = luaL_newstate();
    luaL_openlibs(L);
    assert_int_equal(luaL_loadbuffer(L, lua.data, lua.len, "@page.html"), 0);
    assert_int_equal(luaL_dostring(L, "t = {_w = function() end, _e = function() end}"), 0);
    lua_getglobal(L, "t");
    assert_int_not_equal(lua_pcall(L, 1, 0, 0), 0);
    /* the nil index is on line 6 of the template */
    assert_non_null(strstr(lua_tostring(L, -1), "page.html:6:"));
    lua_close(L);
    lt_buf_free(&lua);
}

static void unclosed_tags_are_reported(void **state)
{
    (void)state;
    lt_buf lua = LT_BUF_INIT;
    int line = 0;
    const char *msg = NULL;
    const char *tpl = "ok\nok\n<p>{{ page.title </p>\n";
    assert_int_equal(lt_template_compile(tpl, strlen(tpl), &lua, &line, &msg), -1);
    assert_int_equal(line, 3);
    assert_non_null(strstr(msg, "never closed"));
    lt_buf_clear(&lua);
    assert_int_equal(lt_template_compile("{% if x", 7, &lua, &line, &msg), -1);
    assert_int_equal(line, 1);
    lt_buf_free(&lua);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(escapes_expressions),
        cmocka_unit_test(statements_and_comments),
        cmocka_unit_test(keeps_template_lines),
        cmocka_unit_test(unclosed_tags_are_reported),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
