#include "render/curriculum_pages.h"

#include "load/markdown.h"
#include "util/buf.h"
#include "util/path.h"

#include <stdlib.h>
#include <string.h>

/* UI text: Indonesian unless the site is in English. */
#define TXT(p, id, en) (is_en(p) ? (en) : (id))

static int is_en(const lt_site *s)
{
    return strcmp(s->config.language, "en") == 0;
}

static void esc(lt_buf *b, const char *s)
{
    if (s)
        lt_buf_put_html(b, s, strlen(s));
}

static void link(lt_buf *b, const lt_page *from, const char *to_out, const char *text, lt_arena *a)
{
    lt_buf_puts(b, "<a href=\"");
    esc(b, lt_path_relative(a, from->out_path, to_out));
    lt_buf_puts(b, "\">");
    esc(b, text);
    lt_buf_puts(b, "</a>");
}

static const char *depth_letter(lt_depth d)
{
    static const char *letters[] = {"\xc2\xb7", "I", "R", "M", "A"};
    return letters[d];
}

static const char *depth_name(const lt_site *s, lt_depth d)
{
    switch (d) {
    case LT_DEPTH_I:
        return TXT(s, "diperkenalkan", "introduced");
    case LT_DEPTH_R:
        return TXT(s, "diperkuat", "reinforced");
    case LT_DEPTH_M:
        return TXT(s, "dikuasai", "mastered");
    case LT_DEPTH_A:
        return TXT(s, "dinilai", "assessed");
    default:
        return TXT(s, "dicakup", "covered");
    }
}

/* Where a competency is shown: its own page, or its entry in the framework. */
static void competency_link(lt_buf *b, const lt_site *s, const lt_page *from,
                            const lt_competency *k, lt_arena *a)
{
    const char *to =
        k->page ? k->page->out_path
                : lt_arena_printf(a, "%s#%s", s->config.curriculum.competencies_page, k->id);
    lt_buf_puts(b, "<a href=\"");
    esc(b, lt_path_relative(a, from->out_path, to));
    lt_buf_puts(b, "\">");
    esc(b, k->id);
    lt_buf_puts(b, "</a> ");
    esc(b, k->title);
}

static void duration(lt_buf *b, const lt_site *s, double jp)
{
    long minutes = (long)(jp * s->config.curriculum.jp_minutes + 0.5);
    lt_buf_printf(b, "%g JP (", jp);
    if (minutes >= 60)
        lt_buf_printf(b, "%ld %s", minutes / 60, TXT(s, "jam", minutes >= 120 ? "hours" : "hour"));
    if (minutes % 60)
        lt_buf_printf(b, "%s%ld %s", minutes >= 60 ? " " : "", minutes % 60,
                      TXT(s, "menit", "minutes"));
    lt_buf_putc(b, ')');
}

