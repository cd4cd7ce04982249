#include "render/case_export.h"

#include "util/buf.h"
#include "util/uuid.h"

#include <string.h>

/* A JSON writer laid out like Python's json.dumps(indent=2). */
typedef struct json {
    lt_buf b;
    int depth;
    int need_comma; /* the open container already holds a value */
} json;

static void put_string(lt_buf *b, const char *s)
{
    lt_buf_putc(b, '"');
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        switch (ch) {
        case '"':
            lt_buf_puts(b, "\\\"");
            break;
        case '\\':
            lt_buf_puts(b, "\\\\");
            break;
        case '\b':
            lt_buf_puts(b, "\\b");
            break;
        case '\f':
            lt_buf_puts(b, "\\f");
            break;
        case '\n':
            lt_buf_puts(b, "\\n");
            break;
        case '\r':
            lt_buf_puts(b, "\\r");
            break;
        case '\t':
            lt_buf_puts(b, "\\t");
            break;
        default:
            /* UTF-8 passes through; JSON only forbids raw control codes. */
            if (ch < 0x20)
                lt_buf_printf(b, "\\u%04x", ch);
            else
                lt_buf_putc(b, (char)ch);
        }
    }
    lt_buf_putc(b, '"');
}

static void j_newline(json *j)
{
    lt_buf_putc(&j->b, '\n');
    for (int i = 0; i < j->depth; i++)
        lt_buf_puts(&j->b, "  ");
}

/* Separator, line break and key before a value; key is NULL in arrays. */
static void j_next(json *j, const char *key)
{
    if (j->need_comma)
        lt_buf_putc(&j->b, ',');
    if (j->depth)
        j_newline(j);
    if (key) {
        put_string(&j->b, key);
        lt_buf_puts(&j->b, ": ");
    }
}

static void j_open(json *j, const char *key, char bracket)
{
    j_next(j, key);
    lt_buf_putc(&j->b, bracket);
    j->depth++;
    j->need_comma = 0;
}

static void j_close(json *j, char bracket)
{
    j->depth--;
    if (j->need_comma) /* empty containers stay on one line: [] */
        j_newline(j);
    lt_buf_putc(&j->b, bracket);
    j->need_comma = 1;
}

static void j_str(json *j, const char *key, const char *s)
{
    j_next(j, key);
    put_string(&j->b, s);
    j->need_comma = 1;
}

static void j_num(json *j, const char *key, size_t n)
{
    j_next(j, key);
    lt_buf_printf(&j->b, "%zu", n);
    j->need_comma = 1;
}

typedef struct exporter {
    json j;
    unsigned char ns[LT_UUID_LEN];
    const char *base;
    const char *date;
} exporter;

static void put_identity(exporter *x, const char *name)
{
    char id[LT_UUID_STR];
    lt_uuid_v5(x->ns, name, id);
    j_str(&x->j, "identifier", id);
    size_t n = strlen(x->base);
    lt_buf b = LT_BUF_INIT;
    lt_buf_printf(&b, "%s%scase/%s", x->base, n && x->base[n - 1] == '/' ? "" : "/", id);
    j_str(&x->j, "uri", lt_buf_cstr(&b));
    lt_buf_free(&b);
}

/* A LinkURI / LinkGenURI object: title, identifier and uri of `name`. */
static void put_link(exporter *x, const char *key, const char *title, const char *name)
{
    j_open(&x->j, key, '{');
    j_str(&x->j, "title", title);
    put_identity(x, name);
    j_close(&x->j, '}');
}

static const char *title_of(const lt_competency *k)
{
    return k->title ? k->title : k->id;
}

/* Roots are units and leaves competencies, whatever their depth (a unit
 * may list its competencies directly); levels in between are elements. */
static const char *item_type(const lt_competency *k)
{
    if (!k->parent)
        return "Unit";
    return k->nchildren ? "Elemen" : "Kompetensi";
}

