#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "load/markdown.h"
#include "model/site.h"
#include "publish/output.h"
#include "render/search_index.h"
#include "render/search_text.h"
#include "util/buf.h"
#include "util/fs.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- tokens ---- */

static void collect(void *ctx, const char *tok, size_t len, size_t start, size_t end)
{
    lt_buf *b = ctx;
    assert_int_equal(strlen(tok), len);
    assert_true(start < end);
    lt_buf_printf(b, "%s%s", b->len ? " " : "", tok);
}

static void tokens(const char *text, const char *want)
{
    lt_buf b = LT_BUF_INIT;
    lt_search_tokenize(text, strlen(text), collect, &b);
    assert_string_equal(lt_buf_cstr(&b), want);
    lt_buf_free(&b);
}

static void tokenizes_words(void **state)
{
    (void)state;
    tokens("Pelatihan, TKSM: (tahap 1) & modul-5 \"kutip\"", "pelatihan tksm tahap modul kutip");
    tokens("M1 5K 2024 a b", "m1 5k 2024");
    tokens("", "");
    tokens("  ...  ", "");
}

static void splits_reduplication(void **state)
{
    (void)state;
    tokens("buku-buku", "buku");
    tokens("Buku-Buku di rak", "buku di rak");
    tokens("anak-anak-anak", "anak");
    tokens("berlari-lari", "berlari");
    tokens("sayur-mayur", "sayur mayur");
    tokens("buku - buku", "buku buku"); /* not joined by the hyphen */
    tokens("non-formal", "non formal");
}

static void folds_utf8(void **state)
{
    (void)state;
    tokens("Café NAÏVE Straße Ærø", "cafe naive strasse aero");
    tokens("e\xCC\x81tude", "etude");            /* combining accent */
    tokens("pe\xC2\xADlatihan", "pelatihan");    /* soft hyphen */
    tokens("kata\xE2\x80\x94kata", "kata kata"); /* em dash splits */
    tokens("“kutip” «ini»", "kutip ini");        /* quotes split */
    tokens("x\xF0\x9F\x98\x80yz ok", "yz ok");   /* past U+FFFF splits */
    tokens("Ωμέγα 日本語", "Ωμέγα 日本語");      /* kept as written */
    tokens("ab\377cd", "ab cd");                 /* invalid byte splits */
    tokens("3×4", "");
    char big[64];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    tokens(big, ""); /* longer than LT_SEARCH_MAX_TOKEN */
}

static void knows_stop_words(void **state)
{
    (void)state;
    for (size_t i = 1; lt_search_stop_words[i]; i++)
        assert_true(strcmp(lt_search_stop_words[i - 1], lt_search_stop_words[i]) < 0);
    assert_true(lt_search_is_stop_word("yang"));
    assert_true(lt_search_is_stop_word("dan"));
    assert_true(lt_search_is_stop_word("adalah"));
    assert_true(lt_search_is_stop_word("ada"));
    assert_true(lt_search_is_stop_word("yakni"));
    assert_false(lt_search_is_stop_word("latih"));
    assert_false(lt_search_is_stop_word("yan"));
    assert_false(lt_search_is_stop_word(""));
}

/* ---- stems ---- */

static void stems_indonesian(void **state)
{
    (void)state;
    lt_search_stemmer *st = lt_search_stemmer_new();
    const char *latih = lt_search_stem(st, "pelatihan");
    assert_string_equal(latih, "latih");
    assert_ptr_equal(lt_search_stem(st, "melatih"), latih);
    assert_ptr_equal(lt_search_stem(st, "dilatih"), latih);
    assert_ptr_equal(lt_search_stem(st, "pelatihan"), latih);
    assert_string_equal(lt_search_stem(st, "kesejahteraan"), "sejahtera");
    assert_string_equal(lt_search_stem(st, "pemberdayaan"), "daya");
    assert_string_equal(lt_search_stem(st, "pelajaran"), "ajar");
    assert_string_equal(lt_search_stem(st, "perbaikan"), "baik");
    assert_string_equal(lt_search_stem(st, "televisi"), "televisi");
    assert_string_equal(lt_search_stem(st, "buku"), "buku");
    lt_search_stemmer_free(st);
}

static void add_term(void *ctx, const char *term)
{
    lt_buf *b = ctx;
    lt_buf_printf(b, "%s%s", b->len ? " " : "", term);
}

static void terms_skip_stop_words(void **state)
{
    (void)state;
    lt_search_stemmer *st = lt_search_stemmer_new();
    lt_buf b = LT_BUF_INIT;
    const char *text = "Pelatihan yang dilatih dan buku-buku untuk melatih.";
    lt_search_terms(st, text, strlen(text), add_term, &b);
    assert_string_equal(lt_buf_cstr(&b), "latih latih buku latih");
    lt_buf_free(&b);
    lt_search_stemmer_free(st);
}

