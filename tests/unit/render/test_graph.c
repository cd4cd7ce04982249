#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "render/graph.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The seven modules of the sample curriculum, plus M8 with no prerequisite
 * link at all and a title that needs escaping. M3 also lists a module that
 * does not exist (target NULL) and M2 a duplicate prerequisite. */
#define NMOD 8

typedef struct fixture {
    lt_module mods[NMOD];
    lt_module *list[NMOD];
    lt_prereq pre[NMOD][3];
    lt_curriculum c;
} fixture;

static const char *ids[NMOD] = {"M1", "M2", "M3", "M4", "M5", "M6", "M7", "M8"};
static const char *titles[NMOD] = {
    "Memahami Kesejahteraan Sosial dan Pekerjaan Sosial",
    "Proses Pertolongan dalam Pekerjaan Sosial",
    "Menggali Masalah Sosial dan Kebutuhan Manusia",
    "Merancang Program Aksi",
    "Melakukan Aksi Pemecahan Masalah",
    "Monitoring dan Evaluasi",
    "Terminasi dan Rujukan",
    "Modul \\N <lepas> & \"Antidisestablishmentarianisme\" lagi",
};
static const char *levels[NMOD] = {"dasar",    "dasar",    "dasar",    "lanjutan",
                                   "lanjutan", "lanjutan", "lanjutan", "mahir"};
/* Prerequisites by index; -1 ends, -2 is an unresolved id. */
static const int prereqs[NMOD][3] = {{-1},    {0, 0, -1}, {0, 1, -2}, {2, -1},
                                     {3, -1}, {3, 4, -1}, {4, 5, -1}, {-1}};
static const char *edges[] = {"M1&#45;&gt;M2", "M1&#45;&gt;M3", "M2&#45;&gt;M3",
                              "M3&#45;&gt;M4", "M4&#45;&gt;M5", "M4&#45;&gt;M6",
                              "M5&#45;&gt;M6", "M5&#45;&gt;M7", "M6&#45;&gt;M7"};

static void make_fixture(fixture *f)
{
    memset(f, 0, sizeof *f);
    for (int i = 0; i < NMOD; i++) {
        lt_module *m = &f->mods[i];
        m->id = ids[i];
        m->title = titles[i];
        m->level = levels[i];
        m->prerequisites = f->pre[i];
        for (int k = 0; k < 3 && prereqs[i][k] != -1; k++) {
            int t = prereqs[i][k];
            f->pre[i][k].id = t >= 0 ? ids[t] : "M99";
            f->pre[i][k].target = t >= 0 ? &f->mods[t] : NULL;
            m->nprerequisites++;
        }
        f->list[i] = m;
    }
    f->c.modules = f->list;
    f->c.nmodules = NMOD;
}

static const char *href(void *ctx, const lt_module *m)
{
    char *buf = ctx;
    snprintf(buf, 64, "modul/%s.html", m->id);
    return buf;
}

