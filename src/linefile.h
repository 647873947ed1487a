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
/* Read a whole file (at most max bytes) into one allocation, NUL-terminated,
 * that the caller frees: for data files read at once and parsed in place.  A
 * NUL byte in it is an error (R2X_EPROFILE); `what` names the file in the
 * message ("concept dictionary"). */
int text_read_file(const char *path, size_t max, const char *what, char **text, size_t *len,
                   r2x_error *err);
/* 0 when text is UTF-8 with no control character but tab, else the 1-based
 * column of the first byte that is not (XML cannot carry it). */
size_t text_invalid_at(const char *text, size_t len);

#endif
