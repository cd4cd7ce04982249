#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "load/directive.h"
#include "load/markdown.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One document through parse, apply and render. */
typedef struct run {
    cmark_node *doc;
    lt_diag *d;
    lt_directive_ctx c;
    int errors;
    char *html;
    char *diags; /* the diagnostics as printed */
} run;

static void run_with(run *r, const char *md, const char *edition, const char *language,
                     int line_offset)
{
    memset(r, 0, sizeof *r);
    r->d = lt_diag_new();
    r->c = (lt_directive_ctx){.path = "m.md",
                              .line_offset = line_offset,
                              .edition = edition,
                              .language = language,
                              .d = r->d};
    r->doc = lt_markdown_parse(md, strlen(md), 0);
    r->errors = lt_directives_apply(r->doc, &r->c);
    r->html = lt_markdown_render(r->doc, 0);
    size_t len;
    FILE *f = open_memstream(&r->diags, &len);
    lt_diag_print(r->d, f, LT_DIAG_TEXT, 0);
    fclose(f);
}

static void run_md(run *r, const char *md)
{
    run_with(r, md, "peserta", "id", 0);
}

static void run_free(run *r)
{
    free(r->html);
    free(r->diags);
    free(r->c.activities);
    cmark_node_free(r->doc);
    lt_diag_free(r->d);
}

/* The HTML of md through cmark-gfm alone: the same options and GFM
 * extensions, no directive extension. */
static char *plain_cmark(const char *md)
{
    int opts = lt_markdown_options(0);
    cmark_parser *p = cmark_parser_new(opts);
    const char *names[] = {"table", "strikethrough", "autolink", "tasklist", NULL};
    for (int i = 0; names[i]; i++)
        cmark_parser_attach_syntax_extension(p, cmark_find_syntax_extension(names[i]));
    cmark_parser_feed(p, md, strlen(md));
    cmark_node *doc = cmark_parser_finish(p);
    char *html = cmark_render_html(doc, opts, cmark_parser_get_syntax_extensions(p));
    cmark_node_free(doc);
    cmark_parser_free(p);
    return html;
}

static void renders_admonitions(void **state)
{
    (void)state;
    run r;
    run_md(&r, ":::catatan\nIsi *catatan*.\n:::\n\n"
               ":::tip Judul <sendiri> & \"lain\"\nA tip.\n:::\n\n"
               ":::peringatan\nHati-hati.\n:::\n");
    assert_int_equal(r.errors, 0);
    assert_string_equal(r.html, "<aside class=\"directive directive-catatan\" role=\"note\">"
                                "<p class=\"directive-title\">Catatan</p>\n"
                                "<p>Isi <em>catatan</em>.</p>\n"
                                "</aside>\n"
                                "<aside class=\"directive directive-tip\" role=\"note\">"
                                "<p class=\"directive-title\">Judul &lt;sendiri&gt; &amp; "
                                "&quot;lain&quot;</p>\n"
                                "<p>A tip.</p>\n"
                                "</aside>\n"
                                "<aside class=\"directive directive-peringatan\" role=\"note\">"
                                "<p class=\"directive-title\">Peringatan</p>\n"
                                "<p>Hati-hati.</p>\n"
                                "</aside>\n");
    run_free(&r);

    run_with(&r, ":::peringatan\nCareful.\n:::\n", "peserta", "en", 0);
    assert_string_equal(r.html, "<aside class=\"directive directive-peringatan\" role=\"note\">"
                                "<p class=\"directive-title\">Warning</p>\n"
                                "<p>Careful.</p>\n"
                                "</aside>\n");
    run_free(&r);
}

