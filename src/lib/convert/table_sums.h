/* table_sums.h - the printed totals that are sums of the rows above them
 * (table_sums.c). (internal) */
#ifndef R2X_TABLE_SUMS_H
#define R2X_TABLE_SUMS_H

#include "table_build.h"

/* The printed totals that are sums of the rows above them;
 * sets r2x_row.total of their addends and sum_checks (and is_total of a
 * line with no label that is such a sum).  R2X_ENOMEM. */
int sums_find(r2x_table *t);
/* Does the release print row as a total ("Total ...", "Net cash ...", a
 * line of figures with no label that sums the rows above it)?  Rows whose
 * labels do not say so may sum others too (sum_checks) without being one. */
int sums_printed_total(const r2x_row *row);
/* A printed total with no line of its own: right under a total that adds
 * up (or first), summing nothing ("Total stockholders' equity" alone in a
 * condensed balance sheet).  Not a total that fails. */
int sums_standalone_total(const r2x_table *t, size_t r);

#endif
