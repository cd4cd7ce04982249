#include "resolve/curriculum.h"

#include "util/buf.h"
#include "util/suggest.h"

#include <stdlib.h>
#include <string.h>

void lt_report_unknown_id(const lt_site *s, lt_diag *d, lt_pos pos, const char *what,
                          const char *id)
{
    const lt_map *maps[] = {&s->by_id, &s->competencies_by_id, NULL};
    const char *near = lt_suggest(id, maps);
    if (near)
        lt_error(d, pos.path, pos.line, pos.col, "unknown %s '%s' (did you mean '%s'?)", what, id,
                 near);
    else
        lt_error(d, pos.path, pos.line, pos.col, "unknown %s '%s'", what, id);
}

#define PUSH(arr, n, cap, item)                                                                    \
    do {                                                                                           \
        if ((n) == (cap)) {                                                                        \
            (cap) = (cap) ? (cap)*2 : 16;                                                          \
            (arr) = lt_xrealloc((arr), (cap) * sizeof *(arr));                                     \
        }                                                                                          \
        (arr)[(n)++] = (item);                                                                     \
    } while (0)

static void collect(lt_site *s, lt_competency **comps, size_t ncomps, lt_diag *d)
{
    lt_curriculum *c = &s->cur;
    /* Data-file competencies first (file order), then competency pages. */
    lt_competency **all = NULL;
    size_t n = 0, cap = 0;
    for (size_t i = 0; i < ncomps; i++)
        PUSH(all, n, cap, comps[i]);
    for (size_t i = 0; i < s->npages; i++) {
        lt_page *p = s->pages[i];
        /* Schema errors (a missing id or title) keep the page: take the id
         * and title the structure pass gave it. */
        if (p->module) {
            p->module->id = p->id;
            p->module->title = p->title;
        } else if (p->concept) {
            p->concept->id = p->id;
            p->concept->title = p->title;
        } else if (p->competency) {
            p->competency->id = p->id;
            p->competency->title = p->title;
        }
        if (p->kind == LT_PAGE_MODULE && p->module)
            PUSH(c->modules, c->nmodules, c->modules_cap, p->module);
        else if (p->kind == LT_PAGE_CONCEPT && p->concept)
            PUSH(c->concepts, c->nconcepts, c->concepts_cap, p->concept);
        else if (p->kind == LT_PAGE_COMPETENCY && p->competency)
            PUSH(all, n, cap, p->competency);
    }
    for (size_t i = 0; i < n; i++) {
        lt_competency *k = all[i];
        lt_competency *other = lt_map_get(&s->competencies_by_id, k->id);
        lt_page *page = lt_map_get(&s->by_id, k->id);
        if (other || (page && page != k->page))
            lt_error(d, k->pos.path, k->pos.line, k->pos.col, "duplicate id '%s' (also used by %s)",
                     k->id, other ? other->pos.path : page->src_path);
        /* The first competency with an id keeps it, so coverage still
         * resolves and one mistake gives one error. */
        if (!other)
            lt_map_put(&s->competencies_by_id, k->id, k);
    }
    c->competencies = all;
    c->ncompetencies = n;
    c->competencies_cap = cap;
}

static void link_competencies(lt_site *s, lt_diag *d)
{
    lt_curriculum *c = &s->cur;
    for (size_t i = 0; i < c->ncompetencies; i++) {
        lt_competency *k = c->competencies[i];
        if (!k->parent_id)
            continue;
        lt_competency *p = lt_map_get(&s->competencies_by_id, k->parent_id);
        if (!p) {
            lt_report_unknown_id(s, d, k->parent_pos, "parent competency", k->parent_id);
            continue;
        }
        /* A parent chain that comes back to k would loop forever. */
        const lt_competency *up = p;
        int loops = 0;
        for (size_t guard = 0; up && guard <= c->ncompetencies; guard++, up = up->parent)
            if (up == k)
                loops = 1;
        if (loops) {
            lt_error(d, k->parent_pos.path, k->parent_pos.line, k->parent_pos.col,
                     "competency '%s' would be its own ancestor through '%s'", k->id, p->id);
            continue;
        }
        k->parent = p;
        PUSH(p->children, p->nchildren, p->children_cap, k);
    }
}

static void order_framework(lt_competency *k, lt_competency **out, size_t *n)
{
    k->order = *n;
    out[(*n)++] = k;
    for (size_t i = 0; i < k->nchildren; i++)
        order_framework(k->children[i], out, n);
}

