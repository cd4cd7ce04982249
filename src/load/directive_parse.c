/* The `:::` syntax extension: recognises directive fences while cmark-gfm
 * parses, so directives nest like any container and are never seen inside
 * code. Facts about cmark-gfm 0.29 this relies on (see the shared notes):
 *
 * - A fence is opened *and* closed in the open-block callback: cmark calls
 *   it only when the deepest open block is not a code or HTML block, and
 *   match-block runs too early to tell.
 * - A closing fence (and every option line) leaves a throw-away marker
 *   child, deleted after parsing. Adding the marker below the deepest open
 *   block is what makes cmark finalise the blocks between it and the
 *   directive (a list's tightness, a paragraph's link reference
 *   definitions and an indented code block's text are all decided there);
 *   a block cmark never finalises keeps its defaults (a list stays loose).
 * - The rest of the fence line is consumed up to, not past, its line
 *   ending: past it cmark would no longer see a blank remainder. */
#include "load/directive.h"

#include "util/arena.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

typedef struct dir_data {
    lt_directive_info info;
    size_t options_cap;
    int colons;
    int marker; /* a throw-away node, removed after parsing */
} dir_data;

/* Written once under pthread_once, read-only while threads parse. */
static cmark_syntax_extension *extension;
static cmark_node_type directive_type;
static pthread_once_t extension_once = PTHREAD_ONCE_INIT;

static void free_data(cmark_mem *mem, void *p)
{
    (void)mem;
    dir_data *dd = p;
    for (size_t i = 0; i < dd->info.noptions; i++) {
        free((char *)dd->info.options[i].key);
        free((char *)dd->info.options[i].value);
    }
    free(dd->info.options);
    free((char *)dd->info.name);
    free((char *)dd->info.arg);
    free(dd);
}

static dir_data *data_of(cmark_node *n)
{
    if (!n || cmark_node_get_type(n) != directive_type)
        return NULL;
    return cmark_node_get_user_data(n);
}

const lt_directive_info *lt_directive_get(cmark_node *node)
{
    dir_data *dd = data_of(node);
    return dd && !dd->marker ? &dd->info : NULL;
}

static int is_blank_char(unsigned char c)
{
    return c == ' ' || c == '\t';
}

