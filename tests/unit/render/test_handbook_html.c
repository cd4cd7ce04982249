#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "render/handbook_html.h"

#include <string.h>

/* The book holds modul/m1.html (page 3), modul/m2.html (page 4) and
 * kompetensi/index.html (page 9); modul/m9.html is a page left out. */
static long anchor_of(void *ctx, const char *path)
{
    (void)ctx;
    if (strcmp(path, "modul/m1.html") == 0)
        return 3;
    if (strcmp(path, "modul/m2.html") == 0)
        return 4;
    if (strcmp(path, "kompetensi/index.html") == 0)
        return 9;
    return -1;
}

/* The handbook form of html, as the page modul/m1.html. */
static char *rewrite(lt_arena *a, const char *html)
{
    lt_handbook_rewrite r = {"modul/m1.html", 3, anchor_of, NULL, a};
    lt_buf out = LT_BUF_INIT;
    lt_handbook_rewrite_html(&out, html, strlen(html), &r);
    char *s = lt_arena_strdup(a, lt_buf_cstr(&out));
    lt_buf_free(&out);
    return s;
}

static void ids_and_heading_anchors(void **state)
{
    (void)state;
    lt_arena *a = lt_arena_new();
    assert_string_equal(
        rewrite(a, "<h2>Langkah<a class=\"heading-anchor\" id=\"langkah\" href=\"#langkah\" "
                   "aria-label=\"Tautan ke bagian ini\">#</a></h2>\n<li id=\"obj-M1.1\">x</li>"),
        "<h2>Langkah<span id=\"p-3--langkah\"></span></h2>\n<li id=\"p-3--obj-M1.1\">x</li>");
    lt_arena_free(a);
}

static void links_into_the_book(void **state)
{
    (void)state;
    lt_arena *a = lt_arena_new();
    /* Another page, a heading on it, this page, a competency entry. */
    assert_string_equal(rewrite(a, "<a href=\"m2.html\">Lanjut</a>."),
                        "<a href=\"#p-4\" class=\"xref\">Lanjut</a><span class=\"xref-page\" "
                        "data-href=\"#p-4\"></span>.");
    assert_string_equal(
        rewrite(a, "<a href=\"m2.html#langkah-kedua\" title=\"t\"><em>dua</em></a>"),
        "<a href=\"#p-4--langkah-kedua\" title=\"t\" class=\"xref\"><em>dua</em>"
        "</a><span class=\"xref-page\" data-href=\"#p-4--langkah-kedua\"></span>");
    assert_string_equal(rewrite(a, "<a href=\"#sesi\">sesi</a>"),
                        "<a href=\"#p-3--sesi\" class=\"xref\">sesi</a><span class=\"xref-page\" "
                        "data-href=\"#p-3--sesi\"></span>");
    assert_string_equal(rewrite(a, "<a href=\"../kompetensi/index.html#K1\" class=\"k\">K1</a>"),
                        "<a href=\"#p-9--K1\" class=\"k xref\">K1</a><span class=\"xref-page\" "
                        "data-href=\"#p-9--K1\"></span>");
    /* Percent-encoded in the URL, plain in the id. */
    assert_string_equal(rewrite(a, "<a href=\"#caf%C3%A9\">c</a>"),
                        "<a href=\"#p-3--caf\xc3\xa9\" class=\"xref\">c</a><span "
                        "class=\"xref-page\" data-href=\"#p-3--caf\xc3\xa9\"></span>");
    /* SVG links (the prerequisite graph) point into the book too. */
    assert_string_equal(rewrite(a, "<a xlink:href=\"m2.html\" xlink:title=\"M2\">"),
                        "<a xlink:href=\"#p-4\" xlink:title=\"M2\">");
    lt_arena_free(a);
}