static void link_modules(lt_site *s, lt_diag *d)
{
    lt_curriculum *c = &s->cur;
    for (size_t i = 0; i < c->nmodules; i++) {
        lt_module *m = c->modules[i];
        for (size_t k = 0; k < m->ncompetencies; k++) {
            lt_coverage *cv = &m->competencies[k];
            cv->target = lt_map_get(&s->competencies_by_id, cv->id);
            if (!cv->target)
                lt_report_unknown_id(s, d, cv->pos, "competency", cv->id);
        }
        for (size_t k = 0; k < m->nprerequisites; k++) {
            lt_prereq *pr = &m->prerequisites[k];
            lt_page *p = lt_map_get(&s->by_id, pr->id);
            pr->target = p && p->kind == LT_PAGE_MODULE ? p->module : NULL;
            if (!pr->target) {
                if (p)
                    lt_error(d, pr->pos.path, pr->pos.line, pr->pos.col,
                             "prerequisite '%s' is not a module", pr->id);
                else
                    lt_report_unknown_id(s, d, pr->pos, "prerequisite module", pr->id);
            } else if (pr->target == m) {
                lt_error(d, pr->pos.path, pr->pos.line, pr->pos.col,
                         "module '%s' lists itself as a prerequisite", m->id);
                pr->target = NULL;
            }
        }
    }
}

/* Depth-first search for prerequisite cycles; each cycle is reported once,
 * at the prerequisite that closes it, as the whole path (M2 → M4 → M2). */
enum { WHITE, GREY, BLACK };

static void find_cycles(lt_module *m, int *colour, lt_module **stack, size_t depth,
                        const lt_curriculum *c, lt_diag *d)
{
    size_t idx = (size_t)(m->topo);
    colour[idx] = GREY;
    stack[depth] = m;
    for (size_t k = 0; k < m->nprerequisites; k++) {
        lt_module *t = m->prerequisites[k].target;
        if (!t)
            continue;
        if (colour[t->topo] == GREY) {
            lt_buf path = LT_BUF_INIT;
            size_t from = depth;
            while (stack[from] != t)
                from--;
            for (size_t j = from; j <= depth; j++)
                lt_buf_printf(&path, "%s \xe2\x86\x92 ", stack[j]->id);
            lt_buf_puts(&path, t->id);
            const lt_pos *pos = &m->prerequisites[k].pos;
            lt_error(d, pos->path, pos->line, pos->col, "prerequisite cycle: %s",
                     lt_buf_cstr(&path));
            lt_buf_free(&path);
            m->prerequisites[k].target = NULL; /* break it for ordering */
        } else if (colour[t->topo] == WHITE) {
            find_cycles(t, colour, stack, depth + 1, c, d);
        }
    }
    colour[idx] = BLACK;
}

/* Kahn's algorithm; among modules that are ready, reading order decides. */
static void topo_sort(lt_curriculum *c, lt_diag *d)
{
    size_t n = c->nmodules;
    for (size_t i = 0; i < n; i++)
        c->modules[i]->topo = i;
    int *colour = lt_xcalloc(n + 1, sizeof *colour);
    lt_module **stack = lt_xcalloc(n + 1, sizeof *stack);
    for (size_t i = 0; i < n; i++)
        if (colour[i] == WHITE)
            find_cycles(c->modules[i], colour, stack, 0, c, d);
    size_t *missing = lt_xcalloc(n + 1, sizeof *missing);
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < c->modules[i]->nprerequisites; k++)
            missing[i] += c->modules[i]->prerequisites[k].target != NULL;
    c->topo_order = lt_xcalloc(n + 1, sizeof *c->topo_order);
    int *done = colour;
    memset(done, 0, (n + 1) * sizeof *done);
    for (size_t placed = 0; placed < n; placed++) {
        size_t pick = n;
        for (size_t i = 0; i < n && pick == n; i++)
            if (!done[i] && missing[i] == 0)
                pick = i;
        if (pick == n)
            break; /* cannot happen once cycles are broken */
        done[pick] = 1;
        c->topo_order[placed] = c->modules[pick];
        for (size_t i = 0; i < n; i++)
            for (size_t k = 0; k < c->modules[i]->nprerequisites; k++)
                if (c->modules[i]->prerequisites[k].target == c->modules[pick])
                    missing[i]--;
    }
    for (size_t i = 0; i < n; i++)
        c->topo_order[i]->topo = i;
    free(stack);
    free(missing);
    free(colour);
}

