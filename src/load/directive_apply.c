/* Checking directives and turning them into HTML containers: each directive
 * node is retyped in place into a CMARK_NODE_CUSTOM_BLOCK, so its children
 * (whose inline literals may point into memory the parse left with the
 * blocks) never move. */
#include "load/directive.h"

#include "util/arena.h"
#include "util/buf.h"
#include "util/suggest.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

static const lt_option_spec no_options[] = {{NULL, LT_OPT_TEXT}};
static const lt_option_spec duration_option[] = {{"durasi", LT_OPT_INT}, {NULL, LT_OPT_TEXT}};

const lt_directive_spec lt_builtin_directives[] = {
    {"catatan", LT_DIR_ADMONITION, "Catatan", "Note", no_options, 0},
    {"tip", LT_DIR_ADMONITION, "Tip", "Tip", no_options, 0},
    {"peringatan", LT_DIR_ADMONITION, "Peringatan", "Warning", no_options, 0},
    {"diskusi", LT_DIR_ACTIVITY, "Diskusi", "Discussion", duration_option, 0},
    {"latihan", LT_DIR_ACTIVITY, "Latihan", "Exercise", duration_option, 0},
    {"studi-kasus", LT_DIR_ACTIVITY, "Studi kasus", "Case study", duration_option, 0},
    {"role-play", LT_DIR_ACTIVITY, "Role play", "Role play", duration_option, 0},
    {"pelatih", LT_DIR_EDITION, "Catatan pelatih", "Trainer notes", no_options, 0},
    {"peserta", LT_DIR_EDITION, "Untuk peserta", "For participants", no_options, 0},
    {NULL, LT_DIR_CUSTOM, NULL, NULL, NULL, 0}};

/* One pass over a document. */
typedef struct apply_state {
    lt_directive_ctx *c;
    int english;
    int trainer; /* the pelatih edition */
    size_t activities_cap;
    int errors;
} apply_state;

static const lt_directive_spec *find_spec(const lt_directive_ctx *c, const char *name)
{
    for (const lt_directive_spec *s = lt_builtin_directives; s->name; s++)
        if (strcmp(s->name, name) == 0)
            return s;
    for (const lt_directive_spec *const *e = c->extra; e && *e; e++)
        if (strcmp((*e)->name, name) == 0)
            return *e;
    return NULL;
}

/* The known name nearest to name, within an edit distance of 2. */
static const char *closest_name(const lt_directive_ctx *c, const char *name)
{
    const char *best = NULL;
    size_t best_d = 3;
    for (const lt_directive_spec *s = lt_builtin_directives; s->name; s++) {
        size_t d = lt_edit_distance(name, s->name, 2);
        if (d < best_d)
            best_d = d, best = s->name;
    }
    for (const lt_directive_spec *const *e = c->extra; e && *e; e++) {
        size_t d = lt_edit_distance(name, (*e)->name, 2);
        if (d < best_d)
            best_d = d, best = (*e)->name;
    }
    return best;
}

/* A non-negative decimal integer that fits an int: 0 and *out, else -1. */
static int parse_whole(const char *s, int *out)
{
    long v = 0;
    if (!*s)
        return -1;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return -1;
        v = v * 10 + (*s - '0');
        if (v > INT_MAX)
            return -1;
    }
    *out = (int)v;
    return 0;
}

static const char *option(const lt_directive_info *info, const char *key)
{
    for (size_t i = 0; i < info->noptions; i++)
        if (strcmp(info->options[i].key, key) == 0)
            return info->options[i].value;
    return NULL;
}

/* :durasi: in minutes, 0 when absent or invalid (reported by check). */
static int minutes_of(const lt_directive_info *info)
{
    const char *v = option(info, "durasi");
    int minutes = 0;
    if (!v || parse_whole(v, &minutes) != 0)
        return 0;
    return minutes;
}

static void check_options(apply_state *st, const lt_directive_info *info,
                          const lt_directive_spec *spec)
{
    lt_directive_ctx *c = st->c;
    for (size_t i = 0; i < info->noptions; i++) {
        const lt_directive_option *o = &info->options[i];
        const lt_option_spec *os = spec->options;
        while (os && os->name && strcmp(os->name, o->key) != 0)
            os++;
        int line = o->line + c->line_offset, whole;
        if (!os || !os->name) {
            lt_error(c->d, c->path, line, o->col, "unknown option ':%s:' for ':::%s'", o->key,
                     info->name);
            st->errors++;
        } else if (os->type == LT_OPT_INT && parse_whole(o->value, &whole) != 0) {
            if (strcmp(o->key, "durasi") == 0)
                lt_error(c->d, c->path, line, o->col,
                         "option ':durasi:' of ':::%s' must be a whole number of minutes",
                         info->name);
            else
                lt_error(c->d, c->path, line, o->col,
                         "option ':%s:' of ':::%s' must be a whole number", o->key, info->name);
            st->errors++;
        }
    }
}