static void renders_activities(void **state)
{
    (void)state;
    run r;
    run_md(&r, ":::studi-kasus Banjir di <Kampung> Melayu\n:durasi: 30\nBaca kasusnya.\n:::\n\n"
               ":::diskusi\nApa pendapat Anda?\n:::\n");
    assert_int_equal(r.errors, 0);
    assert_string_equal(r.html,
                        "<section class=\"directive directive-studi-kasus\">"
                        "<p class=\"directive-title\">Studi kasus: Banjir di &lt;Kampung&gt; "
                        "Melayu</p>"
                        "<p class=\"directive-meta\">Durasi: 30 menit</p>\n"
                        "<p>Baca kasusnya.</p>\n"
                        "</section>\n"
                        "<section class=\"directive directive-diskusi\">"
                        "<p class=\"directive-title\">Diskusi</p>\n"
                        "<p>Apa pendapat Anda?</p>\n"
                        "</section>\n");
    run_free(&r);

    run_with(&r, ":::role-play\n:durasi: 30\nPlay.\n:::\n\n:::latihan\n:durasi: 1\n:::\n",
             "peserta", "en", 0);
    assert_string_equal(r.html, "<section class=\"directive directive-role-play\">"
                                "<p class=\"directive-title\">Role play</p>"
                                "<p class=\"directive-meta\">Duration: 30 minutes</p>\n"
                                "<p>Play.</p>\n"
                                "</section>\n"
                                "<section class=\"directive directive-latihan\">"
                                "<p class=\"directive-title\">Exercise</p>"
                                "<p class=\"directive-meta\">Duration: 1 minute</p>\n"
                                "</section>\n");
    assert_int_equal(r.c.nactivities, 2);
    assert_string_equal(r.c.activities[1].title, "Exercise");
    run_free(&r);
}

static void options_and_activities_are_recorded(void **state)
{
    (void)state;
    run r;
    const char *md = "# Sesi\n"
                     "\n"
                     ":::latihan Peta risiko\n"
                     ":durasi: 45\n"
                     "Kerjakan.\n"
                     ":bukan: opsi\n"
                     ":::\n"
                     "\n"
                     ":::diskusi\n"
                     ":::\n";
    cmark_node *doc = lt_markdown_parse(md, strlen(md), 0);
    cmark_node *dir = cmark_node_next(cmark_node_first_child(doc));
    const lt_directive_info *info = lt_directive_get(dir);
    assert_non_null(info);
    assert_string_equal(info->name, "latihan");
    assert_string_equal(info->arg, "Peta risiko");
    assert_true(info->closed);
    assert_int_equal(info->noptions, 1);
    assert_string_equal(info->options[0].key, "durasi");
    assert_string_equal(info->options[0].value, "45");
    assert_int_equal(info->options[0].line, 4);
    assert_int_equal(info->options[0].col, 1);
    assert_int_equal(cmark_node_get_start_line(dir), 3);
    /* Only a paragraph inside: the option line is not body text, and a
     * `:key:` line after the body has started is. */
    cmark_node *para = cmark_node_first_child(dir);
    assert_int_equal(cmark_node_get_type(para), CMARK_NODE_PARAGRAPH);
    assert_null(cmark_node_next(para));
    assert_null(lt_directive_get(para));
    cmark_node_free(doc);

    run_md(&r, md);
    assert_int_equal(r.errors, 0);
    assert_non_null(strstr(r.html, "<p>Kerjakan.\n:bukan: opsi</p>"));
    assert_int_equal(r.c.nactivities, 2);
    assert_string_equal(r.c.activities[0].name, "latihan");
    assert_string_equal(r.c.activities[0].title, "Peta risiko");
    assert_int_equal(r.c.activities[0].minutes, 45);
    assert_int_equal(r.c.activities[0].line, 3);
    assert_string_equal(r.c.activities[1].name, "diskusi");
    assert_string_equal(r.c.activities[1].title, "Diskusi");
    assert_int_equal(r.c.activities[1].minutes, 0);
    assert_int_equal(r.c.activities[1].line, 9);
    run_free(&r);
}

static void nests_with_more_colons(void **state)
{
    (void)state;
    run r;
    run_with(&r,
             "::::pelatih\n"
             "Sebelum.\n"
             ":::tip\n"
             "Dalam.\n"
             ":::\n"
             ":::\n" /* too few colons for the outer fence: text */
             "Sesudah.\n"
             "::::\n"
             "Luar.\n",
             "pelatih", "id", 0);
    assert_int_equal(r.errors, 0);
    assert_string_equal(r.html, "<aside class=\"directive directive-pelatih\" aria-label=\"Catatan "
                                "pelatih\"><p class=\"directive-title\">Catatan pelatih</p>\n"
                                "<p>Sebelum.</p>\n"
                                "<aside class=\"directive directive-tip\" role=\"note\">"
                                "<p class=\"directive-title\">Tip</p>\n"
                                "<p>Dalam.</p>\n"
                                "</aside>\n"
                                "<p>:::\nSesudah.</p>\n"
                                "</aside>\n"
                                "<p>Luar.</p>\n");
    run_free(&r);

    /* A longer closing fence closes the innermost directive it meets. */
    run_md(&r, ":::::catatan\n:::tip\nA\n::::\nB\n:::::\n");
    assert_int_equal(r.errors, 0);
    assert_string_equal(r.html, "<aside class=\"directive directive-catatan\" role=\"note\">"
                                "<p class=\"directive-title\">Catatan</p>\n"
                                "<aside class=\"directive directive-tip\" role=\"note\">"
                                "<p class=\"directive-title\">Tip</p>\n"
                                "<p>A</p>\n"
                                "</aside>\n"
                                "<p>B</p>\n"
                                "</aside>\n");
    run_free(&r);
}

