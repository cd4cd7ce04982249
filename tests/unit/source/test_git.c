#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "source/history.h"
#include "source/repo.h"
#include "source/source.h"
#include "util/fs.h"
#include "util/parallel.h"

#include <errno.h>
#include <git2.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Fixture repositories are made once, with the git CLI (tests only: lontar
 * itself never runs git), with fixed names, e-mail addresses and dates so
 * that every id and date below is the same on every run.
 *
 * work (branch main):
 *   c1 2024-01-10T09:00:00+07:00 Ani    initial content, a symlink, a gitlink,
 *                                        an LFS pointer    tags v1.0 (annotated),
 *                                                          v0.9, eksperimen
 *   c2 2024-02-01T10:15:00+07:00 Budi   m1 edited, konsep/asal.md → baru.md
 *                                                          tag v1.1
 *   c3 2024-03-01T10:15:00+07:00 Citra  lama.md removed, m2 edited (only
 *                                        here), definisi.md → pengertian.md
 *                                        with an edit      tag v2.0 (annotated),
 *                                                          branches fitur/baru,
 *                                                          catatan#1, tag
 *                                                          fitur-baru
 *   c5 2024-03-10T12:00:00+00:00 Dewi   on branch draft from c3: m3 added
 *   c6 2024-03-12T09:30:00-05:00 eka    on branch topic from c3: m1 edited
 *   c4 2024-03-15T08:00:00+07:00 Ani    index.md edited, .mailmap names eka
 *                                        "Eka Putri"       tag v2.1-rc1
 *   c7 2024-03-20T11:00:00+07:00 Fajar  merges topic      tags v2.1, v3.0-beta1
 *   c8 2024-03-25T10:00:00+07:00 Gita   on branch buang from c4: m2 edited
 *   c9 2024-03-26T10:00:00+07:00 Fajar  merges buang keeping main's content
 *                                                          branch arsip
 * bare.git: a bare clone; clone: a plain clone (draft only as origin/draft);
 * shallow: a --depth 1 clone; empty: no commits; plain: no repository. */

static char root[64];
static char work[128];
static char dir_buf[PATH_MAX];

static const char *in_root(const char *name)
{
    snprintf(dir_buf, sizeof dir_buf, "%s/%s", root, name);
    return dir_buf;
}