char *lt_html_module_summary(const lt_site *s, const lt_page *p, lt_arena *a)
{
    const lt_module *m = p->module;
    lt_buf b = LT_BUF_INIT;
    lt_buf_printf(&b, "<section class=\"module-summary\" aria-label=\"%s\">\n<dl>\n",
                  TXT(s, "Ringkasan modul", "Module summary"));
    lt_buf_printf(&b, "<dt>%s</dt><dd>", TXT(s, "Kode", "Code"));
    esc(&b, m->id);
    lt_buf_puts(&b, "</dd>\n");
    if (m->level) {
        lt_buf_printf(&b, "<dt>%s</dt><dd>", TXT(s, "Tingkat", "Level"));
        esc(&b, m->level);
        lt_buf_puts(&b, "</dd>\n");
    }
    if (m->duration_jp > 0) {
        lt_buf_printf(&b, "<dt>%s</dt><dd>", TXT(s, "Durasi", "Duration"));
        duration(&b, s, m->duration_jp);
        lt_buf_puts(&b, "</dd>\n");
    }
    lt_buf_printf(&b, "<dt>%s</dt><dd>", TXT(s, "Prasyarat", "Prerequisites"));
    size_t shown = 0;
    for (size_t i = 0; i < m->nprerequisites; i++) {
        const lt_module *t = m->prerequisites[i].target;
        if (!t)
            continue;
        lt_buf_puts(&b, shown++ ? ", " : "");
        link(&b, p, t->page->out_path, t->id, a);
        lt_buf_puts(&b, " ");
        esc(&b, t->title);
    }
    if (!shown)
        lt_buf_puts(&b, TXT(s, "Tidak ada", "None"));
    lt_buf_puts(&b, "</dd>\n");
    if (m->nmethods) {
        lt_buf_printf(&b, "<dt>%s</dt><dd>", TXT(s, "Metode", "Methods"));
        for (size_t i = 0; i < m->nmethods; i++) {
            lt_buf_puts(&b, i ? ", " : "");
            esc(&b, m->methods[i]);
        }
        lt_buf_puts(&b, "</dd>\n");
    }
    if (m->assessment) {
        lt_buf_printf(&b, "<dt>%s</dt><dd>", TXT(s, "Penilaian", "Assessment"));
        esc(&b, m->assessment);
        lt_buf_puts(&b, "</dd>\n");
    }
    lt_buf_puts(&b, "</dl>\n");
    if (m->nobjectives) {
        lt_buf_printf(&b, "<h2 class=\"module-summary-title\">%s</h2>\n<ol class=\"objectives\">\n",
                      TXT(s, "Tujuan pembelajaran", "Learning objectives"));
        for (size_t i = 0; i < m->nobjectives; i++) {
            lt_buf_puts(&b, "<li");
            if (m->objectives[i].id) {
                lt_buf_puts(&b, " id=\"obj-");
                esc(&b, m->objectives[i].id);
                lt_buf_puts(&b, "\"");
            }
            lt_buf_puts(&b, ">");
            esc(&b, m->objectives[i].text);
            lt_buf_puts(&b, "</li>\n");
        }
        lt_buf_puts(&b, "</ol>\n");
    }
    if (m->ncompetencies) {
        lt_buf_printf(&b,
                      "<h2 class=\"module-summary-title\">%s</h2>\n<ul class=\"competencies\">\n",
                      TXT(s, "Kompetensi yang dicakup", "Competencies covered"));
        for (size_t i = 0; i < m->ncompetencies; i++) {
            const lt_coverage *cv = &m->competencies[i];
            if (!cv->target)
                continue;
            lt_buf_puts(&b, "<li>");
            competency_link(&b, s, p, cv->target, a);
            lt_buf_printf(&b, " <span class=\"depth depth-%s\" title=\"%s\">%s</span></li>\n",
                          depth_letter(cv->depth), depth_name(s, cv->depth),
                          depth_letter(cv->depth));
        }
        lt_buf_puts(&b, "</ul>\n");
    }
    if (m->nsessions) {
        /* Timing is for the trainer; participants see what happens when. */
        int trainer = strcmp(s->edition, "pelatih") == 0;
        lt_buf_printf(&b,
                      "<table class=\"sessions\">\n<caption>%s</caption>\n<thead><tr>"
                      "<th scope=\"col\">#</th><th scope=\"col\">%s</th>",
                      TXT(s, "Sesi", "Sessions"), TXT(s, "Sesi", "Session"));
        if (trainer)
            lt_buf_printf(&b, "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>",
                          TXT(s, "Menit", "Minutes"), TXT(s, "Mulai", "Starts at"));
        lt_buf_printf(&b, "<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
                      TXT(s, "Metode", "Methods"));
        int start = 0;
        for (size_t i = 0; i < m->nsessions; i++) {
            const lt_session *se = &m->sessions[i];
            lt_buf_printf(&b, "<tr><td>%zu</td><td>", i + 1);
            esc(&b, se->title);
            lt_buf_puts(&b, "</td>");
            if (trainer)
                lt_buf_printf(&b, "<td>%d</td><td>+%d:%02d</td>", se->minutes, start / 60,
                              start % 60);
            lt_buf_puts(&b, "<td>");
            for (size_t k = 0; k < se->nmethods; k++) {
                lt_buf_puts(&b, k ? ", " : "");
                esc(&b, se->methods[k]);
            }
            lt_buf_puts(&b, "</td></tr>\n");
            start += se->minutes;
        }
        lt_buf_puts(&b, "</tbody>\n</table>\n");
    }
    lt_buf_puts(&b, "</section>\n");
    return lt_buf_detach(&b);
}