static void fences_inside_code_are_code(void **state)
{
    (void)state;
    run r;
    run_md(&r, ":::tip\n"
               "```markdown\n"
               ":::catatan\n"
               ":::\n"
               "```\n"
               "\n"
               "    :::catatan\n"
               "    :::\n"
               ":::\n");
    assert_int_equal(r.errors, 0);
    assert_string_equal(r.html, "<aside class=\"directive directive-tip\" role=\"note\">"
                                "<p class=\"directive-title\">Tip</p>\n"
                                "<pre><code class=\"language-markdown\">:::catatan\n:::\n"
                                "</code></pre>\n"
                                "<pre><code>:::catatan\n:::\n"
                                "</code></pre>\n"
                                "</aside>\n");
    run_free(&r);

    /* An unclosed code fence takes the directive's closing fence too. */
    run_md(&r, ":::tip\n```\n:::\n");
    assert_int_equal(r.errors, 1);
    assert_string_equal(r.diags, "m.md:1:1: error: directive ':::tip' is never closed\n");
    run_free(&r);
}

static int first_list_tight(const char *md)
{
    cmark_node *doc = lt_markdown_parse(md, strlen(md), 0);
    cmark_iter *it = cmark_iter_new(doc);
    int tight = -1;
    while (tight < 0 && cmark_iter_next(it) != CMARK_EVENT_DONE)
        if (cmark_node_get_type(cmark_iter_get_node(it)) == CMARK_NODE_LIST)
            tight = cmark_node_get_list_tight(cmark_iter_get_node(it));
    cmark_iter_free(it);
    cmark_node_free(doc);
    return tight;
}

static void lists_keep_their_tightness(void **state)
{
    (void)state;
    /* A directive in an item, its fences indented like the item. */
    const char *with = "- a\n- b\n  :::tip\n  Isi.\n  :::\n- c\n";
    const char *without = "- a\n- b\n  Isi.\n- c\n";
    assert_int_equal(first_list_tight(without), 1);
    assert_int_equal(first_list_tight(with), 1);
    char *plain = plain_cmark(without);
    assert_string_equal(plain, "<ul>\n<li>a</li>\n<li>b\nIsi.</li>\n<li>c</li>\n</ul>\n");
    free(plain);
    run r;
    run_md(&r, with);
    assert_string_equal(r.html, "<ul>\n<li>a</li>\n<li>b\n"
                                "<aside class=\"directive directive-tip\" role=\"note\">"
                                "<p class=\"directive-title\">Tip</p>\n"
                                "<p>Isi.</p>\n"
                                "</aside>\n"
                                "</li>\n<li>c</li>\n</ul>\n");
    run_free(&r);

    /* A list that ends at the closing fence, in a list item and at the top. */
    assert_int_equal(first_list_tight(":::tip\n- a\n- b\n:::\n"), 1);
    assert_int_equal(first_list_tight("- x\n  :::tip\n  - a\n  - b\n  :::\n- y\n"), 1);
    assert_int_equal(first_list_tight("1. x\n   ::::pelatih\n   :::latihan\n   - a\n   - b\n"
                                      "   :::\n   ::::\n2. y\n"),
                     1);
    /* Options do not loosen either; blank lines still do. */
    assert_int_equal(first_list_tight("- a\n  :::latihan\n  :durasi: 5\n  - b\n  :::\n- c\n"), 1);
    assert_int_equal(first_list_tight(":::tip\n- a\n\n- b\n:::\n"), 0);
    assert_int_equal(first_list_tight("- a\n\n  :::tip\n  x\n  :::\n- c\n"), 0);
    assert_int_equal(first_list_tight("- a\n  :::tip\n  x\n  :::\n\n- c\n"), 0);
}