static size_t count(const char *s, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(s, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

/* Well-formed XML, enough for our output: tags balance, no attribute twice
 * in a tag, every & starts an entity, one root element. */
static void check_well_formed(const char *s)
{
    const char *stack[64];
    size_t stack_len[64];
    int depth = 0, roots = 0;
    while (*s) {
        if (*s == '&') {
            size_t n = strspn(s + 1, "#0123456789abcdefghijklmnopqrstuvwxyz");
            assert_true(n > 0 && s[1 + n] == ';');
            s += n + 2;
            continue;
        }
        if (*s != '<') {
            assert_true(*s != '>');
            s++;
            continue;
        }
        const char *end = strchr(s, '>');
        assert_non_null(end);
        if (s[1] == '/') {
            assert_true(depth > 0);
            depth--;
            assert_int_equal(stack_len[depth], (size_t)(end - s - 2));
            assert_memory_equal(stack[depth], s + 2, stack_len[depth]);
            s = end + 1;
            continue;
        }
        const char *name = s + 1;
        size_t name_len = strcspn(name, " \n/>");
        assert_true(name_len > 0);
        /* Attributes: name="value", each name once. */
        const char *attrs[32];
        size_t alens[32], nattrs = 0;
        const char *p = name + name_len;
        for (;;) {
            p += strspn(p, " \n");
            if (*p == '/' || *p == '>')
                break;
            size_t alen = strcspn(p, "=");
            assert_true(p[alen] == '=' && p[alen + 1] == '"');
            for (size_t i = 0; i < nattrs; i++)
                assert_false(alens[i] == alen && memcmp(attrs[i], p, alen) == 0);
            assert_true(nattrs < 32);
            attrs[nattrs] = p;
            alens[nattrs++] = alen;
            const char *close = strchr(p + alen + 2, '"');
            assert_non_null(close);
            assert_true(close < end);
            p = close + 1;
        }
        if (depth == 0)
            roots++;
        if (*p == '/') {
            assert_true(p + 1 == end);
        } else {
            assert_true(depth < 64);
            stack[depth] = name;
            stack_len[depth++] = name_len;
        }
        s = end + 1;
    }
    assert_int_equal(depth, 0);
    assert_int_equal(roots, 1);
}

static void inline_svg_for_html(void **state)
{
    (void)state;
    fixture f;
    make_fixture(&f);
    char buf[64];
    char *svg = lt_graph_prereq_svg(&f.c, href, buf, "Peta <prasyarat> & modul");
    assert_non_null(svg);
    check_well_formed(svg);

    assert_int_equal(strncmp(svg, "<svg ", 5), 0);
    assert_null(strstr(svg, "<?xml"));
    assert_null(strstr(svg, "<!"));
    assert_null(strstr(svg, " id=\""));
    const char *root_end = strchr(svg, '>');
    size_t root_len = (size_t)(root_end - svg);
    char *root = strndup(svg, root_len);
    assert_non_null(strstr(root, " viewBox=\""));
    assert_non_null(strstr(root, " width=\"100%\""));
    assert_non_null(strstr(root, " style=\"max-width:"));
    assert_null(strstr(root, "pt\""));
    assert_null(strstr(root, " height="));
    assert_non_null(strstr(root, " role=\"img\""));
    assert_non_null(strstr(root, " aria-label=\"Peta &lt;prasyarat&gt; &amp; modul\""));
    assert_non_null(strstr(root, " xmlns:xlink="));
    free(root);
    assert_int_equal(strncmp(root_end, ">\n<title>Peta &lt;prasyarat&gt; &amp; modul</title>", 51),
                     0);
    assert_non_null(strstr(svg, "</svg>"));
    free(svg);
}

static void nodes_edges_and_links(void **state)
{
    (void)state;
    fixture f;
    make_fixture(&f);
    char buf[64], want[96];
    char *svg = lt_graph_prereq_svg(&f.c, href, buf, "Peta prasyarat");
    assert_non_null(svg);

    assert_int_equal(count(svg, "<g class=\"node\">"), NMOD);
    for (int i = 0; i < NMOD; i++) {
        snprintf(want, sizeof want, "<title>%s</title>", ids[i]);
        assert_int_equal(count(svg, want), 1);
        snprintf(want, sizeof want, "<a xlink:href=\"modul/%s.html\"", ids[i]);
        assert_int_equal(count(svg, want), 1);
    }
    /* Duplicates merge; unresolved prerequisites draw nothing. */
    size_t nedges = sizeof edges / sizeof edges[0];
    assert_int_equal(count(svg, "<g class=\"edge\">"), nedges);
    for (size_t i = 0; i < nedges; i++) {
        snprintf(want, sizeof want, "<title>%s</title>", edges[i]);
        assert_int_equal(count(svg, want), 1);
    }
    assert_null(strstr(svg, "M99"));

    /* Labels: "id · level", then the title wrapped at 22 characters. */
    assert_non_null(strstr(svg, ">M1 \xc2\xb7 dasar</text>"));
    assert_non_null(strstr(svg, ">Memahami Kesejahteraan</text>"));
    assert_non_null(strstr(svg, ">Sosial dan Pekerjaan</text>"));
    assert_non_null(strstr(svg, ">Sosial</text>"));
    assert_non_null(strstr(svg, ">M4 \xc2\xb7 lanjutan</text>"));
    assert_non_null(strstr(svg, ">M8 \xc2\xb7 mahir</text>"));
    /* A word longer than a line gets a line of its own. */
    assert_non_null(strstr(svg, ">&quot;Antidisestablishmentarianisme&quot;</text>"));
    /* Backslashes and markup stay literal in labels and tooltips. */
    assert_non_null(strstr(svg, ">Modul \\N &lt;lepas&gt; &amp;</text>"));
    assert_non_null(strstr(svg, "xlink:title=\"Modul \\N &lt;lepas&gt; &amp; &quot;"));
    assert_non_null(
        strstr(svg, "xlink:title=\"Memahami Kesejahteraan Sosial dan Pekerjaan Sosial\""));

    /* Fill by level, lighter to darker. */
    assert_int_equal(count(svg, "fill=\"#deebf7\""), 3);
    assert_int_equal(count(svg, "fill=\"#6baed6\""), 4);
    assert_int_equal(count(svg, "fill=\"#08519c\""), 1);
    assert_non_null(strstr(svg, "font-family=\"sans-serif\""));
    free(svg);
}

static void deterministic(void **state)
{
    (void)state;
    fixture f;
    make_fixture(&f);
    char buf[64];
    char *a = lt_graph_prereq_svg(&f.c, href, buf, "Peta prasyarat");
    char *b = lt_graph_prereq_svg(&f.c, href, buf, "Peta prasyarat");
    assert_non_null(a);
    assert_non_null(b);
    assert_string_equal(a, b);
    free(a);
    free(b);
}

static void without_links_or_modules(void **state)
{
    (void)state;
    fixture f;
    make_fixture(&f);
    char *svg = lt_graph_prereq_svg(&f.c, NULL, NULL, "Peta");
    assert_non_null(svg);
    check_well_formed(svg);
    assert_null(strstr(svg, "<a "));
    assert_int_equal(count(svg, "<g class=\"node\">"), NMOD);
    free(svg);

    lt_curriculum empty;
    memset(&empty, 0, sizeof empty);
    svg = lt_graph_prereq_svg(&empty, NULL, NULL, "Kosong");
    assert_non_null(svg);
    check_well_formed(svg);
    assert_null(strstr(svg, "class=\"node\""));
    assert_non_null(strstr(svg, "aria-label=\"Kosong\""));
    free(svg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(inline_svg_for_html),
        cmocka_unit_test(nodes_edges_and_links),
        cmocka_unit_test(deterministic),
        cmocka_unit_test(without_links_or_modules),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
