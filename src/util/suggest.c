#include "util/suggest.h"

#include <ctype.h>
#include <string.h>

size_t lt_edit_distance(const char *a, const char *b, size_t limit)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64)
        return limit + 1;
    if ((la > lb ? la - lb : lb - la) > limit)
        return limit + 1;
    size_t row[65];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0], best = row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            int same = tolower((unsigned char)a[i - 1]) == tolower((unsigned char)b[j - 1]);
            size_t v = diag + !same;
            if (up + 1 < v)
                v = up + 1;
            if (row[j - 1] + 1 < v)
                v = row[j - 1] + 1;
            row[j] = v;
            diag = up;
            if (v < best)
                best = v;
        }
        if (best > limit)
            return limit + 1;
    }
    return row[lb];
}

const char *lt_suggest(const char *word, const lt_map *const *maps)
{
    /* Short ids tolerate one edit, longer ones two. */
    size_t limit = strlen(word) <= 4 ? 1 : 2;
    const char *best = NULL;
    size_t best_d = limit + 1;
    for (; *maps; maps++) {
        const lt_map *m = *maps;
        for (size_t i = 0; i < m->cap; i++) {
            if (!m->keys[i])
                continue;
            if (strcmp(word, m->keys[i]) == 0)
                continue;
            size_t dist = lt_edit_distance(word, m->keys[i], limit);
            /* Ties go to the byte-wise smaller key, so output is stable. */
            if (dist < best_d || (dist == best_d && best && strcmp(m->keys[i], best) < 0)) {
                best_d = dist;
                best = m->keys[i];
            }
        }
    }
    return best_d <= limit ? best : NULL;
}