static void blocks_inside_are_finished(void **state)
{
    (void)state;
    run r;
    run_md(&r, ":::tip\n"
               "| a | b |\n"
               "|---|---|\n"
               "| 1 | 2 |\n"
               ":::\n"
               "\n"
               ":::catatan\n"
               "[ref]: https://example.org\n"
               ":::\n"
               "\n"
               "Lihat [ref].\n");
    assert_int_equal(r.errors, 0);
    assert_string_equal(r.html, "<aside class=\"directive directive-tip\" role=\"note\">"
                                "<p class=\"directive-title\">Tip</p>\n"
                                "<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n"
                                "<tbody>\n<tr>\n<td>1</td>\n<td>2</td>\n</tr>\n</tbody>\n"
                                "</table>\n"
                                "</aside>\n"
                                "<aside class=\"directive directive-catatan\" role=\"note\">"
                                "<p class=\"directive-title\">Catatan</p>\n"
                                "</aside>\n"
                                "<p>Lihat <a href=\"https://example.org\">ref</a>.</p>\n");
    run_free(&r);

    /* Headings, block quotes and indented code inside, safe mode kept. */
    run_md(&r, ":::catatan\n# Judul\n> kutip\n\n    kode\n<b>x</b>\n:::\n");
    assert_string_equal(r.html, "<aside class=\"directive directive-catatan\" role=\"note\">"
                                "<p class=\"directive-title\">Catatan</p>\n"
                                "<h1>Judul</h1>\n"
                                "<blockquote>\n<p>kutip</p>\n</blockquote>\n"
                                "<pre><code>kode\n</code></pre>\n"
                                "<p><!-- raw HTML omitted -->x<!-- raw HTML omitted --></p>\n"
                                "</aside>\n");
    run_free(&r);
}

static const char *trainer_doc = "Awal.\n"
                                 "\n"
                                 "::::pelatih\n"
                                 "RAHASIA-PELATIH\n"
                                 ":::diskusi Rahasia\n"
                                 ":durasi: 10\n"
                                 "RAHASIA-DISKUSI\n"
                                 ":::\n"
                                 ":::catatn\n"
                                 ":::\n"
                                 "::::\n"
                                 "\n"
                                 ":::peserta\n"
                                 "Lembar kerja.\n"
                                 ":::\n"
                                 "\n"
                                 ":::latihan\n"
                                 ":::\n";

static void pelatih_is_removed_for_participants(void **state)
{
    (void)state;
    run r;
    run_with(&r, trainer_doc, "peserta", "id", 0);
    assert_null(strstr(r.html, "RAHASIA"));
    assert_null(strstr(r.html, "pelatih"));
    assert_string_equal(r.html, "<p>Awal.</p>\n"
                                "<div class=\"directive directive-peserta\">\n"
                                "<p>Lembar kerja.</p>\n"
                                "</div>\n"
                                "<section class=\"directive directive-latihan\">"
                                "<p class=\"directive-title\">Latihan</p>\n"
                                "</section>\n");
    /* What is removed is still checked, and is no activity. */
    assert_int_equal(r.errors, 1);
    assert_string_equal(
        r.diags, "m.md:9:1: error: unknown directive ':::catatn' (did you mean ':::catatan'?)\n");
    assert_int_equal(r.c.nactivities, 1);
    assert_string_equal(r.c.activities[0].name, "latihan");
    run_free(&r);
}

