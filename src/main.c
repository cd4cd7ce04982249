/* The lontar command line: a thin layer over lt_build_run. */
#include "build.h"
#include "util/diag.h"

#include <malloc.h>
#include <stdio.h>
#include <string.h>

#ifndef LT_VERSION
#define LT_VERSION "0.0.0"
#endif

enum { EXIT_OK = 0, EXIT_CONTENT = 1, EXIT_USAGE = 2 };

static const char *main_help = "usage: lontar <command> [options]\n"
                               "\n"
                               "commands:\n"
                               "  build [SRC]   build the site in SRC (default .) into SRC/_site\n"
                               "  check [SRC]   check the content without writing anything\n"
                               "  version       print the version\n"
                               "  help [CMD]    show help for a command\n"
                               "\n"
                               "Run 'lontar <command> --help' for the options of a command.\n";

static const char *build_help =
    "usage: lontar build [SRC] [-o OUT] [--edition peserta|pelatih] [--strict] [--drafts]\n"
    "                    [--worktree | --ref REF]\n"
    "\n"
    "Builds the Markdown site in SRC (default: the current folder) into OUT\n"
    "(default: SRC/_site). The new site replaces OUT only when the build\n"
    "succeeds; a failed build leaves OUT as it was.\n"
    "\n"
    "In a git repository lontar reads the committed content, not the files on\n"
    "disk: with 'versions:' in lontar.yml, every selected tag and branch goes to\n"
    "OUT/<version>/; otherwise HEAD is built into OUT.\n"
    "\n"
    "options:\n"
    "  -o, --output OUT  output folder\n"
    "  --worktree        build the files on disk (uncommitted changes too)\n"
    "  --ref REF         build one tag, branch or commit only, into OUT\n"
    "  --edition E       peserta (participants, default) or pelatih (trainers)\n"
    "  --strict          treat warnings as errors\n"
    "  --drafts          also build pages marked 'draft: true'\n"
    "  -j, --jobs N      worker threads (default: number of CPUs)\n"
    "  -q, --quiet       no summary line\n"
    "  -h, --help        show this help\n"
    "\n"
    "environment:\n"
    "  LONTAR_HANDBOOK_PDF=auto|always|never  overrides handbook.pdf in lontar.yml\n"
    "  (never: skip the slow PDF step while editing)\n"
    "\n"
    "exit status: 0 built, 1 errors in the content, 2 wrong usage\n";

static const char *check_help =
    "usage: lontar check [SRC] [--edition peserta|pelatih] [--strict] [--format text|json]\n"
    "                    [--worktree | --ref REF]\n"
    "\n"
    "Runs every check of a build without writing output: broken links and\n"
    "references, front matter and schema errors, duplicate ids, prerequisite\n"
    "cycles, competency gaps, unknown directives, session time.\n"
    "\n"
    "options:\n"
    "  --strict          treat warnings as errors\n"
    "  --format F        text (default) or json (one JSON object per line)\n"
    "  --worktree        check the files on disk, not the committed content\n"
    "  --ref REF         check one tag, branch or commit only\n"
    "  --edition E       peserta (default) or pelatih\n"
    "  -h, --help        show this help\n"
    "\n"
    "exit status: 0 no errors, 1 errors in the content, 2 wrong usage\n";

static const char *version_help = "usage: lontar version\n\nPrints lontar's version.\n";

static int usage_error(const char *msg, const char *arg, const char *help)
{
    fprintf(stderr, "lontar: %s%s%s\n\n%s", msg, arg ? ": " : "", arg ? arg : "", help);
    return EXIT_USAGE;
}

