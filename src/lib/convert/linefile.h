/* linefile.h - read a configuration file line by line (internal): the
 * mapping tables, concept dictionaries and profiles share it. */
#ifndef R2X_LINEFILE_H
#define R2X_LINEFILE_H

#include <stdio.h>

#include "release2xbrl.h"

typedef struct linefile {
    FILE *fp;
    const char *path;
    long lineno;
    int status;               /* R2X_OK, or why reading stopped early */
    char line[4096];          /* the current line, without its line end */
} linefile;

/* Open path; `what` names the file in the message ("mapping table"). */
int linefile_open(linefile *lf, const char *path, const char *what, r2x_error *err);
/* Read the next line into lf->line: 1 a line, 0 no more.  When reading
 * stopped on an error (a line too long, a read error) err is filled and
 * lf->status holds its code. */
int linefile_next(linefile *lf, r2x_error *err);
void linefile_close(linefile *lf);
/* Read a data file (at most max bytes; `what` names it in messages: "concept
 * dictionary") line by line, a chunk at a time (the large tables loaded at
 * every conversion: no page is mapped for the whole file), and call fn for
 * each line, NUL-terminated in place without its line end, which fn may
 * change, with its 1-based number.  A NUL byte or a line that is not UTF-8
 * text is an error (R2X_EPROFILE), and so is what fn returns other than
 * R2X_OK, which stops the reading. */
int text_each_line(const char *path, size_t max, const char *what,
                   int (*fn)(void *ctx, char *line, size_t len, long lineno), void *ctx,
                   r2x_error *err);
/* 0 when text is UTF-8 with no control character but tab, else the 1-based
 * column of the first byte that is not (XML cannot carry it). */
size_t text_invalid_at(const char *text, size_t len);

#endif