static void run(const char *fmt, ...)
{
    char cmd[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    if (system(cmd) != 0) {
        fprintf(stderr, "fixture command failed: %s\n", cmd);
        abort();
    }
}

static void put(const char *path, const char *text)
{
    char full[PATH_MAX];
    snprintf(full, sizeof full, "%s/%s", work, path);
    if (lt_fs_write(full, text, strlen(text)) < 0)
        abort();
}

static void as(const char *name, const char *email, const char *date)
{
    setenv("GIT_AUTHOR_NAME", name, 1);
    setenv("GIT_AUTHOR_EMAIL", email, 1);
    setenv("GIT_AUTHOR_DATE", date, 1);
    setenv("GIT_COMMITTER_NAME", name, 1);
    setenv("GIT_COMMITTER_EMAIL", email, 1);
    setenv("GIT_COMMITTER_DATE", date, 1);
}

static void commit(const char *name, const char *email, const char *date, const char *msg)
{
    as(name, email, date);
    run("cd '%s' && git add -A && git commit -q -m '%s'", work, msg);
}

#define GITLINK "1234567890abcdef1234567890abcdef12345678"
#define LFS_POINTER                                                                                \
    "version https://git-lfs.github.com/spec/v1\n"                                                 \
    "oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\n"                \
    "size 12345\n"
#define DEFINISI                                                                                   \
    "# Definisi\n\nPekerjaan sosial adalah profesi yang membantu orang.\n"                         \
    "Ia bekerja dengan individu, keluarga, kelompok dan masyarakat.\n"                             \
    "Tujuannya adalah keberfungsian sosial.\n"                                                     \
    "Nilai-nilainya: martabat, keadilan sosial, integritas.\n"                                     \
    "Metodenya: asesmen, intervensi, evaluasi.\n"

static int make_fixtures(void **state)
{
    (void)state;
    strcpy(root, "/tmp/lt-git-XXXXXX");
    if (!mkdtemp(root))
        return -1;
    /* Keep the user's and the system's git configuration out. */
    setenv("HOME", root, 1);
    setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
    setenv("GIT_CONFIG_GLOBAL", "/dev/null", 1);
    unsetenv("GIT_DIR");
    unsetenv("GIT_WORK_TREE");
    unsetenv("GIT_INDEX_FILE");
    snprintf(work, sizeof work, "%s/work", root);
    run("git init -q -b main '%s'", work);

    put("lontar.yml", "title: Uji\n");
    put("index.md", "# Beranda\n");
    put("a-b.md", "# a-b\n");
    put("a.md", "# a\n");
    put("a/x.md", "# x\n");
    put("modul/m1.md", "# Modul 1\n\nVersi pertama.\n");
    put("modul/m2.md", "# Modul 2\n\nVersi pertama.\n");
    put("lama.md", "# Halaman lama\n");
    put("konsep/asal.md", "# Asal\n\nIsi yang hanya pindah tempat.\n");
    put("konsep/definisi.md", DEFINISI);
    put("gambar/foto.png", LFS_POINTER);
    run("cd '%s' && ln -s index.md tautan.md && mkdir -p vendor/lib", work);
    run("cd '%s' && git update-index --add --cacheinfo 160000," GITLINK ",vendor/lib", work);
    commit("Ani Wijaya", "ani@example.org", "2024-01-10T09:00:00+07:00", "awal");
    run("cd '%s' && git tag -a v1.0 -m 'Versi 1.0' && git tag v0.9 && git tag eksperimen", work);

    put("modul/m1.md", "# Modul 1\n\nVersi kedua.\n");
    run("cd '%s' && git mv konsep/asal.md konsep/baru.md", work);
    commit("Budi Santoso", "budi@example.org", "2024-02-01T10:15:00+07:00", "m1, asal pindah");
    run("cd '%s' && git tag v1.1", work);

    run("cd '%s' && git rm -q lama.md && git mv konsep/definisi.md konsep/pengertian.md", work);
    put("modul/m2.md", "# Modul 2\n\nVersi ketiga.\n");
    put("konsep/pengertian.md", DEFINISI "Sumber: kurikulum 2024.\n");
    commit("Citra Lestari", "citra@example.org", "2024-03-01T10:15:00+07:00", "m2, pengertian");
    run("cd '%s' && git tag -a v2.0 -m 'Versi 2.0' && git branch fitur/baru && "
        "git branch 'catatan#1' && git tag fitur-baru",
        work);

    run("cd '%s' && git checkout -q -b draft", work);
    put("modul/m3.md", "# Modul 3\n");
    commit("Dewi Anggraini", "dewi@example.org", "2024-03-10T12:00:00+00:00", "m3");

    run("cd '%s' && git checkout -q -b topic main", work);
    put("modul/m1.md", "# Modul 1\n\nVersi topik.\n");
    commit("eka", "eka@example.org", "2024-03-12T09:30:00-05:00", "m1 topik");

    run("cd '%s' && git checkout -q main", work);
    put("index.md", "# Beranda baru\n");
    put(".mailmap", "Eka Putri <eka@example.org>\n");
    commit("Ani Wijaya", "ani@example.org", "2024-03-15T08:00:00+07:00", "beranda");
    run("cd '%s' && git tag v2.1-rc1", work);
    as("Fajar Nugroho", "fajar@example.org", "2024-03-20T11:00:00+07:00");
    run("cd '%s' && git merge -q --no-ff -m 'gabung topik' topic && git tag v2.1 && "
        "git tag v3.0-beta1",
        work);

    run("cd '%s' && git checkout -q -b buang v2.1-rc1", work);
    put("modul/m2.md", "# Modul 2\n\nVersi yang dibuang.\n");
    commit("Gita Permata", "gita@example.org", "2024-03-25T10:00:00+07:00", "m2 lain");
    run("cd '%s' && git checkout -q main", work);
    as("Fajar Nugroho", "fajar@example.org", "2024-03-26T10:00:00+07:00");
    run("cd '%s' && git merge -q -s ours -m 'tolak m2 lain' buang && git branch arsip", work);

    run("cd '%s' && git clone -q --bare work bare.git && git clone -q \"file://$PWD/work\" clone "
        "&& git clone -q --depth 1 \"file://$PWD/work\" shallow && git init -q empty",
        root);
    run("cd '%s' && mkdir -p plain/a && touch plain/a-b.md plain/a.md plain/a/x.md", root);
    git_libgit2_init();
    return 0;
}

static int remove_fixtures(void **state)
{
    (void)state;
    git_libgit2_shutdown();
    return lt_fs_remove_tree(root) < 0 ? -1 : 0;
}

/* ---- helpers ---------------------------------------------------------- */

static lt_repo *open_repo(const char *name)
{
    lt_diag *d = lt_diag_new();
    lt_repo *r = NULL;
    int rc = lt_repo_open(&r, in_root(name), 0, d);
    assert_int_equal(rc, 0);
    assert_int_equal(lt_diag_count(d), 0);
    lt_diag_free(d);
    return r;
}

static void resolve(lt_version_list *l, lt_repo *r, const char *spec)
{
    lt_diag *d = lt_diag_new();
    assert_int_equal(lt_repo_resolve(l, r, spec, NULL, d), 0);
    assert_int_equal(l->n, 1);
    lt_diag_free(d);
}

/* Hex id of the commit a revision names. */
static void commit_of(char out[GIT_OID_HEXSZ + 1], lt_repo *r, const char *spec)
{
    git_object *obj = NULL;
    assert_int_equal(git_revparse_single(&obj, r->git, spec), 0);
    git_object *c = NULL;
    assert_int_equal(git_object_peel(&c, obj, GIT_OBJECT_COMMIT), 0);
    git_oid_tostr(out, GIT_OID_HEXSZ + 1, git_object_id(c));
    git_object_free(c);
    git_object_free(obj);
}

typedef struct {
    char paths[64][64];
    lt_entry_kind kinds[64];
    char ids[64][GIT_OID_HEXSZ + 1];
    size_t n;
    char skipped[16][64];
    size_t nskipped;
    const char *skip;
} listing;

static int collect(void *ctx, const lt_source_entry *e)
{
    listing *l = ctx;
    assert_true(l->n < 64);
    snprintf(l->paths[l->n], sizeof l->paths[0], "%s", e->path);
    l->kinds[l->n] = e->kind;
    snprintf(l->ids[l->n], sizeof l->ids[0], "%s", e->id ? e->id : "");
    l->n++;
    return 0;
}

static int skip_some(void *ctx, const char *path)
{
    listing *l = ctx;
    assert_true(l->nskipped < 16);
    snprintf(l->skipped[l->nskipped++], sizeof l->skipped[0], "%s", path);
    return l->skip && strcmp(path, l->skip) == 0;
}

static const char *id_of(const listing *l, const char *path)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->paths[i], path) == 0)
            return l->ids[i];
    return NULL;
}

