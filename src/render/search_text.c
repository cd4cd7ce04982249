#include "render/search_text.h"

#include "util/arena.h"
#include "util/map.h"

#include <libstemmer.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* libstemmer fails only when memory runs out; like every allocation in
 * lontar, that aborts. */
static void out_of_memory(void)
{
    fputs("lontar: out of memory\n", stderr);
    abort();
}

/* Keep this list, the fold table and the character classes below in step
 * with themes/default/assets/stemmer-id.js (the browser gets the stop words
 * from search/meta.js, written from this list). */
const char *const lt_search_stop_words[] = {
    "ada",      "adalah",    "agak",     "agar",      "akan",   "aku",     "anda",     "antara",
    "apa",      "apabila",   "atau",     "bagaimana", "bagi",   "bahwa",   "beberapa", "begitu",
    "beliau",   "belum",     "bila",     "boleh",     "bukan",  "cukup",   "dan",      "dapat",
    "demikian", "dengan",    "di",       "dia",       "dll",    "dsb",     "hal",      "hanya",
    "harus",    "hingga",    "ia",       "ialah",     "ini",    "inilah",  "itu",      "itulah",
    "jangan",   "jika",      "juga",     "kah",       "kalau",  "kalian",  "kami",     "kamu",
    "kapan",    "karena",    "ke",       "kemudian",  "kenapa", "ketika",  "kita",     "lagi",
    "lah",      "lalu",      "lebih",    "maka",      "mana",   "masih",   "melalui",  "mengapa",
    "mereka",   "merupakan", "meskipun", "nya",       "oleh",   "pada",    "paling",   "para",
    "pernah",   "pula",      "pun",      "saat",      "saja",   "sampai",  "sang",     "sangat",
    "saya",     "sebagai",   "sebelum",  "sebuah",    "secara", "sedang",  "sehingga", "sejak",
    "selama",   "semua",     "seorang",  "seperti",   "serta",  "sesuatu", "setelah",  "setiap",
    "si",       "siapa",     "suatu",    "sudah",     "supaya", "tak",     "tanpa",    "telah",
    "tentang",  "terhadap",  "tersebut", "tetapi",    "tidak",  "untuk",   "walaupun", "yaitu",
    "yakni",    "yang",      NULL};

/* U+00C0..U+017F folded to lower-case ASCII; "" for × and ÷, which split
 * words. */
/* clang-format off */
static const char *const latin_fold[192] = {
    /* U+00C0 */ "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    /* U+00D0 */ "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "ss",
    /* U+00E0 */ "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    /* U+00F0 */ "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "y",
    /* U+0100 */ "a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d",
    /* U+0110 */ "d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",
    /* U+0120 */ "g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i",
    /* U+0130 */ "i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l",
    /* U+0140 */ "l", "l", "l", "n", "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o",
    /* U+0150 */ "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s",
    /* U+0160 */ "s", "s", "t", "t", "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u",
    /* U+0170 */ "u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s",
};
/* clang-format on */

typedef enum { CH_SPLIT, CH_IGNORE, CH_KEEP } char_class;

/* What a code point at or above U+0080 does to a word (ASCII and the fold
 * table are handled by the caller). */
static char_class classify(uint32_t cp)
{
    if (cp == 0xAD || (cp >= 0x300 && cp <= 0x36F) || (cp >= 0x200B && cp <= 0x200D) ||
        cp == 0x2060 || (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF)
        return CH_IGNORE;
    if (cp < 0xC0 || (cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x2E00 && cp <= 0x2E7F) ||
        (cp >= 0x3000 && cp <= 0x303F) || cp >= 0xFE10)
        return CH_SPLIT;
    return CH_KEEP;
}

/* Decodes one code point; invalid bytes come back as U+FFFD (a splitter)
 * one byte at a time. */
static size_t decode(const unsigned char *s, size_t n, uint32_t *cp)
{
    unsigned char c = s[0];
    size_t len;
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF)
        len = 2, *cp = c & 0x1F;
    else if (c >= 0xE0 && c <= 0xEF)
        len = 3, *cp = c & 0x0F;
    else if (c >= 0xF0 && c <= 0xF4)
        len = 4, *cp = c & 0x07;
    else
        len = 0;
    if (len == 0 || n < len)
        goto bad;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            goto bad;
        *cp = (*cp << 6) | (s[i] & 0x3F);
    }
    return len;
bad:
    *cp = 0xFFFD;
    return 1;
}

typedef struct {
    char buf[LT_SEARCH_MAX_TOKEN * 4 + 8];
    size_t len, chars, start, end;
    int too_long;
} token;

static void token_add(token *t, const char *s, size_t n, size_t chars)
{
    if (t->too_long || t->chars + chars > LT_SEARCH_MAX_TOKEN) {
        t->too_long = 1;
        return;
    }
    if (n == 1)
        t->buf[t->len] = *s; /* the common case, ASCII, without a memcpy call */
    else
        memcpy(t->buf + t->len, s, n);
    t->len += n;
    t->chars += chars;
}