/* ---- the index ---- */

static void shard_keys(void **state)
{
    (void)state;
    struct {
        const char *term;
        unsigned nth;
        const char *want;
    } cases[] = {{"baca", 0, "t-ba"}, {"baca", 1, "t-ba-2"}, {"baik", 2, "t-ba-3"},
                 {"5k", 0, "t-5k"},   {"日本", 0, "t-__"},   {"aΩ", 0, "t-a_"},
                 {"x", 0, "t-x"}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        lt_buf b = LT_BUF_INIT;
        lt_search_shard_key(&b, cases[i].term, cases[i].nth);
        assert_string_equal(lt_buf_cstr(&b), cases[i].want);
        lt_buf_free(&b);
    }
}

typedef struct {
    char dir[64];
    lt_site *site;
    lt_diag *d;
} corpus;

static lt_page *add_page(corpus *c, const char *out_path, const char *title, const char *md)
{
    lt_page *p = lt_site_add_page(c->site, out_path);
    p->out_path = p->src_path;
    p->title = title;
    p->order = c->site->npages - 1;
    p->doc = lt_markdown_parse(md, strlen(md), 0);
    return p;
}

static void corpus_open(corpus *c)
{
    lt_markdown_init();
    strcpy(c->dir, "/tmp/lt-search-XXXXXX");
    assert_non_null(mkdtemp(c->dir));
    c->site = lt_site_new();
    c->d = lt_diag_new();
}

static void corpus_close(corpus *c)
{
    lt_site_free(c->site);
    lt_diag_free(c->d);
    lt_fs_remove_tree(c->dir);
}

/* Indexes every page (page i on worker i % threads) into DIR/name. */
static void build_index(corpus *c, int threads, const char *name)
{
    char src[96], out[96];
    snprintf(src, sizeof src, "%s/src", c->dir);
    snprintf(out, sizeof out, "%s/%s", c->dir, name);
    lt_fs_mkdirs(src);
    lt_output o;
    assert_int_equal(lt_output_begin(&o, out, src, c->d), 0);
    lt_search *s = lt_search_new(threads);
    /* Backwards, so the index cannot rely on the order pages arrive in. */
    for (size_t i = c->site->npages; i-- > 0;)
        lt_search_add_page(s, c->site->pages[i], (int)(i % (size_t)threads));
    assert_int_equal(lt_search_write(s, c->site, &o, c->d), 0);
    lt_search_free(s);
    assert_int_equal(lt_output_commit(&o, c->d), 0);
    lt_output_free(&o);
    assert_int_equal(lt_diag_count(c->d), 0);
}

static char *read_file(corpus *c, const char *name, const char *rel)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s/search/%s", c->dir, name, rel);
    char *data = NULL;
    size_t len = 0;
    assert_int_equal(lt_fs_read(path, &data, &len), 0);
    return data;
}

/* Decodes one term's postings (see search_index.h) into page → score. */
static void decode(const char *posts, size_t n, long top, double *scores)
{
    static const char digits[] = " !#$%&')*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWYZ[]^_`"
                                 "abcdefghijklmnopqrstuvwxyz{|}~";
    long acc = 0, prev = -1;
    for (size_t i = 0; i < n; i++) {
        long v = strchr(digits, posts[i]) - digits;
        if (v >= 60) {
            acc = acc * 31 + v - 60;
            continue;
        }
        v += acc * 60;
        acc = 0;
        prev += 1 + v / 20;
        scores[prev] = top / 1000.0 * (double)(v % 20 + 1) / 20;
    }
}

/* Finds "term",top,"postings" in a shard file and decodes it. */
static int term_scores(const char *shard, const char *term, double *scores)
{
    char needle[64];
    snprintf(needle, sizeof needle, "\"%s\",", term);
    const char *at = strstr(shard, needle);
    if (!at)
        return 0;
    at += strlen(needle);
    long top = strtol(at, (char **)&at, 10);
    assert_true(at[0] == ',' && at[1] == '"');
    at += 2;
    const char *end = strchr(at, '"');
    decode(at, (size_t)(end - at), top, scores);
    return 1;
}

