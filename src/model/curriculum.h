/* The curriculum model: modules, concepts and competencies, read from typed
 * pages (front matter) and competency files, then linked by resolve/.
 * Everything lives in the site's arena; lists are arena arrays. */
#ifndef LT_MODEL_CURRICULUM_H
#define LT_MODEL_CURRICULUM_H

#include <stddef.h>

struct lt_page;
typedef struct lt_competency lt_competency;
typedef struct lt_module lt_module;

/* A position in a source file, for diagnostics. */
typedef struct lt_pos {
    const char *path;
    int line, col;
} lt_pos;

typedef struct lt_objective {
    const char *id; /* may be NULL */
    const char *text;
    lt_pos pos;
} lt_objective;

/* Depth at which a module covers a competency. */
typedef enum {
    LT_DEPTH_NONE = 0, /* covered, depth not given */
    LT_DEPTH_I,        /* introduced */
    LT_DEPTH_R,        /* reinforced */
    LT_DEPTH_M,        /* mastered */
    LT_DEPTH_A         /* assessed */
} lt_depth;

typedef struct lt_coverage {
    const char *id;
    lt_depth depth;
    lt_pos pos;
    lt_competency *target; /* set by resolve */
} lt_coverage;

typedef struct lt_session {
    const char *title;
    int minutes;
    const char **methods;
    size_t nmethods;
    lt_pos pos;
} lt_session;

typedef struct lt_prereq {
    const char *id;
    lt_pos pos;
    lt_module *target; /* set by resolve */
} lt_prereq;

struct lt_module {
    struct lt_page *page;
    const char *id;
    const char *title;
    const char *level;  /* NULL when not given */
    double duration_jp; /* 0 when not given */
    lt_objective *objectives;
    size_t nobjectives;
    lt_coverage *competencies;
    size_t ncompetencies;
    lt_prereq *prerequisites;
    size_t nprerequisites;
    const char **methods;
    size_t nmethods;
    lt_session *sessions;
    size_t nsessions;
    const char *assessment;
    int activity_minutes; /* sum of :durasi: of the module's activities */
    lt_pos duration_pos;
    size_t topo; /* position in prerequisite order */
};

typedef struct lt_concept {
    struct lt_page *page;
    const char *id;
    const char *title;
    const char *summary;
    const char **aliases;
    size_t naliases;
    const char **related;
    lt_pos *related_pos;
    size_t nrelated;
    const char **sources;
    size_t nsources;
    struct lt_page **backlinks; /* pages that reference it, in reading order */
    size_t nbacklinks, backlinks_cap;
} lt_concept;

struct lt_competency {
    const char *id;
    const char *title;
    const char *domain; /* pengetahuan | keterampilan | nilai */
    const char *scope;  /* mikro | mezzo | makro */
    const char *parent_id;
    lt_pos parent_pos;
    lt_competency *parent;
    lt_competency **children;
    size_t nchildren, children_cap;
    const char *level;
    const char *description;
    const char **indicators;
    size_t nindicators;
    lt_pos pos;
    struct lt_page *page; /* when written as a Markdown page, else NULL */
    size_t order;         /* position in the framework (depth-first) */
};

typedef struct lt_curriculum {
    lt_module **modules; /* reading order; topological order in `topo` */
    size_t nmodules, modules_cap;
    lt_concept **concepts; /* A–Z by title after resolve */
    size_t nconcepts, concepts_cap;
    lt_competency **competencies; /* framework order after resolve */
    size_t ncompetencies, competencies_cap;
    lt_module **topo_order; /* modules in prerequisite order */
} lt_curriculum;

enum { LT_GAP_UNCOVERED = 1, LT_GAP_NOT_MASTERED = 2, LT_GAP_NOT_ASSESSED = 4 };

/* Gaps of competency k across all modules, as LT_GAP_* bits. */
int lt_competency_gaps(const lt_curriculum *c, const lt_competency *k);

#endif
