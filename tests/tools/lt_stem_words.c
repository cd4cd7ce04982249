/* Prints what the search index makes of words, for the parity test with the
 * browser's stemmer-id.js (tests/e2e/test_search_stemmer.sh).
 *
 *   lt_stem_words           one word a line on stdin → "word<TAB>stem"
 *   lt_stem_words --tokens  text on stdin → "token<TAB>stem" per token */
#include "render/search_text.h"
#include "util/buf.h"

#include <stdio.h>
#include <string.h>

static void print_token(void *ctx, const char *tok, size_t len, size_t start, size_t end)
{
    printf("%s\t%s\n", tok, lt_search_stem(ctx, tok));
}

int main(int argc, char **argv)
{
    int tokens = argc > 1 && strcmp(argv[1], "--tokens") == 0;
    if (argc > 2 || (argc == 2 && !tokens)) {
        fputs("usage: lt_stem_words [--tokens] <input\n", stderr);
        return 2;
    }
    lt_search_stemmer *st = lt_search_stemmer_new();
    lt_buf in = LT_BUF_INIT;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0)
        lt_buf_put(&in, chunk, n);
    if (tokens) {
        lt_search_tokenize(lt_buf_cstr(&in), in.len, print_token, st);
    } else {
        for (char *line = in.data ? strtok(in.data, "\n") : NULL; line; line = strtok(NULL, "\n"))
            printf("%s\t%s\n", line, lt_search_stem(st, line));
    }
    lt_buf_free(&in);
    lt_search_stemmer_free(st);
    return 0;
}