static void other_links_and_images(void **state)
{
    (void)state;
    lt_arena *a = lt_arena_new();
    /* Left out of the book, or a file: relative to the book at the root. */
    assert_string_equal(rewrite(a, "<a href=\"m9.html?x=1&amp;y=2#a\">m9</a>"),
                        "<a href=\"modul/m9.html?x=1&amp;y=2#a\">m9</a>");
    assert_string_equal(rewrite(a, "<img src=\"../gambar/alur.png\" alt=\"alur\" />"),
                        "<img src=\"gambar/alur.png\" alt=\"alur\"/>");
    assert_string_equal(rewrite(a, "<a href=\"../../luar.html\">x</a>"),
                        "<a href=\"../../luar.html\">x</a>");
    /* External: the URL is printed after the text, unless it is the text. */
    assert_string_equal(rewrite(a, "<a href=\"https://contoh.org/a\">situs</a>"),
                        "<a href=\"https://contoh.org/a\" class=\"url\">situs</a>");
    assert_string_equal(rewrite(a, "<a href=\"https://contoh.org/\">https://contoh.org/</a>"),
                        "<a href=\"https://contoh.org/\">https://contoh.org/</a>");
    assert_string_equal(rewrite(a, "<a href=\"mailto:a@b.id\">a@b.id</a>"),
                        "<a href=\"mailto:a@b.id\">a@b.id</a>");
    lt_arena_free(a);
}

static void footnotes_move_to_their_reference(void **state)
{
    (void)state;
    lt_arena *a = lt_arena_new();
    const char *html =
        "<p>Teks<sup class=\"footnote-ref\"><a href=\"#fn-a\" id=\"fnref-a\" "
        "data-footnote-ref>1</a></sup> lagi<sup class=\"footnote-ref\"><a href=\"#fn-a\" "
        "id=\"fnref-a-2\" data-footnote-ref>1</a></sup> dan<sup class=\"footnote-ref\"><a "
        "href=\"#fn-2\" id=\"fnref-2\" data-footnote-ref>2</a></sup>.</p>\n"
        "<section class=\"footnotes\" data-footnotes>\n<ol>\n<li id=\"fn-a\">\n"
        "<p>Catatan <em>satu</em> <a href=\"m2.html\">dua</a>. <a href=\"#fnref-a\" "
        "class=\"footnote-backref\" data-footnote-backref aria-label=\"Back to content\">↩</a> "
        "<a href=\"#fnref-a-2\" class=\"footnote-backref\" data-footnote-backref "
        "aria-label=\"Back to content\">↩<sup class=\"footnote-ref\">2</sup></a></p>\n</li>\n"
        "<li id=\"fn-2\">\n<p>Dua.</p>\n<ul>\n<li>butir</li>\n</ul>\n<p>Akhir. <a "
        "href=\"#fnref-2\" class=\"footnote-backref\" data-footnote-backref>↩</a></p>\n</li>\n"
        "</ol>\n</section>\n";
    assert_string_equal(
        rewrite(a, html),
        "<p>Teks<span class=\"footnote\" id=\"p-3--fn-a\">Catatan <em>satu</em> <a "
        "href=\"#p-4\" class=\"xref\">dua</a><span class=\"xref-page\" data-href=\"#p-4\">"
        "</span>.</span><span id=\"p-3--fn-a--after\"></span> lagi<span "
        "class=\"footnote-again\" data-href=\"#p-3--fn-a--after\"></span> dan<span "
        "class=\"footnote\" "
        "id=\"p-3--fn-2\">Dua.<br>\n<ul>\n<li>butir</li>\n</ul>\nAkhir.</span><span "
        "id=\"p-3--fn-2--after\"></span>.</p>\n");
    lt_arena_free(a);
}

static void raw_html_is_scanned_not_parsed(void **state)
{
    (void)state;
    lt_arena *a = lt_arena_new();
    /* Comments, scripts and broken tags pass through; single quotes and
     * bare values are written back in double quotes. */
    const char *kept = "<!-- <a href=\"m2.html\"> --><script>if (a<b) x('<a id=q>')</script>"
                       "a < b <3 <a href=\"m2.html";
    assert_string_equal(rewrite(a, kept), kept);
    assert_string_equal(rewrite(a, "<div id='x\"y' class=box data-n=2 hidden>"),
                        "<div id=\"p-3--x&quot;y\" class=\"box\" data-n=\"2\" hidden>");
    lt_arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ids_and_heading_anchors),
        cmocka_unit_test(links_into_the_book),
        cmocka_unit_test(other_links_and_images),
        cmocka_unit_test(footnotes_move_to_their_reference),
        cmocka_unit_test(raw_html_is_scanned_not_parsed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