static void list_version(listing *out, lt_repo *r, const lt_version *v)
{
    memset(out, 0, sizeof *out);
    lt_source *s = lt_source_git_new(r->git, v->tree, v->name);
    assert_non_null(s);
    assert_int_equal(s->ops->list(s, skip_some, collect, out), 0);
    lt_source_free(s);
}

static const lt_version *find_version(const lt_version_list *l, const char *name, size_t *index)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->items[i].name, name) == 0) {
            if (index)
                *index = i;
            return &l->items[i];
        }
    fail_msg("no version %s", name);
    return NULL;
}

static int has_message(lt_diag *d, const char *needle)
{
    for (size_t i = 0; i < lt_diag_count(d); i++)
        if (strstr(lt_diag_get(d, i)->message, needle))
            return 1;
    return 0;
}

/* ---- the git source ----------------------------------------------------- */

static void lists_in_byte_order_with_kinds(void **state)
{
    (void)state;
    static const struct {
        const char *path;
        lt_entry_kind kind;
    } want[] = {
        {"a-b.md", LT_ENTRY_FILE},
        {"a.md", LT_ENTRY_FILE},
        {"a/x.md", LT_ENTRY_FILE},
        {"gambar/foto.png", LT_ENTRY_LFS},
        {"index.md", LT_ENTRY_FILE},
        {"konsep/asal.md", LT_ENTRY_FILE},
        {"konsep/definisi.md", LT_ENTRY_FILE},
        {"lama.md", LT_ENTRY_FILE},
        {"lontar.yml", LT_ENTRY_FILE},
        {"modul/m1.md", LT_ENTRY_FILE},
        {"modul/m2.md", LT_ENTRY_FILE},
        {"tautan.md", LT_ENTRY_SYMLINK},
        {"vendor/lib", LT_ENTRY_SUBMODULE},
    };
    lt_repo *r = open_repo("work");
    lt_version_list l;
    resolve(&l, r, "v1.0");
    listing got;
    list_version(&got, r, &l.items[0]);
    assert_int_equal(got.n, sizeof want / sizeof *want);
    for (size_t i = 0; i < got.n; i++) {
        assert_string_equal(got.paths[i], want[i].path);
        assert_int_equal(got.kinds[i], want[i].kind);
        assert_int_equal(strlen(got.ids[i]), GIT_OID_HEXSZ);
    }
    assert_string_equal(id_of(&got, "vendor/lib"), GITLINK);
    /* skip_dir sees each folder (not the gitlink) and can prune one. */
    assert_int_equal(got.nskipped, 5);
    assert_string_equal(got.skipped[0], "a");
    assert_string_equal(got.skipped[1], "gambar");
    assert_string_equal(got.skipped[2], "konsep");
    assert_string_equal(got.skipped[3], "modul");
    assert_string_equal(got.skipped[4], "vendor");
    lt_source *s = lt_source_git_new(r->git, l.items[0].tree, "v1.0");
    memset(&got, 0, sizeof got);
    got.skip = "konsep";
    assert_int_equal(s->ops->list(s, skip_some, collect, &got), 0);
    assert_int_equal(got.n, sizeof want / sizeof *want - 2);
    assert_null(id_of(&got, "konsep/asal.md"));
    lt_source_free(s);
    lt_version_list_free(&l);
    lt_repo_free(r);
}

static void folder_source_uses_the_same_order(void **state)
{
    (void)state;
    lt_source *s = lt_source_fs_new(in_root("plain"));
    listing got;
    memset(&got, 0, sizeof got);
    assert_int_equal(s->ops->list(s, NULL, collect, &got), 0);
    assert_int_equal(got.n, 3);
    assert_string_equal(got.paths[0], "a-b.md");
    assert_string_equal(got.paths[1], "a.md");
    assert_string_equal(got.paths[2], "a/x.md");
    assert_string_equal(got.ids[0], ""); /* a folder source has no ids */
    lt_source_free(s);
}

static void reads_blobs_and_refuses_the_rest(void **state)
{
    (void)state;
    lt_repo *r = open_repo("work");
    lt_version_list l;
    resolve(&l, r, "v1.0");
    lt_source *s = lt_source_git_new(r->git, l.items[0].tree, "v1.0");
    char *data = NULL;
    size_t len = 0;
    assert_int_equal(lt_source_read(s, "index.md", &data, &len), 0);
    assert_int_equal(len, 10);
    assert_string_equal(data, "# Beranda\n");
    free(data);
    assert_int_equal(lt_source_read(s, "modul/m2.md", &data, &len), 0);
    assert_string_equal(data, "# Modul 2\n\nVersi pertama.\n");
    free(data);
    assert_int_equal(lt_source_read(s, "gambar/foto.png", &data, &len), 0);
    assert_true(lt_source_is_lfs_pointer(data, len));
    free(data);
    assert_false(lt_source_is_lfs_pointer("# version https://git-lfs\n", 26));
    assert_int_equal(lt_source_read(s, "nope.md", &data, &len), -ENOENT);
    assert_null(data);
    assert_int_equal(lt_source_read(s, "konsep", &data, &len), -EISDIR);
    assert_int_equal(lt_source_read(s, "vendor/lib", &data, &len), -EISDIR);
    assert_int_equal(lt_source_read(s, "tautan.md", &data, &len), -ELOOP);
    lt_source_free(s);
    lt_version_list_free(&l);
    lt_repo_free(r);
}

typedef struct {
    lt_source *s;
    listing *files;
    char **data;
} parallel_ctx;

static void read_one(void *ctx, size_t i, int worker)
{
    (void)worker;
    parallel_ctx *c = ctx;
    size_t len;
    if (c->files->kinds[i] == LT_ENTRY_FILE &&
        lt_source_read(c->s, c->files->paths[i], &c->data[i], &len) < 0)
        c->data[i] = NULL;
}

