#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "render/case_export.h"

#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- A small strict JSON parser (RFC 8259) that builds a tree. ---- */

enum { J_NULL, J_BOOL, J_NUM, J_STR, J_ARR, J_OBJ };

typedef struct jv {
    int type;
    char *str; /* J_STR decoded to UTF-8; J_NUM as written */
    size_t n;
    char **keys;       /* J_OBJ */
    struct jv **items; /* J_ARR and J_OBJ */
} jv;

typedef struct parser {
    const char *p;
    int bad;
} parser;

static void jv_free(jv *v)
{
    if (!v)
        return;
    for (size_t i = 0; i < v->n; i++) {
        if (v->keys)
            free(v->keys[i]);
        jv_free(v->items[i]);
    }
    free(v->keys);
    free(v->items);
    free(v->str);
    free(v);
}

static void ws(parser *ps)
{
    while (*ps->p == ' ' || *ps->p == '\n' || *ps->p == '\t' || *ps->p == '\r')
        ps->p++;
}

static int hex4(const char *s, unsigned *out)
{
    *out = 0;
    for (int i = 0; i < 4; i++) {
        char c = s[i];
        unsigned d = c >= '0' && c <= '9'   ? (unsigned)(c - '0')
                     : c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10)
                     : c >= 'A' && c <= 'F' ? (unsigned)(c - 'A' + 10)
                                            : 16;
        if (d == 16)
            return -1;
        *out = *out * 16 + d;
    }
    return 0;
}