static void check_time(const lt_site *s, lt_diag *d)
{
    const lt_curriculum *c = &s->cur;
    int jp = s->config.curriculum.jp_minutes;
    for (size_t i = 0; i < c->nmodules; i++) {
        const lt_module *m = c->modules[i];
        if (m->duration_jp <= 0)
            continue;
        double total = m->duration_jp * jp;
        if (m->nsessions) {
            long sum = 0;
            for (size_t k = 0; k < m->nsessions; k++)
                sum += m->sessions[k].minutes;
            if ((double)sum != total)
                lt_error(d, m->duration_pos.path, m->duration_pos.line, m->duration_pos.col,
                         "sessions of module '%s' add up to %ld minutes, but its duration of "
                         "%g JP is %g minutes",
                         m->id, sum, m->duration_jp, total);
        }
        if (m->activity_minutes > total)
            lt_error(d, m->duration_pos.path, m->duration_pos.line, m->duration_pos.col,
                     "activities of module '%s' take %d minutes, more than its %g minutes", m->id,
                     m->activity_minutes, total);
    }
}

/* Gaps are checked on leaf competencies: a unit is covered through its
 * elements. */
static void check_gaps(const lt_site *s, lt_diag *d)
{
    const lt_curriculum *c = &s->cur;
    if (!c->nmodules)
        return;
    for (size_t i = 0; i < c->ncompetencies; i++) {
        const lt_competency *k = c->competencies[i];
        if (k->nchildren)
            continue;
        int gaps = lt_competency_gaps(c, k);
        if (gaps & LT_GAP_UNCOVERED)
            lt_warn(d, k->pos.path, k->pos.line, k->pos.col,
                    "competency '%s' is covered by no module", k->id);
        if (gaps & LT_GAP_NOT_MASTERED)
            lt_warn(d, k->pos.path, k->pos.line, k->pos.col,
                    "competency '%s' never reaches depth M (mastered) in any module", k->id);
        if (gaps & LT_GAP_NOT_ASSESSED)
            lt_warn(d, k->pos.path, k->pos.line, k->pos.col,
                    "competency '%s' is never assessed (depth A) in any module", k->id);
    }
}

static void link_concepts(lt_site *s, lt_diag *d)
{
    lt_curriculum *c = &s->cur;
    for (size_t i = 0; i < c->nconcepts; i++) {
        const lt_concept *k = c->concepts[i];
        for (size_t j = 0; j < k->nrelated; j++)
            if (!lt_map_get(&s->by_id, k->related[j]) &&
                !lt_map_get(&s->competencies_by_id, k->related[j]))
                lt_report_unknown_id(s, d, k->related_pos[j], "related id", k->related[j]);
    }
}

static int cmp_concepts(const void *a, const void *b)
{
    const lt_concept *x = *(lt_concept *const *)a, *y = *(lt_concept *const *)b;
    int r = strcasecmp(x->title, y->title);
    return r ? r : strcmp(x->id, y->id);
}

int lt_resolve_curriculum(lt_site *s, lt_competency **comps, size_t ncomps, lt_diag *d)
{
    size_t before = lt_diag_errors(d);
    lt_curriculum *c = &s->cur;
    collect(s, comps, ncomps, d);
    link_competencies(s, d);
    lt_competency **ordered = lt_xcalloc(c->ncompetencies + 1, sizeof *ordered);
    size_t n = 0;
    for (size_t i = 0; i < c->ncompetencies; i++)
        if (!c->competencies[i]->parent)
            order_framework(c->competencies[i], ordered, &n);
    /* Competencies on a broken parent chain were not reached: keep them. */
    for (size_t i = 0; i < c->ncompetencies && n < c->ncompetencies; i++) {
        int placed = 0;
        for (size_t j = 0; j < n && !placed; j++)
            placed = ordered[j] == c->competencies[i];
        if (!placed)
            ordered[n++] = c->competencies[i];
    }
    free(c->competencies);
    c->competencies = ordered;
    link_modules(s, d);
    topo_sort(c, d);
    check_time(s, d);
    check_gaps(s, d);
    link_concepts(s, d);
    if (c->nconcepts > 1)
        qsort(c->concepts, c->nconcepts, sizeof *c->concepts, cmp_concepts);
    return lt_diag_errors(d) > before ? -1 : 0;
}
