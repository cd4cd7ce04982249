/* The offline search index: built while pages render, written as
 * JavaScript files under search/ that the browser loads with <script> tags
 * (fetch and XHR are blocked over file://). Each file calls the global
 * lontarSearch.add(key, data); themes/default/assets/search.js reads them.
 *
 * Format (version 1):
 *
 *   search/meta.js   add("meta", {version, levels, pages, stop, sections,
 *                    shards: [[key, first term, continued], …],
 *                    chunks: [[key, first page], …]})
 *   search/t-*.js    term shards: add(key, [term, top, postings, …]) with
 *                    the terms of one alphabetical range; shards are filled
 *                    to about LT_SEARCH_SHARD_BYTES, so a query word loads
 *                    one shard. A term too big for one shard continues in
 *                    the next (continued = 1 there).
 *   search/p-*.js    page chunks: add(key, [[title, section, url, excerpt,
 *                    [heading, id, …]], …]) for consecutive page numbers;
 *                    section indexes meta.sections (-1: none), url is from
 *                    the site root, id "" stands for the heading's plain
 *                    slug (ASCII letters and digits lower-cased, any other
 *                    run one "-", none at the ends).
 *
 * Pages are numbered in reading order. A term's postings are one string of
 * variable-length numbers over 91 printable characters (see
 * put_number): per page, (gap - 1) * levels + (level - 1), where gap is the
 * distance from the previous page (from -1 in each shard) and the page's
 * BM25F score for the term (title, headings and body weighted) is
 * top / 1000 * level / levels. No file is larger than LT_SEARCH_MAX_FILE;
 * the same pages give byte-identical files whatever the thread count.
 *
 * Thread-safety: lt_search_add_page may run on many threads at once, each
 * with its own worker number; everything else on one thread.
 * Ownership: lt_search_new/lt_search_free. */
#ifndef LT_RENDER_SEARCH_INDEX_H
#define LT_RENDER_SEARCH_INDEX_H

#include "model/site.h"
#include "publish/output.h"
#include "util/buf.h"
#include "util/diag.h"

#define LT_SEARCH_SHARD_BYTES (24 * 1024)
#define LT_SEARCH_CHUNK_BYTES (16 * 1024)
#define LT_SEARCH_MAX_FILE (100 * 1024)

typedef struct lt_search lt_search;

/* threads: the number of workers that will call lt_search_add_page. */
lt_search *lt_search_new(int threads);
void lt_search_free(lt_search *s);

/* Reads the page's title, headings and body text from p->doc (before
 * lontar adds its generated boxes to it). worker: 0..threads-1. */
void lt_search_add_page(lt_search *s, const lt_page *p, int worker);

/* Takes p out of the index (to be added again with its new text). */
void lt_search_forget(lt_search *s, const lt_page *p);

/* Ranks and writes search/ into out. Returns 0, or -1 when a file could
 * not be written (reported in d). */
int lt_search_write(lt_search *s, const lt_site *site, lt_output *out, lt_diag *d);

/* Where the search form goes: search.js lists every result there. */
#define LT_SEARCH_RESULTS_PAGE "cari.html"

/* A page for LT_SEARCH_RESULTS_PAGE (the hint shown before a search, or
 * without JavaScript), or NULL when the site has its own page there. Render
 * it like any page; it is in no navigation, reading order or index, and
 * lives in the site's arena. */
lt_page *lt_search_results_page(lt_site *site);

/* Appends the key of a term shard: "t-" and the first two letters or
 * digits of its first term ("_" for anything else), then "-2", "-3"… for
 * the second, third… shard starting with the same two (nth counts from 0). */
void lt_search_shard_key(lt_buf *out, const char *first_term, unsigned nth);

#endif