static void put_utf8(char **o, unsigned cp)
{
    char *q = *o;
    if (cp < 0x80) {
        *q++ = (char)cp;
    } else if (cp < 0x800) {
        *q++ = (char)(0xc0 | cp >> 6);
        *q++ = (char)(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
        *q++ = (char)(0xe0 | cp >> 12);
        *q++ = (char)(0x80 | (cp >> 6 & 0x3f));
        *q++ = (char)(0x80 | (cp & 0x3f));
    } else {
        *q++ = (char)(0xf0 | cp >> 18);
        *q++ = (char)(0x80 | (cp >> 12 & 0x3f));
        *q++ = (char)(0x80 | (cp >> 6 & 0x3f));
        *q++ = (char)(0x80 | (cp & 0x3f));
    }
    *o = q;
}

static char *parse_string(parser *ps)
{
    if (*ps->p != '"') {
        ps->bad = 1;
        return NULL;
    }
    ps->p++;
    char *out = malloc(strlen(ps->p) + 1), *o = out;
    assert_non_null(out);
    while (*ps->p != '"') {
        unsigned char c = (unsigned char)*ps->p;
        if (c < 0x20) { /* raw control characters (and the end) are invalid */
            ps->bad = 1;
            free(out);
            return NULL;
        }
        if (c != '\\') {
            *o++ = *ps->p++;
            continue;
        }
        ps->p++;
        unsigned cp, lo;
        switch (*ps->p++) {
        case '"':
            *o++ = '"';
            break;
        case '\\':
            *o++ = '\\';
            break;
        case '/':
            *o++ = '/';
            break;
        case 'b':
            *o++ = '\b';
            break;
        case 'f':
            *o++ = '\f';
            break;
        case 'n':
            *o++ = '\n';
            break;
        case 'r':
            *o++ = '\r';
            break;
        case 't':
            *o++ = '\t';
            break;
        case 'u':
            if (hex4(ps->p, &cp) < 0)
                goto bad;
            ps->p += 4;
            if (cp >= 0xd800 && cp < 0xdc00) {
                if (ps->p[0] != '\\' || ps->p[1] != 'u' || hex4(ps->p + 2, &lo) < 0 ||
                    lo < 0xdc00 || lo > 0xdfff)
                    goto bad;
                ps->p += 6;
                cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
            } else if (cp >= 0xdc00 && cp < 0xe000) {
                goto bad;
            }
            put_utf8(&o, cp);
            break;
        default:
            goto bad;
        }
    }
    ps->p++;
    *o = '\0';
    return out;
bad:
    ps->bad = 1;
    free(out);
    return NULL;
}

static int digits(parser *ps)
{
    const char *start = ps->p;
    while (*ps->p >= '0' && *ps->p <= '9')
        ps->p++;
    return ps->p > start;
}

static jv *parse_value(parser *ps, int depth);

static jv *new_value(int type)
{
    jv *v = calloc(1, sizeof *v);
    assert_non_null(v);
    v->type = type;
    return v;
}

static void append(jv *v, char *key, jv *item)
{
    v->items = realloc(v->items, (v->n + 1) * sizeof *v->items);
    assert_non_null(v->items);
    if (v->type == J_OBJ) {
        v->keys = realloc(v->keys, (v->n + 1) * sizeof *v->keys);
        assert_non_null(v->keys);
        v->keys[v->n] = key;
    }
    v->items[v->n++] = item;
}

static jv *parse_container(parser *ps, int depth, int type)
{
    jv *v = new_value(type);
    char close = type == J_OBJ ? '}' : ']';
    ps->p++;
    ws(ps);
    if (*ps->p == close) {
        ps->p++;
        return v;
    }
    for (;;) {
        char *key = NULL;
        ws(ps);
        if (type == J_OBJ) {
            key = parse_string(ps);
            ws(ps);
            if (ps->bad || *ps->p != ':') {
                free(key);
                ps->bad = 1;
                return v;
            }
            ps->p++;
        }
        jv *item = parse_value(ps, depth + 1);
        append(v, key, item);
        if (ps->bad)
            return v;
        ws(ps);
        if (*ps->p == ',') {
            ps->p++;
            continue;
        }
        if (*ps->p != close)
            ps->bad = 1;
        else
            ps->p++;
        return v;
    }
}

static jv *parse_value(parser *ps, int depth)
{
    ws(ps);
    if (depth > 64) {
        ps->bad = 1;
        return NULL;
    }
    if (*ps->p == '{')
        return parse_container(ps, depth, J_OBJ);
    if (*ps->p == '[')
        return parse_container(ps, depth, J_ARR);
    if (*ps->p == '"') {
        char *s = parse_string(ps);
        if (!s)
            return NULL;
        jv *v = new_value(J_STR);
        v->str = s;
        return v;
    }
    static const struct {
        const char *word;
        int type;
    } words[] = {{"true", J_BOOL}, {"false", J_BOOL}, {"null", J_NULL}};
    for (size_t i = 0; i < 3; i++)
        if (strncmp(ps->p, words[i].word, strlen(words[i].word)) == 0) {
            ps->p += strlen(words[i].word);
            return new_value(words[i].type);
        }
    /* number: -?(0|[1-9]d*)(.d+)?([eE][+-]?d+)?, kept as text */
    const char *start = ps->p;
    if (*ps->p == '-')
        ps->p++;
    if (*ps->p == '0')
        ps->p++;
    else if (!(*ps->p >= '1' && *ps->p <= '9') || !digits(ps))
        goto bad;
    if (*ps->p == '.') {
        ps->p++;
        if (!digits(ps))
            goto bad;
    }
    if (*ps->p == 'e' || *ps->p == 'E') {
        ps->p++;
        if (*ps->p == '+' || *ps->p == '-')
            ps->p++;
        if (!digits(ps))
            goto bad;
    }
    jv *v = new_value(J_NUM);
    v->str = strndup(start, (size_t)(ps->p - start));
    return v;
bad:
    ps->bad = 1;
    return NULL;
}

/* The whole text must be one JSON value. */
static jv *parse_json(const char *s)
{
    parser ps = {s, 0};
    jv *v = parse_value(&ps, 0);
    ws(&ps);
    if (ps.bad || *ps.p) {
        jv_free(v);
        return NULL;
    }
    return v;
}

static jv *get(const jv *obj, const char *key)
{
    if (!obj || obj->type != J_OBJ)
        return NULL;
    for (size_t i = 0; i < obj->n; i++)
        if (strcmp(obj->keys[i], key) == 0)
            return obj->items[i];
    return NULL;
}

static const char *get_str(const jv *obj, const char *key)
{
    const jv *v = get(obj, key);
    return v && v->type == J_STR ? v->str : NULL;
}

/* ---- The curriculum under test ---- */

#define BASE "https://example.org/kurikulum/"
#define DATE "2026-11-29T06:59:15Z"

/* Python: uuid.uuid5(uuid.uuid5(uuid.NAMESPACE_URL, BASE), name). */
#define ID_DOCUMENT "cc7fd264-f880-5e2b-a502-ba6184e814e4"
#define ID_U1 "3577b705-982c-5afb-8973-68f9c482c998"
#define ID_E1 "fb4df817-a903-5ab4-ac3c-edc528ca3888"
#define ID_K1 "045c0013-52dd-59bf-b59b-50e1d9152b24"
#define ID_MODULE_M1 "d879bdbe-1b44-574e-abac-1a3e311d180b"
#define ID_CHILD_U1 "1e1906b1-dd9a-590f-890a-f39f624ce928"
#define ID_CHILD_E1 "25349fa4-242a-5a52-99ab-8ec2cbc56fad"
#define ID_RELATED_M1_E1 "c0e96b58-8015-52d3-99ad-edbe36c8cce5"
#define ID_DEPTH_I "23d4d9af-5310-5e26-b9d0-3cff65eb940f"

#define TRICKY_TITLE "Kode \"etik\" \\ pekerja\tsosial\x01 \xe2\x80\x94 caf\xc3\xa9\n"

typedef struct fixture {
    lt_competency u1, e1, k1;
    lt_competency *comps[3];
    lt_competency *e1_children[1], *u1_children[1];
    lt_coverage m1_cov[3], m2_cov[2];
    lt_module m1, m2;
    lt_module *mods[2];
    lt_curriculum c;
} fixture;

/* U1 > E1 > K1; M1 covers E1 (I), K1 (no depth) and an unknown id; M2
 * covers K1 (M) and E1 (A). */
static void make_fixture(fixture *f)
{
    memset(f, 0, sizeof *f);
    f->u1 = (lt_competency){.id = "U1",
                            .title = "Praktik pekerjaan sosial mikro",
                            .domain = "keterampilan",
                            .scope = "mikro"};
    f->e1 = (lt_competency){.id = "E1",
                            .title = TRICKY_TITLE,
                            .parent_id = "U1",
                            .parent = &f->u1,
                            .description = "Deskripsi \"E1\"."};
    f->k1 = (lt_competency){.id = "K1",
                            .title = "Melakukan asesmen",
                            .parent_id = "E1",
                            .parent = &f->e1,
                            .domain = "pengetahuan"};
    f->u1_children[0] = &f->e1;
    f->u1.children = f->u1_children;
    f->u1.nchildren = 1;
    f->e1_children[0] = &f->k1;
    f->e1.children = f->e1_children;
    f->e1.nchildren = 1;
    f->comps[0] = &f->u1;
    f->comps[1] = &f->e1;
    f->comps[2] = &f->k1;
    for (size_t i = 0; i < 3; i++)
        f->comps[i]->order = i;

    f->m1_cov[0] = (lt_coverage){.id = "E1", .depth = LT_DEPTH_I, .target = &f->e1};
    f->m1_cov[1] = (lt_coverage){.id = "K1", .depth = LT_DEPTH_NONE, .target = &f->k1};
    f->m1_cov[2] = (lt_coverage){.id = "ZZ9", .depth = LT_DEPTH_R, .target = NULL};
    f->m2_cov[0] = (lt_coverage){.id = "K1", .depth = LT_DEPTH_M, .target = &f->k1};
    f->m2_cov[1] = (lt_coverage){.id = "E1", .depth = LT_DEPTH_A, .target = &f->e1};
    f->m1 = (lt_module){.id = "M1",
                        .title = "Memahami Kesejahteraan Sosial",
                        .competencies = f->m1_cov,
                        .ncompetencies = 3};
    f->m2 = (lt_module){
        .id = "M2", .title = "Proses Pertolongan", .competencies = f->m2_cov, .ncompetencies = 2};
    f->mods[0] = &f->m1;
    f->mods[1] = &f->m2;

    f->c.competencies = f->comps;
    f->c.ncompetencies = 3;
    f->c.modules = f->mods;
    f->c.nmodules = 2;
}

static regex_t uuid_re, date_re;

static int setup(void **state)
{
    (void)state;
    if (regcomp(&uuid_re, "^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$",
                REG_EXTENDED | REG_NOSUB))
        return -1;
    if (regcomp(&date_re,
                "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?"
                "(Z|[+-][0-9]{2}:[0-9]{2})$",
                REG_EXTENDED | REG_NOSUB))
        return -1;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    regfree(&uuid_re);
    regfree(&date_re);
    return 0;
}

static void check_uuid(const char *s)
{
    assert_non_null(s);
    if (regexec(&uuid_re, s, 0, NULL, 0) != 0)
        fail_msg("not a lower-case UUIDv5: %s", s);
}

/* identifier is a UUIDv5 and uri is BASE + "case/" + identifier. */
static const char *check_identity(const jv *obj)
{
    const char *id = get_str(obj, "identifier");
    check_uuid(id);
    const char *uri = get_str(obj, "uri");
    assert_non_null(uri);
    assert_int_equal(strncmp(uri, BASE "case/", strlen(BASE "case/")), 0);
    assert_string_equal(uri + strlen(BASE "case/"), id);
    return id;
}

static void check_date(const jv *obj)
{
    const char *d = get_str(obj, "lastChangeDateTime");
    assert_non_null(d);
    assert_int_equal(regexec(&date_re, d, 0, NULL, 0), 0);
}

static const char *check_link(const jv *obj, const char *key)
{
    const jv *link = get(obj, key);
    assert_non_null(link);
    assert_int_equal(link->type, J_OBJ);
    assert_int_equal(link->n, 3); /* title, identifier, uri and nothing else */
    assert_non_null(get_str(link, "title"));
    return check_identity(link);
}

static int in_list(const char *id, const char **ids, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(ids[i], id) == 0)
            return 1;
    return 0;
}

