#include "render/search_index.h"

#include "load/markdown.h"
#include "render/search_text.h"
#include "util/arena.h"
#include "util/map.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* BM25F: a title word counts like five body words, a heading word like
 * two; long bodies are normalised more than long titles. */
enum { F_TITLE, F_HEADING, F_BODY, NFIELDS };
static const double field_weight[NFIELDS] = {5.0, 2.0, 1.0};
static const double field_b[NFIELDS] = {0.5, 0.5, 0.75};
#define BM25_K1 1.2

/* Score levels per term: 20 keeps the postings of pages next to each other
 * in reading order (gaps of 1 to 3) at one character each. */
#define LEVELS 20
#define EXCERPT_CHARS 300
#define TITLE_CHARS 200
#define MAX_HEADINGS 16
#define HEADING_CHARS 80

/* Digits of the postings: printable ASCII without '"' and '\' (so a
 * string needs no escapes) and without '(' and 'X' (so no run of digits can
 * spell fetch( or XMLHttpRequest for the offline lint). The first NTERM end
 * a number, the other NCONT continue it. */
static const char digits[] = " !#$%&')*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWYZ[]^_`"
                             "abcdefghijklmnopqrstuvwxyz{|}~";
#define NTERM 60
#define NCONT 31

typedef struct {
    const char *term; /* the one copy in the worker's stemmer */
    unsigned short tf[NFIELDS];
} doc_term;

typedef struct {
    const char *text, *id;
} doc_heading;

typedef struct {
    const lt_page *page;
    doc_term *terms;
    size_t nterms;
    unsigned len[NFIELDS];
    const char *excerpt;
    doc_heading *headings;
    size_t nheadings;
} doc;

typedef struct {
    lt_arena *arena;
    lt_search_stemmer *stemmer;
    doc **docs;
    size_t ndocs, docs_cap;
    /* Scratch, reused page after page: the text, and the term counts of
     * the page being read (counts in first-seen order; slots, an
     * open-addressing table from a term's pointer to 1 + its count). */
    lt_buf body, heading;
    doc *cur;
    int field;
    doc_term *counts;
    size_t ncounts, counts_cap;
    size_t *slots;
    size_t nslots;
} worker;

struct lt_search {
    worker *workers;
    int threads;
};

lt_search *lt_search_new(int threads)
{
    lt_search *s = lt_xcalloc(1, sizeof *s);
    s->threads = threads;
    s->workers = lt_xcalloc((size_t)threads, sizeof *s->workers);
    for (int t = 0; t < threads; t++) {
        s->workers[t].arena = lt_arena_new();
        s->workers[t].stemmer = lt_search_stemmer_new();
    }
    return s;
}

void lt_search_free(lt_search *s)
{
    if (!s)
        return;
    for (int t = 0; t < s->threads; t++) {
        worker *w = &s->workers[t];
        lt_search_stemmer_free(w->stemmer);
        lt_arena_free(w->arena);
        lt_buf_free(&w->body);
        lt_buf_free(&w->heading);
        free(w->docs);
        free(w->counts);
        free(w->slots);
    }
    free(s->workers);
    free(s);
}

/* ---- reading a page ---- */

/* Terms are compared by pointer: the stemmer keeps one copy of each. */
static size_t slot_of(const worker *w, const char *term)
{
    /* Fibonacci hashing: the high half of the product mixes every bit. */
    size_t j = (size_t)(((uint64_t)(uintptr_t)term * 0x9E3779B97F4A7C15ULL) >> 32);
    for (j &= w->nslots - 1; w->slots[j]; j = (j + 1) & (w->nslots - 1))
        if (w->counts[w->slots[j] - 1].term == term)
            break;
    return j;
}

static void grow_slots(worker *w)
{
    free(w->slots);
    w->nslots = w->nslots ? w->nslots * 2 : 1024;
    w->slots = lt_xcalloc(w->nslots, sizeof *w->slots);
    for (size_t i = 0; i < w->ncounts; i++)
        w->slots[slot_of(w, w->counts[i].term)] = i + 1;
}

