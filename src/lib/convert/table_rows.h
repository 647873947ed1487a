/* table_rows.h - the rows of a table: labels, figures in their columns,
 * sections and totals (table_rows.c). (internal) */
#ifndef R2X_TABLE_ROWS_H
#define R2X_TABLE_ROWS_H

#include "table_build.h"

int rows_build(extract *x, const block *b, table_plan *tp, r2x_table *t);
int rows_structure(r2x_table *t);

#endif