static void reads_from_many_threads(void **state)
{
    (void)state;
    lt_repo *r = open_repo("work");
    lt_version_list l;
    resolve(&l, r, "v2.1");
    listing files;
    list_version(&files, r, &l.items[0]);
    lt_source *s = lt_source_git_new(r->git, l.items[0].tree, "v2.1");
    char *data[64] = {0};
    parallel_ctx c = {s, &files, data};
    lt_parallel_for(files.n, 4, read_one, &c);
    for (size_t i = 0; i < files.n; i++) {
        if (files.kinds[i] != LT_ENTRY_FILE)
            continue;
        char *again = NULL;
        size_t len;
        assert_non_null(data[i]);
        assert_int_equal(lt_source_read(s, files.paths[i], &again, &len), 0);
        assert_string_equal(data[i], again);
        free(again);
        free(data[i]);
    }
    lt_source_free(s);
    lt_version_list_free(&l);
    lt_repo_free(r);
}

static void blob_ids_follow_content_across_tags(void **state)
{
    (void)state;
    lt_repo *r = open_repo("work");
    lt_version_list a, b, c;
    resolve(&a, r, "v1.0");
    resolve(&b, r, "v1.1");
    resolve(&c, r, "v2.0");
    listing la, lb, lc;
    list_version(&la, r, &a.items[0]);
    list_version(&lb, r, &b.items[0]);
    list_version(&lc, r, &c.items[0]);
    assert_string_equal(id_of(&la, "index.md"), id_of(&lb, "index.md"));
    assert_string_equal(id_of(&lb, "index.md"), id_of(&lc, "index.md"));
    assert_string_not_equal(id_of(&la, "modul/m1.md"), id_of(&lb, "modul/m1.md"));
    assert_string_equal(id_of(&la, "konsep/asal.md"), id_of(&lb, "konsep/baru.md"));
    assert_null(id_of(&lc, "lama.md"));
    lt_version_list_free(&a);
    lt_version_list_free(&b);
    lt_version_list_free(&c);
    lt_repo_free(r);
}

/* ---- names, order, selection -------------------------------------------- */

static void orders_version_numbers(void **state)
{
    (void)state;
    static const char *const ascending[] = {
        "arsip",  "eksperimen", "v0.9",    "v1.0-rc1", "v1.0-rc2", "v1.0-rc10", "v1.0",
        "v1.0.1", "v1.2.3",     "v1.10.0", "2024.1",   "2024.2",   "2024.10"};
    size_t n = sizeof ascending / sizeof *ascending;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++) {
            int c = lt_repo_compare_versions(ascending[i], ascending[j]);
            if (i < j && c >= 0)
                fail_msg("%s should sort before %s", ascending[i], ascending[j]);
            if (i > j && c <= 0)
                fail_msg("%s should sort after %s", ascending[i], ascending[j]);
            if (i == j)
                assert_int_equal(c, 0);
        }
    /* Equal numbers still get a total order. */
    assert_true(lt_repo_compare_versions("1.0", "v1.0") < 0);
    assert_true(lt_repo_compare_versions("v1.0+build", "v1.0-rc1") > 0);
    assert_true(lt_repo_compare_versions("v01.2", "v1.10") < 0);
}

static void matches_patterns_in_order(void **state)
{
    (void)state;
    const char *const tags[] = {"v*", "!v0.*", "v0.9"};
    assert_true(lt_repo_match(tags, 3, "v1.0"));
    assert_false(lt_repo_match(tags, 3, "v0.8"));
    assert_true(lt_repo_match(tags, 3, "v0.9")); /* a later rule wins */
    assert_false(lt_repo_match(tags, 3, "eksperimen"));
    const char *const not_drafts[] = {"!wip/*"};
    assert_true(lt_repo_match(not_drafts, 1, "main"));
    assert_false(lt_repo_match(not_drafts, 1, "wip/x"));
    assert_false(lt_repo_match(NULL, 0, "main"));
    const char *const star[] = {"*"};
    assert_true(lt_repo_match(star, 1, "fitur/baru")); /* '*' crosses '/' */
}

static void names_folders(void **state)
{
    (void)state;
    lt_arena *a = lt_arena_new();
    const char *why;
    assert_string_equal(lt_repo_folder(a, "v1.0", &why), "v1.0");
    assert_string_equal(lt_repo_folder(a, "release/2024/1", &why), "release-2024-1");
    assert_string_equal(lt_repo_folder(a, "v2.0+build_7", &why), "v2.0+build_7");
    assert_null(lt_repo_folder(a, "catatan#1", &why));
    assert_non_null(why);
    assert_null(lt_repo_folder(a, ".rahasia", &why));
    assert_null(lt_repo_folder(a, "versions.js", &why));
    assert_null(lt_repo_folder(a, "Index.HTML", &why));
    assert_null(lt_repo_folder(a, "caf\xc3\xa9", &why));
    lt_arena_free(a);
}

static void formats_dates_with_their_offset(void **state)
{
    (void)state;
    char out[LT_ISO_DATE_SIZE];
    lt_repo_format_time(out, 1709262900, 420);
    assert_string_equal(out, "2024-03-01T10:15:00+07:00");
    lt_repo_format_time(out, 1709262900, 0);
    assert_string_equal(out, "2024-03-01T03:15:00+00:00");
    lt_repo_format_time(out, 1709262900, -330);
    assert_string_equal(out, "2024-02-29T21:45:00-05:30");
}

static const char *const all_tags[] = {"v*", "!v0.*"};
static const char *const draft_only[] = {"draft"};

