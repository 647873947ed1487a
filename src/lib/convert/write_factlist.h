/*
 * write_factlist.h - the facts of an instance, one a line, for people (a
 * table) or programs (JSON) (internal): concept, period, dimensions, unit,
 * the value as written, decimals and the line the fact comes from.
 */
#ifndef R2X_WRITE_FACTLIST_H
#define R2X_WRITE_FACTLIST_H

#include "instance_facts.h"
#include "output.h"

/* source names the file the lines are of.  json: JSON, else the table. */
int factlist_write(const xfacts *x, const char *source, int json, const char *path,
                   r2x_error *err);

#endif