void lt_search_tokenize(const char *text, size_t n, lt_search_token_fn fn, void *ctx)
{
    const unsigned char *s = (const unsigned char *)text;
    token cur = {0};
    /* The last token given out, for reduplication: "buku-buku". */
    char prev[sizeof cur.buf];
    size_t prev_len = 0, prev_end = 0;
    int have_prev = 0, in_word = 0;
    size_t i = 0;
    while (i <= n) {
        uint32_t cp = 0;
        size_t step = 1;
        char_class cls = CH_SPLIT;
        const char *piece = NULL;
        size_t piece_len = 0, piece_chars = 0;
        char ascii;
        if (i < n) {
            step = decode(s + i, n - i, &cp);
            if (cp < 0x80) {
                if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9') ||
                    (cp >= 'A' && cp <= 'Z')) {
                    ascii = (char)(cp >= 'A' && cp <= 'Z' ? cp - 'A' + 'a' : cp);
                    piece = &ascii;
                    piece_len = piece_chars = 1;
                    cls = CH_KEEP;
                }
            } else if (cp >= 0xC0 && cp <= 0x17F) {
                piece = latin_fold[cp - 0xC0];
                piece_len = piece_chars = strlen(piece);
                cls = piece_len ? CH_KEEP : CH_SPLIT;
            } else {
                cls = classify(cp);
                piece = (const char *)s + i;
                piece_len = step;
                piece_chars = 1;
            }
        }
        if (cls == CH_KEEP) {
            if (!in_word) {
                cur.len = cur.chars = 0;
                cur.too_long = 0;
                cur.start = i;
                in_word = 1;
            }
            token_add(&cur, piece, piece_len, piece_chars);
            cur.end = i + step;
        } else if (cls == CH_SPLIT && in_word) {
            in_word = 0;
            cur.buf[cur.len] = '\0';
            int hyphenated = have_prev && prev_end + 1 == cur.start && s[prev_end] == '-';
            int repeats = hyphenated && !cur.too_long && prev_len >= cur.len &&
                          memcmp(prev + prev_len - cur.len, cur.buf, cur.len) == 0;
            if (repeats) {
                prev_end = cur.end; /* "buku-buku-buku" is one word too */
            } else if (!cur.too_long && cur.chars >= 2) {
                fn(ctx, cur.buf, cur.len, cur.start, cur.end);
                memcpy(prev, cur.buf, cur.len + 1);
                prev_len = cur.len;
                prev_end = cur.end;
                have_prev = 1;
            } else {
                have_prev = 0;
            }
        }
        i += step;
    }
}

static int cmp_stop(const void *key, const void *elem)
{
    return strcmp(key, *(const char *const *)elem);
}

int lt_search_is_stop_word(const char *tok)
{
    size_t n = sizeof lt_search_stop_words / sizeof lt_search_stop_words[0] - 1;
    return bsearch(tok, lt_search_stop_words, n, sizeof lt_search_stop_words[0], cmp_stop) != NULL;
}

typedef struct {
    const char *stem;
    int stop;
} memo_entry;

struct lt_search_stemmer {
    struct sb_stemmer *sb;
    lt_arena *arena;
    lt_map memo;  /* token → memo_entry: one lookup a word once it is known */
    lt_map stems; /* stem → the one copy of it, so equal stems share a pointer */
};

lt_search_stemmer *lt_search_stemmer_new(void)
{
    lt_search_stemmer *st = lt_xcalloc(1, sizeof *st);
    st->sb = sb_stemmer_new("indonesian", "UTF_8");
    if (!st->sb)
        out_of_memory();
    st->arena = lt_arena_new();
    lt_map_init(&st->memo);
    lt_map_init(&st->stems);
    return st;
}

void lt_search_stemmer_free(lt_search_stemmer *st)
{
    if (!st)
        return;
    sb_stemmer_delete(st->sb);
    lt_map_free(&st->memo);
    lt_map_free(&st->stems);
    lt_arena_free(st->arena);
    free(st);
}

static const memo_entry *lookup(lt_search_stemmer *st, const char *tok)
{
    memo_entry *e = lt_map_get(&st->memo, tok);
    if (e)
        return e;
    const sb_symbol *out = sb_stemmer_stem(st->sb, (const sb_symbol *)tok, (int)strlen(tok));
    if (!out)
        out_of_memory();
    char *copy = lt_arena_strndup(st->arena, (const char *)out, (size_t)sb_stemmer_length(st->sb));
    const char *stem = lt_map_get(&st->stems, copy);
    if (!stem) {
        lt_map_put(&st->stems, copy, copy);
        stem = copy;
    }
    e = lt_arena_alloc(st->arena, sizeof *e);
    e->stem = stem;
    e->stop = lt_search_is_stop_word(tok);
    lt_map_put(&st->memo, lt_arena_strdup(st->arena, tok), e);
    return e;
}

const char *lt_search_stem(lt_search_stemmer *st, const char *tok)
{
    return lookup(st, tok)->stem;
}

typedef struct {
    lt_search_stemmer *st;
    lt_search_term_fn fn;
    void *ctx;
} terms_ctx;

static void term_of_token(void *ctx, const char *tok, size_t len, size_t start, size_t end)
{
    terms_ctx *t = ctx;
    const memo_entry *e = lookup(t->st, tok);
    if (!e->stop)
        t->fn(t->ctx, e->stem);
}

void lt_search_terms(lt_search_stemmer *st, const char *text, size_t n, lt_search_term_fn fn,
                     void *ctx)
{
    terms_ctx t = {st, fn, ctx};
    lt_search_tokenize(text, n, term_of_token, &t);
}
