#include "publish/pdf.h"

#include "util/arena.h"
#include "util/buf.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

char *lt_pdf_find_engine(void)
{
    const char *path = getenv("PATH");
    if (!path)
        path = "/usr/local/bin:/usr/bin:/bin";
    lt_buf b = LT_BUF_INIT;
    char *found = NULL;
    while (*path && !found) {
        size_t n = strcspn(path, ":");
        /* An empty entry means the current folder: never run a program
         * from the site being built. */
        if (n > 0) {
            lt_buf_clear(&b);
            lt_buf_put(&b, path, n);
            lt_buf_puts(&b, "/weasyprint");
            struct stat st;
            if (stat(lt_buf_cstr(&b), &st) == 0 && S_ISREG(st.st_mode) &&
                access(lt_buf_cstr(&b), X_OK) == 0)
                found = lt_buf_detach(&b);
        }
        path += n + (path[n] == ':');
    }
    lt_buf_free(&b);
    return found;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Collects the child's stderr until it closes or the deadline passes.
 * Returns 0 at end of file, -1 on timeout. */
static int read_until(int fd, double deadline, lt_buf *out)
{
    char chunk[4096];
    for (;;) {
        double left = deadline - now();
        if (left <= 0)
            return -1;
        struct pollfd pf = {fd, POLLIN, 0};
        int r = poll(&pf, 1, left > 60 ? 60000 : (int)(left * 1000) + 1);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return 0; /* cannot watch it: wait for the exit instead */
        if (r == 0)
            continue;
        ssize_t n = read(fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return 0;
        lt_buf_put(out, chunk, (size_t)n);
    }
}

/* Waits for pid until the deadline, then kills it. Returns 0 when it
 * exited on its own (status set), -1 when it had to be killed. */
static int wait_until(pid_t pid, double deadline, int *status)
{
    for (;;) {
        pid_t w = waitpid(pid, status, WNOHANG);
        if (w == pid || (w < 0 && errno != EINTR))
            return 0;
        if (now() >= deadline) {
            kill(pid, SIGKILL);
            while (waitpid(pid, status, 0) < 0 && errno == EINTR)
                ;
            return -1;
        }
        struct timespec ts = {0, 10 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
}

/* WeasyPrint logs as "LEVEL: message"; the level adds nothing to a
 * diagnostic that is a warning anyway. */
static const char *strip_level(const char *line, int *is_log)
{
    static const char *levels[] = {"WARNING: ", "ERROR: ", "INFO: ", "CRITICAL: ", NULL};
    for (int i = 0; levels[i]; i++) {
        size_t n = strlen(levels[i]);
        if (strncmp(line, levels[i], n) == 0) {
            *is_log = 1;
            return line + n;
        }
    }
    *is_log = 0;
    return line;
}

/* Turns the child's messages into warnings, each distinct one once (a
 * stylesheet problem repeats for every element it touches). When the run
 * failed, only log messages become warnings; the last line, usually the
 * exception, is returned for the error. */
static const char *report_messages(char *text, const char *shown, int failed, lt_diag *d)
{
    const char *last = NULL;
    const char **seen = NULL;
    size_t nseen = 0;
    char *save = NULL;
    for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        size_t n = strlen(line);
        while (n && (line[n - 1] == '\r' || line[n - 1] == ' '))
            line[--n] = '\0';
        int is_log;
        const char *msg = strip_level(line, &is_log);
        if (!*msg)
            continue;
        last = msg;
        if (failed && !is_log)
            continue;
        int dup = 0;
        for (size_t i = 0; i < nseen && !dup; i++)
            dup = strcmp(seen[i], msg) == 0;
        if (dup)
            continue;
        seen = lt_xrealloc(seen, (nseen + 1) * sizeof *seen);
        seen[nseen++] = msg;
        lt_warn(d, shown, 0, 0, "weasyprint: %s", msg);
    }
    free(seen);
    return last;
}

int lt_pdf_make(const char *engine, const char *html, const char *pdf, const char *shown,
                double timeout_s, lt_diag *d)
{
    int rc = -1, fa_ready = 0;
    int fds[2] = {-1, -1};
    posix_spawn_file_actions_t fa;
    lt_buf err = LT_BUF_INIT;
    double deadline = now() + timeout_s;
    if (pipe2(fds, O_CLOEXEC) < 0) {
        lt_error(d, shown, 0, 0, "cannot run weasyprint: %s", strerror(errno));
        goto done;
    }
    posix_spawn_file_actions_init(&fa);
    fa_ready = 1;
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_adddup2(&fa, fds[1], 2);
    /* --custom-metadata: the version and edition <meta> go into the PDF's
     * document information too. */
    char *argv[] = {(char *)engine, "--custom-metadata", (char *)html, (char *)pdf, NULL};
    pid_t pid;
    int e = posix_spawn(&pid, engine, &fa, NULL, argv, environ);
    close(fds[1]);
    fds[1] = -1;
    if (e) {
        lt_error(d, shown, 0, 0, "cannot run %s: %s", engine, strerror(e));
        goto done;
    }
    int status = 0;
    int timed_out = read_until(fds[0], deadline, &err) < 0;
    timed_out = wait_until(pid, timed_out ? 0 : deadline, &status) < 0 || timed_out;
    int failed = timed_out || !WIFEXITED(status) || WEXITSTATUS(status) != 0;
    char nothing[] = "";
    const char *last = report_messages(err.data ? err.data : nothing, shown, failed, d);
    if (timed_out)
        lt_error(d, shown, 0, 0,
                 "weasyprint did not finish within %g s and was stopped (raise "
                 "handbook.timeout_s in lontar.yml)",
                 timeout_s);
    else if (WIFSIGNALED(status))
        lt_error(d, shown, 0, 0, "weasyprint was killed by signal %d", WTERMSIG(status));
    else if (failed)
        lt_error(d, shown, 0, 0, "weasyprint failed (exit status %d)%s%s", WEXITSTATUS(status),
                 last ? ": " : "", last ? last : "");
    else
        rc = 0;
done:
    if (fa_ready)
        posix_spawn_file_actions_destroy(&fa);
    if (fds[0] >= 0)
        close(fds[0]);
    if (fds[1] >= 0)
        close(fds[1]);
    lt_buf_free(&err);
    return rc;
}
