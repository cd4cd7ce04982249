#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "publish/lint.h"

#include <string.h>

static lt_diag *lint(const char *rel, const char *text)
{
    lt_diag *d = lt_diag_new();
    lt_lint_output("out/x", rel, text, strlen(text), d);
    lt_diag_sort(d);
    return d;
}

static void html_network_assets(void **state)
{
    (void)state;
    lt_diag *d =
        lint("a.html", "<html>\n<link rel=\"stylesheet\" href=\"https://cdn.example/x.css\">\n"
                       "<script src=\"//cdn.example/x.js\"></script>\n"
                       "<img src=\"http://example.org/i.png\">\n"
                       "<a href=\"https://example.org/\">ok: navigation</a>\n");
    assert_int_equal(lt_diag_count(d), 3);
    assert_int_equal(lt_diag_get(d, 0)->line, 2);
    assert_int_equal(lt_diag_get(d, 0)->col, 30);
    assert_non_null(strstr(lt_diag_get(d, 0)->message, "from the network"));
    assert_int_equal(lt_diag_get(d, 2)->line, 4);
    lt_diag_free(d);
}

static void html_paths_and_folders(void **state)
{
    (void)state;
    lt_diag *d = lint("a.html", "<a href=\"/abs/page.html\">x</a><a href=\"modul/\">y</a>"
                                "<a href=\"modul/index.html\">ok</a><a href=\"#top\">ok</a>"
                                "<a href=\"..\">z</a>");
    assert_int_equal(lt_diag_count(d), 3);
    assert_non_null(strstr(lt_diag_get(d, 0)->message, "absolute path"));
    assert_non_null(strstr(lt_diag_get(d, 1)->message, "names a folder"));
    assert_non_null(strstr(lt_diag_get(d, 2)->message, "'..' names a folder"));
    lt_diag_free(d);
}

static void scripts(void **state)
{
    (void)state;
    lt_diag *d = lint("a.html", "<p>fetch( in text is fine</p>\n<script type=\"module\">\n"
                                "fetch('x.json')</script>");
    assert_int_equal(lt_diag_count(d), 2);
    assert_non_null(strstr(lt_diag_get(d, 0)->message, "module scripts"));
    assert_non_null(strstr(lt_diag_get(d, 1)->message, "'fetch(' is blocked"));
    assert_int_equal(lt_diag_get(d, 1)->line, 3);
    lt_diag_free(d);
    d = lint("s.js", "var x = new XMLHttpRequest(); obj.fetch(1); prefetch(2);");
    assert_int_equal(lt_diag_count(d), 1);
    lt_diag_free(d);
}

static void css(void **state)
{
    (void)state;
    lt_diag *d = lint("s.css", "@import url(x.css);\nbody{background:url(\"https://x/y.png\")}\n"
                               "i{background:url(data:image/png;base64,AAA)}\n"
                               "b{background:url(img/ok.png)}");
    assert_int_equal(lt_diag_count(d), 2);
    assert_non_null(strstr(lt_diag_get(d, 0)->message, "@import"));
    assert_int_equal(lt_diag_get(d, 1)->line, 2);
    lt_diag_free(d);
    d = lint("f.pdf", "https://anything");
    assert_int_equal(lt_diag_count(d), 0);
    lt_diag_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(html_network_assets),
        cmocka_unit_test(html_paths_and_folders),
        cmocka_unit_test(scripts),
        cmocka_unit_test(css),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
