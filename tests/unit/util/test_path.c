#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "util/path.h"

#include <string.h>

static void check_accepts_plain_paths(void **state)
{
    (void)state;
    assert_null(lt_path_check("a/b.html", 8));
    assert_null(lt_path_check("index.html", 10));
    assert_null(lt_path_check("a/..b/c", 7)); /* '..b' is a name, not a climb */
}

static void check_refuses_escapes(void **state)
{
    (void)state;
    assert_non_null(lt_path_check("../x", 4));
    assert_non_null(lt_path_check("a/../../x", 9));
    assert_non_null(lt_path_check("/etc/passwd", 11));
    assert_non_null(lt_path_check("C:/x", 4));
    assert_non_null(lt_path_check("a\0b", 3));
    assert_non_null(lt_path_check("a//b", 4));
    assert_non_null(lt_path_check("", 0));
    assert_non_null(lt_path_check("a\nb", 3));
}

static void join_resolves_dots(void **state)
{
    (void)state;
    lt_arena *a = lt_arena_new();
    assert_string_equal(lt_path_join(a, "a/b", "../c.md"), "a/c.md");
    assert_string_equal(lt_path_join(a, "a/b", "./c.md"), "a/b/c.md");
    assert_string_equal(lt_path_join(a, "", "x/y/../z"), "x/z");
    assert_string_equal(lt_path_join(a, "a", "sub/"), "a/sub");
    assert_null(lt_path_join(a, "a", "../../x"));
    assert_null(lt_path_join(a, "", ".."));
    lt_arena_free(a);
}

static void relative_urls(void **state)
{
    (void)state;
    lt_arena *a = lt_arena_new();
    assert_string_equal(lt_path_relative(a, "a/b.html", "a/c.html"), "c.html");
    assert_string_equal(lt_path_relative(a, "a/b.html", "c/index.html"), "../c/index.html");
    assert_string_equal(lt_path_relative(a, "index.html", "a/b/c.html"), "a/b/c.html");
    assert_string_equal(lt_path_relative(a, "a/b/c.html", "index.html"), "../../index.html");
    assert_string_equal(lt_path_relative(a, "ab/x.html", "a/y.html"), "../a/y.html");
    assert_string_equal(lt_path_root_prefix(a, "a/b/c.html"), "../../");
    assert_string_equal(lt_path_root_prefix(a, "c.html"), "");
    lt_arena_free(a);
}

static void parts(void **state)
{
    (void)state;
    lt_arena *a = lt_arena_new();
    assert_string_equal(lt_path_dir(a, "a/b/c.md"), "a/b");
    assert_string_equal(lt_path_dir(a, "c.md"), "");
    assert_string_equal(lt_path_base("a/b/c.md"), "c.md");
    assert_string_equal(lt_path_ext("a/b.c/d"), "");
    assert_string_equal(lt_path_ext("a/.hidden"), "");
    assert_true(lt_path_has_ext("x/y.md", ".md"));
    lt_arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(check_accepts_plain_paths),
        cmocka_unit_test(check_refuses_escapes),
        cmocka_unit_test(join_resolves_dots),
        cmocka_unit_test(relative_urls),
        cmocka_unit_test(parts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
