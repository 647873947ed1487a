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
    char line[4096];          /* the current line, without its line end */
} linefile;

/* Open path; `what` names the file in the message ("mapping table"). */
int linefile_open(linefile *lf, const char *path, const char *what, r2x_error *err);
/* Read the next line into lf->line: 1 a line, 0 the end, or an R2X_E* code
 * (negated) with err filled: a line too long, a read error. */
int linefile_next(linefile *lf, r2x_error *err);
void linefile_close(linefile *lf);

#endif