static void selects_orders_and_picks_latest(void **state)
{
    (void)state;
    static const char *const want[] = {"v1.0", "v1.1",       "v2.0", "v2.1-rc1",
                                       "v2.1", "v3.0-beta1", "draft"};
    lt_repo *r = open_repo("work");
    lt_diag *d = lt_diag_new();
    lt_version_rules rules = {.tags = all_tags,
                              .ntags = 2,
                              .branches = draft_only,
                              .nbranches = 1,
                              .config_path = "lontar.yml"};
    lt_version_list l;
    assert_int_equal(lt_repo_versions(&l, r, &rules, d), 0);
    assert_int_equal(lt_diag_count(d), 0);
    assert_int_equal(l.n, sizeof want / sizeof *want);
    for (size_t i = 0; i < l.n; i++) {
        const lt_version *v = &l.items[i];
        assert_string_equal(v->name, want[i]);
        assert_string_equal(v->folder, want[i]);
        assert_int_equal(v->kind, i + 1 < l.n ? LT_VERSION_TAG : LT_VERSION_BRANCH);
        assert_int_equal(v->prerelease, strchr(v->name, '-') != NULL);
        assert_int_equal(v->latest, strcmp(v->name, "v2.1") == 0);
        assert_non_null(v->tree);
        char want_id[GIT_OID_HEXSZ + 1];
        commit_of(want_id, r, v->name);
        assert_string_equal(v->commit_id, want_id);
    }
    const lt_version *v10 = find_version(&l, "v1.0", NULL);
    assert_string_equal(v10->ref, "refs/tags/v1.0");
    assert_string_equal(v10->date, "2024-01-10T09:00:00+07:00"); /* annotated tag peeled */
    assert_string_equal(find_version(&l, "draft", NULL)->date, "2024-03-10T12:00:00+00:00");
    lt_version_list_free(&l);

    /* A configured latest, or no pre-release patterns at all. */
    rules.latest = "v2.0";
    assert_int_equal(lt_repo_versions(&l, r, &rules, d), 0);
    assert_true(find_version(&l, "v2.0", NULL)->latest);
    assert_false(find_version(&l, "v2.1", NULL)->latest);
    lt_version_list_free(&l);
    rules.latest = NULL;
    const char *const none[] = {NULL};
    rules.prerelease = none;
    rules.nprerelease = 0;
    assert_int_equal(lt_repo_versions(&l, r, &rules, d), 0);
    assert_true(find_version(&l, "v3.0-beta1", NULL)->latest);
    assert_false(find_version(&l, "v2.1-rc1", NULL)->prerelease);
    lt_version_list_free(&l);

    /* A list that starts with '!' starts from every tag. */
    const char *const not_v[] = {"!v*"};
    lt_version_rules others = {.tags = not_v, .ntags = 1, .config_path = "lontar.yml"};
    assert_int_equal(lt_repo_versions(&l, r, &others, d), 0);
    assert_int_equal(l.n, 2);
    assert_string_equal(l.items[0].name, "eksperimen");
    assert_string_equal(l.items[1].name, "fitur-baru");
    assert_true(l.items[1].latest); /* no version numbers: the highest tag */
    lt_version_list_free(&l);

    /* '/' in a branch name becomes '-' in its folder. */
    const char *const fitur[] = {"fitur/*"};
    lt_version_rules branches = {.branches = fitur, .nbranches = 1, .config_path = "lontar.yml"};
    assert_int_equal(lt_repo_versions(&l, r, &branches, d), 0);
    assert_int_equal(l.n, 1);
    assert_string_equal(l.items[0].name, "fitur/baru");
    assert_string_equal(l.items[0].folder, "fitur-baru");
    assert_string_equal(l.items[0].ref, "refs/heads/fitur/baru");
    assert_true(l.items[0].latest);
    lt_version_list_free(&l);
    assert_int_equal(lt_diag_count(d), 0);
    lt_diag_free(d);
    lt_repo_free(r);
}

static void reports_bad_selections(void **state)
{
    (void)state;
    lt_repo *r = open_repo("work");
    lt_version_list l;
    lt_diag *d = lt_diag_new();
    const char *const typo[] = {"v*", "x*"};
    lt_version_rules rules = {.tags = typo, .ntags = 2, .config_path = "lontar.yml"};
    assert_int_equal(lt_repo_versions(&l, r, &rules, d), -1);
    assert_true(has_message(d, "pattern 'x*' matches no tag"));
    assert_string_equal(lt_diag_get(d, 0)->path, "lontar.yml");
    lt_version_list_free(&l);
    lt_diag_free(d);

    d = lt_diag_new();
    const char *const nothing[] = {"v*", "!*"};
    lt_version_rules empty = {.tags = nothing, .ntags = 2, .config_path = "lontar.yml"};
    assert_int_equal(lt_repo_versions(&l, r, &empty, d), -1);
    assert_true(has_message(d, "select no tag or branch"));
    lt_version_list_free(&l);
    lt_diag_free(d);

    d = lt_diag_new();
    const char *const catatan[] = {"catatan*"};
    lt_version_rules unsafe = {.branches = catatan, .nbranches = 1, .config_path = "lontar.yml"};
    assert_int_equal(lt_repo_versions(&l, r, &unsafe, d), -1);
    assert_true(has_message(d, "branch 'catatan#1' cannot be published as a version folder"));
    lt_version_list_free(&l);
    lt_diag_free(d);

    d = lt_diag_new();
    const char *const fitur[] = {"fitur*"};
    lt_version_rules clash = {
        .tags = fitur, .ntags = 1, .branches = fitur, .nbranches = 1, .config_path = "lontar.yml"};
    assert_int_equal(lt_repo_versions(&l, r, &clash, d), -1);
    assert_true(has_message(d, "tag 'fitur-baru' and branch 'fitur/baru' would both be "
                               "published in folder 'fitur-baru'"));
    lt_version_list_free(&l);
    lt_diag_free(d);

    d = lt_diag_new();
    lt_version_rules latest = {
        .tags = all_tags, .ntags = 2, .latest = "v9", .config_path = "lontar.yml"};
    assert_int_equal(lt_repo_versions(&l, r, &latest, d), -1);
    assert_true(has_message(d, "versions.latest: 'v9' is not one of the selected versions"));
    lt_version_list_free(&l);
    lt_diag_free(d);
    lt_repo_free(r);
}

