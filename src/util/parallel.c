#include "util/parallel.h"

#include "util/arena.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <unistd.h>

typedef struct {
    atomic_size_t next;
    size_t n;
    lt_parallel_fn fn;
    void *ctx;
} job;

typedef struct {
    job *j;
    int worker;
} slot;

static void *run(void *arg)
{
    slot *s = arg;
    for (;;) {
        size_t i = atomic_fetch_add(&s->j->next, 1);
        if (i >= s->j->n)
            break;
        s->j->fn(s->j->ctx, i, s->worker);
    }
    return NULL;
}

void lt_parallel_for(size_t n, int threads, lt_parallel_fn fn, void *ctx)
{
    job j = {.n = n, .fn = fn, .ctx = ctx};
    atomic_init(&j.next, 0);
    if (threads < 1)
        threads = 1;
    if ((size_t)threads > n)
        threads = n ? (int)n : 1;
    slot *slots = lt_xcalloc((size_t)threads, sizeof *slots);
    pthread_t *tids = lt_xcalloc((size_t)threads, sizeof *tids);
    for (int t = 0; t < threads; t++) {
        slots[t].j = &j;
        slots[t].worker = t;
    }
    /* The calling thread is worker 0. */
    for (int t = 1; t < threads; t++)
        if (pthread_create(&tids[t], NULL, run, &slots[t]) != 0)
            abort();
    run(&slots[0]);
    for (int t = 1; t < threads; t++)
        pthread_join(tids[t], NULL);
    free(slots);
    free(tids);
}

int lt_parallel_threads(void)
{
    const char *env = getenv("LONTAR_THREADS");
    long n = env ? strtol(env, NULL, 10) : sysconf(_SC_NPROCESSORS_ONLN);
    if (n < 1)
        n = 1;
    if (n > 64)
        n = 64;
    return (int)n;
}
