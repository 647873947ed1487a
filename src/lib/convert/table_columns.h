/* table_columns.h - the value columns of a table and the headings over them
 * (table_columns.c). (internal) */
#ifndef R2X_TABLE_COLUMNS_H
#define R2X_TABLE_COLUMNS_H

#include "table_build.h"

int columns_find(extract *x, const block *b, table_plan *tp);
int columns_read_headings(extract *x, const block *b, const title_info *ti, table_plan *tp);
void columns_assign_roles(extract *x, table_plan *tp);
/* What each column's figures are like: percentages, fractions, currency signs. */
void columns_stats(extract *x, const block *b, table_plan *tp);
/* Periods of convenience-translation and "% of total" columns, from the
 * amount columns they go with. */
void columns_place_dependents(table_plan *tp);
/* A cell of a heading row that stands over the value columns. */
int columns_heading_cell(const extract *x, const table_plan *tp, const tcell *c);
/* The value column a figure cell belongs to, -1 none. */
int columns_of_cell(const extract *x, const table_plan *tp, const tcell *c);

#endif