static void pelatih_is_kept_for_trainers(void **state)
{
    (void)state;
    run r;
    run_with(&r, trainer_doc, "pelatih", "id", 0);
    assert_string_equal(r.html, "<p>Awal.</p>\n"
                                "<aside class=\"directive directive-pelatih\" aria-label=\"Catatan "
                                "pelatih\"><p class=\"directive-title\">Catatan pelatih</p>\n"
                                "<p>RAHASIA-PELATIH</p>\n"
                                "<section class=\"directive directive-diskusi\">"
                                "<p class=\"directive-title\">Diskusi: Rahasia</p>"
                                "<p class=\"directive-meta\">Durasi: 10 menit</p>\n"
                                "<p>RAHASIA-DISKUSI</p>\n"
                                "</section>\n"
                                "<div class=\"directive directive-catatn\">\n"
                                "</div>\n"
                                "</aside>\n"
                                "<aside class=\"directive directive-peserta\">"
                                "<p class=\"directive-title\">Untuk peserta</p>\n"
                                "<p>Lembar kerja.</p>\n"
                                "</aside>\n"
                                "<section class=\"directive directive-latihan\">"
                                "<p class=\"directive-title\">Latihan</p>\n"
                                "</section>\n");
    assert_int_equal(r.errors, 1);
    assert_string_equal(
        r.diags, "m.md:9:1: error: unknown directive ':::catatn' (did you mean ':::catatan'?)\n");
    assert_int_equal(r.c.nactivities, 2);
    assert_string_equal(r.c.activities[0].name, "diskusi");
    assert_string_equal(r.c.activities[0].title, "Rahasia");
    assert_int_equal(r.c.activities[0].minutes, 10);
    assert_int_equal(r.c.activities[0].line, 5);
    assert_string_equal(r.c.activities[1].name, "latihan");
    run_free(&r);

    run_with(&r, ":::pelatih\nx\n:::\n\n:::peserta\ny\n:::\n", "pelatih", "en", 0);
    assert_string_equal(r.html, "<aside class=\"directive directive-pelatih\" aria-label=\"Trainer "
                                "notes\"><p class=\"directive-title\">Trainer notes</p>\n"
                                "<p>x</p>\n"
                                "</aside>\n"
                                "<aside class=\"directive directive-peserta\">"
                                "<p class=\"directive-title\">For participants</p>\n"
                                "<p>y</p>\n"
                                "</aside>\n");
    run_free(&r);
}

static void unknown_directive_suggests_a_name(void **state)
{
    (void)state;
    run r;
    run_md(&r, ":::catatn\nx\n:::\n\n:::studi-kasis\n:::\n\n:::foobar\n:::\n");
    assert_int_equal(r.errors, 3);
    assert_string_equal(
        r.diags, "m.md:1:1: error: unknown directive ':::catatn' (did you mean ':::catatan'?)\n"
                 "m.md:5:1: error: unknown directive ':::studi-kasis' (did you mean "
                 "':::studi-kasus'?)\n"
                 "m.md:8:1: error: unknown directive ':::foobar'\n");
    /* Still a harmless container in the output. */
    assert_non_null(strstr(r.html, "<div class=\"directive directive-catatn\">\n<p>x</p>\n</div>"));
    run_free(&r);
}

static void unknown_option_is_reported(void **state)
{
    (void)state;
    run r;
    run_md(&r, ":::tip\n:durasi: 5\n:warna: merah\nx\n:::\n\n:::diskusi\n  :menit: 5\n:::\n");
    assert_int_equal(r.errors, 3);
    assert_string_equal(r.diags, "m.md:2:1: error: unknown option ':durasi:' for ':::tip'\n"
                                 "m.md:3:1: error: unknown option ':warna:' for ':::tip'\n"
                                 "m.md:8:3: error: unknown option ':menit:' for ':::diskusi'\n");
    assert_null(strstr(r.html, "warna"));
    run_free(&r);
}

static void bad_durasi_is_reported(void **state)
{
    (void)state;
    run r;
    run_md(&r, ":::latihan\n:durasi: 30 menit\n:::\n\n"
               ":::diskusi\n:durasi: -5\n:::\n\n"
               ":::role-play\n:durasi: 99999999999\n:::\n\n"
               ":::studi-kasus\n:durasi:\n:::\n");
    assert_int_equal(r.errors, 4);
    assert_string_equal(
        r.diags,
        "m.md:2:1: error: option ':durasi:' of ':::latihan' must be a whole number of minutes\n"
        "m.md:6:1: error: option ':durasi:' of ':::diskusi' must be a whole number of minutes\n"
        "m.md:10:1: error: option ':durasi:' of ':::role-play' must be a whole number of minutes\n"
        "m.md:14:1: error: option ':durasi:' of ':::studi-kasus' must be a whole number of "
        "minutes\n");
    /* A bad value is neither shown nor counted. */
    assert_null(strstr(r.html, "directive-meta"));
    assert_int_equal(r.c.nactivities, 4);
    for (size_t i = 0; i < r.c.nactivities; i++)
        assert_int_equal(r.c.activities[i].minutes, 0);
    run_free(&r);
}