/* Inline Markdown of a short text (a source citation), without <p>. */
static void inline_markdown(lt_buf *b, const char *text)
{
    cmark_node *doc = lt_markdown_parse(text, strlen(text), 0);
    char *html = lt_markdown_render(doc, 0);
    size_t n = strlen(html);
    const char *s = html;
    if (n >= 8 && strncmp(s, "<p>", 3) == 0 && strcmp(s + n - 5, "</p>\n") == 0) {
        s += 3;
        n -= 8;
    }
    lt_buf_put(b, s, n);
    free(html);
    cmark_node_free(doc);
}

char *lt_html_concept_refs(const lt_site *s, const lt_page *p, lt_arena *a)
{
    const lt_concept *c = p->concept;
    lt_buf b = LT_BUF_INIT;
    if (!c->nrelated && !c->nsources && !c->nbacklinks)
        return lt_buf_detach(&b);
    lt_buf_puts(&b, "<section class=\"concept-refs\">\n");
    if (c->nrelated) {
        lt_buf_printf(&b, "<h2>%s</h2>\n<ul>\n", TXT(s, "Konsep terkait", "Related"));
        for (size_t i = 0; i < c->nrelated; i++) {
            const lt_page *t = lt_map_get(&s->by_id, c->related[i]);
            if (!t)
                continue;
            lt_buf_puts(&b, "<li>");
            link(&b, p, t->out_path, t->title, a);
            lt_buf_puts(&b, "</li>\n");
        }
        lt_buf_puts(&b, "</ul>\n");
    }
    if (c->nbacklinks) {
        lt_buf_printf(&b, "<h2>%s</h2>\n<ul class=\"backlinks\">\n",
                      TXT(s, "Dirujuk oleh", "Referenced by"));
        for (size_t i = 0; i < c->nbacklinks; i++) {
            lt_buf_puts(&b, "<li>");
            link(&b, p, c->backlinks[i]->out_path, c->backlinks[i]->title, a);
            lt_buf_puts(&b, "</li>\n");
        }
        lt_buf_puts(&b, "</ul>\n");
    }
    if (c->nsources) {
        lt_buf_printf(&b, "<h2>%s</h2>\n<ul class=\"sources\">\n", TXT(s, "Sumber", "Sources"));
        for (size_t i = 0; i < c->nsources; i++) {
            lt_buf_puts(&b, "<li>");
            inline_markdown(&b, c->sources[i]);
            lt_buf_puts(&b, "</li>\n");
        }
        lt_buf_puts(&b, "</ul>\n");
    }
    lt_buf_puts(&b, "</section>\n");
    return lt_buf_detach(&b);
}

static void framework_tree(lt_buf *b, const lt_site *s, const lt_competency *k)
{
    lt_buf_puts(b, "<li id=\"");
    esc(b, k->id);
    lt_buf_puts(b, "\"><span class=\"competency-id\">");
    esc(b, k->id);
    lt_buf_puts(b, "</span> <span class=\"competency-title\">");
    esc(b, k->title);
    lt_buf_puts(b, "</span>");
    const char *tags[] = {k->domain, k->scope, k->level};
    int any = 0;
    for (int i = 0; i < 3; i++) {
        if (!tags[i])
            continue;
        lt_buf_puts(b, any++ ? " \xc2\xb7 " : " <span class=\"competency-tags\">");
        esc(b, tags[i]);
    }
    if (any)
        lt_buf_puts(b, "</span>");
    if (k->description) {
        lt_buf_puts(b, "<p>");
        esc(b, k->description);
        lt_buf_puts(b, "</p>");
    }
    if (k->nindicators) {
        lt_buf_printf(b, "<p class=\"indicators-title\">%s</p><ul class=\"indicators\">",
                      TXT(s, "Indikator", "Indicators"));
        for (size_t i = 0; i < k->nindicators; i++) {
            lt_buf_puts(b, "<li>");
            esc(b, k->indicators[i]);
            lt_buf_puts(b, "</li>");
        }
        lt_buf_puts(b, "</ul>");
    }
    if (k->nchildren) {
        lt_buf_puts(b, "\n<ul>\n");
        for (size_t i = 0; i < k->nchildren; i++)
            framework_tree(b, s, k->children[i]);
        lt_buf_puts(b, "</ul>");
    }
    lt_buf_puts(b, "</li>\n");
}