static int cmd_build(int argc, char **argv, int check)
{
    lt_build_options opt = {.src = ".", .check_only = check};
    const char *help = check ? check_help : build_help;
    lt_diag_format format = LT_DIAG_TEXT;
    int quiet = 0, have_src = 0;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(help, stdout);
            return EXIT_OK;
        } else if (!strcmp(a, "--edition")) {
            if (++i >= argc || (strcmp(argv[i], "peserta") && strcmp(argv[i], "pelatih")))
                return usage_error("--edition must be peserta or pelatih", NULL, help);
            opt.edition = argv[i];
        } else if (check && !strcmp(a, "--format")) {
            if (++i >= argc || (strcmp(argv[i], "text") && strcmp(argv[i], "json")))
                return usage_error("--format must be text or json", NULL, help);
            format = strcmp(argv[i], "json") ? LT_DIAG_TEXT : LT_DIAG_JSON;
        } else if (!check && (!strcmp(a, "-o") || !strcmp(a, "--output"))) {
            if (++i >= argc)
                return usage_error("missing folder after", a, help);
            opt.out = argv[i];
        } else if (!strcmp(a, "-j") || !strcmp(a, "--jobs")) {
            if (++i >= argc || sscanf(argv[i], "%d", &opt.threads) != 1 || opt.threads < 1)
                return usage_error("-j needs a positive number", NULL, help);
        } else if (!strcmp(a, "--worktree")) {
            opt.worktree = 1;
        } else if (!strcmp(a, "--ref")) {
            if (++i >= argc || !argv[i][0])
                return usage_error("missing ref after", a, help);
            opt.ref = argv[i];
        } else if (!strcmp(a, "--strict")) {
            opt.strict = 1;
        } else if (!check && !strcmp(a, "--drafts")) {
            opt.drafts = 1;
        } else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
            quiet = 1;
        } else if (a[0] == '-' && a[1]) {
            return usage_error("unknown option", a, help);
        } else if (!have_src) {
            opt.src = a;
            have_src = 1;
        } else {
            return usage_error("more than one source folder", a, help);
        }
    }
    if (opt.worktree && opt.ref)
        return usage_error("--worktree and --ref cannot be used together", NULL, help);
    lt_diag *d = lt_diag_new();
    lt_build_result r;
    int rc = lt_build_run(&opt, d, &r);
    /* JSON lines go to stdout for tools; text diagnostics to stderr. */
    lt_diag_print(d, format == LT_DIAG_JSON ? stdout : stderr, format, opt.strict);
    if (check && !quiet) {
        size_t errors = r.errors + (opt.strict ? r.warnings : 0);
        size_t warnings = opt.strict ? 0 : r.warnings;
        fprintf(stderr, "lontar: check %s: %zu warning%s, %zu error%s\n", rc ? "failed" : "passed",
                warnings, warnings == 1 ? "" : "s", errors, errors == 1 ? "" : "s");
    } else if (!quiet) {
        size_t errors = r.errors + (opt.strict ? r.warnings : 0);
        size_t warnings = opt.strict ? 0 : r.warnings;
        fprintf(stderr, "lontar: %s: ", rc ? "build failed" : "built");
        if (r.versions > 1)
            fprintf(stderr, "%zu versions, ", r.versions);
        fprintf(stderr, "%zu pages, %zu files, %zu warning%s, %zu error%s in %.2f s", r.pages,
                r.files, warnings, warnings == 1 ? "" : "s", errors, errors == 1 ? "" : "s",
                r.seconds);
        if (r.pdf_seconds > 0)
            fprintf(stderr, " (PDF %.2f s)", r.pdf_seconds);
        if (r.reused > 0)
            fprintf(stderr, "; %zu pages reused from the version built before", r.reused);
        if (r.carried > 0)
            fprintf(stderr, " (%zu version%s read only where changed)", r.carried,
                    r.carried == 1 ? "" : "s");
        fputc('\n', stderr);
        if (r.uncommitted_files)
            fprintf(stderr,
                    "lontar: note: %zu file%s changed on disk but not committed %s not in this "
                    "build (it reads what git has; --worktree builds the files on disk)\n",
                    r.uncommitted_files, r.uncommitted_files == 1 ? "" : "s",
                    r.uncommitted_files == 1 ? "is" : "are");
        if (r.uncommitted)
            fputs("lontar: note: this folder is in a git repository that does not track it: "
                  "built the files on disk\n",
                  stderr);
        /* A note, not a warning: --strict builds without WeasyPrint pass. */
        if (r.pdf_skipped)
            fputs("lontar: note: no handbook PDF: WeasyPrint is not installed (install the "
                  "'weasyprint' package, or set handbook.pdf: never in lontar.yml)\n",
                  stderr);
    }
    lt_diag_free(d);
    return rc ? EXIT_CONTENT : EXIT_OK;
}

static int cmd_version(int argc, char **argv)
{
    if (argc > 0 && (!strcmp(argv[0], "-h") || !strcmp(argv[0], "--help"))) {
        fputs(version_help, stdout);
        return EXIT_OK;
    }
    if (argc > 0)
        return usage_error("unexpected argument", argv[0], version_help);
    printf("lontar %s\n", LT_VERSION);
    return EXIT_OK;
}

static const char *help_for(const char *cmd)
{
    if (!strcmp(cmd, "build"))
        return build_help;
    if (!strcmp(cmd, "check"))
        return check_help;
    if (!strcmp(cmd, "version"))
        return version_help;
    if (!strcmp(cmd, "help"))
        return main_help;
    return NULL;
}

/* The large buffers of a build (the handbook, search shards, pages read
 * back for reuse) are freed and allocated again for every version. By
 * default glibc gives each back to the kernel and the next version pays a
 * page fault per 4 KB to touch it again, which on a virtual machine costs
 * more than filling it: keep freed memory in the process instead. */
static void keep_freed_memory(void)
{
#ifdef M_MMAP_THRESHOLD
    mallopt(M_MMAP_THRESHOLD, 1 << 30);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
#endif
}

int main(int argc, char **argv)
{
    keep_freed_memory();
    if (argc < 2)
        return usage_error("no command given", NULL, main_help);
    const char *cmd = argv[1];
    if (!strcmp(cmd, "build") || !strcmp(cmd, "check"))
        return cmd_build(argc - 2, argv + 2, !strcmp(cmd, "check"));
    if (!strcmp(cmd, "version") || !strcmp(cmd, "--version"))
        return cmd_version(argc - 2, argv + 2);
    if (!strcmp(cmd, "help") || !strcmp(cmd, "-h") || !strcmp(cmd, "--help")) {
        if (argc > 2) {
            const char *h = help_for(argv[2]);
            if (!h)
                return usage_error("unknown command", argv[2], main_help);
            fputs(h, stdout);
        } else {
            fputs(main_help, stdout);
        }
        return EXIT_OK;
    }
    return usage_error("unknown command", cmd, main_help);
}
