#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "load/markdown.h"
#include "load/page.h"
#include "resolve/links.h"
#include "resolve/structure.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    lt_site *site;
    lt_diag *d;
} fixture;

static lt_page *add(fixture *f, const char *path, const char *text)
{
    lt_page *p = lt_site_add_page(f->site, path);
    lt_load_opts opts = {.cfg = &f->site->config, .anchor_label = "link"};
    lt_page_load(p, text, strlen(text), &opts, f->site->arena, f->d);
    return p;
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    f->site = lt_site_new();
    f->d = lt_diag_new();
    lt_config_load(&f->site->config, f->site->arena, NULL, 0, "lontar.yml", f->d);
    add(f, "index.md", "# Home\n");
    add(f, "modul/index.md", "# Modul\n");
    add(f, "modul/m1.md", "# M1\n\n## Tujuan Pembelajaran\n");
    add(f, "konsep/pks.md", "---\nurl: glosarium/pks.html\n---\n# PKS\n");
    lt_site_add_file(f->site, "gambar/peta desa.png");
    assert_int_equal(lt_resolve_structure(f->site, f->d), 0);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    lt_site_free(f->site);
    lt_diag_free(f->d);
    free(f);
    return 0;
}

/* Resolves one page body and returns its rendered HTML (malloc'd). */
static char *resolve(fixture *f, const char *path, const char *text)
{
    lt_page *p = add(f, path, text);
    p->out_path = lt_arena_printf(f->site->arena, "%.*s.html", (int)(strlen(path) - 3), path);
    lt_resolve_links(f->site, p, f->site->arena, f->d);
    return lt_markdown_render(p->doc, 0);
}

static void rewrites_md_links(void **state)
{
    fixture *f = *state;
    char *html = resolve(f, "modul/m2.md",
                         "[a](m1.md#tujuan-pembelajaran) [b](../index.md) [c](../konsep/pks.md) "
                         "[d](./) [e](https://example.org/x.md) ![f](../gambar/peta%20desa.png)");
    assert_int_equal(lt_diag_count(f->d), 0);
    assert_non_null(strstr(html, "href=\"m1.html#tujuan-pembelajaran\""));
    assert_non_null(strstr(html, "href=\"../index.html\""));
    assert_non_null(strstr(html, "href=\"../glosarium/pks.html\""));
    assert_non_null(strstr(html, "href=\"index.html\""));
    assert_non_null(strstr(html, "href=\"https://example.org/x.md\""));
    assert_non_null(strstr(html, "src=\"../gambar/peta%20desa.png\""));
    free(html);
}

static void keeps_code_untouched(void **state)
{
    fixture *f = *state;
    char *html = resolve(f, "x.md", "`[a](missing.md)`\n\n    [b](missing.md)\n");
    assert_int_equal(lt_diag_count(f->d), 0);
    assert_non_null(strstr(html, "[a](missing.md)"));
    free(html);
}

static void reports_broken_links_with_positions(void **state)
{
    fixture *f = *state;
    char *html = resolve(f, "modul/m3.md",
                         "# T\n\nsee [a](m9.md) and\n[b](m1.md#nope) [c](#self-missing)\n\n"
                         "[d](../../etc/passwd) [e](/abs.md) ![i](none.png)\n");
    free(html);
    lt_diag_sort(f->d);
    assert_int_equal(lt_diag_errors(f->d), 6);
    const lt_diag_entry *e = lt_diag_get(f->d, 0);
    assert_string_equal(e->path, "modul/m3.md");
    assert_int_equal(e->line, 3);
    assert_int_equal(e->col, 5);
    assert_non_null(strstr(e->message, "does not exist"));
    assert_non_null(strstr(lt_diag_get(f->d, 1)->message, "no heading with id 'nope'"));
    assert_int_equal(lt_diag_get(f->d, 1)->line, 4);
    assert_non_null(strstr(lt_diag_get(f->d, 2)->message, "self-missing"));
    assert_non_null(strstr(lt_diag_get(f->d, 3)->message, "outside the site"));
    assert_non_null(strstr(lt_diag_get(f->d, 4)->message, "absolute link"));
    assert_non_null(strstr(lt_diag_get(f->d, 5)->message, "none.png"));
}

static void external_urls(void **state)
{
    (void)state;
    assert_true(lt_url_is_external("https://x"));
    assert_true(lt_url_is_external("mailto:a@b"));
    assert_true(lt_url_is_external("//cdn.example/x.js"));
    assert_false(lt_url_is_external("a/b.md"));
    assert_true(lt_url_is_external("c:d")); /* has the shape of a scheme */
}

int main(void)
{
    lt_markdown_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(rewrites_md_links, setup, teardown),
        cmocka_unit_test_setup_teardown(keeps_code_untouched, setup, teardown),
        cmocka_unit_test_setup_teardown(reports_broken_links_with_positions, setup, teardown),
        cmocka_unit_test(external_urls),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
