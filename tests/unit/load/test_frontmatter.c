#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "load/markdown.h"
#include "load/page.h"

#include <string.h>

typedef struct {
    const char *fm, *body;
    size_t fm_len, body_len;
    int body_line;
} split;

static int do_split(const char *text, lt_diag *d, split *s)
{
    return lt_frontmatter_split(text, strlen(text), "p.md", d, &s->fm, &s->fm_len, &s->body,
                                &s->body_len, &s->body_line);
}

static void splits_front_matter(void **state)
{
    (void)state;
    lt_diag *d = lt_diag_new();
    split s;
    assert_int_equal(do_split("---\ntitle: A\n---\n# Body\n", d, &s), 0);
    assert_int_equal(s.fm_len, strlen("title: A\n"));
    assert_memory_equal(s.fm, "title: A\n", s.fm_len);
    assert_string_equal(s.body, "# Body\n");
    assert_int_equal(s.body_line, 4);
    lt_diag_free(d);
}

static void accepts_crlf_and_dots(void **state)
{
    (void)state;
    lt_diag *d = lt_diag_new();
    split s;
    assert_int_equal(do_split("---\r\ntitle: A\r\n...\r\nText\r\n", d, &s), 0);
    assert_non_null(s.fm);
    assert_string_equal(s.body, "Text\r\n");
    assert_int_equal(s.body_line, 4);
    lt_diag_free(d);
}

static void no_front_matter(void **state)
{
    (void)state;
    lt_diag *d = lt_diag_new();
    split s;
    assert_int_equal(do_split("# Just text\n---\n", d, &s), 0);
    assert_null(s.fm);
    assert_int_equal(s.body_line, 1);
    /* '----' is a thematic break, not a fence */
    assert_int_equal(do_split("----\nx\n", d, &s), 0);
    assert_null(s.fm);
    lt_diag_free(d);
}

static void unterminated_is_an_error(void **state)
{
    (void)state;
    lt_diag *d = lt_diag_new();
    split s;
    assert_int_equal(do_split("---\ntitle: A\n# no end\n", d, &s), -1);
    assert_int_equal(lt_diag_errors(d), 1);
    const lt_diag_entry *e = lt_diag_get(d, 0);
    assert_int_equal(e->line, 1);
    assert_non_null(strstr(e->message, "never closed"));
    lt_diag_free(d);
}

static lt_page *load(lt_arena *a, lt_diag *d, const char *text, size_t len)
{
    static lt_config cfg;
    lt_page *p = lt_arena_alloc(a, sizeof *p);
    p->src_path = "p.md";
    lt_config_load(&cfg, a, NULL, 0, "lontar.yml", d);
    lt_load_opts opts = {.cfg = &cfg, .anchor_label = "link"};
    lt_page_load(p, text, len, &opts, a, d);
    return p;
}

static void reads_fields_and_keeps_custom_keys(void **state)
{
    (void)state;
    lt_arena *a = lt_arena_new();
    lt_diag *d = lt_diag_new();
    const char *t = "---\ntitle: Judul\nweight: 2.5\nid: M1\ndraft: false\nlevel: dasar\n---\n"
                    "# Heading\n";
    lt_page *p = load(a, d, t, strlen(t));
    assert_int_equal(lt_diag_count(d), 0);
    assert_string_equal(p->title, "Judul");
    assert_string_equal(p->id, "M1");
    assert_int_equal(p->id_line, 4);
    assert_true(p->has_weight);
    assert_true(p->weight == 2.5);
    assert_string_equal(lt_yaml_str(lt_yaml_get(p->front, "level")), "dasar");
    cmark_node_free(p->doc);
    lt_diag_free(d);
    lt_arena_free(a);
}

static void title_falls_back_to_first_heading(void **state)
{
    (void)state;
    lt_arena *a = lt_arena_new();
    lt_diag *d = lt_diag_new();
    const char *t = "\xEF\xBB\xBFIntro\n\n## Tujuan *Modul*\n\n## Tujuan Modul\n";
    lt_page *p = load(a, d, t, strlen(t));
    assert_string_equal(p->title, "Tujuan Modul");
    assert_int_equal(p->nheadings, 2);
    assert_string_equal(p->headings[0].id, "tujuan-modul");
    assert_string_equal(p->headings[1].id, "tujuan-modul-1");
    assert_int_equal(p->headings[1].line, 5);
    cmark_node_free(p->doc);
    lt_diag_free(d);
    lt_arena_free(a);
}

static void reports_bad_input_with_positions(void **state)
{
    (void)state;
    lt_arena *a = lt_arena_new();
    lt_diag *d = lt_diag_new();
    const char *yaml = "---\ntitle: [unclosed\n---\n";
    lt_page *p = load(a, d, yaml, strlen(yaml));
    assert_true(p->failed);
    assert_int_equal(lt_diag_get(d, 0)->line, 3);

    lt_diag *d2 = lt_diag_new();
    const char bin[] = "ab\ncd\0ef";
    p = load(a, d2, bin, sizeof bin - 1);
    assert_true(p->failed);
    assert_int_equal(lt_diag_get(d2, 0)->line, 2);
    assert_int_equal(lt_diag_get(d2, 0)->col, 3);
    assert_non_null(strstr(lt_diag_get(d2, 0)->message, "binary"));

    lt_diag *d3 = lt_diag_new();
    const char *types = "---\nweight: heavy\ndraft: maybe\nid: 'has space'\n---\n";
    p = load(a, d3, types, strlen(types));
    assert_true(p->failed);
    assert_int_equal(lt_diag_errors(d3), 3);
    lt_diag_sort(d3);
    assert_int_equal(lt_diag_get(d3, 0)->line, 2);
    assert_int_equal(lt_diag_get(d3, 1)->line, 3);
    assert_int_equal(lt_diag_get(d3, 2)->line, 4);

    lt_diag *d4 = lt_diag_new();
    const char *url = "---\nurl: ../../etc/x.html\n---\n";
    p = load(a, d4, url, strlen(url));
    assert_true(p->failed);
    assert_non_null(strstr(lt_diag_get(d4, 0)->message, "not allowed"));
    lt_diag_free(d);
    lt_diag_free(d2);
    lt_diag_free(d3);
    lt_diag_free(d4);
    lt_arena_free(a);
}

int main(void)
{
    lt_markdown_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(splits_front_matter),
        cmocka_unit_test(accepts_crlf_and_dots),
        cmocka_unit_test(no_front_matter),
        cmocka_unit_test(unterminated_is_an_error),
        cmocka_unit_test(reads_fields_and_keeps_custom_keys),
        cmocka_unit_test(title_falls_back_to_first_heading),
        cmocka_unit_test(reports_bad_input_with_positions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