static void count_term(void *ctx, const char *term)
{
    worker *w = ctx;
    if ((w->ncounts + 1) * 2 > w->nslots)
        grow_slots(w);
    size_t j = slot_of(w, term);
    if (!w->slots[j]) {
        if (w->ncounts == w->counts_cap) {
            w->counts_cap = w->counts_cap ? w->counts_cap * 2 : 512;
            w->counts = lt_xrealloc(w->counts, w->counts_cap * sizeof *w->counts);
        }
        memset(&w->counts[w->ncounts], 0, sizeof *w->counts);
        w->counts[w->ncounts].term = term;
        w->slots[j] = ++w->ncounts;
    }
    unsigned short *tf = &w->counts[w->slots[j] - 1].tf[w->field];
    if (*tf < 0xFFFF)
        (*tf)++;
    w->cur->len[w->field]++;
}

static void add_text(worker *w, int field, const char *text, size_t len)
{
    w->field = field;
    lt_search_terms(w->stemmer, text, len, count_term, w);
}

/* The id lontar gave the heading that starts on this line (load/page.c
 * keeps them in p->headings), or NULL. */
static const char *heading_id(const lt_page *p, cmark_node *node)
{
    int line = cmark_node_get_start_line(node) + p->line_offset;
    int level = cmark_node_get_heading_level(node);
    for (size_t i = 0; i < p->nheadings; i++)
        if (p->headings[i].line == line && p->headings[i].level == level)
            return p->headings[i].id;
    return NULL;
}

/* Copies at most max characters of s into the arena, cut after a whole
 * word when it is longer, with "…" then. Whitespace runs become one space. */
static const char *clip(lt_arena *a, const char *s, size_t n, size_t max)
{
    lt_buf b = LT_BUF_INIT;
    size_t chars = 0, last_space = 0;
    int cut = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        int space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
        if (space && (b.len == 0 || b.data[b.len - 1] == ' '))
            continue;
        if ((c & 0xC0) != 0x80 && chars++ == max) {
            cut = 1;
            break;
        }
        if (space)
            last_space = b.len;
        lt_buf_putc(&b, space ? ' ' : (char)c);
    }
    if (cut && last_space)
        b.len = last_space;
    while (b.len && b.data[b.len - 1] == ' ')
        b.len--;
    if (cut)
        lt_buf_puts(&b, "\xE2\x80\xA6");
    const char *out = lt_arena_strndup(a, lt_buf_cstr(&b), b.len);
    lt_buf_free(&b);
    return out;
}

/* Body text, block by block; heading text separately. Code blocks and raw
 * HTML are left out; inline code is kept. */
static void read_doc(worker *w, const lt_page *p, doc *dc)
{
    size_t cap = 0;
    cmark_iter *it = cmark_iter_new(p->doc);
    cmark_event_type ev;
    int in_heading = 0;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *node = cmark_iter_get_node(it);
        cmark_node_type type = cmark_node_get_type(node);
        lt_buf *to = in_heading ? &w->heading : &w->body;
        if (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE) {
            lt_buf_puts(to, cmark_node_get_literal(node));
        } else if (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK) {
            lt_buf_putc(to, ' ');
        } else if (type == CMARK_NODE_HEADING && ev == CMARK_EVENT_ENTER) {
            in_heading = 1;
            lt_buf_clear(&w->heading);
        } else if (type == CMARK_NODE_HEADING) {
            in_heading = 0;
            add_text(w, F_HEADING, lt_buf_cstr(&w->heading), w->heading.len);
            if (dc->nheadings == MAX_HEADINGS || w->heading.len == 0 ||
                (p->title && strcmp(p->title, lt_buf_cstr(&w->heading)) == 0))
                continue;
            if (dc->nheadings == cap) {
                cap = cap ? cap * 2 : 8;
                doc_heading *grown = lt_arena_alloc(w->arena, cap * sizeof *grown);
                if (dc->nheadings)
                    memcpy(grown, dc->headings, dc->nheadings * sizeof *grown);
                dc->headings = grown;
            }
            doc_heading *h = &dc->headings[dc->nheadings++];
            h->text = clip(w->arena, w->heading.data, w->heading.len, HEADING_CHARS);
            h->id = heading_id(p, node);
        } else if ((type & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK) {
            /* Blocks (paragraphs, items, table cells…) end words. */
            lt_buf_putc(&w->body, ' ');
        }
    }
    cmark_iter_free(it);
}

