/* The PDF of the handbook, made by WeasyPrint (the engine here with CSS
 * paged media: page counters in the table of contents, running headers,
 * page footnotes) run as a child process: no shell, a time limit, and its
 * messages turned into diagnostics. */
#ifndef LT_PUBLISH_PDF_H
#define LT_PUBLISH_PDF_H

#include "util/diag.h"

/* Full path of the `weasyprint` executable on PATH (malloc'd), or NULL when
 * it is not installed. */
char *lt_pdf_find_engine(void);

/* Runs `engine html pdf` (both paths on disk; relative URLs in the HTML
 * resolve against its own folder). Each message WeasyPrint prints becomes a
 * warning at `shown` ("handbook.html: warning: weasyprint: …"); a failure,
 * or running longer than timeout_s (the process is then killed), is an
 * error. Returns 0, or -1 with the error reported. */
int lt_pdf_make(const char *engine, const char *html, const char *pdf, const char *shown,
                double timeout_s, lt_diag *d);

#endif
