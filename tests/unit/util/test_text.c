#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "util/text.h"

#include <string.h>

static void slug(const char *in, const char *want)
{
    lt_buf b = LT_BUF_INIT;
    lt_slugify(&b, in, strlen(in));
    assert_string_equal(lt_buf_cstr(&b), want);
    lt_buf_free(&b);
}

static void slugs_indonesian_text(void **state)
{
    (void)state;
    slug("Apa itu Kesejahteraan Sosial?", "apa-itu-kesejahteraan-sosial");
    slug("Model 5K: Konsep, Komitmen & Kapasitas", "model-5k-konsep-komitmen-kapasitas");
    slug("  Tahap 1 — Asesmen  ", "tahap-1-asesmen");
    slug("Café Éclair naïve", "cafe-eclair-naive");
    slug("Peran TKSM (mikro/mezzo/makro)", "peran-tksm-mikro-mezzo-makro");
    slug("snake_case stays", "snake_case-stays");
    slug("???", "bagian");
    slug("", "bagian");
    slug("日本語 ok", "日本語-ok");
}

static void utf8_validation(void **state)
{
    (void)state;
    int line = 0, col = 0;
    assert_true(lt_utf8_valid("abc\nkesejahteraan é", 21, &line, &col));
    const char bad[] = "ab\ncd\xff";
    assert_false(lt_utf8_valid(bad, sizeof bad - 1, &line, &col));
    assert_int_equal(line, 2);
    assert_int_equal(col, 3);
    const char overlong[] = "\xc0\xaf";
    assert_false(lt_utf8_valid(overlong, 2, &line, &col));
    const char surrogate[] = "x\xed\xa0\x80";
    assert_false(lt_utf8_valid(surrogate, 4, &line, &col));
    assert_int_equal(col, 2);
    const char truncated[] = "\xe2\x82";
    assert_false(lt_utf8_valid(truncated, 2, &line, &col));
}

static void positions(void **state)
{
    (void)state;
    int line, col;
    lt_text_position("ab\nc\xc3\xa9x", 6, &line, &col);
    assert_int_equal(line, 2);
    assert_int_equal(col, 3);
}

static void same_strings(void **state)
{
    (void)state;
    char a[] = "modul";
    assert_true(lt_str_same(NULL, NULL));
    assert_true(lt_str_same(a, "modul"));
    assert_false(lt_str_same(a, NULL));
    assert_false(lt_str_same(NULL, a));
    assert_false(lt_str_same(a, "modul2"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(slugs_indonesian_text),
        cmocka_unit_test(utf8_validation),
        cmocka_unit_test(positions),
        cmocka_unit_test(same_strings),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
