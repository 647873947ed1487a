/* table_sums.h - the printed totals that are sums of the rows above them
 * (table_sums.c). (internal) */
#ifndef R2X_TABLE_SUMS_H
#define R2X_TABLE_SUMS_H

#include "table_build.h"

/* The printed totals that are sums of the rows above them;
 * sets r2x_row.total of their addends and sum_checks (and is_total of a
 * line with no label that is such a sum).  R2X_ENOMEM. */
int sums_find(r2x_table *t);

#endif