void lt_search_add_page(lt_search *s, const lt_page *p, int worker_id)
{
    worker *w = &s->workers[worker_id];
    doc *dc = lt_arena_alloc(w->arena, sizeof *dc);
    dc->page = p;
    w->cur = dc;
    w->ncounts = 0;
    if (w->slots)
        memset(w->slots, 0, w->nslots * sizeof *w->slots);
    lt_buf_clear(&w->body);
    if (p->title)
        add_text(w, F_TITLE, p->title, strlen(p->title));
    if (p->doc)
        read_doc(w, p, dc);
    add_text(w, F_BODY, lt_buf_cstr(&w->body), w->body.len);
    dc->excerpt = clip(w->arena, lt_buf_cstr(&w->body), w->body.len, EXCERPT_CHARS);

    dc->nterms = w->ncounts;
    dc->terms = lt_arena_alloc(w->arena, (w->ncounts ? w->ncounts : 1) * sizeof *dc->terms);
    if (w->ncounts)
        memcpy(dc->terms, w->counts, w->ncounts * sizeof *dc->terms);

    if (w->ndocs == w->docs_cap) {
        w->docs_cap = w->docs_cap ? w->docs_cap * 2 : 64;
        w->docs = lt_xrealloc(w->docs, w->docs_cap * sizeof *w->docs);
    }
    w->docs[w->ndocs++] = dc;
}

void lt_search_forget(lt_search *s, const lt_page *p)
{
    for (int t = 0; t < s->threads; t++) {
        worker *w = &s->workers[t];
        size_t keep = 0;
        for (size_t i = 0; i < w->ndocs; i++)
            if (w->docs[i]->page != p)
                w->docs[keep++] = w->docs[i];
        w->ndocs = keep;
    }
}

lt_page *lt_search_results_page(lt_site *site)
{
    if (lt_map_get(&site->by_out, LT_SEARCH_RESULTS_PAGE))
        return NULL;
    int en = strcmp(site->config.language, "en") == 0;
    const char *text = en ? "Type words in the search box above. Search runs in this browser, "
                            "without the internet, and needs JavaScript."
                          : "Tulis kata yang dicari di kotak pencarian di atas. Pencarian "
                            "berjalan di peramban ini, tanpa internet, dan memerlukan JavaScript.";
    lt_page *p = lt_arena_alloc(site->arena, sizeof *p);
    p->src_path = "cari.md";
    p->out_path = LT_SEARCH_RESULTS_PAGE;
    p->id = "cari";
    p->title = en ? "Search" : "Pencarian";
    p->generated = 1;
    p->section = site->root;
    p->order = site->npages;
    p->doc = lt_markdown_parse(text, strlen(text), 0);
    return p;
}

/* ---- ranking ---- */

typedef struct {
    unsigned doc;
    float tf; /* the page's BM25F term frequency, fields weighted and normalised */
} posting;

typedef struct {
    const char *term;
    posting *p;
    size_t n, cap;
    long top;             /* highest score × 1000 */
    unsigned char *level; /* per posting, 1..LEVELS */
} term_entry;

static int cmp_doc(const void *a, const void *b)
{
    const doc *x = *(doc *const *)a, *y = *(doc *const *)b;
    if (x->page->order != y->page->order)
        return x->page->order < y->page->order ? -1 : 1;
    return strcmp(x->page->out_path, y->page->out_path);
}

static int cmp_term(const void *a, const void *b)
{
    return strcmp((*(term_entry *const *)a)->term, (*(term_entry *const *)b)->term);
}