static void unclosed_directive_is_reported(void **state)
{
    (void)state;
    run r;
    run_md(&r, "Teks.\n\n:::catatan\nSatu.\n\n:::tip\nDua.\n");
    assert_int_equal(r.errors, 2);
    assert_string_equal(r.diags, "m.md:3:1: error: directive ':::catatan' is never closed\n"
                                 "m.md:6:1: error: directive ':::tip' is never closed\n");
    /* Each runs to the end of its parent. */
    assert_string_equal(r.html, "<p>Teks.</p>\n"
                                "<aside class=\"directive directive-catatan\" role=\"note\">"
                                "<p class=\"directive-title\">Catatan</p>\n"
                                "<p>Satu.</p>\n"
                                "<aside class=\"directive directive-tip\" role=\"note\">"
                                "<p class=\"directive-title\">Tip</p>\n"
                                "<p>Dua.</p>\n"
                                "</aside>\n"
                                "</aside>\n");
    run_free(&r);

    /* In a list item: closed by the end of the item. */
    run_md(&r, "- a\n  :::tip\n  b\n- c\n");
    assert_string_equal(r.diags, "m.md:2:3: error: directive ':::tip' is never closed\n");
    run_free(&r);
}

static void positions_count_the_line_offset(void **state)
{
    (void)state;
    run r;
    run_with(&r,
             "- item\n"
             "  :::tipp\n"
             "  :::\n"
             "\n"
             "> :::latihan\n"
             "> :durasi: lama\n"
             "> :::\n",
             "peserta", "id", 10);
    assert_int_equal(r.errors, 2);
    assert_string_equal(
        r.diags, "m.md:12:3: error: unknown directive ':::tipp' (did you mean ':::tip'?)\n"
                 "m.md:16:3: error: option ':durasi:' of ':::latihan' must be a whole number of "
                 "minutes\n");
    assert_int_equal(r.c.nactivities, 1);
    assert_int_equal(r.c.activities[0].line, 15);
    run_free(&r);
}

static void plain_markdown_is_unchanged(void **state)
{
    (void)state;
    const char *md = "# Judul\n"
                     "\n"
                     "Teks dengan **tebal**, ~~coret~~, https://example.org dan catatan[^1].\n"
                     "Waktu: 10:30 :: bukan direktif\n"
                     ":smile: di awal baris\n"
                     ":::\n"
                     "::: \n"
                     ":::Tip bukan nama\n"
                     "::\n"
                     "\n"
                     "- satu\n"
                     "- dua\n"
                     "  - tiga\n"
                     "- [x] selesai\n"
                     "\n"
                     "1. a\n"
                     "\n"
                     "2. b\n"
                     "\n"
                     "| a | b |\n"
                     "|:--|--:|\n"
                     "| 1 | 2 |\n"
                     ":::\n"
                     "\n"
                     "> kutipan\n"
                     "> :key: value\n"
                     ":::\n"
                     "\n"
                     "```c\n"
                     "int x;\n"
                     "```\n"
                     "\n"
                     "    indented\n"
                     "\n"
                     "<div>html</div>\n"
                     "\n"
                     "Setext\n"
                     "------\n"
                     "\n"
                     "[^1]: Catatan kaki.\n";
    cmark_node *doc = lt_markdown_parse(md, strlen(md), 0);
    lt_diag *d = lt_diag_new();
    lt_directive_ctx c = {.path = "m.md", .edition = "peserta", .language = "id", .d = d};
    assert_int_equal(lt_directives_apply(doc, &c), 0);
    char *html = lt_markdown_render(doc, 0);
    char *plain = plain_cmark(md);
    assert_string_equal(html, plain);
    free(plain);
    free(html);
    cmark_node_free(doc);
    lt_diag_free(d);
}

static void renders_without_apply(void **state)
{
    (void)state;
    /* Markdown that never went through lt_directives_apply (a plugin's
     * lontar.markdown) still renders: as plain containers. */
    const char *md = ":::tip\nx\n:::\n";
    cmark_node *doc = lt_markdown_parse(md, strlen(md), 0);
    char *html = lt_markdown_render(doc, 0);
    assert_string_equal(html, "<div class=\"directive directive-tip\">\n<p>x</p>\n</div>\n");
    free(html);
    cmark_node_free(doc);
}

