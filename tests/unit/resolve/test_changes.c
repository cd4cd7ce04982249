#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "resolve/changes.h"

#include <string.h>

static lt_snap_item module(const char *id, const char *src, const char *blob, const char *jp)
{
    lt_snap_item it = {.kind = LT_ITEM_MODULE, .id = id, .title = id, .src = src, .content = blob};
    it.fields[LT_FIELD_JP] = jp;
    it.fields[LT_FIELD_OBJECTIVES] = "";
    it.fields[LT_FIELD_COMPETENCIES] = "K1";
    it.fields[LT_FIELD_PREREQUISITES] = "";
    return it;
}

/* git's rename detection, as the build passes it: one file moved. */
static const char *renamed(void *ctx, const char *old_path)
{
    (void)ctx;
    return strcmp(old_path, "modul/lama.md") == 0 ? "modul/baru.md" : NULL;
}

static const lt_delta *find(const lt_delta *d, size_t n, lt_delta_kind kind, const char *id)
{
    for (size_t i = 0; i < n; i++) {
        const lt_snap_item *it = d[i].new_item ? d[i].new_item : d[i].old_item;
        if (d[i].kind == kind && strcmp(it->id, id) == 0)
            return &d[i];
    }
    return NULL;
}

static void matches_by_id_alias_and_rename(void **state)
{
    (void)state;
    lt_arena *a = lt_arena_new();
    const char *alias_of_m4[] = {"M4"};
    lt_snap_item old_items[] = {
        module("M1", "modul/m1.md", "b1", "4"),   /* changed: JP */
        module("M2", "modul/m2.md", "b2", "2"),   /* removed */
        module("M3", "modul/lama.md", "b3", "3"), /* git rename, new id */
        module("M4", "modul/m4.md", "b4", "1"),   /* replaced by M6 (aliases) */
        module("M5", "modul/m5.md", "b5", "1"),   /* moved, same id */
        module("M7", "modul/m7.md", "b7", "1"),   /* unchanged */
    };
    lt_snap_item new_items[] = {
        module("M1", "modul/m1.md", "b1x", "6"), module("M3b", "modul/baru.md", "b3", "3"),
        module("M6", "modul/m6.md", "b6", "1"),  module("M5", "modul/lain/m5.md", "b5", "1"),
        module("M7", "modul/m7.md", "b7", "1"),  module("M8", "modul/m8.md", "b8", "2"), /* added */
    };
    new_items[2].aliases = alias_of_m4;
    new_items[2].naliases = 1;
    lt_snapshot from = {old_items, 6}, to = {new_items, 6};
    lt_delta *d = NULL;
    size_t n = lt_changes_compute(&d, &from, &to, renamed, NULL, a);
    assert_int_equal(n, 6);
    const lt_delta *c = find(d, n, LT_DELTA_CHANGED, "M1");
    assert_non_null(c);
    assert_int_equal(c->fields, 1u << LT_FIELD_JP);
    assert_non_null(find(d, n, LT_DELTA_REMOVED, "M2"));
    const lt_delta *r = find(d, n, LT_DELTA_RENAMED, "M3b");
    assert_non_null(r);
    assert_string_equal(r->old_item->id, "M3");
    assert_false(r->content_changed);
    r = find(d, n, LT_DELTA_RENAMED, "M6");
    assert_non_null(r);
    assert_string_equal(r->old_item->id, "M4");
    assert_true(r->content_changed);
    assert_non_null(find(d, n, LT_DELTA_RENAMED, "M5"));
    assert_non_null(find(d, n, LT_DELTA_ADDED, "M8"));
    assert_null(find(d, n, LT_DELTA_CHANGED, "M7"));
    /* Sorted: added, removed, renamed, changed. */
    assert_int_equal(d[0].kind, LT_DELTA_ADDED);
    assert_int_equal(d[1].kind, LT_DELTA_REMOVED);
    assert_int_equal(d[n - 1].kind, LT_DELTA_CHANGED);
    lt_arena_free(a);
}

static void kinds_are_matched_apart(void **state)
{
    (void)state;
    lt_arena *a = lt_arena_new();
    lt_snap_item old_items[] = {{.kind = LT_ITEM_CONCEPT, .id = "X", .content = "1"}};
    lt_snap_item new_items[] = {{.kind = LT_ITEM_COMPETENCY, .id = "X", .content = "1"}};
    lt_snapshot from = {old_items, 1}, to = {new_items, 1};
    lt_delta *d = NULL;
    size_t n = lt_changes_compute(&d, &from, &to, NULL, NULL, a);
    assert_int_equal(n, 2);
    assert_non_null(find(d, n, LT_DELTA_REMOVED, "X"));
    assert_non_null(find(d, n, LT_DELTA_ADDED, "X"));
    lt_arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(matches_by_id_alias_and_rename),
        cmocka_unit_test(kinds_are_matched_apart),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