static void resolves_one_ref(void **state)
{
    (void)state;
    lt_repo *r = open_repo("work");
    lt_version_list l;
    resolve(&l, r, "v1.1");
    assert_int_equal(l.items[0].kind, LT_VERSION_TAG);
    assert_string_equal(l.items[0].folder, "v1.1");
    assert_true(l.items[0].latest);
    lt_version_list_free(&l);

    resolve(&l, r, "HEAD");
    assert_int_equal(l.items[0].kind, LT_VERSION_BRANCH);
    assert_string_equal(l.items[0].name, "main");
    assert_string_equal(l.items[0].ref, "refs/heads/main");
    lt_version_list_free(&l);

    resolve(&l, r, "v2.0~1");
    char c2[GIT_OID_HEXSZ + 1];
    commit_of(c2, r, "v1.1");
    assert_int_equal(l.items[0].kind, LT_VERSION_COMMIT);
    assert_string_equal(l.items[0].name, "v2.0~1");
    assert_null(l.items[0].ref);
    assert_string_equal(l.items[0].commit_id, c2);
    assert_int_equal(strlen(l.items[0].folder), 12);
    assert_memory_equal(l.items[0].folder, c2, 12);
    lt_version_list_free(&l);

    resolve(&l, r, "v2.1-rc1");
    assert_true(l.items[0].prerelease);
    lt_version_list_free(&l);

    lt_diag *d = lt_diag_new();
    assert_int_equal(lt_repo_resolve(&l, r, "v1.O", NULL, d), -1);
    assert_true(has_message(d, "unknown ref 'v1.O'; did you mean 'v1.0'?"));
    lt_version_list_free(&l);
    assert_int_equal(lt_repo_resolve(&l, r, "tidak-ada-sama-sekali", NULL, d), -1);
    assert_true(has_message(d, "unknown ref 'tidak-ada-sama-sekali'"));
    assert_int_equal(l.n, 0);
    lt_version_list_free(&l);
    lt_diag_free(d);
    lt_repo_free(r);
}

/* ---- repositories of every kind ----------------------------------------- */

static void bare_clone_works(void **state)
{
    (void)state;
    lt_repo *r = open_repo("bare.git");
    assert_true(r->bare);
    assert_false(r->shallow);
    assert_string_equal(r->prefix, "");
    lt_diag *d = lt_diag_new();
    const char *const branches[] = {"draft", "topic"};
    lt_version_rules rules = {.tags = all_tags,
                              .ntags = 2,
                              .branches = branches,
                              .nbranches = 2,
                              .config_path = "lontar.yml"};
    lt_version_list l;
    assert_int_equal(lt_repo_versions(&l, r, &rules, d), 0);
    assert_int_equal(l.n, 8);
    assert_string_equal(find_version(&l, "draft", NULL)->ref, "refs/heads/draft");
    lt_source *s = lt_source_git_new(r->git, find_version(&l, "draft", NULL)->tree, "draft");
    char *data;
    size_t len;
    assert_int_equal(lt_source_read(s, "modul/m3.md", &data, &len), 0);
    assert_string_equal(data, "# Modul 3\n");
    free(data);
    lt_source_free(s);
    lt_version_list_free(&l);
    lt_diag_free(d);
    lt_repo_free(r);
}

static void clone_finds_branches_of_origin(void **state)
{
    (void)state;
    lt_repo *r = open_repo("clone");
    lt_diag *d = lt_diag_new();
    const char *const branches[] = {"draft", "main"};
    lt_version_rules rules = {.branches = branches, .nbranches = 2, .config_path = "lontar.yml"};
    lt_version_list l;
    assert_int_equal(lt_repo_versions(&l, r, &rules, d), 0);
    assert_int_equal(l.n, 2);
    assert_string_equal(l.items[0].name, "draft");
    assert_string_equal(l.items[0].ref, "refs/remotes/origin/draft");
    assert_string_equal(l.items[1].ref, "refs/heads/main"); /* local wins */
    assert_true(l.items[1].latest);                         /* HEAD's branch */
    lt_version_list_free(&l);
    resolve(&l, r, "draft");
    assert_string_equal(l.items[0].ref, "refs/remotes/origin/draft");
    lt_version_list_free(&l);
    lt_diag_free(d);
    lt_repo_free(r);
}

static void site_in_a_subfolder(void **state)
{
    (void)state;
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/modul", work);
    lt_diag *d = lt_diag_new();
    lt_repo *r = NULL;
    assert_int_equal(lt_repo_open(&r, path, 0, d), LT_REPO_NONE);
    assert_int_equal(lt_repo_open(&r, path, 1, d), 0);
    assert_string_equal(r->prefix, "modul");
    lt_version_list l;
    resolve(&l, r, "v1.1");
    listing files;
    list_version(&files, r, &l.items[0]);
    assert_int_equal(files.n, 2);
    assert_string_equal(files.paths[0], "m1.md");
    lt_history *h = NULL;
    assert_int_equal(lt_history_build(&h, r, &l, d), 0);
    const lt_file_history *f = lt_history_get(h, 0, "m1.md");
    assert_non_null(f);
    assert_string_equal(f->last->date, "2024-02-01T10:15:00+07:00");
    lt_history_free(h);
    lt_version_list_free(&l);
    assert_int_equal(lt_diag_count(d), 0);
    lt_diag_free(d);
    lt_repo_free(r);
}