/* Reports every problem of one directive. The same whatever the edition:
 * a block this edition leaves out is checked too. */
static void check(apply_state *st, cmark_node *n, const lt_directive_info *info,
                  const lt_directive_spec *spec)
{
    lt_directive_ctx *c = st->c;
    int line = cmark_node_get_start_line(n) + c->line_offset;
    int col = cmark_node_get_start_column(n);
    if (!spec) {
        const char *near = closest_name(c, info->name);
        if (near)
            lt_error(c->d, c->path, line, col, "unknown directive ':::%s' (did you mean ':::%s'?)",
                     info->name, near);
        else
            lt_error(c->d, c->path, line, col, "unknown directive ':::%s'", info->name);
        st->errors++;
    }
    if (!info->closed) {
        lt_error(c->d, c->path, line, col, "directive ':::%s' is never closed", info->name);
        st->errors++;
    }
    if (spec)
        check_options(st, info, spec);
}

static void add_activity(apply_state *st, cmark_node *n, const lt_directive_info *info,
                         const lt_directive_spec *spec)
{
    lt_directive_ctx *c = st->c;
    if (c->nactivities == st->activities_cap) {
        st->activities_cap = st->activities_cap ? st->activities_cap * 2 : 4;
        c->activities = lt_xrealloc(c->activities, st->activities_cap * sizeof *c->activities);
    }
    lt_activity *a = &c->activities[c->nactivities++];
    a->name = spec->name;
    a->title = *info->arg ? info->arg : st->english ? spec->title_en : spec->title_id;
    a->minutes = minutes_of(info);
    a->line = cmark_node_get_start_line(n) + c->line_offset;
}

static void put_escaped(lt_buf *b, const char *s)
{
    lt_buf_put_html(b, s, strlen(s));
}

static void put_title(lt_buf *b, const char *title)
{
    lt_buf_puts(b, "<p class=\"directive-title\">");
    put_escaped(b, title);
    lt_buf_puts(b, "</p>");
}

/* Retypes n into a custom block with the directive's opening and closing
 * HTML; spec is NULL for an unknown directive (already reported). */
static void to_html(apply_state *st, cmark_node *n, const lt_directive_info *info,
                    const lt_directive_spec *spec)
{
    const char *title = !spec ? NULL : st->english ? spec->title_en : spec->title_id;
    lt_buf open = LT_BUF_INIT;
    const char *close = "</aside>";
    switch (spec ? spec->kind : LT_DIR_CUSTOM) {
    case LT_DIR_ADMONITION:
        lt_buf_printf(&open, "<aside class=\"directive directive-%s\" role=\"note\">", spec->name);
        put_title(&open, *info->arg ? info->arg : title);
        break;
    case LT_DIR_ACTIVITY: {
        lt_buf_printf(&open, "<section class=\"directive directive-%s\">", spec->name);
        lt_buf_puts(&open, "<p class=\"directive-title\">");
        put_escaped(&open, title);
        if (*info->arg) {
            lt_buf_puts(&open, ": ");
            put_escaped(&open, info->arg);
        }
        lt_buf_puts(&open, "</p>");
        int minutes = minutes_of(info);
        if (minutes && st->english)
            lt_buf_printf(&open, "<p class=\"directive-meta\">Duration: %d minute%s</p>", minutes,
                          minutes == 1 ? "" : "s");
        else if (minutes)
            lt_buf_printf(&open, "<p class=\"directive-meta\">Durasi: %d menit</p>", minutes);
        close = "</section>";
        break;
    }
    case LT_DIR_EDITION:
        if (strcmp(spec->name, "pelatih") == 0) {
            /* Reached in the trainer edition only: elsewhere it is removed. */
            lt_buf_printf(&open, "<aside class=\"directive directive-pelatih\" aria-label=\"%s\">",
                          title);
            put_title(&open, *info->arg ? info->arg : title);
        } else if (st->trainer) {
            lt_buf_printf(&open, "<aside class=\"directive directive-%s\">", spec->name);
            put_title(&open, *info->arg ? info->arg : title);
        } else {
            lt_buf_printf(&open, "<div class=\"directive directive-%s\">", spec->name);
            close = "</div>";
        }
        break;
    case LT_DIR_CUSTOM:
        lt_buf_puts(&open, "<div class=\"directive directive-");
        put_escaped(&open, info->name);
        lt_buf_puts(&open, "\">");
        close = "</div>";
        break;
    }
    cmark_node_set_type(n, CMARK_NODE_CUSTOM_BLOCK);
    cmark_node_set_on_enter(n, lt_buf_cstr(&open));
    cmark_node_set_on_exit(n, close);
    lt_buf_free(&open);
}