/* Postings in page order, then a quantised BM25F score per posting. */
static term_entry **rank(doc **docs, size_t ndocs, size_t *out_n)
{
    double avg[NFIELDS] = {0};
    for (size_t i = 0; i < ndocs; i++)
        for (int f = 0; f < NFIELDS; f++)
            avg[f] += docs[i]->len[f];
    for (int f = 0; f < NFIELDS; f++)
        avg[f] = avg[f] > 0 ? avg[f] / (double)ndocs : 1;

    lt_map by_term;
    lt_map_init(&by_term);
    term_entry **terms = NULL;
    size_t nterms = 0, cap = 0;
    for (size_t k = 0; k < ndocs; k++) {
        const doc *dc = docs[k];
        double norm[NFIELDS];
        for (int f = 0; f < NFIELDS; f++)
            norm[f] = 1 - field_b[f] + field_b[f] * dc->len[f] / avg[f];
        for (size_t i = 0; i < dc->nterms; i++) {
            const doc_term *dt = &dc->terms[i];
            term_entry *t = lt_map_get(&by_term, dt->term);
            if (!t) {
                t = lt_xcalloc(1, sizeof *t);
                t->term = dt->term;
                lt_map_put(&by_term, t->term, t);
                if (nterms == cap) {
                    cap = cap ? cap * 2 : 1024;
                    terms = lt_xrealloc(terms, cap * sizeof *terms);
                }
                terms[nterms++] = t;
            }
            double tf = 0;
            for (int f = 0; f < NFIELDS; f++)
                tf += field_weight[f] * dt->tf[f] / norm[f];
            if (t->n == t->cap) {
                t->cap = t->cap ? t->cap * 2 : 4;
                t->p = lt_xrealloc(t->p, t->cap * sizeof *t->p);
            }
            t->p[t->n].doc = (unsigned)k;
            t->p[t->n].tf = (float)tf;
            t->n++;
        }
    }
    lt_map_free(&by_term);
    if (nterms > 1)
        qsort(terms, nterms, sizeof *terms, cmp_term);

    for (size_t i = 0; i < nterms; i++) {
        term_entry *t = terms[i];
        double df = (double)t->n;
        double idf = log(1 + ((double)ndocs - df + 0.5) / (df + 0.5));
        double top = 0;
        for (size_t j = 0; j < t->n; j++) {
            double sc = idf * t->p[j].tf / (BM25_K1 + t->p[j].tf);
            t->p[j].tf = (float)sc;
            if (sc > top)
                top = sc;
        }
        t->top = lround(top * 1000);
        if (t->top < 1)
            t->top = 1;
        t->level = lt_xmalloc(t->n);
        for (size_t j = 0; j < t->n; j++) {
            long level = lround(LEVELS * t->p[j].tf * 1000 / (double)t->top);
            t->level[j] = (unsigned char)(level < 1 ? 1 : level > LEVELS ? LEVELS : level);
        }
    }
    *out_n = nterms;
    return terms;
}

/* ---- writing ---- */

/* A JavaScript string literal: ASCII only (non-ASCII as \u escapes, so the
 * file reads the same in any encoding), with '(' escaped so that no page
 * text spells fetch( or import( for the offline lint, nor XMLHttpRequest. */
static void put_js_string(lt_buf *b, const char *s)
{
    lt_buf_putc(b, '"');
    const unsigned char *u = (const unsigned char *)s;
    while (*u) {
        unsigned c = *u;
        if (c == '"' || c == '\\') {
            lt_buf_putc(b, '\\');
            lt_buf_putc(b, (char)c);
            u++;
            continue;
        }
        if (c >= 0x20 && c < 0x7F && c != '(' &&
            !(c == 'X' && strncmp((const char *)u, "XMLHttpRequest", 14) == 0)) {
            lt_buf_putc(b, (char)c);
            u++;
            continue;
        }
        /* Decode one code point; text from Markdown is valid UTF-8. */
        unsigned cp = c;
        int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
        if (extra)
            cp = c & (0x3F >> extra);
        u++;
        for (int k = 0; k < extra && (*u & 0xC0) == 0x80; k++, u++)
            cp = (cp << 6) | (*u & 0x3F);
        if (cp >= 0x10000) {
            cp -= 0x10000;
            lt_buf_printf(b, "\\u%04x\\u%04x", 0xD800 + (cp >> 10), 0xDC00 + (cp & 0x3FF));
        } else {
            lt_buf_printf(b, "\\u%04x", cp);
        }
    }
    lt_buf_putc(b, '"');
}

/* A number as NCONT-digits (most significant first) then one NTERM-digit. */
static void put_number(lt_buf *b, unsigned long v)
{
    char tmp[16];
    int n = 0;
    unsigned long hi = v / NTERM;
    while (hi) {
        tmp[n++] = digits[NTERM + hi % NCONT];
        hi /= NCONT;
    }
    while (n)
        lt_buf_putc(b, tmp[--n]);
    lt_buf_putc(b, digits[v % NTERM]);
}