static void empty_and_missing_repositories(void **state)
{
    (void)state;
    lt_diag *d = lt_diag_new();
    lt_repo *r = NULL;
    assert_int_equal(lt_repo_open(&r, in_root("empty"), 0, d), -1);
    assert_null(r);
    assert_int_equal(lt_diag_errors(d), 1);
    assert_true(has_message(d, "has no commits yet"));
    lt_diag_free(d);

    d = lt_diag_new();
    assert_int_equal(lt_repo_open(&r, in_root("plain"), 0, d), LT_REPO_NONE);
    assert_int_equal(lt_repo_open(&r, in_root("plain"), 1, d), LT_REPO_NONE);
    assert_null(r);
    assert_int_equal(lt_diag_count(d), 0);
    lt_diag_free(d);
}

static void shallow_clone_is_detected(void **state)
{
    (void)state;
    lt_repo *r = open_repo("shallow");
    assert_true(r->shallow);
    lt_version_list l;
    resolve(&l, r, "HEAD");
    lt_diag *d = lt_diag_new();
    lt_history *h = (lt_history *)1;
    assert_int_equal(lt_history_build(&h, r, &l, d), LT_HISTORY_SHALLOW);
    assert_null(h);
    assert_null(lt_history_get(h, 0, "index.md"));
    assert_int_equal(lt_diag_count(d), 0);
    lt_diag_free(d);
    lt_version_list_free(&l);
    lt_repo_free(r);
}

/* ---- history ------------------------------------------------------------ */

static void expect(const lt_history *h, size_t v, const char *path, const char *commit,
                   const char *date, const char *const *authors, size_t nauthors)
{
    const lt_file_history *f = lt_history_get(h, v, path);
    if (!f)
        fail_msg("no history for %s", path);
    assert_string_equal(f->last->id, commit);
    assert_string_equal(f->last->date, date);
    assert_int_equal(f->nauthors, nauthors);
    for (size_t i = 0; i < nauthors; i++) {
        assert_string_equal(f->authors[i], authors[i]);
        assert_null(strchr(f->authors[i], '@'));
    }
}

static void history_of_every_file_at_every_version(void **state)
{
    (void)state;
    lt_repo *r = open_repo("work");
    lt_diag *d = lt_diag_new();
    const char *const branches[] = {"draft", "arsip"};
    lt_version_rules rules = {.tags = all_tags,
                              .ntags = 2,
                              .branches = branches,
                              .nbranches = 2,
                              .config_path = "lontar.yml"};
    lt_version_list l;
    assert_int_equal(lt_repo_versions(&l, r, &rules, d), 0);
    lt_history *h = NULL;
    assert_int_equal(lt_history_build(&h, r, &l, d), 0);
    assert_int_equal(lt_diag_count(d), 0);

    char c1[41], c2[41], c3[41], c4[41], c5[41], c6[41];
    commit_of(c1, r, "v1.0");
    commit_of(c2, r, "v1.1");
    commit_of(c3, r, "v2.0");
    commit_of(c4, r, "v2.1-rc1");
    commit_of(c5, r, "draft");
    commit_of(c6, r, "topic");
    const char *const ani[] = {"Ani Wijaya"};
    const char *const ani_budi[] = {"Ani Wijaya", "Budi Santoso"};
    const char *const ani_citra[] = {"Ani Wijaya", "Citra Lestari"};
    const char *const budi[] = {"Budi Santoso"};
    const char *const dewi[] = {"Dewi Anggraini"};
    const char *const merged[] = {"Ani Wijaya", "Budi Santoso", "Eka Putri"};
    const char *const c1_date = "2024-01-10T09:00:00+07:00";
    const char *const c2_date = "2024-02-01T10:15:00+07:00";
    size_t v10, v11, v20, rc1, v21, beta, draft, arsip;
    find_version(&l, "v1.0", &v10);
    find_version(&l, "v1.1", &v11);
    find_version(&l, "v2.0", &v20);
    find_version(&l, "v2.1-rc1", &rc1);
    find_version(&l, "v2.1", &v21);
    find_version(&l, "v3.0-beta1", &beta);
    find_version(&l, "draft", &draft);
    find_version(&l, "arsip", &arsip);

    expect(h, v10, "index.md", c1, c1_date, ani, 1);
    expect(h, v10, "modul/m1.md", c1, c1_date, ani, 1);
    expect(h, v10, "tautan.md", c1, c1_date, ani, 1);
    assert_null(lt_history_get(h, v10, "vendor/lib")); /* a submodule is no file */

    expect(h, v11, "modul/m1.md", c2, c2_date, ani_budi, 2);
    expect(h, v11, "konsep/baru.md", c2, c2_date, budi, 1); /* by path, like git log */
    expect(h, v11, "modul/m2.md", c1, c1_date, ani, 1);
    assert_null(lt_history_get(h, v11, "konsep/asal.md"));

    /* m2 changed only in the last of the three tags. */
    expect(h, v20, "modul/m2.md", c3, "2024-03-01T10:15:00+07:00", ani_citra, 2);
    expect(h, v20, "modul/m1.md", c2, c2_date, ani_budi, 2);
    expect(h, v20, "index.md", c1, c1_date, ani, 1);
    assert_null(lt_history_get(h, v20, "lama.md"));
    expect(h, v10, "lama.md", c1, c1_date, ani, 1);

    expect(h, draft, "modul/m3.md", c5, "2024-03-10T12:00:00+00:00", dewi, 1);
    expect(h, draft, "modul/m1.md", c2, c2_date, ani_budi, 2);
    assert_null(lt_history_get(h, v20, "modul/m3.md"));

    /* Before the merge, topic's change is not there yet. */
    expect(h, rc1, "modul/m1.md", c2, c2_date, ani_budi, 2);
    expect(h, rc1, "index.md", c4, "2024-03-15T08:00:00+07:00", ani, 1);
    /* A clean merge credits the branch's commit, with its own offset, and
     * not the one who merged; .mailmap renames "eka". */
    expect(h, v21, "modul/m1.md", c6, "2024-03-12T09:30:00-05:00", merged, 3);
    expect(h, beta, "modul/m1.md", c6, "2024-03-12T09:30:00-05:00", merged, 3);
    expect(h, v21, "index.md", c4, "2024-03-15T08:00:00+07:00", ani, 1);
    /* A merge that kept main's m2 credits neither itself nor the discarded
     * side (as `git log arsip -- modul/m2.md` shows). */
    expect(h, arsip, "modul/m2.md", c3, "2024-03-01T10:15:00+07:00", ani_citra, 2);
    expect(h, arsip, "modul/m1.md", c6, "2024-03-12T09:30:00-05:00", merged, 3);

    assert_null(lt_history_get(h, v21, "tidak-ada.md"));
    assert_null(lt_history_get(h, l.n, "index.md"));
    lt_history_free(h);
    lt_version_list_free(&l);
    lt_diag_free(d);
    lt_repo_free(r);
}

