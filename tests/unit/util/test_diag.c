#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "util/diag.h"

#include <stdlib.h>
#include <string.h>

static char *print(lt_diag *d, lt_diag_format fmt, int strict)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    lt_diag_print(d, f, fmt, strict);
    fclose(f);
    return buf;
}

static void collects_and_sorts_all(void **state)
{
    (void)state;
    lt_diag *d = lt_diag_new();
    lt_error(d, "b.md", 3, 1, "second file");
    lt_warn(d, "a.md", 10, 2, "late warning");
    lt_error(d, "a.md", 2, 5, "early error");
    assert_int_equal(lt_diag_errors(d), 2);
    assert_int_equal(lt_diag_warnings(d), 1);
    char *out = print(d, LT_DIAG_TEXT, 0);
    assert_string_equal(out, "a.md:2:5: error: early error\n"
                             "a.md:10:2: warning: late warning\n"
                             "b.md:3:1: error: second file\n");
    free(out);
    lt_diag_free(d);
}

static void strict_prints_warnings_as_errors(void **state)
{
    (void)state;
    lt_diag *d = lt_diag_new();
    lt_warn(d, "x.md", 0, 0, "whole-file problem");
    char *out = print(d, LT_DIAG_TEXT, 1);
    assert_string_equal(out, "x.md:1:1: error: whole-file problem\n");
    free(out);
    lt_diag_free(d);
}

static void json_lines(void **state)
{
    (void)state;
    lt_diag *d = lt_diag_new();
    lt_error(d, "q\"uote.md", 4, 7, "bad \"thing\"\n");
    char *out = print(d, LT_DIAG_JSON, 0);
    assert_string_equal(out, "{\"path\":\"q\\\"uote.md\",\"line\":4,\"column\":7,"
                             "\"severity\":\"error\",\"message\":\"bad \\\"thing\\\"\\n\"}\n");
    free(out);
    lt_diag_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(collects_and_sorts_all),
        cmocka_unit_test(strict_prints_warnings_as_errors),
        cmocka_unit_test(json_lines),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
