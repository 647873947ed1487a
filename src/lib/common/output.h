/*
 * output.h - outputs that are never half written (after git's lockfile).
 *
 * output_open() writes to a temporary file beside the target; output_commit()
 * flushes, fsyncs and renames it into place; output_abort() removes it.  The
 * path "-" writes to standard output directly.  Temporary files still open are
 * removed if the process is interrupted (SIGINT, SIGTERM, SIGHUP).
 */
#ifndef R2X_OUTPUT_H
#define R2X_OUTPUT_H

#include <stdio.h>

#include "release2xbrl.h"

typedef struct r2x_output r2x_output;

int output_open(const char *path, r2x_output **out, r2x_error *err);
FILE *output_stream(r2x_output *o);
/* The path the output goes to ("-" for standard output). */
const char *output_target(const r2x_output *o);
/* Commit (flush, fsync, rename) and free.  On failure the temporary file is
 * removed and the target left as it was. */
int output_commit(r2x_output *o, r2x_error *err);
/* Discard and free (NULL is fine). */
void output_abort(r2x_output *o);
/* Outputs written together, all or none: with rc R2X_OK commit each (NULL
 * entries skipped) and abort the rest once one fails, else abort them all;
 * returns rc or the failed commit's status. */
int output_commit_all(r2x_output **outs, size_t n, int rc, r2x_error *err);

#endif