static const lt_coverage *coverage_of(const lt_module *m, const lt_competency *k)
{
    for (size_t i = 0; i < m->ncompetencies; i++)
        if (m->competencies[i].target == k)
            return &m->competencies[i];
    return NULL;
}

char *lt_html_competencies(const lt_site *s, const lt_page *p, lt_arena *a)
{
    const lt_curriculum *c = &s->cur;
    lt_buf b = LT_BUF_INIT;
    lt_buf_printf(&b, "<h2 id=\"kerangka\">%s</h2>\n<ul class=\"framework\">\n",
                  TXT(s, "Kerangka kompetensi", "Competency framework"));
    for (size_t i = 0; i < c->ncompetencies; i++)
        if (!c->competencies[i]->parent)
            framework_tree(&b, s, c->competencies[i]);
    lt_buf_puts(&b, "</ul>\n");

    lt_buf_printf(&b, "<h2 id=\"matriks\">%s</h2>\n", TXT(s, "Matriks cakupan", "Coverage matrix"));
    lt_buf_printf(&b,
                  "<p class=\"matrix-legend\">I = %s, R = %s, M = %s, A = %s.</p>\n"
                  "<div class=\"table-scroll\"><table class=\"coverage-matrix\">\n"
                  "<caption>%s</caption>\n<thead><tr><th scope=\"col\">%s</th>",
                  depth_name(s, LT_DEPTH_I), depth_name(s, LT_DEPTH_R), depth_name(s, LT_DEPTH_M),
                  depth_name(s, LT_DEPTH_A),
                  TXT(s, "Kompetensi \xc3\x97 modul", "Competency \xc3\x97 module"),
                  TXT(s, "Kompetensi", "Competency"));
    for (size_t j = 0; j < c->nmodules; j++) {
        lt_buf_puts(&b, "<th scope=\"col\">");
        link(&b, p, c->modules[j]->page->out_path, c->modules[j]->id, a);
        lt_buf_puts(&b, "</th>");
    }
    lt_buf_printf(&b, "<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
                  TXT(s, "Jumlah", "Total"));
    size_t *per_module = lt_xcalloc(c->nmodules + 1, sizeof *per_module);
    size_t ngaps = 0;
    lt_buf gaps = LT_BUF_INIT;
    for (size_t i = 0; i < c->ncompetencies; i++) {
        const lt_competency *k = c->competencies[i];
        if (k->nchildren) {
            lt_buf_printf(&b, "<tr class=\"matrix-group\"><th scope=\"rowgroup\" colspan=\"%zu\">",
                          c->nmodules + 2);
            esc(&b, k->id);
            lt_buf_puts(&b, " ");
            esc(&b, k->title);
            lt_buf_puts(&b, "</th></tr>\n");
            continue;
        }
        int g = lt_competency_gaps(c, k);
        lt_buf_printf(&b, "<tr%s><th scope=\"row\">", g ? " class=\"gap\"" : "");
        competency_link(&b, s, p, k, a);
        lt_buf_puts(&b, "</th>");
        size_t total = 0;
        for (size_t j = 0; j < c->nmodules; j++) {
            const lt_coverage *cv = coverage_of(c->modules[j], k);
            if (cv) {
                total++;
                per_module[j]++;
                lt_buf_printf(&b, "<td class=\"depth-%s\" title=\"%s\">%s</td>",
                              depth_letter(cv->depth), depth_name(s, cv->depth),
                              depth_letter(cv->depth));
            } else {
                lt_buf_puts(&b, "<td></td>");
            }
        }
        lt_buf_printf(&b, "<td>%zu</td></tr>\n", total);
        if (g) {
            ngaps++;
            lt_buf_puts(&gaps, "<li>");
            competency_link(&gaps, s, p, k, a);
            lt_buf_puts(&gaps, ": ");
            const char *why[] = {TXT(s, "tidak dicakup modul mana pun", "covered by no module"),
                                 TXT(s, "tidak pernah sampai M (dikuasai)", "never reaches M"),
                                 TXT(s, "tidak pernah dinilai (A)", "never assessed")};
            for (int bit = 0, n = 0; bit < 3; bit++)
                if (g & (1 << bit)) {
                    lt_buf_puts(&gaps, n++ ? "; " : "");
                    lt_buf_puts(&gaps, why[bit]);
                }
            lt_buf_puts(&gaps, "</li>\n");
        }
    }
    lt_buf_printf(&b, "</tbody>\n<tfoot><tr><th scope=\"row\">%s</th>",
                  TXT(s, "Jumlah kompetensi", "Competencies"));
    for (size_t j = 0; j < c->nmodules; j++)
        lt_buf_printf(&b, "<td>%zu</td>", per_module[j]);
    lt_buf_puts(&b, "<td></td></tr></tfoot>\n</table></div>\n");
    lt_buf_printf(&b, "<h2 id=\"celah\">%s</h2>\n", TXT(s, "Celah cakupan", "Coverage gaps"));
    if (ngaps)
        lt_buf_printf(&b, "<ul class=\"coverage-gaps\">\n%s</ul>\n", lt_buf_cstr(&gaps));
    else
        lt_buf_printf(&b, "<p class=\"coverage-complete\">%s</p>\n",
                      TXT(s,
                          "Tidak ada celah: setiap kompetensi dicakup, dikuasai (M) di suatu "
                          "modul dan dinilai (A) di suatu modul.",
                          "No gaps: every competency is covered, mastered (M) in some module "
                          "and assessed (A) in some module."));
    lt_buf_free(&gaps);
    free(per_module);
    return lt_buf_detach(&b);
}