/* The source lines between a directive's fences, without its options. */
static char *raw_body(const lt_directive_ctx *c, cmark_node *n, const lt_directive_info *info)
{
    int first =
        (info->noptions ? info->options[info->noptions - 1].line : cmark_node_get_start_line(n)) +
        1;
    /* A closed directive ends on its closing fence's line. */
    int last = cmark_node_get_end_line(n) - (info->closed ? 1 : 0);
    lt_buf b = LT_BUF_INIT;
    int line = 1;
    const char *s = c->source, *end = c->source + c->source_len;
    while (s < end && line <= last) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        const char *next = nl ? nl + 1 : end;
        if (line >= first)
            lt_buf_put(&b, s, (size_t)(next - s));
        s = next;
        line++;
    }
    return lt_buf_detach(&b);
}

/* A plugin directive: its run() gives the HTML for the whole block, which
 * replaces the block's children. n is already a custom block. */
static void run_custom(lt_directive_ctx *c, cmark_node *n, const lt_directive_info *info,
                       const lt_directive_spec *spec)
{
    lt_buf body = LT_BUF_INIT;
    char *raw = NULL;
    if (spec->raw_body && c->source) {
        raw = raw_body(c, n, info);
    } else {
        for (cmark_node *ch = cmark_node_first_child(n); ch; ch = cmark_node_next(ch)) {
            char *html = cmark_render_html(ch, CMARK_OPT_FOOTNOTES, NULL);
            lt_buf_puts(&body, html);
            free(html);
        }
    }
    char *html = c->run(c->run_ctx, spec, info, raw ? raw : lt_buf_cstr(&body),
                        cmark_node_get_start_line(n) + c->line_offset);
    if (html) {
        while (cmark_node_first_child(n))
            cmark_node_free(cmark_node_first_child(n));
        cmark_node_set_on_enter(n, html);
        cmark_node_set_on_exit(n, "");
    }
    free(html);
    free(raw);
    lt_buf_free(&body);
}

/* Everything a directive needs once its children are done. info lives in
 * the node's user data, which outlives the retyping. */
static void finish(apply_state *st, cmark_node *n)
{
    const lt_directive_info *info = lt_directive_get(n);
    const lt_directive_spec *spec = find_spec(st->c, info->name);
    to_html(st, n, info, spec);
    if (spec && spec->kind == LT_DIR_CUSTOM && st->c->run)
        run_custom(st->c, n, info, spec);
}

int lt_directives_apply(cmark_node *doc, lt_directive_ctx *c)
{
    apply_state st = {.c = c,
                      .english = c->language && strcmp(c->language, "en") == 0,
                      .trainer = c->edition && strcmp(c->edition, "pelatih") == 0};
    /* The outermost block this edition leaves out, while inside it: what is
     * in it is checked but neither recorded nor converted. */
    cmark_node *left_out = NULL;
    cmark_iter *it = cmark_iter_new(doc);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(it);
        const lt_directive_info *info = lt_directive_get(n);
        if (!info)
            continue;
        if (ev == CMARK_EVENT_ENTER) {
            const lt_directive_spec *spec = find_spec(c, info->name);
            check(&st, n, info, spec);
            if (left_out || !spec)
                continue;
            if (spec->kind == LT_DIR_EDITION && strcmp(spec->name, "pelatih") == 0 && !st.trainer)
                left_out = n;
            else if (spec->kind == LT_DIR_ACTIVITY)
                add_activity(&st, n, info, spec);
        } else if (n == left_out) {
            /* Nodes may change after their EXIT: the iterator has moved on. */
            left_out = NULL;
            cmark_node_free(n);
        } else if (!left_out) {
            finish(&st, n);
        }
    }
    cmark_iter_free(it);
    return st.errors;
}

void lt_directives_plain(cmark_node *doc)
{
    cmark_iter *it = cmark_iter_new(doc);
    cmark_event_type ev;
    lt_buf open = LT_BUF_INIT;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(it);
        const lt_directive_info *info = lt_directive_get(n);
        if (ev != CMARK_EVENT_EXIT || !info)
            continue;
        lt_buf_clear(&open);
        lt_buf_puts(&open, "<div class=\"directive directive-");
        put_escaped(&open, info->name);
        lt_buf_puts(&open, "\">");
        cmark_node_set_type(n, CMARK_NODE_CUSTOM_BLOCK);
        cmark_node_set_on_enter(n, lt_buf_cstr(&open));
        cmark_node_set_on_exit(n, "</div>");
    }
    cmark_iter_free(it);
    lt_buf_free(&open);
}