void lt_search_shard_key(lt_buf *out, const char *first_term, unsigned nth)
{
    lt_buf_puts(out, "t-");
    const unsigned char *u = (const unsigned char *)first_term;
    for (int k = 0; k < 2 && *u; k++) {
        int plain = (*u >= 'a' && *u <= 'z') || (*u >= '0' && *u <= '9');
        lt_buf_putc(out, plain ? (char)*u : '_');
        /* one character, however many bytes */
        for (u++; (*u & 0xC0) == 0x80; u++)
            ;
    }
    if (nth)
        lt_buf_printf(out, "-%u", nth + 1);
}

typedef struct {
    lt_output *out;
    lt_diag *d;
    int failed;
    lt_buf file;    /* the shard being filled */
    size_t entries; /* in it */
    lt_buf key;
    lt_map keys_used; /* two-letter key → how many shards (cast to pointer) */
    lt_arena *arena;
    lt_buf meta_shards; /* [key, first term, continued], … */
} shards;

static void write_file(lt_output *out, lt_diag *d, const char *key, const lt_buf *b, int *failed)
{
    lt_buf rel = LT_BUF_INIT;
    lt_buf_printf(&rel, "search/%s.js", key);
    if (lt_output_write(out, lt_buf_cstr(&rel), lt_buf_cstr(b), b->len, d) < 0)
        *failed = 1;
    lt_buf_free(&rel);
}

static void shard_open(shards *sh, const char *first_term, int continued)
{
    lt_buf base = LT_BUF_INIT;
    lt_search_shard_key(&base, first_term, 0);
    size_t nth = (size_t)lt_map_get(&sh->keys_used, lt_buf_cstr(&base));
    lt_map_put(&sh->keys_used, lt_arena_strdup(sh->arena, lt_buf_cstr(&base)), (void *)(nth + 1));
    lt_buf_free(&base);
    lt_buf_clear(&sh->key);
    lt_search_shard_key(&sh->key, first_term, (unsigned)nth);

    lt_buf_clear(&sh->file);
    lt_buf_puts(&sh->file, "lontarSearch.add(");
    put_js_string(&sh->file, lt_buf_cstr(&sh->key));
    lt_buf_puts(&sh->file, ",[");
    sh->entries = 0;

    lt_buf_puts(&sh->meta_shards, sh->meta_shards.len ? ",\n[" : "[");
    put_js_string(&sh->meta_shards, lt_buf_cstr(&sh->key));
    lt_buf_putc(&sh->meta_shards, ',');
    put_js_string(&sh->meta_shards, first_term);
    lt_buf_printf(&sh->meta_shards, ",%d]", continued);
}

static void shard_close(shards *sh)
{
    if (!sh->file.len)
        return;
    lt_buf_puts(&sh->file, "]);\n");
    write_file(sh->out, sh->d, lt_buf_cstr(&sh->key), &sh->file, &sh->failed);
    lt_buf_clear(&sh->file);
}

static void put_entry_head(lt_buf *b, const term_entry *t, size_t entries)
{
    if (entries)
        lt_buf_putc(b, ',');
    put_js_string(b, t->term);
    lt_buf_printf(b, ",%ld,\"", t->top);
}

/* One term's postings; a term too long for the room left in a shard goes
 * on in the next (continued), its first page there written in full. */