static void ranks_title_over_heading_over_body(void **state)
{
    (void)state;
    corpus c;
    corpus_open(&c);
    add_page(&c, "a.html", "Catatan Lapangan",
             "Kegiatan warga di desa.\n\nSatu kali disebut: pelatihan.\n\nLalu soal lain, "
             "panjang, tentang anggaran, rapat, dan jadwal.\n");
    add_page(&c, "b.html", "Pelatihan Pendamping", "Isi tentang pendampingan warga.\n");
    add_page(&c, "c.html", "Modul Dua", "## Melatih Kader\n\nIsi tentang kader desa.\n");
    add_page(&c, "d.html", "Tanpa Kata Itu", "Hanya soal anggaran desa.\n");
    build_index(&c, 2, "out");

    char *shard = read_file(&c, "out", "t-an.js");
    double scores[4] = {0};
    assert_true(term_scores(shard, "latih", scores));
    assert_true(scores[1] > scores[2]); /* title */
    assert_true(scores[2] > scores[0]); /* heading over one body mention */
    assert_true(scores[0] > 0);
    assert_true(scores[3] == 0); /* not on the page */
    double desa[4] = {0};
    assert_true(term_scores(shard, "desa", desa));
    assert_true(desa[1] == 0 && desa[0] > 0 && desa[2] > 0 && desa[3] > 0);
    free(shard);

    char *meta = read_file(&c, "out", "meta.js");
    assert_non_null(
        strstr(meta, "lontarSearch.add(\"meta\",{\"version\":1,\"levels\":20,\"pages\":4,"));
    assert_non_null(strstr(meta, "[\"t-an\",\"anggar\",0]"));
    assert_non_null(strstr(meta, "\"chunks\":[[\"p-0\",0]]"));
    free(meta);
    char *pages = read_file(&c, "out", "p-0.js");
    /* reading order, excerpts, headings (id "" = the plain slug) */
    assert_non_null(strstr(pages, "[\"Catatan Lapangan\",-1,\"a.html\",\"Kegiatan warga di desa."));
    assert_non_null(strstr(pages, "[\"Modul Dua\",-1,\"c.html\",\"Isi tentang kader desa.\","
                                  "[\"Melatih Kader\",\"\"]]"));
    free(pages);
    corpus_close(&c);
}

/* Same pages, any thread count: the same bytes. */
static void writes_deterministically(void **state)
{
    (void)state;
    corpus c;
    corpus_open(&c);
    char title[64], body[256];
    for (int i = 0; i < 60; i++) {
        snprintf(title, sizeof title, "Halaman %d tentang pelatihan", i);
        snprintf(body, sizeof body,
                 "Kader %d melatih warga (desa-desa).\n\n## Bagian %d\n\nSuatu "
                 "kata: kesejahteraan, pemberdayaan %d.\n",
                 i, i % 7, i * 37);
        add_page(&c, lt_arena_printf(c.site->arena, "h%02d.html", i),
                 lt_arena_strdup(c.site->arena, title), body);
    }
    build_index(&c, 1, "one");
    build_index(&c, 5, "five");
    char dir[128];
    snprintf(dir, sizeof dir, "%s/one/search", c.dir);
    DIR *dh = opendir(dir);
    assert_non_null(dh);
    int files = 0;
    for (struct dirent *e; (e = readdir(dh));) {
        if (e->d_name[0] == '.')
            continue;
        char *a = read_file(&c, "one", e->d_name), *b = read_file(&c, "five", e->d_name);
        assert_string_equal(a, b);
        free(a);
        free(b);
        files++;
    }
    closedir(dh);
    assert_true(files >= 3);
    corpus_close(&c);
}

/* A term on more pages than one shard holds goes on in the next shards;
 * no file passes the size limit. */
static void splits_big_terms(void **state)
{
    (void)state;
    corpus c;
    corpus_open(&c);
    enum { N = 30000 };
    for (int i = 0; i < N; i++)
        add_page(&c, lt_arena_printf(c.site->arena, "p%05d.html", i), "Kata",
                 i % 2 ? "umum\n" : "umum jarang\n");
    build_index(&c, 2, "out");
    char *meta = read_file(&c, "out", "meta.js");
    assert_non_null(strstr(meta, "[\"t-ka\",\"kata\",0]"));
    assert_non_null(strstr(meta, "[\"t-ka-2\",\"kata\",1]"));
    free(meta);

    double *scores = calloc(N, sizeof *scores);
    const char *keys[] = {"t-ja.js", "t-ka.js", "t-ka-2.js", "t-ka-3.js", "t-um.js", "t-um-2.js"};
    int found = 0;
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        char path[256];
        snprintf(path, sizeof path, "%s/out/search/%s", c.dir, keys[i]);
        if (!lt_fs_exists(path))
            continue;
        char *shard = read_file(&c, "out", keys[i]);
        assert_true(strlen(shard) <= LT_SEARCH_MAX_FILE);
        found += term_scores(shard, "kata", scores);
        free(shard);
    }
    assert_true(found >= 2);
    for (int i = 0; i < N; i++)
        assert_true(scores[i] > 0);
    free(scores);
    corpus_close(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tokenizes_words),
        cmocka_unit_test(splits_reduplication),
        cmocka_unit_test(folds_utf8),
        cmocka_unit_test(knows_stop_words),
        cmocka_unit_test(stems_indonesian),
        cmocka_unit_test(terms_skip_stop_words),
        cmocka_unit_test(shard_keys),
        cmocka_unit_test(ranks_title_over_heading_over_body),
        cmocka_unit_test(writes_deterministically),
        cmocka_unit_test(splits_big_terms),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
