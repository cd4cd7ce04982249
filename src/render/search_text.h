/* Words for the search index: the tokeniser, the Indonesian stop words and
 * Snowball's Indonesian stemmer (libstemmer). The browser does the same to a
 * query in themes/default/assets/stemmer-id.js; the two must agree token for
 * token and stem for stem (tests/e2e/test_search_stemmer.sh checks).
 *
 * Tokens are maximal runs of letters and digits, folded: ASCII upper case
 * to lower case, Latin-1 and Latin Extended-A letters to ASCII ("é" → "e",
 * "ß" → "ss"). Other letters (U+0180 and up, outside the punctuation and
 * symbol blocks) are kept as they are; soft hyphens, zero-width joiners and
 * combining accents are dropped without splitting a word; code points past
 * U+FFFF split words. Tokens of one character or of more than
 * LT_SEARCH_MAX_TOKEN characters are dropped. A reduplicated word
 * ("buku-buku", "berlari-lari") gives its first half only: the second half
 * of a hyphenated pair is dropped when the first ends with it. */
#ifndef LT_RENDER_SEARCH_TEXT_H
#define LT_RENDER_SEARCH_TEXT_H

#include <stddef.h>

#define LT_SEARCH_MAX_TOKEN 40

/* tok: the folded token (NUL-terminated, borrowed for the call); start and
 * end: its bytes in the text. */
typedef void (*lt_search_token_fn)(void *ctx, const char *tok, size_t len, size_t start,
                                   size_t end);

void lt_search_tokenize(const char *text, size_t n, lt_search_token_fn fn, void *ctx);

/* The stop words, sorted by strcmp, NULL-terminated. */
extern const char *const lt_search_stop_words[];
int lt_search_is_stop_word(const char *tok);

/* One libstemmer instance with a memo of the words it has stemmed. Not
 * thread-safe (neither is libstemmer): one per thread.
 * Ownership: lt_search_stemmer_new/lt_search_stemmer_free. */
typedef struct lt_search_stemmer lt_search_stemmer;

lt_search_stemmer *lt_search_stemmer_new(void);
void lt_search_stemmer_free(lt_search_stemmer *st);
/* The stem of a folded token; borrowed, valid as long as the stemmer. */
const char *lt_search_stem(lt_search_stemmer *st, const char *tok);

/* term: a stem, borrowed, valid as long as the stemmer. */
typedef void (*lt_search_term_fn)(void *ctx, const char *term);

/* The index terms of text in order: tokens without stop words, stemmed. */
void lt_search_terms(lt_search_stemmer *st, const char *text, size_t n, lt_search_term_fn fn,
                     void *ctx);

#endif