static char *dup_trimmed(const unsigned char *s, const unsigned char *end)
{
    while (s < end && is_blank_char(*s))
        s++;
    while (end > s && is_blank_char(end[-1]))
        end--;
    size_t n = (size_t)(end - s);
    char *d = lt_xmalloc(n + 1);
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

/* Length of the line without its line ending. */
static int content_len(const unsigned char *input, int len)
{
    while (len > 0 && (input[len - 1] == '\n' || input[len - 1] == '\r'))
        len--;
    return len;
}

static void consume_line(cmark_parser *parser, unsigned char *input, int len)
{
    int rest = content_len(input, len) - cmark_parser_get_offset(parser);
    if (rest > 0)
        cmark_parser_advance_offset(parser, (const char *)input, rest, 0);
}

/* A directive-typed node under parent (or the nearest ancestor that takes
 * blocks, finalising what lies between), owning dd. Columns are 1-based
 * bytes, as cmark gives them for its own blocks. */
static cmark_node *add_node(cmark_parser *parser, cmark_node *parent, dir_data *dd)
{
    cmark_node *n = cmark_parser_add_child(parser, parent, directive_type,
                                           cmark_parser_get_first_nonspace(parser) + 1);
    cmark_node_set_user_data(n, dd);
    cmark_node_set_user_data_free_func(n, free_data);
    /* Without it cmark would not ask this extension whether the node
     * matches the next line or what it may contain. */
    cmark_node_set_syntax_extension(n, extension);
    return n;
}

static cmark_node *add_marker(cmark_parser *parser, cmark_node *parent)
{
    dir_data *dd = lt_xcalloc(1, sizeof *dd);
    dd->marker = 1;
    return add_node(parser, parent, dd);
}

/* 1 when the directive has nothing but markers yet (options come first). */
static int only_markers(cmark_node *n)
{
    for (cmark_node *c = cmark_node_first_child(n); c; c = cmark_node_next(c)) {
        dir_data *dd = data_of(c);
        if (!dd || !dd->marker)
            return 0;
    }
    return 1;
}

static int is_key_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

/* `:key: value` right after an opening fence; s is at the first colon. */
static cmark_node *try_option(cmark_parser *parser, cmark_node *parent, unsigned char *input,
                              int len, const unsigned char *s, const unsigned char *end)
{
    dir_data *dd = data_of(parent);
    if (!dd || dd->marker || dd->info.closed || !only_markers(parent))
        return NULL;
    const unsigned char *key = s + 1, *key_end = key;
    while (key_end < end && is_key_char(*key_end))
        key_end++;
    if (key_end == key || key_end >= end || *key_end != ':')
        return NULL;
    if (dd->info.noptions == dd->options_cap) {
        dd->options_cap = dd->options_cap ? dd->options_cap * 2 : 4;
        dd->info.options =
            lt_xrealloc(dd->info.options, dd->options_cap * sizeof *dd->info.options);
    }
    lt_directive_option *o = &dd->info.options[dd->info.noptions++];
    o->key = dup_trimmed(key, key_end);
    o->value = dup_trimmed(key_end + 1, end);
    o->line = cmark_parser_get_line_number(parser);
    o->col = cmark_parser_get_first_nonspace(parser) + 1;
    consume_line(parser, input, len);
    return add_marker(parser, parent);
}

/* A line of colons: closes the innermost open directive if it has at most
 * that many colons. A list item, block quote or footnote in between owns
 * the line (its own content), as does any block the directive is in. */
static cmark_node *try_close(cmark_parser *parser, cmark_node *parent, unsigned char *input,
                             int len, int colons)
{
    for (cmark_node *n = parent; n; n = cmark_node_parent(n)) {
        switch (cmark_node_get_type(n)) {
        case CMARK_NODE_DOCUMENT:
        case CMARK_NODE_ITEM:
        case CMARK_NODE_BLOCK_QUOTE:
        case CMARK_NODE_FOOTNOTE_DEFINITION:
            return NULL;
        default:
            break;
        }
        dir_data *dd = data_of(n);
        if (!dd || dd->marker || dd->info.closed)
            continue;
        if (colons < dd->colons)
            return NULL;
        dd->info.closed = 1;
        consume_line(parser, input, len);
        /* From the deepest open block: every block between it and n cannot
         * take the marker, so cmark finalises each on the way up to n. */
        return add_marker(parser, parent);
    }
    return NULL;
}

static cmark_node *open_block(cmark_syntax_extension *self, int indented, cmark_parser *parser,
                              cmark_node *parent, unsigned char *input, int len)
{
    (void)self;
    if (indented)
        return NULL;
    const unsigned char *s = input + cmark_parser_get_first_nonspace(parser);
    const unsigned char *end = input + content_len(input, len);
    if (s >= end || *s != ':')
        return NULL;
    int colons = 0;
    while (s + colons < end && s[colons] == ':')
        colons++;
    if (colons == 1)
        return try_option(parser, parent, input, len, s, end);
    if (colons < 3)
        return NULL;
    const unsigned char *p = s + colons;
    while (p < end && is_blank_char(*p))
        p++;
    if (p == end)
        return try_close(parser, parent, input, len, colons);
    if (!(*p >= 'a' && *p <= 'z'))
        return NULL;
    const unsigned char *name = p;
    while (p < end && ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-'))
        p++;
    if (p < end && !is_blank_char(*p))
        return NULL;
    dir_data *dd = lt_xcalloc(1, sizeof *dd);
    dd->colons = colons;
    dd->info.name = dup_trimmed(name, p);
    dd->info.arg = dup_trimmed(p, end);
    cmark_node *node = add_node(parser, parent, dd);
    consume_line(parser, input, len);
    return node;
}

/* An open directive takes every line until its closing fence (which
 * open_block sees, after the blocks inside have had their say). */
static int match_block(cmark_syntax_extension *self, cmark_parser *parser, unsigned char *input,
                       int len, cmark_node *container)
{
    (void)self;
    (void)parser;
    (void)input;
    (void)len;
    dir_data *dd = data_of(container);
    return dd && !dd->marker && !dd->info.closed;
}

static int can_contain(cmark_syntax_extension *self, cmark_node *node, cmark_node_type child)
{
    (void)self;
    dir_data *dd = data_of(node);
    if (dd && dd->marker)
        return 0;
    /* Any block but a list item, including the table extension's table:
     * it retypes a paragraph in place and asks the parent first. */
    return (child & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK && child != CMARK_NODE_ITEM &&
           child != CMARK_NODE_DOCUMENT;
}

static const char *type_string(cmark_syntax_extension *self, cmark_node *node)
{
    (void)self;
    (void)node;
    return "directive";
}

static void remove_markers(cmark_node *root)
{
    cmark_iter *it = cmark_iter_new(root);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(it);
        dir_data *dd = data_of(n);
        /* Freeing after EXIT is safe: the iterator has already stepped on. */
        if (ev == CMARK_EVENT_EXIT && dd && dd->marker)
            cmark_node_free(n);
    }
    cmark_iter_free(it);
}

static cmark_node *postprocess(cmark_syntax_extension *self, cmark_parser *parser, cmark_node *root)
{
    (void)self;
    (void)parser;
    remove_markers(root);
    return root;
}

static void create_extension(void)
{
    extension = cmark_syntax_extension_new("lontar-directive");
    directive_type = cmark_syntax_extension_add_node(0);
    cmark_syntax_extension_set_open_block_func(extension, open_block);
    cmark_syntax_extension_set_match_block_func(extension, match_block);
    cmark_syntax_extension_set_can_contain_func(extension, can_contain);
    cmark_syntax_extension_set_get_type_string_func(extension, type_string);
    cmark_syntax_extension_set_postprocess_func(extension, postprocess);
}

cmark_syntax_extension *lt_directive_extension(void)
{
    pthread_once(&extension_once, create_extension);
    return extension;
}
