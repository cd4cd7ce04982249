#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "load/config.h"

#include <string.h>

static int load(const char *text, lt_config *c, lt_diag *d, lt_arena *a)
{
    return lt_config_load(c, a, text, text ? strlen(text) : 0, "lontar.yml", d);
}

static void defaults(void **state)
{
    (void)state;
    lt_arena *a = lt_arena_new();
    lt_diag *d = lt_diag_new();
    lt_config c;
    assert_int_equal(load(NULL, &c, d, a), 0);
    assert_string_equal(c.language, "id");
    assert_string_equal(c.theme, "default");
    assert_false(c.unsafe);
    lt_diag_free(d);
    lt_arena_free(a);
}

static void reads_settings(void **state)
{
    (void)state;
    lt_arena *a = lt_arena_new();
    lt_diag *d = lt_diag_new();
    lt_config c;
    assert_int_equal(load("title: Kurikulum\nlanguage: en\nmarkdown:\n  unsafe: true\n"
                          "nav: [intro.md, modul]\nparams:\n  institute: BBPPKS\n",
                          &c, d, a),
                     0);
    assert_string_equal(c.title, "Kurikulum");
    assert_string_equal(c.language, "en");
    assert_true(c.unsafe);
    assert_int_equal(c.nav_n, 2);
    assert_string_equal(c.nav[1], "modul");
    assert_non_null(c.params);
    lt_diag_free(d);
    lt_arena_free(a);
}

static void reports_every_problem_with_position(void **state)
{
    (void)state;
    lt_arena *a = lt_arena_new();
    lt_diag *d = lt_diag_new();
    lt_config c;
    assert_int_equal(load("title: [a, b]\ncolour: red\nlanguage: fr\nmarkdown:\n  unsafe: maybe\n"
                          "  other: 1\nnav: x\n",
                          &c, d, a),
                     -1);
    assert_int_equal(lt_diag_errors(d), 6);
    lt_diag_sort(d);
    int lines[] = {1, 2, 3, 5, 6, 7};
    for (int i = 0; i < 6; i++)
        assert_int_equal(lt_diag_get(d, (size_t)i)->line, lines[i]);
    assert_non_null(strstr(lt_diag_get(d, 1)->message, "unknown key 'colour'"));
    assert_int_equal(lt_diag_get(d, 1)->col, 1);
    lt_diag_free(d);
    lt_arena_free(a);
}

static void invalid_yaml(void **state)
{
    (void)state;
    lt_arena *a = lt_arena_new();
    lt_diag *d = lt_diag_new();
    lt_config c;
    assert_int_equal(load("title: ok\n  bad: indent\n", &c, d, a), -1);
    assert_int_equal(lt_diag_get(d, 0)->line, 2);
    assert_non_null(strstr(lt_diag_get(d, 0)->message, "invalid YAML"));
    lt_diag_free(d);
    lt_arena_free(a);
}

static void rejects_anchors_and_duplicates(void **state)
{
    (void)state;
    lt_arena *a = lt_arena_new();
    lt_diag *d = lt_diag_new();
    lt_config c;
    assert_int_equal(load("title: a\ntitle: b\n", &c, d, a), -1);
    assert_non_null(strstr(lt_diag_get(d, 0)->message, "duplicate key"));
    lt_diag *d2 = lt_diag_new();
    assert_int_equal(load("params: &x {a: 1}\n", &c, d2, a), -1);
    assert_non_null(strstr(lt_diag_get(d2, 0)->message, "anchors"));
    lt_diag_free(d);
    lt_diag_free(d2);
    lt_arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(defaults),
        cmocka_unit_test(reads_settings),
        cmocka_unit_test(reports_every_problem_with_position),
        cmocka_unit_test(invalid_yaml),
        cmocka_unit_test(rejects_anchors_and_duplicates),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