static void exports_a_valid_cfpackage(void **state)
{
    (void)state;
    fixture f;
    make_fixture(&f);
    char *out = lt_case_export(&f.c, "Pelatihan Pekerjaan Sosial", "Kemensos", BASE, DATE);
    assert_non_null(out);
    jv *root = parse_json(out);
    if (!root)
        fail_msg("not valid JSON:\n%s", out);
    assert_int_equal(root->type, J_OBJ);

    const jv *doc = get(root, "CFDocument");
    assert_non_null(doc);
    assert_string_equal(check_identity(doc), ID_DOCUMENT);
    assert_string_equal(get_str(doc, "creator"), "Kemensos");
    assert_string_equal(get_str(doc, "title"), "Pelatihan Pekerjaan Sosial");
    assert_string_equal(get_str(doc, "caseVersion"), "1.1");
    assert_string_equal(get_str(doc, "lastChangeDateTime"), DATE);
    assert_null(get(doc, "CFPackageURI")); /* not part of CFPckgDocument in 1.1 */

    const jv *items = get(root, "CFItems");
    assert_non_null(items);
    assert_int_equal(items->type, J_ARR);
    assert_int_equal(items->n, 3);
    const char *item_ids[3];
    static const char *codes[] = {"U1", "E1", "K1"};
    static const char *types[] = {"Unit", "Elemen", "Kompetensi"};
    static const char *want_ids[] = {ID_U1, ID_E1, ID_K1};
    for (size_t i = 0; i < items->n; i++) {
        const jv *it = items->items[i];
        item_ids[i] = check_identity(it);
        assert_string_equal(item_ids[i], want_ids[i]);
        assert_string_equal(get_str(it, "humanCodingScheme"), codes[i]);
        assert_string_equal(get_str(it, "CFItemType"), types[i]);
        assert_non_null(get_str(it, "fullStatement"));
        check_date(it);
        assert_null(get(it, "CFDocumentURI"));
    }
    /* Escaping round-trips: quotes, backslash, tab, control code, UTF-8. */
    assert_string_equal(get_str(items->items[1], "fullStatement"), TRICKY_TITLE);
    assert_string_equal(get_str(items->items[1], "notes"), "Deskripsi \"E1\".");
    assert_null(get(items->items[0], "notes"));
    const jv *kw = get(items->items[0], "conceptKeywords");
    assert_non_null(kw);
    assert_int_equal(kw->n, 2);
    assert_string_equal(kw->items[0]->str, "keterampilan");
    assert_string_equal(kw->items[1]->str, "mikro");
    assert_null(get(items->items[1], "conceptKeywords"));

    /* 3 isChildOf (the root to the document) + 4 isRelatedTo; the coverage
     * of an unknown competency is left out. */
    const jv *assocs = get(root, "CFAssociations");
    assert_non_null(assocs);
    assert_int_equal(assocs->type, J_ARR);
    assert_int_equal(assocs->n, 7);
    const char *ids[7];
    for (size_t i = 0; i < assocs->n; i++) {
        const jv *a = assocs->items[i];
        ids[i] = check_identity(a);
        assert_false(in_list(ids[i], ids, i));
        assert_false(in_list(ids[i], item_ids, 3));
        const char *type = get_str(a, "associationType");
        assert_non_null(type);
        const char *from = check_link(a, "originNodeURI");
        const char *to = check_link(a, "destinationNodeURI");
        check_date(a);
        assert_null(get(a, "CFDocumentURI"));
        if (i < 3) {
            assert_string_equal(type, "isChildOf");
            assert_string_equal(from, item_ids[i]);
            assert_string_equal(to, i == 0 ? ID_DOCUMENT : item_ids[i - 1]);
            const jv *seq = get(a, "sequenceNumber");
            assert_non_null(seq);
            assert_int_equal(seq->type, J_NUM);
        } else {
            assert_string_equal(type, "isRelatedTo");
            assert_true(in_list(to, item_ids, 3));
        }
    }
    assert_string_equal(ids[0], ID_CHILD_U1);
    assert_string_equal(ids[1], ID_CHILD_E1);
    assert_string_equal(ids[3], ID_RELATED_M1_E1);
    assert_string_equal(get_str(get(assocs->items[1], "destinationNodeURI"), "title"),
                        "Praktik pekerjaan sosial mikro");
    assert_string_equal(get_str(get(assocs->items[0], "destinationNodeURI"), "title"),
                        "Pelatihan Pekerjaan Sosial");

    /* Module order, then coverage order: M1→E1 (I), M1→K1, M2→K1 (M), M2→E1 (A). */
    const jv *rel = assocs->items[3];
    assert_string_equal(get_str(get(rel, "originNodeURI"), "identifier"), ID_MODULE_M1);
    assert_string_equal(get_str(get(rel, "originNodeURI"), "title"),
                        "Memahami Kesejahteraan Sosial");
    assert_string_equal(get_str(get(rel, "destinationNodeURI"), "identifier"), ID_E1);
    assert_string_equal(check_link(rel, "CFAssociationGroupingURI"), ID_DEPTH_I);
    assert_null(get(assocs->items[4], "CFAssociationGroupingURI"));
    assert_string_equal(get_str(get(assocs->items[4], "destinationNodeURI"), "identifier"), ID_K1);
    assert_string_equal(get_str(get(assocs->items[5], "CFAssociationGroupingURI"), "title"),
                        "M: mastered");
    assert_string_equal(get_str(get(assocs->items[6], "CFAssociationGroupingURI"), "title"),
                        "A: assessed");

    /* The groupings used, I, M, A, in that order. */
    const jv *groups = get(get(root, "CFDefinitions"), "CFAssociationGroupings");
    assert_non_null(groups);
    assert_int_equal(groups->n, 3);
    assert_string_equal(check_identity(groups->items[0]), ID_DEPTH_I);
    assert_string_equal(get_str(groups->items[0], "title"), "I: introduced");
    assert_string_equal(get_str(groups->items[1], "title"), "M: mastered");
    assert_string_equal(get_str(groups->items[2], "title"), "A: assessed");
    for (size_t i = 0; i < groups->n; i++) {
        assert_non_null(get_str(groups->items[i], "description"));
        check_date(groups->items[i]);
    }
    jv_free(root);

    /* Same input, same bytes. */
    char *again = lt_case_export(&f.c, "Pelatihan Pekerjaan Sosial", "Kemensos", BASE, DATE);
    assert_non_null(again);
    assert_string_equal(again, out);
    free(again);
    free(out);
}

