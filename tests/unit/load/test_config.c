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

static void handbook_settings(void **state)
{
    (void)state;
    lt_arena *a = lt_arena_new();
    lt_diag *d = lt_diag_new();
    lt_config c;
    assert_int_equal(load(NULL, &c, d, a), 0);
    assert_true(c.handbook.enabled);
    assert_int_equal(c.handbook.pdf, LT_PDF_AUTO);
    assert_string_equal(c.handbook.paper, "A4");
    assert_int_equal(c.handbook.nparts, 0);
    assert_int_equal(load("handbook:\n  pdf: never\n  paper: letter\n  timeout_s: 60\n"
                          "  parts:\n    - title: Satu\n      pages: [a.md, modul]\n"
                          "    - {title: Dua, pages: [konsep]}\n  exclude: [b.md]\n",
                          &c, d, a),
                     0);
    assert_int_equal(c.handbook.pdf, LT_PDF_NEVER);
    assert_string_equal(c.handbook.paper, "letter");
    assert_true(c.handbook.timeout_s == 60);
    assert_int_equal(c.handbook.nparts, 2);
    assert_string_equal(c.handbook.parts[0].title, "Satu");
    assert_string_equal(c.handbook.parts[0].pages->items[1]->str, "modul");
    assert_string_equal(c.handbook.exclude->items[0]->str, "b.md");
    /* Chapters without parts; and the handbook turned off. */
    assert_int_equal(load("handbook: {pages: [a.md], paper: a5}\n", &c, d, a), 0);
    assert_int_equal(c.handbook.nparts, 1);
    assert_null(c.handbook.parts[0].title);
    assert_string_equal(c.handbook.paper, "A5");
    assert_int_equal(load("handbook: false\n", &c, d, a), 0);
    assert_false(c.handbook.enabled);
    assert_int_equal(lt_diag_count(d), 0);

    assert_int_equal(load("handbook:\n  pdf: kadang\n  paper: B5\n  timeout_s: -1\n"
                          "  parts: [{title: Satu}, x]\n  exclude: a.md\n  warna: merah\n",
                          &c, d, a),
                     -1);
    lt_diag_sort(d);
    int lines[] = {2, 3, 4, 5, 5, 6, 7};
    assert_int_equal(lt_diag_count(d), 7);
    for (int i = 0; i < 7; i++)
        assert_int_equal(lt_diag_get(d, (size_t)i)->line, lines[i]);
    lt_diag *d2 = lt_diag_new();
    assert_int_equal(load("handbook:\n  parts: []\n  pages: [a.md]\n", &c, d2, a), -1);
    assert_int_equal(lt_diag_get(d2, 0)->line, 3);
    assert_non_null(strstr(lt_diag_get(d2, 0)->message, "not both"));
    lt_diag_free(d);
    lt_diag_free(d2);
    lt_arena_free(a);
}

static void versions_settings(void **state)
{
    (void)state;
    lt_arena *a = lt_arena_new();
    lt_diag *d = lt_diag_new();
    lt_config c;
    assert_int_equal(load("versions:\n  tags: [\"v*\", \"!v0.*\"]\n  branches: main\n"
                          "  labels:\n    main: Draf\n  latest: v2\n  prerelease: []\n",
                          &c, d, a),
                     0);
    assert_true(c.versions.enabled);
    assert_int_equal(c.versions.tags.n, 2);
    assert_string_equal(c.versions.tags.items[1], "!v0.*");
    assert_int_equal(c.versions.branches.n, 1);
    assert_true(c.versions.has_prerelease);
    assert_int_equal(c.versions.prerelease.n, 0);
    assert_string_equal(c.versions.latest, "v2");
    assert_string_equal(lt_config_version_label(&c, "main"), "Draf");
    assert_string_equal(lt_config_version_label(&c, "v1"), "v1");

    /* No versions: key, no versions. */
    assert_int_equal(load("title: x\n", &c, d, a), 0);
    assert_false(c.versions.enabled);

    /* Each problem at its own position. */
    lt_diag *d2 = lt_diag_new();
    assert_int_equal(load("versions:\n  tag: [\"v*\"]\n  labels: [a]\n  latest: [x]\n", &c, d2, a),
                     -1);
    lt_diag_sort(d2);
    assert_int_equal(lt_diag_count(d2), 4);
    /* "selects nothing" at the mapping, then the unknown key in it */
    assert_int_equal(lt_diag_get(d2, 0)->line, 2);
    assert_non_null(strstr(lt_diag_get(d2, 0)->message, "selects nothing"));
    assert_int_equal(lt_diag_get(d2, 1)->line, 2);
    assert_non_null(strstr(lt_diag_get(d2, 1)->message, "unknown key 'tag'"));
    assert_int_equal(lt_diag_get(d2, 2)->line, 3);
    assert_int_equal(lt_diag_get(d2, 3)->line, 4);
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
        cmocka_unit_test(handbook_settings),
        cmocka_unit_test(versions_settings),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