static void finds_renames_between_versions(void **state)
{
    (void)state;
    lt_repo *r = open_repo("work");
    lt_version_list a, b, c;
    resolve(&a, r, "v1.0");
    resolve(&b, r, "v1.1");
    resolve(&c, r, "v2.0");
    lt_arena *arena = lt_arena_new();
    lt_diag *d = lt_diag_new();
    lt_change *ch;
    size_t n;

    assert_int_equal(lt_history_diff(&ch, &n, r, a.items[0].tree, b.items[0].tree, arena, d), 0);
    assert_int_equal(n, 2);
    assert_int_equal(ch[0].kind, LT_CHANGE_RENAMED);
    assert_string_equal(ch[0].old_path, "konsep/asal.md");
    assert_string_equal(ch[0].new_path, "konsep/baru.md");
    assert_int_equal(ch[0].similarity, 100);
    assert_int_equal(ch[1].kind, LT_CHANGE_MODIFIED);
    assert_string_equal(ch[1].new_path, "modul/m1.md");

    assert_int_equal(lt_history_diff(&ch, &n, r, b.items[0].tree, c.items[0].tree, arena, d), 0);
    assert_int_equal(n, 3);
    assert_int_equal(ch[0].kind, LT_CHANGE_RENAMED); /* moved and edited */
    assert_string_equal(ch[0].old_path, "konsep/definisi.md");
    assert_string_equal(ch[0].new_path, "konsep/pengertian.md");
    assert_true(ch[0].similarity >= 50 && ch[0].similarity < 100);
    assert_int_equal(ch[1].kind, LT_CHANGE_REMOVED);
    assert_string_equal(ch[1].old_path, "lama.md");
    assert_null(ch[1].new_path);
    assert_int_equal(ch[2].kind, LT_CHANGE_MODIFIED);
    assert_string_equal(ch[2].new_path, "modul/m2.md");

    /* And backwards: the rename reverses, the removal is an addition. */
    assert_int_equal(lt_history_diff(&ch, &n, r, c.items[0].tree, a.items[0].tree, arena, d), 0);
    assert_int_equal(n, 5);
    assert_int_equal(ch[0].kind, LT_CHANGE_RENAMED);
    assert_string_equal(ch[0].old_path, "konsep/baru.md");
    assert_string_equal(ch[0].new_path, "konsep/asal.md");
    assert_int_equal(ch[1].kind, LT_CHANGE_RENAMED);
    assert_string_equal(ch[1].new_path, "konsep/definisi.md");
    assert_int_equal(ch[2].kind, LT_CHANGE_ADDED);
    assert_string_equal(ch[2].new_path, "lama.md");
    assert_null(ch[2].old_path);
    assert_int_equal(lt_diag_count(d), 0);
    lt_diag_free(d);
    lt_arena_free(arena);
    lt_version_list_free(&a);
    lt_version_list_free(&b);
    lt_version_list_free(&c);
    lt_repo_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(lists_in_byte_order_with_kinds),
        cmocka_unit_test(folder_source_uses_the_same_order),
        cmocka_unit_test(reads_blobs_and_refuses_the_rest),
        cmocka_unit_test(reads_from_many_threads),
        cmocka_unit_test(blob_ids_follow_content_across_tags),
        cmocka_unit_test(orders_version_numbers),
        cmocka_unit_test(matches_patterns_in_order),
        cmocka_unit_test(names_folders),
        cmocka_unit_test(formats_dates_with_their_offset),
        cmocka_unit_test(selects_orders_and_picks_latest),
        cmocka_unit_test(reports_bad_selections),
        cmocka_unit_test(resolves_one_ref),
        cmocka_unit_test(bare_clone_works),
        cmocka_unit_test(clone_finds_branches_of_origin),
        cmocka_unit_test(site_in_a_subfolder),
        cmocka_unit_test(empty_and_missing_repositories),
        cmocka_unit_test(shallow_clone_is_detected),
        cmocka_unit_test(history_of_every_file_at_every_version),
        cmocka_unit_test(finds_renames_between_versions),
    };
    return cmocka_run_group_tests(tests, make_fixtures, remove_fixtures);
}