/* Two-space indent, one member per line, ending in a newline. */
static void layout_is_indented(void **state)
{
    (void)state;
    fixture f;
    make_fixture(&f);
    char *out = lt_case_export(&f.c, "T", "C", BASE, DATE);
    assert_non_null(out);
    const char *head = "{\n"
                       "  \"CFDocument\": {\n"
                       "    \"identifier\": \"" ID_DOCUMENT "\",\n"
                       "    \"uri\": \"" BASE "case/" ID_DOCUMENT "\",\n";
    assert_int_equal(strncmp(out, head, strlen(head)), 0);
    assert_non_null(strstr(out, "\n  \"CFItems\": [\n    {\n      \"identifier\": "));
    assert_non_null(strstr(out, "\"fullStatement\": \"Kode \\\"etik\\\" \\\\ pekerja\\tsosial"
                                "\\u0001 \xe2\x80\x94 caf\xc3\xa9\\n\""));
    size_t n = strlen(out);
    assert_true(n > 2 && out[n - 1] == '\n' && out[n - 2] == '}');
    free(out);
}

static void empty_framework(void **state)
{
    (void)state;
    lt_curriculum c;
    memset(&c, 0, sizeof c);
    char *out = lt_case_export(&c, "T", "C", "urn:example:kurikulum", "2026-01-02");
    assert_non_null(out);
    jv *root = parse_json(out);
    assert_non_null(root);
    assert_int_equal(get(root, "CFItems")->n, 0);
    assert_int_equal(get(root, "CFAssociations")->n, 0);
    assert_null(get(root, "CFDefinitions"));
    const jv *doc = get(root, "CFDocument");
    assert_string_equal(get_str(doc, "lastChangeDateTime"), "2026-01-02T00:00:00Z");
    /* A base without a final slash gets one before "case/". */
    assert_int_equal(strncmp(get_str(doc, "uri"), "urn:example:kurikulum/case/", 27), 0);
    assert_non_null(strstr(out, "\"CFItems\": [],"));
    jv_free(root);
    free(out);
}