static void shard_add(shards *sh, const term_entry *t, lt_buf *postings)
{
    lt_buf_clear(postings);
    long prev = -1;
    for (size_t j = 0; j < t->n; j++) {
        put_number(postings, (unsigned long)(t->p[j].doc - prev - 1) * LEVELS + t->level[j] - 1);
        prev = t->p[j].doc;
    }
    size_t head = strlen(t->term) * 6 + 16;
    if (sh->file.len && sh->file.len + head + postings->len > LT_SEARCH_SHARD_BYTES)
        shard_close(sh);
    if (!sh->file.len)
        shard_open(sh, t->term, 0);
    if (sh->file.len + head + postings->len <= LT_SEARCH_SHARD_BYTES) {
        put_entry_head(&sh->file, t, sh->entries++);
        lt_buf_put(&sh->file, postings->data, postings->len);
        lt_buf_putc(&sh->file, '"');
        return;
    }
    put_entry_head(&sh->file, t, sh->entries++);
    prev = -1;
    for (size_t j = 0; j < t->n; j++) {
        if (sh->file.len + 8 > LT_SEARCH_SHARD_BYTES) {
            lt_buf_putc(&sh->file, '"');
            shard_close(sh);
            shard_open(sh, t->term, 1);
            put_entry_head(&sh->file, t, sh->entries++);
            prev = -1;
        }
        put_number(&sh->file, (unsigned long)(t->p[j].doc - prev - 1) * LEVELS + t->level[j] - 1);
        prev = t->p[j].doc;
    }
    lt_buf_putc(&sh->file, '"');
}

/* The section shown beside a result: the page's folder, or for a folder's
 * own index page the folder above; none at the top of the site. */
static const lt_section *section_of(const lt_site *site, const lt_page *p)
{
    const lt_section *sec = p->section;
    if (sec && p->is_index)
        sec = sec->parent;
    return sec == site->root ? NULL : sec;
}

/* Most heading ids are the heading's ASCII text, lower-cased, with every
 * run of other characters as one '-'. search.js makes those itself, so
 * they are written as "" (a third of the headings' bytes). */
static int id_is_plain_slug(const char *text, const char *id)
{
    const char *t = text;
    int dash = 0, any = 0;
    while (*t) {
        unsigned char c = (unsigned char)*t++;
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c - 'A' + 'a');
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            if (dash && any && *id++ != '-')
                return 0;
            if (*id++ != (char)c)
                return 0;
            dash = 0;
            any = 1;
        } else if (c >= 0x80) {
            return 0;
        } else {
            dash = 1;
        }
    }
    return any && *id == '\0';
}

static void put_page(lt_buf *b, const lt_site *site, const doc *dc, lt_map *sections,
                     size_t *nsections, lt_buf *meta_sections, lt_arena *a)
{
    const lt_page *p = dc->page;
    const lt_section *sec = section_of(site, p);
    long sec_index = -1;
    if (sec && sec->title) {
        /* Numbered in order of first use; the key is the section's path. */
        void *seen = lt_map_get(sections, sec->path);
        if (!seen) {
            lt_map_put(sections, sec->path, (void *)(*nsections + 1));
            lt_buf_puts(meta_sections, *nsections ? "," : "");
            put_js_string(meta_sections, sec->title);
            sec_index = (long)(*nsections)++;
        } else {
            sec_index = (long)(size_t)seen - 1;
        }
    }
    const char *title = p->title ? p->title : p->out_path;
    lt_buf_putc(b, '[');
    put_js_string(b, clip(a, title, strlen(title), TITLE_CHARS));
    lt_buf_printf(b, ",%ld,", sec_index);
    put_js_string(b, p->out_path);
    lt_buf_putc(b, ',');
    put_js_string(b, dc->excerpt);
    lt_buf_puts(b, ",[");
    for (size_t i = 0; i < dc->nheadings; i++) {
        lt_buf_puts(b, i ? "," : "");
        put_js_string(b, dc->headings[i].text);
        lt_buf_putc(b, ',');
        const char *id = dc->headings[i].id;
        put_js_string(b, !id || id_is_plain_slug(dc->headings[i].text, id) ? "" : id);
    }
    lt_buf_puts(b, "]]");
}

/* Page chunks of about LT_SEARCH_CHUNK_BYTES; their keys and first pages
 * go into meta_chunks. */