static void put_item(exporter *x, const lt_competency *k)
{
    j_open(&x->j, NULL, '{');
    put_identity(x, k->id);
    j_str(&x->j, "fullStatement", title_of(k));
    j_str(&x->j, "humanCodingScheme", k->id);
    j_str(&x->j, "CFItemType", item_type(k));
    if (k->domain || k->scope) {
        j_open(&x->j, "conceptKeywords", '[');
        if (k->domain)
            j_str(&x->j, NULL, k->domain);
        if (k->scope)
            j_str(&x->j, NULL, k->scope);
        j_close(&x->j, ']');
    }
    if (k->description)
        j_str(&x->j, "notes", k->description);
    j_str(&x->j, "lastChangeDateTime", x->date);
    j_close(&x->j, '}');
}

/* isChildOf from competency i to its parent, or to the document for a
 * root; sequenceNumber counts siblings in framework order from 1. */
static void put_child_of(exporter *x, const lt_curriculum *c, size_t i, const char *doc_title)
{
    const lt_competency *k = c->competencies[i];
    size_t seq = 1;
    for (size_t s = 0; s < i; s++)
        seq += c->competencies[s]->parent == k->parent;
    const char *parent = k->parent ? k->parent->id : "document";
    lt_buf name = LT_BUF_INIT;
    lt_buf_printf(&name, "isChildOf:%s:%s", k->id, parent);

    j_open(&x->j, NULL, '{');
    put_identity(x, lt_buf_cstr(&name));
    j_str(&x->j, "associationType", "isChildOf");
    j_num(&x->j, "sequenceNumber", seq);
    put_link(x, "originNodeURI", title_of(k), k->id);
    put_link(x, "destinationNodeURI", k->parent ? title_of(k->parent) : doc_title, parent);
    j_str(&x->j, "lastChangeDateTime", x->date);
    j_close(&x->j, '}');
    lt_buf_free(&name);
}

static const struct grouping {
    const char *name, *title, *description;
} groupings[] = {
    [LT_DEPTH_I] = {"depth:I", "I: introduced", "Modules that introduce the competency."},
    [LT_DEPTH_R] = {"depth:R", "R: reinforced", "Modules that reinforce the competency."},
    [LT_DEPTH_M] = {"depth:M", "M: mastered", "Modules in which the competency is mastered."},
    [LT_DEPTH_A] = {"depth:A", "A: assessed", "Modules that assess the competency."},
};

static void put_related(exporter *x, const lt_module *m, const lt_coverage *cv)
{
    const lt_competency *k = cv->target;
    lt_buf name = LT_BUF_INIT;
    j_open(&x->j, NULL, '{');
    lt_buf_printf(&name, "isRelatedTo:%s:%s", m->id, k->id);
    put_identity(x, lt_buf_cstr(&name));
    j_str(&x->j, "associationType", "isRelatedTo");
    lt_buf_clear(&name);
    lt_buf_printf(&name, "module:%s", m->id);
    put_link(x, "originNodeURI", m->title ? m->title : m->id, lt_buf_cstr(&name));
    put_link(x, "destinationNodeURI", title_of(k), k->id);
    if (cv->depth != LT_DEPTH_NONE) {
        const struct grouping *g = &groupings[cv->depth];
        put_link(x, "CFAssociationGroupingURI", g->title, g->name);
    }
    j_str(&x->j, "lastChangeDateTime", x->date);
    j_close(&x->j, '}');
    lt_buf_free(&name);
}