/* Roots are units, leaves competencies, anything between an element. */
static void item_types_follow_the_tree(void **state)
{
    (void)state;
    lt_competency u1 = {.id = "U1", .title = "Tugas"};
    lt_competency mikro = {.id = "U1-MIKRO", .title = "Mikro", .parent = &u1};
    lt_competency tg01 = {.id = "TG01", .title = "Tugas 1", .parent = &mikro};
    lt_competency u2 = {.id = "U2", .title = "Dasar"};
    lt_competency kd1 = {.id = "KD1", .title = "Komunikasi", .parent = &u2};
    lt_competency u3 = {.id = "U3", .title = "Tanpa anak"};
    lt_competency *u1_children[] = {&mikro}, *mikro_children[] = {&tg01}, *u2_children[] = {&kd1};
    u1.children = u1_children;
    u1.nchildren = 1;
    mikro.children = mikro_children;
    mikro.nchildren = 1;
    u2.children = u2_children;
    u2.nchildren = 1;
    lt_competency *all[] = {&u1, &mikro, &tg01, &u2, &kd1, &u3};
    lt_curriculum c;
    memset(&c, 0, sizeof c);
    c.competencies = all;
    c.ncompetencies = 6;

    char *out = lt_case_export(&c, "T", "C", BASE, DATE);
    jv *root = parse_json(out);
    assert_non_null(root);
    const jv *items = get(root, "CFItems");
    static const char *want[] = {"Unit", "Elemen", "Kompetensi", "Unit", "Kompetensi", "Unit"};
    assert_int_equal(items->n, 6);
    for (size_t i = 0; i < 6; i++)
        assert_string_equal(get_str(items->items[i], "CFItemType"), want[i]);
    /* Siblings are numbered in framework order: U1, U2, U3 under the document. */
    const jv *assocs = get(root, "CFAssociations");
    static const size_t seq[] = {1, 1, 1, 2, 1, 3};
    assert_int_equal(assocs->n, 6);
    for (size_t i = 0; i < 6; i++) {
        char want_seq[16];
        snprintf(want_seq, sizeof want_seq, "%zu", seq[i]);
        assert_non_null(get(assocs->items[i], "sequenceNumber"));
        assert_string_equal(get(assocs->items[i], "sequenceNumber")->str, want_seq);
    }
    jv_free(root);
    free(out);
}