static const lt_option_spec quiz_options[] = {{"poin", LT_OPT_INT}, {NULL, LT_OPT_TEXT}};
static const lt_directive_spec quiz_spec = {"kuis", LT_DIR_CUSTOM, "Kuis", "Quiz", quiz_options, 0};
static const lt_directive_spec raw_spec = {"mentah", LT_DIR_CUSTOM, "Mentah",
                                           "Raw",    quiz_options,  1};
static const lt_directive_spec *const plugin_specs[] = {&quiz_spec, &raw_spec, NULL};

static char *run_plugin(void *ctx, const lt_directive_spec *spec, const lt_directive_info *info,
                        const char *body, int line)
{
    (void)ctx;
    size_t len;
    char *out;
    FILE *f = open_memstream(&out, &len);
    fprintf(f, "[%s|%s|%s|%d]", spec->name, info->arg, body, line);
    fclose(f);
    return out;
}

static void plugin_directives_run(void **state)
{
    (void)state;
    const char *md = "Intro.\n"
                     "\n"
                     ":::kuis Satu\n"
                     ":poin: 5\n"
                     "*Soal*\n"
                     ":::\n"
                     "\n"
                     ":::mentah\n"
                     ":poin: 1\n"
                     "\n"
                     "a *b*\n"
                     ":::\n"
                     "\n"
                     ":::kuiz\n"
                     ":poin: x\n"
                     ":::\n";
    lt_diag *d = lt_diag_new();
    lt_directive_ctx c = {.path = "m.md",
                          .line_offset = 2,
                          .edition = "peserta",
                          .language = "id",
                          .extra = plugin_specs,
                          .run = run_plugin,
                          .source = md,
                          .source_len = strlen(md),
                          .d = d};
    cmark_node *doc = lt_markdown_parse(md, strlen(md), 0);
    assert_int_equal(lt_directives_apply(doc, &c), 1);
    assert_string_equal(lt_diag_get(d, 0)->message,
                        "unknown directive ':::kuiz' (did you mean ':::kuis'?)");
    char *html = lt_markdown_render(doc, 0);
    assert_string_equal(html, "<p>Intro.</p>\n"
                              "[kuis|Satu|<p><em>Soal</em></p>\n|5]\n"
                              "[mentah||\na *b*\n|10]\n"
                              "<div class=\"directive directive-kuiz\">\n</div>\n");
    free(html);
    cmark_node_free(doc);
    lt_diag_free(d);
}

static void *parse_many(void *arg)
{
    const char *expected = arg;
    const char *md = "- a\n  :::latihan X\n  :durasi: 5\n  | a |\n  |---|\n  | 1 |\n  :::\n- b\n";
    for (int i = 0; i < 50; i++) {
        run r;
        run_md(&r, md);
        int same = strcmp(r.html, expected) == 0;
        run_free(&r);
        if (!same)
            return (void *)1;
    }
    return NULL;
}

static void parses_on_many_threads(void **state)
{
    (void)state;
    run r;
    run_md(&r, "- a\n  :::latihan X\n  :durasi: 5\n  | a |\n  |---|\n  | 1 |\n  :::\n- b\n");
    pthread_t t[4];
    for (int i = 0; i < 4; i++)
        assert_int_equal(pthread_create(&t[i], NULL, parse_many, r.html), 0);
    for (int i = 0; i < 4; i++) {
        void *failed;
        pthread_join(t[i], &failed);
        assert_null(failed);
    }
    run_free(&r);
}

int main(void)
{
    lt_markdown_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(renders_admonitions),
        cmocka_unit_test(renders_activities),
        cmocka_unit_test(options_and_activities_are_recorded),
        cmocka_unit_test(nests_with_more_colons),
        cmocka_unit_test(fences_inside_code_are_code),
        cmocka_unit_test(lists_keep_their_tightness),
        cmocka_unit_test(blocks_inside_are_finished),
        cmocka_unit_test(pelatih_is_removed_for_participants),
        cmocka_unit_test(pelatih_is_kept_for_trainers),
        cmocka_unit_test(unknown_directive_suggests_a_name),
        cmocka_unit_test(unknown_option_is_reported),
        cmocka_unit_test(bad_durasi_is_reported),
        cmocka_unit_test(unclosed_directive_is_reported),
        cmocka_unit_test(positions_count_the_line_offset),
        cmocka_unit_test(plain_markdown_is_unchanged),
        cmocka_unit_test(renders_without_apply),
        cmocka_unit_test(plugin_directives_run),
        cmocka_unit_test(parses_on_many_threads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