static void write_pages(const lt_site *site, doc **docs, size_t ndocs, lt_output *out, lt_diag *d,
                        lt_buf *meta_sections, lt_buf *meta_chunks, int *failed)
{
    lt_map sections;
    lt_map_init(&sections);
    size_t nsections = 0, nchunks = 0;
    lt_arena *a = lt_arena_new();
    lt_buf file = LT_BUF_INIT, rec = LT_BUF_INIT, key = LT_BUF_INIT;
    size_t first = 0;
    for (size_t k = 0; k <= ndocs; k++) {
        lt_buf_clear(&rec);
        if (k < ndocs)
            put_page(&rec, site, docs[k], &sections, &nsections, meta_sections, a);
        if (file.len && (k == ndocs || file.len + rec.len + 4 > LT_SEARCH_CHUNK_BYTES)) {
            lt_buf_puts(&file, "]);\n");
            write_file(out, d, lt_buf_cstr(&key), &file, failed);
            lt_buf_puts(meta_chunks, nchunks ? ",[" : "[");
            put_js_string(meta_chunks, lt_buf_cstr(&key));
            lt_buf_printf(meta_chunks, ",%zu]", first);
            nchunks++;
            lt_buf_clear(&file);
        }
        if (k == ndocs)
            break;
        if (!file.len) {
            lt_buf_clear(&key);
            lt_buf_printf(&key, "p-%zu", nchunks);
            lt_buf_puts(&file, "lontarSearch.add(");
            put_js_string(&file, lt_buf_cstr(&key));
            lt_buf_puts(&file, ",[");
            first = k;
        } else {
            lt_buf_putc(&file, ',');
        }
        lt_buf_put(&file, rec.data, rec.len);
    }
    lt_buf_free(&file);
    lt_buf_free(&rec);
    lt_buf_free(&key);
    lt_arena_free(a);
    lt_map_free(&sections);
}

int lt_search_write(lt_search *s, const lt_site *site, lt_output *out, lt_diag *d)
{
    size_t ndocs = 0;
    for (int t = 0; t < s->threads; t++)
        ndocs += s->workers[t].ndocs;
    doc **docs = lt_xcalloc(ndocs ? ndocs : 1, sizeof *docs);
    size_t k = 0;
    for (int t = 0; t < s->threads; t++)
        for (size_t i = 0; i < s->workers[t].ndocs; i++)
            docs[k++] = s->workers[t].docs[i];
    if (ndocs > 1)
        qsort(docs, ndocs, sizeof *docs, cmp_doc);

    size_t nterms = 0;
    term_entry **terms = rank(docs, ndocs, &nterms);

    shards sh = {.out = out, .d = d};
    sh.arena = lt_arena_new();
    lt_map_init(&sh.keys_used);
    lt_buf postings = LT_BUF_INIT;
    for (size_t i = 0; i < nterms; i++)
        shard_add(&sh, terms[i], &postings);
    shard_close(&sh);

    lt_buf meta_sections = LT_BUF_INIT, meta_chunks = LT_BUF_INIT, meta = LT_BUF_INIT;
    int failed = sh.failed;
    write_pages(site, docs, ndocs, out, d, &meta_sections, &meta_chunks, &failed);

    lt_buf_printf(&meta, "lontarSearch.add(\"meta\",{\"version\":1,\"levels\":%d,\"pages\":%zu,\n",
                  LEVELS, ndocs);
    lt_buf_puts(&meta, "\"stop\":[");
    for (size_t i = 0; lt_search_stop_words[i]; i++) {
        lt_buf_puts(&meta, i ? "," : "");
        put_js_string(&meta, lt_search_stop_words[i]);
    }
    lt_buf_puts(&meta, "],\n\"sections\":[");
    lt_buf_put(&meta, lt_buf_cstr(&meta_sections), meta_sections.len);
    lt_buf_puts(&meta, "],\n\"shards\":[\n");
    lt_buf_put(&meta, lt_buf_cstr(&sh.meta_shards), sh.meta_shards.len);
    lt_buf_puts(&meta, "],\n\"chunks\":[");
    lt_buf_put(&meta, lt_buf_cstr(&meta_chunks), meta_chunks.len);
    lt_buf_puts(&meta, "]});\n");
    write_file(out, d, "meta", &meta, &failed);

    for (size_t i = 0; i < nterms; i++) {
        free(terms[i]->p);
        free(terms[i]->level);
        free(terms[i]);
    }
    free(terms);
    free(docs);
    lt_buf_free(&postings);
    lt_buf_free(&sh.file);
    lt_buf_free(&sh.key);
    lt_buf_free(&sh.meta_shards);
    lt_map_free(&sh.keys_used);
    lt_arena_free(sh.arena);
    lt_buf_free(&meta_sections);
    lt_buf_free(&meta_chunks);
    lt_buf_free(&meta);
    return failed ? -1 : 0;
}