static void rejects_bad_arguments(void **state)
{
    (void)state;
    fixture f;
    make_fixture(&f);
    assert_null(lt_case_export(&f.c, "T", "C", "", DATE));
    assert_null(lt_case_export(&f.c, "T", "C", NULL, DATE));
    assert_null(lt_case_export(&f.c, NULL, "C", BASE, DATE));
    assert_null(lt_case_export(&f.c, "T", NULL, BASE, DATE));
    static const char *bad_dates[] = {
        "",
        "yesterday",
        "2026-1-02",
        "2026-01-02T",
        "2026-01-02 10:00:00Z",
        "2026-01-02T10:00:00",
        "2026-01-02T10:00:00+0700",
        "2026-01-02T10:00:00Zx",
        "2026-01-02T10:00:00.Z",
    };
    for (size_t i = 0; i < sizeof bad_dates / sizeof bad_dates[0]; i++)
        if (lt_case_export(&f.c, "T", "C", BASE, bad_dates[i]))
            fail_msg("accepted date '%s'", bad_dates[i]);
    static const char *good_dates[] = {"2026-01-02T10:00:00.123Z", "2026-01-02T10:00:00+07:00",
                                       "2026-01-02T10:00:00-03:30"};
    for (size_t i = 0; i < sizeof good_dates / sizeof good_dates[0]; i++) {
        char *out = lt_case_export(&f.c, "T", "C", BASE, good_dates[i]);
        assert_non_null(out);
        jv *root = parse_json(out);
        assert_string_equal(get_str(get(root, "CFDocument"), "lastChangeDateTime"), good_dates[i]);
        jv_free(root);
        free(out);
    }
}

/* The validator itself must reject what it should. */
static void parser_rejects_invalid_json(void **state)
{
    (void)state;
    static const char *bad[] = {
        "",   "{",  "{\"a\" 1}", "{\"a\":1,}",  "[1,]",         "\"tab\there\"", "\"\\x\"",
        "01", "1.", "{} {}",     "\"\\ud800\"", "[\"a\"\"b\"]", "{a:1}",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        jv *v = parse_json(bad[i]);
        if (v)
            fail_msg("accepted %s", bad[i]);
    }
    jv *v = parse_json(" {\"a\": [1, -2.5e3, true, null, \"\\u00e9\\ud83d\\ude00\"]} ");
    assert_non_null(v);
    assert_string_equal(get(v, "a")->items[4]->str, "\xc3\xa9\xf0\x9f\x98\x80");
    jv_free(v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(exports_a_valid_cfpackage), cmocka_unit_test(layout_is_indented),
        cmocka_unit_test(empty_framework),           cmocka_unit_test(item_types_follow_the_tree),
        cmocka_unit_test(rejects_bad_arguments),     cmocka_unit_test(parser_rejects_invalid_json),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