/* Groupings of the depths some module gives, in I, R, M, A order. */
static void put_definitions(exporter *x, const lt_curriculum *c)
{
    int used[LT_DEPTH_A + 1] = {0};
    int any = 0;
    for (size_t i = 0; i < c->nmodules; i++)
        for (size_t k = 0; k < c->modules[i]->ncompetencies; k++) {
            const lt_coverage *cv = &c->modules[i]->competencies[k];
            if (cv->target && cv->depth != LT_DEPTH_NONE)
                any = used[cv->depth] = 1;
        }
    if (!any)
        return;
    j_open(&x->j, "CFDefinitions", '{');
    j_open(&x->j, "CFAssociationGroupings", '[');
    for (int d = LT_DEPTH_I; d <= LT_DEPTH_A; d++) {
        if (!used[d])
            continue;
        j_open(&x->j, NULL, '{');
        put_identity(x, groupings[d].name);
        j_str(&x->j, "title", groupings[d].title);
        j_str(&x->j, "description", groupings[d].description);
        j_str(&x->j, "lastChangeDateTime", x->date);
        j_close(&x->j, '}');
    }
    j_close(&x->j, ']');
    j_close(&x->j, '}');
}

/* Matches s against a template where 'd' is a digit and anything else is
 * itself; advances s past the match. */
static int match(const char **s, const char *tmpl)
{
    const char *p = *s;
    for (; *tmpl; tmpl++, p++) {
        if (*tmpl == 'd' ? !(*p >= '0' && *p <= '9') : *p != *tmpl)
            return 0;
    }
    *s = p;
    return 1;
}

/* Copies an ISO 8601 date-time to out, or a bare date as midnight UTC;
 * returns -1 for anything else. */
static int normalise_date(const char *date, lt_buf *out)
{
    const char *s = date;
    if (!match(&s, "dddd-dd-dd"))
        return -1;
    if (!*s) {
        lt_buf_printf(out, "%sT00:00:00Z", date);
        return 0;
    }
    if (!match(&s, "Tdd:dd:dd"))
        return -1;
    if (*s == '.' && s[1] >= '0' && s[1] <= '9')
        for (s++; *s >= '0' && *s <= '9'; s++)
            ;
    if (!match(&s, "Z") && !match(&s, "+dd:dd") && !match(&s, "-dd:dd"))
        return -1;
    if (*s)
        return -1;
    lt_buf_puts(out, date);
    return 0;
}

static char *write_package(const lt_curriculum *c, const char *site_title, const char *creator,
                           const char *base, const char *date)
{
    exporter x = {.j = {LT_BUF_INIT, 0, 0}, .base = base, .date = date};
    lt_uuid_v5_bin(lt_uuid_ns_url, base, strlen(base), x.ns);

    j_open(&x.j, NULL, '{');
    j_open(&x.j, "CFDocument", '{');
    put_identity(&x, "document");
    j_str(&x.j, "caseVersion", "1.1");
    j_str(&x.j, "creator", creator);
    j_str(&x.j, "title", site_title);
    j_str(&x.j, "lastChangeDateTime", date);
    j_close(&x.j, '}');

    j_open(&x.j, "CFItems", '[');
    for (size_t i = 0; i < c->ncompetencies; i++)
        put_item(&x, c->competencies[i]);
    j_close(&x.j, ']');

    j_open(&x.j, "CFAssociations", '[');
    for (size_t i = 0; i < c->ncompetencies; i++)
        put_child_of(&x, c, i, site_title);
    for (size_t i = 0; i < c->nmodules; i++) {
        const lt_module *m = c->modules[i];
        for (size_t k = 0; k < m->ncompetencies; k++)
            if (m->competencies[k].target)
                put_related(&x, m, &m->competencies[k]);
    }
    j_close(&x.j, ']');

    put_definitions(&x, c);
    j_close(&x.j, '}');
    lt_buf_putc(&x.j.b, '\n');
    return lt_buf_detach(&x.j.b);
}

char *lt_case_export(const lt_curriculum *c, const char *site_title, const char *creator,
                     const char *base, const char *date)
{
    char *result = NULL;
    if (!c || !site_title || !creator || !base || !*base || !date)
        return NULL;
    lt_buf when = LT_BUF_INIT;
    if (normalise_date(date, &when) == 0)
        result = write_package(c, site_title, creator, base, lt_buf_cstr(&when));
    lt_buf_free(&when);
    return result;
}