char *lt_html_paths(const lt_site *s, const lt_page *p, const char *prereq_svg, lt_arena *a)
{
    const lt_curriculum *c = &s->cur;
    const lt_strings *levels = &s->config.curriculum.levels;
    lt_buf b = LT_BUF_INIT;
    for (size_t l = 0; l <= levels->n; l++) {
        /* the last round collects modules without a level */
        const char *level = l < levels->n ? levels->items[l] : NULL;
        double jp = 0;
        size_t count = 0;
        for (size_t i = 0; i < c->nmodules; i++) {
            const lt_module *m = c->topo_order[i];
            if ((level && m->level && !strcmp(m->level, level)) || (!level && !m->level))
                count++, jp += m->duration_jp;
        }
        if (!count)
            continue;
        lt_buf_puts(&b, "<h2>");
        if (level) {
            lt_buf_printf(&b, "%s ", TXT(s, "Jalur tingkat", "Level:"));
            esc(&b, level);
        } else {
            lt_buf_puts(&b, TXT(s, "Modul tanpa tingkat", "Modules without a level"));
        }
        lt_buf_puts(&b, "</h2>\n<ol class=\"learning-path\">\n");
        for (size_t i = 0; i < c->nmodules; i++) {
            const lt_module *m = c->topo_order[i];
            if (!((level && m->level && !strcmp(m->level, level)) || (!level && !m->level)))
                continue;
            lt_buf_puts(&b, "<li>");
            link(&b, p, m->page->out_path, m->id, a);
            lt_buf_puts(&b, " ");
            esc(&b, m->title);
            if (m->duration_jp > 0)
                lt_buf_printf(&b, " <span class=\"jp\">(%g JP)</span>", m->duration_jp);
            lt_buf_puts(&b, "</li>\n");
        }
        lt_buf_printf(&b, "</ol>\n<p class=\"path-total\">%s: %g JP</p>\n",
                      TXT(s, "Jumlah", "Total"), jp);
    }
    lt_buf_printf(&b, "<h2>%s</h2>\n<ol class=\"learning-path\">\n",
                  TXT(s, "Urutan prasyarat seluruh modul", "All modules in prerequisite order"));
    for (size_t i = 0; i < c->nmodules; i++) {
        const lt_module *m = c->topo_order[i];
        lt_buf_puts(&b, "<li>");
        link(&b, p, m->page->out_path, m->id, a);
        lt_buf_puts(&b, " ");
        esc(&b, m->title);
        lt_buf_puts(&b, "</li>\n");
    }
    lt_buf_puts(&b, "</ol>\n");
    if (prereq_svg) {
        lt_buf_printf(&b, "<h2>%s</h2>\n<figure class=\"prereq-graph\">\n%s\n</figure>\n",
                      TXT(s, "Grafik prasyarat", "Prerequisite graph"), prereq_svg);
    }
    return lt_buf_detach(&b);
}

