/* document.h - the release as lines of validated UTF-8 text (internal). */
#ifndef R2X_DOCUMENT_H
#define R2X_DOCUMENT_H

#include "release2xbrl.h"

struct r2x_document {
    char *name;
    char *text;            /* NUL-terminated, lines end with '\n', CR removed */
    size_t len;
    size_t *line_start;    /* nlines + 1 offsets: line n is [start[n-1], start[n]) */
    size_t nlines;
};

/* Line n (1-based) as pointer and length without its '\n'. */
const char *document_line(const r2x_document *doc, size_t n, size_t *len);

#endif
