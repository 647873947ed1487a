/*
 * write_oim.h - the facts of an instance in the Open Information Model's
 * formats (internal): xBRL-JSON 1.0 and xBRL-CSV 1.0 (a CSV table and the
 * JSON metadata that describes it).
 *
 * Every fact keeps its concept, entity, period (OIM dateTimes: a date is
 * the start of its day, or of the next as an end), unit (omitted for pure,
 * as OIM writes it), dimensions, value as written and decimals (a precision
 * becomes the decimals it implies).  Refused (R2X_EINPUT), because OIM has
 * no place for them: tuples, segment or scenario content other than
 * dimensions, precision 0.  Footnotes are left out with a warning; the
 * language of text facts is not carried.
 */
#ifndef R2X_WRITE_OIM_H
#define R2X_WRITE_OIM_H

#include "instance_facts.h"
#include "output.h"

/* Write xBRL-JSON to path; the output goes to *deferred uncommitted (NULL:
 * commit it).  name is the instance's, for messages. */
int oim_write_json(const xfacts *x, const char *name, const char *path, r2x_diag_fn diag,
                   void *diag_userdata, r2x_output **deferred, r2x_error *err);

/* The metadata file of an xBRL-CSV table: "facts.csv" -> "facts-metadata.json"
 * (a final ".csv" replaced), into out (size bytes); 0 when too long. */
int oim_csv_metadata_path(const char *csv_path, char *out, size_t size);

/* Write xBRL-CSV: the table to csv_path and its metadata beside it;
 * deferred[0] gets the table, [1] the metadata (NULL: commit them). */
int oim_write_csv(const xfacts *x, const char *name, const char *csv_path, r2x_diag_fn diag,
                  void *diag_userdata, r2x_output **deferred, r2x_error *err);

#endif