char *lt_html_glossary(const lt_site *s, const lt_page *p, lt_arena *a)
{
    const lt_curriculum *c = &s->cur;
    lt_buf b = LT_BUF_INIT, nav = LT_BUF_INIT;
    char current = 0;
    lt_buf_printf(&nav, "<nav class=\"glossary-letters\" aria-label=\"%s\"><ul>",
                  TXT(s, "Huruf", "Letters"));
    for (size_t i = 0; i < c->nconcepts; i++) {
        const lt_concept *k = c->concepts[i];
        char letter = k->title[0];
        if (letter >= 'a' && letter <= 'z')
            letter = (char)(letter - 'a' + 'A');
        if (!(letter >= 'A' && letter <= 'Z'))
            letter = '#';
        if (letter != current) {
            if (current)
                lt_buf_puts(&b, "</dl>\n");
            lt_buf_printf(&b, "<h2 id=\"huruf-%c\">%c</h2>\n<dl class=\"glossary\">\n",
                          letter == '#' ? '0' : letter, letter);
            lt_buf_printf(&nav, "<li><a href=\"#huruf-%c\">%c</a></li>",
                          letter == '#' ? '0' : letter, letter);
            current = letter;
        }
        lt_buf_puts(&b, "<dt id=\"");
        esc(&b, k->id);
        lt_buf_puts(&b, "\">");
        link(&b, p, k->page->out_path, k->title, a);
        if (k->naliases) {
            lt_buf_puts(&b, " <span class=\"aliases\">(");
            for (size_t j = 0; j < k->naliases; j++) {
                lt_buf_puts(&b, j ? ", " : "");
                esc(&b, k->aliases[j]);
            }
            lt_buf_puts(&b, ")</span>");
        }
        lt_buf_puts(&b, "</dt>\n<dd>");
        esc(&b, k->summary ? k->summary : "");
        lt_buf_puts(&b, "</dd>\n");
    }
    if (current)
        lt_buf_puts(&b, "</dl>\n");
    lt_buf_puts(&nav, "</ul></nav>\n");
    lt_buf_puts(&nav, lt_buf_cstr(&b));
    lt_buf_free(&b);
    return lt_buf_detach(&nav);
}

const char *lt_special_title(lt_special which, const char *language)
{
    int en = strcmp(language, "en") == 0;
    switch (which) {
    case LT_SPECIAL_COMPETENCIES:
        return en ? "Competency framework" : "Kerangka Kompetensi";
    case LT_SPECIAL_PATHS:
        return en ? "Learning paths" : "Jalur Belajar";
    case LT_SPECIAL_GLOSSARY:
        return en ? "Glossary" : "Glosarium";
    case LT_SPECIAL_CHANGES:
        return en ? "What changed" : "Perubahan";
    default:
        return "";
    }
}
